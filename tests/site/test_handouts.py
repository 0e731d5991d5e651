"""Handouts (`make handouts`): a chapter page printed to PDF shows its title and its explorers' default state."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from cuproptosis_book.site.handouts import chapter_pages, print_handouts
from cuproptosis_book.toc import toc_pages

REPO = Path(__file__).resolve().parents[2]
A4_PT = (595, 842)  # A4 in PostScript points, rounded

pytestmark = pytest.mark.browser


def _skip_or_fail(message: str) -> None:
    # the rule of tests/site/conftest.py: skip locally, fail on CI
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def pdf_text_and_pages(path: Path) -> tuple[str, list[tuple[float, float]]]:
    """The PDF's text and page sizes (pypdf; pdftotext from poppler-utils for the text when present)."""
    try:
        import pypdf
    except ImportError:
        pypdf = None  # type: ignore[assignment]
    pdftotext = shutil.which("pdftotext")
    if pypdf is None and pdftotext is None:
        _skip_or_fail("reading a PDF needs pypdf (requirements-test.txt) or pdftotext (apt-get install poppler-utils)")
    sizes: list[tuple[float, float]] = []
    text = ""
    if pypdf is not None:
        reader = pypdf.PdfReader(str(path))
        sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
        text = "\n".join(p.extract_text() or "" for p in reader.pages)
    if pdftotext is not None:
        text = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
        if not sizes:
            info = subprocess.run(
                [shutil.which("pdfinfo") or "pdfinfo", str(path)], capture_output=True, text=True, check=True
            ).stdout
            pages = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
            assert pages is not None, f"pdfinfo printed no page count: {info}"
            n = int(pages.group(1))
            sizes = [A4_PT] * n  # pdfinfo's page count; pdftotext runs only on a well-formed PDF
    return text, sizes


def words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def test_toc_pages_follow_the_toc(tmp_path: Path) -> None:
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/intro\nparts:\n  - caption: A\n    chapters:\n"
        "      - file: chapters/one\n        sections:\n          - file: chapters/one_a.md\n"
        "  - caption: Reference\n    chapters:\n      - file: reference/glossary\n",
        encoding="utf-8",
    )
    assert toc_pages(tmp_path) == ["chapters/intro", "chapters/one", "chapters/one_a", "reference/glossary"]
    assert chapter_pages(tmp_path) == ["chapters/intro", "chapters/one", "chapters/one_a"]


@pytest.mark.parametrize("http_server", ["book"], indirect=True)
def test_a_chapter_prints_to_pdf_with_its_explorers_default_state(
    page: Any, browser: Any, chromium_path: str, http_server: Any, tmp_path: Path
) -> None:
    site = http_server.root
    with_explorer = [
        p
        for p in chapter_pages(REPO)
        if (site / f"{p}.html").is_file() and 'class="cb-explorer"' in (site / f"{p}.html").read_text(encoding="utf-8")
    ]
    assert with_explorer, f"no chapter page of _toc.yml under {site} has an explorer: rebuild the book (make book)"
    chapter = with_explorer[0]

    # what a reader sees on the page: its title and the first explorer's default panel
    page.open(f"{chapter}.html")
    title = page.locator("main h1").first.inner_text().replace("#", "").strip()
    panel = page.locator(".cb-explorer .cb-panel:not([hidden])").first.inner_text().strip()
    assert title, "the page has a title"
    assert panel, "its first explorer shows a default panel"
    shown = page.evaluate("""() => { const c = document.querySelector('.cb-explorer .cb-control');
        return c && c.tagName === 'SELECT' ? c.options[c.selectedIndex].textContent : ''; }""")

    pdfs = print_handouts(
        site, tmp_path, pages=[chapter], chromium=chromium_path, origin=http_server.origin, browser=browser
    )
    assert pdfs == [tmp_path / f"01-{Path(chapter).name}.pdf"]
    data = pdfs[0].read_bytes()
    assert data.startswith(b"%PDF-"), "not a PDF file"
    assert b"%%EOF" in data[-1024:], "not a complete PDF file"

    text, sizes = pdf_text_and_pages(pdfs[0])
    assert len(sizes) >= 1
    assert all(abs(w - A4_PT[0]) < 2 and abs(h - A4_PT[1]) < 2 for w, h in sizes), f"not A4: {sizes[:3]}"
    printed = words(text)
    assert contains_run(printed, words(title)), f"the title {title!r} is not in the PDF"
    first_words = words(panel)[:8]
    assert contains_run(printed, first_words), (
        f"the explorer's default panel ({' '.join(first_words)!r}…) is not in the PDF: a blank explorer?"
    )
    if shown:  # on paper the controls become a line naming the value shown
        assert contains_run(printed, words(f"{shown} (shown)")), f"the printed explorer does not say {shown!r} is shown"
