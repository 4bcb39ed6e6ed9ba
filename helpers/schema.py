"""Table specifications and the validating CSV loader behind :mod:`helpers.tables`.

A :class:`TableSpec` says what a course table must hold: its file, its index column and,
for every column, a :class:`Column` (kind, unit, allowed values, range, whether blanks
are allowed), plus rules between columns (``ordered`` low <= high pairs, ``together``
groups that are all filled or all blank, ``within`` source-id columns that must be a
subset of the row's ``source_ids``). :func:`load_table` reads the CSV, checks every
rule and returns a typed DataFrame, or raises :class:`TableError` listing each problem
with the file, the row and the column.

Why not pandera: the checks the course needs are few (types, ranges, allowed values,
low <= high, ids resolving to the reference base) and every message must name the file,
the row and the column; about a hundred lines of plain pandas do that with no new
dependency, where pandera would need custom checks and a translation of its reports.

Usage (a new table takes one spec and one loader)::

    SPEC = TableSpec(file="drug_classes.csv", index="drug_class", columns=(
        Column("display_name", "text"),
        Column("half_life_h_low", "number", unit="h", low=0.0),
        Column("source_ids", "source_ids"),
    ), ordered=(("half_life_h_low", "half_life_h_high"),))
    table = load_table(SPEC)
"""

from __future__ import annotations

import math
import pathlib
from dataclasses import dataclass

import pandas as pd

from helpers.references import references

DATA_DIR = pathlib.Path(__file__).resolve().parent / "data"
KINDS = ("text", "choice", "number", "source_ids")
ID_SEPARATOR = ";"


class TableError(ValueError):
    """A course table breaks its spec; the message lists every problem as file / row / column."""


@dataclass(frozen=True)
class Column:
    """One column of a course table.

    ``kind``: ``"text"`` (free text), ``"choice"`` (one of ``allowed``), ``"number"``
    (a float; needs ``unit``, which must appear in the column name, e.g. ``_h`` or ``_mg``)
    or ``"source_ids"`` (``;``-separated ids of ``helpers/data/references.yaml``, read as a tuple).
    ``required=False`` allows a blank cell (read as ``''``, ``NaN`` or ``()``).
    """

    name: str
    kind: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    allowed: tuple = ()
    required: bool = True
    label: str = ""   # header for display, without the unit

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Column {self.name}: kind must be one of {', '.join(KINDS)}; got {self.kind!r}")
        if self.kind == "number" and not self.unit:
            raise ValueError(f"Column {self.name}: a number column needs a unit (e.g. 'h', 'mg')")
        if self.kind == "choice" and not self.allowed:
            raise ValueError(f"Column {self.name}: a choice column needs its allowed values")

    @property
    def header(self) -> str:
        """Display header with the unit in brackets, e.g. ``'Half-life, low (h)'``."""
        text = self.label or self.name.replace("_", " ")
        return f"{text} ({self.unit})" if self.unit else text


@dataclass(frozen=True)
class TableSpec:
    """What one CSV in ``helpers/data/`` must hold; see the module docstring."""

    file: str
    index: str
    columns: tuple
    ordered: tuple = ()    # (low column, high column) pairs: low <= high where both are filled
    together: tuple = ()   # groups of columns that are all filled or all blank in a row
    within: tuple = ()     # (column, "source_ids"): the column's ids must also be in the row's source_ids

    @property
    def path(self) -> pathlib.Path:
        return DATA_DIR / self.file

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise ValueError(f"{self.file} has no column {name!r}")

    def headers(self) -> dict[str, str]:
        """Column name -> display header with its unit."""
        return {column.name: column.header for column in self.columns}


def load_table(spec: TableSpec, path: pathlib.Path | None = None) -> pd.DataFrame:
    """Read ``spec.file`` (or ``path``), check it against ``spec`` and return the typed table.

    Raises :class:`TableError` naming the file, the row and the column of every problem.
    """
    path = pathlib.Path(path) if path is not None else spec.path
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    problems = _header_problems(spec, list(raw.columns))
    if problems:
        raise TableError(_report(path, problems))
    problems = _index_problems(spec, raw[spec.index])
    table = raw.set_index(spec.index)
    for column in spec.columns:
        typed, column_problems = _typed_column(column, table[column.name])
        table[column.name] = typed
        problems += column_problems
    problems += _ordered_problems(spec, table) + _together_problems(spec, table) + _within_problems(spec, table)
    if problems:
        raise TableError(_report(path, problems))
    return table[[column.name for column in spec.columns]]


def _report(path: pathlib.Path, problems: list[tuple[str, str, str]]) -> str:
    lines = [f"{path.name}: row {row}, column {column!r}: {text}" for row, column, text in problems]
    return f"{path.name} breaks its table spec ({len(lines)} problem(s)):\n" + "\n".join(lines)


