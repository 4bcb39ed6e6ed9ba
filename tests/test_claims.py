"""Lesson 07: the article's claims table, its verdicts, and the views built on it."""

from __future__ import annotations

import csv
import re

import pytest

import fingerprints

from conftest import ROOT, cells
from helpers.activities.display import table_html
from helpers.lessons import l07_fact_check as views
from helpers.figures import claims as figures
from helpers.references import reference, references
from helpers.schema import TableError, load_table
from helpers.tables import ARTICLE_CLAIMS_SPEC, CLAIM_VERDICTS, article_claims

ARTICLE = fingerprints.ARTICLE
GUIDE = ROOT / "lessons" / "07_fact_check.md"
API_COLUMNS = {"claim", "section", "verdict", "evidence", "source_ids", "explanation", "lesson"}
CLAIMS = article_claims()


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _notebook_text() -> str:
    """The notebook's cells and the lesson's worked solutions (kept in the exercise bank)."""
    from conftest import solutions_text

    text = "\n".join(cell.source for cell in cells("07"))
    return _squeeze(text + "\n" + solutions_text("07"))


def _guide_text() -> str:
    return _squeeze(GUIDE.read_text(encoding="utf-8"))


def _partly_verified_ids() -> set[str]:
    return {i for i, entry in references().items() if entry["confidence"] == "partially_verified"}


def _claim_quoting(words: str):
    matches = CLAIMS[CLAIMS["claim"].str.contains(words, regex=False)]
    assert len(matches) == 1, f"expected one claim quoting {words!r}"
    return matches.iloc[0]


