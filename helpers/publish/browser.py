"""The one way the course starts Chromium: for PDFs (handout builder), browser tests and the benchmark.

``$COURSE_CHROMIUM`` names the binary; otherwise the first of the usual names on PATH (Debian's
``/usr/bin/chromium``). Flags: headless, no sandbox (root), no GPU, and no background networking,
so the browser makes no request of its own on a machine without network. Every start gets a new,
empty profile, so each session sees a page as a first-time visitor does.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

CHROMIUM_ENV = "COURSE_CHROMIUM"          # path to a Chromium binary, if not on PATH
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-dev-shm-usage")
START_TIMEOUT_S = 30
STOP_TIMEOUT_S = 10


def find_chromium() -> str | None:
    """A Chromium binary: ``$COURSE_CHROMIUM``, else the first of the usual names on PATH; None if none."""
    named = os.environ.get(CHROMIUM_ENV)
    if named:
        return named if Path(named).exists() else None
    return next((found for found in map(shutil.which, CHROMIUM_NAMES) if found), None)


def chromium_command(chromium: str, profile: Path, *extra: str) -> list[str]:
    """The command line of a headless Chromium with the course's flags and ``profile`` as its user data."""
    return [chromium, "--headless", *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra]


@contextlib.contextmanager
def running_chromium(chromium: str | None = None):
    """Yield a Playwright ``Browser`` connected (over CDP) to a headless Chromium started here with a
    new profile; on exit the browser's whole process group is stopped by its id.

    Needs Playwright (the ``test`` extra); raises ``RuntimeError`` if no Chromium is found.
    """
    from playwright.sync_api import sync_playwright

    chromium = chromium or find_chromium()
    if chromium is None:
        raise RuntimeError(f"no Chromium found: install it (Debian: apt-get install chromium) or set {CHROMIUM_ENV}")
    with tempfile.TemporaryDirectory(prefix="course-chromium-") as profile:
        process = subprocess.Popen(
            chromium_command(chromium, Path(profile), "--remote-debugging-port=0",
                             "--remote-debugging-address=127.0.0.1", "about:blank"),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        playwright = sync_playwright().start()
        try:
            browser = playwright.chromium.connect_over_cdp(_devtools_endpoint(Path(profile), process))
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
    """Stop a process started in its own session (``start_new_session=True``), with its children, by its id."""
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
