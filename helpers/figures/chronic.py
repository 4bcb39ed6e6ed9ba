"""Figures for lesson 04: repeated dosing, accumulation, tolerance, dopamine over weeks.

Doses are given as *diazepam-equivalent* mg (Ashton equivalences, as in lesson 03), so
drugs are compared at equivalent doses; each builder converts to mg of the drug.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from helpers.figures.theme import DASHES, PALETTE, ROLE_COLOURS, finish, line_style, new_figure
from helpers.models.adaptation import predicted_dopamine_hz, simulate_regimen
from helpers.models.circuit import vta_rates
from helpers.models.pharmacokinetics import DRUGS, REFERENCE_DIAZEPAM_MG, equivalent_dose_mg
from helpers.references import reference

COMPARED_DRUGS = ("alprazolam", "lorazepam", "clonazepam", "diazepam")
DRUG_COLOURS = {"alprazolam": PALETTE["vermillion"], "lorazepam": PALETTE["orange"],
                "clonazepam": PALETTE["sky"], "diazepam": PALETTE["blue"]}
MAX_PLOTTED_POINTS = 700   # per trace: keeps handout frames small
FINLAY = reference("finlay1992_midazolam_microdialysis")["values"]


def drug_mg(drug: str, diazepam_eq_mg: float) -> float:
    """mg of ``drug`` equivalent to ``diazepam_eq_mg`` mg of diazepam (the lesson 03 equivalences: Ashton)."""
    return diazepam_eq_mg / REFERENCE_DIAZEPAM_MG * equivalent_dose_mg(drug)


def drug_label(drug: str) -> str:
    return str(DRUGS.loc[drug, "display_name"])


def regimen_figure(drug: str, diazepam_eq_mg: float, interval_h: float, weeks: float) -> go.Figure:
    """Three linked panels over the regimen: amount in the body, receptor effect, tolerance."""
    regimen = simulate_regimen(drug, drug_mg(drug, diazepam_eq_mg), interval_h=interval_h, days=7.0 * weeks)
    shown = _thinned(regimen)
    fig = new_figure(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07,
                     subplot_titles=("Drug in the body", "Receptor effect", "Tolerance (model; time constants are assumptions)"))
    fig.add_trace(go.Scatter(x=shown["day"], y=shown["concentration"], name="amount in body",
                             line=line_style("benzodiazepine", width=1.5),
                             hovertemplate="day %{x:.1f}<br>%{y:.3g} mg-eq"), row=1, col=1)
    fig.add_trace(go.Scatter(x=shown["day"], y=shown["occupancy"], name="drug effect (site occupancy)",
                             line=line_style("gaba", width=1.5), hovertemplate="day %{x:.1f}<br>%{y:.2f}"),
                  row=2, col=1)
    fig.add_trace(go.Scatter(x=shown["day"], y=shown["net_effect"], name="effect after tolerance",
                             line=line_style("control", dash_index=1, width=1.5),
                             hovertemplate="day %{x:.1f}<br>%{y:.2f}"), row=2, col=1)
    fig.add_trace(go.Scatter(x=shown["day"], y=shown["tolerance_sedation"], name="tolerance: sedation",
                             line=dict(color=PALETTE["purple"], width=3, dash=DASHES[0])), row=3, col=1)
    fig.add_trace(go.Scatter(x=shown["day"], y=shown["tolerance_anxiolysis"], name="tolerance: anxiolysis",
                             line=dict(color=PALETTE["green"], width=3, dash=DASHES[2])), row=3, col=1)
    days = 7.0 * weeks
    fig.update_xaxes(range=[0, days])
    fig.update_xaxes(title_text="Days since the first dose (d)", row=3, col=1)
    fig.update_yaxes(title_text="Amount (mg-eq)", range=[0, _nice_ceiling(regimen["concentration"].max())],
                     row=1, col=1)
    fig.update_yaxes(title_text="Effect (0–1)", range=[-0.1, 1.0], row=2, col=1)
    fig.update_yaxes(title_text="Tolerance (0–1)", range=[0, 1.0], row=3, col=1)
    legend_at_right(fig, height=720)
    last_day = regimen[regimen["day"] > days - 1.0]
    first_day = regimen[regimen["day"] <= 1.0]
    summary = (f"{drug_label(drug)} {drug_mg(drug, diazepam_eq_mg):.3g} mg every {interval_h:.3g} h for "
               f"{weeks:.3g} weeks: the mean amount in the body on the last day is "
               f"{last_day['concentration'].mean() / max(first_day['concentration'].mean(), 1e-12):.2g} times the first day's, "
               f"it swings {last_day['concentration'].max() / max(last_day['concentration'].min(), 1e-12):.2g}-fold within "
               f"that day, and the model's tolerance has reached {last_day['tolerance_sedation'].mean():.2f} for sedation "
               f"and {last_day['tolerance_anxiolysis'].mean():.2f} for anxiolysis.")
    return finish(fig, title=f"{weeks:.3g} weeks of {drug_label(drug)}: accumulation, effect and tolerance",
                  summary=summary)


def short_vs_long_figure(diazepam_eq_mg: float, interval_h: float) -> go.Figure:
    """Four drugs at equivalent doses for four weeks: amount in body (left), last two days (right)."""
    fig = new_figure(rows=1, cols=2, column_widths=[0.62, 0.38], horizontal_spacing=0.12,
                     subplot_titles=("Four weeks", "Days 27–28, relative to each drug's mean"))
    swings = {}
    for index, drug in enumerate(COMPARED_DRUGS):
        regimen = simulate_regimen(drug, drug_mg(drug, diazepam_eq_mg), interval_h=interval_h, days=28)
        shown = _thinned(regimen)
        style = dict(color=DRUG_COLOURS[drug], width=2, dash=DASHES[index])
        fig.add_trace(go.Scatter(x=shown["day"], y=shown["concentration"], name=drug_label(drug), line=style,
                                 legendgroup=drug, hovertemplate="day %{x:.1f}<br>%{y:.3g} mg-eq"), row=1, col=1)
        end = regimen[regimen["day"] >= 26.0]
        relative = end["concentration"] / end["concentration"].mean()
        swings[drug] = end["concentration"].max() / end["concentration"].min()
        fig.add_trace(go.Scatter(x=end["day"], y=relative, name=f"{drug_label(drug)}, days 27–28", line=style, legendgroup=drug,
                                 showlegend=False, hovertemplate="day %{x:.2f}<br>%{y:.2f} × mean"), row=1, col=2)
    fig.update_xaxes(title_text="Days (d)", range=[0, 28], row=1, col=1)
    fig.update_xaxes(title_text="Days (d)", range=[26, 28], row=1, col=2)
    fig.update_yaxes(title_text="Amount in body (mg-eq)", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="Amount / its mean (ratio)", range=[0, 2.5], row=1, col=2)
    legend_at_right(fig)
    most, least = max(swings, key=swings.get), min(swings, key=swings.get)
    return finish(fig, title=f"Equivalent doses (diazepam {diazepam_eq_mg:.3g} mg) every {interval_h:.3g} h",
                  summary=(f"At doses equivalent to diazepam {diazepam_eq_mg:.3g} mg every {interval_h:.3g} h, "
                           f"{drug_label(most)} swings most within a day ({swings[most]:.2g}-fold) and "
                           f"{drug_label(least)} least ({swings[least]:.2g}-fold), while diazepam, with its "
                           "long-lived metabolite, keeps accumulating for weeks."))


def sedation_anxiolysis_figure(drug: str, tau_sedation_days: float, tau_anxiolysis_days: float) -> go.Figure:
    """Daily mean effect on sedation and on anxiety, as % of day 1, over 12 weeks of daily dosing."""
    regimen = simulate_regimen(drug, drug_mg(drug, 10.0), interval_h=24, days=84,
                               tau_sedation_days=tau_sedation_days, tau_anxiolysis_days=tau_anxiolysis_days)
    daily = regimen[regimen["time_h"] < 84 * 24].groupby((regimen["time_h"] // 24).astype(int)).mean()
    day_number = daily.index.to_numpy() + 1
    fig = new_figure()
    for column, label, colour, dash in (("occupancy", "drug effect without tolerance", ROLE_COLOURS["control"], 3),
                                        ("net_sedation", "sedation (model)", PALETTE["purple"], 0),
                                        ("net_anxiolysis", "anxiolysis (model)", PALETTE["green"], 2)):
        percent = 100.0 * daily[column] / daily[column].iloc[0]
        fig.add_trace(go.Scatter(x=day_number, y=percent, name=label, mode="lines",
                                 line=dict(color=colour, width=3, dash=DASHES[dash]),
                                 hovertemplate="day %{x}<br>%{y:.0f} % of day 1"))
    fig.add_hline(y=100, line=dict(color=PALETTE["grey"], dash="dot"), annotation_text="day 1",
                  annotation_position="top right")
    fig.update_xaxes(range=[1, 84])
    fig.update_yaxes(range=[0, 300])
    legend_at_right(fig)
    week_12 = daily.iloc[-7:]
    first = daily.iloc[0]
    return finish(fig, title=f"{drug_label(drug)} daily: sedation fades faster than anxiolysis (model)",
                  x_title="Day of daily dosing (d)", y_title="Daily mean effect (% of day 1)",
                  summary=(f"With sedation tolerance on a {tau_sedation_days:.3g}-day and anxiolytic tolerance on a "
                           f"{tau_anxiolysis_days:.3g}-day time constant, in week 12 the modelled sedative effect is "
                           f"{100 * week_12['net_sedation'].mean() / first['net_sedation']:.0f} % and the anxiolytic "
                           f"effect {100 * week_12['net_anxiolysis'].mean() / first['net_anxiolysis']:.0f} % of day 1."))


def dopamine_weeks_figure(drug: str, tau_sedation_days: float) -> go.Figure:
    """Model prediction of VTA dopamine firing over 4 weeks (left) beside Finlay et al. 1992's measurement (right)."""
    regimen = simulate_regimen(drug, drug_mg(drug, 10.0), interval_h=24, days=28, tau_sedation_days=tau_sedation_days)
    shown = _thinned(regimen)
    baseline_hz = vta_rates(0.0)["da_hz"]
    no_tolerance = 100.0 * (np.asarray(vta_rates(shown["occupancy"].to_numpy())["da_hz"]) / baseline_hz - 1.0)
    with_tolerance = 100.0 * (predicted_dopamine_hz(shown["net_sedation"].clip(-1, 1).to_numpy()) / baseline_hz - 1.0)
    fig = new_figure(rows=1, cols=2, column_widths=[0.62, 0.38], horizontal_spacing=0.14,
                     subplot_titles=("MODEL PREDICTION: VTA dopamine firing", "MEASURED: accumbens dopamine (rat)"))
    prediction = ROLE_COLOURS["model_prediction"]
    fig.add_trace(go.Scatter(x=shown["day"], y=no_tolerance, name="prediction: no tolerance",
                             line=dict(color=prediction, width=1.5, dash="dot")), row=1, col=1)
    fig.add_trace(go.Scatter(x=shown["day"], y=with_tolerance, name="prediction: α1 tolerance<br>like sedation",
                             line=dict(color=ROLE_COLOURS["dopamine"], width=2)), row=1, col=1)
    measured = [_percent(FINLAY["acute_5mgkg_sc"]), _percent(FINLAY["after_14d_bid_5mgkg_challenge"]),
                _percent(FINLAY["after_14d_bid_5mgkg_challenge"])]
    fig.add_trace(go.Bar(x=["day 1", "day 15,<br>midazolam", "day 15,<br>saline"], y=measured,
                         name="measured: Finlay<br>et al. 1992 (rat)", marker=dict(color=PALETTE["blue"]),
                         text=[f"{m:.0f} %" for m in measured], textposition="outside"), row=1, col=2)
    fig.add_hline(y=0, line=dict(color=PALETTE["grey"], width=1), row=1, col=1)
    fig.update_xaxes(title_text="Days of daily dosing (d)", range=[0, 28], row=1, col=1)
    fig.update_yaxes(title_text="Firing vs drug-free (% change)", range=[-60, 60], row=1, col=1)
    fig.update_xaxes(title_text="Challenge, 5 mg/kg s.c. (group)", tickangle=0, row=1, col=2)
    fig.update_yaxes(title_text="Extracellular dopamine (% change)", range=[-40, 10], row=1, col=2)
    legend_at_right(fig)
    late = with_tolerance[shown["day"].to_numpy() >= 27.0]
    early = with_tolerance[shown["day"].to_numpy() <= 1.0]
    return finish(fig, title="Dopamine over weeks: what the model predicts vs what was measured",
                  summary=(f"If the VTA's alpha1 receptors adapted like sedation (time constant "
                           f"{tau_sedation_days:.3g} days), the model predicts a rise in dopamine firing of up to "
                           f"{early.max():.0f} % on day 1 shrinking to {late.max():.0f} % by day 28; the measured "
                           "microdialysis drop in accumbens dopamine after midazolam was the same after 14 days "
                           "of twice-daily dosing (−22 % acute, −25 % after 14 days)."))


def legend_at_right(fig: go.Figure, *, height: int | None = None) -> None:
    """Legend beside the plot (clear of titles, handout menus and sliders); a wider figure makes room."""
    fig.update_layout(width=940, legend=dict(x=1.02, y=1.0, xanchor="left", yanchor="top"),
                      margin=dict(r=230, t=90), **({"height": height} if height else {}))


def _percent(text: str) -> float:
    """The leading signed percentage of a reference value such as '-22% NAc DA (...)'."""
    return float(text.split("%")[0])


def _thinned(regimen):
    """At most ``MAX_PLOTTED_POINTS`` rows: in each block of hours, the lowest and highest
    amount in the body (in time order), so that the peaks and troughs between doses survive."""
    block = max(1, math.ceil(2 * len(regimen) / MAX_PLOTTED_POINTS))
    if block == 1:
        return regimen
    groups = regimen["concentration"].groupby(np.arange(len(regimen)) // block)
    keep = np.union1d(groups.idxmin().to_numpy(), groups.idxmax().to_numpy())
    return regimen.loc[keep]


def _nice_ceiling(value: float) -> float:
    """The next 1, 2 or 5 x 10^k at or above ``value`` (a steady axis range)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= value)
