"""The handout view of an explorer: kernel-free, offline, precomputed, operable by keyboard and on a phone.

Every control is a native, labelled HTML control above the outputs: a ``<select>`` per :class:`Dropdown`,
an ``<input type="range">`` per :class:`Slider` (over its handout values; its label names the unit and
``aria-valuetext`` reads the value with its unit). Tab reaches each; arrows, Home and End move it.

**Which settings are precomputed** (:func:`handout_settings`): the controls that work *together*
(:func:`together_names`: those the explorer declares in ``handout_together``, or else all of them when the
explorer has up to :data:`TOGETHER_MAX_CONTROLS` controls and their full grid fits :data:`GRID_BUDGET_BYTES`)
at every combination of their handout values; every other control alone, the rest at their defaults.
Moving a control that works together keeps the others that work together; moving a control that moves
alone puts every other control back to its default (the page shows it, and a note says so).

**How the page stores them** (:func:`frames_spec`): the base figure is drawn once; each setting is a frame
holding only what differs from the base somewhere (trace keys and layout keys), keyed by the controls'
positions (``"2,0,1"``). Arrays live once in a shared pool: evenly spaced x as start and step, long float
arrays quantised to 16 bits over their own range (:data:`QUANTISED_LEVELS`; NaN kept), identical arrays
stored once. The page script ``helpers/activities/static/explorer.js`` (inlined with each explorer) decodes the
chosen frame and hands it to ``Plotly.animate`` (no transition), and shows the matching precomputed table, if any.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import math

import numpy as np
import plotly.graph_objects as go

from helpers.activities.base import page_script
from helpers.activities.display import chart_html, summary_html
from helpers.activities.declaration import Declaration
from helpers.activities.controls import Dropdown, format_number
from helpers.figures.compose import summary_of


UNFRAMED_LAYOUT_KEYS = ("meta", "template")   # the summary is printed under the chart; the theme never moves
REGULAR_X_TRACE_TYPES = ("scatter", "scattergl", "bar")
REGULAR_X_MIN_POINTS = 50      # shorter arrays cost less than the check is worth
QUANTISED_MIN_POINTS = 50      # float arrays at least this long are stored as 16-bit steps over their range
QUANTISED_LEVELS = 65534       # steps 0..65534 between an array's min and max; 65535 marks NaN
TOGETHER_MAX_CONTROLS = 3      # explorers with up to this many controls combine them all when the grid fits
GRID_BUDGET_BYTES = 420_000    # an undeclared combined grid must fit this (estimated from the one-at-a-time ones)
GRID_MAX_FRAMES = 150         # ... and hold at most this many settings
ALONE_NOTE = "In this handout each control moves alone; the others go back to their defaults."
PARTLY_TOGETHER_NOTE = "In this handout {together} work together; each other control moves alone."
# ---------------------------------------------------------------- which settings


def together_names(explorer: Declaration, built: dict | None = None) -> tuple[str, ...]:
    """The controls precomputed in combination: declared, or all of a small explorer whose grid fits.
    ``built``: figures by setting key, filled on the way (see :func:`_figures`)."""
    if explorer.handout_together:
        return tuple(explorer.handout_together)
    if 1 < len(explorer.controls) <= TOGETHER_MAX_CONTROLS and _grid_fits(explorer, {} if built is None else built):
        return tuple(c.name for c in explorer.controls)
    return ()


def _grid_fits(explorer: Declaration, built: dict) -> bool:
    """True when the full grid, estimated from the one-at-a-time frames' (and tables') size per setting, fits
    the budget."""
    grid = math.prod(len(c.handout_values()) for c in explorer.controls)
    if grid > GRID_MAX_FRAMES:
        return False
    alone = _settings(explorer, together=())
    frames = len(json.dumps(frames_spec(_figures(explorer, alone, built)))) if explorer.has_figure else 0
    tables = sum(len(explorer.table_html(**setting)) for setting in alone.values()) if explorer.has_table else 0
    return (frames + tables) / len(alone) * grid <= GRID_BUDGET_BYTES


def handout_settings(explorer: Declaration) -> dict[str, dict]:
    """``{key: {control: value}}`` for every precomputed setting (see the module docstring), the defaults first.
    The key lists each control's position among its handout values, in order: ``"2,0,1"``."""
    return _settings(explorer, together_names(explorer))


