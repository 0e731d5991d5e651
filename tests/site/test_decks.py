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
        assert notes, s[:200]
        assert notes.group(1).strip(), s[:200]


@pytest.mark.parametrize("number", NUMBERS)
def test_deck_draws_on_the_book(decks: Path, number: int) -> None:
    session = SESSIONS[number - 1]
    text = (decks / f"session{number}.html").read_text(encoding="utf-8")
    for chapter in session["chapters"]:
        md = chapter_markdown(chapter)
        for oid in re.findall(r"\*\*\[([a-z]{2}-\d+)\]\*\*", md):
            assert f"<strong>{oid}</strong>" in text
        assert "Key points: " in text
    blocks = session["blocks"]
    for n in [f for b in blocks for f in b.get("figures", [])]:
        assert re.search(rf"<h2>Figure {n} \(top left, 1 of \d\)</h2>", text), f"figure {n} has no slides"
        assert (decks / "figures" / f"figure{n}.svg").stat().st_size > 1000
    by_id = {q.id: q for q in quiz.questions()}
    for name, ids in (("Warm-up", session.get("warm_up") or []), ("Exit ticket", session["exit_ticket"])):
        for i, qid in enumerate(ids, 1):
            assert f"{name}: question {i} of {len(ids)}" in text
            q = by_id[qid]
            if q.kind == "choice":
                letter = "ABCDEF"[[o.correct for o in q.options].index(True)]
                notes = re.search(rf"Question {qid}\. Answer: (.*?)</aside>", text, re.DOTALL)
                assert notes
                assert notes.group(1).startswith(f"{letter}, ")


@pytest.mark.parametrize("number", NUMBERS)
def test_deck_loads_nothing_from_the_network(decks: Path, number: int) -> None:
    text = (decks / f"session{number}.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://", text)
    assert "//" not in " ".join(re.findall(r'(?:src|href)="([^"]*)"', text))
    for ref in re.findall(r'(?:src|href)="([^"#]+)"', text):
        if ref.startswith("../../chapters/"):
            assert (ROOT / "chapters" / Path(ref).with_suffix(".ipynb").name).exists(), ref
        elif ref.startswith("../../tickets/"):
            # the warm-up and exit-ticket pages the book build writes (site/answer_sheets.py)
            from cuproptosis_book.site import answer_sheets

            stems = {t.stem for t in answer_sheets.tickets()}
            assert re.sub(r"(-sheet)?\.(html|pdf)$", "", Path(ref).name) in stems, ref
        elif ref.startswith("../../instructors/"):
            name = Path(ref).stem
            assert (ROOT / "instructors" / f"{name}.ipynb").exists() or (ROOT / "instructors" / f"{name}.md").exists()
        else:
            assert (decks / ref).is_file(), ref


# ---------------------------------------------------------------- the deck follows the timed plan


BLOCK_TITLE = {"setup": "Setup", "demonstration": "Demonstration", "students": "Your turn", "discussion": "Discussion"}


def titles(text: str) -> list[str]:
    return [html_text(t) for t in re.findall(r"<h2>(.*?)</h2>", text)]


