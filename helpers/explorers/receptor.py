"""Lesson 01 explorers: chloride reversal, GABA concentration-response, the model neuron."""

from helpers.explorers import register
from helpers.explorers.core import Dropdown, Explorer, Slider
from helpers.figures import receptor as figures
from helpers.models import neuron, receptor

# Handout positions for intracellular chloride: adult (about 10 mM, source: chloride_reversal) up to the
# immature range (13-70 mM, mean 38, source: chloride_immature; partly verified).
CHLORIDE_INSIDE_HANDOUT_MM = (2.0, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 38.0, 50.0, 70.0)


@register
def chloride_explorer() -> Explorer:
    return Explorer(
        name="chloride_reversal",
        title="Where does chloride want to go?",
        description="Move the chloride concentrations and see whether opening GABA-A channels inhibits.",
        controls=[
            Slider("cl_in_mM", "Chloride inside", 2.0, 70.0, 1.0, neuron.CL_IN_MM, "mM",
                   handout_points=CHLORIDE_INSIDE_HANDOUT_MM),
            Slider("cl_out_mM", "Chloride outside", 100.0, 150.0, 1.0, neuron.CL_OUT_MM, "mM"),
            Slider("temperature_c", "Temperature", 20.0, 40.0, 1.0, 37.0, "°C"),
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
            Slider("diazepam_uM", "Diazepam", 0.0, 10.0, 0.05, 1.0, "µM",
                   handout_points=(0.0, 0.05, 0.1, 0.3, 1.0, 3.0, 10.0)),
            Slider("pentobarbital_uM", "Pentobarbital", 0.0, 2000.0, 10.0, 100.0, "µM",
                   handout_points=(0.0, 10.0, 30.0, 100.0, 200.0, 400.0, 600.0, 900.0)),
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
        description="Diazepam only strengthens the GABA that is there. Try GABA = 0.",
        controls=[
            Slider("diazepam_uM", "Diazepam", 0.0, 10.0, 0.05, 1.0, "µM",
                   handout_points=(0.0, 0.05, 0.1, 0.3, 1.0, 3.0, 10.0)),
            Slider("gaba_uM", "GABA around the neuron", 0.0, 30.0, 0.5, 3.0, "µM"),
            Slider("excitation_nS", "Excitatory input", 0.0, 20.0, 0.5, 6.5, "nS"),
            Slider("cl_in_mM", "Chloride inside", 2.0, 70.0, 1.0, neuron.CL_IN_MM, "mM",
                   handout_points=CHLORIDE_INSIDE_HANDOUT_MM),
        ],
        build=figures.neuron_figure,
    )
