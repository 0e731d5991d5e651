"""The figure graphs hold exactly the relations the data assigns to each figure, and the legends' steps.

Expected values come from reading the CSV files with the csv module (not the package's loader) and from
the review's figure legends, typed by hand.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from cuproptosis_book import data
from cuproptosis_book.review import graph
from cuproptosis_book.text import relation_sentence

DATA = Path(__file__).resolve().parents[2] / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


KIND = {row["id"]: row["kind"] for row in read_csv("entities.csv")}
RELATIONS = read_csv("relations.csv")
RESISTANCE = read_csv("resistance.csv")


def rows_of_figure(n: int) -> list[dict[str, str]]:
    return [r for r in RELATIONS if str(n) in r["figure"].split(";")]


def expected_entities(n: int) -> set[str]:
    """Sources, targets, recipient proteins and the copper ion a redox step produces."""
    out = set()
    for r in rows_of_figure(n):
        out |= {r["source"], r["target"]}
        if r["destination"] and KIND[r["destination"]] == "protein":
            out.add(r["destination"])
        if r["relation"] == "reduces":
            out.add("cu_i")
        if r["relation"] == "oxidizes":
            out.add("cu_ii")
    return out


def expected_edges(n: int) -> Counter[tuple[str, str, str]]:
    """(source, relation, entity the arrow ends at): a chaperone's arrow ends at the protein it hands copper to."""
    out: Counter[tuple[str, str, str]] = Counter()
    for r in rows_of_figure(n):
        end = (
            r["destination"]
            if r["relation"] == "delivers" and r["destination"] and KIND[r["destination"]] == "protein"
            else r["target"]
        )
        out[(r["source"], r["relation"], end)] += 1
    return out


def graph_edges(g) -> Counter[tuple[str, str, str]]:
    out: Counter[tuple[str, str, str]] = Counter()
    for u, v, d in g.edges(data=True):
        for rel in d["relations"]:
            out[(g.nodes[u]["entity"], rel, g.nodes[v]["entity"])] += 1
    return out


@pytest.mark.parametrize("n", [1, 2, 3])
def test_figure_graph_holds_exactly_the_relations_of_its_figure(n: int) -> None:
    g = graph.figure_graph(n)
    assert {d["entity"] for _, d in g.nodes(data=True)} == expected_entities(n)
    assert graph_edges(g) == expected_edges(n)
    assert sum(len(d["rows"]) for _, _, d in g.edges(data=True)) == len(rows_of_figure(n))


@pytest.mark.parametrize("n", [1, 2, 3])
def test_every_node_has_its_attributes_and_a_known_compartment(n: int) -> None:
    g = graph.figure_graph(n)
    for v, d in g.nodes(data=True):
        assert set(d) >= {"entity", "label", "kind", "compartment"}
        assert KIND[d["compartment"]] == "compartment"
        if "@" in v:  # an ion drawn in several places carries the place in its id
            assert v == f"{d['entity']}@{d['compartment']}"
        else:
            assert v == d["entity"]
    for _, _, d in g.edges(data=True):
        assert set(d) >= {"relation", "refs", "evidence", "disputed", "path", "members"}


