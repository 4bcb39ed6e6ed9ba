"""Lesson 03 explorers: one dose from the gut to VTA firing, and dopamine in the accumbens.

Also the lesson's two tables, built here so that a learner shows each with one call,
``show_table(*one_tablet_table())`` (each function returns the table and its caption).
"""

import pandas as pd

from helpers.activities.explorer import register
from helpers.activities.explorer import Dropdown, Explorer
from helpers.activities.parameters import drug_options, slider
from helpers.figures import pharmacology as figures
from helpers.models import occupancy, pharmacokinetics, release


@register
def dose_chain_explorer() -> Explorer:
    return Explorer(
        name="dose_chain",
        title="One tablet: from the gut to dopamine neuron firing",
        description=("Pick a drug and a dose (in multiples of the dose equal to diazepam 10 mg). "
                     "Compare a short-acting drug with diazepam; then move the ASSUMED occupancy constant."),
        controls=[
            Dropdown("drug", "Drug", drug_options(), "diazepam"),
            slider(pharmacokinetics.DOSE_EQUIVALENTS),
            slider(occupancy.HALF_OCCUPANCY),
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
            slider(pharmacokinetics.DISTRIBUTION_HALF_LIFE),
            slider(pharmacokinetics.CENTRAL),
        ],
        build=figures.distribution_phase_figure,
    )


@register
def virtual_fscv_explorer() -> Explorer:
    return Explorer(
        name="virtual_fscv",
        title="A virtual FSCV electrode in the nucleus accumbens",
        description=("Same seed: compare each drug with control. For diazepam, move the occupancy "
                     "and the strength of the HYPOTHESIS that each spike releases less dopamine."),
        controls=[
            Dropdown("condition", "Drug", (("Diazepam", "diazepam"), ("Cocaine", "cocaine"),
                                           ("Amphetamine", "amphetamine")), "diazepam"),
            slider(release.DIAZEPAM_OCCUPANCY),
            slider(release.RELEASE_REDUCTION),
        ],
        build=figures.fscv_figure,
    )


@register
def reconcile_explorer() -> Explorer:
    return Explorer(
        name="frequency_amplitude_average",
        title="Frequency, amplitude and average against occupancy",
        description=("Expected measures against occupancy. Set the hypothesis to 0: does the average still fall "
                     "as the microdialysis studies found?"),
        controls=[
            slider(release.RELEASE_REDUCTION, handout_points=(0.0, 0.2, 0.4, 0.6, 0.8, 1.0)),
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
            slider(release.BURST_SIZE),
            slider(release.DIAZEPAM_OCCUPANCY),
        ],
        build=figures.transient_shapes_figure,
    )


ONE_TABLET_TIMES_H = (0.5, 1.3, 6.0, 24.0, 48.0, 96.0)


def one_tablet_table(drug: str = "diazepam", dose_mg: float = 10.0) -> tuple[pd.DataFrame, str]:
    """The amount in the body (parent and metabolite, diazepam-equivalent mg) at a few times (h) after one dose
    (one-compartment model), and its caption."""
    profile = pharmacokinetics.concentration_profile(drug, dose_mg, hours=96.0)
    table = profile[profile.time_h.isin(ONE_TABLET_TIMES_H)].round(2)
    caption = (f"One {dose_mg:g} mg {drug} tablet (one-compartment model): amount in the body at a few times; "
               "time_h in h, parent and metabolite in diazepam-equivalent mg")
    return table, caption


def fscv_control_vs_tablet_table(drug: str = "diazepam", dose_mg: float = 10.0,
                                 seed: int = 0) -> tuple[pd.DataFrame, str]:
    """The virtual FSCV measures (Hz, nM, s, counts) for control and for one tablet of ``dose_mg`` mg of ``drug``
    at its peak occupancy (one-compartment model), and its caption.

    The release model knows a benzodiazepine only by its site occupancy (its ``"diazepam"`` condition), so the
    tablet's column is that condition at the peak occupancy of ``drug``'s tablet, named after ``drug``."""
    name = pharmacokinetics.checked_drug_name(drug)
    peak = occupancy.peak_occupancy(name, dose_mg)
    tablet = release.transient_stats(release.simulate_fscv("diazepam", diazepam_occupancy=peak, seed=seed))
    control = release.transient_stats(release.simulate_fscv("control", seed=seed))
    table = pd.DataFrame({"control": control, f"{name}, occupancy {peak:.2f}": tablet}).round(2)
    caption = (f"Virtual FSCV (model, seed {seed}): control against {name} {dose_mg:g} mg at peak occupancy "
               f"{peak:.2f}; units in the row names (Hz, nM, s; n_transients is a count)")
    return table, caption
