"""Figures for lesson 02 (the VTA circuit as a live diagram, its time course, its dose-responses)
and lesson 00's practice chart (random spikes at a chosen rate).

Every chart here is drawn from a teaching model and carries the theme's visible
``label="model"`` tag. All builders return the same traces in the same order for every
setting, so the explorers update them in place.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from helpers.figures.compose import compose_figure, legend_above, line_style
from helpers.theme import DASHES, NEUTRAL, PALETTE, ROLE_COLOURS, WIDE_FIGURE_WIDTH_PX
from helpers.models import circuit

GENOTYPES = {"wild_type": "wild type", "alpha1_h101r": "α1(H101R)"}
DRUGS = {"benzodiazepine": "Benzodiazepine", "opioid": "μ-opioid agonist", "ghb": "GHB"}
DRUG_COLOURS = {drug: ROLE_COLOURS[drug] for drug in DRUGS}
# Legend names in the three-routes chart: the fall of GHB's curve is an extrapolation (ghb_gabab verifies
# the two-way effect for baclofen only).
ROUTE_NAMES = {"benzodiazepine": "Benzodiazepine", "opioid": "μ-opioid agonist",
               "ghb": "GHB (fall at high levels: ASSUMPTION)"}
LEVEL_AXIS = np.linspace(0.0, 1.0, 101)
GAIN_AXIS = np.linspace(circuit.GAIN_RANGE[0], circuit.GAIN_RANGE[1], 121)
MAX_DRAWN_ACTION = 1.5  # cap on the drug-to-neuron line width (in units of a fully occupied gain of 1)
RASTER_NEURONS = 6
BAR_LABELS = ("Interneurons", "Dopamine")
RATIO_RANGE = (0.0, 2.0)  # firing relative to baseline shown by the diagram's colour scale
# Cividis runs dark blue -> yellow and stays readable with colour-vision deficiencies.
RATIO_COLOURSCALE = "Cividis"

# Diagram coordinates (arbitrary units on hidden axes).
NODE_XY = {"excitation": (1.2, 8.6), "other_gaba": (1.2, 1.6), "gaba": (3.4, 5.0), "da": (7.0, 5.0),
           "drug": (5.2, 9.0), "nac": (7.0, 1.2)}


def _genotype_is_wild(genotype: str) -> bool:
    if genotype not in GENOTYPES:
        raise ValueError(f"genotype must be one of {', '.join(repr(g) for g in GENOTYPES)}; got {genotype!r}")
    return genotype == "wild_type"


def _drug_levels(drug: str, level: float) -> dict:
    if drug not in DRUGS:
        raise ValueError(f"drug must be one of {', '.join(repr(d) for d in DRUGS)}; got {drug!r}")
    names = {"benzodiazepine": "bz_occupancy", "opioid": "mu_opioid", "ghb": "ghb"}
    circuit.DRUG_LEVEL.check_array(level)   # an error names "level", the value the learner set
    return {names[drug]: level}


def _edge(name, start, end, *, width, colour, dash="solid", ending="inhibitory", opacity=1.0) -> dict:
    """A synapse drawn from ``start`` to ``end``: an arrowhead (excitatory) or a dot (inhibitory)."""
    symbol = "arrow" if ending == "excitatory" else "circle"
    # A plain dict, not go.Scatter: the figure validates it once (explorers rebuild on every slider move).
    return dict(type="scatter", x=[start[0], end[0]], y=[start[1], end[1]], mode="lines+markers", name=name,
                showlegend=False, hoverinfo="name", opacity=opacity,
                line=dict(color=colour, width=width, dash=dash),
                marker=dict(symbol=["circle", symbol], size=[0, 8 + 2.5 * width], angleref="previous",
                            color=colour))


def _shorten(start, end, by: float):
    """Pull both ends of a segment ``by`` units towards its middle (so edges stop at the node)."""
    start, end = np.asarray(start, float), np.asarray(end, float)
    unit = (end - start) / np.linalg.norm(end - start)
    return tuple(start + by * unit), tuple(end - by * unit)


def circuit_diagram_figure(drug: str, level: float, genotype: str, alpha3_gain: float = circuit.ALPHA3_GAIN,
                           alpha1_gain: float = circuit.ALPHA1_GAIN) -> go.Figure:
    """The VTA circuit as a diagram whose neurons change colour and size with their firing.

    ``drug`` is 'benzodiazepine', 'opioid' or 'ghb'; ``level`` its occupancy/activation
    (fraction 0-1); ``genotype`` 'wild_type' or 'alpha1_h101r'; ``alpha1_gain`` and
    ``alpha3_gain`` the benzodiazepine's extra inhibition of interneurons and of dopamine
    neurons at full occupancy (ASSUMPTIONS; see :func:`helpers.models.circuit.vta_rates`).
    """
    wild = _genotype_is_wild(genotype)
    rates = circuit.vta_rates(alpha1_sensitive=wild, alpha1_gain=alpha1_gain, alpha3_gain=alpha3_gain,
                              **_drug_levels(drug, level))
    ratios = {"gaba": rates["gaba_hz"] / circuit.GABA_BASELINE_HZ, "da": rates["da_hz"] / circuit.DA_BASELINE_HZ}
    action_on_gaba, action_on_da = _drug_action(drug, level, wild, alpha1_gain, alpha3_gain)
    alpha1_potentiation = action_on_gaba if drug == "benzodiazepine" else 0.0
    drug_colour = DRUG_COLOURS[drug]

    edges = [
        _edge("excitatory input → interneurons", *_shorten(NODE_XY["excitation"], NODE_XY["gaba"], 0.7),
              width=2.5, colour=PALETTE["grey"], ending="excitatory"),
        _edge("excitatory input → dopamine neurons", *_shorten(NODE_XY["excitation"], NODE_XY["da"], 0.7),
              width=2.5, colour=PALETTE["grey"], ending="excitatory"),
        _edge("GABA-A inhibition onto interneurons (α1)", *_shorten(NODE_XY["other_gaba"], NODE_XY["gaba"], 0.7),
              width=2.0 * (1 + alpha1_potentiation), colour=ROLE_COLOURS["gaba"]),
        _edge("interneurons inhibit dopamine neurons (GABA-A, α3)", *_shorten(NODE_XY["gaba"], NODE_XY["da"], 0.8),
              width=1.0 + 3.0 * rates["inhibition_onto_da"], colour=ROLE_COLOURS["gaba"]),
        _edge("dopamine to the nucleus accumbens", *_shorten(NODE_XY["da"], NODE_XY["nac"], 0.8),
              width=1.0 + 2.0 * ratios["da"], colour=ROLE_COLOURS["dopamine"], ending="excitatory"),
        _edge(f"{DRUGS[drug]} acting on interneurons", *_shorten(NODE_XY["drug"], NODE_XY["gaba"], 0.8),
              width=0.5 + 6.0 * action_on_gaba, colour=drug_colour, dash="dot",
              opacity=0.25 if drug == "benzodiazepine" and not wild else 1.0),
        _edge(f"{DRUGS[drug]} acting on dopamine neurons", *_shorten(NODE_XY["drug"], NODE_XY["da"], 0.8),
              width=0.5 + 6.0 * action_on_da, colour=drug_colour, dash="dot"),
    ]
    traces = list(edges)
    fixed_nodes = [("excitation", "Excitatory input<br>(glutamate)", "triangle-right", PALETTE["grey"]),
                   ("other_gaba", "Other GABA inputs", "square", ROLE_COLOURS["gaba"]),
                   ("nac", "Nucleus accumbens", "diamond", ROLE_COLOURS["dopamine"])]
    traces.append(dict(
        type="scatter", x=[NODE_XY[k][0] for k, *_ in fixed_nodes], y=[NODE_XY[k][1] for k, *_ in fixed_nodes],
        mode="markers+text", name="inputs and target", showlegend=False, hoverinfo="text",
        text=[label for _, label, _, _ in fixed_nodes], textposition=["top center", "bottom center", "bottom center"],
        marker=dict(symbol=[s for *_, s, _ in fixed_nodes], size=22, color=[c for *_, c in fixed_nodes])))
    mutant_note = "<br>α1(H101R): drug-insensitive" if not wild else ""
    traces.append(dict(
        type="scatter", x=[NODE_XY["gaba"][0], NODE_XY["da"][0]], y=[NODE_XY["gaba"][1], NODE_XY["da"][1]],
        mode="markers+text", name="VTA neurons", showlegend=False,
        text=[f"GABA interneurons<br>{rates['gaba_hz']:.1f} Hz{mutant_note}",
              f"Dopamine<br>neurons<br>{rates['da_hz']:.1f} Hz"],
        textposition=["bottom center", "middle right"],
        hovertemplate="%{text}<br>%{marker.color:.2f} × baseline<extra></extra>",
        marker=dict(symbol=["circle", "triangle-up"], size=[28 + 22 * min(r, RATIO_RANGE[1]) for r in ratios.values()],
                    color=list(ratios.values()), cmin=RATIO_RANGE[0], cmax=RATIO_RANGE[1],
                    colorscale=RATIO_COLOURSCALE, line=dict(color=NEUTRAL["outline"], width=2),
                    colorbar=dict(title=dict(text="Firing<br>× baseline", side="top"), x=1.02, y=0.45, len=0.7,
                                  thickness=12))))
    traces.append(dict(
        type="scatter", x=[NODE_XY["drug"][0]], y=[NODE_XY["drug"][1]], mode="markers+text", name="drug",
        showlegend=False,
        text=[f"{DRUGS[drug]}: {level:.0%}"], textposition="top center",
        marker=dict(symbol="hexagon", size=16 + 20 * level, color=drug_colour,
                    line=dict(color=NEUTRAL["outline"], width=1))))
    n_diagram = len(traces)

    percent = [100 * ratios["gaba"], 100 * ratios["da"]]
    traces.append(dict(type="bar", x=list(BAR_LABELS), y=percent, name="firing",
                       marker=dict(color=[ROLE_COLOURS["gaba"], ROLE_COLOURS["dopamine"]],
                                   pattern=dict(shape=["", "/"])),
                       text=[f"{rates['gaba_hz']:.1f} Hz", f"{rates['da_hz']:.1f} Hz"], textposition="outside",
                       showlegend=False, hovertemplate="%{x}: %{y:.0f} % of baseline<extra></extra>"))
    traces.append(dict(type="scatter", x=list(BAR_LABELS), y=[100, 100], mode="markers",
                       name="baseline (no drug)", showlegend=False,
                       marker=dict(symbol="line-ew-open", size=60, color=NEUTRAL["outline"], line=dict(width=2)),
                       hovertemplate="baseline<extra></extra>"))
    change = _direction(ratios["da"])
    summary = (f"In the model, with {DRUGS[drug].lower()} at {level:.0%} in a {GENOTYPES[genotype]} circuit, the "
               f"interneurons fire "
               f"at {rates['gaba_hz']:.1f} Hz ({percent[0]:.0f} % of baseline) and the dopamine neurons at "
               f"{rates['da_hz']:.1f} Hz ({percent[1]:.0f} % of baseline), so dopamine firing {change}.")
    return compose_figure(traces, title="Disinhibition in the VTA", summary=summary, label="model",
                          cells=[(1, 1)] * n_diagram + [(1, 2)] * (len(traces) - n_diagram),
                          rows=1, cols=2, column_widths=[0.64, 0.36], horizontal_spacing=0.1,
                          subplot_titles=("The circuit (colour and size follow firing)", "Firing (% of baseline)"),
                          x_axes={(1, 1): dict(visible=False, range=[-0.2, 9.6], fixedrange=True),
                                  (1, 2): dict(title="Population (black line = no drug)")},
                          y_axes={(1, 1): dict(visible=False, range=[0.0, 10.6], fixedrange=True),
                                  (1, 2): dict(title="Firing (% of baseline)", range=[0, 270])},
                          layout=dict(width=WIDE_FIGURE_WIDTH_PX, height=480, margin=dict(t=90, r=110)))


def _drug_action(drug: str, level: float, wild: bool, alpha1_gain: float, alpha3_gain: float) -> tuple[float, float]:
    """How strongly the drug acts on the interneurons and on the dopamine neurons (line widths, capped)."""
    if drug == "benzodiazepine":
        on_gaba, on_da = level * alpha1_gain * (1.0 if wild else 0.0), level * alpha3_gain
        return min(on_gaba, MAX_DRAWN_ACTION), min(on_da, MAX_DRAWN_ACTION)
    if drug == "opioid":
        return level, 0.0  # mu receptors on the interneurons only (johnson_north_1992)
    girk = circuit.ghb_girk_activation(level)
    return girk["gaba"], girk["da"]


def _direction(ratio: float) -> str:
    if ratio > 1.005:
        return "rises"
    if ratio < 0.995:
        return "falls"
    return "stays at baseline"


def time_course_figure(bz_occupancy: float, genotype: str) -> go.Figure:
    """Spike rasters of both model populations and their rates while a benzodiazepine arrives."""
    wild = _genotype_is_wild(genotype)
    sim = circuit.simulate_vta(bz_occupancy, alpha1_sensitive=wild,
                               duration_s=10.0, onset_s=3.0, rise_s=1.0, dt_s=0.02)
    gaba_spikes = circuit.poisson_spikes(sim["time_s"], sim["gaba_hz"], n_neurons=RASTER_NEURONS, seed=1)
    da_spikes = circuit.poisson_spikes(sim["time_s"], sim["da_hz"], n_neurons=RASTER_NEURONS, seed=2)
    raster = dict(mode="markers", showlegend=False, hovertemplate="cell %{y}, %{x:.2f} s<extra></extra>")
    traces = [go.Scatter(x=gaba_spikes["time_s"], y=gaba_spikes["neuron"], name="GABA spikes",
                             marker=dict(symbol="line-ns-open", size=9, color=ROLE_COLOURS["gaba"],
                                         line=dict(width=1.2)), **raster),
              go.Scatter(x=da_spikes["time_s"], y=da_spikes["neuron"], name="dopamine spikes",
                             marker=dict(symbol="line-ns-open", size=9, color=ROLE_COLOURS["dopamine"],
                                         line=dict(width=1.6)), **raster),
              go.Scatter(x=sim["time_s"], y=100 * sim["gaba_hz"] / circuit.GABA_BASELINE_HZ,
                         name="interneurons (% baseline)", line=line_style("gaba")),
              go.Scatter(x=sim["time_s"], y=100 * sim["da_hz"] / circuit.DA_BASELINE_HZ,
                         name="dopamine neurons (% baseline)", line=line_style("dopamine", dash_index=1)),
              go.Scatter(x=sim["time_s"], y=100 * sim["bz_occupancy"], name="occupancy (%)",
                         line=line_style("benzodiazepine", dash_index=2, width=2))]
    cells = dict(title="Cell (index)", range=[-0.7, RASTER_NEURONS - 0.3], showgrid=False)
    end = sim.iloc[-1]
    summary = (f"In the model, after the benzodiazepine arrives at 3 s and occupancy climbs to {bz_occupancy:.0%} "
               f"({GENOTYPES[genotype]}), interneuron firing goes from {circuit.GABA_BASELINE_HZ:.0f} to "
               f"{end['gaba_hz']:.1f} Hz and dopamine firing from {circuit.DA_BASELINE_HZ:.0f} to "
               f"{end['da_hz']:.1f} Hz.")
    return compose_figure(traces, title="Inhibit the inhibitors: spikes while the drug arrives", summary=summary,
                          label="model", cells=[(1, 1), (2, 1), (3, 1), (3, 1), (3, 1)],
                          rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07, row_heights=[0.27, 0.27, 0.46],
                          subplot_titles=("GABA interneurons (spikes)", "Dopamine neurons (spikes)", ""),
                          x_axes={(3, 1): dict(range=[0, 10], title="Time (s; compressed, illustrative)")},
                          y_axes={(1, 1): cells, (2, 1): cells, (3, 1): dict(title="Percent (%)", range=[0, 240])},
                          layout=dict(height=620, width=WIDE_FIGURE_WIDTH_PX, margin=dict(t=90, b=80),
                                      **legend_above(x=0.01, y=0.44, yanchor="top", font=dict(size=12))))


def tan_in_silico_figure(alpha1_gain: float, alpha3_gain: float) -> go.Figure:
    """Model dopamine and interneuron firing against occupancy, wild type versus α1(H101R);
    ``alpha1_gain`` and ``alpha3_gain`` as in :func:`helpers.models.circuit.vta_rates`."""
    results, traces = {}, []
    for index, (genotype, label) in enumerate(GENOTYPES.items()):
        rates = circuit.vta_rates(LEVEL_AXIS, alpha1_sensitive=genotype == "wild_type", alpha1_gain=alpha1_gain,
                                  alpha3_gain=alpha3_gain)
        results[genotype] = rates
        role = "benzodiazepine" if genotype == "wild_type" else "control"
        traces += [go.Scatter(x=LEVEL_AXIS, y=rates["da_hz"], name=f"{label} mice", legendgroup=genotype,
                              line=line_style(role, dash_index=index),
                              hovertemplate="occupancy %{x:.0%}<br>%{y:.2f} Hz"),
                   go.Scatter(x=LEVEL_AXIS, y=rates["gaba_hz"], name=f"{label} mice, interneurons",
                              legendgroup=genotype, showlegend=False, line=line_style(role, dash_index=index),
                              hovertemplate="occupancy %{x:.0%}<br>%{y:.2f} Hz")]
    wild_da, mutant_da = results["wild_type"]["da_hz"][-1], results["alpha1_h101r"]["da_hz"][-1]
    summary = (f"In the model, at full occupancy the dopamine neurons go from {circuit.DA_BASELINE_HZ:.0f} Hz to "
               f"{wild_da:.1f} Hz in wild-type mice but to {mutant_da:.1f} Hz in α1(H101R) mice, whose "
               f"interneurons stay at {results['alpha1_h101r']['gaba_hz'][-1]:.0f} Hz.")
    occupancy_axis = dict(range=[0, 1], tickformat=".0%")
    return compose_figure(traces, title="Tan et al. 2010 in silico: wild type versus α1(H101R), directions only",
                          summary=summary, label="model", cells=[(1, 1), (1, 2)] * len(GENOTYPES),
                          rows=1, cols=2, horizontal_spacing=0.12,
                          subplot_titles=("Dopamine neurons", "GABA interneurons"),
                          x_title="Benzodiazepine-site occupancy (fraction)", y_title="Firing rate (Hz)",
                          x_axes={(1, 1): occupancy_axis, (1, 2): occupancy_axis},
                          y_axes={(1, 1): dict(range=[0, 12]), (1, 2): dict(range=[0, 35])},
                          layout=dict(width=WIDE_FIGURE_WIDTH_PX, margin=dict(t=120, b=80), **legend_above(y=1.12)))


def balance_figure(bz_occupancy: float, alpha1_gain: float) -> go.Figure:
    """Model dopamine firing against the α3 gain (the drug's extra inhibition of the dopamine neurons
    themselves), for a chosen occupancy and α1 gain; marks the break-even α3 gain, the equal-gains
    line and the default α3 gain (all ASSUMPTIONS, see :mod:`helpers.models.circuit`)."""
    rates = circuit.vta_rates(bz_occupancy, alpha1_gain=alpha1_gain, alpha3_gain=GAIN_AXIS)["da_hz"]
    break_even = circuit.break_even_alpha3_gain(bz_occupancy, alpha1_gain=alpha1_gain)
    default_da = circuit.vta_rates(bz_occupancy, alpha1_gain=alpha1_gain)["da_hz"]
    shown = [break_even] if np.isfinite(break_even) and break_even <= circuit.GAIN_RANGE[1] else []
    traces = [
        go.Scatter(x=GAIN_AXIS, y=100 * rates / circuit.DA_BASELINE_HZ, name="dopamine firing",
                   line=line_style("dopamine"), hovertemplate="α3 gain %{x:.2f}<br>%{y:.0f} % of baseline"),
        go.Scatter(x=list(circuit.GAIN_RANGE), y=[100, 100], mode="lines", name="no drug",
                   line=dict(color=PALETTE["black"], dash="dot", width=1.5)),
        go.Scatter(x=[alpha1_gain, alpha1_gain], y=[0, 270], mode="lines", name="α3 gain = α1 gain",
                   line=dict(color=ROLE_COLOURS["gaba"], dash="dash", width=1.5)),
        go.Scatter(x=shown, y=[100] * len(shown), mode="markers", name="break-even",
                   marker=dict(symbol="x", size=14, color=PALETTE["black"])),
        go.Scatter(x=[circuit.ALPHA3_GAIN], y=[100 * default_da / circuit.DA_BASELINE_HZ], mode="markers",
                   name="default α3 gain (ASSUMPTION)",
                   marker=dict(symbol="diamond", size=13, color=ROLE_COLOURS["benzodiazepine"],
                               line=dict(color=NEUTRAL["outline"], width=1))),
    ]
    return compose_figure(traces, title="Who wins in the model: disinhibition or direct inhibition?",
                          summary=f"At {bz_occupancy:.0%} occupancy with an α1 gain of {alpha1_gain:.2f}, "
                                  f"{_balance_verdict(break_even, alpha1_gain)}.", label="model",
                          x_title="α3 gain: extra inhibition of dopamine neurons at full occupancy "
                                  "(× baseline inhibition)",
                          y_title="Dopamine firing (% of baseline)",
                          x_axes={(1, 1): dict(range=list(circuit.GAIN_RANGE))}, y_axes={(1, 1): dict(range=[0, 270])},
                          layout=dict(margin=dict(t=110, b=80), **legend_above()))


def _balance_verdict(break_even: float, alpha1_gain: float) -> str:
    if np.isnan(break_even):
        return "with no drug bound every α3 gain leaves the model's dopamine firing at baseline"
    if np.isinf(break_even):
        return "the α1 potentiation alone silences the model's interneurons, so dopamine firing rises at any α3 gain"
    ratio = f" ({break_even / alpha1_gain:.2f} times the α1 gain)" if alpha1_gain > 0 else ""
    return (f"in the model dopamine firing rises (disinhibition wins) while the α3 gain stays below "
            f"{break_even:.2f}{ratio}")


def three_routes_figure(level: float, genotype: str) -> go.Figure:
    """Dopamine and interneuron firing against drug level for three routes to disinhibition,
    with each drug's rates at ``level`` (fraction 0-1) marked."""
    wild = _genotype_is_wild(genotype)
    finals, marked = {}, {"da_hz": [], "gaba_hz": []}
    traces, columns = [], []
    for index, (drug, label) in enumerate(DRUGS.items()):
        rates = circuit.vta_rates(alpha1_sensitive=wild, **_drug_levels(drug, LEVEL_AXIS))
        at_level = circuit.vta_rates(alpha1_sensitive=wild, **_drug_levels(drug, level))
        finals[drug] = rates["da_hz"]
        for key in marked:
            marked[key].append(at_level[key])
        style = dict(color=DRUG_COLOURS[drug], width=3.0, dash=DASHES[index])
        traces += [go.Scatter(x=LEVEL_AXIS, y=rates["da_hz"], name=ROUTE_NAMES[drug], legendgroup=drug, line=style,
                              hovertemplate="level %{x:.0%}<br>%{y:.2f} Hz"),
                   go.Scatter(x=LEVEL_AXIS, y=rates["gaba_hz"], name=f"{label}, interneurons", legendgroup=drug,
                              showlegend=False, line=style, hovertemplate="level %{x:.0%}<br>%{y:.2f} Hz")]
        columns += [1, 2]
    marker = dict(size=12, color=list(DRUG_COLOURS.values()), symbol=["circle", "square", "diamond"],
                  line=dict(color=NEUTRAL["outline"], width=1))
    for column, key in ((1, "da_hz"), (2, "gaba_hz")):
        traces.append(go.Scatter(x=[level] * len(DRUGS), y=marked[key], mode="markers", name=f"this level ({key})",
                                 showlegend=False, marker=marker, text=list(DRUGS.values()),
                                 hovertemplate="%{text}: %{y:.2f} Hz<extra></extra>"))
        columns.append(column)
    level_axis = dict(range=[0, 1], tickformat=".0%")
    da_text = ", ".join(f"{name} {rate:.1f} Hz" for name, rate in zip(DRUGS.values(), marked["da_hz"]))
    summary = (f"In the model ({GENOTYPES[genotype]}), at {level:.0%} of each drug's range dopamine neurons fire at "
               f"{da_text}; at the top of the range the model's GHB has fallen to {finals['ghb'][-1]:.1f} Hz, below "
               f"the {circuit.DA_BASELINE_HZ:.0f} Hz baseline (an ASSUMPTION extrapolated from baclofen), while the "
               f"μ-opioid agonist reaches {finals['opioid'][-1]:.1f} Hz.")
    return compose_figure(traces, title="Three routes to the same brake: benzodiazepine, μ-opioid, GHB",
                          summary=summary, label="model", cells=[(1, column) for column in columns],
                          rows=1, cols=2, horizontal_spacing=0.12,
                          subplot_titles=("Dopamine neurons", "GABA interneurons"),
                          x_title="Drug level (fraction of the model's range)", y_title="Firing rate (Hz)",
                          x_axes={(1, 1): level_axis, (1, 2): level_axis},
                          y_axes={(1, 1): dict(range=[0, 12]), (1, 2): dict(range=[0, 35])},
                          layout=dict(width=WIDE_FIGURE_WIDTH_PX, margin=dict(t=120, b=80),
                                      **legend_above(x=1.0, xanchor="right", y=1.12)))


