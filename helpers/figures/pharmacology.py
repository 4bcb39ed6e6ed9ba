"""Figures for lesson 03: one dose from the gut to VTA firing, and dopamine in the accumbens.

Every chart here is drawn from the course's teaching models and carries the theme's model label
(``label="model"``; ``"hypothesis"`` where it shows the hypothesised loss of release per spike).
Measured results appear only as separate studies, each trace naming its drug, dose, route, species,
method and source id (in its name and ``meta``; see ``MEASURED_STUDIES``), never as one condition.
Doses are multiples of the model's equivalent of diazepam 10 mg; titles print the sources' range
(``helpers.figures.text.equivalence_text``), never a single "≈ diazepam" figure.
"""

from __future__ import annotations

import functools

import numpy as np
import plotly.graph_objects as go

from helpers.figures import measured
from helpers.figures.text import drug_label, equivalence_text
from helpers.figures.compose import compose_figure, legend_under_title, line_style
from helpers.theme import NEUTRAL, PALETTE, ROLE_COLOURS, WIDE_FIGURE_WIDTH_PX
from helpers.models import circuit, occupancy, pharmacokinetics, release
from helpers.references import CONFIDENCE_LABELS, reference
from helpers.tables import benzodiazepines, measured_results

# Dense early (peaks come within hours), sparser later: 0-12 h every 0.1 h, then every 0.5 h to 96 h.
CHAIN_TIME_H = np.concatenate([np.arange(0.0, 12.0, 0.1), np.arange(12.0, 96.01, 0.5)])
DISTRIBUTION_TIME_H = np.arange(0.0, 24.01, 0.1)  # the first day, where the distribution phase shows
DISTRIBUTION_DOSE_MG = 10.0  # one diazepam tablet, the reference dose of the equivalence tables
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
DIRECTION_Y = {"up": 1.0, "down": -1.0}


# Chart labels of Finlay's results (rows of helpers/data/measured_results.csv, which holds their numbers and
# conditions).
FINLAY_CATEGORIES = {"finlay1992_acute": "one dose<br>5 mg/kg s.c.",
                     "finlay1992_self_administered": "6 × 0.05 mg<br>i.v.",
                     "finlay1992_challenge_after_14_days": "challenge after<br>14 days"}


def _finlay_studies() -> tuple[dict, ...]:
    """Finlay et al. 1992's results as measured studies, read from :func:`helpers.tables.measured_results`."""
    results = measured_results().loc[list(FINLAY_CATEGORIES)]
    return tuple(dict(source_id=row.source_ids[0], authors=row.study, species=row.species, drug=row.drug,
                      dose=row.dose, route=row.route, method=row.method, measures=("average level",),
                      change=(row.change_percent,), categories=(FINLAY_CATEGORIES[result_id],))
                 for result_id, row in results.iterrows())


# The measured results lesson 03 shows, one entry per study condition (drug, dose, route, species, method,
# source id), as the reference base records them. ``change`` is a % change (Finlay, from the measured-results
# table) or a direction only, one per measure; ``categories`` are the chart's x labels, one per measure.
MEASURED_STUDIES = (
    dict(source_id="schelp2017", authors="Schelp et al. 2017", species="rat (awake)",
         drug="diazepam", dose="dose not in the reference base", route="route not in the reference base",
         method="FSCV", measures=("transient frequency", "transient amplitude"), change=("up", "down"),
         categories=("transient frequency<br>(FSCV, Schelp 2017)", "transient amplitude<br>(FSCV, Schelp 2017)")),
    dict(source_id="diazepam_microdialysis_1991", authors="Neuropharmacology 1991",
         species="rat (conscious)", drug="diazepam", dose="5 mg/kg; 1 mg/kg had no effect",
         route="route not in the reference base", method="microdialysis", measures=("average level",),
         change=("down",), categories=("average level (microdialysis,<br>5 mg/kg; a 1991 study)",)),
    *_finlay_studies(),
)


def study_meta(study: dict) -> dict:
    """What a measured trace records in its ``meta``: the study's source id, confidence and conditions."""
    confidence = CONFIDENCE_LABELS[reference(study["source_id"])["confidence"]]
    return {key: study[key] for key in ("source_id", "species", "drug", "dose", "route", "method")} | \
        {"confidence": confidence, "measures": list(study["measures"]),
         "source_ids": [study["source_id"]], "status": measured.status_of([study["source_id"]])}


