"""Chapter *The review as a network* (``chapters/knowledge_graph.ipynb``): its explorers.

:func:`neighbourhood_explorer` (one entity and its links in the whole-review graph) and
:func:`metabolism_path_explorer` (shortest paths from copper metabolism to a drug). The analyses are in
:mod:`cuproptosis_book.review.network`, the drawings in :mod:`cuproptosis_book.figures.network_plots`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.explorers.base import Control, Explorer, State
from cuproptosis_book.review import graph
from cuproptosis_book.review.network import (
    KEY_NODES,
    edge_refs,
    edge_relation,
    metabolism_paths,
    resistance_drugs,
    simple_graph,
)
from cuproptosis_book.text import esc, format_refs, item_id

__all__ = [
    "metabolism_path_explorer",
    "neighbourhood_explorer",
    "neighbourhood_options",
]


def _edge_rows(review: ReviewData, g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Every edge of the review graph as a table row with a stable, readable key (``source-relation-target``)."""
    labels = review.entities["label"]
    edges = sorted(
        ((u, v, edge_relation(d), edge_refs(d), bool(d.get("disputed"))) for u, v, d in g.edges(data=True)),
        key=lambda e: (str(labels.get(e[0], e[0])).casefold(), e[2], str(labels.get(e[1], e[1])).casefold(), e[3]),
    )
    seen: dict[str, int] = defaultdict(int)
    rows = []
    for u, v, rel, refs, disputed in edges:
        base = f"{u}-{rel}-{v}"
        seen[base] += 1
        key = base if seen[base] == 1 else f"{base}-{seen[base]}"
        rows.append({"key": key, "source": u, "target": v, "relation": rel, "refs": refs, "disputed": disputed})
    return rows


def _edge_table(name: str, review: ReviewData, rows: Sequence[Mapping[str, Any]], caption: str) -> str:
    labels = review.entities["label"]
    body = "".join(
        f'<tr id="{item_id(name, r["key"])}"><td>{esc(labels.get(r["source"], r["source"]))}</td>'
        f"<td>{esc(r['relation'].replace('_', ' '))}</td><td>{esc(labels.get(r['target'], r['target']))}</td>"
        f"<td>{esc(format_refs(r['refs'], empty='no reference'))}</td><td>{'disputed' if r['disputed'] else ''}</td></tr>"
        for r in rows
    )
    return (
        f'<div class="cb-table"><p class="cb-caption">{esc(caption)}</p><table class="cb-data">'
        "<thead><tr><th>from</th><th>relation</th><th>to</th><th>refs</th><th>flag</th></tr></thead>"
        f"<tbody>{body}</tbody></table></div>"
    )


def neighbourhood_options(*, top: int = 40, review: ReviewData | None = None) -> list[str]:
    """The ``top`` best-connected entities (degree in the simple projection) plus :data:`KEY_NODES`, by label."""
    review = review_of(review)
    s = simple_graph(graph.review_graph(review))
    ranked = sorted(s.nodes, key=lambda n: (-s.degree(n), n))[:top]
    chosen = set(ranked) | {n for n in KEY_NODES if n in s}
    return sorted(chosen, key=lambda n: (review.label(n).casefold(), n))


