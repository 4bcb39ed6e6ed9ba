"""``python -m helpers.classroom``: the class report from learners' records, and a synthetic class to try it on.

    python -m helpers.classroom report RECORDS... -o OUTDIR [--show-ids]
    python -m helpers.classroom synthetic N -o DIR [--seed S]

``report`` exits 0 when it read at least one record (each file it skipped is named, with its reason), 1 with a
one-line reason when it read none or cannot write where asked, 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.classroom import ReportError, make_report
from helpers.classroom.synthetic import DEFAULT_SEED, write_class


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers.classroom", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    report = commands.add_parser("report", help="write the class report (one offline HTML page) from learners' "
                                                "downloaded records")
    report.add_argument("records", nargs="+", type=Path, metavar="RECORDS",
                        help="record files, or folders whose *.json files are records")
    report.add_argument("-o", "--out", required=True, type=Path, metavar="OUTDIR",
                        help="folder for index.html (not a folder the records are in)")
    report.add_argument("--show-ids", action="store_true",
                        help="list each counted file's name and record id, and name the counted file a skipped "
                             "copy repeats (left out by default: only the files not counted are named)")
    report.set_defaults(run=_report)
    synthetic = commands.add_parser("synthetic", help="write a synthetic class's records (seeded, reproducible)")
    synthetic.add_argument("learners", type=_positive, metavar="N", help="how many learners")
    synthetic.add_argument("-o", "--out", required=True, type=Path, metavar="DIR", help="folder for the records")
    synthetic.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    synthetic.set_defaults(run=_synthetic)
    return parser


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _report(args) -> int:
    try:
        outcome = make_report(args.records, args.out, show_ids=args.show_ids)
    except ReportError as error:
        _print_skipped(error.skipped, args.show_ids)
        print(f"class report: {error}", file=sys.stderr)
        return 1
    reading = outcome.reading
    events = sum(len(record.events) for record in reading.records)
    print(f"Read {len(reading.records)} learner record{'s' if len(reading.records) != 1 else ''} "
          f"({events} events).")
    _print_skipped(reading.skipped, args.show_ids)
    print(f"Report: {outcome.page}")
    return 0


def _print_skipped(skipped, show_ids: bool) -> None:
    """Each skipped file with its reason (a copy names the counted file it repeats only with ``--show-ids``)."""
    if skipped:
        print(f"Skipped {len(skipped)} file{'s' if len(skipped) != 1 else ''}:")
    for item in skipped:
        print(f"  {item.path}: {item.explained(show_ids)}")


def _synthetic(args) -> int:
    paths = write_class(args.learners, args.out, seed=args.seed)
    print(f"Wrote {len(paths)} synthetic learner records (seed {args.seed}) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
