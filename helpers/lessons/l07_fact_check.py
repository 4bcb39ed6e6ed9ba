"""Lesson 07: the source article's claims, graded, filtered and read back.

* :func:`claims_explorer`: the claims on the evidence ladder and a table of the matching claims, both
  filtered by verdict and by kind of evidence (one set of dropdowns drives both views).
* :func:`grading_questions`: quiz questions in which learners grade claims before they see the verdicts (shuffled
  verdicts, feedback for each); :func:`grade_prediction`: the texts of a prediction that grades one claim.
* :func:`show_claims` and :func:`show_reading_list`: a few claims as a table; the primary sources to read next.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML, display
from pandas.io.formats.style import Styler

from helpers.activities.display import show_table
from helpers.activities.explorer import register
from helpers.activities.explorer import Dropdown, Explorer, Table
from helpers.figures import claims as figures
from helpers.theme import NEUTRAL
from helpers.activities.predict import Prediction, make_prediction
from helpers.activities.quiz import Question, shown_order
from helpers.references import CONFIDENCE_LABELS, citation_text, reference
from helpers.tables import CLAIM_EVIDENCE_KINDS, CLAIM_VERDICTS, article_claims

# Claims the learners grade themselves first: at least one under each verdict. None of their feedback may give away
# the verdict of GRADE_CLAIM, which the learners grade next (prediction 07-grade): claims 14 and 16, whose reasons
# cite the 14-day midazolam study, are left out.
GRADING_CLAIMS = ("c04", "c05", "c06", "c08", "c15", "c17", "c18")
GRADE_CLAIM = "c13"
GRADING_OBJECTIVE = ("Grade claims as supported, partly supported, not directly supported or contradicted, "
                     "giving reasons.")
# Why a verdict (first key) does not fit a claim the course grades otherwise (second key): the grading feedback.
WHY_NOT = {
    "supported": {
        "partly supported": "“Supported” would need the whole claim measured; here only part is, and the rest goes "
                            "beyond or against the evidence.",
        "not directly supported": "“Supported” needs a study that measured it and found it; we found none for this "
                                  "claim.",
        "contradicted": "“Supported” is the opposite of what was found: where this was measured, the result went the "
                        "other way.",
    },
    "partly supported": {
        "supported": "“Partly supported” would mean part of it goes beyond the evidence; this claim says no more than "
                     "what was measured (in cells or animals).",
        "not directly supported": "“Partly supported” needs at least part of the claim measured; no study we found "
                                  "measured it (it may still be true).",
        "contradicted": "“Partly supported” would mean part of it was found; where the claim itself was measured, "
                        "the result went the other way.",
    },
    "not directly supported": {
        "supported": "“Not directly supported” means nobody measured it; this was measured, and found.",
        "partly supported": "“Not directly supported” means nothing was measured; here part of the claim was.",
        "contradicted": "This is not a matter of missing evidence: it was measured, and the result went the other way.",
    },
    "contradicted": {
        "supported": "“Contradicted” means the measurement went the other way; here it went the way the claim says.",
        "partly supported": ("“Contradicted” needs the measurement to go against the whole claim; "
                             "here part of it holds."),
        "not directly supported": "“Contradicted” needs a measurement that went the other way; for this claim we found "
                                  "no measurement at all, which is absence of evidence, not evidence against.",
    },
}

# Primary sources from the reference base, in the order the course met them.
FURTHER_READING = (
    "tan2010_abstract_findings", "engin2014_alpha2", "johnson_north_1992", "schelp2017",
    "finlay1992_midazolam_microdialysis", "vinkers_olivier_2012", "heninger_gallager_1988_uncoupling",
    "joint_guideline_2025", "finlayson2022_survey", "cosci_chouinard_2020", "dichiara_imperato_1988",
    "luscher_ungless_2006",
)

# A text mark per verdict that matches the chart's marker shapes, so the table reads without colour.
VERDICT_MARKS = {"supported": "●", "partly supported": "◆", "not directly supported": "■", "contradicted": "✖"}
# Column header and width (% of the table) of the claims table; the row header is the claim itself.
ROW_HEADER, ROW_HEADER_WIDTH = "Claim", 15
TABLE_COLUMNS = (("The article's words (section)", 23), ("Course verdict (evidence)", 13), ("Why", 35),
                 ("Lesson (sources)", 14))
TABLE_STYLE = ("border-collapse:collapse;table-layout:auto;font-size:0.88em;line-height:1.35;width:100%;"
               f"color:{NEUTRAL['text']};background:{NEUTRAL['background']}")
CELL_STYLE = f"border:1px solid {NEUTRAL['table_border']};padding:0.3em 0.5em;vertical-align:top;text-align:left"
CAPTION_STYLE = "caption-side:top;text-align:left;font-weight:600;padding:0.3em 0"


@register
def claims_explorer() -> Explorer:
    claims = article_claims()
    verdicts = [v for v in CLAIM_VERDICTS if v in set(claims["verdict"])]
    kinds = [k for k in CLAIM_EVIDENCE_KINDS if k in set(claims["evidence"])]
    return Explorer(
        name="article_claims",
        title="The article's claims on the evidence ladder",
        description="Pick a verdict or a kind of evidence: the chart highlights the claims that match "
                    "and the table lists them.",
        controls=[
            Dropdown("verdict", "Verdict", (("all verdicts", figures.ALL), *((v, v) for v in verdicts)),
                     figures.ALL),
            Dropdown("evidence", "Evidence", (("all kinds", figures.ALL), *((k, k) for k in kinds)),
                     figures.ALL),
        ],
        build=figures.claims_map_figure,
        table=Table(matching_claims_table, row_header=ROW_HEADER),
        handout_together=("verdict", "evidence"),   # "choose verdict: ..., then evidence: ..."
    )


def matching_claims_table(verdict: str = figures.ALL, evidence: str = figures.ALL) -> Styler:
    """The claims that match the filter, as the explorer's table."""
    return claims_styler(figures.select_claims(verdict, evidence),
                         caption=f"Claims matching the filter: {figures.filter_text(verdict, evidence)}")


