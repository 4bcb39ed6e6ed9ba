"""One declaration, two views: the live ipywidgets explorer and the kernel-free handout.

An :class:`Explorer` is a :class:`~helpers.activities.declaration.Declaration` (controls and the outputs they
drive) and an :class:`~helpers.activities.base.Activity` with its two views: :meth:`Explorer.widget` (live,
:mod:`helpers.activities.live`) and the handout view (:mod:`helpers.activities.handout`);
:meth:`Explorer.show` (the activity's) picks the one that suits the current mode.
Lesson modules (``helpers/lessons/``) declare explorers with zero-argument factories marked ``@register``.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go

from helpers.activities.base import Activity, page_id
from helpers.activities.declaration import Control, Declaration, Dropdown, Slider, Table
from helpers.activities.handout import explorer_html, handout_base_figure
from helpers.activities.live import LiveExplorer

__all__ = ["Control", "Dropdown", "Explorer", "Slider", "Table", "register", "registered"]

_FACTORIES: dict[str, Callable[[], Explorer]] = {}


class Explorer(Declaration, Activity):
    """Controls and the outputs they drive, declared once, with a live and a handout view."""

    def widget(self) -> LiveExplorer:
        """The live explorer (ipywidgets + course chart and/or table): :class:`helpers.activities.live.LiveExplorer`."""
        return LiveExplorer(self)

    def live_view(self):
        """The live view: the widget to display (:attr:`LiveExplorer.view`)."""
        return self.widget().view

    def handout_html(self) -> str:
        """The handout view: native controls over precomputed frames (see :mod:`helpers.activities.handout`)."""
        return explorer_html(self, page_id("explorer", self.name))

    def handout_figure(self) -> go.Figure:
        """The handout's figure as first drawn (its frames are in :func:`helpers.activities.handout.frames_spec`)."""
        return handout_base_figure(self)


def register(factory: Callable[[], Explorer]) -> Callable[[], Explorer]:
    """Mark a zero-argument function that returns an :class:`Explorer` (figure, table or both) as part of the course."""
    _FACTORIES[f"{factory.__module__}.{factory.__name__}"] = factory
    return factory


def registered() -> dict[str, Callable[[], Explorer]]:
    """Every registered factory so far, keyed by ``module.function`` (see :func:`helpers.lessons.all_explorers`)."""
    return dict(_FACTORIES)
