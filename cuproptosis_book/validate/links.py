"""Rules across rows and files: links between tables, entity kinds, reference numbers, and the graph's shape.

The relations form a directed graph. A relation from an entity to itself says nothing the figures can draw, and
``part_of`` must be a hierarchy (a component cannot contain what contains it); ``x-selfLoops`` on the relation
field would list a verb allowed to loop, with the reason, and lists none.
"""

from __future__ import annotations

from typing import Any

from .problems import Problem
from .schema import Schema

Tables = dict[str, tuple[list[dict[str, Any]], list[int]]]


def _items(value: Any, separated: bool) -> tuple[Any, ...]:
    if value is None:
        return ()
    return tuple(value) if separated else (value,)


def check_foreign_keys(
    tables: Tables, schema: Schema, prefix: str = "", rejected: dict[str, list[dict[str, Any]]] | None = None
) -> list[Problem]:
    """Every foreign key (standard and ``x-itemForeignKeys``) and every ``x-kind`` restriction.

    A value is known when a row of the target has it, also a row rejected for another problem (``rejected``).
    """
    problems: list[Problem] = []
    every = {name: records + (rejected or {}).get(name, []) for name, (records, _) in tables.items()}
    kinds = {e["id"]: e["kind"] for e in every.get("entities", [])}
    for name, (records, lines) in tables.items():
        res = schema.resources[name]
        fields = {f.name: f for f in res.fields}
        for column, target, target_field in res.foreign_keys:
            f = fields[column]
            if target not in every:
                continue
            known = {r[target_field] for r in every[target]}
            for record, line in zip(records, lines, strict=True):
                for item in _items(record[column], f.separator is not None):
                    if item not in known:
                        what = {"entities": "entity", "errata": "erratum"}.get(target, target.rstrip("s"))
                        problems.append(
                            Problem(prefix + res.path, f"unknown {what} {item!r} (not an id in {target})", line, column)
                        )
        for f in res.fields:
            if f.kinds is None:
                continue
            for record, line in zip(records, lines, strict=True):
                for item in _items(record[f.name], f.separator is not None):
                    if kinds.get(item) is not None and kinds[item] not in f.kinds:
                        message = f"{item!r} is a {kinds[item]}, expected an entity of kind {' or '.join(f.kinds)}"
                        problems.append(Problem(prefix + res.path, message, line, f.name))
    return problems


def check_refs(tables: Tables, schema: Schema, known: set[int], prefix: str = "") -> list[Problem]:
    """Every reference number has an entry in references.bib."""
    problems = []
    for name, (records, lines) in tables.items():
        res = schema.resources[name]
        for f in res.fields:
            if not f.refs:
                continue
            for record, line in zip(records, lines, strict=True):
                for ref in _items(record[f.name], f.separator is not None):
                    if ref not in known:
                        message = f"reference {ref} has no entry in references.bib"
                        problems.append(Problem(prefix + res.path, message, line, f.name))
    return problems


def check_relation_graph(tables: Tables, schema: Schema) -> list[Problem]:
    """No relation from an entity to itself (unless its verb is listed in ``x-selfLoops``); no ``part_of`` cycle."""
    if "relations" not in tables:
        return []
    records, lines = tables["relations"]
    res = schema.resources["relations"]
    problems = []
    parents: dict[str, list[tuple[str, int]]] = {}
    for r, line in zip(records, lines, strict=True):
        if r["source"] == r["target"]:
            message = (
                f"{r['source']} {r['relation']} {r['target']}: a relation from an entity to itself; "
                "expected two different entities"
            )
            problems.append(Problem(res.path, message, line, "target"))
        elif r["relation"] == "part_of":
            parents.setdefault(r["source"], []).append((r["target"], line))
    # A part_of cycle: walk up from each entity; meeting the start again closes a loop.
    reported: set[frozenset[str]] = set()
    for start in sorted(parents):
        stack: list[tuple[str, list[str], int]] = [(start, [start], 0)]
        while stack:
            node, path, first_line = stack.pop()
            for parent, line in parents.get(node, []):
                if parent == start:
                    loop = frozenset(path)
                    if loop not in reported:
                        reported.add(loop)
                        chain = " part_of ".join([*path, start])
                        message = f"part_of cycle: {chain}; expected a hierarchy (a part cannot contain its whole)"
                        problems.append(Problem(res.path, message, first_line or line, "target"))
                elif parent not in path and len(path) < 50:
                    stack.append((parent, [*path, parent], first_line or line))
    return problems
