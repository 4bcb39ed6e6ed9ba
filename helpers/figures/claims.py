"""Figures for lesson 07: the source article's claims, graded against the reference base.

The builders read :func:`helpers.tables.article_claims` (``helpers/data/article_claims.csv``).
There is no model here and no numeric parameter: every position on a chart is a count of
claims or a rung of the evidence ladder.

The evidence ladder, from weakest to strongest, as the lesson teaches it::

    nothing found < model or reasoning < in vitro < animal < human observational
        < clinical guideline < human trial

``human`` is a single observational study of people (a survey, a cohort). A ``clinical guideline``
is not a study: it weighs the studies beneath it and clinical experience with many patients, and
grades its own certainty (joint_guideline_2025: modified GRADE with clinical consensus). It sits
above one observational study and below a trial, since its certainty is no higher than what it
rests on. No claim of the article rests on a randomised trial in the reference base, so the top
rung stays empty on purpose.

These are charts of graded evidence, not of a model: they carry no model label, and the
"model or reasoning" rung marks a claim that no measurement supports.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.figures.compose import compose_figure, legend_above
from helpers.theme import LADDER_COLOURS, NEUTRAL, PALETTE, VERDICT_COLOURS
from helpers.validation import as_choice
from helpers.tables import CLAIM_EVIDENCE_KINDS, CLAIM_VERDICTS, article_claims

ALL = "all"

# The ladder's rungs, weakest first; ``EVIDENCE_RUNG`` places each evidence kind on it.
LADDER_RUNGS = ("Nothing<br>found", "Model or<br>reasoning", "In vitro<br>(cells)", "Animal",
                "Human<br>observational", "Clinical<br>guideline", "Human<br>trial")
EVIDENCE_RUNG = {"none found": 0, "model": 1, "in vitro": 2, "animal": 3, "human": 4, "clinical guideline": 5}
FIRST_MEASURED_RUNG = 2   # rungs below this are plausible mechanism, not measurement

# One look per verdict, the same in every chart; symbols differ so charts read in greyscale.
VERDICT_STYLE = {
    "supported": dict(colour=VERDICT_COLOURS["supported"], symbol="circle", pattern=""),
    "partly supported": dict(colour=VERDICT_COLOURS["partly supported"], symbol="diamond", pattern="/"),
    "not directly supported": dict(colour=VERDICT_COLOURS["not directly supported"], symbol="square", pattern="."),
    "contradicted": dict(colour=VERDICT_COLOURS["contradicted"], symbol="x", pattern="x"),
}

# The article's causal story, link by link, each link read from one claim of the table.
STORY_LINKS = (
    ("Drug boosts GABA at GABA-A receptors", "c01"),
    ("VTA interneurons quieter, dopamine neurons fire more", "c03"),
    ("Accumbens dopamine events more frequent, smaller", "c06"),
    ("Accumbens dopamine level rises", "c05"),
    ("Disinhibition drives reward and addiction", "c08"),
    ("Chronic use lowers dopamine production", "c14"),
    ("Withdrawal: a dopamine crash", "c16"),
    ("Withdrawal: anhedonia", "c17"),
    ("Withdrawal: depression", "c21"),
)
# How the claims were chosen: said under the verdict chart, so the counts can be read fairly.
CLAIM_CHOICE = ("The claims are every sentence or clause of the article that states a fact about mechanism, "
                "evidence or clinical practice which the course's reference base can check, the supportable ones "
                "included; a fact the article repeats is graded once, and statements the base cannot check (how "
                "often benzodiazepines are prescribed, what SSRIs block) are left out.")
CLAIM_ROW_HEIGHT_PX = 26   # the claims map grows with the table, so labels never overlap


def select_claims(verdict: str = ALL, evidence: str = ALL) -> pd.DataFrame:
    """The claims with this verdict and this kind of evidence (``"all"`` keeps every value)."""
    verdict = as_choice("verdict", verdict, (ALL, *CLAIM_VERDICTS))
    evidence = as_choice("evidence", evidence, (ALL, *CLAIM_EVIDENCE_KINDS))
    claims = article_claims()
    keep = ((claims["verdict"] == verdict) | (verdict == ALL)) & ((claims["evidence"] == evidence) | (evidence == ALL))
    return claims[keep]


def verdict_counts_figure() -> go.Figure:
    """How many of the article's claims fall under each verdict (horizontal bars)."""
    claims = article_claims()
    traces = []
    for verdict in CLAIM_VERDICTS:
        chosen = claims[claims["verdict"] == verdict]
        style = VERDICT_STYLE[verdict]
        traces.append(go.Bar(
            y=[verdict], x=[len(chosen)], orientation="h", name=verdict, text=[len(chosen)],
            textposition="outside",
            marker=dict(color=style["colour"], line=dict(color=NEUTRAL["bar_outline"], width=1),
                        pattern=dict(shape=style["pattern"], fgcolor=NEUTRAL["bar_outline"], fillmode="overlay")),
            customdata=[["<br>".join(chosen["label"]) or "none"]],
            hovertemplate="%{y}: %{x} claims<br>%{customdata[0]}<extra></extra>"))
    counts = claims["verdict"].value_counts()
    parts = [f"{counts.get(v, 0)} {v}" for v in CLAIM_VERDICTS]
    return compose_figure(traces, title=f"The article's claims by verdict ({len(claims)} claims checked)",
                          x_title="Claims (count)",
                          summary=f"Of the {len(claims)} claims checked, " + ", ".join(parts[:-1])
                          + f" and {parts[-1]}. {CLAIM_CHOICE}",
                          x_axes={(1, 1): dict(range=[0, max(counts.max() + 2, 5)], dtick=2)},
                          y_axes={(1, 1): dict(autorange="reversed", automargin=True)},
                          layout=dict(showlegend=False, height=360))


