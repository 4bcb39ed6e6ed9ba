"""Build the course handouts: offline HTML pages (and PDFs) from a fresh run of every lesson notebook.

For each lesson of ``lessons/course.yaml`` (in course order; see :func:`discover_lessons`) the builder

1. executes the notebook in a fresh kernel with ``COURSE_HANDOUT=1``, so every explorer is a
   kernel-free plotly figure with native controls (see ``helpers.activities.display`` and
   ``helpers.activities.handout``);
   plotly.js is inlined once per page, the shipped basic bundle unless a chart needs more (:func:`plotlyjs_for`);
2. writes a **student** page (each exercise's worked solution behind its answer box, opened after a first
   check; cells tagged ``extension`` marked as "Going further") and an **instructor** page (every solution
   shown, the instructor guide ``lessons/NN_slug.md`` on top);
3. prints each page to PDF with headless Chromium where Chromium is installed.

``index.html`` links every lesson in order and shows "My progress". Every page carries the learner-record script in
its ``<head>`` (:func:`helpers.publish.pages.record_head`): student pages keep the learner's predictions, self-check
answers and exercise checks in the browser's local storage and show them again on a reload; instructor pages and
the glossary record nothing; student pages and the index offer "Download my record" and "Clear my record".
Pages load nothing from outside themselves: the template drops require.js, MathJax and the widget manager, and any
other remote script is refused.
A failing notebook stops the build with an error naming the notebook and the cell.

Run it with ``make handouts`` or ``python -m helpers.publish --help``.
"""

from __future__ import annotations

import copy
import html
import json
import re
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import mistune
from markupsafe import Markup

from helpers import course
from helpers.activities.display import safety_html
from helpers.activities.plotlyjs import bundle_kind, bundle_script
from helpers.theme import handout_css
from helpers.activities.base import STATIC_FOLDER, page_script
from helpers.publish.browser import CHROMIUM_ENV, chromium_command, find_chromium
from helpers.publish.glossary_page import INDEX_LINK as GLOSSARY_INDEX_LINK, write_glossary_page
from helpers.publish.pages import INDEX_PAGE, record_head, render
from helpers.publish.run import CELL_TIMEOUT_S, NotebookRunError, cell_failure, display_path, execute_notebook


if TYPE_CHECKING:   # nbformat and nbconvert take seconds to import: loaded when a page is rendered
    import nbformat

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
GUIDE_DIR = ROOT / "lessons"
DEFAULT_OUT_DIR = ROOT / "build" / "handouts"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
STATIC_DIR = Path(__file__).resolve().parent / "static"
ACTIVITY_SCRIPTS = tuple(page_script(path.name) for path in sorted(STATIC_FOLDER.glob("*.js")))
PAGE_SCRIPTS = ("course.js", "selfcheck.js")   # inlined, in this order, at the end of every lesson page
INDEX_SCRIPTS = ("course.js", "progress.js")   # inlined at the end of the index (after review.js, where it exists)
REVIEW_SCRIPT = "review.js"   # helpers/activities/static: the spacing scheme of helpers/review.py, for "My progress"

PDF_TIMEOUT_S = 180
PDF_RENDER_BUDGET_MS = 30_000             # virtual time Chromium gives the page's scripts before printing
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"

REMOTE_SCRIPT = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["'](?:https?:)?//[^"']*["'][^>]*>\s*</script>""", re.I)
REMOTE_RESOURCE = re.compile(
    r"""<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|href|data)\s*=\s*["']"""
    r"""(?:https?:)?//[^"']*["'][^>]*>""", re.I)
