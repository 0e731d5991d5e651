"""The whole-review network (review/network.py): the simple graph and centrality, the paths from copper metabolism
to drug resistance, the agent-drug network and its projections.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import os
import subprocess
import sys

import networkx as nx
import pytest
from review_facts import AGENTS

from cuproptosis_book import data
from cuproptosis_book.explorers import base as explore
from cuproptosis_book.explorers import knowledge_graph
from cuproptosis_book.review import graph, network


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all()


@pytest.fixture(scope="module")
def simple(review: data.ReviewData) -> nx.Graph:
    return network.simple_graph(graph.review_graph(review))


# --------------------------------------------------------------------------- simple graph and centrality


def test_simple_graph_merges_parallel_and_reverse_edges_and_drops_self_loops() -> None:
    g = nx.MultiDiGraph()
    g.add_edge("fdx1", "dlat", relation="lipoylates")
    g.add_edge("fdx1", "dlat", relation="aggregates")
    g.add_edge("dlat", "fdx1", relation="binds")
    g.add_edge("cu_i", "cu_i", relation="binds")
    g.add_node("alone")
    s = network.simple_graph(g)
    assert not s.is_directed()
    assert not s.is_multigraph()
    assert set(s.nodes) == {"fdx1", "dlat", "cu_i", "alone"}
    assert s.number_of_edges() == 1
    assert s["fdx1"]["dlat"]["weight"] == 3
    assert sorted(s["fdx1"]["dlat"]["relations"]) == ["aggregates", "binds", "lipoylates"]


def test_fdx1_has_the_neighbours_the_review_gives_it(simple: nx.Graph) -> None:
    # relations.csv: FDX1 reduces Cu2+, lipoylates/aggregates DLAT, promotes cuproptosis; elesclomol binds it;
    # sorafenib, erastin, anisomycin inhibit it; miR-18a-5p regulates it
    assert set(simple["fdx1"]) == {
        "cu_ii",
        "dlat",
        "cuproptosis",
        "elesclomol",
        "sorafenib",
        "erastin",
        "anisomycin",
        "mir_18a_5p",
    }
    assert simple["fdx1"]["dlat"]["weight"] == 2


def test_centrality_table_is_sorted_exact_and_deterministic(review: data.ReviewData, simple: nx.Graph) -> None:
    t = network.centrality_table(top=15, review=review)
    assert len(t) == 15
    assert list(t.columns) == ["label", "kind", "degree", "links", "betweenness"]
    assert t.index[0] == "cuproptosis"
    assert t.loc["fdx1", "degree"] == 8
    assert t.loc["fdx1", "label"] == "FDX1"
    pairs = list(zip(t["degree"], t["betweenness"], strict=True))
    assert pairs == sorted(pairs, reverse=True)
    exact = nx.betweenness_centrality(simple)
    assert t.loc["cu_i", "betweenness"] == round(exact["cu_i"], 4)


def test_centrality_does_not_depend_on_the_hash_seed() -> None:
    code = "from cuproptosis_book.review import network\nprint(network.centrality_table(top=15).to_csv())"
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0].startswith("id,label,kind,degree,links,betweenness\ncuproptosis,")
    assert runs[0] == runs[1]


def test_centrality_by_betweenness_and_bad_key(review: data.ReviewData) -> None:
    t = network.centrality_table(top=10, review=review, by="betweenness")
    assert list(t["betweenness"]) == sorted(t["betweenness"], reverse=True)
    assert "cu_ii" in t.index  # Cu2+ bridges more than its degree suggests
    with pytest.raises(ValueError, match=r"by must be 'degree' or 'betweenness'"):
        network.centrality_table(by="pagerank")


# --------------------------------------------------------------------------- metabolism -> resistance


def test_copper_metabolism_entities_are_players_not_places_or_drugs(review: data.ReviewData) -> None:
    met = set(network.copper_metabolism_entities(review))
    assert {"slc31a1", "atp7a", "atp7b", "atox1", "ccs", "cox17", "cu_i", "cu_ii", "gsh", "mt"} <= met
    assert not met & {"cisplatin", "cytosol", "mitochondrion", "cuproptosis", "lung_cancer", "elesclomol"}


def test_resistance_drugs(review: data.ReviewData) -> None:
    assert network.resistance_drugs(review) == sorted(
        [
            "cisplatin",
            "metformin",
            "pd_1_inhibitor",
            "fluorouracil",
            "vemurafenib",
            "docetaxel",
            "enzalutamide",
            "paclitaxel",
            "gemcitabine",
            "anti_pd_l1",
            "doxorubicin",
            "proteasome_inhibitors",
            "oxaliplatin",
            "trastuzumab",
            "tamoxifen",
        ]
    )


def test_bridges_find_the_ionophores_and_the_sole_gateways(review: data.ReviewData) -> None:
    b = network.bridges_metabolism_to_resistance(review)
    assert b.loc["elesclomol", "role"] == b.loc["disulfiram", "role"] == "connector"
    assert b.loc["cu_i", "role"] == "copper metabolism"
    assert b.index[0] == "cu_i"
    # each drug with a single finding is reached only through its agent: the four agents tie
    gateways = ["jyfy_001", "linc02362", "muc20", "h19"]
    assert len({b.loc[a, "score"] for a in gateways}) == 1
    assert list(b["score"]) == sorted(b["score"], reverse=True)


def test_bridges_without_the_umbrella_processes(review: data.ReviewData) -> None:
    b = network.bridges_metabolism_to_resistance(review, exclude=("cuproptosis", "drug_resistance"))
    assert "cuproptosis" not in b.index
    assert "drug_resistance" not in b.index
    assert "h19" not in b.index  # tamoxifen is cut off from copper metabolism
    assert {"elesclomol", "disulfiram", "tetrathiomolybdate"} <= set(b.index)


def test_paths_to_cisplatin_are_one_step_from_four_copper_proteins(review: data.ReviewData) -> None:
    paths = network.metabolism_paths("cisplatin", review)
    assert [p[0].left for p in paths] == ["atox1", "atp7a", "atp7b", "slc31a1"]
    assert all(len(p) == 1 and p[0].right == "cisplatin" for p in paths)
    atox1 = paths[0][0].statements
    assert {(s, r, t) for s, r, t, _ in atox1} == {
        ("atox1", "binds", "cisplatin"),
        ("atox1", "sequesters", "cisplatin"),
    }
    assert all(refs == (46, 47) for *_, refs in atox1)


def test_paths_to_tamoxifen_run_through_drug_resistance_and_h19(review: data.ReviewData) -> None:
    paths = network.metabolism_paths("tamoxifen", review)
    # atox1, atp7a, atp7b and ccs "promote drug resistance" (relations.csv); H19 promotes it and drives tamoxifen
    assert sorted(p[0].left for p in paths) == ["atox1", "atp7a", "atp7b", "ccs"]
    assert all([s.right for s in p] == ["drug_resistance", "h19", "tamoxifen"] for p in paths)
    assert network.metabolism_paths("tamoxifen", review, exclude=("drug_resistance",)) == []
    with pytest.raises(KeyError, match=r"'aspirin' is not in the review graph"):
        network.metabolism_paths("aspirin", review)


# --------------------------------------------------------------------------- agent–drug network


def test_agent_drug_bipartite(review: data.ReviewData) -> None:
    b = network.agent_drug_bipartite(review)
    agents = {n for n, part in b.nodes(data="bipartite") if part == 0}
    assert agents == AGENTS  # HOTAIR and H19 drive resistance and are not copper-linked
    assert nx.is_bipartite(b)
    assert b["disulfiram"]["fluorouracil"]["effects"] == {"sensitizes"}  # ref 106: no resistant model
    assert b["elesclomol"]["cisplatin"]["effects"] == {"overcomes_resistance"}
    assert set(b["cisplatin"]) == {
        "tetrathiomolybdate",
        "curcumin",
        "elesclomol",
        "disulfiram",
        "baicalein",
        "cuet_nps",
    }


def test_projections(review: data.ReviewData) -> None:
    a = network.agent_projection(review)
    assert a["disulfiram"]["elesclomol"]["weight"] == 3  # cisplatin, 5-fluorouracil, enzalutamide
    assert set(nx.isolates(a)) == {"jyfy_001", "cs_e_c_dox", "muc20", "linc02362"}
    d = network.drug_projection(review)
    assert d["cisplatin"]["fluorouracil"]["weight"] == 2
    assert set(d["cisplatin"]) == {
        "metformin",
        "fluorouracil",
        "vemurafenib",
        "docetaxel",
        "enzalutamide",
        "paclitaxel",
        "gemcitabine",
        "anti_pd_l1",
    }
    assert set(nx.isolates(d)) == {"pd_1_inhibitor", "doxorubicin", "oxaliplatin", "proteasome_inhibitors"}


def test_projection_table(review: data.ReviewData) -> None:
    t = network.projection_table("agents", review)
    assert t.iloc[0].to_dict() == {
        "pair": "disulfiram – elesclomol",
        "shared": 3,
        "via": "5-fluorouracil, cisplatin, enzalutamide",
    }
    assert len(t) == 15  # six agents share cisplatin: 15 pairs
    assert len(network.projection_table("drugs", review)) == network.drug_projection(review).number_of_edges()
    with pytest.raises(ValueError, match=r"which must be 'agents' or 'drugs'"):
        network.projection_table("cancers", review)


# --------------------------------------------------------------------------- path explorer


@pytest.fixture(scope="module")
def paths(review: data.ReviewData) -> explore.Explorer:
    return knowledge_graph.metabolism_path_explorer(review=review)
