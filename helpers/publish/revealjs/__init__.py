"""reveal.js as the course's slide decks ship it: three files of the npm package ``reveal.js``, copied unchanged.

From the npm registry tarball ``reveal.js-6.0.2.tgz`` (integrity
``sha512-JYIg5D9aoxoaLeb84O+OvAwsKWdIavVgEDScxtYEXFCT6t6TQrhNtSgogcjdCpdLsWglhJn3zyE3fUOwiH5KEg==``, as
``npm view reveal.js@6.0.2 dist.integrity`` gives it): ``dist/reveal.js`` (the framework, global ``Reveal``),
``dist/reveal.css`` (its layout; no theme: the decks' look comes from ``helpers.theme``),
``dist/plugin/notes.js`` (the speaker notes plugin, global ``RevealNotes``: key S), and the package's MIT
``LICENSE`` and ``package.json``. Nothing is downloaded at build or view time: each deck inlines the three files
once (:mod:`helpers.publish.slides`). ``tests/test_slides.py`` checks the files against :data:`SHA256` and the
version against :data:`VERSION`.

To update: ``npm pack reveal.js@X``, check its integrity against ``npm view reveal.js@X dist.integrity``, copy the
five files here, then set :data:`VERSION`, the integrity above and :data:`SHA256` (``sha256sum *``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

BUNDLE_DIR = Path(__file__).parent
VERSION = "6.0.2"
SCRIPTS = ("reveal.js", "notes.js")   # inlined in this order, after the slides
STYLESHEET = "reveal.css"
SHA256 = {
    "reveal.js": "aa1bbbf2617b23a623b23612cb3c5bdb63de512e652bf20fcfa832b045d37844",
    "reveal.css": "615ee850cbbb98a0f688b60ed37b21819a3f54c9f3e6f20e33e63693ab74a0c0",
    "notes.js": "447c42f365876e41853de81453d0c53c580c5b2099132e8f61200de4a0ba2af3",
    "LICENSE": "b2883e4b610bfa1b4d8fff84c4d4b825cc7d553cbd9fec4777c04068a2859dc0",
    "package.json": "c9cac6cb97f7e233219ee12a624283fc65c08a4d7bad09b1facc980a490dcc87",
}


def bundle_version() -> str:
    """The reveal.js version of the shipped files, from their ``package.json``."""
    return json.loads((BUNDLE_DIR / "package.json").read_text(encoding="utf-8"))["version"]


@cache
def shipped(name: str) -> str:
    """The text of one shipped file (``"reveal.js"``, ``"reveal.css"``, ``"notes.js"``), read once per process."""
    if name not in SHA256:
        raise ValueError(f"reveal.js ships {sorted(SHA256)}, not {name!r}")
    return (BUNDLE_DIR / name).read_text(encoding="utf-8")
