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
PROMPTS_JS = """() => Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt'))
    .map(p => p.textContent)"""


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
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited at start:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{server.url}/api/status?token={server.token}", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"JupyterLab did not answer within {SERVER_START_TIMEOUT_S} s")


def shut_down_kernels(server: LabServer) -> None:
    """Shut down every kernel the server runs."""
    with urllib.request.urlopen(f"{server.url}/api/kernels?token={server.token}", timeout=10) as response:
        kernels = json.load(response)
    for kernel in kernels:
        request = urllib.request.Request(f"{server.url}/api/kernels/{kernel['id']}?token={server.token}",
                                         method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def wait_for_the_kernel(page) -> None:
    """Wait until the notebook's Python kernel is idle, accepting the kernel dialog if JupyterLab asks."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    toolbar = page.locator(".jp-NotebookPanel-toolbar").first
    idle = page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    while not (idle.count() and "Python" in toolbar.inner_text()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no idle Python kernel within {SERVER_START_TIMEOUT_S} s")
        accept_dialogs(page)
        page.wait_for_timeout(300)
    page.wait_for_timeout(500)
    accept_dialogs(page)


def menu(page, menu_name: str, item: str) -> None:
    """Choose ``item`` from the menu bar's ``menu_name``."""
    accept_dialogs(page)
    page.locator(".lm-MenuBar-itemLabel", has_text=menu_name).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def accept_dialogs(page) -> None:
    """Accept a dialog JupyterLab may raise while starting (kernel choice, for one)."""
    dialogs = page.locator(".jp-Dialog")
    for _attempt in range(5):
        if not dialogs.count():
            return
        accept = dialogs.first.locator(".jp-mod-accept")
        if accept.count():
            accept.first.click()
        else:
            page.keyboard.press("Escape")
        page.wait_for_timeout(300)


def run_all_cells(page, timeout_s: float = RUN_ALL_TIMEOUT_S) -> None:
    """Run > Run All Cells (again if a kernel still starting ignored it); wait until no cell is queued.

    Raises ``TimeoutError`` if the notebook does not finish in ``timeout_s`` seconds, and
    ``RuntimeError`` if nothing ran.
    """
    for _attempt in range(3):
        menu(page, "Run", "Run All Cells")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _started(page.evaluate(PROMPTS_JS)):
            page.wait_for_timeout(200)
        if _started(page.evaluate(PROMPTS_JS)):
            break
    deadline = time.monotonic() + timeout_s
    # Queued cells show [*] until they have run; after an error the rest go back to [ ].
    while any("*" in prompt for prompt in page.evaluate(PROMPTS_JS)):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the notebook did not finish within {timeout_s} s")
        page.wait_for_timeout(500)
    if not _started(page.evaluate(PROMPTS_JS)):
        raise RuntimeError("Run All Cells ran nothing")


def _started(prompts: list[str]) -> bool:
    return any("*" in prompt or any(ch.isdigit() for ch in prompt) for prompt in prompts)
