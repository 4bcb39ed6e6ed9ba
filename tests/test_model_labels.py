"""Every chart of a teaching model says so on the chart: a visible MODEL / ASSUMPTION /
HYPOTHESIS tag in front of the title, recorded in ``fig.layout.meta["label"]``, live and in handouts."""

from __future__ import annotations

import pytest

from conftest import explorers
from helpers.figures.compose import compose_figure, label_of
from helpers.theme import MODEL_LABELS

# Charts of tabled, sourced values only: no model behind them, so no model tag.
DATA_ONLY_EXPLORERS = {"article_claims", "half_life_ranges", "equivalent_doses"}


def test_the_data_only_list_names_real_explorers():
    assert DATA_ONLY_EXPLORERS <= set(explorers())


@pytest.mark.parametrize("name", sorted({n for n, e in explorers().items() if e.has_figure} - DATA_ONLY_EXPLORERS))
def test_every_model_explorer_carries_a_visible_model_label(name):
    fig = explorers()[name].figure(**explorers()[name].defaults)
    assert label_of(fig) in MODEL_LABELS, f"{name}: label the chart with compose_figure(..., label='model')"
    assert fig.layout.title.text and MODEL_LABELS[label_of(fig)] in fig.layout.title.text


@pytest.mark.parametrize("name", sorted(DATA_ONLY_EXPLORERS))
def test_charts_of_sourced_data_carry_no_model_label(name):
    assert label_of(explorers()[name].figure(**explorers()[name].defaults)) is None


def test_the_handout_view_keeps_the_label():
    fig = explorers()["concentration_response"].handout_figure()
    assert label_of(fig) in MODEL_LABELS and MODEL_LABELS[label_of(fig)] in fig.layout.title.text


def test_the_withdrawal_dopamine_chart_is_labelled_a_hypothesis():
    from helpers.figures.withdrawal import dopamine_hypothesis_figure

    assert label_of(dopamine_hypothesis_figure("diazepam")) == "hypothesis"


def test_an_unknown_label_is_refused_naming_the_choices():
    with pytest.raises(ValueError, match="label must be one of"):
        compose_figure([], title="t", summary="A chart.", label="fact")
