"""Figures for lesson 03: one dose from the gut to VTA firing, and dopamine in the accumbens."""

from __future__ import annotations

import functools

import numpy as np
import plotly.graph_objects as go

from helpers.figures.theme import PALETTE, ROLE_COLOURS, finish, line_style, new_figure
from helpers.models import circuit, occupancy, pharmacokinetics, release

# Dense early (peaks come within hours), sparser later: 0-12 h every 0.1 h, then every 0.5 h to 96 h.
CHAIN_TIME_H = np.concatenate([np.arange(0.0, 12.0, 0.1), np.arange(12.0, 96.01, 0.5)])
FSCV_SHOWN_S = 60.0        # the traces show the first minute; the statistics use the whole 2 minutes
FSCV_SECONDS = 120.0
FSCV_SEED = 0
CONDITION_ROLES = {"control": "control", "diazepam": "benzodiazepine", "cocaine": "stimulant",
                   "amphetamine": "stimulant"}
CONDITION_LABELS = {"control": "Control", "diazepam": "Diazepam", "cocaine": "Cocaine", "amphetamine": "Amphetamine"}
# Cocaine and amphetamine share the stimulant colour; they differ by dash or marker.
MEASURE_LABELS = ("transient<br>frequency", "transient<br>amplitude", "baseline<br>(tonic)",
                  "time average<br>(microdialysis)")
OCCUPANCY_AXIS = np.linspace(0.0, 1.0, 11)
FINLAY_RANGE = (0.50, 0.78)  # finlay1992_midazolam_microdialysis: -22 % to -50 % of control


def drug_label(drug: str) -> str:
    return pharmacokinetics.DRUGS.loc[drug, "display_name"]


def dose_mg_for(drug: str, dose_equivalents: float) -> float:
    """mg of ``drug`` equal to ``dose_equivalents`` x diazepam 10 mg (the model's equivalence)."""
    return dose_equivalents * pharmacokinetics.equivalent_dose_mg(drug)


def dose_chain_figure(drug: str, dose_equivalents: float, half_occupancy_mg_eq: float) -> go.Figure:
    """Three stacked panels against time: drug in the body, site occupancy, dopamine neuron firing."""
    dose_mg = dose_mg_for(drug, dose_equivalents)
    levels = pharmacokinetics.dose_schedule_levels(drug, [0.0], dose_mg, CHAIN_TIME_H)
    occupied = occupancy.bz_site_occupancy(levels["active"].to_numpy(), half_occupancy_mg_eq=half_occupancy_mg_eq)
    da_hz = circuit.vta_rates(occupied)["da_hz"]
    metabolite = pharmacokinetics.DRUGS.loc[drug, "active_metabolite"] or "none in the model"
    fig = new_figure(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07,
                     subplot_titles=("1 · Drug in the body", "2 · Benzodiazepine sites occupied (ASSUMED constant)",
                                     "3 · VTA dopamine neuron firing (lesson 02 circuit)"))
    hover = "%{x:.1f} h<br>%{y:.2f}"
    fig.add_trace(go.Scatter(x=CHAIN_TIME_H, y=levels["parent"], name=f"{drug_label(drug)} (parent)",
                             line=line_style("benzodiazepine"), hovertemplate=hover), row=1, col=1)
    fig.add_trace(go.Scatter(x=CHAIN_TIME_H, y=levels["metabolite"], name=f"active metabolite: {metabolite}",
                             line=line_style("model_prediction", dash_index=1), hovertemplate=hover), row=1, col=1)
    fig.add_trace(go.Scatter(x=CHAIN_TIME_H, y=levels["active"], name="active total (metabolite × potency)",
                             line=line_style("control", dash_index=2, width=2), hovertemplate=hover), row=1, col=1)
    fig.add_trace(go.Scatter(x=CHAIN_TIME_H, y=occupied, name="occupancy", line=line_style("gaba"),
                             hovertemplate=hover), row=2, col=1)
    fig.add_trace(go.Scatter(x=CHAIN_TIME_H, y=da_hz, name="DA neuron firing", line=line_style("dopamine"),
                             hovertemplate="%{x:.1f} h<br>%{y:.2f} Hz"), row=3, col=1)
    fig.add_trace(go.Scatter(x=[CHAIN_TIME_H[0], CHAIN_TIME_H[-1]], y=[circuit.DA_BASELINE_HZ] * 2,
                             name="firing before the dose", mode="lines",
                             line=line_style("control", dash_index=2, width=1.5)), row=3, col=1)
    fig.update_xaxes(range=[0, 96], dtick=12)
    fig.update_xaxes(title_text="Time after the dose (h)", row=3, col=1)
    fig.update_yaxes(title_text="Amount (mg-eq)", range=[0, 32], row=1, col=1)
    fig.update_yaxes(title_text="Occupancy (fraction)", range=[0, 1], row=2, col=1)
    fig.update_yaxes(title_text="Firing (Hz)", range=[3.5, 7.0], row=3, col=1)
    fig.update_layout(height=760, width=820, margin=dict(t=175, r=30),
                      legend=dict(orientation="h", x=0, y=1.05, yanchor="bottom"))
    peak = int(np.argmax(occupied))
    title = (f"{drug_label(drug)} {dose_mg:.3g} mg (≈ diazepam {10 * dose_equivalents:.3g} mg): "
             f"peak occupancy {occupied[peak]:.2f} at {CHAIN_TIME_H[peak]:.1f} h")
    summary = (f"After {dose_mg:.3g} mg of {drug_label(drug).lower()} the active drug in the body peaks at "
               f"{levels['active'].iloc[peak]:.1f} diazepam-equivalent mg at {CHAIN_TIME_H[peak]:.1f} h, occupying "
               f"{occupied[peak]:.2f} of the benzodiazepine sites and raising model dopamine neuron firing from "
               f"{circuit.DA_BASELINE_HZ:.1f} to {da_hz[peak]:.2f} Hz; at 96 h occupancy is {occupied[-1]:.2f}.")
    return _titled(fig, title=title, summary=summary)


