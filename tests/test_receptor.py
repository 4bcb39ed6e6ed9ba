"""Lesson 01 receptor model: the published directions and sizes it illustrates; and the lesson's
charts and wording: model labels, the ceiling, the EC50 preparations, the flumazenil test.

Sources (helpers/data/references.yaml): diazepam_ec50_shift (1 uM diazepam ~2.5-fold),
gaba_ec50_values (flunitrazepam: parallel left shift, no rise in the maximum with GABA, a
near-full agonist; the model treats GABA as a full agonist), bzd_ceiling_allosteric (no current
without an agonist; diazepam does raise a partial agonist's efficacy, which the model does not
cover), barbiturate_direct_activation (pentobarbital gates the channel alone),
chloride_reversal (IPSP reversal -70.1 mV with 133 mM chloride outside).
"""

from __future__ import annotations

import math
import pathlib
import re

import numpy as np
import pytest

from conftest import cells
from helpers.lessons.l01_gaba_a_receptor import chloride_explorer, concentration_response_explorer, neuron_explorer
from helpers.figures.compose import label_of
from helpers.models.receptor import chloride_reversal_mV, gaba_a_response, gaba_ec50_uM
from helpers.references import references

SATURATING_GABA_UM = 1e5
GABA_AXIS_UM = np.geomspace(0.01, 3000.0, 300)
ROOT = pathlib.Path(__file__).resolve().parents[1]
GUIDE = ROOT / "lessons" / "01_gaba_a_receptor.md"
RECEPTOR_EXPLORERS = [chloride_explorer, concentration_response_explorer, neuron_explorer]


# --- Chloride and Nernst ---------------------------------------------------------------------

def test_nernst_with_10_mM_inside_and_133_outside_at_37_c_is_about_minus_69_mV():
    assert chloride_reversal_mV(10.0, 133.0, 37.0) == pytest.approx(-69.2, abs=0.5)


def test_equal_chloride_on_both_sides_gives_zero_reversal():
    assert chloride_reversal_mV(50.0, 50.0) == pytest.approx(0.0, abs=1e-12)


def test_high_immature_chloride_makes_the_reversal_depolarised():
    # chloride_immature (partly verified): mean [Cl-]i 38 mM in P4-7 neurons -> E_Cl well above rest (-69.7 mV)
    assert chloride_reversal_mV(38.0, 133.0) > -40.0


def test_reversal_rises_monotonically_with_chloride_inside_and_accepts_arrays():
    e_cl = chloride_reversal_mV(np.linspace(2.0, 70.0, 50), 133.0)
    assert e_cl.shape == (50,)
    assert np.all(np.diff(e_cl) > 0)


def test_reversal_scales_with_absolute_temperature():
    cold, warm = chloride_reversal_mV(10.0, 133.0, 20.0), chloride_reversal_mV(10.0, 133.0, 37.0)
    assert warm / cold == pytest.approx((37.0 + 273.15) / (20.0 + 273.15))


# --- GABA alone ------------------------------------------------------------------------------

def test_gaba_alone_is_half_maximal_at_its_ec50_and_saturates_at_one():
    ec50 = gaba_ec50_uM()
    assert 6.0 <= ec50 <= 34.0  # gaba_ec50_values: the published range across preparations
    assert gaba_a_response(ec50) == pytest.approx(0.5)
    assert gaba_a_response(SATURATING_GABA_UM) == pytest.approx(1.0, abs=1e-6)


def test_no_gaba_gives_no_current():
    assert gaba_a_response(0.0) == 0.0


def test_response_rises_monotonically_with_gaba_and_returns_the_input_shape():
    response = gaba_a_response(GABA_AXIS_UM)
    assert response.shape == GABA_AXIS_UM.shape
    assert np.all(np.diff(response) > 0)
    assert isinstance(gaba_a_response(3.0), float)


# --- Diazepam: a positive allosteric modulator ------------------------------------------------

def test_one_micromolar_diazepam_lowers_the_gaba_ec50_two_to_three_fold():
    fold = gaba_ec50_uM() / gaba_ec50_uM("diazepam", 1.0)
    assert 2.0 <= fold <= 3.0