def _settings(explorer: Declaration, together: tuple) -> dict[str, dict]:
    defaults = [_default_index(c) for c in explorer.controls]
    positions = [defaults]
    ranges = [range(len(c.handout_values())) if c.name in together else [defaults[i]]
              for i, c in enumerate(explorer.controls)]
    positions += [list(p) for p in itertools.product(*ranges)] if together else []
    for i, control in enumerate(explorer.controls):
        if control.name not in together:
            positions += [defaults[:i] + [n] + defaults[i + 1:] for n in range(len(control.handout_values()))]
    settings = {}
    for position in positions:
        settings.setdefault(_key(position), {c.name: c.handout_values()[n]
                                             for c, n in zip(explorer.controls, position, strict=True)})
    return settings


def _key(position) -> str:
    return ",".join(str(n) for n in position)


def _default_index(control) -> int:
    return control.handout_values().index(control.snap(control.default))


# ---------------------------------------------------------------- the page


def explorer_html(explorer: Declaration, page_id: str) -> str:
    """The explorer as a handout shows it: title, note, controls, chart and summary, tables, its frames (JSON) and
    the page script that drives them (``static/explorer.js``)."""
    built = {}
    together = together_names(explorer, built)
    settings = _settings(explorer, together)
    figure, frames = "", {"frames": {}, "pool": []}
    if explorer.has_figure:
        figures = _figures(explorer, settings, built)
        base = handout_base_figure(explorer, figures, together)
        figure, frames = chart_html(base) + summary_html(base).data, frames_spec(figures)
    tables, table_of = _tables(explorer, settings)
    spec = {"together": [c.name in together for c in explorer.controls],
            "defaults": [_default_index(c) for c in explorer.controls], "tables": table_of, **frames}
    data = json.dumps(spec, separators=(",", ":"), allow_nan=False).replace("</", "<\\/")
    script = page_script("explorer.js")
    return (f'<div class="course-explorer course-explorer--{explorer.name}" id="{page_id}" '
            f'data-course-activity="explorer" data-quantised-levels="{QUANTISED_LEVELS}">'
            f'{controls_html(explorer, page_id, together)}{figure}{tables}'
            f'<script type="application/json" class="course-frames">{data}</script></div>{script}')


def controls_html(explorer: Declaration, page_id: str, together: tuple) -> str:
    """The title, the note on how the controls combine, and one labelled native control per control."""
    fields = "".join(_control_html(control, f"{page_id}-{control.name}") for control in explorer.controls)
    description = " ".join(part for part in (explorer.description, _note(explorer, together)) if part)
    return (f'<div class="course-explorer-controls">'
            f"<p><b>Interactive demo: {html.escape(explorer.title)}</b><br>{html.escape(description)}</p>"
            f"{fields}</div>")


def _note(explorer: Declaration, together: tuple) -> str:
    if len(explorer.controls) < 2 or len(together) == len(explorer.controls):
        return ""
    if len(together) < 2:
        return ALONE_NOTE
    labels = [explorer.control(name).label for name in together]
    return PARTLY_TOGETHER_NOTE.format(together=", ".join(labels[:-1]) + " and " + labels[-1])


