"""The course's question banks for learning platforms: ``python -m helpers.publish.lms --out build/lms``.

Writes, in the output folder:

* ``course-qti.zip``: an IMS Content Package that Canvas imports ("QTI .zip file"): ``imsmanifest.xml`` and, per
  assessment, a QTI 1.2 file ``<id>/<id>.xml`` and Canvas's quiz settings ``<id>/assessment_meta.xml`` (title,
  description with the course's safety statement, answers not shuffled). One assessment per lesson (every item of
  its bank, core and extension; unlimited attempts, right answers shown) and one named "Concept inventory".
  The inventory is written as a pre-test: two attempts (``allowed_attempts`` 2: the pre-test, then the post-test),
  right answers not shown and results hidden (``show_correct_answers`` false, ``hide_results`` "always"), so the
  first attempt, at the start of the course, shows learners no key and the post-test still measures. Before the
  post-test, the instructor edits the quiz: "Let students see their quiz responses", "Only after their last
  attempt", and "Let students see the correct answers"; learners then see their results and the key once they
  have submitted the second attempt. The QTI file's ``cc_maxattempts`` agrees with each quiz's
  ``allowed_attempts`` ("unlimited" for -1).
* ``course-moodle.xml``: one Moodle XML file, a category per lesson (``$course$/Benzodiazepines course/NN title``)
  and one for the concept inventory; each category starts with a "description" question holding the safety
  statement (add it to the quiz first). Moodle's question XML carries no quiz settings: for the inventory's
  pre-test, untick the review options ("Right answer", "Specific feedback", "General feedback") after the attempt,
  and tick them for the post-test.
* ``skipped.txt``, only when an item could not be exported (with the reason); none is skipped today.

What each item carries: the prompt, the options in the order the course shows them (the bank's seeded shuffle,
:func:`helpers.activities.quiz.load_quiz`; shuffling is turned off in both formats so the platforms keep it), the
right answer, each option's feedback, the lesson, level, core/extension and objective as tags (Moodle ``<tags>``,
cut by Moodle at 50 characters, so the objective is tagged by its number ``objective-03.2`` and its full text is in
the general feedback; QTI: ``qtimetadatafield``s ``objective``, ``objective_id``, ``level``, ``lesson``,
``bank_id``, ``sources``), and the sources as citations with their ids (:func:`helpers.references.citation_text`)
in the general feedback. Canvas's importer keeps only the fields ``question_type`` and ``points_possible`` and drops
the others (other QTI tools read them, so they stay); what Canvas shows of them comes from the item's ``title``,
which Canvas keeps as the question's name ("03 · objective 03.2 · 03-methods"), and from the general feedback
(the objective's full text and the sources). A number item keeps its tolerance (Moodle ``numerical``
``<tolerance>``; Canvas ``numerical_question`` with the range ``vargte``/``varlte``) and its prompt says the unit
once (a line is added only when the bank's prompt does not already say "in <unit>"); its explanation is the
item feedback ``correct_fb``, which Canvas takes by its name as the question's "correct" comment, so no condition
displays it as well (else Canvas shows it twice; a QTI player that shows only linked feedback leaves it out,
while Moodle's file holds it as the right answer's feedback). A practice item exports its bank's default
instance. An ordering item is a Moodle ``ordering`` question (a core type since Moodle 4.4; earlier Moodle needs
the qtype_ordering plugin; Moodle shuffles its items itself) and a Canvas ``matching_question`` (each step, in
the order shown, is matched to its position). Canvas reads a match's id from the first run of digits in a
position's ident and an answer's id from a step's response ident, so these are ``position_1``, ``position_2``, ...
and ``response_1``, ``response_2``, ...: their only digits are the position and the step's place.

Why a small writer of our own (``xml.etree``) and no library: ``text2qti`` 0.8.0 (BSD; bespon, markdown) reads
its own plain-text quiz format, writes Canvas QTI only (no Moodle XML), has no ordering or matching item and no
place for item metadata such as an objective; ``qti-package-maker`` 26.7.14 (LGPL-3; lxml, crcmod, num2words,
tabulate) drops per-option feedback in its Canvas writer, does not write ordering items for Canvas, and writes
Moodle only as Aiken text, which has no feedback at all. Both would lose what the banks hold.

Bank text is plain text with a few marks (``**bold**``, ``*italics*``, ```code```, ``<sup>``/``<sub>``):
:func:`text_html` escapes everything, then turns those marks into HTML. Only an objective holds ``<sup>``/``<sub>``
(the notebooks render it); an item's prompt, options, feedback, explanation and hint are shown escaped by the quiz
in JupyterLab and the handouts, so they are written as they should read (powers as ``exp(−kτ)`` or ``(½)ⁿ``, the
chloride reversal potential in words) and the platforms get the same text.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import string
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from helpers.activities.display import safety_html
from helpers.activities.inventory import load_inventory
from helpers.activities.quiz import NumberQuestion, OrderingQuestion, Question, load_quiz
from helpers.course import lessons
from helpers.glossary import objectives
from helpers.references import citation_text, references

DEFAULT_OUT_DIR = Path("build/lms")
QTI_ZIP = "course-qti.zip"
MOODLE_FILE = "course-moodle.xml"
SKIPPED_FILE = "skipped.txt"
COURSE_CATEGORY = "$course$/Benzodiazepines course"
INVENTORY_TITLE = "Concept inventory"
QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI_SCHEMA_LOCATION = f"{QTI_NAMESPACE} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CP_NAMESPACE = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
CANVAS_NAMESPACE = "http://canvas.instructure.com/xsd/cccv1p0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ZIP_DATE = (2020, 1, 1, 0, 0, 0)   # a fixed date in the zip, so the same banks give the same bytes
MOODLE_PENALTY = "0.3333333"   # Moodle's default penalty for each wrong try
UNLIMITED = -1   # Canvas's allowed_attempts for no limit ("unlimited" in QTI's cc_maxattempts)
INVENTORY_ATTEMPTS = 2   # the concept inventory: a pre-test and a post-test attempt


@dataclass(frozen=True)
class Assessment:
    """One quiz: ``ident`` (an XML name), its ``title``, its Moodle ``category`` path, and its ``items``
    (:class:`ExportItem`)."""

    ident: str
    title: str
    category: str
    items: tuple


@dataclass(frozen=True)
class ExportItem:
    """A bank item with what the platforms' tags need: its ``question`` (a quiz question; an inventory item as a
    :class:`Question` with its options in the order shown), the ``lesson`` ("03", or "inventory"), and its
    objective's number and text (an inventory item: its concept's id and name)."""

    question: Question | NumberQuestion | OrderingQuestion
    lesson: str
    objective_id: str
    objective: str

    @property
    def tags(self) -> tuple[str, ...]:
        """Moodle tags (each under Moodle's 50 characters) and QTI keywords."""
        question = self.question
        if self.lesson == "inventory":
            return ("inventory", f"concept-{self.objective_id}")
        return (f"lesson-{self.lesson}", f"level-{question.level or 'none'}",
                "extension" if question.extension else "core", f"objective-{self.objective_id}")


# ---------------------------------------------------------------------------------------------------- the banks


def course_assessments() -> tuple[Assessment, ...]:
    """One assessment per registry lesson (every item of its bank, in the bank's order), then the inventory."""
    quizzes = tuple(_lesson_assessment(lesson) for lesson in lessons())
    return (*quizzes, inventory_assessment())


def _lesson_assessment(lesson) -> Assessment:
    numbered = _numbered_objectives(lesson)
    items = tuple(ExportItem(question, lesson.number, numbered[question.objective], question.objective)
                  for question in load_quiz(lesson.number))
    return Assessment(f"lesson_{lesson.number}", f"{lesson.number} {lesson.title}",
                      f"{COURSE_CATEGORY}/{lesson.number} {lesson.title}", items)


def _numbered_objectives(lesson) -> dict[str, str]:
    """Each objective of the lesson's notebook -> its number, "03.2" for the second (``KeyError`` later names an
    objective that the notebook does not list)."""
    notebook = json.loads(lesson.notebook.read_text(encoding="utf-8"))
    return {text: f"{lesson.number}.{index}" for index, text in enumerate(objectives(notebook), start=1)}


def inventory_assessment() -> Assessment:
    """The concept inventory: each item a choice question, options in the order shown (the item's seeded
    shuffle), its concept as the objective."""
    inventory = load_inventory()
    items = []
    for item in inventory.items:
        shown = [item.options[index] for index in item.shown]
        question = Question(prompt=item.prompt, options=[option.text for option in shown],
                            answer=item.shown.index(item.right_index),
                            option_feedback=[option.feedback for option in shown], id=item.id,
                            objective=inventory.concepts[item.concept], sources=item.sources)
        items.append(ExportItem(question, "inventory", item.concept, inventory.concepts[item.concept]))
    return Assessment("concept_inventory", INVENTORY_TITLE, f"{COURSE_CATEGORY}/{INVENTORY_TITLE}", tuple(items))


# ---------------------------------------------------------------------------------------------------- text


ALLOWED_TAGS = ("sup", "sub", "b", "i", "em", "strong")   # bare tags the bank text may already hold
MARKS = ((re.compile(r"\*\*(\S(?:.*?\S)?)\*\*"), r"<strong>\1</strong>"),
         (re.compile(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])"), r"<em>\1</em>"),
         (re.compile(r"`([^`]+)`"), r"<code>\1</code>"))


def text_html(text: str) -> str:
    """Bank text as safe HTML: everything escaped, then ``**bold**``, ``*italics*``, ```code``` and the bare tags
    of :data:`ALLOWED_TAGS` (``e<sup>−kτ</sup>``) turned back into markup. µ, ±, → and [source ids] stay as they
    are (the files are UTF-8)."""
    escaped = html.escape(str(text), quote=False)
    for tag in ALLOWED_TAGS:
        escaped = escaped.replace(f"&lt;{tag}&gt;", f"<{tag}>").replace(f"&lt;/{tag}&gt;", f"</{tag}>")
    for pattern, markup in MARKS:
        escaped = pattern.sub(markup, escaped)
    return escaped


def plain_text(text: str) -> str:
    """Bank text without markup (for titles and metadata); a power keeps its meaning as ``e^(−kτ)``, an index as
    ``E_(Cl)``."""
    text = re.sub(r"<sup>(.*?)</sup>", r"^(\1)", str(text))
    text = re.sub(r"<sub>(.*?)</sub>", r"_(\1)", text)
    return re.sub(r"</?[a-z]+>", "", text).replace("**", "")


def source_line(source_id: str) -> str:
    """A traceable citation with its id for a reference of the base; other entries ("in the model") as they are."""
    return citation_text(source_id) if source_id in references() else source_id


NO_UNIT = "no unit"   # a number item's unit when the answer is a pure number, as the banks write it: "(no unit)"


def prompt_html(question) -> str:
    """The prompt; a number item says its unit once: a line is added unless the prompt already asks "in <unit>"."""
    text = f"<p>{text_html(question.prompt)}</p>"
    line = unit_line(question) if isinstance(question, NumberQuestion) else ""
    return text + (f"<p>{text_html(line)}</p>" if line else "")


def unit_line(question: NumberQuestion) -> str:
    """The line that tells a number item's unit, or "" when the prompt already says it ("Type it in mV.")."""
    unit = question.unit.strip("()")
    if unit == NO_UNIT:
        return "Type a number without a unit."
    if f"in {unit}" in question.prompt:
        return ""
    return f"Answer as a number (unit: {unit})."


def general_feedback_html(item: ExportItem) -> str:
    """Shown after an answer, whatever it was: the objective (or concept), level and part of the lesson, the
    ordering item's explanation, and the sources (citation and id)."""
    question = item.question
    label = "Concept" if item.lesson == "inventory" else f"Objective {item.objective_id}"
    parts = [f"<p><strong>{label}:</strong> {text_html(item.objective)}</p>"]
    if item.lesson != "inventory":
        part = "extension" if question.extension else "core"
        parts.append(f"<p><strong>Level:</strong> {html.escape(question.level or 'not given')}; {part} item.</p>")
    if isinstance(question, OrderingQuestion):
        parts.append(f"<p><strong>The order:</strong> {text_html(question.answer_text)}. "
                     f"{text_html(question.explanation)}</p>")
    if question.sources:
        lines = "".join(f"<li>{html.escape(source_line(source))}</li>" for source in question.sources)
        parts.append(f"<p><strong>Sources:</strong></p><ul>{lines}</ul>")
    return "".join(parts)


def number_text(value: float) -> str:
    """A number as the platforms read it: up to ten significant figures, no exponent for usual sizes."""
    return f"{float(value):.10g}"


# ---------------------------------------------------------------------------------------------------- Moodle XML


def moodle_document(assessments) -> ET.Element:
    """The Moodle XML ``<quiz>``: per assessment a category, the safety statement, then its questions."""
    quiz = ET.Element("quiz")
    for assessment in assessments:
        category = ET.SubElement(quiz, "question", type="category")
        _text(ET.SubElement(category, "category"), assessment.category)
        _html(category, "info", f"<p>{html.escape(assessment.title)}</p>")
        quiz.append(_moodle_safety(assessment))
        for item in assessment.items:
            quiz.append(moodle_question(item))
    return quiz


def _moodle_safety(assessment: Assessment) -> ET.Element:
    question = ET.Element("question", type="description")
    _text(ET.SubElement(question, "name"), f"Safety statement ({assessment.title})")
    _html(question, "questiontext", safety_html())
    _html(question, "generalfeedback", "")
    ET.SubElement(question, "defaultgrade").text = "0"
    ET.SubElement(question, "penalty").text = "0"
    ET.SubElement(question, "hidden").text = "0"
    return question


def moodle_question(item: ExportItem) -> ET.Element:
    """One Moodle question: ``multichoice``, ``numerical`` or ``ordering`` by the item's kind."""
    question = item.question
    kind = {Question: "multichoice", NumberQuestion: "numerical", OrderingQuestion: "ordering"}[type(question)]
    element = ET.Element("question", type=kind)
    _text(ET.SubElement(element, "name"), question.id)
    _html(element, "questiontext", prompt_html(question))
    _html(element, "generalfeedback", general_feedback_html(item))
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = MOODLE_PENALTY
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = question.id
    {"multichoice": _moodle_choice, "numerical": _moodle_number, "ordering": _moodle_ordering}[kind](element, question)
    tags = ET.SubElement(element, "tags")
    for tag in item.tags:
        _text(ET.SubElement(tags, "tag"), tag)
    return element


def _moodle_choice(element: ET.Element, question: Question) -> None:
    """One right option (fraction 100), the others 0, each with its feedback; Moodle keeps the order given."""
    for name, value in (("single", "true"), ("shuffleanswers", "0"), ("answernumbering", "abc"),
                        ("showstandardinstruction", "0")):
        ET.SubElement(element, name).text = value
    _moodle_outcome_feedback(element, "Correct.", "Not quite.")
    for index, (option, feedback) in enumerate(zip(question.options, question.option_feedback, strict=True)):
        answer = ET.SubElement(element, "answer", fraction="100" if index == question.answer else "0",
                               format="html")
        _text(answer, text_html(option))
        _html(answer, "feedback", text_html(feedback))


def _moodle_number(element: ET.Element, question: NumberQuestion) -> None:
    """The value with its tolerance (full marks within ± tolerance), its explanation; any other number (``*``)
    gets the hint. Units are in the prompt, not asked for (``showunits`` 3: none)."""
    right = ET.SubElement(element, "answer", fraction="100", format="moodle_auto_format")
    _text(right, number_text(question.value))
    _html(right, "feedback", text_html(question.explanation))
    ET.SubElement(right, "tolerance").text = number_text(question.tolerance)
    other = ET.SubElement(element, "answer", fraction="0", format="moodle_auto_format")
    _text(other, "*")
    _html(other, "feedback", text_html(question.hint))
    ET.SubElement(other, "tolerance").text = "0"
    for name, value in (("unitgradingtype", "0"), ("unitpenalty", "0.1000000"), ("showunits", "3"),
                        ("unitsleft", "0")):
        ET.SubElement(element, name).text = value


def _moodle_ordering(element: ET.Element, question: OrderingQuestion) -> None:
    """Moodle's ordering type: the steps in the right order (fraction = position), all shown, graded by
    absolute position; the hint as partly-right and wrong feedback."""
    for name, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                        ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"), ("numberingstyle", "none")):
        ET.SubElement(element, name).text = value
    _html(element, "correctfeedback", text_html(f"Correct. {question.explanation}"))
    _html(element, "partiallycorrectfeedback", text_html(f"Not quite. {question.hint}"))
    _html(element, "incorrectfeedback", text_html(f"Not quite. {question.hint}"))
    ET.SubElement(element, "shownumcorrect").text = "1"
    for position, step in enumerate(question.items, start=1):
        answer = ET.SubElement(element, "answer", fraction=f"{position}.0000000", format="html")
        _text(answer, text_html(step))


def _moodle_outcome_feedback(element: ET.Element, right: str, wrong: str) -> None:
    _html(element, "correctfeedback", right)
    _html(element, "partiallycorrectfeedback", wrong)
    _html(element, "incorrectfeedback", wrong)
    ET.SubElement(element, "shownumcorrect").text = "0"


def _text(parent: ET.Element, value: str) -> ET.Element:
    text = ET.SubElement(parent, "text")
    text.text = value
    return text


def _html(parent: ET.Element, name: str, markup: str) -> ET.Element:
    element = ET.SubElement(parent, name, format="html")
    _text(element, markup)
    return element


def moodle_xml(quiz: ET.Element) -> str:
    """The document as text, every ``<text>`` of an HTML field in CDATA (as Moodle writes it)."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _serialised(quiz, 0, html_text=False) + "\n"


def _serialised(element: ET.Element, depth: int, html_text: bool) -> str:
    indent = "  " * depth
    attributes = "".join(f' {name}="{html.escape(value)}"' for name, value in element.attrib.items())
    if len(element):
        inner = element.get("format") == "html"
        children = "\n".join(_serialised(child, depth + 1, inner) for child in element)
        return f"{indent}<{element.tag}{attributes}>\n{children}\n{indent}</{element.tag}>"
    text = element.text or ""
    if html_text and element.tag == "text":
        body = "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"
    else:
        body = html.escape(text, quote=False)
    return f"{indent}<{element.tag}{attributes}>{body}</{element.tag}>"


# ---------------------------------------------------------------------------------------------------- QTI 1.2


def qti_document(assessment: Assessment) -> ET.Element:
    """A QTI 1.2 ``<questestinterop>`` holding the assessment, one section, its items."""
    root = ET.Element("questestinterop", {"xmlns": QTI_NAMESPACE, "xmlns:xsi": XSI,
                                          "xsi:schemaLocation": QTI_SCHEMA_LOCATION})
    element = ET.SubElement(root, "assessment", ident=assessment.ident, title=assessment.title)
    attempts = allowed_attempts(assessment)
    _metadata(element, "qtimetadata", {"cc_maxattempts": "unlimited" if attempts == UNLIMITED else str(attempts)})
    section = ET.SubElement(element, "section", ident="root_section")
    for item in assessment.items:
        section.append(qti_item(item))
    return root


QTI_TYPES = {Question: "multiple_choice_question", NumberQuestion: "numerical_question",
             OrderingQuestion: "matching_question"}


def qti_item(item: ExportItem) -> ET.Element:
    """One QTI item in Canvas's dialect, with the course's metadata fields."""
    question = item.question
    element = ET.Element("item", ident=question.id, title=item_title(item))
    fields = {"question_type": QTI_TYPES[type(question)], "points_possible": "1.0",
              "bank_id": question.id, "lesson": item.lesson, "objective_id": item.objective_id,
              "objective": plain_text(item.objective), "level": question.level or "",
              "sources": "; ".join(question.sources), "keywords": " ".join(item.tags)}
    metadata = ET.SubElement(element, "itemmetadata")
    _metadata(metadata, "qtimetadata", fields)
    presentation = ET.SubElement(element, "presentation")
    _material(presentation, prompt_html(question))
    processing = ET.SubElement(element, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    _condition(processing, ET.Element("other"), feedback="general_fb", stop=False)
    feedback = {"general_fb": general_feedback_html(item)}
    writer = {Question: _qti_choice, NumberQuestion: _qti_number, OrderingQuestion: _qti_matching}[type(question)]
    feedback |= writer(question, presentation, processing)
    for ident, markup in feedback.items():
        block = ET.SubElement(element, "itemfeedback", ident=ident)
        _material(ET.SubElement(block, "flow_mat"), markup)
    return element


def item_title(item: ExportItem) -> str:
    """The item's title, which Canvas keeps as the question's name: lesson, objective (or concept) and bank id."""
    if item.lesson == "inventory":
        return f"{INVENTORY_TITLE} · concept {item.objective_id} · {item.question.id}"
    return f"{item.lesson} · objective {item.objective_id} · {item.question.id}"


def _qti_choice(question: Question, presentation: ET.Element, processing: ET.Element) -> dict:
    """Options in the order shown (``shuffle="No"``), each option's feedback, 100 for the right one."""
    response = ET.SubElement(presentation, "response_lid", ident="response1", rcardinality="Single")
    choices = ET.SubElement(response, "render_choice", shuffle="No")
    feedback = {}
    for index, (option, text) in enumerate(zip(question.options, question.option_feedback, strict=True)):
        ident = option_ident(question, index)
        label = ET.SubElement(choices, "response_label", ident=ident)
        _material(label, text_html(option))
        _condition(processing, _equal(ident), feedback=f"{ident}_fb", stop=False)
        feedback[f"{ident}_fb"] = text_html(text)
    _condition(processing, _equal(option_ident(question, question.answer)), score="100")
    return feedback


def option_ident(question, index: int) -> str:
    """An option's QTI ident: the item's id and the option's letter in the order shown."""
    return f"{question.id}-{string.ascii_lowercase[index]}"


def _qti_number(question: NumberQuestion, presentation: ET.Element, processing: ET.Element) -> dict:
    """A decimal entry; right when it equals the value or lies within value ± tolerance (Canvas's range). The
    explanation ``correct_fb`` is linked by its name only: Canvas makes it the question's "correct" comment, and a
    ``displayfeedback`` in the scoring condition would add it again as the answer's comment."""
    response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
    ET.SubElement(ET.SubElement(response, "render_fib", fibtype="Decimal"), "response_label", ident="answer1")
    either = ET.Element("or")
    either.append(_equal(number_text(question.value)))
    within = ET.SubElement(either, "and")
    ET.SubElement(within, "vargte", respident="response1").text = number_text(question.value - question.tolerance)
    ET.SubElement(within, "varlte", respident="response1").text = number_text(question.value + question.tolerance)
    _condition(processing, either, score="100")
    _condition(processing, ET.Element("other"), feedback="general_incorrect_fb", stop=False)
    return {"correct_fb": text_html(f"Correct. {question.explanation}"),
            "general_incorrect_fb": text_html(f"Not quite. {question.hint}")}


def _qti_matching(question: OrderingQuestion, presentation: ET.Element, processing: ET.Element) -> dict:
    """Canvas has no ordering type: each step (in the order shown) is matched to its position, 1 to n; each
    right match adds its share of 100."""
    count = len(question.items)
    for shown_index, (step, position) in enumerate(zip(question.shown_items, question.right_positions(),
                                                       strict=True)):
        respident = f"response_{shown_index + 1}"
        response = ET.SubElement(presentation, "response_lid", ident=respident)
        _material(response, text_html(step))
        choices = ET.SubElement(response, "render_choice")
        for number in range(1, count + 1):
            label = ET.SubElement(choices, "response_label", ident=position_ident(number))
            _material(label, f"Position {number}")
        _condition(processing, _equal(position_ident(position), respident),
                   score=number_text(100 / count), action="Add", stop=None)
    return {}


def position_ident(position: int) -> str:
    """A position's QTI ident, ``position_3``: Canvas takes the first run of digits as the match's id, so the
    position is the only number in it (the same in every ordering item; a ``response_lid`` scopes it)."""
    return f"position_{position}"


def _metadata(parent: ET.Element, name: str, fields: dict) -> None:
    block = ET.SubElement(parent, name)
    for label, entry in fields.items():
        field = ET.SubElement(block, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry


def _material(parent: ET.Element, markup: str) -> None:
    ET.SubElement(ET.SubElement(parent, "material"), "mattext", texttype="text/html").text = markup


def _equal(value: str, respident: str = "response1") -> ET.Element:
    element = ET.Element("varequal", respident=respident)
    element.text = value
    return element


def _condition(processing: ET.Element, test: ET.Element, *, score: str | None = None, action: str = "Set",
               feedback: str | None = None, stop: bool | None = True) -> None:
    """A ``respcondition``: ``continue="No"`` when ``stop``, ``"Yes"`` when not, no attribute when None."""
    attributes = {} if stop is None else {"continue": "No" if stop else "Yes"}
    condition = ET.SubElement(processing, "respcondition", attributes)
    ET.SubElement(condition, "conditionvar").append(test)
    if score is not None:
        ET.SubElement(condition, "setvar", action=action, varname="SCORE").text = score
    if feedback:
        ET.SubElement(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback)


def is_inventory(assessment: Assessment) -> bool:
    return assessment.title == INVENTORY_TITLE


def allowed_attempts(assessment: Assessment) -> int:
    """Attempts a learner has: two for the concept inventory (pre- and post-test), no limit for a lesson's quiz."""
    return INVENTORY_ATTEMPTS if is_inventory(assessment) else UNLIMITED


def canvas_meta(assessment: Assessment) -> ET.Element:
    """Canvas's quiz settings: title, a description with the safety statement, answers kept in order, attempts;
    the right answers shown after a lesson's quiz, hidden (with the results) for the inventory's pre-test."""
    quiz = ET.Element("quiz", {"identifier": assessment.ident, "xmlns": CANVAS_NAMESPACE})
    ET.SubElement(quiz, "title").text = assessment.title
    ET.SubElement(quiz, "description").text = safety_html()
    pre_test = is_inventory(assessment)
    settings = [("shuffle_answers", "false"), ("scoring_policy", "keep_highest"), ("quiz_type", "practice_quiz"),
                ("points_possible", f"{len(assessment.items)}.0"),
                ("show_correct_answers", "false" if pre_test else "true"),
                ("allowed_attempts", str(allowed_attempts(assessment)))]
    if pre_test:
        settings.append(("hide_results", "always"))
    for name, value in settings:
        ET.SubElement(quiz, name).text = value
    ET.SubElement(quiz, "assessment_question_identifierref").text = assessment.ident
    return quiz


def qti_files(assessments) -> dict[str, bytes]:
    """Every file of the package by its path in the zip, the manifest first."""
    files = {}
    for assessment in assessments:
        files[f"{assessment.ident}/{assessment.ident}.xml"] = _xml_bytes(qti_document(assessment))
        files[f"{assessment.ident}/assessment_meta.xml"] = _xml_bytes(canvas_meta(assessment))
    return {"imsmanifest.xml": _xml_bytes(manifest(assessments)), **files}


def manifest(assessments) -> ET.Element:
    """The IMS Content Packaging manifest: per assessment its QTI resource and, as its dependency, Canvas's
    settings."""
    root = ET.Element("manifest", {"identifier": "benzodiazepines_course_banks", "xmlns": CP_NAMESPACE,
                                   "xmlns:xsi": XSI})
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    for assessment in assessments:
        meta_ident = f"{assessment.ident}_meta"
        resource = ET.SubElement(resources, "resource", identifier=assessment.ident, type="imsqti_xmlv1p2")
        ET.SubElement(resource, "file", href=f"{assessment.ident}/{assessment.ident}.xml")
        ET.SubElement(resource, "dependency", identifierref=meta_ident)
        meta_href = f"{assessment.ident}/assessment_meta.xml"
        meta = ET.SubElement(resources, "resource", identifier=meta_ident,
                             type="associatedcontent/imscc_xmlv1p1/learning-application-resource", href=meta_href)
        ET.SubElement(meta, "file", href=meta_href)
    return root


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write_zip(path: Path, files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), data, compress_type=zipfile.ZIP_DEFLATED)


# ---------------------------------------------------------------------------------------------------- build


def skipped_items(assessments) -> list[str]:
    """Items neither format can hold, each with the reason: none today (every kind has a type in both)."""
    return [f"{item.question.id}: {type(item.question).__name__} has no export"
            for assessment in assessments for item in assessment.items if type(item.question) not in QTI_TYPES]


def build(out_dir: Path, log=print) -> dict[str, Path]:
    """Write the package, the Moodle file and (when any) the list of skipped items to ``out_dir``; ``log`` gets
    the summary lines. Returns the written files by name."""
    start = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    assessments = course_assessments()
    written = {QTI_ZIP: out_dir / QTI_ZIP, MOODLE_FILE: out_dir / MOODLE_FILE}
    files, quiz = qti_files(assessments), moodle_document(assessments)
    write_zip(written[QTI_ZIP], files)
    written[MOODLE_FILE].write_text(moodle_xml(quiz), encoding="utf-8")
    skipped, skipped_path = skipped_items(assessments), out_dir / SKIPPED_FILE
    if skipped:
        skipped_path.write_text("\n".join(skipped) + "\n", encoding="utf-8")
        written[SKIPPED_FILE] = skipped_path
    else:
        skipped_path.unlink(missing_ok=True)
    counts = {"QTI": qti_counts(files), "Moodle": moodle_counts(quiz)}
    for line in summary(assessments, counts, written, skipped, time.perf_counter() - start):
        log(line)
    return written


def qti_counts(files: dict[str, bytes]) -> dict[str, int]:
    """The items each QTI file of the package holds, by assessment title."""
    counts = {}
    for data in files.values():
        assessment = ET.fromstring(data).find(f"{{{QTI_NAMESPACE}}}assessment")
        if assessment is not None:
            counts[assessment.get("title")] = len(assessment.findall(f".//{{{QTI_NAMESPACE}}}item"))
    return counts


def moodle_counts(quiz: ET.Element) -> dict[str, int]:
    """The questions (not the safety description) under each category of the Moodle document, by its last part."""
    counts, current = {}, None
    for question in quiz:
        if question.get("type") == "category":
            current = question.findtext("category/text").rsplit("/", 1)[-1]
            counts[current] = 0
        elif question.get("type") != "description":
            counts[current] += 1
    return counts


def summary(assessments, counts: dict[str, dict], written: dict[str, Path], skipped: list[str],
            seconds: float) -> list[str]:
    """Items per assessment and kind, the items counted in each written format, sizes, skips and time taken."""
    formats = list(counts)
    lines = [f"{'assessment':<56} {'choice':>6} {'number':>6} {'order':>6}" + "".join(f" {f:>6}" for f in formats)]
    for assessment in assessments:
        kinds = [type(item.question) for item in assessment.items]
        row = [kinds.count(kind) for kind in (Question, NumberQuestion, OrderingQuestion)]
        row += [counts[name].get(assessment.title, 0) for name in formats]
        lines.append(f"{assessment.title[:56]:<56}" + "".join(f" {number:>6}" for number in row))
    totals = ", ".join(f"{name} {sum(found.values())}" for name, found in counts.items())
    bank = sum(len(assessment.items) for assessment in assessments)
    lines.append(f"Items: {bank} in the banks; written: {totals}; skipped: {len(skipped)}"
                 + (f" (see {SKIPPED_FILE})" if skipped else ""))
    lines.extend(f"  {path} ({path.stat().st_size / 1024:.1f} KiB)" for path in written.values())
    lines.append(f"Built in {seconds:.2f} s")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publish.lms", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="output folder (default: build/lms)")
    args = parser.parse_args(argv)
    build(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