# A heading or paragraph (with no block inside it) directly followed by a table that has no caption.
TABLE_AFTER_TEXT = re.compile(r"(<(h[1-6]|p)\b[^>]*>((?:(?!</?(?:h[1-6]|p|div|table)\b).)*)</\2>\s*)"
                              r"<table(\b[^>]*)>(?!\s*<caption)", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
NOTEBOOK_LINK = re.compile(r'href="(?:\.\./)?(?:notebooks/)?(\d\d_[\w-]+)\.ipynb(#[^"]*)?"')
# written on every chart by helpers.activities.display.chart_html
CHART_TRACE_TYPES = re.compile(r'data-trace-types="([^"]*)"')
GUIDE_LINK = re.compile(r'href="(?:\.\./)?(?:lessons/)?(\d\d_[\w-]+)\.md(#[^"]*)?"')


class HandoutBuildError(RuntimeError):
    """The build cannot go on; the message names the notebook (and the cell) at fault."""


@dataclass(frozen=True)
class Lesson:
    """One lesson notebook and the pages made from it."""

    notebook: Path

    @property
    def stem(self) -> str:
        return self.notebook.stem

    @property
    def number(self) -> str:
        return self.stem[:2]

    @property
    def student_page(self) -> str:
        return f"{self.stem}.html"

    @property
    def instructor_page(self) -> str:
        return f"{self.stem}-instructor.html"

    @property
    def guide(self) -> Path | None:
        """The instructor guide ``lessons/NN_slug.md`` (or the one guide numbered NN)."""
        exact = GUIDE_DIR / f"{self.stem}.md"
        if exact.exists():
            return exact
        numbered = sorted(GUIDE_DIR.glob(f"{self.number}_*.md"))
        return numbered[0] if numbered else None


@dataclass
class BuildResult:
    """What a build wrote, per lesson (file names relative to ``out_dir``)."""

    out_dir: Path
    lessons: list[Lesson] = field(default_factory=list)
    pages: dict[str, list[str]] = field(default_factory=dict)   # lesson stem -> [student, instructor]
    pdfs: list[str] = field(default_factory=list)
    executed: dict[str, nbformat.NotebookNode] = field(default_factory=dict)


def discover_lessons(log: Callable[[str], None] = print) -> list[Lesson]:
    """Every lesson of ``lessons/course.yaml`` that has a notebook, in course order. A registry lesson without
    its notebook yet, and a ``notebooks/NN_*.ipynb`` that the registry does not name, are skipped with a message."""
    for item in course.without_notebook():
        log(f"{item.stem}: in lessons/course.yaml but notebooks/{item.stem}.ipynb does not exist yet: skipped")
    for path in course.unregistered_notebooks(NOTEBOOK_DIR):
        log(f"{display_path(path)}: not a lesson of lessons/course.yaml: skipped "
            "(add a lesson with `python -m helpers new-lesson`)")
    return [Lesson(item.notebook) for item in course.with_notebook()]


# ---------------------------------------------------------------- executing


def execute_for_handout(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a fresh kernel in handout mode; return it with outputs.

    Raises :class:`HandoutBuildError` naming the notebook and the failing cell if a cell fails,
    times out or kills the kernel, or if a cell shows an ipywidgets widget (it cannot work offline).
    """
    path = Path(path)
    try:
        notebook = execute_notebook(path, handout=True, timeout_s=CELL_TIMEOUT_S)
    except NotebookRunError as error:
        raise HandoutBuildError(str(error)) from None
    _refuse_widgets(path, notebook)
    return notebook


def _refuse_widgets(path: Path, notebook: nbformat.NotebookNode) -> None:
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if WIDGET_VIEW_MIME in output.get("data", {}):
                raise HandoutBuildError(cell_failure(
                    display_path(path), notebook, index, "it shows an ipywidgets widget, which needs a kernel; in "
                    "handout mode use an Explorer (its .show() draws the kernel-free figure) or "
                    "helpers.activities.quiz.show_quiz"))


# ---------------------------------------------------------------- pages


def lesson_title(notebook: nbformat.NotebookNode, fallback: str) -> str:
    """The lesson's title from ``lessons/course.yaml`` (``fallback`` is the notebook's stem); for a notebook
    outside the course, the first ``# `` heading of its first markdown cell (plain text)."""
    registered = course.by_stem(fallback)
    if registered is not None:
        return f"{registered.number} · {registered.title}"
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            heading = re.search(r"^#\s+(.+)$", cell.source, re.M)
            return _plain(heading.group(1)) if heading else fallback
    return fallback


def lesson_overview(notebook: nbformat.NotebookNode) -> str:
    """The first plain paragraph of the first markdown cell (plain text, '' if none)."""
    first = next((c.source for c in notebook.cells if c.cell_type == "markdown"), "")
    for paragraph in re.split(r"\n\s*\n", first):
        text = paragraph.strip()
        if text and not text.startswith(("#", "|", "<", "-", "*  ", ">")):
            return _plain(" ".join(text.split()))
    return ""


def _plain(markdown_text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    return re.sub(r"[*_`]", "", text).strip()


def render_guide(guide: Path | None) -> str:
    """The instructor guide (markdown) as HTML, or '' if the lesson has none."""
    if guide is None:
        return ""
    to_html = mistune.create_markdown(escape=False, plugins=["table", "strikethrough", "url"])
    return caption_tables(to_html(guide.read_text(encoding="utf-8")))


def caption_tables(page: str) -> str:
    """Give each table that follows a heading or paragraph a caption (for screen readers) from that text."""

    def add_caption(match: re.Match) -> str:
        caption = html.escape(html.unescape(TAG.sub("", match.group(3))).replace("¶", "").strip()[:120])
        return f'{match.group(1)}<table{match.group(4)}><caption class="course-sr-only">{caption}</caption>'

    return TABLE_AFTER_TEXT.sub(add_caption, page)


def handout_stylesheet() -> str:
    """The pages' CSS: the theme's fonts and colours (``helpers.theme.handout_css``), then ``course.css``."""
    return handout_css() + (STATIC_DIR / "course.css").read_text(encoding="utf-8")


def render_page(notebook: nbformat.NotebookNode, lesson: Lesson, role: str, *, pdf_href: str = "") -> str:
    """One handout page (``role`` is "student" or "instructor") as a self-contained HTML string."""
    if role not in ("student", "instructor"):
        raise ValueError(f"role must be 'student' or 'instructor'; got {role!r}")
    notebook = copy.deepcopy(notebook)
    title = lesson_title(notebook, lesson.stem)
    notebook.metadata["title"] = title
    notebook.metadata.pop("widgets", None)
    html_outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])
                    if "text/html" in output.get("data", {})]
    scripts_later = set()
    for output in reversed(html_outputs):   # the last copy of each activity script stays
        markup = REMOTE_SCRIPT.sub("", _text(output["data"]["text/html"]))
        output["data"]["text/html"] = _activity_scripts_once(markup, scripts_later)
    other = lesson.instructor_page if role == "student" else lesson.student_page
    course = {
        "role": role,
        "css": handout_stylesheet(),
        "record_head": record_head(lesson.stem if role == "student" else ""),   # instructor pages record nothing
        "js": "\n".join((STATIC_DIR / name).read_text(encoding="utf-8") for name in PAGE_SCRIPTS),
        "plotlyjs": plotlyjs_for(notebook),
        "index_href": "index.html",
        "other_role_href": other,
        "other_role_label": "Instructor page" if role == "student" else "Student page",
        "pdf_href": pdf_href,
        "guide_html": render_guide(lesson.guide) if role == "instructor" else "",
    }
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="course", extra_template_basedirs=[str(TEMPLATE_DIR)],
                            exclude_input_prompt=True, exclude_output_prompt=True)
    page, _ = exporter.from_notebook_node(notebook, resources={"course": course,
                                                               "metadata": {"name": title}})
    page = link_pages(caption_tables(page), role)
    _refuse_remote_resources(page, lesson, role)
    return page