def html_text(fragment: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.parametrize("number", NUMBERS)
def test_slides_follow_the_blocks_of_the_plan_and_use_every_prompt_once(decks: Path, number: int) -> None:
    session = SESSIONS[number - 1]
    shown = titles((decks / f"session{number}.html").read_text(encoding="utf-8"))
    # what the plan says, block by block, in order (slack gets no slide; the guiding questions are their block)
    expected: list[str] = []
    for b in session["blocks"]:
        if b["kind"] == "slack":
            continue
        if b["kind"] == "quiz":
            name = "Warm-up" if "warm-up" in b["text"].lower() else "Exit ticket"
            ids = session["warm_up"] if name == "Warm-up" else session["exit_ticket"]
            expected += [f"{name}: question {i} of {len(ids)}" for i in range(1, len(ids) + 1)]
            continue
        if "guiding question" in b["text"]:
            expected.append("Before today: guiding questions")
            continue
        expected.append(f"{BLOCK_TITLE[b['kind']]} ({b['minutes']} min)")
        expected += [f"Discuss: prompt {p}" for p in b.get("prompts", [])]
    in_plan = [t for t in shown if not t.startswith(("Figure ", "Key points", "Can you now", "Session ", "Today"))]
    in_plan = [
        t for t in in_plan if t not in ("Before next time", "Thank you", "The module in three ideas", session["title"])
    ]
    if not any("guiding question" in b["text"] for b in session["blocks"]):
        in_plan.remove("Before today: guiding questions")
    assert in_plan == expected
    prompts = [p for b in session["blocks"] for p in b.get("prompts", [])]
    assert [t for t in shown if t.startswith("Discuss: prompt")] == [f"Discuss: prompt {p}" for p in prompts]
    # the figures come right after the block that shows them
    for b in session["blocks"]:
        for n in b.get("figures", []):
            first = next(j for j, t in enumerate(shown) if t.startswith(f"Figure {n} "))
            assert shown[first - 1] == f"{BLOCK_TITLE[b['kind']]} ({b['minutes']} min)"


@pytest.mark.parametrize("number", NUMBERS)
def test_deck_names_exercises_as_the_chapters_do_and_shows_no_internal_id(decks: Path, number: int) -> None:
    from cuproptosis_book.course.exercise_numbers import exercise_numbers

    text = (decks / f"session{number}.html").read_text(encoding="utf-8")
    visible = html_text(re.sub(r"<aside class=\"notes\">.*?</aside>", "", text, flags=re.DOTALL))
    visible = re.sub(r"<script.*?</script>|<style.*?</style>", "", visible, flags=re.DOTALL)
    assert not re.search(r"\bex-[a-z]{2}-\d+\b", visible)
    assert "key:" not in visible
    numbers = exercise_numbers()
    for b in SESSIONS[number - 1]["blocks"]:
        for e in b.get("exercises", []):
            assert re.search(rf'href="\.\./\.\./chapters/[a-z_]+\.html#{e}">Exercise {re.escape(numbers[e])}<', text)


def test_exercise_numbers_follow_the_order_of_the_chapter_pages() -> None:
    from cuproptosis_book.course.exercise_numbers import exercise_numbers

    numbers = exercise_numbers()
    # typed from the built copper metabolism page: two warm-up exercises, then ex-cm-1 as the third
    assert numbers["ex-cm-11"] == "1.1"
    assert numbers["ex-cm-1"] == "1.3"
    assert numbers["ex-cm-4"] == "1.6"
    assert numbers["ex-ol-1"] == "7.3"
    assert numbers["ex-in-1"] == "3"


@pytest.mark.parametrize("number", NUMBERS)
def test_demonstration_slides_link_the_section_of_the_chapter(decks: Path, number: int) -> None:
    text = (decks / f"session{number}.html").read_text(encoding="utf-8")
    for b in SESSIONS[number - 1]["blocks"]:
        for e in b.get("explorers", []):
            ref = RAW["explorers"][e]
            anchor = re.sub(r"[^a-z0-9]+", "-", ref["section"].lower()).strip("-")
            assert f'href="../../chapters/{ref["chapter"]}.html#{anchor}"' in text, (e, anchor)


@pytest.mark.parametrize("number", NUMBERS)
def test_title_and_closing_slides_carry_the_credit_and_licence(decks: Path, number: int) -> None:
    sections = re.findall(
        r"<section\b.*?</section>", (decks / f"session{number}.html").read_text(encoding="utf-8"), re.DOTALL
    )
    for s in (sections[0], sections[-1]):
        assert "CC BY 4.0" in s
        assert "Yao L, Jiang B, Xu D" in s
    wrap_up = [s for s in sections if "The module in three ideas" in s]
    assert len(wrap_up) == (1 if number == NUMBERS[-1] else 0)
