"""The validated course tables (helpers.tables) and their spec machinery (helpers.schema)."""

from __future__ import annotations

import inspect
import itertools
import math
import re

import pandas as pd
import pytest

from helpers import tables
from helpers.activities.display import table_html
from helpers.lessons import l06_drug_comparison as comparison_explorers
from helpers.references import references
from helpers.schema import Column, TableError, TableSpec, load_table

REQUIRED_DRUGS = {"diazepam", "alprazolam", "lorazepam", "clonazepam", "chlordiazepoxide", "oxazepam", "temazepam",
                  "triazolam", "nitrazepam", "clobazam", "midazolam", "zolpidem", "zopiclone"}
REQUIRED_CLASSES = {"benzodiazepines", "z-drugs", "barbiturates", "alcohol", "ghb", "mu-opioids", "nicotine",
                    "cocaine", "amphetamine", "ssris"}
ASHTON = "ashton_table_transcription"


# ---------------------------------------------------------------- the benzodiazepine table

def test_benzodiazepine_table_has_the_required_drugs_and_columns():
    table = tables.benzodiazepines()
    assert REQUIRED_DRUGS <= set(table.index)
    assert all(name == name.lower() for name in table.index)
    for column in ("half_life_h_low", "half_life_h_high", "metabolite_half_life_h_low", "metabolite_half_life_h_high",
                   "tmax_h", "equivalent_mg_ashton", "equivalent_mg_va_dod", "equivalent_mg_who", "source_ids",
                   "half_life_h_model", "metabolite_half_life_h_model", "active_metabolite", "model_note"):
        assert column in table.columns


def test_values_match_the_reference_base_for_alprazolam():
    alprazolam = tables.benzodiazepines().loc["alprazolam"]
    assert (alprazolam["half_life_h_low"], alprazolam["half_life_h_high"]) == (6, 12)
    assert ASHTON in alprazolam["half_life_source_ids"]
    assert alprazolam["equivalent_mg_ashton"] == 0.5
    assert alprazolam["equivalent_mg_va_dod"] == 1
    assert references()[ASHTON]["values"]["alprazolam"] == {"half_life_h": "6-12", "equiv_mg": 0.5}
    assert references()["joint_guideline_table7"]["values"]["alprazolam"] == {"VA_DoD": 1, "Ashton": 0.5}


def test_diazepam_metabolite_half_life_is_ashtons_36_to_200_h():
    diazepam = tables.benzodiazepines().loc["diazepam"]
    assert diazepam["active_metabolite"] == "desmethyldiazepam"
    assert (diazepam["metabolite_half_life_h_low"], diazepam["metabolite_half_life_h_high"]) == (36, 200)
    assert ASHTON in diazepam["metabolite_half_life_source_ids"]


@pytest.mark.parametrize("drug", ["alprazolam", "chlordiazepoxide", "clonazepam", "diazepam", "lorazepam",
                                  "oxazepam", "temazepam", "triazolam"])
def test_ashton_and_va_dod_equivalents_match_joint_guideline_table_7(drug):
    row = tables.benzodiazepines().loc[drug]
    printed = references()["joint_guideline_table7"]["values"][drug]
    assert row["equivalent_mg_ashton"] == printed["Ashton"]
    assert row["equivalent_mg_va_dod"] == printed["VA_DoD"]


def test_who_equivalents_are_the_printed_per_5_mg_values_doubled():
    entry = references()["who2009_equivalents"]
    table = tables.benzodiazepines()
    for drug in table.index:
        per_5_mg = entry["values_per_5mg_diazepam"].get(drug)
        expected = 2 * per_5_mg if per_5_mg is not None else (10.0 if drug == "diazepam" else math.nan)
        assert table.at[drug, "equivalent_mg_who"] == pytest.approx(expected, nan_ok=True), drug


