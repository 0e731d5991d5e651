"""The built site in headless Chromium: clean pages, accessible content, explorers that respond offline.

The book is served from ``_build/html`` on 127.0.0.1; every request that would leave 127.0.0.1 is
recorded (and aborted), so a CDN dependency fails these tests.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
BOOK_HTML = Path(os.environ.get("CB_BOOK_HTML", REPO / "_build" / "html"))

# Both sites: the learner site (the root) and the instructor site (instructor/).
pytestmark = [pytest.mark.browser, pytest.mark.parametrize("http_server", ["book", "instructor"], indirect=True)]


def toc_pages() -> list[str]:
    """HTML path of every page listed in _toc.yml."""
    text = (REPO / "_toc.yml").read_text(encoding="utf-8")
    names = re.findall(r"^\s*(?:-\s*)?(?:root|file):\s*(\S+)", text, re.MULTILINE)
    return [f"{n}.html" for n in names]


PAGES = toc_pages()
CHAPTERS = [p for p in PAGES if p.startswith("chapters/")]
SHOTS = REPO / "_build" / "screenshots"


@pytest.mark.parametrize("path", [*PAGES, "search.html?q=copper", "genindex.html"])
def test_page_loads_clean_and_offline(page: Any, path: str) -> None:
    page.open(path, wait_until="networkidle")
    page.assert_clean()
    assert "THEBE_JS_URL" not in " ".join(page.console_errors)
    assert not any("mathjax" in url.lower() for url in page.requests if not page.is_local(url))


@pytest.mark.parametrize("path", PAGES)
def test_content_images_have_meaningful_alt_text(page: Any, path: str) -> None:
    page.open(path)
    images = page.evaluate(
        """() => [...document.querySelectorAll('article.bd-article img')].map(i => ({
               src: i.getAttribute('src') || '', alt: (i.getAttribute('alt') || '').trim()}))"""
    )
    for img in images:
        alt = img["alt"]
        name = Path(img["src"].split("?")[0]).name
        assert len(alt) >= 15, f"{path}: image {name} has no meaningful alt text: {alt!r}"
        assert alt.lower() not in {"png", "svg", "image", "figure", name.lower()}


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(page: Any, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.open(path, wait_until="networkidle")
    # the theme makes wide code blocks keyboard-scrollable (tabindex) on a 300 ms debounce: audit the settled page
    page.wait_for_function(
        """() => [...document.querySelectorAll('pre, .cell_output .output')]
                 .every(e => e.scrollWidth <= e.clientWidth + 1 || e.hasAttribute('tabindex'))""",
        timeout=5_000,
    )
    results = Axe().run(page.page, options={"resultTypes": ["violations"]})
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s), e.g. {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, f"{path}: " + "; ".join(serious)


def explorers_on(page: Any) -> list[dict[str, Any]]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.cb-explorer[id]')].map(root => ({
              id: root.id,
              spec: JSON.parse(root.querySelector('script.cb-states').textContent),
              controls: [...root.querySelectorAll('.cb-control')].map(c => ({
                  name: c.name, type: c.type,
                  values: c.type === 'range' ? JSON.parse(c.dataset.values)
                                             : [...c.options].map(o => o.value)}))}))"""
    )


def shown_state(page: Any, root_id: str) -> dict[str, Any]:
    return page.evaluate(
        """(id) => {
              const root = document.getElementById(id), pre = id + '-k-';
              const items = [...root.querySelector('.cb-view').querySelectorAll('[id^="' + pre + '"]')];
              const on = new Set(), off = new Set();
              for (const el of items) {
                  const key = el.id.slice(pre.length).split('--')[0];
                  const visible = getComputedStyle(el).display !== 'none';
                  if (el.classList.contains('cb-on') && visible) on.add(key);
                  if (el.classList.contains('cb-off')) off.add(key);
              }
              const panels = [...root.querySelectorAll('.cb-panel')].filter(p => !p.hidden);
              const keys = [...new Set(items.map(el => el.id.slice(pre.length).split('--')[0]))];
              return {state: root.dataset.state, on: [...on], off: [...off], keys: keys,
                      panels: panels.map(p => p.dataset.state), all: items.length};
           }""",
        root_id,
    )


