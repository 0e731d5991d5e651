"""Every chapter title the code shows is the chapter notebook's H1 (the code keeps no list of titles of its own).

The H1s are read here independently of the package (the first ``# `` line of the notebook's markdown cells), so a
title typed into the code, or a reader that drifts from the notebooks, fails this test.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import nbformat
import pytest

from cuproptosis_book.chapter_source import chapter_titles
from cuproptosis_book.course import objectives
from cuproptosis_book.course.editions import student_edition
from cuproptosis_book.explorers import introduction, outlook
from cuproptosis_book.review.evidence import OPEN_QUESTIONS
from cuproptosis_book.site.decks import plain as slide_text
from cuproptosis_book.text import esc
from cuproptosis_book.toc import book_config

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "cuproptosis_book"


def h1(chapter: str) -> str:
    nb = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    msg = f"{chapter} has no H1"
    raise AssertionError(msg)


STEMS = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))


def test_the_chapter_list_titles_every_chapter_by_its_h1() -> None:
    assert sorted(chapter_titles()) == STEMS
    assert {c: chapter_titles()[c] for c in STEMS} == {c: h1(c) for c in STEMS}


def test_the_where_explorer_shows_the_h1s() -> None:
    rows = introduction.chapter_rows()
    assert rows == {c: h1(c) for c in rows}
    assert list(rows) == [c for c in chapter_titles() if c in rows], "rows in book order"
    html = introduction.where_explorer().html()
    for chapter, title in rows.items():
        assert f'<a href="{chapter}.html">{esc(title)}</a>' in html


def test_the_open_questions_explorer_names_chapters_by_their_h1s() -> None:
    explorer = outlook.open_questions_explorer()
    for q in OPEN_QUESTIONS:
        panel = explorer.states[q.key].panel
        assert f"Chapters: {esc('; '.join(h1(c) for c in q.chapters))}." in panel


def test_the_course_pages_slides_and_student_edition_show_the_h1s() -> None:
    course = objectives.read_course()
    assert course.titles == {c: h1(c) for c in course.titles}
    assert slide_text("{doc}`../chapters/drug_resistance`") == (
        f'<a href="../../chapters/drug_resistance.html">{html.escape(h1("drug_resistance"), quote=False)}</a>'
    )
    nb = nbformat.read(ROOT / "chapters" / "nanoparticles.ipynb", as_version=4)
    edition = student_edition(nb, "nanoparticles", book_config())
    assert f"“{h1('nanoparticles')}”" in edition.notebook.cells[0].source


@pytest.mark.parametrize("drifted", ["Copper and drug resistance", "Nanoparticles and other inducers"])
def test_no_drifted_title_is_left_in_the_code(drifted: str) -> None:
    found = [p.name for p in PACKAGE.rglob("*.py") if drifted in p.read_text(encoding="utf-8")]
    assert found == []
