"""The handouts' own HTML pages (the course index and the glossary), rendered from the Jinja templates in
``templates/pages/``. Values are escaped by the templates (autoescape); HTML built elsewhere (the safety statement,
the index's glossary link) is passed in as :class:`markupsafe.Markup`."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

PAGE_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "pages"


@functools.cache
def environment() -> jinja2.Environment:
    """The pages' Jinja environment: templates from ``templates/pages/``, every value HTML-escaped."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(PAGE_TEMPLATE_DIR), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def render(template: str, **context) -> str:
    """The page ``template`` (a file name in ``templates/pages/``) rendered with ``context``."""
    return environment().get_template(template).render(**context)