def study_name(study: dict) -> str:
    """A trace name for a measured study: who, species, drug, dose, route, method and source id."""
    meta = study_meta(study)
    flag = "" if meta["confidence"] == "verified" else f"; {meta['confidence']}"
    return (f"Measured, {study['authors']}: {study['species']}, {study['drug']} ({study['dose']}; "
            f"{study['route']}), {study['method']} [source: {study['source_id']}{flag}]")


def dose_mg_for(drug: str, dose_equivalents: float) -> float:
    """mg of ``drug`` equal to ``dose_equivalents`` x diazepam 10 mg (the model's equivalence)."""
    multiple = pharmacokinetics.DOSE_EQUIVALENTS.check(dose_equivalents)
    return pharmacokinetics.drug_mg_for_diazepam_eq(drug, multiple * pharmacokinetics.REFERENCE_DIAZEPAM_MG)


def dose_chain_figure(drug: str, dose_equivalents: float, half_occupancy_mg_eq: float) -> go.Figure:
    """Three stacked panels against time: drug in the body, site occupancy, dopamine neuron firing."""
    dose_mg = dose_mg_for(drug, dose_equivalents)
    levels = pharmacokinetics.dose_schedule_levels(drug, [0.0], dose_mg, CHAIN_TIME_H)
    occupied = occupancy.bz_site_occupancy(levels["active"].to_numpy(), half_occupancy_mg_eq=half_occupancy_mg_eq)
    da_hz = circuit.vta_rates(occupied)["da_hz"]
    metabolite = pharmacokinetics.DRUGS.loc[drug, "active_metabolite"] or "none in the model"
    hover = "%{x:.1f} h<br>%{y:.2f}"
    title, summary = _dose_chain_text(drug, dose_mg, dose_equivalents, levels, occupied, da_hz)
    summary += _half_life_text(drug, levels["parent"].to_numpy())
    traces = [
        go.Scatter(x=CHAIN_TIME_H, y=levels["parent"].to_numpy(), name=f"{drug_label(drug)} (parent)",
                   line=line_style("benzodiazepine"), hovertemplate=hover),
        go.Scatter(x=CHAIN_TIME_H, y=levels["metabolite"].to_numpy(), name=f"active metabolite: {metabolite}",
                   line=line_style("model_prediction", dash_index=1), hovertemplate=hover),
        go.Scatter(x=CHAIN_TIME_H, y=levels["active"].to_numpy(), name="active total (metabolite × potency)",
                   line=line_style("control", dash_index=2, width=2), hovertemplate=hover),
        go.Scatter(x=CHAIN_TIME_H, y=occupied, name="occupancy", line=line_style("gaba"), hovertemplate=hover),
        go.Scatter(x=CHAIN_TIME_H, y=da_hz, name="DA neuron firing", line=line_style("dopamine"),
                   hovertemplate="%{x:.1f} h<br>%{y:.2f} Hz"),
        go.Scatter(x=[CHAIN_TIME_H[0], CHAIN_TIME_H[-1]], y=[circuit.DA_BASELINE_HZ] * 2,
                   name="firing before the dose", mode="lines", line=line_style("control", dash_index=2, width=1.5)),
        _measured_half_life(drug, levels["parent"].to_numpy()),
    ]
    time_axis = dict(range=[0, 96], dtick=12)
    return compose_figure(traces, title=title, summary=summary, label="model",
                          cells=[(1, 1), (1, 1), (1, 1), (2, 1), (3, 1), (3, 1), (1, 1)],
                          rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07,
                          subplot_titles=("1 · Drug in the body (ASSUMPTION: one compartment)",
                                          "2 · Benzodiazepine sites occupied (ASSUMED constant)",
                                          "3 · VTA dopamine neuron firing (lesson 02 circuit)"),
                          x_axes={(1, 1): time_axis, (2, 1): time_axis,
                                  (3, 1): dict(time_axis, title="Time after the dose (h)")},
                          y_axes={(1, 1): dict(title="Amount (mg-eq)", range=[0, 32]),
                                  (2, 1): dict(title="Occupancy (fraction)", range=[0, 1]),
                                  (3, 1): dict(title="Firing (Hz)", range=[3.5, 7.0])},
                          layout=dict(width=WIDE_FIGURE_WIDTH_PX, margin=dict(t=202, r=30),   # 4 legend rows
                                      **legend_under_title(height=802, title=title)))