def _header_problems(spec: TableSpec, names: list[str]) -> list[tuple[str, str, str]]:
    expected = [spec.index] + [column.name for column in spec.columns]
    problems = [("header (line 1)", name, "this column is required but missing")
                for name in expected if name not in names]
    problems += [("header (line 1)", name, f"unknown column; the spec allows {', '.join(expected)}")
                 for name in names if name not in expected]
    problems += [("header (line 1)", column.name, f"a number column must carry its unit '_{column.unit}_' in its name")
                 for column in spec.columns if column.kind == "number" and column.unit not in column.name.split("_")]
    return problems


def _index_problems(spec: TableSpec, index: pd.Series) -> list[tuple[str, str, str]]:
    problems = []
    for line, key in enumerate(index, start=2):
        if not key.strip():
            problems.append((f"line {line}", spec.index, "the index must not be blank"))
        elif key != key.strip().lower():
            problems.append((_row(key, line), spec.index, "the index must be lower-case with no spaces around it"))
    for key in index[index.duplicated()].unique():
        problems.append((repr(key), spec.index, "this index value appears more than once"))
    return problems


def _row(key: str, line: int) -> str:
    return f"{key!r} (line {line})"


def _typed_column(column: Column, cells: pd.Series):
    """The column converted to its type, and the problems found on the way."""
    problems, values = [], []
    for line, (key, cell) in enumerate(cells.items(), start=2):
        cell = cell.strip()
        value, problem = _typed_cell(column, cell)
        if problem:
            problems.append((_row(key, line), column.name, f"{problem}; got {cell!r}"))
        values.append(value)
    return pd.Series(values, index=cells.index, dtype=float if column.kind == "number" else object), problems


def _typed_cell(column: Column, cell: str):
    if not cell:
        blank = {"number": math.nan, "source_ids": ()}.get(column.kind, "")
        return blank, ("a value is required" if column.required else "")
    if column.kind == "number":
        return _number_cell(column, cell)
    if column.kind == "source_ids":
        ids = tuple(part.strip() for part in cell.split(ID_SEPARATOR))
        unknown = [source_id for source_id in ids if source_id not in references()]
        return ids, (f"unknown source id {unknown[0]!r} (not in references.yaml)" if unknown else "")
    if column.kind == "choice" and cell not in column.allowed:
        return cell, f"must be one of {', '.join(repr(a) for a in column.allowed)}"
    return cell, ""


def _number_cell(column: Column, cell: str):
    try:
        value = float(cell)
    except ValueError:
        return math.nan, f"must be a plain number in {column.unit} (the unit belongs in the column name)"
    if not math.isfinite(value):
        return value, "must be a finite number"
    if column.low is not None and value < column.low:
        return value, f"must be at least {column.low:g} {column.unit}"
    if column.high is not None and value > column.high:
        return value, f"must be at most {column.high:g} {column.unit}"
    return value, ""


def _lines(table: pd.DataFrame) -> dict:
    return {key: line for line, key in enumerate(table.index, start=2)}


def _ordered_problems(spec: TableSpec, table: pd.DataFrame) -> list[tuple[str, str, str]]:
    problems, lines = [], _lines(table)
    for low_name, high_name in spec.ordered:
        low, high = table[low_name], table[high_name]
        for key in table.index[(low > high).to_numpy()]:
            problems.append((_row(key, lines[key]), high_name,
                             f"{high_name} ({high[key]:g}) must not be below {low_name} ({low[key]:g})"))
    return problems


def _together_problems(spec: TableSpec, table: pd.DataFrame) -> list[tuple[str, str, str]]:
    problems, lines = [], _lines(table)
    for group in spec.together:
        for key, row in table[list(group)].iterrows():
            filled = [name for name in group if not _blank(row[name])]
            if filled and len(filled) < len(group):
                missing = next(name for name in group if name not in filled)
                problems.append((_row(key, lines[key]), missing,
                                 f"blank while {', '.join(filled)} is filled (fill all of {', '.join(group)} or none)"))
    return problems


def _within_problems(spec: TableSpec, table: pd.DataFrame) -> list[tuple[str, str, str]]:
    problems, lines = [], _lines(table)
    for name, container in spec.within:
        for key in table.index:
            outside = [i for i in table.at[key, name] if i not in table.at[key, container]]
            if outside:
                problems.append((_row(key, lines[key]), name,
                                 f"source id {outside[0]!r} is not in this row's {container}"))
    return problems


def _blank(value) -> bool:
    return value in ("", ()) or (isinstance(value, float) and math.isnan(value))
