"""Figures for lesson 05: stopping, model tapers and the dopamine hypothesis.

Every chart is drawn from the teaching models and carries the theme's label: ``"model"``, and
``"hypothesis"`` for the dopamine chart. Reduction rules are drawn as curve shapes on the model's time
axis, in % of the starting dose: no week-by-week table, no hover values, no marks judging a step against
a guideline. Nothing here is a tapering plan for a person. Drugs are
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
from helpers.figures.compose import compose_figure, hline_shape, legend_beside, line_style
from helpers.theme import DASHES, DRUG_COLOURS, NEUTRAL, OVERLAY_BACKGROUNDS, PALETTE, ROLE_COLOURS, SAFETY_COLOURS
from helpers.models.adaptation import predicted_dopamine_hz
from helpers.models.circuit import vta_rates
from helpers.models.pharmacokinetics import REFERENCE_DIAZEPAM_MG, diazepam_equivalent_mg, equivalent_dose_range_mg
from helpers.models.taper import (DEFAULT_FINAL_STEP_PERCENT, WEEKS_OF_USE, simulate_discontinuation,
                                  steady_state_occupancy, taper_schedule, withdrawal_timing)

USE_WEEKS = WEEKS_OF_USE.default   # weeks of daily use before the change, in every chart but the abrupt-stop explorer
DAILY_DIAZEPAM_EQ_MG = REFERENCE_DIAZEPAM_MG   # each drug at the model's equivalent of diazepam 10 mg
# racgp_onset: when withdrawal symptoms may appear, by half-life (rows of helpers/data/measured_values.csv).
RACGP_ONSET_ROWS = {"shorter half-life agents": "racgp_onset_shorter_half_life",
                    "longer half-life agents": "racgp_onset_longer_half_life"}
RACGP_ONSET_WORDS = {"shorter half-life agents": "may appear in", "longer half-life agents": "may not appear until"}
ABRUPT_STOP_Y_TOP = 0.6
METHOD_LABELS = {"abrupt": "abrupt stop", "linear": "linear", "proportional": "proportional",
                 "hyperbolic": "hyperbolic"}
RULES = ("linear", "proportional", "hyperbolic")
RULE_DESCRIPTIONS = {"linear": "linear: equal cuts of the starting dose",
                     "proportional": "proportional: cuts of a share of the current dose",
                     "hyperbolic": "hyperbolic: equal cuts of the model's occupancy"}
# alprazolam 2 mg a day, the dose of the human occupancy measurement (fujita1999_alprazolam_spect; its number:
# helpers/data/measured_values.csv) drawn beside the model's occupancy curve.
MEASURED_ALPRAZOLAM_DAILY_MG = 2.0
MEASURED_OCCUPANCY_ROW = "fujita1999_alprazolam_occupancy"
OCCUPANCY_AXIS_MG_EQ = 42.0


def taper_figure(drug: str, method: str, step_percent: float, every_days: float,
                 final_step_percent: float = DEFAULT_FINAL_STEP_PERCENT) -> go.Figure:
    """The rule's shape (% of start), drug effect and withdrawal index, on one time axis in weeks.

    The dose is drawn as the rule's curve shape, not as a table or a staircase of values to read off, and no
    step is judged against a guideline. ``final_step_percent`` is the model's ASSUMPTION for the step to zero
    (see :func:`helpers.models.taper.taper_schedule`); the chart marks that final step.
    """
    stop_day = USE_WEEKS * 7.0
    lines, shape_x, shape_y, final_x, final_y, peak_day, zero_day, peak, end_weeks = _taper_course(
        drug, method, float(step_percent), float(every_days), float(final_step_percent))
    weeks, occupancy, adaptation_, withdrawal = lines
    traces = [
        dict(type="scatter", x=shape_x, y=shape_y, name="the rule's shape (model dose)",
             line=dict(color=PALETTE["black"], width=2), hoverinfo="skip"),
        dict(type="scatter", x=final_x, y=final_y, mode="lines+markers", name="final step to zero (ASSUMPTION)",
             line=dict(color=PALETTE["blue"], width=3, dash=DASHES[2]),
             marker=dict(symbol="triangle-down", size=10, color=PALETTE["blue"]), hoverinfo="skip"),
        dict(type="scatter", x=weeks, y=occupancy, name="drug effect (occupancy)", line=line_style("gaba", width=1.5)),
        dict(type="scatter", x=weeks, y=adaptation_, name="adaptation (model)",
             line=dict(color=PALETTE["purple"], width=2, dash=DASHES[1])),
        dict(type="scatter", x=weeks, y=withdrawal, name="withdrawal index (model)", fill="tozeroy",
             line=dict(color=PALETTE["vermillion"], width=1.5)),
        dict(type="scatter", x=[peak_day / 7.0], y=[peak], mode="markers", name="peak",
             marker=dict(size=11, symbol="diamond", color=PALETTE["black"])),
    ]
    pace = f"{step_percent:.3g} % every {every_days:.3g} days, last dose ≤ {final_step_percent:.3g} %"
    how = METHOD_LABELS[method] if method == "abrupt" else f"{METHOD_LABELS[method]} rule, {pace}"
    all_weeks = dict(range=[0, end_weeks])
    return compose_figure(
        traces, title=f"{drug_label(drug)} after {USE_WEEKS:g} weeks: {how}", label="model",
        summary=(f"In this teaching model, after {USE_WEEKS:g} weeks of daily {drug_label(drug)} "
                 f"({equivalence_text(drug)}) {_change_text(method, pace, zero_day, stop_day)} the "
                 f"withdrawal index peaks at {peak:.2f} of the usual drug effect "
                 f"{(peak_day - stop_day) / 7.0:.1f} weeks after the change began"
                 f"{_peak_timing(method, peak_day, zero_day)}."),
        cells=[(1, 1)] * 2 + [(2, 1)] * 2 + [(3, 1)] * 2, rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.08,
        subplot_titles=("The rule's shape in the MODEL (dose, % of the start)",
                        "Drug effect and what the brain adapted to",
                        "Withdrawal index (model)"),
        x_axes={(1, 1): all_weeks, (2, 1): all_weeks, (3, 1): dict(all_weeks, title="Weeks since the first dose (wk)")},
        y_axes={(1, 1): dict(title="Dose (% of start)", range=[0, 110]),
                (2, 1): dict(title="Occupancy (0–1)", range=[0, 1]),
                (3, 1): dict(title="Index (share of usual effect)", range=[0, 0.5])},
        layout=_taper_decorations() | legend_beside(height=760))


def rule_shapes_figure(step_percent: float = 10.0, every_days: float = 14.0, drug: str = "diazepam") -> go.Figure:
    """The three reduction rules as curve shapes on the model's time axis (dose in % of the start, weeks since the
    first step), at one pace: how the rules differ in shape, not a schedule to follow (no table, no hover values)."""
    traces, ends = [], {}
    for index, rule in enumerate(RULES):
        schedule = _model_schedule(drug, rule, float(step_percent), float(every_days), DEFAULT_FINAL_STEP_PERCENT)
        x, y = _rule_shape(schedule)
        ends[rule] = x[-1]
        traces.append(dict(type="scatter", x=x, y=y, name=RULE_DESCRIPTIONS[rule], hoverinfo="skip",
                           line=dict(color=PALETTE[("orange", "blue", "purple")[index]], width=3, dash=DASHES[index])))
    return compose_figure(
        traces, title=f"Three rules, three shapes ({step_percent:.3g} % steps every {every_days:.3g} days, model)",
        label="model",
        summary=(f"In this teaching model ({drug}), at {step_percent:.3g} % steps every "
                 f"{every_days:.3g} days, the linear rule falls in a straight line, the proportional rule in a curve "
                 f"that flattens as the dose falls and needs the assumed final step to zero (from at most "
                 f"{DEFAULT_FINAL_STEP_PERCENT:g} % of the start), and the hyperbolic rule takes equal steps of the "
                 f"model's occupancy, so its dose steps shrink as the dose falls; the model's curves reach zero "
                 f"after {ends['linear']:.0f}, {ends['proportional']:.0f} and {ends['hyperbolic']:.0f} weeks. "
                 f"Shapes of rules in a model, not a plan."),
        x_title="Weeks since the first step (model time, wk)", y_title="Dose (% of the start)",
        x_axes={(1, 1): dict(range=[0, max(ends.values()) * 1.02])}, y_axes={(1, 1): dict(range=[0, 105])},
        layout=legend_beside() | dict(annotations=[_not_a_plan_box(y=0.5)]))


def _rule_shape(schedule: pd.DataFrame, offset_weeks: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """A schedule as a curve shape: through the start of each step, the last dose held to the step to zero, then
    straight down (weeks, % of start); a shape to compare rules, not a list of doses."""
    weeks = schedule["day"].to_numpy() / 7.0 + offset_weeks
    percent = schedule["percent_of_start"].to_numpy()
    if len(percent) < 2:
        return np.array([weeks[0], weeks[0]]), np.array([100.0, 0.0])
    return (np.concatenate([weeks[:-1], weeks[-1:], weeks[-1:]]),
            np.concatenate([percent[:-1], percent[-2:-1], [0.0]]))


def _change_text(method: str, pace: str, zero_day: float | None, stop_day: float) -> str:
    """The summary's words for the change after the weeks of use: an abrupt stop, or a schedule and when it ends."""
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
    """Withdrawal index after an abrupt stop, four drugs at equivalent doses, with the RACGP onset windows
    (clinical guidance)."""
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
                                                             line=dict(color=NEUTRAL["outline"], width=1))))
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
    return dict(shapes=[dict(type="line", x0=USE_WEEKS, x1=USE_WEEKS, xref=f"x{n}", y0=0, y1=1,
                             yref=f"y{n} domain", line=dict(color=PALETTE["grey"], dash="dot"))
                        for n in ("", "2", "3")],
                annotations=[_not_a_plan_box(y=0.62)])


