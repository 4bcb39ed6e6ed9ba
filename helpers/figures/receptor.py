"""Figures for lesson 01: chloride reversal, GABA concentration-response, the model neuron."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from helpers.figures.theme import PALETTE, ROLE_COLOURS, finish, line_style, new_figure
from helpers.models import neuron, receptor

GABA_AXIS_UM = np.geomspace(0.1, 3000.0, 200)
CL_IN_AXIS_MM = np.linspace(2.0, 70.0, 137)
# Presentation choice (not a measured value): E_Cl within 3 mV of rest is described as "near rest".
NEAR_REST_MV = 3.0
# The rate axis snaps to one of these tops, so it stays still for most slider moves but never clips.
RATE_AXIS_TOPS_HZ = (100.0, 200.0, 400.0)


def chloride_figure(cl_in_mM: float, cl_out_mM: float, temperature_c: float) -> go.Figure:
    """E_Cl (mV) against intracellular chloride (mM), with the current setting marked."""
    e_cl_curve = receptor.chloride_reversal_mV(CL_IN_AXIS_MM, cl_out_mM, temperature_c)
    e_cl = receptor.chloride_reversal_mV(cl_in_mM, cl_out_mM, temperature_c)
    fig = new_figure()
    fig.add_trace(go.Scatter(x=CL_IN_AXIS_MM, y=e_cl_curve, name="E<sub>Cl</sub> (Nernst)",
                             line=line_style("gaba"), hovertemplate="[Cl⁻]in %{x:.1f} mM<br>E_Cl %{y:.1f} mV"))
    fig.add_trace(go.Scatter(x=[cl_in_mM], y=[e_cl], name="this neuron", mode="markers",
                             marker=dict(size=14, color=PALETTE["vermillion"], symbol="diamond",
                                         line=dict(color="black", width=1))))
    fig.add_hline(y=neuron.LEAK_REVERSAL_MV, line=dict(color=PALETTE["grey"], dash="dot"),
                  annotation_text="resting potential", annotation_position="bottom right")
    fig.add_hline(y=neuron.THRESHOLD_MV, line=dict(color=PALETTE["black"], dash="dash"),
                  annotation_text="spike threshold (model)", annotation_position="top right")
    fig.update_xaxes(range=[0, 72])
    fig.update_yaxes(range=[-130, 10])
    direction = gaba_action(e_cl)
    return finish(fig, title=f"E<sub>Cl</sub> = {e_cl:.1f} mV: GABA is {direction}",
                  x_title="Intracellular chloride [Cl⁻]in (mM)", y_title="Chloride reversal potential E<sub>Cl</sub> (mV)",
                  summary=(f"With {cl_in_mM:.3g} mM chloride inside and {cl_out_mM:.3g} mM outside at "
                           f"{temperature_c:.3g} °C the chloride reversal potential is {e_cl:.1f} mV, "
                           f"so opening GABA-A channels is {direction}."))


def gaba_action(e_cl_mV: float) -> str:
    """How opening GABA-A channels acts on the model neuron, judged from E_Cl against rest and threshold."""
    if abs(e_cl_mV - neuron.LEAK_REVERSAL_MV) <= NEAR_REST_MV:
        return "shunting: it holds the membrane near rest (inhibitory)"
    if e_cl_mV < neuron.LEAK_REVERSAL_MV:
        return "hyperpolarising (inhibitory)"
    if e_cl_mV < neuron.THRESHOLD_MV:
        return "depolarising but below threshold (in the model it still opposes firing)"
    return "depolarising above threshold (excitatory)"


def concentration_response_figure(diazepam_uM: float, pentobarbital_uM: float,
                                  gaba_ec50_alone_uM: float = receptor.GABA_EC50_UM) -> go.Figure:
    """GABA concentration-response alone, with diazepam, and with pentobarbital (log GABA axis).

    ``gaba_ec50_alone_uM`` is the EC50 of GABA alone, a choice among published preparations.
    """
    curves = [
        ("GABA alone", "control", "none", 0.0, 0),
        (f"+ diazepam {diazepam_uM:.3g} µM", "benzodiazepine", "diazepam", diazepam_uM, 1),
        (f"+ pentobarbital {pentobarbital_uM:.3g} µM", "barbiturate", "pentobarbital", pentobarbital_uM, 2),
    ]
    ec50_choice = dict(gaba_ec50_alone_uM=gaba_ec50_alone_uM)
    fig = new_figure()
    for label, role, modulator, concentration, dash in curves:
        response = receptor.gaba_a_response(GABA_AXIS_UM, modulator, concentration, **ec50_choice)
        fig.add_trace(go.Scatter(x=GABA_AXIS_UM, y=response, name=label, line=line_style(role, dash_index=dash),
                                 hovertemplate="GABA %{x:.3g} µM<br>response %{y:.2f}"))
    ec50s = [receptor.gaba_ec50_uM(m, c, **ec50_choice) for _, _, m, c, _ in curves]
    at_ec50 = [receptor.gaba_a_response(e, m, c, **ec50_choice) for e, (_, _, m, c, _) in zip(ec50s, curves)]
    maxima = [receptor.gaba_a_response(1e6, m, c, **ec50_choice) for _, _, m, c, _ in curves]
    fig.add_trace(go.Scatter(x=ec50s, y=at_ec50, mode="markers", name="EC50 (half-maximal)",
                             marker=dict(size=11, color=[ROLE_COLOURS[r] for _, r, _, _, _ in curves],
                                         symbol="circle-open", line=dict(width=3)),
                             hovertemplate="EC50 %{x:.3g} µM"))
    fig.add_hline(y=1.0, line=dict(color=PALETTE["grey"], dash="dot"),
                  annotation_text="maximum with GABA alone", annotation_position="top left")
    fig.update_xaxes(type="log", range=[-1, np.log10(3000)])
    fig.update_yaxes(range=[0, 1.6])
    no_gaba_pb = receptor.gaba_a_response(0.0, "pentobarbital", pentobarbital_uM)
    summary = (f"Diazepam at {diazepam_uM:.3g} µM moves the GABA EC50 from {ec50s[0]:.3g} to {ec50s[1]:.3g} µM "
               f"without raising the maximum, while pentobarbital at {pentobarbital_uM:.3g} µM lowers it to "
               f"{ec50s[2]:.3g} µM, raises the maximum to {maxima[2]:.2f} and gives {no_gaba_pb:.2f} of "
               "the GABA maximum with no GABA at all.")
    return finish(fig, title="GABA concentration–response: modulators compared",
                  x_title="GABA concentration (µM, log scale)", y_title="Current (1 = maximal response to GABA alone)",
                  summary=summary)


def neuron_figure(diazepam_uM: float, gaba_uM: float, excitation_nS: float, cl_in_mM: float) -> go.Figure:
    """Membrane potential trace (left) and firing rate against diazepam (right)."""
    settings = dict(gaba_uM=gaba_uM, excitation_nS=excitation_nS, cl_in_mM=cl_in_mM)
    time_ms, voltage = neuron.voltage_trace(diazepam_uM=diazepam_uM, **settings)
    baseline_t, baseline_v = neuron.voltage_trace(diazepam_uM=0.0, **settings)
    diazepam_axis = np.concatenate([[0.0], np.geomspace(0.001, neuron.DIAZEPAM_RANGE_UM[1], 60)])
    rates = neuron.firing_rate_curve_hz(diazepam_axis, **settings)
    rate_now = neuron.firing_rate_hz(diazepam_uM=diazepam_uM, **settings)
    fig = new_figure(rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.12,
                     subplot_titles=("Membrane potential", "Firing rate against diazepam"))
    fig.add_trace(go.Scatter(x=baseline_t, y=baseline_v, name="no diazepam", line=line_style("control", width=1.5),
                             opacity=0.45), row=1, col=1)
    fig.add_trace(go.Scatter(x=time_ms, y=voltage, name=f"diazepam {diazepam_uM:.3g} µM",
                             line=line_style("benzodiazepine", width=2)), row=1, col=1)
    fig.add_trace(go.Scatter(x=np.maximum(diazepam_axis, 0.001), y=rates, name="rate (model)",
                             line=line_style("gaba", dash_index=1)), row=1, col=2)
    fig.add_trace(go.Scatter(x=[max(diazepam_uM, 0.001)], y=[rate_now], mode="markers", name="this setting",
                             marker=dict(size=13, color=ROLE_COLOURS["benzodiazepine"], symbol="diamond",
                                         line=dict(color="black", width=1))), row=1, col=2)
    fig.update_xaxes(title_text="Time (ms)", range=[0, time_ms[-1]], row=1, col=1)
    fig.update_yaxes(title_text="Membrane potential (mV)", range=[-85, 5], row=1, col=1)
    fig.update_xaxes(title_text="Diazepam (µM, log; 0 drawn at 0.001)", type="log", range=[-3, 1], row=1, col=2)
    fig.update_yaxes(title_text="Firing rate (Hz)", range=[0, _rate_axis_top_hz(rates)], row=1, col=2)
    fig.update_layout(width=900, margin=dict(t=140),
                      legend=dict(orientation="h", x=0, y=1.13, yanchor="bottom"))
    baseline_rate = rates[0]
    return finish(fig, title="A model neuron under GABA-A inhibition",
                  summary=_neuron_summary(gaba_uM, diazepam_uM, baseline_rate, rate_now))


def _rate_axis_top_hz(rates_hz) -> float:
    """The smallest of ``RATE_AXIS_TOPS_HZ`` that leaves 10 % headroom above the highest rate."""
    highest = 1.1 * float(np.max(rates_hz))
    return next((top for top in RATE_AXIS_TOPS_HZ if top >= highest), RATE_AXIS_TOPS_HZ[-1])


def _neuron_summary(gaba_uM: float, diazepam_uM: float, baseline_hz: float, rate_hz: float) -> str:
    if diazepam_uM == 0:
        return f"With {gaba_uM:.3g} µM GABA and no diazepam the model neuron fires at {baseline_hz:.0f} Hz."
    return (f"With {gaba_uM:.3g} µM GABA the model neuron fires at {baseline_hz:.0f} Hz without diazepam "
            f"and at {rate_hz:.0f} Hz with {diazepam_uM:.3g} µM diazepam.")
