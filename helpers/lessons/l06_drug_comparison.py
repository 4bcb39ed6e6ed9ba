"""Lesson 06 explorers: comparison charts and tables, filtered by the same dropdowns.

* :func:`half_life_explorer`, :func:`equivalence_explorer`: charts filtered by drug class and half-life
  band, and sorted;
* :func:`benzodiazepine_table_filter`, :func:`drug_class_table_filter`: the lesson's Tables 1 and 2
  filtered and sorted (table outputs; live, the table follows the dropdowns; in a handout, the
  dropdowns switch between precomputed tables).

Also two small tables shown with one call
(:func:`show_table_columns`, :func:`show_equivalence_ranges`). The lesson's full tables are styled in
:mod:`helpers.figures.comparison` and shown with :func:`helpers.activities.display.show_table`.
"""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from helpers import tables
from helpers.activities.display import show_table
from helpers.activities.explorer import register
from helpers.activities.explorer import Dropdown, Explorer, Table
from helpers.figures import comparison as figures
from helpers.figures.text import drug_label, equivalence_text

DRUG_CLASS_OPTIONS = (("All", "all"), ("Benzodiazepines", "benzodiazepine"), ("Z-drugs", "z-drug"))
BAND_OPTIONS = (("Any", "all"), ("Short (under 6 h)", "short"), ("Intermediate (6–24 h)", "intermediate"),
                ("Long (24 h or more)", "long"))
BENZODIAZEPINE_SORT_OPTIONS = (("Longest-acting first", "half_life"), ("Name (A–Z)", "name"),
                               ("Most disagreement first", "disagreement"))
MECHANISM_OPTIONS = tuple((m.capitalize() if m != "Gi/o-coupled receptor" else m, m.lower())
                          for m in tables.MECHANISM_CHOICES)
EFFECT_OPTIONS = tuple((e.capitalize(), e) for e in tables.EFFECT_CHOICES)
DRUG_CLASS_SORT_OPTIONS = (("As in the table", "table"), ("Name (A–Z)", "name"), ("Mechanism class", "mechanism"),
                           ("Accumbens dopamine effect", "effect"))


def _benzodiazepine_controls() -> list[Dropdown]:
    return [Dropdown("drug_class", "Class", DRUG_CLASS_OPTIONS, "all"),
            Dropdown("half_life_band_name", "Half-life band", BAND_OPTIONS, "all"),
            Dropdown("sort_by", "Sort", BENZODIAZEPINE_SORT_OPTIONS, "half_life")]


@register
def half_life_explorer() -> Explorer:
    return Explorer(
        name="half_life_ranges",
        title="Half-lives of each drug and its active metabolite, as the sources give them",
        description="Filter by class and half-life band; compare the ranges the sources give with the single value "
                    "the course's model uses (hover over a bar for its sources).",
        controls=_benzodiazepine_controls(),
        build=figures.half_life_figure,
    )


@register
def equivalence_explorer() -> Explorer:
    return Explorer(
        name="equivalent_doses",
        title="Equivalent to diazepam 10 mg? It depends whom you ask",
        description="Sort by disagreement: where do Ashton, VA/DoD and WHO differ, and by how much?",
        controls=_benzodiazepine_controls(),
        build=figures.equivalence_figure,
    )


@register
def benzodiazepine_table_filter() -> Explorer:
    """Table 1 with the same filters as the half-life and equivalence charts."""
    return Explorer(
        name="benzodiazepine_table",
        title="Filter and sort the benzodiazepine table",
        controls=_benzodiazepine_controls(),
        table=Table(_benzodiazepine_table, row_header="Drug"),
    )


@register
def drug_class_table_filter() -> Explorer:
    """Table 2 filtered by mechanism class and accumbens dopamine effect."""
    return Explorer(
        name="drug_class_table",
        title="Filter and sort the drug-class table",
        controls=[Dropdown("mechanism", "Mechanism class", MECHANISM_OPTIONS, "all"),
                  Dropdown("accumbens_dopamine", "Accumbens dopamine", EFFECT_OPTIONS, "all"),
                  Dropdown("sort_by", "Sort", DRUG_CLASS_SORT_OPTIONS, "table")],
        table=Table(_drug_class_table, row_header="Drug class"),
    )


def _benzodiazepine_table(drug_class: str, half_life_band_name: str, sort_by: str) -> Styler:
    return figures.benzodiazepine_styler(tables.select_benzodiazepines(drug_class, half_life_band_name, sort_by))


def _drug_class_table(mechanism: str, accumbens_dopamine: str, sort_by: str) -> Styler:
    return figures.drug_class_styler(tables.select_drug_classes(mechanism, accumbens_dopamine, sort_by))


# ---------------------------------------------------------------- lesson 06's prediction moment and tables
# The prediction's texts (helpers.activities.predict.predict's arguments but the reveal), kept here so that no
# notebook cell holds an answer key; each wrong prediction's explanation answers the misconception behind it
# (lessons/06_drug_comparison.md).


SHOWN_COLUMNS = ("half_life_h_low", "half_life_h_high", "active_metabolite", "metabolite_half_life_h_low",
                 "metabolite_half_life_h_high", "equivalent_mg_ashton", "equivalent_mg_va_dod", "equivalent_mg_who")


def show_table_columns() -> None:
    """Eight columns of ``tables.benzodiazepines()`` as stored (units in the column names; NaN: no value given)."""
    show_table(tables.benzodiazepines()[list(SHOWN_COLUMNS)].style.format(precision=3, na_rep="NaN"),
               "tables.benzodiazepines(), eight of its columns (NaN: this source gives no value)", row_header="Drug")


def show_equivalence_ranges(drugs=("alprazolam", "lorazepam", "triazolam")) -> None:
    """What the sources say each drug's equivalent of diazepam 10 mg is, and what the model uses (a table)."""
    show_table(pd.DataFrame({"what the sources say, and the model's value": [equivalence_text(d) for d in drugs]},
                            index=[drug_label(d) for d in drugs]),
               "Equivalents of diazepam 10 mg: the sources' range and the model's single value", row_header="Drug")