def test_ashton_half_life_ranges_match_the_transcription_where_ashton_is_the_source():
    ashton = references()[ASHTON]["values"]
    table = tables.benzodiazepines()
    for drug, row in table.iterrows():
        if ASHTON not in row["half_life_source_ids"]:
            continue
        parent = ashton[drug]["half_life_h"].split(" [")[0]
        low, _, high = parent.partition("-")
        assert (row["half_life_h_low"], row["half_life_h_high"]) == (float(low), float(high or low)), drug


def test_model_values_lie_inside_their_ranges_and_every_source_resolves():
    table = tables.benzodiazepines()
    assert (table["half_life_h_low"] <= table["half_life_h_model"]).all()
    assert (table["half_life_h_model"] <= table["half_life_h_high"]).all()
    assert (table["tmax_h_low"] <= table["tmax_h"]).all() and (table["tmax_h"] <= table["tmax_h_high"]).all()
    for ids in table["source_ids"]:
        assert ids and all(i in references() for i in ids)


def test_sources_disagree_about_equivalents_by_up_to_two_fold():
    spread = tables.equivalent_spread_ratio(tables.benzodiazepines())
    assert spread.max() == pytest.approx(2.0)
    assert set(spread[spread >= 2].index) == {"alprazolam", "lorazepam", "clonazepam", "triazolam"}
    assert spread["diazepam"] == 1.0 and math.isnan(spread["zolpidem"])


def test_half_life_bands_follow_the_longest_active_compound():
    bands = tables.half_life_band(tables.benzodiazepines())
    assert bands["chlordiazepoxide"] == "long"        # short parent, long-lived active metabolite
    assert bands["triazolam"] == bands["midazolam"] == bands["zolpidem"] == "short"
    assert bands["alprazolam"] == "intermediate" and bands["diazepam"] == "long"


def test_the_pharmacokinetic_model_reads_the_same_table():
    pharmacokinetics = pytest.importorskip("helpers.models.pharmacokinetics")
    assert list(pharmacokinetics.DRUGS.index) == list(tables.benzodiazepines().index)


# ---------------------------------------------------------------- drug classes and the article's table

def test_drug_class_table_has_the_required_classes_and_allowed_values():
    table = tables.drug_classes()
    assert REQUIRED_CLASSES <= set(table.index) and len(table) >= 10
    assert set(table["mechanism_class"]) <= set(tables.MECHANISM_CLASSES)
    assert set(table["route_to_dopamine"]) <= set(tables.ROUTES_TO_DOPAMINE)
    assert set(table["accumbens_dopamine"]) <= set(tables.ACCUMBENS_EFFECTS)


def test_unverified_facts_read_not_established():
    table = tables.drug_classes()
    assert references()["barbiturate_da"]["confidence"] == "unverified"
    assert table.at["barbiturates", "accumbens_dopamine"] == "not established"
    assert table.at["barbiturates", "route_to_dopamine"] == "not established"
    assert table.at["z-drugs", "accumbens_dopamine"] == "not established"
    assert "barbiturate_da" in table.at["barbiturates", "source_ids"]


def test_drug_classes_follow_the_tan_2010_groups_and_benzodiazepines_show_both_measurements():
    table = tables.drug_classes()
    for name in ("mu-opioids", "ghb"):
        assert table.at[name, "route_to_dopamine"] == "disinhibition"
        assert table.at[name, "mechanism_class"] == "Gi/o-coupled receptor"
    assert table.at["nicotine", "route_to_dopamine"] == "direct depolarisation"
    for name in ("cocaine", "amphetamine"):
        assert table.at[name, "mechanism_class"] == table.at[name, "route_to_dopamine"] == "transporter"
    benzodiazepines = table.loc["benzodiazepines"]
    assert benzodiazepines["accumbens_dopamine"] == "mixed"
    assert {"finlay1992_midazolam_microdialysis", "schelp2017"} <= set(benzodiazepines["source_ids"])


