"""Lesson 06 figures and tables: comparing benzodiazepines, and drug classes, from the course tables.

* :func:`half_life_figure` and :func:`equivalence_figure`: plotly charts driven by the same
  filters as the tables (drug class, half-life band, sort order); same four traces for every
  filter, an empty selection says so in words.
  Both chart tabled, sourced values (no model output), so they carry no model label; their
  summaries name the sources, and the model's single half-lives are named as such.
* :func:`benzodiazepine_styler`, :func:`old_age_liver_styler`, :func:`drug_class_styler`,
  :func:`article_styler` and :func:`article_check_styler`: pandas ``Styler`` tables with units in
  the headers, a caption, and colour that repeats what the text says (lightness steps and symbols,
  so greyscale prints read).
* :func:`source_list`: source ids for display, each partly verified or unverified one flagged.
"""

from __future__ import annotations

import html
import itertools
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from helpers import tables
from helpers.figures.compose import compose_figure, legend_under_title
from helpers.theme import (BAND_CELL_STYLES, DISAGREEMENT_CELL_STYLE, EFFECT_CELL_STYLES, NEUTRAL,
                           NOT_ESTABLISHED_CELL_STYLE, PALETTE, ROLE_COLOURS, SOURCE_IDS_CELL_STYLE, TABLE_STYLES,
                           VERDICT_CELL_STYLES, WIDE_TEXT_CELL_STYLE)
from helpers.references import CONFIDENCE_LABELS, reference

HALF_LIFE_AXIS_H = (0.5, 300.0)        # fixed log axis: shortest half-life 1.4 h, longest 200 h
EQUIVALENT_AXIS_MG = (0.15, 50.0)      # fixed log axis: smallest equivalent 0.25 mg, largest 30 mg
SOURCE_MARKERS = {"Ashton": ("circle", PALETTE["vermillion"]), "VA/DoD": ("square", PALETTE["blue"]),
                  "WHO": ("triangle-up", PALETTE["black"])}
# The reference-base entry behind each equivalence column (tables.EQUIVALENT_COLUMNS);
# WHO's per-5-mg values are doubled.
EQUIVALENT_SOURCE_IDS = {"Ashton": "ashton_table_transcription", "VA/DoD": "joint_guideline_table7",
                         "WHO": "who2009_equivalents"}
LOG_TICKS = (0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200)
NOT_ADVICE = "For comparing sources only; not a conversion or dosing guide for any person."
NOT_IN_SOURCES = "— (not in the checked sources)"
BAND_LABELS = {"short": "short (under 6 h)", "intermediate": "intermediate (6–24 h)", "long": "long (24 h or more)"}


# ---------------------------------------------------------------- charts

def half_life_figure(drug_class: str = "all", half_life_band_name: str = "all",
                     sort_by: str = "half_life") -> go.Figure:
    """Half-life ranges (h, log axis) the sources give for each drug and its active metabolite, with the
    single value the pharmacokinetic model uses marked; the summary names the sources shown."""
    table = tables.select_benzodiazepines(drug_class, half_life_band_name, sort_by)
    parents, metabolites = _parent_rows(table), _metabolite_rows(table)
    compounds = _interleave(parents, metabolites, has_metabolite=(table["active_metabolite"] != "").tolist())
    title = f"Half-lives in the sources: {_filter_text(drug_class, half_life_band_name)}"
    traces = [
        go.Scatter(x=compounds["model_h"], y=compounds["label"], mode="markers", name="value used in the model",
                   marker=dict(symbol=compounds["symbol"], size=11, color=PALETTE["black"],
                               line=dict(width=2, color=PALETTE["black"])),
                   hovertemplate="%{y}: model half-life %{x:.3g} h<extra></extra>"),
        _range_bars(parents, "drug (range in the sources)", ROLE_COLOURS["benzodiazepine"], ""),
        _range_bars(metabolites, "active metabolite (range in the sources)", PALETTE["sky"], "/"),
    ]
    return compose_figure(traces, title=title, summary=_half_life_summary(table),
                          layout=_chart_layout(len(compounds["label"]), HALF_LIFE_AXIS_H, 180,
                                               "Elimination half-life (h, log scale)", title))


