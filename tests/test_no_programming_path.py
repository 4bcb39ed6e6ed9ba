"""A learner who does not program can follow every lesson: the cells they run hold no pandas, no display code and
no loops (the tables come from the lesson modules), and code to write is only on the optional coding track."""

from __future__ import annotations

import math
import re

import pytest

from conftest import cells
from helpers.activities.exercise import load_exercises
from helpers.course import lessons
from helpers.models import circuit

LESSONS = [item.number for item in lessons()]
DISPLAY_CODE = re.compile(r"\bpd\.|\.style\b|import pandas|\.round\(|Styler|\.loc\[|^\s*for\b", re.M)
CODING_TRACK = "optional coding track"


@pytest.mark.parametrize("number", LESSONS)
def test_learner_cells_hold_no_display_code_outside_the_coding_track(number):
    for index, cell in enumerate(cells(number)):
        if cell.cell_type == "code" and DISPLAY_CODE.search(cell.source):
            assert CODING_TRACK in cell.source.lower(), f"lesson {number} cell {index}: {cell.source[:80]!r}"


@pytest.mark.parametrize("number", ["00", "01", "02"])
def test_a_pandas_solution_of_the_first_lessons_belongs_to_the_coding_track(number):
    for item in load_exercises(number):
        if re.search(r"\bpd\.", item.solution):
            assert CODING_TRACK in item.exercise.lower(), f"{item.id}: a pandas solution belongs to the coding track"


@pytest.mark.parametrize("number", ["03", "04"])
def test_every_exercise_heading_offers_the_coding_track_as_optional(number):
    exercises = [cell.source for cell in cells(number) if cell.source.startswith("## Exercise")]
    assert exercises and all(CODING_TRACK in text.lower() for text in exercises)


def test_lesson_01_and_02_tables_come_from_the_lesson_modules_with_the_models_values():
    from helpers.lessons.l01_gaba_a_receptor import diazepam_ec50_table
    from helpers.lessons.l02_vta_circuit import genotype_table

    ec50 = diazepam_ec50_table()
    assert list(ec50["GABA EC50 (µM)"]) == sorted(ec50["GABA EC50 (µM)"], reverse=True), "the EC50 falls"
    assert ec50["maximum (1 = GABA alone)"].tolist() == pytest.approx([1.0] * len(ec50), abs=1e-3)
    assert (ec50["current with no GABA"] == 0).all()
    mice = genotype_table(0.6)
    assert mice.loc["wild type", "DA neurons (Hz)"] > circuit.DA_BASELINE_HZ > mice.loc["α1(H101R)", "DA neurons (Hz)"]
    assert mice.loc["α1(H101R)", "GABA interneurons (Hz)"] == pytest.approx(32.0)


def test_lesson_03_and_04_tables_come_from_the_lesson_modules_with_the_models_values():
    from helpers.lessons import l03_acute_dopamine as acute
    from helpers.lessons import l04_tolerance as chronic

    table, caption = acute.one_tablet_table()
    assert list(table.time_h) == list(acute.ONE_TABLET_TIMES_H) and "diazepam-equivalent mg" in caption
    assert table.parent.idxmax() == table.index[table.time_h == 1.3][0], "diazepam's parent peaks near 1.3 h"
    fscv, caption = acute.fscv_control_vs_tablet_table()
    assert fscv.shape == (6, 2) and "occupancy" in caption
    accumulation, caption = chronic.accumulation_table(24.0)
    for half_life_h, ratio in zip(accumulation.iloc[:, 0], accumulation.iloc[:, 1]):
        assert ratio == pytest.approx(1 / (1 - math.exp(-math.log(2) * 24.0 / half_life_h)), abs=0.01)
    assert len(chronic.equivalence_notes().splitlines()) == 3
