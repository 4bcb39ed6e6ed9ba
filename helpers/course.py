"""The course's lessons, read from ``lessons/course.yaml``: the one place for each lesson's number, slug,
title, question, minutes, prerequisites and place on the course map.

The course map, the claims table's allowed lessons, the handout index, the notebooks' title and
"Time to learn" lines, the README's lesson table and the syllabus rows' title and minutes all come from here.
``python -m helpers sync`` (or ``python -m helpers.course`` for these lines alone) rewrites the generated lines
after ``course.yaml`` changes; :func:`out_of_date` lists what differs (``make test`` fails on it). A lesson whose
notebook does not exist yet (being written) is skipped by :func:`sync` and named by :func:`out_of_date`.
"""

from __future__ import annotations

import functools
import importlib.metadata
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COURSE_FILE = ROOT / "lessons" / "course.yaml"
README_FILE = ROOT / "README.md"
SYLLABUS_FILE = ROOT / "lessons" / "README.md"
TABLE_START = "<!-- lessons: generated from lessons/course.yaml by `python -m helpers sync` -->"
TABLE_END = "<!-- end of lessons -->"
COURSE_ID = "benzo-dopamine-course"   # the package's name in pyproject.toml: names the course in learner records


@functools.cache
def course_version() -> str:
    """The course's version, ``"0.1.0"``: pyproject.toml's (read from the file in a checkout, else from the
    installed package's metadata). Learner records carry it, so a newer course can tell an older entry."""
    pyproject = ROOT / "pyproject.toml"
    if pyproject.exists():
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    return importlib.metadata.version(COURSE_ID)


@dataclass(frozen=True)
class MapBox:
    """A lesson's box on the course map: short title and question, strand, position (map units)."""

    title: str
    question: str
    strand: str
    x: float
    y: float


@dataclass(frozen=True)
class Lesson:
    number: str
    slug: str
    title: str
    question: str
    minutes: int
    prerequisites: tuple[str, ...]
    map: MapBox
    minutes_alone: int | None = None
    extension_minutes: int = 0

    @property
    def stem(self) -> str:
        """``"03_acute_dopamine"``: the notebook's and the guide's file name without extension."""
        return f"{self.number}_{self.slug}"

    @property
    def notebook(self) -> Path:
        return ROOT / "notebooks" / f"{self.stem}.ipynb"

    @property
    def guide(self) -> Path:
        return ROOT / "lessons" / f"{self.stem}.md"

    @property
    def heading(self) -> str:
        """The notebook's first line: ``# 03 · Acute effects: ...``."""
        return f"# {self.number} · {self.title}"

    @property
    def minutes_text(self) -> str:
        """``"50"``, ``"50 (about 30 alone)"`` where a learner alone needs a different time, and
        ``" + 25 extension"`` where the lesson has extension material for self-study."""
        text = f"{self.minutes} (about {self.minutes_alone} alone)" if self.minutes_alone else str(self.minutes)
        return text + (f" + {self.extension_minutes} extension" if self.extension_minutes else "")

    @property
    def time_to_learn(self) -> str:
        """The notebook's time line: ``**Time to learn: 50 minutes** (about 30 on your own)``, and the extensions'
        minutes where there are some: ``; Going further: about 25 minutes more, for self-study``."""
        alone = f" (about {self.minutes_alone} on your own)" if self.minutes_alone else ""
        further = (f"; **Going further**: about {self.extension_minutes} minutes more, for self-study"
                   if self.extension_minutes else "")
        return f"**Time to learn: {self.minutes} minutes**{alone}{further}"


@functools.cache
def lessons() -> tuple[Lesson, ...]:
    """Every lesson, in order; ``ValueError`` names a malformed entry of ``course.yaml``."""
    entries = yaml.safe_load(COURSE_FILE.read_text(encoding="utf-8"))["lessons"]
    found = tuple(_lesson(entry) for entry in entries)
    numbers = [item.number for item in found]
    if numbers != [f"{n:02d}" for n in range(len(found))]:
        raise ValueError(f"{COURSE_FILE.name}: lessons must be numbered 00, 01, ... in order; got {numbers}")
    for item in found:
        if any(before >= item.number or before not in numbers for before in item.prerequisites):
            raise ValueError(f"{COURSE_FILE.name}: lesson {item.number}'s prerequisites must be earlier lessons; "
                             f"got {list(item.prerequisites)}")
    return found


