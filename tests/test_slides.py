"""The lessons' slide decks (helpers/publish/slides.py): vendored reveal.js as released, slides cut from the core
(headings, activities, long text, the authors' slideshow metadata), speaker notes from every run-sheet row, and
decks that load nothing from outside and record nothing.

The fast tests build decks from small notebooks made here and from the committed lessons (no kernel); the
``notebook`` test builds every lesson's deck from the session's handout build; the ``browser`` test opens a deck
at 1280 x 720 (nothing overflows, text is 28 px or more) and prints it (one page a slide).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from conftest import NOTEBOOKS, lesson_of
from helpers.publish import revealjs, slides
from helpers.publish.build import REMOTE_RESOURCE

REVEAL_BANNER = "Copyright (C) 2011-2026 Hakim El Hattab"   # the first lines of dist/reveal.js, once per deck
PLOTLY_BANNER = "plotly.js v"                               # the bundle's own banner


# ---------------------------------------------------------------- vendored reveal.js


@pytest.mark.parametrize("name", sorted(revealjs.SHA256))
def test_vendored_reveal_files_are_the_released_ones(name):
    digest = hashlib.sha256((revealjs.BUNDLE_DIR / name).read_bytes()).hexdigest()
    assert digest == revealjs.SHA256[name], f"{name} differs from reveal.js {revealjs.VERSION} as released on npm"


def test_vendored_reveal_is_the_pinned_version_and_only_what_a_deck_needs():
    assert revealjs.bundle_version() == revealjs.VERSION
    assert json.loads((revealjs.BUNDLE_DIR / "package.json").read_text())["license"] == "MIT"
    shipped = {path.name for path in revealjs.BUNDLE_DIR.iterdir() if path.name not in ("__init__.py", "__pycache__")}
    assert shipped == set(revealjs.SHA256)
    assert revealjs.VERSION in revealjs.__doc__ and "sha512-" in revealjs.__doc__


# ---------------------------------------------------------------- slides from a notebook


def html_output(markup: str):
    return new_output("display_data", data={"text/html": markup, "text/plain": "<HTML>"})


EXPLORER = ('<div class="course-explorer" data-course-activity="explorer"><div class="course-explorer-controls">'
            '<p>Demo</p></div><div class="course-chart" data-trace-types="scatter" style="max-width:760px">'
            '<div style="height:440px; width:100%;"><div class="plotly-graph-div"></div></div></div></div>')
PREDICT = ('<section class="course-predict" data-course-activity="predict" data-moment="99-guess">'
           '<form class="course-predict-commit"><button type="submit">Commit my prediction</button></form></section>')
LONG_LIST = "\n".join(f"- Point {n}: " + "a sentence of some length about the model and its assumptions " * 2
                      for n in range(14))


def small_notebook(*extra_cells):
    return new_notebook(cells=[
        new_markdown_cell("# 99 · A test lesson\n\nThe question of the lesson."),
        new_markdown_cell("<!-- glossary: generated -->\n<details><summary>Words</summary>GLOSSARY-WORD</details>"),
        new_code_cell("setup()  # CODE-SOURCE", outputs=[html_output(
            '<div class="course-safety" role="note">SAFETY-BOX</div>')]),
        new_markdown_cell("## 1. First part\n\n*⏱ ~5 of 50 min*\n\nSome text before the demo."),
        new_code_cell("explorer().show()", outputs=[html_output(EXPLORER)]),
        new_markdown_cell("## 2. Second part\n\n" + LONG_LIST),
        new_markdown_cell("## Interactive demo 2\n\nPredict first."),
        new_code_cell("predict()", outputs=[html_output(PREDICT)]),
        new_markdown_cell("## Extension part\n\nEXTENSION-TEXT", metadata={"tags": ["extension"]}),
        *extra_cells,
        new_markdown_cell("## Key points\n\n- One.\n- Two."),
        new_markdown_cell("## References\n\nEvery source cited."),
        new_code_cell("show_sources()", outputs=[html_output('<div class="course-sources">REFERENCE-LIST</div>')]),
    ])


def deck(notebook) -> list[slides.Slide]:
    return slides.lesson_slides(notebook, "99_test")


def headings(deck_slides) -> list[str]:
    return [slide.heading for slide in deck_slides]


def test_headings_start_slides_and_each_activity_gets_its_own_after_its_text():
    made = deck(small_notebook())
    names = headings(made)
    assert names[:2] == ["99_test", "Overview"]   # the title slide (no registry entry here), then the overview
    first = names.index("1. First part")
    assert made[first + 1].kind == "activity" and made[first + 1].activity == "explorer"
    assert made[first + 1].heading == "1. First part" and "<ol>" not in made[first].heading_html
    predict = next(slide for slide in made if slide.activity == "predict")
    assert predict.heading == "Interactive demo 2" and predict.moment == "99-guess"
    assert "<section" not in predict.body_html, "reveal.js would take a nested section for a slide"
    assert names[-2:] == ["References", "Going further"]


def test_the_deck_leaves_out_extensions_code_glossary_setup_box_and_reference_list():
    text = " ".join(slide.body_html + slide.heading for slide in deck(small_notebook()))
    for left_out in ("EXTENSION-TEXT", "CODE-SOURCE", "GLOSSARY-WORD", "SAFETY-BOX", "REFERENCE-LIST"):
        assert left_out not in text
    closing = deck(small_notebook())[-1]
    assert "Extension part" in closing.body_html and "course-safety" in closing.body_html


def test_long_text_goes_on_to_continued_slides_each_within_the_budget():
    made = deck(small_notebook())
    part = [slide for slide in made if slide.heading.startswith("2. Second part")]
    assert len(part) >= 2 and all(slide.heading.endswith("(cont.)") for slide in part[1:])
    assert all(slide.lines <= slides.SLIDE_LINES for slide in made if slide.kind == "text")
    items = "".join(slide.body_html for slide in part)
    assert all(f"Point {n}:" in items for n in range(14)), "no list item is lost in the split"


QUIZ = ('<style>#course-quiz-7 .fb {display:none} #course-quiz-7-q0-o0:checked ~ .fb-0 {display:block}</style>'
        '<form class="course-quiz" id="course-quiz-7" data-context="warm-up" aria-label="Warm-up: earlier lessons" '
        'data-pool="a b c" data-fixed="a b" data-count="2"><h4>Warm-up: earlier lessons</h4>'
        '<fieldset data-item="a"><legend><b>1.</b> First?</legend><p class="fb fb-0 right">Yes</p></fieldset>'
        '<fieldset data-item="b"><legend><b>2.</b> Second?</legend></fieldset>'
        '<fieldset hidden data-item="c"><legend><b>3.</b> Pool only</legend></fieldset></form>')


def test_split_text_and_tables_are_balanced_and_a_lead_in_stays_with_what_it_introduces():
    rows = "\n".join(f"| {n} h | " + "a cell of some length " * 3 + "|" for n in range(13))
    made = deck(small_notebook(new_markdown_cell("## Table part\n\nThe amounts, hour by hour:\n\n| Time | Amount |\n"
                                                 "| --- | --- |\n" + rows)))
    parts = [slide for slide in made if slide.heading.startswith("Table part")]
    counts = [slide.body_html.count("<tr>") - 1 for slide in parts]   # body rows: the header is on each
    assert len(parts) == 2 and abs(counts[0] - counts[1]) <= 2 and sum(counts) == 13, counts
    assert "hour by hour:" in parts[1].body_html or parts[0].body_html.index("hour by hour:") < \
        parts[0].body_html.index("<table>")
    for slide in made:
        if slide.heading.endswith("(cont.)") and slide.kind == "text":
            assert slide.lines - slides.heading_lines(slide.heading) >= slides.MIN_CONTINUED_LINES, slide.heading


def test_a_safety_note_on_a_table_row_stays_on_the_slide_of_that_row():
    rows = "\n".join(f"| Row {n} | " + "a long cell of evidence text " * 4 + "|" for n in range(12))
    rows = rows.replace("Row 2 |", "Flumazenil |")
    made = deck(small_notebook(new_markdown_cell("## Evidence\n\n| Evidence | What it shows |\n| --- | --- |\n" + rows
                                                 + "\n\nA safety note on the flumazenil row: SEIZURE-WARNING.")))
    evidence = [slide for slide in made if slide.heading.startswith("Evidence")]
    row, warning = ([index for index, slide in enumerate(evidence) if mark in slide.body_html]
                    for mark in ("Flumazenil", "SEIZURE-WARNING"))
    assert len(evidence) > 2 and len(warning) == 1 and warning[0] in (row[0], row[0] + 1)
    assert warning[0] < len(evidence) - 1, "before the table's later rows, not after the whole table"


def test_a_short_continuation_takes_the_last_paragraphs_of_the_slide_before():
    paragraphs = "\n\n".join(f"Paragraph {n}: " + "words of some length about the model " * 6 for n in range(5))
    made = deck(small_notebook(new_markdown_cell("## Flow\n\n" + paragraphs + "\n\nOpen questions remain:\n\n"
                                                 "- one short item.")))
    flow = [slide for slide in made if slide.heading.startswith("Flow")]
    assert len(flow) == 2 and flow[1].lines - slides.heading_lines(flow[1].heading) >= slides.MIN_CONTINUED_LINES
    assert "Open questions remain:" in flow[1].body_html and "one short item" in flow[1].body_html


def test_a_quiz_gets_one_slide_a_question_and_its_feedback_stays_hidden():
    made = deck(small_notebook(new_code_cell("show_warm_up()", outputs=[html_output(QUIZ)])))
    quiz = [slide for slide in made if slide.activity == "quiz"]
    assert [slide.heading for slide in quiz] == [f"Warm-up: earlier lessons ({n} of 2)" for n in (1, 2)]
    assert "First?" in quiz[0].body_html and "Second?" in quiz[1].body_html
    assert "Pool only" not in quiz[0].body_html + quiz[1].body_html and "data-pool" not in quiz[0].body_html
    assert '[data-course-quiz="course-quiz-7"] .fb {display:none}' in quiz[0].body_html   # scoped to every part
    assert all('data-course-quiz="course-quiz-7"' in slide.body_html for slide in quiz)


def test_a_table_too_wide_for_a_slide_becomes_its_caption_and_a_pointer_to_the_handout():
    wide = ("<table><caption>CAPTION-TEXT</caption><thead><tr>" + "<th>h</th>" * 9 + "</tr></thead><tbody><tr>"
            + "<td>1</td>" * 9 + "</tr></tbody></table>")
    long = ("<table><thead><tr><th>n</th><th>value</th></tr></thead><tbody>"
            + "".join(f"<tr><td>{n}</td><td>row {n}</td></tr>" for n in range(40)) + "</tbody></table>")
    made = deck(small_notebook(new_code_cell("show_table()", outputs=[html_output(wide), html_output(long)])))
    pointer = next(slide for slide in made if "CAPTION-TEXT" in slide.body_html)
    assert pointer.kind == "text" and "handout" in pointer.body_html and "<table" not in pointer.body_html
    tables = [slide for slide in made if slide.activity == "table"]
    assert len(tables) >= 2 and all(slide.body_html.count("<thead>") == 1 for slide in tables)
    assert all(f"<td>row {n}</td>" in "".join(slide.body_html for slide in tables) for n in range(40))


def test_time_markers_go_to_the_notes_and_the_rest_of_their_paragraph_stays():
    first = next(slide for slide in deck(small_notebook()) if slide.heading == "1. First part")
    assert "⏱" not in first.body_html and first.notes == ["<p>Time so far: ~5 of 50 min</p>"]
    made = deck(small_notebook(new_markdown_cell("## Pairs\n\n*⏱ ~33 of 50 min. In pairs, no code.*"),
                               new_markdown_cell("## Quiz\n\n⏱ ~41 of 50 min so far. Your first answer counts.")))
    pairs, quiz = (next(slide for slide in made if slide.heading == name) for name in ("Pairs", "Quiz"))
    assert pairs.body_html.strip() == "<p><em>In pairs, no code.</em></p>" and "~33 of 50 min" in pairs.notes_html
    assert quiz.body_html.strip() == "<p>Your first answer counts.</p>" and "~41 of 50 min" in quiz.notes_html


def test_authors_slideshow_metadata_is_followed():
    cells = [new_markdown_cell("Left out entirely: SKIPPED", metadata={"slideshow": {"slide_type": "skip"}}),
             new_markdown_cell("Say this aloud: NOTE-TEXT", metadata={"slideshow": {"slide_type": "notes"}}),
             new_markdown_cell("A new slide without a heading", metadata={"slideshow": {"slide_type": "slide"}}),
             new_markdown_cell("Appears on a key press", metadata={"slideshow": {"slide_type": "fragment"}}),
             new_markdown_cell("### Kept on the same slide", metadata={"slideshow": {"slide_type": "-"}})]
    made = deck(small_notebook(*cells))
    text = " ".join(slide.body_html for slide in made)
    assert "SKIPPED" not in text
    noted = next(slide for slide in made if "NOTE-TEXT" in slide.notes_html)
    assert "NOTE-TEXT" not in text and noted.activity == "predict"   # the slide current at that cell
    after = made[made.index(noted) + 1]
    assert after.heading.endswith("(cont.)") and "A new slide without a heading" in after.body_html
    assert '<div class="fragment"><p>Appears on a key press</p>' in after.body_html
    assert "Kept on the same slide" in after.body_html


def test_a_rendered_deck_is_offline_records_nothing_and_inlines_reveal_once(tmp_path):
    notebook = small_notebook()
    made = deck(notebook)
    page = slides.render_deck(notebook, "99_test", made)
    assert page.count(REVEAL_BANNER) == 1 and page.count("RevealNotes=") == 1
    assert page.count("data-course-slide=") == len(made)
    assert 'name="course-page"' not in page and "Download my record" not in page
    assert not REMOTE_RESOURCE.search(page)
    config = json.loads(re.search(r'id="course-reveal-config">(.*?)</script>', page, re.S).group(1))
    assert (config["width"], config["height"], config["margin"]) == (1280, 720, 0)
    assert config["pdfSeparateFragments"] is False and config["pdfMaxPagesPerSlide"] == 1
    assert not config["autoSlide"] and config["slideNumber"]


# ---------------------------------------------------------------- speaker notes from the run sheets


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_run_sheet_row_lands_in_a_slides_notes(path):
    """From the committed notebook (no outputs needed: the rows name headings)."""
    notebook = nbformat.read(path, as_version=4)
    made = slides.lesson_slides(notebook, path.stem)
    guide = lesson_of(path).guide.read_text(encoding="utf-8")
    rows = slides.run_sheet(guide, lesson_of(path).minutes)
    logged = []
    unmatched = slides.add_speaker_notes(made, guide, logged.append, path.stem)
    assert rows, "the guide's run sheet has rows"
    assert unmatched == [] and logged == [], logged
    notes = " ".join(slide.notes_html for slide in made)
    read = html.unescape(slides.plain(notes))
    assert all(f"<strong>{row.minutes} min</strong>" in notes and slides.plain(row.what)[:40] in read for row in rows)
    assert made[0].notes, "the title slide has the run sheet's first row"
    assert "⏱" not in notes + " ".join(slide.body_html for slide in made if slide.kind == "text"), \
        "the clock glyph shows as an empty box: in words"


def test_run_sheet_rows_match_by_number_title_words_and_named_parts():
    made = [slides.Slide("Title", kind="title"), slides.Slide("1. One tablet: how much drug?"),
            slides.Slide("Exercise 1: what does the model need?"), slides.Slide("Self-check"),
            slides.Slide("Self-check", kind="activity", activity="quiz", quiz_label="Self-check"),
            slides.Slide("Key points")]
    row = lambda section: slides.RunSheetRow("5", "0", section, "Do it.")   # noqa: E731
    assert slides.matching_slide(row("1. One tablet; the table of amounts"), made) is made[1]
    assert slides.matching_slide(row("Title cell, setup, warm-up"), made) is made[0]
    assert slides.matching_slide(row("Exercise 1: what does the model need?"), made) is made[2]
    assert slides.matching_slide(row("Self-check (six items)"), made) is made[3]
    assert slides.matching_slide(row("Key points"), made) is made[5]
    assert slides.matching_slide(row("Something else entirely"), made) is None


def test_a_run_sheet_rows_action_is_repeated_on_the_demo_or_exercise_slide_it_names():
    made = deck(small_notebook())
    guide = ("## Run sheet\n\n| Minutes | From | Section of the notebook | What you do |\n| --- | --- | --- | --- |\n"
             "| 5 | 0 | Title cell | Read the question. |\n"
             "| 10 | 5 | 1. First part; Interactive demo 2 | Explain the model. Demo 2: set the dose to 10 mg. |\n")
    slides.add_speaker_notes(made, guide, lambda _line: None, "99_test")
    demo = next(slide for slide in made if slide.activity == "predict")
    assert "Demo 2: set the dose to 10 mg." in demo.notes[0] and "Explain the model" not in demo.notes_html
    assert "Explain the model" in next(slide for slide in made if slide.heading == "1. First part").notes_html


def test_a_run_sheet_pointer_below_brings_the_guide_sections_opening_into_the_notes():
    guide = ("## Run sheet\n\n| Minutes | From | Section of the notebook | What you do |\n| --- | --- | --- | --- |\n"
             "| 5 | 0 | Title cell | Read the box. Say how you will handle personal questions (below). |\n\n"
             "## Common misconceptions\n\nQuestions learners ask about the model.\n\n"
             "## Discussing this topic with learners who may be affected\n\nSome learners take these drugs.\n\n"
             "- **Set the frame.** Nobody gets individual advice here.\n\n## Answer keys\n\n### Think! 1\n\nKEY.\n")
    made = deck(small_notebook())
    slides.add_speaker_notes(made, guide, lambda _line: None, "99_test")
    notes = html.unescape(slides.plain(made[0].notes_html))
    assert 'From the guide, "Discussing this topic with learners who may be affected": Some learners' in notes
    assert "Nobody gets individual advice" in notes and "KEY" not in notes and "Questions learners" not in notes


def test_a_prediction_slide_gets_the_guides_prediction_moment():
    guide = ("## Prediction moments\n\n| Moment | Where | What learners predict | Right answer (in the model) | "
             "What to do with each wrong prediction |\n| --- | --- | --- | --- | --- |\n"
             "| `99-guess` | Section 2 | Up or down? | Down, in the model | **Up**: ask why |\n")
    made = deck(small_notebook())
    slides.add_speaker_notes(made, guide, lambda _line: None, "99_test")
    predict = next(slide for slide in made if slide.activity == "predict")
    assert "Down, in the model" in predict.notes_html and "<strong>Up</strong>" in predict.notes_html


PREDICT_CALL = re.compile(r'predict\(\s*\\?"(\d\d-[a-z0-9-]+)')   # in the notebook's JSON: predict(\"05-...


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_prediction_of_a_notebook_has_its_guides_answer_for_the_notes(path):
    """Each ``predict("NN-...")`` of the notebook has a row in the guide's prediction moments: its answer and what
    to do with each wrong prediction reach the prediction slide's notes (checked on the built decks below)."""
    moments = slides.prediction_moments(lesson_of(path).guide.read_text(encoding="utf-8"))
    for moment in set(PREDICT_CALL.findall(path.read_text(encoding="utf-8"))):
        assert moment in moments, f"{moment}: no row in the guide's Prediction moments"
        assert "Wrong predictions: " in moments[moment] and len(slides.plain(moments[moment])) > 120