@functools.cache
def _racgp_onset_bands() -> tuple[dict, ...]:
    """:func:`abrupt_stop_figure`'s RACGP onset windows (days after the last dose): clinical guidance, a table the
    RACGP reproduces from Ford & Law 2014, drawn as guidance bands (not measurements)."""
    bands = []
    for agents, value_id in RACGP_ONSET_ROWS.items():
        low, high, _ = measured.value(value_id)
        bands.append(measured.band_trace((low, high), (0.0, ABRUPT_STOP_Y_TOP), kind="guidance",
                                         text=(f"RACGP onset, {RACGP_ONSET_WORDS[agents]} {low:g}–{high:g} d"
                                               f"<br>({agents})"),
                                         source_ids=measured.value_sources(value_id)))
    return tuple(bands)


def _racgp_onset_text() -> str:
    """The summary's words for the RACGP onset windows, with their source and status."""
    windows = [measured.value(value_id) for value_id in RACGP_ONSET_ROWS.values()]
    (short_low, short_high, _), (long_low, long_high, _) = windows
    sources = measured.value_sources(RACGP_ONSET_ROWS["shorter half-life agents"])
    return (f"beside it, as clinical guidance (a table the RACGP reproduces from Ford & Law 2014, not a measurement), "
            f"withdrawal symptoms may appear in {short_low:g}–{short_high:g} days (shorter half-life agents) and may "
            f"not appear until {long_low:g}–{long_high:g} days (longer half-life agents) {measured.citation(sources)}.")


