"""Where the book lives: one setting, from which every other path is derived.

The book root is the folder that holds ``_config.yml`` and ``data/datapackage.json``. It is, in order:

1. ``$CUPROPTOSIS_BOOK_ROOT`` when set;
2. the nearest folder, from the current directory upwards, that holds both files (a notebook runs inside the
   book, so this finds it wherever the package is installed);
3. the folder above the package when it holds them (an editable install run from elsewhere).

Otherwise :func:`book_root` raises :class:`BookNotFound` saying to set the variable. ``$CUPROPTOSIS_BOOK_DATA``
still overrides the data folder alone (tests point it at broken copies of ``data/``).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_VARIABLE = "CUPROPTOSIS_BOOK_ROOT"
DATA_VARIABLE = "CUPROPTOSIS_BOOK_DATA"
_MARKERS = ("_config.yml", "data/datapackage.json")
#: The folder, under the book root, of the student edition (``student_edition/<chapter>.ipynb``).
STUDENT_DIR = "student_edition"


class BookNotFound(RuntimeError):
    """The book's files cannot be found from here."""


def _is_root(folder: Path) -> bool:
    return all((folder / marker).is_file() for marker in _MARKERS)


def package_dir() -> Path:
    """The folder of the ``cuproptosis_book`` package (its static files and templates live under it)."""
    return Path(__file__).resolve().parent


def book_root() -> Path:
    """The folder holding ``_config.yml``, ``data/``, ``chapters/`` (see the module docstring for the order)."""
    env = os.environ.get(ROOT_VARIABLE)
    if env:
        root = Path(env).resolve()
        if not _is_root(root):
            msg = f"${ROOT_VARIABLE}={env} does not hold {' and '.join(_MARKERS)}"
            raise BookNotFound(msg)
        return root
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if _is_root(folder):
            return folder
    if _is_root(package_dir().parent):
        return package_dir().parent
    msg = (
        f"cannot find the book (a folder holding {' and '.join(_MARKERS)}) from {here}; "
        f"set ${ROOT_VARIABLE} to the book's folder"
    )
    raise BookNotFound(msg)


def data_dir() -> Path:
    """The folder of the review's data (``$CUPROPTOSIS_BOOK_DATA`` if set, else ``<book root>/data``)."""
    env = os.environ.get(DATA_VARIABLE)
    return Path(env) if env else book_root() / "data"


def chapters_dir() -> Path:
    """The folder of the chapter notebooks."""
    return book_root() / "chapters"


def static_dir() -> Path:
    """The site's static files (explorer script and stylesheet), shipped with the package."""
    return package_dir() / "site" / "_static"


def templates_dir() -> Path:
    """The site's page templates, shipped with the package."""
    return package_dir() / "site" / "_templates"