def evidence_ladder_figure() -> go.Figure:
    """The article's story link by link, each at the highest rung of evidence that link reached."""
    claims = article_claims()
    links = [text for text, _ in STORY_LINKS]
    rows = claims.loc[[claim_id for _, claim_id in STORY_LINKS]]
    rungs = [EVIDENCE_RUNG[kind] for kind in rows["evidence"]]
    traces = [go.Scatter(x=rungs, y=links, mode="lines", name="the story's thread",
                         line=dict(color=PALETTE["grey"], width=1.5, dash="dot"), hoverinfo="skip",
                         showlegend=False)]
    for verdict in CLAIM_VERDICTS:
        mask = (rows["verdict"] == verdict).to_numpy()
        style = VERDICT_STYLE[verdict]
        traces.append(go.Scatter(
            x=[r for r, m in zip(rungs, mask) if m], y=[t for t, m in zip(links, mask) if m],
            mode="markers", name=verdict,
            marker=dict(size=16, color=style["colour"], symbol=style["symbol"],
                        line=dict(color=NEUTRAL["marker_outline"], width=1)),
            customdata=rows.loc[mask, ["evidence"]].to_numpy(),
            hovertemplate="%{y}<br>evidence: %{customdata[0]}<extra>" + verdict + "</extra>"))
    measured = sum(r >= FIRST_MEASURED_RUNG for r in rungs)
    unmeasured = [f"'{text}'" for text, r in zip(links, rungs) if r < FIRST_MEASURED_RUNG]
    contradicted = [f"'{text}'" for text, v in zip(links, rows["verdict"]) if v == "contradicted"]
    summary = (f"{measured} of the {len(links)} links in the article's story were measured in cells or animals or "
               f"are documented in clinical guidelines (though {' and '.join(contradicted) or 'none'} went the other "
               f"way when measured), {len(unmeasured)} ({', '.join(unmeasured)}) rest on no measurement at all, "
               "and no link reaches a human trial.")
    ladder = _ladder_layout(categoryorder="array", categoryarray=links, autorange="reversed")
    ladder["xaxis"]["title"] = dict(text="Highest rung of evidence reached (evidence ladder)")
    return compose_figure(traces, title="The article's story, link by link, on the evidence ladder", summary=summary,
                          layout=dict(height=500, margin=dict(t=110), **ladder,
                                      **legend_above(title=dict(text="Verdict: "))))


