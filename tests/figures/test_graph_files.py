"""The committed graph files read back, with the reference readers, as the graphs the book draws.

``figures/*.graphml`` and ``figures/*.cyjs`` are parsed with networkx (``read_graphml``, ``cytoscape_graph``)
and compared with :mod:`cuproptosis_book.review.graph`: same nodes, same edges, same attributes. Their
staleness is checked with the other exports in test_figures.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from cuproptosis_book import data
from cuproptosis_book.figures.layout import layout_for
from cuproptosis_book.figures.review_figures import _prepare
from cuproptosis_book.review import graph

FIGURES_DIR = Path(__file__).resolve().parents[2] / "figures"
FIGURE_NUMBERS = [1, 2, 3, 4]


def figure_graph(n: int) -> nx.DiGraph:
    return graph.figure4_graph() if n == 4 else graph.figure_graph(n)


def read_graphml(name: str) -> Any:
    return nx.read_graphml(FIGURES_DIR / f"{name}.graphml")


#: What Cytoscape JSON adds to every element's attributes (ids and names of the format itself).
CYJS_KEYS = {"id", "value", "name", "source", "target", "key"}


def read_cyjs(name: str) -> Any:
    """The graph of a .cyjs file without the format's own keys, and the parsed document."""
    doc = json.loads((FIGURES_DIR / f"{name}.cyjs").read_text(encoding="utf-8"))
    g = nx.cytoscape_graph(doc, name="label")
    for _, d in g.nodes(data=True):
        assert d["name"] == d["label"]
        assert d["id"] == d["value"]
    for attrs in [d for _, d in g.nodes(data=True)] + [e[-1] for e in g.edges(data=True)]:
        for key in CYJS_KEYS & set(attrs):
            del attrs[key]
    return g, doc


def numbers(cell: str) -> tuple[int, ...]:
    return tuple(int(x) for x in cell.split(";")) if cell else ()


def items(cell: str) -> set[str]:
    return set(cell.split(";")) if cell else set()


@pytest.mark.parametrize("n", FIGURE_NUMBERS)
def test_figure_graphml_reads_back_as_the_drawn_graph(n: int) -> None:
    expected, read = figure_graph(n), read_graphml(f"figure{n}")
    assert isinstance(read, nx.DiGraph)
    assert read.is_directed()
    assert not read.is_multigraph()
    assert set(read.nodes) == set(expected.nodes)
    assert set(read.edges) == set(expected.edges)
    for node, d in expected.nodes(data=True):
        r = read.nodes[node]
        assert (r["label"], r["kind"], r["compartment"], r["entity"]) == (
            d["label"],
            d["kind"],
            d["compartment"],
            d["entity"],
        ), node
    for u, v, d in expected.edges(data=True):
        r = read.edges[u, v]
        assert r["relation"] == d["relation"], (u, v)
        assert r["evidence"] == d["evidence"], (u, v)
        assert numbers(r["references"]) == d["refs"], (u, v)
        assert r["disputed"] is d["disputed"], (u, v)
        assert r["figure"] == str(n)


@pytest.mark.parametrize("n", FIGURE_NUMBERS)
def test_figure_cyjs_holds_the_same_graph_as_the_graphml(n: int) -> None:
    from_graphml, (from_cyjs, _) = read_graphml(f"figure{n}"), read_cyjs(f"figure{n}")
    assert dict(from_cyjs.nodes(data=True)) == dict(from_graphml.nodes(data=True))
    assert sorted(from_cyjs.edges(data=True)) == sorted(from_graphml.edges(data=True))


def test_sections_and_errata_of_figure_edges_come_from_their_rows() -> None:
    """relations.csv: slc30a1,cu_ii,transports,extracellular,cytosol,1,caption,20,copper_metabolism;figure1,E03"""
    edge = read_graphml("figure1").edges["slc30a1", "cu_ii@cytosol"]
    assert edge["relation"] == "transports"
    assert edge["references"] == "20"
    assert edge["erratum"] == "E03"
    assert items(edge["section"]) == {"copper_metabolism", "figure1"}
    package = json.loads((FIGURES_DIR.parent / "data" / "datapackage.json").read_text(encoding="utf-8"))
    sections = set(package["x-vocabularies"]["section"])
    errata = set(data.load_all().errata["id"])
    for n in FIGURE_NUMBERS:
        for _, _, d in read_graphml(f"figure{n}").edges(data=True):
            assert items(d["erratum"]) <= errata
            assert items(d["section"]), "every row names its section"
            assert items(d["section"]) <= sections


