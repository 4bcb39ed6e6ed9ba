"""Mastery practice: families of number items whose numbers are drawn from a seed and whose answers come from the
course's models.

A **family** (:class:`Family`) draws its parameters from a ``random.Random`` (:attr:`Family.draw`: a sensible range
for each, with its source or ASSUMPTION in the drawing function's docstring) and writes the item for them
(:attr:`Family.write`): prompt, value, tolerance, unit, the worked steps of that instance as the explanation, and a
hint. The value is always the result of the family's model function (:attr:`Family.model`), never worked out again
here; the tests recompute every family's answer with that function for many seeds.

A bank entry (``helpers/data/quizzes/NN_slug.yaml``) names its family with ``family:`` and gives ``parameters:``
for the instance shown by default; :func:`helpers.activities.quiz.load_quiz` with a ``seed`` draws every family
item afresh (:func:`draw_parameters`: the same family and seed give the same numbers, and an instance never repeats
one of the :data:`REPEAT_WINDOW` − 1 before it). "Another one like this" (live and in handouts) shows the next seed.
No family reads as a dosing or tapering plan: every item asks about the model, not about a patient.
"""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from helpers.models import adaptation, circuit, neuron, occupancy, pharmacokinetics, receptor, release

PRACTICE_SEEDS = tuple(range(1, 7))   # the instances a handout page carries for each practice item
REPEAT_WINDOW = len(PRACTICE_SEEDS)   # any this many consecutive seeds give different instances
MAX_DRAWS = 100                       # redraws allowed to find an instance unlike the ones just before it


@dataclass(frozen=True)
class Item:
    """The text and answer of one instance: what a number item shows and checks."""

    prompt: str
    value: float
    tolerance: float
    unit: str
    explanation: str
    hint: str


@dataclass(frozen=True)
class Family:
    """A family of number items: ``draw(rng)`` gives parameters (units in their names), ``write(**parameters)``
    the :class:`Item`, whose value is ``model``'s result. ``sources`` back the ranges; ``answer_range`` bounds
    every answer the draw can give (tests check it)."""

    name: str
    lesson: str
    model: Callable
    draw: Callable[[random.Random], dict]
    write: Callable[..., Item]
    sources: tuple[str, ...]
    answer_range: tuple[float, float]


def draw_parameters(family: str, seed: int) -> dict:
    """The parameters of ``family``'s instance number ``seed``: the same family and seed always give the same, and
    they differ from those of the :data:`REPEAT_WINDOW` − 1 seeds before it, so a handout's instances (seeds 1-6)
    and "Another one like this" never show the same item twice in a row of six."""
    for earlier in range(1, seed):   # fills the cache from seed 1 up, so no call recurses deeply
        _instance(family, earlier)
    return dict(_instance(family, seed))


@functools.cache
def _instance(family: str, seed: int) -> tuple:
    """Instance ``seed`` as a tuple of (name, value) pairs: the first draw of the seed's own random stream that
    none of the previous :data:`REPEAT_WINDOW` − 1 instances holds (a repeat is drawn again from the same stream)."""
    recent = {_instance(family, earlier) for earlier in range(max(1, seed - REPEAT_WINDOW + 1), seed)}
    rng = random.Random(f"{family}/{seed}")
    for _ in range(MAX_DRAWS):
        drawn = tuple(FAMILIES[family].draw(rng).items())
        if drawn not in recent:
            return drawn
    raise ValueError(f"family {family!r} cannot draw {REPEAT_WINDOW} different instances in a row")


def practice_item(family: str, seed: int | None = None, parameters: dict | None = None) -> Item:
    """Instance ``seed`` of ``family``, or the instance for ``parameters`` (a bank entry's default instance)."""
    chosen = parameters if seed is None else draw_parameters(family, seed)
    return FAMILIES[family].write(**chosen)


def _relative(value: float, share: float, floor: float) -> float:
    """A tolerance: ``share`` of the value (two significant figures), at least ``floor`` (covers the rounding of
    the numbers shown)."""
    tolerance = abs(value) * share
    return max(float(f"{tolerance:.2g}"), floor)


