"""``python -m helpers new-lesson NN slug "Title"``: every file a new lesson needs, from the templates in
``templates/``, so that the fast tests pass at once; each placeholder the author replaces says ``TODO``.

It writes the registry entry (``lessons/course.yaml``), the notebook (``notebooks/NN_slug.ipynb``), the guide
(``lessons/NN_slug.md``), the self-check, exercise and prediction banks (``helpers/data/{quizzes,exercises,
predictions}/NN_slug.yaml``) and the lesson module (``helpers/lessons/lNN_slug.py``), then runs
``python -m helpers sync`` (which adds the syllabus row and every generated block).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import jinja2
import nbformat
import yaml

from helpers import course, guides
from helpers.authoring import sync as generators
from helpers.glossary import objectives

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
DATA_DIR = course.ROOT / "helpers" / "data"
SLUG = re.compile(r"[a-z][a-z0-9_]*")
KERNEL = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
          "language_info": {"name": "python"}}
# The placeholder self-check: level, index of the right option (of three), extension practice or not.
PLACEHOLDER_ITEMS = (("apply", 0, False), ("understand", 1, False), ("apply", 2, False), ("analyse", 1, False),
                     ("remember", 0, True))


def _templates() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined)


def lesson_files(number: str, slug: str) -> dict[str, Path]:
    """The new files of lesson ``number``/``slug``, by template name."""
    stem = f"{number}_{slug}"
    return {"notebook.yaml.j2": course.ROOT / "notebooks" / f"{stem}.ipynb",
            "guide.md.j2": course.ROOT / "lessons" / f"{stem}.md",
            "quiz.yaml.j2": DATA_DIR / "quizzes" / f"{stem}.yaml",
            "exercises.yaml.j2": DATA_DIR / "exercises" / f"{stem}.yaml",
            "predictions.yaml.j2": DATA_DIR / "predictions" / f"{stem}.yaml",
            "lesson_module.py.j2": course.ROOT / "helpers" / "lessons" / f"l{stem}.py"}


def check_new_lesson(number: str, slug: str, title: str) -> None:
    """``ValueError`` unless ``number`` is the next lesson number, ``slug`` is lower-case snake case, ``title``
    is one line, and none of the lesson's files exists yet."""
    expected = f"{len(course.lessons()):02d}"
    if number != expected:
        raise ValueError(f"the next lesson number is {expected!r} (lessons are numbered 00, 01, ... in order); "
                         f"got {number!r}")
    if not SLUG.fullmatch(slug):
        raise ValueError(f"slug must be lower-case letters, digits and underscores, starting with a letter; "
                         f"got {slug!r}")
    if not title.strip() or "\n" in title:
        raise ValueError("title must be one non-empty line")
    existing = [str(path.relative_to(course.ROOT)) for path in lesson_files(number, slug).values() if path.exists()]
    if existing:
        raise ValueError(f"already there: {', '.join(existing)}")


def map_position() -> tuple[int, int]:
    """A free place on the course map for the new lesson: the first empty cell of its 3-column grid, row by row
    from the top; when the grid is full, the start of a new row under it."""
    taken = {(int(item.map.x), int(item.map.y)) for item in course.lessons()}
    rows = range(max(y for _, y in taken), min(y for _, y in taken) - 2, -1)
    return next((x, y) for y in rows for x in range(3) if (x, y) not in taken)


def add_registry_entry(number: str, slug: str, title: str) -> None:
    """Append the lesson to ``lessons/course.yaml`` (comments and layout kept) and reload the registry."""
    previous = course.lessons()[-1] if course.lessons() else None
    x, y = map_position()
    entry = _templates().get_template("course_entry.yaml.j2").render(number=number, slug=slug, title=title,
                                                                     previous=previous, x=x, y=y)
    text = course.COURSE_FILE.read_text(encoding="utf-8")
    course.COURSE_FILE.write_text(text.rstrip("\n") + "\n" + entry, encoding="utf-8")
    course.lessons.cache_clear()


def notebook(context: dict) -> nbformat.NotebookNode:
    """The new notebook: the cells of ``templates/notebook.yaml.j2`` (ids, tags, sources), without outputs."""
    cells = []
    for spec in yaml.safe_load(_templates().get_template("notebook.yaml.j2").render(**context)):
        make = nbformat.v4.new_markdown_cell if "markdown" in spec else nbformat.v4.new_code_cell
        cell = make(source=(spec.get("markdown") or spec.get("code")).rstrip("\n"), id=spec["id"])
        if spec.get("tags"):
            cell.metadata["tags"] = spec["tags"]
        cells.append(cell)
    return nbformat.v4.new_notebook(cells=cells, metadata=dict(KERNEL))


def new_lesson(number: str, slug: str, title: str, log: Callable[[str], None] = print) -> list[str]:
    """Scaffold lesson ``number`` (see the module docstring) and run every generator; return the files written."""
    check_new_lesson(number, slug, title)
    previous = course.lessons()[-1] if course.lessons() else None
    add_registry_entry(number, slug, title)
    item = course.lesson(number)
    files = lesson_files(number, slug)
    context = {"number": number, "slug": slug, "title": title, "stem": item.stem, "previous": previous,
               "minutes": item.minutes,
               "module": f"helpers.lessons.l{item.stem}", "budget_start": guides.BUDGET_START,
               "budget_end": guides.BUDGET_END, "key_start": guides.KEY_START, "key_end": guides.KEY_END}
    lesson_notebook = notebook(context)
    nbformat.write(lesson_notebook, files["notebook.yaml.j2"])
    goals = objectives({"cells": [dict(lesson_notebook.cells[0])]})
    context["items"] = [{"level": level, "right": right, "extension": extension, "objective": goals[i % len(goals)]}
                        for i, (level, right, extension) in enumerate(PLACEHOLDER_ITEMS)]
    context["objective"] = goals[-1]
    for template, path in files.items():
        if template != "notebook.yaml.j2":
            path.write_text(_templates().get_template(template).render(**context), encoding="utf-8")
    written = [str(course.COURSE_FILE.relative_to(course.ROOT)),
               *(str(path.relative_to(course.ROOT)) for path in files.values())]
    for path in written:
        log(f"written: {path}")
    return list(dict.fromkeys(written + generators.sync(log)))
