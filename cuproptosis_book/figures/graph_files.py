"""The review's graphs as files other tools open: GraphML and Cytoscape JSON (``.cyjs``).

:func:`exportable_graphs` gives Figures 1-4 and the whole review network (:mod:`cuproptosis_book.review.graph`)
with flat, scalar attributes only, which GraphML requires:

- nodes: ``label``, ``entity``, ``kind``, ``compartment`` (empty when the data place the entity nowhere);
  in the figures also ``x`` and ``y``, the node's centre in the book's drawing (inches, y upwards);
- edges: ``relation``, ``evidence``, ``references`` (the review's reference numbers joined with ``;``),
  ``figure``, ``section``, ``erratum`` (each ``;``-joined; empty when none) and ``disputed``; the review
  network adds ``origin`` (the data file of the row) and, for resistance findings, ``cancer``.

Nodes and edges are written in sorted order, JSON keys in a fixed order and nothing records a date, so
``make figures`` writes the same bytes on every run.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.figures.layout import layout_for
from cuproptosis_book.review import graph

#: File stems, in the order ``make figures`` writes them.
GRAPH_NAMES = ("figure1", "figure2", "figure3", "figure4", "review_network")

#: Pixels per inch of the drawing, for Cytoscape positions (its y axis points down).
CYTOSCAPE_SCALE = 100.0

SEP = ";"


def joined(values: Iterable[Any]) -> str:
    """``(17, 53)`` -> ``"17;53"``; items keep their order, duplicates go."""
    return SEP.join(dict.fromkeys(str(v) for v in values))


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _row_lists(records: list[dict[Any, Any]], column: str) -> str:
    return joined(item for rec in records for item in rec[column])


def _relation_records(review: ReviewData) -> dict[graph.RelationRow, list[dict[Any, Any]]]:
    """Every relations.csv row as the figures see it, with the records (section, erratum) it stands for."""
    out: dict[graph.RelationRow, list[dict[Any, Any]]] = {}
    for row, rec in zip(graph.relation_rows(review), review.relations.to_dict("records"), strict=True):
        out.setdefault(row, []).append(rec)
    return out


def _node_attrs(d: dict[str, Any]) -> dict[str, str]:
    return {
        "label": _text(d.get("label")),
        "entity": _text(d.get("entity")),
        "kind": _text(d.get("kind")),
        "compartment": _text(d.get("compartment")),
    }


def _positions(n: int, g: nx.DiGraph, review: ReviewData) -> dict[str, tuple[float, float]]:
    g.graph["compartment_labels"] = {
        c: review.label(c) for c in review.entities.index if review.entities.loc[c, "kind"] == "compartment"
    }
    boxes = layout_for(n, g, review).boxes
    return {node: (round(b.x, 3), round(b.y, 3)) for node, b in boxes.items()}


def _flat_figure(n: int, review: ReviewData) -> nx.DiGraph:
    g = graph.figure4_graph(review) if n == 4 else graph.figure_graph(n, review)
    positions = _positions(n, g, review)
    records = _relation_records(review)
    out = nx.DiGraph()
    for node in sorted(g.nodes):
        attrs: dict[str, Any] = _node_attrs(g.nodes[node])
        if node in positions:
            attrs["x"], attrs["y"] = positions[node]
        out.add_node(node, **attrs)
    resistance: list[dict[Any, Any]] = review.resistance.to_dict("records")
    for u, v in sorted(g.edges):
        d = g.edges[u, v]
        if n == 4:
            group, drug = g.nodes[u]["entity"], g.nodes[v]["entity"]
            recs: list[dict[Any, Any]] = [r for r in resistance if r["figure4"] == group and r["drug"] == drug]
            figure = "4"
        else:
            recs = [rec for row in d["rows"] for rec in records[row]]
            figure = str(n)
        out.add_edge(
            u,
            v,
            relation=d["relation"],
            evidence=d["evidence"],
            references=joined(d["refs"]),
            figure=figure,
            section=_row_lists(recs, "section"),
            erratum=_row_lists(recs, "erratum"),
            disputed=bool(d["disputed"]),
        )
    return out


def _flat_review_network(review: ReviewData) -> nx.MultiDiGraph:
    g = graph.review_graph(review)
    relations = review.relations.to_dict("records")
    resistance = review.resistance.to_dict("records")
    particles = {rec["entity"]: rec for rec in review.nanoparticles.to_dict("records")}
    out = nx.MultiDiGraph()
    for node in sorted(g.nodes):
        out.add_node(node, **_node_attrs(g.nodes[node]))
    for u, v, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        kind, _, index = str(key).partition(":")
        if kind == "relation":
            rec = relations[int(index)]
            figure = joined(rec["figure"])
        elif kind == "resistance":
            rec = resistance[int(index)]
            figure = "4" if _text(rec["figure4"]) else ""
        else:
            rec = particles[u]
            figure = ""
        attrs = {
            "relation": d["relation"],
            "evidence": d["evidence"],
            "references": joined(d["refs"]),
            "figure": figure,
            "section": joined(rec["section"]),
            "erratum": joined(rec["erratum"]),
            "disputed": bool(d["disputed"]),
            "origin": d["origin"],
        }
        if "cancer" in d:
            attrs["cancer"] = _text(d["cancer"])
        out.add_edge(u, v, key=str(key), **attrs)
    return out


def exportable_graphs(review: ReviewData | None = None) -> dict[str, nx.DiGraph | nx.MultiDiGraph]:
    """Figures 1-4 and the review network with scalar attributes, keyed by :data:`GRAPH_NAMES`."""
    review = review_of(review)
    graphs: dict[str, nx.DiGraph | nx.MultiDiGraph] = {f"figure{n}": _flat_figure(n, review) for n in (1, 2, 3, 4)}
    graphs["review_network"] = _flat_review_network(review)
    return graphs


def graphml_text(g: nx.DiGraph | nx.MultiDiGraph) -> str:
    """GraphML of ``g`` (nodes and edges in the graph's own, sorted, order)."""
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")


def cytoscape_json(g: nx.DiGraph | nx.MultiDiGraph) -> str:
    """Cytoscape JSON of ``g`` (read back with ``nx.cytoscape_graph(doc, name="label")``); nodes with ``x``/``y`` get a ``position`` (pixels, y down) Cytoscape uses."""
    doc = nx.cytoscape_data(g, name="label")  # Cytoscape labels nodes with their "name": the display label
    doc["data"] = dict(g.graph)  # Cytoscape.js JSON: the graph's data is an object (networkx writes a list)
    seen: dict[str, int] = {}
    for element in doc["elements"]["edges"]:  # Cytoscape.js wants an id on every element, edges included
        d = element["data"]
        base = f"{d['source']}->{d['target']}:{d.get('relation', '')}"
        seen[base] = seen.get(base, 0) + 1
        element["data"] = {"id": base if seen[base] == 1 else f"{base}#{seen[base]}", **d}
    for element in doc["elements"]["nodes"]:
        d = element["data"]
        if "x" in d and "y" in d:
            element["position"] = {"x": round(d["x"] * CYTOSCAPE_SCALE, 1), "y": round(-d["y"] * CYTOSCAPE_SCALE, 1)}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def write_graphs(
    out_dir: Path, review: ReviewData | None = None, formats: Iterable[str] = ("graphml", "cyjs")
) -> list[Path]:
    """Write ``NAME.graphml`` and ``NAME.cyjs`` for every graph of :data:`GRAPH_NAMES`."""
    formats = tuple(formats)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    written = []
    for name, g in exportable_graphs(review).items():
        for ext, render in (("graphml", graphml_text), ("cyjs", cytoscape_json)):
            if ext in formats:
                path = Path(out_dir) / f"{name}.{ext}"
                path.write_text(render(g), encoding="utf-8", newline="\n")
                written.append(path)
    return written