# ---------------------------------------------------------------- lesson 01: the GABA-A receptor


def draw_chloride_reversal(rng: random.Random) -> dict:
    """Chloride inside 4-40 mM: the lower bound 4 mM an ASSUMPTION; about 10 mM in cortical neurons in slices,
    DERIVED with the Nernst equation from their measured −70.1 mV IPSP reversal and 133 mM outside, not a reported
    value (source: chloride_reversal); a mean of 38 mM (13-70 mM) in immature mouse CA3 neurons (source:
    chloride_immature, partly verified). Outside 110-150 mM (ASSUMPTION: the lesson's slider range, around the 133 mM
    bath concentration of chloride_reversal). At 22, 25, 32 or 37 °C (ASSUMPTION: room to body temperature, where
    such recordings are made)."""
    return {"cl_in_mM": rng.randint(4, 40), "cl_out_mM": rng.randint(110, 150),
            "temperature_c": rng.choice((22, 25, 32, 37))}


def write_chloride_reversal(cl_in_mM: float, cl_out_mM: float, temperature_c: float) -> Item:
    value = receptor.chloride_reversal_mV(cl_in_mM, cl_out_mM, temperature_c)
    thermal_mV = receptor.chloride_reversal_mV(math.e, 1.0, temperature_c)   # RT/F: the Nernst factor, mV
    side = "below" if value < neuron.THRESHOLD_MV else "above"
    verb = "inhibits" if value < neuron.THRESHOLD_MV else "excites"
    return Item(
        prompt=(f"A neuron holds {cl_in_mM:g} mM chloride inside and {cl_out_mM:g} mM outside, at {temperature_c:g} °C "
                f"(RT/F ≈ {thermal_mV:.1f} mV). What is the chloride reversal potential? Type it in mV."),
        value=value, tolerance=1.5, unit="mV",
        explanation=(f"Reversal potential = RT/F × ln(inside/outside) = {thermal_mV:.1f} mV × "
                     f"ln({cl_in_mM:g}/{cl_out_mM:g}) = {thermal_mV:.1f} × ({math.log(cl_in_mM / cl_out_mM):.2f}) ≈ "
                     f"{value:.1f} mV (Nernst equation). "
                     f"That lies {side} the model neuron's spike threshold ({neuron.THRESHOLD_MV:g} mV, an "
                     f"ASSUMPTION), so in the model opening GABA-A channels {verb}."),
        hint=(f"Use the Nernst equation: reversal potential = RT/F × ln(inside/outside) with RT/F ≈ "
              f"{thermal_mV:.1f} mV. With less chloride inside than outside the ratio is below 1 and the reversal "
              "potential is negative; the more chloride inside, the less negative."))


def draw_ec50_with_diazepam(rng: random.Random) -> dict:
    """GABA's EC50 alone: one of the published values by preparation, 6.3-34 µM (source: gaba_ec50_values);
    diazepam 0.03-1 µM (ASSUMPTION: around the model's half-maximal shift at 0.1 µM, up to the 1 µM measured by
    diazepam_ec50_shift; walters2000_biphasic saw potentiation from 20 nM and a second, flumazenil-insensitive
    component at micromolar concentrations, which the model leaves out, so the draw stops at 1 µM)."""
    return {"gaba_ec50_alone_uM": rng.choice(sorted(receptor.GABA_EC50_BY_PREPARATION_UM.values())),
            "diazepam_uM": rng.choice((0.03, 0.1, 0.3, 1.0))}


