"""Load and validate the review's data (``data/``) against ``data/datapackage.json``.

Every loader returns a :class:`pandas.DataFrame` whose list fields (``refs``, ``section`` …) hold
tuples. Validation is strict: nothing is trimmed, coerced, deduplicated or dropped. The first problem
raises :class:`DataError`, which names the file, the line, the column and what was expected.

The schema is standard Table Schema (list fields: ``type: list`` with ``delimiter`` and ``itemType``;
``constraints``; ``foreignKeys``), so the Frictionless validator checks the same files. The loader also
reads the package's few private properties (``x-itemConstraints``, ``x-itemForeignKeys``,
``x-vocabulary``, ``x-refs``, ``x-kind``; see ``data/README.md``) and adds the checks the standard has
no words for: cross-table kinds and references, vocabularies of list items, stray whitespace, HTML
markup, empty list items and rows repeated word for word.

The default review: a function that reads the review takes ``review: ReviewData | None = None`` (keyword-only
and last in an explorer) and fills it with :func:`review_of`; ``None`` is the book's own ``data/`` (:func:`load_all`,
cached until a file changes). Typical use: ``review = data.load_all()``, ``review.entities.loc["fdx1", "label"]``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import paths

#: The review cites references 1 to N_REFERENCES.
N_REFERENCES = 122

_HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^>]*>")
_INTEGER = re.compile(r"-?[0-9]+")


class DataError(ValueError):
    """A problem in one of the data files, located as precisely as possible."""

    def __init__(self, file: str, message: str, line: int | None = None, column: str | None = None):
        self.file, self.line, self.column, self.message = file, line, column, message
        where = file + (f", line {line}" if line is not None else "")
        where += f", column '{column}'" if column is not None else ""
        super().__init__(f"{where}: {message}")


def data_dir() -> Path:
    """The folder holding the data: ``$CUPROPTOSIS_BOOK_DATA`` or the book's ``data/`` (see :mod:`.paths`)."""
    return paths.data_dir()


# --------------------------------------------------------------------------- schema


@dataclass(frozen=True)
class Field:
    """One column of a resource's Table Schema, with the package's x- extensions.

    For a ``list`` field, ``type`` is its ``itemType``, ``separator`` its ``delimiter``, and ``enum``,
    ``pattern``, ``minimum`` and ``maximum`` come from ``x-itemConstraints`` (they apply to each item).
    """

    name: str
    type: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    separator: str | None = None
    refs: bool = False
    kinds: tuple[str, ...] | None = None
    vocabulary: str | None = None
    true_values: tuple[str, ...] = ("true", "True", "TRUE", "1")  # Table Schema's defaults
    false_values: tuple[str, ...] = ("false", "False", "FALSE", "0")

    @classmethod
    def from_json(cls, spec: dict[str, Any]) -> Field:
        c = spec.get("constraints", {})
        is_list = spec.get("type") == "list"
        items = spec.get("x-itemConstraints", {}) if is_list else c
        return cls(
            name=spec["name"],
            type=spec.get("itemType", "string") if is_list else spec.get("type", "string"),
            required=bool(c.get("required", False)),
            unique=bool(c.get("unique", False)),
            enum=tuple(items["enum"]) if "enum" in items else None,
            pattern=items.get("pattern"),
            minimum=items.get("minimum"),
            maximum=items.get("maximum"),
            separator=spec.get("delimiter", ",") if is_list else None,
            refs=bool(spec.get("x-refs", False)),
            kinds=tuple(spec["x-kind"]) if "x-kind" in spec else None,
            vocabulary=spec.get("x-vocabulary"),
            true_values=tuple(spec.get("trueValues", cls.true_values)),
            false_values=tuple(spec.get("falseValues", cls.false_values)),
        )


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]  # (field, target resource, target field)


@dataclass(frozen=True)
class Schema:
    resources: dict[str, Resource]
    vocabularies: dict[str, dict[str, str]]


def load_schema(folder: Path | None = None) -> Schema:
    """Read ``datapackage.json``: resources, their fields, and the controlled vocabularies."""
    folder = folder or data_dir()
    path = folder / "datapackage.json"
    if not path.exists():
        raise DataError("datapackage.json", f"missing file (looked in {folder})")
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError("datapackage.json", f"not valid JSON: {exc}") from None
    resources = {}
    for res in package["resources"]:
        schema = res.get("schema", {})
        keys = schema.get("foreignKeys", []) + schema.get("x-itemForeignKeys", [])
        fks = tuple(
            (fk["fields"][0], fk["reference"]["resource"] or res["name"], fk["reference"]["fields"][0]) for fk in keys
        )
        resources[res["name"]] = Resource(
            name=res["name"],
            path=res["path"],
            fields=tuple(Field.from_json(f) for f in schema.get("fields", [])),
            primary_key=tuple(schema.get("primaryKey", [])),
            foreign_keys=fks,
        )
    return Schema(resources=resources, vocabularies=package.get("x-vocabularies", {}))


