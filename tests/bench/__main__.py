"""``python -m bench`` (``make bench``): measure the course and print one table (JSON under build/bench/)."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from bench import class_report, handouts, interaction, jupyterlab, lab_lessons, models, notebooks
from bench.report import OUT_DIR, format_table, machine, write_json

SECTIONS = {
    "notebooks": lambda args: notebooks.run(repeats=args.repeats),
    "interaction": lambda args: interaction.run(changes=args.changes),
    "models": lambda args: models.run(),
    "handouts": lambda args: handouts.run(built=args.handouts_from),
    "jupyterlab": lambda args: jupyterlab.run(presses=args.presses),
    "lab_lessons": lambda args: lab_lessons.run(lessons=args.lessons),
    "class_report": lambda args: class_report.run(),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections to run (default: all): {', '.join(SECTIONS)}")
    parser.add_argument("--repeats", type=int, default=notebooks.REPEATS,
                        help="rounds of notebook execution (baseline and lessons alternate)")
    parser.add_argument("--changes", type=int, default=interaction.CHANGES,
                        help="timed moves per control (kernel-side latency)")
    parser.add_argument("--presses", type=int, default=jupyterlab.PRESSES,
                        help="timed key presses per explorer in JupyterLab")
    parser.add_argument("--lessons", default="",
                        help="lab_lessons only: comma-separated notebook prefixes to run (default: every lesson)")
    parser.add_argument("--handouts-from", type=Path, default=None,
                        help="measure the handout pages in this folder instead of building them")
    args = parser.parse_args(argv)
    # Stopped (Ctrl-C or SIGTERM), the benchmark still stops the server and browser it started
    # and prints what it measured so far.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in SECTIONS]
    if unknown:
        parser.error(f"unknown section {unknown[0]!r}; choose from {', '.join(SECTIONS)}")
    host = machine()
    sections = []
    for name in wanted:
        start = time.perf_counter()
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        try:
            sections.append(SECTIONS[name](args))
        except KeyboardInterrupt:
            print(f"bench: stopped during {name}; printing what was measured", file=sys.stderr, flush=True)
            break
        print(f"bench: {name} done in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    print(format_table(sections, host))
    path = write_json(sections, host)
    latest = (OUT_DIR / "latest.json").relative_to(OUT_DIR.parents[1])
    print(f"\nJSON: {path.relative_to(OUT_DIR.parents[1])} (and {latest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
