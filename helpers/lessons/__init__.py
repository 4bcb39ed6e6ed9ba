"""The lessons' own code: one module per lesson, named after it (``l03_acute_dopamine`` for
``notebooks/03_acute_dopamine.ipynb``), holding that lesson's explorers and ``show_*`` helpers.

A lesson module declares explorers with factory functions marked ``@register``
(:func:`helpers.activities.explorer.register`). :func:`all_explorers` imports every module of this package,
so tests and the benchmark find a new lesson's explorers without new code.
"""

from __future__ import annotations

import importlib
import pkgutil

from helpers.activities.explorer import Explorer, registered


def module_name(stem: str) -> str:
    """The lesson module of the lesson ``stem``.

    ``"03_acute_dopamine"`` -> ``"helpers.lessons.l03_acute_dopamine"``."""
    return f"{__name__}.l{stem}"


def all_explorers() -> dict[str, Explorer]:
    """Every registered explorer, keyed by its ``name``, from every lesson module."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    explorers = [factory() for factory in registered().values()]
    by_name = {e.name: e for e in explorers}
    if len(by_name) != len(explorers):
        raise RuntimeError("two explorers share a name")
    return by_name
