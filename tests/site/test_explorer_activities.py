"""Explorer activities on the built site: each chapter's predict-then-check exercises, operated in Chromium.

For every chapter page, the exercises that carry the marker *Uses the explorer:* are found by label, each sits
below the explorer it needs, and operating that explorer (choosing a value, pressing Next) shows the text the
folded solution relies on. The expected texts are typed by hand from the review and the data files.
The introduction's where-does-it-appear explorer works offline and all of its links resolve to built pages.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
BOOK_HTML = Path(os.environ.get("CB_BOOK_HTML", REPO / "_build" / "html"))

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("http_server", ["book"], indirect=True)]

Action = tuple[str, ...]  # ("select", control, value) or ("next",)

#: chapter -> (exercise label, words of its title, explorer name, actions, text the panel must then show)
ACTIVITIES: dict[str, list[tuple[str, str, str, list[Action], str]]] = {
    "introduction": [
        ("ex-in-11", "ZnT1", "where", [("select", "entity", "slc30a1")], "Errata: E03"),
        (
            "ex-in-12",
            "Elesclomol and its nanoparticle",
            "where",
            [("select", "entity", "es_cuo")],
            "Tables of the review: Table 1",
        ),
    ],
    "copper_metabolism": [
        (
            "ex-cm-11",
            "Which form of copper does Ctr1 take?",
            "copper-journey",
            [("next",)],
            "Step 2 of 7: Imported by Ctr1",
        ),
        (
            "ex-cm-12",
            "Which chaperone reaches cytochrome c oxidase?",
            "chaperones",
            [("select", "chaperone", "cox17")],
            "SCO1 delivers Cu⁺ (from mitochondrion to MT-CO2)",
        ),
    ],
    "cuproptosis": [
        ("ex-cu-11", "What FDX1 does, twice", "cuproptosis-cascade", [("next",)], "Step 2 of 8: FDX1 makes Cu⁺"),
        (
            "ex-cu-12",
            "Who protects the cell",
            "cuproptosis-roles",
            [("select", "role", "protects"), ("select", "basis", "stated")],
            "1 factor: CDKN2A.",
        ),
    ],
    "copper_ionophores": [
        (
            "ex-io-11",
            "Curcumin: which side is it on?",
            "copper-class",
            [("select", "compound", "tetrathiomolybdate"), ("select", "compound", "curcumin")],
            "The review counts curcumin among the copper chelators [93].",
        ),
        (
            "ex-io-12",
            "Cu-ATSM and Cu-GTSM",
            "ionophores",
            [("select", "ionophore", "cu_gtsm")],
            "Cu-GTSM is counted among the bis(thiosemicarbazones) [66]",
        ),
    ],
    "nanoparticles": [
        (
            "ex-np-11",
            "Melanoma and ferroptosis in Table 1",
            "np-filter",
            [("select", "tumour", "melanoma"), ("select", "effect", "any")],
            "1 of 10 nanoparticles in Table 1 match melanoma and any effect: ES@CuO.",
        ),
        (
            "ex-np-12",
            "What the text adds to ES@CuO",
            "table1-vs-text",
            [("select", "nanoparticle", "es_cuo")],
            "specifies activity against melanoma in mice",
        ),
    ],
    "drug_resistance": [
        (
            "ex-dr-11",
            "Chelators against cisplatin resistance?",
            "drug-strategies",
            [("select", "drug", "cisplatin"), ("select", "agent_class", "chelator")],
            "Copper strategies reported to help (2 agent(s)): tetrathiomolybdate (copper chelator): cervical cancer",
        ),
        (
            "ex-dr-12",
            "HOTAIR: a copper story?",
            "agent-drugs",
            [("select", "agent", "hotair")],
            "does not connect this RNA to copper or cuproptosis",
        ),
    ],
    "knowledge_graph": [
        (
            "ex-kg-11",
            "Cisplatin against vemurafenib",
            "kg-paths",
            [("select", "drug", "vemurafenib")],
            "2 shortest path(s) of 2 step(s)",
        ),
        (
            "ex-kg-12",
            "How many neighbours has Ctr1?",
            "kg-neighbourhood",
            [("select", "node", "slc31a1")],
            "2 distinct neighbours through 3 links",
        ),
    ],
    "outlook": [
        (
            "ex-ol-11",
            "What bears on nanomaterial toxicity?",
            "ol-questions",
            [("select", "question", "toxicity")],
            "10 entities, 0 trials, 1 errata, 4 references",
        ),
        (
            "ex-ol-12",
            "Cells, animals or patients?",
            "ol-evidence",
            [("select", "agent", "es_cuo")],
            "animal models: 3 finding(s) [67]",
        ),
    ],
}

CASES = [(ch, *a) for ch, acts in ACTIVITIES.items() for a in acts]


def visible_panel(page: Any, root: str) -> str:
    return " ".join(str(page.inner_text(f"#{root} .cb-panel:not([hidden])")).split())


def operate(page: Any, root: str, actions: list[Action]) -> None:
    for action in actions:
        before = page.get_attribute(f"#{root}", "data-state")
        if action[0] == "next":
            page.click(f"#{root} .cb-step[data-step='1']")
        else:
            page.select_option(f"#{root} select.cb-control[name='{action[1]}']", action[2])
        if action[0] == "next" or action[2] not in (before or "").split("|"):
            page.wait_for_function("([id, s]) => document.getElementById(id).dataset.state !== s", arg=[root, before])


@pytest.mark.parametrize("chapter", list(ACTIVITIES))
def test_each_chapter_page_has_two_explorer_exercises(page: Any, chapter: str) -> None:
    page.open(f"chapters/{chapter}.html")
    found = page.evaluate(
        """() => [...document.querySelectorAll('div.exercise')]
                 .filter(e => e.innerText.includes('Uses the explorer:')).map(e => e.id)"""
    )
    assert len(found) >= 2, f"{chapter}: explorer-based exercises on the page: {found}"
    page.assert_clean()


@pytest.mark.parametrize(
    ("chapter", "label", "title", "explorer", "actions", "expected"), CASES, ids=[c[1] for c in CASES]
)
def test_operating_the_explorer_shows_what_the_solution_says(
    page: Any, chapter: str, label: str, title: str, explorer: str, actions: list[Action], expected: str
) -> None:
    page.open(f"chapters/{chapter}.html", wait_until="networkidle")
    root = f"cbx-{explorer}"
    exercise = page.locator(f"div.exercise#{label}")
    assert exercise.count() == 1, f"{label} is not on the page"
    text = exercise.inner_text()
    assert title in text
    assert "Uses the explorer:" in text
    assert "Predict first" in text
    below = page.evaluate(
        """([r, e]) => !!(document.getElementById(r).compareDocumentPosition(
                                 document.getElementById(e)) & Node.DOCUMENT_POSITION_FOLLOWING)""",
        [root, label],
    )
    assert below, f"{label} should come after the explorer {root}"
    operate(page, root, actions[:-1])
    assert expected not in visible_panel(page, root), "the answer shows before the last step"
    operate(page, root, actions[-1:])
    assert expected in visible_panel(page, root)
    page.assert_clean()


def test_the_introduction_explorer_works_offline_and_its_links_resolve(page: Any) -> None:
    page.open("chapters/introduction.html", wait_until="networkidle")
    root = "cbx-where"
    operate(page, root, [("select", "entity", "slc30a1")])
    # ZnT1: only the copper-metabolism row stays bright
    on = page.evaluate("""() => [...document.querySelectorAll('#cbx-where tr.cb-on')].map(r => r.id)""")
    assert on == ["cbx-where-k-copper_metabolism"]
    panel = visible_panel(page, root)
    assert "Figures of the review: Figure 1 " in panel + " "
    assert "Errata: E03" in panel
    page.click(f"#{root} .cb-panel:not([hidden]) a:text('E03')")
    page.wait_for_url("**/reference/errata.html#erratum-e03")
    assert page.locator("#erratum-e03").count() == 1
    page.go_back()
    # every link of every state resolves to a built page (and anchor)
    hrefs = page.evaluate("""() => [...new Set([...document.querySelectorAll('#cbx-where a[href]')]
                                     .map(a => a.href))]""")
    assert len(hrefs) > 20
    pages: dict[Path, str] = {}
    for href in hrefs:
        assert href.startswith(page.origin), f"external link {href}"
        url, _, anchor = href.partition("#")
        file = BOOK_HTML / url[len(page.origin) + 1 :]
        assert file.is_file(), f"broken link {href}"
        if anchor:
            html = pages.setdefault(file, file.read_text(encoding="utf-8"))
            assert f'id="{anchor}"' in html, f"missing anchor {href}"
    assert not page.external_requests
    page.assert_clean()
