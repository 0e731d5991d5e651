"""networkx graphs built from the data: one builder per view of the review.

- :func:`figure_graph` (Figures 1-3): placed entities and the relations of ``relations.csv`` whose
  ``figure`` column names the figure.
- :func:`figure4_graph`: the Figure 4 legend groups and the drugs whose resistance they combat.
- :func:`review_graph`: every entity, relation, resistance finding and Table 1 pairing.
- :func:`neighbourhood`: a node and everything one relation away; the figures' ``highlight`` and the
  explorers both use it, so a highlighted figure and an explorer state always agree.

Node ids of the figure graphs: a protein (or process, or any entity drawn once) is its entity id; an
ion or molecule that a figure shows in several compartments gets one node per compartment,
``"entity@compartment"`` (``cu_i@cytosol``). Every node has the attributes ``entity``, ``label``,
``kind`` and ``compartment``.

A figure edge runs from the relation's source node to its target node and carries ``relation``,
``refs``, ``evidence`` and ``disputed``. Relations that move or convert copper also visit other nodes:
``path`` lists the nodes a reader's eye follows (cargo where it starts, carrier, cargo where it ends),
and ``members`` is every node of the edge. Several rows between the same two nodes share one edge
(``rows`` keeps each of them). Everything iterates in sorted order, so the graphs are deterministic.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.frames import as_opt_str
from cuproptosis_book.text import MOVEMENT, REDOX_PRODUCT, format_refs

#: Kinds drawn wherever a relation puts them (one node per compartment), not at a home location.
MOBILE_KINDS = ("ion",)

#: Where an entity goes when neither the data nor a relation says where: the cell interior.
DEFAULT_COMPARTMENT = "cytosol"

#: Figure 4 legend groups, in the legend's order.
FIGURE4_GROUPS = ("elesclomol", "disulfiram", "cuproptosis_inducer")

DISPUTED_PREFIX = "DISPUTED:"


@dataclass(frozen=True)
class RelationRow:
    """One row of relations.csv, as a figure uses it."""

    source: str
    target: str
    relation: str
    compartment: str | None
    destination: str | None
    figures: tuple[int, ...]
    evidence: str
    refs: tuple[int, ...]
    note: str

    @property
    def disputed(self) -> bool:
        """The review contradicts itself about this relation (the note says so)."""
        return self.note.startswith(DISPUTED_PREFIX)

    @property
    def triple(self) -> tuple[str, str, str]:
        return (self.source, self.relation, self.target)


def relation_rows(review: ReviewData, figure: int | None = None) -> list[RelationRow]:
    """Rows of relations.csv (those whose ``figure`` includes ``figure``, if given), in file order."""
    rows = []
    for rec in review.relations.to_dict("records"):
        figures = tuple(rec["figure"])
        if figure is not None and figure not in figures:
            continue
        rows.append(
            RelationRow(
                source=rec["source"],
                target=rec["target"],
                relation=rec["relation"],
                compartment=rec["compartment"],
                destination=rec["destination"],
                figures=figures,
                evidence=rec["evidence"],
                refs=tuple(rec["refs"]),
                note=rec["note"] or "",
            )
        )
    return rows


def _kind(review: ReviewData, entity: str) -> str:
    return str(review.entities.loc[entity, "kind"])


def _location(review: ReviewData, entity: str) -> str | None:
    return as_opt_str(review.entities.at[entity, "location"])  # the loader leaves empty cells None, never NaN


def _crossing(start: str | None, end: str | None) -> str | None:
    """Where a carrier without a home sits: on the membrane its cargo crosses."""
    if {start, end} == {"extracellular", "cytosol"}:
        return "plasma_membrane"
    if start == "cytosol" and end not in (None, "cytosol"):
        return end
    return start


@dataclass(frozen=True)
class _Step:
    """How one relation row is drawn: its edge and the placed entities it visits."""

    row: RelationRow
    source: tuple[str, str | None]  # (entity, compartment)
    target: tuple[str, str | None]
    path: tuple[tuple[str, str | None], ...]


def _steps(review: ReviewData, rows: list[RelationRow]) -> list[_Step]:
    """Turn each relation row into an edge between placed entities (compartments may still be None)."""
    protein_dest = {r.destination for r in rows if r.destination and _kind(review, r.destination) != "compartment"}
    steps = []
    for r in rows:
        if r.relation in MOVEMENT:
            carrier = (r.source, _location(review, r.source) or _crossing(r.compartment, r.destination))
            origin = (r.target, r.compartment)
            if r.destination is None:
                steps.append(_Step(r, carrier, origin, (carrier, origin)))
            elif r.destination in protein_dest:
                recipient = (r.destination, _location(review, r.destination))
                steps.append(_Step(r, carrier, recipient, (origin, carrier, recipient)))
            else:
                end = (r.target, r.destination)
                steps.append(_Step(r, carrier, end, (origin, carrier, end)))
        elif r.relation in REDOX_PRODUCT:
            enzyme = (r.source, _location(review, r.source) or r.compartment)
            substrate = (r.target, r.compartment)
            product = (REDOX_PRODUCT[r.relation], r.compartment)
            steps.append(_Step(r, enzyme, substrate, (substrate, enzyme, product)))
        else:
            steps.append(
                _Step(
                    r,
                    (r.source, r.compartment),
                    (r.target, r.compartment),
                    ((r.source, r.compartment), (r.target, r.compartment)),
                )
            )
    return steps


def _resolve_compartments(
    review: ReviewData, steps: list[_Step]
) -> tuple[dict[tuple[str, str | None], str], dict[str, str]]:
    """Node id of every (entity, compartment-or-None) placement of a figure, and each node's compartment.

    Mobile entities (ions) get a node per compartment they appear in; everything else is drawn once:
    at its home location, else where all its relations in this figure happen, else in the cytosol.
    """
    by_entity: dict[str, list[str | None]] = defaultdict(list)
    for s in steps:
        for entity, comp in (*s.path, s.source, s.target):
            by_entity[entity].append(comp)
    mapping: dict[tuple[str, str | None], str] = {}
    compartment: dict[str, str] = {}
    for entity in sorted(by_entity):
        comps = by_entity[entity]
        known = sorted({c for c in comps if c is not None})
        if _kind(review, entity) in MOBILE_KINDS:
            if not known:
                known = [_location(review, entity) or DEFAULT_COMPARTMENT]
            counts = Counter(c for c in comps if c is not None)
            # a placement without a compartment joins the entity's most frequent one
            fallback = max(known, key=lambda c: (counts[c], c == DEFAULT_COMPARTMENT, c))
            for comp in set(comps) | set(known):
                place = comp if comp is not None else fallback
                node = f"{entity}@{place}" if len(known) > 1 else entity
                mapping[(entity, comp)] = node
                compartment[node] = place
        else:
            home = _location(review, entity)
            if home is None:
                home = known[0] if len(known) == 1 and None not in comps else DEFAULT_COMPARTMENT
            for comp in set(comps):
                mapping[(entity, comp)] = entity
            compartment[entity] = home
    return mapping, compartment


def figure_graph(n: int, review: ReviewData | None = None) -> nx.DiGraph:
    """Figure ``n`` (1-3) as a graph: placed entities and the relations whose ``figure`` includes ``n``."""
    if n not in (1, 2, 3):
        msg = f"figure_graph draws Figures 1-3 (got {n}); use figure4_graph for Figure 4"
        raise ValueError(msg)
    review = review_of(review)
    steps = _steps(review, relation_rows(review, n))
    mapping, compartment = _resolve_compartments(review, steps)
    g = nx.DiGraph(figure=n)
    for node in sorted(compartment):
        entity = node.split("@", 1)[0]
        g.add_node(
            node, entity=entity, label=review.label(entity), kind=_kind(review, entity), compartment=compartment[node]
        )
    for step in steps:
        u, v = mapping[step.source], mapping[step.target]
        path = tuple(mapping[p] for p in step.path)
        if g.has_edge(u, v):
            d = g.edges[u, v]
            d["rows"] += (step.row,)
            d["paths"] += (path,)
        else:
            g.add_edge(u, v, rows=(step.row,), paths=(path,))
    for _, _, d in g.edges(data=True):
        _summarise_edge(d)
    return g


def _summarise_edge(d: dict[str, Any]) -> None:
    """Edge attributes that summarise its rows: relation names, references, evidence, disputed, path."""
    rows: tuple[RelationRow, ...] = d["rows"]
    paths: tuple[tuple[str, ...], ...] = d["paths"]
    relations = tuple(r.relation for r in rows)
    d["relations"] = relations
    d["relation"] = ", ".join(dict.fromkeys(relations))
    d["refs"] = tuple(sorted({ref for r in rows for ref in r.refs}))
    d["evidence"] = "caption" if any(r.evidence == "caption" for r in rows) else "text"
    d["disputed"] = any(r.disputed for r in rows)
    d["path"] = paths[0]
    d["members"] = tuple(sorted({node for p in paths for node in p}))


def group_node(group: str) -> str:
    return f"group:{group}"


def group_label(review: ReviewData, group: str) -> str:
    """A Figure 4 group as the legend names it: the agent's label, or the class in plain words."""
    if group in review.entities.index:
        return review.label(group)
    return group.replace("_", " ") + "s"


