"""Lesson 02 explorers: the VTA circuit, its time course, Tan et al. 2010 in silico, the balance, three routes."""

import pandas as pd

from helpers.activities.display import show_table
from helpers.activities.explorer import register
from helpers.activities.explorer import Dropdown, Explorer
from helpers.activities.parameters import slider
from helpers.figures import circuit as figures
from helpers.models import circuit

GENOTYPE_OPTIONS = (("Wild type", "wild_type"), ("α1(H101R) mouse", "alpha1_h101r"))
DRUG_OPTIONS = (("Benzodiazepine", "benzodiazepine"), ("μ-opioid agonist", "opioid"), ("GHB", "ghb"))


@register
def vta_circuit_explorer() -> Explorer:
    return Explorer(
        name="vta_circuit",
        title="The VTA circuit, live (model)",
        description="Raise the drug level and watch which model neurons slow down and which speed up. "
                    "Then try α1(H101R).",
        controls=[
            slider(circuit.DRUG_LEVEL),
            Dropdown("drug", "Drug", DRUG_OPTIONS, "benzodiazepine"),
            Dropdown("genotype", "Mouse", GENOTYPE_OPTIONS, "wild_type"),
            slider(circuit.ALPHA3),
        ],
        build=figures.circuit_diagram_figure,
    )


@register
def vta_time_course_explorer() -> Explorer:
    return Explorer(
        name="vta_time_course",
        title="Spikes while the benzodiazepine arrives (model)",
        description="The drug arrives at 3 s. Which raster changes first, and which way does each one change?",
        controls=[
            slider(circuit.BZ_OCCUPANCY, label="Final benzodiazepine-site occupancy",
                   handout_points=(0.0, 0.2, 0.4, 0.6, 0.8, 1.0)),
            Dropdown("genotype", "Mouse", GENOTYPE_OPTIONS, "wild_type"),
        ],
        build=figures.time_course_figure,
    )


@register
def tan2010_in_silico_explorer() -> Explorer:
    return Explorer(
        name="tan2010_in_silico",
        title="Repeat Tan et al. 2010 in silico (model)",
        description="Compare wild-type and α1(H101R) mice. Which assumption would rescue the mutant's dopamine rise?",
        controls=[slider(circuit.ALPHA1), slider(circuit.ALPHA3)],
        build=figures.tan_in_silico_figure,
    )


@register
def vta_balance_explorer() -> Explorer:
    return Explorer(
        name="vta_balance",
        title="The balance in the model: drug on the interneurons or on the dopamine neurons?",
        description="Find the break-even α3 gain (×). Does it move when you change the occupancy or the α1 gain?",
        controls=[
            slider(circuit.BZ_OCCUPANCY),
            slider(circuit.ALPHA1),
        ],
        build=figures.balance_figure,
    )


@register
def vta_three_routes_explorer() -> Explorer:
    return Explorer(
        name="vta_three_routes",
        title="Three routes to the same brake (model)",
        description="Switch to the α1(H101R) mouse: which drugs still disinhibit the model's dopamine neurons?",
        controls=[
            slider(circuit.DRUG_LEVEL, label="Drug level (marked on every curve)", default=0.3),
            Dropdown("genotype", "Mouse", GENOTYPE_OPTIONS, "wild_type"),
        ],
        build=figures.three_routes_figure,
    )


def genotype_table(bz_occupancy: float = circuit.BZ_OCCUPANCY.default) -> pd.DataFrame:
    """In the model, wild type against α1(H101R) at one benzodiazepine-site occupancy (fraction): the total
    GABA inhibition reaching the dopamine neurons (1 = baseline) and both populations' firing (Hz)."""
    rows = []
    for genotype, sensitive in (("wild type", True), ("α1(H101R)", False)):
        rates = circuit.vta_rates(bz_occupancy, alpha1_sensitive=sensitive)
        rows.append({"mouse": genotype,
                     "inhibition onto DA neurons (× baseline)": round(float(rates["inhibition_onto_da"]), 2),
                     "DA neurons (Hz)": round(float(rates["da_hz"]), 1),
                     "GABA interneurons (Hz)": round(float(rates["gaba_hz"]), 1)})
    return pd.DataFrame(rows).set_index("mouse")


def show_genotype_table(bz_occupancy: float = circuit.BZ_OCCUPANCY.default) -> None:
    """Show :func:`genotype_table` with its caption (lesson 02; one call, no pandas in the notebook)."""
    show_table(genotype_table(bz_occupancy),
               f"In the model at {bz_occupancy:.0%} occupancy: wild type against α1(H101R)", row_header="mouse")
