"""Controls derived from what the models declare: sliders from model parameters, drug menus from the drug table.

A model declares each parameter a learner may move once (``helpers.validation.Parameter``: default,
valid range, unit, source or ASSUMPTION, teaching range and step); :func:`slider` turns it into the
explorer's slider, so the range, the step, the default and the "(ASSUMPTION)" tag are never typed
again. :func:`drug_options` is the one source of drug menus. This module declares no explorer.
"""

from __future__ import annotations

from collections.abc import Iterable

from helpers.activities.controls import Slider
from helpers.figures.text import drug_label
from helpers.models.pharmacokinetics import checked_drug_name, drug_names
from helpers.validation import Parameter


def slider(parameter: Parameter, *, label: str = "", default: float | None = None,
           handout_points: tuple | None = None) -> Slider:
    """The slider for ``parameter``: its teaching range and step, its default and unit, its label with
    "(ASSUMPTION)" or "(HYPOTHESIS)" added when the value is one. ``label``, ``default`` and
    ``handout_points`` override the declaration for one explorer (e.g. a label that fits its lesson)."""
    if not parameter.teaching:
        raise ValueError(f"Parameter {parameter.name} declares no teaching range, so it has no slider")
    low, high, step = parameter.teaching
    text = label or parameter.label or parameter.name
    if parameter.tag:
        text = f"{text} ({parameter.tag})"
    points = parameter.teaching_points if handout_points is None else handout_points
    return Slider(parameter.name, text, low, high, step, float(parameter.default if default is None else default),
                  parameter.unit, handout_points=tuple(points))


def drug_options(names: Iterable[str] | None = None) -> tuple:
    """(label, name) pairs for a drug menu, in the order given (default: every drug of the table),
    labelled with the table's display names. A name the table does not hold raises
    :class:`helpers.models.pharmacokinetics.UnknownDrugError`, which lists the table's drugs."""
    if isinstance(names, str):
        names = (names,)
    chosen = drug_names() if names is None else tuple(checked_drug_name(name) for name in names)
    return tuple((drug_label(name), name) for name in chosen)
