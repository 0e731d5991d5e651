"""The slide decks: one per session, with speaker notes, drawing on the book, loading nothing from the network.

Built here against a stand-in of reveal.js's ``dist`` folder (the decks only link to its files); the browser
tests (test_instructor_pages.py) drive the decks ``make slides`` publishes with the real library.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cuproptosis_book.course import quiz
from cuproptosis_book.site import decks as deck_module

ROOT = Path(__file__).resolve().parents[2]
RAW: dict[str, Any] = yaml.safe_load((ROOT / "data" / "course" / "syllabus.yml").read_text(encoding="utf-8"))
SESSIONS = RAW["sessions"]
NUMBERS = [s["number"] for s in SESSIONS]


def chapter_markdown(chapter: str) -> str:
    cells = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Decks built against a stand-in of reveal.js's dist folder (the decks only link to its files)."""
    dist = tmp_path_factory.mktemp("reveal-dist") / "dist"
    for f in deck_module.REVEAL_FILES:
        (dist / f).parent.mkdir(parents=True, exist_ok=True)
        (dist / f).write_text(f"/* {f} */", encoding="utf-8")
    out = tmp_path_factory.mktemp("slides")
    deck_module.build_decks(out, dist)
    return out


@pytest.mark.parametrize("number", NUMBERS)
def test_deck_has_slides_with_speaker_notes(decks: Path, number: int) -> None:
    text = (decks / f"session{number}.html").read_text(encoding="utf-8")
    sections = re.findall(r"<section\b.*?</section>", text, re.DOTALL)
    assert len(sections) >= 12
    for s in sections:
        notes = re.search(r'<aside class="notes">(.*?)</aside>', s, re.DOTALL)
        assert notes and notes.group(1).strip(), s[:200]


@pytest.mark.parametrize("number", NUMBERS)
def test_deck_draws_on_the_book(decks: Path, number: int) -> None:
    session = SESSIONS[number - 1]
    text = (decks / f"session{number}.html").read_text(encoding="utf-8")
    for chapter in session["chapters"]:
        md = chapter_markdown(chapter)
        for oid in re.findall(r"\*\*\[([a-z]{2}-\d+)\]\*\*", md):
            assert f"<strong>{oid}</strong>" in text
        assert "Key points: " in text
    for n in session["figures"]:
        assert f'src="figures/figure{n}.svg"' in text
        assert (decks / "figures" / f"figure{n}.svg").stat().st_size > 1000
    by_id = {q.id: q for q in quiz.questions()}
    for qid in session["quiz"]:
        assert f"Quick check: {qid}" in text
        q = by_id[qid]
        if q.kind == "choice":
            right = next(o.label for o in q.options if o.correct)
            notes = re.search(rf"Quiz question {qid}\. Answer: (.*?)</aside>", text, re.DOTALL)
            assert notes and notes.group(1).startswith(right.replace("&", "&amp;").replace("<", "&lt;")[:20])


@pytest.mark.parametrize("number", NUMBERS)
def test_deck_loads_nothing_from_the_network(decks: Path, number: int) -> None:
    text = (decks / f"session{number}.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://", text)
    assert "//" not in " ".join(re.findall(r'(?:src|href)="([^"]*)"', text))
    for ref in re.findall(r'(?:src|href)="([^"#]+)"', text):
        if ref.startswith("../../chapters/"):
            assert (ROOT / "chapters" / Path(ref).with_suffix(".ipynb").name).exists(), ref
        elif ref.startswith("../../instructors/"):
            name = Path(ref).stem
            assert (ROOT / "instructors" / f"{name}.ipynb").exists() or (ROOT / "instructors" / f"{name}.md").exists()
        else:
            assert (decks / ref).is_file(), ref
