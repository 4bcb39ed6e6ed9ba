"""Measured values drawn on model charts, as their own traces (issue 17).

A measured trace is named ``"Measured: ..."`` (``"Measured (partly verified): ..."`` for a partly verified
entry); a value that is clinical guidance rather than a measurement (e.g. the RACGP onset windows, a table
reproduced from Ford & Law 2014) is named ``"Guidance: ..."`` instead and says so in ``meta["kind"]``. Each
records its source ids and their confidence in ``meta`` (``{"source_ids": [...], "status": ...}``), and is
drawn in the theme's measured style (:func:`helpers.theme.measured_style`), never as a model line.
Numbers come from the course tables (``helpers.tables.measured_values``, ``measured_results``,
``benzodiazepines``), never from reference prose; unverified entries are refused.
"""

from __future__ import annotations

import functools

from helpers.figures.compose import (MEASURED_SYMBOLS, measured_band_style, measured_error_bar, measured_range_line,
                                     measured_style)
from helpers.references import CONFIDENCE_LABELS, reference
from helpers.tables import measured_results, measured_values

DRAWABLE_CONFIDENCE = ("verified", "partially_verified")


def result_source_id(result_id: str) -> str:
    """The one source id of a row of ``helpers/data/measured_results.csv``."""
    (source_id,) = measured_results().loc[result_id, "source_ids"]
    return source_id


# Finlay et al. 1992 (rats, midazolam, accumbens microdialysis), drawn in lessons 03 and 04: its source id, read
# from its rows of the measured-results table.
FINLAY_ID = result_source_id("finlay1992_acute")


def status_of(source_ids) -> str:
    """The weakest confidence of ``source_ids`` as the course prints it ("verified" or "partly verified");
    ``ValueError`` for an unverified entry, which is never drawn as a measurement."""
    confidences = [reference(source_id)["confidence"] for source_id in source_ids]
    for source_id, confidence in zip(source_ids, confidences):
        if confidence not in DRAWABLE_CONFIDENCE:
            raise ValueError(f"{source_id} is {confidence}: only verified or partly verified values are drawn")
    weakest = "verified" if all(c == "verified" for c in confidences) else "partially_verified"
    return CONFIDENCE_LABELS[weakest]


def measured_meta(source_ids, **conditions) -> dict:
    """A measured trace's ``meta``: its source ids, their status, and the study's conditions."""
    source_ids = list(source_ids)
    return {"source_ids": source_ids, "status": status_of(source_ids)} | conditions


KINDS = {"measured": "Measured", "guidance": "Guidance"}


def measured_name(text: str, source_ids, kind: str = "measured") -> str:
    """``"Measured: <text>"``, or ``"Measured (partly verified): <text>"`` for a partly verified entry (the ids
    are in the trace's ``meta`` and hover text; legends stay short); ``kind="guidance"`` for clinical guidance
    gives ``"Guidance: <text>"``."""
    status = status_of(list(source_ids))
    flag = "" if status == "verified" else f" ({status})"
    return f"{KINDS[kind]}{flag}: {text}"


@functools.cache
def value(value_id: str) -> tuple[float, float, str]:
    """``(low, high, unit)`` of one row of ``helpers/data/measured_values.csv``."""
    row = measured_values().loc[value_id]
    return float(row["low_in_unit"]), float(row["high_in_unit"]), str(row["unit"])


@functools.cache
def value_sources(value_id: str) -> tuple[str, ...]:
    """The source ids of one row of ``helpers/data/measured_values.csv``."""
    return tuple(measured_values().loc[value_id, "source_ids"])


def points_trace(x, y, *, text: str, source_ids, error_x=None, error_y=None, hovertemplate=None,
                 symbol_index: int = 0, **conditions) -> dict:
    """Measured points (with ``error_x``/``error_y`` = (minus, plus) distances, if a range) as a trace dict;
    ``symbol_index`` picks one of the theme's ``MEASURED_SYMBOLS`` where a chart has several measured traces."""
    trace = dict(type="scatter", x=list(x), y=list(y), name=measured_name(text, source_ids),
                 meta=measured_meta(source_ids, **conditions), **measured_style(symbol=MEASURED_SYMBOLS[symbol_index]),
                 hovertemplate=f"%{{x:.3g}}, %{{y:.3g}}<br>{citation(source_ids)}")
    for key, bar in (("error_x", error_x), ("error_y", error_y)):
        if bar is not None:
            trace[key] = measured_error_bar(*bar)
    if hovertemplate:
        trace["hovertemplate"] = f"{hovertemplate}<br>{citation(source_ids)}"
    return trace


def band_trace(x_range, y_range, *, text: str, source_ids, kind: str = "measured", **conditions) -> dict:
    """A measured window (or, with ``kind="guidance"``, a window of clinical guidance): the rectangle
    ``x_range`` x ``y_range`` (data units), a closed band."""
    (x0, x1), (y0, y1) = x_range, y_range
    meta = measured_meta(source_ids, **conditions) | ({"kind": "clinical guidance"} if kind == "guidance" else {})
    return dict(type="scatter", x=[x0, x1, x1, x0, x0], y=[y0, y0, y1, y1, y0],
                name=measured_name(text, source_ids, kind), meta=meta,
                hovertemplate=f"{citation(source_ids)}<extra></extra>", **measured_band_style())


def citation(source_ids) -> str:
    """``"[id; status]"`` for a summary sentence, e.g. ``"[racgp_onset; verified]"``."""
    return f"[{'; '.join(source_ids)}; {status_of(list(source_ids))}]"


def range_trace(x_ends, y: float, *, text: str, source_ids, **conditions) -> dict:
    """A measured range along x at height ``y``: square end points joined by a thick measured-colour line."""
    trace = points_trace(list(x_ends), [y, y], text=text, source_ids=source_ids, **conditions)
    return trace | dict(mode="lines+markers", line=measured_range_line())
