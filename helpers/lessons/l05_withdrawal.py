"""Lesson 05 explorers: abrupt stop for short- and long-acting drugs, and the shapes of reduction rules in the
model, and its one table (:func:`show_steady_state_gap`).

Rules are drawn as curve shapes on the model's time axis, in % of the starting dose: no week-by-week table and no
marks judging a step against a guideline; nothing here is a tapering plan. Every assumed constant the learner can
move says ASSUMPTION on its control.
"""

import pandas as pd

from helpers.activities.display import show_table
from helpers.activities.explorer import register
from helpers.activities.explorer import Dropdown, Explorer
from helpers.activities.parameters import drug_options, slider
from helpers.figures import withdrawal as figures
from helpers.figures.text import drug_label, equivalence_text
from helpers.models import adaptation, pharmacokinetics, taper

DRUG_OPTIONS = drug_options(reversed(figures.COMPARED_DRUGS))   # longest-acting first
METHOD_OPTIONS = (("Abrupt stop", "abrupt"), ("Linear (equal mg steps)", "linear"),
                  ("Proportional (% of current dose)", "proportional"),
                  ("Hyperbolic (equal occupancy steps)", "hyperbolic"))


@register
def abrupt_stop_explorer() -> Explorer:
    return Explorer(
        name="abrupt_stop",
        title="Stopping abruptly: short- and long-acting drugs (model)",
        description="When does withdrawal begin and peak? Compare with the shaded RACGP onset windows.",
        controls=[
            slider(taper.WEEKS_OF_USE),
            slider(adaptation.TAU_ANXIOLYSIS, label="Slow adaptation time constant"),
        ],
        build=figures.abrupt_stop_figure,
    )


@register
def taper_explorer() -> Explorer:
    return Explorer(
        name="model_taper",
        title="Rule shapes compared in the model (a teaching model, not a tapering plan)",
        description=("Change the rule and the model's pace; then change the size of its final step to zero (an "
                     "ASSUMPTION) and see whether the withdrawal peak comes during the reduction or after it."),
        controls=[
            Dropdown("drug", "Drug", DRUG_OPTIONS, "diazepam"),
            Dropdown("method", "Rule", METHOD_OPTIONS, "proportional"),
            slider(taper.STEP_PERCENT),
            slider(taper.EVERY_DAYS),
            slider(taper.FINAL_STEP),
        ],
        build=figures.taper_figure,
        # the demo's steps change the rule, then the pace, then the final step, each keeping the others
        handout_together=("method", taper.EVERY_DAYS.name, taper.FINAL_STEP.name),
    )


# ---------------------------------------------------------------- lesson 05's table


COMPARED_AT_STEADY_STATE = ("alprazolam", "diazepam")   # each at the model's equivalent of diazepam 10 mg


def show_steady_state_gap() -> None:
    """Steady-state occupancy of the model's "equivalent" alprazolam and diazepam, once a day (a table)."""
    doses_mg = {drug: pharmacokinetics.equivalent_dose_mg(drug) for drug in COMPARED_AT_STEADY_STATE}
    rows = {drug_label(drug): {"daily dose (mg)": dose_mg,
                               "steady-state occupancy (model, 0–1)": round(float(
                                   taper.steady_state_occupancy(dose_mg, drug=drug)), 2),
                               "what the sources say": equivalence_text(drug)}
            for drug, dose_mg in doses_mg.items()}
    show_table(pd.DataFrame(rows).T, "The model's equivalent doses at steady state: occupancy differs (model)",
               row_header="Drug")