def prediction_notes_are_the_guides(page: str, guide: str) -> list[str]:
    """The prediction slides of a built deck whose notes lack the guide's row for their moment."""
    moments = {moment: html.unescape(slides.plain(notes))[:200]
               for moment, notes in slides.prediction_moments(guide).items()}
    missing = []
    for section in re.findall(r'<section class="course-slide[^"]*course-slide--predict.*?</section>', page, re.S):
        moment = re.search(r'data-moment="([^"]+)"', section).group(1)
        notes = re.search(r'<aside class="notes">(.*?)</aside>', section, re.S)
        if moment not in moments or not notes or moments[moment] not in html.unescape(slides.plain(notes.group(1))):
            missing.append(moment)
    return missing


# ---------------------------------------------------------------- every lesson's deck (handout-mode runs)


@pytest.mark.notebook
def test_every_lesson_has_an_offline_deck_with_its_safety_statement_and_an_index(built_slides):
    stems = [path.stem for path in NOTEBOOKS]
    assert [deck.stem for deck in built_slides.decks] == stems
    index = (built_slides.out_dir / "index.html").read_text(encoding="utf-8")
    assert "course-safety" in index and all(f'href="{stem}.html"' in index for stem in stems)
    for made in built_slides.decks:
        page = (built_slides.out_dir / made.file).read_text(encoding="utf-8")
        sections = re.findall(r'<section class="course-slide[^"]*" data-course-slide="\d+"', page)
        assert len(sections) == made.slides and made.size_bytes == len(page.encode("utf-8"))
        assert page.count(REVEAL_BANNER) == 1 and page.count(PLOTLY_BANNER) <= 1
        assert not REMOTE_RESOURCE.search(page)
        first, last = page.index('data-course-slide="1"'), page.rindex("data-course-slide=")
        assert "course-safety" in page[first:page.index('data-course-slide="2"')] and "course-safety" in page[last:]
        assert made.unmatched_notes == []
        assert "Commit my prediction" in page or "data-moment" not in page
        guide = lesson_of(made.stem).guide.read_text(encoding="utf-8")
        assert prediction_notes_are_the_guides(page, guide) == [], made.stem


