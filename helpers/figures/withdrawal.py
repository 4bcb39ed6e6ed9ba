"""Figures for lesson 05: stopping, model tapers and the dopamine hypothesis.

Every chart is drawn from the teaching models and carries the theme's label: ``"model"``, and
``"hypothesis"`` for the dopamine chart. Every schedule is drawn as a percentage of the starting
dose and labelled a MODEL schedule: nothing here is a tapering plan for a person. Drugs are
compared at the model's equivalents of diazepam 10 mg; the summaries print the sources' range
(``helpers.figures.text.equivalence_text``), never a single conversion.
"""

from __future__ import annotations

import functools
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers.figures.chronic import COMPARED_DRUGS, DRUG_COLOURS, _thinned_on_regular_grid, drug_mg, legend_at_right
from helpers.figures.text import drug_label, equivalence_text
from helpers.figures.theme import DASHES, PALETTE, ROLE_COLOURS, finish, line_style, new_figure
from helpers.models.adaptation import predicted_dopamine_hz
from helpers.models.circuit import vta_rates
from helpers.models.taper import DEFAULT_FINAL_STEP_PERCENT, simulate_discontinuation, taper_schedule, withdrawal_timing

WEEKS_OF_USE = 12.0
DAILY_DIAZEPAM_EQ_MG = 10.0
GUIDELINE_MAX_CUT_PER_2_WEEKS = 0.25   # joint_guideline_2025: "generally no more than 25 % every 2 weeks"
RACGP_ONSET_DAYS = {"short-acting: 1–2 d": (1.0, 2.0), "long-acting: 3–7 d": (3.0, 7.0)}  # racgp_onset
METHOD_LABELS = {"abrupt": "abrupt stop", "linear": "linear", "proportional": "proportional",
                 "hyperbolic": "hyperbolic"}


def taper_figure(drug: str, method: str, step_percent: float, every_days: float,
                 final_step_percent: float = DEFAULT_FINAL_STEP_PERCENT) -> go.Figure:
    """Model schedule (% of start), drug effect and withdrawal index, on one time axis in weeks.

    ``final_step_percent`` is the model's ASSUMPTION for the step to zero (see
    :func:`helpers.models.taper.taper_schedule`); the chart marks that final step.
    """
    stop_day = WEEKS_OF_USE * 7.0
    lines, steps_x, steps_y, final_x, final_y, peak_day, zero_day, peak, end_weeks = _taper_course(
        drug, method, float(step_percent), float(every_days), float(final_step_percent))
    weeks, percent, occupancy, adaptation_, withdrawal = lines
    fig = go.Figure(_taper_blank())   # everything that stays the same as the sliders move, set once
    fig.add_traces([
        dict(type="scatter", x=weeks, y=percent, name="model schedule",
                   line=dict(color=PALETTE["black"], width=2, shape="hv"),
                   hovertemplate="week %{x:.1f}<br>%{y:.0f} % of start", xaxis="x", yaxis="y"),
        dict(type="scatter", x=steps_x, y=steps_y,
                   mode="markers", name="step > 25 % in 2 weeks (guideline's general limit)",
                   marker=dict(symbol="x", size=10, color=PALETTE["vermillion"]), xaxis="x", yaxis="y"),
        dict(type="scatter", x=final_x, y=final_y, mode="lines+markers", name="final step to zero (ASSUMPTION)",
                   line=dict(color=PALETTE["blue"], width=3, dash=DASHES[2]),
                   marker=dict(symbol="triangle-down", size=10, color=PALETTE["blue"]),
                   hovertemplate="final step: %{y:.1f} % of start", xaxis="x", yaxis="y"),
        dict(type="scatter", x=weeks, y=occupancy, name="drug effect (occupancy)",
                   line=line_style("gaba", width=1.5), xaxis="x2", yaxis="y2"),
        dict(type="scatter", x=weeks, y=adaptation_, name="adaptation (model)",
                   line=dict(color=PALETTE["purple"], width=2, dash=DASHES[1]), xaxis="x2", yaxis="y2"),
        dict(type="scatter", x=weeks, y=withdrawal, name="withdrawal index (model)", fill="tozeroy",
                   line=dict(color=PALETTE["vermillion"], width=1.5), xaxis="x3", yaxis="y3"),
        dict(type="scatter", x=[peak_day / 7.0], y=[peak], mode="markers", name="peak",
                   marker=dict(size=11, symbol="diamond", color=PALETTE["black"]), xaxis="x3", yaxis="y3"),
    ])
    layout = fig.layout
    for axis in (layout.xaxis, layout.xaxis2, layout.xaxis3):
        axis.range = [0, end_weeks]
    pace = f"{step_percent:.3g} % every {every_days:.3g} days, last dose ≤ {final_step_percent:.3g} %"
    how = METHOD_LABELS[method] if method == "abrupt" else f"{METHOD_LABELS[method]}, {pace}"
    return finish(fig, title=f"{drug_label(drug)} after 12 weeks: {how}", label="model",
                  summary=(f"In this teaching model, after 12 weeks of daily {drug_label(drug)} "
                           f"({equivalence_text(drug)}) {_change_text(method, pace, zero_day, stop_day)} the "
                           f"withdrawal index peaks at {peak:.2f} of the usual drug effect "
                           f"{(peak_day - stop_day) / 7.0:.1f} weeks after the change began"
                           f"{_peak_timing(method, peak_day, zero_day)}."))


