"""The course's reference base: ``helpers/data/references.yaml``.

It is a copy of the project's checked reference base (``../shared/science/references.yaml``;
a test keeps the two identical). Each entry has an ``id``, a ``statement``, where it was
read (``verified_in``) and a ``confidence``: ``verified``, ``partially_verified`` or
``unverified``. Models, tables and notebooks cite entries by id.
"""

from __future__ import annotations

import functools
import pathlib

import yaml

REFERENCES_FILE = pathlib.Path(__file__).resolve().parent / "data" / "references.yaml"
CONFIDENCE_LABELS = {"verified": "verified", "partially_verified": "partly verified", "unverified": "UNVERIFIED"}


@functools.cache
def references() -> dict[str, dict]:
    """All entries, keyed by id."""
    entries = yaml.safe_load(REFERENCES_FILE.read_text(encoding="utf-8"))["entries"]
    return {entry["id"]: entry for entry in entries}


def reference(source_id: str) -> dict:
    """One entry; ``ValueError`` names the unknown id."""
    try:
        return references()[source_id]
    except KeyError:
        raise ValueError(f"source id {source_id!r} is not in {REFERENCES_FILE.name}") from None


def citation_text(source_id: str) -> str:
    """A short human-readable citation: authors (or 'authors not shown'), year, journal, confidence."""
    entry = reference(source_id)
    citation = entry.get("citation") or _first_citation(entry) or references().get(entry.get("citation_ref", ""), {}).get("citation") or {}
    authors = citation.get("authors") or "authors not shown in the source read"
    year = citation.get("year") or "n.d."
    journal = citation.get("journal") or ""
    title = citation.get("title") or ""
    pieces = [f"{authors} ({year})", title, journal]
    text = ". ".join(p for p in pieces if p)
    return f"{text} [{source_id}; {CONFIDENCE_LABELS.get(entry.get('confidence'), entry.get('confidence'))}]"


def _first_citation(entry: dict) -> dict | None:
    citations = entry.get("citations")
    return citations[0] if citations else None
