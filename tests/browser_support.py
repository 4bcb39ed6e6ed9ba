"""A real headless Chromium for the browser tests, started and stopped by process id.

Chromium (Debian's ``/usr/bin/chromium``, or ``$COURSE_CHROMIUM``) is started by us with a
DevTools port; Playwright (from PyPI) connects to it over CDP. At the end the whole process
group we started is stopped by its id.

Without Chromium or Playwright the browser tests are skipped with one install hint; with
``COURSE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) they fail instead.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from helpers.publish.build import CHROMIUM_FLAGS, find_chromium

REQUIRE_ENV = "COURSE_REQUIRE_BROWSER"
INSTALL_HINT = ("browser tests need Chromium and Playwright: `sudo apt-get install chromium` "
                "(Debian/Ubuntu) and `pip install -e '.[test]'`")
START_TIMEOUT_S = 30
STOP_TIMEOUT_S = 10
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def skip_or_fail(reason: str):
    """Skip with the install hint, or fail where a browser is required (CI)."""
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{reason}; {REQUIRE_ENV}=1 makes this a failure. {INSTALL_HINT}")
    pytest.skip(f"{reason}: {INSTALL_HINT}", allow_module_level=True)


def chromium_or_skip() -> str:
    """The Chromium binary, after checking Playwright imports; skips (or fails in CI) otherwise."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail("Playwright is not installed")
    chromium = find_chromium()
    if chromium is None:
        skip_or_fail("Chromium is not installed")
    return chromium


@contextlib.contextmanager
def running_chromium():
    """Yield a Playwright ``Browser`` connected to a headless Chromium that this function starts and stops."""
    from playwright.sync_api import sync_playwright

    chromium = chromium_or_skip()
    with tempfile.TemporaryDirectory(prefix="course-test-chromium-") as profile:
        process = subprocess.Popen(
            [chromium, "--headless", *CHROMIUM_FLAGS, "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
             f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        playwright = sync_playwright().start()
        try:
            endpoint = _devtools_endpoint(Path(profile), process)
            browser = playwright.chromium.connect_over_cdp(endpoint)
            yield browser
            browser.close()
        finally:
            playwright.stop()
            stop_process_group(process)


def _devtools_endpoint(profile: Path, process: subprocess.Popen) -> str:
    """Chromium writes its DevTools port and browser path to ``DevToolsActivePort`` in the profile."""
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Chromium exited at start (code {process.returncode})")
        lines = marker.read_text().split() if marker.exists() else []
        if len(lines) == 2:
            return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        time.sleep(0.1)
    raise RuntimeError(f"Chromium did not open its DevTools port within {START_TIMEOUT_S} s")


def stop_process_group(process: subprocess.Popen) -> None:
    """Stop a process we started in its own session, with its children, by its process id."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT_S)


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