def write_ec50_with_diazepam(gaba_ec50_alone_uM: float, diazepam_uM: float) -> Item:
    value = receptor.gaba_ec50_uM("diazepam", diazepam_uM, gaba_ec50_alone_uM=gaba_ec50_alone_uM)
    fold = gaba_ec50_alone_uM / value
    return Item(
        prompt=(f"In the model, diazepam at {diazepam_uM:g} µM shifts GABA's concentration–response curve "
                f"{fold:.2f}-fold to the left (the shift saturates near {receptor.DIAZEPAM_MAX_FOLD:.2f}-fold). "
                f"GABA's EC50 alone is {gaba_ec50_alone_uM:g} µM. What is GABA's EC50 with this diazepam, in µM?"),
        value=value, tolerance=_relative(value, 0.02, 0.05), unit="µM",
        explanation=(f"A {fold:.2f}-fold shift to the left divides the EC50: {gaba_ec50_alone_uM:g} µM ÷ {fold:.2f} ≈ "
                     f"{value:.2f} µM. Less GABA now gives the same response; in the model the maximum stays where "
                     "it was, the ceiling of a positive allosteric modulator."),
        hint=("A shift to the left means GABA works at lower concentrations: divide the EC50 by the fold shift, "
              "do not multiply it."))


CEILING_DIAZEPAM_UM = 10.0   # a model setting: the EC50 shift is within 1 % of its ceiling at 10 µM (half-shift
#                              0.1 µM); not a measured concentration (the model leaves out micromolar actions)


def draw_response_with_diazepam(rng: random.Random) -> dict:
    """GABA 1-10 µM (ASSUMPTION: around the EC50, where a shift matters most) and GABA's EC50 alone from the
    published values by preparation (source: gaba_ec50_values); diazepam at the model's ceiling."""
    return {"gaba_uM": rng.choice((1.0, 2.0, 3.0, 5.0, 10.0)),
            "gaba_ec50_alone_uM": rng.choice(sorted(receptor.GABA_EC50_BY_PREPARATION_UM.values()))}


def write_response_with_diazepam(gaba_uM: float, gaba_ec50_alone_uM: float) -> Item:
    value = receptor.gaba_a_response(gaba_uM, "diazepam", CEILING_DIAZEPAM_UM, gaba_ec50_alone_uM=gaba_ec50_alone_uM)
    alone = receptor.gaba_a_response(gaba_uM, gaba_ec50_alone_uM=gaba_ec50_alone_uM)
    ec50 = receptor.gaba_ec50_uM("diazepam", CEILING_DIAZEPAM_UM, gaba_ec50_alone_uM=gaba_ec50_alone_uM)
    fold, ratio = gaba_ec50_alone_uM / ec50, (gaba_uM / ec50) ** receptor.GABA_HILL
    return Item(
        prompt=(f"In the model, GABA's EC50 alone is {gaba_ec50_alone_uM:g} µM (Hill coefficient "
                f"{receptor.GABA_HILL:g}), and diazepam at its ceiling divides it by {fold:.2f}. With {gaba_uM:g} µM "
                "GABA and this diazepam, what fraction of GABA's own maximal response flows? Type a fraction "
                "from 0 to 1."),
        value=value, tolerance=0.03, unit="of the maximal GABA response",
        explanation=(f"EC50 with diazepam = {gaba_ec50_alone_uM:g} ÷ {fold:.2f} ≈ {ec50:.2f} µM; "
                     f"({gaba_uM:g}/{ec50:.2f}) to the power {receptor.GABA_HILL:g} ≈ {ratio:.2f}; "
                     f"response = {ratio:.2f} ÷ (1 + {ratio:.2f}) ≈ {value:.2f}, against {alone:.2f} without "
                     "diazepam. However much GABA comes, the model's response stops at 1 with or without diazepam: "
                     "the ceiling. (The model leaves out diazepam's micromolar action [walters2000_biphasic], so "
                     "'at its ceiling' is a model setting, not a measured concentration.)"),
        hint=("First divide the EC50 by the fold shift; then use the Hill equation, response = r / (1 + r) with "
              f"r = (GABA / EC50) to the power {receptor.GABA_HILL:g}. The answer lies between 0 and 1."))


# ---------------------------------------------------------------- lesson 02: the VTA circuit


