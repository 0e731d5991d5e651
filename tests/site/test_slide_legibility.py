"""What a class sees: figure text on the slides legible from the back of the room, and no developer strings on
any page or slide a student sees.

Slides: each deck ``make slides`` publishes is opened in Chromium at 1280×720; on every slide with a figure, each
text run of the inline SVG (matplotlib draws a run as a group ``scale(s -s)`` of glyphs whose font size is 100·s
in the figure's units) is measured through its screen transform, and its box must be on screen. Pages: the
visible text of every built student page (chapters, reference pages, the warm-up and exit-ticket pages) and of
every slide is read from the HTML.
"""

from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
BOOK_HTML = Path(os.environ.get("CB_BOOK_HTML", REPO / "_build" / "html"))
SESSIONS = [
    s["number"]
    for s in yaml.safe_load((REPO / "data" / "course" / "syllabus.yml").read_text(encoding="utf-8"))["sessions"]
]
# the decks are part of the instructor site, which lives under instructor/ of the learner site
DECKS = [f"instructor/instructors/slides/session{n}.html" for n in SESSIONS]
ON_THE_SITE = pytest.mark.parametrize("http_server", ["book"], indirect=True)
MIN_PX = 18.0

MEASURE_JS = """() => {
  const slide = Reveal.getCurrentSlide();
  const runs = [];
  slide.querySelectorAll('svg g[transform*="scale("]').forEach(g => {
    if (!/scale\\([0-9.]+ -[0-9.]+\\)/.test(g.getAttribute('transform'))) return;
    const r = g.getBoundingClientRect();
    const visible = r.width > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    if (!visible) return;
    const m = g.getScreenCTM();
    runs.push({px: Math.hypot(m.a, m.b) * 100, height: r.height, text: g.parentNode.textContent.trim().slice(0, 40)});
  });
  return runs;
}"""


def skip_or_fail(message: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def built(path: str) -> Path:
    target = BOOK_HTML / path
    if not target.exists():
        skip_or_fail(f"run `make site` first ({path} is missing from {BOOK_HTML})")
    return target


@pytest.mark.browser
@ON_THE_SITE
@pytest.mark.parametrize("path", list(DECKS))
def test_figure_text_on_slides_renders_at_18_px_or_more(page: Any, path: str) -> None:
    built(path)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.open(path, wait_until="networkidle")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=10_000)
    figures = 0
    for i in range(page.evaluate("() => Reveal.getTotalSlides()")):
        page.evaluate(f"() => Reveal.slide({i})")
        page.wait_for_function(f"() => Reveal.getIndices().h === {i}", timeout=5_000)
        runs = page.evaluate(MEASURE_JS)
        if not runs:
            continue
        figures += 1
        small = [r for r in runs if r["px"] < MIN_PX]
        assert not small, f"slide {i + 1}: text below {MIN_PX} px: {small[:3]}"
        # the glyph boxes agree: a run's box is at least as tall as the capitals of an 18 px font
        assert max(r["height"] for r in runs) >= 0.6 * MIN_PX
    session = int(re.search(r"session(\d+)", path).group(1))  # type: ignore[union-attr]
    has_figures = any(b.get("figures") for b in SESSION_BLOCKS[session])
    assert (figures > 0) == has_figures, f"{figures} figure slides measured"


SESSION_BLOCKS = {
    s["number"]: s["blocks"]
    for s in yaml.safe_load((REPO / "data" / "course" / "syllabus.yml").read_text(encoding="utf-8"))["sessions"]
}


class VisibleText(HTMLParser):
    """The text a reader can see or reveal: everything but scripts, styles and speaker notes."""

    SKIP: ClassVar[set[str]] = {"script", "style", "aside", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 (HTMLParser's signature)
        if tag in self.SKIP:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    parser = VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return html.unescape(" ".join(parser.parts))


def student_pages() -> list[str]:
    pages = sorted(str(p.relative_to(BOOK_HTML)) for p in (BOOK_HTML / "chapters").glob("*.html"))
    pages += sorted(str(p.relative_to(BOOK_HTML)) for p in (BOOK_HTML / "reference").glob("*.html"))
    pages += sorted(str(p.relative_to(BOOK_HTML)) for p in (BOOK_HTML / "tickets").glob("*.html"))
    return pages + DECKS


@pytest.mark.browser
def test_no_key_source_or_internal_exercise_id_on_student_pages_and_slides() -> None:
    built("chapters/copper_metabolism.html")
    built("tickets/session1-exit-ticket.html")
    pages = student_pages()
    assert len(pages) >= 20
    for page in pages:
        text = visible_text(built(page))
        assert "key:" not in text, page
        assert not re.search(r"\b[a-z_]+\.[a-z_]+ where [a-z_]+!?=", text), page
        found = re.findall(r"\bex-[a-z]{2}-\d+\b", text)
        assert not found, f"{page}: {sorted(set(found))[:5]}"


@pytest.mark.browser
def test_built_exercise_numbers_match_the_computed_ones() -> None:
    from cuproptosis_book.course.exercise_numbers import exercise_numbers

    numbers = exercise_numbers()
    checked = 0
    for label, number in numbers.items():
        chapter = next(
            p.stem
            for p in (REPO / "chapters").glob("*.ipynb")
            if f":label: {label}\n" in p.read_text(encoding="utf-8").replace("\\n", "\n")
        )
        page = built(f"chapters/{chapter}.html").read_text(encoding="utf-8")
        m = re.search(rf'id="{label}"(.*?)</p>', page, re.DOTALL)
        assert m, f"{label}: no element with this id on chapters/{chapter}.html"
        shown = re.sub(r"<[^>]+>", "", m.group(1))
        assert f"Exercise {number}" in shown, f"{label}: {shown[:80]!r}"
        checked += 1
    assert checked >= 40
