"""plotly.js as the course ships it: the npm partial bundle ``plotly.js-basic-dist-min`` (scatter, bar, pie).

The bundle, its MIT licence and its ``package.json`` are copied unchanged from the npm registry
(``plotly.js-basic-dist-min-4.1.1.tgz``, integrity ``sha512-1oNF8PeQ…kjMQ==``), so nothing is downloaded at build
or view time. It must be the same version as the plotly.js inside the installed ``plotly`` package:
``tests/test_plotlyjs.py`` fails when they differ, and when a course figure uses a trace type the bundle lacks.
To update: download the tarball of the version that ``plotly.offline.get_plotlyjs_version()`` names and copy
its three files here.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

BUNDLE_DIR = Path(__file__).parent
BUNDLE_PATH = BUNDLE_DIR / "plotly-basic.min.js"

# The trace types compiled into the basic bundle (its README: "scatter, bar, pie").
BASIC_TRACE_TYPES = frozenset({"scatter", "bar", "pie"})


def bundle_version() -> str:
    """The plotly.js version of the shipped basic bundle, from its ``package.json``."""
    return json.loads((BUNDLE_DIR / "package.json").read_text(encoding="utf-8"))["version"]


@lru_cache(maxsize=1)
def basic_bundle() -> str:
    """The shipped basic bundle's JavaScript source (about 1.19 MB), read once per process."""
    return BUNDLE_PATH.read_text(encoding="utf-8")


def fits_basic_bundle(trace_types) -> bool:
    """True when every trace type named (``"scatter"``, ``"bar"``, …) is drawn by the basic bundle."""
    return set(trace_types) <= BASIC_TRACE_TYPES


def bundle_kind(trace_types) -> str:
    """``"basic"`` when the shipped basic bundle draws every trace type named, else ``"full"``."""
    return "basic" if fits_basic_bundle(trace_types) else "full"


@lru_cache(maxsize=2)
def bundle_script(kind: str) -> str:
    """The plotly.js source of ``kind``: ``"basic"`` (the shipped bundle) or ``"full"`` (the installed plotly's)."""
    if kind == "basic":
        return basic_bundle()
    if kind == "full":
        from plotly.offline import get_plotlyjs   # here: only a page that needs the full bundle pays the import
        return get_plotlyjs()
    raise ValueError(f"bundle kind must be 'basic' or 'full', not {kind!r}")