# Steps typed by hand from the legends: (carrier or enzyme, relation, node the arrow ends at, node the cargo
# starts from or None)
LEGEND_STEPS = {
    1: [
        ("slc30a1", "transports", "cu_ii@cytosol", "cu_ii@extracellular"),  # ZnT1 carries Cu²⁺ straight in
        ("steap", "reduces", "cu_ii@extracellular", None),  # STEAP reduces extracellular Cu²⁺ …
        ("slc31a1", "transports", "cu_i@cytosol", "cu_i@extracellular"),  # … and SLC31A1 brings Cu⁺ in
        ("atp7b", "exports", "cu_i@extracellular", "cu_i@cytosol"),  # ATP7B excretes Cu⁺
        ("slc46a3", "transports", "cu_i@lysosome", "cu_i@cytosol"),  # into lysosomes via SLC46A3
        ("atp7a", "transports", "cu_i@mitochondrion", "cu_i@cytosol"),  # into mitochondria via ATP7A
    ],
    2: [
        # Cu²⁺ is drawn only outside the cell in Figure 2 (its legend names no Cu²⁺ importer), so it needs no place tag
        ("steap", "reduces", "cu_ii", None),
        ("slc31a1", "transports", "cu_i@cytosol", "cu_i@extracellular"),
        ("mt", "sequesters", "cu_i@cytosol", None),
        ("gsh", "sequesters", "cu_i@cytosol", None),
        ("cox17", "transports", "cu_i@mitochondrion", "cu_i@cytosol"),
        ("ccs", "delivers", "sod1", "cu_i@cytosol"),
        ("atox1", "delivers", "cu_i@golgi", "cu_i@cytosol"),
        ("sod1", "transports", "cu_i@cytosol", None),
        ("memo1", "transports", "cu_i@cytosol", None),
        ("atp7b", "exports", "cu_i@golgi", "cu_i@cytosol"),
        ("sco1", "binds", "cu_i@mitochondrion", None),
        ("sco2", "binds", "cu_i@mitochondrion", None),
        ("mt_co1", "binds", "cu_i@mitochondrion", None),
        ("mt_co2", "binds", "cu_i@mitochondrion", None),
        ("cox11", "binds", "cu_i@mitochondrion", None),
        ("cu_i@nucleus", "regulates", "gene_expression", None),
    ],
    3: [
        ("elesclomol", "transports", "cu_ii@cytosol", "cu_ii@extracellular"),
        ("fdx1", "reduces", "cu_ii@mitochondrion", None),
        ("steap", "reduces", "cu_ii@extracellular", None),
        ("slc31a1", "transports", "cu_i@cytosol", "cu_i@extracellular"),
        ("fdx1", "lipoylates", "dlat", None),
        ("lias", "lipoylates", "dlat", None),
        ("fdx1", "aggregates", "dlat", None),
        ("lias", "aggregates", "dlat", None),
        ("dlat", "inhibits", "tca_cycle", None),
    ],
}


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_legend_steps_are_drawn(n: int) -> None:
    g = graph.figure_graph(n)
    for source, relation, end, start in LEGEND_STEPS[n]:
        assert g.has_edge(source, end), (source, end)
        d = g.edges[source, end]
        assert relation in d["relations"]
        if start is not None:
            assert d["path"][0] == start


def test_redox_steps_visit_substrate_enzyme_and_product() -> None:
    g = graph.figure_graph(3)
    assert g.edges["fdx1", "cu_ii@mitochondrion"]["path"] == ("cu_ii@mitochondrion", "fdx1", "cu_i@mitochondrion")
    assert graph.figure_graph(1).edges["steap", "cu_ii@extracellular"]["path"] == (
        "cu_ii@extracellular",
        "steap",
        "cu_i@extracellular",
    )


def test_disputed_relations_are_marked() -> None:
    g = graph.figure_graph(1)
    # the Figure 1 legend's ATP7A-into-mitochondria and ZnT1-carries-Cu²⁺ steps contradict the text
    assert g.edges["atp7a", "cu_i@mitochondrion"]["disputed"]
    assert g.edges["slc30a1", "cu_ii@cytosol"]["disputed"]
    assert not g.edges["steap", "cu_ii@extracellular"]["disputed"]
    assert not g.edges["slc31a1", "cu_i@cytosol"]["disputed"]


def test_neighbourhood_of_fdx1_in_figure_3() -> None:
    # legend: FDX1 reduces Cu²⁺ to Cu⁺, and with LIAS lipoylates DLAT; the data adds FDX1 -> cuproptosis
    g = graph.figure_graph(3)
    assert graph.neighbourhood(g, "fdx1") == {
        "fdx1",
        "cu_ii@mitochondrion",
        "cu_i@mitochondrion",
        "dlat",
        "cuproptosis",
    }


