"""Shared input checks: every refusal names the parameter and its allowed range."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.validation import as_choice, as_float, as_float_array, as_fraction, broadcast_pair


def test_as_float_array_returns_floats_and_keeps_shape():
    array = as_float_array("dose_mg", [1, 2, 3], low=0.0)
    assert array.dtype == float and array.shape == (3,)
    assert as_float_array("dose_mg", 2).ndim == 0


@pytest.mark.parametrize("bad, fragment", [(math.nan, "must not be NaN"), (math.inf, "must be finite"),
                                           ("ten", "must be a number"), (None, "must")])
def test_non_numbers_are_refused_by_name(bad, fragment):
    with pytest.raises(ValueError, match=f"dose_mg {fragment}"):
        as_float_array("dose_mg", bad, low=0.0)


def test_values_below_or_above_the_range_name_the_range_and_the_bad_value():
    with pytest.raises(ValueError, match=r"dose_mg must be in \[0, 100\]; got -1"):
        as_float("dose_mg", -1.0, low=0.0, high=100.0)
    with pytest.raises(ValueError, match=r"dose_mg must be in \[0, 100\]; got 200"):
        as_float_array("dose_mg", [1.0, 200.0], low=0.0, high=100.0)


def test_exclusive_bounds_are_shown_with_round_brackets():
    with pytest.raises(ValueError, match=r"cl_in_mM must be in \(0, inf\]; got 0"):
        as_float("cl_in_mM", 0.0, low=0.0, low_inclusive=False)
    assert as_float("cl_in_mM", 1e-9, low=0.0, low_inclusive=False) == 1e-9


def test_as_float_refuses_arrays():
    with pytest.raises(ValueError, match="dose_mg must be a single number"):
        as_float("dose_mg", [1.0, 2.0])


@pytest.mark.parametrize("value, ok", [(0.0, True), (1.0, True), (0.5, True), (-0.01, False), (1.01, False)])
def test_as_fraction_accepts_only_zero_to_one(value, ok):
    if ok:
        assert as_fraction("bz_occupancy", value) == value
    else:
        with pytest.raises(ValueError, match=r"bz_occupancy must be in \[0, 1\]"):
            as_fraction("bz_occupancy", value)


def test_as_choice_normalises_case_and_lists_the_allowed_names():
    assert as_choice("drug", "  Diazepam ", ["diazepam", "alprazolam"]) == "diazepam"
    with pytest.raises(ValueError, match=r"drug must be one of 'diazepam', 'alprazolam'; got 'aspirin'"):
        as_choice("drug", "aspirin", ["diazepam", "alprazolam"])
    with pytest.raises(ValueError, match="drug must be one of"):
        as_choice("drug", 3, ["diazepam"])


def test_broadcast_pair_accepts_a_scalar_with_an_array():
    first, second = broadcast_pair("a", np.ones(3), "b", np.asarray(2.0))
    assert first.shape == second.shape == (3,)


def test_broadcast_pair_names_both_parameters_and_shapes_when_they_clash():
    with pytest.raises(ValueError, match=r"a \(shape \(3,\)\) and b \(shape \(2,\)\) must have the same shape"):
        broadcast_pair("a", np.ones(3), "b", np.ones(2))


def test_as_choice_matches_mixed_case_allowed_names_and_returns_their_spelling():
    assert as_choice("source", "va/dod", ["Ashton", "VA/DoD"]) == "VA/DoD"
    assert as_choice("drug", " Diazepam ", ["diazepam"]) == "diazepam"
    with pytest.raises(ValueError, match="source must be one of 'Ashton', 'VA/DoD'"):
        as_choice("source", "WHO", ["Ashton", "VA/DoD"])


def test_models_refuse_non_integers_instead_of_truncating_them():
    from helpers.models import pharmacokinetics, release

    with pytest.raises(ValueError, match="spikes must be a whole number"):
        release.single_transient(spikes=6.5)
    with pytest.raises(ValueError, match="n_doses must be a whole number"):
        pharmacokinetics.concentration_profile("diazepam", 10.0, hours=24.0, interval_h=12.0, n_doses=2.5)


def test_as_whole_number_names_the_parameter_and_range():
    from helpers.validation import as_whole_number

    assert as_whole_number("spikes", 6.0, low=1, high=20) == 6
    with pytest.raises(ValueError, match=r"spikes must be a whole number .*1.*20"):
        as_whole_number("spikes", 3.7, low=1, high=20)