# --------------------------------------------------------------------------- reading


def _decode(path: Path, name: str) -> str:
    if not path.exists():
        raise DataError(name, f"missing file (expected at {path})")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        prefix = raw[line_start : exc.start].decode("utf-8", errors="replace")
        header = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace").split(",")
        index = prefix.count(",")
        column = header[index] if line > 1 and index < len(header) else None
        raise DataError(
            name, f"not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded (save the file as UTF-8)", line, column
        ) from None


def _read_rows(path: Path, name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) for each data row, without any cleaning."""
    text = _decode(path, name)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(name, "empty file: a header row is expected", 1) from None
    except csv.Error as exc:
        raise DataError(name, f"malformed CSV: {exc}", 1) from None
    rows = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise DataError(name, f"malformed CSV: {exc}", reader.line_num) from None
        rows.append((reader.line_num, cells))
    return header, rows


# --------------------------------------------------------------------------- validation


def _check_value(res: Resource, f: Field, raw: str, line: int, schema: Schema) -> Any:
    """Validate one cell; return it as a Python value (list fields give a tuple)."""
    name = res.path
    if raw != raw.strip():
        raise DataError(name, f"stray whitespace around {raw!r}: remove the leading/trailing spaces", line, f.name)
    if raw == "":
        if f.required:
            raise DataError(name, "empty, but this field is required", line, f.name)
        return () if f.separator else None
    if _HTML_TAG.search(raw):
        raise DataError(name, f"HTML markup is not allowed in data text: {raw[:60]!r}", line, f.name)
    items = raw.split(f.separator) if f.separator else [raw]
    values = []
    for item in items:
        if item == "" or item != item.strip():
            raise DataError(name, f"list {raw!r} has an empty or padded item (separator {f.separator!r})", line, f.name)
        values.append(_check_item(res, f, item, line, schema))
    return tuple(values) if f.separator else values[0]


def _check_item(res: Resource, f: Field, item: str, line: int, schema: Schema) -> Any:
    name = res.path
    value: Any = item
    if f.type == "integer":
        if not _INTEGER.fullmatch(item):
            raise DataError(name, f"expected an integer, found {item!r}", line, f.name)
        value = int(item)
        if f.refs and not 1 <= value <= N_REFERENCES:
            raise DataError(name, f"reference number {value} is outside 1-{N_REFERENCES}", line, f.name)
    elif f.type == "boolean":
        if item not in f.true_values + f.false_values:
            allowed = " or ".join(f.true_values + f.false_values)
            raise DataError(name, f"expected {allowed}, found {item!r}", line, f.name)
        value = item in f.true_values
    if f.enum is not None and item not in f.enum:
        raise DataError(name, f"{item!r} is not one of: {', '.join(f.enum)}", line, f.name)
    if f.vocabulary is not None and item not in schema.vocabularies.get(f.vocabulary, {}):
        allowed = ", ".join(schema.vocabularies.get(f.vocabulary, {}))
        raise DataError(name, f"{item!r} is not in the {f.vocabulary} vocabulary ({allowed})", line, f.name)
    if f.pattern is not None and not re.fullmatch(f.pattern, item):
        raise DataError(name, f"{item!r} does not match the pattern {f.pattern}", line, f.name)
    if f.minimum is not None and isinstance(value, int) and value < f.minimum:
        raise DataError(name, f"{value} is below the minimum {f.minimum}", line, f.name)
    if f.maximum is not None and isinstance(value, int) and value > f.maximum:
        raise DataError(name, f"{value} is above the maximum {f.maximum}", line, f.name)
    return value


def _validate_table(res: Resource, folder: Path, schema: Schema) -> tuple[pd.DataFrame, list[int]]:
    header, rows = _read_rows(folder / res.path, res.path)
    expected = [f.name for f in res.fields]
    for col in header:
        if col not in expected:
            raise DataError(res.path, f"unexpected column {col!r}; the schema has: {', '.join(expected)}", 1, col)
    for col in expected:
        if col not in header:
            raise DataError(res.path, f"missing column {col!r}", 1, col)
    if header != expected:
        raise DataError(res.path, f"columns out of order: expected {', '.join(expected)}", 1)
    records, lines = [], []
    seen: dict[str, dict[Any, int]] = {f.name: {} for f in res.fields if f.unique}
    seen_pk: dict[tuple[Any, ...], int] = {}
    seen_rows: dict[tuple[str, ...], int] = {}
    for line, cells in rows:
        if len(cells) != len(header):
            raise DataError(res.path, f"{len(cells)} cells, but the header has {len(header)} columns", line)
        first = seen_rows.setdefault(tuple(cells), line)
        if first != line:
            raise DataError(res.path, f"duplicate row: line {line} repeats line {first} word for word", line)
        record = {}
        for f, raw in zip(res.fields, cells):
            value = _check_value(res, f, raw, line, schema)
            if f.unique and value not in (None, ()):
                if value in seen[f.name]:
                    raise DataError(
                        res.path, f"duplicate value {raw!r} (first at line {seen[f.name][value]})", line, f.name
                    )
                seen[f.name][value] = line
            record[f.name] = value
        if res.primary_key:
            key = tuple(record[k] for k in res.primary_key)
            if key in seen_pk:
                raise DataError(
                    res.path, f"duplicate key {key} (first at line {seen_pk[key]})", line, res.primary_key[0]
                )
            seen_pk[key] = line
        records.append(record)
        lines.append(line)
    return _frame(res, records), lines


def _frame(res: Resource, records: list[dict[str, Any]]) -> pd.DataFrame:
    """Records as a DataFrame; object columns keep None and tuples as they are (no NaN, no str dtype)."""
    columns = {}
    for f in res.fields:
        values = [r[f.name] for r in records]
        if f.type == "boolean" and None not in values:
            dtype: Any = bool
        elif f.type == "integer" and not f.separator and None not in values:
            dtype = "int64"
        else:
            dtype = object
        columns[f.name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(columns, columns=[f.name for f in res.fields])


def _check_foreign_keys(tables: dict[str, tuple[pd.DataFrame, list[int]]], schema: Schema) -> None:
    entities = tables["entities"][0]
    kinds = dict(zip(entities["id"], entities["kind"]))
    for name, (frame, lines) in tables.items():
        res = schema.resources[name]
        fields = {f.name: f for f in res.fields}
        for column, target, target_field in res.foreign_keys:
            f = fields[column]
            known = set(tables[target][0][target_field])
            for value, line in zip(frame[column], lines):
                for item in value if f.separator else (value,):
                    if item is not None and item not in known:
                        what = {"entities": "entity", "errata": "erratum"}.get(target, target)
                        raise DataError(res.path, f"unknown {what} {item!r} (not an id in {target})", line, column)
        for f in res.fields:
            if f.kinds is None:
                continue
            for value, line in zip(frame[f.name], lines):
                for item in value if f.separator else (value,):
                    if item is not None and item in kinds and kinds[item] not in f.kinds:
                        expected = f"expected an entity of kind {' or '.join(f.kinds)}"
                        raise DataError(res.path, f"{item!r} is a {kinds[item]}, {expected}", line, f.name)


def _check_refs(tables: dict[str, tuple[pd.DataFrame, list[int]]], schema: Schema, known: set[int]) -> None:
    for name, (frame, lines) in tables.items():
        res = schema.resources[name]
        for f in res.fields:
            if not f.refs:
                continue
            for value, line in zip(frame[f.name], lines):
                for ref in value if f.separator else (value,):
                    if ref is not None and ref not in known:
                        raise DataError(res.path, f"reference {ref} has no entry in references.bib", line, f.name)


# --------------------------------------------------------------------------- references


@dataclass(frozen=True)
class Reference:
    key: str
    number: int | None  # the review's reference number; None for the review itself
    authors: str
    title: str
    journal: str
    year: str
    volume: str
    pages: str


def load_references(folder: Path | None = None) -> dict[str, Reference]:
    """Parse ``references.bib``: one :class:`Reference` per entry, keyed by BibTeX key."""
    folder = folder or data_dir()
    name = "references.bib"
    text = _decode(folder / name, name)
    from pybtex import errors as pybtex_errors  # lazy: only the loader needs pybtex
    from pybtex.database import parse_string
    from pybtex.exceptions import PybtexError

    strict = pybtex_errors.strict
    pybtex_errors.set_strict_mode(True)  # pybtex only warns by default: make every syntax error an error
    try:
        db = parse_string(text, "bibtex")
    except PybtexError as exc:
        line = getattr(exc, "lineno", None)
        raise DataError(name, f"malformed BibTeX: {exc}", line) from None
    finally:
        pybtex_errors.set_strict_mode(strict)
    lines = {key: text[: text.find("{" + key + ",")].count("\n") + 1 for key in db.entries}
    refs: dict[str, Reference] = {}
    numbers: dict[int, str] = {}
    for key, entry in db.entries.items():
        f = entry.fields
        raw = f.get("reviewref")
        number = None
        if raw is not None:
            if not _INTEGER.fullmatch(str(raw)):
                raise DataError(name, f"entry {key}: reviewref {raw!r} is not an integer", lines[key], "reviewref")
            number = int(raw)
            if not 1 <= number <= N_REFERENCES:
                raise DataError(
                    name, f"entry {key}: reviewref {number} is outside 1-{N_REFERENCES}", lines[key], "reviewref"
                )
            if number in numbers:
                raise DataError(
                    name, f"reviewref {number} is used by {numbers[number]} and {key}", lines[key], "reviewref"
                )
            if key != f"ref{number}":
                raise DataError(
                    name, f"entry {key} has reviewref {number}: its key must be ref{number}", lines[key], "reviewref"
                )
            numbers[number] = key
        if "author" not in entry.persons:
            raise DataError(name, f"entry {key} lacks an author (is a comma or brace missing?)", lines[key], "author")
        for required in ("title", "year"):
            if required not in f:
                raise DataError(name, f"entry {key} lacks a {required}", lines[key], required)
        persons = entry.persons.get("author", [])
        authors = ", ".join(
            " ".join(p.last_names) + " " + "".join(n[0] for n in p.first_names + p.middle_names) for p in persons
        )
        refs[key] = Reference(
            key=key,
            number=number,
            authors=authors,
            title=str(f.get("title", "")).strip("{}"),
            journal=str(f.get("journal", f.get("booktitle", ""))).strip("{}"),
            year=str(f.get("year", "")),
            volume=str(f.get("volume", "")),
            pages=str(f.get("pages", "")),
        )
    missing = sorted(set(range(1, N_REFERENCES + 1)) - set(numbers))
    if missing:
        raise DataError(name, f"references missing from the review's list: {missing[:10]}", None, "reviewref")
    return refs


# --------------------------------------------------------------------------- public loaders


@dataclass(frozen=True)
class ReviewData:
    """The whole review as validated tables."""

    entities: pd.DataFrame
    relations: pd.DataFrame
    nanoparticles: pd.DataFrame
    resistance: pd.DataFrame
    trials: pd.DataFrame
    glossary: pd.DataFrame
    errata: pd.DataFrame
    references: dict[str, Reference]
    vocabularies: dict[str, dict[str, str]]
    schema: Schema  # the datapackage the tables were validated against (field enums, e.g. the effect tags' order)

    @cached_property
    def labels(self) -> dict[str, str]:
        """Entity id -> display label (a dict: explorers look labels up thousands of times)."""
        return dict(zip(self.entities["id"], self.entities["label"]))

    def label(self, entity_id: str) -> str:
        """Display label of an entity."""
        return self.labels[entity_id]

    def ref_key(self, number: int) -> str:
        """BibTeX key of the review's reference ``number``."""
        return f"ref{number}"


