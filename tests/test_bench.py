"""The benchmark's own logic (no timings here: those belong to `make bench`)."""

from __future__ import annotations

import pytest

from bench.interaction import CHANGES, control_values
from bench.models import CallLog, explorer_settings, timed_model_functions
from bench.report import Row, percentile_ms
from conftest import explorers
from helpers.activities.explorer import Slider


def test_percentiles_interpolate_between_ranks():
    seconds = [i / 1000 for i in range(1, 101)]  # 1..100 ms
    assert percentile_ms(seconds, 50) == pytest.approx(50.5)
    assert percentile_ms(seconds, 95) == pytest.approx(95.05)
    assert percentile_ms(seconds, 100) == pytest.approx(100.0)


def test_a_row_is_ok_only_at_or_below_its_target():
    assert Row("s", "a", 20.0, "ms", 20.0).verdict == "ok"
    assert Row("s", "a", 20.1, "ms", 20.0).verdict == "MISS"
    assert Row("s", "a", None, "ms", 20.0).verdict == "n/a"


@pytest.mark.parametrize("explorer_name", sorted(explorers()))
def test_every_control_gets_enough_distinct_moves_within_its_range(explorer_name):
    for control in explorers()[explorer_name].controls:
        values = control_values(control)
        moves = sum(a != b for a, b in zip(values, values[1:]))
        assert moves >= CHANGES, f"{control.name}: only {moves} moves"
        if isinstance(control, Slider):
            assert min(values) >= control.low - 1e-9 and max(values) <= control.high + 1e-9
        else:
            assert set(values) <= {value for _, value in control.options}


@pytest.mark.parametrize("explorer_name", sorted(explorers()))
def test_model_benchmark_visits_every_handout_position(explorer_name):
    explorer = explorers()[explorer_name]
    settings = explorer_settings(explorer)
    assert {} in settings
    for control in explorer.controls:
        seen = {s[control.name] for s in settings if control.name in s} | {control.default}
        assert set(control.handout_values()) <= seen


def test_model_calls_are_timed_and_the_modules_restored():
    from helpers.models import receptor

    original = receptor.gaba_ec50_uM
    holder = [CallLog()]
    with timed_model_functions(holder):
        receptor.gaba_ec50_uM("diazepam", 1.0)
    assert receptor.gaba_ec50_uM is original
    assert "receptor.gaba_ec50_uM" in holder[0].longest_s


def test_baseline_notebook_holds_only_imports():
    from bench.notebooks import baseline_notebook, course_imports, course_notebooks   # nbformat: slow to import

    imports = course_imports(course_notebooks())
    cell = baseline_notebook(imports).cells[0].source
    assert all(line.startswith(("import ", "from ")) for line in cell.splitlines())


def test_the_lab_benchmark_finds_an_explorer_in_every_lesson_with_one():
    from bench.jupyterlab import explorers_per_lesson

    chosen = {lesson: explorer.name for lesson, (_, explorer) in explorers_per_lesson().items()}
    assert chosen["07_fact_check"] == "article_claims", "lesson 07 imports its explorer by name"
    assert {lesson[:2] for lesson in chosen} >= {f"0{n}" for n in range(1, 8)}, "every lesson from 01 on is measured"


def test_the_lab_lessons_rows_hold_bytes_draw_time_and_memory_against_their_targets():
    from bench.lab_lessons import _report
    from bench.report import Section, TARGETS

    section = Section("lab_lessons")
    _report(section, "01_x", {"websocket_bytes": 1_500_000, "http_bytes": 200_000, "page_open_bytes": 12_000_000,
                              "cells_done_s": 3.0, "drawn_s": 4.5, "charts": 3, "kernel_rss_mb": 165.0,
                              "server_rss_mb": 113.0})
    sent, drawn, memory = section.rows
    assert sent.value == pytest.approx(1.7) and sent.target == TARGETS["lab_run_all_mb"] and sent.verdict == "ok"
    assert drawn.target == pytest.approx(4.0) and drawn.verdict == "MISS", "drawn 1.5 s after the last cell"
    assert memory.value == 165.0 and memory.verdict == "ok" and "113 MB" in memory.detail
    _report(section, "02_y", {"error": "TimeoutError: not every chart was drawn"})
    assert section.rows[-1].value is None and "failed" in section.rows[-1].detail