def _control_html(control, element_id: str) -> str:
    default = _default_index(control)
    if isinstance(control, Dropdown):
        options = "".join(f'<option{" selected" if n == default else ""}>'
                          f"{html.escape(_option_label(control, v))}</option>"
                          for n, v in enumerate(control.handout_values()))
        return (f'<div class="course-control"><label for="{element_id}">{html.escape(control.label)}</label> '
                f'<select id="{element_id}" name="{html.escape(control.name)}" data-course-control>'
                f"{options}</select></div>")
    texts = [_option_label(control, value) for value in control.handout_values()]
    label = f"{control.label} ({control.unit})" if control.unit else control.label
    return (f'<div class="course-control"><label for="{element_id}">{html.escape(label)}</label> '
            f'<input type="range" id="{element_id}" name="{html.escape(control.name)}" min="0" max="{len(texts) - 1}" '
            f'step="1" value="{default}" aria-valuetext="{html.escape(texts[default])}" '
            f"data-texts='{html.escape(json.dumps(texts))}' data-course-control> "
            f'<output id="{element_id}-value" for="{element_id}">{html.escape(texts[default])}</output></div>')


def _option_label(control, value) -> str:
    if isinstance(control, Dropdown):
        return next(text for text, option in control.options if option == value)
    return f"{format_number(value)} {control.unit}".strip()


def _tables(explorer: Declaration, settings: dict) -> tuple[str, dict]:
    """One table per distinct precomputed table (only the defaults' shown) and ``{setting key: table number}``."""
    if not explorer.has_table:
        return "", {}
    numbers, markup = {}, []
    table_of = {}
    for key, setting in settings.items():
        table = explorer.table_html(**setting)
        if table not in numbers:
            numbers[table] = len(markup)
            markup.append(f'<div class="course-table-variant" data-variant="{numbers[table]}"'
                          f'{" hidden" if numbers[table] else ""}>{table}</div>')
        table_of[key] = numbers[table]
    return f'<div class="course-explorer-tables" aria-live="polite">{"".join(markup)}</div>', table_of


# ---------------------------------------------------------------- the figure and its frames


def handout_base_figure(explorer: Declaration, figures: dict | None = None, together: tuple | None = None) -> go.Figure:
    """The figure at the defaults, as the page draws it first: evenly spaced x as ``x0``/``dx``, the summary
    (with the note on how the controls combine) in ``layout.meta``. ``figures``: :func:`_figures`, if built."""
    built = {}
    together = together_names(explorer, built) if together is None else together
    figures = figures or _figures(explorer, _settings(explorer, together), built)
    base = next(iter(figures.values()))   # the defaults come first
    fig = go.Figure(base)
    for index in _regular_x_traces(figures):
        fig.data[index].update(_x_as_steps(fig.data[index].to_plotly_json(), keep_x_key=True))
    note = _note(explorer, together)
    fig.update_layout(meta={**(base.layout.meta or {}), "summary": " ".join(p for p in (summary_of(base), note) if p),
                            "explorer": explorer.name})
    return fig


def _figures(explorer: Declaration, settings: dict, built: dict) -> dict[str, go.Figure]:
    """``{key: figure}`` at every setting, each built once: ``built`` keeps them by key for the next call."""
    for key, setting in settings.items():
        if key not in built:
            built[key] = explorer.figure(**setting)
    return {key: built[key] for key in settings}


def frames_spec(figures: dict[str, go.Figure]) -> dict:
    """``{"frames": {key: {"data": [...], "layout": {...}}}, "pool": [...]}`` (see the module docstring)."""
    regular = _regular_x_traces(figures)
    traces = {key: [_x_as_steps(t.to_plotly_json()) if i in regular else t.to_plotly_json()
                    for i, t in enumerate(fig.data)] for key, fig in figures.items()}
    layouts = {key: fig.layout.to_plotly_json() for key, fig in figures.items()}
    all_traces, all_layouts = list(traces.values()), list(layouts.values())
    moving_layout = sorted({k for layout in all_layouts for k in layout
                            if k not in UNFRAMED_LAYOUT_KEYS and not _same_everywhere(all_layouts, k)})
    pool = _Pool()
    frames = {}
    for key in figures:
        data = [{k: pool.encode(v, quantise=True) for k, v in trace.items()
                 if k == "type" or not _same_everywhere([version[i] for version in all_traces], k)}
                for i, trace in enumerate(traces[key])]
        frames[key] = {"data": data, "layout": {k: pool.encode(layouts[key].get(k)) for k in moving_layout}}
    return {"frames": frames, "pool": pool.entries}


