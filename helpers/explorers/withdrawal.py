"""Lesson 05 explorers: abrupt stop for short- and long-acting drugs, and model taper schedules.

Schedules are MODEL schedules, shown as % of the starting dose: not tapering plans. Every
assumed constant the learner can move says ASSUMPTION on its control.
"""

from helpers.explorers import register
from helpers.explorers.core import Dropdown, Explorer, Slider
from helpers.figures import withdrawal as figures
from helpers.models import adaptation, taper

DRUG_OPTIONS = (("Diazepam", "diazepam"), ("Clonazepam", "clonazepam"), ("Lorazepam", "lorazepam"),
                ("Alprazolam", "alprazolam"))
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
            Slider("weeks_of_use", "Weeks of daily use before the stop", 2.0, 26.0, 1.0, 12.0, "weeks",
                   handout_points=(2.0, 4.0, 8.0, 12.0, 26.0)),
            Slider("tau_anxiolysis_days", "Slow adaptation time constant (ASSUMPTION)", 5.0, 120.0, 5.0,
                   adaptation.TAU_ANXIOLYSIS_DAYS, "days", handout_points=(5.0, 15.0, 30.0, 60.0, 120.0)),
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
            Slider("step_percent", "Step size", 5.0, 50.0, 5.0, 10.0, "%", handout_points=(5.0, 10.0, 25.0, 50.0)),
            Slider("every_days", "Days between steps", 7.0, 28.0, 7.0, 14.0, "days", handout_points=(7.0, 14.0, 28.0)),
            Slider("final_step_percent", "Last dose before zero, at most (ASSUMPTION)", 1.0, 20.0, 1.0,
                   taper.DEFAULT_FINAL_STEP_PERCENT, "% of start", handout_points=(1.0, 2.0, 5.0, 10.0, 20.0)),
        ],
        build=figures.taper_figure,
    )
