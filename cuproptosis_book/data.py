"""Load the review's data (``data/``) and the course data (``data/course/``), validated first.

Every loader returns what :mod:`cuproptosis_book.validate` accepted, and nothing else: the same checks as
``python -m cuproptosis_book.validate`` run first, and the first problem raises :class:`DataError` (every
problem found is attached as ``err.problems``), which names the file, the record's first line, the column and
what was expected. Nothing is trimmed, coerced, deduplicated or dropped.

:func:`load_all` returns :class:`pandas.DataFrame` tables whose list fields (``refs``, ``section`` …) hold
tuples; :func:`course_rows` gives the rows of a course table as text, after the whole course package (and its
links into the review's data) passed.

The default review: a function that reads the review takes ``review: ReviewData | None = None`` (keyword-only
and last in an explorer) and fills it with :func:`review_of`; ``None`` is the book's own ``data/`` (:func:`load_all`,
cached until a file changes). Typical use: ``review = data.load_all()``, ``review.entities.loc["fdx1", "label"]``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from . import paths, validate
from .validate import N_REFERENCES, TABLES, DataError, Field, Reference, Resource, Schema

__all__ = [
    "N_REFERENCES",
    "PROVENANCE",
    "TABLES",
    "DataError",
    "Field",
    "Reference",
    "Resource",
    "ReviewData",
    "Schema",
    "course_rows",
    "data_dir",
    "load_all",
    "load_references",
    "load_schema",
    "provenance",
    "review_of",
    "summary",
]


def data_dir() -> Path:
    """The folder holding the data: ``$CUPROPTOSIS_BOOK_DATA`` or the book's ``data/`` (see :mod:`.paths`)."""
    return paths.data_dir()


def load_schema(folder: Path | None = None) -> Schema:
    """Read ``datapackage.json``: resources, their fields, and the controlled vocabularies (structure checked)."""
    from .validate.schema import read_package, to_schema

    package, problems = read_package(folder or data_dir(), "datapackage.json")
    validate.raise_if_any(problems)
    assert package is not None
    return to_schema(package)


def load_references(folder: Path | None = None) -> dict[str, Reference]:
    """Parse ``references.bib``: one :class:`Reference` per entry, keyed by BibTeX key."""
    from .validate.bibtex import read_references

    refs, problems = read_references(folder or data_dir())
    validate.raise_if_any(problems)
    return refs


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
        return dict(zip(self.entities["id"], self.entities["label"], strict=True))

    def label(self, entity_id: str) -> str:
        """Display label of an entity."""
        return self.labels[entity_id]

    def ref_key(self, number: int) -> str:
        """BibTeX key of the review's reference ``number``."""
        return f"ref{number}"


def _validate_folder(folder: Path) -> ReviewData:
    checked = validate.check_data(folder)
    validate.raise_if_any(checked.problems)
    assert checked.schema is not None
    frames = {name: _frame(checked.schema.resources[name], checked.tables[name][0]) for name in TABLES}
    frames["entities"] = frames["entities"].set_index("id", drop=False)
    return ReviewData(
        references=checked.references, vocabularies=checked.schema.vocabularies, schema=checked.schema, **frames
    )


@lru_cache(maxsize=4)
def _load_all_cached(folder: str, stamp: tuple[float, ...]) -> ReviewData:  # noqa: ARG001 - stamp: the cache key
    return _validate_folder(Path(folder))


def load_all(folder: Path | str | None = None) -> ReviewData:
    """Load and validate every file in ``data/``; cached until a file changes."""
    path = Path(folder) if folder is not None else data_dir()
    stamp = tuple(p.stat().st_mtime_ns for p in sorted(path.glob("*")) if p.is_file())
    return _load_all_cached(str(path.resolve()), stamp)


@lru_cache(maxsize=4)
def _course_cached(folder: str, stamp: tuple[float, ...]) -> dict[str, tuple[dict[str, str], ...]]:  # noqa: ARG001 (stamp: the cache key)
    course = Path(folder)
    data = validate.check_data(course.parent)
    validate.raise_if_any(data.problems)
    checked = validate.check_course(course, data)
    validate.raise_if_any(checked.problems)
    assert checked.schema is not None
    rows = {}
    for name, res in checked.schema.resources.items():
        with (course / res.path).open(encoding="utf-8", newline="") as fh:
            rows[name] = tuple(csv.DictReader(fh))
    return rows


def course_rows(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    """Rows of the course table ``name`` (``questions``, ``options``, ``objectives``, ``steps``) as text cells.

    The whole course package in ``folder`` (default ``data/course``) is validated first against its
    ``datapackage.json`` and the review's data beside it (``folder/..``); a problem raises :class:`DataError`.
    """
    path = Path(folder) if folder is not None else data_dir() / "course"
    files = sorted(path.glob("*")) + sorted(path.parent.glob("*"))
    stamp = tuple(p.stat().st_mtime_ns for p in files if p.is_file())
    rows = _course_cached(str(path.resolve()), stamp)
    if name not in rows:
        msg = f"no course table {name!r}; tables: {', '.join(rows)}"
        raise KeyError(msg)
    return [dict(r) for r in rows[name]]


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


#: Where a row's facts come from, in the order the data page lists them (see :func:`provenance`).
PROVENANCE = (
    "reference numbers",
    "figure legend",
    "review text, uncited",
    "labelled outside source",
)


def provenance(review: ReviewData | None = None) -> pd.DataFrame:
    """Rows of each table by where their facts come from, counted from the data (one row per table).

    *reference numbers*: the row cites the review's references (``refs``; a trial, its report ``ref``).
    *figure legend*: a relation without references stated in a figure legend (``evidence`` caption; ``figure``
    and ``section`` say which). *review text, uncited*: no reference, the sections named say where the review
    states it (an erratum quotes its evidence). *labelled outside source*: a glossary row whose ``source`` says
    the expansion or definition comes from outside the review (``outside``, ``background``), without references.
    """
    review = review_of(review)
    counts = []
    for name in TABLES:
        frame: pd.DataFrame = getattr(review, name)
        kinds = []
        for row in frame.to_dict("records"):
            cited = bool(row.get("refs")) or row.get("ref") is not None
            if cited:
                kinds.append(PROVENANCE[0])
            elif name == "relations" and row["evidence"] == "caption":
                kinds.append(PROVENANCE[1])
            elif name == "glossary" and row["source"] in ("outside", "background"):
                kinds.append(PROVENANCE[3])
            else:
                kinds.append(PROVENANCE[2])
        counts.append({"table": f"{name}.csv", **{k: kinds.count(k) for k in PROVENANCE}, "rows": len(kinds)})
    return pd.DataFrame(counts, columns=["table", *PROVENANCE, "rows"])
