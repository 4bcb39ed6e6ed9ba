"""The course's reference additions follow the checked base's rules, and the two files are one base."""

from __future__ import annotations

import re

import pytest
import yaml

from helpers import references as refs

ALLOWED_CONFIDENCE = {"verified", "partially_verified"}


def additions() -> list[dict]:
    return yaml.safe_load(refs.ADDITIONS_FILE.read_text(encoding="utf-8"))["entries"] or []


def test_every_addition_says_what_was_read_where_and_how_sure():
    for entry in additions():
        name = entry.get("id", "?")
        assert re.fullmatch(r"[a-z0-9_]+", name), name
        assert entry.get("statement", "").strip(), f"{name}: an addition states what the source says"
        assert entry.get("confidence") in ALLOWED_CONFIDENCE, f"{name}: verified or partially_verified, not unverified"
        pages = entry.get("verified_in") or []
        assert pages and all(str(page).startswith("http") for page in pages), f"{name}: the address where it was read"
        assert entry.get("citation"), f"{name}: the citation as seen (fields not seen are null, explained in notes)"


@pytest.fixture
def additions_file(tmp_path, monkeypatch):
    """Function writing ``entries`` as the course's additions file for one test (the base is re-read each time)."""

    def write(entries: list[dict]) -> None:
        path = tmp_path / "references_added.yaml"
        path.write_text(yaml.safe_dump({"entries": entries}), encoding="utf-8")
        monkeypatch.setattr(refs, "ADDITIONS_FILE", path)
        refs.references.cache_clear()

    yield write
    refs.references.cache_clear()


def test_additions_are_cited_like_the_base(additions_file):
    additions_file([{"id": "course_added_example", "statement": "An example.", "confidence": "partially_verified",
                     "verified_in": ["https://example.org/page"],
                     "citation": {"authors": None, "year": None, "title": "Example page"}}])
    assert "course_added_example" in refs.references() and "tan2010_citation" in refs.references()
    text = refs.citation_text("course_added_example")
    assert text.endswith("[course_added_example; partly verified]") and "Read at https://example.org/page" in text


def test_an_addition_may_not_shadow_a_base_entry(additions_file):
    additions_file([{"id": "tan2010_citation", "statement": "x"}])
    with pytest.raises(ValueError, match="tan2010_citation"):
        refs.references()
