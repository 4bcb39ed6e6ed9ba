"""The course's reference base: ``helpers/data/references.yaml`` plus ``helpers/data/references_added.yaml``.

``references.yaml`` is a copy of the project's checked reference base (``../shared/science/references.yaml``;
a test keeps the two identical). ``references_added.yaml`` holds the facts the course needed that the base
lacked, compiled under the base's rules: read in a stored public source, the address where it was read in
``verified_in``, a ``confidence`` of ``verified`` or ``partially_verified``, nothing from memory. The two
files are one base to everything that cites: ids are unique across both (``ValueError`` otherwise).

Each entry has an ``id``, a ``statement``, where it was read (``verified_in``) and a ``confidence``:
``verified``, ``partially_verified`` or ``unverified``. Models, tables and notebooks cite entries by id.
"""

from __future__ import annotations

import functools
import pathlib
from urllib.parse import parse_qs, urlsplit

import yaml

REFERENCES_FILE = pathlib.Path(__file__).resolve().parent / "data" / "references.yaml"
ADDITIONS_FILE = REFERENCES_FILE.with_name("references_added.yaml")
CONFIDENCE_LABELS = {"verified": "verified", "partially_verified": "partly verified", "unverified": "UNVERIFIED"}


def _entries_of(path: pathlib.Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["entries"] if path.exists() else []


@functools.cache
def references() -> dict[str, dict]:
    """All entries of the checked base and of the course's additions, keyed by id."""
    base = {entry["id"]: entry for entry in _entries_of(REFERENCES_FILE)}
    added = {entry["id"]: entry for entry in _entries_of(ADDITIONS_FILE)}
    clashes = sorted(set(base) & set(added))
    if clashes:
        raise ValueError(f"{ADDITIONS_FILE.name} repeats ids of {REFERENCES_FILE.name}: {', '.join(clashes)}")
    return base | added


def reference(source_id: str) -> dict:
    """One entry; ``ValueError`` names the unknown id."""
    try:
        return references()[source_id]
    except KeyError:
        raise ValueError(f"source id {source_id!r} is in neither {REFERENCES_FILE.name} "
                         f"nor {ADDITIONS_FILE.name}") from None


def citation_text(source_id: str) -> str:
    """A traceable one-line citation: authors, year, title, journal, then where the record is
    (DOI, PMID, PMCID or URL from the entry; else the first page it was read at), then the id and
    its confidence, e.g. ``"... Nature 463(7282):769-774. doi:10.1038/nature08758; PMID 20148031 ..."``.

    Where the source showed no authors or year, the text says so and still gives the record's location.
    """
    entry = reference(source_id)
    citation = _citation_of(entry)
    authors = _short_authors(citation.get("authors")) or "Authors not shown in the source read"
    year = citation.get("year") or "year not shown"
    pieces = [f"{authors} ({year})", citation.get("title"), _journal_text(citation), _record_location(entry, citation)]
    text = " ".join(_as_sentence(str(p)) for p in pieces if p)
    return f"{text} [{source_id}; {CONFIDENCE_LABELS.get(entry.get('confidence'), entry.get('confidence'))}]"


def _as_sentence(piece: str) -> str:
    """``piece`` ending in a full stop, unless it already ends in punctuation."""
    piece = piece.strip()
    return piece if piece.endswith((".", "?", "!")) else piece + "."


MAX_AUTHORS_SHOWN = 6   # Vancouver style: more than six authors print as the first three, "et al."


def _citation_of(entry: dict) -> dict:
    """The entry's own citation, its first of several, or the one its ``citation_ref`` points to."""
    citations = entry.get("citations")
    own = entry.get("citation") or (citations[0] if citations else None)
    return own or references().get(entry.get("citation_ref", ""), {}).get("citation") or {}


def _short_authors(authors: str | None) -> str | None:
    if not authors:
        return None
    names = [name.strip() for name in authors.split(",")]
    return authors if len(names) <= MAX_AUTHORS_SHOWN else ", ".join(names[:3]) + ", et al."


def _journal_text(citation: dict) -> str | None:
    journal = citation.get("journal") or citation.get("publisher")
    if not journal:
        return None
    volume, pages = citation.get("volume"), citation.get("pages")
    if volume and pages:
        return f"{journal} {volume}:{pages}"
    return f"{journal} {volume or pages}" if (volume or pages) else str(journal)


def _record_location(entry: dict, citation: dict) -> str:
    """DOI, PMID, PMCID and URL as recorded; else the first page the entry was read at."""
    labels = (("doi", "doi:{}"), ("pmid", "PMID {}"), ("pmcid", "{}"), ("url", "{}"))
    identifiers = [form.format(citation[key]) for key, form in labels if citation.get(key)]
    if identifiers:
        return "; ".join(identifiers)
    pages = entry.get("verified_in") or []
    if pages:
        return f"Read at {_readable_address(str(pages[0]))}"
    return "Not seen in any source (no record to point to)"


def _readable_address(address: str) -> str:
    """An address as read, with a proxy's wrapper removed (``...?url=https%3A%2F%2F...`` -> the inner URL)."""
    query = parse_qs(urlsplit(address.split(" ")[0]).query)
    return query["url"][0] if "url" in query and "proxy" in address else address