def figure4_graph(review: ReviewData | None = None) -> nx.DiGraph:
    """Figure 4: each legend group points to the drugs whose resistance it combats.

    Nodes are ``group:GROUP`` (kind ``group``) and ``DRUG@GROUP`` (the same drug appears in several
    groups). Each group -> drug edge carries ``findings`` (agent, cancer, effect, refs per
    resistance.csv row, in file order), ``cancers`` (ids, first-seen order), ``agents``, ``refs`` and
    ``effect`` (``overcomes_resistance``, ``sensitizes`` or ``mixed``).
    """
    review = review_of(review)
    rows = review.resistance[review.resistance["figure4"].notna()]
    groups = [g for g in FIGURE4_GROUPS if g in set(rows["figure4"])]
    groups += sorted(set(rows["figure4"]) - set(groups))
    g = nx.DiGraph(figure=4)
    for order, group in enumerate(groups):
        g.add_node(
            group_node(group),
            entity=group,
            label=group_label(review, group),
            kind="group",
            compartment=group,
            order=order,
        )
        for rec in rows[rows["figure4"] == group].to_dict("records"):
            drug = f"{rec['drug']}@{group}"
            if drug not in g:
                g.add_node(
                    drug,
                    entity=rec["drug"],
                    label=review.label(rec["drug"]),
                    kind=_kind(review, rec["drug"]),
                    compartment=group,
                    order=sum(1 for _ in g.successors(group_node(group))),
                )
                g.add_edge(group_node(group), drug, findings=())
            d = g.edges[group_node(group), drug]
            d["findings"] += (
                {"agent": rec["agent"], "cancer": rec["cancer"], "effect": rec["effect"], "refs": tuple(rec["refs"])},
            )
    for u, v, d in g.edges(data=True):
        findings = d["findings"]
        d["cancers"] = tuple(dict.fromkeys(f["cancer"] for f in findings))
        d["agents"] = tuple(dict.fromkeys(f["agent"] for f in findings))
        d["refs"] = tuple(sorted({r for f in findings for r in f["refs"]}))
        effects = {f["effect"] for f in findings}
        d["effect"] = effects.pop() if len(effects) == 1 else "mixed"
        d["relation"] = d["effect"]
        d["evidence"] = "caption"
        d["disputed"] = False
        d["path"] = (u, v)
        d["members"] = tuple(sorted((u, v)))
    return g


