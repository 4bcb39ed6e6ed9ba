"""``python -m helpers``: the course's authoring commands.

* ``python -m helpers new-lesson NN slug "Title"``: scaffold a lesson (:mod:`helpers.authoring.scaffold`);
* ``python -m helpers sync``: regenerate every generated part of the course (:mod:`helpers.authoring.sync`).
"""

from __future__ import annotations

import argparse
import sys

from helpers.authoring import scaffold, sync


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new-lesson", help="scaffold a lesson: registry entry, notebook, guide, banks, module")
    new.add_argument("number", help="two digits: the next lesson number, e.g. 08")
    new.add_argument("slug", help="lower-case snake case, e.g. sleep_and_memory (file names: NN_slug)")
    new.add_argument("title", help="the lesson's full title, quoted")
    commands.add_parser("sync", help="regenerate every generated line, cell, block and the extension minutes")
    args = parser.parse_args(argv)
    try:
        if args.command == "new-lesson":
            scaffold.new_lesson(args.number, args.slug, args.title)
            print(f"Lesson {args.number} is scaffolded. Replace every TODO (grep -rn TODO), run "
                  "`python -m helpers sync`, then `make test`.")
        else:
            sync.sync()
    except ValueError as error:
        print(f"python -m helpers {args.command}: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