DECK_FILE_NAME = re.compile(r"\b\d\d_[a-z_]+\.html\b")


def flow_problems(made: list[slides.Slide]) -> list[str]:
    """What a deck's text flow should never do: a clock glyph or the deck's file name on a slide, a text slide
    ending with ":" (what it introduces is elsewhere; kept only where its table cannot take it), a short "(cont.)"
    text slide after a slide that could spare text, a table's continuation with a single row."""
    problems = []
    for before, slide, after in zip(made, made[1:], [*made[2:], made[-1]]):
        text = html.unescape(slides.plain(re.sub(r"<(script|style)\b.*?</\1>", "", slide.body_html, flags=re.S)))
        if "⏱" in text or DECK_FILE_NAME.search(text):
            problems.append(f"{slide.heading}: a clock glyph or a file name")
        if (slide.kind == "text" and slide.parts and slides.plain(slide.parts[-1]).rstrip().endswith(":")
                and after.activity != "table"):
            problems.append(f"{slide.heading}: ends with ':'")
        if (slide.kind == before.kind == "text" and slide.heading.endswith(slides.CONTINUED) and len(before.parts) > 1
                and slide.lines - slides.heading_lines(slide.heading) < slides.MIN_CONTINUED_LINES):
            problems.append(f"{slide.heading}: a short continuation")
        if slide.activity == "table" and slide.heading.endswith(slides.CONTINUED) and slide.body_html.count("<tr") < 3:
            problems.append(f"{slide.heading}: one table row alone")
    return problems