def test_article_table_is_reproduced_and_each_row_maps_to_a_course_class():
    article = tables.article_comparison()
    assert list(article.index) == ["benzodiazepines", "stimulants", "ssris", "opioids"]
    assert article.at["benzodiazepines", "article_dopamine_effect"].startswith("Indirectly increases release")
    assert set(article["course_class"]) <= set(tables.drug_classes().index)
    assert article.at["benzodiazepines", "dopamine_claim_verdict"] == "partly supported"


# ---------------------------------------------------------------- filters

def test_every_filter_combination_gives_a_table_including_an_empty_one():
    sizes = {}
    for combo in itertools.product(tables.DRUG_CLASS_CHOICES, tables.BAND_CHOICES, tables.BENZODIAZEPINE_SORTS):
        sizes[combo] = len(tables.select_benzodiazepines(*combo))
    assert sizes[("all", "all", "half_life")] == len(tables.benzodiazepines())
    assert sizes[("z-drug", "long", "name")] == 0
    for combo in itertools.product(tables.MECHANISM_CHOICES, tables.EFFECT_CHOICES, tables.DRUG_CLASS_SORTS):
        assert isinstance(tables.select_drug_classes(*combo), pd.DataFrame)


def test_sorting_by_half_life_puts_the_longest_acting_first():
    table = tables.select_benzodiazepines(sort_by="half_life")
    assert list(table["longest_half_life_h_model"]) == sorted(table["longest_half_life_h_model"], reverse=True)


@pytest.mark.parametrize("call, name", [
    (lambda: tables.select_benzodiazepines(drug_class="barbiturate"), "drug_class"),
    (lambda: tables.select_benzodiazepines(half_life_band_name="medium"), "half_life_band_name"),
    (lambda: tables.select_benzodiazepines(sort_by="price"), "sort_by"),
    (lambda: tables.select_drug_classes(mechanism="enzyme"), "mechanism"),
    (lambda: tables.select_drug_classes(accumbens_dopamine=3), "accumbens_dopamine"),
])
def test_filters_reject_unknown_choices_naming_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


# ---------------------------------------------------------------- broken files fail loudly

def _broken_copy(tmp_path, spec, row, column, value):
    table = pd.read_csv(spec.path, dtype=str, keep_default_na=False)
    table.loc[table[spec.index] == row, column] = value
    path = tmp_path / spec.file
    table.to_csv(path, index=False)
    return path


@pytest.mark.parametrize("column, value, message", [
    ("source_ids", "ashton_table_transcription;made_up_2024", "unknown source id 'made_up_2024'"),
    ("half_life_h_low", "-3", "must be at least"),
    ("half_life_h_high", "3", "must not be below half_life_h_low"),
    ("tmax_h", "1 h", "must be a plain number in h"),
    ("drug_class", "barbiturate", "must be one of"),
    ("metabolite_half_life_h_low", "", "blank while"),
])
def test_a_broken_row_names_the_file_the_row_and_the_column(tmp_path, column, value, message):
    path = _broken_copy(tmp_path, tables.BENZODIAZEPINES_SPEC, "diazepam", column, value)
    with pytest.raises(TableError) as error:
        load_table(tables.BENZODIAZEPINES_SPEC, path)
    text = str(error.value)
    assert "benzodiazepines.csv" in text and "'diazepam' (line 2)" in text and f"column '{column}'" in text
    assert message in text


def test_a_number_column_without_its_unit_is_refused(tmp_path):
    table = pd.read_csv(tables.BENZODIAZEPINES_SPEC.path, dtype=str, keep_default_na=False)
    path = tmp_path / "benzodiazepines.csv"
    table.rename(columns={"tmax_h": "tmax"}).to_csv(path, index=False)
    with pytest.raises(TableError, match=r"benzodiazepines.csv: row header \(line 1\), column 'tmax_h'"):
        load_table(tables.BENZODIAZEPINES_SPEC, path)
    spec = TableSpec(file="x.csv", index="name", columns=(Column("half_life", "number", unit="h"),))
    with pytest.raises(TableError, match="must carry its unit"):
        load_table(spec, path)
    with pytest.raises(ValueError, match="needs a unit"):
        Column("half_life_h", "number")


