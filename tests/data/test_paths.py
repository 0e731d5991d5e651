"""Where the book lives: one setting ($CUPROPTOSIS_BOOK_ROOT), a search from the current directory, a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from cuproptosis_book import paths

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _no_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(paths.ROOT_VARIABLE, raising=False)
    monkeypatch.delenv(paths.DATA_VARIABLE, raising=False)


def test_the_variable_names_the_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(paths.ROOT_VARIABLE, str(ROOT))
    assert paths.book_root() == ROOT
    assert paths.data_dir() == ROOT / "data"
    assert paths.chapters_dir() == ROOT / "chapters"


def test_a_variable_pointing_elsewhere_is_an_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.ROOT_VARIABLE, str(tmp_path))
    with pytest.raises(paths.BookNotFound, match=r"CUPROPTOSIS_BOOK_ROOT=.* does not hold _config.yml"):
        paths.book_root()


def test_found_from_a_folder_inside_the_book(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    book = tmp_path / "book"
    (book / "data").mkdir(parents=True)
    (book / "_config.yml").write_text("title: x\n", encoding="utf-8")
    (book / "data" / "datapackage.json").write_text("{}", encoding="utf-8")
    (book / "chapters").mkdir()
    monkeypatch.chdir(book / "chapters")  # a notebook runs in its own folder
    assert paths.book_root() == book.resolve()


def test_falls_back_to_the_folder_beside_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # nothing of the book here or above
    assert paths.book_root() == ROOT  # this checkout is an editable install


def test_nowhere_to_be_found_says_to_set_the_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(paths, "package_dir", lambda: tmp_path / "site-packages" / "cuproptosis_book")
    with pytest.raises(paths.BookNotFound, match=r"set \$CUPROPTOSIS_BOOK_ROOT"):
        paths.book_root()


def test_the_data_variable_still_overrides_the_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.DATA_VARIABLE, str(tmp_path))
    assert paths.data_dir() == tmp_path
