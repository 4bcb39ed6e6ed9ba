"""Slide decks for the classroom: one offline reveal.js deck per lesson, from the lesson's core.

``python -m helpers.publish.slides --out build/slides`` (or ``make slides``) writes ``NN_slug.html`` for every
lesson of ``lessons/course.yaml`` and ``index.html`` listing them. A deck is the handout-mode run of the notebook
(:func:`helpers.publish.build.execute_for_handout`): explorers are the handouts' kernel-free charts with native
controls, prediction moments the handouts' predict forms (the chart appears only after the room commits).
Left out: cells tagged ``extension`` (the closing slide points to them as "Going further", self-study), the code
of code cells (their outputs stay), the glossary cell, the setup cell's safety box (the title slide and the last
slide carry the safety statement) and the reference list (one short slide points to the handout). Decks record
nothing in the learner's record, load nothing from outside themselves (reveal.js and plotly.js are inlined once)
and are 1280 x 720 with body text of 28 px. Speaker notes (key S) come from the guide's run sheet
(``lessons/NN_slug.md``, "## Run sheet"): each row's minutes, start and "What you do" on the first slide of the
section it names, with the opening of any guide section a row points to "(below)"; the sentences naming a demo,
exercise or Think! again on that activity's slide; a prediction slide gets the answer and what to do with each
wrong prediction from the guide's "Prediction moment(s)" table (presenter only: never on a slide). The notebook's
"⏱ ~16 of 50 min" lines become "Time so far: ~16 of 50 min" in the notes. Print one slide a page:
open the deck with ``?print-pdf`` and print to PDF once reveal.js is ready (``tests/test_slides.py`` does it with
Playwright). Headless Chromium's own ``--print-to-pdf`` needs ``--window-size=1280,720``,
``--run-all-compositor-stages-before-draw`` and a long ``--virtual-time-budget`` (60000): without them it may
print before reveal.js has laid the pages out, one blank page.

Slide breaks, for authors: a cell may set Jupyter's standard ``metadata.slideshow.slide_type``:

- ``"slide"`` or ``"subslide"``: the cell starts a new slide (decks are flat: a subslide is a slide);
- ``"fragment"``: the cell appears on the current slide at the next press of the arrow key;
- ``"-"``: the cell continues the current slide (its headings do not start a slide);
- ``"notes"``: the cell's text goes to the current slide's speaker notes only;
- ``"skip"``: the cell is left out of the deck.

Without it, a ``##`` or ``###`` heading starts a slide, each activity output (explorer, prediction, exercise box,
quiz, table, diagram) gets a slide of its own after the text that introduces it, and text too long for a slide
goes on to a "(cont.)" slide, split between paragraphs, list items or table rows, balanced over the fewest slides
(no row or item alone; a "(cont.)" slide takes paragraphs from the slide before until it holds three lines); a
sentence ending with ":" stays with what it introduces, and a safety note on a table row with that row. So that
every slide fits the projector: a quiz shows one question a slide (a warm-up its fixed draw); a long table goes
on over slides with its header, and one too wide or tall for 28 px text becomes its caption and a pointer to the
handout (as do the concept inventory, answered by each learner alone, and a reading list); a demo's introduction
and its figure summary (or a chart's summary printed on its own) go to the speaker notes; once the room commits a
prediction, the chart takes the question's place. Chart lines are drawn in the palette's projector shades
(:func:`helpers.theme.for_projector`).

In a deck, each slide is ``<section class="course-slide" data-course-slide="N">`` (N from 1) with
``data-course-slide-kind`` ("title", "text", "activity", "references", "closing") and, on an activity's slide,
``data-course-activity-slide`` ("explorer", "predict", "exercise", "inventory", "quiz", "table", "diagram", "chart",
"figure").
Text slides fit 1280 x 720; an activity's slide (and text behind a ``<details>``) has the class
``course-slide--scrolls`` and may scroll, its charts (``.course-chart`` holding ``.js-plotly-plot``) staying
within the slide. The speaker notes are each slide's ``<aside class="notes">``.
"""

from __future__ import annotations

import html
import json
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import mistune
from markupsafe import Markup

from helpers import course
from helpers.activities.display import safety_html
from helpers.publish import revealjs
from helpers.publish.build import (REMOTE_RESOURCE, REMOTE_SCRIPT, STATIC_DIR, HandoutBuildError,
                                   Lesson, _activity_scripts_once, discover_lessons, execute_for_handout,
                                   link_pages, plotlyjs_for)
from helpers.publish.pages import record_head
from helpers.publish.run import display_path
from helpers.theme import SLIDE_HEIGHT_PX, SLIDE_WIDTH_PX, for_projector, handout_css, slide_css

if TYPE_CHECKING:
    import nbformat

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT_DIR = ROOT / "build" / "slides"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "slides"
SLIDES_CSS = STATIC_DIR / "slides.css"
SLIDES_JS = STATIC_DIR / "slides.js"
DECK_SCRIPTS = ("selfcheck.js",)   # static/: the self-checks (course.js would size the charts for a page)

# The deck's size and type (reveal.js config and static/slides.css) are helpers.theme's: SLIDE_WIDTH_PX x
# SLIDE_HEIGHT_PX, body text SLIDE_TEXT_PX.
# The text budget of one slide, in body lines (28 px type, line height 1.35, under a one-line heading), and the
# characters of one line: both conservative (wide fallback fonts), so that no text slide overflows 720 px.
SLIDE_LINES = 13.5
LINE_CHARS = 84
HEADING_LINE_CHARS = 56   # 40 px headings
CONTINUED = " (cont.)"
TABLE_ROW_PADDING = 0.2   # a table row's padding and rule, in lines (static/slides.css: 0.1 em above and below)
MIN_CONTINUED_LINES = 3   # a "(cont.)" slide holds at least this many body lines where the slide before can spare
CLOSING_TOPICS_CHARS = 150   # the Going-further headings the last slide names (the safety statement fills the rest)

SLIDE_TYPES = frozenset({"slide", "subslide", "fragment", "skip", "notes", "-"})
GLOSSARY_MARK = "<!-- glossary"
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s")
HTML_OPEN = re.compile(r"<(details|div|table|figure|ul|ol)\b", re.I)
HTML_CLOSE = re.compile(r"</(?:details|div|table|figure|ul|ol)>", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-Z*(\[])")
TAGS = re.compile(r"<[^>]+>")
LEADING_LIST_MARK = re.compile(r"^(\s*\d*)([.)\-*+]\s)")
MARKDOWN_MARKS = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]")

# What an output is, from the HTML the course's activities write (helpers.activities.*).
ACTIVITY_MARKS = (("predict", 'data-course-activity="predict"'), ("explorer", 'data-course-activity="explorer"'),
                  ("exercise", 'data-course-activity="exercise"'), ("inventory", 'data-course-activity="inventory"'),
                  ("quiz", 'class="course-quiz"'), ("reading", 'class="course-reading"'),
                  ("diagram", "course-diagram"), ("table", "<table"), ("chart", "course-chart"))
