"""Chapter pages offer the student edition: a box near the top with download, Binder and Colab links.

The launch URLs are checked against ``_config.yml``'s repository and launch settings; the download link must
serve the committed student notebook itself.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cuproptosis_book.course.syllabus import load_syllabus

REPO = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8"))
TOC = (REPO / "_toc.yml").read_text(encoding="utf-8")
CHAPTERS = [n.split("/")[1] for n in re.findall(r"^\s*(?:-\s*)?(?:root|file):\s*(chapters/\S+)", TOC, re.MULTILINE)]
assert len(CHAPTERS) >= 8, "the chapters of _toc.yml were not found"
assert "introduction" in CHAPTERS, "the chapters of _toc.yml were not found"

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("http_server", ["book"], indirect=True)]


def expected_urls(chapter: str) -> dict[str, str]:
    owner_repo = CONFIG["repository"]["url"].removeprefix("https://github.com/").strip("/")
    branch = CONFIG["repository"]["branch"]
    binder = CONFIG["launch_buttons"]["binderhub_url"].rstrip("/")
    return {
        "binder": f"{binder}/v2/gh/{owner_repo}/{branch}?labpath=student_edition/{chapter}.ipynb",
        "colab": f"https://colab.research.google.com/github/{owner_repo}/blob/{branch}/student_edition/{chapter}.ipynb",
    }


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_links_its_student_edition(page: Any, chapter: str) -> None:
    page.open(f"chapters/{chapter}.html")
    boxes = page.locator("article.bd-article .edition-box")
    assert boxes.count() == 1
    box = boxes.first
    assert box.is_visible()
    text = " ".join(box.inner_text().split())
    # the learner site (served here) has no solutions: its box offers the notebook with a check per exercise
    assert "Work the exercises in the chapter's notebook, with a check for each: download · open in Binder · " in text
    assert "open in Colab" in text
    assert "instructor" not in text.lower()
    urls = expected_urls(chapter)
    assert box.locator("a.edition-binder").get_attribute("href") == urls["binder"]
    assert box.locator("a.edition-colab").get_attribute("href") == urls["colab"]

    # The download resolves, on the served site, to the committed student notebook.
    href = box.locator("a.edition-download").get_attribute("href")
    assert href.endswith(f"student_edition/{chapter}.ipynb")
    absolute = page.evaluate("h => new URL(h, document.baseURI).href", href)
    response = page.request.get(absolute)
    assert response.status == 200
    body = response.body()
    assert len(body) > 1000
    assert body == (REPO / "student_edition" / f"{chapter}.ipynb").read_bytes()
    first = json.loads(body)["cells"][0]
    assert "".join(first["source"]).startswith("**Student edition** — “")
    page.assert_clean()


@pytest.mark.parametrize("chapter", [c for c in CHAPTERS if c != "introduction"])
def test_box_sits_just_before_the_objectives(page: Any, chapter: str) -> None:
    page.open(f"chapters/{chapter}.html")
    following = page.evaluate(
        "() => document.querySelector('.edition-box').nextElementSibling.querySelector('.admonition-title')"
        "?.textContent"
    )
    assert following == "Learning objectives"
    h1_top = page.locator("article.bd-article h1").first.bounding_box()["y"]
    box_top = page.locator(".edition-box").bounding_box()["y"]
    assert 0 < box_top - h1_top < 900, "the box is near the top of the page"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_reading_time_matches_the_chapter_text(page: Any, chapter: str) -> None:
    page.open(f"chapters/{chapter}.html")
    shown = page.locator(".edition-box .edition-reading-time").inner_text()
    m = re.fullmatch(r"About (\d+) minutes? of reading · ([\d,]+) words", shown.strip())
    assert m, shown
    minutes, words = int(m[1]), int(m[2].replace(",", ""))
    assert minutes == max(1, math.ceil(words / load_syllabus().words_per_minute))  # the syllabus's rate
    # A plain whitespace count of the markdown cells (markup included) is a little higher, never far off.
    nb = json.loads((REPO / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    naive = sum(len("".join(c["source"]).split()) for c in nb["cells"] if c["cell_type"] == "markdown")
    assert 0.8 * naive <= words <= naive


@pytest.mark.parametrize("chapter", ["cuproptosis", "introduction"])
def test_header_menus_offer_the_student_edition(page: Any, chapter: str) -> None:
    page.open(f"chapters/{chapter}.html")
    urls = expected_urls(chapter)
    for name in ("binder", "colab"):
        link = page.locator(f'.bd-header-article a[href="{urls[name]}"]')
        assert link.count() == 1, f"no student {name} link in the launch menu"
        assert "student edition" in link.inner_text().lower()
    download = page.locator(".bd-header-article a:has-text('student .ipynb')")
    assert download.count() == 1
    assert download.get_attribute("href").endswith(f"_downloads/student_edition/{chapter}.ipynb")