@pytest.fixture(scope="module")
def article_text() -> str:
    if not ARTICLE.exists():
        pytest.skip("../shared/source-article.txt is not beside this checkout")
    return _squeeze(ARTICLE.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the table itself

def test_the_table_has_at_least_twelve_claims_with_the_public_columns():
    assert len(CLAIMS) >= 12
    assert API_COLUMNS <= set(CLAIMS.columns)
    assert CLAIMS.index.is_unique


def test_every_quote_and_heading_is_one_that_was_checked_against_the_article():
    """Runs in any clone: a quote or heading edited after it was checked against the article (which the
    repository does not ship) no longer matches its recorded digest (see tests/fingerprints.py)."""
    record = fingerprints.recorded()["claims"]
    changed = [i for i, value in fingerprints.quote_digests(CLAIMS).items() if record.get(i) != value]
    assert not changed, f"re-check against the article, then run python tests/fingerprints.py: {changed}"
    if ARTICLE.exists():
        assert fingerprints.digest(ARTICLE.read_text(encoding="utf-8")) == fingerprints.recorded()["article_sha256"]


def test_every_quote_occurs_in_the_article_allowing_for_whitespace(article_text):
    missing = [i for i, quote in CLAIMS["claim"].items() if _squeeze(quote) not in article_text]
    assert not missing, f"quotes not found in the article: {missing}"


def test_the_paragraph_learners_split_is_quoted_word_for_word(article_text):
    exercise = next(cell.source for cell in cells("07") if cell.source.startswith("## Exercise 1: split"))
    paragraph = _squeeze(" ".join(line[1:] for line in exercise.splitlines() if line.startswith(">")))
    assert len(paragraph.split()) > 50 and paragraph in article_text
    assert {claim_id for claim_id, quote in CLAIMS["claim"].items() if quote in paragraph} == {"c07", "c27"}


def test_every_section_is_a_heading_of_the_article(article_text):
    missing = sorted({s for s in CLAIMS["section"] if _squeeze(s) not in article_text})
    assert not missing, f"sections not in the article: {missing}"


def test_every_lesson_names_an_existing_notebook():
    missing = sorted({lesson for lesson in CLAIMS["lesson"] if not (ROOT / "notebooks" / f"{lesson}.ipynb").exists()})
    assert not missing, f"claims point to notebooks that do not exist: {missing}"


def test_every_source_id_resolves():
    for claim_id, ids in CLAIMS["source_ids"].items():
        assert ids, f"{claim_id} names no source"
        for source_id in ids:
            reference(source_id)


def test_supported_partly_and_not_directly_supported_each_hold_a_claim():
    present = set(CLAIMS["verdict"])
    assert {"supported", "partly supported", "not directly supported"} <= present


def test_each_explanation_has_two_or_three_sentences_and_names_its_lesson():
    for claim_id, row in CLAIMS.iterrows():
        sentences = re.findall(r"[.!?](?:\s|$)", row["explanation"].replace("et al.", "et al"))
        assert 2 <= len(sentences) <= 3, f"{claim_id}: {len(sentences)} sentences"
        assert f"lesson {row['lesson'][:2]}" in row["explanation"].lower(), f"{claim_id} must point to its lesson"


# ---------------------------------------------------------------- verdicts follow the reference base

def test_a_supported_claim_cites_at_least_one_verified_source():
    for claim_id, row in CLAIMS[CLAIMS["verdict"] == "supported"].iterrows():
        assert any(reference(i)["confidence"] == "verified" for i in row["source_ids"]), claim_id


def test_claims_with_no_evidence_found_are_not_directly_supported():
    assert set(CLAIMS.loc[CLAIMS["evidence"] == "none found", "verdict"]) == {"not directly supported"}


def test_the_withdrawal_dopamine_crash_has_no_direct_study():
    crash = _claim_quoting("sharp drop in dopamine")
    assert crash["verdict"] == "not directly supported"
    assert crash["evidence"] == "none found"
    assert "bzd_withdrawal_dopamine_direct" in crash["source_ids"]
    assert crash["lesson"] == "05_withdrawal"


def test_increased_release_is_only_partly_supported_because_tonic_dopamine_falls():
    release = _claim_quoting("increase its release")
    assert release["verdict"] == "partly supported"
    assert {"tan2010_abstract_findings", "schelp2017",
            "finlay1992_midazolam_microdialysis"} <= set(release["source_ids"])


def test_a_higher_accumbens_dopamine_level_is_contradicted_by_microdialysis():
    level = _claim_quoting("increase in dopamine levels")
    assert level["verdict"] == "contradicted"
    assert "finlay1992_midazolam_microdialysis" in level["source_ids"]


def test_more_frequent_smaller_release_events_are_supported_by_schelp_2017():
    events = _claim_quoting("frequency of dopamine release events")
    assert events["verdict"] == "supported" and events["source_ids"] == ("schelp2017",)


def test_addictive_potential_is_only_partly_supported_mouse_reinforcement_with_a_counter_finding():
    # This test used to assert "supported"; the evidence is mouse reinforcement
    # (Tan 2010) with a counter-finding (Engin 2014), so the verdict is "partly supported".
    addiction = _claim_quoting("addictive potential")
    assert addiction["verdict"] == "partly supported" and addiction["evidence"] == "animal"
    assert {"tan2010_abstract_findings", "engin2014_alpha2"} <= set(addiction["source_ids"])
    assert "mice" in addiction["explanation"] and "people" in addiction["explanation"]


def test_structural_rewiring_is_not_directly_supported():
    rewiring = _claim_quoting("structurally alter")
    assert rewiring["verdict"] == "not directly supported"
    assert "synaptic" in rewiring["explanation"] and "structural" in rewiring["explanation"]


def test_anhedonia_and_depression_are_graded_separately():
    anhedonia, depression = CLAIMS.loc["c17"], CLAIMS.loc["c21"]
    assert "anhedonia" in anhedonia["claim"] and "depression" not in anhedonia["claim"]
    assert anhedonia["verdict"] == "not directly supported" and anhedonia["evidence"] == "none found"
    assert "not a validated anhedonia scale" in anhedonia["explanation"]
    assert "not an anhedonia assay" in anhedonia["explanation"], "forced swim (martijena1997) is not an anhedonia test"
    assert depression["claim"].endswith("depression") and "depression" in depression["label"].lower()
    assert depression["verdict"] == "partly supported" and "racgp_onset" in depression["source_ids"]
    assert not any("anhedonia and depression" in label.lower() for label in CLAIMS["label"])


def test_each_like_benzos_claim_is_graded_on_the_evidence_for_its_own_drug():
    # The opioid claim was graded by the benzodiazepine result; graded on opioid evidence,
    # it is supported. Alcohol's rise is measured, its "indirect" route is not in the base.
    opioids, alcohol = _claim_quoting("(similar to benzos)"), _claim_quoting("Like benzos, alcohol")
    assert opioids["verdict"] == "supported" and opioids["evidence"] == "animal"
    assert {"johnson_north_1992", "dichiara_imperato_1988"} <= set(opioids["source_ids"])
    assert alcohol["verdict"] == "partly supported"
    assert {"dichiara_imperato_1988", "davies2003_ethanol_gabaa_review"} <= set(alcohol["source_ids"])
    assert "'Indirect' is the part our reference base does not show" in alcohol["explanation"]
    from helpers.tables import article_comparison

    assert article_comparison().loc["opioids", "dopamine_claim_verdict"] == opioids["verdict"], \
        "lesson 06's comparison table grades the same 'similar to benzos' claim as lesson 07"


NEW_CLAIMS = {  # the article's remaining dopamine claims and their verdicts
    "hypodopaminergia": "not directly supported",
    "can lead to or worsen depressive symptoms": "not directly supported",
    "profound apathy and fatigue": "partly supported",     # split as c25 is
    "'brain fog'": "partly supported",
    "surge in dopamine activity": "partly supported",
    "cocaine that cause a massive increase in both": "supported",   # frequency (stuber2005) and size (heien2005)
    "downregulated its natural dopamine activity": "not directly supported",
    "profound dopaminergic dysfunction": "not directly supported",
}


@pytest.mark.parametrize("words, verdict", NEW_CLAIMS.items())
def test_the_remaining_dopamine_claims_are_graded(words, verdict):
    row = _claim_quoting(words)
    assert row["verdict"] == verdict
    assert row["source_ids"] and row["evidence"]


def test_cocaine_both_is_supported_in_direction_with_massive_unquantified():
    # Cocaine raises transient frequency (stuber2005) and, in one study, their size (heien2005).
    cocaine = _claim_quoting("massive increase in both")
    assert cocaine["verdict"] == "supported"
    assert {"stuber2005_cocaine_transients", "heien2005_cocaine_transients", "schelp2017"} <= set(cocaine["source_ids"])
    assert "'Massive' still has no number" in cocaine["explanation"]
    assert "diazepam made transients more frequent but smaller" in cocaine["explanation"]
    assert "does not name the species" in cocaine["explanation"], "stuber2005's abstract names no species"


def test_apathy_splits_a_supported_general_statement_from_an_unmeasured_withdrawal_link():
    apathy = _claim_quoting("crucial for motivation")
    assert apathy["verdict"] == "partly supported"
    assert {"salamone_correa2012_motivation", "bzd_withdrawal_dopamine_direct"} <= set(apathy["source_ids"])
    assert "never measured" in apathy["explanation"]


def test_withdrawal_symptoms_rest_on_clinical_guidelines_not_on_a_survey_rung():
    for claim_id in ("c18", "c19", "c21", "c25"):
        assert CLAIMS.loc[claim_id, "evidence"] == "clinical guideline", claim_id
    human, guideline = figures.EVIDENCE_RUNG["human"], figures.EVIDENCE_RUNG["clinical guideline"]
    assert human < guideline < len(figures.LADDER_RUNGS) - 1, "guidelines sit above one survey, below a trial"


def test_cosci_and_chouinard_are_not_strengthened():
    for claim_id, row in CLAIMS[CLAIMS["source_ids"].map(lambda ids: "cosci_chouinard_2020" in ids)].iterrows():
        assert "appears to be short-lived" in row["explanation"], claim_id
        assert not re.search(r"(mostly|usually|largely) short-lived", row["explanation"]), claim_id
    assert not re.search(r"(mostly|usually|largely) short-lived", views.__doc__ + str(views.FURTHER_READING))


def test_partly_verified_sources_are_flagged_in_the_explanation():
    partly = _partly_verified_ids()
    for claim_id, row in CLAIMS.iterrows():
        if partly & set(row["source_ids"]):
            assert "partly verified" in row["explanation"], f"{claim_id} cites {partly & set(row['source_ids'])}"


def test_the_withdrawal_dopamine_analogy_rests_on_checked_studies_of_other_drugs():
    # The analogy cites the verified rat studies, not the notes of an unverified entry.
    crash = _claim_quoting("sharp drop in dopamine")
    assert {"rossetti1992_withdrawal_da", "diana1993_ethanol_withdrawal_da_firing",
            "acquas1992_morphine_withdrawal_da"} <= set(crash["source_ids"])
    assert "No study in our reference base measured dopamine during benzodiazepine withdrawal" in crash["explanation"]
    texts = [_notebook_text(), _guide_text(), _squeeze(views.__doc__ or "")]
    for text in texts:
        assert "bzd_withdrawal_dopamine_direct, notes" not in text, "cite the checked studies, not the unverified notes"


def test_contradicted_is_limited_to_rat_microdialysis_at_the_doses_tested():
    # 5 mg/kg lowered accumbens dopamine, 1 mg/kg did not; no human data.
    level = _claim_quoting("increase in dopamine levels")
    assert "diazepam_microdialysis_1991_supplement" in level["source_ids"]
    assert "contradicted in rat microdialysis at the doses tested" in level["explanation"]
    assert "1 mg/kg" in level["explanation"] and "no human measurement" in level["explanation"]
    notebook = _notebook_text()
    assert "contradicted in rat microdialysis at the doses tested" in notebook
    assert '"Dopamine levels rise" is contradicted.' not in notebook


SUPPORTABLE_CLAIMS = {  # the article's supportable claims are graded too
    "recommended for short-term use": ("supported", "ashton2005_review"),
    "GABA function is reduced": ("partly supported", "heninger_gallager_1988_uncoupling"),
    "shared by other addictive substances like opioids and cannabinoids": ("supported", "tan2010_drug_classes_intro"),
    "Both alcohol and benzodiazepines are central nervous system depressants":
        ("supported", "davies2003_ethanol_gabaa_review"),
    "Directly and powerfully increases synaptic dopamine": ("supported", "dichiara_imperato_1988"),
    "contains both dopamine-producing neurons and GABAergic interneurons":
        ("supported", "nair_roberts2008_vta_composition"),
}


@pytest.mark.parametrize("words, expected", SUPPORTABLE_CLAIMS.items())
def test_the_articles_supportable_claims_are_graded(words, expected):
    verdict, source_id = expected
    row = _claim_quoting(words)
    assert row["verdict"] == verdict and source_id in row["source_ids"]


def test_the_verdict_chart_says_how_claims_were_chosen():
    from helpers.figures.compose import summary_of

    summary = summary_of(figures.verdict_counts_figure())
    assert "every sentence or clause" in summary and "supportable" in summary
    assert "every sentence or clause" in _notebook_text()


def _claims_markup(claims) -> str:
    return table_html(views.claims_styler(claims, caption="All claims"), row_header=views.ROW_HEADER)


def test_the_table_view_flags_sources_that_are_not_verified():
    markup = _claims_markup(CLAIMS)
    for source_id in _partly_verified_ids() & {i for ids in CLAIMS["source_ids"] for i in ids}:
        assert f"{source_id} (partly verified)" in markup
    assert views.source_with_flag("schelp2017") == "schelp2017"
    assert "UNVERIFIED" in views.source_with_flag("bzd_withdrawal_dopamine_direct")


def test_reduced_dopamine_production_was_never_measured():
    production = _claim_quoting("dopamine production")
    assert production["verdict"] == "not directly supported" and production["evidence"] == "none found"


def test_the_comparison_table_rows_are_checked():
    table_rows = CLAIMS[CLAIMS["section"] == "Benzodiazepines vs. Other Medications: A Dopamine Comparison"]
    assert len(table_rows) >= 3


# ---------------------------------------------------------------- the loader refuses broken rows

VALID_ROW = {"claim_id": "c99", "label": "A label", "claim": "a quote", "section": "Key Points",
             "verdict": "supported", "evidence": "animal", "source_ids": "schelp2017",
             "lesson": "03_acute_dopamine", "explanation": "One sentence. Lesson 03 has another."}


@pytest.mark.parametrize("column, bad", [("verdict", "probably true"), ("source_ids", "no_such_source"),
                                         ("lesson", "09_nothing"), ("evidence", "anecdote")])
def test_a_broken_row_fails_naming_file_row_and_column(tmp_path, column, bad):
    broken = tmp_path / "article_claims.csv"
    with broken.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(VALID_ROW))
        writer.writeheader()
        writer.writerow({**VALID_ROW, column: bad})
    with pytest.raises(TableError) as error:
        load_table(ARTICLE_CLAIMS_SPEC, path=broken)
    message = str(error.value)
    assert "article_claims.csv" in message and "'c99'" in message and repr(column) in message