def _lesson(entry: dict) -> Lesson:
    try:
        return Lesson(number=str(entry["number"]), slug=entry["slug"], title=entry["title"],
                      question=entry["question"], minutes=int(entry["minutes"]),
                      prerequisites=tuple(str(n) for n in entry["prerequisites"]), map=MapBox(**entry["map"]),
                      minutes_alone=entry.get("minutes_alone"),
                      extension_minutes=int(entry.get("extension_minutes") or 0))
    except (KeyError, TypeError) as error:
        raise ValueError(f"{COURSE_FILE.name}: lesson {entry.get('number', '?')} is missing or has a wrong "
                         f"field ({error})") from None


def lesson(number: str) -> Lesson:
    """The lesson with this two-digit number; ``ValueError`` lists the numbers that exist."""
    for item in lessons():
        if item.number == number:
            return item
    raise ValueError(f"lesson must be one of {', '.join(repr(item.number) for item in lessons())}; got {number!r}")


def lesson_stems() -> tuple[str, ...]:
    """``("00_start_here", "01_gaba_a_receptor", ...)``."""
    return tuple(item.stem for item in lessons())


def by_stem(stem: str) -> Lesson | None:
    """The lesson whose notebook is ``stem.ipynb``, or None for a notebook outside the course."""
    return next((item for item in lessons() if item.stem == stem), None)


def with_notebook() -> tuple[Lesson, ...]:
    """The lessons whose notebook exists (a lesson being written may have only its registry entry)."""
    return tuple(item for item in lessons() if item.notebook.exists())


def without_notebook() -> tuple[Lesson, ...]:
    """The registry's lessons whose notebook does not exist yet."""
    return tuple(item for item in lessons() if not item.notebook.exists())


