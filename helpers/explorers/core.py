"""One declaration, two views: the live ipywidgets explorer and the kernel-free handout.

An :class:`Explorer` is declared once from its controls (:class:`Slider`, :class:`Dropdown`)
and its outputs, driven by those controls together: a figure (a pure builder
``build(**values) -> go.Figure``), a table (:class:`Table`: ``build(**values) -> Styler``), or both:

* :meth:`Explorer.widget` gives the live view: ipywidgets controls driving a
  ``go.FigureWidget`` whose traces are updated in place (one ``batch_update``) and an HTML
  widget holding the table (see :mod:`helpers.explorers.live`);
* the handout view needs no kernel and no network (see :mod:`helpers.explorers.handout`). A figure
  alone gets one plotly-native slider (or dropdown) per control over precomputed frames; an
  explorer with a table gets one native ``<select>`` per control, showing precomputed table
  variants (and the figure's frames). Each setting moves one control, the others stay at their defaults;
* :meth:`Explorer.show` picks the view for the current mode (see ``helpers.display``).

The figure builder must return the same traces, in the same order, for every setting.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import plotly.graph_objects as go
from IPython.display import display
from pandas.io.formats.style import Styler

from helpers.display import in_handout, table_html

HANDOUT_SLIDER_STEPS = 11
SLIDER_BLOCK_PX = 95     # vertical room one handout slider takes below the plot
DROPDOWN_ROW_PX = 45     # room above the plot for the dropdown menus


@dataclass(frozen=True)
class Slider:
    """A numeric control: ``low``..``high`` in ``unit``, moved by ``step``.

    Every setting lies on the grid ``low + k * step``: the live slider, the handout frames
    (``handout_points`` must lie on it) and the values a model receives. A slider whose
    ``low`` and ``step`` are whole numbers gives whole numbers.
    """

    name: str
    label: str
    low: float
    high: float
    step: float
    default: float
    unit: str = ""
    handout_steps: int = HANDOUT_SLIDER_STEPS
    handout_points: tuple = ()  # explicit handout settings, e.g. (0, 0.1, 0.3, 1, 3, 10)

    def __post_init__(self):
        if not self.low < self.high:
            raise ValueError(f"Slider {self.name}: low must be below high")
        if not self.low <= self.default <= self.high:
            raise ValueError(f"Slider {self.name}: default must be within [low, high]")
        if not self.step > 0:
            raise ValueError(f"Slider {self.name}: step must be above 0")
        if any(not self.low <= v <= self.high for v in self.handout_points):
            raise ValueError(f"Slider {self.name}: handout_points must lie within [low, high]")
        off_grid = [v for v in (self.default, *self.handout_points) if not math.isclose(self.snap(v), v)]
        if off_grid:
            raise ValueError(f"Slider {self.name}: {off_grid} not on the grid {self.low:g} + k x {self.step:g}")

    @property
    def whole_numbers(self) -> bool:
        """True when every setting is a whole number (``low`` and ``step`` are)."""
        return float(self.low).is_integer() and float(self.step).is_integer()

    def handout_values(self) -> list[float]:
        """Settings for the handout frames (evenly spaced unless given), on the slider's grid, with the default."""
        grid = self.handout_points or np.linspace(self.low, self.high, self.handout_steps)
        return sorted({self.snap(v) for v in grid} | {self.snap(self.default)})

    def describe(self, value) -> str:
        return f"{self.label}: {format_number(value)} {self.unit}".strip()

    def snap(self, value) -> float:
        """The nearest setting on this slider's grid, within [low, high].

        A browser slider may send 12.000000000000002 for 12; models that compare days or
        doses must see the value the learner chose, so live explorers snap every value.
        """
        snapped = self.low + round((value - self.low) / self.step) * self.step
        snapped = float(f"{min(max(snapped, self.low), self.high):.12g}")
        return float(round(snapped)) if self.whole_numbers else snapped

    @property
    def sample_points(self) -> list[float]:
        """Minimum, default and maximum: the settings every test drives."""
        return [self.low, self.default, self.high]


@dataclass(frozen=True)
class Dropdown:
    """A choice among named options: ``options`` is a sequence of (label, value) pairs."""

    name: str
    label: str
    options: tuple
    default: object
    unit: str = ""

    def __post_init__(self):
        if self.default not in [value for _, value in self.options]:
            raise ValueError(f"Dropdown {self.name}: default must be one of the option values")

    def handout_values(self) -> list:
        return [value for _, value in self.options]

    def describe(self, value) -> str:
        label = next(text for text, option in self.options if option == value)
        return f"{self.label}: {label}"

    def snap(self, value):
        """Dropdown values are exact already."""
        return value

    @property
    def sample_points(self) -> list:
        return self.handout_values()


Control = Slider | Dropdown


@dataclass(frozen=True)
class Table:
    """An explorer's table output: ``build(**values)`` gives a pandas ``Styler`` with its caption;
    ``row_header`` names the column of row headers (the table's corner cell, e.g. ``"Drug"``)."""

    build: Callable[..., Styler]
    row_header: str


@dataclass
class Explorer:
    """Controls and the outputs they drive (a figure, a table or both), declared once; see the module docstring."""

    name: str
    title: str
    controls: Sequence[Control]
    build: Callable[..., go.Figure] | None = None   # the figure output: build(**values) -> go.Figure
    description: str = ""
    table: Table | None = None
    _names: tuple = field(init=False, repr=False)

    def __post_init__(self):
        self._names = tuple(c.name for c in self.controls)
        if not self._names:
            raise ValueError(f"Explorer {self.name}: needs at least one control")
        if len(set(self._names)) != len(self._names):
            raise ValueError(f"Explorer {self.name}: control names must be unique")
        if self.build is None and self.table is None:
            raise ValueError(f"Explorer {self.name}: declare a figure (build=...), a table (table=Table(...)) or both")

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

    def widget(self):
        """The live view (ipywidgets + FigureWidget and/or table); see :class:`helpers.explorers.live.LiveExplorer`."""
        from helpers.explorers.live import LiveExplorer

        return LiveExplorer(self)

    def handout_figure(self) -> go.Figure:
        """The kernel-free figure over precomputed frames (plotly-native controls unless the explorer has a table)."""
        from helpers.explorers.handout import build_handout_figure

        return build_handout_figure(self)

    def show(self) -> None:
        """Display the view that suits the current mode (live in JupyterLab, precomputed in a handout)."""
        if in_handout():
            from helpers.explorers.handout import show_handout

            show_handout(self)
        else:
            display(self.widget().view)


def format_number(value) -> str:
    """A slider reading: 3 significant figures, never in exponent form (2000, not 2e+03)."""
    if isinstance(value, (int, float, np.floating)):
        if abs(value) >= 1000:
            return f"{value:.0f}"
        return f"{value:.3g}"
    return html.escape(str(value))