def draw_dopamine_firing(rng: random.Random) -> dict:
    """Site occupancy 0.2-1 (a setting), α1 gain 0.25-1 and α3 gain 0-0.5 (ASSUMPTIONS of the model, within its
    0-3 range; kept where neither population falls silent, so the steps stay linear). The prompt's fixed numbers are
    the model's: its baselines are the dopamine neurons' tonic ~4 Hz (source: da_neuron_firing_tonic, midbrain
    dopamine neurons in quiescent periods) and the interneurons' ~32 Hz (source: vta_gaba_firing: one
    representative VTA GABA neuron recorded in vivo in rats, partly verified); the disinhibition they serve was
    shown in mice (tan2010_abstract_findings), so the model's circuit is calibrated across species, and its drives
    and inhibition weights are ASSUMPTIONS."""
    return {"bz_occupancy": rng.choice((0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)),
            "alpha1_gain": rng.choice((0.25, 0.5, 0.75, 1.0)), "alpha3_gain": rng.choice((0.0, 0.25, 0.5))}


def write_dopamine_firing(bz_occupancy: float, alpha1_gain: float, alpha3_gain: float) -> Item:
    rates = circuit.vta_rates(bz_occupancy, alpha1_gain=alpha1_gain, alpha3_gain=alpha3_gain)
    value, gaba_hz = rates["da_hz"], rates["gaba_hz"]
    weight = circuit.INHIBITION_ONTO_DA_HZ / circuit.GABA_BASELINE_HZ
    change = "faster" if value > circuit.DA_BASELINE_HZ else "slower"
    return Item(
        prompt=(f"In lesson 02's model the interneurons fire {circuit.GABA_DRIVE_HZ:g} Hz minus "
                f"{circuit.INHIBITION_ONTO_GABA_HZ:g} Hz × (1 + occupancy × α1 gain), and the dopamine neurons "
                f"{circuit.DA_DRIVE_HZ:g} Hz minus {circuit.INHIBITION_ONTO_DA_HZ:g}/{circuit.GABA_BASELINE_HZ:g} Hz "
                "per Hz of interneuron firing × (1 + occupancy × α3 gain). At occupancy "
                f"{bz_occupancy:g}, with an α1 gain of {alpha1_gain:g} and an α3 gain of {alpha3_gain:g} (both "
                "ASSUMPTIONS), how fast do the dopamine neurons fire, in Hz?"),
        value=value, tolerance=0.1, unit="Hz",
        explanation=(f"Interneurons: {circuit.GABA_DRIVE_HZ:g} − {circuit.INHIBITION_ONTO_GABA_HZ:g} × (1 + "
                     f"{bz_occupancy:g} × {alpha1_gain:g}) = {gaba_hz:.2f} Hz. Dopamine neurons: "
                     f"{circuit.DA_DRIVE_HZ:g} − {weight:g} × {gaba_hz:.2f} × (1 + {bz_occupancy:g} × {alpha3_gain:g}) "
                     f"= {value:.2f} Hz, {change} than the {circuit.DA_BASELINE_HZ:g} Hz baseline. A model prediction "
                     "from two assumed gains, not a measurement."),
        hint=("Work out the interneurons first (more occupancy × α1 gain: more inhibition, slower firing), then the "
              "dopamine neurons, whose brake is the interneurons' firing times (1 + occupancy × α3 gain)."))


# ---------------------------------------------------------------- lesson 03: acute dopamine


def draw_site_occupancy(rng: random.Random) -> dict:
    """Active drug in the body 2-100 diazepam-equivalent mg (a setting: one tablet to weeks of accumulation in
    lesson 04's model) and the amount for half occupancy A50 30 or 60 mg-eq (ASSUMPTION of the model, 30 by
    default). The base holds one human measurement to set it against, not a value for A50: in healthy people on
    alprazolam 2 mg/day, sedation came with about 16 % receptor occupancy (SPECT; source:
    fujita1999_alprazolam_spect, partly verified). A lower A50 (10 mg-eq) would put the model further from it, so
    the draw leaves it out."""
    return {"active_mg_eq": rng.choice((2, 5, 8, 10, 15, 20, 30, 45, 60, 80, 100)),
            "half_occupancy_mg_eq": rng.choice((30, 60))}


