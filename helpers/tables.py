"""The course's data tables, loaded from ``helpers/data/`` as pandas DataFrames.

Every row names its ``source_ids`` (ids in ``helpers/data/references.yaml``).
"""

from __future__ import annotations

import functools
import pathlib

import pandas as pd

DATA_DIR = pathlib.Path(__file__).resolve().parent / "data"


@functools.cache
def _benzodiazepines() -> pd.DataFrame:
    table = pd.read_csv(DATA_DIR / "benzodiazepines.csv", index_col="drug")
    table["source_ids"] = table["source_ids"].map(lambda ids: tuple(ids.split(";")))
    table["active_metabolite"] = table["active_metabolite"].fillna("")
    return table


def benzodiazepines() -> pd.DataFrame:
    """Benzodiazepines and Z-drugs: half-lives (h), Tmax (h), equivalents to diazepam 10 mg (mg), sources.

    Indexed by lower-case drug name. ``*_low``/``*_high`` are the range the sources give;
    ``*_model`` and ``tmax_h`` are the values the pharmacokinetic model uses (``model_note`` says why).
    """
    return _benzodiazepines().copy()