def test_diazepam_shift_grows_with_concentration_then_saturates():
    folds = [gaba_ec50_uM() / gaba_ec50_uM("diazepam", c) for c in (0.0, 0.01, 0.1, 1.0, 10.0, 100.0)]
    assert folds[0] == pytest.approx(1.0)
    assert all(later >= earlier for earlier, later in zip(folds, folds[1:]))
    assert folds[-1] < 3.0


@pytest.mark.parametrize("diazepam_uM", [0.1, 1.0, 10.0, 100.0])
def test_diazepam_does_not_raise_the_maximum(diazepam_uM):
    assert gaba_a_response(SATURATING_GABA_UM, "diazepam", diazepam_uM) == pytest.approx(1.0, abs=0.03)


@pytest.mark.parametrize("diazepam_uM", [0.0, 0.1, 1.0, 10.0, 100.0])
def test_with_no_gaba_diazepam_gives_no_current(diazepam_uM):
    assert gaba_a_response(0.0, "diazepam", diazepam_uM) == 0.0


def test_diazepam_increases_the_current_at_a_low_gaba_concentration():
    low_gaba = 3.0
    assert gaba_a_response(low_gaba, "diazepam", 1.0) > 2.0 * gaba_a_response(low_gaba)


# --- Pentobarbital: a barbiturate for contrast -----------------------------------------------

def test_pentobarbital_raises_the_maximum_above_one():
    assert gaba_a_response(SATURATING_GABA_UM, "pentobarbital", 300.0) > 1.05


def test_pentobarbital_gives_current_without_gaba_at_high_concentration():
    assert gaba_a_response(0.0, "pentobarbital", 1000.0) > 0.2
    assert gaba_a_response(0.0, "pentobarbital", 1000.0) > gaba_a_response(0.0, "pentobarbital", 100.0)


def test_thirty_micromolar_pentobarbital_shifts_the_ec50_as_published():
    # barbiturate_direct_activation: 30 uM pentobarbital, GABA EC50 6.9 -> 3.5 uM
    fold = gaba_ec50_uM() / gaba_ec50_uM("pentobarbital", 30.0)
    assert fold == pytest.approx(6.9 / 3.5, rel=0.01)


# --- Arrays ----------------------------------------------------------------------------------

def test_modulator_arrays_broadcast_with_gaba_arrays():
    response = gaba_a_response(np.array([1.0, 10.0, 100.0]), "diazepam", np.array([0.0, 1.0, 10.0]))
    assert response.shape == (3,)
    assert response[0] == pytest.approx(gaba_a_response(1.0))


def test_modulator_name_is_case_and_space_tolerant():
    assert gaba_a_response(5.0, " Diazepam ", 1.0) == gaba_a_response(5.0, "diazepam", 1.0)


# --- Bad input: ValueError naming the parameter and its range --------------------------------

@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf, [1.0, -2.0], "lots"])
def test_bad_gaba_concentration_is_refused_by_name(bad):
    with pytest.raises(ValueError, match="gaba_uM"):
        gaba_a_response(bad)


@pytest.mark.parametrize("bad", [-0.5, math.nan, 1000.0])
def test_bad_diazepam_concentration_is_refused_with_its_range(bad):
    with pytest.raises(ValueError, match=r"modulator_uM.*(\[0, 100\]|NaN)"):
        gaba_a_response(1.0, "diazepam", bad)


def test_unknown_modulator_is_refused_with_the_allowed_names():
    with pytest.raises(ValueError, match="modulator.*'none'.*'diazepam'.*'pentobarbital'"):
        gaba_a_response(1.0, "alprazolam", 1.0)
    with pytest.raises(ValueError, match="modulator"):
        gaba_ec50_uM("caffeine")


def test_a_modulator_concentration_without_a_modulator_is_refused():
    with pytest.raises(ValueError, match="modulator_uM must be 0"):
        gaba_a_response(1.0, "none", 1.0)


@pytest.mark.parametrize("bad", [-273.15, -300.0, math.nan])
def test_temperature_at_or_below_absolute_zero_is_refused(bad):
    with pytest.raises(ValueError, match="temperature_c"):
        chloride_reversal_mV(10.0, 133.0, bad)