def _change_text(method: str, pace: str, zero_day: float | None, stop_day: float) -> str:
    """The summary's words for the change after 12 weeks: an abrupt stop, or a schedule and when it ends."""
    if method == "abrupt":
        return "and an abrupt stop,"
    schedule = f"the {METHOD_LABELS[method]} model schedule ({pace} of the start before the step to zero)"
    if zero_day is None:
        return f"{schedule} does not reach zero within the model's three years;"
    return f"{schedule} reaches zero {(zero_day - stop_day) / 7.0:.0f} weeks after it begins;"


def _peak_timing(method: str, peak_day: float, zero_day: float | None) -> str:
    """For a schedule: whether the withdrawal peak came during it or after its final step to zero."""
    if method == "abrupt":
        return ""
    if zero_day is None or peak_day < zero_day:
        return ", during the schedule"
    return ", after the final step to zero"


def abrupt_stop_figure(weeks_of_use: float, tau_anxiolysis_days: float) -> go.Figure:
    """Withdrawal index after an abrupt stop, four drugs at equivalent doses, with RACGP onset windows."""
    fig = go.Figure(_abrupt_stop_blank())   # everything that stays the same as the sliders move, set once
    onsets, traces = {}, []
    for index, drug in enumerate(COMPARED_DRUGS):
        days_after, withdrawal, timing = _abrupt_stop_course(drug, float(weeks_of_use), float(tau_anxiolysis_days))
        onsets[drug] = dict(timing)
        traces.append(dict(type="scatter", x=days_after, y=withdrawal,
                                 name=drug_label(drug),
                                 line=dict(color=DRUG_COLOURS[drug], width=2.5, dash=DASHES[index]),
                                 hovertemplate="%{x:.1f} days after the last dose<br>index %{y:.2f}"))
    for drug, timing in onsets.items():
        traces.append(dict(type="scatter", x=[timing["onset_days"]], y=[0.015], mode="markers", showlegend=False,
                                 name=f"{drug} onset", marker=dict(symbol="triangle-up", size=12, color=DRUG_COLOURS[drug],
                                                                   line=dict(color="black", width=1))))
    fig.add_traces(traces)
    return finish(fig, title=f"Abrupt stop after {weeks_of_use:.3g} weeks, equivalent doses", label="model",
                  summary=(f"After {weeks_of_use:.3g} weeks of daily use, the model's withdrawal begins "
                           f"{onsets['alprazolam']['onset_days']:.1f} days after the last dose of alprazolam and peaks at "
                           f"day {onsets['alprazolam']['peak_days']:.1f}, against "
                           f"{onsets['diazepam']['onset_days']:.1f} and {onsets['diazepam']['peak_days']:.1f} days for "
                           f"diazepam; the RACGP gives 1–2 days and 3–7 days for the onset. {_doses_compared()}"))


def _doses_compared() -> str:
    """The sentence saying which doses the abrupt-stop chart compares, with the sources' ranges."""
    others = "; ".join(equivalence_text(drug) for drug in COMPARED_DRUGS if drug != "diazepam")
    return f"Each drug is taken once a day at the model's equivalent of diazepam 10 mg ({others})."


@functools.lru_cache(maxsize=None)
def _taper_blank() -> go.Figure:
    """:func:`taper_figure` without its traces, x ranges and title (copied on every call, never changed)."""
    fig = new_figure(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.08,
                     subplot_titles=("MODEL schedule (% of the starting dose)", "Drug effect and what the brain adapted to",
                                     "Withdrawal index (model)"))
    note = dict(x=1.02, y=0.62, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left",
                showarrow=False, text=_not_a_plan_note(), bordercolor=PALETTE["vermillion"], borderwidth=2,
                borderpad=6, bgcolor="#fff4ec")
    layout = fig.layout
    layout.shapes = [dict(type="line", x0=WEEKS_OF_USE, x1=WEEKS_OF_USE, xref=f"x{n}", y0=0, y1=1, yref=f"y{n} domain",
                          line=dict(color=PALETTE["grey"], dash="dot")) for n in ("", "2", "3")]
    layout.annotations = layout.annotations + (go.layout.Annotation(note),)
    layout.xaxis3.title.text = "Weeks since the first dose (wk)"
    for axis, title, y_range in ((layout.yaxis, "Dose (% of start)", [0, 110]), (layout.yaxis2, "Occupancy (0–1)", [0, 1]),
                                 (layout.yaxis3, "Index (share of usual effect)", [0, 0.5])):
        axis.title.text = title
        axis.range = y_range
    legend_at_right(fig, height=760)
    return fig


