"""Prediction moments from the course's bank: a notebook names the moment and the chart to reveal; the
question, the options, the answer and the explanations live in ``helpers/data/predictions/NN_slug.yaml``
(one file per lesson, named like its notebook), never in a notebook cell, where a learner would read the
answer key before committing.

Usage in a notebook::

    from helpers.predictions import predict_moment
    predict_moment("01-ceiling", reveal=concentration_response_figure(10.0, 1000.0))

A bank file is a list of moments. Each has an ``id`` (lesson number, a word: ``"02-paradox"``) and the
arguments of :func:`helpers.predict.predict` except ``reveal``: ``prompt``, ``answer``, ``explanations``
(keyed by option index, by ``down``/``same``/``up`` or by ``low``/``close``/``high``), and as needed
``options``, ``kind``, ``explanation``, ``tolerance``, ``unit``. Every moment is checked on load
(:func:`helpers.predict.make_prediction`); a bad one raises ``ValueError`` naming its file and id.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from helpers.course import lesson
from helpers.predict import make_prediction, predict

PREDICTION_FOLDER = Path(__file__).parent / "data" / "predictions"
FIELDS = ("prompt", "answer", "explanations", "options", "kind", "explanation", "tolerance", "unit")


def prediction_file(number: str) -> Path:
    """The bank file of lesson ``number``'s prediction moments: ``helpers/data/predictions/NN_slug.yaml``."""
    return PREDICTION_FOLDER / f"{lesson(number).stem}.yaml"


@functools.cache
def load_moments(number: str) -> dict[str, dict]:
    """Lesson ``number``'s prediction moments, by id: each the keyword arguments of ``predict`` but ``reveal``."""
    path = prediction_file(number)
    if not path.exists():
        raise ValueError(f"lesson {number} has no prediction bank: {path} is missing")
    moments = {}
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        moment = entry.get("id", "?")
        unknown = set(entry) - {"id", *FIELDS}
        if unknown or not str(moment).startswith(f"{number}-") or moment in moments:
            raise ValueError(f"{path.name}, moment {moment!r}: the id must start with '{number}-' and be unique, "
                             f"and the fields be among {', '.join(FIELDS)} (unknown: {sorted(unknown)})")
        arguments = {key: value for key, value in entry.items() if key != "id"}
        try:
            make_prediction(moment, **arguments)
        except (TypeError, ValueError) as error:
            raise ValueError(f"{path.name}, moment {moment!r}: {error}") from error
        moments[moment] = arguments
    return moments


def moment_arguments(moment: str) -> dict:
    """The bank's arguments for ``moment`` (e.g. ``"01-ceiling"``); ``ValueError`` for an unknown id."""
    moments = load_moments(str(moment)[:2])
    if moment not in moments:
        raise ValueError(f"no prediction moment {moment!r} in {prediction_file(moment[:2]).name}; "
                         f"known: {', '.join(moments)}")
    return moments[moment]


def predict_moment(moment: str, *, reveal) -> None:
    """Ask the bank's prediction ``moment``, then reveal ``reveal`` (a ``go.Figure`` or an Explorer)."""
    predict(moment, reveal=reveal, **moment_arguments(moment))
