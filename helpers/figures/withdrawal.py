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

from helpers.figures import measured
from helpers.figures.chronic import COMPARED_DRUGS, _thinned_on_regular_grid, drug_mg
from helpers.figures.text import drug_label, equivalence_text
from helpers.figures.theme import (DASHES, DRUG_COLOURS, NEUTRAL, OVERLAY_BACKGROUNDS, PALETTE, ROLE_COLOURS,
                                   SAFETY_COLOURS, compose_figure, hline_shape, legend_beside, line_style)
from helpers.models.adaptation import predicted_dopamine_hz
from helpers.models.circuit import vta_rates
from helpers.models.taper import (DEFAULT_FINAL_STEP_PERCENT, simulate_discontinuation, steady_state_occupancy,
                                  taper_schedule, withdrawal_timing)

WEEKS_OF_USE = 12.0
DAILY_DIAZEPAM_EQ_MG = 10.0
# joint_guideline_2025: "generally no more than 25 % every 2 weeks" (its number: helpers/data/measured_values.csv).
GUIDELINE_MAX_CUT_PER_2_WEEKS = measured.value("guideline_upper_cut")[1] / 100.0
# racgp_onset: when withdrawal symptoms may appear, by half-life (rows of helpers/data/measured_values.csv).
RACGP_ONSET_ROWS = {"shorter half-life agents": "racgp_onset_shorter_half_life",
                    "longer half-life agents": "racgp_onset_longer_half_life"}
ABRUPT_STOP_Y_TOP = 0.6
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
    traces = [
        dict(type="scatter", x=weeks, y=percent, name="model schedule",
             line=dict(color=PALETTE["black"], width=2, shape="hv"), hovertemplate="week %{x:.1f}<br>%{y:.0f} % of start"),
        dict(type="scatter", x=steps_x, y=steps_y,
             mode="markers", name=f"step > {100 * GUIDELINE_MAX_CUT_PER_2_WEEKS:g} % in 2 weeks (guideline's general limit)",
             marker=dict(symbol="x", size=10, color=PALETTE["vermillion"])),
        dict(type="scatter", x=final_x, y=final_y, mode="lines+markers", name="final step to zero (ASSUMPTION)",
             line=dict(color=PALETTE["blue"], width=3, dash=DASHES[2]),
             marker=dict(symbol="triangle-down", size=10, color=PALETTE["blue"]),
             hovertemplate="final step: %{y:.1f} % of start"),
        dict(type="scatter", x=weeks, y=occupancy, name="drug effect (occupancy)", line=line_style("gaba", width=1.5)),
        dict(type="scatter", x=weeks, y=adaptation_, name="adaptation (model)",
             line=dict(color=PALETTE["purple"], width=2, dash=DASHES[1])),
        dict(type="scatter", x=weeks, y=withdrawal, name="withdrawal index (model)", fill="tozeroy",
             line=dict(color=PALETTE["vermillion"], width=1.5)),
        dict(type="scatter", x=[peak_day / 7.0], y=[peak], mode="markers", name="peak",
             marker=dict(size=11, symbol="diamond", color=PALETTE["black"])),
    ]
    pace = f"{step_percent:.3g} % every {every_days:.3g} days, last dose ≤ {final_step_percent:.3g} %"
    how = METHOD_LABELS[method] if method == "abrupt" else f"{METHOD_LABELS[method]}, {pace}"
    all_weeks = dict(range=[0, end_weeks])
    return compose_figure(
        traces, title=f"{drug_label(drug)} after 12 weeks: {how}", label="model",
        summary=(f"In this teaching model, after 12 weeks of daily {drug_label(drug)} "
                 f"({equivalence_text(drug)}) {_change_text(method, pace, zero_day, stop_day)} the "
                 f"withdrawal index peaks at {peak:.2f} of the usual drug effect "
                 f"{(peak_day - stop_day) / 7.0:.1f} weeks after the change began"
                 f"{_peak_timing(method, peak_day, zero_day)}."),
        cells=[(1, 1)] * 3 + [(2, 1)] * 2 + [(3, 1)] * 2, rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.08,
        subplot_titles=("MODEL schedule (% of the starting dose)", "Drug effect and what the brain adapted to",
                        "Withdrawal index (model)"),
        x_axes={(1, 1): all_weeks, (2, 1): all_weeks, (3, 1): dict(all_weeks, title="Weeks since the first dose (wk)")},
        y_axes={(1, 1): dict(title="Dose (% of start)", range=[0, 110]),
                (2, 1): dict(title="Occupancy (0–1)", range=[0, 1]),
                (3, 1): dict(title="Index (share of usual effect)", range=[0, 0.5])},
        layout=_taper_decorations() | legend_beside(height=760))


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
    onsets, traces = {}, []
    for index, drug in enumerate(COMPARED_DRUGS):
        days_after, withdrawal, timing = _abrupt_stop_course(drug, float(weeks_of_use), float(tau_anxiolysis_days))
        onsets[drug] = dict(timing)
        traces.append(dict(type="scatter", x=days_after, y=withdrawal, name=drug_label(drug),
                           line=dict(color=DRUG_COLOURS[drug], width=2.5, dash=DASHES[index]),
                           hovertemplate="%{x:.1f} days after the last dose<br>index %{y:.2f}"))
    for drug, timing in onsets.items():
        traces.append(dict(type="scatter", x=[timing["onset_days"]], y=[0.015], mode="markers", showlegend=False,
                           name=f"{drug} onset", marker=dict(symbol="triangle-up", size=12, color=DRUG_COLOURS[drug],
                                                             line=dict(color="black", width=1))))
    traces += [dict(trace) for trace in _racgp_onset_bands()]
    return compose_figure(
        traces, title=f"Abrupt stop after {weeks_of_use:.3g} weeks, equivalent doses", label="model",
        summary=(f"After {weeks_of_use:.3g} weeks of daily use, the model's withdrawal begins "
                 f"{onsets['alprazolam']['onset_days']:.1f} days after the last dose of alprazolam and peaks at "
                 f"day {onsets['alprazolam']['peak_days']:.1f}, against "
                 f"{onsets['diazepam']['onset_days']:.1f} and {onsets['diazepam']['peak_days']:.1f} days for "
                 f"diazepam; {_racgp_onset_text()} {_doses_compared()}"),
        x_title="Days after the last dose (d)", y_title="Withdrawal index (share of usual effect)",
        x_axes={(1, 1): dict(range=[0, 42])}, y_axes={(1, 1): dict(range=[0, ABRUPT_STOP_Y_TOP])},
        layout=legend_beside())