def neighbourhood_explorer(
    *, name: str = "kg-neighbourhood", default: str = "fdx1", review: ReviewData | None = None
) -> Explorer:
    """Pick an entity: the table of all the review graph's edges shrinks to the links that touch it.

    The rows kept are the edges whose two ends both lie in the entity's neighbourhood
    (:func:`cuproptosis_book.review.graph.neighbourhood`) and of which the entity is one end. The panel gives the
    entity's description, its degree and the references behind its description.
    """
    review = review_of(review)
    g = graph.review_graph(review)
    s = simple_graph(g)
    options = neighbourhood_options(review=review)
    if default not in options:
        msg = f"{default!r} is not among the explorer's entities"
        raise ValueError(msg)
    rows = _edge_rows(review, g)
    ents = review.entities
    states: dict[str, State] = {}
    for node in options:
        hood = graph.neighbourhood(g, node)
        on = frozenset(
            r["key"] for r in rows if node in (r["source"], r["target"]) and r["source"] in hood and r["target"] in hood
        )
        refs = sorted({x for r in rows if r["key"] in on for x in r["refs"]})
        e = ents.loc[node]
        panel = (
            f"<p><strong>{esc(e['label'])}</strong> ({esc(e['kind'].replace('_', ' '))}"
            f"{'; ' + esc(e['full_name']) if isinstance(e['full_name'], str) and e['full_name'] else ''})</p>"
            f"<p>{esc(e['description'])}</p>"
            f"<p>Degree: <strong>{s.degree(node)}</strong> distinct neighbours through "
            f"<strong>{len(on)}</strong> links. References for the description: {esc(format_refs(e['refs'] or (), empty='no reference'))}; "
            f"on its links: {esc(format_refs(refs, empty='no reference'))}.</p>"
        )
        states[node] = State(on=on, panel=panel)
    control = Control(
        "node", "Entity", tuple((f"{review.label(n)} ({s.degree(n)})", n) for n in options), default=default
    )
    view = _edge_table(name, review, rows, "Every link of the review graph (from, relation, to, references)")
    return Explorer(
        name=name,
        title="Pick an entity: the table keeps only the links that touch it",
        controls=[control],
        view=view,
        state=lambda node: states[node],
        mode="filter",
    )


def metabolism_path_explorer(
    *, name: str = "kg-paths", default: str = "cisplatin", review: ReviewData | None = None
) -> Explorer:
    """Pick a resistance drug: the shortest chains of statements from copper metabolism to it.

    The view is a table of every link that lies on some drug's shortest path; a state keeps the links of the
    chosen drug's paths, and its panel lists each path step by step with the relation and the references.
    """
    review = review_of(review)
    g = graph.review_graph(review)
    labels = review.entities["label"]
    drugs = sorted(resistance_drugs(review), key=lambda d: labels[d].casefold())
    if default not in drugs:
        msg = f"{default!r} is not a drug of resistance.csv"
        raise ValueError(msg)
    all_rows: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for r in _edge_rows(review, g):  # one statement may occur twice (ATP7B exports Cu⁺ in Figures 1 and 2)
        all_rows[(r["source"], r["relation"], r["target"], r["refs"])].append(r)
    used: dict[str, dict[str, Any]] = {}
    states: dict[str, State] = {}
    for drug in drugs:
        paths = metabolism_paths(drug, review)
        on: set[str] = set()
        items = []
        for steps in paths:
            parts = []
            for step in steps:
                texts = []
                for src, rel, tgt, refs in step.statements:
                    for row in all_rows[(src, rel, tgt, refs)]:
                        used[row["key"]] = row
                        on.add(row["key"])
                    texts.append(
                        f"{esc(labels[src])} <em>{esc(rel.replace('_', ' '))}</em> {esc(labels[tgt])} "
                        f"{esc(format_refs(refs, empty='no reference'))}"
                    )
                parts.append(f"<li>{'; '.join(texts)}</li>")
            start = labels[steps[0].left] if steps else labels[drug]
            n = len(steps)
            items.append(
                f"<li>from <strong>{esc(start)}</strong> ({n} step{'' if n == 1 else 's'})"
                f"<ol>{''.join(parts)}</ol></li>"
            )
        if not paths:
            summary = f"<p>No path joins copper metabolism to {esc(labels[drug])} in the data.</p>"
        else:
            summary = (
                f"<p><strong>{esc(labels[drug])}</strong>: {len(paths)} shortest path(s) of {len(paths[0])} "
                f"step(s) from the nearest copper-metabolism entities (at most 6 shown).</p>"
                f"<ol>{''.join(items)}</ol>"
            )
        states[drug] = State(on=frozenset(on), panel=summary)
    rows = sorted(
        used.values(), key=lambda r: (labels[r["source"]].casefold(), r["relation"], labels[r["target"]].casefold())
    )
    view = _edge_table(name, review, rows, "Links that lie on a shortest path from copper metabolism to a drug")
    control = Control("drug", "Drug", tuple((labels[d], d) for d in drugs), default=default)
    return Explorer(
        name=name,
        title="Pick a drug: how does the review connect it to copper metabolism?",
        controls=[control],
        view=view,
        state=lambda drug: states[drug],
        mode="filter",
    )
