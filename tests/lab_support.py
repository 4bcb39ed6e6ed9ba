"""The one way the tests and the benchmark drive a real JupyterLab: start a server, run a notebook.

The server listens on 127.0.0.1 with a random token, keeps its settings, workspaces and runtime
files in a folder of its own (so a developer's JupyterLab is untouched), runs kernels in live mode
(``COURSE_HANDOUT=0``) and is stopped by its process id.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from helpers.publish.browser import stop_process_group

SERVER_START_TIMEOUT_S = 120
RUN_ALL_TIMEOUT_S = 300
# Every cell stays in the page (no virtual scrolling), so every output can be found; no news pop-ups.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}
POLL_S = 0.1            # how often a condition outside the page (a file, the server) is checked
POLL_MS = 100           # how often Playwright checks a condition in the page
DIALOG_CLOSE_TIMEOUT_MS = 5000
RUN_START_TIMEOUT_MS = 10_000
# The notebook on show (a notebook in a tab behind it is hidden): its prompts, kernel indicator and toolbar.
VISIBLE_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
PROMPTS = f"Array.from(document.querySelectorAll('{VISIBLE_PANEL} .jp-CodeCell .jp-InputPrompt'), p => p.textContent)"
# A cell has run or is running once its prompt shows [*] or a number; queued cells show [*] until they have run.
CELLS_STARTED_JS = f"() => {PROMPTS}.some(p => p.includes('*') || /\\d/.test(p))"
CELLS_DONE_JS = f"() => !{PROMPTS}.some(p => p.includes('*'))"
KERNEL_IDLE_JS = f"""() => {{
    const panel = document.querySelector('{VISIBLE_PANEL}');
    return !!panel && !!panel.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']")
        && (panel.querySelector('.jp-NotebookPanel-toolbar')?.innerText || '').includes('Python');
}}"""


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Check ``condition`` every :data:`POLL_S` seconds until it holds; ``TimeoutError`` naming ``what`` after
    ``timeout_s`` seconds. For conditions outside the page (in the page use Playwright's ``wait_for_function``)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} within {timeout_s} s")
        time.sleep(POLL_S)


@dataclass
class LabServer:
    url: str
    token: str
    root: Path

    def notebook_url(self, name: str) -> str:
        """The address that opens notebook ``name`` (in ``root``) in a fresh workspace."""
        return f"{self.url}/lab/tree/{name}?token={self.token}&reset"


@contextlib.contextmanager
def running_lab(root: Path, work: Path):
    """Yield a :class:`LabServer` serving ``root``, with its own files under ``work``; stopped on exit."""
    for plugin, values in LAB_SETTINGS.items():
        settings = work / "settings" / f"{plugin}.jupyterlab-settings"
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps(values))
    token, port = secrets.token_hex(16), _free_port()
    env = {**os.environ, "COURSE_HANDOUT": "0", "JUPYTER_CONFIG_DIR": str(work / "config"),
           "JUPYTERLAB_SETTINGS_DIR": str(work / "settings"), "JUPYTERLAB_WORKSPACES_DIR": str(work / "workspaces"),
           "JUPYTER_RUNTIME_DIR": str(work / "runtime")}
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path = work / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            server = LabServer(url=f"http://127.0.0.1:{port}", token=token, root=root)
            _wait_for_server(server, process, log_path)
            yield server
        finally:
            stop_process_group(process)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_server(server: LabServer, process: subprocess.Popen, log: Path) -> None:
    """Wait until the server answers its status request; ``RuntimeError`` if it exits first."""

    def answers() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited at start:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/api/status?token={server.token}", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    wait_until(answers, SERVER_START_TIMEOUT_S, "JupyterLab did not answer")


def shut_down_kernels(server: LabServer) -> None:
    """Shut down every kernel the server runs."""
    with urllib.request.urlopen(f"{server.url}/api/kernels?token={server.token}", timeout=10) as response:
        kernels = json.load(response)
    for kernel in kernels:
        request = urllib.request.Request(f"{server.url}/api/kernels/{kernel['id']}?token={server.token}",
                                         method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def wait_for_the_kernel(page) -> None:
    """Wait until the Python kernel of the notebook on show is idle, accepting the kernel dialog if JupyterLab asks."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while not _holds_within(page, KERNEL_IDLE_JS, 1000):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no idle Python kernel within {SERVER_START_TIMEOUT_S} s")
        accept_dialogs(page)
    accept_dialogs(page)


def _holds_within(page, condition_js: str, timeout_ms: float) -> bool:
    """Whether ``condition_js`` (a JavaScript function of no argument) holds in the page within ``timeout_ms``."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(condition_js, timeout=timeout_ms, polling=POLL_MS)
        return True
    except PlaywrightTimeout:
        return False


def menu(page, menu_name: str, item: str) -> None:
    """Choose ``item`` from the menu bar's ``menu_name``."""
    accept_dialogs(page)
    page.locator(".lm-MenuBar-itemLabel", has_text=menu_name).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def accept_dialogs(page) -> None:
    """Accept a dialog JupyterLab may raise while starting (kernel choice, for one)."""
    dialogs = page.locator(".jp-Dialog")
    for _attempt in range(5):
        open_dialogs = dialogs.count()
        if not open_dialogs:
            return
        accept = dialogs.first.locator(".jp-mod-accept")
        if accept.count():
            accept.first.click()
        else:
            page.keyboard.press("Escape")
        _holds_within(page, f"() => document.querySelectorAll('.jp-Dialog').length < {open_dialogs}",
                      DIALOG_CLOSE_TIMEOUT_MS)


def run_all_cells(page, timeout_s: float = RUN_ALL_TIMEOUT_S) -> None:
    """Run > Run All Cells (again if a kernel still starting ignored it); wait until no cell is queued.

    Raises ``TimeoutError`` if the notebook does not finish in ``timeout_s`` seconds, and
    ``RuntimeError`` if nothing ran.
    """
    for _attempt in range(3):
        menu(page, "Run", "Run All Cells")
        if _holds_within(page, CELLS_STARTED_JS, RUN_START_TIMEOUT_MS):
            break
    else:
        raise RuntimeError("Run All Cells ran nothing")
    # After an error the cells still queued go back to [ ]: no [*] left means done either way.
    if not _holds_within(page, CELLS_DONE_JS, timeout_s * 1000):
        raise TimeoutError(f"the notebook did not finish within {timeout_s} s")
