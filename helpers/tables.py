"""The course's data tables, loaded from ``helpers/data/`` as validated pandas DataFrames.

Every row names its ``source_ids`` (ids in ``helpers/data/references.yaml``). Each table has a
:class:`helpers.schema.TableSpec`; loading checks types, units, allowed values, ranges,
low <= high pairs and that every source id resolves, and fails with a message naming the
file, the row and the column (see :mod:`helpers.schema`).

Tables: :func:`benzodiazepines`, :func:`drug_classes`, :func:`article_comparison`, and the measured numbers
charts draw: :func:`measured_results`, :func:`measured_values`.
Queries for lesson 06: :func:`select_benzodiazepines`, :func:`select_drug_classes`.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from helpers import course
from helpers.schema import Column, TableSpec, load_table
from helpers.validation import as_choice

# ---------------------------------------------------------------- benzodiazepines and Z-drugs

BENZODIAZEPINES_SPEC = TableSpec(
    file="benzodiazepines.csv",
    index="drug",
    columns=(
        Column("display_name", "text", label="Drug"),
        Column("drug_class", "choice", allowed=("benzodiazepine", "z-drug"), label="Class"),
        Column("half_life_h_low", "number", unit="h", low=0.1, high=500.0, label="Half-life, low"),
        Column("half_life_h_high", "number", unit="h", low=0.1, high=500.0, label="Half-life, high"),
        Column("half_life_h_model", "number", unit="h", low=0.1, high=500.0, label="Half-life, model"),
        Column("active_metabolite", "text", required=False, label="Active metabolite"),
        Column("metabolite_half_life_h_low", "number", unit="h", low=0.1, high=500.0, required=False,
               label="Metabolite half-life, low"),
        Column("metabolite_half_life_h_high", "number", unit="h", low=0.1, high=500.0, required=False,
               label="Metabolite half-life, high"),
        Column("metabolite_half_life_h_model", "number", unit="h", low=0.1, high=500.0, required=False,
               label="Metabolite half-life, model"),
        Column("tmax_h_low", "number", unit="h", low=0.0, high=24.0, label="Tmax, low"),
        Column("tmax_h_high", "number", unit="h", low=0.0, high=24.0, label="Tmax, high"),
        Column("tmax_h", "number", unit="h", low=0.0, high=24.0, label="Tmax, model"),
        Column("equivalent_mg_ashton", "number", unit="mg", low=0.01, high=200.0, required=False,
               label="Equivalent to diazepam 10 mg, Ashton"),
        Column("equivalent_mg_va_dod", "number", unit="mg", low=0.01, high=200.0, required=False,
               label="Equivalent to diazepam 10 mg, VA/DoD"),
        Column("equivalent_mg_who", "number", unit="mg", low=0.01, high=200.0, required=False,
               label="Equivalent to diazepam 10 mg, WHO"),
        Column("source_ids", "source_ids", label="Sources"),
        Column("half_life_source_ids", "source_ids", label="Half-life range and model value from"),
        Column("metabolite_half_life_source_ids", "source_ids", required=False,
               label="Metabolite range and model value from"),
        Column("tmax_source_ids", "source_ids", label="Tmax range and model value from"),
        Column("half_life_old_age", "text", required=False, label="Half-life in old age"),
        Column("half_life_liver_disease", "text", required=False, label="Half-life in liver disease"),
        Column("old_age_liver_source_ids", "source_ids", required=False, label="Old age and liver disease from"),
        Column("model_note", "text", label="Note on the model values"),
        # A teaching choice, not a fact about the drug: the four drugs lessons 04 and 05 compare at equivalent doses
        # (read with helpers.models.pharmacokinetics.compared_drugs; each has a colour in helpers.theme.DRUG_COLOURS).
        Column("compared_in_lessons_04_05", "choice", allowed=("yes",), required=False,
               label="Compared in lessons 04–05"),
    ),
    ordered=(("half_life_h_low", "half_life_h_high"), ("half_life_h_low", "half_life_h_model"),
             ("half_life_h_model", "half_life_h_high"),
             ("metabolite_half_life_h_low", "metabolite_half_life_h_high"),
             ("metabolite_half_life_h_low", "metabolite_half_life_h_model"),
             ("metabolite_half_life_h_model", "metabolite_half_life_h_high"),
             ("tmax_h_low", "tmax_h_high"), ("tmax_h_low", "tmax_h"), ("tmax_h", "tmax_h_high")),
    together=(("active_metabolite", "metabolite_half_life_h_low", "metabolite_half_life_h_high",
               "metabolite_half_life_h_model", "metabolite_half_life_source_ids"),),
    within=(("half_life_source_ids", "source_ids"), ("metabolite_half_life_source_ids", "source_ids"),
            ("tmax_source_ids", "source_ids"), ("old_age_liver_source_ids", "source_ids")),
)

EQUIVALENT_COLUMNS = {"Ashton": "equivalent_mg_ashton", "VA/DoD": "equivalent_mg_va_dod", "WHO": "equivalent_mg_who"}

# ASSUMPTION: the band boundaries are a teaching convention, not a published classification.
# A drug's band is set by its longest-lived active compound (parent or active metabolite),
# using the model half-lives: short < 6 h, intermediate 6-24 h, long >= 24 h.
SHORT_BAND_BELOW_H = 6.0
LONG_BAND_FROM_H = 24.0
HALF_LIFE_BANDS = ("short", "intermediate", "long")
DRUG_CLASS_CHOICES = ("all", "benzodiazepine", "z-drug")
BAND_CHOICES = ("all",) + HALF_LIFE_BANDS
BENZODIAZEPINE_SORTS = ("half_life", "name", "disagreement")


@functools.cache
def _benzodiazepines() -> pd.DataFrame:
    return load_table(BENZODIAZEPINES_SPEC)


def benzodiazepines() -> pd.DataFrame:
    """Benzodiazepines and Z-drugs: half-lives (h), Tmax (h), equivalents to diazepam 10 mg (mg), sources.

    Indexed by lower-case drug name. ``*_low``/``*_high`` are the range the sources give;
    ``*_model`` and ``tmax_h`` are the values the pharmacokinetic model uses (healthy adults).
    ``half_life_source_ids``, ``metabolite_half_life_source_ids`` and ``tmax_source_ids`` name
    the sources of both the range and the model value (``model_note`` says which is which).
    ``half_life_old_age`` and ``half_life_liver_disease``: what a source says about the half-life
    in old age and in liver disease, as text (``''`` where the checked sources say nothing;
    sources in ``old_age_liver_source_ids``). ``compared_in_lessons_04_05`` is ``"yes"`` for the drugs
    lessons 04 and 05 compare (a teaching choice; ``''`` otherwise). ``equivalent_mg_*``: the oral dose each source
    equates with diazepam 10 mg (NaN where that source gives none). ``active_metabolite`` is
    ``''`` if none.
    """
    return _benzodiazepines().copy()


def longest_active_half_life_h(table: pd.DataFrame) -> pd.Series:
    """Model half-life (h) of each drug's longest-lived active compound (parent or active metabolite)."""
    return table[["half_life_h_model", "metabolite_half_life_h_model"]].max(axis=1)