def test_a_drug_class_row_with_an_unknown_choice_is_refused(tmp_path):
    path = _broken_copy(tmp_path, tables.DRUG_CLASSES_SPEC, "barbiturates", "accumbens_dopamine", "probably up")
    with pytest.raises(TableError,
                       match=r"drug_classes.csv: row 'barbiturates' \(line 4\), column 'accumbens_dopamine'"):
        load_table(tables.DRUG_CLASSES_SPEC, path)


def test_duplicate_or_upper_case_index_is_refused(tmp_path):
    path = _broken_copy(tmp_path, tables.DRUG_CLASSES_SPEC, "nicotine", "drug_class", "Cocaine")
    with pytest.raises(TableError, match="lower-case"):
        load_table(tables.DRUG_CLASSES_SPEC, path)
    path = _broken_copy(tmp_path, tables.DRUG_CLASSES_SPEC, "nicotine", "drug_class", "cocaine")
    with pytest.raises(TableError, match="more than once"):
        load_table(tables.DRUG_CLASSES_SPEC, path)


# ---------------------------------------------------------------- lesson 06 charts and table widgets

def _all_settings(controls):
    names = [control.name for control in controls]
    for values in itertools.product(*[[value for _, value in control.options] for control in controls]):
        yield dict(zip(names, values))


@pytest.mark.parametrize("factory", ["half_life_explorer", "equivalence_explorer"])
def test_every_chart_filter_combination_draws_and_an_empty_one_says_so(factory):
    from helpers.lessons import l06_drug_comparison as comparison
    from helpers.figures.compose import summary_of

    explorer = getattr(comparison, factory)()
    empty_seen, n_traces = False, len(explorer.figure().data)
    for settings in _all_settings(explorer.controls):
        fig = explorer.figure(**settings)
        assert len(fig.data) == n_traces
        if len(fig.data[0].y or ()) == 0:
            empty_seen = True
            assert "No drug matches" in fig.layout.annotations[0].text
            assert summary_of(fig).startswith("No drug matches")
    assert empty_seen


def test_half_life_chart_draws_each_drug_and_each_active_metabolite():
    from helpers.figures.comparison import half_life_figure

    fig = half_life_figure()
    table = tables.benzodiazepines()
    n_metabolites = int((table["active_metabolite"] != "").sum())
    assert len(fig.data[0].x) == len(table) + n_metabolites
    assert len(fig.data[1].x) == len(table) and len(fig.data[2].x) == n_metabolites
    assert fig.layout.xaxis.type == "log"


@pytest.mark.parametrize("factory", ["benzodiazepine_table_filter", "drug_class_table_filter"])
def test_every_table_filter_combination_gives_accessible_html_and_an_empty_one_says_so(factory):
    from helpers.lessons import l06_drug_comparison as comparison

    table_filter = getattr(comparison, factory)()
    for settings in _all_settings(table_filter.controls):
        text = table_filter.table_html(**settings)
        assert "<caption>" in text and 'scope="col"' in text
        assert ('scope="row"' in text) != ("No row matches these filters" in text)


def test_the_live_table_widget_redraws_its_html_when_a_dropdown_moves():
    from helpers.lessons.l06_drug_comparison import benzodiazepine_table_filter

    live = benzodiazepine_table_filter().widget()
    assert "Diazepam" in live.table.value
    live.set(drug_class="z-drug")
    assert "Diazepam" not in live.table.value and "Zolpidem" in live.table.value
    live.set(half_life_band_name="long")
    assert "No row matches these filters" in live.table.value


def test_styled_tables_carry_units_in_headers_and_escape_text():
    from helpers.figures import comparison as figures

    styled = table_html(figures.benzodiazepine_styler(), row_header="Drug")
    for header in ("Half-life, parent (h)", "Time to peak, Tmax (h)", "Equivalent, Ashton (mg)"):
        assert header in styled
    assert "not a conversion or dosing guide" in styled
    assert "Lüscher &amp; Ungless" in table_html(figures.drug_class_styler())
    article = table_html(figures.article_styler())
    assert "Indirectly increases release via disinhibition [1.2.1]" in article