@pytest.mark.parametrize("cl_in, cl_out, name", [(0.0, 133.0, "cl_in_mM"), (10.0, -1.0, "cl_out_mM"),
                                                 (math.nan, 133.0, "cl_in_mM")])
def test_non_positive_or_nan_chloride_is_refused_by_name(cl_in, cl_out, name):
    with pytest.raises(ValueError, match=name):
        chloride_reversal_mV(cl_in, cl_out)


def test_mismatched_array_shapes_are_refused_naming_both_parameters():
    with pytest.raises(ValueError, match=r"gaba_uM \(shape \(3,\)\).*modulator_uM \(shape \(2,\)\)"):
        gaba_a_response(np.ones(3), "diazepam", np.ones(2))
    with pytest.raises(ValueError, match="cl_in_mM.*cl_out_mM"):
        chloride_reversal_mV(np.full(3, 10.0), np.full(4, 133.0))


# --- Values a learner may move ----------------------------------------------------------------

@pytest.mark.parametrize("ec50", [6.3, 11.6, 26.0, 34.0])
def test_each_published_gaba_ec50_can_be_chosen_and_diazepam_still_shifts_it(ec50):
    assert gaba_ec50_uM(gaba_ec50_alone_uM=ec50) == pytest.approx(ec50)
    assert gaba_a_response(ec50, gaba_ec50_alone_uM=ec50) == pytest.approx(0.5)
    assert 2.0 <= ec50 / gaba_ec50_uM("diazepam", 1.0, gaba_ec50_alone_uM=ec50) <= 3.0


def test_the_assumed_pentobarbital_sizes_can_be_moved():
    assert gaba_a_response(0.0, "pentobarbital", 1000.0, pentobarbital_direct_max=0.0) == 0.0
    assert gaba_a_response(1e5, "pentobarbital", 1000.0, pentobarbital_max_gain=0.0) == pytest.approx(1.0, abs=1e-6)


@pytest.mark.parametrize("keyword, bad", [("gaba_ec50_alone_uM", 0.5), ("gaba_ec50_alone_uM", math.nan),
                                          ("pentobarbital_max_gain", -0.1), ("pentobarbital_direct_max", 3.0)])
def test_moved_values_out_of_range_are_refused_by_name(keyword, bad):
    with pytest.raises(ValueError, match=keyword):
        gaba_a_response(1.0, "pentobarbital", 10.0, **{keyword: bad})


# --- Lesson 01 charts and wording ------------------------------------------------
# Every chart built by helpers/figures/receptor.py is a model chart and says so; the notebook and
# the guide state the ceiling, the EC50 preparations and the benzodiazepine site as the reference
# base supports them (gaba_ec50_values, bzd_ceiling_allosteric, bz_site_location, walters2000_biphasic).


def _markdown_cells():
    return [c.source for c in cells("01") if c.cell_type == "markdown"]


def _markdown():
    return "\n".join(_markdown_cells())


def _cell_starting_with(heading):
    return next(source for source in _markdown_cells() if heading in source)


def _flat(text):
    return " ".join(text.split())


@pytest.mark.parametrize("factory", RECEPTOR_EXPLORERS, ids=lambda f: f.__name__)
def test_every_receptor_chart_carries_the_model_label_at_every_control_setting(factory):
    explorer = factory()
    figures = [explorer.figure()] + [explorer.figure(**{control.name: value})
                                     for control in explorer.controls for value in control.sample_points]
    for fig in figures:
        assert fig.layout.meta["label"] == "model" == label_of(fig)
        assert "MODEL" in fig.layout.title.text


def test_the_l_cell_ec50_is_not_called_the_same_receptor_type():
    text = _flat(_markdown())
    assert "same receptor type" not in text and "same receptor range" not in text
    ec50_cell = _flat(_cell_starting_with("## 3. How much GABA?"))
    assert "6.3 µM for α1β1γ2L" in ec50_cell


def test_the_overview_asks_the_ceiling_question_instead_of_answering_it():
    overview = _flat(cells("01")[0].source.split("### Prerequisites")[0])
    assert "cannot make the receptor open" not in overview and "can do both" not in overview
    assert "?" in overview