def set_control(page: Any, root_id: str, control: dict[str, Any], value: str) -> None:
    selector = f"#{root_id} .cb-control[name='{control['name']}']"
    if control["type"] == "range":
        index = control["values"].index(value)
        page.evaluate(
            """([sel, v]) => { const c = document.querySelector(sel); c.value = v;
                               c.dispatchEvent(new Event('input', {bubbles: true})); }""",
            [selector, str(index)],
        )
    else:
        page.select_option(selector, value)


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_explorer_responds_to_its_controls(page: Any, path: str) -> None:
    page.open(path, wait_until="networkidle")
    explorers = explorers_on(page)
    if path != "chapters/introduction.html":
        assert len(explorers) >= 2, f"{path}: a chapter has at least two explorers"
    for ex in explorers:
        states = ex["spec"]["states"]
        default = shown_state(page, ex["id"])
        assert default["state"] in states, f"{ex['id']}: unknown default state"
        assert default["panels"], f"{ex['id']}: blank default state"
        changed = False
        for i, control in enumerate(ex["controls"]):
            for value in control["values"][:30]:
                set_control(page, ex["id"], control, value)
                shown = shown_state(page, ex["id"])
                expected = states[shown["state"]]
                assert shown["state"].split("|")[i] == value
                assert shown["panels"] == [expected["panel"]], f"{ex['id']}={value}: wrong panel"
                if expected["on"] is not None:  # (a state may name keys the view does not draw)
                    want = set(expected["on"]) & set(shown["keys"])
                    assert set(shown["on"]) == want, f"{ex['id']}={value}: wrong items on"
                    assert not (set(shown["off"]) & want), f"{ex['id']}={value}: an on item is dimmed"
                changed |= shown["on"] != default["on"] or shown["panels"] != default["panels"]
        assert changed, f"{ex['id']}: no control changes what is shown"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SHOTS / (Path(path).stem + "-after-controls.png")), full_page=True, timeout=60_000
    )  # a long page on a busy machine
    page.assert_clean()


def test_search_finds_elesclomol(page: Any) -> None:
    page.open("search.html?q=elesclomol", wait_until="networkidle")
    page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    found = page.evaluate("() => [...document.querySelectorAll('#search-results ul.search li a')].map(a => a.href)")
    assert any("copper_ionophores" in href or "drug_resistance" in href for href in found), found
    page.assert_clean()


@pytest.mark.parametrize("path", ["reference/glossary.html", "reference/bibliography.html"])
def test_reference_pages_resolve_their_links(page: Any, http_server: Any, path: str) -> None:
    page.open(path)
    links = page.evaluate("() => [...document.querySelectorAll('main a[href]')].map(a => a.href)")
    local = [h for h in links if h.startswith(page.origin)]
    assert local, f"{path} has no internal links"
    targets: dict[str, str] = {}
    for href in local:
        url, _, anchor = href.partition("#")
        file = http_server.root / url[len(page.origin) + 1 :].split("?")[0]
        if file.is_dir():
            file = file / "index.html"
        assert file.is_file(), f"{path}: broken link {href}"
        if anchor:
            html = targets.setdefault(str(file), file.read_text(encoding="utf-8"))
            assert f'id="{anchor}"' in html, f"{path}: link to missing anchor {href}"


def test_citations_in_chapters_point_into_the_bibliography(page: Any, http_server: Any) -> None:
    page.open("chapters/introduction.html")
    cites = page.evaluate(
        "() => [...document.querySelectorAll('a[href*=\"bibliography.html#\"]')].map(a => [a.textContent, a.href])"
    )
    assert cites, "the introduction cites the review"
    labels = {text.strip("[]") for text, _ in cites}
    assert "17" in labels, "citations carry the review's own reference numbers"
    bib = (http_server.root / "reference" / "bibliography.html").read_text(encoding="utf-8")
    for _, href in cites:
        assert f'id="{href.split("#", 1)[1]}"' in bib


def test_explorer_state_json_is_inert_data(http_server: Any) -> None:
    """The states ship as JSON inside a non-executable script element, never as code."""
    for path in CHAPTERS:
        html = (http_server.root / path).read_text(encoding="utf-8")
        for block in re.findall(r'<script type="application/json" class="cb-states">(.*?)</script>', html, re.DOTALL):
            json.loads(block)  # valid JSON, and nothing else