PRACTICE_DURATION_S = 10.0
PRACTICE_DT_S = 0.005
PRACTICE_RATE_RANGE_HZ = (circuit.PRACTICE_RATE.low, circuit.PRACTICE_RATE.high)
PRACTICE_CELLS = (1, 5, 10)


def firing_practice_figure(rate_hz: float, cells: int) -> go.Figure:
    """Lesson 00's practice chart: ``cells`` random (Poisson) model neurons firing at ``rate_hz`` (Hz)
    for 10 s, as a raster, with the spikes counted in each 1-s bin (mean per cell) against the set rate.

    No drug and no lesson content: it is there to practise sliders, dropdowns, hover, zoom and legends.
    """
    rate = circuit.PRACTICE_RATE.check(rate_hz)
    if cells not in PRACTICE_CELLS:
        raise ValueError(f"cells must be one of {', '.join(map(str, PRACTICE_CELLS))}; got {cells!r}")
    time_s = np.arange(0.0, PRACTICE_DURATION_S, PRACTICE_DT_S)
    spikes = circuit.poisson_spikes(time_s, np.full_like(time_s, rate), n_neurons=max(PRACTICE_CELLS), seed=7)
    spikes = spikes[spikes["neuron"] < cells]
    edges = np.arange(0.0, PRACTICE_DURATION_S + 1.0, 1.0)
    counted = np.histogram(spikes["time_s"], bins=edges)[0] / cells
    traces = [go.Scatter(x=spikes["time_s"], y=spikes["neuron"] + 1, mode="markers", name="spikes",
                         marker=dict(symbol="line-ns-open", size=10, color=ROLE_COLOURS["dopamine"],
                                     line=dict(width=1.6)),
                         hovertemplate="cell %{y}, spike at %{x:.3f} s<extra></extra>"),
              go.Bar(x=edges[:-1] + 0.5, y=counted, width=0.8, name="spikes counted per second (mean per cell)",
                     marker=dict(color=ROLE_COLOURS["gaba"], pattern=dict(shape="/")),
                     hovertemplate="second %{x:.1f}: %{y:.1f} spikes<extra></extra>"),
              go.Scatter(x=[0.0, PRACTICE_DURATION_S], y=[rate, rate], mode="lines", name="rate you set",
                         line=dict(color=PALETTE["black"], dash="dash", width=2),
                         hovertemplate="rate you set: %{y:.1f} Hz<extra></extra>")]
    summary = (f"In the model, {cells} random cell{'s' if cells > 1 else ''} set to fire at {rate:g} Hz produced "
               f"{len(spikes)} spikes in {PRACTICE_DURATION_S:g} s, on average between {counted.min():.0f} and "
               f"{counted.max():.0f} spikes per cell in each second.")
    return compose_figure(traces, title="Practice: random spikes at the rate you set", summary=summary, label="model",
                          cells=[(1, 1), (2, 1), (2, 1)], rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1,
                          row_heights=[0.5, 0.5],
                          x_axes={(2, 1): dict(title="Time (s)", range=[0, PRACTICE_DURATION_S])},
                          y_axes={(1, 1): dict(title="Cell (number)", range=[0.3, max(PRACTICE_CELLS) + 0.7]),
                                  (2, 1): dict(title="Spikes per second (Hz)",
                                               range=[0, 1.4 * PRACTICE_RATE_RANGE_HZ[1]])},
                          layout=dict(height=560, margin=dict(t=100, b=70), **legend_above(font=dict(size=12))))
