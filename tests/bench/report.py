"""The benchmark's targets, the machine description, the printed table and the JSON record."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "build" / "bench"

# The course's targets. A figure is "ok" when it is at or below its target.
TARGETS = {
    "execution_ratio": 1.25,         # notebook wall time / baseline notebook wall time
    "interaction_p95_ms": 20.0,      # kernel-side, slider value set -> chart widget holds new data
    "lab_round_trip_p95_ms": 150.0,  # JupyterLab, key press on a slider -> plot redrawn
    "lab_run_all_mb": 3.0,           # JupyterLab, bytes to the browser during one lesson's Run All
    "kernel_rss_mb": 300.0,          # the lesson's kernel after Run All
    "handout_page_mb": 2.5,          # each handout HTML page
    "handout_draw_s": 1.0,           # cold open: fresh browser context -> last chart drawn (Chromium)
    "handout_build_s": 90.0,         # all handouts, on a 2-core machine
}


@dataclass
class Row:
    """One line of the table: a measured figure beside its target (``target`` None: no target)."""

    section: str
    item: str
    value: float | None
    unit: str
    target: float | None = None
    detail: str = ""

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "n/a"
        if self.target is None:
            return ""
        return "ok" if self.value <= self.target else "MISS"


@dataclass
class Section:
    """The rows of one benchmark section, notes to print under them, and raw data for the JSON."""

    name: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    raw: dict = field(default_factory=dict)

    def add(self, item: str, value: float | None, unit: str, target: float | None = None, detail: str = "") -> None:
        self.rows.append(Row(self.name, item, value, unit, target, detail))


def percentile_ms(seconds: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of durations given in seconds, in milliseconds."""
    ordered = sorted(seconds)
    if not ordered:
        raise ValueError("no timings to summarise")
    rank = (len(ordered) - 1) * q / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return 1000.0 * (ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> dict:
    """Where the figures were measured: cores, CPU model, memory, Python, load at the start."""
    return {
        "cores": os.cpu_count(),
        "cpu": _cpu_model(),
        "memory_gb": _memory_gb(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "load_average_1min": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def format_table(sections: list[Section], host: dict) -> str:
    """The one table ``make bench`` prints: figure, target and verdict per line, notes under each section."""
    lines = [f"Machine: {host['cores']} cores, {host['cpu']}, {host['memory_gb']} GB RAM, Python {host['python']}, "
             f"load {host['load_average_1min']:.2f} at start" if host.get("load_average_1min") is not None
             else f"Machine: {host}"]
    header = f"{'section':<12} {'item':<58} {'figure':>12} {'target':>10}  {'':4} detail"
    for section in sections:
        lines += ["", header, "-" * len(header)]
        for row in section.rows:
            value = "-" if row.value is None else f"{row.value:.{_digits(row.value)}f} {row.unit}"
            target = "" if row.target is None else f"<= {row.target:g}"
            lines.append(f"{row.section:<12} {row.item:<58.58} {value:>12} {target:>10}  {row.verdict:4} {row.detail}")
        lines += [f"  note: {note}" for note in section.notes]
    return "\n".join(lines)


def _digits(value: float) -> int:
    return 0 if abs(value) >= 100 else (1 if abs(value) >= 1 else 2)


def write_json(sections: list[Section], host: dict, out_dir: Path = OUT_DIR) -> Path:
    """Write ``bench-<UTC time>.json`` and ``latest.json`` under ``out_dir``; return the first path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    record = {
        "measured_at_utc": stamp,
        "machine": host,
        "targets": TARGETS,
        "sections": [{"name": s.name, "rows": [{**asdict(r), "verdict": r.verdict} for r in s.rows],
                      "notes": s.notes, "raw": s.raw} for s in sections],
    }
    text = json.dumps(record, indent=1, default=float)
    path = out_dir / f"bench-{stamp}.json"
    path.write_text(text)
    (out_dir / "latest.json").write_text(text)
    return path
