"""Behaviour of the kernel-free explorer (explorer.js) and the table enhancer (tables.js) in Chromium.

The fixture page tests/site/fixtures/explorer_demo.html holds one highlight explorer (inline SVG, two
selects, Previous/Next) and one filter explorer (range control) wrapping a 4-row ``.cb-table``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
FIXTURE = "tests/site/fixtures/explorer_demo.html"
STATIC = REPO / "cuproptosis_book" / "site" / "_static"
DEMO, TAB = "#cbx-demo", "#cbx-tab"
ITEMS = ("slc31a1", "atp7a", "fdx1")
GENES = ("SLC31A1", "SLC31A2", "ATP7A", "ATP7B")


@pytest.fixture
def demo(page):
    page.open(FIXTURE)
    # tables.js has run once the search box exists; explorer.js once aria-disabled is set on the steps
    page.wait_for_selector(".cb-table-search")
    page.wait_for_selector(f"{DEMO} .cb-step[aria-disabled]", state="attached")
    yield page
    page.assert_clean()


def state(page, root: str) -> str:
    return page.get_attribute(root, "data-state")


def wait_state(page, root: str, expected: str) -> None:
    page.wait_for_function(
        "([sel, want]) => document.querySelector(sel).getAttribute('data-state') === want", arg=[root, expected]
    )


def classes(page, element_id: str) -> set[str]:
    return set((page.get_attribute(f"#{element_id}", "class") or "").split())


def on_items(page) -> set[str]:
    out = set()
    for key in ITEMS:
        cls = classes(page, f"cbx-demo-k-{key}")
        assert ("cb-on" in cls) != ("cb-off" in cls), f"{key} must be exactly one of cb-on/cb-off: {cls}"
        if "cb-on" in cls:
            out.add(key)
    return out


def visible_panels(page, root: str) -> list[str]:
    return page.eval_on_selector_all(
        f"{root} .cb-panel", "ps => ps.filter(p => !p.hidden && p.offsetParent !== null).map(p => p.dataset.state)"
    )


def visible_genes(page) -> list[str]:
    return page.eval_on_selector_all(
        f"{TAB} tbody tr", "rs => rs.filter(r => r.offsetParent !== null).map(r => r.cells[0].textContent.trim())"
    )


def gene_order(page) -> list[str]:
    return page.eval_on_selector_all(f"{TAB} tbody tr", "rs => rs.map(r => r.cells[0].textContent.trim())")


def count_text(page) -> str:
    return page.inner_text(f"{TAB} .cb-table-count").strip()


# -- static budget -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["explorer.js", "explorer-print.js", "explorer.css", "tables.js", "tables.css", "site.css"]
)
def test_assets_are_small_and_local(name):
    path = STATIC / name
    text = path.read_text(encoding="utf-8")
    # site.css also holds the two-sites banner, the lazy-image sizing and the answer boxes' print rules
    budget = 6144 if name == "site.css" else 4096
    assert path.stat().st_size < budget, f"{name} is {path.stat().st_size} bytes (budget {budget // 1024} KB)"
    for remote in ("http://", "https://", "//cdn", "import(", "require("):
        assert remote not in text, f"{name} must not load anything remote ({remote!r})"


# -- highlight explorer --------------------------------------------------------------------------------


def test_default_state_after_init(demo):
    assert state(demo, DEMO) == "slc31a1|low"
    assert on_items(demo) == {"slc31a1"}
    assert visible_panels(demo, DEMO) == ["p-slc31a1"]
    assert state(demo, TAB) == "all"


def test_select_switches_state_items_and_panel(demo):
    demo.select_option("#cbx-demo-c-protein", "atp7a")
    wait_state(demo, DEMO, "atp7a|low")
    assert on_items(demo) == {"atp7a"}
    assert visible_panels(demo, DEMO) == ["p-atp7a"]

    demo.select_option("#cbx-demo-c-copper", "high")  # the second control is part of the key
    wait_state(demo, DEMO, "atp7a|high")
    assert on_items(demo) == {"atp7a", "fdx1"}
    assert visible_panels(demo, DEMO) == ["p-high"]

    demo.select_option("#cbx-demo-c-protein", "fdx1")
    wait_state(demo, DEMO, "fdx1|high")
    assert on_items(demo) == {"fdx1"}
    assert visible_panels(demo, DEMO) == ["p-high"]


def test_highlight_dims_off_items_and_marks_on_items(demo):
    opacity = "id => getComputedStyle(document.getElementById(id)).opacity"
    assert float(demo.evaluate(opacity, "cbx-demo-k-atp7a")) == pytest.approx(0.15)
    assert float(demo.evaluate(opacity, "cbx-demo-k-slc31a1")) == pytest.approx(1.0)
    # the on item is marked by a thicker stroke on its shapes, which survives greyscale printing
    stroke = "sel => getComputedStyle(document.querySelector(sel)).strokeWidth"
    assert demo.evaluate(stroke, "#cbx-demo-k-slc31a1 rect") == "2.5px"
    assert demo.evaluate(stroke, "#cbx-demo-k-atp7a rect") != "2.5px"
    # dimmed items stay in the layout (highlight mode does not hide)
    assert demo.is_visible("#cbx-demo-k-atp7a")


def test_next_and_previous_step_the_first_control(demo):
    nxt = demo.locator(f"{DEMO} .cb-step[data-step='1']")
    prev = demo.locator(f"{DEMO} .cb-step[data-step='-1']")
    assert prev.get_attribute("aria-disabled") == "true"
    assert nxt.get_attribute("aria-disabled") == "false"

    nxt.click()
    wait_state(demo, DEMO, "atp7a|low")
    assert demo.input_value("#cbx-demo-c-protein") == "atp7a"
    assert on_items(demo) == {"atp7a"}
    assert visible_panels(demo, DEMO) == ["p-atp7a"]

    nxt.click()
    wait_state(demo, DEMO, "fdx1|low")
    assert nxt.get_attribute("aria-disabled") == "true"
    nxt.focus()  # aria-disabled buttons stay focusable; activating one is a no-op (clamped)
    demo.keyboard.press("Enter")
    assert state(demo, DEMO) == "fdx1|low"
    assert demo.input_value("#cbx-demo-c-protein") == "fdx1"

    prev.click()
    wait_state(demo, DEMO, "atp7a|low")
    prev.click()
    wait_state(demo, DEMO, "slc31a1|low")
    assert prev.get_attribute("aria-disabled") == "true"
    assert on_items(demo) == {"slc31a1"}
    # the other control keeps its value while stepping
    demo.select_option("#cbx-demo-c-copper", "high")
    nxt.click()
    wait_state(demo, DEMO, "atp7a|high")


def test_controls_are_keyboard_operable_with_visible_focus(demo):
    demo.focus("#cbx-demo-c-copper")
    demo.keyboard.press("Tab")  # -> Previous
    demo.keyboard.press("Tab")  # -> Next
    focused = demo.evaluate("document.activeElement.textContent")
    assert focused == "Next"
    outline = demo.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    demo.keyboard.press("Enter")
    wait_state(demo, DEMO, "atp7a|low")
    demo.keyboard.press("Space")
    wait_state(demo, DEMO, "fdx1|low")


def test_print_shows_current_state_only_without_step_buttons(demo):
    demo.select_option("#cbx-demo-c-protein", "fdx1")
    wait_state(demo, DEMO, "fdx1|low")
    demo.emulate_media(media="print")
    try:
        assert not demo.is_visible(f"{DEMO} .cb-step[data-step='1']")
        assert visible_panels(demo, DEMO) == ["p-fdx1"]
        assert demo.is_visible("#cbx-demo-c-protein")
    finally:
        demo.emulate_media(media="screen")


# -- filter explorer + range control ------------------------------------------------------------------


def test_range_input_filters_rows(demo):
    assert visible_genes(demo) == list(GENES)
    assert count_text(demo) == "4 of 4 rows"

    demo.focus("#cbx-tab-c-role")
    demo.keyboard.press("ArrowRight")
    wait_state(demo, TAB, "uptake")
    assert visible_genes(demo) == ["SLC31A1", "SLC31A2"]
    assert visible_panels(demo, TAB) == ["p-up"]
    assert demo.get_attribute("#cbx-tab-c-role", "aria-valuetext") == "Uptake"
    assert count_text(demo) == "2 of 4 rows"

    demo.fill("#cbx-tab-c-role", "2")
    wait_state(demo, TAB, "export")
    assert visible_genes(demo) == ["ATP7A", "ATP7B"]
    assert visible_panels(demo, TAB) == ["p-ex"]
    assert set(classes(demo, "cbx-tab-k-slc31a1")) >= {"cb-off"}

    demo.fill("#cbx-tab-c-role", "0")
    wait_state(demo, TAB, "all")  # on: null -> every row on
    assert visible_genes(demo) == list(GENES)
    assert all("cb-on" in classes(demo, f"cbx-tab-k-{g.lower()}") for g in GENES)


# -- tables.js -----------------------------------------------------------------------------------------


def test_search_box_is_labelled_and_filters_rows(demo):
    search = demo.get_by_label("Search rows")
    assert search.count() == 1
    search.fill("atp")
    assert visible_genes(demo) == ["ATP7A", "ATP7B"]
    assert count_text(demo) == "2 of 4 rows"
    search.fill("UPTAKE")  # case-insensitive, any cell
    assert visible_genes(demo) == ["SLC31A1", "SLC31A2"]
    search.fill("no such gene")
    assert visible_genes(demo) == []
    assert count_text(demo) == "0 of 4 rows"
    search.fill("")
    assert visible_genes(demo) == list(GENES)
    assert count_text(demo) == "4 of 4 rows"


def test_search_combines_with_explorer_filter(demo):
    demo.fill("#cbx-tab-c-role", "1")
    wait_state(demo, TAB, "uptake")
    demo.get_by_label("Search rows").fill("slc31a1")
    assert visible_genes(demo) == ["SLC31A1"]
    assert count_text(demo) == "1 of 4 rows"
    demo.get_by_label("Search rows").fill("atp")  # matches only rows the explorer hides
    assert visible_genes(demo) == []
    assert count_text(demo) == "0 of 4 rows"
    # the two scripts use separate classes: explorer state is untouched by the search and vice versa
    assert "cb-nomatch" in classes(demo, "cbx-tab-k-slc31a1")
    assert "cb-off" not in classes(demo, "cbx-tab-k-slc31a1")
    demo.fill("#cbx-tab-c-role", "2")
    wait_state(demo, TAB, "export")
    assert visible_genes(demo) == ["ATP7A", "ATP7B"]
    assert count_text(demo) == "2 of 4 rows"


def test_sorting_reorders_rows_and_sets_aria_sort(demo):
    header = demo.locator(f"{TAB} thead th", has_text="Fold change")
    gene_header = demo.locator(f"{TAB} thead th", has_text="Gene")
    assert header.get_attribute("aria-sort") is None

    header.click()
    assert header.get_attribute("aria-sort") == "ascending"
    assert gene_order(demo) == ["SLC31A2", "ATP7B", "SLC31A1", "ATP7A"]  # numeric: -1.2 < 0.8 < 2.5 < 10

    header.click()
    assert header.get_attribute("aria-sort") == "descending"
    assert gene_order(demo) == ["ATP7A", "SLC31A1", "ATP7B", "SLC31A2"]

    # keyboard: the header's sort button takes Enter
    gene_header.locator("button").focus()
    demo.keyboard.press("Enter")
    assert gene_header.get_attribute("aria-sort") == "ascending"
    assert header.get_attribute("aria-sort") is None
    assert gene_order(demo) == ["ATP7A", "ATP7B", "SLC31A1", "SLC31A2"]
    demo.keyboard.press("Enter")
    assert gene_header.get_attribute("aria-sort") == "descending"
    assert gene_order(demo) == ["SLC31A2", "SLC31A1", "ATP7B", "ATP7A"]


def test_sorting_keeps_search_and_explorer_state(demo):
    demo.fill("#cbx-tab-c-role", "2")
    wait_state(demo, TAB, "export")
    demo.get_by_label("Search rows").fill("7a")
    demo.locator(f"{TAB} thead th", has_text="Fold change").click()
    assert visible_genes(demo) == ["ATP7A"]
    assert count_text(demo) == "1 of 4 rows"
    demo.select_option("#cbx-demo-c-protein", "atp7a")  # the other explorer is independent
    wait_state(demo, DEMO, "atp7a|low")
    assert state(demo, TAB) == "export"


# -- hygiene -------------------------------------------------------------------------------------------


def test_no_console_errors_and_nothing_leaves_localhost(page):
    page.open(FIXTURE)
    page.wait_for_selector(".cb-table-search")
    page.select_option("#cbx-demo-c-protein", "fdx1")
    page.locator(f"{TAB} thead th", has_text="Role").click()
    page.get_by_label("Search rows").fill("x")
    page.wait_for_load_state("networkidle")
    assert page.requests, "the recorder saw no requests"
    assert any(u.endswith("/cuproptosis_book/site/_static/explorer.js") for u in page.requests)
    assert any(u.endswith("/cuproptosis_book/site/_static/tables.js") for u in page.requests)
    assert page.external_requests == []
    assert page.console_errors == []
    assert page.page_errors == []
    assert page.bad_responses == []
    assert page.failed_requests == []


def test_recorder_catches_errors_and_external_requests(page):
    """The hygiene assertions above can fail: a page error and a CDN request are both recorded."""
    page.open(FIXTURE)
    page.evaluate("""() => {
        setTimeout(() => { throw new Error('boom'); });
        console.error('logged');
        const s = document.createElement('script');
        s.src = 'https://cdn.jsdelivr.net/npm/nothing.js';
        document.head.appendChild(s);
    }""")
    page.wait_for_timeout(300)
    assert any("boom" in e for e in page.page_errors)
    assert any("logged" in e for e in page.console_errors)
    assert page.external_requests == ["https://cdn.jsdelivr.net/npm/nothing.js"]
    with pytest.raises(AssertionError, match=r"^page problems: .*boom"):
        page.assert_clean()


def test_works_without_explorer_script_order_assumptions(page):
    """Scripts injected after DOMContentLoaded still initialise (e.g. loaded late by a theme)."""
    page.open(FIXTURE)
    page.wait_for_selector(".cb-table-search")
    html = Path(REPO / FIXTURE).read_text(encoding="utf-8")
    assert html.count('class="cb-explorer"') == 2
    # a second initialisation pass must not duplicate the search box or rebind controls
    for name in ("explorer.js", "tables.js"):
        page.add_script_tag(url=f"/cuproptosis_book/site/_static/{name}")
    assert page.locator(".cb-table-search").count() == 1
    page.locator(f"{DEMO} .cb-step[data-step='1']").click()
    wait_state(page, DEMO, "atp7a|low")  # one step, not two
    page.assert_clean()
