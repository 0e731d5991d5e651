"""Bad input gives a clear error naming the file, the line and the column; nothing is silently fixed.

Each test copies the real data folder, breaks one thing, and checks the error the loader raises.
"""
from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cuproptosis_book import data
from cuproptosis_book.data import DataError

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit_line(path: Path, line: int, change: Callable[[str], str]) -> None:
    """Apply ``change`` to one line (1-based) of a text file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = change(lines[line - 1])
    path.write_text("\n".join(lines), encoding="utf-8")


def line_of(path: Path, startswith: str) -> int:
    for i, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if text.startswith(startswith):
            return i
    raise AssertionError(f"no line starting with {startswith!r} in {path.name}")


def load_error(folder: Path) -> DataError:
    with pytest.raises(DataError) as info:
        data.load_all(folder)
    return info.value


def test_the_real_data_validates() -> None:
    review = data.load_all(DATA)
    assert len(review.references) == data.N_REFERENCES + 1
    assert {"cu_i", "cu_ii", "fdx1", "dlat", "slc31a1"} <= set(review.entities.index)


def test_missing_file(folder: Path) -> None:
    (folder / "trials.csv").unlink()
    err = load_error(folder)
    assert err.file == "trials.csv" and "missing file" in err.message


def test_missing_column(folder: Path) -> None:
    path = folder / "trials.csv"
    rows = [line.split(",", 1)[1] if line else line for line in path.read_text(encoding="utf-8").split("\n")]
    path.write_text("\n".join(rows), encoding="utf-8")  # drops the first column, 'ref'
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("trials.csv", 1, "ref")
    assert "missing column 'ref'" in err.message


def test_missing_column_named(folder: Path) -> None:
    path = folder / "errata.csv"
    edit_line(path, 1, lambda s: s.replace(",refs", ""))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("errata.csv", 1, "refs")
    assert "missing column" in err.message


def test_unexpected_column(folder: Path) -> None:
    path = folder / "trials.csv"
    edit_line(path, 1, lambda s: s + ",sponsor")
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("trials.csv", 1, "sponsor")
    assert "unexpected column" in err.message


def test_empty_required_field(folder: Path) -> None:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_line(path, n, lambda s: s.replace("fdx1,FDX1,", "fdx1,,", 1))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("entities.csv", n, "label")
    assert "required" in err.message


def test_wrong_type(folder: Path) -> None:
    path = folder / "trials.csv"
    edit_line(path, 2, lambda s: "one hundred" + s[len("100"):])
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("trials.csv", 2, "ref")
    assert "expected an integer" in err.message


def test_wrong_boolean(folder: Path) -> None:
    path = folder / "resistance.csv"
    edit_line(path, 2, lambda s: s.replace(",true,", ",yes,", 1))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("resistance.csv", 2, "in_table2")
    assert "true or false" in err.message


def test_duplicate_id(folder: Path) -> None:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    line = path.read_text(encoding="utf-8").split("\n")[n - 1]
    with path.open("a", encoding="utf-8") as f:
        f.write(line.replace(",FDX1,", ",FDX1 again,", 1) + "\n")
    err = load_error(folder)
    assert err.file == "entities.csv" and err.column == "id"
    assert "duplicate" in err.message and f"line {n}" in err.message


def test_unknown_entity_in_relation(folder: Path) -> None:
    path = folder / "relations.csv"
    edit_line(path, 2, lambda s: "no_such_protein," + s.split(",", 1)[1])
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("relations.csv", 2, "source")
    assert "unknown entity 'no_such_protein'" in err.message


def test_entity_of_the_wrong_kind(folder: Path) -> None:
    path = folder / "resistance.csv"
    edit_line(path, 2, lambda s: s.replace(",cervical_cancer,", ",cisplatin,", 1))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("resistance.csv", 2, "cancer")
    assert "expected an entity of kind cancer" in err.message


def test_unknown_reference_number(folder: Path) -> None:
    bib = folder / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@article{ref50,")
    end = text.index("@", start + 1)
    bib.write_text(text[:start] + text[end:], encoding="utf-8")
    err = load_error(folder)
    assert err.file == "references.bib" and err.column == "reviewref"
    assert "[50]" in err.message


def test_reference_number_outside_range(folder: Path) -> None:
    path = folder / "trials.csv"
    edit_line(path, 2, lambda s: "123" + s[len("100"):])
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("trials.csv", 2, "ref")
    assert "outside 1-122" in err.message


def test_value_outside_controlled_vocabulary(folder: Path) -> None:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_line(path, n, lambda s: s.replace(",protein,", ",enzyme,", 1))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("entities.csv", n, "kind")
    assert "'enzyme' is not one of" in err.message


def test_section_outside_vocabulary(folder: Path) -> None:
    path = folder / "trials.csv"
    edit_line(path, 2, lambda s: s.replace("resistance_ionophores", "somewhere_else", 1))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("trials.csv", 2, "section")
    assert "section vocabulary" in err.message


def test_malformed_bibtex(folder: Path) -> None:
    bib = folder / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@article{ref8,")
    broken = text[:start] + text[start:].replace("}},", "},", 1)  # an unbalanced brace in ref8's title
    bib.write_text(broken, encoding="utf-8")
    err = load_error(folder)
    assert err.file == "references.bib" and "malformed BibTeX" in err.message
    assert err.line is not None and err.line > text[:start].count("\n")


def test_bibtex_entry_that_loses_its_author(folder: Path) -> None:
    bib = folder / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@article{ref7,")
    author_start = text.index("  author = ", start)
    author_end = text.index("\n", author_start) + 1
    bib.write_text(text[:author_start] + text[author_end:], encoding="utf-8")
    err = load_error(folder)
    assert (err.file, err.column) == ("references.bib", "author")
    assert "ref7 lacks an author" in err.message


def test_non_utf8_bytes(folder: Path) -> None:
    path = folder / "entities.csv"
    raw = path.read_bytes().split(b"\n")
    raw[3] = raw[3].replace(b",", b",\xe9", 1)  # a Latin-1 é at the start of the second cell
    path.write_bytes(b"\n".join(raw))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("entities.csv", 4, "label")
    assert "not UTF-8" in err.message


def test_stray_whitespace(folder: Path) -> None:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_line(path, n, lambda s: s.replace("fdx1,FDX1,", "fdx1,FDX1 ,", 1))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("entities.csv", n, "label")
    assert "whitespace" in err.message


def test_padded_list_item(folder: Path) -> None:
    path = folder / "resistance.csv"
    edit_line(path, 2, lambda s: s.replace("resistance_chelators;table2", "resistance_chelators;;table2", 1))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("resistance.csv", 2, "section")
    assert "empty or padded item" in err.message


def test_html_in_a_text_field(folder: Path) -> None:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_line(path, n, lambda s: s.replace(",protein,", ",protein,<script>alert(1)</script>", 1))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("entities.csv", n, "full_name")
    assert "HTML markup is not allowed" in err.message


def test_wrong_number_of_cells(folder: Path) -> None:
    path = folder / "trials.csv"
    edit_line(path, 3, lambda s: s + ",surplus")
    err = load_error(folder)
    assert (err.file, err.line) == ("trials.csv", 3)
    assert "cells" in err.message


def test_unknown_erratum(folder: Path) -> None:
    path = folder / "resistance.csv"
    edit_line(path, 2, lambda s: s.replace("resistance_chelators;table2,,", "resistance_chelators;table2,E99,", 1))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("resistance.csv", 2, "erratum")
    assert "unknown erratum 'E99'" in err.message


def test_quoted_table_text_must_keep_its_quotes(folder: Path) -> None:
    path = folder / "nanoparticles.csv"
    edit_line(path, 2, lambda s: s.replace("“", "", 1))
    err = load_error(folder)
    assert (err.file, err.line, err.column) == ("nanoparticles.csv", 2, "effects_printed")


def test_every_data_file_is_described_in_the_datapackage() -> None:
    schema = data.load_schema(DATA)
    described = {r.path for r in schema.resources.values()} | {"datapackage.json", "README.md"}
    present = {p.name for p in DATA.iterdir() if p.is_file()}
    assert present == described