LEFT_OUT_OUTPUTS = ('class="course-safety"', 'class="course-sources"')   # on the title/last slides; in the handout
CODE_ROUTE_ONLY = re.compile(r'^\s*<div class="course-exercise-feedback"[^>]*>.*</div>\s*$', re.S)
QUIZ_LABEL = re.compile(r'<form class="course-quiz"[^>]*aria-label="([^"]*)"')
MOMENT = re.compile(r'data-moment="([^"]+)"')
NESTED_SECTION_OPEN = re.compile(r"<section\b", re.I)
NESTED_SECTION_CLOSE = re.compile(r"</section>", re.I)
# The notebook's "time so far" line, for the instructor ("*⏱ ~16 of 50 min so far.* The rest of the paragraph"):
# in a deck it goes to the notes as "Time so far: ~16 of 50 min" (and the glyph shows as an empty box in Chromium).
TIME_MARKER = re.compile(r"^\s*(\*?)⏱\s*(?:~(\d+) of (\d+) min(?: so far)?\.?|([^*\n]*))\s*")
TIME_SO_FAR = "Time so far: ~{} of {} min"
TIME_GLYPH = "⏱"

_markdown = mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "url"])


# ---------------------------------------------------------------- the notebook as a stream of pieces


@dataclass(frozen=True)
class Piece:
    """One thing a deck shows, in notebook order: a heading, a markdown block, an output, or speaker notes."""

    kind: str            # "heading" | "text" | "output" | "notes"
    text: str            # heading text / markdown block / output HTML / notes markdown
    level: int = 0       # a heading's level
    new_slide: bool = False   # the author's slide_type "slide"/"subslide" on the cell this piece starts
    fragment: bool = False
    keep_together: bool = False   # slide_type "-": headings do not start a slide


def slide_type(cell) -> str:
    """The cell's ``metadata.slideshow.slide_type`` ('' where the author set none, or an unknown value)."""
    value = (cell.get("metadata", {}).get("slideshow") or {}).get("slide_type", "")
    return value if value in SLIDE_TYPES else ""


def core_cells(notebook) -> list:
    """The cells a deck is made of: not tagged ``extension``, not the glossary, not ``slide_type: skip``."""
    return [cell for cell in notebook.cells
            if "extension" not in cell.get("metadata", {}).get("tags", [])
            and not (cell.cell_type == "markdown" and cell.source.lstrip().startswith(GLOSSARY_MARK))
            and slide_type(cell) != "skip"]


def markdown_blocks(source: str) -> list[str]:
    """``source`` cut into blocks at blank lines; a fenced code block or an HTML block (``<details>`` …) stays whole,
    and every heading line is a block of its own."""
    blocks, current, fenced, open_html = [], [], False, 0
    for line in source.splitlines():
        if FENCE.match(line):
            fenced = not fenced
        if not fenced and not open_html and HEADING.match(line):
            blocks.append("\n".join(current))
            blocks.append(line)
            current = []
            continue
        open_html += len(HTML_OPEN.findall(line)) - len(HTML_CLOSE.findall(line))
        open_html = max(open_html, 0)
        if not line.strip() and not fenced and not open_html:
            blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    blocks.append("\n".join(current))
    return [block for block in blocks if block.strip()]


def pieces(notebook) -> list[Piece]:
    """The deck's pieces, from the core cells: markdown blocks and headings, the outputs that show something, and
    the author's slide breaks, fragments and notes."""
    found = []
    for cell in core_cells(notebook):
        kind = slide_type(cell)
        cell_pieces = _markdown_pieces(cell.source, kind) if cell.cell_type == "markdown" else _output_pieces(cell)
        if cell_pieces and kind in ("slide", "subslide"):
            cell_pieces[0] = Piece(**{**cell_pieces[0].__dict__, "new_slide": True})
        found += cell_pieces
    return found


def _markdown_pieces(source: str, kind: str) -> list[Piece]:
    if kind == "notes":
        return [Piece("notes", source)]
    result = []
    for block in markdown_blocks(source):
        heading = HEADING.match(block)
        if heading and "\n" not in block:
            result.append(Piece("heading", heading.group(2), level=len(heading.group(1)),
                                fragment=kind == "fragment", keep_together=kind == "-"))
        else:
            result.append(Piece("text", block, fragment=kind == "fragment"))
    return result


def _output_pieces(cell) -> list[Piece]:
    result = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stdout":
            result.append(Piece("text", "```\n" + _joined(output.get("text", "")).rstrip() + "\n```"))
            continue
        data = output.get("data", {})
        markup = _joined(data.get("text/html", ""))
        if not markup and "image/png" in data:
            markup = f'<img alt="Figure" src="data:image/png;base64,{_joined(data["image/png"]).strip()}">'
        if not markup or any(mark in markup for mark in LEFT_OUT_OUTPUTS) or CODE_ROUTE_ONLY.match(markup):
            continue
        result.append(Piece("output", markup, fragment=slide_type(cell) == "fragment"))
    return result


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def activity_kind(markup: str) -> str:
    """What an output shows: "predict", "explorer", "exercise", "inventory", "quiz", "diagram", "table", "chart" or
    "figure"."""
    return next((kind for kind, mark in ACTIVITY_MARKS if mark in markup), "figure")


# ---------------------------------------------------------------- how much a block takes on a slide


def plain(markdown_text: str) -> str:
    """``markdown_text`` without tags and markdown marks, white space made single (what the reader sees)."""
    return " ".join(MARKDOWN_MARKS.sub(lambda m: m.group(1) or "", TAGS.sub("", markdown_text)).split())


def _lines(text: str, chars: float = LINE_CHARS) -> int:
    return max(1, math.ceil(len(plain(text)) / chars))


def block_lines(block: str) -> float:
    """The body lines a markdown block takes on a slide (its bottom margin included), estimated conservatively."""
    stripped = block.strip()
    if stripped.startswith("<details"):
        return 1.5   # the summary line; the slide scrolls when opened (see slide_classes)
    if stripped.startswith("|"):
        return table_lines(stripped)
    if stripped.startswith(("```", "~~~")):
        return len(stripped.splitlines()) - 2 + 0.8
    items = list_items(stripped)
    if len(items) > 1 or LIST_ITEM.match(stripped):
        return sum(_lines(item, LINE_CHARS - 3) + 0.15 for item in items) + 0.5
    return _lines(stripped) + 0.5


def table_lines(table: str) -> float:
    """Lines of a markdown table: each row as tall as its tallest cell, a column's share of the width in proportion
    to its longest cell (as a browser lays out a table of automatic width)."""
    rows = [[plain(cell) for cell in row.strip().strip("|").split("|")] for row in table.splitlines()
            if row.strip().startswith("|") and not re.match(r"^[\s|:-]+$", row)]
    widths = [max((len(row[column]) for row in rows if column < len(row)), default=1) or 1
              for column in range(max((len(row) for row in rows), default=0))]
    shares = [max(LINE_CHARS * 0.9 * width / sum(widths), 6) for width in widths]
    return 0.8 + sum(max(_lines(cell, share) for cell, share in zip(row, shares)) + TABLE_ROW_PADDING
                     for row in rows)


def list_items(block: str) -> list[str]:
    """A markdown list's items (each with its continuation lines); a block that is no list is one item."""
    items, current = [], []
    for line in block.splitlines():
        if LIST_ITEM.match(line) and current:
            items.append("\n".join(current))
            current = []
        current.append(line)
    items.append("\n".join(current))
    return items


