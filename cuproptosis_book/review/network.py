"""The review as a network: centrality, bridges between copper metabolism and drug resistance, the agent-drug
bipartite network and its projections.

The whole-review graph is built once, by :func:`cuproptosis_book.review.graph.review_graph`; this module only
analyses it. Every function is deterministic: nodes and edges are sorted before anything is computed or drawn,
and betweenness is exact (no sampling).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.review import graph
from cuproptosis_book.review.findings import HELPING_EFFECTS, agent_drug_graph

#: Sections whose entities count as "copper metabolism" (the text section and its two figures).
METABOLISM_SECTIONS = ("copper_metabolism", "figure1", "figure2")

#: Kinds of entity that can be a copper-metabolism player (places, processes, cancers and drugs cannot).
METABOLISM_KINDS = ("ion", "protein", "small_molecule")

#: Nodes shown in the neighbourhood explorer whatever their degree.
KEY_NODES = ("cu_i", "cu_ii", "fdx1", "dlat", "slc31a1", "atp7a", "atp7b", "elesclomol", "disulfiram", "cisplatin")


def edge_relation(data: Mapping[str, Any]) -> str:
    """An edge's relation: the vocabulary term, the finding's effect, or ``treats`` (see ``graph.review_graph``)."""
    return str(data["relation"])


def edge_refs(data: Mapping[str, Any]) -> tuple[int, ...]:
    return tuple(sorted(set(data.get("refs") or ())))


def simple_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple projection: one edge per linked pair (self-loops dropped), ``weight`` = number of links.

    Direction is dropped because centrality here asks "who is connected to whom in the review", not "who acts
    on whom"; parallel relations (e.g. FDX1 lipoylates and aggregates DLAT) become one edge.
    """
    s = nx.Graph()
    s.add_nodes_from(sorted(g.nodes))
    for u, v, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], edge_relation(e[2]))):
        if u == v:
            continue
        if s.has_edge(u, v):
            s[u][v]["weight"] += 1
            s[u][v]["relations"].append(edge_relation(data))
        else:
            s.add_edge(u, v, weight=1, relations=[edge_relation(data)])
    return s


def centrality_table(top: int = 15, review: ReviewData | None = None, by: str = "degree") -> pd.DataFrame:
    """The ``top`` most central entities of the whole-review graph.

    Columns: label, kind, ``degree`` (distinct neighbours in the undirected simple projection), ``links``
    (relations and findings touching the entity in the full multigraph) and ``betweenness`` (exact, normalised
    betweenness centrality of the simple projection, rounded to 4 decimals). Sorted by ``by`` (``degree`` or
    ``betweenness``), then by the other measure, then by id, so ties always come out in the same order.
    """
    if by not in ("degree", "betweenness"):
        msg = "by must be 'degree' or 'betweenness'"
        raise ValueError(msg)
    review = review_of(review)
    g = graph.review_graph(review)
    s = simple_graph(g)
    betweenness = nx.betweenness_centrality(s, normalized=True)  # exact: k=None, no sampling
    ents = review.entities
    frame = pd.DataFrame(
        {
            "label": [ents.loc[n, "label"] if n in ents.index else n for n in s.nodes],
            "kind": [ents.loc[n, "kind"] if n in ents.index else "" for n in s.nodes],
            "degree": [s.degree(n) for n in s.nodes],
            "links": [g.degree(n) for n in s.nodes],
            "betweenness": [round(betweenness[n], 4) for n in s.nodes],
        },
        index=pd.Index(list(s.nodes), name="id"),
    )
    other = "betweenness" if by == "degree" else "degree"
    frame = frame.assign(_id=frame.index).sort_values([by, other, "_id"], ascending=[False, False, True])
    return frame.drop(columns="_id").head(top)


def copper_metabolism_entities(review: ReviewData | None = None) -> list[str]:
    """Ions, proteins and small molecules of the copper-metabolism section and of Figures 1–2 (sorted ids)."""
    ents = review_of(review).entities
    mask = ents["section"].map(lambda s: bool(set(s) & set(METABOLISM_SECTIONS))) & ents["kind"].isin(METABOLISM_KINDS)
    return sorted(ents.index[mask])


