"""The course glossary, ``helpers/data/glossary.yaml``: one plain-language definition per technical word.

Each entry has a ``term``, other forms that count as a use of it (``also``), a ``definition`` of at most two
sentences, the ``lesson`` that introduces it and, where the definition states a fact, the reference ids it
rests on (``sources``), and ``withheld_from``: lessons whose words cell leaves the term out because, shown at the
top of that lesson, it would answer one of its predictions (the lesson defines it after the reveal; the glossary
page keeps it). :func:`terms` loads and checks the file; a problem raises ``ValueError`` naming the file, the term
and the field.

Definitions stay in the YAML only. ``python -m helpers.glossary`` writes, into each lesson notebook, one
markdown cell between markers: a folded "Words in this lesson" block (``<details>`` with a ``<dl>``; each
``<dt>`` has an id) listing the glossary terms that lesson's text uses. JupyterLab's markdown sanitizer keeps
``details``, ``summary``, ``dl``, ``dt``, ``dd`` and ``id`` attributes, and the block opens with the keyboard
(Enter on the summary) in JupyterLab and in the handouts. :func:`out_of_date` lists notebooks whose block
differs from the YAML (a test fails on it). The handouts also get a glossary page
(:mod:`helpers.publish.glossary_page`).
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers import course
from helpers.course import _read_notebook, _write_notebook   # the one way notebooks are read and written as JSON
from helpers.references import CONFIDENCE_LABELS, references

GLOSSARY_FILE = Path(__file__).resolve().parent / "data" / "glossary.yaml"
FIELDS = ("term", "also", "definition", "lesson", "sources", "withheld_from")
MAX_SENTENCES = 2
BLOCK_START = ("<!-- glossary: generated from helpers/data/glossary.yaml by `python -m helpers.glossary`; "
               "edit the YAML, not this cell -->")
BLOCK_END = "<!-- end of glossary -->"
BLOCK_CELL_ID = "words-in-this-lesson"
# A sentence ends at . ! or ? (and a closing bracket or quote) followed by a space and more text.
SUBSCRIPT_TAG = re.compile(r"</?su[bp]>")
SENTENCE_END = re.compile(r"[.!?][)\]\"']?\s+(?=\S)")


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    term: str
    definition: str
    lesson: str
    sources: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    withheld_from: tuple[str, ...] = ()   # lessons whose words cell leaves it out: it would answer a prediction there

    @property
    def forms(self) -> tuple[str, ...]:
        """The term and its other forms: any of them in a lesson's text counts as a use."""
        return (self.term, *self.also)

    @property
    def slug(self) -> str:
        """``"ec50"``, ``"gaba-a-receptor"``, ``"alpha1-h101"``: the term in an HTML id (ASCII)."""
        return re.sub(r"[^a-z0-9]+", "-", _spelled_out(self.term)).strip("-")

    @property
    def cited(self) -> str:
        """The sources as the course cites them: ``"[source: a] [source: b; partly verified]"`` ('' if none)."""
        return " ".join(_citation(source_id) for source_id in self.sources)

    def used_in(self, text: str) -> bool:
        """True if ``text`` uses the term or one of its forms as a whole word (see :func:`form_pattern`)."""
        return any(form_pattern(form).search(text) for form in self.forms)


def _citation(source_id: str) -> str:
    confidence = references()[source_id].get("confidence")
    note = "" if confidence == "verified" else f"; {CONFIDENCE_LABELS.get(confidence, confidence)}"
    return f"[source: {source_id}{note}]"


@functools.cache
def form_pattern(form: str) -> re.Pattern:
    """A whole-word pattern for one form: case-insensitive for lower-case forms ("tolerance" finds
    "Tolerance"), exact for forms with capitals ("DAT", "Km", "GABA"); "GABA" does not match "GABA-A"."""
    flags = 0 if any(char.isupper() for char in form) else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", flags)


def sentence_count(text: str) -> int:
    """How many sentences ``text`` has (decimal points and "Km." inside a sentence are not ends)."""
    return len(SENTENCE_END.findall(text.strip())) + 1


