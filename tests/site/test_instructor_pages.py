"""The instructors' session kit on the built site: pages, slide decks and every file of the downloads page.

Runs on ``_build/html`` after ``make site`` (``make test`` runs it first). The site is served on 127.0.0.1 and
every request that would leave it is recorded and aborted, so a deck that loaded reveal.js from a CDN fails.
A missing artefact skips these tests locally and fails them when ``CI=true``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
import yaml

from cuproptosis_book.site.handouts import chapter_pages

REPO = Path(__file__).resolve().parents[2]
# the instructor site (make book builds it inside the learner site, in instructor/)
BOOK_HTML = Path(os.environ.get("CB_BOOK_HTML", REPO / "_build" / "html")) / "instructor"
SESSIONS = [
    s["number"]
    for s in yaml.safe_load((REPO / "data" / "course" / "syllabus.yml").read_text(encoding="utf-8"))["sessions"]
]
PAGES = [
    "instructors/session_plans.html",
    "instructors/syllabus.html",
    "instructors/downloads.html",
    "instructors/worksheet_keys.html",
] + [f"instructors/worksheet{n}.html" for n in SESSIONS]
DECKS = [f"instructors/slides/session{n}.html" for n in SESSIONS]
#: What the first bytes of a published file must be, by suffix.
MAGIC = {".pdf": b"%PDF-", ".png": b"\x89PNG", ".zip": b"PK\x03\x04"}


def skip_or_fail(message: str) -> None:
    # the rule of tests/site/conftest.py: skip locally, fail on CI
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


pytestmark = pytest.mark.browser
#: Serve the built site (not the repository) to the tests that open pages.
ON_THE_SITE = pytest.mark.parametrize("http_server", ["instructor"], indirect=True)


@pytest.fixture(scope="module", autouse=True)
def built_site() -> Path:
    """The site ``make site`` writes; the decks and the downloads page must be there."""
    needed = [BOOK_HTML / p for p in PAGES + DECKS] + [BOOK_HTML / "handouts", BOOK_HTML / "downloads"]
    missing = [str(p.relative_to(BOOK_HTML)) for p in needed if not p.exists()]
    if missing:
        skip_or_fail(f"run `make site` first (missing from {BOOK_HTML}: {', '.join(missing[:5])})")
    return BOOK_HTML


def serious_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page.page, options={"resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


# ---------------------------------------------------------------- pages


@ON_THE_SITE
@pytest.mark.parametrize("path", PAGES)
def test_instructor_page_is_clean_offline_and_accessible(page: Any, path: str) -> None:
    page.open(path, wait_until="networkidle")
    page.assert_clean()
    assert serious_violations(page) == [], path


@ON_THE_SITE
@pytest.mark.parametrize("number", SESSIONS)
def test_worksheet_page_has_an_answer_box_for_every_task_and_no_key(page: Any, number: int) -> None:
    page.open(f"instructors/worksheet{number}.html")
    tasks = page.locator(".cb-worksheet-task").count()
    assert tasks >= 3
    assert page.locator(".cb-worksheet-task .cb-worksheet-answer").count() == tasks
    assert "Key." not in page.locator("article").inner_text()


# ---------------------------------------------------------------- downloads


def download_links(page: Any) -> list[str]:
    """Absolute URLs of the downloads page's links to files (not to other pages of the book)."""
    page.open("instructors/downloads.html")
    hrefs: list[str] = page.evaluate(
        "() => [...document.querySelectorAll('article.bd-article a[href]')].map(a => a.getAttribute('href'))"
    )
    base = page.url_for("instructors/downloads.html")
    files = []
    for href in hrefs:
        if href.startswith("#") or urlparse(href).scheme:
            continue
        url = urljoin(base, href).split("#")[0]
        is_page = url.endswith(".html") and "/slides/" not in url
        if not is_page:
            files.append(url)
    return files


@ON_THE_SITE
def test_downloads_page_links_everything_an_instructor_reaches_for(page: Any) -> None:
    names = {urlparse(u).path.split("/", 1)[1] for u in download_links(page)}
    expected = {f"downloads/figures/figure{n}.{ext}" for n in (1, 2, 3, 4) for ext in ("svg", "png")}
    expected |= {"downloads/figures/table1.csv", "downloads/figures/table2.csv"}
    expected |= {f"instructors/slides/session{n}.{ext}" for n in SESSIONS for ext in ("html", "pdf")}
    expected |= {f"instructors/worksheet{n}.pdf" for n in SESSIONS}
    expected |= {f"instructors/slides/session{n}-notes.pdf" for n in SESSIONS}
    # the LMS packages (section lms-export) and the answer sheets and keys of every exit ticket
    expected |= {f"instructors/lms/session{n}-exit-ticket-{k}" for n in SESSIONS for k in ("canvas.zip", "moodle.xml")}
    expected |= {f"instructors/lms/question-bank-{k}" for k in ("canvas.zip", "moodle.xml")}
    expected |= {f"tickets/session{n}-exit-ticket-sheet.pdf" for n in SESSIONS}
    expected |= {f"instructors/keys/session{n}-exit-ticket-key.pdf" for n in SESSIONS}
    expected |= {"tickets/quiz-sheet.pdf", "instructors/keys/quiz-key.pdf"}
    # `make handouts` names each PDF by the page's position in the book: every chapter gets one
    expected |= {
        f"handouts/{i:02d}-{PurePosixPath(p).name}.pdf"
        for i, p in enumerate(chapter_pages(REPO), 1)
        if p.startswith("chapters/")
    }
    expected.add("_downloads/cuproptosis-book-data.zip")
    assert expected - names == set(), "missing from the downloads page"


