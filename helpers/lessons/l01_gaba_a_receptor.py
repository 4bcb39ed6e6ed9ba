"""Lesson 01 explorers: chloride reversal, GABA concentration-response, the model neuron."""

import pandas as pd

from helpers.activities.display import show_table
from helpers.activities.explorer import register
from helpers.activities.explorer import Dropdown, Explorer
from helpers.activities.parameters import slider
from helpers.figures import receptor as figures
from helpers.models import neuron, receptor

DIAZEPAM_SHOWN_UM = 1.0   # the explorers open with 1 µM diazepam (the model neuron's own default is none)
DIAZEPAM_TABLE_STEPS_UM = (0.0, 0.01, 0.1, 1.0, 10.0)   # the rows of the lesson's EC50 table (µM)


@register
def chloride_explorer() -> Explorer:
    return Explorer(
        name="chloride_reversal",
        title="Where does chloride want to go?",
        description="Move the chloride concentrations and see whether opening GABA-A channels inhibits.",
        controls=[
            slider(neuron.CL_IN),
            slider(receptor.CL_OUT),
            slider(receptor.TEMPERATURE),
        ],
        build=figures.chloride_figure,
    )


@register
def concentration_response_explorer() -> Explorer:
    return Explorer(
        name="concentration_response",
        title="GABA concentration–response with a benzodiazepine or a barbiturate",
        description="Raise each modulator and compare how the curve moves: sideways, or upwards too?",
        controls=[
            slider(neuron.DIAZEPAM, default=DIAZEPAM_SHOWN_UM),
            slider(receptor.PENTOBARBITAL),
            Dropdown("gaba_ec50_alone_uM", "GABA EC50 measured in",
                     tuple((f"{label}: {value:g} µM", value)
                           for label, value in receptor.GABA_EC50_BY_PREPARATION_UM.items()),
                     receptor.GABA_EC50_UM),
        ],
        build=figures.concentration_response_figure,
    )


@register
def neuron_explorer() -> Explorer:
    return Explorer(
        name="gaba_neuron",
        title="From receptor to neuron: firing under GABA-A inhibition",
        description="Which settings let diazepam slow the neuron, and which leave its firing unchanged?",
        controls=[
            slider(neuron.DIAZEPAM, default=DIAZEPAM_SHOWN_UM),
            slider(neuron.GABA),
            slider(neuron.EXCITATION),
            slider(neuron.CL_IN),
        ],
        build=figures.neuron_figure,
    )


def diazepam_ec50_table(diazepam_steps_uM=DIAZEPAM_TABLE_STEPS_UM) -> pd.DataFrame:
    """In the model, at each diazepam concentration (µM): the GABA EC50 (µM), the maximal response
    (1 = GABA alone) and the current with no GABA (fraction of the GABA maximum)."""
    return pd.DataFrame({
        "diazepam (µM)": list(diazepam_steps_uM),
        "GABA EC50 (µM)": [round(receptor.gaba_ec50_uM("diazepam", d), 2) for d in diazepam_steps_uM],
        "maximum (1 = GABA alone)": [round(float(receptor.gaba_a_response(receptor.MAX_GABA_UM, "diazepam", d)), 3)
                                     for d in diazepam_steps_uM],
        "current with no GABA": [float(receptor.gaba_a_response(0.0, "diazepam", d)) for d in diazepam_steps_uM],
    })


def show_diazepam_ec50_table() -> None:
    """Show :func:`diazepam_ec50_table` with its caption (lesson 01; one call, no pandas in the notebook)."""
    show_table(diazepam_ec50_table(), "Diazepam in the model: GABA EC50, maximum and current with no GABA")