# ---------------------------------------------------------------- figures and views

def test_the_verdict_chart_counts_every_claim_once():
    fig = figures.verdict_counts_figure()
    assert [trace.name for trace in fig.data] == list(CLAIM_VERDICTS)
    assert sum(trace.x[0] for trace in fig.data) == len(CLAIMS)


@pytest.mark.parametrize("verdict, evidence", [("all", "all"), ("supported", "all"), ("all", "none found"),
                                               ("contradicted", "human")])
def test_the_claims_map_highlights_exactly_the_filtered_claims(verdict, evidence):
    fig = figures.claims_map_figure(verdict, evidence)
    chosen = figures.select_claims(verdict, evidence)
    highlighted = sum(len(trace.y) for trace in fig.data[1:])
    assert highlighted == len(chosen)
    assert len(fig.data[0].y) == len(CLAIMS) - len(chosen)
    if chosen.empty:
        assert "No claim" in fig.layout.meta["summary"]


@pytest.mark.parametrize("name, value", [("verdict", "maybe"), ("evidence", "rumour"), ("verdict", None)])
def test_an_unknown_filter_raises_a_value_error_naming_it(name, value):
    with pytest.raises(ValueError, match=name):
        figures.select_claims(**{name: value})


def test_the_ladder_shows_the_withdrawal_links_unmeasured_and_no_human_trial():
    fig = figures.evidence_ladder_figure()
    points = {y: x for trace in fig.data[1:] for x, y in zip(trace.x, trace.y)}
    assert points["Withdrawal: a dopamine crash"] < figures.FIRST_MEASURED_RUNG
    assert points["Withdrawal: anhedonia"] < figures.FIRST_MEASURED_RUNG
    assert points["Withdrawal: depression"] == figures.EVIDENCE_RUNG["clinical guideline"]
    assert points["Drug boosts GABA at GABA-A receptors"] >= figures.FIRST_MEASURED_RUNG
    assert max(points.values()) < len(figures.LADDER_RUNGS) - 1, "no link of the article reaches a human trial"