def heading_lines(text: str) -> float:
    return 1.45 * _lines(text, HEADING_LINE_CHARS)


def split_block(block: str, first_budget: float, budget: float) -> list[str]:
    """``block`` cut into parts that fit where it can: the first part in ``first_budget`` lines (what is left on the
    current slide), the others in ``budget``; a list between items, a table between rows (its header repeated), a
    paragraph between sentences. A part that cannot be cut stays whole."""
    if block_lines(block) <= first_budget:
        return [block]
    stripped = block.strip()
    if stripped.startswith("|"):
        rows = stripped.splitlines()
        head = rows[:2]
        return ["\n".join(head + part) for part in _grouped(
            rows[2:], lambda part: table_lines("\n".join(head + part)), first_budget, budget)]
    items = list_items(stripped)
    if len(items) > 1:
        return ["\n".join(part) for part in _grouped(
            items, lambda part: block_lines("\n".join(part)), first_budget, budget)]
    if stripped.startswith(("<", "```", "~~~")):
        return [block]
    sentences = SENTENCE_END.split(" ".join(stripped.split()))
    return [" ".join(part) for part in _grouped(
        sentences, lambda part: block_lines(" ".join(part)), first_budget, budget)]


def _grouped(units: list[str], size: Callable[[list[str]], float], first_budget: float,
             budget: float) -> list[list[str]]:
    """``units`` in as few groups as fit (the first in ``first_budget``, the others in ``budget``), balanced: a
    group's last units move on to the next while that evens their sizes out, so no row or item is left alone."""
    groups, current = [], []
    for unit in units:
        if current and size([*current, unit]) > (budget if groups else first_budget):
            groups.append(current)
            current = []
        current.append(unit)
    groups = [*groups, current] if current else groups
    for _ in units:   # each pass moves units one group on; as many passes as units at most
        moved = False
        for index in range(len(groups) - 1, 0, -1):
            before, after = groups[index - 1], groups[index]
            candidate = [before[-1], *after]
            if len(before) > 1 and size(candidate) <= budget and size(candidate) < size(before):
                groups[index - 1], groups[index] = before[:-1], candidate
                moved = True
        if not moved:
            break
    return groups


# ---------------------------------------------------------------- slides


@dataclass
class Slide:
    """One slide: its heading (markdown), what it shows (HTML parts), its speaker notes (HTML) and what it is."""

    heading: str
    kind: str = "text"        # "title" | "text" | "activity" | "references" | "closing"
    parts: list[str] = field(default_factory=list)
    lines: float = 0.0
    notes: list[str] = field(default_factory=list)
    text_lines: list[float] = field(default_factory=list)   # each text part's lines, while the parts are all text
    activity: str = ""        # an activity slide's kind (activity_kind)
    moment: str = ""          # a prediction slide's moment id
    quiz_label: str = ""
    scrolls: bool = False     # may be taller than the slide (an activity, or text behind a <details>)

    @property
    def classes(self) -> str:
        names = ["course-slide", f"course-slide--{self.kind}"]
        if self.activity:
            names.append(f"course-slide--{self.activity}")
        if self.scrolls:
            names.append("course-slide--scrolls")
        return " ".join(names)

    @property
    def heading_html(self) -> str:
        return _inline(self.heading)

    @property
    def body_html(self) -> str:
        return "\n".join(self.parts)

    @property
    def notes_html(self) -> str:
        return "\n".join(self.notes)


def _inline(markdown_text: str) -> str:
    """One line of markdown as inline HTML (no surrounding ``<p>``)."""
    rendered = _markdown(LEADING_LIST_MARK.sub(r"\1\\\2", markdown_text)).strip()   # "1. One tablet" is no list
    return re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.S)


def time_marker(block: str) -> tuple[str, str]:
    """A block that starts with the notebook's time marker: the note ("Time so far: ~16 of 50 min", or the
    marker's own words) and what is left of the block for the slide; ('', block) for any other block."""
    found = TIME_MARKER.match(block)
    if not found:
        return "", block
    minutes, of_minutes, words = found.group(2, 3, 4)
    note = TIME_SO_FAR.format(minutes, of_minutes) if minutes else (words or "").strip(" .*")
    rest = block[found.end():]
    if found.group(1):   # the marker opened an italic span: close it, or keep it open for the rest
        rest = rest[1:].lstrip() if rest.startswith("*") else "*" + rest
    return note, "" if rest.strip(" *") == "" else rest


def _closing_lead_in(block: str) -> str:
    """The last sentence of a paragraph of several sentences when it ends with ":" (it introduces what follows);
    '' for any other block."""
    stripped = block.strip()
    if not stripped.endswith(":") or stripped.startswith(("|", "<", "```", "~~~", "#")) or LIST_ITEM.match(stripped):
        return ""
    sentences = SENTENCE_END.split(stripped)
    return sentences[-1] if len(sentences) > 1 and "\n\n" not in sentences[-1] else ""