def test_neighbourhood_of_a_transporter_includes_where_its_cargo_starts() -> None:
    g = graph.figure_graph(1)
    assert graph.neighbourhood(g, "slc31a1") == {"slc31a1", "cu_i@extracellular", "cu_i@cytosol"}


def test_figure4_groups_hold_the_legend_drugs() -> None:
    g = graph.figure4_graph()
    drugs = {
        grp: {g.nodes[v]["entity"] for v in g.successors(f"group:{grp}")}
        for grp in ("elesclomol", "disulfiram", "cuproptosis_inducer")
    }
    assert drugs["elesclomol"] == {"cisplatin", "fluorouracil", "vemurafenib"}
    assert drugs["disulfiram"] == {"cisplatin", "fluorouracil", "paclitaxel", "gemcitabine"}
    assert drugs["cuproptosis_inducer"] == {
        "cisplatin",
        "proteasome_inhibitors",
        "oxaliplatin",
        "docetaxel",
        "enzalutamide",
        "anti_pd_l1",
    }


def test_figure4_edges_carry_the_cancers_of_resistance_csv() -> None:
    g = graph.figure4_graph()
    expected: dict[tuple[str, str], set[str]] = {}
    for r in RESISTANCE:
        if r["figure4"]:
            expected.setdefault((f"group:{r['figure4']}", f"{r['drug']}@{r['figure4']}"), set()).add(r["cancer"])
    got = {(u, v): set(d["cancers"]) for u, v, d in g.edges(data=True)}
    assert got == expected
    assert set(g.edges["group:elesclomol", "cisplatin@elesclomol"]["cancers"]) == {"lung_cancer", "melanoma", "hcc"}


def test_review_graph_has_every_entity_relation_finding_and_table1_pair() -> None:
    g = graph.review_graph()
    nps = read_csv("nanoparticles.csv")
    assert g.number_of_nodes() == len(KIND)
    assert g.number_of_edges() == len(RELATIONS) + len(RESISTANCE) + sum(len(r["tumour_types"].split(";")) for r in nps)
    assert g.has_edge("cuet_nps", "nsclc")  # Table 1: CuET NPs, non-small cell lung cancer
    finding = [d for d in g.get_edge_data("baicalein", "cisplatin").values() if d["origin"] == "resistance.csv"]
    assert finding[0]["cancer"] == "cervical_cancer"
    assert finding[0]["refs"] == (111,)
    assert "cisplatin" in graph.neighbourhood(g, "elesclomol")


def _figure_graphs_in_a_fresh_process(seed: str) -> str:
    """Figure graphs 1-3 as text, built in a new interpreter with hash seed ``seed`` (set iteration order differs)."""
    code = (
        "from cuproptosis_book import data\nfrom cuproptosis_book.review import graph\n"
        "review = data.load_all()\n"
        "for n in (1, 2, 3):\n"
        "    g = graph.figure_graph(n, review)\n"
        "    print(list(g.nodes(data=True)))\n"
        "    print([(u, v, d['relation'], d['path']) for u, v, d in g.edges(data=True)])\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout


def test_graphs_do_not_depend_on_the_hash_seed() -> None:
    first, second = _figure_graphs_in_a_fresh_process("1"), _figure_graphs_in_a_fresh_process("2")
    assert first.count("\n") == 6
    assert "slc31a1" in first
    assert first == second


def test_relation_sentences_read_like_the_legend() -> None:
    review = data.load_all()
    rows = {(r.source, r.relation, r.target): r for r in graph.relation_rows(review, 1)}
    assert (
        relation_sentence(review, rows[("steap", "reduces", "cu_ii")], "figure")
        == "STEAP reduces Cu²⁺ to Cu⁺ in the extracellular space [8,21-23]"
    )
    assert (
        relation_sentence(review, rows[("slc46a3", "transports", "cu_i")], "figure")
        == "SLC46A3 transports Cu⁺ from the cytosol into the lysosome [24]"
    )


def test_figure_graph_rejects_figure_4() -> None:
    with pytest.raises(ValueError, match="figure4_graph"):
        graph.figure_graph(4)
