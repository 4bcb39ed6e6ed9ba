"""Lesson 05 explorers: abrupt stop for short- and long-acting drugs, and model taper schedules.

Schedules are MODEL schedules, shown as % of the starting dose: not tapering plans. Every
assumed constant the learner can move says ASSUMPTION on its control.
"""

from helpers.explorers import register
from helpers.explorers.core import Dropdown, Explorer
from helpers.explorers.parameters import drug_options, slider
from helpers.figures import withdrawal as figures
from helpers.models import adaptation, taper

DRUG_OPTIONS = drug_options(("diazepam", "clonazepam", "lorazepam", "alprazolam"))   # longest-acting first
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
        title="Model schedules compared (a teaching model, not a tapering plan)",
        description=("Change the rule and the pace of the model schedule; then change the size of its final step to "
                     "zero (an ASSUMPTION) and see whether the withdrawal peak comes during the schedule or after it."),
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