def equivalence_figure(drug_class: str = "all", half_life_band_name: str = "all",
                       sort_by: str = "half_life") -> go.Figure:
    """The oral dose (mg, log axis) each source equates with diazepam 10 mg, one marker per source,
    and the range between them (up to two-fold); no single value is singled out."""
    table = tables.select_benzodiazepines(drug_class, half_life_band_name, sort_by)
    equivalents = table[list(tables.EQUIVALENT_COLUMNS.values())]
    lowest, highest = equivalents.min(axis=1), equivalents.max(axis=1)
    spread = go.Bar(x=(highest - lowest).to_numpy(float), base=lowest.to_numpy(float), y=table["display_name"].tolist(),
                    orientation="h", name="spread between sources", width=0.3,
                    marker=dict(color=NEUTRAL["range_fill"], line=dict(color=PALETTE["grey"], width=1)),
                    customdata=table["equivalent_spread_ratio"].fillna(1.0).to_numpy(float),
                    hovertemplate="%{y}: sources differ %{customdata:.2g}-fold<extra></extra>")
    title = f"What each source equates with diazepam 10 mg: {_filter_text(drug_class, half_life_band_name)}"
    traces = [spread] + [_source_markers(table, source, column) for source, column in tables.EQUIVALENT_COLUMNS.items()]
    return compose_figure(traces, title=title, summary=_equivalence_summary(table),
                          layout=_chart_layout(len(table), EQUIVALENT_AXIS_MG, 170,
                                               "Oral dose a source equates with diazepam 10 mg (mg, log scale)", title))


def _parent_rows(table: pd.DataFrame) -> dict:
    return dict(label=table["display_name"].tolist(), low_h=table["half_life_h_low"].to_numpy(float),
                high_h=table["half_life_h_high"].to_numpy(float), model_h=table["half_life_h_model"].to_numpy(float),
                sources=table["half_life_source_ids"].map(source_list).tolist())


def _metabolite_rows(table: pd.DataFrame) -> dict:
    """Active metabolites (drugs without one are skipped), labelled with the drug they come from."""
    drugs = table[table["active_metabolite"] != ""]
    labels = [f"↳ {metabolite}<br>(from {drug.lower()})"
              for metabolite, drug in zip(drugs["active_metabolite"], drugs["display_name"])]
    return dict(label=labels, low_h=drugs["metabolite_half_life_h_low"].to_numpy(float),
                high_h=drugs["metabolite_half_life_h_high"].to_numpy(float),
                model_h=drugs["metabolite_half_life_h_model"].to_numpy(float),
                sources=drugs["metabolite_half_life_source_ids"].map(source_list).tolist())


def _interleave(parents: dict, metabolites: dict, *, has_metabolite: list) -> dict:
    """Compound rows in display order: each drug, then its active metabolite (if any) just below it."""
    labels, model_h, symbols, next_metabolite = [], [], [], 0
    for index, with_metabolite in enumerate(has_metabolite):
        labels.append(parents["label"][index])
        model_h.append(parents["model_h"][index])
        symbols.append("diamond")
        if with_metabolite:
            labels.append(metabolites["label"][next_metabolite])
            model_h.append(metabolites["model_h"][next_metabolite])
            symbols.append("diamond-open")
            next_metabolite += 1
    return dict(label=labels, model_h=np.array(model_h, dtype=float), symbol=symbols)


def _range_bars(rows: dict, name: str, colour: str, pattern: str) -> go.Bar:
    low, high = rows["low_h"], rows["high_h"]
    return go.Bar(x=high - low, base=low, y=rows["label"], orientation="h", name=name, width=0.55,
                  marker=dict(color=colour, opacity=0.75, line=dict(color=PALETTE["black"], width=1),
                              pattern=dict(shape=pattern, fgcolor=PALETTE["black"])),
                  customdata=[[a, b, sources] for a, b, sources in zip(low.tolist(), high.tolist(), rows["sources"])],
                  hovertemplate="%{y}: %{customdata[0]:.3g}–%{customdata[1]:.3g} h (%{customdata[2]})<extra></extra>")


def _source_markers(table: pd.DataFrame, source: str, column: str) -> go.Scatter:
    given = table[table[column].notna()]
    symbol, colour = SOURCE_MARKERS[source]
    return go.Scatter(x=given[column].to_numpy(float), y=given["display_name"].tolist(), mode="markers", name=source,
                      marker=dict(symbol=symbol, size=12, color=colour,
                                  line=dict(width=1, color=NEUTRAL["background"])),
                      hovertemplate=f"%{{y}}: {source} equates %{{x:.3g}} mg with diazepam 10 mg "
                                    f"({source_list([EQUIVALENT_SOURCE_IDS[source]])})<extra></extra>")


