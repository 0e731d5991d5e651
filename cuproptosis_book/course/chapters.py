"""The chapters of the course: the objective prefix of each one.

The chapter order, notebooks and titles are not kept here: they come from ``_toc.yml`` and the notebooks' H1s
(:func:`cuproptosis_book.chapter_source.book_chapters`). This module adds what only the course knows: the prefix of
each chapter's objective ids (``cm-1`` …), and which chapters the course module draws on.
"""

from __future__ import annotations

from pathlib import Path

from cuproptosis_book.chapter_source import chapter_names, chapter_source
from cuproptosis_book.paths import chapters_dir

#: The objective prefix of each chapter the course module draws on (file stem -> prefix); the book order is
#: ``_toc.yml``'s (:func:`course_chapters`).
CHAPTERS: dict[str, str] = {
    "introduction": "in",
    "copper_metabolism": "cm",
    "cuproptosis": "cu",
    "copper_ionophores": "io",
    "nanoparticles": "np",
    "drug_resistance": "dr",
    "knowledge_graph": "kg",
    "outlook": "ol",
}


def course_chapters() -> list[str]:
    """The course chapters in book order (the order of ``_toc.yml``)."""
    return [c for c in chapter_names() if c in CHAPTERS]


def chapter_path(chapter: str, folder: Path | None = None) -> Path:
    folder = folder if folder is not None else chapters_dir()
    return folder / f"{chapter}.ipynb"


def present_chapters(folder: Path | None = None) -> list[str]:
    """The course chapters whose notebook exists, in book order."""
    return [c for c in course_chapters() if chapter_path(c, folder).exists()]


def chapter_title(chapter: str, folder: Path | None = None) -> str:
    """The chapter's H1 (its file stem when it has none)."""
    return chapter_source(chapter_path(chapter, folder)).title or chapter
