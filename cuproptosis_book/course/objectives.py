"""The course: learning objectives, exercises and quiz questions of every chapter, and how they map.

Design (why): instructors need to see, for every learning objective, what checks it. The objectives and the
exercises live in the chapter notebooks, written by different authors, so this module reads them from the
notebooks themselves instead of keeping a second list that could drift:

- an objective is a list item ``- **[cm-1]** …`` inside the ``Learning objectives`` admonition;
- an exercise is a ``{exercise}`` directive with ``:label: ex-cm-N`` whose body starts with
  ``*Checks objective [cm-1].*`` (several ids allowed);
- a quiz question names its objectives itself (:mod:`cuproptosis_book.course.quiz`).

:func:`coverage` joins the three into one table (objective → exercises, questions); :func:`unchecked`
lists the objectives nothing checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cuproptosis_book.course import quiz
from cuproptosis_book.course.chapters import chapter_path, chapter_title, markdown_cells, present_chapters
from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.text import plain

OBJECTIVE_ID = re.compile(r"\[([a-z]{2}-\d+)\]")

_OBJECTIVE_ITEM = re.compile(r"^\s*[-*]\s+\*\*\[([a-z]{2}-\d+)\]\*\*\s*(.*)$")

_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[a-z-]+)\}\s*(?P<arg>.*)$")

_OPTION = re.compile(r"^:([a-z-]+):\s*(.*)$")


@dataclass(frozen=True)
class Objective:
    id: str
    chapter: str
    text: str


@dataclass(frozen=True)
class Exercise:
    label: str
    chapter: str
    title: str
    objectives: tuple[str, ...]
    has_solution: bool


def _directives(source: str) -> list[tuple[str, str, dict[str, str], list[str]]]:
    """Every top-level fenced directive of a markdown cell: (name, argument, options, body lines)."""
    lines = source.splitlines()
    out = []
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i].strip())
        if not m:
            i += 1
            continue
        fence, name, arg = m.group("fence"), m.group("name"), m.group("arg").strip()
        j = i + 1
        options: dict[str, str] = {}
        while j < len(lines) and _OPTION.match(lines[j].strip()):
            o = _OPTION.match(lines[j].strip())
            assert o is not None
            options[o.group(1)] = o.group(2).strip()
            j += 1
        body = []
        while j < len(lines) and lines[j].strip() != fence:
            body.append(lines[j])
            j += 1
        out.append((name, arg, options, body))
        i = j + 1
    return out


def read_objectives(chapter: str, folder: Path | None = None) -> list[Objective]:
    """The chapter's learning objectives, from its ``Learning objectives`` admonition."""
    found: list[Objective] = []
    for src in markdown_cells(chapter_path(chapter, folder)):
        for name, arg, _, body in _directives(src):
            if name != "admonition" or arg.lower() != "learning objectives":
                continue
            current: list[str] | None = None
            ident = ""
            for line in body:
                m = _OBJECTIVE_ITEM.match(line)
                if m:
                    if current is not None:
                        found.append(Objective(ident, chapter, plain(" ".join(current))))
                    ident, current = m.group(1), [m.group(2)]
                elif current is not None and line.strip() and line.startswith((" ", "\t")):
                    current.append(line.strip())
                elif current is not None:
                    found.append(Objective(ident, chapter, plain(" ".join(current))))
                    current = None
            if current is not None:
                found.append(Objective(ident, chapter, plain(" ".join(current))))
    return found


def read_exercises(chapter: str, folder: Path | None = None) -> list[Exercise]:
    """The chapter's exercises with the objectives their first line says they check."""
    cells = markdown_cells(chapter_path(chapter, folder))
    solved: set[str] = set()
    raw: list[tuple[str, str, tuple[str, ...]]] = []
    for src in cells:
        for name, arg, options, body in _directives(src):
            if name in ("solution", "solution-start"):
                solved.add(arg.split()[0] if arg else "")
            if name != "exercise":
                continue
            first = next((line for line in body if line.strip()), "")
            ids = tuple(OBJECTIVE_ID.findall(first)) if "checks objective" in first.lower() else ()
            raw.append((options.get("label", ""), plain(arg), ids))
    return [Exercise(label, chapter, title, ids, label in solved) for label, title, ids in raw]


@dataclass(frozen=True)
class Course:
    """Everything the mapping needs, read once."""

    objectives: tuple[Objective, ...]
    exercises: tuple[Exercise, ...]
    titles: dict[str, str]
    questions: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]  # chapter -> ((question id, objectives), …)


def read_course(folder: Path | None = None, review: ReviewData | None = None) -> Course:
    """Objectives, exercises and quiz questions of every chapter present."""
    review = review_of(review)
    chapters = present_chapters(folder)
    return Course(
        objectives=tuple(o for c in chapters for o in read_objectives(c, folder)),
        exercises=tuple(e for c in chapters for e in read_exercises(c, folder)),
        titles={c: chapter_title(c, folder) for c in chapters},
        questions={c: tuple((q.id, q.objectives) for q in quiz.questions(c, review)) for c in chapters},
    )


def coverage(course: Course | None = None) -> pd.DataFrame:
    """One row per objective: its chapter, text, the exercises and quiz questions that check it."""
    course = course if course is not None else read_course()
    rows = []
    for o in course.objectives:
        exercises = [e.label for e in course.exercises if e.chapter == o.chapter and o.id in e.objectives]
        questions = [q for q, objs in course.questions.get(o.chapter, ()) if o.id in objs]
        rows.append(
            {
                "chapter": course.titles.get(o.chapter, o.chapter),
                "objective": o.id,
                "after the chapter, students can": o.text,
                "exercises": ", ".join(exercises),
                "quiz questions": ", ".join(questions),
                "checked": "yes" if exercises or questions else "NO",
            }
        )
    return pd.DataFrame(
        rows,
        columns=["chapter", "objective", "after the chapter, students can", "exercises", "quiz questions", "checked"],
    )


def unchecked(course: Course | None = None) -> list[str]:
    """Objectives that no exercise and no quiz question checks."""
    table = coverage(course)
    return table.loc[table["checked"] == "NO", "objective"].tolist()


def exercise_table(course: Course | None = None) -> pd.DataFrame:
    """One row per exercise: chapter, label, title, objectives, whether a solution is given."""
    course = course if course is not None else read_course()
    return pd.DataFrame(
        [
            {
                "chapter": course.titles.get(e.chapter, e.chapter),
                "exercise": e.label,
                "title": e.title,
                "checks": ", ".join(e.objectives),
                "solution": "yes" if e.has_solution else "no",
            }
            for e in course.exercises
        ],
        columns=["chapter", "exercise", "title", "checks", "solution"],
    )


def summary(course: Course | None = None) -> pd.DataFrame:
    """Per chapter: number of objectives, exercises, quiz questions, and objectives left unchecked."""
    course = course if course is not None else read_course()
    table = coverage(course)
    rows = []
    for chapter, title in course.titles.items():
        objs = [o for o in course.objectives if o.chapter == chapter]
        rows.append(
            {
                "chapter": title,
                "objectives": len(objs),
                "exercises": sum(e.chapter == chapter for e in course.exercises),
                "quiz questions": len(course.questions.get(chapter, ())),
                "unchecked objectives": ", ".join(
                    table.loc[(table["checked"] == "NO") & table["objective"].isin([o.id for o in objs]), "objective"]
                )
                or "none",
            }
        )
    return pd.DataFrame(
        rows, columns=["chapter", "objectives", "exercises", "quiz questions", "unchecked objectives"]
    ).set_index("chapter")