def _doses_compared() -> str:
    """The sentence saying which doses the abrupt-stop chart compares, with the sources' ranges."""
    others = "; ".join(equivalence_text(drug) for drug in COMPARED_DRUGS if drug != "diazepam")
    return f"Each drug is taken once a day at the model's equivalent of diazepam 10 mg ({others})."


def _taper_decorations() -> dict:
    """:func:`taper_figure`'s marks of the end of use (a dotted line in each panel) and its safety note."""
    note = dict(x=1.02, y=0.62, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left",
                showarrow=False, text=_not_a_plan_note(), bordercolor=SAFETY_COLOURS["border"], borderwidth=2,
                borderpad=6, bgcolor=SAFETY_COLOURS["background"])
    return dict(shapes=[dict(type="line", x0=WEEKS_OF_USE, x1=WEEKS_OF_USE, xref=f"x{n}", y0=0, y1=1,
                             yref=f"y{n} domain", line=dict(color=PALETTE["grey"], dash="dot")) for n in ("", "2", "3")],
                annotations=[note])


@functools.cache
def _racgp_onset_bands() -> tuple[dict, ...]:
    """:func:`abrupt_stop_figure`'s RACGP onset windows (days after the last dose), as measured bands."""
    bands = []
    for agents, value_id in RACGP_ONSET_ROWS.items():
        low, high, _ = measured.value(value_id)
        bands.append(measured.band_trace((low, high), (0.0, ABRUPT_STOP_Y_TOP),
                                         text=f"RACGP onset, {low:g}–{high:g} d<br>({agents})",
                                         source_ids=measured.value_sources(value_id)))
    return tuple(bands)