def show_claims(claim_ids) -> None:
    """Show a few claims (ids such as ``"c05"``) as a table with their verdicts and reasons."""
    show_table(claims_styler(claims_by_id(claim_ids), caption="Claims for this exercise"), row_header=ROW_HEADER)


def claims_by_id(claim_ids) -> pd.DataFrame:
    """The rows of ``article_claims()`` for these ids, in the order given."""
    claims = article_claims()
    claim_ids = [claim_ids] if isinstance(claim_ids, str) else list(claim_ids)
    unknown = [i for i in claim_ids if i not in claims.index]
    if not claim_ids or unknown:
        raise ValueError(f"claim_ids must be ids from {claims.index[0]} to {claims.index[-1]}; "
                         f"got {unknown[0] if unknown else 'none'!r}")
    return claims.loc[claim_ids]


def claims_styler(claims: pd.DataFrame, *, caption: str) -> Styler:
    """Claims as a styled table: one row per claim (numbered as on the claims map), its quote, verdict, reason
    and lesson with sources; the caption counts the rows and says so when none matches."""
    numbers = {claim_id: n for n, claim_id in enumerate(article_claims().index, start=1)}
    cells = pd.DataFrame([_table_cells(row) for _, row in claims.iterrows()],
                         columns=[header for header, _ in TABLE_COLUMNS],
                         index=pd.Index([f"{numbers[claim_id]}. {label}"
                                         for claim_id, label in claims["label"].items()], dtype=object))
    text = f"{caption} ({len(claims)} of {len(numbers)})" + (" No claim matches this filter." if claims.empty else "")
    widths = [{"selector": "th.blank", "props": f"width:{ROW_HEADER_WIDTH}%"}] + [
        {"selector": f"th.col{index}", "props": f"width:{width}%"} for index, (_, width) in enumerate(TABLE_COLUMNS)]
    return (cells.style.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
            .set_caption(html.escape(text)).set_table_attributes('class="course-claims"')
            .set_table_styles([{"selector": "", "props": TABLE_STYLE}, {"selector": "th", "props": CELL_STYLE},
                               {"selector": "td", "props": CELL_STYLE},
                               {"selector": "caption", "props": CAPTION_STYLE}, *widths]))