def review_graph(review: ReviewData | None = None) -> nx.MultiDiGraph:
    """Every entity, every relation, every resistance finding and every Table 1 pairing, in one graph.

    Edge ``relation`` is the vocabulary term for relations.csv rows, the finding's effect
    (``overcomes_resistance`` …) for resistance.csv rows (with ``cancer``) and ``treats`` for
    nanoparticle -> cancer pairs of Table 1. ``source`` names the file each edge comes from.
    """
    review = review_of(review)
    g = nx.MultiDiGraph()
    for rec in review.entities.sort_index().to_dict("records"):
        g.add_node(
            rec["id"],
            entity=rec["id"],
            label=rec["label"],
            kind=rec["kind"],
            compartment=None if pd.isna(rec["location"]) else rec["location"],
        )
    for i, r in enumerate(relation_rows(review)):
        g.add_edge(
            r.source,
            r.target,
            key=f"relation:{i}",
            relation=r.relation,
            refs=r.refs,
            evidence=r.evidence,
            disputed=r.disputed,
            compartment=r.compartment,
            destination=r.destination,
            figures=r.figures,
            origin="relations.csv",
        )
    for i, rec in enumerate(review.resistance.to_dict("records")):
        g.add_edge(
            rec["agent"],
            rec["drug"],
            key=f"resistance:{i}",
            relation=rec["effect"],
            cancer=rec["cancer"],
            refs=tuple(rec["refs"]),
            evidence="text",
            disputed=False,
            figure4=rec["figure4"],
            origin="resistance.csv",
        )
    for rec in review.nanoparticles.sort_values("table1_order").to_dict("records"):
        for cancer in rec["tumour_types"]:
            g.add_edge(
                rec["entity"],
                cancer,
                key=f"table1:{cancer}",
                relation="treats",
                refs=tuple(rec["refs"]),
                evidence="table",
                disputed=False,
                origin="nanoparticles.csv",
            )
    return g