def half_life_band(table: pd.DataFrame) -> pd.Series:
    """'short', 'intermediate' or 'long' for each drug (see the ASSUMPTION at ``SHORT_BAND_BELOW_H``)."""
    longest = longest_active_half_life_h(table)
    bands = np.select([longest < SHORT_BAND_BELOW_H, longest < LONG_BAND_FROM_H], ["short", "intermediate"], "long")
    return pd.Series(bands, index=table.index, name="half_life_band")


def equivalent_spread_ratio(table: pd.DataFrame) -> pd.Series:
    """Largest ÷ smallest equivalent dose among the sources that give one (NaN with fewer than two)."""
    equivalents = table[list(EQUIVALENT_COLUMNS.values())]
    ratio = equivalents.max(axis=1) / equivalents.min(axis=1)
    return ratio.where(equivalents.count(axis=1) >= 2).rename("equivalent_spread_ratio")


@functools.cache
def _benzodiazepines_with_comparisons() -> pd.DataFrame:
    return benzodiazepines().assign(longest_half_life_h_model=longest_active_half_life_h,
                                    half_life_band=half_life_band, equivalent_spread_ratio=equivalent_spread_ratio)


def select_benzodiazepines(drug_class: str = "all", half_life_band_name: str = "all",
                           sort_by: str = "half_life") -> pd.DataFrame:
    """The benzodiazepine table filtered and sorted as the lesson-06 widgets do.

    Adds ``longest_half_life_h_model`` (h), ``half_life_band`` and ``equivalent_spread_ratio``.
    ``drug_class``: one of ``DRUG_CLASS_CHOICES``; ``half_life_band_name``: one of ``BAND_CHOICES``;
    ``sort_by``: ``'half_life'`` (longest first), ``'name'`` or ``'disagreement'`` (largest
    spread between sources first). May return an empty table.
    """
    drug_class = as_choice("drug_class", drug_class, DRUG_CLASS_CHOICES)
    band = as_choice("half_life_band_name", half_life_band_name, BAND_CHOICES)
    sort_by = as_choice("sort_by", sort_by, BENZODIAZEPINE_SORTS)
    table = _benzodiazepines_with_comparisons()
    if drug_class != "all":
        table = table[table["drug_class"] == drug_class]
    if band != "all":
        table = table[table["half_life_band"] == band]
    if sort_by == "name":
        return table.sort_values("display_name")
    column = "longest_half_life_h_model" if sort_by == "half_life" else "equivalent_spread_ratio"
    return table.sort_values([column, "display_name"], ascending=[False, True], na_position="last")