def _peak_and_half_time_h(parent) -> tuple[float, float, float | None]:
    """The parent drug's model peak time (h), peak amount, and the time (h) it first falls to half of that
    peak afterwards (``None`` if not within the chart's 96 h)."""
    peak = int(np.argmax(parent))
    below = np.nonzero(parent[peak:] <= parent[peak] / 2.0)[0]
    return CHAIN_TIME_H[peak], float(parent[peak]), CHAIN_TIME_H[peak + below[0]] if below.size else None


def _measured_half_life(drug: str, parent) -> dict:
    """The sources' half-life range of the parent drug (benzodiazepines table), drawn as the time from the
    model's peak to half of it: Ashton's single-dose definition (ashton_table_transcription)."""
    peak_h, peak_amount, _ = _peak_and_half_time_h(parent)
    return dict(_half_life_range_trace(drug, float(peak_h), round(peak_amount / 2.0, 6)))


@functools.lru_cache(maxsize=256)
def _half_life_range_trace(drug: str, peak_h: float, half_amount: float) -> dict:
    row = benzodiazepines().loc[drug]
    low, high = row["half_life_h_low"], row["half_life_h_high"]
    return measured.range_trace([peak_h + low, peak_h + high], half_amount,
                                text=f"half-life {low:g}–{high:g} h, from the peak",
                                source_ids=row["half_life_source_ids"], drug=drug)


def _half_life_text(drug: str, parent) -> str:
    """The summary's words comparing the model's fall to half its peak with the sources' half-life range."""
    peak_h, _, half_h = _peak_and_half_time_h(parent)
    row = benzodiazepines().loc[drug]
    model = (f"in the model the parent falls to half its peak {half_h - peak_h:.1f} h after it" if half_h is not None
             else "in the model the parent has not fallen to half its peak by 96 h")
    return (f" Measured beside it: the sources give a half-life of {row['half_life_h_low']:g}–"
            f"{row['half_life_h_high']:g} h {measured.citation(row['half_life_source_ids'])}; {model}.")


def dose_scale_note(drug: str, dose_equivalents: float) -> str:
    """How the dose was set: a multiple of the model's equivalent of diazepam 10 mg, with the sources' range."""
    if drug == "diazepam":
        return f"Dose {dose_equivalents:g} × diazepam 10 mg, the reference dose: no conversion"
    return f"Dose {dose_equivalents:g} × the model's equivalent of diazepam 10 mg<br>({equivalence_text(drug)})"


def _dose_chain_text(drug, dose_mg, dose_equivalents, levels, occupied, da_hz) -> tuple[str, str]:
    peak = int(np.argmax(occupied))
    title = (f"{drug_label(drug)} {dose_mg:.3g} mg: peak occupancy {occupied[peak]:.2f} at "
             f"{CHAIN_TIME_H[peak]:.1f} h<br><sup>{dose_scale_note(drug, dose_equivalents)}</sup>")
    summary = (f"In the model (one compartment, an assumption), after {dose_mg:.3g} mg of {drug_label(drug).lower()} "
               f"the active drug in the body peaks at {levels['active'].iloc[peak]:.1f} diazepam-equivalent mg at "
               f"{CHAIN_TIME_H[peak]:.1f} h, occupying {occupied[peak]:.2f} of the benzodiazepine sites and raising "
               f"dopamine neuron firing from {circuit.DA_BASELINE_HZ:.1f} to {da_hz[peak]:.2f} Hz; at 96 h occupancy "
               f"is {occupied[-1]:.2f}.")
    return title, summary