# ---------------------------------------------------------------- where the model's values come from

# Where each drug's half_life_h_model comes from, and a piece of that entry's text holding the value.
MODEL_HALF_LIFE_SOURCES = [
    ("alprazolam", "pk_alprazolam_label", "11.2 h"), ("lorazepam", "pk_lorazepam", "about 12 h"),
    ("clonazepam", "medscape_equivalency", "34"), ("oxazepam", "pk_oxazepam", "oral t1/2 5.8 h"),
    ("temazepam", "pk_temazepam", "14.7 h"), ("triazolam", "pk_triazolam", "2.6 h"),
    ("nitrazepam", "pk_nitrazepam_smpc", "on average 24 h"), ("clobazam", "pk_clobazam", "36-42 h"),
    ("midazolam", "pk_midazolam", "t1/2 2.3 h"), ("zolpidem", "pk_zolpidem_label", "2.6 h"),
    ("zopiclone", "pk_zopiclone_smpc", "half-life ~5 h"),
]


@pytest.mark.parametrize("drug, source_id, value_text", MODEL_HALF_LIFE_SOURCES)
def test_half_life_sources_name_the_entry_the_model_value_comes_from(drug, source_id, value_text):
    row = tables.benzodiazepines().loc[drug]
    assert source_id in row["half_life_source_ids"]
    assert value_text in str(references()[source_id])


def test_alprazolams_model_half_life_is_the_labels_and_its_range_ashtons():
    alprazolam = tables.benzodiazepines().loc["alprazolam"]
    assert alprazolam["half_life_h_model"] == 11.2
    assert set(alprazolam["half_life_source_ids"]) == {ASHTON, "pk_alprazolam_label"}


def test_a_half_life_sourced_to_ashton_alone_is_the_geometric_mean_of_ashtons_range():
    table = tables.benzodiazepines()
    for prefix in ("half_life", "metabolite_half_life"):
        for drug, row in table[table[f"{prefix}_source_ids"].map(lambda ids: ids == (ASHTON,))].iterrows():
            geometric_mean = math.sqrt(row[f"{prefix}_h_low"] * row[f"{prefix}_h_high"])
            assert row[f"{prefix}_h_model"] == pytest.approx(geometric_mean, abs=0.5), (drug, prefix)


def test_temazepams_model_tmax_names_the_study_it_comes_from():
    temazepam = tables.benzodiazepines().loc["temazepam"]
    assert temazepam["tmax_h"] == 3 and "pk_temazepam" in temazepam["tmax_source_ids"]
    assert "2.99 h" in references()["pk_temazepam"]["statement"]


OLD_AGE_LIVER = [  # drug, old-age text, liver-disease text, source id (its statement holds both numbers)
    ("nitrazepam", "40 h", "", "pk_nitrazepam_smpc"),
    ("zolpidem", "2.9 h", "9.9 h", "pk_zolpidem_label"),
    ("zopiclone", "", "10 h", "pk_zopiclone_smpc"),
    ("diazepam", "1 h per year of age", "", "pk_diazepam_elimination"),
]


@pytest.mark.parametrize("drug, old_age, liver, source_id", OLD_AGE_LIVER)
def test_half_lives_in_old_age_and_liver_disease_are_tabled_with_their_source(drug, old_age, liver, source_id):
    row = tables.benzodiazepines().loc[drug]
    statement = references()[source_id]["statement"]
    for column, expected in (("half_life_old_age", old_age), ("half_life_liver_disease", liver)):
        assert (expected in row[column]) if expected else row[column] == "", (drug, column)
        assert expected in statement
    assert row["old_age_liver_source_ids"] == (source_id,)


