"""Fingerprints of what was checked against the files beside the repository, so the checks run in a fresh clone.

The project's checked reference base (``../shared/science/references.yaml``) and the popular article the
course critiques (``../shared/source-article.txt``, not shipped: only short quotes of it are) lie beside the
repository, not in it. When they are there, the tests compare the course's copy and its quotes with them
directly. ``fingerprints.json`` records SHA-256 digests of what was checked, so that a clone without them
still finds an edited reference copy, or a quote changed after it was checked against the article.

After a change to the reference base or to a quote: ``python tests/fingerprints.py`` (it needs the shared
files and refuses to fingerprint a quote that is not in the article).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SHARED_REFERENCES = SHARED / "science" / "references.yaml"
ARTICLE = SHARED / "source-article.txt"
COURSE_REFERENCES = ROOT / "helpers" / "data" / "references.yaml"
FINGERPRINTS = Path(__file__).with_name("fingerprints.json")


def squeeze(text: str) -> str:
    """``text`` with every run of white space made one space (quotes are compared this way)."""
    return re.sub(r"\s+", " ", text).strip()


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def recorded() -> dict:
    return json.loads(FINGERPRINTS.read_text(encoding="utf-8"))


def quote_digests(claims) -> dict[str, str]:
    """``{claim id: digest of its quote and its section heading}`` for the claims table."""
    return {claim_id: digest(squeeze(row["claim"]) + "\n" + squeeze(row["section"]))
            for claim_id, row in claims.iterrows()}


def write() -> None:
    """Record the digests, after checking every quote and heading against the article."""
    from helpers.tables import article_claims

    article = squeeze(ARTICLE.read_text(encoding="utf-8"))
    claims = article_claims()
    unchecked = [i for i, row in claims.iterrows()
                 if squeeze(row["claim"]) not in article or squeeze(row["section"]) not in article]
    if unchecked:
        sys.exit(f"not in the article, so not fingerprinted: {', '.join(unchecked)}")
    FINGERPRINTS.write_text(json.dumps({
        "reference_base_sha256": digest(SHARED_REFERENCES.read_text(encoding="utf-8")),
        "article_sha256": digest(ARTICLE.read_text(encoding="utf-8")),
        "claims": quote_digests(claims),
    }, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    write()
    print(f"wrote {FINGERPRINTS.relative_to(ROOT)}")