def distribution_phase_figure(distribution_half_life_h: float, central_share: float) -> go.Figure:
    """One 10 mg diazepam tablet over the first day: the one-compartment model against the two-compartment
    variant with a distribution phase (level in blood and brain, top; site occupancy, bottom)."""
    one = pharmacokinetics.dose_schedule_levels("diazepam", [0.0], DISTRIBUTION_DOSE_MG, DISTRIBUTION_TIME_H)
    two = pharmacokinetics.distribution_phase_levels("diazepam", DISTRIBUTION_DOSE_MG, DISTRIBUTION_TIME_H,
                                                     distribution_half_life_h=distribution_half_life_h,
                                                     central_share=central_share)
    occupied = {name: occupancy.bz_site_occupancy(levels["active"].to_numpy()) for name, levels in
                (("one", one), ("two", two))}
    hover = "%{x:.1f} h<br>%{y:.2f}"
    styles = {"one": ("one compartment (the lessons' default)", line_style("model_prediction", dash_index=1)),
              "two": ("two compartments: distribution phase", line_style("benzodiazepine"))}
    traces = [go.Scatter(x=DISTRIBUTION_TIME_H, y=levels["parent"].to_numpy(), name=f"diazepam, {styles[key][0]}",
                         line=styles[key][1], hovertemplate=hover) for key, levels in (("one", one), ("two", two))]
    traces += [go.Scatter(x=DISTRIBUTION_TIME_H, y=occupied[key], name=f"occupancy, {styles[key][0]}",
                          line=styles[key][1], showlegend=False, hovertemplate=hover) for key in ("one", "two")]
    summary = _distribution_summary(one, two, occupied, distribution_half_life_h, central_share)
    time_axis = dict(range=[0, 24], dtick=3)
    title = ("One diazepam 10 mg tablet with a distribution phase<br><sup>ASSUMPTIONS: distribution "
             f"half-life {distribution_half_life_h:g} h, central share {central_share:.2f}; "
             "the parent drug only, metabolite as before</sup>")
    return compose_figure(traces, title=title, summary=summary, label="model",
                          cells=[(1, 1), (1, 1), (2, 1), (2, 1)], rows=2, cols=1, shared_xaxes=True,
                          vertical_spacing=0.1,
                          subplot_titles=("1 · Diazepam in blood and brain, as mg-eq in the body at equilibrium",
                                          "2 · Benzodiazepine sites occupied (ASSUMED constant)"),
                          x_axes={(1, 1): time_axis, (2, 1): dict(time_axis, title="Time after the dose (h)")},
                          y_axes={(1, 1): dict(title="Level (diazepam-eq mg)", range=[0, 36]),
                                  (2, 1): dict(title="Occupancy (fraction)", range=[0, 0.6])},
                          layout=dict(width=WIDE_FIGURE_WIDTH_PX, margin=dict(t=150, r=30),
                                      **legend_under_title(height=620, title=title)))


def _distribution_summary(one, two, occupied, distribution_half_life_h, central_share) -> str:
    at_6_h = int(np.searchsorted(DISTRIBUTION_TIME_H, 6.0))
    return (f"In the model with a distribution phase (half-life {distribution_half_life_h:g} h and central share "
            f"{central_share:.2f}, both assumptions), one 10 mg diazepam tablet peaks at {two['parent'].max():.1f} "
            f"diazepam-equivalent mg instead of {one['parent'].max():.1f} and occupies up to "
            f"{occupied['two'].max():.2f} of the sites instead of {occupied['one'].max():.2f}; by 6 h the level has "
            f"fallen to {two['parent'].iloc[at_6_h]:.1f} (one compartment: {one['parent'].iloc[at_6_h]:.1f}) and "
            f"occupancy to {occupied['two'][at_6_h]:.2f} ({occupied['one'][at_6_h]:.2f}).")


@functools.cache
def _control_recording():
    return _recording("control", 0.0, 0.0)


@functools.lru_cache(maxsize=512)
def _recording(condition: str, diazepam_occupancy: float, release_reduction: float):
    """Trace, statistics and detected transients; cached, as sliders revisit the same settings."""
    extra = dict(diazepam_occupancy=diazepam_occupancy, release_reduction=release_reduction) \
        if condition == "diazepam" else {}
    trace = release.simulate_fscv(condition, seconds=FSCV_SECONDS, seed=FSCV_SEED, **extra)
    return trace, release.transient_stats(trace), release.detect_transients(trace)


def _measure_ratios(stats: dict, control: dict) -> list[float]:
    keys = ("frequency_hz", "mean_amplitude_nM", "tonic_nM", "mean_nM")
    return [stats[k] / control[k] if np.isfinite(stats[k]) else 0.0 for k in keys]