@functools.cache
def terms() -> tuple[Term, ...]:
    """Every glossary entry, in the file's order, checked (see :func:`load`)."""
    return load(GLOSSARY_FILE)


def load(path: Path) -> tuple[Term, ...]:
    """The glossary at ``path``, checked; ``ValueError`` names the file, the term and the field at fault."""
    path = Path(path)
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("terms")
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{path.name}: needs a non-empty list under 'terms'")
    found = [_term(entry, path.name) for entry in entries]
    seen: dict[str, str] = {}
    for item in found:
        for form in item.forms:
            if form in seen:
                raise ValueError(f"{path.name}: term {item.term!r}: field 'also': {form!r} is already a form of "
                                 f"{seen[form]!r}")
            seen[form] = item.term
    return tuple(found)


def _term(entry, file_name: str) -> Term:
    name = entry.get("term") if isinstance(entry, dict) else None
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{file_name}: an entry has no 'term' (a non-empty string): {entry!r}")

    def fault(field: str, problem: str) -> ValueError:
        return ValueError(f"{file_name}: term {name!r}: field {field!r}: {problem}")

    unknown = set(entry) - set(FIELDS)
    if unknown:
        raise fault(sorted(unknown)[0], f"unknown field; the fields are {', '.join(FIELDS)}")
    definition = entry.get("definition")
    if not isinstance(definition, str) or not definition.strip():
        raise fault("definition", "must be a non-empty string")
    if sentence_count(definition) > MAX_SENTENCES:
        raise fault("definition", f"has {sentence_count(definition)} sentences; at most {MAX_SENTENCES}")
    lesson = entry.get("lesson")
    numbers = [item.number for item in course.lessons()]
    if not isinstance(lesson, str) or lesson not in numbers:
        raise fault("lesson", f"must be one of {', '.join(numbers)} (a quoted string); got {lesson!r}")
    withheld = entry.get("withheld_from", [])
    if not isinstance(withheld, list) or not set(withheld) <= set(numbers):
        raise fault("withheld_from", f"must be a list of lesson numbers ({', '.join(numbers)}), quoted")
    return Term(term=name.strip(), definition=" ".join(definition.split()), lesson=lesson,
                sources=_sources(entry.get("sources", []), fault), also=_strings(entry.get("also", []), fault),
                withheld_from=tuple(withheld))


def _strings(value, fault) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise fault("also", "must be a list of non-empty strings")
    return tuple(item.strip() for item in value)


def _sources(value, fault) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fault("sources", "must be a list of reference ids")
    for source_id in value:
        if source_id not in references():
            raise fault("sources", f"{source_id!r} is not in helpers/data/references.yaml")
        if references()[source_id].get("confidence") == "unverified":
            raise fault("sources", f"{source_id!r} is unverified: it cannot support a definition")
    return tuple(value)


def term(name: str) -> Term:
    """The entry for ``name`` or one of its forms (any case); ``ValueError`` if the glossary has none."""
    for item in terms():
        if name.casefold() in (form.casefold() for form in item.forms):
            return item
    raise ValueError(f"{name!r} is not in {GLOSSARY_FILE.name}")


def alphabetical(items) -> list[Term]:
    """``items`` sorted as a reader looks them up (case and Greek letters aside: "α1 H101" under A)."""
    return sorted(items, key=lambda item: _spelled_out(item.term))


GREEK_NAMES = {"α": "alpha", "β": "beta", "γ": "gamma", "μ": "mu"}


def _spelled_out(text: str) -> str:
    """``text`` in lower case with its Greek letters spelled out: "α1 H101" -> "alpha1 h101"."""
    return "".join(GREEK_NAMES.get(char, char) for char in text.casefold())


# ---------------------------------------------------------------- the notebooks' "Words in this lesson"


