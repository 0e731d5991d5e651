"""Explorer activities: every chapter has at least two exercises that need an explorer of the page.

An explorer-based exercise carries the marker line ``*Uses the explorer: <title>*`` (notes/chapter_guide.md, rule 9)
and sits right after the code cell of the explorer it names; the student edition keeps the exercise.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = (
    "introduction",
    "copper_metabolism",
    "cuproptosis",
    "copper_ionophores",
    "nanoparticles",
    "drug_resistance",
    "knowledge_graph",
    "outlook",
)
MARKER = "*Uses the explorer:"
EXERCISE = re.compile(r"^(`{3,}|:{3,})\{exercise(?:-start)?\}", re.MULTILINE)
STUDENT_EXERCISE = re.compile(r"^> \*\*Exercise ex-[\w-]+ — ", re.MULTILINE)


def cells(path: Path) -> list[dict[str, object]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [{"type": c["cell_type"], "source": "".join(c["source"])} for c in nb["cells"]]


def explorer_exercises(path: Path) -> list[int]:
    """Indices of the markdown cells holding an exercise with the explorer marker."""
    return [
        i
        for i, c in enumerate(cells(path))
        if c["type"] == "markdown" and EXERCISE.search(str(c["source"])) and MARKER in str(c["source"])
    ]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_has_two_explorer_exercises(chapter: str) -> None:
    found = explorer_exercises(ROOT / "chapters" / f"{chapter}.ipynb")
    assert len(found) >= 2, f"{chapter}: {len(found)} explorer-based exercise(s), need at least 2"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_explorer_exercise_follows_an_explorer_and_asks_to_predict(chapter: str) -> None:
    path = ROOT / "chapters" / f"{chapter}.ipynb"
    all_cells = cells(path)
    for i in explorer_exercises(path):
        before = [c for c in all_cells[:i] if c["type"] == "code"]
        assert before, f"{chapter} cell {i}: no cell above"
        assert "explorer(" in str(before[-1]["source"]), f"{chapter} cell {i}: no explorer above"
        src = str(all_cells[i]["source"])
        assert "Predict first" in src, f"{chapter} cell {i}: the question does not ask to predict first"
        assert re.search(r"\{solution(?:-start)?\}", src), f"{chapter} cell {i}: no folded solution"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_the_student_edition_keeps_the_explorer_exercises_without_solutions(chapter: str) -> None:
    student = ROOT / "student_edition" / f"{chapter}.ipynb"
    if not student.exists():
        pytest.fail(f"{student.relative_to(ROOT)} is missing: run python -m cuproptosis_book.course.editions")
    texts = [str(c["source"]) for c in cells(student) if c["type"] == "markdown"]
    # the student notebook writes an exercise as a blockquote titled in bold (plain Markdown, no MyST fence)
    kept = [t for t in texts if MARKER in t and STUDENT_EXERCISE.search(t)]
    assert len(kept) >= 2
    assert not any("{solution" in t for t in kept)