def _table_cells(row: pd.Series) -> list[str]:
    """The four cells of one claim's row, as HTML."""
    sources = ", ".join(html.escape(source_with_flag(s)) for s in row["source_ids"])
    return [
        f"<q>{html.escape(row['claim'])}</q><br><small>{html.escape(row['section'])}</small>",
        f"{VERDICT_MARKS[row['verdict']]} {html.escape(row['verdict'])}"
        f"<br><small>{html.escape(row['evidence'])}</small>",
        html.escape(row["explanation"]),
        f"{html.escape(row['lesson'])}<br><small>{sources}</small>",
    ]


def source_with_flag(source_id: str) -> str:
    """A source id as the table prints it: flagged "(partly verified)" or "(UNVERIFIED: not seen in any source)"
    unless the reference base marks it verified."""
    confidence = reference(source_id)["confidence"]
    if confidence == "verified":
        return source_id
    note = ": not seen in any source" if confidence == "unverified" else ""
    return f"{source_id} ({CONFIDENCE_LABELS[confidence]}{note})"


def grading_questions(claim_ids=GRADING_CLAIMS) -> list[Question]:
    """One question per claim: the learner picks a verdict. The verdicts are shuffled per question as the bank's
    options are (:func:`helpers.activities.quiz.shown_order`, seeded by the id ``07-grade-<claim id>``); each option's
    feedback says why that verdict does or does not fit, then gives the course's verdict and reason."""
    questions = []
    for claim_id, row in claims_by_id(claim_ids).iterrows():
        question_id = f"07-grade-{claim_id}"
        order = shown_order(question_id, len(CLAIM_VERDICTS))
        feedback = verdict_feedback(claim_id)
        questions.append(Question(
            prompt=f"{_quoted(row)} How well does the evidence support this?",
            options=[CLAIM_VERDICTS[i] for i in order],
            answer=order.index(CLAIM_VERDICTS.index(row["verdict"])),
            option_feedback=[feedback[i] for i in order],
            explanation=feedback[CLAIM_VERDICTS.index(row["verdict"])],   # the course's verdict and reason
            id=question_id,
            objective=GRADING_OBJECTIVE,
            sources=tuple(row["source_ids"]),
        ))
    return questions


def verdict_feedback(claim_id: str) -> list[str]:
    """For one claim, the feedback on each verdict of ``CLAIM_VERDICTS`` (in that order): why a wrong verdict does
    not fit this claim, then the course's verdict, its kind of evidence and its reason (the claims table's notes)."""
    row = claims_by_id(claim_id).iloc[0]
    course = f"Course verdict: {row['verdict']} (evidence: {row['evidence']}). {row['explanation']}"
    return [course if verdict == row["verdict"] else f"{WHY_NOT[verdict][row['verdict']]} {course}"
            for verdict in CLAIM_VERDICTS]


def grade_prediction(claim_id: str) -> Prediction:
    """The prediction moment ``07-grade`` for one claim: the learner grades it before the claims table is shown.
    Built from the claims table (its verdict and notes), so no answer key sits in the notebook or a second bank;
    shown with ``show_prediction(grade_prediction("c13"), reveal=claims_explorer())``."""
    row = claims_by_id(claim_id).iloc[0]
    feedback = verdict_feedback(claim_id)
    return make_prediction(
        "07-grade", f"{_quoted(row)} Before you see the evidence table: how well does the evidence support this?",
        options=list(CLAIM_VERDICTS), answer=CLAIM_VERDICTS.index(row["verdict"]),
        explanations=dict(enumerate(feedback)),
        explanation=("The verdicts are the course's judgements; the table below gives every claim's reason "
                     "and sources, so you can disagree with a reason."))


def _quoted(row: pd.Series) -> str:
    quote = row["claim"] if row["claim"][0].isupper() else f"…{row['claim']}"
    return f'The article ({row["section"]}): "{quote}".'


def reading_list_html(source_ids=FURTHER_READING) -> str:
    """The primary sources as a numbered list: citation, confidence, and what the course took from each."""
    items = "".join(f"<li>{html.escape(citation_text(i))}"
                    f"<br><small>{html.escape(reference(i)['statement'])}</small></li>"
                    for i in source_ids)
    return f'<ol class="course-reading">{items}</ol>'


def show_reading_list() -> None:
    """Display the primary sources to read next."""
    display(HTML(reading_list_html()))
