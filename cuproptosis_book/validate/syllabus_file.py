"""``data/course/syllabus.yml``: its schema (read by :mod:`cuproptosis_book.course.syllabus`) and its checks.

The schema is a mapping's keys (a trailing ``?`` marks an optional key, which may be empty), a list's item, or a
leaf type. The validator reports each departure with the key path and its line; text fields may hold the MyST
roles ``{doc}`` and ``{ref}`` (the syllabus pages are MyST) and no other markup.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from . import text_rules
from .problems import Problem
from .tables import decode

KINDS = ("setup", "demonstration", "students", "discussion", "quiz", "slack")

_TEXT: Any = str
_BLOCK: dict[str, Any] = {
    "minutes": int,
    "kind": KINDS,
    "text": _TEXT,
    "explorers?": [str],
    "exercises?": [str],
    "prompts?": [int],
    "figures?": [int],
}
SCHEMA: dict[str, Any] = {
    "module": {
        "title": str,
        "session_minutes": int,
        "max_demonstration_share": float,
        "reading_words_per_minute": int,
        "class_size": int,
        "groups": str,
        "scaling": [{"students": int, "notes": str}],
        "critical_reading": {
            "rule": ("groups", "pairs"),
            "preparation_minutes": int,
            "present_minutes": int,
            "close_minutes": int,
            "allocation": [{"group": int, "task": int, "part?": str}],
        },
        "wrap_up": [str],
        "delivery": {"live_online": [str], "hybrid": [str]},
    },
    "explorers": {"*": {"chapter": str, "section": str, "call": str, "title": str}},
    "sessions": [
        {
            "number": int,
            "title": str,
            "chapters": [str],
            "reading": [{"chapter": str, "sections": [str]}],
            "guiding_questions": [str],
            "warm_up?": [str],
            "exit_ticket": [str],
            "preparation": [str],
            "blocks": [_BLOCK],
            "homework?": str,
            "worksheet": [{"explorer?": str, "task": str, "lines?": int, "key": str}],
        }
    ],
    "online": {"intro": str, "activities": [_BLOCK]},
}

_TYPE_NAME = {str: "text", int: "an integer", float: "a number"}


def _check(value: Any, schema: Any, path: str) -> list[str]:
    where = path or "the top level"
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            return [f"{where}: expected a mapping, found {type(value).__name__}"]
        if "*" in schema:
            return [e for k, v in value.items() for e in _check(v, schema["*"], f"{path}.{k}" if path else str(k))]
        errors = []
        keys = {k.rstrip("?"): k.endswith("?") for k in schema}
        for key, optional in keys.items():
            sub = f"{path}.{key}" if path else key
            if key in value and not (optional and value[key] is None):  # an optional key may be left empty
                errors += _check(value[key], schema[key + "?" if optional else key], sub)
            elif not optional:
                errors.append(f"{sub}: missing")
        errors += [
            f"{path + '.' if path else ''}{k}: unknown key (expected one of {sorted(keys)})"
            for k in value
            if k not in keys
        ]
        return errors
    if isinstance(schema, list):
        if not isinstance(value, list):
            return [f"{where}: expected a list, found {type(value).__name__}"]
        return [e for i, v in enumerate(value) for e in _check(v, schema[0], f"{path}[{i}]")]
    if isinstance(schema, tuple):
        return [] if value in schema else [f"{where}: {value!r} is not one of {', '.join(schema)}"]
    ok = (
        (isinstance(value, (int, float)) and not isinstance(value, bool))
        if schema is float
        else (isinstance(value, schema) and not isinstance(value, bool))
    )
    return [] if ok else [f"{where}: expected {_TYPE_NAME[schema]}, found {value!r}"]


def schema_errors(raw: Any) -> list[str]:
    """Every departure of the YAML mapping from :data:`SCHEMA`, each with its key path."""
    return _check(raw, SCHEMA, "")


_ALLOWED_ROLE = re.compile(r"\{(doc|ref)\}`[^`\n]+`")
_PATH = re.compile(r"^([^\s:]+):")


def _lines(node: yaml.Node, path: str, out: dict[str, int]) -> None:
    """Key path (as :func:`schema_errors` writes it) -> 1-based line, for every node of a composed YAML tree."""
    out.setdefault(path or "the top level", node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = f"{path}.{key.value}" if path else str(key.value)
            out[sub] = key.start_mark.line + 1
            _lines(value, sub, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _lines(item, f"{path}[{i}]", out)


def _texts(value: Any, path: str) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _texts(v, f"{path}.{k}" if path else str(k))]
    if isinstance(value, list):
        return [t for i, v in enumerate(value) for t in _texts(v, f"{path}[{i}]")]
    return [(path, value)] if isinstance(value, str) else []


def check_syllabus(folder: Path, name: str = "course/syllabus.yml") -> list[Problem]:
    """Every problem of the syllabus file: encoding, YAML syntax, schema, markup other than {doc}/{ref} roles."""
    text, problems = decode(folder / Path(name).name, name)
    if text is None:
        return problems
    try:
        node = yaml.compose(text)
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = " ".join(str(getattr(exc, "problem", None) or exc).split())  # one line per problem
        return [Problem(name, f"not valid YAML: {reason}", mark.line + 1 if mark else None)]
    lines: dict[str, int] = {}
    if node is not None:
        _lines(node, "", lines)
    for error in schema_errors(raw):
        m = _PATH.match(error)
        path = m.group(1) if m else ""
        problems.append(Problem(name, error[len(path) + 2 :] if m else error, lines.get(path), path or None))
    for path, value in _texts(raw, ""):
        bare = _ALLOWED_ROLE.sub("", value)
        what = text_rules.markup(bare) or (
            f"an invisible character ({text_rules.invisible(bare)})" if text_rules.invisible(bare) else None
        )
        if what:
            message = f"markup other than the {{doc}} and {{ref}} roles is not allowed, found {what}"
            problems.append(Problem(name, message, lines.get(path), path))
    return problems