@functools.lru_cache(maxsize=None)
def _abrupt_stop_blank() -> go.Figure:
    """:func:`abrupt_stop_figure` without its traces and title (copied on every call, never changed)."""
    fig = new_figure()
    shapes, annotations = [], []
    for height, (label, (low, high)) in zip((0.56, 0.50), RACGP_ONSET_DAYS.items()):
        shapes.append(dict(type="rect", x0=low, x1=high, xref="x", y0=0, y1=1, yref="y domain",
                           fillcolor=PALETTE["grey"], opacity=0.15, line=dict(width=0)))
        annotations.append(dict(x=low, y=height, xanchor="left", showarrow=False, font=dict(size=11),
                                text=f"RACGP onset, {label}", bgcolor="rgba(255,255,255,0.8)"))
    layout = fig.layout
    layout.shapes = shapes
    layout.annotations = annotations
    layout.xaxis.range = [0, 42]
    layout.yaxis.range = [0, 0.6]
    layout.xaxis.title.text = "Days after the last dose (d)"
    layout.yaxis.title.text = "Withdrawal index (share of usual effect)"
    legend_at_right(fig)
    return fig


@functools.lru_cache(maxsize=512)
def _taper_course(drug: str, method: str, step_percent: float, every_days: float, final_step_percent: float):
    """The model values :func:`taper_figure` draws (read-only arrays; cached: dropdowns and sliders revisit values).

    Returns ``(weeks, % of start, occupancy, adaptation, withdrawal)`` on the thinned grid, the x (weeks) and y
    (% of start) of the steps beyond the guideline and of the final step to zero (a vertical segment), the
    peak day, the day the dose reaches zero (``None`` if the model's three years end first), the peak
    withdrawal index and the last week.
    """
    course = simulate_discontinuation(drug, drug_mg(drug, DAILY_DIAZEPAM_EQ_MG), weeks_of_use=WEEKS_OF_USE,
                                      method=method, step_percent=step_percent, every_days=every_days,
                                      final_step_percent=final_step_percent)
    stop_day = WEEKS_OF_USE * 7.0
    timing = withdrawal_timing(course, stop_day)
    shown = _thinned_on_regular_grid(course, ("dose_mg", "occupancy", "net_effect", "withdrawal"))
    start_dose = course["dose_mg"].iloc[0]
    day = course["day"].to_numpy()
    after_stop = day >= stop_day
    after_days = day[after_stop]
    peak_day = after_days[np.argmax(course["withdrawal"].to_numpy()[after_stop])]
    schedule = _model_schedule(drug, method, step_percent, every_days, final_step_percent)
    zero_day = stop_day + schedule["day"].iloc[-1]
    fast_steps = _steps_beyond_guideline(schedule)
    lines = (shown["day"] / 7.0, 100.0 * shown["dose_mg"] / start_dose, shown["occupancy"],
             shown["occupancy"] - shown["net_effect"], shown["withdrawal"])
    steps_x = (fast_steps["day"].to_numpy() + stop_day) / 7.0
    steps_y = fast_steps["percent_of_start"].to_numpy().copy()
    final_from = schedule["percent_of_start"].iloc[-2] if len(schedule) > 1 else 100.0
    final_x, final_y = np.full(2, zero_day / 7.0), np.array([final_from, 0.0])
    for array in (*lines, steps_x, steps_y, final_x, final_y):
        array.flags.writeable = False
    reached = zero_day <= day[-1]
    return (lines, steps_x, steps_y, final_x, final_y, peak_day, zero_day if reached else None, timing["peak"],
            day[-1] / 7.0)