class DeckBuilder:
    """Lays the pieces out on slides: headings start slides, activities get one each, text fills to the budget."""

    def __init__(self):
        self.slides: list[Slide] = []
        self.heading = ""
        self.section = ""
        self.pending_notes: list[str] = []   # a time marker's note, for the slide the next text or activity is on

    @property
    def current(self) -> Slide | None:
        return self.slides[-1] if self.slides else None

    def start(self, heading: str, **kind) -> Slide:
        slide = Slide(heading=heading, lines=heading_lines(heading), notes=self.pending_notes, **kind)
        self.pending_notes = []
        self.slides.append(slide)
        return slide

    def continuation(self) -> Slide:
        base = self.heading or "Overview"
        return self.start(base if base.endswith(CONTINUED) else base + CONTINUED)

    def add(self, piece: Piece) -> None:
        if piece.kind == "notes":
            (self.current or self.continuation()).notes.append(_markdown(piece.text))
        elif piece.kind == "heading":
            self._heading(piece)
        elif piece.kind == "text":
            self._text(piece)
        else:
            self._output(piece)

    def _heading(self, piece: Piece) -> None:
        if piece.level == 1:   # the lesson's title: the title slide has it; what follows is the overview
            self.heading = self.section = "Overview"
            self.start("Overview")
            return
        if piece.keep_together and self.current is not None and self.current.kind == "text":
            self._text(Piece("text", "#" * max(piece.level, 3) + " " + piece.text, fragment=piece.fragment))
            return
        self.heading = piece.text
        if piece.level == 2:
            self.section = piece.text
        kind = "references" if piece.text.strip().lower().startswith("references") else "text"
        self.start(piece.text, kind=kind)

    def _text(self, piece: Piece) -> None:
        note, text = time_marker(piece.text)
        if note:   # "*⏱ ~16 of 50 min*": for the instructor, on the slide the section's text is on
            self.pending_notes.append(f"<p>{html.escape(note)}</p>")
            if not text:
                return
            piece = Piece("text", text, fragment=piece.fragment, new_slide=piece.new_slide)
        if TIME_GLYPH in piece.text:   # lesson 00's table of a lesson's parts names the marker
            piece = Piece("text", re.sub(rf"{TIME_GLYPH}\s*", "", piece.text), fragment=piece.fragment,
                          new_slide=piece.new_slide)
        row_note = ROW_NOTE.match(piece.text)
        if row_note and self._beside_row(row_note.group(1), piece.text):
            return
        lead_in = _closing_lead_in(piece.text)
        if lead_in:   # "... stays a HYPOTHESIS. Other explanations remain open:": the last sentence may move on
            self._text(Piece("text", piece.text.strip()[:-len(lead_in)], fragment=piece.fragment,
                             new_slide=piece.new_slide))
            self._text(Piece("text", lead_in, fragment=piece.fragment))
            return
        slide = self.current
        if slide is None or slide.kind in ("title", "activity") or piece.new_slide:
            slide = self.continuation()
        slide.notes += self.pending_notes
        self.pending_notes = []
        budget = SLIDE_LINES - heading_lines(self.heading + CONTINUED)
        for part in split_block(piece.text, SLIDE_LINES - slide.lines, budget):
            lines = block_lines(part)
            if slide.parts and slide.lines + lines > SLIDE_LINES:
                lead_in = self._lead_in(slide, SLIDE_LINES - lines - heading_lines(self.heading + CONTINUED))
                slide = self.continuation()
                if lead_in:
                    self._put_text(slide, *lead_in)
            markup = _markdown(part)
            self._put_text(slide, f'<div class="fragment">{markup}</div>' if piece.fragment else markup, lines)
            # a <details> opens below the slide's foot; a part that cannot be cut (one long table row) may not fit
            slide.scrolls = slide.scrolls or part.lstrip().startswith("<details") or lines > budget

    def _beside_row(self, row_name: str, block: str) -> bool:
        """A note on one row of a table ("A safety note on the flumazenil row: ...") put on the slide showing that
        row (after it, on a slide of its own, where it does not fit); False where no slide of this heading shows it."""
        base = self.heading.removesuffix(CONTINUED)
        shown = [slide for slide in self.slides if slide.heading.removesuffix(CONTINUED) == base
                 and slide.kind == "text" and row_name.lower() in plain(slide.body_html).lower()]
        if not shown:
            return False
        slide, lines = shown[-1], block_lines(block)
        if slide.lines + lines > SLIDE_LINES:
            slide = Slide(heading=base + CONTINUED, lines=heading_lines(base + CONTINUED))
            self.slides.insert(self.slides.index(shown[-1]) + 1, slide)
        self._put_text(slide, _markdown(block), lines)
        return True

    @staticmethod
    def _put_text(slide: Slide, markup: str, lines: float) -> None:
        if len(slide.text_lines) == len(slide.parts):
            slide.text_lines.append(lines)
        slide.parts.append(markup)
        slide.lines += lines

    def _lead_in(self, slide: Slide, room: float) -> tuple[str, float] | None:
        """The slide's last text part, taken off it, when it ends with ":" (it introduces what follows, which goes
        on the next slide), the slide keeps other parts and the part fits in ``room`` lines; else None. A slide
        left with nothing is dropped, its notes going on with the lead-in."""
        if not (slide.text_lines and len(slide.text_lines) == len(slide.parts) and slide.kind == "text"
                and plain(slide.parts[-1]).rstrip().endswith(":") and slide.text_lines[-1] <= room):
            return None
        markup, lines = slide.parts.pop(), slide.text_lines.pop()
        slide.lines -= lines
        if not slide.parts and slide.heading.endswith(CONTINUED):
            self.slides.remove(slide)
            self.pending_notes = slide.notes + self.pending_notes
        return markup, lines

    def _output(self, piece: Piece) -> None:
        kind = activity_kind(piece.text)
        if kind == "quiz":
            self._quiz(piece)
            return
        if kind in POINTERS:   # for each learner alone, or to read later: the handout has it
            self._text(Piece("text", POINTERS[kind]))
            return
        if kind == "table":
            self._table(piece)
            return
        if kind == "figure" and self.current and FIGURE_SUMMARY.search(piece.text) and not FIGURE_DRAWN.search(
                piece.text):   # a chart's summary printed on its own: said from the chart's slide's notes
            self.current.notes.append(f"<p>{FIGURE_SUMMARY.search(piece.text).group(1)}</p>")
            return
        named = self.section if kind in ("explorer", "predict") else self.heading   # a demo: its ## heading
        moment = MOMENT.search(piece.text) if kind == "predict" else None
        lead_in = self._lead_in(self.current, SLIDE_LINES) if kind in LED_IN and self.current else None
        slide = self.start(named or "Overview", kind="activity", activity=kind,
                           moment=moment.group(1) if moment else "", scrolls=True)
        if lead_in:   # "... at 60 % occupancy:" goes with the chart it introduces
            slide.parts.append(lead_in[0])
        if kind == "explorer":   # how to use the demo and what its chart shows: for the instructor to say
            slide.notes += [f"<p>{found}</p>" for pattern in (EXPLORER_INTRO, FIGURE_SUMMARY)
                            for found in pattern.findall(piece.text)[:1]]
        self._activity(slide, piece.text, piece.fragment)

    def _quiz(self, piece: Piece) -> None:
        """A quiz: one question a slide, "Self-check (2 of 6)"."""
        label = QUIZ_LABEL.search(piece.text)
        name = label.group(1) if label else (self.heading or "Self-check")
        parts = quiz_parts(piece.text)
        for number, part in enumerate(parts, 1):
            heading = f"{name} ({number} of {len(parts)})" if len(parts) > 1 else name
            slide = self.start(heading, kind="activity", activity="quiz", quiz_label=name, scrolls=True)
            self._activity(slide, part, piece.fragment)

    def _table(self, piece: Piece) -> None:
        """A table: as many rows a slide as fit (its header on each), or, too wide or too tall for a slide at 28 px,
        its caption and a pointer to the handout."""
        budget = SLIDE_LINES - heading_lines(self.heading + CONTINUED)
        parts = table_parts(piece.text, budget)
        if parts is None:
            caption = TABLE_CAPTION.search(piece.text)
            self._text(Piece("text", (f"*{plain(caption.group(1))}*\n\n" if caption else "") + WIDE_TABLE_POINTER))
            return
        lead_in = None
        if self.current is not None and self.current.text_lines:   # "... into the release model:" + the table
            parts_after = table_parts(piece.text, budget - self.current.text_lines[-1])
            if parts_after is not None and len(parts_after) == len(parts):
                lead_in = self._lead_in(self.current, budget)
                parts = parts_after if lead_in else parts
        if lead_in is None and self.current is not None and self.current.parts == self.current.parts[:1] \
                and self.current.heading.endswith(CONTINUED):   # a slide holding only the table's lead-in: notes
            alone = self._lead_in(self.current, math.inf)
            self.pending_notes += [alone[0]] if alone else []
        for number, part in enumerate(parts, 1):
            heading = self.heading or "Overview"
            slide = self.start(heading + (CONTINUED if number > 1 else ""), kind="activity", activity="table")
            if lead_in and number == 1:
                slide.parts.append(lead_in[0])
            self._activity(slide, part, piece.fragment)

    @staticmethod
    def _activity(slide: Slide, markup: str, fragment: bool) -> None:
        if slide.activity in PROJECTED_CHARTS:   # chart lines with 3:1 contrast on the slide
            markup = for_projector(markup)
        wrapped = f'<div class="course-slide-activity">{without_sections(markup)}</div>'
        slide.parts.append(f'<div class="fragment">{wrapped}</div>' if fragment else wrapped)


