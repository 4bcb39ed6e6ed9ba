"""Lesson 07: the article's claims table, its verdicts, and the views built on it."""

from __future__ import annotations

import csv
import re

import pytest

from conftest import ROOT
from helpers.explorers import claims as views
from helpers.figures import claims as figures
from helpers.references import reference
from helpers.schema import TableError, load_table
from helpers.tables import ARTICLE_CLAIMS_SPEC, CLAIM_VERDICTS, article_claims

ARTICLE = ROOT.parent / "shared" / "source-article.txt"
API_COLUMNS = {"claim", "section", "verdict", "evidence", "source_ids", "explanation", "lesson"}
CLAIMS = article_claims()


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


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


def test_every_quote_occurs_in_the_article_allowing_for_whitespace(article_text):
    missing = [i for i, quote in CLAIMS["claim"].items() if _squeeze(quote) not in article_text]
    assert not missing, f"quotes not found in the article: {missing}"


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
    assert {"tan2010_abstract_findings", "schelp2017", "finlay1992_midazolam_microdialysis"} <= set(release["source_ids"])


def test_a_higher_accumbens_dopamine_level_is_contradicted_by_microdialysis():
    level = _claim_quoting("increase in dopamine levels")
    assert level["verdict"] == "contradicted"
    assert "finlay1992_midazolam_microdialysis" in level["source_ids"]


def test_more_frequent_smaller_release_events_are_supported_by_schelp_2017():
    events = _claim_quoting("frequency of dopamine release events")
    assert events["verdict"] == "supported" and events["source_ids"] == ("schelp2017",)


def test_addictive_potential_is_supported_in_mice_with_the_alpha2_nuance():
    addiction = _claim_quoting("addictive potential")
    assert addiction["verdict"] == "supported" and addiction["evidence"] == "animal"
    assert {"tan2010_abstract_findings", "engin2014_alpha2"} <= set(addiction["source_ids"])


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
    assert points["Drug boosts GABA at GABA-A receptors"] >= figures.FIRST_MEASURED_RUNG
    assert max(points.values()) < len(figures.LADDER_RUNGS) - 1, "no link of the article reaches a human trial"


def test_the_table_view_is_accessible_html_with_caption_and_header_scope():
    markup = views.claims_table_html(CLAIMS, caption="All claims")
    assert "<caption" in markup and 'scope="col"' in markup
    assert markup.count('scope="row"') == len(CLAIMS)
    assert "<script" not in markup


def test_the_live_table_follows_the_dropdowns():
    browser = views.ClaimsBrowser(views.claims_explorer())
    assert browser.table.value.count('scope="row"') == len(CLAIMS)
    browser.live.set(verdict="not directly supported")
    expected = (CLAIMS["verdict"] == "not directly supported").sum()
    assert browser.table.value.count('scope="row"') == expected
    browser.live.set(evidence="in vitro")
    assert "No claim matches" in browser.table.value


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
