"""An explorer's declaration: its controls and the outputs they drive; no view (see :mod:`helpers.activities.explorer`).

The views (:mod:`helpers.activities.live`, :mod:`helpers.activities.handout`) read a :class:`Declaration`;
:class:`helpers.activities.explorer.Explorer` adds the views to it.

One declaration, two views: the live ipywidgets explorer and the kernel-free handout.

An :class:`Explorer` is declared once from its controls (:class:`Slider`, :class:`Dropdown`)
and its outputs, driven by those controls together: a figure (a pure builder
``build(**values) -> go.Figure``), a table (:class:`Table`: ``build(**values) -> Styler``), or both:

* :meth:`Explorer.widget` gives the live view: ipywidgets controls driving a
  course chart (:mod:`helpers.activities.chart_widget`, updated in place, diffs only) and an HTML
  widget holding the table (see :mod:`helpers.activities.live`);
* the handout view needs no kernel and no network (see :mod:`helpers.activities.handout`): one native
  HTML control per control over precomputed frames (and table variants). ``handout_together`` names
  the controls precomputed in combination (small explorers combine all when the grid fits); each
  other control moves alone;
* :meth:`Explorer.show` picks the view for the current mode (:class:`helpers.activities.base.Activity`).

The figure builder must return the same traces, in the same order, for every setting.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go

from helpers.activities.display import table_html
from helpers.activities.controls import Control, Dropdown, Slider, Table

__all__ = ["Control", "Declaration", "Dropdown", "Slider", "Table"]


@dataclass
class Declaration:
    """Controls and the outputs they drive (a figure, a table or both), declared once; see the module docstring."""

    name: str
    title: str
    controls: Sequence[Control]
    build: Callable[..., go.Figure] | None = None   # the figure output: build(**values) -> go.Figure
    description: str = ""
    table: Table | None = None
    handout_together: tuple = ()   # controls whose every combination the handout precomputes (see handout.py)
    _names: tuple = field(init=False, repr=False)

    def __post_init__(self):
        self._names = tuple(c.name for c in self.controls)
        if not self._names:
            raise ValueError(f"Explorer {self.name}: needs at least one control")
        if len(set(self._names)) != len(self._names):
            raise ValueError(f"Explorer {self.name}: control names must be unique")
        if self.build is None and self.table is None:
            raise ValueError(f"Explorer {self.name}: declare a figure (build=...), a table (table=Table(...)) or both")
        if not set(self.handout_together) <= set(self._names):
            raise ValueError(f"Explorer {self.name}: handout_together names a control it does not have")

    @property
    def defaults(self) -> dict:
        return {c.name: c.default for c in self.controls}

    @property
    def has_figure(self) -> bool:
        return self.build is not None

    @property
    def has_table(self) -> bool:
        return self.table is not None

    def control(self, name: str) -> Control:
        for c in self.controls:
            if c.name == name:
                return c
        raise ValueError(f"Explorer {self.name} has no control {name!r}; it has {', '.join(self._names)}")

    def settings(self, **values) -> dict:
        """Every control's value: those given, the others at their defaults (an unknown name raises ValueError)."""
        unknown = set(values) - set(self._names)
        if unknown:
            raise ValueError(f"Explorer {self.name} has no control {sorted(unknown)[0]!r}; "
                             f"it has {', '.join(self._names)}")
        for name, value in values.items():
            self.control(name).check(value)
        return {**self.defaults, **values}

    def figure(self, **values) -> go.Figure:
        """The figure for these control values (missing ones take their defaults)."""
        settings = self.settings(**values)
        if self.build is None:
            raise ValueError(f"Explorer {self.name} has no figure; it shows a table")
        return self.build(**settings)

    def table_html(self, **values) -> str:
        """The table for these control values as accessible HTML (caption, header scopes)."""
        settings = self.settings(**values)
        if self.table is None:
            raise ValueError(f"Explorer {self.name} has no table; it shows a figure")
        return table_html(self.table.build(**settings), row_header=self.table.row_header)

    def outputs(self, **values) -> dict:
        """Every output for these control values: ``{"figure": go.Figure, "table": html}`` (those declared)."""
        return {**({"figure": self.figure(**values)} if self.has_figure else {}),
                **({"table": self.table_html(**values)} if self.has_table else {})}
