"""The handouts' glossary page, ``glossary.html``: every term of ``helpers/data/glossary.yaml``, A to Z.

Rendered from ``templates/pages/glossary.html.j2``. Each term is a ``<dt>`` with an id (``#term-ec50``) so other
pages can link to it; its ``<dd>`` holds the definition, the lesson that introduces it (a link to that lesson's page
of the same role) and the full citation of each source. Like every handout page it is self-contained and works
offline.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from helpers import course
from helpers.activities.display import safety_html
from helpers.glossary import Term, alphabetical, terms
from helpers.publish.pages import render
from helpers.references import citation_text

GLOSSARY_PAGE = "glossary.html"
INDEX_LINK = f'<p class="course-index-glossary"><a href="{GLOSSARY_PAGE}">Glossary: the words of the course</a></p>'


def term_view(item: Term) -> dict:
    """What the page shows of one term: its id, definition, introducing lesson (page and label) and the full
    citation of each source."""
    lesson = course.lesson(item.lesson)
    return {"slug": item.slug, "term": item.term, "definition": item.definition, "lesson_page": f"{lesson.stem}.html",
            "lesson_label": f"{lesson.number} · {lesson.title}",
            "sources": [citation_text(source_id) for source_id in item.sources]}


def render_glossary_page(stylesheet: str) -> str:
    """The glossary page as one HTML document (``templates/pages/glossary.html.j2``); ``stylesheet`` is the
    handouts' CSS (inlined)."""
    return render("glossary.html.j2", css=Markup(stylesheet), safety=Markup(safety_html("p")),
                  terms=[term_view(item) for item in alphabetical(terms())])


def write_glossary_page(out_dir: Path, stylesheet: str) -> str:
    """Write ``glossary.html`` into ``out_dir``; return its file name."""
    (Path(out_dir) / GLOSSARY_PAGE).write_text(render_glossary_page(stylesheet), encoding="utf-8")
    return GLOSSARY_PAGE
