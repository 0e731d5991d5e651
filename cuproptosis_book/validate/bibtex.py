"""``references.bib``: the review's reference list, parsed strictly, every problem with its line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .tables import N_REFERENCES, decode

_ENTRY = re.compile(r"^\s*@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]*)\s*,", re.MULTILINE)
_INTEGER = re.compile(r"-?[0-9]+")


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


def read_references(folder: Path, name: str = "references.bib") -> tuple[dict[str, Reference], list[Problem]]:
    """One :class:`Reference` per entry, keyed by BibTeX key, and the problems of the file."""
    text, problems = decode(folder / name, name)
    if text is None:
        return {}, problems
    lines: dict[str, int] = {}
    for m in _ENTRY.finditer(text):
        if m.group(1).lower() in ("comment", "preamble", "string"):
            continue
        key, line = m.group(2), text.count("\n", 0, m.start(2)) + 1
        if key in lines:
            message = f"duplicate key {key!r} (first at line {lines[key]}): every entry needs its own key"
            problems.append(Problem(name, message, line, "key"))
        else:
            lines[key] = line
    if problems:
        return {}, problems
    from pybtex import errors as pybtex_errors  # lazy: only the loader needs pybtex
    from pybtex.database import parse_string
    from pybtex.exceptions import PybtexError

    strict = pybtex_errors.strict
    pybtex_errors.set_strict_mode(True)  # pybtex only warns by default: make every syntax error an error
    try:
        db = parse_string(text, "bibtex")
    except PybtexError as exc:
        return {}, [Problem(name, f"malformed BibTeX: {exc}", getattr(exc, "lineno", None))]
    finally:
        pybtex_errors.set_strict_mode(strict)
    refs: dict[str, Reference] = {}
    numbers: dict[int, str] = {}
    for key, entry in db.entries.items():
        at = lines.get(key)
        f = entry.fields
        raw = f.get("reviewref")
        number = None

        def bad(message: str, column: str, line: int | None = at) -> None:
            problems.append(Problem(name, message, line, column))

        if raw is not None:
            if not _INTEGER.fullmatch(str(raw)):
                bad(f"entry {key}: reviewref {raw!r} is not an integer", "reviewref")
                continue
            number = int(raw)
            if not 1 <= number <= N_REFERENCES:
                bad(f"entry {key}: reviewref {number} is outside 1-{N_REFERENCES}", "reviewref")
            elif number in numbers:
                bad(f"reviewref {number} is used by {numbers[number]} and {key}", "reviewref")
            elif key != f"ref{number}":
                bad(f"entry {key} has reviewref {number}: its key must be ref{number}", "reviewref")
            else:
                numbers[number] = key
        if "author" not in entry.persons:
            bad(f"entry {key} lacks an author (is a comma or brace missing?)", "author")
            continue
        for required in ("title", "year"):
            if required not in f:
                bad(f"entry {key} lacks a {required}", required)
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
    if missing and not problems:
        problems.append(Problem(name, f"references missing from the review's list: {missing[:10]}", None, "reviewref"))
    return refs, problems
