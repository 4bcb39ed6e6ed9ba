"""The handouts' glossary page, ``glossary.html``: every term of ``helpers/data/glossary.yaml``, A to Z.

Each term is a ``<dt>`` with an id (``#term-ec50``) so other pages can link to it; its ``<dd>`` holds the
definition, the lesson that introduces it (a link to that lesson's page of the same role) and the full
citation of each source. Like every handout page it is self-contained and works offline.
"""

from __future__ import annotations

import html
from pathlib import Path

from helpers import course
from helpers.activities.display import safety_html
from helpers.glossary import Term, alphabetical, terms
from helpers.references import citation_text

GLOSSARY_PAGE = "glossary.html"
INDEX_LINK = f'<p class="course-index-glossary"><a href="{GLOSSARY_PAGE}">Glossary: the words of the course</a></p>'


def term_html(item: Term) -> str:
    """One term as a ``<dt>``/``<dd>`` pair: definition, introducing lesson, sources."""
    lesson = course.lesson(item.lesson)
    introduced = (f'Introduced in <a href="{lesson.stem}.html">{html.escape(lesson.number)} · '
                  f"{html.escape(lesson.title)}</a>.")
    sources = "".join(f"<li>{html.escape(citation_text(source_id))}</li>" for source_id in item.sources)
    sources_html = f'<ul class="course-sources">{sources}</ul>' if sources else ""
    return (f'<dt id="term-{item.slug}">{html.escape(item.term)}</dt>\n'
            f"<dd><p>{html.escape(item.definition)}</p><p>{introduced}</p>{sources_html}</dd>")


def render_glossary_page(stylesheet: str) -> str:
    """The glossary page as one HTML document; ``stylesheet`` is the handouts' CSS (inlined)."""
    entries = "\n".join(term_html(item) for item in alphabetical(terms()))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Glossary: benzodiazepines, GABA-A receptors and dopamine</title>
<style>
body {{ font-family: var(--course-font-family); line-height: 1.5; }}
{stylesheet}
.course-glossary-page dt {{ font-weight: 700; margin-top: 1em; }}
.course-glossary-page a {{ text-decoration: underline; }}
</style>
</head>
<body class="course-handout course-glossary-page">
<header class="course-bar" role="banner">
  <nav aria-label="Course"><a href="index.html">All lessons</a></nav>
</header>
<main>
<h1>Glossary</h1>
<p>The course's technical words, A to Z, in plain language. Each says which lesson introduces it; where a
definition states a fact, its sources are listed under it. Every lesson notebook also has a folded "Words in
this lesson" list near its top.</p>
{safety_html("p")}
<dl>
{entries}
</dl>
</main>
</body>
</html>
"""


def write_glossary_page(out_dir: Path, stylesheet: str) -> str:
    """Write ``glossary.html`` into ``out_dir``; return its file name."""
    (Path(out_dir) / GLOSSARY_PAGE).write_text(render_glossary_page(stylesheet), encoding="utf-8")
    return GLOSSARY_PAGE
