"""The prediction bank (helpers/data/predictions/NN_slug.yaml) and predict_moment: answer keys stay out of
the notebooks, every moment is checked on load, and each bank moment is asked in its lesson's notebook."""

from __future__ import annotations

import re

import nbformat
import pytest

from helpers import predictions
from helpers.course import lesson
from helpers.predict import make_prediction

BANK_NUMBERS = sorted(path.name[:2] for path in predictions.PREDICTION_FOLDER.glob("*.yaml"))
CALL = re.compile(r'predict_moment\("([a-z0-9-]+)"')


@pytest.fixture
def bank_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(predictions, "PREDICTION_FOLDER", tmp_path)
    predictions.load_moments.cache_clear()
    yield tmp_path
    predictions.load_moments.cache_clear()


def test_there_is_a_bank_named_by_each_lesson_stem():
    assert BANK_NUMBERS, "no prediction bank files"
    for number in BANK_NUMBERS:
        assert predictions.prediction_file(number).exists()


@pytest.mark.parametrize("number", BANK_NUMBERS)
def test_every_bank_moment_is_valid_and_asked_once_in_its_notebook(number):
    moments = predictions.load_moments(number)
    assert moments
    for moment, arguments in moments.items():
        prediction = make_prediction(moment, **arguments)
        assert len(prediction.explanations) == len(prediction.labels), "one explanation per option"
    cells = nbformat.read(lesson(number).notebook, as_version=4).cells
    asked = [m for cell in cells if cell.cell_type == "code" for m in CALL.findall(cell.source)]
    assert sorted(asked) == sorted(moments), "each moment of the bank is asked once, and only those"


def test_an_unknown_moment_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="no prediction moment '01-nothing'.*01-ceiling"):
        predictions.moment_arguments("01-nothing")


@pytest.mark.parametrize("entry, message", [
    ("- id: 02-wrong\n  prompt: Why?\n  options: [a, b]\n  answer: 0\n  explanations: {0: x, 1: y}\n", "start with '01-'"),
    ("- id: 01-x\n  prompt: Why?\n  options: [a, b]\n  answer: 0\n  explanations: {0: x, 1: y}\n  reveal: no\n",
     "unknown: \\['reveal'\\]"),
    ("- id: 01-x\n  prompt: Why?\n  options: [a, b]\n  answer: 5\n  explanations: {0: x, 1: y}\n", "answer must be"),
    ("- id: 01-x\n  prompt: Why?\n  options: [a, b]\n  answer: 0\n  explanations: {0: x}\n", "01-x"),
])
def test_a_bad_bank_entry_is_refused_with_its_file_and_id(bank_folder, entry, message):
    (bank_folder / f"{lesson('01').stem}.yaml").write_text(entry, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as raised:
        predictions.load_moments("01")
    assert lesson("01").stem in str(raised.value)


def test_a_lesson_without_a_bank_says_so(bank_folder):
    with pytest.raises(ValueError, match="no prediction bank"):
        predictions.load_moments("01")


def test_predict_moment_asks_the_bank_question_with_the_notebooks_chart(monkeypatch):
    calls = []
    monkeypatch.setattr(predictions, "predict", lambda *args, **kwargs: calls.append((args, kwargs)))
    chart = object()
    predictions.predict_moment("02-paradox", reveal=chart)
    (args, kwargs), = calls
    assert args == ("02-paradox",) and kwargs["reveal"] is chart
    assert kwargs["answer"] == "up" and kwargs["kind"] == "direction"
    assert kwargs["prompt"] == predictions.load_moments("02")["02-paradox"]["prompt"]
