"""Interactive explorers, each declared once (see :mod:`helpers.explorers.core`).

Lesson modules in this package declare explorers with factory functions marked
``@register``. :func:`all_explorers` imports every module here, so tests and the
benchmark find new explorers without new code.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from helpers.explorers.core import Dropdown, Explorer, Slider, Table

_FACTORIES: dict[str, Callable[[], Explorer]] = {}
_FRAMEWORK_MODULES = {"core", "live", "handout", "controls"}


def register(factory: Callable[[], Explorer]) -> Callable[[], Explorer]:
    """Mark a zero-argument function that returns an :class:`Explorer` (figure, table or both) as part of the course."""
    _FACTORIES[f"{factory.__module__}.{factory.__name__}"] = factory
    return factory


def all_explorers() -> dict[str, Explorer]:
    """Every registered explorer, keyed by its ``name``, from every module of this package."""
    for module in pkgutil.iter_modules(__path__):
        if module.name not in _FRAMEWORK_MODULES:
            importlib.import_module(f"{__name__}.{module.name}")
    explorers = [factory() for factory in _FACTORIES.values()]
    by_name = {e.name: e for e in explorers}
    if len(by_name) != len(explorers):
        raise RuntimeError("two explorers share a name")
    return by_name


__all__ = ["Dropdown", "Explorer", "Slider", "Table", "register", "all_explorers"]
