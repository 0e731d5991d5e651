"""The knowledge-graph chapter's explorers (explorers/knowledge_graph.py): the neighbourhood and the path explorer.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import re

import pytest
from explorer_checks import check_explorer, widget_shows

from cuproptosis_book import data
from cuproptosis_book.explorers import base as explore
from cuproptosis_book.explorers import knowledge_graph
from cuproptosis_book.review import network


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all()


# --------------------------------------------------------------------------- explorers: shared checks


# --------------------------------------------------------------------------- neighbourhood explorer


@pytest.fixture(scope="module")
def hood(review: data.ReviewData) -> explore.Explorer:
    return knowledge_graph.neighbourhood_explorer(review=review)


def test_neighbourhood_options_hold_the_key_nodes_and_the_best_connected(hood: explore.Explorer) -> None:
    values = set(hood.controls[0].values)
    assert set(network.KEY_NODES) <= values
    assert {"cuproptosis", "copper", "ferroptosis", "drug_resistance"} <= values
    assert 40 <= len(values) <= 50
    assert hood.controls[0].initial == "fdx1"
    assert hood.mode == "filter"
    check_explorer(hood)


def test_neighbourhood_default_is_fdx1(hood: explore.Explorer) -> None:
    state = hood.select()
    assert state.on == {
        "fdx1-reduces-cu_ii",
        "fdx1-lipoylates-dlat",
        "fdx1-aggregates-dlat",
        "fdx1-promotes-cuproptosis",
        "elesclomol-binds-fdx1",
        "sorafenib-inhibits-fdx1",
        "erastin-inhibits-fdx1",
        "anisomycin-inhibits-fdx1",
        "mir_18a_5p-regulates-fdx1",
    }
    assert "Degree: <strong>8</strong>" in state.panel
    assert "ferredoxin 1" in state.panel
    # the disputed inhibition (erratum E21) is flagged in its row
    row = re.search(r'<tr id="cbx-kg-neighbourhood-k-sorafenib-inhibits-fdx1">(.*?)</tr>', hood.view).group(1)
    assert "disputed" in row


@pytest.mark.parametrize(
    ("node", "present", "absent"),
    [
        (
            "cisplatin",
            {
                "slc31a1-transports-cisplatin",
                "atox1-binds-cisplatin",
                "atox1-sequesters-cisplatin",
                "elesclomol-overcomes_resistance-cisplatin",
                "tetrathiomolybdate-promotes-cisplatin",
                "cuet_nps-overcomes_resistance-cisplatin",
                "hotair-drives_resistance-cisplatin",
            },
            {"fdx1-reduces-cu_ii"},
        ),
        (
            "slc31a1",
            {"slc31a1-transports-cu_i", "slc31a1-transports-cisplatin", "slc31a1-delivers-cu_i"},
            {"atox1-binds-cisplatin"},
        ),
        (
            "elesclomol",
            {
                "elesclomol-binds-fdx1",
                "elesclomol-overcomes_resistance-vemurafenib",
                "eupalinolide_b-promotes-elesclomol",
                "glycolysis-inhibits-elesclomol",
            },
            {"disulfiram-binds-copper"},
        ),
    ],
)
def test_neighbourhood_states(hood: explore.Explorer, node: str, present: set[str], absent: set[str]) -> None:
    on = hood.select(node=node).on
    assert present <= on
    assert not absent & on
    assert all(node in key.split("-") for key in on)


def test_neighbourhood_counts_every_elesclomol_cisplatin_finding(hood: explore.Explorer) -> None:
    on = hood.select(node="cisplatin").on
    # refs 95, 96 and 97: cisplatin resistance overcome in lung cancer, melanoma and HCC
    assert {k for k in on if k.startswith("elesclomol-")} == {
        "elesclomol-overcomes_resistance-cisplatin",
        "elesclomol-overcomes_resistance-cisplatin-2",
        "elesclomol-overcomes_resistance-cisplatin-3",
    }


def test_neighbourhood_widget(hood: explore.Explorer) -> None:
    widget_shows(hood, "atox1", "ATOX1")
    widget_shows(hood, "cisplatin", "Degree: <strong>11</strong>")


# --------------------------------------------------------------------------- path explorer


@pytest.fixture(scope="module")
def paths(review: data.ReviewData) -> explore.Explorer:
    return knowledge_graph.metabolism_path_explorer(review=review)


def test_path_explorer_default_and_every_drug(paths: explore.Explorer, review: data.ReviewData) -> None:
    assert paths.controls[0].initial == "cisplatin"
    assert set(paths.controls[0].values) == set(network.resistance_drugs(review))
    assert paths.select().on == {
        "atox1-binds-cisplatin",
        "atox1-sequesters-cisplatin",
        "atp7a-transports-cisplatin",
        "atp7b-transports-cisplatin",
        "slc31a1-transports-cisplatin",
    }
    assert "4 shortest path(s) of 1 step(s)" in paths.select().panel
    check_explorer(paths)


@pytest.mark.parametrize(
    ("drug", "on", "text"),
    [
        (
            "tamoxifen",
            {
                "atox1-promotes-drug_resistance",
                "atp7a-promotes-drug_resistance",
                "atp7b-promotes-drug_resistance",
                "ccs-promotes-drug_resistance",
                "h19-promotes-drug_resistance",
                "h19-drives_resistance-tamoxifen",
            },
            "4 shortest path(s) of 3 step(s)",
        ),
        # two transports rows: into the cell (Figure 3 legend) and into mitochondria (text)
        (
            "vemurafenib",
            {
                "elesclomol-transports-cu_ii",
                "elesclomol-transports-cu_ii-2",
                "elesclomol-binds-cu_ii",
                "elesclomol-binds-fdx1",
                "elesclomol-overcomes_resistance-vemurafenib",
            },
            "2 shortest path(s) of 2 step(s)",
        ),
        (
            "paclitaxel",
            {"disulfiram-binds-copper", "disulfiram-regulates-atp7b", "disulfiram-overcomes_resistance-paclitaxel"},
            "[103]",
        ),
    ],
)
def test_path_explorer_states(paths: explore.Explorer, drug: str, on: set[str], text: str) -> None:
    state = paths.select(drug=drug)
    assert state.on == on
    assert text in state.panel


def test_path_explorer_widget(paths: explore.Explorer) -> None:
    widget_shows(paths, "tamoxifen", "H19")


def test_kg_bad_defaults_are_refused(review: data.ReviewData) -> None:
    with pytest.raises(ValueError, match=r"'lipoic_acid' is not among the explorer's entities"):
        knowledge_graph.neighbourhood_explorer(default="lipoic_acid", review=review)  # an isolated entity
    with pytest.raises(ValueError, match=r"'sn_38' is not a drug of resistance\.csv"):
        knowledge_graph.metabolism_path_explorer(default="sn_38", review=review)  # no resistance finding
