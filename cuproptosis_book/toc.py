"""The book's table of contents (``_toc.yml``), read once with a YAML parser for every tool that needs it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from cuproptosis_book.paths import book_root


def toc_pages(root: Path | None = None) -> list[str]:
    """Every page of ``_toc.yml`` in book order, as paths without a suffix (``chapters/introduction``)."""
    root = root if root is not None else book_root()
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {}
    out: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    out.append(re.sub(r"\.(ipynb|md|rst)$", "", node[key]))
            for key in ("parts", "chapters", "sections"):
                for child in node.get(key) or []:
                    visit(child)
        elif isinstance(node, list):
            for child in node:
                visit(child)

    visit(toc)
    return out


def toc_notebooks(root: Path | None = None) -> list[Path]:
    """Every notebook listed in ``_toc.yml`` (root and chapters), in book order."""
    root = root if root is not None else book_root()
    return [root / f"{page}.ipynb" for page in toc_pages(root) if (root / f"{page}.ipynb").exists()]