def write_site_occupancy(active_mg_eq: float, half_occupancy_mg_eq: float) -> Item:
    value = occupancy.bz_site_occupancy(active_mg_eq, half_occupancy_mg_eq=half_occupancy_mg_eq)
    return Item(
        prompt=(f"In the model, occupancy = A / (A + A50), with A the active drug in the body (Hill coefficient 1, an "
                f"ASSUMPTION). With A = {active_mg_eq:g} diazepam-equivalent mg and A50 = {half_occupancy_mg_eq:g} mg "
                "(an ASSUMPTION), what fraction of the benzodiazepine sites is occupied?"),
        value=value, tolerance=0.02, unit="(fraction of sites)",
        explanation=(f"{active_mg_eq:g} / ({active_mg_eq:g} + {half_occupancy_mg_eq:g}) ≈ {value:.2f} in the model. "
                     "Doubling the amount does not double the occupancy: the curve bends towards 1. The model's A50 "
                     "is an ASSUMPTION; in people, sedation came with about 16 % occupancy "
                     "[fujita1999_alprazolam_spect; partly verified]."),
        hint="Divide the amount by the amount plus A50; the answer lies between 0 and 1, and is 0.5 when A = A50.")


def draw_fraction_left(rng: random.Random) -> dict:
    """Half-life 2-48 h (ASSUMPTION: a span within the course's drug table, helpers/data/benzodiazepines.csv, whose
    parent half-lives run 2-100 h in Ashton's table (source: ashton_table_transcription, partly verified; 200 h is
    the longest for an active metabolite, desmethyldiazepam), down to 1.5 and 1.4 h from labels (sources:
    pk_triazolam, partly verified, and pk_zolpidem_label)) and 6-72 h after the peak, at most six half-lives
    (ASSUMPTION: where a learner can still read the curve)."""
    half_life = rng.choice((2.0, 3.0, 4.0, 6.0, 8.0, 10.0, 12.0, 20.0, 24.0, 36.0, 48.0))
    hours = rng.choice([hours for hours in (6.0, 12.0, 18.0, 24.0, 36.0, 48.0, 72.0) if hours <= 6 * half_life])
    return {"half_life_h": half_life, "hours": hours}


def write_fraction_left(half_life_h: float, hours: float) -> Item:
    value = 100.0 * pharmacokinetics.fraction_left(half_life_h, hours)
    return Item(
        prompt=(f"In a one-compartment model, a drug with a half-life of {half_life_h:g} h has reached its peak and "
                f"nothing more is being absorbed. What percentage of the peak amount is left {hours:g} h later?"),
        value=value, tolerance=_relative(value, 0.05, 0.2), unit="% of the peak",
        explanation=(f"{hours:g} h is {hours / half_life_h:.2f} half-lives: (½) to the power "
                     f"{hours / half_life_h:.2f} ≈ {value / 100.0:.3f}, about {value:.1f} % of the peak, in the model "
                     "(first-order elimination). "
                     "A real curve also has a distribution phase that the one compartment leaves out."),
        hint=("Count half-lives: hours ÷ half-life. Each half-life halves what is left, so the share left is "
              "(½) to that power, not a fixed amount removed per hour."))


def draw_average_dopamine(rng: random.Random) -> dict:
    """Benzodiazepine-site occupancy 0.25-1 (a setting, the lesson's slider points) and the share of release lost
    per spike at full occupancy 0.4-0.8 (HYPOTHESIS of lesson 03's model, default 0.8; its size an ASSUMPTION).
    The draw stays in the range that fits the measured direction (lesson 03's guide, Exercise 4: from 0.4 up, the
    model's average lies below control at every occupancy, as rat microdialysis measured a fall after midazolam,
    finlay1992_midazolam_microdialysis, and diazepam, diazepam_microdialysis_1991, partly verified; below 0.4
    the model's average lies at or above control, which would not reproduce that fall)."""
    return {"diazepam_occupancy": rng.choice((0.25, 0.5, 0.75, 1.0)),
            "release_reduction": rng.choice((0.4, 0.5, 0.6, 0.7, 0.8))}