QUIZ_FORM = re.compile(r'(<form class="course-quiz"[^>]*>)(.*?)</form>', re.S)
QUIZ_BLOCK_TAG = re.compile(r"<(/?)(fieldset|div)\b[^>]*>", re.I)
HIDDEN_FIELDSET = re.compile(r"^<fieldset\b[^>]*\bhidden\b")
FORM_ID = re.compile(r'\bid="([^"]+)"')
WARM_UP_POOL = re.compile(r'\sdata-pool="[^"]*"')
QUIZ_TITLE = re.compile(r"<h4>.*?</h4>", re.S)
EXPLORER_INTRO = re.compile(r'<div class="course-explorer-controls"><p>(.*?)</p>', re.S)
ROW_NOTE = re.compile(r"^\W*(?:a\s+)?safety note on the (\w[\w -]*?) row\b", re.I)   # stays beside that row
FIGURE_DRAWN = re.compile(r"<(?:img|svg|canvas)\b|plotly", re.I)
FIGURE_SUMMARY = re.compile(r'<p class="figure-summary"[^>]*>(.*?)</p>', re.S)


TABLE = re.compile(r"(<table\b[^>]*>)(.*?)</table>", re.S)
TABLE_CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.S)
TABLE_HEAD = re.compile(r"<thead>.*?</thead>", re.S)
TABLE_ROW = re.compile(r"<tr\b.*?</tr>", re.S)
TABLE_CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.S)
CELL_ID = re.compile(r'\sid="[^"]*"')
LED_IN = ("chart", "figure", "diagram")   # outputs a text ending with ":" may introduce, on their slide with it
PROJECTED_CHARTS = ("explorer", "predict", "chart")   # outputs drawn by plotly, in the palette's projector shades
TABLE_COLUMNS_MAX = 6   # wider, a table's cells are too narrow for 28 px text on a 1280 px slide
WIDE_TABLE_POINTER = ("This table is too large for a slide at a size the room can read: show it from the lesson's "
                      "handout page (or the notebook), where it is in full.")
POINTERS = {
    "inventory": "Each learner answers the concept inventory alone, in the notebook or the handout page: it is "
                 "not for the projector.",
    "reading": "The reading list is in the lesson's handout page.",
}


def html_row_lines(row: str, columns: int) -> float:
    """Lines of one HTML table row at 28 px: its longest cell in a column's share of the slide's width."""
    share = max(LINE_CHARS * 0.9 / max(columns, 1), 6)
    return max((_lines(cell, share) for cell in TABLE_CELL.findall(row)), default=1) + TABLE_ROW_PADDING


def table_parts(markup: str, budget: float) -> list[str] | None:
    """An HTML table output cut into tables of as many body rows as fit ``budget`` lines, each with the caption
    (the first only) and the header; None when the table has more than :data:`TABLE_COLUMNS_MAX` columns or a
    row too tall for a slide."""
    table = TABLE.search(markup)
    if table is None:
        return [markup]
    inner = table.group(2)
    head = TABLE_HEAD.search(inner)
    head_html = head.group(0) if head else ""
    rows = TABLE_ROW.findall(inner[head.end():] if head else inner)
    columns = max((len(TABLE_CELL.findall(row)) for row in rows), default=0)
    if columns > TABLE_COLUMNS_MAX:
        return None
    caption = TABLE_CAPTION.search(inner)
    caption_html = caption.group(0) if caption else ""
    fixed = _lines(plain(caption.group(1)) if caption else "", LINE_CHARS) + html_row_lines(head_html, columns)
    if any(fixed + html_row_lines(row, columns) > budget for row in rows):
        return None   # a row taller than a slide
    groups = _grouped(rows, lambda group: fixed + sum(html_row_lines(row, columns) for row in group), budget, budget)
    if len(groups) < 2:
        return [markup]
    parts = []
    for number, group in enumerate(groups):
        head_part = head_html if number == 0 else CELL_ID.sub("", head_html)   # each id once in the deck
        parts.append((markup[:table.start()] if number == 0 else "") + table.group(1)
                     + (caption_html if number == 0 else "") + head_part + "<tbody>" + "".join(group)
                     + "</tbody></table>")
    parts[-1] += markup[table.end():]
    return parts


def quiz_items(inner: str) -> tuple[str, list[str]]:
    """A quiz form's content: what comes before its first question (its title), and its questions (each a
    top-level ``<fieldset>`` or practice ``<div>``; what follows the last one stays with it)."""
    spans, depth, start = [], 0, None
    for tag in QUIZ_BLOCK_TAG.finditer(inner):
        if tag.group(1):
            depth -= 1
            if depth == 0:
                spans.append([start, tag.end()])
        else:
            if depth == 0:
                start = tag.start()
            depth += 1
    if not spans:
        return inner, []
    spans[-1][1] = len(inner)
    return inner[:spans[0][0]], [inner[begin:end] for begin, end in spans]


def quiz_parts(markup: str) -> list[str]:
    """A quiz output cut into one form a question, for one slide each. The questions a warm-up keeps hidden (the
    rest of its pool, drawn from the learner's record on a handout) are left out, with the pool, so the room sees
    the fixed draw; the form's CSS (scoped by its id) applies to every part through ``data-course-quiz``."""
    form = QUIZ_FORM.search(markup)
    if form is None:
        return [markup]
    header, items = quiz_items(form.group(2))
    header = QUIZ_TITLE.sub("", header)   # the slide's heading names the quiz
    items = [item for item in items if not HIDDEN_FIELDSET.match(item)]
    if len(items) < 2:
        return [markup]
    form_id = FORM_ID.search(form.group(1)).group(1)
    scoped = re.sub(rf"#{re.escape(form_id)}(?![\w-])", f'[data-course-quiz="{form_id}"]', markup[:form.start()])
    opening = WARM_UP_POOL.sub("", form.group(1)).replace(
        f'id="{form_id}"', f'id="{form_id}" data-course-quiz="{form_id}"')
    parts = []
    for number, item in enumerate(items):
        tag = opening if number == 0 else opening.replace(f'id="{form_id}"', f'id="{form_id}-{number + 1}"')
        parts.append((scoped if number == 0 else "") + tag + (header if number == 0 else "") + item + "</form>")
    parts[-1] += markup[form.end():]
    return parts


def without_sections(markup: str) -> str:
    """``markup`` with each ``<section>`` made a ``<div role="region">``: reveal.js takes every section in the
    deck for a slide (a prediction or an exercise would become a slide of its own, and a page of the PDF)."""
    return NESTED_SECTION_CLOSE.sub("</div>", NESTED_SECTION_OPEN.sub('<div role="region"', markup))


def lesson_slides(notebook, stem: str) -> list[Slide]:
    """Every slide of the lesson's deck: title, the core's slides, the Going-further pointer with the safety
    statement last."""
    builder = DeckBuilder()
    builder.slides.append(title_slide(stem))
    for piece in pieces(notebook):
        builder.add(piece)
    slides = [slide for slide in builder.slides if slide.parts or slide.kind == "title" or
              slide.kind == "references" or not slide.heading.endswith(CONTINUED)]
    _without_short_continuations(slides)
    _shorten_references(slides)
    slides.append(closing_slide(notebook, stem))
    return slides