# ---------------------------------------------------------------- drug classes

MECHANISM_CLASSES = ("Gi/o-coupled receptor", "ionotropic receptor", "transporter", "outside the scheme",
                     "not established")
ROUTES_TO_DOPAMINE = ("disinhibition", "direct depolarisation", "transporter", "indirect inhibition",
                      "not established")
ACCUMBENS_EFFECTS = ("increase", "decrease", "mixed", "not established")

DRUG_CLASSES_SPEC = TableSpec(
    file="drug_classes.csv",
    index="drug_class",
    columns=(
        Column("display_name", "text", label="Class"),
        Column("example_drugs", "text", label="Examples"),
        Column("primary_target", "text", label="Primary molecular target"),
        Column("mechanism_class", "choice", allowed=MECHANISM_CLASSES,
               label="Mechanism class (Lüscher & Ungless 2006)"),
        Column("mechanism_class_basis", "choice", allowed=("stated in a source", "course inference", "no source"),
               label="Class assignment"),
        Column("route_to_dopamine", "choice", allowed=ROUTES_TO_DOPAMINE, label="Route to dopamine"),
        Column("route_evidence", "choice",
               allowed=("shown for this class", "predicted from the target", "not established"),
               label="Route evidence"),
        Column("accumbens_dopamine", "choice", allowed=ACCUMBENS_EFFECTS, label="Accumbens dopamine"),
        Column("dopamine_evidence", "text", label="Dopamine evidence"),
        Column("evidence_notes", "text", label="Notes"),
        Column("source_ids", "source_ids", label="Sources"),
    ),
)

MECHANISM_CHOICES = ("all",) + MECHANISM_CLASSES
EFFECT_CHOICES = ("all",) + ACCUMBENS_EFFECTS
DRUG_CLASS_SORTS = ("table", "name", "mechanism", "effect")


@functools.cache
def _drug_classes() -> pd.DataFrame:
    return load_table(DRUG_CLASSES_SPEC)


def drug_classes() -> pd.DataFrame:
    """Drug classes and how each reaches dopamine, indexed by lower-case class name.

    ``mechanism_class`` follows the three groups of Lüscher & Ungless 2006 (Gi/o-coupled
    receptor, ionotropic receptor, transporter); that paper's table rows were not visible, so
    ``mechanism_class_basis`` says whether a source states the assignment or the course infers it.
    Cells the reference base cannot support say ``'not established'``.
    """
    return _drug_classes().copy()


