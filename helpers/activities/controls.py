"""The controls an explorer declares (:class:`Slider`, :class:`Dropdown`) and its table output (:class:`Table`).

Shared by the declaration (:mod:`helpers.activities.explorer`) and both views (:mod:`helpers.activities.live`,
:mod:`helpers.activities.handout`), which import this module and never each other.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from pandas.io.formats.style import Styler

HANDOUT_SLIDER_STEPS = 11


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

    def reading(self, value) -> str:
        """``value`` as the slider shows it, with its unit: ``"12 weeks"``."""
        return f"{format_number(value)} {self.unit}".strip()

    def describe(self, value) -> str:
        return f"{self.label}: {self.reading(value)}"

    def snap(self, value) -> float:
        """The nearest setting on this slider's grid, within [low, high].

        A browser slider may send 12.000000000000002 for 12; models that compare days or
        doses must see the value the learner chose, so live explorers snap every value.
        """
        snapped = self.low + round((value - self.low) / self.step) * self.step
        snapped = float(f"{min(max(snapped, self.low), self.high):.12g}")
        return float(round(snapped)) if self.whole_numbers else snapped

    def check(self, value) -> None:
        """Refuse a value the learner could not set: the error names the control's label and the value as typed."""
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or math.isnan(value):
            raise ValueError(f"{self.label}: give a number from {format_number(self.low)} to "
                             f"{self.reading(self.high)}, not {value!r}")
        if not self.low <= value <= self.high:
            raise ValueError(f"{self.label}: {self.reading(value)} is outside the control's range, "
                             f"{format_number(self.low)} to {self.reading(self.high)}")

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

    def check(self, value) -> None:
        """Refuse a value that is not one of the options: the error names the control and the valid choices."""
        values = [option for _, option in self.options]
        if value not in values:
            raise ValueError(f"{self.label}: {value!r} is not one of the choices "
                             f"({', '.join(repr(v) for v in values)})")

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


def format_number(value) -> str:
    """A slider reading: 3 significant figures, never in exponent form (2000, not 2e+03)."""
    if isinstance(value, (int, float, np.floating)):
        if abs(value) >= 1000:
            return f"{value:.0f}"
        return f"{value:.3g}"
    return html.escape(str(value))