def _without_short_continuations(slides: list[Slide]) -> None:
    """A text slide's "(cont.)" slide with under :data:`MIN_CONTINUED_LINES` body lines takes the last text parts
    of the slide before (and the lead-in that ends with ":" before them) while they fit."""
    for before, after in zip(slides, slides[1:]):
        if not (before.kind == after.kind == "text" and after.heading.endswith(CONTINUED)
                and before.heading.removesuffix(CONTINUED) == after.heading.removesuffix(CONTINUED)
                and len(before.text_lines) == len(before.parts) and len(after.text_lines) == len(after.parts)):
            continue
        while len(before.parts) > 1 and after.lines + before.text_lines[-1] <= SLIDE_LINES and (
                after.lines - heading_lines(after.heading) < MIN_CONTINUED_LINES
                or plain(before.parts[-1]).rstrip().endswith(":")):
            lines = before.text_lines.pop()
            after.parts.insert(0, before.parts.pop())
            after.text_lines.insert(0, lines)
            before.lines -= lines
            after.lines += lines


def title_slide(stem: str) -> Slide:
    """The first slide: lesson number, title, class minutes (from ``lessons/course.yaml``) and the safety statement."""
    registered = course.by_stem(stem)
    title = registered.title if registered else stem
    number = registered.number if registered else stem[:2]
    minutes = f" · {registered.minutes} minutes" if registered else ""
    slide = Slide(heading=title, kind="title")
    slide.parts.append(f'<p class="course-slide-lesson">Lesson {html.escape(number)}{minutes}</p>{safety_html()}')
    return slide


def _shorten_references(slides: list[Slide]) -> None:
    """The References slide: its heading, one line pointing to the handout's full list, nothing more."""
    for slide in slides:
        if slide.kind == "references":
            slide.parts = ["<p>Every source cited in this lesson is listed, with its confidence, at the end of the "
                           "lesson's handout page.</p>"]
            slide.lines = 3


def closing_slide(notebook, stem: str) -> Slide:
    """The last slide: "Going further" (the extension cells' headings: self-study, not class time) and the safety
    statement."""
    registered = course.by_stem(stem)
    headings = [HEADING.match(line).group(2) for cell in notebook.cells
                if "extension" in cell.get("metadata", {}).get("tags", []) and cell.cell_type == "markdown"
                for line in cell.source.splitlines() if re.match(r"^##\s", line)]
    topics = []
    for heading in (heading for heading in headings if not heading.lower().startswith("going further")):
        if len("; ".join([*topics, heading])) > CLOSING_TOPICS_CHARS:
            break
        topics.append(heading)
    minutes = (f" (about {registered.extension_minutes} minutes)"
               if registered and registered.extension_minutes else "")
    listing = "; ".join(_inline(topic) for topic in topics)
    slide = Slide(heading="Going further", kind="closing")
    slide.parts.append(f"<p>Self-study, not class time{minutes}, in the lesson's notebook and handout"
                       + (f": {listing}; …" if listing else ".") + "</p>" + safety_html())
    return slide


# ---------------------------------------------------------------- speaker notes from the guide


@dataclass(frozen=True)
class RunSheetRow:
    """One row of the guide's run sheet: minutes, the minute it starts at, the section it names, what to do."""

    minutes: str
    start: str
    section: str
    what: str

    def notes_html(self) -> str:
        start = f", from minute {html.escape(self.start)}" if self.start.isdigit() else ""
        return (f'<p class="course-run-sheet"><strong>{html.escape(self.minutes)} min</strong>{start} · '
                f"{_inline(_glyph_in_words(self.section))}</p>{_markdown(_glyph_in_words(self.what))}")


def _glyph_in_words(text: str) -> str:
    """``text`` with the clock glyph said in words ("(⏱ 22)" -> "(minute 22)"): it shows as an empty box."""
    return re.sub(rf"{TIME_GLYPH}\s*", "minute ", text)


RUN_SHEET_HEADING = re.compile(r"^##\s+Run sheet\b.*$", re.M)
MOMENTS_HEADING = re.compile(r"^##\s+Prediction moments?\b.*$", re.M)   # "moment" where a guide has one
NEXT_SECTION = re.compile(r"^##\s", re.M)
SECTION_NUMBER = re.compile(r"^\s*(\d+)\.\s")


def guide_section(guide_text: str, heading: re.Pattern) -> str:
    """The text of the guide's ``## `` section whose heading matches ``heading`` ('' if none)."""
    found = heading.search(guide_text)
    if not found:
        return ""
    end = NEXT_SECTION.search(guide_text, found.end())
    return guide_text[found.end():end.start() if end else len(guide_text)]


def tables(text: str) -> list[list[list[str]]]:
    """Every markdown table in ``text``: its rows (the header first, the separator left out), each a list of cells."""
    found, current = [], []
    for line in [*text.splitlines(), ""]:
        if line.strip().startswith("|"):
            if not re.match(r"^[\s|:-]+$", line):
                current.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif current:
            found.append(current)
            current = []
    return found


def _column(header: list[str], *names: str) -> int | None:
    return next((index for index, cell in enumerate(header) if cell.lower().startswith(names)), None)


def run_sheet(guide_text: str, class_minutes: int) -> list[RunSheetRow]:
    """The rows of the run sheet: the table of the guide's "## Run sheet" with a "What you do" column. Its columns
    differ between guides: "Minutes" (else worked out from the next row's start and ``class_minutes``), a start
    ("From", "So far (min)", "⏱ at start", "⏱ in the notebook"), the section ("Section ...", "Part ...") and
    "What you do". The total row (no section) is left out."""
    for table in tables(guide_section(guide_text, RUN_SHEET_HEADING)):
        header, body = table[0], table[1:]
        what, section = _column(header, "what you do"), _column(header, "section", "part")
        if what is None or section is None:
            continue
        minutes, start = _column(header, "minutes"), _column(header, "from", "so far", "⏱")
        rows = [cells for cells in body if len(cells) == len(header) and plain(cells[section])]
        starts = [plain(cells[start]) if start is not None else "" for cells in rows]
        return [RunSheetRow(minutes=plain(cells[minutes]) if minutes is not None else
                            _minutes_between(starts, index, class_minutes),
                            start=starts[index], section=cells[section], what=cells[what])
                for index, cells in enumerate(rows)]
    return []


def _minutes_between(starts: list[str], index: int, class_minutes: int) -> str:
    following = starts[index + 1] if index + 1 < len(starts) else str(class_minutes)
    if starts[index].isdigit() and following.isdigit():
        return str(int(following) - int(starts[index]))
    return "?"


def prediction_moments(guide_text: str) -> dict[str, str]:
    """Speaker notes (HTML) per prediction id, from the table of the guide's "## Prediction moment(s)" section
    whose first column is the id ("Id" or "Moment"): the right answer (or the course's verdict) and what to do
    with each wrong prediction. Presenter only: the slide never shows them."""
    notes = {}
    for table in tables(guide_section(guide_text, MOMENTS_HEADING)):
        header = table[0]
        wrong = _column(header, "what to do")
        if plain(header[0]).lower() not in ("id", "moment") or wrong is None or wrong < 2:
            continue
        answer = wrong - 1   # "Right answer", "The right answer (in the model)", "The course's verdict"
        for cells in table[1:]:
            if len(cells) == len(header):
                moment = cells[0].strip("` ")
                notes[moment] = (f"<p><strong>Prediction {html.escape(moment)}</strong> (after the vote). "
                                 f"{_inline(header[answer])}: {_inline(cells[answer])}</p>"
                                 f"<p>Wrong predictions: {_inline(cells[wrong])}</p>")
    return notes


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9]+", plain(text).lower()) if len(word) > 2 or word.isdigit()}