def test_figure_cyjs_places_nodes_where_the_book_draws_them() -> None:
    review, g = _prepare(3, None)
    boxes = layout_for(3, g, review).boxes
    _, doc = read_cyjs("figure3")
    positions = {e["data"]["id"]: e["position"] for e in doc["elements"]["nodes"]}
    assert set(positions) == set(boxes)
    for node, box in boxes.items():
        assert positions[node]["x"] == pytest.approx(box.x * 100, abs=0.1)
        assert positions[node]["y"] == pytest.approx(-box.y * 100, abs=0.1)  # Cytoscape's y axis points down
    names = {e["data"]["id"]: e["data"]["name"] for e in doc["elements"]["nodes"]}
    assert names["fdx1"] == "FDX1"  # Cytoscape labels a node with its name: the label the figure prints


def test_review_network_reads_back_with_every_row_as_an_edge() -> None:
    expected, read = graph.review_graph(), read_graphml("review_network")
    assert read.is_multigraph()
    assert read.is_directed()
    assert set(read.nodes) == set(expected.nodes)
    assert sorted(read.edges(keys=True)) == sorted(expected.edges(keys=True))
    review = data.load_all()
    relations = [k for _, _, k in read.edges(keys=True) if k.startswith("relation:")]
    assert len(relations) == len(review.relations)
    assert len([k for _, _, k in read.edges(keys=True) if k.startswith("resistance:")]) == len(review.resistance)
    for node, d in expected.nodes(data=True):
        r = read.nodes[node]
        assert (r["label"], r["kind"], r["compartment"]) == (d["label"], d["kind"], d["compartment"] or ""), node
    for u, v, key, d in expected.edges(keys=True, data=True):
        r = read.edges[u, v, key]
        assert (r["relation"], r["evidence"], r["origin"]) == (d["relation"], d["evidence"], d["origin"]), key
        assert numbers(r["references"]) == d["refs"], key
        if "figures" in d:
            assert numbers(r["figure"]) == d["figures"], key
        if "cancer" in d:
            assert r["cancer"] == d["cancer"], key
    from_cyjs, _ = read_cyjs("review_network")
    assert dict(from_cyjs.nodes(data=True)) == dict(read.nodes(data=True))
    assert sorted(from_cyjs.edges(keys=True, data=True)) == sorted(read.edges(keys=True, data=True))


NODE_KEYS = {"label", "entity", "kind", "compartment"}
EDGE_KEYS = {"relation", "evidence", "references", "figure", "section", "erratum", "disputed"}


@pytest.mark.parametrize("name", ["figure1", "figure2", "figure3", "figure4", "review_network"])
def test_graph_files_hold_the_documented_scalar_attributes_only(name: str) -> None:
    """No date, tool version or tuple leaks in: the attributes are those figures/README.md lists."""
    declared = re.findall(
        r'<key id="[^"]+" for="(node|edge)" attr.name="([^"]+)"',
        (FIGURES_DIR / f"{name}.graphml").read_text(encoding="utf-8"),
    )
    network = name == "review_network"
    assert {k for f, k in declared if f == "node"} == NODE_KEYS | (set() if network else {"x", "y"})
    assert {k for f, k in declared if f == "edge"} == EDGE_KEYS | ({"origin", "cancer"} if network else set())
    _, doc = read_cyjs(name)
    assert set(doc) == {"data", "directed", "multigraph", "elements"}
    assert doc["data"] == {}
    ids = [e["data"]["id"] for e in doc["elements"]["nodes"] + doc["elements"]["edges"]]
    assert len(ids) == len(set(ids))
    assert all(isinstance(i, str) and i for i in ids)
    for element in doc["elements"]["nodes"] + doc["elements"]["edges"]:
        for key, value in element["data"].items():
            assert isinstance(value, str | int | float | bool), (name, key, value)
