"""Rules of the course package (``data/course/``) that reach into its own tables and into the review's data.

Standard Table Schema cannot follow a link into another package, so these live here: objectives, errata and
references named by a question exist; a multiple-choice question has options with exactly one correct and
feedback on every wrong one; a key source names a table and columns of ``../datapackage.json``; each relation
row a step shows exists in ``../relations.csv``; a step's place is a compartment.
"""

from __future__ import annotations

import re
from typing import Any

from .links import Tables
from .problems import Problem
from .schema import Schema

_SOURCE = re.compile(r"^(?P<table>[a-z0-9_]+)\.(?P<column>[a-z0-9_]+)(?:\s+where\s+(?P<where>.+))?$")
_CONDITION = re.compile(r"^(?P<column>[a-z0-9_]+)\s*(!=|=)\s*.*$")


def check_course(
    course: Tables,
    data: Tables,
    data_schema: Schema,
    known_refs: set[int],
    rejected: dict[str, list[dict[str, Any]]] | None = None,
) -> list[Problem]:
    """Every cross-table problem of the course tables (those that loaded), located at the record's first line."""
    problems: list[Problem] = []

    def bad(file: str, line: int, column: str, message: str) -> None:
        problems.append(Problem(f"course/{file}", message, line, column))

    rejected = rejected or {}
    objectives = {r["id"]: r["chapter"] for r in course.get("objectives", ([], []))[0] + rejected.get("objectives", [])}
    unsure = {o["question"] for o in rejected.get("options", [])}  # a rejected option: its count is unknown
    errata = {r["id"] for r in data.get("errata", ([], []))[0]}
    questions, q_lines = course.get("questions", ([], []))
    options, o_lines = course.get("options", ([], []))
    by_question: dict[str, list[tuple[dict[str, Any], int]]] = {}
    for o, line in zip(options, o_lines, strict=True):
        by_question.setdefault(o["question"], []).append((o, line))
        if not o["correct"] and not o["feedback"]:
            bad("options.csv", line, "feedback", "empty: a wrong option needs feedback saying why it is wrong")
        if not o["label"] and not o["value"]:
            bad("options.csv", line, "label", "empty, and so is value: an option needs a text to show")
    for q, line in zip(questions, q_lines, strict=True):
        for o in q["objectives"] if "objectives" in course else ():
            if o not in objectives:
                bad("questions.csv", line, "objectives", f"unknown objective {o!r} (not an id in objectives.csv)")
            elif objectives[o] != q["chapter"]:
                bad(
                    "questions.csv",
                    line,
                    "objectives",
                    f"objective {o!r} belongs to {objectives[o]}, not {q['chapter']}",
                )
        for e in q["errata"] if "errata" in data else ():
            if e not in errata:
                bad("questions.csv", line, "errata", f"unknown erratum {e!r} (not an id in ../errata.csv)")
        for ref in q["refs"]:
            if ref not in known_refs:
                bad("questions.csv", line, "refs", f"reference {ref} has no entry in ../references.bib")
        opts = by_question.get(q["id"], [])
        if q["id"] in unsure or "options" not in course:
            pass
        elif q["kind"] == "choice":
            right = [o for o, _ in opts if o["correct"]]
            if len(opts) < 2 or len(right) != 1:
                message = f"{len(opts)} options in options.csv, {len(right)} marked correct: expected two or more, exactly one correct"
                bad("questions.csv", line, "kind", message)
        elif opts:
            bad(
                "questions.csv",
                line,
                "kind",
                f"a short-answer question, but options.csv has {len(opts)} options for it",
            )
        elif not q["answer"]:
            bad("questions.csv", line, "answer", "empty: a short-answer question needs its model answer")
        if q["key_source"]:
            problem = _key_source_problem(q["key_source"], data_schema)
            if problem:
                bad("questions.csv", line, "key_source", problem)
    problems += _check_steps(course, data)
    return problems


def _key_source_problem(text: str, schema: Schema) -> str | None:
    m = _SOURCE.match(text)
    if not m:
        return f"{text!r}: expected '<table>.<column> where <column>=<value>; …'"
    table = schema.resources.get(m.group("table"))
    if table is None or not table.tabular:
        return f"no table {m.group('table')!r} in ../datapackage.json"
    columns = {f.name for f in table.fields}
    if m.group("column") not in columns | {"count"}:
        return f"no column {m.group('column')!r} in {table.path} (or 'count')"
    for part in (m.group("where") or "").split(";"):
        if part.strip():
            c = _CONDITION.match(part.strip())
            if not c:
                return f"cannot read the condition {part.strip()!r}: expected column=value or column!=value"
            if c.group("column") not in columns:
                return f"no column {c.group('column')!r} in {table.path}"
    return None


def _check_steps(course: Tables, data: Tables) -> list[Problem]:
    problems: list[Problem] = []
    if "relations" not in data or "entities" not in data:
        return problems
    relations = data.get("relations", ([], []))[0]
    rows: set[tuple[str, ...]] = {(r["source"], r["target"], r["relation"]) for r in relations}
    rows |= {(r["source"], r["target"], r["relation"], r["destination"]) for r in relations if r["destination"]}
    kinds = {e["id"]: e["kind"] for e in data.get("entities", ([], []))[0]}
    seen: dict[tuple[str, str], int] = {}
    for s, line in zip(*course.get("steps", ([], [])), strict=True):
        for item in s["relations"]:
            key = tuple(item.split(" "))
            if key not in rows:
                message = (
                    f"no relation row {item!r} in ../relations.csv: expected 'source target relation [destination]'"
                )
                problems.append(Problem("course/steps.csv", message, line, "relations"))
        if s["place"] and kinds.get(s["place"]) != "compartment":
            message = f"{s['place']!r} is not an entity of kind compartment in ../entities.csv"
            problems.append(Problem("course/steps.csv", message, line, "place"))
        first = seen.setdefault((s["stepper"], s["key"]), line)
        if first != line:
            message = f"duplicate key {s['key']!r} in stepper {s['stepper']} (first at line {first})"
            problems.append(Problem("course/steps.csv", message, line, "key"))
    return problems
