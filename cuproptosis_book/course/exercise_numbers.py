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

from cuproptosis_book.course.chapters import CHAPTERS, chapter_path, markdown_cells

#: The book's root page: its exercises are numbered 1, 2, … without a chapter number.
ROOT_CHAPTER = "introduction"

_EXERCISE = re.compile(r"^(`{3,}|:{3,})\{exercise\}[^\n]*\n((?::[^\n]*\n)*)", re.MULTILINE)
_LABEL = re.compile(r"^:label:\s*(\S+)\s*$", re.MULTILINE)
_ID = re.compile(r"(?<![\w#/-])ex-[a-z]{2}-\d+\b")


def chapter_numbers() -> dict[str, int]:
    """Chapter file stem -> its number in the book (the numbered part, in book order)."""
    numbered = [c for c in CHAPTERS if c != ROOT_CHAPTER]
    return {c: i for i, c in enumerate(numbered, 1)}


@lru_cache(maxsize=1)
def exercise_numbers() -> dict[str, str]:
    """Exercise label -> its number as printed on the chapter page (``"1.3"``; ``"2"`` on the root page)."""
    numbers = chapter_numbers()
    out: dict[str, str] = {}
    for chapter in CHAPTERS:
        path = chapter_path(chapter)
        if not path.exists():
            continue
        text = "\n".join(markdown_cells(path))
        for i, m in enumerate(_EXERCISE.finditer(text), 1):
            label = _LABEL.search(m.group(2))
            if label:
                out[label.group(1)] = f"{numbers[chapter]}.{i}" if chapter in numbers else str(i)
    return out


def exercise_name(label: str) -> str:
    """``"Exercise 1.3"`` for ``"ex-cm-1"``."""
    return f"Exercise {exercise_numbers()[label]}"


def name_exercises(text: str) -> str:
    """Text (or HTML) with every bare exercise label replaced by its printed name; labels inside a link target
    (``#ex-cm-1``) or a path are kept, so anchors still work."""
    return _ID.sub(lambda m: exercise_name(m.group(0)) if m.group(0) in exercise_numbers() else m.group(0), text)
