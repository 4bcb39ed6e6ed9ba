"""Lesson 04 explorers: a regimen over weeks, short- vs long-acting drugs, sedation vs anxiolysis, dopamine.

Every chart is a model chart (labelled on the chart). Doses are diazepam-equivalent mg converted with the
model's equivalences; the charts print the sources' range (up to two-fold apart).
Also the lesson's accumulation table and equivalence notes, so that a learner shows each with one call.
"""

import pandas as pd

from helpers.activities.explorer import register
from helpers.activities.explorer import Dropdown, Explorer
from helpers.activities.parameters import drug_options, slider
from helpers.figures import chronic as figures
from helpers.figures.text import equivalence_text
from helpers.models import adaptation, pharmacokinetics

DRUG_OPTIONS = drug_options(figures.COMPARED_DRUGS)


@register
def regimen_explorer() -> Explorer:
    return Explorer(
        name="chronic_regimen",
        title="Weeks of regular dosing: accumulation, effect and tolerance",
        description=("Compare alprazolam with diazepam at doses the model equates (the title gives the sources' "
                     "range); then shorten the interval."),
        controls=[
            Dropdown("drug", "Drug", DRUG_OPTIONS, "diazepam"),
            # Fewer handout frames than the other lesson 04 explorers: three panels per frame keep the page small.
            slider(pharmacokinetics.DIAZEPAM_EQ_DOSE, handout_points=(2.5, 10.0, 40.0)),
            slider(adaptation.INTERVAL, handout_points=(8.0, 24.0, 48.0)),
            slider(adaptation.REGIMEN_WEEKS),
        ],
        build=figures.regimen_figure,
        handout_together=("drug", adaptation.INTERVAL.name),   # "with alprazolam, change the interval"
    )


@register
def short_vs_long_explorer() -> Explorer:
    return Explorer(
        name="short_vs_long_acting",
        title="Short- and long-acting drugs side by side",
        description=("In the model: which drug swings most between doses? Which keeps accumulating? "
                     "Try dosing every 8 hours."),
        controls=[slider(pharmacokinetics.DIAZEPAM_EQ_DOSE), slider(adaptation.INTERVAL)],
        build=figures.short_vs_long_figure,
    )


@register
def sedation_anxiolysis_explorer() -> Explorer:
    """Opens on diazepam, the drug of lesson 04's accumulation prediction; the learner then compares lorazepam."""
    return Explorer(
        name="sedation_vs_anxiolysis",
        title="Tolerance to sedation versus tolerance to the anxiolytic effect",
        description="The two time constants are assumptions: move them and see which conclusions survive.",
        controls=[
            Dropdown("drug", "Drug", DRUG_OPTIONS, "diazepam"),
            slider(adaptation.TAU_SEDATION),
            slider(adaptation.TAU_ANXIOLYSIS),
        ],
        build=figures.sedation_anxiolysis_figure,
    )


@register
def dopamine_weeks_explorer() -> Explorer:
    return Explorer(
        name="dopamine_over_weeks",
        title="Dopamine over weeks: a model hypothesis beside a separate study",
        description=("The left panel is this course's model (a hypothesis); the right panel is a different "
                     "study: rats given midazolam, accumbens dopamine by microdialysis."),
        controls=[Dropdown("drug", "Drug", DRUG_OPTIONS, "lorazepam"), slider(adaptation.TAU_SEDATION)],
        build=figures.dopamine_weeks_figure,
    )


STEADY_STATE_SHARE = 0.9   # the table's "90 % of steady state"
STEADY_STATE_PERCENT = f"{100 * STEADY_STATE_SHARE:.0f} %"
CONVERTED_DRUGS = tuple(drug for drug in figures.COMPARED_DRUGS if drug != "diazepam")   # diazepam is the reference


def accumulation_table(interval_h: float = 24.0) -> tuple[pd.DataFrame, str]:
    """For each drug lessons 04 and 05 compare: model half-life (h), accumulation ratio at one dose every
    ``interval_h`` h (no unit) and days to 90 % of steady state (3.3 half-lives, from
    :func:`helpers.models.adaptation.days_to_fraction_of_steady_state`); and the table's caption."""
    half_lives_h = pharmacokinetics.DRUGS.loc[list(figures.COMPARED_DRUGS), "half_life_h_model"]
    table = pd.DataFrame({
        "half-life (h, model)": half_lives_h,
        f"accumulation ratio, every {interval_h:g} h": [adaptation.accumulation_ratio(half_life_h, interval_h)
                                                         for half_life_h in half_lives_h],
        f"{STEADY_STATE_PERCENT} of steady state (days)": adaptation.days_to_fraction_of_steady_state(
            half_lives_h, STEADY_STATE_SHARE),
    }).round(2)
    caption = (f"One dose every {interval_h:g} h in the model: half-life (h), accumulation ratio (steady state ÷ first "
               f"dose, no unit) and time to {STEADY_STATE_PERCENT} of steady state (days)")
    return table, caption


def equivalence_notes(drugs=CONVERTED_DRUGS) -> str:
    """One line per drug: what the sources equate with diazepam 10 mg and what the model uses."""
    return "\n".join(f"• {equivalence_text(drug)}" for drug in drugs)