def test_the_table_view_is_accessible_html_with_caption_and_header_scope():
    markup = _claims_markup(CLAIMS)
    assert "<caption" in markup and 'scope="col"' in markup
    assert markup.count('scope="row"') == len(CLAIMS)
    assert f'scope="col" >{views.ROW_HEADER}</th>' in markup
    assert "<script" not in markup


def test_one_set_of_dropdowns_drives_the_claims_map_and_the_table():
    live = views.claims_explorer().widget()
    assert live.table.value.count('scope="row"') == len(CLAIMS)
    live.set(verdict="not directly supported")
    expected = (CLAIMS["verdict"] == "not directly supported").sum()
    assert live.table.value.count('scope="row"') == expected
    assert sum(len(trace.y) for trace in live.figure_widget.shown().data[1:]) == expected
    live.set(evidence="in vitro")
    assert "No claim matches" in live.table.value


def test_the_claims_explorer_is_registered():
    from conftest import explorers

    explorer = explorers()["article_claims"]
    assert explorer.has_figure and explorer.has_table


def test_the_grading_quiz_reveals_the_course_verdict_for_each_claim():
    questions = views.grading_questions()
    rows = views.claims_by_id(views.GRADING_CLAIMS)
    assert {"supported", "partly supported", "not directly supported"} <= set(rows["verdict"])
    for question, (_, row) in zip(questions, rows.iterrows()):
        assert question.options[question.answer] == row["verdict"]
        assert f"Course verdict: {row['verdict']}" in question.explanation