def _racgp_onset_text() -> str:
    """The summary's words for the RACGP onset windows, with their source and status."""
    windows = [measured.value(value_id) for value_id in RACGP_ONSET_ROWS.values()]
    (short_low, short_high, _), (long_low, long_high, _) = windows
    sources = measured.value_sources(RACGP_ONSET_ROWS["shorter half-life agents"])
    return (f"measured beside it, the RACGP gives {short_low:g}–{short_high:g} days (shorter half-life agents) "
            f"and {long_low:g}–{long_high:g} days (longer half-life agents) for the onset {measured.citation(sources)}.")


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
    traces = [dict(type="scatter", x=after["day"] - stop_day, y=change, name="HYPOTHESIS (model)",
                   line=dict(color=ROLE_COLOURS["model_prediction"], width=2.5, dash="dash"))]
    marks = dict(
        shapes=[dict(type="rect", x0=0, x1=1, xref="x domain", y0=-15, y1=0, yref="y",
                     fillcolor=ROLE_COLOURS["model_prediction"], opacity=0.12, line=dict(width=0)),
                hline_shape(0, dict(color=PALETTE["black"], width=1)),
                dict(type="line", x0=0, x1=0, xref="x", y0=0, y1=1, yref="y domain",
                     line=dict(color=PALETTE["grey"], dash="dot"))],
        annotations=[dict(text="stop", showarrow=False, x=0, xanchor="left", xref="x", y=1, yanchor="top",
                          yref="y domain"),
                     dict(x=0.5, y=0.06, xref="paper", yref="paper", showarrow=False, align="center",
                          bgcolor=OVERLAY_BACKGROUNDS["note"], bordercolor=SAFETY_COLOURS["border"], borderwidth=2,
                          font=dict(color=NEUTRAL["text"], size=13),
                          text=("<b>HYPOTHESIS, not a finding:</b> no study has shown that benzodiazepine<br>"
                                "withdrawal lowers dopamine (bzd_withdrawal_dopamine_direct)."))])
    return compose_figure(
        traces, title=f"Dopamine firing after stopping {drug_label(drug)}: untested", label="hypothesis",
        x_title="Days since the stop (d)", y_title="Predicted DA firing (% change)",
        x_axes={(1, 1): dict(range=[-7, 42])}, y_axes={(1, 1): dict(range=[-15, 15])},
        summary=(f"If reduced GABA-A function on VTA interneurons acted like negative occupancy, the model "
                 f"would predict dopamine firing up to {abs(change.min()):.0f} % below baseline after "
                 f"12 weeks of daily {drug_label(drug)} ({equivalence_text(drug)}) and an abrupt stop; "
                 f"this is a hypothesis that no study has tested."),
        layout=marks | legend_beside())


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


def occupancy_by_dose_figure(drug: str = "diazepam") -> go.Figure:
    """Steady-state occupancy (0–1) against the daily dose (% of the model's equivalent of diazepam 10 mg), with
    the first and the last 10 % cut of the starting dose marked: the model's saturating curve (its constants are
    ASSUMPTIONS of lessons 03 and 05), not a finding about people and not a tapering plan."""
    start_mg = drug_mg(drug, DAILY_DIAZEPAM_EQ_MG)
    percent = np.linspace(0.0, 100.0, 101)
    occupancy = np.asarray(steady_state_occupancy(start_mg * percent / 100.0, drug=drug), dtype=float)
    first, last = occupancy[[100, 90]], occupancy[[10, 0]]
    traces = [
        dict(type="scatter", x=percent, y=occupancy, name="steady-state occupancy (model)",
             line=line_style("gaba"), hovertemplate="%{x:.0f} % of start<br>occupancy %{y:.2f}"),
        dict(type="scatter", x=[100.0, 90.0], y=first, mode="lines+markers", name="first 10 % cut (100 → 90 %)",
             line=dict(color=PALETTE["black"], width=5), marker=dict(symbol="circle", size=10)),
        dict(type="scatter", x=[10.0, 0.0], y=last, mode="lines+markers", name="last 10 % cut (10 → 0 %)",
             line=dict(color=PALETTE["vermillion"], width=5, dash=DASHES[1]), marker=dict(symbol="square", size=10)),
    ]
    return compose_figure(
        traces, title=f"Occupancy at each daily dose of {drug_label(drug)} (model)", label="model",
        summary=(f"In the model, {drug_label(drug)} once a day at 100 % of the start ({equivalence_text(drug)}) holds "
                 f"{first[0]:.2f} of the sites at steady state; the first 10 % cut lowers that by "
                 f"{first[0] - first[1]:.2f}, the last 10 % cut (to zero) by {last[0] - last[1]:.2f}. How much the "
                 f"curve bends follows from the model's assumed constants; it is not measured in people."),
        x_title="Daily dose (% of the starting dose)", y_title="Occupancy at steady state (0–1)",
        x_axes={(1, 1): dict(range=[0, 102])}, y_axes={(1, 1): dict(range=[0, 1])},
        layout=legend_beside())