@functools.cache
def _control_recording():
    trace = release.simulate_fscv("control", seconds=FSCV_SECONDS, seed=FSCV_SEED)
    return trace, release.transient_stats(trace), release.detect_transients(trace)


def _recording(condition: str, diazepam_occupancy: float, release_reduction: float):
    extra = dict(diazepam_occupancy=diazepam_occupancy, release_reduction=release_reduction) \
        if condition == "diazepam" else {}
    trace = release.simulate_fscv(condition, seconds=FSCV_SECONDS, seed=FSCV_SEED, **extra)
    return trace, release.transient_stats(trace), release.detect_transients(trace)


def _measure_ratios(stats: dict, control: dict) -> list[float]:
    keys = ("frequency_hz", "mean_amplitude_nM", "tonic_nM", "mean_nM")
    return [stats[k] / control[k] if np.isfinite(stats[k]) else 0.0 for k in keys]


def fscv_figure(condition: str, diazepam_occupancy: float, release_reduction: float) -> go.Figure:
    """Virtual FSCV: control (top) and a drug (bottom) with the same seed; right, each measure as x control."""
    control_trace, control_stats, control_peaks = _control_recording()
    trace, stats, peaks = _recording(condition, diazepam_occupancy, release_reduction)
    role = CONDITION_ROLES[condition]
    fig = new_figure(rows=2, cols=2, column_widths=[0.66, 0.34], horizontal_spacing=0.1, vertical_spacing=0.14,
                     specs=[[{}, {"rowspan": 2}], [{}, None]],
                     subplot_titles=("Control", "Drug ÷ control", CONDITION_LABELS[condition]))
    for row, (name, shown, found, trace_role) in enumerate(
            [("control", control_trace, control_peaks, "control"), (condition, trace, peaks, role)], start=1):
        window = shown[shown.time_s < FSCV_SHOWN_S]
        seen = found[found.time_s < FSCV_SHOWN_S]
        fig.add_trace(go.Scatter(x=window.time_s, y=window.dopamine_nM, name=f"{CONDITION_LABELS[name]} trace",
                                 line=dict(color=ROLE_COLOURS[trace_role], width=1.5),
                                 hovertemplate="%{x:.1f} s<br>%{y:.0f} nM"), row=row, col=1)
        fig.add_trace(go.Scatter(x=seen.time_s, y=seen.peak_nM,
                                 mode="markers", name=f"{CONDITION_LABELS[name]}: detected transients",
                                 marker=dict(symbol="triangle-down", size=9, color=ROLE_COLOURS[trace_role],
                                             line=dict(color="white", width=1)),
                                 hovertemplate="transient at %{x:.1f} s"), row=row, col=1)
    ratios = _measure_ratios(stats, control_stats)
    fig.add_trace(go.Scatter(x=list(MEASURE_LABELS), y=ratios, mode="markers+text", name="drug ÷ control",
                             text=[f"×{r:.2f}" for r in ratios], textposition="top center",
                             marker=dict(size=14, color=ROLE_COLOURS[role], symbol="diamond",
                                         line=dict(color="black", width=1)),
                             hovertemplate="%{x}: ×%{y:.2f}"), row=1, col=2)
    fig.add_trace(go.Scatter(x=list(MEASURE_LABELS), y=[1.0] * 4, mode="lines", name="no change (×1)",
                             line=dict(color=PALETTE["grey"], dash="dot", width=1.5)), row=1, col=2)
    for row in (1, 2):
        fig.update_xaxes(range=[0, FSCV_SHOWN_S], row=row, col=1)
        fig.update_yaxes(title_text="Dopamine (nM)", range=[-30, 900], row=row, col=1)
    fig.update_xaxes(title_text="Time (s)", row=2, col=1)
    fig.update_yaxes(title_text="Drug ÷ control (×, log)", type="log", range=[np.log10(0.2), np.log10(10)],
                     tickvals=[0.25, 0.5, 1, 2, 4, 8], ticktext=["×0.25", "×0.5", "×1", "×2", "×4", "×8"], row=1, col=2)
    fig.update_xaxes(tickangle=0, tickfont=dict(size=11), range=[-0.5, 3.5], row=1, col=2)
    fig.update_layout(height=620, width=900, showlegend=False, margin=dict(t=110, r=40))
    detail = (f" at occupancy {diazepam_occupancy:.2f} with release per spike reduced by "
              f"{100 * release_reduction * diazepam_occupancy:.0f} % (HYPOTHESIS)" if condition == "diazepam" else "")
    summary = (f"With the same seed, {condition}{detail} changes transient frequency from "
               f"{control_stats['frequency_hz']:.2f} to {stats['frequency_hz']:.2f} per s, mean amplitude from "
               f"{control_stats['mean_amplitude_nM']:.0f} to {_nan_text(stats['mean_amplitude_nM'])} nM, the baseline "
               f"from {control_stats['tonic_nM']:.0f} to {stats['tonic_nM']:.0f} nM and the time average from "
               f"{control_stats['mean_nM']:.0f} to {stats['mean_nM']:.0f} nM.")
    return _titled(fig, title=f"Virtual FSCV in the nucleus accumbens: control and {condition}", summary=summary)