def unregistered_notebooks(folder: Path | None = None) -> list[Path]:
    """Notebooks named like lessons (``NN_*.ipynb``) in ``folder`` (default ``notebooks/``) that no registry
    entry names: they are not part of the course (tests fail on them; the handout build skips them)."""
    folder = Path(folder) if folder is not None else ROOT / "notebooks"
    known = {item.notebook.name for item in lessons()}
    return [path for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")) if path.name not in known]


# ---------------------------------------------------------------- generated text


def readme_table() -> str:
    """The README's lesson table, between its markers."""
    rows = [f"| {item.number} | `{item.stem}.ipynb` | {item.question} | {item.minutes_text} |" for item in lessons()]
    return "\n".join([TABLE_START, "| # | Notebook | Question it asks | Minutes |", "|---|---|---|---|", *rows,
                      TABLE_END])


def synced_readme(text: str) -> str:
    """``text`` (the README) with its lesson table regenerated."""
    pattern = re.compile(re.escape(TABLE_START) + r".*?" + re.escape(TABLE_END), re.S)
    if not pattern.search(text):
        raise ValueError(f"README.md has no lesson table between {TABLE_START!r} and {TABLE_END!r}")
    return pattern.sub(lambda _match: readme_table(), text)


def synced_header(source: str, item: Lesson) -> str:
    """A notebook's first cell with its heading and "Time to learn" line taken from ``item``."""
    lines = source.splitlines()
    lines[0] = item.heading
    lines = [item.time_to_learn if line.startswith("**Time to learn") else line for line in lines]
    return "\n".join(lines)


SYLLABUS_ROW = re.compile(r"^\| (\d\d) \|[^|]*\|[^|]*\|(.*)$", re.M)


def syllabus_row(item: Lesson, rest: str = " TODO: prerequisites | TODO: the questions it answers |") -> str:
    """The syllabus row of ``item``: number, title with its notebook and guide links, minutes, then ``rest`` (the
    prerequisites and questions columns, written by hand)."""
    return (f"| {item.number} | **{item.title}** · [notebook](../notebooks/{item.stem}.ipynb) · "
            f"[guide]({item.stem}.md) | {item.minutes_text} |{rest}")


def synced_syllabus(text: str) -> str:
    """``text`` (``lessons/README.md``) with each lesson row's title, links and minutes from the registry; a
    lesson without a row gets one after the last row (its prerequisites and questions marked TODO)."""
    rows = {match.group(1): match for match in SYLLABUS_ROW.finditer(text)}
    if not rows:
        raise ValueError(f"{SYLLABUS_FILE.name} has no lesson table (rows starting '| 00 |')")
    text = SYLLABUS_ROW.sub(_synced_row, text)
    missing = [item for item in lessons() if item.number not in rows]
    if missing:
        last = list(SYLLABUS_ROW.finditer(text))[-1]
        added = "".join("\n" + syllabus_row(item) for item in missing)
        text = text[:last.end()] + added + text[last.end():]
    return text


def _synced_row(match: re.Match) -> str:
    item = next((item for item in lessons() if item.number == match.group(1)), None)
    return syllabus_row(item, match.group(2)) if item else match.group(0)


def with_extension_minutes(text: str, number: str, minutes: int) -> str:
    """``text`` (``course.yaml``) with lesson ``number``'s ``extension_minutes`` set to ``minutes`` (the line is
    added after its ``minutes:`` line when missing); comments and layout stay as they are."""
    start = re.search(rf'^  - number: "{number}"\n', text, re.M)
    if start is None:
        raise ValueError(f"{COURSE_FILE.name} has no lesson {number!r}")
    end = text.find("\n  - number:", start.end())
    end = len(text) if end < 0 else end + 1
    entry = text[start.start():end]
    if re.search(r"^    extension_minutes: .*$", entry, re.M):
        entry = re.sub(r"^    extension_minutes: .*$", f"    extension_minutes: {minutes}", entry, flags=re.M)
    else:
        entry = re.sub(r"^(    minutes: .*)$", rf"\1\n    extension_minutes: {minutes}", entry, count=1, flags=re.M)
    return text[:start.start()] + entry + text[end:]


def out_of_date() -> list[str]:
    """What differs from ``course.yaml`` (empty when everything agrees)."""
    problems = []
    for path, synced in ((README_FILE, synced_readme), (SYLLABUS_FILE, synced_syllabus)):
        if path.read_text(encoding="utf-8") != synced(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(ROOT)}: the lesson table")
    problems += [f"{item.stem}.ipynb is missing" for item in without_notebook()]
    for item in with_notebook():
        first = _first_cell_source(_read_notebook(item.notebook))
        if first != synced_header(first, item) or item.time_to_learn not in first:
            problems.append(f"{item.stem}.ipynb: the heading or the 'Time to learn' line")
    return problems


def sync() -> list[str]:
    """Rewrite the generated lines from ``course.yaml``; return the files changed. Lessons without a notebook
    are skipped (:func:`without_notebook` names them)."""
    changed = []
    for path, synced in ((README_FILE, synced_readme), (SYLLABUS_FILE, synced_syllabus)):
        text = path.read_text(encoding="utf-8")
        if synced(text) != text:
            path.write_text(synced(text), encoding="utf-8")
            changed.append(str(path.relative_to(ROOT)))
    for item in with_notebook():
        notebook = _read_notebook(item.notebook)
        first = _first_cell_source(notebook)
        if synced_header(first, item) != first:
            notebook["cells"][0]["source"] = synced_header(first, item).splitlines(keepends=True)
            _write_notebook(notebook, item.notebook)
            changed.append(str(item.notebook.relative_to(ROOT)))
    return changed


# Notebooks are read as JSON, written as nbformat writes them (indent 1, sorted keys, a final newline):
# importing nbformat here would cost every kernel about a second (jsonschema) for two lines of text.
def _read_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _first_cell_source(notebook: dict) -> str:
    source = notebook["cells"][0]["source"]
    return source if isinstance(source, str) else "".join(source)


def _write_notebook(notebook: dict, path: Path) -> None:
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    print("\n".join(sync()) or "Everything already agrees with lessons/course.yaml.")
    print("\n".join(f"{item.stem}: no notebook yet, skipped" for item in without_notebook()))
