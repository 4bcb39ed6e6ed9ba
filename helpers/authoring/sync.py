"""``python -m helpers sync``: regenerate every generated part of the course, in the order they depend on.

1. each notebook's "Words in this lesson" cell, from the glossary (:func:`helpers.glossary.sync`);
2. each lesson's ``extension_minutes`` in ``lessons/course.yaml``, computed from its notebook
   (:func:`helpers.timing.sync`);
3. the notebooks' heading and "Time to learn" lines, the README's lesson table and the syllabus rows
   (:func:`helpers.course.sync`);
4. each guide's time budget and self-check key (:func:`helpers.guides.sync`).

A lesson being written (a registry entry whose notebook or guide does not exist yet) is skipped with a message.
Each step is the one implementation its own module runs (``python -m helpers.glossary`` and so on).
"""

from __future__ import annotations

from collections.abc import Callable

from helpers import course, glossary, guides, timing

STEPS = (glossary.sync, timing.sync, course.sync, guides.sync)


def skipped() -> list[str]:
    """A line for each registry lesson the generators skip because its notebook or guide is not written yet."""
    return [f"{item.stem}: skipped, {name} does not exist yet" for item in course.lessons()
            for name, path in (("the notebook", item.notebook), ("the guide", item.guide)) if not path.exists()]


def sync(log: Callable[[str], None] = print) -> list[str]:
    """Run every generator; log what was skipped and what changed; return the files changed (each once)."""
    for line in skipped():
        log(line)
    changed = list(dict.fromkeys(path for step in STEPS for path in step()))
    log("\n".join(f"changed: {path}" for path in changed) or "Everything generated already agrees with its sources.")
    return changed
