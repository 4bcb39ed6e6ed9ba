"""The package's layers point downwards only, and no modules import each other in a loop.

Every ``import`` of a ``helpers`` module counts, at any depth of a file (inside functions and under
``TYPE_CHECKING`` too), as read from the code with :mod:`ast`. The layers, from the ground up, are those of
``helpers/__init__.py``: data and validation, models, figures, the activity framework, lesson modules, and
publishing and authoring.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HELPERS = Path(__file__).resolve().parents[1] / "helpers"

# The first matching prefix gives a module's layer (1 = the ground).
LAYERS = (
    ("helpers.publish", 6), ("helpers.timing", 6), ("helpers.guides", 6), ("helpers.authoring", 6),
    ("helpers.__main__", 6), ("helpers.classroom", 6),
    ("helpers.lessons", 5),
    ("helpers.activities", 4),
    ("helpers.figures", 3),
    ("helpers.models", 2),
    ("helpers", 1),
)


def layer(module: str) -> int:
    return next(number for prefix, number in LAYERS if module == prefix or module.startswith(prefix + "."))


def module_of(path: Path) -> str:
    parts = path.relative_to(HELPERS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The ``helpers`` modules that ``path`` imports (``from helpers.x import y`` counts ``helpers.x.y`` when that
    is a module, else ``helpers.x``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("helpers")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers") and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in known else node.module)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    files = {module_of(path): path for path in HELPERS.rglob("*.py")}
    known = set(files)
    return {module: imported_modules(path, known) - {module} for module, path in files.items()}


def test_every_import_points_down_or_across(graph):
    upward = sorted(f"{module} (layer {layer(module)}) imports {target} (layer {layer(target)})"
                    for module, targets in graph.items() for target in targets if layer(target) > layer(module))
    assert upward == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles(graph):
    # a package's __init__ importing its own modules is not a loop unless a module imports the package back
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_lesson_modules_are_named_after_their_lessons():
    from helpers.course import lessons
    from helpers.lessons import module_name

    expected = {module_name(item.stem) for item in lessons()}
    present = {module_of(path) for path in (HELPERS / "lessons").glob("l*.py")}
    assert present == expected
