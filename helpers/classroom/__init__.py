"""The class report: what a class predicted, answered and learned, from the records its learners downloaded, with
no server.

``python -m helpers.classroom report RECORDS... -o OUTDIR`` reads every record (files, or folders of ``*.json``),
skips and names each file that is not a valid record of this course (:mod:`helpers.classroom.records`), computes
the statistics (:mod:`helpers.classroom.report`) and writes one offline page, ``OUTDIR/index.html``
(:mod:`helpers.classroom.page`). It never writes into a folder the records come from. ``--show-ids`` adds the
counted files' names and the records' ids; without it the report names only the files it did not count (with
why), never a counted one: a skipped copy says "the same ... as another file read", not which.

``python -m helpers.classroom synthetic N -o DIR --seed S`` writes a synthetic class
(:mod:`helpers.classroom.synthetic`), which drives the tests and ``make class-demo``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from helpers.classroom.records import Reading, input_folders, read_records

REPORT_NAME = "index.html"


class ReportError(ValueError):
    """The report cannot be written; the message says why, in one line, and ``skipped`` lists the files refused."""

    def __init__(self, message: str, skipped=()):
        super().__init__(message)
        self.skipped = tuple(skipped)


@dataclass(frozen=True)
class ReportOutcome:
    """What :func:`make_report` did: the records read and skipped, and the page written."""

    reading: Reading
    page: Path


def check_output(outdir: Path, inputs) -> None:
    """:class:`ReportError` when ``outdir`` is, or lies inside, a folder the records come from."""
    target = Path(outdir).resolve()
    for folder in input_folders(inputs):
        if target == folder or folder in target.parents:
            raise ReportError(f"the report folder {outdir} is inside {folder}, where the records are; choose a "
                              f"folder outside it (nothing is written next to the learners' files)")


def make_report(inputs, outdir: Path, show_ids: bool = False) -> ReportOutcome:
    """Read the records in ``inputs`` and write ``outdir/index.html``; :class:`ReportError` when no record could be
    read (the message names how many files were tried) or ``outdir`` lies among the inputs."""
    from helpers.classroom.page import render_page   # here: plotly, jinja2 and the banks load only for a report
    from helpers.classroom.report import class_report

    check_output(outdir, inputs)
    reading = read_records(inputs)
    if not reading.records:
        tried = len(reading.skipped)
        raise ReportError(f"no learner record could be read ({tried} file{'s' if tried != 1 else ''} tried, none "
                          f"valid); nothing written", reading.skipped)
    page = Path(outdir) / REPORT_NAME
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(render_page(class_report(reading, show_ids)), encoding="utf-8")
    return ReportOutcome(reading, page)


def time_report(learners: int = 300, seed: int = 2026, folder: Path | None = None) -> dict:
    """Seconds to build the report of a synthetic class of ``learners`` (written to ``folder``, a temporary folder
    by default): ``{"learners", "events", "write_class_s", "report_s", "page_bytes"}``. For ``make bench``-style
    measurements, never a pass/fail test."""
    import tempfile

    from helpers.classroom.synthetic import write_class

    with tempfile.TemporaryDirectory() as temporary:
        base = Path(folder or temporary)
        start = time.perf_counter()
        write_class(learners, base / "records", seed=seed)
        written = time.perf_counter()
        outcome = make_report([base / "records"], base / "report")
        done = time.perf_counter()
        return {"learners": learners, "events": sum(len(record.events) for record in outcome.reading.records),
                "write_class_s": round(written - start, 3), "report_s": round(done - written, 3),
                "page_bytes": outcome.page.stat().st_size}