def test_unknown_claim_ids_are_refused():
    with pytest.raises(ValueError, match="claim_ids"):
        views.claims_by_id(["c01", "c999"])


def test_the_reading_list_cites_checked_primary_sources():
    for source_id in views.FURTHER_READING:
        assert reference(source_id)["confidence"] in ("verified", "partially_verified")
    assert views.reading_list_html().count("<li>") == len(views.FURTHER_READING)


def test_charts_of_graded_evidence_carry_no_model_label_and_no_claim_rests_on_a_model():
    for fig in (figures.verdict_counts_figure(), figures.evidence_ladder_figure(), figures.claims_map_figure()):
        assert "label" not in (fig.layout.meta or {})
    assert not set(CLAIMS.loc[CLAIMS["evidence"].isin(["model", "none found"]), "verdict"]) - {"not directly supported"}


# ---------------------------------------------------------------- lesson 07 text

def test_lesson_07_works_from_the_repository_alone():
    for text in (_notebook_text(), _guide_text()):
        assert "../shared" not in text and "source-article" not in text


def test_lesson_07_names_the_species_of_tan_2010():
    wrong = "In rats, benzodiazepines make dopamine neurons fire more"
    right = "In mice, benzodiazepines make dopamine neurons in the VTA fire more"
    for text in (_notebook_text(), _guide_text()):
        assert wrong not in text and right in text


def test_lesson_07_does_not_underclaim_the_withdrawal_syndrome():
    notebook = _notebook_text()
    assert "weak observational data" not in notebook
    key_points = notebook[notebook.index("## Key points"):]
    assert "The withdrawal syndrome is established" in key_points
    assert "racgp_onset" in key_points and "joint_guideline_2025" in key_points


def test_the_guide_lists_every_claim_with_its_current_verdict():
    rows = re.findall(r"^\| (\d+) \| (.+?) \| (.+?) \| (.+?) \| (\S+) \|$", GUIDE.read_text(encoding="utf-8"), re.M)
    listed = [(label, verdict, evidence, lesson) for _, label, verdict, evidence, lesson in rows]
    assert listed == [tuple(r) for r in CLAIMS[["label", "verdict", "evidence", "lesson"]].to_numpy()]