def select_drug_classes(mechanism: str = "all", accumbens_dopamine: str = "all",
                        sort_by: str = "table") -> pd.DataFrame:
    """The drug-class table filtered by mechanism class and accumbens dopamine effect, then sorted.

    ``sort_by``: ``'table'`` (the file's order), ``'name'``, ``'mechanism'`` or ``'effect'``. May return an empty table.
    """
    mechanism = as_choice("mechanism", mechanism, [m.lower() for m in MECHANISM_CHOICES])
    effect = as_choice("accumbens_dopamine", accumbens_dopamine, EFFECT_CHOICES)
    sort_by = as_choice("sort_by", sort_by, DRUG_CLASS_SORTS)
    table = drug_classes()
    if mechanism != "all":
        table = table[table["mechanism_class"].str.lower() == mechanism]
    if effect != "all":
        table = table[table["accumbens_dopamine"] == effect]
    if sort_by == "table":
        return table
    column = {"name": "display_name", "mechanism": "mechanism_class", "effect": "accumbens_dopamine"}[sort_by]
    return table.sort_values([column, "display_name"], kind="stable")


# ---------------------------------------------------------------- the source article's table

ARTICLE_COMPARISON_SPEC = TableSpec(
    file="article_comparison.csv",
    index="article_row",
    columns=(
        Column("article_drug_class", "text", label="Drug class (article)"),
        Column("article_mechanism", "text", label="Primary mechanism (article)"),
        Column("article_dopamine_effect", "text", label="Effect on dopamine (article)"),
        Column("article_consequence", "text", label="Consequence (article)"),
        Column("course_class", "text", label="Course class"),
        Column("dopamine_claim_verdict", "choice",
               allowed=("supported", "partly supported", "not directly supported", "contradicted"),
               label="Dopamine claim, checked"),   # the verdict words of lesson 07's claims table
        Column("course_check", "text", label="What the checked sources say"),
        Column("source_ids", "source_ids", label="Sources"),
    ),
)


@functools.cache
def _article_comparison() -> pd.DataFrame:
    table = load_table(ARTICLE_COMPARISON_SPEC)
    unknown = sorted(set(table["course_class"]) - set(drug_classes().index))
    if unknown:
        raise ValueError(f"{ARTICLE_COMPARISON_SPEC.file}: column 'course_class': {unknown[0]!r} is not a row "
                         f"of {DRUG_CLASSES_SPEC.file}")
    return table


def article_comparison() -> pd.DataFrame:
    """The source article's four-row comparison table, verbatim (its reference markers kept),
    with the course's check of each row: ``course_class`` (a row of :func:`drug_classes`),
    ``dopamine_claim_verdict``, ``course_check`` and the ``source_ids`` behind the check."""
    return _article_comparison().copy()


# ---------------------------------------------------------------- lesson 07: the article's claims
CLAIM_VERDICTS = ("supported", "partly supported", "not directly supported", "contradicted")
# "human": a study of people that observes (survey, cohort); "clinical guideline": clinical guidance that
# weighs studies and clinical experience (RACGP, the 2025 joint guideline), not a single study.
CLAIM_EVIDENCE_KINDS = ("in vitro", "animal", "human", "clinical guideline", "model", "none found")
COURSE_LESSONS = course.lesson_stems()   # a claim names the lesson where the learner met its evidence

ARTICLE_CLAIMS_SPEC = TableSpec(file="article_claims.csv", index="claim_id", columns=(
    Column("label", "text", label="Claim in brief"),
    Column("claim", "text", label="The article's words"),
    Column("section", "text", label="Article section"),
    Column("verdict", "choice", allowed=CLAIM_VERDICTS, label="Course verdict"),
    Column("evidence", "choice", allowed=CLAIM_EVIDENCE_KINDS, label="Evidence behind it"),
    Column("source_ids", "source_ids", label="Sources"),
    Column("lesson", "choice", allowed=COURSE_LESSONS, label="Lesson"),
    Column("explanation", "text", label="Why"),
))


@functools.cache
def _article_claims() -> pd.DataFrame:
    return load_table(ARTICLE_CLAIMS_SPEC)