def _fscv_traces(name: str, trace, found, role: str) -> list[go.Scatter]:
    """The first FSCV_SHOWN_S seconds of a recording and its detected transients."""
    shown = trace.time_s.to_numpy() < FSCV_SHOWN_S
    seen = found.time_s.to_numpy() < FSCV_SHOWN_S
    colour = ROLE_COLOURS[role]
    return [go.Scatter(x=trace.time_s.to_numpy()[shown], y=trace.dopamine_nM.to_numpy()[shown],
                       name=f"{CONDITION_LABELS[name]} trace", line=dict(color=colour, width=1.5),
                       hovertemplate="%{x:.1f} s<br>%{y:.0f} nM"),
            go.Scatter(x=found.time_s.to_numpy()[seen], y=found.peak_nM.to_numpy()[seen], mode="markers",
                       name=f"{CONDITION_LABELS[name]}: detected transients",
                       marker=dict(symbol="triangle-down", size=9, color=colour,
                                   line=dict(color=NEUTRAL["background"], width=1)),
                       hovertemplate="transient at %{x:.1f} s")]


def fscv_figure(condition: str, diazepam_occupancy: float, release_reduction: float) -> go.Figure:
    """Virtual FSCV: control (top) and a drug (bottom) with the same seed; right, each measure as x control."""
    control_trace, control_stats, control_peaks = _control_recording()
    trace, stats, peaks = _recording(condition, float(diazepam_occupancy), float(release_reduction))
    role = CONDITION_ROLES[condition]
    ratios = _measure_ratios(stats, control_stats)
    comparison = [
        go.Scatter(x=list(MEASURE_LABELS), y=ratios, mode="markers+text", name="drug ÷ control",
                   text=[f"×{r:.2f}" for r in ratios], textposition="top center",
                   marker=dict(size=14, color=ROLE_COLOURS[role], symbol="diamond",
                               line=dict(color=NEUTRAL["outline"], width=1)),
                   hovertemplate="%{x}: ×%{y:.2f}"),
        go.Scatter(x=list(MEASURE_LABELS), y=[1.0] * 4, mode="lines", name="no change (×1)",
                   line=dict(color=PALETTE["grey"], dash="dot", width=1.5)),
    ]
    traces = (_fscv_traces("control", control_trace, control_peaks, "control")
              + _fscv_traces(condition, trace, peaks, role) + comparison)
    trace_y = dict(title="Dopamine (nM)", range=[-30, 1100])
    summary = _fscv_summary(condition, diazepam_occupancy, release_reduction, stats, control_stats)
    title = f"Virtual FSCV in the nucleus accumbens: control and {condition}"
    return compose_figure(traces, title=title, summary=summary,
                          label="hypothesis" if condition == "diazepam" else "model",
                          cells=[(1, 1), (1, 1), (2, 1), (2, 1), (1, 2), (1, 2)],
                          rows=2, cols=2, column_widths=[0.66, 0.34], horizontal_spacing=0.1, vertical_spacing=0.14,
                          specs=[[{}, {"rowspan": 2}], [{}, None]],
                          subplot_titles=("Control", "Drug ÷ control", CONDITION_LABELS[condition]),
                          x_axes={(1, 1): dict(range=[0, FSCV_SHOWN_S]),
                                  (2, 1): dict(range=[0, FSCV_SHOWN_S], title="Time (s)"),
                                  (1, 2): dict(tickangle=0, tickfont=dict(size=11), range=[-0.5, 3.5])},
                          y_axes={(1, 1): trace_y, (2, 1): trace_y,
                                  (1, 2): dict(title="Drug ÷ control (×, log)", type="log",
                                               range=[np.log10(0.2), np.log10(10)], tickvals=[0.25, 0.5, 1, 2, 4, 8],
                                               ticktext=["×0.25", "×0.5", "×1", "×2", "×4", "×8"])},
                          layout=dict(width=WIDE_FIGURE_WIDTH_PX, showlegend=False, margin=dict(t=110, r=40),
                                      **legend_under_title(height=620, title=title)))


def _fscv_summary(condition, diazepam_occupancy, release_reduction, stats, control_stats) -> str:
    detail = (f" at occupancy {diazepam_occupancy:.2f} with release per spike reduced by "
              f"{100 * release_reduction * diazepam_occupancy:.0f} % (HYPOTHESIS)" if condition == "diazepam" else "")
    if condition == "cocaine":
        detail = (f" (uptake blocked; bursts ×{release.COCAINE_TRANSIENT_RATE_FACTOR:g} as frequent, an ASSUMED size "
                  "for the rise measured with FSCV)")
    summary = (f"In the model, with the same seed, {condition}{detail} changes transient frequency from "
               f"{control_stats['frequency_hz']:.2f} to {stats['frequency_hz']:.2f} per s, mean amplitude from "
               f"{control_stats['mean_amplitude_nM']:.0f} to {_nan_text(stats['mean_amplitude_nM'])} nM, the baseline "
               f"from {control_stats['tonic_nM']:.0f} to {stats['tonic_nM']:.0f} nM and the time average from "
               f"{control_stats['mean_nM']:.0f} to {stats['mean_nM']:.0f} nM.")
    return summary