@pytest.mark.notebook
def test_every_decks_text_flows_without_orphans_glyphs_or_dangling_lead_ins(built_handouts):
    tall_rows = {"06_drug_comparison"}   # the article's table and the equivalents: each row fills a slide
    for stem, notebook in built_handouts.executed.items():
        problems = flow_problems(slides.lesson_slides(notebook, stem))
        if stem in tall_rows:
            problems = [problem for problem in problems if not problem.endswith("one table row alone")]
        assert problems == [], (stem, problems)


# ---------------------------------------------------------------- in a browser


@pytest.mark.notebook
@pytest.mark.browser
def test_a_deck_fits_its_slides_and_prints_one_page_a_slide(built_slides, chromium_browser, tmp_path):
    from browser_support import OfflinePage

    made = next(deck for deck in built_slides.decks if deck.stem.startswith("03"))
    offline = OfflinePage(chromium_browser, viewport=(1280, 720))
    try:
        page = offline.open(built_slides.out_dir / made.file)
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        measured = page.evaluate("""() => { const out = [];
          for (let i = 0; i < Reveal.getTotalSlides(); i++) { Reveal.slide(i); const s = Reveal.getCurrentSlide();
            const text = s.querySelector('.course-slide-body p, .course-slide-body li');
            out.push({heading: s.querySelector('h1, h2').textContent, scrolls: s.matches('.course-slide--scrolls'),
                      over: s.scrollHeight - s.clientHeight,
                      font: text ? parseFloat(getComputedStyle(text).fontSize) : 28,
                      charts: [...s.querySelectorAll('.course-chart .js-plotly-plot')]
                        .filter(c => c.checkVisibility({visibilityProperty: true}))
                        .map(c => c.getBoundingClientRect()).map(r => [r.bottom, r.right])}); }
          return out; }""")
        assert len(measured) == made.slides
        assert [m["heading"] for m in measured if not m["scrolls"] and m["over"] > 1] == []
        assert min(m["font"] for m in measured) >= 28
        assert all(bottom <= 720 and right <= 1280 for m in measured for bottom, right in m["charts"])
        assert prediction_chart_in_view_after_commit(page)
        assert offline.outside_requests == [] and offline.console_errors == []
        page.goto((built_slides.out_dir / made.file).resolve().as_uri() + "?print-pdf")
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        pdf = tmp_path / "deck.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    finally:
        offline.close()
    assert pdf_pages(pdf) == made.slides


def prediction_chart_in_view_after_commit(page) -> list:
    """Commit the deck's first prediction (first option, first confidence); the bottom and right of each chart that
    appears, all within the 1280 x 720 window (the slide scrolls to it). Empty (falsy) if no chart appears."""
    page.evaluate("""() => Reveal.slide([...document.querySelectorAll('[data-course-slide]')]
                       .findIndex(s => s.querySelector('.course-predict')))""")
    slide = page.locator("section.present .course-predict")
    slide.locator("input[data-role=answer]").first.check()
    slide.locator("input[data-role=confidence]").first.check()
    slide.locator("button[type=submit]").first.click()
    page.wait_for_timeout(600)
    edges = page.evaluate("""() => [...document.querySelectorAll('section.present .course-chart .js-plotly-plot')]
        .filter(c => c.checkVisibility({visibilityProperty: true}))
        .map(c => c.getBoundingClientRect()).map(r => [r.top, r.bottom, r.right])""")
    assert all(top >= 0 and bottom <= 720 and right <= 1280 for top, bottom, right in edges), edges
    return edges


def pdf_pages(pdf) -> int:
    """The PDF's page count: poppler's pdfinfo where installed, else its page objects counted."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))