@functools.lru_cache(maxsize=512)
def _taper_course(drug: str, method: str, step_percent: float, every_days: float, final_step_percent: float):
    """The model values :func:`taper_figure` draws (read-only arrays; cached: dropdowns and sliders revisit values).

    Returns ``(weeks, occupancy, adaptation, withdrawal)`` on the thinned grid, the rule's shape (weeks, % of
    start: the use, then the rule's curve), the x (weeks) and y (% of start) of the final step to zero (a vertical
    segment), the peak day, the day the dose reaches zero (``None`` if the model's three years end first), the
    peak withdrawal index and the last week.
    """
    course = simulate_discontinuation(drug, drug_mg(drug, DAILY_DIAZEPAM_EQ_MG), weeks_of_use=USE_WEEKS,
                                      method=method, step_percent=step_percent, every_days=every_days,
                                      final_step_percent=final_step_percent)
    stop_day = USE_WEEKS * 7.0
    timing = withdrawal_timing(course, stop_day)
    shown = _thinned_on_regular_grid(course, ("occupancy", "net_effect", "withdrawal"))
    day = course["day"].to_numpy()
    after_stop = day >= stop_day
    after_days = day[after_stop]
    peak_day = after_days[np.argmax(course["withdrawal"].to_numpy()[after_stop])]
    schedule = _model_schedule(drug, method, step_percent, every_days, final_step_percent)
    zero_day = stop_day + schedule["day"].iloc[-1]
    lines = (shown["day"] / 7.0, shown["occupancy"], shown["occupancy"] - shown["net_effect"], shown["withdrawal"])
    rule_x, rule_y = _rule_shape(schedule, USE_WEEKS)
    shape_x, shape_y = np.concatenate([[0.0], rule_x]), np.concatenate([[100.0], rule_y])
    final_from = schedule["percent_of_start"].iloc[-2] if len(schedule) > 1 else 100.0
    final_x, final_y = np.full(2, zero_day / 7.0), np.array([final_from, 0.0])
    for array in (*lines, shape_x, shape_y, final_x, final_y):
        array.flags.writeable = False
    reached = zero_day <= day[-1]
    return (lines, shape_x, shape_y, final_x, final_y, peak_day, zero_day if reached else None, timing["peak"],
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
    course = simulate_discontinuation(drug, drug_mg(drug, DAILY_DIAZEPAM_EQ_MG), weeks_of_use=USE_WEEKS,
                                      follow_up_weeks=6)
    stop_day = 7.0 * USE_WEEKS
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
                 f"{USE_WEEKS:g} weeks of daily {drug_label(drug)} ({equivalence_text(drug)}) and an abrupt stop; "
                 f"this is a hypothesis that no study has tested."),
        layout=marks | legend_beside())