def matching_slide(row: RunSheetRow, slides: list[Slide]) -> Slide | None:
    """The slide a run-sheet row's notes go on: a numbered section's first slide ("3. ..." -> "## 3. ..."); the
    title slide for the title cell and setup; the first "Warm-up" or "Self-check" slide; else the first slide whose
    heading holds most of the words of the row's first named part (at least half); else the slide with the
    notebook's time marker of the row's start ("⏱ ~30 of 50 min", in the notes as "Time so far: ~30 of 50 min")."""
    section = plain(re.sub(r"\([^)]*\)", "", row.section))   # "Warm-up (⏱ 3)": the name without its aside
    number = SECTION_NUMBER.match(section)
    if number:
        found = next((s for s in slides if re.match(rf"^\s*{number.group(1)}\.\s", plain(s.heading))), None)
        if found:
            return found
    lowered = section.lower()
    if lowered.startswith(("title", "setup", "safety box")):
        return slides[0]
    for start in ("warm-up", "self-check"):
        if lowered.startswith(start):
            return next((s for s in slides if plain(s.heading).lower().startswith(start)), None)
    first = _words(re.split(r"[;,]", section)[0])
    best, best_score = None, 0.0
    for slide in slides:
        score = len(first & _words(slide.heading)) / max(len(first), 1)
        if score > best_score:
            best, best_score = slide, score
    if best_score >= 0.5:
        return best
    marker = TIME_SO_FAR.format(row.start, "").removesuffix(" min")   # the time marker where the row's part starts
    return next((slide for slide in slides if marker in slide.body_html or marker in slide.notes_html), None)


BELOW = re.compile(r"\(below\b[^)]*\)", re.I)
GUIDE_SUBSECTION = re.compile(r"^(#{2,3})\s+(.*)$", re.M)
NOT_REFERRED = ("run sheet", "answer keys", "sources", "learning objectives", "prerequisites", "checked exercises")
GUIDE_ALIASES = {"personal": ("affected",)}   # "personal questions (below)": learners who may be affected
SHORT_PARAGRAPH = 200
GUIDE_WORDS_READ = 800   # the characters of a guide section its words are compared in (its opening)
COMMON_WORDS = frozenset("the and with then each one their what who how which from this that for you your".split())


def guide_references(row: RunSheetRow, guide_text: str) -> list[str]:
    """Notes (HTML) for each sentence of the row's "What you do" that points "(below)" into the guide: the first
    paragraph of the guide's section it refers to (named in the pointer, else the section sharing most words with
    the sentence and the row's section), so that the instructor has it on the slide."""
    sections, parent_referred = [], True
    for found in GUIDE_SUBSECTION.finditer(guide_text):
        referred = not plain(found.group(2)).lower().startswith(NOT_REFERRED)
        if len(found.group(1)) == 2:
            parent_referred = referred
        if referred and parent_referred:
            sections.append((found.group(2).strip(), found.end()))
    notes = []
    for sentence in SENTENCE_END.split(" ".join(row.what.split())):
        pointer = BELOW.search(sentence)
        if not pointer or not sections:
            continue
        named = [section for section in sections if plain(section[0]).lower() in pointer.group(0).lower()]
        wanted = _stems(sentence + " " + row.section)
        wanted |= {alias for word in wanted for alias in GUIDE_ALIASES.get(word, ())}
        heading, start = named[0] if named else max(sections, key=lambda section: (
            3 * len(wanted & _stems(section[0])) + len(wanted & _stems(guide_text[section[1]:][:GUIDE_WORDS_READ]))))
        notes.append(f'<p class="course-guide-note"><strong>From the guide, "{_inline(heading)}":</strong> '
                     f"{_inline(_first_paragraph(guide_text, start))}</p>")
    return notes


def _stems(text: str) -> set[str]:
    return {word.rstrip("s") for word in _words(text) if word not in COMMON_WORDS and not word.isdigit()}


def _first_paragraph(guide_text: str, start: int) -> str:
    """The first paragraph after ``start`` in the guide that is no table or comment, on one line, with the next one
    (a list's first item) when it is short (under :data:`SHORT_PARAGRAPH` characters)."""
    taken = []
    for paragraph in re.split(r"\n\s*\n|\n(?=[-*] )", guide_text[start:].strip()):
        if paragraph.lstrip().startswith("#") or len(" ".join(taken)) >= SHORT_PARAGRAPH:
            break
        if paragraph.strip() and not paragraph.lstrip().startswith(("|", "<!--")):
            taken.append(" ".join(paragraph.split()))
    return " ".join(taken)


ACTIVITY_NAME = re.compile(r"\b(?:interactive )?(demo|exercise|think!)\s*(\d+)", re.I)


def activity_actions(row: RunSheetRow, slides: list[Slide]) -> list[tuple[Slide, str]]:
    """For each demo, exercise or Think! the row's section names ("Interactive demo 3", "Exercise 1", "Think! 1"),
    its slide (the activity's own: the chart, the answer box, the question) and the notes it gets there: the row's
    sentences that name it (all of "What you do" if none does), so that the action is in the notes where it
    happens."""
    found = []
    sentences = SENTENCE_END.split(" ".join(row.what.split()))
    for kind, number in dict.fromkeys((kind.lower(), number) for kind, number in ACTIVITY_NAME.findall(row.section)):
        slide = _activity_slide(kind, number, slides)
        if slide is None:
            continue
        said = [sentence for sentence in sentences
                if any((k.lower(), n) == (kind, number) for k, n in ACTIVITY_NAME.findall(sentence))]
        found.append((slide, f'<p class="course-run-sheet">Run sheet, {_inline(_glyph_in_words(row.section))}:</p>'
                             + _markdown(_glyph_in_words(" ".join(said) or row.what))))
    return found


def _activity_slide(kind: str, number: str, slides: list[Slide]) -> Slide | None:
    named = re.compile(rf"\b{re.escape(kind)}\s*{number}\b", re.I)
    wanted = {"demo": ("explorer", "predict"), "exercise": ("exercise",), "think!": ("",)}[kind]
    return next((slide for slide in slides if slide.activity in wanted and named.search(plain(slide.heading))),
                None)


def add_speaker_notes(slides: list[Slide], guide_text: str, log: Callable[[str], None], stem: str) -> list[str]:
    """Put every run-sheet row on the slide it names and each prediction moment's guide row on its prediction
    slide; return the rows that matched no slide (each also logged)."""
    unmatched = []
    registered = course.by_stem(stem)
    for row in run_sheet(guide_text, registered.minutes if registered else 0):
        slide = matching_slide(row, slides)
        if slide is None:
            unmatched.append(row.section)
            log(f"{stem}: run-sheet row {row.section!r} matches no slide: its notes are left out")
        else:
            slide.notes.append(row.notes_html() + "".join(guide_references(row, guide_text)))
            for named, action in activity_actions(row, slides):
                if named is not slide:
                    named.notes.insert(0, action)
    moments = prediction_moments(guide_text)
    for slide in slides:
        if slide.moment in moments:
            slide.notes.append(moments[slide.moment])
    return unmatched