@ON_THE_SITE
@pytest.mark.usefixtures("built_site")
def test_every_download_link_resolves_to_a_non_empty_file(page: Any) -> None:
    links = download_links(page)
    assert len(links) >= 30
    for url in links:
        response = page.request.get(url)
        assert response.status == 200, url
        body = response.body()
        assert len(body) > 200, f"{url}: {len(body)} bytes"
        suffix = PurePosixPath(urlparse(url).path).suffix
        if suffix in MAGIC:
            assert body.startswith(MAGIC[suffix]), f"{url} is not a {suffix} file"
        if suffix == ".svg":
            assert b"<svg" in body[:2000], url
    assert all(page.is_local(u) for u in links)


# ---------------------------------------------------------------- decks


def open_deck(page: Any, path: str) -> None:
    page.open(path, wait_until="networkidle")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=10_000)


@ON_THE_SITE
@pytest.mark.parametrize("path", DECKS)
def test_deck_loads_reveal_from_the_site_and_runs_clean(page: Any, path: str) -> None:
    open_deck(page, path)
    page.assert_clean()
    scripts = page.evaluate("() => [...document.scripts].filter(s => s.src).map(s => s.src)")
    reveal = page.url_for("instructors/slides/reveal/reveal.js")
    assert reveal in scripts
    assert reveal in page.requests
    assert all(page.is_local(u) for u in page.requests)


@ON_THE_SITE
@pytest.mark.parametrize("path", DECKS)
def test_deck_advances_with_the_keyboard(page: Any, path: str) -> None:
    open_deck(page, path)
    total = page.evaluate("() => Reveal.getTotalSlides()")
    assert total >= 12
    assert page.evaluate("() => Reveal.getIndices().h") == 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => Reveal.getIndices().h === 1", timeout=5_000)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => Reveal.getIndices().h === 2", timeout=5_000)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => Reveal.getIndices().h === 1", timeout=5_000)
    shown = page.evaluate("() => Reveal.getCurrentSlide().querySelector('h2').textContent")
    assert shown == "Today", shown


@ON_THE_SITE
@pytest.mark.parametrize("path", DECKS)
def test_deck_has_no_serious_accessibility_violations(page: Any, path: str) -> None:
    # the print view lays every slide out at once (as the PDF shows them): one audit covers the whole deck
    page.open(path + "?print-pdf", wait_until="networkidle")
    page.wait_for_function(
        "() => window.Reveal && Reveal.isReady() && document.querySelector('.pdf-page')", timeout=10_000
    )
    assert page.locator(".pdf-page").count() == page.evaluate("() => Reveal.getTotalSlides()")
    page.assert_clean()
    assert serious_violations(page) == [], path


@pytest.mark.parametrize("number", SESSIONS)
def test_deck_pdf_has_one_page_per_slide(built_site: Path, number: int) -> None:
    deck = (built_site / f"instructors/slides/session{number}.html").read_text(encoding="utf-8")
    pdf = (built_site / f"instructors/slides/session{number}.pdf").read_bytes()
    slides = len(re.findall(r"<section\b", deck))
    assert max(int(c) for c in re.findall(rb"/Count\s+(\d+)", pdf)) == slides


@pytest.mark.parametrize("number", SESSIONS)
def test_presenter_pdf_has_every_slide_followed_by_its_notes(built_site: Path, number: int) -> None:
    from pypdf import PdfReader

    deck = (built_site / f"instructors/slides/session{number}.html").read_text(encoding="utf-8")
    slides = len(re.findall(r"<section\b", deck))
    reader = PdfReader(built_site / f"instructors/slides/session{number}-notes.pdf")
    # each slide and its notes page, then at most one blank page that reveal.js's print layout leaves at the end
    assert 2 * slides <= len(reader.pages) <= 2 * slides + 1
    assert all(reader.pages[i].extract_text().strip() for i in range(2 * slides))
    # a notes page carries the slide's speaker notes: the title slide's notes open with the plan for today
    assert "Plan for today" in reader.pages[1].extract_text()


@pytest.mark.parametrize("stem", [f"session{n}-exit-ticket" for n in SESSIONS] + ["session2-warm-up"])
def test_each_exit_ticket_prints_on_one_page_with_its_key_apart(built_site: Path, stem: str) -> None:
    from pypdf import PdfReader

    sheet = PdfReader(built_site / f"tickets/{stem}-sheet.pdf")
    assert len(sheet.pages) == 1
    text = sheet.pages[0].extract_text()
    assert "Name:" in text
    assert "A." in text.replace("A. ", "A.")
    assert "Answer:" in text
    key = PdfReader(built_site / f"instructors/keys/{stem}-key.pdf").pages[0].extract_text()
    assert "do not hand out" in key
    # the sheet holds no key: neither the key's heading nor its model answers
    assert "do not hand out" not in text
    assert "Model answer" not in text
