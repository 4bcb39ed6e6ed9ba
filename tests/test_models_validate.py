"""Every public function in ``helpers.models`` refuses bad input with a ValueError naming the parameter.

One generic test walks the signatures: each numeric parameter (a number or an array of numbers in a
valid call) is given NaN, an infinity, a wrong type and numbers far outside any range, with the
other arguments valid; each text parameter is given a wrong type and an unknown name. A new public
function fails this test until it is listed in ``VALID_CALLS`` (so it cannot slip past).
The specific ranges are checked from the parameter declarations at the end.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import math
import pkgutil

import numpy as np
import pytest

import helpers.models
from helpers.validation import Parameter

# One valid call per public function: the arguments that have no default, plus the optional
# ones that must be set for a parameter to be used at all (e.g. the diazepam settings of release).
VALID_CALLS = {
    "adaptation.simulate_regimen": dict(drug="diazepam", dose_mg=10.0, interval_h=24.0, days=2.0),
    "adaptation.predicted_dopamine_hz": dict(net_alpha1_effect=0.2),
    "adaptation.accumulation_ratio": dict(half_life_h=10.0, interval_h=24.0),
    "adaptation.days_to_fraction_of_steady_state": dict(half_life_h=12.0, fraction=0.9),
    "circuit.vta_rates": {},
    "circuit.break_even_alpha3_gain": dict(bz_occupancy=0.5),
    "circuit.drug_time_profile": dict(time_s=[0.0, 1.0, 2.0], onset_s=0.5, rise_s=1.0),
    "circuit.simulate_vta": {},
    "circuit.poisson_spikes": dict(time_s=[0.0, 0.1, 0.2], rate_hz=[1.0, 1.0, 1.0]),
    "circuit.ghb_girk_activation": dict(ghb=0.5),
    "neuron.membrane_steady_state": {},
    "neuron.firing_rate_hz": {},
    "neuron.firing_rate_curve_hz": dict(diazepam_uM=[0.0, 1.0]),
    "neuron.voltage_trace": {},
    "occupancy.bz_site_occupancy": dict(active_mg_eq=10.0),
    "occupancy.dose_to_firing": dict(drug="diazepam", dose_mg=10.0, metabolite_potency=1.0),
    "occupancy.peak_occupancy": dict(drug="diazepam", dose_mg=10.0),
    "occupancy.summary_table": dict(drug="diazepam", dose_mg=10.0),
    "pharmacokinetics.elimination_rate_per_h": dict(half_life_h=10.0),
    "pharmacokinetics.fraction_left": dict(half_life_h=10.0, hours=5.0),
    "pharmacokinetics.absorption_rate_per_h": dict(tmax_h=1.0, elimination_per_h=0.1),
    "pharmacokinetics.diazepam_equivalent_mg": dict(drug="alprazolam", dose_mg=1.0),
    "pharmacokinetics.drug_mg_for_diazepam_eq": dict(drug="alprazolam", diazepam_eq_mg=10.0),
    "pharmacokinetics.drug_record": dict(drug="diazepam"),
    "pharmacokinetics.drug_names": {},
    "pharmacokinetics.checked_drug_name": dict(drug="diazepam", argument="switch_to"),
    "pharmacokinetics.compared_drugs": {},
    "pharmacokinetics.rate_constants": dict(drug="diazepam"),
    "pharmacokinetics.concentration_profile": dict(drug="diazepam", dose_mg=10.0, hours=24.0, interval_h=12.0,
                                                   n_doses=2),
    "pharmacokinetics.dose_schedule_levels": dict(drug="diazepam", dose_times_h=[0.0], doses_mg=10.0,
                                                  time_h=[0.0, 1.0], metabolite_potency=1.0),
    "pharmacokinetics.two_compartment_rate_constants": dict(drug="diazepam", distribution_half_life_h=1.0),
    "pharmacokinetics.distribution_phase_levels": dict(drug="diazepam", dose_mg=10.0, time_h=[0.0, 1.0],
                                                       distribution_half_life_h=1.0, metabolite_potency=1.0),
    "pharmacokinetics.equivalent_dose_mg": dict(drug="diazepam"),
    "pharmacokinetics.equivalent_doses_mg": dict(drug="diazepam"),
    "pharmacokinetics.equivalent_dose_range_mg": dict(drug="diazepam"),
    "receptor.chloride_reversal_mV": dict(cl_in_mM=10.0, cl_out_mM=133.0),
    "receptor.gaba_ec50_uM": dict(modulator="diazepam", modulator_uM=1.0),
    "receptor.gaba_a_response": dict(gaba_uM=3.0, modulator="diazepam", modulator_uM=1.0),
    "release.condition_settings": dict(condition="diazepam", diazepam_occupancy=0.5, release_reduction=0.8),
    "release.simulate_fscv": dict(condition="diazepam", seconds=10.0, diazepam_occupancy=0.5, release_reduction=0.8),
    "release.concentration_nM": dict(settings="control settings", spike_times_s=[0.1], time_s=[0.0, 0.2]),
    "release.single_transient": dict(condition="diazepam", diazepam_occupancy=0.5, release_reduction=0.8),
    "release.clearance_half_time_s": dict(condition="diazepam", diazepam_occupancy=0.5),
    "release.expected_measures": dict(condition="diazepam", diazepam_occupancy=0.5, release_reduction=0.8),
    "release.detect_transients": dict(trace="a control recording"),
    "release.transient_stats": dict(trace="a control recording"),
    "taper.taper_schedule": dict(start_dose_mg=10.0, method="hyperbolic"),
    "taper.taper_days": dict(schedule="a linear schedule"),
    "taper.simulate_discontinuation": dict(drug="diazepam", dose_mg=10.0, weeks_of_use=1.0, follow_up_weeks=1.0,
                                           switch_to="lorazepam"),
    "taper.withdrawal_timing": dict(course="a discontinuation", stop_day=7.0),
    "taper.steady_state_occupancy": dict(dose_mg=10.0),
}

NOT_NUMBERS = [math.nan, math.inf, -math.inf, "ten", [1.0, "x"], {"value": 1.0}]
FAR_OUTSIDE = [-1e12, 1e12]
# Sides a parameter leaves open on purpose (the function's docstring says so).
OPEN_SIDES: set = set()


@functools.cache
def _objects():
    """Argument values that are objects, not numbers (built once)."""
    from helpers.models import release, taper

    return {"control settings": release.condition_settings("control"),
            "a control recording": release.simulate_fscv("control", seconds=20.0),
            "a linear schedule": taper.taper_schedule(10.0, method="linear"),
            "a discontinuation": taper.simulate_discontinuation("diazepam", 10.0, weeks_of_use=1.0,
                                                                follow_up_weeks=1.0)}


def _public_functions():
    for info in pkgutil.iter_modules(helpers.models.__path__):
        module = importlib.import_module(f"helpers.models.{info.name}")
        for name, function in vars(module).items():
            if not name.startswith("_") and inspect.isfunction(function) and function.__module__ == module.__name__:
                yield f"{info.name}.{name}", function


FUNCTIONS = dict(_public_functions())


def _valid_arguments(key):
    function = FUNCTIONS[key]
    given = {name: _objects().get(value, value) if isinstance(value, str) else value
             for name, value in VALID_CALLS[key].items()}
    arguments = {}
    for name, parameter in inspect.signature(function).parameters.items():
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            continue
        arguments[name] = given[name] if name in given else parameter.default
    return arguments


def _is_numeric(value) -> bool:
    if isinstance(value, (bool, np.bool_, str)) or value is None:
        return False
    try:
        return np.asarray(value).dtype.kind in "if"
    except (TypeError, ValueError):
        return False


def test_every_public_function_is_listed_with_a_valid_call():
    assert sorted(set(FUNCTIONS) - set(VALID_CALLS)) == []
    assert sorted(set(VALID_CALLS) - set(FUNCTIONS)) == []


@pytest.mark.parametrize("key", sorted(VALID_CALLS))
def test_the_listed_call_is_valid(key):
    FUNCTIONS[key](**_valid_arguments(key))


def _parameter_cases():
    for key in sorted(VALID_CALLS):
        for name, parameter in inspect.signature(FUNCTIONS[key]).parameters.items():
            if parameter.kind is not inspect.Parameter.VAR_KEYWORD:
                yield pytest.param(key, name, id=f"{key}({name})")


def _refuses(key, arguments, name, bad):
    try:
        FUNCTIONS[key](**{**arguments, name: bad})
    except ValueError as refusal:
        assert name in str(refusal), f"{key}({name}={bad!r}): the message does not name {name}: {refusal}"
    else:
        pytest.fail(f"{key} accepted {name}={bad!r}")


@pytest.mark.parametrize("key, name", list(_parameter_cases()))
def test_bad_values_are_refused_naming_the_parameter(key, name):
    arguments = _valid_arguments(key)
    value = arguments[name]
    if isinstance(value, (bool, np.bool_)):
        bads = ["yes", 2]
    elif isinstance(value, str):
        bads = [3, "no such " + name]
    elif _is_numeric(value):
        bads = NOT_NUMBERS + [b for b in FAR_OUTSIDE if (key, name, b) not in OPEN_SIDES]
    else:
        bads = ["not a table", 3]
    for bad in bads:
        _refuses(key, arguments, name, bad)


def _declared_parameters():
    for info in pkgutil.iter_modules(helpers.models.__path__):
        module = importlib.import_module(f"helpers.models.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Parameter):
                yield pytest.param(value, id=f"{info.name}.{name}")


@pytest.mark.parametrize("parameter", list(_declared_parameters()))
def test_declared_parameters_check_their_own_range(parameter):
    assert parameter.check(parameter.default) == parameter.default
    for bad in (parameter.low - 1e-6 * max(1.0, abs(parameter.low)),
                parameter.high + 1e-6 * max(1.0, abs(parameter.high))):
        with pytest.raises(ValueError, match=parameter.name):
            parameter.check(bad)


def test_every_declared_source_is_a_reference_id_or_says_what_it_is():
    from helpers.references import references
    from helpers.validation import UNSOURCED

    for param in _declared_parameters():
        parameter = param.values[0]
        if parameter.source not in UNSOURCED:
            unknown = [i.strip() for i in parameter.source.split(";") if i.strip() not in references()]
            assert unknown == [], f"{param.id}: unknown source id(s) {unknown}"


def _model_parameters_by_name() -> dict:
    return {p.values[0].name: p.values[0] for p in _declared_parameters()}


def test_sliders_of_model_parameters_stay_in_the_valid_range_and_carry_their_tag():
    from conftest import explorers
    from helpers.activities.explorer import Slider

    declared = _model_parameters_by_name()
    checked = 0
    for explorer in explorers().values():
        for control in explorer.controls:
            parameter = declared.get(control.name)
            if not isinstance(control, Slider) or parameter is None:
                continue
            checked += 1
            assert parameter.low <= control.low and control.high <= parameter.high, (explorer.name, control.name)
            parameter.check(control.default)
            if parameter.tag:
                assert control.label.endswith(f"({parameter.tag})"), (explorer.name, control.label)
            else:
                assert "ASSUMPTION" not in control.label and "HYPOTHESIS" not in control.label
    assert checked >= 20


def test_a_slider_is_derived_from_its_parameter():
    from helpers.activities.parameters import slider
    from helpers.validation import ASSUMPTION, SETTING

    tau = Parameter("tau_days", 5.0, 0.5, 120.0, "days", ASSUMPTION, label="Time constant",
                    teaching=(1.0, 30.0, 1.0), teaching_points=(1.0, 5.0, 30.0))
    control = slider(tau)
    assert (control.name, control.label, control.low, control.high, control.step, control.default, control.unit) == \
        ("tau_days", "Time constant (ASSUMPTION)", 1.0, 30.0, 1.0, 5.0, "days")
    assert control.handout_values() == [1.0, 5.0, 30.0]
    assert slider(tau, label="Slow one", default=10.0, handout_points=(1.0, 30.0)).label == "Slow one (ASSUMPTION)"
    dose = Parameter("dose_mg", 10.0, 0.0, 100.0, "mg", SETTING, label="Dose", teaching=(0.0, 20.0, 2.5))
    assert slider(dose).label == "Dose"
    with pytest.raises(ValueError, match="no teaching range"):
        slider(Parameter("hill", 1.0, 0.5, 3.0, "", ASSUMPTION))


@pytest.mark.parametrize("fields, fragment", [
    (dict(source=""), "source"),
    (dict(low=2.0, high=1.0), "low must be below high"),
    (dict(default=500.0), "tau_days must be in"),
    (dict(teaching=(0.1, 30.0, 1.0)), "teaching range"),
    (dict(teaching=(1.0, 30.0, 0.0)), "teaching range"),
])
def test_a_bad_declaration_is_refused(fields, fragment):
    arguments = dict(name="tau_days", default=5.0, low=0.5, high=120.0, unit="days", source="ASSUMPTION")
    with pytest.raises(ValueError, match=fragment):
        Parameter(**{**arguments, **fields})


def test_drug_menus_come_from_the_drug_table():
    from conftest import explorers
    from helpers.models.pharmacokinetics import DRUGS

    menus = [c for e in explorers().values() for c in e.controls
             if hasattr(c, "options") and all(name in DRUGS.index for _, name in c.options)]
    assert len(menus) >= 5   # lessons 03, 04 (three) and 05
    for menu in menus:
        for label, name in menu.options:
            assert label == DRUGS.loc[name, "display_name"]
