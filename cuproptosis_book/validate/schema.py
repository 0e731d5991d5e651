"""``datapackage.json`` read into typed resources, after its own structure is checked.

A descriptor that lacks ``resources``, a resource without ``path`` or a field without ``name`` is a problem
reported with the property's path (``resources[3].path``) and the line of the object it belongs to, never a
``KeyError``. The package's private properties (``x-itemConstraints``, ``x-itemForeignKeys``, ``x-vocabulary``,
``x-refs``, ``x-kind``) are read here too; ``data/README.md`` documents them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .problems import Problem

#: Table Schema field types the loader understands (``list`` is Data Package v2).
TYPES = ("string", "integer", "number", "boolean", "list")
#: The profile every package of the book declares: Data Package v2 (``list`` fields exist only there).
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
#: The longest cell a field takes when its schema gives no ``maxLength`` (documented in data/README.md).
DEFAULT_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Field:
    """One column of a resource's Table Schema, with the package's x- extensions.

    For a ``list`` field, ``type`` is its ``itemType``, ``separator`` its ``delimiter``, and ``enum``,
    ``pattern``, ``minimum`` and ``maximum`` come from ``x-itemConstraints`` (they apply to each item).
    ``max_length`` is the cell's longest length in characters (the standard ``maxLength`` of a string field).
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
    max_length: int = DEFAULT_MAX_LENGTH

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
            max_length=int(c.get("maxLength", DEFAULT_MAX_LENGTH)) if not is_list else DEFAULT_MAX_LENGTH,
        )


@dataclass(frozen=True)
class Resource:
    name: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...]  # (field, target resource, target field)
    tabular: bool = True


@dataclass(frozen=True)
class Schema:
    resources: dict[str, Resource]
    vocabularies: dict[str, dict[str, str]]


class _Checker:
    """Walks a descriptor, collecting problems located by property path and the line of the nearest object."""

    def __init__(self, file: str, text: str):
        self.file, self.text = file, text
        self.problems: list[Problem] = []

    def line_of(self, resource: dict[str, Any] | None, field: dict[str, Any] | None = None) -> int | None:
        """The line of a resource's (or a field's) ``name`` in the file, when it can be found."""
        start = 0
        for node in (resource, field):
            if not isinstance(node, dict) or not isinstance(node.get("name"), str):
                continue
            m = re.compile(r'"name"\s*:\s*' + re.escape(json.dumps(node["name"]))).search(self.text, start)
            if m is None:
                return None
            start = m.start()
        return self.text.count("\n", 0, start) + 1 if start else None

    def add(self, path: str, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.file, message, line, path))


def _check_field(ck: _Checker, f: Any, where: str, line: int | None, vocabularies: dict[str, Any]) -> None:
    if not isinstance(f, dict):
        ck.add(where, "a field must be an object with at least a name and a type", line)
        return
    if not isinstance(f.get("name"), str) or not f["name"]:
        ck.add(f"{where}.name", "missing or not text: every field needs a name (the CSV column it describes)", line)
    kind = f.get("type", "string")
    if kind not in TYPES:
        ck.add(f"{where}.type", f"unknown type {kind!r}: expected one of {', '.join(TYPES)}", line)
    if kind == "list" and f.get("itemType", "string") not in ("string", "integer"):
        ck.add(f"{where}.itemType", "expected string or integer", line)
    c = f.get("constraints", {})
    if not isinstance(c, dict):
        ck.add(f"{where}.constraints", "expected an object of constraints", line)
        return
    if "enum" in c and not isinstance(c["enum"], list):
        ck.add(f"{where}.constraints.enum", "expected a list of values", line)
    for spec in (c, f.get("x-itemConstraints", {})):
        if isinstance(spec, dict) and "pattern" in spec:
            try:
                re.compile(str(spec["pattern"]))
            except re.error as exc:
                ck.add(f"{where}.constraints.pattern", f"not a regular expression: {exc}", line)
    if "maxLength" in c and kind != "list" and not isinstance(c["maxLength"], int):
        ck.add(f"{where}.constraints.maxLength", "expected an integer", line)
    if "x-vocabulary" in f and f["x-vocabulary"] not in vocabularies:
        ck.add(f"{where}.x-vocabulary", f"no vocabulary {f['x-vocabulary']!r} under x-vocabularies", line)