TABLES = ("entities", "relations", "nanoparticles", "resistance", "trials", "glossary", "errata")


def _validate_folder(folder: Path) -> ReviewData:
    schema = load_schema(folder)
    for name in TABLES:
        if name not in schema.resources:
            raise DataError("datapackage.json", f"no resource named {name!r}")
    references = load_references(folder)
    known = {r.number for r in references.values() if r.number is not None}
    tables = {name: _validate_table(schema.resources[name], folder, schema) for name in TABLES}
    _check_foreign_keys(tables, schema)
    _check_refs(tables, schema, known)
    frames = {name: frame for name, (frame, _) in tables.items()}
    frames["entities"] = frames["entities"].set_index("id", drop=False)
    return ReviewData(references=references, vocabularies=schema.vocabularies, schema=schema, **frames)


@lru_cache(maxsize=4)
def _load_all_cached(folder: str, stamp: tuple[float, ...]) -> ReviewData:
    return _validate_folder(Path(folder))


def load_all(folder: Path | str | None = None) -> ReviewData:
    """Load and validate every file in ``data/``; cached until a file changes."""
    path = Path(folder) if folder is not None else data_dir()
    stamp = tuple(p.stat().st_mtime_ns for p in sorted(path.glob("*")) if p.is_file())
    return _load_all_cached(str(path.resolve()), stamp)


def review_of(review: ReviewData | None) -> ReviewData:
    """``review`` itself, or the book's own review (:func:`load_all`, cached) when ``None``: the one default."""
    return review if review is not None else load_all()


def summary(review: ReviewData | None = None) -> pd.DataFrame:
    """Row counts of every dataset, for the introduction page."""
    review = review_of(review)
    rows = [
        ("references", len(review.references), "the reference list, plus the review itself"),
        ("entities", len(review.entities), "everything the review names"),
        ("relations", len(review.relations), "who acts on whom (text and figure legends)"),
        ("nanoparticles", len(review.nanoparticles), "Table 1"),
        ("resistance", len(review.resistance), "findings behind Table 2 and Figure 4"),
        ("trials", len(review.trials), "elesclomol clinical trials"),
        ("glossary", len(review.glossary), "abbreviations and concept terms, each defined"),
        ("errata", len(review.errata), "places where the review contradicts itself"),
    ]
    return pd.DataFrame(rows, columns=["dataset", "rows", "what it holds"]).set_index("dataset")