def test_every_old_age_or_liver_cell_names_a_source_and_no_source_stands_alone():
    table = tables.benzodiazepines()
    said = (table["half_life_old_age"] != "") | (table["half_life_liver_disease"] != "")
    assert (said == table["old_age_liver_source_ids"].map(bool)).all()
    assert set(table.index[said]) == {drug for drug, *_ in OLD_AGE_LIVER}


def test_the_old_age_and_liver_table_shows_each_drug_the_sources_mention():
    from helpers.figures import comparison as figures

    text = table_html(figures.old_age_liver_styler(), row_header="Drug")
    assert "Table 1b" in text and "no setting for age or liver disease" in text and "not medical advice" in text
    for name in ("Nitrazepam", "Zolpidem", "Zopiclone", "Diazepam"):
        assert f">{name}<" in text
    assert "Alprazolam" not in text
    assert "not in the checked sources" in text and "pk_diazepam_elimination (partly verified)" in text


# ---------------------------------------------------------------- drug classes and the article's rows

def test_the_stimulant_row_cites_the_rat_microdialysis_study():
    stimulants = tables.article_comparison().loc["stimulants"]
    assert "dichiara_imperato_1988" in stimulants["source_ids"]
    assert "amphetamine" in references()["dichiara_imperato_1988"]["statement"]
    assert "rat microdialysis" in stimulants["course_check"]


def test_the_ghb_row_credits_the_two_way_effect_to_baclofen_only():
    assert "high baclofen inhibited DA neurons" in references()["ghb_gabab"]["statement"]
    ghb = tables.drug_classes().loc["ghb"]
    text = " ".join(ghb[column] for column in ("primary_target", "dopamine_evidence", "evidence_notes"))
    assert "baclofen" in text
    for sentence in re.split(r"(?<=\.) ", text):
        if "GHB" in sentence and "high dose" in sentence:
            assert "not in the checked sources" in sentence, sentence


def test_benzodiazepine_dopamine_results_name_drug_dose_route_and_species():
    evidence = tables.drug_classes().at["benzodiazepines", "dopamine_evidence"]
    assert "rat, midazolam" in evidence and "5 mg/kg s.c." in evidence and "rat, diazepam" in evidence
    assert "self-administered" not in evidence      # the -50 % came from infusions at a self-administered dose
    check = tables.article_comparison().at["benzodiazepines", "course_check"]
    assert "midazolam 5 mg/kg s.c." in check and "rat, diazepam" in check


def test_partly_verified_facts_in_the_drug_tables_say_so():
    classes = tables.drug_classes()
    assert "partly verified" in classes.at["amphetamine", "dopamine_evidence"]
    assert "partly verified" in classes.at["alcohol", "dopamine_evidence"]
    assert "partly verified" in classes.at["z-drugs", "evidence_notes"]


def test_sources_columns_flag_partly_verified_and_unverified_ids():
    from helpers.figures import comparison as figures

    benzodiazepine_html = table_html(figures.benzodiazepine_styler())
    assert "ashton_table_transcription (partly verified)" in benzodiazepine_html
    assert "pk_alprazolam_label (" not in benzodiazepine_html
    assert "barbiturate_da (UNVERIFIED)" in table_html(figures.drug_class_styler())
    assert "amphetamine_dat_reversal (partly verified)" in table_html(figures.article_check_styler())


# ---------------------------------------------------------------- lesson 06 charts

def test_the_lesson_charts_draw_sourced_values_without_a_model_tag_and_name_their_sources():
    from helpers.figures.comparison import equivalence_figure, half_life_figure
    from helpers.figures.compose import label_of, summary_of

    half_lives = half_life_figure()
    assert label_of(half_lives) is None and "MODEL" not in half_lives.layout.title.text
    assert half_lives.data[0].name == "value used in the model"
    summary = summary_of(half_lives)
    assert "ashton_table_transcription (partly verified)" in summary and "pk_alprazolam_label" in summary
    assert "pk_alprazolam_label" in half_lives.data[1].customdata[list(half_lives.data[1].y).index("Alprazolam")][2]
    equivalents = equivalence_figure()
    assert label_of(equivalents) is None
    for source_id in ("ashton_table_transcription", "joint_guideline_table7", "who2009_equivalents"):
        assert source_id in summary_of(equivalents)


