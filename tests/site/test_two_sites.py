"""Two sites from one source: the learner site holds no solution, key or instructor page; the instructor site has them.

The split itself (which pages, the counterpart links, the solution filter) is checked without a build; the built
sites (``make book``, ``make site``) are searched for every exercise solution, worksheet key and critical-reading
answer, in their HTML and their PDFs.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from cuproptosis_book.course import editions
from cuproptosis_book.course.syllabus import load_syllabus
from cuproptosis_book.site import two_sites
from cuproptosis_book.toc import toc_pages
from tests.site.conftest import BOOK_HTML, skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
LEARNER = BOOK_HTML
INSTRUCTOR = BOOK_HTML / two_sites.INSTRUCTOR_DIR
KEY_PAGES = {
    "instructors/worksheet_keys",
    "instructors/critical_reading",
    "instructors/session_plans",
    "instructors/notes",
    "instructors/slides",
    "instructors/syllabus",
    "instructors/downloads",
}


# -- the split, without a build ---------------------------------------------------------------------------


def test_the_learner_site_is_the_toc_without_the_instructor_part() -> None:
    learner, every = two_sites.learner_pages(ROOT), toc_pages(ROOT)
    assert set(two_sites.instructor_only_pages(ROOT)) == KEY_PAGES
    assert [p for p in every if p not in KEY_PAGES] == learner
    assert {"learners/setup", "instructors/worksheet1", "instructors/critical_reading_sheet"} <= set(learner)
    assert learner[0] == every[0] == "chapters/introduction"


def test_the_learner_toc_file_is_written_from_the_toc(tmp_path: Path) -> None:
    written = yaml.safe_load(two_sites.write_learner_toc(ROOT, tmp_path / "toc.yml").read_text(encoding="utf-8"))
    assert [p["caption"] for p in written["parts"]] == ["The review, chapter by chapter", "Reference", "For learners"]
    assert written["root"] == "chapters/introduction"


@pytest.mark.parametrize(
    ("site", "page", "href"),
    [
        ("learner", "chapters/cuproptosis", "../instructor/chapters/cuproptosis.html"),
        ("learner", "search", "instructor/search.html"),
        ("instructor", "chapters/cuproptosis", "../../chapters/cuproptosis.html"),
        ("instructor", "instructors/worksheet1", "../../instructors/worksheet1.html"),
        ("instructor", "instructors/worksheet_keys", "../../index.html"),
        ("instructor", "genindex", "../genindex.html"),
    ],
)
def test_counterpart_links(site: str, page: str, href: str) -> None:
    learner = set(two_sites.learner_pages(ROOT))
    assert two_sites.counterpart_href(site, page, learner) == href
    assert f'href="{href}"' in two_sites.banner_html(site, page, learner, "chapters/introduction")


def test_the_instructor_first_page_says_its_keys_are_public() -> None:
    learner = set(two_sites.learner_pages(ROOT))
    first = two_sites.banner_html("instructor", "chapters/introduction", learner, "chapters/introduction")
    assert "open to anyone who finds its address" in first
    assert 'href="../instructors/downloads.html#lms-export"' in first
    assert "public" not in two_sites.banner_html("learner", "chapters/introduction", learner, "chapters/introduction")
    assert "public" not in two_sites.banner_html("instructor", "chapters/cuproptosis", learner, "chapters/introduction")


def test_the_site_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(two_sites.SITE_VARIABLE, raising=False)
    assert two_sites.current_site() == "instructor"
    monkeypatch.setenv(two_sites.SITE_VARIABLE, "Learner")
    assert two_sites.current_site() == "learner"
    monkeypatch.setenv(two_sites.SITE_VARIABLE, "students")
    with pytest.raises(ValueError, match="CB_SITE"):
        two_sites.current_site()


def test_solutions_are_removed_from_a_doctree() -> None:
    from sphinx_exercise.nodes import exercise_enumerable_node, solution_node

    doc = new_document("t", get_default_settings(Parser))
    section = nodes.section()
    exercise, solution = exercise_enumerable_node(), solution_node()
    exercise += nodes.paragraph(text="Question")
    solution += nodes.paragraph(text="The answer")
    section += [exercise, solution, nodes.paragraph(text="After")]
    doc += section
    assert two_sites.remove_solutions(doc) == 1
    assert "The answer" not in doc.astext()
    assert "Question" in doc.astext()
    assert "After" in doc.astext()


def test_learner_pages_keep_only_the_student_edition_buttons() -> None:
    buttons = [
        {
            "label": "launch-buttons",
            "buttons": [
                {"label": "launch-binder-button"},
                {"label": "launch-colab-button"},
                {"label": "student-binder"},
                {"label": "initialize-thebe-button"},
            ],
        },
        {"label": "download-buttons", "buttons": [{"label": "download-source-button"}, {"label": "download-pdf"}]},
        {"label": "fullscreen-button"},
    ]
    kept = two_sites.learner_buttons(buttons)
    assert [b["label"] for b in kept[0]["buttons"]] == ["student-binder", "initialize-thebe-button"]
    assert [b["label"] for b in kept[1]["buttons"]] == ["download-pdf"]
    assert kept[2] == {"label": "fullscreen-button"}


# -- what must never reach the learner site -----------------------------------------------------------------

ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
MARKUP = re.compile(r"[*`\[\]{}$<>|_\"“”'‘’()#~=]|\s--\s|\.\.\.")


def probes(markdown: str, words: int = 7) -> list[str]:
    """Runs of plain words (no markup, quote or role) long enough to be found only where the text itself is."""
    found = []
    for line in markdown.split("\n"):
        if re.match(r"^\s*(`{3,}|:{3,}|:[\w-]+:)", line):
            continue
        for raw_segment in MARKUP.split(ROLE.sub("|", line)):
            segment = " ".join(raw_segment.strip(" ,;:.-–—").split())
            segment = re.sub(r"^(\d+\.|-)\s+", "", segment)
            if len(segment.split()) >= words:
                found.append(segment)
    return found


@cache
def public_text() -> str:
    """What the learner may read anyway: the student notebooks, their prose and outputs (explorer panels), the
    titles of the review's references and the errata (both on the reference pages)."""
    from cuproptosis_book import data

    review = data.load_all()
    parts = [ref.title for ref in review.references.values()]
    # how the critical-reading activity runs (groups, timing) is printed on the learner task sheet by design
    from cuproptosis_book.course.logistics import critical_reading_rule

    parts.append(page_text(critical_reading_rule()))
    parts += [" ".join(str(v) for v in row) for row in review.errata.itertuples(index=False)]
    for path in sorted((ROOT / "student_edition").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            parts.append(page_text("".join(cell["source"])))
            for out in cell.get("outputs", []):
                for value in out.get("data", {}).values():
                    parts.append(page_text("".join(value) if isinstance(value, list) else str(value)))
    return "\n".join(parts)


@cache
def secrets() -> dict[str, list[str]]:
    """What the learner site must not hold, by kind: exercise solutions, worksheet keys, critical-reading answers.

    A solution may restate what an explorer's panel shows on the chapter page: such runs are not secrets.
    """
    found = _secrets()
    public = public_text()
    return {kind: [p for p in runs if p not in public] for kind, runs in found.items()}


def _secrets() -> dict[str, list[str]]:
    solutions = []
    for chapter in editions.toc_chapters(ROOT):
        nb = editions.read_notebook(ROOT / "chapters" / f"{chapter}.ipynb")
        for exercise in editions.student_edition(nb, chapter, CONFIG).exercises.values():
            solutions += probes("\n".join(exercise.solution_text))
    keys = [p for s in load_syllabus().sessions for t in s.worksheet for p in probes(t.key, 6)]
    reading_nb = json.loads((ROOT / "instructors" / "critical_reading.ipynb").read_text(encoding="utf-8"))
    reading = [p for c in reading_nb["cells"] if c["cell_type"] == "markdown" for p in probes("".join(c["source"]))]
    return {"exercise solution": solutions, "worksheet key": keys, "critical-reading answer": reading}


def page_text(raw: str) -> str:
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", raw))
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


def site_text(site: Path, skip: str | None = None) -> str:
    pages = [p for p in site.rglob("*.html") if skip is None or p.relative_to(site).parts[0] != skip]
    return "\n".join(page_text(p.read_text(encoding="utf-8")) for p in sorted(pages))


def _need(path: Path) -> None:
    if not path.is_file():
        skip_or_fail(f"build both sites first (make book): {path} is missing")


def test_there_are_secrets_to_look_for() -> None:
    found = secrets()
    assert len(found["exercise solution"]) >= 100
    assert len(found["worksheet key"]) >= 12
    assert len(found["critical-reading answer"]) >= 15


@pytest.mark.browser
def test_the_learner_site_has_no_instructor_page_solution_or_source() -> None:
    _need(LEARNER / "index.html")
    for page in KEY_PAGES:
        assert not (LEARNER / f"{page}.html").exists(), f"{page} is in the learner site"
    assert not (LEARNER / "_sources").exists(), "the page sources hold the solutions"
    assert not (LEARNER / "instructors" / "slides").exists()
    for path in LEARNER.rglob("*.html"):
        if path.relative_to(LEARNER).parts[0] == two_sites.INSTRUCTOR_DIR:
            continue
        raw = path.read_text(encoding="utf-8")
        assert 'class="solution' not in raw, path
        assert "Solution to Exercise" not in raw, path


@pytest.mark.browser
def test_no_key_text_in_the_learner_site_and_all_of_it_in_the_instructor_site() -> None:
    _need(LEARNER / "index.html")
    _need(INSTRUCTOR / "index.html")
    learner = site_text(LEARNER, skip=two_sites.INSTRUCTOR_DIR)
    instructor = site_text(INSTRUCTOR)
    for kind, found in secrets().items():
        leaked = [p for p in found if p in learner]
        assert not leaked, f"{kind} text in the learner site: {leaked[:3]}"
        missing = [p for p in found if p not in instructor]
        assert not missing, f"{kind} text missing from the instructor site: {missing[:3]}"


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    text = " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


@pytest.mark.browser
def test_no_key_text_in_the_learner_pdfs_and_solutions_in_the_instructor_handouts() -> None:
    learner_pdfs = sorted((LEARNER / "handouts").glob("*.pdf")) + sorted((LEARNER / "instructors").glob("*.pdf"))
    instructor_handouts = sorted((INSTRUCTOR / "handouts").glob("*.pdf"))
    if not learner_pdfs or not instructor_handouts:
        skip_or_fail("print the handouts first (make site)")
    assert not any("keys" in p.name or "critical_reading." in p.name for p in learner_pdfs)
    words = {k: [p for p in v if len(p) < 80] for k, v in secrets().items()}  # short runs survive PDF line breaks
    for pdf in learner_pdfs:
        text = _pdf_text(pdf)
        for kind, found in words.items():
            leaked = [p for p in found if p in text]
            assert not leaked, f"{kind} text in {pdf.name}: {leaked[:3]}"
    instructor = " ".join(_pdf_text(p) for p in instructor_handouts)
    assert sum(p in instructor for p in words["exercise solution"]) >= len(words["exercise solution"]) // 2


@pytest.mark.browser
@pytest.mark.parametrize("site", ["learner", "instructor"])
def test_every_page_links_an_existing_counterpart(site: str) -> None:
    root = LEARNER if site == "learner" else INSTRUCTOR
    _need(root / "index.html")
    pages = two_sites.site_pages(site, ROOT)
    for page in pages:
        raw = (root / f"{page}.html").read_text(encoding="utf-8")
        m = re.search(r'<p class="site-counterpart"[^>]*>.*?href="([^"]+)"', raw, re.DOTALL)
        assert m, f"{site} {page}: no counterpart link"
        target = (root / page).parent / m.group(1)
        assert target.resolve().is_file(), f"{site} {page}: {m.group(1)} does not exist"


@pytest.mark.browser
def test_student_notebook_links_point_to_glossary_entries_of_the_learner_site() -> None:
    glossary = LEARNER / "reference" / "glossary.html"
    _need(glossary)
    ids = set(re.findall(r'id="([^"]+)"', glossary.read_text(encoding="utf-8")))
    anchors = set()
    for path in (ROOT / "student_edition").glob("*.ipynb"):
        anchors |= set(re.findall(r"reference/glossary\.html#([\w.-]+)\)", path.read_text(encoding="utf-8")))
    assert len(anchors) > 50
    assert not anchors - ids, f"glossary anchors that do not exist: {sorted(anchors - ids)[:5]}"


@pytest.mark.browser
@pytest.mark.parametrize("http_server", ["book"], indirect=True)
def test_the_learner_downloads_page_links_files_that_exist(page: Any, http_server: Any) -> None:
    _need(LEARNER / "handouts" / "01-introduction.pdf")
    page.open("learners/downloads.html")
    hrefs = page.evaluate("() => [...document.querySelectorAll('article.bd-article a[href]')].map(a => a.href)")
    files = [h.split("#")[0] for h in hrefs if h.startswith(page.origin) and not h.split("#")[0].endswith(".html")]
    assert len(files) >= 8 + 8 + 4 + 10 + 1
    for url in files:
        path = http_server.root / url[len(page.origin) + 1 :]
        assert path.is_file(), url
        assert path.stat().st_size > 0, url
        assert "key" not in path.name
    page.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize("http_server", ["instructor"], indirect=True)
def test_the_instructor_first_page_says_so_and_links_the_lms_export(page: Any) -> None:
    page.open("chapters/introduction.html")
    note = page.locator(".instructor-public-note")
    assert note.is_visible()
    assert "open to anyone who finds its address" in note.inner_text()
    href = note.locator("a").get_attribute("href")
    assert href == "../instructors/downloads.html#lms-export"
    page.open("instructors/downloads.html")
    assert page.locator("#lms-export").count() == 1, "the downloads page has an LMS export section"


@pytest.mark.browser
def test_the_setup_page_clones_the_configured_repository() -> None:
    setup = LEARNER / "learners" / "setup.html"
    _need(setup)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", setup.read_text(encoding="utf-8"))).split())
    assert f"git clone {CONFIG['repository']['url']}.git cuproptosis-book" in text
    assert "make book" in text
    assert "make test" in text
    assert "Binder is busy" in text
