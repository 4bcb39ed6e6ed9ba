"""The handouts' own HTML pages (the course index and the glossary), rendered from the Jinja templates in
``templates/pages/``. Values are escaped by the templates (autoescape); HTML built elsewhere (the safety statement,
the index's glossary link) is passed in as :class:`markupsafe.Markup`.

Every handout page (these and the lesson pages) carries :func:`record_head` in its ``<head>``: the metas that name
the course, its version and the page, and the learner-record script (``helpers/activities/static/record.js``).
"""

from __future__ import annotations

import functools
import html
from pathlib import Path

import jinja2
from markupsafe import Markup

from helpers.activities.base import page_script
from helpers.course import COURSE_ID, course_version

PAGE_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "pages"
INDEX_PAGE = "index"   # the index's course-page name (record.js records nothing there; it reads every page)


def record_head(page: str = "") -> str:
    """The ``<head>`` part that lets a page keep the learner's record in the browser: ``<meta name="course-id">``,
    ``<meta name="course-version">``, ``<meta name="course-page">`` (a lesson's stem, or "index"; left out where
    ``page`` is empty, so the page records nothing: instructor pages, the glossary) and record.js, inlined."""
    metas = [("course-id", COURSE_ID), ("course-version", course_version()), *([("course-page", page)] if page else [])]
    return "".join(f'<meta name="{name}" content="{html.escape(value)}">\n' for name, value in metas) + \
        page_script("record.js")


@functools.cache
def environment() -> jinja2.Environment:
    """The pages' Jinja environment: templates from ``templates/pages/``, every value HTML-escaped;
    ``record_head(page)`` available to every template."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PAGE_TEMPLATE_DIR), autoescape=True,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.globals["record_head"] = lambda page="": Markup(record_head(page))
    return env


def render(template: str, **context) -> str:
    """The page ``template`` (a file name in ``templates/pages/``) rendered with ``context``."""
    return environment().get_template(template).render(**context)
