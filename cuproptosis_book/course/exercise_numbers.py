"""Exercises as the chapter pages number them ("Exercise 1.3"), for slides, plans and sheets.

Why: the chapters' exercise labels (``ex-cm-1``) are for cross-references in the sources; a student sees
sphinx-exercise's numbers on the page. sphinx-exercise numbers every ``{exercise}`` directive of a document in
order, prefixed by the chapter's number (``numfig`` with the numbered part of ``_toc.yml``: the chapters after
the introduction are 1, 2, …; the introduction, the book's root, is not numbered). The same mapping is computed
here from the notebooks; ``tests/site/test_exercise_numbers.py`` compares it with the built pages.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cuproptosis_book.chapter_source import book_chapters

#: The book's root page: its exercises are numbered 1, 2, … without a chapter number.
ROOT_CHAPTER = "introduction"

_ID = re.compile(r"(?<![\w#/-])ex-[a-z]{2}-\d+\b")


def chapter_numbers() -> dict[str, int]:
    """Chapter file stem -> its number in the book (the numbered part, in book order)."""
    numbered = [c.name for c in book_chapters() if c.name != ROOT_CHAPTER]
    return {c: i for i, c in enumerate(numbered, 1)}


@lru_cache(maxsize=1)
def exercise_numbers() -> dict[str, str]:
    """Exercise label -> its number as printed on the chapter page (``"1.3"``; ``"2"`` on the root page)."""
    numbers = chapter_numbers()
    out: dict[str, str] = {}
    for chapter in book_chapters():
        for i, exercise in enumerate(chapter.source.exercises, 1):
            if exercise.label:
                name = chapter.name
                out[exercise.label] = f"{numbers[name]}.{i}" if name in numbers else str(i)
    return out


def exercise_name(label: str) -> str:
    """``"Exercise 1.3"`` for ``"ex-cm-1"``."""
    return f"Exercise {exercise_numbers()[label]}"


def name_exercises(text: str) -> str:
    """Text (or HTML) with every bare exercise label replaced by its printed name; labels inside a link target
    (``#ex-cm-1``) or a path are kept, so anchors still work."""
    return _ID.sub(lambda m: exercise_name(m.group(0)) if m.group(0) in exercise_numbers() else m.group(0), text)