def _activity_scripts_once(markup: str, seen: set) -> str:
    """``markup`` without the activity scripts (``helpers/activities/static/*.js``) already in ``seen``; adds the
    ones it keeps to ``seen``. Each output brings its script so that it works on any page; a page needs one copy,
    the last (:func:`render_page` passes the outputs from the last up): an inline script starts the activities
    already on the page when it runs, so its last copy comes after every activity of its kind."""
    for script in ACTIVITY_SCRIPTS:
        if script in markup:
            if script in seen:
                markup = markup.replace(script, "")
            seen.add(script)
    return markup


def plotlyjs_for(notebook: nbformat.NotebookNode) -> str:
    """The plotly.js a page inlines once: none without charts; the shipped basic bundle when it draws every
    chart's trace types; else the full bundle of the installed plotly."""
    types = {kind for cell in notebook.cells for output in cell.get("outputs", [])
             for match in CHART_TRACE_TYPES.findall(_text(output.get("data", {}).get("text/html", "")))
             for kind in match.split()}
    if not types:
        return ""
    return bundle_script(bundle_kind(types))


def link_pages(page: str, role: str) -> str:
    """Point links to lesson notebooks (and guides) at the matching handout pages of the same role."""
    suffix = "-instructor" if role == "instructor" else ""
    page = NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}{suffix}.html{m.group(2) or ""}"', page)
    return GUIDE_LINK.sub(lambda m: f'href="{m.group(1)}-instructor.html{m.group(2) or ""}"', page)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def _refuse_remote_resources(page: str, lesson: Lesson, role: str) -> None:
    remote = REMOTE_RESOURCE.search(page)
    if remote:
        raise HandoutBuildError(f"{display_path(lesson.notebook)}: the {role} page would load "
                                f"{remote.group(0)[:160]!r} from the network; handouts must work offline")


