"""The prediction bank (helpers/data/predictions/NN_slug.yaml) across the course: every moment is asked once in
its lesson's notebook, every predict(...) call names a bank moment, and the issue's eight surprises are asked."""

from __future__ import annotations

import re

import pytest

from conftest import cells
from helpers.course import lessons
from helpers.activities.predict import PREDICTION_FOLDER, load_predictions, prediction_file

BANK_NUMBERS = sorted(path.name[:2] for path in PREDICTION_FOLDER.glob("*.yaml"))
PREDICT_CALL = re.compile(r'\bpredict\("([a-z0-9-]+)"')
GRADE_CALL = re.compile(r'show_prediction\(grade_prediction\("(c\d+)"\)')

# The surprises the course's prediction moments are built on, each with the moment that asks it.
SURPRISES = {
    "the benzodiazepine ceiling versus the barbiturate": "01-ceiling",
    "the disinhibition paradox": "02-paradox",
    "more frequent transients but a lower average": "03-average",
    "accumulation against tolerance": "04-accumulation",
    "short- versus long-acting swings between doses": "04-swings",
    "why the last taper steps are hard (a model property)": "05-last-steps",
    "the withdrawal-dopamine question": "05-withdrawal-dopamine",
    "grading an article claim before seeing the evidence": "07-grade",
}


def code_sources(number: str) -> list[str]:
    return [cell.source for cell in cells(number) if cell.cell_type == "code"]


def asked_moments(number: str) -> list[str]:
    """The moments a lesson's notebook asks: bank moments by id, and 07-grade built from the claims table."""
    sources = code_sources(number)
    return ([moment for source in sources for moment in PREDICT_CALL.findall(source)]
            + [f"{number}-grade" for source in sources for _ in GRADE_CALL.findall(source)])


def test_every_bank_file_is_named_by_a_lesson_stem():
    assert BANK_NUMBERS
    for number in BANK_NUMBERS:
        assert prediction_file(number).exists(), f"{number}: bank files are named like their notebook"


@pytest.mark.parametrize("number", [item.number for item in lessons()])
def test_each_lesson_asks_every_bank_moment_once_and_only_bank_moments(number):
    asked = [moment for moment in asked_moments(number) if not moment.endswith("-grade")]
    assert sorted(asked) == sorted(load_predictions(number)), \
        "each moment of the lesson's bank is asked once in its notebook, and every predict(...) names one"


def test_the_course_asks_at_least_eight_predictions_including_every_named_surprise():
    asked = [moment for item in lessons() for moment in asked_moments(item.number)]
    assert len(asked) >= 8
    missing = {surprise: moment for surprise, moment in SURPRISES.items() if moment not in asked}
    assert not missing, f"surprises without a prediction moment: {missing}"