def claims_map_figure(verdict: str = ALL, evidence: str = ALL) -> go.Figure:
    """Every claim at its rung of the evidence ladder, coloured by verdict; the filter greys out the rest."""
    claims = article_claims()
    chosen = select_claims(verdict, evidence)
    numbers = {claim_id: n for n, claim_id in enumerate(claims.index, start=1)}
    rest = claims.drop(chosen.index)
    traces = [_claim_markers(rest, numbers, name="filtered out",
                             marker=dict(size=9, color=NEUTRAL["filtered_out"], symbol="circle"))]
    for each in CLAIM_VERDICTS:
        style = VERDICT_STYLE[each]
        traces.append(_claim_markers(chosen[chosen["verdict"] == each], numbers, name=each,
                                     marker=dict(size=15, color=style["colour"], symbol=style["symbol"],
                                                 line=dict(color=NEUTRAL["marker_outline"], width=1))))
    # The legend sits one dropdown row above the plot: the handout puts its dropdowns right on top of the plot.
    ladder = _ladder_layout(tickvals=list(numbers.values()),
                            ticktext=[f"{n}. {label}" for n, label in zip(numbers.values(), claims["label"])],
                            range=[len(claims) + 0.7, 0.3])
    ladder["xaxis"]["title"] = dict(text="Kind of evidence behind the verdict (evidence ladder)")
    return compose_figure(traces, title=("The article's claims on the evidence ladder"
                                         f"<br><sup>Showing: {filter_text(verdict, evidence)}</sup>"),
                          summary=_map_summary(chosen, len(claims), verdict, evidence),
                          layout=dict(height=200 + CLAIM_ROW_HEIGHT_PX * len(claims), margin=dict(t=160), **ladder,
                                      **legend_above(x=1.0, xanchor="right", y=1.085,
                                                     title=dict(text="Verdict: "))))


def _claim_markers(rows: pd.DataFrame, numbers: dict, *, name: str, marker: dict) -> go.Scatter:
    return go.Scatter(
        x=[EVIDENCE_RUNG[kind] for kind in rows["evidence"]], y=[numbers[i] for i in rows.index],
        mode="markers", name=name, marker=marker,
        customdata=rows[["label", "verdict", "evidence"]].to_numpy().reshape(-1, 3),
        hovertemplate="%{customdata[0]}<br>verdict: %{customdata[1]}<br>evidence: %{customdata[2]}<extra></extra>")


def _ladder_bands() -> tuple[list[dict], list[dict]]:
    """Shapes and annotations shading 'plausible, not measured' (left) apart from 'measured in some system'."""
    edge = FIRST_MEASURED_RUNG - 0.5
    top = len(LADDER_RUNGS) - 0.5
    band = dict(type="rect", xref="x", yref="y domain", y0=0, y1=1, layer="below", line=dict(width=0))
    shapes = [
        dict(band, x0=-0.5, x1=edge, fillcolor=LADDER_COLOURS["unmeasured_band"]),
        dict(band, x0=edge, x1=top, fillcolor=LADDER_COLOURS["measured_band"]),
        dict(type="line", xref="x", yref="y domain", x0=edge, x1=edge, y0=0, y1=1,
             line=dict(color=PALETTE["grey"], width=1, dash="dash")),
    ]
    label = dict(xref="x", yref="y domain", y=1, yanchor="top", showarrow=False)
    annotations = [
        dict(label, x=-0.5, xanchor="left", text="plausible, not measured",
             font=dict(size=12, color=LADDER_COLOURS["unmeasured_text"])),
        dict(label, x=top, xanchor="right", text="measured in some system",
             font=dict(size=12, color=LADDER_COLOURS["measured_text"])),
    ]
    return shapes, annotations


def _ladder_layout(**yaxis) -> dict:
    """Layout settings for the ladder charts: bands, rung ticks on x, a gridded y axis (keywords for compose_figure)."""
    shapes, annotations = _ladder_bands()
    return dict(
        shapes=shapes, annotations=annotations,
        xaxis=dict(tickvals=list(range(len(LADDER_RUNGS))), ticktext=list(LADDER_RUNGS), tickangle=0,
                   tickfont=dict(size=12), range=[-0.5, len(LADDER_RUNGS) - 0.5], showgrid=False),
        yaxis=dict(dict(showgrid=True, automargin=True, tickfont=dict(size=12)), **yaxis),
    )


def filter_text(verdict: str, evidence: str) -> str:
    """The filter in words, e.g. "verdict 'contradicted'" or "all claims"."""
    if verdict == ALL and evidence == ALL:
        return "all claims"
    parts = (([f"verdict '{verdict}'"] if verdict != ALL else [])
             + ([f"evidence '{evidence}'"] if evidence != ALL else []))
    return ", ".join(parts)


def _map_summary(chosen: pd.DataFrame, total: int, verdict: str, evidence: str) -> str:
    if chosen.empty:
        return f"No claim of the {total} matches {filter_text(verdict, evidence)}; choose 'all' in one of the filters."
    matching = (f"All {total} claims are shown" if len(chosen) == total
                else f"{len(chosen)} of the {total} claims match {filter_text(verdict, evidence)}")
    if verdict != ALL:
        return f"{matching}."
    counts = chosen["verdict"].value_counts()
    return f"{matching}: " + ", ".join(f"{counts[v]} {v}" for v in CLAIM_VERDICTS if v in counts) + "."