def resistance_drugs(review: ReviewData | None = None) -> list[str]:
    """Every drug named in a resistance finding (``resistance.csv``), sorted."""
    return sorted(set(review_of(review).resistance["drug"]))


def _bridge_graph(review: ReviewData, exclude: Sequence[str]) -> nx.Graph:
    """The simple projection without the entities (ids) or kinds of entity listed in ``exclude``."""
    s = simple_graph(graph.review_graph(review))
    kinds = review.entities["kind"]
    s.remove_nodes_from([n for n in list(s.nodes) if n in exclude or (n in kinds.index and kinds[n] in exclude)])
    return s


def bridges_metabolism_to_resistance(review: ReviewData | None = None, exclude: Sequence[str] = ()) -> pd.DataFrame:
    """Entities that lie on shortest paths from copper-metabolism entities to resistance drugs.

    Method: take the undirected simple projection of the whole-review graph, without the entity ids or kinds
    listed in ``exclude`` (e.g. ``("drug_resistance", "cuproptosis")`` to ask which links remain once the
    two umbrella processes are gone). For every pair (s, t) with s a copper-metabolism entity
    (:func:`copper_metabolism_entities`) and t a drug of ``resistance.csv``, find all shortest s–t paths. An
    entity v scores the fraction of those paths that pass through it, summed over pairs (networkx
    ``betweenness_centrality_subset``, not normalised); ``pairs`` counts the pairs for which v is on at least
    one shortest path. Only entities strictly inside paths score, so endpoints score when they sit inside other
    pairs' paths. Returned: every entity with a score above zero, highest first, with its role.
    """
    review = review_of(review)
    s = _bridge_graph(review, exclude)
    sources = [n for n in copper_metabolism_entities(review) if n in s]
    targets = [n for n in resistance_drugs(review) if n in s]
    score = nx.betweenness_centrality_subset(s, sources, targets, normalized=False)
    pairs: dict[str, int] = defaultdict(int)
    for t in targets:
        for src in sources:
            if src == t or not nx.has_path(s, src, t):
                continue
            inner = {n for p in nx.all_shortest_paths(s, src, t) for n in p[1:-1]}
            for n in inner:
                pairs[n] += 1
    ents = review.entities
    source_set, target_set = set(sources), set(targets)
    rows = []
    for n, value in score.items():
        if value <= 0:
            continue
        role = "copper metabolism" if n in source_set else "resistance drug" if n in target_set else "connector"
        rows.append(
            {
                "id": n,
                "label": ents.loc[n, "label"],
                "kind": ents.loc[n, "kind"],
                "role": role,
                "score": round(value, 2),
                "pairs": pairs[n],
            }
        )
    frame = pd.DataFrame(rows, columns=["id", "label", "kind", "role", "score", "pairs"])
    return frame.sort_values(["score", "pairs", "id"], ascending=[False, False, True]).set_index("id")


@dataclass(frozen=True)
class PathStep:
    """One step of a path: two neighbouring entities and every relation the data records between them."""

    left: str
    right: str
    statements: tuple[tuple[str, str, str, tuple[int, ...]], ...]  # (source, relation, target, refs)