def _chart_layout(n_rows: int, x_axis: tuple, left_margin_px: int, x_title: str, title: str) -> dict:
    """Layout settings for a chart of ``n_rows`` category rows.

    Fixed log x axis; first row at the top; legend in a band under the title, above any handout
    dropdowns; with no rows, a sentence saying so.
    """
    empty_note = dict(text="No drug matches these filters: choose another class or half-life band.",
                      x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                      font=dict(size=16, color=PALETTE["black"]), bgcolor=NEUTRAL["empty_note"])
    ticks = [v for v in LOG_TICKS if x_axis[0] <= v <= x_axis[1]]
    height_px = max(440, 180 + 30 * n_rows)
    return dict(barmode="overlay", margin=dict(l=left_margin_px, t=110),
                xaxis=dict(type="log", range=[math.log10(v) for v in x_axis], tickvals=ticks,
                           ticktext=[f"{v:g}" for v in ticks], title=dict(text=x_title)),
                yaxis=dict(range=[max(n_rows, 1) - 0.5, -0.5], automargin=True, showticklabels=n_rows > 0),
                annotations=[] if n_rows else [empty_note], **legend_under_title(height=height_px, title=title))


def _filter_text(drug_class: str, band: str) -> str:
    what = {"all": "benzodiazepines and Z-drugs", "benzodiazepine": "benzodiazepines", "z-drug": "Z-drugs"}[drug_class]
    return what if band == "all" else f"{what}, {BAND_LABELS[band]}"


def _half_life_summary(table: pd.DataFrame) -> str:
    if table.empty:
        return "No drug matches these filters, so the chart is empty."
    longest = table["longest_half_life_h_model"].idxmax()
    with_metabolite = int((table["active_metabolite"] != "").sum())
    sources = _unique(itertools.chain(*table["half_life_source_ids"], *table["metabolite_half_life_source_ids"]))
    return (f"{len(table)} drugs shown as the ranges their sources give; {with_metabolite} have an active metabolite "
            f"drawn below them; among the single values the model uses, the longest-lived active compound is that of "
            f"{table.at[longest, 'display_name']} ({table.at[longest, 'longest_half_life_h_model']:.3g} h). "
            f"Sources: {source_list(sources)}.")


def _equivalence_summary(table: pd.DataFrame) -> str:
    if table.empty:
        return "No drug matches these filters, so the chart is empty."
    spread = table["equivalent_spread_ratio"]
    if spread.notna().any():
        widest = spread.idxmax()
        finding = (f"the sources differ by up to {spread.max():.2g}-fold ({table.at[widest, 'display_name']})")
    else:
        finding = "no drug here has two sources to compare"
    sources = "; ".join(f"{name}: {source_list([source_id])}" for name, source_id in EQUIVALENT_SOURCE_IDS.items())
    return f"{len(table)} drugs shown; {finding}. Sources: {sources}. {NOT_ADVICE}"


def source_list(source_ids) -> str:
    """Source ids joined by commas, each partly verified or unverified one flagged,
    e.g. ``"ashton_table_transcription (partly verified), pk_alprazolam_label"``."""
    return ", ".join(_flagged(source_id) for source_id in source_ids)


def _flagged(source_id: str) -> str:
    confidence = reference(source_id).get("confidence")
    return source_id if confidence == "verified" else f"{source_id} ({CONFIDENCE_LABELS.get(confidence, confidence)})"


def _unique(items) -> list:
    """``items`` without repeats, in first-seen order."""
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------- styled tables

EFFECT_SYMBOLS = {"increase": "↑ increase", "decrease": "↓ decrease", "mixed": "↕ mixed",
                  "not established": "? not established"}
EMPTY_MESSAGE = "No row matches these filters. Choose a wider filter (for example 'all') to see rows again."


