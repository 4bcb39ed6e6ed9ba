"""Facts that lessons 01 and 02 teach at their place, each in the same cell (or bullet) as its source.

- 01: the flumazenil test comes with its clinical caution (withdrawal seizures in dependent people); Think! 4
  names α2 from the α2(H101R) knock-in mice; the harms of use besides sedation; what is known of combinations
  in people.
- 02: the VTA's make-up from a rat count and a review's rounded synthesis, with its few glutamate neurons, and
  nothing before the paradox vote that says which action wins; the RMTg; what drug-evoked plasticity is; the
  self-administration tests of α1-sparing compounds in monkeys and baboons; why depressants add up.
"""

from __future__ import annotations

import re

import yaml

from conftest import ROOT, cell_index, cells, flat, guide_text


def cell_under(number: str, heading: str) -> str:
    """The text of the first cell of lesson ``number`` that opens with ``heading``, white space flattened."""
    return flat(next(cell.source for cell in cells(number) if cell.source.lstrip().startswith(heading)))


def bullet_citing(text: str, source_id: str) -> str:
    """The markdown bullet (or paragraph) of ``text`` that cites ``source_id``."""
    return next(part for part in re.split(r"\n\s*(?:- |\n)", text) if source_id in part)


def cites(text: str, source_id: str, *, partly_verified: bool = False) -> bool:
    return f"[source: {source_id}{'; partly verified' if partly_verified else ''}]" in text


def test_01_teaches_the_flumazenil_caution_wherever_it_teaches_the_test():
    test_cell = cell_under("01", "### Is it the benzodiazepine site? The flumazenil test")
    assert "withdrawal seizures" in test_cell and cites(test_cell, "flumazenil_label_seizures")
    assert "withdrawal seizures" in cell_under("01", "## Key points")
    assert "flumazenil_label_seizures" in guide_text("01") and "seizures" in guide_text("01")
    bank = yaml.safe_load((ROOT / "helpers/data/quizzes/01_gaba_a_receptor.yaml").read_text(encoding="utf-8"))
    item = next(item for item in bank if item["id"] == "01-flumazenil")
    assert "flumazenil_label_seizures" in item["sources"]


def test_01_think_4_names_alpha2_from_the_knock_in_mice():
    think = cell_under("01", "### One histidine")
    assert "α2(H101R)" in think and cites(think, "low2000_alpha2_anxiolysis")
    assert "low2000_alpha2_anxiolysis" in guide_text("01")


def test_01_gives_the_numbers_on_combinations_in_people_with_their_sources():
    safety = cells("01")[cell_index(cells("01"), "### ⚠ Safety")].source
    for source_id in ("park2015_veterans_overdose", "sun2017_concurrent_opioid_bzd"):
        in_people = bullet_citing(safety, source_id)
        assert re.search(r"\d", in_people) and "opioid" in in_people, f"{source_id}: a number on opioids with it"


def test_01_teaches_the_harms_of_use_with_their_sources():
    safety = cell_under("01", "### ⚠ Safety")
    assert "anterograde amnesia" in safety and cites(safety, "curran1986_amnesia_review")
    assert "driving" in safety and cites(safety, "bzd_driving_psychomotor")
    assert "65" in safety and cites(safety, "beers_bzd_older_adults", partly_verified=True)


def test_02_sources_the_vtas_make_up_names_the_species_and_the_review():
    circuit = cell_under("02", "## 1. The circuit")
    assert "vta_gaba_firing, note" not in circuit, "the make-up is not sourced to a note of a firing-rate entry"
    assert cites(circuit, "nair_roberts2008_vta_composition") and "rats" in circuit
    assert cites(circuit, "pignatelli_bonci2015_vta_share") and "review" in circuit
    assert "glutamat" in circuit


def test_02_section_1_says_nothing_before_the_paradox_vote_about_which_action_wins():
    notebook_cells = cells("02")
    vote = cell_index(notebook_cells, 'predict("02-paradox"')
    section_1 = cell_index(notebook_cells, "## 1. The circuit")
    before = flat("\n".join(cell.source for cell in notebook_cells[section_1:vote])).lower()
    for words in ("predominant", "wins", "disinhibit", "fire more", "speed up", "fire faster"):
        assert words not in before, words


def test_02_section_6_teaches_the_rmtg_plasticity_and_the_alpha1_sparing_tests():
    section = cells("02")[cell_index(cells("02"), "## What this model leaves out")].source
    for source_id in ("jhou2009_rmtg", "drug_evoked_plasticity_definition", "shinday2013_alpha1_sparing_selfadmin",
                      "engin2014_L838417_selfadmin_statement"):
        assert cites(section, source_id), source_id
    for source_id in ("ator2010_tpa023_selfinjection", "heikkinen2009_bzd_vta_plasticity"):
        assert cites(section, source_id, partly_verified=True), source_id
    sparing = bullet_citing(section, "shinday2013_alpha1_sparing_selfadmin")
    assert "monkeys" in sparing.lower() and "baboons" in sparing.lower(), "each species with the study that tested it"
    # Heikkinen 2009 was not read: no name, dose or number is attributed to it
    assert "Heikkinen" not in section


def test_02_safety_cell_explains_why_the_same_brake_drugs_add_up():
    safety = cell_under("02", "### ⚠ Safety")
    assert "add up" in safety
    for source_id in ("davies2003_ethanol_gabaa_review", "forstera2016_ethanol_gabaa_potentiation",
                      "fda2020_bzd_boxed_warning_update"):
        assert cites(safety, source_id), source_id
    mechanism = safety[:safety.index("davies2003_ethanol_gabaa_review")].rsplit(".", 1)[-1]
    assert "alcohol" in mechanism.lower() and "GABA-A" in mechanism, "alcohol's action on GABA-A, with its review"
