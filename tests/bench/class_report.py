"""The class report's build time for a synthetic class (``helpers.classroom``): what an instructor waits for after
collecting a class's downloaded records. Measured, never a pass/fail test."""

from __future__ import annotations

from bench.report import Section

LEARNERS = 300   # a large lecture class
REPORT_TARGET_S = 10.0   # an instructor runs it once after class: seconds, not minutes


def run(learners: int = LEARNERS) -> Section:
    from helpers.classroom import time_report

    section = Section("class_report")
    measured = time_report(learners=learners)
    section.add(f"report for {learners} synthetic learners ({measured['events']} events)", measured["report_s"], "s",
                REPORT_TARGET_S)
    section.add("report page size", measured["page_bytes"] / 1e6, "MB", detail="plotly.js inlined once")
    section.raw = measured
    return section