def reconcile_figure(release_reduction: float) -> go.Figure:
    """Expected FSCV and microdialysis measures against diazepam occupancy, each as x control."""
    control = release.expected_measures("control")
    measures = [release.expected_measures("diazepam", diazepam_occupancy=o, release_reduction=release_reduction)
                for o in OCCUPANCY_AXIS]
    lines = [("burst_rate_hz", "frequency (FSCV)", "dopamine", 0),
             ("transient_peak_nM", "amplitude (FSCV)", "benzodiazepine", 1),
             ("steady_nM", "baseline", "gaba", 3),
             ("average_nM", "time average (microdialysis)", "control", 2)]
    fig = new_figure()
    fig.add_trace(go.Scatter(x=[0, 1, 1, 0, 0], y=[FINLAY_RANGE[0], FINLAY_RANGE[0], FINLAY_RANGE[1],
                                                   FINLAY_RANGE[1], FINLAY_RANGE[0]],
                             fill="toself", mode="lines", line=dict(width=0), fillcolor="rgba(110,110,110,0.18)",
                             name="microdialysis data: −22 to −50 % (Finlay 1992)", hoverinfo="skip"))
    for key, label, role, dash in lines:
        ratio = [m[key] / control[key] for m in measures]
        fig.add_trace(go.Scatter(x=OCCUPANCY_AXIS, y=ratio, name=label, mode="lines+markers",
                                 line=line_style(role, dash_index=dash), marker=dict(size=6),
                                 hovertemplate="occupancy %{x:.1f}<br>×%{y:.2f}"))
    fig.add_trace(go.Scatter(x=[0, 1], y=[1, 1], mode="lines", name="control",
                             line=dict(color=PALETTE["grey"], dash="dot", width=1.5)))
    fig.update_xaxes(range=[0, 1])
    fig.update_yaxes(range=[0, 2])
    fig.update_layout(width=820, height=520, margin=dict(t=120),
                      legend=dict(orientation="h", x=0, y=1.03, yanchor="bottom"))
    half = measures[5]
    summary = (f"With the hypothesis set to a {100 * release_reduction:.0f} % loss of release per spike at full "
               f"occupancy, half occupancy gives transients ×{half['burst_rate_hz'] / control['burst_rate_hz']:.2f} "
               f"as frequent and ×{half['transient_peak_nM'] / control['transient_peak_nM']:.2f} as large, and a time "
               f"average ×{half['average_nM'] / control['average_nM']:.2f} of control.")
    return _titled(fig, title="Frequency up, amplitude down, average down: can all three be true?",
                  x_title="Benzodiazepine-site occupancy (fraction)", y_title="Diazepam ÷ control (×)", summary=summary)