def metabolism_paths(
    drug: str, review: ReviewData | None = None, limit: int = 6, exclude: Sequence[str] = ()
) -> list[list[PathStep]]:
    """Shortest paths from the nearest copper-metabolism entities to ``drug`` (at most ``limit``, sorted).

    Paths are found in the same undirected graph as :func:`bridges_metabolism_to_resistance`; each step lists
    the relations of the full multigraph between the two entities, in their real direction.
    """
    review = review_of(review)
    s = _bridge_graph(review, exclude)
    g = graph.review_graph(review)
    if drug not in s:
        msg = f"{drug!r} is not in the review graph"
        raise KeyError(msg)
    sources = [n for n in copper_metabolism_entities(review) if n in s and n != drug]
    dist = nx.single_source_shortest_path_length(s, drug)
    reachable = [n for n in sources if n in dist]
    if not reachable:
        return []
    best = min(dist[n] for n in reachable)
    paths: list[list[str]] = []
    for src in sorted(n for n in reachable if dist[n] == best):
        paths.extend(nx.all_shortest_paths(s, src, drug))
    labels = review.entities["label"]
    paths.sort(key=lambda p: [str(labels.get(n, n)).casefold() for n in p])
    out = []
    for p in paths[:limit]:
        steps = []
        for a, b in itertools.pairwise(p):
            found = []
            for u, v in ((a, b), (b, a)):
                for data in g.get_edge_data(u, v, default={}).values():
                    found.append((u, edge_relation(data), v, edge_refs(data)))
            steps.append(PathStep(a, b, tuple(sorted(set(found)))))
        out.append(steps)
    return out


def agent_drug_bipartite(review: ReviewData | None = None) -> nx.Graph:
    """The agent–drug graph of :func:`cuproptosis_book.review.findings.agent_drug_graph`, ready for networkx.bipartite.

    That graph joins a copper-linked agent to a drug when a finding says the agent overcomes resistance to the
    drug or sensitises cells to it (HOTAIR and H19, which drive resistance and which the review does not tie to
    copper, are left out). Added here: the node attribute ``bipartite`` (0 agent, 1 drug) and the edge
    attribute ``effects`` (the set of effects of the findings behind the edge), which the drawing uses.
    """
    review = review_of(review)
    b = agent_drug_graph(review)
    for _, d in b.nodes(data=True):
        d["bipartite"] = 0 if d["side"] == "agent" else 1
    res = review.resistance
    for rec in res[res["effect"].isin(HELPING_EFFECTS)].itertuples():
        if b.has_edge(rec.agent, rec.drug):
            b[rec.agent][rec.drug].setdefault("effects", set()).add(rec.effect)
    return b


def bipartite_side(b: nx.Graph, part: int) -> list[str]:
    return sorted(n for n, d in b.nodes(data=True) if d["bipartite"] == part)


def agent_projection(review: ReviewData | None = None) -> nx.Graph:
    """Agents linked when they help at least one common drug; ``weight`` = number of shared drugs."""
    b = agent_drug_bipartite(review)
    return nx.bipartite.weighted_projected_graph(b, bipartite_side(b, 0))


def drug_projection(review: ReviewData | None = None) -> nx.Graph:
    """Drugs linked when at least one common agent helps both; ``weight`` = number of shared agents."""
    b = agent_drug_bipartite(review)
    return nx.bipartite.weighted_projected_graph(b, bipartite_side(b, 1))


def projection_table(which: str = "agents", review: ReviewData | None = None) -> pd.DataFrame:
    """The edges of a projection as a table: the pair, how many partners they share, and which."""
    if which not in ("agents", "drugs"):
        msg = "which must be 'agents' or 'drugs'"
        raise ValueError(msg)
    b = agent_drug_bipartite(review)
    p = agent_projection(review) if which == "agents" else drug_projection(review)
    label = nx.get_node_attributes(b, "label")
    rows = []
    for x, y, w in p.edges(data="weight"):
        u, v = sorted((x, y), key=lambda n: label[n].casefold())
        shared = sorted(set(b[u]) & set(b[v]), key=lambda n: label[n].casefold())
        rows.append({"pair": f"{label[u]} – {label[v]}", "shared": w, "via": ", ".join(label[n] for n in shared)})
    frame = pd.DataFrame(rows, columns=["pair", "shared", "via"])
    return frame.sort_values(["shared", "pair"], ascending=[False, True], key=_casefold_key).reset_index(drop=True)


def _casefold_key(col: pd.Series) -> pd.Series:
    return col.str.casefold() if pd.api.types.is_string_dtype(col) else col