def write_average_dopamine(diazepam_occupancy: float, release_reduction: float) -> Item:
    measures = release.expected_measures("diazepam", diazepam_occupancy=diazepam_occupancy,
                                         release_reduction=release_reduction)
    value, steady, rate = measures["average_nM"], measures["steady_nM"], measures["burst_rate_hz"]
    area = (value - steady) / rate   # nM·s above the steady level per transient, as the model averages them
    control = release.expected_measures("diazepam", diazepam_occupancy=0.0)["average_nM"]   # no drug
    direction = "above" if value > control else "below"
    change = "rises" if value > control else "falls"
    return Item(
        prompt=(f"In lesson 03's model with diazepam at site occupancy {diazepam_occupancy:g} (release lost per spike "
                f"at full occupancy: {release_reduction:g}, a HYPOTHESIS), transients come {rate:.3f} times a second, "
                f"each adds on average {area:.1f} nM·s of dopamine above a steady level of {steady:.1f} nM. What "
                "average level would microdialysis see over minutes, in nM (ignore overlaps between transients)?"),
        value=value, tolerance=_relative(value, 0.03, 0.3), unit="nM",
        explanation=(f"Average = steady level + rate × area = {steady:.1f} + {rate:.3f} × {area:.1f} ≈ {value:.1f} nM "
                     f"in the model, {direction} its control level of {control:.1f} nM without the drug: the average "
                     f"{change}. More frequent transients (faster firing) can go with a lower average when each "
                     "releases less: that smaller release is the model's HYPOTHESIS, not a measurement."),
        hint=("Transients add to the average as often as they come times what each adds (nM·s per transient × "
              "transients per second gives nM); add the steady level."))


# ---------------------------------------------------------------- lesson 04: weeks of use


HALF_LIVES_H = (2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 24.0, 36.0, 48.0, 72.0)


def draw_accumulation_ratio(rng: random.Random) -> dict:
    """Half-life 2-72 h (ASSUMPTION: a span within the course's drug table, as for :func:`draw_fraction_left`:
    parent half-lives 2-100 h in Ashton's table, source: ashton_table_transcription, partly verified; 1.5 and
    1.4 h from labels, pk_triazolam and pk_zolpidem_label; 200 h only for an active metabolite) and an interval of
    6-24 h (ASSUMPTION: the usual spacing of repeated intake; the model allows 1-168 h)."""
    return {"half_life_h": rng.choice(HALF_LIVES_H), "interval_h": rng.choice((6.0, 8.0, 12.0, 24.0))}


def write_accumulation_ratio(half_life_h: float, interval_h: float) -> Item:
    value = adaptation.accumulation_ratio(half_life_h, interval_h)
    k_tau = math.log(2.0) * interval_h / half_life_h
    left = 1.0 - 1.0 / value   # the share left when the next intake comes
    return Item(
        prompt=(f"A drug with a {half_life_h:g} h half-life is taken every {interval_h:g} h. Type its accumulation "
                "ratio 1/(1 − exp(−kτ))."),
        value=value, tolerance=_relative(value, 0.02, 0.02), unit="(no unit)",
        explanation=(f"k·τ = ln2 × {interval_h:g}/{half_life_h:g} = {k_tau:.2f}, and exp(−{k_tau:.2f}) = {left:.3f} is "
                     f"the share left when the next intake comes: 1/(1 − {left:.3f}) ≈ {value:.2f}, in the model (one "
                     "compartment, first-order elimination). The longer the half-life against the interval, the more "
                     "builds up."),
        hint=("k = ln2 / half-life; multiply by the interval τ, take exp(−kτ) (the share left after one interval), "
              "then 1/(1 − that share)."))