def transient_shapes_figure(spikes: float, diazepam_occupancy: float) -> go.Figure:
    """One burst's transient (noise-free) in each condition, with its clearance half-time."""
    fig = new_figure()
    for dash, condition in enumerate(release.CONDITIONS):
        extra = {"diazepam_occupancy": diazepam_occupancy} if condition == "diazepam" else {}
        shape = release.single_transient(condition, spikes=spikes, **extra)
        t50_ms = 1000 * release.clearance_half_time_s(condition, **extra)
        fig.add_trace(go.Scatter(x=shape.time_s, y=shape.dopamine_nM,
                                 name=f"{CONDITION_LABELS[condition]}: t½ {t50_ms:.0f} ms",
                                 line=line_style(CONDITION_ROLES[condition], dash_index=dash),
                                 hovertemplate="%{x:.2f} s<br>%{y:.0f} nM"))
    fig.update_xaxes(range=[0, 2.5])
    fig.update_yaxes(range=[0, 700])
    fig.update_layout(width=820, height=480, margin=dict(t=110),
                      legend=dict(orientation="h", x=0, y=1.03, yanchor="bottom"))
    peaks = {c: float(release.single_transient(c, spikes=spikes).dopamine_nM.max()) for c in ("control", "cocaine")}
    summary = (f"A burst of {spikes:.0f} spikes raises dopamine to {peaks['control']:.0f} nM in control and "
               f"{peaks['cocaine']:.0f} nM with cocaine, which also clears it "
               f"{release.clearance_half_time_s('cocaine') / release.clearance_half_time_s('control'):.1f} times "
               "more slowly; with diazepam the same burst gives a smaller transient.")
    return _titled(fig, title=f"One burst of {spikes:.0f} spikes, four conditions", x_title="Time (s)",
                  y_title="Dopamine (nM)", summary=summary)


def _titled(fig: go.Figure, **finish_kwargs) -> go.Figure:
    """``theme.finish``, with the title pinned to the top edge so it clears a legend above the plot."""
    fig = finish(fig, **finish_kwargs)
    fig.update_layout(title=dict(y=0.985, yref="container", yanchor="top"))
    return fig


def _nan_text(value: float) -> str:
    return "—" if not np.isfinite(value) else f"{value:.0f}"
