"""Explorers for the four figures: choose an entity, see it and its neighbours highlighted, read about it.

``figure_explorer(n)`` returns an :class:`Explorer` whose view is :func:`figures.figure_svg` and whose
states use :func:`graph.neighbourhood`, the same function behind ``figures.figureN(highlight=…)``: the
explorer and the highlighted static figure always mark the same nodes.
"""

from __future__ import annotations

import networkx as nx

from cuproptosis_book import figures
from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.explorers.base import Control, Explorer, State
from cuproptosis_book.figures.layout import group_header
from cuproptosis_book.frames import refs_at
from cuproptosis_book.review import graph
from cuproptosis_book.text import REDOX_PRODUCT, esc, refs_paragraph_html, relation_sentence

#: The option that turns every item on.
EVERYTHING = "everything"

#: A meaningful first state per figure (the legend's main actor).
DEFAULTS = {1: "slc31a1", 2: "atox1", 3: "fdx1", 4: "group:elesclomol"}

#: Dropdown order: proteins first, then the other kinds.
KIND_ORDER = ("protein", "small_molecule", "drug", "nanoparticle", "ncrna", "ion", "process", "cancer", "compartment")


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _entity_html(review: ReviewData, entity: str) -> str:
    row = review.entities.loc[entity]
    full = row["full_name"]
    head = f"<p><strong>{esc(row['label'])}</strong>"
    if isinstance(full, str) and full and full != row["label"]:
        head += f" — {esc(full)}"
    return head + f"</p><p>{esc(row['description'])}</p>"


def _sentence_html(review: ReviewData, row: graph.RelationRow) -> str:
    text = esc(relation_sentence(review, row, "figure"))
    if row.disputed:
        why = row.note.removeprefix(graph.DISPUTED_PREFIX).strip()
        return (
            f'<li class="cb-disputed"><strong>Disputed</strong> (the review contradicts itself): {text}. '
            f"<em>{esc(why)}</em></li>"
        )
    source = "figure legend" if row.evidence == "caption" else "main text"
    return f"<li>{text} <small>({source})</small></li>"


def _involves(row: graph.RelationRow, entity: str) -> bool:
    return entity in (row.source, row.target, row.destination, REDOX_PRODUCT.get(row.relation))


def _cell_panel(review: ReviewData, n: int, entity: str) -> str:
    rows = [r for r in graph.relation_rows(review, n) if _involves(r, entity)]
    items = "".join(_sentence_html(review, r) for r in rows)
    return (
        _entity_html(review, entity)
        + f"<p>In Figure {n}:</p><ul>{items}</ul>"
        + refs_paragraph_html(refs_at(review.entities, entity))
    )


def _state_for(g: nx.DiGraph, chosen: list[str]) -> frozenset[str]:
    """The chosen nodes, their neighbours and the edges that involve the chosen nodes."""
    nodes: set[str] = set()
    for v in chosen:
        nodes |= {str(x) for x in graph.neighbourhood(g, v)}
    edges = {graph.edge_key(str(u), str(v)) for u, v in graph.edges_touching(g, set(chosen))}
    return frozenset(nodes | edges)


def _everything_panel(n: int, g: nx.DiGraph) -> str:
    entities = {d["entity"] for _, d in g.nodes(data=True)}
    return (
        f"<p>All {len(entities)} entities and {g.number_of_edges()} relations of Figure {n}. "
        "Choose an entity to highlight it and its neighbours and to read what the review says about it.</p>"
    )


