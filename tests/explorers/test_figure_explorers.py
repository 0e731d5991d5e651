"""Figure explorers: every option highlights the right nodes, panels say the right things, data text is escaped.

Expected neighbourhoods are computed here from relations.csv with the csv module (entity level), or typed by
hand from the figure legends.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

import pytest

from cuproptosis_book import data
from cuproptosis_book.explorers import base as explore
from cuproptosis_book.explorers.figure_explorers import EVERYTHING, figure_explorer
from cuproptosis_book.review import graph
from cuproptosis_book.text import esc, slug

DATA = Path(__file__).resolve().parents[2] / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


ENTITIES = {row["id"]: row for row in read_csv("entities.csv")}
RELATIONS = read_csv("relations.csv")
PRODUCT = {"reduces": "cu_i", "oxidizes": "cu_ii"}


def row_entities(r: dict[str, str]) -> set[str]:
    out = {r["source"], r["target"]}
    if r["destination"] and ENTITIES[r["destination"]]["kind"] == "protein":
        out.add(r["destination"])
    if r["relation"] in PRODUCT:
        out.add(PRODUCT[r["relation"]])
    return out


def expected_neighbour_entities(n: int, entity: str) -> set[str]:
    """The entity and every entity that shares a relation of figure n with it."""
    out = {entity}
    for r in RELATIONS:
        if str(n) in r["figure"].split(";") and entity in row_entities(r):
            out |= row_entities(r)
    return out


@pytest.fixture(scope="module")
def explorers() -> dict[int, explore.Explorer]:
    return {n: figure_explorer(n) for n in (1, 2, 3, 4)}


def node_keys(on: frozenset[str]) -> set[str]:
    return {k for k in on if not k.startswith("e-")}


@pytest.mark.parametrize("n", [1, 2, 3])
def test_every_option_highlights_the_entity_and_its_neighbours(explorers: dict[int, explore.Explorer], n: int) -> None:
    ex = explorers[n]
    g = graph.figure_graph(n)
    values = [v for v in ex.controls[0].values if v != EVERYTHING]
    assert values
    for entity in values:
        state = ex.select(entity=entity)
        assert state.on is not None
        entities = {g.nodes[k]["entity"] for k in node_keys(state.on)}
        assert entities == expected_neighbour_entities(n, entity), entity
        edge_keys = {k for k in state.on if k.startswith("e-")}
        assert edge_keys
        assert edge_keys <= {graph.edge_key(u, v) for u, v in g.edges}
        label = ENTITIES[entity]["label"]
        assert esc(label) in state.panel
        for ref in filter(None, ENTITIES[entity]["refs"].split(";")):
            assert f"[{ref}]" in state.panel, (entity, ref)


def test_figure3_fdx1_state_as_the_legend_says(explorers: dict[int, explore.Explorer]) -> None:
    on = explorers[3].select(entity="fdx1").on
    assert on == {
        "fdx1",
        "cu_ii@mitochondrion",
        "cu_i@mitochondrion",
        "dlat",
        "cuproptosis",
        "e-fdx1-cu_ii@mitochondrion",
        "e-fdx1-dlat",
        "e-fdx1-cuproptosis",
    }


def test_figure1_slc31a1_and_atp7b_states(explorers: dict[int, explore.Explorer]) -> None:
    assert explorers[1].select(entity="slc31a1").on == {
        "slc31a1",
        "cu_i@extracellular",
        "cu_i@cytosol",
        "e-slc31a1-cu_i@cytosol",
    }
    assert explorers[1].select(entity="atp7b").on == {
        "atp7b",
        "cu_i@cytosol",
        "cu_i@extracellular",
        "e-atp7b-cu_i@extracellular",
    }


def test_figure2_ccs_hands_copper_to_sod1(explorers: dict[int, explore.Explorer]) -> None:
    on = explorers[2].select(entity="ccs").on
    # the Figure 2 legend pairs CCS with SOD1; the text adds that CCS also takes copper to the nucleus (ref 35)
    assert node_keys(on) == {"ccs", "cu_i@cytosol", "sod1", "cu_i@nucleus"}
    assert "e-ccs-sod1" in on


def test_figure4_options_are_bands_and_drugs(explorers: dict[int, explore.Explorer]) -> None:
    ex = explorers[4]
    assert ex.select(choice="group:elesclomol").on == {
        "group:elesclomol",
        "cisplatin@elesclomol",
        "fluorouracil@elesclomol",
        "vemurafenib@elesclomol",
        "e-group:elesclomol-cisplatin@elesclomol",
        "e-group:elesclomol-fluorouracil@elesclomol",
        "e-group:elesclomol-vemurafenib@elesclomol",
    }
    cisplatin = ex.select(choice="cisplatin")
    assert node_keys(cisplatin.on) == {
        "cisplatin@elesclomol",
        "cisplatin@disulfiram",
        "cisplatin@cuproptosis_inducer",
        "group:elesclomol",
        "group:disulfiram",
        "group:cuproptosis_inducer",
    }
    for ref in ("[95]", "[96]", "[97]", "[104]", "[111]", "[76]"):  # every cisplatin finding of Figure 4
        assert ref in cisplatin.panel
    for value in ex.controls[0].values:
        state = ex.select(choice=value)
        assert state.panel
        if value != EVERYTHING:
            assert state.on


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_everything_option_turns_every_item_on(explorers: dict[int, explore.Explorer], n: int) -> None:
    ex = explorers[n]
    assert ex.controls[0].options[0] == ("(everything)", EVERYTHING)
    key = "entity" if n < 4 else "choice"
    assert ex.select(**{key: EVERYTHING}).on is None


def test_defaults_are_meaningful(explorers: dict[int, explore.Explorer]) -> None:
    assert explorers[1].default_key == "slc31a1"
    assert explorers[3].default_key == "fdx1"
    assert figure_explorer(3, name="f3b", default="dlat").default_key == "dlat"


@pytest.mark.parametrize("n", [1, 2, 3])
def test_html_has_one_option_per_entity(explorers: dict[int, explore.Explorer], n: int) -> None:
    html = explorers[n].html()
    g = graph.figure_graph(n)
    entities = {d["entity"] for _, d in g.nodes(data=True)}
    assert html.count("<option ") == len(entities) + 1
    for entity in entities:
        assert f'<option value="{entity}"' in html


def test_dropdown_lists_proteins_first(explorers: dict[int, explore.Explorer]) -> None:
    values = [v for v in explorers[3].controls[0].values if v != EVERYTHING]
    kinds = [ENTITIES[v]["kind"] for v in values]
    assert kinds[: kinds.count("protein")] == ["protein"] * kinds.count("protein")


def test_panel_writes_relations_as_sentences_and_flags_disputed_ones(explorers: dict[int, explore.Explorer]) -> None:
    steap = explorers[1].select(entity="steap").panel
    assert "STEAP reduces Cu²⁺ to Cu⁺ in the extracellular space [8,21-23]" in steap
    znt1 = explorers[1].select(entity="slc30a1").panel
    assert "Disputed" in znt1
    assert "ZnT1 transports Cu²⁺ from the extracellular space into the cytosol" in znt1
    assert "Disputed" not in steap


def test_data_text_is_escaped() -> None:
    review = data.load_all()
    entities = review.entities.copy()
    entities.loc["fdx1", "description"] = "<script>alert(1)</script> & more"
    tampered = dataclasses.replace(review, entities=entities)
    html = figure_explorer(3, name="escape-test", review=tampered).html()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert review.entities.loc["fdx1", "description"] != entities.loc["fdx1", "description"]  # cache untouched


def test_view_items_carry_the_explorer_ids(explorers: dict[int, explore.Explorer]) -> None:
    ex = explorers[1]
    keys = set(ex.item_keys.values())
    assert slug("cu_i@cytosol") in keys
    assert slug("e-slc31a1-cu_i@cytosol") in keys
    # the default view already marks SLC31A1 on and the lysosome transporter off
    view = ex.view_for(ex.states[ex.default_key])
    assert re.search(r'id="cbx-figure1-k-slc31a1--shape" class="cb-on"', view)
    assert re.search(r'id="cbx-figure1-k-slc46a3--shape" class="cb-off"', view)


def test_live_widget_follows_the_dropdown(explorers: dict[int, explore.Explorer]) -> None:
    w = explorers[1].widget()
    w.controls[0].value = "atp7b"
    out = w.output.value
    assert re.search(r'id="cbx-figure1-k-atp7b--shape" class="cb-on"', out)
    assert re.search(r'id="cbx-figure1-k-atp7b--label" class="cb-on"', out)
    assert re.search(r'id="cbx-figure1-k-slc31a1--shape" class="cb-off"', out)
    assert "ATPase copper-transporting beta" in out
