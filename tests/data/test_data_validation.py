"""Bad input gives a clear error naming the file, the line and the column; nothing is silently fixed.

Each case copies the real data folder, breaks one thing, and checks the error the loader raises. The same
broken folders are then given to the reference validator (Frictionless, as ``make test`` runs it: the data
package plus the ``duplicate-row`` check), which must reject them too wherever Table Schema can express the
rule. Where the rule goes beyond the standard (cross-table checks into BibTeX or entity kinds, rules on the
items of a list, whitespace, markup), the case says so and the validator is expected to accept the file:
that documents exactly what only the book's loader sees.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import frictionless
import pytest
from frictionless.checks.row.duplicate_row import duplicate_row

from cuproptosis_book import data
from cuproptosis_book.data import DataError

DATA = Path(__file__).resolve().parents[2] / "data"
ANY = object()  # an expected line or column that the case does not pin down


@pytest.fixture
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
    msg = f"no line starting with {startswith!r} in {path.name}"
    raise AssertionError(msg)


def _row(path: Path, line: int) -> tuple[list[str], list[str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(csv.reader([lines[0]])), next(csv.reader([lines[line - 1]]))


def line_where(path: Path, column: str, test: Callable[[str], bool]) -> int:
    """The first one-line record whose cell in ``column`` passes ``test``."""
    for i, text in enumerate(path.read_text(encoding="utf-8").split("\n")[1:], start=2):
        header, cells = _row(path, i) if text else ([], [])
        if cells and len(cells) == len(header) and test(cells[header.index(column)]):
            return i
    msg = f"no record in {path.name} with a fitting {column!r}"
    raise AssertionError(msg)


def edit_cell(path: Path, line: int, column: str, change: Callable[[str], str]) -> None:
    """Rewrite one cell of a one-line record, leaving every other line byte for byte as it was."""
    header, cells = _row(path, line)
    cells[header.index(column)] = change(cells[header.index(column)])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)  # "\n" as terminator: a cell holding one is quoted
    edit_line(path, line, lambda _: out.getvalue()[:-1])


def load_error(folder: Path, file: str = "") -> DataError:
    """The error of the loader that reads ``file``: the course loader for ``course/…``, else load_all."""
    load = (lambda: data.course_rows("questions", folder / "course")) if file.startswith("course/") else None
    with pytest.raises(DataError, match=r"^[\w./-]+(, line \d+)?(, column '[^']+')?: \S") as info:
        load() if load is not None else data.load_all(folder)
    return info.value


def reference_validator(folder: Path, file: str = "") -> frictionless.Report:
    """The Frictionless validator on the data package holding ``file``, with the duplicate-row check."""
    package = folder / ("course" if file.startswith("course/") else "") / "datapackage.json"
    report: frictionless.Report = frictionless.validate(str(package), checks=[duplicate_row()])
    return report


def invalid_resources(report: frictionless.Report) -> set[str]:
    return {task.name for task in report.tasks if not task.valid} | ({"package"} if report.errors else set())


# --------------------------------------------------------------------------- the bad-input cases


@dataclass(frozen=True)
class Expect:
    """What the loader must say: file, line, column (or ANY) and a fragment of the message."""

    file: str
    line: object
    column: object
    fragment: str


@dataclass(frozen=True)
class Case:
    """One way to break the data. ``beyond`` says why Table Schema cannot express the rule (empty: it can)."""

    name: str
    break_it: Callable[[Path], Expect]
    beyond: str = ""


def _missing_file(folder: Path) -> Expect:
    (folder / "trials.csv").unlink()
    return Expect("trials.csv", ANY, ANY, "missing file")


def _missing_column(folder: Path) -> Expect:
    path = folder / "trials.csv"
    rows = [line.split(",", 1)[1] if line else line for line in path.read_text(encoding="utf-8").split("\n")]
    path.write_text("\n".join(rows), encoding="utf-8")  # drops the first column, 'ref'
    return Expect("trials.csv", 1, "ref", "missing column 'ref'")


def _missing_column_named(folder: Path) -> Expect:
    edit_line(folder / "errata.csv", 1, lambda s: s.replace(",refs", ""))
    return Expect("errata.csv", 1, "refs", "missing column")


def _unexpected_column(folder: Path) -> Expect:
    edit_line(folder / "trials.csv", 1, lambda s: s + ",sponsor")
    return Expect("trials.csv", 1, "sponsor", "unexpected column")


def _empty_required_field(folder: Path) -> Expect:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_line(path, n, lambda s: s.replace("fdx1,FDX1,", "fdx1,,", 1))
    return Expect("entities.csv", n, "label", "required")


def _wrong_type(folder: Path) -> Expect:
    edit_line(folder / "trials.csv", 2, lambda s: "one hundred" + s[len("100") :])
    return Expect("trials.csv", 2, "ref", "expected an integer")


def _wrong_boolean(folder: Path) -> Expect:
    edit_line(folder / "resistance.csv", 2, lambda s: s.replace(",true,", ",yes,", 1))
    return Expect("resistance.csv", 2, "in_table2", "expected true or false, found 'yes'")


def _boolean_spelled_otherwise(folder: Path) -> Expect:
    # Table Schema accepts True and 1 by default; the package narrows trueValues to "true" for both readers.
    edit_line(folder / "resistance.csv", 2, lambda s: s.replace(",true,", ",True,", 1))
    return Expect("resistance.csv", 2, "in_table2", "expected true or false, found 'True'")


def _duplicate_id(folder: Path) -> Expect:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    line = path.read_text(encoding="utf-8").split("\n")[n - 1]
    with path.open("a", encoding="utf-8") as f:
        f.write(line.replace(",FDX1,", ",FDX1 again,", 1) + "\n")
    return Expect("entities.csv", ANY, "id", f"duplicate value 'fdx1' (first at line {n})")


def _duplicate_relation_row(folder: Path) -> Expect:
    path = folder / "relations.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.split("\n")[1] + "\n", encoding="utf-8")
    last = text.count("\n") + 1
    return Expect("relations.csv", last, None, f"duplicate row: line {last} repeats line 2 word for word")


def _unknown_entity_in_relation(folder: Path) -> Expect:
    edit_line(folder / "relations.csv", 2, lambda s: "no_such_protein," + s.split(",", 1)[1])
    return Expect("relations.csv", 2, "source", "unknown entity 'no_such_protein'")


def _entity_of_the_wrong_kind(folder: Path) -> Expect:
    edit_line(folder / "resistance.csv", 2, lambda s: s.replace(",cervical_cancer,", ",cisplatin,", 1))
    return Expect("resistance.csv", 2, "cancer", "expected an entity of kind cancer")


def _unknown_reference_number(folder: Path) -> Expect:
    bib = folder / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@article{ref50,")
    end = text.index("@", start + 1)
    bib.write_text(text[:start] + text[end:], encoding="utf-8")
    return Expect("references.bib", ANY, "reviewref", "[50]")


def _reference_number_outside_range(folder: Path) -> Expect:
    edit_line(folder / "trials.csv", 2, lambda s: "123" + s[len("100") :])
    return Expect("trials.csv", 2, "ref", "outside 1-122")


def _value_outside_controlled_vocabulary(folder: Path) -> Expect:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_line(path, n, lambda s: s.replace(",protein,", ",enzyme,", 1))
    return Expect("entities.csv", n, "kind", "'enzyme' is not one of")


def _section_outside_vocabulary(folder: Path) -> Expect:
    edit_line(folder / "trials.csv", 2, lambda s: s.replace("resistance_ionophores", "somewhere_else", 1))
    return Expect("trials.csv", 2, "section", "section vocabulary")


def _unknown_effect_tag(folder: Path) -> Expect:
    edit_line(folder / "nanoparticles.csv", 2, lambda s: s.replace(";immune_response", ";immune_boost", 1))
    return Expect("nanoparticles.csv", 2, "effect_tags", "'immune_boost' is not one of")


def _malformed_bibtex(folder: Path) -> Expect:
    bib = folder / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@article{ref8,")
    broken = text[:start] + text[start:].replace("}},", "},", 1)  # an unbalanced brace in ref8's title
    bib.write_text(broken, encoding="utf-8")
    return Expect("references.bib", ANY, ANY, "malformed BibTeX")


def _bibtex_entry_that_loses_its_author(folder: Path) -> Expect:
    bib = folder / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@article{ref7,")
    author_start = text.index("  author = ", start)
    author_end = text.index("\n", author_start) + 1
    bib.write_text(text[:author_start] + text[author_end:], encoding="utf-8")
    return Expect("references.bib", ANY, "author", "ref7 lacks an author")


def _non_utf8_bytes(folder: Path) -> Expect:
    path = folder / "entities.csv"
    raw = path.read_bytes().split(b"\n")
    raw[3] = raw[3].replace(b",", b",\xe9", 1)  # a Latin-1 é at the start of the second cell
    path.write_bytes(b"\n".join(raw))
    return Expect("entities.csv", 4, "label", "not UTF-8")


def _stray_whitespace(folder: Path) -> Expect:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_line(path, n, lambda s: s.replace("fdx1,FDX1,", "fdx1,FDX1 ,", 1))
    return Expect("entities.csv", n, "label", "whitespace")


def _padded_list_item(folder: Path) -> Expect:
    path = folder / "resistance.csv"
    edit_line(path, 2, lambda s: s.replace("resistance_chelators;table2", "resistance_chelators;;table2", 1))
    return Expect("resistance.csv", 2, "section", "empty or padded item")


def _empty_item_in_a_number_list(folder: Path) -> Expect:
    path = folder / "relations.csv"
    n = line_where(path, "refs", lambda v: ";" in v)
    edit_cell(path, n, "refs", lambda v: v.replace(";", ";;", 1))
    return Expect("relations.csv", n, "refs", "empty or padded item")


def _figure_number_outside_range(folder: Path) -> Expect:
    path = folder / "relations.csv"
    n = line_where(path, "figure", lambda v: v != "")
    edit_cell(path, n, "figure", lambda v: v + ";5")
    return Expect("relations.csv", n, "figure", "5 is above the maximum 4")


def _html_in_a_text_field(folder: Path) -> Expect:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_line(path, n, lambda s: s.replace(",protein,", ",protein,<script>alert(1)</script>", 1))
    return Expect("entities.csv", n, "full_name", "markup is not allowed in data text, found an HTML tag")


def _wrong_number_of_cells(folder: Path) -> Expect:
    edit_line(folder / "trials.csv", 3, lambda s: s + ",surplus")
    return Expect("trials.csv", 3, None, "cells")


def _unknown_erratum(folder: Path) -> Expect:
    path = folder / "resistance.csv"
    edit_line(path, 2, lambda s: s.replace("resistance_chelators;table2,,", "resistance_chelators;table2,E99,", 1))
    return Expect("resistance.csv", 2, "erratum", "unknown erratum 'E99'")


def _unknown_erratum_single_valued(folder: Path) -> Expect:
    # A single erratum id in a list cell: still a list field, so only the loader follows the link.
    path = folder / "relations.csv"
    n = line_where(path, "erratum", lambda v: v == "")
    edit_cell(path, n, "erratum", lambda _old: "E98")
    return Expect("relations.csv", n, "erratum", "unknown erratum 'E98'")


def _quoted_table_text_must_keep_its_quotes(folder: Path) -> Expect:
    edit_line(folder / "nanoparticles.csv", 2, lambda s: s.replace("“", "", 1))
    return Expect("nanoparticles.csv", 2, "effects_printed", "does not match the pattern")


# --------------------------------------------------------------------------- markup, scripts, layout of the file


def _put(
    folder: Path, text: str, file: str = "entities.csv", start: str = "fdx1,", column: str = "description"
) -> Expect:
    """Put ``text`` into one cell of the record starting with ``start`` (the rest of the file untouched)."""
    path = folder / file
    n = line_of(path, start)
    edit_cell(path, n, column, lambda _v: text)
    return Expect(file, n, column, "")


def _markup(text: str, what: str) -> Callable[[Path], Expect]:
    def break_it(folder: Path) -> Expect:
        e = _put(folder, f"A small protein. {text} It binds copper.")
        return Expect(e.file, e.line, e.column, f"markup is not allowed in data text, found {what}")

    return break_it


def _self_loop(folder: Path) -> Expect:
    path = folder / "relations.csv"
    n = line_of(path, "steap1,steap,part_of")
    edit_cell(path, n, "target", lambda _v: "steap1")
    return Expect("relations.csv", n, "target", "steap1 part_of steap1: a relation from an entity to itself")


def _part_of_cycle(folder: Path) -> Expect:
    path = folder / "relations.csv"
    n = line_of(path, "steap1,steap,part_of")
    line = path.read_text(encoding="utf-8").split("\n")[n - 1]
    with path.open("a", encoding="utf-8") as f:
        f.write(line.replace("steap1,steap,part_of", "steap,steap1,part_of", 1) + "\n")
    return Expect("relations.csv", ANY, "target", "part_of cycle: steap part_of steap1 part_of steap")


def _cyrillic_homoglyph_in_a_label(folder: Path) -> Expect:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_cell(path, n, "label", lambda _v: "FD\u0425" + "1")  # CYRILLIC CAPITAL LETTER HA
    return Expect("entities.csv", n, "label", "'FDХ1' mixes CYRILLIC and LATIN letters")


def _cyrillic_homoglyph_in_a_glossary_term(folder: Path) -> Expect:
    path = folder / "glossary.csv"
    n = line_of(path, "ATOX1,")
    edit_cell(path, n, "term", lambda _v: "AT\u041eX1")  # CYRILLIC CAPITAL LETTER O
    return Expect("glossary.csv", n, "term", "mixes CYRILLIC and LATIN letters")


def _greek_look_alike_in_a_label(folder: Path) -> Expect:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_cell(path, n, "label", lambda _v: "FD\u03a71")  # GREEK CAPITAL LETTER CHI beside Latin letters
    return Expect("entities.csv", n, "label", "which looks like a Latin letter")


def _zero_width_space(folder: Path) -> Expect:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_cell(path, n, "label", lambda _v: "FDX\u200b1")
    return Expect("entities.csv", n, "label", "U+200B ZERO WIDTH SPACE")


def _line_break_in_a_one_line_field(folder: Path) -> Expect:
    e = _put(folder, "A small protein.\nIt binds copper.")
    return Expect(e.file, e.line, "description", "a line break inside the cell")


def _bad_kind_in_a_multi_line_record_is_reported_at_its_first_line(folder: Path) -> Expect:
    path = folder / "entities.csv"
    n = line_of(path, "fdx1,")
    edit_cell(path, n, "description", lambda _v: "Line one.\n\nLine three.")
    text = path.read_text(encoding="utf-8").split("\n")
    text[n - 1] = text[n - 1].replace(",protein,", ",enzyme,", 1)
    path.write_text("\n".join(text), encoding="utf-8")
    return Expect("entities.csv", n, "kind", "'enzyme' is not one of")


def _windows_line_endings(folder: Path) -> Expect:
    path = folder / "entities.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    return Expect("entities.csv", 1, None, "Windows (CRLF) or old Mac (CR) line endings: re-save it")


def _byte_order_mark(folder: Path) -> Expect:
    path = folder / "trials.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return Expect("trials.csv", 1, None, "byte-order mark (BOM): re-save it as “CSV UTF-8”")


def _over_long_cell(folder: Path) -> Expect:
    e = _put(folder, "copper " * 20000)  # beyond Python's csv field limit of 131,072 characters
    return Expect(e.file, e.line, "description", "140000 characters: this column holds at most 2000")


def _package_without_resources(folder: Path) -> Expect:
    path = folder / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"resources":', '"resourcez":', 1), encoding="utf-8")
    return Expect("datapackage.json", 1, "resources", "missing or not a list")


def _resource_without_path(folder: Path) -> Expect:
    path = folder / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    text = text.replace('"path": "trials.csv",', "", 1)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index('"name": "trials"')].count("\n") + 1
    return Expect("datapackage.json", line, "resources[4].path", "missing: every resource needs the path")


def _package_declares_version_1(folder: Path) -> Expect:
    path = folder / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            '"$schema": "https://datapackage.org/profiles/2.0/datapackage.json"', '"profile": "data-package"', 1
        ),
        encoding="utf-8",
    )
    return Expect("datapackage.json", 1, "$schema", "Data Package v2, which defines the list type")


def _duplicate_bibtex_key(folder: Path) -> Expect:
    bib = folder / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@article{ref8,")
    end = text.index("\n@", start) + 1
    bib.write_text(text + "\n" + text[start:end], encoding="utf-8")
    line = (text + "\n").count("\n") + 1
    return Expect("references.bib", line, "key", "duplicate key 'ref8' (first at line")


BIB = "references.bib is a plain (non-tabular) resource: Table Schema does not read BibTeX"
MARKUP = "Table Schema has no rule against markup in text"
ROWS = "Table Schema has no rule across rows of a table (a relation's source and target; a cycle of part_of)"
SCRIPTS = "Table Schema has no rule on the scripts or the invisible characters of a string"
CASES = [
    Case("missing_file", _missing_file),
    Case("missing_column", _missing_column),
    Case("missing_column_named", _missing_column_named),
    Case("unexpected_column", _unexpected_column),
    Case("empty_required_field", _empty_required_field),
    Case("wrong_type", _wrong_type),
    Case("wrong_boolean", _wrong_boolean),
    Case("boolean_spelled_otherwise", _boolean_spelled_otherwise),
    Case("duplicate_id", _duplicate_id),
    Case("duplicate_relation_row", _duplicate_relation_row),
    Case("unknown_entity_in_relation", _unknown_entity_in_relation),
    Case(
        "entity_of_the_wrong_kind",
        _entity_of_the_wrong_kind,
        "x-kind: a foreign key into entities restricted to some kinds has no standard form",
    ),
    Case("unknown_reference_number", _unknown_reference_number, BIB),
    Case("reference_number_outside_range", _reference_number_outside_range),
    Case("value_outside_controlled_vocabulary", _value_outside_controlled_vocabulary),
    Case(
        "section_outside_vocabulary",
        _section_outside_vocabulary,
        "x-vocabulary on a list field: Table Schema constraints apply to the whole list, not to its items",
    ),
    Case(
        "unknown_effect_tag",
        _unknown_effect_tag,
        "x-itemConstraints: an enum for the items of a list has no standard form",
    ),
    Case("malformed_bibtex", _malformed_bibtex, BIB),
    Case("bibtex_entry_that_loses_its_author", _bibtex_entry_that_loses_its_author, BIB),
    Case("non_utf8_bytes", _non_utf8_bytes),
    Case("stray_whitespace", _stray_whitespace, "Table Schema strings accept leading and trailing spaces"),
    Case(
        "padded_list_item", _padded_list_item, "an empty item of a string list is a valid empty string for Table Schema"
    ),
    Case("empty_item_in_a_number_list", _empty_item_in_a_number_list),
    Case(
        "figure_number_outside_range",
        _figure_number_outside_range,
        "x-itemConstraints: minimum and maximum for the items of a list have no standard form",
    ),
    Case("html_in_a_text_field", _html_in_a_text_field, MARKUP),
    Case("wrong_number_of_cells", _wrong_number_of_cells),
    Case(
        "unknown_erratum",
        _unknown_erratum,
        "x-itemForeignKeys: standard foreign keys compare whole cells, so a list cell cannot be followed",
    ),
    Case(
        "unknown_erratum_single_valued",
        _unknown_erratum_single_valued,
        "x-itemForeignKeys: standard foreign keys compare whole cells, so a list cell cannot be followed",
    ),
    Case("quoted_table_text_must_keep_its_quotes", _quoted_table_text_must_keep_its_quotes),
    Case("html_comment", _markup("<!-- hidden -->", "an HTML comment"), MARKUP),
    Case("unclosed_html_tag", _markup('<img src=x onerror="alert(1)"', "an HTML tag"), MARKUP),
    Case("myst_eval_rst_fence", _markup("```{eval-rst} .. include:: /etc/passwd ```", "a backtick"), MARKUP),
    Case("myst_code_cell_fence", _markup("~~~{code-cell} python", "a MyST fence"), MARKUP),
    Case("myst_role", _markup("{doc}`../index`", "a backtick"), MARKUP),
    Case("myst_directive_colon_fence", _markup(":::{note}", "a MyST fence"), MARKUP),
    Case("rst_directive", _markup(".. include:: secrets.txt", "a reStructuredText directive"), MARKUP),
    Case("rst_role", _markup(":math:x", "a reStructuredText role"), MARKUP),
    Case("javascript_link", _markup("See javascript:alert(1) for details.", "a javascript: address"), MARKUP),
    Case("markdown_link", _markup("[details](https://example.org)", "a Markdown link"), MARKUP),
    Case("data_address", _markup("data:text/html;base64,PHNjcmlwdD4=", "a data: address"), MARKUP),
    Case("html_entity", _markup("copper &amp; zinc", "an HTML character reference"), MARKUP),
    Case("self_loop", _self_loop, ROWS),
    Case("part_of_cycle", _part_of_cycle, ROWS),
    Case("cyrillic_homoglyph_in_a_label", _cyrillic_homoglyph_in_a_label, SCRIPTS),
    Case("cyrillic_homoglyph_in_a_glossary_term", _cyrillic_homoglyph_in_a_glossary_term, SCRIPTS),
    Case("greek_look_alike_in_a_label", _greek_look_alike_in_a_label, SCRIPTS),
    Case("zero_width_space", _zero_width_space, SCRIPTS),
    Case(
        "line_break_in_a_one_line_field", _line_break_in_a_one_line_field, "Table Schema strings may hold line breaks"
    ),
    Case(
        "bad_kind_in_a_multi_line_record_is_reported_at_its_first_line",
        _bad_kind_in_a_multi_line_record_is_reported_at_its_first_line,
    ),
    Case("windows_line_endings", _windows_line_endings, "CSV dialects allow CRLF: the standard readers accept it"),
    Case("byte_order_mark", _byte_order_mark, "the standard readers drop a UTF-8 byte-order mark silently"),
    Case("over_long_cell", _over_long_cell),
    Case("package_without_resources", _package_without_resources),
    Case("resource_without_path", _resource_without_path),
    Case(
        "package_declares_version_1",
        _package_declares_version_1,
        "frictionless 5 reads the v2 list type under either profile, so it accepts a v1 declaration",
    ),
    Case("duplicate_bibtex_key", _duplicate_bibtex_key, BIB),
]


# --------------------------------------------------------------------------- the course package (data/course/)

COURSE = "course/"


def _course_cell(folder: Path, file: str, start: str, column: str, change: Callable[[str], str]) -> int:
    path = folder / "course" / file
    n = line_of(path, start)
    edit_cell(path, n, column, change)
    return n


def _option_for_an_unknown_question(folder: Path) -> Expect:
    n = _course_cell(folder, "options.csv", "in-q1,cytosol,", "question", lambda _v: "in-q99")
    return Expect("course/options.csv", n, "question", "unknown question 'in-q99' (not an id in questions)")


def _correct_spelled_yes(folder: Path) -> Expect:
    n = _course_cell(folder, "options.csv", "in-q1,mitochondrion,", "correct", lambda _v: "yes")
    return Expect("course/options.csv", n, "correct", "expected true or false, found 'yes'")


def _step_number_in_words(folder: Path) -> Expect:
    n = _course_cell(folder, "steps.csv", "journey,2,", "step", lambda _v: "two")
    return Expect("course/steps.csv", n, "step", "expected an integer, found 'two'")


def _two_correct_options(folder: Path) -> Expect:
    _course_cell(folder, "options.csv", "in-q1,cytosol,", "correct", lambda _v: "true")
    n = line_of(folder / "course" / "questions.csv", "in-q1,")
    return Expect("course/questions.csv", n, "kind", "4 options in options.csv, 2 marked correct")


def _wrong_option_without_feedback(folder: Path) -> Expect:
    n = _course_cell(folder, "options.csv", "in-q1,cytosol,", "feedback", lambda _v: "")
    return Expect("course/options.csv", n, "feedback", "a wrong option needs feedback")


def _unknown_objective(folder: Path) -> Expect:
    n = _course_cell(folder, "questions.csv", "in-q1,", "objectives", lambda _v: "in-99")
    return Expect("course/questions.csv", n, "objectives", "unknown objective 'in-99'")


def _unknown_erratum_in_a_question(folder: Path) -> Expect:
    n = _course_cell(folder, "questions.csv", "in-q1,", "errata", lambda _v: "E99")
    return Expect("course/questions.csv", n, "errata", "unknown erratum 'E99'")


def _key_source_into_an_unknown_table(folder: Path) -> Expect:
    n = _course_cell(
        folder, "questions.csv", "cm-q1,", "key_source", lambda _v: "reactions.source where relation=binds"
    )
    return Expect("course/questions.csv", n, "key_source", "no table 'reactions' in ../datapackage.json")


def _step_showing_a_relation_the_data_lack(folder: Path) -> Expect:
    n = _course_cell(folder, "steps.csv", "journey,2,", "relations", lambda _v: "fdx1 cu_i transports")
    return Expect("course/steps.csv", n, "relations", "no relation row 'fdx1 cu_i transports' in ../relations.csv")


def _markup_in_a_question(folder: Path) -> Expect:
    n = _course_cell(folder, "questions.csv", "in-q1,", "prompt", lambda v: v + " <!-- answer: row -->")
    return Expect("course/questions.csv", n, "prompt", "found an HTML comment")


def _course_file_with_a_bom(folder: Path) -> Expect:
    path = folder / "course" / "options.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return Expect("course/options.csv", 1, None, "byte-order mark (BOM)")


def _syllabus_minutes_in_words(folder: Path) -> Expect:
    path = folder / "course" / "syllabus.yml"
    n = line_of(path, "  session_minutes: 90")
    edit_line(path, n, lambda _s: "  session_minutes: ninety")
    return Expect("course/syllabus.yml", n, "module.session_minutes", "expected an integer, found 'ninety'")


def _syllabus_with_raw_html(folder: Path) -> Expect:
    path = folder / "course" / "syllabus.yml"
    n = line_of(path, "  title: ")
    edit_line(path, n, lambda s: s + " <script>alert(1)</script>")
    return Expect("course/syllabus.yml", n, "module.title", "found an HTML tag")


def _syllabus_not_yaml(folder: Path) -> Expect:
    path = folder / "course" / "syllabus.yml"
    n = line_of(path, "  session_minutes: 90")
    edit_line(path, n, lambda _s: "  session_minutes: [90")
    return Expect("course/syllabus.yml", ANY, None, "not valid YAML")


CROSS = "a link into another package (../datapackage.json) has no standard form"
YAML = "syllabus.yml is not a resource of the course package: Table Schema does not read YAML"

CASES += [
    Case("option_for_an_unknown_question", _option_for_an_unknown_question),
    Case("correct_spelled_yes", _correct_spelled_yes),
    Case("step_number_in_words", _step_number_in_words),
    Case("two_correct_options", _two_correct_options, ROWS),
    Case(
        "wrong_option_without_feedback",
        _wrong_option_without_feedback,
        "a field required only on some rows has no standard form",
    ),
    Case(
        "unknown_objective",
        _unknown_objective,
        "x-itemForeignKeys: the items of a list cannot be followed by standard foreign keys",
    ),
    Case("unknown_erratum_in_a_question", _unknown_erratum_in_a_question, CROSS),
    Case("key_source_into_an_unknown_table", _key_source_into_an_unknown_table, CROSS),
    Case("step_showing_a_relation_the_data_lack", _step_showing_a_relation_the_data_lack, CROSS),
    Case("markup_in_a_question", _markup_in_a_question, MARKUP),
    Case(
        "course_file_with_a_bom", _course_file_with_a_bom, "the standard readers drop a UTF-8 byte-order mark silently"
    ),
    Case("syllabus_minutes_in_words", _syllabus_minutes_in_words, YAML),
    Case("syllabus_with_raw_html", _syllabus_with_raw_html, YAML),
    Case("syllabus_not_yaml", _syllabus_not_yaml, YAML),
]


def _empty_line_inside_a_table(folder: Path) -> Expect:
    edit_line(folder / "trials.csv", 3, lambda s: "\n" + s)
    return Expect("trials.csv", 3, None, "an empty line inside the table")


def _decomposed_accent(folder: Path) -> Expect:
    e = _put(folder, "A small prote\u0301in.")  # e + COMBINING ACUTE ACCENT, not é
    return Expect(e.file, e.line, "description", "not in Unicode normal form NFC")


def _duplicate_key_in_the_descriptor(folder: Path) -> Expect:
    path = folder / "datapackage.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"path": "trials.csv",', '"path": "trials.csv", "path": "trials.csv",', 1), "utf-8")
    return Expect("datapackage.json", None, "path", "the key 'path' appears twice in one object")


CASES += [
    Case("empty_line_inside_a_table", _empty_line_inside_a_table),
    Case("decomposed_accent", _decomposed_accent, SCRIPTS),
    Case(
        "duplicate_key_in_the_descriptor",
        _duplicate_key_in_the_descriptor,
        "JSON readers keep the last of two equal keys without a word",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_loader_names_file_line_and_column(case: Case, folder: Path) -> None:
    expect = case.break_it(folder)
    err = load_error(folder, expect.file)
    assert err.file == expect.file, str(err)
    if expect.line is not ANY:
        assert err.line == expect.line, str(err)
    if expect.column is not ANY:
        assert err.column == expect.column, str(err)
    assert expect.fragment in err.message, str(err)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_reference_validator_agrees(case: Case, folder: Path) -> None:
    expect = case.break_it(folder)
    report = reference_validator(folder, expect.file)
    if case.beyond:
        # Beyond the standard: only the book's loader can see this; the validator accepts the file.
        assert report.valid, f"{case.name}: the validator now sees this; drop 'beyond': {report.flatten(['type'])}"
        return
    resource = "package" if expect.file.endswith("datapackage.json") else expect.file.rsplit("/")[-1].split(".")[0]
    assert not report.valid
    assert resource in invalid_resources(report), report.flatten(["type", "rowNumber", "fieldName", "note"])


@pytest.mark.parametrize("name", data.TABLES)
def test_a_row_repeated_word_for_word_is_rejected_naming_both_lines(name: str, folder: Path) -> None:
    path = folder / f"{name}.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text.split("\n")[1] + "\n", encoding="utf-8")  # every first record is one line
    last = text.count("\n") + 1
    err = load_error(folder)
    assert (err.file, err.line) == (f"{name}.csv", last)
    assert f"line {last} repeats line 2 word for word" in err.message
    assert name in invalid_resources(reference_validator(folder))


# --------------------------------------------------------------------------- the real data


def test_the_real_data_validates() -> None:
    review = data.load_all(DATA)
    assert len(review.references) == data.N_REFERENCES + 1
    assert {"cu_i", "cu_ii", "fdx1", "dlat", "slc31a1"} <= set(review.entities.index)


def test_every_data_file_is_described_in_the_datapackage() -> None:
    schema = data.load_schema(DATA)
    described = {r.path for r in schema.resources.values()} | {"datapackage.json", "README.md"}
    present = {p.name for p in DATA.iterdir() if p.is_file()}
    assert present == described