def benzodiazepine_styler(table: pd.DataFrame | None = None) -> pd.io.formats.style.Styler:
    """Table 1: half-life, Tmax and equivalence ranges per drug (``table`` from ``tables.select_benzodiazepines``)."""
    table = tables.select_benzodiazepines() if table is None else table
    shown = pd.DataFrame({
        "Class": table["drug_class"],
        "Half-life band": table["half_life_band"],
        "Half-life, parent (h)": _ranges(table["half_life_h_low"], table["half_life_h_high"]),
        "Active metabolite": table["active_metabolite"].replace("", "none"),
        "Half-life, metabolite (h)": _ranges(table["metabolite_half_life_h_low"], table["metabolite_half_life_h_high"]),
        "Time to peak, Tmax (h)": _ranges(table["tmax_h_low"], table["tmax_h_high"]),
        **{f"Equivalent, {source} (mg)": table[column] for source, column in tables.EQUIVALENT_COLUMNS.items()},
        "Spread between sources (×)": table["equivalent_spread_ratio"],
        "Sources (ids)": table["source_ids"].map(source_list),
    })
    shown.index = _row_names(table["display_name"])
    equivalent_headers = [f"Equivalent, {source} (mg)" for source in tables.EQUIVALENT_COLUMNS]
    styler = (shown.style.format(escape="html")
              .format("{:.3g}", subset=equivalent_headers, na_rep="—")
              .format(lambda ratio: "—" if math.isnan(ratio) else f"×{ratio:.2g}",
                      subset=["Spread between sources (×)"])
              .format(BAND_LABELS.get, subset=["Half-life band"], escape="html")
              .map(BAND_CELL_STYLES.get, subset=["Half-life band"])
              .map(lambda ratio: DISAGREEMENT_CELL_STYLE if ratio >= 2 else None, subset=["Spread between sources (×)"])
              .map(lambda value: NOT_ESTABLISHED_CELL_STYLE if _missing(value) else None,
                   subset=equivalent_headers + ["Active metabolite", "Half-life, metabolite (h)"])
              .map(lambda _: SOURCE_IDS_CELL_STYLE, subset=["Sources (ids)"]))
    caption = ("Table 1. Benzodiazepines and Z-drugs: half-life and time-to-peak ranges as the sources give them (h), "
               "and the oral dose each source equates with diazepam 10 mg (mg; — = that source gives none). "
               "Band = longest-lived active compound, model values; the 6 h and 24 h cut-offs are a course assumption. "
               "Bold, shaded spread cells: the sources differ two-fold or more. " + NOT_ADVICE)
    return _finish_styler(styler, caption, table.empty)


def old_age_liver_styler(table: pd.DataFrame | None = None) -> pd.io.formats.style.Styler:
    """Table 1b: what the sources say about half-lives in old age and in liver disease, for the drugs
    they mention (``table`` from ``tables.benzodiazepines``), next to the adult range and the model value."""
    table = tables.benzodiazepines() if table is None else table
    mentioned = table[(table["half_life_old_age"] != "") | (table["half_life_liver_disease"] != "")]
    shown = pd.DataFrame({
        "Half-life range, Table 1 (h)": _ranges(mentioned["half_life_h_low"], mentioned["half_life_h_high"]),
        "Single value the model uses (h)": mentioned["half_life_h_model"],
        "In old age": mentioned["half_life_old_age"].replace("", NOT_IN_SOURCES),
        "In liver disease": mentioned["half_life_liver_disease"].replace("", NOT_IN_SOURCES),
        "Sources (ids)": mentioned["old_age_liver_source_ids"].map(source_list),
    })
    shown.index = _row_names(mentioned["display_name"])
    styler = (shown.style.format(escape="html")
              .format("{:.3g}", subset=["Single value the model uses (h)"])
              .map(lambda text: NOT_ESTABLISHED_CELL_STYLE if text == NOT_IN_SOURCES else None,
                   subset=["In old age", "In liver disease"])
              .map(lambda _: WIDE_TEXT_CELL_STYLE, subset=["In old age", "In liver disease"])
              .map(lambda _: SOURCE_IDS_CELL_STYLE, subset=["Sources (ids)"]))
    caption = ("Table 1b. Half-lives in old age and in liver disease, in the words of the sources (drug labels and "
               "prescribing information). The model uses one half-life per drug and has no setting for age or liver "
               "disease. Educational only: not medical advice for any person.")
    return _finish_styler(styler, caption, mentioned.empty)


