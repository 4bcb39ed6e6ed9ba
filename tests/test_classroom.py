"""The class report (helpers.classroom): it counts every valid record, names and skips every bad file, never writes
among the inputs, reads older course versions, escapes everything a learner wrote, names nobody unless asked, gets
its statistics right on a hand-made class, and the synthetic class is reproducible from its seed."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from helpers.classroom import ReportError, check_output, course_items, make_report
from helpers.classroom.__main__ import main
from helpers.classroom.records import read_records, read_text
from helpers.classroom.report import (CHECK_KEY_DISCRIMINATION, LOW_DISCRIMINATION, POINTS_TO, class_events,
                                      class_report, discrimination, discrimination_flag)
from helpers.activities.quiz import load_warm_up, practice_question
from helpers.classroom.synthetic import FIRST_LESSON_DAY, synthetic_class, write_class
from helpers.course import COURSE_ID, course_version, lessons
from helpers.record import FORMAT, FORMAT_VERSION, MAX_BYTES, MAX_DEPTH, RecordError

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"


# ---------------------------------------------------------------- hand-made records


def event(kind: str, item: str, lesson: str | None = None, version: str | None = None, **fields) -> dict:
    return {"lesson": lesson or item[:2], "kind": kind, "item": item, "time": "2026-12-07T21:00:00Z",
            "course_version": version or course_version(), "source": "handout", **fields}


def record(events: list[dict], record_id: str, **top) -> dict:
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "course": COURSE_ID, "record_id": record_id,
            "created": "2026-12-07T21:00:00Z", "events": events, **top}


def write(folder: Path, name: str, data) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with a digest of its content."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file() and path.stat().st_size < MAX_BYTES}


def question(item_id: str):
    return course_items.selfcheck_items()[item_id].question


# ---------------------------------------------------------------- a synthetic class, and every kind of bad file


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("class") / "records"
    write_class(12, folder, seed=5)
    return folder


BAD_FILES = {
    "malformed.json": ("{\"format\": \"benzo-course-record\", oops}", "not valid JSON"),
    "truncated.json": (None, "not valid JSON"),                  # a valid record cut in half (written below)
    "empty.json": ("", "empty"),
    "same-content.json": (None, "the same content as another file read"),
    "same-id.json": (None, "the same record_id as another file read"),
    "other-course.json": (None, "another course"),
    "absurd-size.json": (None, "larger than 5 MB"),
    "absurd-depth.json": (None, f"nested deeper than {MAX_DEPTH} levels"),
    "absurd-nesting.json": ("[" * 200_000 + "]" * 200_000, f"nested deeper than {MAX_DEPTH} levels"),
    f"{IMAGE}.json": ("not a record", "not valid JSON"),
}


@pytest.fixture(scope="module")
def mixed_folder(class_folder, tmp_path_factory) -> Path:
    """Five valid records and one file of each bad kind."""
    folder = tmp_path_factory.mktemp("mixed") / "records"
    folder.mkdir()
    for path in sorted(class_folder.glob("*.json"))[:5]:
        shutil.copy(path, folder / path.name)
    valid = json.loads((folder / "record-001.json").read_text(encoding="utf-8"))
    second = json.loads((folder / "record-002.json").read_text(encoding="utf-8"))
    generated = {
        "truncated.json": json.dumps(valid)[: len(json.dumps(valid)) // 2],
        "same-content.json": (folder / "record-001.json").read_text(encoding="utf-8"),
        "same-id.json": json.dumps(record(second["events"][:3], second["record_id"])),
        "other-course.json": json.dumps({**valid, "course": "another-course"}),
        "absurd-depth.json": json.dumps(record([event("explanation", "02-paradox", line="x",
                                                      extra=[[[[["deep"]]]]])], "deep")),
    }
    for name, (text, _reason) in BAD_FILES.items():
        if name != "absurd-size.json":
            write(folder, name, text if text is not None else generated[name])
    with (folder / "absurd-size.json").open("wb") as huge:   # sparse: 6 GB on paper, nothing on disk
        huge.truncate(6_000_000_000)
    (folder / "notes.txt").write_text("not a *.json file: ignored", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mixed_run(mixed_folder, tmp_path_factory):
    """The command run on the mixed folder: exit code, output, the page, and the input folder before and after."""
    before = snapshot(mixed_folder)
    out = tmp_path_factory.mktemp("mixed-report")
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):   # capsys is per test; this fixture is per module
        code = main(["report", str(mixed_folder), "-o", str(out)])
    return {"code": code, "out": stdout.getvalue(), "page": (out / "index.html").read_text(encoding="utf-8"),
            "before": before, "after": snapshot(mixed_folder)}


def test_the_report_counts_every_valid_record(class_folder, tmp_path, capsys):
    code, out, _ = run(capsys, "report", class_folder, "-o", tmp_path / "report")
    page = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert code == 0
    assert "Read 12 learner records" in out
    assert "12 learners' records" in page
    reading = read_records([class_folder])
    report = class_report(reading)
    assert report.records == 12 and not report.skipped
    # every learner present in lesson 02 committed once at 02-paradox, and each is counted once
    committed = {event_["item"] for record_ in reading.records for event_ in record_.events
                 if event_["kind"] == "prediction"}
    paradox = next(moment for moment in report.moments if moment.moment == "02-paradox")
    learners = sum(any(e["item"] == "02-paradox" and e["kind"] == "prediction" for e in r.events)
                   for r in reading.records)
    assert "02-paradox" in committed and paradox.learners == learners == paradox.table["learners"].sum()


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_is_named_with_its_reason_and_skipped(mixed_run, name):
    reason = BAD_FILES[name][1]
    assert any(name in line and reason in line for line in mixed_run["out"].splitlines()), mixed_run["out"]
    escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert f"<code>{escaped}</code>: " in mixed_run["page"]
    assert reason.replace("'", "&#39;") in mixed_run["page"] or reason in mixed_run["page"]


def test_the_other_files_still_count(mixed_run):
    assert mixed_run["code"] == 0
    assert "Read 5 learner records" in mixed_run["out"]
    assert "5 learners' records" in mixed_run["page"]
    assert "notes.txt" not in mixed_run["out"]   # a folder contributes its *.json files only


def test_a_skipped_copy_names_the_counted_file_only_when_asked(mixed_run, mixed_folder, tmp_path, capsys):
    # without --show-ids the page and the output name the skipped files, never the counted ones they repeat
    for counted in ("record-001.json", "record-002.json"):
        assert counted not in mixed_run["page"] and counted not in mixed_run["out"]
    code, out, _ = run(capsys, "report", mixed_folder, "-o", tmp_path / "ids", "--show-ids")
    page = (tmp_path / "ids" / "index.html").read_text(encoding="utf-8")
    assert code == 0
    for copy, counted in (("same-content.json", "record-001.json"), ("same-id.json", "record-002.json")):
        line = next(line for line in out.splitlines() if copy in line)
        assert line.endswith(f"(that file: {counted})")
        assert f"<code>{copy}</code>: " in page and f"(that file: {counted})" in page


def test_nothing_is_written_into_the_input_folder(mixed_run):
    assert mixed_run["after"] == mixed_run["before"]


def test_a_file_of_absurd_size_is_refused_before_it_is_read(mixed_folder, monkeypatch):
    def no_reading(*_args, **_kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(RecordError, match="larger than 5 MB"):
        read_text(mixed_folder / "absurd-size.json")


def test_exit_code_is_zero_with_one_record_and_not_without(class_folder, tmp_path, capsys):
    bad = write(tmp_path / "bad", "broken.json", "{")
    write(tmp_path / "bad", "empty.json", "")
    code, out, err = run(capsys, "report", tmp_path / "bad", "-o", tmp_path / "report")
    assert code != 0
    assert len(err.strip().splitlines()) == 1 and "no learner record could be read" in err
    assert "broken.json" in out and "empty.json" in out
    assert not (tmp_path / "report").exists()
    code, _, _ = run(capsys, "report", bad, class_folder / "record-003.json", "-o", tmp_path / "report")
    assert code == 0 and (tmp_path / "report" / "index.html").exists()


def test_the_command_line_runs_as_a_module(tmp_path):
    import subprocess
    import sys

    write(tmp_path / "in", "broken.json", "{")
    done = subprocess.run([sys.executable, "-m", "helpers.classroom", "report", str(tmp_path / "in"), "-o",
                           str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "no learner record could be read" in done.stderr


def test_the_report_folder_may_not_be_among_the_inputs(class_folder, capsys):
    before = snapshot(class_folder)
    for inputs, out in (([class_folder], class_folder), ([class_folder], class_folder / "report"),
                        ([class_folder / "record-001.json"], class_folder / "sub" / "report")):
        with pytest.raises(ReportError, match="where the records are"):
            check_output(out, inputs)
        code, _, err = run(capsys, "report", *inputs, "-o", out)
        assert code == 1 and "where the records are" in err
    assert snapshot(class_folder) == before
    assert not (class_folder / "report").exists() and not (class_folder / "sub").exists()


# ---------------------------------------------------------------- older versions, escaping, privacy


def old_and_hostile_records(folder: Path) -> list[Path]:
    """One record from an older version (with an item the banks no longer hold) and one with hostile text."""
    threshold = question("00-threshold")
    wrong = next(index for index in range(len(threshold.options)) if index != threshold.answer)
    number = next(item for item in course_items.selfcheck_items().values()
                  if type(item.question).__name__ == "NumberQuestion")
    old = record([event("prediction", "02-paradox", version="0.0.9", response=2, label="rises", outcome=2,
                        right=True, confidence="sure"),
                  event("selfcheck", "01-retired-item", version="0.0.9", answer=1, answer_text="gone", right=False,
                        attempt=0, context="lesson"),
                  event("selfcheck", "00-threshold", version="0.0.9", answer=wrong,
                        answer_text=threshold.options[wrong], right=False, attempt=0, context="lesson")],
                 "old-learner-id")
    hostile = record([event("prediction", "02-paradox", response=0, label="falls", outcome=0, right=False,
                            confidence="guessing"),
                      event("explanation", "02-paradox", line=f"{SCRIPT} {IMAGE}"),
                      event("selfcheck", number.question.id, answer=-1, answer_text=f"{IMAGE} {SCRIPT}", right=False,
                            attempt=0, context="lesson"),
                      event("prediction", "07-grade", response=1, label=f"{IMAGE}", outcome=1, right=False,
                            confidence=SCRIPT)],
                     f"{SCRIPT}-id")
    return [write(folder, "old.json", old), write(folder, "hostile.json", hostile)]


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    old_and_hostile_records(folder / "records")
    make_report([folder / "records"], folder / "report")
    return folder / "report" / "index.html"


def test_a_record_from_an_older_version_is_read_and_explained(hostile_page):
    page = hostile_page.read_text(encoding="utf-8")
    assert "2 learners' records" in page
    assert "0.0.9" in page and course_version() in page
    assert "01-retired-item" in page          # listed among the items this version does not hold
    # the older version's answers to items that still exist count (00-threshold's wrong option, by its text)
    reading = read_records([hostile_page.parents[1] / "records"])
    report = class_report(reading)
    assert "00-threshold" in set(report.items["item"])
    assert set(report.unknown["item"]) == {"01-retired-item"}
    this_version = report.versions.set_index("course version")["this version"]
    assert this_version.to_dict() == {"0.0.9": "no", course_version(): "yes"}


def test_everything_a_learner_wrote_is_escaped(hostile_page):
    page = hostile_page.read_text(encoding="utf-8")
    assert SCRIPT not in page and IMAGE not in page
    assert "onerror=alert(1)>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page      # the line and the answer, shown as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.browser
def test_the_hostile_report_runs_nothing_in_chromium(hostile_page, chromium_browser):
    from browser_support import OfflinePage

    offline = OfflinePage(chromium_browser)   # the session's Chromium: a second Playwright would clash with it
    dialogs = []
    offline.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = offline.open(hostile_page)
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
    text = page.inner_text("body")
    offline.close()
    assert dialogs == [] and offline.console_errors == [] and offline.outside_requests == []
    assert SCRIPT in text and IMAGE in text


def test_no_learner_is_named_unless_asked(tmp_path, capsys):
    old_and_hostile_records(tmp_path / "records")
    code, _, _ = run(capsys, "report", tmp_path / "records", "-o", tmp_path / "plain")
    plain = (tmp_path / "plain" / "index.html").read_text(encoding="utf-8")
    code_ids, _, _ = run(capsys, "report", tmp_path / "records", "-o", tmp_path / "ids", "--show-ids")
    with_ids = (tmp_path / "ids" / "index.html").read_text(encoding="utf-8")
    assert code == code_ids == 0
    for identifier in ("old-learner-id", "old.json", "hostile.json", "&lt;script&gt;alert(1)&lt;/script&gt;-id"):
        assert identifier not in plain
        assert identifier in with_ids


# ---------------------------------------------------------------- statistics on a hand-made class


@pytest.fixture(scope="module")
def tiny_class(tmp_path_factory):
    """Three learners with known answers (and a fourth who took only the inventory's pre-test)."""
    folder = tmp_path_factory.mktemp("tiny")
    threshold = question("00-threshold")
    wrong = next(index for index in range(len(threshold.options)) if index != threshold.answer)
    inventory = course_items.inventory()
    concept = next(iter(inventory.concepts))
    first, second = [item for item in inventory.items.values() if item.concept == concept][:2]

    def answers(item, right: bool) -> int:
        return next(index for index, option in enumerate(item.options) if option.right == right)

    def inventory_events(phase: str, right_first: bool, right_second: bool) -> list[dict]:
        lesson = "00" if phase == "pre" else "07"
        return [event("inventory", item.id, lesson=lesson, phase=phase, concept=concept, answer=answers(item, right))
                for item, right in ((first, right_first), (second, right_second))]

    def paradox(outcome: int, confidence: str) -> dict:
        return event("prediction", "02-paradox", response=outcome, label="x", outcome=outcome, right=outcome == 2,
                     confidence=confidence)

    def threshold_answer(index: int, attempt: int = 0, context: str = "lesson") -> dict:
        return event("selfcheck", "00-threshold", answer=index, answer_text=threshold.options[index],
                     right=index == threshold.answer, attempt=attempt, context=context)

    def practice(seed: int, right: bool, attempt: int = 0) -> dict:
        return event("selfcheck", "04-ratio-entry", answer=1.5, answer_text="1.5", right=right, attempt=attempt,
                     context="practice", family="accumulation_ratio", seed=seed)

    learners = {
        "a": [paradox(2, "sure"), threshold_answer(threshold.answer), *inventory_events("pre", False, False),
              *inventory_events("post", True, True), event("exercise", "03-ex1", value=0.255, status="right"),
              practice(1, False), practice(1, True, attempt=1), practice(2, True), practice(3, False)],
        "b": [paradox(1, "guessing"), threshold_answer(wrong), *inventory_events("pre", True, False),
              *inventory_events("post", True, False), event("exercise", "03-ex1", value=0.3, status="close"),
              event("exercise", "03-ex1", value=0.255, status="right"), practice(1, True),
              threshold_answer(threshold.answer, context="warm-up"), threshold_answer(wrong, 1, "warm-up")],
        "c": [paradox(2, "fairly sure"), paradox(0, "sure"), threshold_answer(wrong),
              threshold_answer(threshold.answer, attempt=1), *inventory_events("pre", False, True),
              *inventory_events("post", True, True)],
        "d": inventory_events("pre", True, True),
    }
    for name, events in learners.items():
        write(folder, f"{name}.json", record(events, f"id-{name}"))
    return {"report": class_report(read_records([folder])), "wrong": wrong, "threshold": threshold,
            "concept": inventory.concepts[concept]}


def test_predictions_count_first_commits_by_choice_and_confidence(tiny_class):
    paradox = next(moment for moment in tiny_class["report"].moments if moment.moment == "02-paradox")
    table = paradox.table
    assert paradox.learners == 3
    assert paradox.right_label == "rises"
    assert table.loc["rises", ["sure", "fairly sure", "guessing", "learners"]].tolist() == [1, 1, 0, 2]
    assert table.loc["stays about the same", ["sure", "fairly sure", "guessing", "learners"]].tolist() == [0, 0, 1, 1]
    assert table.loc["falls", "learners"] == 0   # c's second commit does not count
    assert table["share"].round(3).tolist() == [0.0, round(1 / 3, 3), round(2 / 3, 3)]


def test_difficulty_counts_first_answers_only(tiny_class):
    items = tiny_class["report"].items.set_index("item")
    assert items.loc["00-threshold", "learners"] == 3
    assert items.loc["00-threshold", "right first time"] == pytest.approx(1 / 3)
    # b's warm-up answer (right first, then a wrong retry) is counted apart, in the warm-up columns
    assert items.loc["00-threshold", "warm-up learners"] == 1 and items.loc["00-threshold", "warm-up right"] == 1.0


def test_practice_counts_each_instances_first_answer_by_family(tiny_class):
    table = tiny_class["report"].practice
    assert table["family"].tolist() == ["accumulation_ratio"]
    row = table.iloc[0]
    assert row["lesson"] == "04" and row["learners"] == 2
    assert row["instances answered"] == 4                           # a: seeds 1, 2, 3 (the retry not); b: seed 1
    assert row["right, all instances"] == pytest.approx(2 / 4)
    assert row["right on the first instance"] == pytest.approx(1 / 2)  # a wrong, b right
    assert row["right on later instances"] == pytest.approx(1 / 2)     # a: seed 2 right, seed 3 wrong


def test_the_most_common_wrong_answer_points_to_its_feedback(tiny_class):
    threshold, wrong = tiny_class["threshold"], tiny_class["wrong"]
    rows = tiny_class["report"].wrong_answers
    row = rows[(rows["item"] == "00-threshold")].iloc[0]
    assert row["wrong answer"] == threshold.options[wrong]
    assert row["learners"] == 2 and row["share of answers"] == pytest.approx(2 / 3)
    assert row[POINTS_TO] == threshold.option_feedback[wrong]          # the course's feedback, as it is given


def test_an_inventory_misconception_is_labelled_as_one(tiny_class):
    rows = tiny_class["report"].wrong_answers
    inventory = rows[rows["where"].str.startswith("inventory")]
    assert len(inventory)
    misconceptions = {option.misconception for item in course_items.inventory().items.values()
                      for option in item.options if option.misconception}
    for text in inventory[POINTS_TO]:
        assert text.startswith("Misconception: ") and text.removeprefix("Misconception: ") in misconceptions


def test_inventory_gain_is_hakes_gain_of_the_matched_means(tiny_class):
    concepts = tiny_class["report"].inventory.concepts.set_index("concept")
    row = concepts.loc[tiny_class["concept"]]
    assert row["learners with both"] == 3                 # d took only the pre-test
    assert row["before (pre)"] == pytest.approx(1 / 3)    # 0/2, 1/2, 1/2
    assert row["after (post)"] == pytest.approx(5 / 6)    # 2/2, 1/2, 2/2
    assert row["normalised gain"] == pytest.approx((5 / 6 - 1 / 3) / (1 - 1 / 3))


def test_exercises_count_the_first_check(tiny_class):
    row = tiny_class["report"].exercises.set_index("exercise").loc["03-ex1"]
    assert row["learners"] == 2 and row["right"] == 0.5 and row["close"] == 0.5 and row["wrong"] == 0


@pytest.mark.parametrize(("r", "flag"), [(0.5, ""), (0.2, ""), (0.19, "low"), (0.0, "low"), (-0.01, "low"),
                                        (-0.09, "low"), (-0.1, "check the key"), (-0.6, "check the key"),
                                        (float("nan"), "")])
def test_discrimination_is_flagged_low_below_0_2_and_check_the_key_at_minus_0_1(r, flag):
    assert LOW_DISCRIMINATION == 0.2 and CHECK_KEY_DISCRIMINATION == -0.1
    assert discrimination_flag(r).startswith(flag) if flag else discrimination_flag(r) == ""


def test_the_page_states_the_flag_rule(class_folder, tmp_path):
    page = " ".join(make_report([class_folder], tmp_path / "report").page.read_text(encoding="utf-8").split())
    assert 'below 0.2, "low"' in page
    assert 'at or below \u22120.1, "check the key and the wording"' in page


def test_discrimination_is_the_corrected_point_biserial_and_flags_a_reversed_item():
    import pandas as pd

    strong, weak = [1.0] * 3, [0.0] * 3
    scores = pd.DataFrame({"p": strong + weak, "q": strong + weak, "r": strong + weak, "x": strong + weak,
                           "y": weak + strong})
    result = discrimination(scores)
    assert result.loc["x", "r"] == pytest.approx(1.0) and result.loc["x", "n"] == 6
    assert result.loc["y", "r"] == pytest.approx(-1.0)
    assert np.isnan(discrimination(scores.iloc[:4])["r"]).all()   # fewer than 5 learners: not computed


# ---------------------------------------------------------------- the synthetic class


def test_the_synthetic_class_is_reproducible_from_its_seed(tmp_path):
    assert synthetic_class(4, seed=3) == synthetic_class(4, seed=3)
    assert synthetic_class(4, seed=3) != synthetic_class(4, seed=4)
    first = [path.read_bytes() for path in write_class(3, tmp_path / "one", seed=9)]
    second = [path.read_bytes() for path in write_class(3, tmp_path / "two", seed=9)]
    assert first == second


def test_the_synthetic_class_behaves_as_documented():
    records = synthetic_class(120, seed=11)
    events = [item for learner in records for item in learner["events"]]
    assert all(item["source"] == "synthetic" for item in events)
    predictions = [item for item in events if item["kind"] == "prediction"]
    sure = {right: np.mean([item["confidence"] == "sure" for item in predictions if item["right"] == right])
            for right in (True, False)}
    assert sure[True] > sure[False]                        # confidence goes with being right
    shares = {phase: np.mean([item["right"] for item in events if item["kind"] == "inventory"
                              and item["phase"] == phase]) for phase in ("pre", "post")}
    assert shares["post"] > shares["pre"]                  # the post-test is better
    moments = {item["item"] for item in predictions}
    assert moments == set(course_items.moments())           # every prediction moment of the banks
    core = {key for key, item in course_items.selfcheck_items().items() if item.core}
    assert {item["item"] for item in events if item["kind"] == "selfcheck" and item["context"] == "lesson"} == core
    assert {item["item"] for item in events if item["kind"] == "exercise"} == set(course_items.exercises())


def lesson_taken(event_: dict) -> str:
    """The lesson a synthetic event was recorded in: lesson N's events fall on day 7 × N of the course."""
    return f"{(datetime.date.fromisoformat(event_['time'][:10]) - FIRST_LESSON_DAY.date()).days // 7:02d}"


def test_synthetic_warm_ups_hold_earlier_items_drawn_as_the_course_draws_them():
    records = synthetic_class(40, seed=12)
    warm = [item for learner in records for item in learner["events"] if item.get("context") == "warm-up"]
    assert warm and {lesson_taken(item) for item in warm} == {item.number for item in lessons()[1:]}
    assert all(item["lesson"] == item["item"][:2] < lesson_taken(item) for item in warm)   # earlier lessons only
    for learner in records[:6]:                     # each warm-up is load_warm_up's draw from the record so far
        events = learner["events"]
        for index, first in enumerate(events):
            if first.get("context") == "warm-up" and (index == 0 or events[index - 1].get("context") != "warm-up"):
                taken = lesson_taken(first)
                shown = [item["item"] for item in events[index:] if item.get("context") == "warm-up"
                         and lesson_taken(item) == taken and item["attempt"] == 0]
                today = datetime.date.fromisoformat(first["time"][:10])
                drawn = load_warm_up(taken, events=events[:index], today=today)
                assert shown == [question_.id for question_ in drawn]


def test_synthetic_practice_answers_new_instances_of_the_practice_families():
    records = synthetic_class(60, seed=13)
    practice = [item for learner in records for item in learner["events"] if item.get("context") == "practice"]
    families = {key: item.question for key, item in course_items.selfcheck_items().items()
                if getattr(item.question, "family", "")}
    assert {item["item"] for item in practice} == set(families)          # every practice item, in its lesson
    assert 0 < len({index for index, learner in enumerate(records) for item in learner["events"]
                    if item.get("context") == "practice"}) < len(records)   # some learners practise, not all
    for item in practice[:40]:
        instance = practice_question(families[item["item"]], item["seed"])
        assert item["family"] == families[item["item"]].family and item["seed"] >= 1
        assert item["right"] == instance.is_right(item["answer"]) and lesson_taken(item) == item["lesson"]
    first, later = ([item["right"] for item in practice if (item["seed"] == 1) == is_first]
                    for is_first in (True, False))
    assert np.mean(later) > np.mean(first)                               # practice helps, as documented


def test_the_synthetic_class_fills_the_practice_and_warm_up_sections(class_folder, tmp_path):
    report = class_report(read_records([class_folder]))
    assert len(report.practice) >= 3 and (report.practice["instances answered"] > 0).all()
    assert report.practice["right, all instances"].between(0, 1).all()
    assert (report.items["warm-up learners"] > 0).sum() >= 10 and report.items["warm-up right"].notna().any()
    page = make_report([class_folder], tmp_path / "report").page.read_text(encoding="utf-8")
    section = page[page.index("Mastery practice, by family"):page.index('id="inventory"')]
    assert "No practice instances recorded" not in section
    assert all(family in section for family in report.practice["family"])


def test_every_synthetic_record_passes_the_records_checks(tmp_path):
    write_class(6, tmp_path, seed=1)
    reading = read_records([tmp_path])
    assert len(reading.records) == 6 and reading.skipped == []
    assert len(class_events(reading.records)) == sum(len(item.events) for item in reading.records)


def test_odd_field_values_in_an_edited_record_count_as_missing(tmp_path):
    number = next(item for item in course_items.selfcheck_items().values()
                  if type(item.question).__name__ == "NumberQuestion")
    odd = [{"outcome": "two", "right": "yes", "confidence": ["sure"], "response": {"a": 1}, "label": None},
           {"outcome": -3, "right": 1, "confidence": 3.5, "label": 7},
           {"outcome": 99, "confidence": "very sure"}]
    inventory_item = next(iter(course_items.inventory().items))
    events = [event("prediction", "02-paradox", **fields) for fields in odd] + [
        event("explanation", "02-paradox", line=["not", "text"]),
        event("selfcheck", "00-threshold", answer="first", answer_text=None, right=False, attempt="0",
              context="lesson"),
        event("selfcheck", number.question.id, answer=[1, [2]], right=False, attempt=0, context="lesson"),
        event("selfcheck", "00-receptor", answer=True, right=None, context=None),
        event("exercise", "03-ex1", value={"v": 1}, status="brilliant"),
        event("inventory", inventory_item, lesson="00", phase="during", answer=1),
        event("inventory", inventory_item, lesson="00", phase="pre", answer=[0], right="no"),
    ]
    learners = [record(events[index::2], f"odd-{index}") for index in range(2)]
    for index, data in enumerate(learners):
        write(tmp_path / "records", f"odd-{index}.json", data)
    outcome = make_report([tmp_path / "records"], tmp_path / "report")
    report = class_report(outcome.reading)
    paradox = next(moment for moment in report.moments if moment.moment == "02-paradox")
    assert paradox.learners == 2 and paradox.table.loc["unreadable", "not given"] == 2
    assert report.exercises.empty
    assert set(report.items["item"]) == {"00-threshold", number.question.id}   # 00-receptor's verdict is missing


def test_a_missing_input_is_named_and_names_no_folder(class_folder, tmp_path, capsys):
    missing = tmp_path / "not-handed-in.json"
    code, out, _ = run(capsys, "report", class_folder / "record-001.json", missing, "-o", tmp_path / "report")
    assert code == 0
    assert f"{missing}: no such file or folder" in out   # and the report may go beside where it would have been
    assert "not-handed-in.json</code>: no such file or folder" in (tmp_path / "report" / "index.html").read_text(
        encoding="utf-8")


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_on_it(tmp_path):
    import os

    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    reading = read_records([pipe])   # opening the pipe to read would wait for a writer forever
    assert [(item.path, item.reason) for item in reading.skipped] == [(pipe, "not a regular file")]