@functools.lru_cache(maxsize=1024)
def _expected(condition: str, diazepam_occupancy: float | None, release_reduction: float | None) -> dict:
    """``release.expected_measures``, cached: sliders revisit the same settings."""
    return release.expected_measures(condition, diazepam_occupancy=diazepam_occupancy,
                                     release_reduction=release_reduction)


def reconcile_figure(release_reduction: float) -> go.Figure:
    """Top: the model's expected FSCV and microdialysis measures against diazepam occupancy, each as x control.
    Bottom: the measured results, as separate studies (diazepam left, midazolam right), never one condition."""
    control = _expected("control", None, None)
    measures = [_expected("diazepam", float(o), float(release_reduction)) for o in OCCUPANCY_AXIS]
    lines = [("burst_rate_hz", "model: frequency (FSCV)", "dopamine", 0),
             ("transient_peak_nM", "model: amplitude (FSCV)", "benzodiazepine", 1),
             ("steady_nM", "model: baseline", "gaba", 3),
             ("average_nM", "model: time average (microdialysis)", "control", 2)]
    curves = [dict(type="scatter", x=OCCUPANCY_AXIS, y=[m[key] / control[key] for m in measures], name=label,
                   mode="lines+markers", line=line_style(role, dash_index=dash), marker=dict(size=6),
                   hovertemplate="occupancy %{x:.1f}<br>×%{y:.2f}")
              for key, label, role, dash in lines]
    no_change = dict(type="scatter", x=[0, 1], y=[1, 1], mode="lines", name="model: control",
                     line=dict(color=PALETTE["grey"], dash="dot", width=1.5))
    studies = [_study_trace(study) for study in MEASURED_STUDIES]
    half = measures[5]
    summary = (f"In the model, with the hypothesis set to a {100 * release_reduction:.0f} % loss of release per "
               f"spike at full occupancy, half occupancy gives transients "
               f"×{half['burst_rate_hz'] / control['burst_rate_hz']:.2f} as frequent and "
               f"×{half['transient_peak_nM'] / control['transient_peak_nM']:.2f} as large, and a time average "
               f"×{half['average_nM'] / control['average_nM']:.2f} of control; below, measured in separate rat "
               "studies: FSCV "
               "after diazepam (transients more frequent and smaller; sizes not in the reference base), "
               "microdialysis after diazepam 5 mg/kg (average down) and after midazolam (average "
               f"{_finlay_range_text()}) {_studies_citations()}.")
    direction_axis = dict(range=[-1.6, 1.6], tickvals=[-1, 0, 1], ticktext=["down", "no change", "up"],
                          title="Direction vs control (sign only)")
    title = ("Frequency, amplitude and average: what does the model need to match the measurements?"
             "<br><sup>Top: the model. Bottom: separate rat studies (different drugs, doses, "
             "routes and labs); the occupancy they reached is not known</sup>")
    categories = dict(tickangle=0, tickfont=dict(size=11))
    return compose_figure([*curves, no_change, *studies], title=title, summary=summary, label="hypothesis",
                          cells=[(1, 1)] * 5 + [(2, 1) if study["drug"] == "diazepam" else (2, 2)
                                                for study in MEASURED_STUDIES],
                          rows=2, cols=2, row_heights=[0.58, 0.42], vertical_spacing=0.2, horizontal_spacing=0.14,
                          specs=[[{"colspan": 2}, None], [{}, {}]],
                          subplot_titles=("MODEL (hypothesis: less release per spike)",
                                          "MEASURED, diazepam, rats: two studies (directions only)",
                                          "MEASURED, midazolam, rats (Finlay et al. 1992)"),
                          x_axes={(1, 1): dict(range=[0, 1],
                                               title="Benzodiazepine-site occupancy in the model (fraction)"),
                                  (2, 1): categories, (2, 2): categories},
                          y_axes={(1, 1): dict(range=[0, 2], title="Model: diazepam ÷ control (×)"),
                                  (2, 1): direction_axis,
                                  (2, 2): dict(range=[-60, 10], title="Average level vs control (%)")},
                          layout=dict(width=WIDE_FIGURE_WIDTH_PX, margin=dict(t=150, r=30),
                                      **legend_under_title(height=860, title=title)))