def drug_class_styler(table: pd.DataFrame | None = None) -> pd.io.formats.style.Styler:
    """Table 2: how each drug class reaches dopamine (``table`` from ``tables.select_drug_classes``)."""
    table = tables.select_drug_classes() if table is None else table
    shown = pd.DataFrame({
        "Examples": table["example_drugs"],
        "Primary molecular target": table["primary_target"],
        "Mechanism class": table["mechanism_class"],
        "Class assigned by": table["mechanism_class_basis"],
        "Route to dopamine": table["route_to_dopamine"],
        "Route evidence": table["route_evidence"],
        "Accumbens dopamine": table["accumbens_dopamine"],
        "What was measured": table["dopamine_evidence"],
        "Sources (ids)": table["source_ids"].map(source_list),
    })
    shown.index = _row_names(table["display_name"])
    styler = (shown.style.format(escape="html")
              .format(EFFECT_SYMBOLS.get, subset=["Accumbens dopamine"])
              .map(EFFECT_CELL_STYLES.get, subset=["Accumbens dopamine"])
              .map(lambda text: NOT_ESTABLISHED_CELL_STYLE if text.startswith("not established") else None,
                   subset=["Primary molecular target", "Mechanism class", "Route to dopamine", "Route evidence"])
              .map(lambda text: "font-style: italic;" if text == "course inference" else None,
                   subset=["Class assigned by"])
              .map(lambda _: WIDE_TEXT_CELL_STYLE, subset=["Primary molecular target", "What was measured"])
              .map(lambda _: SOURCE_IDS_CELL_STYLE, subset=["Sources (ids)"]))
    caption = ("Table 2. Drug classes and how each reaches dopamine. Mechanism class: the three groups of "
               "Lüscher & Ungless 2006 (its table rows were not visible, so 'course inference' marks assignments the "
               "course makes from the target). Accumbens dopamine: ↑ increase, ↓ decrease, ↕ mixed (methods disagree), "
               "? not established (no measurement in the checked sources).")
    return _finish_styler(styler, caption, table.empty)


def article_styler() -> pd.io.formats.style.Styler:
    """The source article's four-row table, verbatim (including its unresolvable reference markers)."""
    article = tables.article_comparison()
    shown = article[["article_mechanism", "article_dopamine_effect", "article_consequence"]].set_axis(
        ["Primary Mechanism", "Effect on Dopamine", "Consequence"], axis=1)
    shown.index = _row_names(article["article_drug_class"])
    caption = ("Table 3. The source article's comparison table, as printed. Its markers such as [1.2.1] point to a "
               "reference list that holds only the numbers 1–20, so no claim can be traced.")
    return _finish_styler(shown.style.format(escape="html"), caption, False)


def article_check_styler() -> pd.io.formats.style.Styler:
    """The article's four rows extended with the course's checked mechanism class, route, measurement and verdict."""
    article = tables.article_comparison()
    classes = tables.drug_classes().loc[article["course_class"]]
    shown = pd.DataFrame({
        "Effect on dopamine (article)": article["article_dopamine_effect"].to_numpy(),
        "Mechanism class": classes["mechanism_class"].to_numpy(),
        "Route to dopamine": classes["route_to_dopamine"].to_numpy(),
        "Accumbens dopamine (measured)": classes["accumbens_dopamine"].to_numpy(),
        "Article's dopamine claim": article["dopamine_claim_verdict"].to_numpy(),
        "What the checked sources say": article["course_check"].to_numpy(),
        "Sources (ids)": article["source_ids"].map(source_list).to_numpy(),
    }, index=_row_names(article["article_drug_class"]))
    styler = (shown.style.format(escape="html")
              .format(EFFECT_SYMBOLS.get, subset=["Accumbens dopamine (measured)"])
              .map(EFFECT_CELL_STYLES.get, subset=["Accumbens dopamine (measured)"])
              .map(VERDICT_CELL_STYLES.get, subset=["Article's dopamine claim"])
              .map(lambda _: WIDE_TEXT_CELL_STYLE, subset=["What the checked sources say"])
              .map(lambda _: SOURCE_IDS_CELL_STYLE, subset=["Sources (ids)"]))
    caption = ("Table 4. The article's rows, checked: its dopamine claim next to what the course's sources measured. "
               "'Partly supported' rows are shaded and bold.")
    return _finish_styler(styler, caption, False)


def _finish_styler(styler, caption: str, empty: bool):
    text = caption + (f" {EMPTY_MESSAGE}" if empty else "")
    return styler.set_caption(html.escape(text)).set_table_styles(TABLE_STYLES)


def _row_names(names: pd.Series) -> pd.Index:
    """Row headers without an index name (so no extra, empty header row)."""
    return pd.Index(names.to_list(), dtype=object)


def _ranges(low: pd.Series, high: pd.Series) -> pd.Series:
    return pd.Series([_range_text(a, b) for a, b in zip(low, high)], index=low.index, dtype=object)


def _range_text(low: float, high: float) -> str:
    if math.isnan(low):
        return "—"
    return f"{low:.3g}" if low == high else f"{low:.3g}–{high:.3g}"


def _missing(value) -> bool:
    return value in ("—", "none") or (isinstance(value, float) and math.isnan(value))