def _cell_explorer(n: int, name: str, default: str | None, review: ReviewData) -> Explorer:
    g = graph.figure_graph(n, review)
    kinds = {d["entity"]: d["kind"] for _, d in g.nodes(data=True)}
    entities = sorted(kinds, key=lambda e: (_kind_rank(kinds[e]), review.label(e).lower(), e))
    options = (("(everything)", EVERYTHING), *tuple((review.label(e), e) for e in entities))
    states = {EVERYTHING: State(None, _everything_panel(n, g))}
    for e in entities:
        states[e] = State(_state_for(g, graph.nodes_of(g, e)), _cell_panel(review, n, e))
    chosen = default if default is not None else (DEFAULTS[n] if DEFAULTS[n] in kinds else entities[0])
    control = Control("entity", "Entity", options, chosen)
    return Explorer(
        name=name,
        title=f"Figure {n}: choose an entity to highlight it and its neighbours",
        controls=[control],
        view=figures.figure_svg(n, name, review),
        state=lambda entity: states[entity],
    )


def _group_panel(review: ReviewData, g: nx.DiGraph, group_node: str) -> str:
    items = []
    refs: set[int] = set()
    for drug in sorted(g.successors(group_node), key=lambda v: g.nodes[v]["order"]):
        for f in g.edges[group_node, drug]["findings"]:
            items.append(f"<li>{esc(graph.finding_sentence(review, f, g.nodes[drug]['entity']))}</li>")
            refs |= set(f["refs"])
    header = group_header(review, g.nodes[group_node]["entity"])
    return (
        f"<p><strong>{esc(header)}</strong></p><p>Findings behind this band of Figure 4:</p>"
        f"<ul>{''.join(items)}</ul>" + refs_paragraph_html(refs)
    )


def _drug_panel(review: ReviewData, g: nx.DiGraph, drug: str) -> str:
    items = []
    for v in graph.nodes_of(g, drug):
        for u in sorted(g.predecessors(v)):
            group = esc(g.nodes[u]["label"])
            for f in g.edges[u, v]["findings"]:
                items.append(f"<li>{esc(graph.finding_sentence(review, f, drug))} <small>(band: {group})</small></li>")
    return (
        _entity_html(review, drug)
        + f"<p>In Figure 4:</p><ul>{''.join(items)}</ul>"
        + refs_paragraph_html(refs_at(review.entities, drug))
    )


def _figure4_explorer(name: str, default: str | None, review: ReviewData) -> Explorer:
    g = graph.figure4_graph(review)
    groups = sorted((v for v, d in g.nodes(data=True) if d["kind"] == "group"), key=lambda v: g.nodes[v]["order"])
    drugs = sorted(
        {d["entity"] for v, d in g.nodes(data=True) if d["kind"] != "group"}, key=lambda e: (review.label(e).lower(), e)
    )
    options = (("(everything)", EVERYTHING),)
    options += tuple((f"Band: {g.nodes[v]['label']}", v) for v in groups)
    options += tuple((f"Drug: {review.label(e)}", e) for e in drugs)
    states = {EVERYTHING: State(None, _everything_panel(4, g))}
    for v in groups:
        states[v] = State(_state_for(g, [v]), _group_panel(review, g, v))
    for e in drugs:
        states[e] = State(_state_for(g, graph.nodes_of(g, e)), _drug_panel(review, g, e))
    chosen = default if default is not None else (DEFAULTS[4] if DEFAULTS[4] in states else groups[0])
    control = Control("choice", "Band or drug", options, chosen)
    return Explorer(
        name=name,
        title="Figure 4: choose a band of the legend or a drug",
        controls=[control],
        view=figures.figure_svg(4, name, review),
        state=lambda choice: states[choice],
    )


def figure_explorer(
    n: int, *, name: str | None = None, default: str | None = None, review: ReviewData | None = None
) -> Explorer:
    """An explorer of review Figure ``n``: a dropdown of its entities (Figure 4: bands and drugs).

    ``name`` is the page-unique explorer name (default ``figureN``); ``default`` the option chosen first.
    """
    if n not in (1, 2, 3, 4):
        msg = f"the review has Figures 1-4 (got {n})"
        raise ValueError(msg)
    review = review_of(review)
    name = name or f"figure{n}"
    return _figure4_explorer(name, default, review) if n == 4 else _cell_explorer(n, name, default, review)