def render_index(lessons: list[Lesson], titles: dict[str, str], overviews: dict[str, str],
                 pdfs: set[str]) -> str:
    """The course page linking every lesson, in lesson order, with "My progress" (``templates/pages/index.html.j2``)."""
    return render("index.html.j2", css=Markup(handout_stylesheet()), safety=Markup(safety_html("p")),
                  glossary_link=Markup(GLOSSARY_INDEX_LINK), page=INDEX_PAGE,
                  lessons=[index_entry(lesson, titles[lesson.stem], overviews[lesson.stem], pdfs)
                           for lesson in lessons],
                  totals=Markup(progress_totals_json(lessons)), scripts=Markup(index_scripts()))


def progress_totals(lessons: list[Lesson]) -> dict[str, dict[str, list[str]]]:
    """What "My progress" counts against, per lesson number: :func:`helpers.activities.progress.lesson_totals`, the
    lists the live view counts with."""
    from helpers.activities.progress import lesson_totals

    return {lesson.number: lesson_totals(lesson.number) for lesson in lessons}


def progress_totals_json(lessons: list[Lesson]) -> str:
    """:func:`progress_totals` as JSON for the index's ``<script type="application/json">`` (no ``</`` in it)."""
    return json.dumps(progress_totals(lessons)).replace("</", "<\\/")


def index_scripts() -> str:
    """The index's scripts, inlined: review.js (the spacing scheme, where it exists), course.js and progress.js."""
    review = page_script(REVIEW_SCRIPT) if (STATIC_FOLDER / REVIEW_SCRIPT).exists() else ""
    return review + "".join(f"<script>{(STATIC_DIR / name).read_text(encoding='utf-8')}</script>"
                            for name in INDEX_SCRIPTS)


def index_entry(lesson: Lesson, title: str, overview: str, pdfs: set[str]) -> dict:
    """What the index shows of one lesson: title, overview, time to learn (for a registry lesson) and links."""
    registered = course.by_stem(lesson.stem)
    return {"number": lesson.number, "title": title, "overview": overview, "student_page": lesson.student_page,
            "instructor_page": lesson.instructor_page,
            "time_to_learn": registered.time_to_learn.replace("**", "") if registered else "",
            "pdfs": [(name, label) for name, label in ((f"{lesson.stem}.pdf", "Student PDF"),
                                                       (f"{lesson.stem}-instructor.pdf", "Instructor PDF"))
                     if name in pdfs]}


# ---------------------------------------------------------------- PDFs


