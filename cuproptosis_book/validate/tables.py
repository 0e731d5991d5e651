"""One CSV file read and checked against its resource: every cell, every record, located at its first line.

Reading is strict: the file must be UTF-8 without a byte-order mark and with ``\\n`` line endings; nothing is
trimmed, coerced, deduplicated or dropped. A record is located at its first physical line (a quoted cell may
span lines, although no field allows a line break). Python's csv field limit is lifted, so an over-long cell is
reported by the schema's ``maxLength`` naming the column, not by the csv module.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

from . import text_rules
from .problems import Problem
from .schema import Field, Resource, Schema

#: The review cites references 1 to N_REFERENCES.
N_REFERENCES = 122
_INTEGER = re.compile(r"-?[0-9]+")
_RESAVE = "re-save it as “CSV UTF-8” with LF line endings (LibreOffice: Text CSV, UTF-8, no BOM; or `dos2unix`)"

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # the schema's maxLength speaks first, naming the column


def decode(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """The text of a data file, or None and the reason it cannot be read as UTF-8 with ``\\n`` line endings."""
    if not path.is_file():
        return None, [Problem(name, f"missing file (expected at {path.name} in {path.parent})")]
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(name, f"the file starts with a UTF-8 byte-order mark (BOM): {_RESAVE}", 1)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        prefix = raw[line_start : exc.start].decode("utf-8", errors="replace")
        header = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace").split(",")
        index = prefix.count(",")
        column = header[index] if line > 1 and index < len(header) and name.endswith(".csv") else None
        return None, [
            Problem(
                name, f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded (save the file as UTF-8)", line, column
            )
        ]
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        return None, [Problem(name, f"Windows (CRLF) or old Mac (CR) line endings: {_RESAVE}", line)]
    return text, []


def read_records(text: str, name: str) -> tuple[list[str], list[tuple[int, list[str]]], list[Problem]]:
    """Header and (first line, cells) of each record, without any cleaning."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return [], [], [Problem(name, "empty file: a header row is expected", 1)]
    except csv.Error as exc:
        return [], [], [Problem(name, f"malformed CSV: {exc}", 1)]
    rows: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    first = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            return header, rows, [*problems, Problem(name, f"malformed CSV: {exc} (a quote left open?)", first)]
        if cells:
            rows.append((first, cells))
        else:
            problems.append(
                Problem(name, "an empty line inside the table: remove it (a record holds every column)", first)
            )
        first = reader.line_num + 1
    return header, rows, problems


def check_cell(res: Resource, f: Field, raw: str, line: int, schema: Schema, out: list[Problem]) -> Any:
    """Validate one cell, appending problems to ``out``; return it as a Python value (a list gives a tuple)."""
    name = res.path

    def bad(message: str) -> None:
        out.append(Problem(name, message, line, f.name))

    if len(raw) > f.max_length:
        bad(f"{len(raw)} characters: this column holds at most {f.max_length} (maxLength in datapackage.json)")
        return None
    if "\n" in raw or "\r" in raw:
        bad("a line break inside the cell: every field holds one line of text (join the lines with a space)")
        return None
    if raw != raw.strip():
        bad(f"stray whitespace around {raw!r}: remove the leading/trailing spaces")
        return None
    if raw == "":
        if f.required:
            bad("empty, but this field is required")
        return () if f.separator else None
    problem = text_rules.invisible(raw)
    if problem:
        bad(f"an invisible or control character ({problem}): delete it")
        return None
    what = text_rules.markup(raw)
    if what:
        bad(f"markup is not allowed in data text, found {what}: write plain text ({raw[:60]!r})")
        return None
    if unicodedata.normalize("NFC", raw) != raw:
        bad("not in Unicode normal form NFC (a letter typed as base letter plus combining mark): retype it")
        return None
    mixed = text_rules.mixed_script(raw)
    if mixed:
        bad(mixed)
        return None
    items = raw.split(f.separator) if f.separator else [raw]
    values = []
    for item in items:
        if item == "" or item != item.strip():
            bad(f"list {raw!r} has an empty or padded item (separator {f.separator!r})")
            return None
        value = _check_item(f, item, schema, bad)
        if value is None:
            return None
        values.append(value)
    return tuple(values) if f.separator else values[0]


