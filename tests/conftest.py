"""What every test file shares: the course's notebooks read once, the explorers built once, and the session
fixtures that execute a notebook, build the handouts and start Chromium.

Reading a notebook::

    from conftest import cells, markdown_text, code_text, notebook, guide_text

    cells("03")                      # the lesson's cells (by number, by stem "03_acute_dopamine" or by path)
    markdown_text("03")              # every markdown cell's text, joined
    code_text("03")                  # every code cell's text, joined
    cell_index(cells("03"), 'predict("03-average"')   # where the first cell holding this text is
    notebook("03")                   # the notebook as JSON (what helpers.glossary and helpers.timing read)

The lessons come from the course registry (``lessons/course.yaml`` through :func:`helpers.course.lessons`).
Notebooks are read as plain JSON: nbformat would cost every collection several seconds (its schema validator
compiles grammars on import) and the tests only read text.
"""

from __future__ import annotations

import functools
import json
import os
import pathlib
import tempfile
from dataclasses import dataclass, field

import pytest

from helpers.course import Lesson, lesson, lessons

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = [item.notebook for item in lessons()]

# The tests' answers go to records of their own (helpers.record), never to the learner's ~/.benzo-course: one for
# the session (session fixtures, and the kernels they start, inherit it) and a fresh one for every test.
os.environ["COURSE_RECORD"] = str(pathlib.Path(tempfile.mkdtemp(prefix="course-record-")) / "record.json")


@pytest.fixture(autouse=True)
def fresh_record(tmp_path_factory, monkeypatch) -> pathlib.Path:
    """An empty learner record for each test (its path; ``COURSE_RECORD`` points at it)."""
    path = tmp_path_factory.mktemp("record") / "record.json"
    monkeypatch.setenv("COURSE_RECORD", str(path))
    return path


# ---------------------------------------------------------------- reading notebooks and guides


@dataclass(frozen=True)
class Cell:
    """One notebook cell as the tests read it: its type, its text (lines joined), metadata and outputs."""

    cell_type: str
    source: str
    metadata: dict = field(default_factory=dict)
    outputs: tuple = ()
    execution_count: int | None = None

    @property
    def tags(self) -> list[str]:
        return self.metadata.get("tags", [])


def lesson_of(key: str | pathlib.Path | Lesson) -> Lesson:
    """The registry's lesson for a number (``"03"``), a stem (``"03_acute_dopamine"``), a notebook path or a lesson."""
    if isinstance(key, Lesson):
        return key
    return lesson(pathlib.Path(str(key)).stem[:2])


@functools.cache
def _notebook_at(path: pathlib.Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def notebook(key) -> dict:
    """The lesson's committed notebook as parsed JSON (read once; do not modify it)."""
    return _notebook_at(lesson_of(key).notebook)


def _text(source) -> str:
    return source if isinstance(source, str) else "".join(source)


@functools.cache
def _cells_at(path: pathlib.Path) -> tuple[Cell, ...]:
    return tuple(Cell(cell_type=raw["cell_type"], source=_text(raw["source"]), metadata=raw.get("metadata", {}),
                      outputs=tuple(raw.get("outputs", ())), execution_count=raw.get("execution_count"))
                 for raw in _notebook_at(path)["cells"])


def cells(key) -> tuple[Cell, ...]:
    """The lesson's cells, in order."""
    return _cells_at(lesson_of(key).notebook)


def markdown_text(key) -> str:
    """Every markdown cell of the lesson, joined by newlines."""
    return "\n".join(cell.source for cell in cells(key) if cell.cell_type == "markdown")


def code_text(key) -> str:
    """Every code cell of the lesson, joined by newlines."""
    return "\n".join(cell.source for cell in cells(key) if cell.cell_type == "code")


def cell_index(notebook_cells, text: str, *, kind: str | None = None, start: int = 0) -> int:
    """Index of the first cell from ``start`` whose source holds ``text`` (of type ``kind`` if given)."""
    for index in range(start, len(notebook_cells)):
        cell = notebook_cells[index]
        if text in cell.source and kind in (None, cell.cell_type):
            return index
    raise AssertionError(f"no {kind or ''} cell holds {text!r}")


@functools.cache
def guide_text(key) -> str:
    """The lesson's instructor guide (``lessons/NN_slug.md``)."""
    return lesson_of(key).guide.read_text(encoding="utf-8")


def flat(text: str) -> str:
    """``text`` with every run of white space made one space (so a line break does not hide a phrase)."""
    return " ".join(text.split())


def solutions_text(number: str) -> str:
    """Lesson ``number``'s worked solutions (they live in the exercise bank, not in notebook cells)."""
    from helpers.activities.exercise import load_exercises

    return "\n".join(item.solution for item in load_exercises(number))


# ---------------------------------------------------------------- explorers


@functools.cache
def explorers() -> dict:
    """Every registered explorer by name, built once per session (``helpers.lessons.all_explorers``).

    Call it inside a test, or in a ``parametrize`` list (then it is built once, at collection)."""
    from helpers.lessons import all_explorers

    return all_explorers()


# ---------------------------------------------------------------- session fixtures


_executed: dict[pathlib.Path, object] = {}


@pytest.fixture(scope="session")
def executed_notebook():
    """Function returning the live-mode execution of a notebook (an nbformat node), run at most once per session."""
    from helpers.publish.run import execute_notebook

    def run(path: pathlib.Path):
        if path not in _executed:
            _executed[path] = execute_notebook(path, handout=False)
        return _executed[path]

    return run


@pytest.fixture(scope="session")
def built_handouts(tmp_path_factory):
    """Every notebook built into handout pages once per session (HTML only); shared by the handout
    and browser tests, so each notebook runs once in handout mode per session."""
    from helpers.publish.build import build

    if not NOTEBOOKS:
        pytest.skip("the course registry lists no lesson")
    return build(tmp_path_factory.mktemp("handouts"), notebooks=NOTEBOOKS, pdf=False, log=lambda _line: None)


@pytest.fixture(scope="session")
def built_slides(built_handouts, tmp_path_factory):
    """Every lesson's slide deck and the decks' index, built once per session from the handouts' executed
    notebooks (so no notebook runs twice): a ``helpers.publish.slides.SlidesResult`` (``out_dir``, ``decks``)."""
    from helpers.publish.slides import build_slides

    return build_slides(tmp_path_factory.mktemp("slides"), executed=built_handouts.executed, notebooks=NOTEBOOKS,
                        log=lambda _line: None)


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Chromium for the session (Playwright over CDP), stopped by process id at the end."""
    from browser_support import running_chromium

    with running_chromium() as browser:
        yield browser
