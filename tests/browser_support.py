"""A real headless Chromium for the browser tests, started and stopped by process id.

Chromium is started the one way the course starts it (:mod:`helpers.publish.browser`: Debian's
``/usr/bin/chromium`` or ``$COURSE_CHROMIUM``, a new profile, Playwright over CDP).

Without Chromium or Playwright the browser tests are skipped with one install hint; with
``COURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) they fail instead.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from helpers.publish import browser
from helpers.publish.browser import find_chromium

REQUIRE_ENV = "COURSE_REQUIRE_BROWSER"
INSTALL_HINT = ("browser tests need Chromium and Playwright: `sudo apt-get install chromium` "
                "(Debian/Ubuntu) and `pip install -e '.[test]'`")
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def skip_or_fail(reason: str):
    """Skip with the install hint, or fail where a browser is required (CI)."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason}; {REQUIRE_ENV}=1 makes this a failure. {INSTALL_HINT}")
    pytest.skip(f"{reason}: {INSTALL_HINT}", allow_module_level=True)


def chromium_or_skip() -> str:
    """The Chromium binary, after checking Playwright imports; skips (or fails in CI) otherwise."""
    try:
        import playwright.sync_api  # noqa: F401  (only checks it is installed)
    except ImportError:
        skip_or_fail("Playwright is not installed")
    chromium = find_chromium()
    if chromium is None:
        skip_or_fail("Chromium is not installed")
    return chromium


@contextlib.contextmanager
def running_chromium():
    """Yield a Playwright ``Browser`` on a headless Chromium started and stopped by process id (skips without one)."""
    with browser.running_chromium(chromium_or_skip()) as connected:
        yield connected


class OfflinePage:
    """A page whose every request is routed: local ones go through, any other is blocked and counted."""

    def __init__(self, browser, *, viewport=(1100, 900)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.page = self.context.new_page()
        self.outside_requests: list[str] = []
        self.console_errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            self.outside_requests.append(url)
            route.abort()

    def open(self, path: Path):
        self.page.goto(Path(path).resolve().as_uri(), wait_until="load")
        return self.page

    def close(self) -> None:
        self.context.close()


def commit_prediction(form) -> None:
    """Fill one prediction's commit form as a learner (or a room) would: the first option, or 1 in a number box,
    and "fairly sure"; then submit it."""
    number = form.locator("input[type=number]")
    if number.count():
        number.fill("1")
    else:
        form.locator("input[data-role=answer]").first.check()
    form.locator("input[data-role=confidence][value='fairly sure']").check()
    form.locator("button[type=submit]").press("Enter")


def commit_every_prediction(page) -> None:
    """Commit each prediction on a handout page (first option, or 1 in a number box, "fairly sure"), then write
    a line on the chart, as a learner would, so that the charts and explanations it hides are shown and their
    sliders can be driven. Each step waits until the page has shown what it opens."""
    for section in page.locator("section.course-predict").all():
        form = section.locator("form.course-predict-commit")
        form.scroll_into_view_if_needed()
        commit_prediction(form)
        section.locator(".course-predict-reveal:not([hidden])").wait_for(state="attached")
        observe = section.locator("form.course-predict-observe")
        observe.locator("textarea").fill("What I see in the chart.")
        observe.locator("button[type=submit]").press("Enter")
        section.locator(".course-predict-explained:not([hidden])").wait_for(state="attached")