class _Pool:
    """Arrays stored once: ``encode`` gives ``{"$": n}`` for the n-th stored array (quantised when long and float)."""

    def __init__(self):
        self.entries, self._numbers = [], {}

    def encode(self, value, *, quantise: bool = False):
        if isinstance(value, dict):
            return {k: self.encode(v, quantise=quantise) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.encode(v, quantise=quantise) for v in value]
        if isinstance(value, np.ndarray):
            return self._store(value, quantise)
        if isinstance(value, np.generic):
            return value.item()
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return value

    def _store(self, values: np.ndarray, quantise: bool) -> dict:
        if quantise and values.dtype.kind == "f" and values.size >= QUANTISED_MIN_POINTS:
            entry = _quantised(values)
        else:
            entry = [None if isinstance(v, float) and not math.isfinite(v) else v for v in values.tolist()]
        digest = hashlib.sha1(json.dumps(entry).encode()).hexdigest()
        if digest not in self._numbers:
            self._numbers[digest] = len(self.entries)
            self.entries.append(entry)
        return {"$": self._numbers[digest]}


def _quantised(values: np.ndarray) -> dict:
    """``values`` as 16-bit steps over their range (base64, little-endian): error at most range / 131068."""
    finite = values[np.isfinite(values)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
    span = high - low
    finite_or_low = np.where(np.isfinite(values), values, low)
    steps = np.rint((finite_or_low - low) / (span or 1.0) * QUANTISED_LEVELS).astype("<u2")
    steps[~np.isfinite(values)] = QUANTISED_LEVELS + 1
    return {"q": base64.b64encode(steps.tobytes()).decode("ascii"), "lo": low, "hi": high}


def _regular_x_traces(figures: dict[str, go.Figure]) -> set[int]:
    """Traces whose x is a long, evenly spaced numeric grid at every setting.

    Plotly can rebuild such an x from its start ``x0`` and step ``dx``, so the page need not
    carry the array (often half of a frame: every trace repeats the same time axis).
    """
    shown = list(figures.values())
    return {index for index, trace in enumerate(shown[0].data)
            if trace.type in REGULAR_X_TRACE_TYPES
            and all(_is_regular_grid(fig.data[index].x) and fig.data[index].y is not None for fig in shown)}


def _is_regular_grid(x) -> bool:
    if x is None:
        return False
    values = np.asarray(x)
    if values.ndim != 1 or values.size < REGULAR_X_MIN_POINTS or values.dtype.kind not in "fiu":
        return False
    values = values.astype(float)
    step = (values[-1] - values[0]) / (values.size - 1)
    grid = values[0] + step * np.arange(values.size)
    return bool(step != 0 and np.allclose(values, grid, rtol=0.0, atol=1e-9 * abs(step)))


def _x_as_steps(trace: dict, *, keep_x_key: bool = False) -> dict:
    """``trace`` with its evenly spaced ``x`` given as ``x0`` and ``dx`` (``x=None`` kept to clear it)."""
    values = np.asarray(trace["x"], dtype=float)
    steps = {"x0": float(values[0]), "dx": float((values[-1] - values[0]) / (values.size - 1))}
    if keep_x_key:
        return {"x": None, **steps}
    return {**{key: value for key, value in trace.items() if key != "x"}, **steps}


def _same_everywhere(versions: list[dict], key: str) -> bool:
    first = versions[0].get(key)
    return all(_equal(first, version.get(key)) for version in versions[1:])


def _equal(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return np.shape(a) == np.shape(b) and np.array_equal(np.asarray(a), np.asarray(b))
    return a == b