def _studies_citations() -> str:
    """Each measured study's source id and status, in the order drawn, e.g. "[schelp2017; verified] ..."."""
    source_ids = dict.fromkeys(study["source_id"] for study in MEASURED_STUDIES)
    return " ".join(measured.citation([source_id]) for source_id in source_ids)


def _finlay_range_text() -> str:
    """Finlay's smallest and largest fall, e.g. "−22 % to −50 %" (from the measured-results table)."""
    changes = [study["change"][0] for study in MEASURED_STUDIES if study["source_id"] == measured.FINLAY_ID]
    return f"−{-max(changes):.0f} % to −{-min(changes):.0f} %"


def _study_trace(study: dict) -> dict:
    """One measured study as its own trace (a plain dict: it validates faster): direction markers
    (diazepam studies) or a % bar (midazolam)."""
    name, meta = study_name(study), study_meta(study)
    hover = f"{name}<extra></extra>"
    if study["drug"] == "midazolam":
        return dict(type="bar", x=list(study["categories"]), y=list(study["change"]), name=name, meta=meta,
                    showlegend=False, marker=dict(color=PALETTE["blue"]), text=[f"{study['change'][0]:+.0f} %"],
                    textposition="outside", hovertemplate=hover)
    symbols = ["triangle-up" if change == "up" else "triangle-down" for change in study["change"]]
    colour = PALETTE["vermillion"] if study["method"] == "FSCV" else PALETTE["purple"]
    return dict(type="scatter", x=list(study["categories"]), y=[DIRECTION_Y[c] for c in study["change"]],
                mode="markers", name=name, meta=meta, showlegend=False,
                marker=dict(symbol=symbols, size=16, color=colour, line=dict(color=NEUTRAL["outline"], width=1)),
                hovertemplate=hover)


@functools.lru_cache(maxsize=512)
def _burst(condition: str, spikes: int, diazepam_occupancy: float | None):
    """One noise-free transient and its clearance half-time (ms); cached."""
    extra = {} if diazepam_occupancy is None else {"diazepam_occupancy": diazepam_occupancy}
    shape = release.single_transient(condition, spikes=spikes, **extra)
    t50_ms = 1000 * release.clearance_half_time_s(condition, **extra)
    return shape.time_s.to_numpy(), shape.dopamine_nM.to_numpy(), t50_ms


def transient_shapes_figure(spikes: float, diazepam_occupancy: float) -> go.Figure:
    """One burst's transient (noise-free) in each condition, with its clearance half-time."""
    bursts = {condition: _burst(condition, spikes, float(diazepam_occupancy) if condition == "diazepam" else None)
              for condition in release.CONDITIONS}
    traces = [go.Scatter(x=time_s, y=level_nM, name=f"{CONDITION_LABELS[condition]}: t½ {t50_ms:.0f} ms",
                         line=line_style(CONDITION_ROLES[condition], dash_index=dash),
                         hovertemplate="%{x:.2f} s<br>%{y:.0f} nM")
              for dash, (condition, (time_s, level_nM, t50_ms)) in enumerate(bursts.items())]
    control, cocaine = bursts["control"], bursts["cocaine"]
    summary = (f"In the model, a burst of {spikes:.0f} spikes raises dopamine to {control[1].max():.0f} nM in "
               f"control and {cocaine[1].max():.0f} nM with cocaine, which also clears it "
               f"{cocaine[2] / control[2]:.1f} times more slowly; with diazepam at occupancy "
               f"{diazepam_occupancy:.2f} the same burst peaks at {bursts['diazepam'][1].max():.0f} nM.")
    title = f"One burst of {spikes:.0f} spikes, four conditions"
    return compose_figure(traces, title=title, summary=summary, label="hypothesis", x_title="Time (s)",
                          y_title="Dopamine (nM)", x_axes={(1, 1): dict(range=[0, 2.5])},
                          y_axes={(1, 1): dict(range=[0, 700])},
                          layout=dict(width=WIDE_FIGURE_WIDTH_PX, margin=dict(t=110),
                                      **legend_under_title(height=480, title=title)))


def _nan_text(value: float) -> str:
    return "—" if not np.isfinite(value) else f"{value:.0f}"
