"""Validate the book's data folder: the review's package (``data/``) and the course package (``data/course/``).

Each step collects every problem it can see; a later step runs on what the earlier ones accepted, so one broken
cell gives one message, not a cascade. Problems name files relative to the data folder (``course/steps.csv``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import course_rules, links
from .bibtex import Reference, read_references
from .problems import Problem
from .schema import Schema, read_package, to_schema
from .syllabus_file import check_syllabus
from .tables import check_table

#: The tables of the review's package, and of the course package, that the book reads.
TABLES = ("entities", "relations", "nanoparticles", "resistance", "trials", "glossary", "errata")
COURSE_TABLES = ("objectives", "questions", "options", "steps")
#: Files a folder may hold besides its package's resources.
_EXTRA = {"datapackage.json", "README.md", "CHANGELOG.md"}
# checks.yml: the student notebooks' exercise checks, read (and checked against the exercises) by
# course/exercise_checks.py
_COURSE_EXTRA = {"datapackage.json", "syllabus.yml", "checks.yml"}


@dataclass
class Checked:
    """One package after validation: its schema (None if the descriptor is unusable), tables, problems."""

    schema: Schema | None
    tables: links.Tables = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rejected: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # rows with a problem, bad cells None


def _stray_files(folder: Path, schema: Schema, extra: set[str], prefix: str) -> list[Problem]:
    described = {r.path for r in schema.resources.values()} | extra
    return [
        Problem(prefix + p.name, "a file that datapackage.json does not describe: add a resource for it or remove it")
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name not in described and not p.name.startswith(".")
    ]


def _tables(folder: Path, schema: Schema, names: tuple[str, ...], prefix: str, out: Checked) -> None:
    for name in names:
        if name not in schema.resources:
            out.problems.append(Problem(prefix + "datapackage.json", f"no resource named {name!r}", None, "resources"))
    for name, res in schema.resources.items():
        if res.tabular:
            out.rejected[name] = []
            records, lines, problems = check_table(res, folder, schema, prefix, out.rejected[name])
            out.problems += problems
            if problems and not records and not out.rejected[name]:
                continue  # unreadable (encoding, header): its links are not checked either, one message is enough
            out.tables[name] = (records, lines)


def check_data(folder: Path) -> Checked:
    """The review's package in ``folder`` (``data/``): descriptor, references.bib, every CSV, the links."""
    package, problems = read_package(folder, "datapackage.json")
    if package is None:
        return Checked(None, problems=problems)
    schema = to_schema(package)
    out = Checked(schema, problems=problems)
    out.problems += _stray_files(folder, schema, _EXTRA, "")
    out.references, bib_problems = read_references(folder)
    out.problems += bib_problems
    _tables(folder, schema, TABLES, "", out)
    if "entities" in out.tables:
        known = {r.number for r in out.references.values() if r.number is not None}
        out.problems += links.check_foreign_keys(out.tables, schema, rejected=out.rejected)
        if not bib_problems:
            out.problems += links.check_refs(out.tables, schema, known)
        out.problems += links.check_relation_graph(out.tables, schema)
    return out


def check_course(folder: Path, data: Checked) -> Checked:
    """The course package in ``folder`` (``data/course/``), its syllabus, and its links into ``data``."""
    prefix = "course/"
    package, problems = read_package(folder, prefix + "datapackage.json")
    problems += check_syllabus(folder)
    if package is None:
        return Checked(None, problems=problems)
    schema = to_schema(package)
    out = Checked(schema, problems=problems)
    out.problems += _stray_files(folder, schema, _COURSE_EXTRA, prefix)
    _tables(folder, schema, COURSE_TABLES, prefix, out)
    if data.schema is not None:
        out.problems += links.check_foreign_keys(out.tables, schema, prefix, rejected=out.rejected)
        known = {r.number for r in data.references.values() if r.number is not None}
        out.problems += course_rules.check_course(out.tables, data.tables, data.schema, known, out.rejected)
    return out


def check_data_folder(folder: Path) -> list[Problem]:
    """Every problem of a data folder: the review's package and, when ``course/`` exists, the course package."""
    data = check_data(folder)
    problems = list(data.problems)
    if (folder / "course").is_dir():
        problems += check_course(folder / "course", data).problems
    return problems
