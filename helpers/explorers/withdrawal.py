"""Lesson 05 explorers: abrupt stop for short- and long-acting drugs, and model taper schedules; the lesson's
prediction texts (:data:`PREDICTIONS`) and its two tables (:func:`show_model_schedules`, :func:`show_steady_state_gap`).

Schedules are MODEL schedules, shown as % of the starting dose: not tapering plans. Every
assumed constant the learner can move says ASSUMPTION on its control.
"""

import pandas as pd

from helpers.display import show_table
from helpers.explorers import register
from helpers.explorers.core import Dropdown, Explorer
from helpers.explorers.parameters import drug_options, slider
from helpers.figures import withdrawal as figures
from helpers.figures.text import drug_label, equivalence_text
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
    )


# ---------------------------------------------------------------- lesson 05's prediction moments and tables
# The texts of each prediction (helpers.predict.predict's arguments but the reveal), kept here so that no notebook
# cell holds an answer key. Each wrong prediction's explanation answers the misconception that leads to it
# (lessons/05_withdrawal.md). Every number is the model's (helpers.figures.withdrawal).

PREDICTIONS = {
    "05-last-steps": dict(
        prompt=("In the model, diazepam 10 mg once a day holds about 0.72 of the benzodiazepine sites at steady "
                "state, and cutting the first 10 % of the dose (to 90 % of the start) lowers that by about 0.02. "
                "How much does removing the last 10 % (from 10 % of the start to zero) lower it?"),
        options=["less than the first cut", "about the same as the first cut (about 0.02)",
                 "about 3 times as much (about 0.06)", "about 10 times as much (about 0.2)"],
        answer=3,
        explanations={
            0: ("Less would hold if occupancy rose faster and faster with the dose. The model's curve does the "
                "opposite: flat near the top, steep near zero, so a milligram near zero moves occupancy far more "
                "than a milligram at the top."),
            1: ("Equal milligrams give equal changes only if occupancy were proportional to the dose, a straight "
                "line. The model's curve saturates: almost flat near the starting dose, steep near zero. That is a "
                "property of the model's assumed constants, not a measurement."),
            2: ("The direction is right: the last cut removes more. But near zero the model's curve is steeper "
                "than that: the last 10 % removes about 0.21, some ten times the first cut's 0.02."),
            3: ("Yes, in the model. Diazepam and its metabolite accumulate to near saturation in the model, so the "
                "curve is flat at the top and steep near zero. How much it bends rests on ASSUMPTIONS (the amount "
                "that occupies half the sites; desmethyldiazepam counted as fully active); at the model's "
                "alprazolam equivalent the curve is almost straight."),
        },
        explanation=("In the model, occupancy is not proportional to the daily dose: it follows a saturating curve "
                     "whose shape comes from assumed constants (lesson 03), so equal cuts in mg become larger cuts "
                     "in occupancy as the dose falls. Reductions that get smaller as the dose falls (\"hyperbolic\") "
                     "rest on this idea [source: maudsley_2024; partly verified]. It is a property of the model, not "
                     "a measurement in people and not a tapering plan: a real taper is set with the prescriber and "
                     "adjusted to how the person responds [source: joint_guideline_2025]."),
    ),
    "05-withdrawal-dopamine": dict(
        prompt=("Add one assumption to the lesson 02 circuit: after stopping, the leftover adaptation acts like "
                "negative occupancy on the VTA's GABA interneurons. After 12 weeks of daily alprazolam and an "
                "abrupt stop, what does the model's VTA dopamine firing do in the days after the stop?"),
        kind="direction",
        options=["falls below baseline", "stays at baseline", "rises above baseline"],
        answer="down",
        explanations={
            "down": ("Yes, in the model, and only a little: at most about 5 % below baseline, back within about ten "
                     "days. The drug disinhibited the dopamine neurons (lesson 02); the adaptation that opposed it "
                     "does the reverse once the drug is gone. This is a HYPOTHESIS the model can produce, not a "
                     "measurement, and it is far from the article's \"sharp drop\"."),
            "same": ("Tempting, because nothing has been measured; but that is a statement about the evidence, not "
                     "about the model. With the added assumption the model shows a small dip (at most about 5 %) "
                     "for about ten days. Whether anything like it happens in people or animals is unknown."),
            "up": ("A rebound is a fair guess from lesson 03, where midazolam lowered tonic accumbens dopamine in "
                   "rats [source: finlay1992_midazolam_microdialysis]: remove what holds a level down and it might "
                   "bounce up. But this model follows VTA firing, which the drug raised by disinhibition; the "
                   "adaptation opposes that rise, so once the drug is gone firing dips. Different measures of "
                   "dopamine can move differently, one more reason this stays a hypothesis."),
        },
        explanation=("The chart is labelled HYPOTHESIS: the model shows a dip only because of the assumption you "
                     "just read. What is established is the withdrawal syndrome [source: racgp_onset]; no study has "
                     "measured dopamine during benzodiazepine withdrawal [source: bzd_withdrawal_dopamine_direct; "
                     "UNVERIFIED: no study found]. The evidence table below grades what there is. Whatever a model "
                     "shows: never stop a benzodiazepine abruptly; talk to the prescriber."),
    ),
}

SCHEDULE_RULES = ("linear", "proportional", "hyperbolic")
COMPARED_AT_STEADY_STATE = (("alprazolam", 0.5), ("diazepam", 10.0))   # the model's equivalents of diazepam 10 mg


def show_model_schedules(step_percent: float = 10.0, every_days: float = 14.0, weeks: int = 12) -> None:
    """The three model schedule rules side by side: dose in % of the start, week by week (a table; MODEL schedules,
    not tapering plans). ``step_percent`` in %, ``every_days`` in days, ``weeks`` rows shown."""
    side_by_side = pd.concat(
        {rule: taper.model_schedule_table(rule, step_percent=step_percent, every_days=every_days)
         .set_index("week")["percent_of_start"] for rule in SCHEDULE_RULES}, axis=1)
    show_table(side_by_side.head(weeks),
               f"Model schedules, {step_percent:g} % steps every {every_days:g} days, final step to zero from at "
               f"most {taper.DEFAULT_FINAL_STEP_PERCENT:g} % of the start (an ASSUMPTION): dose in % of the starting "
               "dose, by week (– = schedule already at zero)")


def show_steady_state_gap() -> None:
    """Steady-state occupancy of the model's "equivalent" alprazolam and diazepam, once a day (a table)."""
    rows = {drug_label(drug): {"daily dose (mg)": dose_mg,
                               "steady-state occupancy (model, 0–1)": round(float(
                                   taper.steady_state_occupancy(dose_mg, drug=drug)), 2),
                               "what the sources say": equivalence_text(drug)}
            for drug, dose_mg in COMPARED_AT_STEADY_STATE}
    show_table(pd.DataFrame(rows).T, "The model's equivalent doses at steady state: occupancy differs (model)",
               row_header="Drug")
