"""Figures for lesson 01: chloride reversal, GABA concentration-response, the model neuron.

Every chart here is drawn from the teaching models (``helpers.models.receptor`` and ``neuron``),
so each carries ``label="model"``: a visible "MODEL ·" tag and ``fig.layout.meta["label"]``.
"""

from __future__ import annotations

import functools

import numpy as np
import plotly.graph_objects as go

from helpers.figures.compose import compose_figure, hline_label, hline_shape, legend_above, line_style
from helpers.theme import NEUTRAL, PALETTE, ROLE_COLOURS, WIDE_FIGURE_WIDTH_PX
from helpers.figures import measured
from helpers.models import neuron, receptor
from helpers.validation import as_float

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
    traces = [go.Scatter(x=CL_IN_AXIS_MM, y=e_cl_curve, name="E<sub>Cl</sub> (Nernst)",
                         line=line_style("gaba"), hovertemplate="[Cl⁻]in %{x:.1f} mM<br>E_Cl %{y:.1f} mV"),
              go.Scatter(x=[cl_in_mM], y=[e_cl], name="this neuron", mode="markers",
                         marker=dict(size=14, color=PALETTE["vermillion"], symbol="diamond",
                                     line=dict(color=NEUTRAL["outline"], width=1))),
              _measured_ipsp_reversal()]
    rest = (hline_shape(neuron.LEAK_REVERSAL_MV, dict(color=PALETTE["grey"], dash="dot")),
            hline_label(neuron.LEAK_REVERSAL_MV, "resting potential", "bottom right"))
    threshold = (hline_shape(neuron.THRESHOLD_MV, dict(color=PALETTE["black"], dash="dash")),
                 hline_label(neuron.THRESHOLD_MV, "spike threshold (model)", "top right"))
    direction = gaba_action(e_cl)
    return compose_figure(
        traces, title=f"E<sub>Cl</sub> = {e_cl:.1f} mV against rest and threshold", label="model",
        summary=(f"With {cl_in_mM:.3g} mM chloride inside and {cl_out_mM:.3g} mM outside at {temperature_c:.3g} °C "
                 f"the chloride reversal potential is {e_cl:.1f} mV, so, judged against the model neuron's rest and "
                 f"threshold, opening GABA-A channels is {direction}; measured beside it (a separate study): the "
                 f"chloride IPSP reversed at {measured.value('cortex_ipsp_reversal')[0]:g} mV in cortical neurons "
                 f"in slices {measured.citation(measured.value_sources('cortex_ipsp_reversal'))}."),
        x_title="Intracellular chloride [Cl⁻]in (mM)", y_title="Chloride reversal potential E<sub>Cl</sub> (mV)",
        x_axes={(1, 1): dict(range=[0, 72])}, y_axes={(1, 1): dict(range=[-130, 10])},
        layout=dict(shapes=[rest[0], threshold[0]], annotations=[rest[1], threshold[1]]))


@functools.cache
def _measured_ipsp_reversal_trace() -> dict:
    reversal_mV, _, _ = measured.value("cortex_ipsp_reversal")
    return measured.band_trace((CL_IN_AXIS_MM[0], CL_IN_AXIS_MM[-1]), (reversal_mV, reversal_mV),
                               text=f"IPSP reversal {reversal_mV:g} mV<br>(cortex slices; [Cl⁻]in not reported)",
                               source_ids=measured.value_sources("cortex_ipsp_reversal"))