def article_claims() -> pd.DataFrame:
    """Claims quoted from the course's source article, each graded against the reference base.

    Indexed by ``claim_id`` (``c01``...), in article order. ``claim`` is a short exact quote;
    ``verdict`` is one of ``CLAIM_VERDICTS``; ``evidence`` (one of ``CLAIM_EVIDENCE_KINDS``) is the
    kind of study behind the verdict; ``lesson`` is the notebook where the learner met the evidence.
    """
    return _article_claims().copy()


# ---------------------------------------------------------------- measured results drawn on charts

MEASURED_RESULTS_SPEC = TableSpec(file="measured_results.csv", index="result_id", columns=(
    Column("study", "text", label="Study"),
    Column("source_ids", "source_ids", label="Source"),
    Column("condition", "text", label="Condition (its key in the reference entry's values)"),
    Column("change_percent", "number", unit="percent", low=-100.0, high=1000.0, label="Change from control"),
    Column("measure", "text", label="Measure"),
    Column("species", "text", label="Species"),
    Column("drug", "text", label="Drug"),
    Column("dose", "text", label="Dose"),
    Column("route", "text", label="Route"),
    Column("method", "text", label="Method"),
))


@functools.cache
def _measured_results() -> pd.DataFrame:
    return load_table(MEASURED_RESULTS_SPEC)


def measured_results() -> pd.DataFrame:
    """The measured numbers the course's charts draw (``helpers/data/measured_results.csv``), one row per
    study condition, indexed by ``result_id``: ``change_percent`` (% change from control) with the study's
    measure, species, drug, dose, route and method, and the reference entry (``source_ids``) whose
    ``values[condition]`` states it. Charts read numbers from here, never from reference prose."""
    return _measured_results().copy()


# ---------------------------------------------------------------- measured values drawn on model charts

MEASURED_VALUE_UNITS = ("fold", "µM", "mV", "days", "% of the dose", "weeks", "% of the sites")

MEASURED_VALUES_SPEC = TableSpec(file="measured_values.csv", index="value_id", columns=(
    Column("study", "text", label="Study or guideline"),
    Column("source_ids", "source_ids", label="Source"),
    Column("condition", "text", label="Where the entry states it (a key of its values, or 'statement')"),
    Column("quantity", "text", label="What was measured or stated"),
    Column("low_in_unit", "number", unit="unit", low=-1000.0, high=1000.0, label="Low end (in the row's unit)"),
    Column("high_in_unit", "number", unit="unit", low=-1000.0, high=1000.0, label="High end (in the row's unit)"),
    Column("unit", "choice", allowed=MEASURED_VALUE_UNITS, label="Unit"),
    Column("species", "text", label="Species or population"),
    Column("preparation", "text", label="Preparation or setting"),
), ordered=(("low_in_unit", "high_in_unit"),))


@functools.cache
def _measured_values() -> pd.DataFrame:
    return load_table(MEASURED_VALUES_SPEC)


def measured_values() -> pd.DataFrame:
    """Measured or stated numbers other than % changes that the model charts draw beside the model
    (``helpers/data/measured_values.csv``), indexed by ``value_id``: a single value has
    ``low_in_unit == high_in_unit``; a range has both ends. ``unit`` names the unit of both; ``condition``
    is the key of the reference entry's ``values`` that states it, or ``statement`` where only the entry's
    statement does. Charts read numbers from here (and from :func:`measured_results`), never from prose."""
    return _measured_values().copy()


def measured_value(value_id: str) -> float:
    """One single measured value of :func:`measured_values` (``low_in_unit``, equal to ``high_in_unit``), in the
    row's unit; ``ValueError`` names a range or an unknown id."""
    table = _measured_values()
    if value_id not in table.index:
        raise ValueError(f"{value_id!r} is not a row of {MEASURED_VALUES_SPEC.file}")
    low, high = table.loc[value_id, ["low_in_unit", "high_in_unit"]]
    if low != high:
        raise ValueError(f"{value_id!r} is a range ({low:g}-{high:g}), not a single value")
    return float(low)
