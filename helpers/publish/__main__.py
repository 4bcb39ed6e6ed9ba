"""``python -m helpers.publish``: build the course handouts (see :mod:`helpers.publish.build`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.publish.build import DEFAULT_OUT_DIR, HandoutBuildError, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.publish", description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="output folder (default: build/handouts)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs")
    parser.add_argument("--pdf", action="store_true", help="fail if PDFs cannot be made (no Chromium)")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="notebooks to build (default: every lesson of lessons/course.yaml)")
    args = parser.parse_args(argv)
    pdf = False if args.no_pdf else (True if args.pdf else None)
    try:
        build(args.out, notebooks=args.notebooks or None, pdf=pdf, log=lambda line: print(line, flush=True))
    except HandoutBuildError as error:
        print(f"Handout build stopped: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