def test_the_equivalence_chart_shows_the_range_of_the_sources_not_one_conversion():
    from helpers.figures.comparison import equivalence_figure

    fig = equivalence_figure()
    spread = fig.data[0]
    row = list(spread.y).index("Alprazolam")
    assert (spread.base[row], spread.base[row] + spread.x[row]) == (0.5, 1.0)   # Ashton 0.5, VA/DoD and WHO 1
    assert "≈" not in fig.layout.title.text


# ---------------------------------------------------------------- lesson 06 wording

def _lesson_06_texts() -> dict[str, str]:
    from conftest import cells, guide_text, markdown_text

    return {"notebook": "\n".join(cell.source for cell in cells("06")),
            "notebook markdown": markdown_text("06"),
            "guide": guide_text("06")}


def test_lesson_06_cites_partly_verified_and_unverified_entries_with_their_flag():
    for where, text in _lesson_06_texts().items():
        for bracket in re.findall(r"\[([^\[\]\"]+)\]", text):
            bracket = " ".join(bracket.split())
            confidences = {references()[i]["confidence"]
                           for i in re.findall(r"[a-z0-9_]+", bracket) if i in references()}
            if "partially_verified" in confidences:
                assert "partly verified" in bracket, f"{where}: [{bracket}]"
            if "unverified" in confidences:
                assert "UNVERIFIED" in bracket, f"{where}: [{bracket}]"


def test_lesson_06_prints_no_single_diazepam_conversion_and_shows_the_models_choice():
    texts = _lesson_06_texts()
    for where, text in texts.items():
        assert "≈ diazepam" not in text and "≈diazepam" not in text, where
    assert "show_equivalence_ranges()" in texts["notebook"]
    assert "equivalence_text(d)" in inspect.getsource(comparison_explorers.show_equivalence_ranges)
    assert "ASSUMPTION of the model" in texts["notebook"]


def test_lesson_06_keeps_single_dose_half_lives_apart_from_clinical_equivalents():
    for where, text in _lesson_06_texts().items():
        flat = " ".join(text.split())
        assert not re.search(r"equivalen\w* (come|comes|are) from single doses", flat), where
    notebook = " ".join(_lesson_06_texts()["notebook"].split())
    assert "after a **single dose**" in notebook and "clinical experience" in notebook


def test_lesson_06_teaches_old_age_and_liver_disease_with_a_think_question():
    notebook = _lesson_06_texts()["notebook"]
    assert "show_table(old_age_liver_styler()" in notebook
    assert re.findall(r"### Think! (\d+)", notebook) == ["1", "2", "3", "4", "5"]
    think_4 = notebook.split("### Think! 4")[1].split("### Think!")[0]
    assert "cirrhosis" in think_4 and "[source: pk_zolpidem_label]" in think_4 and "In the model" in think_4
    guide = _lesson_06_texts()["guide"]
    assert "4. **Zolpidem in cirrhosis.**" in guide and "5. **Same route, different measurement.**" in guide


def test_lesson_06_names_species_and_drugs_for_the_benzodiazepine_dopamine_results():
    notebook = _lesson_06_texts()["notebook"]
    key_points = notebook.split("## Key points")[1]
    assert "(mice)" in key_points and "midazolam" in key_points and "diazepam made transients" in key_points


def test_lesson_06_never_teaches_that_ghb_inhibits_dopamine_neurons_at_high_doses():
    for where, text in _lesson_06_texts().items():
        for sentence in re.split(r"(?<=[.:])\s", " ".join(text.split())):
            if "GHB" in sentence and "high dose" in sentence:
                assert "baclofen" in sentence or "do not teach" in sentence, f"{where}: {sentence}"
