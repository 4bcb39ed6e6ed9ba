"""Adding a lesson is one command: ``python -m helpers new-lesson NN slug "Title"`` writes every file a lesson
needs, and the fast tests pass right after; ``python -m helpers sync`` then changes nothing more, and it tolerates a
registry lesson whose notebook is not written yet."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from helpers import course
from helpers.authoring import sync as generators

AGREES = "Everything generated already agrees with its sources."
LATER_LESSON = '''  - number: "{number}"
    slug: later
    title: A lesson being written
    question: What will it ask?
    minutes: 50
    prerequisites: []
    map: {{title: Later, question: "What?", strand: "Mechanism", x: 1, y: 1}}
'''


def copy_of_the_repository(target: Path) -> Path:
    """The repository's files as they are in the working tree (tracked and new, not ignored), copied to ``target``."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def run(args: list[str], cwd: Path, timeout_s: float) -> subprocess.CompletedProcess:
    """``python args`` in ``cwd``, importing ``helpers`` from there (kernels it starts too, not the installed copy)."""
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout_s, env=env)


@pytest.mark.notebook
def test_a_new_lesson_passes_lint_and_the_fast_tests_and_a_second_sync_changes_nothing(tmp_path):
    """What `make test-fast` runs (ruff on the new code, then pytest without notebooks and browser), in a copy of
    the working tree."""
    copy = copy_of_the_repository(tmp_path / "course")
    number = f"{len(course.lessons()):02d}"
    made = run(["-m", "helpers", "new-lesson", number, "test_lesson", "A test lesson"], copy, 300)
    assert made.returncode == 0, made.stderr[-2000:]
    stem = f"{number}_test_lesson"
    for path in (f"notebooks/{stem}.ipynb", f"lessons/{stem}.md", f"helpers/data/quizzes/{stem}.yaml",
                 f"helpers/data/exercises/{stem}.yaml", f"helpers/data/predictions/{stem}.yaml",
                 f"helpers/lessons/l{stem}.py"):
        assert (copy / path).exists(), path
    assert f"| {number} | **A test lesson**" in (copy / "lessons" / "README.md").read_text(encoding="utf-8")
    again = run(["-m", "helpers", "sync"], copy, 300)
    assert again.returncode == 0 and again.stdout.strip() == AGREES, again.stdout + again.stderr
    code = [line.split(": ", 1)[1] for line in made.stdout.splitlines()
            if line.startswith("written: ") and line.endswith((".py", ".ipynb"))]
    lint = subprocess.run([str(Path(sys.executable).with_name("ruff")), "check", *code], cwd=copy,
                          capture_output=True, text=True, timeout=300)
    assert len(code) == 2 and lint.returncode == 0, lint.stdout[-3000:]
    fast = run(["-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-m", "not notebook and not browser"], copy, 3600)
    assert fast.returncode == 0, fast.stdout[-4000:] + fast.stderr[-2000:]


def test_a_lesson_number_out_of_order_or_a_bad_slug_is_refused_before_anything_is_written():
    from helpers.authoring.scaffold import check_new_lesson

    with pytest.raises(ValueError, match="the next lesson number is"):
        check_new_lesson("42", "test_lesson", "A test lesson")
    with pytest.raises(ValueError, match="slug must be"):
        check_new_lesson(f"{len(course.lessons()):02d}", "Test-Lesson", "A test lesson")


@pytest.fixture
def course_in(tmp_path, monkeypatch):
    """The course's notebooks, guides, registry and READMEs copied to ``tmp_path``, with the registry pointed there."""
    for folder in ("notebooks", "lessons"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    monkeypatch.setattr(course, "ROOT", tmp_path)
    for name, path in (("COURSE_FILE", "lessons/course.yaml"), ("README_FILE", "README.md"),
                       ("SYLLABUS_FILE", "lessons/README.md")):
        monkeypatch.setattr(course, name, tmp_path / path)
    course.lessons.cache_clear()
    yield tmp_path
    course.lessons.cache_clear()


def test_sync_skips_a_registry_lesson_without_its_notebook_with_a_message(course_in):
    registry = course.COURSE_FILE
    number = f"{len(course.lessons()):02d}"
    registry.write_text(registry.read_text(encoding="utf-8") + LATER_LESSON.format(number=number), encoding="utf-8")
    course.lessons.cache_clear()
    said = []
    generators.sync(log=said.append)
    assert f"{number}_later: skipped, the notebook does not exist yet" in said
    assert f"| {number} | **A lesson being written**" in course.SYLLABUS_FILE.read_text(encoding="utf-8")
    assert f"{number}_later.ipynb is missing" in course.out_of_date()
    said.clear()
    assert generators.sync(log=said.append) == [] and said[-1] == AGREES
