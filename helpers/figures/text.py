"""Wording shared by chart titles and summaries."""

from __future__ import annotations

from helpers.models.pharmacokinetics import (REFERENCE_DIAZEPAM_MG, checked_drug_name, equivalent_dose_mg,
                                             equivalent_dose_range_mg, equivalent_doses_mg)
from helpers.tables import benzodiazepines


def drug_label(drug: str) -> str:
    """A drug's display name from the table (``"diazepam"`` -> ``"Diazepam"``); an unknown name raises
    :class:`helpers.models.pharmacokinetics.UnknownDrugError`, which lists the table's drugs."""
    return str(benzodiazepines().loc[checked_drug_name(drug), "display_name"])


def equivalence_text(drug: str) -> str:
    """What the sources equate with diazepam 10 mg, with their spread, e.g.
    ``"sources equate alprazolam 0.5–1 mg with diazepam 10 mg; the model uses 0.5 mg"``, or
    ``"one source (WHO) equates midazolam 5 mg with diazepam 10 mg; the model uses 5 mg"``.

    Every chart that converts between drugs says this instead of a single "≈ diazepam" figure
    (sources: ashton_table_transcription, joint_guideline_table7, who2009_equivalents).
    """
    reference = f"diazepam {REFERENCE_DIAZEPAM_MG:.3g} mg"
    if drug == "diazepam":
        return f"the reference dose, {reference}"
    doses = equivalent_doses_mg(drug)
    low, high = equivalent_dose_range_mg(drug)
    amount = f"{low:.3g} mg" if low == high else f"{low:.3g}–{high:.3g} mg"
    who = "sources equate" if len(doses) > 1 else f"one source ({next(iter(doses))}) equates"
    return f"{who} {drug} {amount} with {reference}; the model uses {equivalent_dose_mg(drug):.3g} mg"