@pytest.mark.parametrize("where", ["objectives", "section 4", "key points", "guide"])
def test_the_ceiling_wording_names_the_near_full_agonist_and_the_partial_agonist(where):
    text = {"objectives": lambda: cells("01")[0].source,
            "section 4": lambda: _cell_starting_with("### Benzodiazepines: positive allosteric"),
            "key points": lambda: _cell_starting_with("## Key points"),
            "guide": lambda: GUIDE.read_text(encoding="utf-8")}[where]()
    text = _flat(text)
    assert "partial agonist" in text
    assert "near-full agonist" in text
    assert "maximum does not rise" not in text and "maximum never rises" not in text


def test_section_4_sources_the_partial_agonist_result_and_labels_the_model_maximum():
    section = _flat(_cell_starting_with("### Benzodiazepines: positive allosteric"))
    assert "kojic amine [source: bzd_ceiling_allosteric]" in section
    assert "In the model GABA is a full agonist" in section


def test_think_2_answers_with_the_receptor_subtype_as_well_as_the_curve_shape():
    think = _flat(_cell_starting_with("### Think! 2"))
    answer = think.split("Show an answer")[1]
    for phrase in ("[source: bz_site_location]", "[source: walters2000_biphasic]", "γ", "δ", "curve's shape"):
        assert phrase in answer
    assert "reference base does not hold" in answer  # the δ remark carries no invented citation


def test_the_flumazenil_test_is_taught_with_its_source_and_in_the_guide():
    passage = _flat(_cell_starting_with("flumazenil test"))
    assert "flumazenil-sensitive" in passage and "not** blocked by flumazenil" in passage
    assert "[source: walters2000_biphasic]" in passage
    guide = _flat(GUIDE.read_text(encoding="utf-8"))
    assert "flumazenil-sensitive" in guide and "flumazenil-insensitive" in guide


def test_the_saturating_diazepam_shift_is_called_a_property_of_the_model():
    from helpers.activities.exercise import exercise

    notes = _flat(exercise("01-ex3").solution)
    assert "in the model the EC50 shift saturates" in notes and "property of the model" in notes
    guide_row = next(line for line in GUIDE.read_text(encoding="utf-8").splitlines()
                     if line.startswith('| "More drug, more inhibition'))
    assert "property of the model" in guide_row


def _cited_ids(text):
    """Reference ids in ``[source: ...]`` brackets (except the literal ``[source: id]`` of the how-to-cite note)."""
    cited = set()
    for bracket in re.findall(r"\[source: ([^\]]+)\]", text):
        tokens = (token.strip() for token in re.split(r"[;,]", bracket))
        cited.update(token for token in tokens if re.fullmatch(r"[a-z0-9_]+", token) and token != "id")
    return cited


@pytest.mark.parametrize("where", ["notebook", "guide"])
def test_every_cited_id_exists_and_partly_verified_ones_carry_the_flag(where):
    text = _markdown() if where == "notebook" else GUIDE.read_text(encoding="utf-8")
    base = references()
    cited = _cited_ids(text)
    assert cited and cited <= set(base), sorted(cited - set(base))
    for source_id in (i for i in cited if base[i]["confidence"] == "partially_verified"):
        for match in re.finditer(source_id, text):
            assert "partly verified" in text[match.end():match.end() + 40], (
                f"{where}: {source_id} is cited without 'partly verified'")


@pytest.mark.parametrize("kwargs, message", [(dict(pentobarbital_uM=-5.0), r"^pentobarbital_uM must be in \[0, 5000\]"),
                                             (dict(diazepam_uM=200.0), r"^diazepam_uM must be in \[0, 100\]")])
def test_the_concentration_response_chart_names_the_concentration_the_learner_set(kwargs, message):
    """Not the model's internal ``modulator_uM``."""
    from helpers.figures.receptor import concentration_response_figure
    with pytest.raises(ValueError, match=message):
        concentration_response_figure(**(dict(diazepam_uM=1.0, pentobarbital_uM=100.0) | kwargs))
