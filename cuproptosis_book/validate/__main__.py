"""``python -m cuproptosis_book.validate [BOOK_ROOT]``: one line per problem of the book's data; exit 1 if any."""

from __future__ import annotations

import sys
from pathlib import Path

from .book import check_data_folder


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(__doc__.strip())
        return 2
    root = Path(args[0]) if args else Path.cwd()
    folder = root / "data"
    if not (folder / "datapackage.json").exists() and (root / "datapackage.json").exists():
        folder = root  # a data folder (the unpacked data zip) given directly
    prefix = "" if folder == root else "data/"
    problems = check_data_folder(folder)
    for problem in problems:
        print(problem.render(prefix))
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in {folder}", file=sys.stderr)
        return 1
    print(f"{folder}: every file is valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
