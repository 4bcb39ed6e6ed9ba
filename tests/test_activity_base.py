"""The ground of the activity framework (helpers/activities/base.py): one mode switch, one view choice, one page-id
source, one bank loader, one number parser, and the activities' browser scripts as static files, valid JavaScript."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers.activities import base
from helpers.activities.base import Activity, bank_file, in_handout, load_bank, page_id, parse_number

HELPERS = Path(__file__).resolve().parents[1] / "helpers"
VENDORED_JS = (HELPERS / "activities" / "plotlyjs", HELPERS / "publish" / "revealjs")   # as released: not course code


class Card(Activity):
    """A minimal activity: its views name themselves."""

    def live_view(self):
        return "the live widget"

    def handout_html(self) -> str:
        return "<p>the handout form</p>"


@pytest.fixture
def shown(monkeypatch):
    captured = []
    monkeypatch.setattr(base, "display", captured.append)
    return captured


def test_show_gives_the_live_view_in_jupyterlab(shown, monkeypatch):
    monkeypatch.delenv(base.HANDOUT_ENV, raising=False)
    Card().show()
    assert shown == ["the live widget"] and not in_handout()


def test_show_gives_the_handout_html_in_a_handout(shown, monkeypatch):
    monkeypatch.setenv(base.HANDOUT_ENV, "1")
    Card().show()
    assert [output.data for output in shown] == ["<p>the handout form</p>"] and in_handout()


def test_an_activity_must_have_both_views():
    class LiveOnly(Activity):
        def live_view(self):
            return None

    with pytest.raises(TypeError, match="handout_html"):
        LiveOnly()


def test_page_ids_name_their_kind_and_never_repeat():
    ids = [page_id("quiz"), page_id("exercise", "04-ex1"), page_id("quiz")]
    assert re.fullmatch(r"course-quiz-\d+", ids[0]) and re.fullmatch(r"course-exercise-04-ex1-\d+", ids[1])
    assert len(set(ids)) == 3


@pytest.mark.parametrize(("typed", "number"), [("3.5", 3.5), ("3,5", 3.5), (" 12 ", 12.0), ("−2", -2.0),
                                               ("1e3", 1000.0)])
def test_parse_number_reads_the_number_a_learner_means(typed, number):
    assert parse_number(typed) == number


@pytest.mark.parametrize("typed", ["", "about three", "3 mg", "1,5,2"])
def test_parse_number_gives_none_for_text_that_is_no_number(typed):
    assert parse_number(typed) is None


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    """A temporary data folder for the bank loader (its cache cleared before and after)."""
    monkeypatch.setattr(base, "DATA_FOLDER", tmp_path)
    (tmp_path / "quizzes").mkdir()
    load_bank.cache_clear()
    yield tmp_path
    load_bank.cache_clear()


def test_load_bank_reads_a_lessons_file_once(data_folder):
    bank_file("quizzes", "02").write_text("- {id: 02-a}\n- {id: 02-b}\n", encoding="utf-8")
    entries = load_bank("quizzes", "02")
    assert [entry["id"] for entry in entries] == ["02-a", "02-b"]
    bank_file("quizzes", "02").write_text("- {id: 02-changed}\n", encoding="utf-8")
    assert load_bank("quizzes", "02") is entries, "read once per process"


def test_load_bank_of_a_lesson_without_a_file_is_empty(data_folder):
    assert load_bank("quizzes", "03") == ()


@pytest.mark.parametrize("text", ["- {id: [unclosed\n", "id: 02-a\n", "- 3\n"])
def test_a_bad_bank_file_is_refused_naming_the_file(data_folder, text):
    path = bank_file("quizzes", "02")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(path.name)):
        load_bank("quizzes", "02")


def test_the_real_banks_are_named_like_their_notebooks():
    assert bank_file("exercises", "04").name.startswith("04_") and bank_file("exercises", "04").exists()


# ---------------------------------------------------------------- one view choice, no JavaScript in Python


def _calls(name: str) -> dict[str, int]:
    """How often each module of helpers/ calls ``name(...)``."""
    counts = {}
    for path in HELPERS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = sum(isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == name
                    for node in ast.walk(tree))
        if found:
            counts[str(path.relative_to(HELPERS))] = found
    return counts


def test_the_mode_is_read_in_activity_show_and_in_setup_only():
    assert _calls("in_handout") == {"activities/base.py": 1, "activities/display.py": 1}


def test_no_browser_program_is_kept_in_python():
    programs = {str(path.relative_to(HELPERS)) for path in HELPERS.rglob("*.py")
                if re.search(r"<script>\s*\(function", path.read_text(encoding="utf-8"))}
    assert not programs, f"move these scripts to static .js files: {sorted(programs)}"


@pytest.mark.parametrize("name", ["explorer.js", "predict.js", "exercise.js"])
def test_each_activity_script_defines_itself_once_and_starts_only_new_roots(name):
    script = (base.STATIC_FOLDER / name).read_text(encoding="utf-8")
    kind = name.removesuffix(".js")
    assert f"course.{kind} = course.{kind} || start" in script
    assert f'[data-course-activity={kind}]:not([data-course-started])' in script
    assert "%(" not in script and "http" not in script, "no Python formatting left; nothing loaded from the network"


def course_scripts() -> list[Path]:
    return sorted(path for path in HELPERS.rglob("*.js") if not any(folder in path.parents for folder in VENDORED_JS))


def test_the_course_has_its_scripts():
    names = {path.name for path in course_scripts()}
    assert {"explorer.js", "predict.js", "exercise.js", "course.js", "selfcheck.js"} <= names


@pytest.mark.parametrize("path", course_scripts(), ids=lambda path: path.name)
def test_every_course_script_is_valid_javascript(path, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install nodejs): cannot check the course's .js files")
    source = path.read_text(encoding="utf-8")
    if re.search(r"^export\b", source, re.M):   # an ES module (the chart widget's): checked as one
        path = tmp_path / f"{path.stem}.mjs"
        path.write_text(source, encoding="utf-8")
    result = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
