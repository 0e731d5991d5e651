"""The site's chrome in headless Chromium: one search entry point and no empty header bar, both colour modes
pass the accessibility audit, and a printed page is the article alone with explorers in their current state.

The built book is served from ``_build/html`` (``make book`` first); off-origin requests are aborted.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.site.test_book_pages import CHAPTERS, PAGES

# Both sites: the learner site (the root) and the instructor site (instructor/).
pytestmark = [pytest.mark.browser, pytest.mark.parametrize("http_server", ["book", "instructor"], indirect=True)]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

#: Everything on a page that starts a search: the theme's search buttons and any visible search field.
SEARCH_ENTRY_POINTS_JS = """
() => [...document.querySelectorAll('button.search-button-field, button.search-button, input[type=search]')]
  .filter(e => !e.closest('.cb-table-tools, #pst-search-dialog, #search-results, .bd-search-container'))
  .filter(e => {
    const r = e.getBoundingClientRect();
    return e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && r.width > 0 && r.height > 0
           && r.right > 0 && r.left < window.innerWidth;
  })
  .map(e => e.className || e.tagName)
"""


def open_at(page: Any, path: str, viewport: dict[str, int], mode: str = "light") -> None:
    page.set_viewport_size(viewport)
    # the theme reads the reader's choice from localStorage before it paints
    page.context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}')")
    page.open(path, wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == mode


@pytest.mark.parametrize("path", ["index.html", *CHAPTERS[:2], "reference/glossary.html"])
def test_one_search_entry_point_and_no_header_bar(page: Any, path: str) -> None:
    open_at(page, path, DESKTOP)
    assert len(page.evaluate(SEARCH_ENTRY_POINTS_JS)) == 1, page.evaluate(SEARCH_ENTRY_POINTS_JS)
    header = page.evaluate("""() => { const h = document.querySelector('#pst-header, header.bd-header');
                                      return h ? h.getBoundingClientRect().height : 0; }""")
    assert header == 0
    # the article header keeps the colour-mode switch
    assert page.locator(".bd-header-article .theme-switch-button").first.is_visible()
    page.assert_clean()


@pytest.mark.parametrize("path", ["index.html", CHAPTERS[0]])
def test_phone_width_keeps_a_search_entry_point(page: Any, path: str) -> None:
    open_at(page, path, PHONE)
    assert len(page.evaluate(SEARCH_ENTRY_POINTS_JS)) >= 1
    assert (
        page.evaluate(
            "() => { const h = document.querySelector('#pst-header');"
            " return h ? h.getBoundingClientRect().height : 0; }"
        )
        == 0
    )
    page.page.locator("button.search-button").first.click()
    dialog = page.locator("#pst-search-dialog input[type=search]")
    dialog.fill("elesclomol")
    dialog.press("Enter")
    page.wait_for_url("**/search.html?q=elesclomol*")
    page.wait_for_selector("#search-results li a", timeout=10_000)


def test_sidebar_search_field_opens_the_search(page: Any) -> None:
    open_at(page, CHAPTERS[0], DESKTOP)
    page.locator(".bd-sidebar-primary button.search-button-field").click()
    field = page.locator("#pst-search-dialog input[type=search]")
    assert field.is_visible()
    field.fill("cuproptosis")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=cuproptosis*")
    page.wait_for_selector("#search-results li a", timeout=10_000)


@pytest.mark.parametrize("path", PAGES)
def test_dark_mode_has_no_serious_accessibility_violations(page: Any, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    open_at(page, path, DESKTOP, mode="dark")
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
    assert not serious, f"{path} (dark): " + "; ".join(serious)


@pytest.mark.parametrize("path", [c for c in CHAPTERS if "introduction" not in c][:3])
def test_dark_mode_outputs_use_the_page_colours(page: Any, path: str) -> None:
    """The theme's light grey card behind HTML outputs is gone for the book's explorers and tables."""
    open_at(page, path, DESKTOP, mode="dark")
    colours = page.evaluate("""() => [...document.querySelectorAll('.cell_output .text_html')]
        .filter(o => o.querySelector('.cb-explorer, .cb-table'))
        .map(o => [getComputedStyle(o).backgroundColor, getComputedStyle(o).color])""")
    assert colours
    page_text = page.evaluate("getComputedStyle(document.body).color")
    for background, colour in colours:
        assert background == "rgba(0, 0, 0, 0)"
        assert colour == page_text


def test_dark_figures_sit_on_a_white_card(page: Any) -> None:
    open_at(page, CHAPTERS[1], DESKTOP, mode="dark")
    backgrounds = page.evaluate(
        "[...document.querySelectorAll('.cb-view svg')].map(s => getComputedStyle(s).backgroundColor)"
    )
    assert backgrounds
    assert set(backgrounds) == {"rgb(255, 255, 255)"}


CHROME = [
    "#pst-header",
    ".bd-header-article",
    ".bd-sidebar-primary",
    ".bd-sidebar-secondary",
    ".prev-next-area",
    ".article-header-buttons",
    ".search-button-field",
    ".theme-switch-button",
    ".dropdown-launch-buttons",
    ".cb-explorer .cb-controls",
    ".cb-table-tools",
    "#pst-back-to-top",
]


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_print_shows_the_article_and_explorers_in_their_current_state(page: Any, mode: str) -> None:
    path = next(c for c in CHAPTERS if "cuproptosis" in c)
    open_at(page, path, DESKTOP, mode=mode)
    root = page.evaluate("document.querySelector('.cb-explorer select.cb-control').closest('.cb-explorer').id")
    select = page.locator(f"#{root} select.cb-control").first
    options = select.locator("option").all_text_contents()
    select.select_option(index=len(options) - 1)  # the reader moved it: print what is on screen now
    page.emulate_media(media="print")
    shown = page.evaluate(
        """(sels) => sels.map(s => [s, [...document.querySelectorAll(s)].filter(e => e.checkVisibility()).length])""",
        CHROME,
    )
    assert all(n == 0 for _, n in shown), [s for s, n in shown if n]
    # the title (sphinx-book-theme prints it from #jb-print-docs-body) and the text stay
    assert page.evaluate(
        "[...document.querySelectorAll('h1')].some(h => h.checkVisibility() && /Cuproptosis/.test(h.innerText))"
    )
    # (the line linking the other site is screen-only: the first paragraph of the text is the one after it)
    assert page.locator("article.bd-article p:not(.site-counterpart)").first.is_visible()
    state = page.evaluate(
        """(id) => { const r = document.getElementById(id);
        return {line: r.querySelector('.cb-print-controls').innerText,
                panels: [...r.querySelectorAll('.cb-panel')].filter(p => p.checkVisibility()).length}; }""",
        root,
    )
    assert state["panels"] == 1
    assert f"{options[-1].strip()} (shown)" in state["line"]
    assert options[0].strip() in state["line"]
    # every explorer prints a visible line naming its controls
    # (a quiz question prints as lettered options with an answer space instead: tests/site/test_quiz_pages.py)
    lines = page.evaluate("""() => [...document.querySelectorAll('.cb-explorer')]
        .filter(r => r.querySelector('.cb-control') && !/^cbx-quiz-/.test(r.id))
        .map(r => { const p = r.querySelector('.cb-print-controls'); return p && p.checkVisibility() ? p.innerText : ''; })""")
    assert lines
    assert all("(shown)" in line for line in lines)
    # printed text is dark on light in both modes
    assert page.evaluate(
        "getComputedStyle(document.querySelector('article.bd-article p:not(.site-counterpart)')).color"
    ) in (
        "rgb(34, 40, 50)",
        "rgb(0, 0, 0)",
    )
    page.emulate_media(media="screen")
    assert not page.locator(f"#{root} .cb-print-controls").is_visible()
