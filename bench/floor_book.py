"""The floor book: the cheapest book of the same size as ours, built and tested beside it (bench/README.md)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from bench.harness import BENCH, ROOT

FLOOR_TEMPLATE = BENCH / "floor"
STACK = ("matplotlib.pyplot", "networkx", "pandas", "ipywidgets")


def toc_notebook_count(root: Path = ROOT) -> int:
    from cuproptosis_book.toc import toc_notebooks

    return len(toc_notebooks(root))


def pytest_section(pyproject_text: str) -> str:
    """The ``[tool.pytest.ini_options]`` table of a pyproject.toml, verbatim."""
    m = re.search(r"^\[tool\.pytest\.ini_options\]\n.*?(?=^\[|\Z)", pyproject_text, re.MULTILINE | re.DOTALL)
    return m.group(0) if m else ""


def make_floor_book(dst: Path, n: int, root: Path = ROOT) -> list[Path]:
    """A book with the book's ``_config.yml`` and ``n`` notebook pages that each only import the stack.

    The config is the book's own, unchanged; so that it builds, the floor gets what the config names:
    ``data/`` (the book's extension validates it, bibtex reads references.bib) and the favicon. For nbval
    it gets the book's pytest settings (``[tool.pytest.ini_options]``, root conftest.py, sanitize file).
    Returns the notebooks, in toc order.
    """
    if n < 1:
        msg = "a floor book needs at least one notebook"
        raise ValueError(msg)
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / "_config.yml", dst / "_config.yml")
    if (root / "data").is_dir():
        shutil.copytree(root / "data", dst / "data", dirs_exist_ok=True)
    favicon = re.search(r"^\s*favicon:\s*(\S+)", (root / "_config.yml").read_text(encoding="utf-8"), re.MULTILINE)
    if favicon and (root / favicon.group(1)).is_file():
        (dst / favicon.group(1)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / favicon.group(1), dst / favicon.group(1))
    if (root / "pyproject.toml").is_file():
        (dst / "pyproject.toml").write_text(
            pytest_section((root / "pyproject.toml").read_text(encoding="utf-8")), encoding="utf-8"
        )
    for extra in ("conftest.py", "tests/nbval_sanitize.cfg"):
        if (root / extra).is_file():
            (dst / extra).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / extra, dst / extra)
    template = (FLOOR_TEMPLATE / "page.ipynb").read_text(encoding="utf-8")
    (dst / "chapters").mkdir(exist_ok=True)
    paths = []
    for i in range(1, n + 1):
        path = dst / "chapters" / f"floor{i:02d}.ipynb"
        path.write_text(template.replace("{n}", str(i)), encoding="utf-8")
        paths.append(path)
    toc = ["format: jb-book", f"root: chapters/{paths[0].stem}"]
    if n > 1:
        toc += ["chapters:"] + [f"  - file: chapters/{p.stem}" for p in paths[1:]]
    (dst / "_toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")
    return paths