@functools.lru_cache(maxsize=512)
def _abrupt_stop_course(drug: str, weeks_of_use: float, tau_anxiolysis_days: float):
    """One drug's abrupt stop for :func:`abrupt_stop_figure`: days after the last dose (d), the withdrawal
    index after it (read-only arrays) and ``withdrawal_timing`` (as sorted items). Cached: sliders revisit values."""
    course = simulate_discontinuation(drug, drug_mg(drug, DAILY_DIAZEPAM_EQ_MG), weeks_of_use=weeks_of_use,
                                      follow_up_weeks=6, tau_anxiolysis_days=tau_anxiolysis_days)
    timing = withdrawal_timing(course, 7.0 * weeks_of_use)
    day = course["day"].to_numpy()
    last_dose = day[course["dose_taken_mg"].to_numpy() > 0].max()
    after = day > last_dose
    days_after, withdrawal = day[after] - last_dose, course["withdrawal"].to_numpy()[after].copy()
    days_after.flags.writeable = False
    withdrawal.flags.writeable = False
    return days_after, withdrawal, tuple(timing.items())


def dopamine_hypothesis_figure(drug: str) -> go.Figure:
    """The model's dopamine prediction after an abrupt stop, labelled a HYPOTHESIS on the chart."""
    course = simulate_discontinuation(drug, drug_mg(drug, DAILY_DIAZEPAM_EQ_MG), weeks_of_use=WEEKS_OF_USE,
                                      follow_up_weeks=6)
    stop_day = 7.0 * WEEKS_OF_USE
    after = course[course["day"] >= stop_day - 7.0]
    baseline_hz = vta_rates(0.0)["da_hz"]
    change = 100.0 * (predicted_dopamine_hz(after["net_sedation"].clip(-1, 1).to_numpy()) / baseline_hz - 1.0)
    fig = new_figure()
    fig.add_hrect(y0=-15, y1=0, fillcolor=ROLE_COLOURS["model_prediction"], opacity=0.12, line_width=0)
    fig.add_trace(dict(type="scatter", x=after["day"] - stop_day, y=change, name="HYPOTHESIS (model)",
                             line=dict(color=ROLE_COLOURS["model_prediction"], width=2.5, dash="dash")))
    fig.add_hline(y=0, line=dict(color=PALETTE["black"], width=1))
    fig.add_vline(x=0, line=dict(color=PALETTE["grey"], dash="dot"), annotation_text="stop",
                  annotation_position="top right")
    fig.add_annotation(x=0.5, y=0.06, xref="paper", yref="paper", showarrow=False, align="center",
                       bgcolor="rgba(255,255,255,0.9)", bordercolor=PALETTE["vermillion"], borderwidth=2,
                       font=dict(color="#1a1a1a", size=13),
                       text=("<b>HYPOTHESIS, not a finding:</b> no study has shown that benzodiazepine<br>"
                             "withdrawal lowers dopamine (bzd_withdrawal_dopamine_direct)."))
    fig.update_xaxes(range=[-7, 42])
    fig.update_yaxes(range=[-15, 15])
    legend_at_right(fig)
    return finish(fig, title=f"Dopamine firing after stopping {drug_label(drug)}: untested", label="hypothesis",
                  x_title="Days since the stop (d)", y_title="Predicted DA firing (% change)",
                  summary=(f"If reduced GABA-A function on VTA interneurons acted like negative occupancy, the model "
                           f"would predict dopamine firing up to {abs(change.min()):.0f} % below baseline after "
                           f"12 weeks of daily {drug_label(drug)} ({equivalence_text(drug)}) and an abrupt stop; "
                           f"this is a hypothesis that no study has tested."))


def _model_schedule(drug, method, step_percent, every_days, final_step_percent):
    """The schedule :func:`taper_figure` draws (for ``"abrupt"``: one row, zero from day 0)."""
    if method == "abrupt":
        return pd.DataFrame({"day": [0.0], "dose_mg": [0.0], "percent_of_start": [0.0]})
    return taper_schedule(drug_mg(drug, DAILY_DIAZEPAM_EQ_MG), method=method, step_percent=step_percent,
                          every_days=every_days, final_step_percent=final_step_percent, drug=drug)


def _steps_beyond_guideline(schedule):
    """Schedule rows from which the dose falls more than 25 % within 2 weeks.

    The final step to zero is left out: it is always a 100 % cut, and the chart marks it separately."""
    doses = schedule["dose_mg"].to_numpy()
    two_weeks_later = doses[np.searchsorted(schedule["day"].to_numpy(), schedule["day"] + 14.0, side="right") - 1]
    cut = 1.0 - np.divide(two_weeks_later, doses, out=np.ones_like(doses), where=doses > 0)
    beyond = (cut > GUIDELINE_MAX_CUT_PER_2_WEEKS + 1e-9) & (two_weeks_later > 0)
    return schedule[beyond]


def _not_a_plan_note() -> str:
    """The safety line, wrapped to fit beside the chart."""
    return ("<b>Teaching model,<br>not a tapering plan.</b><br>Never stop a benzodiazepine<br>"
            "abruptly: talk to the<br>prescriber.")
