"""The offline edition (``make dist``): the zipped site, unzipped into a temporary folder and opened from disk
(``file://``) in headless Chromium with every other request aborted, works: pages, explorers, tables, search.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cuproptosis_book.site.dist import INSTRUCTOR_NAME, NAME, site_files, write_dist
from tests.site.conftest import BOOK_HTML, skip_or_fail

pytestmark = pytest.mark.browser
#: the learner site's zip leaves out the instructor site, which `make book` builds inside it
LEARNER_ONLY = frozenset({"instructor"})


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (BOOK_HTML / "index.html").is_file():
        skip_or_fail("build the book first: make book")
    tmp = tmp_path_factory.mktemp("dist")
    archive = write_dist(BOOK_HTML, tmp / "site.zip", skip=LEARNER_ONLY)
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        zf.extractall(tmp / "out")
    assert all(n.startswith(f"{NAME}/") for n in names)
    assert f"{NAME}/index.html" in names
    assert f"{NAME}/searchindex.js" in names
    assert not any("/.doctrees/" in n or n.endswith("/.buildinfo") for n in names)
    assert not any(n.startswith(f"{NAME}/instructor/") for n in names), "the learner zip leaves the instructor site out"
    return tmp / "out" / NAME


def test_zip_holds_every_file_of_the_site_and_is_deterministic(tmp_path: Path) -> None:
    if not (BOOK_HTML / "index.html").is_file():
        skip_or_fail("build the book first: make book")
    a = write_dist(BOOK_HTML, tmp_path / "a.zip", skip=LEARNER_ONLY)
    b = write_dist(BOOK_HTML, tmp_path / "b.zip", skip=LEARNER_ONLY)
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        names = set(zf.namelist())
    expected = {f"{NAME}/{p.relative_to(BOOK_HTML).as_posix()}" for p in site_files(BOOK_HTML, LEARNER_ONLY)}
    assert names == expected
    assert f"{NAME}/chapters/cuproptosis.html" in names


def test_the_instructor_site_has_its_own_zip(tmp_path: Path) -> None:
    site = BOOK_HTML / "instructor"
    if not (site / "index.html").is_file():
        skip_or_fail("build the book first: make book")
    with zipfile.ZipFile(write_dist(site, tmp_path / "i.zip", INSTRUCTOR_NAME)) as zf:
        names = set(zf.namelist())
    assert f"{INSTRUCTOR_NAME}/instructors/worksheet_keys.html" in names
    assert f"{INSTRUCTOR_NAME}/index.html" in names


def test_a_missing_build_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="make book"):
        write_dist(tmp_path, tmp_path / "x.zip")


class OfflinePage:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: list[str] = []
        self.blocked: list[str] = []

    def check(self) -> None:
        assert not self.problems, self.problems


@pytest.fixture
def offline(browser: Any) -> Iterator[OfflinePage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    rec = OfflinePage(page)

    def route(r: Any) -> None:
        if r.request.url.startswith(("file://", "data:", "blob:", "about:")):
            r.continue_()
        else:
            rec.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)  # the network is blocked: only the unzipped files can load

    def on_console(m: Any) -> None:
        if m.type == "error":
            rec.problems.append(f"console: {m.text}")

    def on_failed(r: Any) -> None:
        if r.url.startswith("file://"):
            rec.problems.append(f"missing: {r.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: rec.problems.append(f"page error: {e}"))
    page.on("requestfailed", on_failed)
    try:
        yield rec
    finally:
        context.close()


def test_pages_open_from_disk_and_link_to_html_files(offline: OfflinePage, unzipped: Path) -> None:
    page = offline.page
    page.goto(unzipped.joinpath("index.html").as_uri(), wait_until="load")
    page.wait_for_url("**/chapters/introduction.html")  # index.html forwards to the first page
    page.wait_for_load_state("load")
    assert "Copper" in page.title()
    hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    local = [h.split("#")[0].split("?")[0] for h in hrefs if not re.match(r"^(https?:|mailto:|#)", h)]
    assert local
    assert all(re.search(r"\.[a-z0-9]+$", h) for h in local if h), [
        h for h in local if h and not re.search(r"\.[a-z0-9]+$", h)
    ]
    page.locator(".bd-sidebar-primary a[href$='cuproptosis.html']").first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://")
    assert page.url.endswith("chapters/cuproptosis.html")
    assert page.locator("article.bd-article h1").first.inner_text().strip().endswith("Cuproptosis")
    offline.check()


def test_explorer_and_table_work_from_disk(offline: OfflinePage, unzipped: Path) -> None:
    page = offline.page
    page.goto(unzipped.joinpath("chapters", "cuproptosis.html").as_uri(), wait_until="load")
    root = page.locator(".cb-explorer:has(select.cb-control)").first
    before = root.get_attribute("data-state")
    select = root.locator("select.cb-control").first
    values = select.locator("option").evaluate_all("os => os.map(o => o.value)")
    select.select_option(next(v for v in values if v != select.input_value()))
    assert root.get_attribute("data-state") != before
    assert len([p for p in root.locator(".cb-panel").all() if p.is_visible()]) == 1

    table = page.locator(".cb-table:not(.cb-explorer .cb-table)").first
    count = table.locator(".cb-table-count")
    total = int(count.inner_text().split(" of ")[1].split()[0])
    first_cell = table.locator("tbody tr").first.locator("td").first.inner_text().strip()
    table.locator(".cb-table-search").fill(first_cell)
    shown = int(count.inner_text().split(" of ")[0])
    assert 1 <= shown < total or total == 1
    offline.check()


def test_search_finds_a_page_from_disk(offline: OfflinePage, unzipped: Path) -> None:
    page = offline.page
    page.goto(unzipped.joinpath("search.html").as_uri() + "?q=elesclomol", wait_until="load")
    page.wait_for_selector("#search-results li a", timeout=15_000)
    results = page.locator("#search-results li a")
    assert results.count() >= 3
    results.first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://")
    assert ".html" in page.url
    offline.check()
