"""The self-check quizzes: questions read from ``data/course/``, keys checked against ``data/`` when built.

Typical use (one notebook cell per chapter)::

    from cuproptosis_book.course import quiz
    quiz.chapter_quiz("copper_metabolism")

Design (why): an instructor edits a question in a spreadsheet, not in Python. ``data/course/questions.csv``
holds one row per question (prompt, kind, objectives, model answer, explanation, references, errata and,
where the key is a fact, a *key source*); ``data/course/options.csv`` one row per answer option (the value
compared with the key, the label shown, whether it is the right one, and what to tell a student who picks it).

A key source is a declarative look-up in ``data/``::

    relations.source where relation=reduces; target=cu_ii; compartment=mitochondrion
    trials.count where outcome_class!=no_benefit

``<table>.<column>`` names the values to collect (``count`` collects the number of matching rows);
``where`` conditions are ``column=value`` (``column=`` means the cell is empty), or ``column!=value``;
a list cell matches when it contains the value. When the quiz is built, the correct option's value must be
among the values found and every other option's value must not: a key that drifts from the data, or a
distractor that the data also make right, raises :class:`QuizError` instead of reaching a student.
The mechanics of one question (explorer, feedback panels) are in :mod:`cuproptosis_book.course.quiz_model`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from cuproptosis_book.course.chapters import CHAPTERS, course_chapters
from cuproptosis_book.course.option_order import seeded_order
from cuproptosis_book.course.quiz_model import Option, Question, Quiz, QuizError
from cuproptosis_book.data import ReviewData, course_rows, data_dir, review_of

_SOURCE = re.compile(r"^(?P<table>[a-z0-9_]+)\.(?P<column>[a-z0-9_]+)(?:\s+where\s+(?P<where>.+))?$")
_CONDITION = re.compile(r"^(?P<column>[a-z0-9_]+)\s*(?P<op>!=|=)\s*(?P<value>.*)$")


def course_dir() -> Path:
    """The folder of the course data (``data/course``)."""
    return data_dir() / "course"


def read_csv(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    """Rows of ``data/course/<name>.csv`` as dictionaries of strings, after the course package is validated."""
    return course_rows(name, folder if folder is not None else course_dir())


def _items(cell: str) -> tuple[str, ...]:
    return tuple(i for i in cell.split(";") if i) if cell else ()


@dataclass(frozen=True)
class KeySource:
    """A parsed key source: collect ``column`` of the rows of ``table`` meeting every condition."""

    table: str
    column: str
    conditions: tuple[tuple[str, str, str], ...]  # (column, "=" or "!=", value)

    @classmethod
    def parse(cls, text: str) -> KeySource:
        m = _SOURCE.match(text.strip())
        if not m:
            msg = f"key source {text!r}: expected '<table>.<column> where <column>=<value>; …'"
            raise QuizError(msg)
        conditions = []
        for part in (m.group("where") or "").split(";"):
            if not part.strip():
                continue
            c = _CONDITION.match(part.strip())
            if not c:
                msg = f"key source {text!r}: cannot read the condition {part.strip()!r}"
                raise QuizError(msg)
            conditions.append((c.group("column"), c.group("op"), c.group("value").strip()))
        return cls(m.group("table"), m.group("column"), tuple(conditions))

    def resolve(self, review: ReviewData) -> set[str]:
        """The values the data give (as strings)."""
        frame = getattr(review, self.table, None)
        if not isinstance(frame, pd.DataFrame):
            msg = f"key source: no table {self.table!r} in data/"
            raise QuizError(msg)
        mask = pd.Series(True, index=frame.index)
        for column, op, value in self.conditions:
            if column not in frame.columns:
                msg = f"key source: no column {column!r} in {self.table}"
                raise QuizError(msg)
            hit = frame[column].map(lambda cell, v=value: _matches(cell, v))
            mask &= hit if op == "=" else ~hit
        rows = frame[mask]
        if self.column == "count":
            return {str(len(rows))}
        if self.column not in frame.columns:
            msg = f"key source: no column {self.column!r} in {self.table}"
            raise QuizError(msg)
        found: set[str] = set()
        for cell in rows[self.column]:
            found.update(str(c) for c in cell) if isinstance(cell, tuple) else found.add(str(cell))
        return found


def _matches(cell: Any, value: str) -> bool:
    if isinstance(cell, tuple):
        return value in {str(c) for c in cell} if value else not cell
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return value == ""
    return str(cell) == value


def _label(value: str, label: str, review: ReviewData) -> str:
    if label:
        return label
    if value in review.entities.index:
        return review.label(value)
    return value


def build_question(row: dict[str, str], options: list[dict[str, str]], review: ReviewData) -> Question:
    """One question from its row of questions.csv and its rows of options.csv, its key checked."""
    qid = row["id"]
    opts = [Option(_label(o["value"], o["label"], review), o["correct"] == "true", o["feedback"]) for o in options]
    if row["kind"] == "choice":
        for o in opts:
            if not o.correct and not o.feedback:
                msg = f"{qid}: the wrong option {o.label!r} has no feedback"
                raise QuizError(msg)
        if row["key_source"]:
            found = KeySource.parse(row["key_source"]).resolve(review)
            for o, raw in zip(opts, options, strict=True):
                if o.correct and raw["value"] not in found:
                    msg = f"{qid}: the key {raw['value']!r} is not what the data give: {sorted(found)}"
                    raise QuizError(msg)
                if not o.correct and raw["value"] in found:
                    msg = f"{qid}: distractor {raw['value']!r} is also an answer according to the data"
                    raise QuizError(msg)
    return Question(
        qid,
        row["chapter"],
        row["prompt"],
        _items(row["objectives"]),
        kind="short" if row["kind"] == "short" else "choice",
        options=seeded_order(qid, opts, [o["value"] for o in options]),
        answer=row["answer"],
        explanation=row["explanation"],
        refs=tuple(int(r) for r in _items(row["refs"])),
        source=row["key_source"],
        errata=_items(row["errata"]),
    )


@lru_cache(maxsize=4)
def _rows(folder: str) -> tuple[tuple[dict[str, str], ...], dict[str, list[dict[str, str]]]]:
    questions = tuple(read_csv("questions", Path(folder)))
    by_question: dict[str, list[dict[str, str]]] = {}
    for o in read_csv("options", Path(folder)):
        by_question.setdefault(o["question"], []).append(o)
    return questions, by_question


def questions(chapter: str | None = None, review: ReviewData | None = None) -> list[Question]:
    """The questions of one chapter (file stem, e.g. ``"cuproptosis"``), or of every chapter in book order."""
    if chapter is not None and chapter not in CHAPTERS:
        msg = f"no quiz for chapter {chapter!r}; chapters: {', '.join(CHAPTERS)}"
        raise KeyError(msg)
    review = review_of(review)
    rows, options = _rows(str(course_dir()))
    order = course_chapters()
    chosen = sorted(
        (r for r in rows if chapter is None or r["chapter"] == chapter), key=lambda r: order.index(r["chapter"])
    )
    return [build_question(r, options.get(r["id"], []), review) for r in chosen]


def chapter_quiz(chapter: str, review: ReviewData | None = None) -> Quiz:
    """The self-check quiz of one chapter, ready to display."""
    return Quiz(questions(chapter, review))


def overview(review: ReviewData | None = None) -> pd.DataFrame:
    """One row per question: chapter, id, kind, objectives, where the key comes from (for instructors)."""
    rows = [
        {
            "chapter": q.chapter,
            "question": q.id,
            "kind": "multiple choice" if q.kind == "choice" else "short answer",
            "objectives": ", ".join(q.objectives),
            "prompt": q.prompt,
            "answer key": q.source or ("model answer" if q.kind == "short" else "options.csv"),
        }
        for q in questions(review=review)
    ]
    return pd.DataFrame(rows)