def _measured_ipsp_reversal() -> dict:
    """The measured IPSP reversal potential (mV) across the chart: the study reports E, not [Cl-]in."""
    return dict(_measured_ipsp_reversal_trace())


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

    ``gaba_ec50_alone_uM`` is the EC50 of GABA alone, a choice among published preparations. An error names
    ``diazepam_uM`` or ``pentobarbital_uM``, the values the learner set.
    """
    diazepam_uM = as_float("diazepam_uM", diazepam_uM, low=0.0, high=receptor.MODULATOR_RANGE_UM["diazepam"][1])
    pentobarbital_uM = receptor.PENTOBARBITAL.check(pentobarbital_uM)
    curves = [
        ("GABA alone", "control", "none", 0.0, 0),
        (f"+ diazepam {diazepam_uM:.3g} µM", "benzodiazepine", "diazepam", diazepam_uM, 1),
        (f"+ pentobarbital {pentobarbital_uM:.3g} µM", "barbiturate", "pentobarbital", pentobarbital_uM, 2),
    ]
    ec50_choice = dict(gaba_ec50_alone_uM=gaba_ec50_alone_uM)
    traces = []
    for label, role, modulator, concentration, dash in curves:
        response = receptor.gaba_a_response(GABA_AXIS_UM, modulator, concentration, **ec50_choice)
        traces.append(go.Scatter(x=GABA_AXIS_UM, y=response, name=label, line=line_style(role, dash_index=dash),
                                 hovertemplate="GABA %{x:.3g} µM<br>response %{y:.2f}"))
    ec50s = [receptor.gaba_ec50_uM(m, c, **ec50_choice) for _, _, m, c, _ in curves]
    at_ec50 = [receptor.gaba_a_response(e, m, c, **ec50_choice) for e, (_, _, m, c, _) in zip(ec50s, curves)]
    maxima = [receptor.gaba_a_response(receptor.MAX_GABA_UM, m, c, **ec50_choice) for _, _, m, c, _ in curves]
    traces.append(go.Scatter(x=ec50s, y=at_ec50, mode="markers", name="EC50 (half-maximal)",
                             marker=dict(size=11, color=[ROLE_COLOURS[r] for _, r, _, _, _ in curves],
                                         symbol="circle-open", line=dict(width=3)),
                             hovertemplate="EC50 %{x:.3g} µM"))
    traces += _measured_ec50s(gaba_ec50_alone_uM)
    maximum = (hline_shape(1.0, dict(color=PALETTE["grey"], dash="dot")),
               hline_label(1.0, "maximum with GABA alone", "top left"))
    no_gaba_pb = receptor.gaba_a_response(0.0, "pentobarbital", pentobarbital_uM)
    summary = (f"In the model, diazepam at {diazepam_uM:.3g} µM moves the GABA EC50 from {ec50s[0]:.3g} to "
               f"{ec50s[1]:.3g} µM without raising the maximum, while pentobarbital at {pentobarbital_uM:.3g} µM "
               f"lowers it to {ec50s[2]:.3g} µM, raises the maximum to {maxima[2]:.2f} and gives {no_gaba_pb:.2f} "
               "of the GABA maximum with no GABA at all; measured beside it (separate studies, drawn at half "
               f"maximum): {_measured_ec50_text()}.")
    return compose_figure(traces, title="GABA concentration–response: modulators compared", summary=summary,
                          label="model", x_title="GABA concentration (µM, log scale)",
                          y_title="Current (1 = maximal response to GABA alone)",
                          x_axes={(1, 1): dict(type="log", range=[-1, np.log10(3000)])},
                          y_axes={(1, 1): dict(range=[0, 1.6])},
                          layout=dict(shapes=[maximum[0]], annotations=[maximum[1]]))


def _measured_ec50s(gaba_ec50_alone_uM: float) -> list[dict]:
    """Measured EC50s on the GABA axis: the pentobarbital study's GABA EC50 alone and with 30 µM
    pentobarbital (rat neurons), and the diazepam fold shift at 1 µM applied to the EC50 alone chosen."""
    return [dict(_measured_pentobarbital_ec50s()), dict(_measured_diazepam_shift(float(gaba_ec50_alone_uM)))]


@functools.cache
def _measured_pentobarbital_ec50s() -> dict:
    alone, with_pb = (measured.value(v)[0] for v in ("pentobarbital_gaba_ec50_alone",
                                                      "pentobarbital_gaba_ec50_with_30_um"))
    return measured.points_trace(
        [alone, with_pb], [0.5, 0.5], text="GABA EC50, rat neurons<br>(alone; 30 µM pentobarbital)",
        source_ids=measured.value_sources("pentobarbital_gaba_ec50_alone"), species="rat",
        hovertemplate="measured GABA EC50 %{x:.3g} µM")


@functools.lru_cache(maxsize=16)
def _measured_diazepam_shift(gaba_ec50_alone_uM: float) -> dict:
    fold, _, _ = measured.value("ghansah1999_diazepam_fold_shift")
    return measured.points_trace(
        [gaba_ec50_alone_uM / fold], [0.5],
        text=f"EC50 ÷ {fold:g}, 1 µM diazepam<br>(rat receptors in oocytes)",
        source_ids=measured.value_sources("ghansah1999_diazepam_fold_shift"), species="rat", symbol_index=1,
        hovertemplate="the EC50 alone chosen ÷ the measured fold: %{x:.3g} µM")


def _measured_ec50_text() -> str:
    alone, with_pb = (measured.value(v)[0] for v in ("pentobarbital_gaba_ec50_alone",
                                                      "pentobarbital_gaba_ec50_with_30_um"))
    fold, _, _ = measured.value("ghansah1999_diazepam_fold_shift")
    return (f"in rat neurons 30 µM pentobarbital lowered the GABA EC50 from {alone:g} to {with_pb:g} µM "
            f"{measured.citation(measured.value_sources('pentobarbital_gaba_ec50_alone'))}, and 1 µM diazepam shifted "
            f"the EC50 of rat α1β2γ2 receptors in oocytes {fold:g}-fold "
            f"{measured.citation(measured.value_sources('ghansah1999_diazepam_fold_shift'))}")


def neuron_figure(diazepam_uM: float, gaba_uM: float, excitation_nS: float, cl_in_mM: float) -> go.Figure:
    """Membrane potential trace (left) and firing rate against diazepam (right)."""
    settings = dict(gaba_uM=gaba_uM, excitation_nS=excitation_nS, cl_in_mM=cl_in_mM)
    time_ms, voltage = neuron.voltage_trace(diazepam_uM=diazepam_uM, **settings)
    baseline_t, baseline_v = neuron.voltage_trace(diazepam_uM=0.0, **settings)
    diazepam_axis = np.concatenate([[0.0], np.geomspace(0.001, neuron.DIAZEPAM_RANGE_UM[1], 60)])
    rates = neuron.firing_rate_curve_hz(diazepam_axis, **settings)
    rate_now = neuron.firing_rate_hz(diazepam_uM=diazepam_uM, **settings)
    traces = [go.Scatter(x=baseline_t, y=baseline_v, name="no diazepam", line=line_style("control", width=1.5),
                         opacity=0.45),
              go.Scatter(x=time_ms, y=voltage, name=f"diazepam {diazepam_uM:.3g} µM",
                         line=line_style("benzodiazepine", width=2)),
              go.Scatter(x=np.maximum(diazepam_axis, 0.001), y=rates, name="rate (model)",
                         line=line_style("gaba", dash_index=1)),
              go.Scatter(x=[max(diazepam_uM, 0.001)], y=[rate_now], mode="markers", name="this setting",
                         marker=dict(size=13, color=ROLE_COLOURS["benzodiazepine"], symbol="diamond",
                                     line=dict(color=NEUTRAL["outline"], width=1)))]
    baseline_rate = rates[0]
    return compose_figure(
        traces, title="A neuron under GABA-A inhibition", label="model",
        summary=_neuron_summary(gaba_uM, diazepam_uM, baseline_rate, rate_now),
        cells=[(1, 1), (1, 1), (1, 2), (1, 2)], rows=1, cols=2, column_widths=[0.58, 0.42], horizontal_spacing=0.12,
        subplot_titles=("Membrane potential", "Firing rate against diazepam"),
        x_axes={(1, 1): dict(title="Time (ms)", range=[0, time_ms[-1]]),
                (1, 2): dict(title="Diazepam (µM, log; 0 drawn at 0.001)", type="log", range=[-3, 1])},
        y_axes={(1, 1): dict(title="Membrane potential (mV)", range=[-85, 5]),
                (1, 2): dict(title="Firing rate (Hz)", range=[0, _rate_axis_top_hz(rates)])},
        layout=dict(width=WIDE_FIGURE_WIDTH_PX, margin=dict(t=140), **legend_above(y=1.13)))


def _rate_axis_top_hz(rates_hz) -> float:
    """The smallest of ``RATE_AXIS_TOPS_HZ`` that leaves 10 % headroom above the highest rate."""
    highest = 1.1 * float(np.max(rates_hz))
    return next((top for top in RATE_AXIS_TOPS_HZ if top >= highest), RATE_AXIS_TOPS_HZ[-1])


def _neuron_summary(gaba_uM: float, diazepam_uM: float, baseline_hz: float, rate_hz: float) -> str:
    if diazepam_uM == 0:
        return f"With {gaba_uM:.3g} µM GABA and no diazepam the model neuron fires at {baseline_hz:.0f} Hz."
    return (f"With {gaba_uM:.3g} µM GABA the model neuron fires at {baseline_hz:.0f} Hz without diazepam "
            f"and at {rate_hz:.0f} Hz with {diazepam_uM:.3g} µM diazepam.")
