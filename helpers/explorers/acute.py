"""Lesson 03 explorers: one dose from the gut to VTA firing, and dopamine in the accumbens."""

from helpers.explorers import register
from helpers.explorers.core import Dropdown, Explorer, Slider
from helpers.figures import pharmacology as figures
from helpers.figures.text import drug_label
from helpers.models import occupancy, pharmacokinetics, release

DRUG_OPTIONS = tuple((drug_label(name), name) for name in pharmacokinetics.DRUG_NAMES)


@register
def dose_chain_explorer() -> Explorer:
    return Explorer(
        name="dose_chain",
        title="One tablet: from the gut to dopamine neuron firing",
        description=("Pick a drug and a dose (in multiples of the dose equal to diazepam 10 mg). "
                     "Compare a short-acting drug with diazepam; then move the ASSUMED occupancy constant."),
        controls=[
            Dropdown("drug", "Drug", DRUG_OPTIONS, "diazepam"),
            Slider("dose_equivalents", "Dose (× the dose equal to diazepam 10 mg)", 0.25, 3.0, 0.25, 1.0, "×",
                   handout_points=(0.25, 0.5, 1.0, 1.5, 2.0, 3.0)),
            Slider("half_occupancy_mg_eq", "ASSUMPTION: amount for half occupancy", 5.0, 100.0, 5.0,
                   occupancy.HALF_OCCUPANCY_MG_EQ, "diazepam-eq mg", handout_points=(5.0, 10.0, 30.0, 60.0, 100.0)),
        ],
        build=figures.dose_chain_figure,
    )


@register
def distribution_phase_explorer() -> Explorer:
    return Explorer(
        name="distribution_phase",
        title="One diazepam tablet with a distribution phase",
        description=("The lessons' one-compartment model against a variant in which diazepam also moves into fat "
                     "and muscle. Move the two ASSUMPTIONS and watch the first hours."),
        controls=[
            Slider("distribution_half_life_h", "ASSUMPTION: half-life of the distribution phase",
                   *pharmacokinetics.DISTRIBUTION_HALF_LIFE_RANGE_H, 0.25,
                   pharmacokinetics.DISTRIBUTION_HALF_LIFE_H["diazepam"], "h", handout_points=(0.25, 0.5, 1.0, 2.0)),
            Slider("central_share", "ASSUMPTION: share in blood and brain after distribution",
                   *pharmacokinetics.CENTRAL_SHARE_RANGE, 0.05, pharmacokinetics.CENTRAL_SHARE, "fraction",
                   handout_points=(0.2, 0.3, 0.5, 0.7, 0.9)),
        ],
        build=figures.distribution_phase_figure,
    )


@register
def virtual_fscv_explorer() -> Explorer:
    return Explorer(
        name="virtual_fscv",
        title="A virtual FSCV electrode in the nucleus accumbens",
        description=("Same seed, same bursts: compare each drug with control. For diazepam, move the occupancy "
                     "and the strength of the HYPOTHESIS that each spike releases less dopamine."),
        controls=[
            Dropdown("condition", "Drug", (("Diazepam", "diazepam"), ("Cocaine", "cocaine"),
                                           ("Amphetamine", "amphetamine")), "diazepam"),
            Slider("diazepam_occupancy", "Diazepam: site occupancy", 0.0, 1.0, 0.05,
                   release.DEFAULT_DIAZEPAM_OCCUPANCY, "fraction", handout_points=(0.0, 0.25, 0.5, 0.75, 1.0)),
            Slider("release_reduction", "HYPOTHESIS: release lost per spike at full occupancy", 0.0, 1.0, 0.05,
                   release.RELEASE_REDUCTION_AT_FULL_OCCUPANCY, "fraction", handout_points=(0.0, 0.4, 0.8, 1.0)),
        ],
        build=figures.fscv_figure,
    )


@register
def reconcile_explorer() -> Explorer:
    return Explorer(
        name="frequency_amplitude_average",
        title="Frequency up, amplitude down, average down",
        description=("Expected measures against occupancy. Set the hypothesis to 0: does the average still fall "
                     "as the microdialysis studies found?"),
        controls=[
            Slider("release_reduction", "HYPOTHESIS: release lost per spike at full occupancy", 0.0, 1.0, 0.05,
                   release.RELEASE_REDUCTION_AT_FULL_OCCUPANCY, "fraction",
                   handout_points=(0.0, 0.2, 0.4, 0.6, 0.8, 1.0)),
        ],
        build=figures.reconcile_figure,
    )


@register
def transient_shapes_explorer() -> Explorer:
    return Explorer(
        name="transient_shapes",
        title="One burst, four conditions: how the transporter shapes a transient",
        description="Change the burst size; compare how high each transient rises and how fast it is cleared.",
        controls=[
            Slider("spikes", "Spikes in the burst", 3.0, 10.0, 1.0, 6.0, "spikes"),
            Slider("diazepam_occupancy", "Diazepam: site occupancy", 0.0, 1.0, 0.05,
                   release.DEFAULT_DIAZEPAM_OCCUPANCY, "fraction", handout_points=(0.0, 0.25, 0.5, 0.75, 1.0)),
        ],
        build=figures.transient_shapes_figure,
    )
