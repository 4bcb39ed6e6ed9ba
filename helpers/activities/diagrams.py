"""The course's diagrams: hand-drawn SVG files in ``helpers/data/diagrams/``, shown inline by one call.

``show_diagram("gaba_a_receptor")`` puts the SVG itself into the page (text stays text, no network), in
JupyterLab and in the offline handouts alike, followed by a visible caption (the SVG's ``<title>``) and a
folded "The diagram in words" (its ``<desc>``, the long description a screen reader also reads).

Each SVG has ``role="img"``, ``aria-labelledby`` its ``<title>`` and ``aria-describedby`` its ``<desc>``;
the description cites the reference base (``[source: id]``). Colours are the theme's
(``helpers.theme``); ``tests/test_diagrams.py`` checks every colour, the title, the description and
the source ids.
"""

from __future__ import annotations

import functools
import html
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from IPython.display import HTML, display

from helpers.theme import SUMMARY_STYLE, themed_svg

DIAGRAM_DIR = Path(__file__).resolve().parents[1] / "data" / "diagrams"
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"

# Each diagram and the lesson that shows it (lesson number, as in lessons/course.yaml).
DIAGRAM_LESSONS = {"gaba_a_receptor": "01", "vta_disinhibition": "02", "dopamine_synapse": "03"}
SOURCE_CITATION = re.compile(r"\[source: ([^\]]+)\]")


@dataclass(frozen=True)
class Diagram:
    """One diagram: its name (file stem), lesson, SVG text, title and long description."""

    name: str
    lesson: str
    svg: str
    title: str
    description: str

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The reference ids the description cites, in order, each once."""
        ids = [part.split(";")[0].strip() for match in SOURCE_CITATION.finditer(self.description)
               for part in match.group(1).split(",")]
        return tuple(dict.fromkeys(ids))


def diagram_names() -> tuple[str, ...]:
    """Every diagram's name, e.g. ``("gaba_a_receptor", "vta_disinhibition", "dopamine_synapse")``."""
    return tuple(DIAGRAM_LESSONS)


@functools.cache
def diagram(name: str) -> Diagram:
    """The diagram called ``name``; ``ValueError`` lists the names that exist or names the faulty file."""
    if name not in DIAGRAM_LESSONS:
        raise ValueError(f"diagram must be one of {', '.join(repr(n) for n in DIAGRAM_LESSONS)}; got {name!r}")
    path = DIAGRAM_DIR / f"{name}.svg"
    svg = path.read_text(encoding="utf-8")
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        raise ValueError(f"{path.name}: not well-formed SVG ({error})") from None
    title, description = (root.find(f"{SVG_NAMESPACE}{tag}") for tag in ("title", "desc"))
    if title is None or description is None or not (title.text or "").strip() or not (description.text or "").strip():
        raise ValueError(f"{path.name}: the SVG needs a non-empty <title> and <desc> as children of <svg>")
    return Diagram(name=name, lesson=DIAGRAM_LESSONS[name], svg=svg.strip(), title=" ".join(title.text.split()),
                   description=" ".join(description.text.split()))


def diagram_html(name: str) -> str:
    """The diagram as an HTML ``<figure>``: the inline SVG painted in the theme's colours (its role classes, by a
    ``<style>`` scoped to it), a caption, and its description folded."""
    item = diagram(name)
    return (f'<figure class="course-diagram" id="diagram-{html.escape(name)}" style="margin:0.8em 0">\n'
            f"{themed_svg(item.svg)}\n"
            f'<figcaption style="{SUMMARY_STYLE}"><span style="font-weight:600">Diagram:</span> '
            f"{html.escape(item.title)}</figcaption>\n"
            f'<details class="course-diagram-words"><summary>The diagram in words</summary>'
            f"<p>{html.escape(item.description)}</p></details>\n</figure>")


def show_diagram(name: str) -> None:
    """Show a course diagram inline, e.g. ``show_diagram("gaba_a_receptor")`` (see :data:`DIAGRAM_LESSONS`)."""
    display(HTML(diagram_html(name)))
