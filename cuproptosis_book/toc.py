"""The book's two settings files, each read by one function with a YAML parser for every tool that needs it.

- ``_toc.yml``, the table of contents: :func:`toc_pages` (:func:`pages_of` for a table already read),
  :func:`toc_notebooks` (the chapter list with titles is
  :func:`cuproptosis_book.chapter_source.book_chapters`);
- ``_config.yml``, the Jupyter Book configuration: :func:`book_config`, and :func:`repository` for the
  ``repository`` setting a fork changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from cuproptosis_book.paths import book_root


def toc_pages(root: Path | None = None) -> list[str]:
    """Every page of ``_toc.yml`` in book order, as paths without a suffix (``chapters/introduction``)."""
    root = root if root is not None else book_root()
    return pages_of(yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8")) or {})


def pages_of(toc: Any) -> list[str]:
    """The pages of a table of contents already read (``_toc.yml``'s structure), in book order, without suffix."""
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


def book_config(root: Path | None = None) -> dict[str, Any]:
    """``_config.yml`` as a mapping."""
    root = root if root is not None else book_root()
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    if not isinstance(config, dict):
        msg = f"{root / '_config.yml'}: not a mapping"
        raise TypeError(msg)
    return config


class Repository(NamedTuple):
    """The ``repository`` setting of ``_config.yml``: its URL, ``owner/name`` and branch."""

    url: str
    slug: str
    branch: str


def repository(config: Mapping[str, Any]) -> Repository:
    """The repository named by ``config`` (a :func:`book_config` mapping); the branch defaults to ``main``."""
    repo = config.get("repository") or {}
    url = str(repo.get("url", "")).rstrip("/")
    return Repository(url, "/".join(url.split("/")[-2:]), str(repo.get("branch") or "main"))
