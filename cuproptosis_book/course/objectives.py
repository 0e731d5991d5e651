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

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from cuproptosis_book.chapter_source import chapter_source
from cuproptosis_book.course import quiz
from cuproptosis_book.course.chapters import chapter_path, chapter_title, present_chapters
from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.myst import plain


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


def read_objectives(chapter: str, folder: Path | None = None) -> list[Objective]:
    """The chapter's learning objectives, from its ``Learning objectives`` admonition."""
    return [Objective(o.id, chapter, o.text) for o in chapter_source(chapter_path(chapter, folder)).objectives]


def read_exercises(chapter: str, folder: Path | None = None) -> list[Exercise]:
    """The chapter's exercises with the objectives their first line says they check."""
    return [
        Exercise(e.label, chapter, plain(e.title), e.objectives, e.solution is not None)
        for e in chapter_source(chapter_path(chapter, folder)).exercises
    ]


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