# ---------------------------------------------------------------- pages


@dataclass
class Deck:
    """One lesson's deck as written: its file name, title, class minutes, slide count, size and build time."""

    stem: str
    file: str
    title: str
    minutes: int | None
    slides: int
    size_bytes: int
    seconds: float
    unmatched_notes: list[str] = field(default_factory=list)


@dataclass
class SlidesResult:
    """What :func:`build_slides` wrote into ``out_dir``."""

    out_dir: Path
    decks: list[Deck] = field(default_factory=list)


def environment() -> jinja2.Environment:
    """The decks' Jinja environment (``templates/slides/``), every value HTML-escaped."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def reveal_config() -> dict:
    """reveal.js settings: 1280 x 720 with no margin (a 1280 x 720 screen shows the slide at scale 1), slide
    numbers, arrow keys and Space (reveal's defaults), no autoplay, one page a slide when printed."""
    return {"width": SLIDE_WIDTH_PX, "height": SLIDE_HEIGHT_PX, "margin": 0, "center": False, "hash": True,
            "slideNumber": "c/t", "controls": True, "progress": True, "autoSlide": 0, "autoPlayMedia": False,
            "transition": "none", "pdfSeparateFragments": False, "pdfMaxPagesPerSlide": 1, "showNotes": False}


def deck_scripts(slides: list[Slide]) -> None:
    """Keep one copy of each activity script in the deck, the last (as the handouts do: see build.py)."""
    seen: set = set()
    for slide in reversed(slides):
        slide.parts = [_activity_scripts_once(REMOTE_SCRIPT.sub("", part), seen) for part in reversed(slide.parts)]
        slide.parts.reverse()


def render_deck(notebook, stem: str, slides: list[Slide]) -> str:
    """The deck as one self-contained HTML page: reveal.js, plotly.js (when a chart needs it) and the course's
    activity scripts inlined once; nothing recorded in the learner's record."""
    deck_scripts(slides)
    registered = course.by_stem(stem)
    page = environment().get_template("deck.html.j2").render(
        title=f"{registered.number} · {registered.title}" if registered else stem,
        record_head=Markup(record_head("")),
        reveal_css=Markup(revealjs.shipped(revealjs.STYLESHEET)),
        course_css=Markup(handout_css() + slide_css() + SLIDES_CSS.read_text(encoding="utf-8")),
        plotlyjs=Markup(plotlyjs_for(notebook)),
        slides=[{"classes": slide.classes, "kind": slide.kind, "activity": slide.activity,
                 "heading": Markup(slide.heading_html), "body": Markup(slide.body_html),
                 "notes": Markup(slide.notes_html)} for slide in slides],
        page_js=Markup("\n".join((STATIC_DIR / name).read_text(encoding="utf-8") for name in DECK_SCRIPTS)),
        reveal_js=Markup("\n".join(revealjs.shipped(name) for name in revealjs.SCRIPTS)),
        config=Markup(json.dumps(reveal_config())),
        slides_js=Markup(SLIDES_JS.read_text(encoding="utf-8")))
    page = link_pages(page, "student")   # a link to another lesson's notebook opens that lesson's deck
    remote = REMOTE_RESOURCE.search(page)
    if remote:
        raise HandoutBuildError(f"{stem}: the deck would load {remote.group(0)[:160]!r} from the network; decks "
                                "must work offline")
    return page


def render_index(decks: list[Deck]) -> str:
    """The slides' index: every deck with its title, class minutes and size, and the safety statement."""
    return environment().get_template("index.html.j2").render(
        css=Markup(handout_css() + SLIDES_CSS.read_text(encoding="utf-8")), safety=Markup(safety_html("p")),
        record_head=Markup(record_head("")), decks=decks)


# ---------------------------------------------------------------- the build


def build_deck(notebook, lesson: Lesson, log: Callable[[str], None] = print) -> tuple[str, list[Slide], list[str]]:
    """One lesson's deck: the page, its slides and the run-sheet rows that matched no slide."""
    slides = lesson_slides(notebook, lesson.stem)
    guide = lesson.guide
    unmatched = add_speaker_notes(slides, guide.read_text(encoding="utf-8"), log, lesson.stem) if guide else []
    return render_deck(notebook, lesson.stem, slides), slides, unmatched


def build_slides(out_dir: Path = DEFAULT_OUT_DIR, *, executed: dict[str, nbformat.NotebookNode] | None = None,
                 notebooks: list[Path] | None = None, log: Callable[[str], None] = print) -> SlidesResult:
    """Write every lesson's deck and ``index.html`` into ``out_dir``; return what was written.

    ``executed``: handout-mode runs by stem (e.g. ``built_handouts.executed``), used instead of running those
    notebooks again; ``notebooks``: the notebooks to build (default: every lesson of ``lessons/course.yaml``).
    Each deck's build time (seconds) and size (bytes) is logged.
    """
    out_dir = Path(out_dir)
    executed = executed or {}
    lessons = [Lesson(Path(path)) for path in notebooks] if notebooks is not None else discover_lessons(log)
    if not lessons:
        raise HandoutBuildError("no lesson notebooks of lessons/course.yaml found")
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*.html"):
        stale.unlink()
    result = SlidesResult(out_dir=out_dir)
    started_all = time.monotonic()
    for number, lesson in enumerate(lessons, 1):
        started = time.monotonic()
        notebook = executed.get(lesson.stem)
        if notebook is None:
            log(f"[{number}/{len(lessons)}] {lesson.stem}: running the notebook ...")
            notebook = execute_for_handout(lesson.notebook)
        page, slides, unmatched = build_deck(notebook, lesson, log)
        path = out_dir / f"{lesson.stem}.html"
        path.write_text(page, encoding="utf-8")
        registered = course.by_stem(lesson.stem)
        deck = Deck(stem=lesson.stem, file=path.name,
                    title=f"{registered.number} · {registered.title}" if registered else lesson.stem,
                    minutes=registered.minutes if registered else None, slides=len(slides),
                    size_bytes=path.stat().st_size, seconds=time.monotonic() - started, unmatched_notes=unmatched)
        result.decks.append(deck)
        log(f"[{number}/{len(lessons)}] {lesson.stem}: {deck.slides} slides, {deck.size_bytes:,} bytes, "
            f"{deck.seconds:.1f} s")
    (out_dir / "index.html").write_text(render_index(result.decks), encoding="utf-8")
    log(f"Slides ready: {display_path(out_dir / 'index.html')} ({len(result.decks)} decks, "
        f"{time.monotonic() - started_all:.1f} s)")
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m helpers.publish.slides [--out DIR] [NOTEBOOK ...]``."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m helpers.publish.slides",
                                     description="Build offline reveal.js slide decks of every lesson's core.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="output folder (default: build/slides)")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to build (default: every lesson of lessons/course.yaml)")
    args = parser.parse_args(argv)
    try:
        build_slides(args.out, notebooks=args.notebooks or None, log=lambda line: print(line, flush=True))
    except HandoutBuildError as error:
        print(f"Slide build stopped: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