def _check_structure(ck: _Checker, package: Any) -> None:
    if not isinstance(package, dict):
        ck.add("(top level)", "a data package descriptor is a JSON object", 1)
        return
    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        ck.add("resources", 'missing or not a list: a data package lists its files under "resources"', 1)
        return
    if package.get("$schema") != PACKAGE_PROFILE:
        message = f'expected "$schema": "{PACKAGE_PROFILE}" (Data Package v2, which defines the list type)'
        ck.add("$schema", message, 1)
    vocabularies = package.get("x-vocabularies", {})
    names: set[str] = set()
    for i, res in enumerate(resources):
        where = f"resources[{i}]"
        if not isinstance(res, dict):
            ck.add(where, "a resource must be an object with a name and a path")
            continue
        line = ck.line_of(res)
        name, path = res.get("name"), res.get("path")
        if not isinstance(name, str) or not name:
            ck.add(f"{where}.name", "missing: every resource needs a name", line)
        elif name in names:
            ck.add(f"{where}.name", f"resource name {name!r} is used twice", line)
        names.add(str(name))
        if res.get("type") not in (None, "table"):
            ck.add(f"{where}.type", f'{res["type"]!r}: expected "table" (a CSV file) or no type (any other file)', line)
        if not isinstance(path, str) or not path:
            ck.add(f"{where}.path", "missing: every resource needs the path of its file, relative to this file", line)
        elif path.startswith(("/", "\\")) or ".." in Path(path).parts or "://" in path:
            ck.add(f"{where}.path", f"{path!r}: expected a relative path inside this folder", line)
        schema = res.get("schema")
        if res.get("type") == "table" or (isinstance(path, str) and path.endswith(".csv")):
            fields = schema.get("fields") if isinstance(schema, dict) else None
            if not isinstance(fields, list) or not fields:
                ck.add(f"{where}.schema.fields", "missing: a CSV resource needs a schema with a list of fields", line)
                continue
            seen: set[str] = set()
            for j, f in enumerate(fields):
                fline = ck.line_of(res, f if isinstance(f, dict) else None) or line
                _check_field(ck, f, f"{where}.schema.fields[{j}]", fline, vocabularies)
                if isinstance(f, dict) and isinstance(f.get("name"), str):
                    if f["name"] in seen:
                        ck.add(f"{where}.schema.fields[{j}].name", f"field {f['name']!r} is described twice", fline)
                    seen.add(f["name"])
            assert isinstance(schema, dict)
            pk = schema.get("primaryKey", [])
            for key in pk if isinstance(pk, list) else [pk]:
                if key not in seen:
                    ck.add(f"{where}.schema.primaryKey", f"{key!r} is not a field of this resource", line)
            for prop in ("foreignKeys", "x-itemForeignKeys"):
                for k, fk in enumerate(schema.get(prop, [])):
                    ok = isinstance(fk, dict) and isinstance(fk.get("fields"), list) and fk["fields"]
                    ref = fk.get("reference") if ok else None
                    if not ok or not isinstance(ref, dict) or not isinstance(ref.get("fields"), list):
                        ck.add(
                            f"{where}.schema.{prop}[{k}]",
                            "expected {fields: [...], reference: {resource, fields}}",
                            line,
                        )
                    elif fk["fields"][0] not in seen:
                        ck.add(
                            f"{where}.schema.{prop}[{k}]", f"{fk['fields'][0]!r} is not a field of this resource", line
                        )
    for i, res in enumerate(resources):
        for prop in ("foreignKeys", "x-itemForeignKeys"):
            schema = res.get("schema", {}) if isinstance(res, dict) else {}
            for k, fk in enumerate(schema.get(prop, []) if isinstance(schema, dict) else []):
                target = fk.get("reference", {}).get("resource") if isinstance(fk, dict) else None
                if isinstance(target, str) and target and target not in names:
                    ck.add(f"resources[{i}].schema.{prop}[{k}]", f"no resource named {target!r}", ck.line_of(res))


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def read_package(folder: Path, file: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The parsed descriptor ``folder/datapackage.json`` (None when unusable) and the problems of its structure."""
    path = folder / "datapackage.json"
    if not path.is_file():
        return None, [Problem(file, f"missing file (looked in {folder})")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(file, f"not UTF-8 (byte {exc.start}): save the file as UTF-8")]
    if text.startswith("\ufeff"):
        return None, [Problem(file, "starts with a byte-order mark (BOM): save it as UTF-8 without BOM", 1)]

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        for k in keys:
            if keys.count(k) > 1:
                raise _DuplicateKey(k)
        return dict(pairs)

    try:
        package = json.loads(text, object_pairs_hook=no_duplicates)
    except _DuplicateKey as exc:
        return None, [Problem(file, f"the key {exc.key!r} appears twice in one object: keep one", None, exc.key)]
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        return None, [Problem(file, f"not valid JSON: {getattr(exc, 'msg', exc)}", line)]
    ck = _Checker(file, text)
    _check_structure(ck, package)
    return (package if not ck.problems else None), ck.problems


def to_schema(package: dict[str, Any]) -> Schema:
    """Typed resources of a descriptor whose structure :func:`read_package` accepted."""
    resources = {}
    for res in package["resources"]:
        schema = res.get("schema", {})
        keys = schema.get("foreignKeys", []) + schema.get("x-itemForeignKeys", [])
        fks = tuple(
            (fk["fields"][0], fk["reference"].get("resource") or res["name"], fk["reference"]["fields"][0])
            for fk in keys
        )
        resources[res["name"]] = Resource(
            name=res["name"],
            path=res["path"],
            fields=tuple(Field.from_json(f) for f in schema.get("fields", [])),
            primary_key=tuple(schema.get("primaryKey", [])),
            foreign_keys=fks,
            tabular="fields" in schema,
        )
    return Schema(resources=resources, vocabularies=package.get("x-vocabularies", {}))