def _check_item(f: Field, item: str, schema: Schema, bad: Any) -> Any:
    value: Any = item
    if f.type == "integer":
        if not _INTEGER.fullmatch(item):
            return bad(f"expected an integer, found {item!r}")
        value = int(item)
        if f.refs and not 1 <= value <= N_REFERENCES:
            return bad(f"reference number {value} is outside 1-{N_REFERENCES}")
    elif f.type == "number":
        try:
            value = float(item)
        except ValueError:
            return bad(f"expected a number, found {item!r}")
    elif f.type == "boolean":
        if item not in f.true_values + f.false_values:
            return bad(f"expected {' or '.join(f.true_values + f.false_values)}, found {item!r}")
        value = item in f.true_values
    if f.enum is not None and item not in f.enum:
        return bad(f"{item!r} is not one of: {', '.join(f.enum)}")
    if f.vocabulary is not None and item not in schema.vocabularies.get(f.vocabulary, {}):
        allowed = ", ".join(schema.vocabularies.get(f.vocabulary, {}))
        return bad(f"{item!r} is not in the {f.vocabulary} vocabulary ({allowed})")
    if f.pattern is not None and not re.fullmatch(f.pattern, item):
        return bad(f"{item!r} does not match the pattern {f.pattern}")
    if f.minimum is not None and isinstance(value, int) and value < f.minimum:
        return bad(f"{value} is below the minimum {f.minimum}")
    if f.maximum is not None and isinstance(value, int) and value > f.maximum:
        return bad(f"{value} is above the maximum {f.maximum}")
    return value


def check_table(
    res: Resource, folder: Path, schema: Schema, prefix: str = "", rejected: list[dict[str, Any]] | None = None
) -> tuple[list[dict[str, Any]], list[int], list[Problem]]:
    """The valid records of one CSV file, their first lines, and every problem found in it.

    ``prefix`` goes before the file name in messages (``course/``). A record with a problem is left out of the
    records, so cross-table checks run on clean rows only; it goes to ``rejected`` (its bad cells None), so
    that rows pointing at it are not reported too (one broken cell, one message).
    """
    name = prefix + res.path
    located = Resource(name, name, res.fields, res.primary_key, res.foreign_keys, res.tabular)
    text, problems = decode(folder / res.path, name)
    if text is None:
        return [], [], problems
    header, rows, problems = read_records(text, name)
    if not header:
        return [], [], problems
    expected = [f.name for f in res.fields]
    for col in header:
        if col not in expected:
            problems.append(Problem(name, f"unexpected column {col!r}; the schema has: {', '.join(expected)}", 1, col))
    for col in expected:
        if col not in header:
            problems.append(Problem(name, f"missing column {col!r}", 1, col))
    if not problems and header != expected:
        problems.append(Problem(name, f"columns out of order: expected {', '.join(expected)}", 1))
    if problems:
        return [], [], problems
    records, lines = [], []
    seen: dict[str, dict[Any, int]] = {f.name: {} for f in res.fields if f.unique}
    seen_pk: dict[tuple[Any, ...], int] = {}
    seen_rows: dict[tuple[str, ...], int] = {}
    for line, cells in rows:
        if len(cells) != len(header):
            problems.append(Problem(name, f"{len(cells)} cells, but the header has {len(header)} columns", line))
            continue
        first = seen_rows.setdefault(tuple(cells), line)
        if first != line:
            problems.append(Problem(name, f"duplicate row: line {line} repeats line {first} word for word", line))
            continue
        before = len(problems)
        record = {}
        for f, raw in zip(res.fields, cells, strict=False):
            value = check_cell(located, f, raw, line, schema, problems)
            if f.unique and value not in (None, ()):
                if value in seen[f.name]:
                    where = seen[f.name][value]
                    problems.append(Problem(name, f"duplicate value {raw!r} (first at line {where})", line, f.name))
                seen[f.name].setdefault(value, line)
            record[f.name] = value
        if res.primary_key and len(problems) == before:
            key = tuple(record[k] for k in res.primary_key)
            if key in seen_pk:
                message = f"duplicate key {key} (first at line {seen_pk[key]})"
                problems.append(Problem(name, message, line, res.primary_key[0]))
            seen_pk.setdefault(key, line)
        if len(problems) == before:
            records.append(record)
            lines.append(line)
        elif rejected is not None:
            rejected.append(record)
    return records, lines, problems