def _edge_members(u: Hashable, v: Hashable, d: dict[str, Any]) -> Iterable[Hashable]:
    members = d.get("members")
    return members if isinstance(members, tuple) else (u, v)


def neighbourhood(g: nx.DiGraph | nx.MultiDiGraph, node: Hashable) -> set[Hashable]:
    """``node`` and every node that shares a relation with it (including a cargo's start and end)."""
    if node not in g:
        msg = f"{node!r} is not a node of this graph"
        raise KeyError(msg)
    out = {node}
    for u, v, d in g.edges(data=True):
        members = set(_edge_members(u, v, d))
        if node in members:
            out |= members
    return out


def edges_touching(g: nx.DiGraph, nodes: set[Hashable]) -> list[tuple[Hashable, Hashable]]:
    """Edges that involve one of ``nodes`` (as an endpoint or on their path), sorted."""
    return sorted(((u, v) for u, v, d in g.edges(data=True) if set(_edge_members(u, v, d)) & nodes), key=str)


def nodes_of(g: nx.DiGraph, entity: str) -> list[str]:
    """The nodes that draw ``entity`` (one, or one per compartment), sorted."""
    return sorted(n for n, d in g.nodes(data=True) if d["entity"] == entity)


def edge_key(u: str, v: str) -> str:
    """The explorer item key of edge ``u -> v``."""
    return f"e-{u}-{v}"


def finding_sentence(review: ReviewData, finding: dict[str, Any], drug: str) -> str:
    """A resistance finding, e.g. ``elesclomol overcomes cisplatin resistance in lung cancer [95]``."""
    label = review.label
    agent, cancer = label(str(finding["agent"])), label(str(finding["cancer"]))
    refs = format_refs(finding["refs"])
    if finding["effect"] == "overcomes_resistance":
        return f"{agent} overcomes {label(drug)} resistance in {cancer} {refs}"
    if finding["effect"] == "sensitizes":
        return f"{agent} makes {cancer} more sensitive to {label(drug)} (no resistant model named) {refs}"
    return f"{agent}: {str(finding['effect']).replace('_', ' ')} to {label(drug)} in {cancer} {refs}"
