"""Figures for lesson 04: repeated dosing, accumulation, tolerance, dopamine over weeks.

Every chart here is drawn from the course's teaching models and carries the theme's model label
(``compose_figure(..., label=...)``). Doses are set as *diazepam-equivalent* mg and converted with the
model's equivalences (``helpers.models.pharmacokinetics.equivalent_dose_mg``: Ashton, else WHO).
The sources differ up to two-fold, so every title that converts a dose prints the sources' range
(``helpers.figures.text.equivalence_text``; ``equivalent_dose_range_mg``), never a single
"≈ diazepam" figure.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from helpers.figures.measured import FINLAY_ID, measured_meta
from helpers.figures.text import drug_label, equivalence_text
from helpers.figures.compose import compose_figure, hline_label, hline_shape, legend_beside, line_style
from helpers.theme import DASHES, DRUG_COLOURS, PALETTE, ROLE_COLOURS
from helpers.models.adaptation import REGIMEN_WEEKS, predicted_dopamine_hz, simulate_regimen
from helpers.models.circuit import vta_rates
from helpers.models.pharmacokinetics import (REFERENCE_DIAZEPAM_MG, compared_drugs, drug_mg_for_diazepam_eq,
                                             equivalent_dose_range_mg)
from helpers.models.taper import WEEKS_OF_USE
from helpers.tables import measured_results

COMPARED_DRUGS = compared_drugs()   # from the drug table, shortest-acting first (each has a theme colour)
MAX_PLOTTED_POINTS = 700   # per trace: keeps handout frames small
# The sedation-versus-anxiolysis chart runs as long as lesson 05's regular use before a stop (weeks).
SEDATION_CHART_WEEKS = WEEKS_OF_USE.default
# Finlay's results drawn in the dopamine-over-weeks chart (rows of helpers/data/measured_results.csv), one per bar.
FINLAY_BARS = ("finlay1992_acute", "finlay1992_challenge_after_14_days", "finlay1992_challenge_after_14_days")
# The measured study, as the reference entry records it (the route only for the acute dose): never the model's
# condition.
FINLAY_STUDY = {"source_id": FINLAY_ID, "species": "rat", "drug": "midazolam", "dose": "5 mg/kg", "route": "s.c.",
                "groups": ("acute dose (s.c.); challenge after 14 days of twice-daily midazolam or saline "
                           "(the reference entry records no route for these)"),
                "method": "microdialysis", "measure": "extracellular dopamine, nucleus accumbens"}
TOP_MARGIN_PX = 110        # room for a title, its dose line and the subplot titles


def drug_mg(drug: str, diazepam_eq_mg: float) -> float:
    """mg of ``drug`` the model equates with ``diazepam_eq_mg`` mg of diazepam (Ashton, else WHO;
    the sources' range is in :func:`helpers.figures.text.equivalence_text`)."""
    return drug_mg_for_diazepam_eq(drug, diazepam_eq_mg)


def dose_note(drug: str) -> str:
    """The line under a title that says how a diazepam-equivalent dose became mg of ``drug``."""
    if drug == "diazepam":
        return "Diazepam is the reference drug: no conversion"
    text = equivalence_text(drug)
    return text[0].upper() + text[1:]


def _titled(title: str, note: str) -> str:
    """A chart title with a smaller second line."""
    return f"{title}<br><sup>{note}</sup>"


def _source_range(drug: str) -> str:
    """``"alprazolam 0.5–1 mg"``: the mg of ``drug`` the sources equate with diazepam 10 mg."""
    low, high = equivalent_dose_range_mg(drug)
    return f"{drug} {low:.3g} mg" if low == high else f"{drug} {low:.3g}–{high:.3g} mg"


def _largest_spread(drugs) -> float:
    """The largest ratio, over ``drugs``, of the highest to the lowest source equivalent (1 = sources agree)."""
    return max(high / low for low, high in map(equivalent_dose_range_mg, drugs))


def regimen_figure(drug: str, diazepam_eq_mg: float, interval_h: float, weeks: float) -> go.Figure:
    """Three linked panels over the regimen: amount in the body, receptor effect, tolerance.

    ``weeks`` is the length of use the learner sets (see ``helpers.models.adaptation.REGIMEN_WEEKS``)."""
    weeks = REGIMEN_WEEKS.check(weeks)
    regimen = simulate_regimen(drug, drug_mg(drug, diazepam_eq_mg), interval_h=interval_h, days=7.0 * weeks)
    shown = _thinned_on_regular_grid(regimen, REGIMEN_COLUMNS)
    day = shown["day"]
    traces = [
        dict(type="scatter", x=day, y=shown["concentration"], name="amount in body",
             line=line_style("benzodiazepine", width=1.5), hovertemplate="day %{x:.1f}<br>%{y:.3g} mg-eq"),
        dict(type="scatter", x=day, y=shown["occupancy"], name="drug effect (site occupancy)",
             line=line_style("gaba", width=1.5), hovertemplate="day %{x:.1f}<br>%{y:.2f}"),
        dict(type="scatter", x=day, y=shown["net_effect"], name="effect after tolerance",
             line=line_style("control", dash_index=1, width=1.5), hovertemplate="day %{x:.1f}<br>%{y:.2f}"),
        dict(type="scatter", x=day, y=shown["tolerance_sedation"], name="tolerance: sedation",
             line=dict(color=PALETTE["purple"], width=3, dash=DASHES[0])),
        dict(type="scatter", x=day, y=shown["tolerance_anxiolysis"], name="tolerance: anxiolysis",
             line=dict(color=PALETTE["green"], width=3, dash=DASHES[2])),
    ]
    days = 7.0 * weeks
    last_day = regimen[regimen["day"] > days - 1.0]
    first_day = regimen[regimen["day"] <= 1.0]
    summary = (f"In the model, {drug_label(drug)} {drug_mg(drug, diazepam_eq_mg):.3g} mg every {interval_h:.3g} h "
               f"for {weeks:.3g} weeks ({dose_note(drug).lower()}): the mean amount in the body on the last day is "
               f"{last_day['concentration'].mean() / max(first_day['concentration'].mean(), 1e-12):.2g} times the "
               f"first day's, it swings "
               f"{last_day['concentration'].max() / max(last_day['concentration'].min(), 1e-12):.2g}-fold within "
               f"that day, and the model's tolerance has reached {last_day['tolerance_sedation'].mean():.2f} for "
               f"sedation and {last_day['tolerance_anxiolysis'].mean():.2f} for anxiolysis.")
    title = (f"{weeks:.3g} weeks of {drug_label(drug)} {drug_mg(drug, diazepam_eq_mg):.3g} mg every "
             f"{interval_h:.3g} h: accumulation, effect and tolerance")
    all_days = dict(range=[0, days])
    return compose_figure(
        traces, title=_titled(title, dose_note(drug)), summary=summary, label="model",
        cells=[(1, 1), (2, 1), (2, 1), (3, 1), (3, 1)], rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07,
        subplot_titles=("Drug in the body", "Receptor effect", "Tolerance (time constants are assumptions)"),
        x_axes={(1, 1): all_days, (2, 1): all_days, (3, 1): dict(all_days, title="Days since the first dose (d)")},
        y_axes={(1, 1): dict(title="Amount (mg-eq)", range=[0, _nice_ceiling(regimen["concentration"].max())]),
                (2, 1): dict(title="Effect (0–1)", range=[-0.1, 1.0]),
                (3, 1): dict(title="Tolerance (0–1)", range=[0, 1.0])},
        layout=legend_beside(height=720, top_margin_px=TOP_MARGIN_PX))


def short_vs_long_figure(diazepam_eq_mg: float, interval_h: float) -> go.Figure:
    """Four drugs at equivalent doses for four weeks: amount in body (left), last two days (right)."""
    swings, traces = {}, []
    for index, drug in enumerate(COMPARED_DRUGS):
        regimen = simulate_regimen(drug, drug_mg(drug, diazepam_eq_mg), interval_h=interval_h, days=28)
        shown = _thinned_on_regular_grid(regimen, ("concentration",))
        style = dict(color=DRUG_COLOURS[drug], width=2, dash=DASHES[index])
        traces.append(dict(type="scatter", x=shown["day"], y=shown["concentration"], name=drug_label(drug),
                           line=style, legendgroup=drug, hovertemplate="day %{x:.1f}<br>%{y:.3g} mg-eq"))
        day = regimen["day"].to_numpy()
        end = day >= 26.0
        end_amount = regimen["concentration"].to_numpy()[end]
        relative = end_amount / end_amount.mean()
        swings[drug] = end_amount.max() / end_amount.min()
        traces.append(dict(type="scatter", x=day[end], y=relative, name=f"{drug_label(drug)}, days 27–28", line=style,
                           legendgroup=drug, showlegend=False, hovertemplate="day %{x:.2f}<br>%{y:.2f} × mean"))
    most, least = max(swings, key=swings.get), min(swings, key=swings.get)
    converted = [drug for drug in COMPARED_DRUGS if drug != "diazepam"]
    title = f"Doses the model equates with diazepam {diazepam_eq_mg:.3g} mg, every {interval_h:.3g} h"
    note = (f"Sources differ up to {_largest_spread(converted):.2g}-fold: "
            + ", ".join(_source_range(drug) for drug in converted) + f" per diazepam {REFERENCE_DIAZEPAM_MG:.3g} mg")
    return compose_figure(
        traces, title=_titled(title, note), label="model",
        summary=(f"In the model, at doses it equates with diazepam {diazepam_eq_mg:.3g} mg every "
                 f"{interval_h:.3g} h, {drug_label(most)} swings most within a day ({swings[most]:.2g}-fold) "
                 f"and {drug_label(least)} least ({swings[least]:.2g}-fold), while diazepam, with its "
                 "long-lived metabolite, keeps accumulating for weeks; "
                 + "; ".join(equivalence_text(drug) for drug in converted) + "."),
        cells=[(1, 1), (1, 2)] * len(COMPARED_DRUGS), rows=1, cols=2, column_widths=[0.62, 0.38],
        horizontal_spacing=0.12, subplot_titles=("Four weeks", "Days 27–28, relative to each drug's mean"),
        x_title="Days (d)", x_axes={(1, 1): dict(range=[0, 28]), (1, 2): dict(range=[26, 28])},
        y_axes={(1, 1): dict(title="Amount in body (mg-eq)", rangemode="tozero"),
                (1, 2): dict(title="Amount / its mean (ratio)", range=[0, 2.5])},
        layout=legend_beside(top_margin_px=TOP_MARGIN_PX))


def sedation_anxiolysis_figure(drug: str, tau_sedation_days: float, tau_anxiolysis_days: float) -> go.Figure:
    """Daily mean effect on sedation and on anxiety, as % of day 1, over ``SEDATION_CHART_WEEKS`` weeks of daily
    dosing (lesson 05's weeks of use)."""
    weeks = SEDATION_CHART_WEEKS
    days = 7.0 * weeks
    regimen = simulate_regimen(drug, drug_mg(drug, REFERENCE_DIAZEPAM_MG), interval_h=24, days=days,
                               tau_sedation_days=tau_sedation_days, tau_anxiolysis_days=tau_anxiolysis_days)
    daily = regimen[regimen["time_h"] < days * 24].groupby((regimen["time_h"] // 24).astype(int)).mean()
    day_number = daily.index.to_numpy() + 1
    traces = []
    for column, label, colour, dash in (("occupancy", "drug effect without tolerance", ROLE_COLOURS["control"], 3),
                                        ("net_sedation", "sedation", PALETTE["purple"], 0),
                                        ("net_anxiolysis", "anxiolysis", PALETTE["green"], 2)):
        percent = 100.0 * daily[column] / daily[column].iloc[0]
        traces.append(dict(type="scatter", x=day_number, y=percent, name=label, mode="lines",
                           line=dict(color=colour, width=3, dash=DASHES[dash]),
                           hovertemplate="day %{x}<br>%{y:.0f} % of day 1"))
    last_week = daily.iloc[-7:]
    first = daily.iloc[0]
    title = (f"{drug_label(drug)} {drug_mg(drug, REFERENCE_DIAZEPAM_MG):.3g} mg daily: sedation versus anxiolysis "
             f"over {weeks:g} weeks")
    day_1 = dict(shapes=[hline_shape(100, dict(color=PALETTE["grey"], dash="dot"))],
                 annotations=[hline_label(100, "day 1", "top right")])
    return compose_figure(
        traces, title=_titled(title, dose_note(drug)), label="assumption",
        summary=(f"In the model ({drug_label(drug)} {drug_mg(drug, REFERENCE_DIAZEPAM_MG):.3g} mg daily; "
                 f"{dose_note(drug).lower()}), with sedation tolerance on an assumed "
                 f"{tau_sedation_days:.3g}-day and anxiolytic tolerance on an assumed "
                 f"{tau_anxiolysis_days:.3g}-day time constant, in week {weeks:g} the sedative effect is "
                 f"{100 * last_week['net_sedation'].mean() / first['net_sedation']:.0f} % and the anxiolytic "
                 f"effect {100 * last_week['net_anxiolysis'].mean() / first['net_anxiolysis']:.0f} % of day 1."),
        x_title="Day of daily dosing (d)", y_title="Daily mean effect (% of day 1)",
        x_axes={(1, 1): dict(range=[1, days])}, y_axes={(1, 1): dict(range=[0, 300])},
        layout=day_1 | legend_beside(top_margin_px=TOP_MARGIN_PX))


def dopamine_weeks_figure(drug: str, tau_sedation_days: float) -> go.Figure:
    """Model prediction of VTA dopamine firing over 4 weeks of a daily oral dose (left), beside a separate
    study (right): accumbens dopamine by microdialysis in rats given midazolam (finlay1992_midazolam_microdialysis).

    The two panels are different drugs, doses, routes, species and measures; the measured trace is named
    as its own study and carries its source id in its ``meta``. Its numbers come from
    :func:`helpers.tables.measured_results`.
    """
    regimen = simulate_regimen(drug, drug_mg(drug, REFERENCE_DIAZEPAM_MG), interval_h=24, days=28,
                               tau_sedation_days=tau_sedation_days)
    shown = _thinned(regimen)
    baseline_hz = vta_rates(0.0)["da_hz"]
    no_tolerance = 100.0 * (np.asarray(vta_rates(shown["occupancy"].to_numpy())["da_hz"]) / baseline_hz - 1.0)
    with_tolerance = 100.0 * (predicted_dopamine_hz(shown["net_sedation"].clip(-1, 1).to_numpy()) / baseline_hz - 1.0)
    prediction = ROLE_COLOURS["model_prediction"]
    day = shown["day"].to_numpy()
    measured = measured_results().loc[list(FINLAY_BARS), "change_percent"].tolist()
    traces = [
        dict(type="scatter", x=day, y=no_tolerance, name="model: no tolerance",
             line=dict(color=prediction, width=1.5, dash="dot")),
        dict(type="scatter", x=day, y=with_tolerance, name="model: α1 tolerance<br>like sedation (ASSUMPTION)",
             line=dict(color=ROLE_COLOURS["dopamine"], width=2)),
        dict(type="bar", x=["acute dose", "after 14 d of<br>midazolam", "after 14 d of<br>saline"], y=measured,
             name=_study_name(FINLAY_STUDY, "Finlay et al. 1992"),
             meta=dict(FINLAY_STUDY) | measured_meta([FINLAY_ID]),
             marker=dict(color=PALETTE["blue"]), text=[f"{m:.0f} %" for m in measured], textposition="outside"),
    ]
    late = with_tolerance[day >= 27.0]
    early = with_tolerance[day <= 1.0]
    title = f"Dopamine over weeks: {drug_label(drug)} in the model, midazolam in rats (a separate study)"
    zero_line = dict(shapes=[hline_shape(0, dict(color=PALETTE["grey"], width=1))])
    return compose_figure(
        traces, title=_titled(title, dose_note(drug)), label="hypothesis",
        summary=(f"If the VTA's alpha1 receptors adapted like sedation (an assumption; time constant "
                 f"{tau_sedation_days:.3g} days), our model predicts that a daily oral dose of "
                 f"{drug_label(drug)} {drug_mg(drug, REFERENCE_DIAZEPAM_MG):.3g} mg ({dose_note(drug).lower()}) raises "
                 f"dopamine firing by at most {early.max():.0f} % on day 1 and {late.max():.0f} % on day 28; "
                 "a separate study measured something else: in rats given midazolam 5 mg/kg "
                 f"subcutaneously, accumbens dopamine (microdialysis) fell by {-measured[0]:.0f} % after an "
                 f"acute dose and by {-measured[1]:.0f} % after a challenge dose, both after 14 days of "
                 f"twice-daily midazolam and after saline, so no tolerance ({FINLAY_ID})."),
        cells=[(1, 1), (1, 1), (1, 2)], rows=1, cols=2, column_widths=[0.62, 0.38], horizontal_spacing=0.14,
        subplot_titles=("MODEL: VTA dopamine firing, daily oral dose",
                        "SEPARATE STUDY: rats, midazolam, microdialysis"),
        x_axes={(1, 1): dict(title="Days of daily dosing (d)", range=[0, 28]),
                (1, 2): dict(title="Midazolam 5 mg/kg (group)", tickangle=0)},
        y_axes={(1, 1): dict(title="Firing vs drug-free (% change)", range=[-60, 60]),
                (1, 2): dict(title="Accumbens dopamine (% change)", range=[-40, 10])},
        layout=zero_line | legend_beside(top_margin_px=TOP_MARGIN_PX))


def _study_name(study: dict, authors_year: str) -> str:
    """A legend name for a measured study: who, species, drug, dose, route and method."""
    return (f"Measured: {authors_year}<br>{study['species']}s, {study['drug']} {study['dose']}<br>"
            f"{study['route']}, {study['method']} [{study['source_id']}]")


def _block_extremes(regimen, block: int):
    """Row positions of the lowest and of the highest amount in the body in each block of ``block`` hours."""
    values = regimen["concentration"].to_numpy(dtype=float)
    n_blocks = math.ceil(values.size / block)
    low = np.full(n_blocks * block, np.inf)
    high = np.full(n_blocks * block, -np.inf)
    low[:values.size] = values
    high[:values.size] = values
    starts = block * np.arange(n_blocks)
    return starts + low.reshape(n_blocks, block).argmin(axis=1), starts + high.reshape(n_blocks, block).argmax(axis=1)


def _thinned(regimen):
    """At most ``MAX_PLOTTED_POINTS`` rows: in each block of hours, the lowest and highest
    amount in the body (in time order), so that the peaks and troughs between doses survive."""
    block = max(1, math.ceil(2 * len(regimen) / MAX_PLOTTED_POINTS))
    if block == 1:
        return regimen
    positions = np.union1d(*_block_extremes(regimen, block))
    return regimen.loc[regimen.index.to_numpy()[positions]]


def _thinned_on_regular_grid(regimen, columns):
    """Like :func:`_thinned` (each block's lowest and highest amount, in time order, with the other
    ``columns`` at those hours) but placed on an evenly spaced day grid: two points per block, at its
    start and half-way through. The shift (under half a block, < 1 px on the chart) lets the handout
    store the x axis as a start and a step. Returns a dict of arrays with ``day`` and ``columns``."""
    block = max(1, math.ceil(2 * len(regimen) / MAX_PLOTTED_POINTS))
    if block == 1:
        return {"day": regimen["day"].to_numpy(), **{c: regimen[c].to_numpy() for c in columns}}
    lowest, highest = _block_extremes(regimen, block)
    positions = np.column_stack([np.minimum(lowest, highest), np.maximum(lowest, highest)]).ravel()
    hours = regimen["time_h"].to_numpy()
    step_h = hours[1] - hours[0]
    grid_h = hours[0] + step_h * (block / 2.0) * np.arange(positions.size)
    return {"day": grid_h / 24.0, **{c: regimen[c].to_numpy()[positions] for c in columns}}


REGIMEN_COLUMNS = ("concentration", "occupancy", "net_effect", "tolerance_sedation", "tolerance_anxiolysis")


def _nice_ceiling(value: float) -> float:
    """The next 1, 2 or 5 x 10^k at or above ``value`` (a steady axis range)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= value)