def lesson_text(notebook: dict) -> str:
    """A notebook's markdown text, without the generated glossary cell; sub- and superscript tags are
    dropped, so "K<sub>m</sub>" reads "Km"."""
    sources = (_cell_source(cell) for cell in notebook["cells"] if cell["cell_type"] == "markdown")
    text = "\n".join(source for source in sources if not source.startswith(BLOCK_START))
    return SUBSCRIPT_TAG.sub("", text)


def terms_used(notebook: dict) -> list[Term]:
    """The glossary terms a notebook's markdown uses, alphabetically."""
    text = lesson_text(notebook)
    return alphabetical(item for item in terms() if item.used_in(text))


def words_block(number: str, used: list[Term]) -> str:
    """The folded "Words in this lesson" cell for lesson ``number`` (markdown holding one HTML block)."""
    rows = []
    for item in used:
        introduced = ("" if item.lesson == number else f" <em>(from lesson {item.lesson})</em>" if item.lesson < number
                      else f" <em>(more in lesson {item.lesson})</em>")
        cited = f" {_escaped(item.cited)}" if item.sources else ""
        rows.append(f'<dt id="words-{number}-{item.slug}"><strong>{_escaped(item.term)}</strong></dt>'
                    f"<dd>{_escaped(item.definition)}{cited}{introduced}</dd>")
    return "\n".join([
        BLOCK_START,
        '<details class="course-glossary">',
        f"<summary>Words in this lesson ({len(used)}): open for their meanings</summary>",
        "<dl>", *rows, "</dl>",
        "<p>Every definition lives in the course glossary (<code>helpers/data/glossary.yaml</code>; in the "
        "handouts, the Glossary page).</p>",
        "</details>",
        BLOCK_END])


def _escaped(text: str) -> str:
    return html.escape(text, quote=False)


def synced_notebook(notebook: dict, number: str) -> dict:
    """``notebook`` with its words cell (second cell, after the title cell) written from the glossary."""
    source = words_block(number, [item for item in terms_used(notebook) if number not in item.withheld_from])
    cells = [cell for cell in notebook["cells"] if not _cell_source(cell).startswith(BLOCK_START)]
    existing = next((cell for cell in notebook["cells"] if _cell_source(cell).startswith(BLOCK_START)), None)
    cell = dict(existing or {"cell_type": "markdown", "id": BLOCK_CELL_ID, "metadata": {}})
    cell["source"] = source.splitlines(keepends=True)
    return dict(notebook, cells=[cells[0], cell, *cells[1:]])


def out_of_date() -> list[str]:
    """Lesson notebooks whose words cell is missing or differs from the glossary (empty when all agree); a lesson
    without a notebook yet is left to :func:`helpers.course.out_of_date`."""
    problems = []
    for item in course.with_notebook():
        notebook = _read_notebook(item.notebook)
        if notebook["cells"] != synced_notebook(notebook, item.number)["cells"]:
            problems.append(f"{item.stem}.ipynb: the 'Words in this lesson' cell")
    return problems


def sync() -> list[str]:
    """Write every lesson's words cell from the glossary; return the notebooks changed (lessons without a
    notebook yet are skipped)."""
    changed = []
    for item in course.with_notebook():
        notebook = _read_notebook(item.notebook)
        synced = synced_notebook(notebook, item.number)
        if synced["cells"] != notebook["cells"]:
            _write_notebook(synced, item.notebook)
            changed.append(str(item.notebook.relative_to(course.ROOT)))
    return changed


def objectives(notebook: dict) -> list[str]:
    """The lesson's objectives: the bullet items under "### Objectives" in its first cell."""
    first = _cell_source(notebook["cells"][0])
    section = first.split("### Objectives", 1)[1] if "### Objectives" in first else ""
    items = re.split(r"^- ", section.split("\n#", 1)[0], flags=re.M)[1:]
    return [" ".join(item.split()) for item in items]


def _cell_source(cell: dict) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


if __name__ == "__main__":
    print("\n".join(sync()) or "Every notebook's 'Words in this lesson' cell already agrees with the glossary.")
