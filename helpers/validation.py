"""Input checks shared by the models and the data layer: a leaf module (numpy only).

Each check raises ``ValueError`` with a message that names the parameter and
its allowed range, so a learner who types a bad value sees what to change.

A model parameter a learner may move is declared once, as a :class:`Parameter`, in its model:
default, valid range, unit, where the value comes from (a source id or ``ASSUMPTION``), and the
range and step a lesson's slider teaches. The model checks input with ``parameter.check(value)``;
``helpers.activities.parameters.slider(parameter)`` makes the slider (labelled "(ASSUMPTION)" when
it is one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

# Where a parameter's value comes from, when it is not a source id of helpers/data/references.yaml:
ASSUMPTION = "ASSUMPTION"   # the model's choice; the control says so
HYPOTHESIS = "HYPOTHESIS"   # a mechanism proposed, not shown; the control says so
SETTING = "setting"         # a condition the learner chooses (a dose, a concentration): no claim about nature
UNSOURCED = (ASSUMPTION, HYPOTHESIS, SETTING)


@dataclass(frozen=True)
class Parameter:
    """A model parameter declared once (see the module docstring).

    ``name`` is the keyword argument it checks; ``low``..``high`` the valid range (inclusive unless
    ``low_inclusive``/``high_inclusive`` say otherwise); ``source`` a source id ("a; b" for several),
    ``ASSUMPTION``, ``HYPOTHESIS`` or ``SETTING``. ``label`` is the control's text (without the
    "(ASSUMPTION)" tag, which is added); ``teaching`` = (low, high, step) of a lesson's slider, within
    the valid range; ``teaching_points`` the handout positions (optional); ``whole_number`` for counts.
    """

    name: str
    default: float
    low: float
    high: float
    unit: str
    source: str
    label: str = ""
    teaching: tuple = ()
    teaching_points: tuple = ()
    whole_number: bool = False
    low_inclusive: bool = True
    high_inclusive: bool = True

    def __post_init__(self):
        if not self.source:
            raise ValueError(f"Parameter {self.name}: name a source id, or say ASSUMPTION, HYPOTHESIS or SETTING")
        if not self.low < self.high:
            raise ValueError(f"Parameter {self.name}: low must be below high")
        self.check(self.default)
        if self.teaching:
            low, high, step = self.teaching
            if not (step > 0 and self.low <= low < high <= self.high):
                raise ValueError(f"Parameter {self.name}: teaching range must lie within the valid range "
                                 f"{_range_text(self.low, self.high)} with a step above 0")

    @property
    def tag(self) -> str:
        """``"ASSUMPTION"`` or ``"HYPOTHESIS"`` when the value is one, else ``""``."""
        return self.source if self.source in (ASSUMPTION, HYPOTHESIS) else ""

    def check(self, value):
        """``value`` as a float (an int for whole numbers), or ``ValueError`` naming the parameter and its range."""
        if self.whole_number:
            return as_whole_number(self.name, value, low=self.low, high=self.high)
        return as_float(self.name, value, **self._bounds())

    def check_array(self, value) -> np.ndarray:
        """``value`` as a float array, every element checked as in :meth:`check`."""
        return as_float_array(self.name, value, **self._bounds())

    def _bounds(self) -> dict:
        return dict(low=self.low, high=self.high, low_inclusive=self.low_inclusive,
                    high_inclusive=self.high_inclusive)


def as_float_array(name: str, value, *, low: float | None = None, high: float | None = None,
                   low_inclusive: bool = True, high_inclusive: bool = True) -> np.ndarray:
    """Return ``value`` as a float array after checking it is finite and within [low, high].

    Scalars come back as 0-d arrays. ``name`` is used in the error message.
    """
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number or an array of numbers {_range_text(low, high)}; "
                         f"got {value!r}") from None
    if np.isnan(array).any():
        raise ValueError(f"{name} must not be NaN; allowed range {_range_text(low, high)}")
    if np.isinf(array).any():
        raise ValueError(f"{name} must be finite; allowed range {_range_text(low, high)}")
    if low is not None:
        too_low = (array < low) if low_inclusive else (array <= low)
        if np.any(too_low):
            raise ValueError(f"{name} must be in {_range_text(low, high, low_inclusive, high_inclusive)}; "
                             f"got {_first_bad(array, too_low)}")
    if high is not None:
        too_high = (array > high) if high_inclusive else (array >= high)
        if np.any(too_high):
            raise ValueError(f"{name} must be in {_range_text(low, high, low_inclusive, high_inclusive)}; "
                             f"got {_first_bad(array, too_high)}")
    return array


def as_float(name: str, value, *, low: float | None = None, high: float | None = None,
             low_inclusive: bool = True, high_inclusive: bool = True) -> float:
    """Return ``value`` as a Python float after the same checks as :func:`as_float_array`."""
    array = as_float_array(name, value, low=low, high=high,
                           low_inclusive=low_inclusive, high_inclusive=high_inclusive)
    if array.ndim != 0:
        raise ValueError(f"{name} must be a single number {_range_text(low, high)}; got an array")
    return float(array)


def as_whole_number(name: str, value, *, low: float | None = None, high: float | None = None) -> int:
    """Return ``value`` as an ``int`` after checking it is a whole number within [low, high] (never truncated)."""
    number = as_float(name, value, low=low, high=high)
    if not number.is_integer():
        raise ValueError(f"{name} must be a whole number {_range_text(low, high)}; got {value!r}")
    return int(number)


def as_fraction(name: str, value) -> float:
    """Return a single number in [0, 1] (a fraction such as receptor occupancy)."""
    return as_float(name, value, low=0.0, high=1.0)


def as_choice(name: str, value, allowed: Iterable[str]) -> str:
    """Return the allowed name that ``value`` matches, ignoring case and surrounding spaces
    (``"Diazepam "`` -> ``"diazepam"``; ``"va/dod"`` -> ``"VA/DoD"``); otherwise list the allowed names."""
    allowed = list(allowed)
    by_key = {_choice_key(a): a for a in allowed}
    key = _choice_key(value)
    if key not in by_key:
        raise ValueError(f"{name} must be one of {', '.join(repr(a) for a in allowed)}; got {value!r}")
    return by_key[key]


def _choice_key(value):
    return value.strip().lower() if isinstance(value, str) else value


def broadcast_pair(first_name: str, first: np.ndarray, second_name: str, second: np.ndarray):
    """Broadcast two arrays together, or raise ``ValueError`` naming both when the shapes clash."""
    try:
        return np.broadcast_arrays(first, second)
    except ValueError:
        raise ValueError(f"{first_name} (shape {first.shape}) and {second_name} (shape {second.shape}) "
                         "must have the same shape, or one of them must be a single number") from None


def _range_text(low, high, low_inclusive=True, high_inclusive=True) -> str:
    if low is None and high is None:
        return "(any finite number)"
    left = "[" if low_inclusive else "("
    right = "]" if high_inclusive else ")"
    low_text = "-inf" if low is None else f"{low:g}"
    high_text = "inf" if high is None else f"{high:g}"
    return f"{left}{low_text}, {high_text}{right}"


def _first_bad(array: np.ndarray, mask) -> str:
    return f"{np.asarray(array)[np.asarray(mask)].ravel()[0]:g}"