def _model_schedule(drug, method, step_percent, every_days, final_step_percent):
    """The schedule :func:`taper_figure` draws (for ``"abrupt"``: one row, zero from day 0)."""
    if method == "abrupt":
        return pd.DataFrame({"day": [0.0], "dose_mg": [0.0], "percent_of_start": [0.0]})
    return taper_schedule(drug_mg(drug, DAILY_DIAZEPAM_EQ_MG), method=method, step_percent=step_percent,
                          every_days=every_days, final_step_percent=final_step_percent, drug=drug)


def _not_a_plan_box(y: float) -> dict:
    """The safety line as a boxed note right of the plot, its top at ``y`` (a fraction of the plot's height)."""
    return dict(x=1.02, y=y, xref="paper", yref="paper", xanchor="left", yanchor="top", align="left",
                showarrow=False, text=_not_a_plan_note(), bordercolor=SAFETY_COLOURS["border"], borderwidth=2,
                borderpad=6, bgcolor=SAFETY_COLOURS["background"])


def _not_a_plan_note() -> str:
    """The safety line, wrapped to fit beside the chart."""
    return ("<b>Teaching model,<br>not a tapering plan.</b><br>Never stop a benzodiazepine<br>"
            "abruptly: talk to the<br>prescriber.")


def occupancy_by_dose_figure(drug: str = "diazepam") -> go.Figure:
    """Steady-state occupancy (0–1) in the model against the daily dose (diazepam-equivalent mg), with the first and
    the last 10 % cut of the model's equivalent of diazepam 10 mg marked, beside the one human measurement in the
    reference base: about 16 % occupancy with sedation under alprazolam 2 mg a day (fujita1999_alprazolam_spect,
    partly verified), placed at the sources' diazepam equivalents of that dose (approximate). The model's curve and
    its bend rest on ASSUMPTIONS of lessons 03 and 05; it is not a finding about people and not a tapering plan."""
    start_mg = drug_mg(drug, DAILY_DIAZEPAM_EQ_MG)
    dose_eq = np.linspace(0.0, OCCUPANCY_AXIS_MG_EQ, 211)
    occupancy = np.asarray(steady_state_occupancy(start_mg * dose_eq / DAILY_DIAZEPAM_EQ_MG, drug=drug), dtype=float)
    cut_eq = DAILY_DIAZEPAM_EQ_MG * np.array([1.0, 0.9, 0.1, 0.0])
    cuts = np.asarray(steady_state_occupancy(start_mg * cut_eq / DAILY_DIAZEPAM_EQ_MG, drug=drug), dtype=float)
    first, last = cuts[:2], cuts[2:]
    model_alprazolam = float(steady_state_occupancy(MEASURED_ALPRAZOLAM_DAILY_MG, drug="alprazolam"))
    alprazolam_eq = diazepam_equivalent_mg("alprazolam", MEASURED_ALPRAZOLAM_DAILY_MG)
    low_mg, high_mg = equivalent_dose_range_mg("alprazolam")
    eq_range = sorted(MEASURED_ALPRAZOLAM_DAILY_MG * DAILY_DIAZEPAM_EQ_MG / mg for mg in (low_mg, high_mg))
    measured_percent = measured.value(MEASURED_OCCUPANCY_ROW)[0]
    sources = measured.value_sources(MEASURED_OCCUPANCY_ROW)
    traces = [
        dict(type="scatter", x=dose_eq, y=occupancy, name=f"{drug_label(drug)}: steady-state occupancy (model)",
             line=line_style("gaba"), hovertemplate="%{x:.3g} mg-eq a day<br>occupancy %{y:.2f} (model)"),
        dict(type="scatter", x=cut_eq[:2], y=first, mode="lines+markers", name="first 10 % cut (model)",
             line=dict(color=PALETTE["black"], width=5), marker=dict(symbol="circle", size=10)),
        dict(type="scatter", x=cut_eq[2:], y=last, mode="lines+markers", name="last 10 % cut (model)",
             line=dict(color=PALETTE["vermillion"], width=5, dash=DASHES[1]), marker=dict(symbol="square", size=10)),
        dict(type="scatter", x=[alprazolam_eq], y=[model_alprazolam], mode="markers",
             name=f"alprazolam {MEASURED_ALPRAZOLAM_DAILY_MG:g} mg a day (model)",
             marker=dict(symbol="circle-open", size=12, color=PALETTE["purple"], line=dict(width=3))),
        measured.range_trace(eq_range, measured_percent / 100.0, source_ids=sources,
                             text=(f"sedation with ~{measured_percent:g} % occupancy, alprazolam "
                                   f"{MEASURED_ALPRAZOLAM_DAILY_MG:g} mg a day (people; x approximate)"),
                             species="people (healthy volunteers)", drug="alprazolam",
                             dose=f"{MEASURED_ALPRAZOLAM_DAILY_MG:g} mg a day, oral", method="SPECT"),
    ]
    return compose_figure(
        traces, title=f"Occupancy at each daily dose of {drug_label(drug)} (model) and one measurement in people",
        label="model",
        summary=(f"In the model, {drug_label(drug)} once a day at {start_mg:.3g} mg ({equivalence_text(drug)}) holds "
                 f"{first[0]:.2f} of the sites at steady state; the first 10 % cut lowers that by "
                 f"{first[0] - first[1]:.2f}, the last 10 % cut (to zero) by {last[0] - last[1]:.2f}. The bend "
                 f"follows from the model's assumed constants and is not measured in people. Measured beside it "
                 f"{measured.citation(sources)}: in healthy people, sedation under alprazolam "
                 f"{MEASURED_ALPRAZOLAM_DAILY_MG:g} mg a day came with about {measured_percent:g} % occupancy, "
                 f"placed at diazepam {eq_range[0]:.3g}–{eq_range[1]:.3g} mg (the sources' equivalents, approximate); "
                 f"the model gives {model_alprazolam:.2f} for that dose. Low on a saturating curve, occupancy is "
                 f"close to proportional to the dose."),
        x_title="Daily dose (diazepam-equivalent mg)", y_title="Occupancy at steady state (0–1)",
        x_axes={(1, 1): dict(range=[0, OCCUPANCY_AXIS_MG_EQ])}, y_axes={(1, 1): dict(range=[0, 1])},
        layout=legend_beside())
