"""One declaration, two views: the live ipywidgets explorer and the kernel-free handout.

An :class:`Explorer` is a :class:`~helpers.activities.declaration.Declaration` (controls and the outputs they
drive) with its two views: :meth:`Explorer.widget` (live, :mod:`helpers.activities.live`) and the handout view
(:mod:`helpers.activities.handout`); :meth:`Explorer.show` picks the one that suits the current mode.
Lesson modules (``helpers/lessons/``) declare explorers with zero-argument factories marked ``@register``.
"""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
from IPython.display import display

from helpers.activities.declaration import Control, Declaration, Dropdown, Slider, Table
from helpers.activities.display import in_handout
from helpers.activities.handout import handout_base_figure, show_handout
from helpers.activities.live import LiveExplorer

__all__ = ["Control", "Dropdown", "Explorer", "Slider", "Table", "register", "registered"]

_FACTORIES: dict[str, Callable[[], Explorer]] = {}


class Explorer(Declaration):
    """Controls and the outputs they drive, declared once, with a live and a handout view."""

    def widget(self):
        """The live view (ipywidgets + course chart and/or table); see :class:`helpers.activities.live.LiveExplorer`."""
        return LiveExplorer(self)

    def handout_figure(self) -> go.Figure:
        """The handout's figure as first drawn (its frames are in :func:`helpers.activities.handout.frames_spec`)."""
        return handout_base_figure(self)

    def show(self) -> None:
        """Display the view that suits the current mode (live in JupyterLab, precomputed in a handout)."""
        if in_handout():
            show_handout(self)
        else:
            display(self.widget().view)


def register(factory: Callable[[], Explorer]) -> Callable[[], Explorer]:
    """Mark a zero-argument function that returns an :class:`Explorer` (figure, table or both) as part of the course."""
    _FACTORIES[f"{factory.__module__}.{factory.__name__}"] = factory
    return factory


def registered() -> dict[str, Callable[[], Explorer]]:
    """Every registered factory so far, keyed by ``module.function`` (see :func:`helpers.lessons.all_explorers`)."""
    return dict(_FACTORIES)