def draw_steady_state_time(rng: random.Random) -> dict:
    """Half-life 2-72 h (as for :func:`draw_accumulation_ratio`: within the course's drug table, sources:
    ashton_table_transcription, pk_triazolam, pk_zolpidem_label) and a share of the way to steady state of
    50-97 % (ASSUMPTION: the shares the lesson discusses around its 90 %)."""
    return {"half_life_h": rng.choice(HALF_LIVES_H), "fraction": rng.choice((0.5, 0.75, 0.875, 0.9, 0.95, 0.97))}


def write_steady_state_time(half_life_h: float, fraction: float) -> Item:
    value = adaptation.days_to_fraction_of_steady_state(half_life_h, fraction) * adaptation.HOURS_PER_DAY
    half_lives = value / half_life_h
    return Item(
        prompt=(f"A drug with a {half_life_h:g} h half-life is taken at the same dose at regular intervals. With "
                f"first-order elimination, how many hours does it take to reach {100 * fraction:g} % of its steady "
                "state, whatever that dose is?"),
        value=value, tolerance=_relative(value, 0.05, 1.0), unit="h",
        explanation=(f"{100 * fraction:g} % takes log2(1/(1 − {fraction:g})) ≈ {half_lives:.2f} half-lives: "
                     f"{half_lives:.2f} × {half_life_h:g} h ≈ {value:.1f} h, in the model. The dose sets the level, "
                     "not the time."),
        hint=(f"Each half-life covers half of the way still left, so n half-lives cover 1 − (½)ⁿ; solve for "
              f"{100 * fraction:g} % and multiply by the {half_life_h:g} h half-life."))


FAMILIES = {family.name: family for family in (
    Family("chloride_reversal", "01", receptor.chloride_reversal_mV, draw_chloride_reversal, write_chloride_reversal,
           ("chloride_reversal", "chloride_immature"), (-100.0, -5.0)),
    Family("ec50_with_diazepam", "01", receptor.gaba_ec50_uM, draw_ec50_with_diazepam, write_ec50_with_diazepam,
           ("gaba_ec50_values", "diazepam_ec50_shift"), (1.0, 34.0)),
    Family("response_with_diazepam", "01", receptor.gaba_a_response, draw_response_with_diazepam,
           write_response_with_diazepam, ("gaba_ec50_values", "diazepam_ec50_shift", "walters2000_biphasic"),
           (0.0, 1.0)),
    Family("dopamine_firing", "02", circuit.vta_rates, draw_dopamine_firing, write_dopamine_firing,
           ("da_neuron_firing_tonic", "vta_gaba_firing"), (0.0, circuit.DA_DRIVE_HZ)),
    Family("site_occupancy", "03", occupancy.bz_site_occupancy, draw_site_occupancy, write_site_occupancy,
           ("fujita1999_alprazolam_spect",), (0.0, 1.0)),
    Family("fraction_left", "03", pharmacokinetics.fraction_left, draw_fraction_left, write_fraction_left,
           ("ashton_table_transcription", "pk_triazolam", "pk_zolpidem_label"), (1.0, 100.0)),
    Family("average_dopamine", "03", release.expected_measures, draw_average_dopamine, write_average_dopamine,
           ("da_transients_robinson2002", "finlay1992_midazolam_microdialysis", "diazepam_microdialysis_1991"),
           (0.0, 100.0)),
    Family("accumulation_ratio", "04", adaptation.accumulation_ratio, draw_accumulation_ratio,
           write_accumulation_ratio, ("ashton_table_transcription", "pk_triazolam", "pk_zolpidem_label"), (1.0, 20.0)),
    Family("steady_state_time", "04", adaptation.days_to_fraction_of_steady_state, draw_steady_state_time,
           write_steady_state_time, ("ashton_table_transcription", "pk_triazolam", "pk_zolpidem_label"),
           (0.0, 400.0)),
)}
