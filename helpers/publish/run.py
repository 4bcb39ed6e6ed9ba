"""The one way the course runs a notebook top to bottom in a fresh kernel (tests, handouts, benchmark).

The kernel gets ``COURSE_HANDOUT=1`` (handout view) or ``0`` (live view) in its own environment;
this process's environment is left alone.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from typing import TYPE_CHECKING

from helpers.activities.base import HANDOUT_ENV   # read by helpers.activities.base.in_handout()

if TYPE_CHECKING:   # nbformat and nbclient take seconds to import: loaded when a notebook is run
    import nbformat

ROOT = Path(__file__).resolve().parents[2]
CELL_TIMEOUT_S = 300


class NotebookRunError(RuntimeError):
    """A notebook stopped: the message names the notebook, the cell and why."""


def execute_notebook(notebook: Path | nbformat.NotebookNode, *, handout: bool, cwd: Path | None = None,
                     timeout_s: float = CELL_TIMEOUT_S) -> nbformat.NotebookNode:
    """Run ``notebook`` (a path, or a notebook with ``cwd``) in a fresh ``python3`` kernel; return it with outputs.

    The kernel's working folder is the notebook's own (or ``cwd``). Raises :class:`NotebookRunError`
    if a cell fails, runs longer than ``timeout_s`` seconds, or kills the kernel.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    name = display_path(notebook) if isinstance(notebook, Path) else "notebook"
    if isinstance(notebook, Path):
        cwd = cwd or notebook.parent
        notebook = nbformat.read(notebook, as_version=4)
    running = {"index": None}
    client = NotebookClient(notebook, timeout=timeout_s, kernel_name="python3",
                            resources={"metadata": {"path": str(cwd or Path.cwd())}},
                            on_cell_execute=lambda cell, cell_index: running.update(index=cell_index))
    env = {**os.environ, HANDOUT_ENV: "1" if handout else "0"}
    try:
        client.execute(env=env, stderr=subprocess.DEVNULL)  # kernel start-up chatter off
    except CellExecutionError as error:
        raise NotebookRunError(cell_failure(name, notebook, running["index"], f"{error.ename}: {error.evalue}")) \
            from None
    except CellTimeoutError:
        raise NotebookRunError(cell_failure(name, notebook, running["index"], f"no result within {timeout_s} s")) \
            from None
    except DeadKernelError as error:
        raise NotebookRunError(cell_failure(name, notebook, running["index"], f"the kernel died ({error})")) from None
    return notebook


def cell_failure(name: str, notebook: nbformat.NotebookNode, index: int | None, reason: str) -> str:
    """The message for a failed cell: notebook, cell number (counting from 1, markdown too), first line."""
    if index is None:
        return f"{name} failed before any cell ran: {reason}"
    first_line = next((line for line in notebook.cells[index].source.splitlines() if line.strip()), "")
    return f"{name}, cell {index + 1} of {len(notebook.cells)} ({first_line.strip()[:70]!r}) failed: {reason}"


def display_path(path: Path) -> str:
    """``path`` relative to the repository where it lies inside it, else as given."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
