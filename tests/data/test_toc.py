"""The book's settings files, each read by one function (:mod:`cuproptosis_book.toc`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cuproptosis_book.toc import Repository, book_config, repository, toc_pages


def test_the_repository_setting_of_this_book() -> None:
    repo = repository(book_config())
    assert repo == Repository(
        "https://github.com/cuproptosis-book/cuproptosis-book", "cuproptosis-book/cuproptosis-book", "main"
    )


def test_a_fork_changes_the_repository_in_one_place(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text(
        "title: x\nrepository:\n  url: https://github.com/someone/fork/   # a comment\n  branch: draft\n",
        encoding="utf-8",
    )
    assert repository(book_config(tmp_path)) == Repository("https://github.com/someone/fork", "someone/fork", "draft")
    assert repository({"repository": {"url": "https://github.com/a/b"}}).branch == "main"


def test_a_config_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(TypeError, match=r"_config.yml: not a mapping"):
        book_config(tmp_path)


def test_toc_pages_in_book_order(tmp_path: Path) -> None:
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/a\nparts:\n- caption: P\n  chapters:\n  - file: chapters/b.ipynb\n"
        "    sections:\n    - file: chapters/c\n- caption: Q\n  chapters:\n  - file: reference/d.md\n",
        encoding="utf-8",
    )
    assert toc_pages(tmp_path) == ["chapters/a", "chapters/b", "chapters/c", "reference/d"]