def print_pdf(page: Path, pdf: Path, chromium: str) -> None:
    """Print one page to PDF with headless Chromium (A4, charts scaled by the print stylesheet)."""
    with tempfile.TemporaryDirectory(prefix="course-chromium-") as profile:
        command = chromium_command(chromium, Path(profile), "--no-pdf-header-footer",
                                   "--run-all-compositor-stages-before-draw",
                                   f"--virtual-time-budget={PDF_RENDER_BUDGET_MS}", f"--print-to-pdf={pdf}",
                                   page.resolve().as_uri())
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=PDF_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise HandoutBuildError(f"Chromium did not print {page.name} within {PDF_TIMEOUT_S} s") from None
    if not pdf.exists() or pdf.stat().st_size == 0:
        raise HandoutBuildError(f"Chromium could not print {page.name} to PDF: {done.stderr.strip()[-400:]}")


# ---------------------------------------------------------------- the build


def build(out_dir: Path = DEFAULT_OUT_DIR, *, notebooks: list[Path] | None = None, pdf: bool | None = None,
          log: Callable[[str], None] = print) -> BuildResult:
    """Build every page (and PDFs) into ``out_dir``; return what was written.

    ``notebooks``: the notebooks to build (default: every lesson of ``lessons/course.yaml``).
    ``pdf``: True to require PDFs, False to skip them, None to print them where Chromium exists.
    """
    out_dir = Path(out_dir)
    lessons = [Lesson(Path(p)) for p in notebooks] if notebooks is not None else discover_lessons(log)
    if not lessons:
        raise HandoutBuildError(f"no lesson notebooks of lessons/course.yaml found in {display_path(NOTEBOOK_DIR)}")
    chromium = _chromium_for(pdf, log)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in [*out_dir.glob("*.html"), *out_dir.glob("*.pdf")]:
        stale.unlink()
    result = BuildResult(out_dir=out_dir, lessons=lessons)
    titles, overviews = {}, {}
    for number, lesson in enumerate(lessons, 1):
        started = time.monotonic()
        log(f"[{number}/{len(lessons)}] {lesson.stem}: running the notebook ...")
        executed = execute_for_handout(lesson.notebook)
        result.executed[lesson.stem] = executed
        titles[lesson.stem] = lesson_title(executed, lesson.stem)
        overviews[lesson.stem] = lesson_overview(executed)
        pages = _write_pages(executed, lesson, out_dir, pdf_wanted=chromium is not None)
        result.pages[lesson.stem] = pages
        if chromium:
            result.pdfs += _print_pages(pages, out_dir, chromium)
        made = "student and instructor pages" + (" + PDFs" if chromium else "")
        log(f"[{number}/{len(lessons)}] {lesson.stem}: {made} in {time.monotonic() - started:.1f} s")
    (out_dir / "index.html").write_text(render_index(lessons, titles, overviews, set(result.pdfs)), encoding="utf-8")
    write_glossary_page(out_dir, handout_stylesheet())
    log(f"Handouts ready: {display_path(out_dir / 'index.html')} "
        f"({len(lessons)} lesson{'s' * (len(lessons) != 1)}, {len(result.pdfs)} PDFs)")
    return result


def _chromium_for(pdf: bool | None, log: Callable[[str], None]) -> str | None:
    if pdf is False:
        return None
    chromium = find_chromium()
    if chromium is None and pdf:
        raise HandoutBuildError("PDFs need Chromium: install it (Debian/Ubuntu: apt-get install chromium) "
                                f"or set {CHROMIUM_ENV} to its path")
    if chromium is None:
        log("No Chromium found: building HTML pages only (install chromium for PDFs).")
    return chromium


def _write_pages(executed: nbformat.NotebookNode, lesson: Lesson, out_dir: Path, *, pdf_wanted: bool) -> list[str]:
    pages = []
    for role, name in (("student", lesson.student_page), ("instructor", lesson.instructor_page)):
        pdf_href = Path(name).with_suffix(".pdf").name if pdf_wanted else ""
        (out_dir / name).write_text(render_page(executed, lesson, role, pdf_href=pdf_href), encoding="utf-8")
        pages.append(name)
    return pages


def _print_pages(pages: list[str], out_dir: Path, chromium: str) -> list[str]:
    pdfs = []
    for name in pages:
        pdf_name = Path(name).with_suffix(".pdf").name
        print_pdf(out_dir / name, out_dir / pdf_name, chromium)
        pdfs.append(pdf_name)
    return pdfs
