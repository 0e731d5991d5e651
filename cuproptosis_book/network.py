"""The review as a network, and the outlook's evidence explorers.

Two chapters use this module:

- *The review as a network* (``chapters/knowledge_graph.ipynb``): centrality of the whole-review graph
  (:func:`centrality_table`), the entities that connect copper metabolism with drug resistance
  (:func:`bridges_metabolism_to_resistance`), the agent–drug bipartite network and its two projections
  (:func:`agent_drug_bipartite`, :func:`agent_projection`, :func:`drug_projection` and their drawings), and
  two explorers (:func:`neighbourhood_explorer`, :func:`metabolism_path_explorer`).
- *Outlook* (``chapters/outlook.ipynb``): what kind of evidence the data records for each agent
  (:func:`evidence_records`, :func:`evidence_summary`, :func:`evidence_level_explorer`) and which entities,
  errata, trials and references bear on each open question the review names (:func:`open_questions_explorer`).

The whole-review graph is built once, by :func:`cuproptosis_book.graph.review_graph`; this module only
analyses it. Every function is deterministic: nodes and edges are sorted before anything is computed or drawn,
and betweenness is exact (no sampling).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from . import agents as agent_info
from . import graph
from .data import ReviewData, load_all
from .explore import Control, Explorer, State, esc, item_id
from .figures import OKABE_ITO
from .resistance import HELPING_EFFECTS, agent_drug_graph
from .tables import format_refs

# --------------------------------------------------------------------------- shared helpers

#: Sections whose entities count as "copper metabolism" (the text section and its two figures).
METABOLISM_SECTIONS = ("copper_metabolism", "figure1", "figure2")
#: Kinds of entity that can be a copper-metabolism player (places, processes, cancers and drugs cannot).
METABOLISM_KINDS = ("ion", "protein", "small_molecule")
#: Nodes shown in the neighbourhood explorer whatever their degree.
KEY_NODES = ("cu_i", "cu_ii", "fdx1", "dlat", "slc31a1", "atp7a", "atp7b", "elesclomol", "disulfiram", "cisplatin")

#: How each agent class and the drugs are drawn: (colour, marker, legend label). Colours are Okabe–Ito
#: (safe with the common colour-vision deficiencies) and every class also has its own marker shape.
AGENT_STYLE: dict[str, tuple[str, str, str]] = {
    "chelator": (OKABE_ITO["blue"], "s", "copper chelator"),
    "ionophore": (OKABE_ITO["orange"], "o", "copper ionophore"),
    "cuproptosis_inducer": (OKABE_ITO["bluish_green"], "D", "other cuproptosis inducer"),
    "nanoparticle": (OKABE_ITO["vermillion"], "h", "nanoparticle"),
    "ncrna": (OKABE_ITO["reddish_purple"], "^", "gene / non-coding RNA"),
}
DRUG_STYLE = (OKABE_ITO["sky_blue"], "P", "anticancer drug")


def _review(review: ReviewData | None) -> ReviewData:
    return review if review is not None else load_all()


def review_graph(review: ReviewData | None = None) -> nx.MultiDiGraph:
    """The whole-review graph (:func:`cuproptosis_book.graph.review_graph`) of ``review`` or of ``data/``."""
    return graph.review_graph(_review(review))


def _relation(data: Mapping[str, Any]) -> str:
    """An edge's relation: the vocabulary term, the finding's effect, or ``treats`` (see ``graph.review_graph``)."""
    return str(data["relation"])


def _refs(data: Mapping[str, Any]) -> tuple[int, ...]:
    return tuple(sorted(set(data.get("refs") or ())))


def _refs_text(refs: Iterable[int]) -> str:
    refs = sorted(set(refs))
    return format_refs(refs) if refs else "no reference"


def simple_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple projection: one edge per linked pair (self-loops dropped), ``weight`` = number of links.

    Direction is dropped because centrality here asks "who is connected to whom in the review", not "who acts
    on whom"; parallel relations (e.g. FDX1 lipoylates and aggregates DLAT) become one edge.
    """
    s = nx.Graph()
    s.add_nodes_from(sorted(g.nodes))
    for u, v, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], _relation(e[2]))):
        if u == v:
            continue
        if s.has_edge(u, v):
            s[u][v]["weight"] += 1
            s[u][v]["relations"].append(_relation(data))
        else:
            s.add_edge(u, v, weight=1, relations=[_relation(data)])
    return s


# --------------------------------------------------------------------------- centrality


def centrality_table(top: int = 15, review: ReviewData | None = None, by: str = "degree") -> pd.DataFrame:
    """The ``top`` most central entities of the whole-review graph.

    Columns: label, kind, ``degree`` (distinct neighbours in the undirected simple projection), ``links``
    (relations and findings touching the entity in the full multigraph) and ``betweenness`` (exact, normalised
    betweenness centrality of the simple projection, rounded to 4 decimals). Sorted by ``by`` (``degree`` or
    ``betweenness``), then by the other measure, then by id, so ties always come out in the same order.
    """
    if by not in ("degree", "betweenness"):
        raise ValueError("by must be 'degree' or 'betweenness'")
    review = _review(review)
    g = review_graph(review)
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


# --------------------------------------------------------------------------- metabolism -> resistance


def copper_metabolism_entities(review: ReviewData | None = None) -> list[str]:
    """Ions, proteins and small molecules of the copper-metabolism section and of Figures 1–2 (sorted ids)."""
    ents = _review(review).entities
    mask = ents["section"].map(lambda s: bool(set(s) & set(METABOLISM_SECTIONS))) & ents["kind"].isin(METABOLISM_KINDS)
    return sorted(ents.index[mask])


def resistance_drugs(review: ReviewData | None = None) -> list[str]:
    """Every drug named in a resistance finding (``resistance.csv``), sorted."""
    return sorted(set(_review(review).resistance["drug"]))


def _bridge_graph(review: ReviewData, exclude: Sequence[str]) -> nx.Graph:
    """The simple projection without the entities (ids) or kinds of entity listed in ``exclude``."""
    s = simple_graph(review_graph(review))
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
    review = _review(review)
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
        rows.append({"id": n, "label": ents.loc[n, "label"], "kind": ents.loc[n, "kind"], "role": role,
                     "score": round(value, 2), "pairs": pairs[n]})
    frame = pd.DataFrame(rows, columns=["id", "label", "kind", "role", "score", "pairs"])
    return frame.sort_values(["score", "pairs", "id"], ascending=[False, False, True]).set_index("id")


@dataclass(frozen=True)
class PathStep:
    """One step of a path: two neighbouring entities and every relation the data records between them."""

    left: str
    right: str
    statements: tuple[tuple[str, str, str, tuple[int, ...]], ...]  # (source, relation, target, refs)


def metabolism_paths(drug: str, review: ReviewData | None = None, limit: int = 6,
                     exclude: Sequence[str] = ()) -> list[list[PathStep]]:
    """Shortest paths from the nearest copper-metabolism entities to ``drug`` (at most ``limit``, sorted).

    Paths are found in the same undirected graph as :func:`bridges_metabolism_to_resistance`; each step lists
    the relations of the full multigraph between the two entities, in their real direction.
    """
    review = _review(review)
    s = _bridge_graph(review, exclude)
    g = review_graph(review)
    if drug not in s:
        raise KeyError(f"{drug!r} is not in the review graph")
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
        for a, b in zip(p, p[1:]):
            found = []
            for u, v in ((a, b), (b, a)):
                for data in g.get_edge_data(u, v, default={}).values():
                    found.append((u, _relation(data), v, _refs(data)))
            steps.append(PathStep(a, b, tuple(sorted(set(found)))))
        out.append(steps)
    return out


# --------------------------------------------------------------------------- agent–drug bipartite network


def agent_drug_bipartite(review: ReviewData | None = None) -> nx.Graph:
    """The agent–drug graph of :func:`cuproptosis_book.resistance.agent_drug_graph`, ready for networkx.bipartite.

    That graph joins a copper-linked agent to a drug when a finding says the agent overcomes resistance to the
    drug or sensitises cells to it (HOTAIR and H19, which drive resistance and which the review does not tie to
    copper, are left out). Added here: the node attribute ``bipartite`` (0 agent, 1 drug) and the edge
    attribute ``effects`` (the set of effects of the findings behind the edge), which the drawing uses.
    """
    review = _review(review)
    b = agent_drug_graph(review)
    for _, d in b.nodes(data=True):
        d["bipartite"] = 0 if d["side"] == "agent" else 1
    res = review.resistance
    for rec in res[res["effect"].isin(HELPING_EFFECTS)].itertuples():
        if b.has_edge(rec.agent, rec.drug):
            b[rec.agent][rec.drug].setdefault("effects", set()).add(rec.effect)
    return b


def _side(b: nx.Graph, part: int) -> list[str]:
    return sorted(n for n, d in b.nodes(data=True) if d["bipartite"] == part)


def agent_projection(review: ReviewData | None = None) -> nx.Graph:
    """Agents linked when they help at least one common drug; ``weight`` = number of shared drugs."""
    b = agent_drug_bipartite(review)
    return nx.bipartite.weighted_projected_graph(b, _side(b, 0))


def drug_projection(review: ReviewData | None = None) -> nx.Graph:
    """Drugs linked when at least one common agent helps both; ``weight`` = number of shared agents."""
    b = agent_drug_bipartite(review)
    return nx.bipartite.weighted_projected_graph(b, _side(b, 1))


def projection_table(which: str = "agents", review: ReviewData | None = None) -> pd.DataFrame:
    """The edges of a projection as a table: the pair, how many partners they share, and which."""
    if which not in ("agents", "drugs"):
        raise ValueError("which must be 'agents' or 'drugs'")
    b = agent_drug_bipartite(review)
    p = agent_projection(review) if which == "agents" else drug_projection(review)
    label = nx.get_node_attributes(b, "label")
    rows = []
    for u, v, w in p.edges(data="weight"):
        u, v = sorted((u, v), key=lambda n: label[n].casefold())
        shared = sorted(set(b[u]) & set(b[v]), key=lambda n: label[n].casefold())
        rows.append({"pair": f"{label[u]} – {label[v]}", "shared": w, "via": ", ".join(label[n] for n in shared)})
    frame = pd.DataFrame(rows, columns=["pair", "shared", "via"])
    return frame.sort_values(["shared", "pair"], ascending=[False, True], key=_casefold_key).reset_index(drop=True)


def _casefold_key(col: pd.Series) -> pd.Series:
    return col.str.casefold() if pd.api.types.is_string_dtype(col) else col


def _agent_order(b: nx.Graph) -> list[str]:
    """Agents grouped by class (legend order), then by label."""
    classes = list(AGENT_STYLE)
    return sorted(_side(b, 0), key=lambda n: (classes.index(b.nodes[n]["agent_class"]), b.nodes[n]["label"].casefold()))


def _drug_order(b: nx.Graph, agents: Sequence[str]) -> list[str]:
    """Drugs by the mean position of their agents (fewer crossings), then by label."""
    pos = {a: i for i, a in enumerate(agents)}
    return sorted(_side(b, 1), key=lambda d: (sum(pos[a] for a in b[d]) / len(b[d]), b.nodes[d]["label"].casefold()))


def _legend_handles(classes: Iterable[str], with_drugs: bool, with_effects: bool) -> list[Line2D]:
    handles = [Line2D([], [], linestyle="", marker=AGENT_STYLE[c][1], markersize=9, markerfacecolor=AGENT_STYLE[c][0],
                      markeredgecolor="black", label=AGENT_STYLE[c][2]) for c in classes]
    if with_drugs:
        handles.append(Line2D([], [], linestyle="", marker=DRUG_STYLE[1], markersize=10, markerfacecolor=DRUG_STYLE[0],
                              markeredgecolor="black", label=DRUG_STYLE[2]))
    if with_effects:
        handles += [Line2D([], [], color="#444444", linestyle="-", label="overcomes resistance"),
                    Line2D([], [], color="#444444", linestyle="--", label="sensitizes (no resistant model named)")]
    return handles


def draw_agent_drug_bipartite(review: ReviewData | None = None) -> Figure:
    """Agents (left, shape and colour by class) joined to the drugs they help (right).

    Solid lines: the finding overcomes resistance; dashed: it only sensitises (no resistant model named).
    """
    b = agent_drug_bipartite(review)
    agents = _agent_order(b)
    drugs = _drug_order(b, agents)
    rows = max(len(agents), len(drugs))
    fig = Figure(figsize=(7.6, 0.42 * rows + 1.6), dpi=110)
    ax = fig.add_subplot()

    def y(i: int, n: int) -> float:
        return rows - 1 - i * (rows - 1) / max(n - 1, 1)

    pos = {a: (0.0, y(i, len(agents))) for i, a in enumerate(agents)}
    pos.update({d: (1.0, y(i, len(drugs))) for i, d in enumerate(drugs)})
    for a, d, data in sorted(b.edges(data=True)):
        a, d = (a, d) if b.nodes[a]["bipartite"] == 0 else (d, a)
        style = "-" if "overcomes_resistance" in data["effects"] else "--"
        ax.plot([pos[a][0], pos[d][0]], [pos[a][1], pos[d][1]], linestyle=style, color="#555555", linewidth=1.1, zorder=1)
    for a in agents:
        colour, marker, _ = AGENT_STYLE[b.nodes[a]["agent_class"]]
        ax.scatter(*pos[a], s=110, marker=marker, c=colour, edgecolors="black", linewidths=0.8, zorder=3)
        ax.text(pos[a][0] - 0.05, pos[a][1], b.nodes[a]["label"], ha="right", va="center", fontsize=9.5)
    for d in drugs:
        ax.scatter(*pos[d], s=130, marker=DRUG_STYLE[1], c=DRUG_STYLE[0], edgecolors="black", linewidths=0.8, zorder=3)
        ax.text(pos[d][0] + 0.05, pos[d][1], b.nodes[d]["label"], ha="left", va="center", fontsize=9.5)
    classes = [c for c in AGENT_STYLE if any(b.nodes[a]["agent_class"] == c for a in agents)]
    ax.legend(handles=_legend_handles(classes, True, True), loc="upper center", bbox_to_anchor=(0.5, 0.0),
              ncol=3, frameon=False, fontsize=8.5)
    ax.set_xlim(-0.75, 1.75)
    ax.set_ylim(-0.6, rows - 0.4)
    ax.axis("off")
    ax.set_title("Copper strategies (left) and the drugs whose effect they help (right)", fontsize=10.5)
    fig.tight_layout()
    return fig


def _draw_projection(p: nx.Graph, b: nx.Graph, order: Sequence[str], title: str, agents: bool) -> Figure:
    """Linked nodes evenly on a circle (in ``order``), nodes without a shared partner in a column beside it."""
    fig = Figure(figsize=(7.4, 5.6), dpi=110)
    ax = fig.add_subplot()
    ring = [n for n in order if p.degree(n) > 0]
    alone = [n for n in order if p.degree(n) == 0]
    k = len(ring)
    pos = {node: (math.cos(math.pi / 2 - 2 * math.pi * i / k), math.sin(math.pi / 2 - 2 * math.pi * i / k))
           for i, node in enumerate(ring)}
    pos.update({node: (2.35, 0.9 - 0.42 * i) for i, node in enumerate(alone)})

    def style(node: str) -> tuple[str, str]:
        colour, marker, _ = AGENT_STYLE[b.nodes[node]["agent_class"]] if agents else DRUG_STYLE
        return colour, marker

    for u, v, w in sorted(p.edges(data="weight")):
        ax.plot([pos[u][0], pos[v][0]], [pos[u][1], pos[v][1]], color="#555555", linewidth=0.8 + 1.8 * (w - 1),
                zorder=1, solid_capstyle="round")
        if w > 1:
            mx, my = (pos[u][0] + pos[v][0]) / 2, (pos[u][1] + pos[v][1]) / 2
            ax.text(mx, my, str(w), ha="center", va="center", fontsize=9, zorder=4,
                    bbox={"boxstyle": "circle,pad=0.2", "facecolor": "white", "edgecolor": "#555555"})
    for node in ring:
        x, yv = pos[node]
        colour, marker = style(node)
        ax.scatter(x, yv, s=150, marker=marker, c=colour, edgecolors="black", linewidths=0.8, zorder=3)
        ha = "left" if x > 0.2 else "right" if x < -0.2 else "center"
        va = "bottom" if yv > 0.8 else "top" if yv < -0.8 else "center"
        ax.text(1.14 * x, 1.12 * yv, b.nodes[node]["label"], ha=ha, va=va, fontsize=9.5)
    if alone:
        ax.text(2.2, 1.25, "no shared partner", ha="left", va="center", fontsize=9, style="italic")
    for node in alone:
        x, yv = pos[node]
        colour, marker = style(node)
        ax.scatter(x, yv, s=150, marker=marker, c=colour, edgecolors="black", linewidths=0.8, zorder=3)
        ax.text(x + 0.15, yv, b.nodes[node]["label"], ha="left", va="center", fontsize=9.5)
    if agents:
        classes = [c for c in AGENT_STYLE if any(b.nodes[a]["agent_class"] == c for a in order)]
        ax.legend(handles=_legend_handles(classes, False, False), loc="upper center", bbox_to_anchor=(0.5, 0.0),
                  ncol=3, frameon=False, fontsize=8.5)
    ax.set_xlim(-2.0, 3.9)
    ax.set_ylim(-1.4, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=10.5)
    fig.tight_layout()
    return fig


def draw_agent_projection(review: ReviewData | None = None) -> Figure:
    """Agents on a circle, linked when they help a common drug (line width and number: shared drugs)."""
    b = agent_drug_bipartite(review)
    return _draw_projection(agent_projection(review), b, _agent_order(b),
                            "Agents that help the same drug (number = shared drugs)", agents=True)


def draw_drug_projection(review: ReviewData | None = None) -> Figure:
    """Drugs on a circle, linked when a common agent helps both (line width and number: shared agents)."""
    b = agent_drug_bipartite(review)
    return _draw_projection(drug_projection(review), b, _drug_order(b, _agent_order(b)),
                            "Drugs helped by the same agent (number = shared agents)", agents=False)


# --------------------------------------------------------------------------- explorers of the network chapter


def _edge_rows(review: ReviewData, g: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """Every edge of the review graph as a table row with a stable, readable key (``source-relation-target``)."""
    labels = review.entities["label"]
    edges = sorted(((u, v, _relation(d), _refs(d), bool(d.get("disputed"))) for u, v, d in g.edges(data=True)),
                   key=lambda e: (str(labels.get(e[0], e[0])).casefold(), e[2], str(labels.get(e[1], e[1])).casefold(), e[3]))
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
        f'<td>{esc(r["relation"].replace("_", " "))}</td><td>{esc(labels.get(r["target"], r["target"]))}</td>'
        f'<td>{esc(_refs_text(r["refs"]))}</td><td>{"disputed" if r["disputed"] else ""}</td></tr>'
        for r in rows
    )
    return (f'<div class="cb-table"><p class="cb-caption">{esc(caption)}</p><table class="cb-data">'
            "<thead><tr><th>from</th><th>relation</th><th>to</th><th>refs</th><th>flag</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def neighbourhood_options(review: ReviewData | None = None, top: int = 40) -> list[str]:
    """The ``top`` best-connected entities (degree in the simple projection) plus :data:`KEY_NODES`, by label."""
    review = _review(review)
    s = simple_graph(review_graph(review))
    ranked = sorted(s.nodes, key=lambda n: (-s.degree(n), n))[:top]
    chosen = set(ranked) | {n for n in KEY_NODES if n in s}
    return sorted(chosen, key=lambda n: (review.label(n).casefold(), n))


def neighbourhood_explorer(default: str = "fdx1", review: ReviewData | None = None,
                           name: str = "kg-neighbourhood") -> Explorer:
    """Pick an entity: the table of all the review graph's edges shrinks to the links that touch it.

    The rows kept are the edges whose two ends both lie in the entity's neighbourhood
    (:func:`cuproptosis_book.graph.neighbourhood`) and of which the entity is one end. The panel gives the
    entity's description, its degree and the references behind its description.
    """
    review = _review(review)
    g = review_graph(review)
    s = simple_graph(g)
    options = neighbourhood_options(review)
    if default not in options:
        raise ValueError(f"{default!r} is not among the explorer's entities")
    rows = _edge_rows(review, g)
    ents = review.entities
    states: dict[str, State] = {}
    for node in options:
        hood = graph.neighbourhood(g, node)
        on = frozenset(r["key"] for r in rows if node in (r["source"], r["target"])
                       and r["source"] in hood and r["target"] in hood)
        refs = sorted({x for r in rows if r["key"] in on for x in r["refs"]})
        e = ents.loc[node]
        panel = (f"<p><strong>{esc(e['label'])}</strong> ({esc(e['kind'].replace('_', ' '))}"
                 f"{'; ' + esc(e['full_name']) if isinstance(e['full_name'], str) and e['full_name'] else ''})</p>"
                 f"<p>{esc(e['description'])}</p>"
                 f"<p>Degree: <strong>{s.degree(node)}</strong> distinct neighbours through "
                 f"<strong>{len(on)}</strong> links. References for the description: {esc(_refs_text(e['refs'] or ()))}; "
                 f"on its links: {esc(_refs_text(refs))}.</p>")
        states[node] = State(on=on, panel=panel)
    control = Control("node", "Entity", tuple(
        (f"{review.label(n)} ({s.degree(n)})", n) for n in options), default=default)
    view = _edge_table(name, review, rows, "Every link of the review graph (from, relation, to, references)")
    return Explorer(name=name, title="Pick an entity: the table keeps only the links that touch it",
                    controls=[control], view=view, state=lambda node: states[node], mode="filter")


def metabolism_path_explorer(default: str = "cisplatin", review: ReviewData | None = None,
                             name: str = "kg-paths") -> Explorer:
    """Pick a resistance drug: the shortest chains of statements from copper metabolism to it.

    The view is a table of every link that lies on some drug's shortest path; a state keeps the links of the
    chosen drug's paths, and its panel lists each path step by step with the relation and the references.
    """
    review = _review(review)
    g = review_graph(review)
    labels = review.entities["label"]
    drugs = sorted(resistance_drugs(review), key=lambda d: labels[d].casefold())
    if default not in drugs:
        raise ValueError(f"{default!r} is not a drug of resistance.csv")
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
                    texts.append(f"{esc(labels[src])} <em>{esc(rel.replace('_', ' '))}</em> {esc(labels[tgt])} "
                                 f"{esc(_refs_text(refs))}")
                parts.append(f"<li>{'; '.join(texts)}</li>")
            start = labels[steps[0].left] if steps else labels[drug]
            n = len(steps)
            items.append(f"<li>from <strong>{esc(start)}</strong> ({n} step{'' if n == 1 else 's'})"
                         f"<ol>{''.join(parts)}</ol></li>")
        if not paths:
            summary = f"<p>No path joins copper metabolism to {esc(labels[drug])} in the data.</p>"
        else:
            summary = (f"<p><strong>{esc(labels[drug])}</strong>: {len(paths)} shortest path(s) of {len(paths[0])} "
                       f"step(s) from the nearest copper-metabolism entities (at most 6 shown).</p>"
                       f"<ol>{''.join(items)}</ol>")
        states[drug] = State(on=frozenset(on), panel=summary)
    rows = sorted(used.values(), key=lambda r: (labels[r["source"]].casefold(), r["relation"], labels[r["target"]].casefold()))
    view = _edge_table(name, review, rows, "Links that lie on a shortest path from copper metabolism to a drug")
    control = Control("drug", "Drug", tuple((labels[d], d) for d in drugs), default=default)
    return Explorer(name=name, title="Pick a drug: how does the review connect it to copper metabolism?",
                    controls=[control], view=view, state=lambda drug: states[drug], mode="filter")


# --------------------------------------------------------------------------- outlook: evidence levels

LEVELS = ("cells", "animals", "patients")
LEVEL_NAMES = {"cells": "cancer cells / cell lines", "animals": "animal models", "patients": "patients (clinical trial)"}
_LEVEL_PATTERNS = {
    "cells": re.compile(
        r"\bcell (?:lines?|subpopulations|cultures?)\b|\bin vitro\b|\bin culture\b|\bcultures?\b|\bA549\b|"
        r"\b(?:cancer|resistant|stem-like|stem|TNBC|HCC|CRC|NSCLC|myeloma|melanoma|prostate|ovarian|cervical)"
        r" cells\b", re.I),
    "animals": re.compile(r"\bmice\b|\bmouse\b|\bmurine\b|\banimals?\b|\bin vivo\b|\bxenografts?\b|\bweight loss\b|"
                          r"\bbody[- ]weight\b", re.I),
    "patients": re.compile(r"\bpatients?\b|\bclinical trials?\b|\bphase (?:I|II|III)\b", re.I),
}
#: Errata categories that concern how strong the evidence is.
EVIDENCE_ERRATA = ("unsupported_conclusion", "missing_citation")


def _levels_in(text: str, allowed: Sequence[str] = LEVELS) -> dict[str, str]:
    """Level -> the words that matched, for every level whose keywords occur in ``text``."""
    out = {}
    for level in allowed:
        m = _LEVEL_PATTERNS[level].search(text)
        if m:
            out[level] = m.group(0)
    return out


def evidence_agents(review: ReviewData | None = None) -> list[str]:
    """Agents the outlook asks about: resistance-finding agents, nanoparticles, copper ionophores and chelators
    (and their members), and small molecules or drugs said to induce or promote cuproptosis. A copper complex
    ``X_cu`` is folded into its ligand ``X``. Sorted by label."""
    review = _review(review)
    ents, rel = review.entities, review.relations
    res = review.resistance
    agents = {n for n, side in agent_drug_bipartite(review).nodes(data="side") if side == "agent"}
    agents |= set(ents.index[ents["kind"] == "nanoparticle"])
    classes = {"copper_ionophores", "copper_chelators"}
    members = set(rel.loc[(rel["relation"] == "part_of") & rel["target"].isin(classes), "source"])
    members |= set(rel.loc[(rel["relation"] == "part_of") & rel["target"].isin(members), "source"])
    agents |= members
    inducers = rel[rel["relation"].isin(["induces", "promotes"]) & (rel["target"] == "cuproptosis")]["source"]
    agents |= {a for a in inducers if ents.loc[a, "kind"] in ("small_molecule", "drug", "nanoparticle")}
    agents -= classes
    # a class of agents (bis(thiosemicarbazones) has Cu-ATSM and Cu-GTSM as members) is not itself an agent
    agents -= {t for t in rel.loc[rel["relation"] == "part_of", "target"] if ents.loc[t, "kind"] != "nanoparticle"}
    folded = {a[: -len("_cu")] for a in agents if a.endswith("_cu") and a[: -len("_cu")] in ents.index}
    agents = {a for a in agents if not (a.endswith("_cu") and a[: -len("_cu")] in ents.index)} | folded
    return sorted(agents, key=lambda a: (review.label(a).casefold(), a))


def _effect_words(effect: str) -> str:
    return {"overcomes_resistance": "overcomes resistance to", "sensitizes": "sensitizes cells to",
            "drives_resistance": "drives resistance to", "silencing_sensitizes": "silencing sensitizes to"}.get(
        effect, effect.replace("_", " "))


def evidence_records(review: ReviewData | None = None) -> pd.DataFrame:
    """What the data says about each agent, one row per statement, with the model system it records.

    For agent X (and its copper complex ``X_cu``) the statements are: its resistance findings, its Table 1 row,
    the relations it is the source of (``part_of`` left out), the trials whose regimen names it, and its entity
    description. Levels are read from the data's own words with keyword patterns (cells: "cell lines",
    "cancer cells", "A549", "in vitro"…; animals: "mice", "in vivo", "xenograft", "weight loss"…; patients:
    "patients", "clinical trial", "phase II"…), first in the row's note, then in the printed titles of its
    references. ``levels`` is empty when neither says what the model was: the data do not record it.
    An entity description is read on its own (its references cover many findings) and for cells and animals
    only; patients come only from trials and from the titles of a finding's references, so a clinical claim
    without a trial (erratum E28) is not counted as patient evidence.
    """
    review = _review(review)
    ents = review.entities
    titles = {r.number: r.title for r in review.references.values() if r.number is not None}
    rows: list[dict[str, Any]] = []

    def add(agent: str, kind: str, statement: str, text: str, refs: Iterable[int],
            allowed: Sequence[str] = LEVELS, fixed: Mapping[str, str] | None = None, titles_too: bool = True) -> None:
        refs = tuple(sorted(set(refs)))
        levels: dict[str, str] = dict(fixed or {})
        where: dict[str, str] = {lv: "trials.csv" for lv in levels}
        for lv, words in _levels_in(text, allowed).items():
            if lv not in levels:
                levels[lv], where[lv] = words, "data note"
        for n in refs if titles_too else ():
            for lv, words in _levels_in(titles.get(n, "")).items():
                if lv not in levels:
                    levels[lv], where[lv] = words, f"title of ref {n}"
        rows.append({"agent": agent, "source": kind, "statement": statement,
                     "levels": tuple(lv for lv in LEVELS if lv in levels),
                     "evidence": "; ".join(f"{lv}: “{levels[lv]}” ({where[lv]})" for lv in LEVELS if lv in levels),
                     "refs": refs})

    for agent in evidence_agents(review):
        members = agent_info.members(agent, review)
        label = review.label(agent)
        for rec in agent_info.agent_resistance(agent, review).itertuples():
            add(agent, "resistance finding",
                f"{review.label(rec.agent)} {_effect_words(rec.effect)} {review.label(rec.drug)} "
                f"({review.label(rec.cancer)})", rec.note or "", rec.refs)
        for rec in review.nanoparticles[review.nanoparticles["entity"].isin(members)].itertuples():
            add(agent, "Table 1", f"{label}: {', '.join(review.label(c) for c in rec.tumour_types)}; "
                f"{', '.join(t.replace('_', ' ') for t in rec.effect_tags)}", rec.note or "", rec.refs)
        rel = review.relations
        for rec in rel[rel["source"].isin(members) & (rel["relation"] != "part_of")].itertuples():
            add(agent, "relation", f"{review.label(rec.source)} {rec.relation.replace('_', ' ')} "
                f"{review.label(rec.target)}", rec.note or "", rec.refs or ())
        for rec in agent_info.agent_trials(agent, review).itertuples():
            add(agent, "clinical trial", f"phase {rec.phase}: {rec.regimen}; {rec.outcome}",
                rec.population, (rec.ref,), fixed={"patients": "clinical trial"})
        add(agent, "description", str(ents.loc[agent, "description"]), str(ents.loc[agent, "description"]),
            ents.loc[agent, "refs"] or (), allowed=("cells", "animals"), titles_too=False)
    return pd.DataFrame(rows, columns=["agent", "source", "statement", "levels", "evidence", "refs"])


def evidence_summary(review: ReviewData | None = None) -> pd.DataFrame:
    """Per agent: how many statements record each model system, and how many record none (descriptions aside)."""
    review = _review(review)
    rec = evidence_records(review)
    findings = rec[rec["source"] != "description"]
    out = []
    for agent in evidence_agents(review):
        mine = rec[rec["agent"] == agent]
        f = findings[findings["agent"] == agent]
        row: dict[str, Any] = {"agent": agent, "label": review.label(agent)}
        for lv in LEVELS:
            row[lv] = int(mine["levels"].map(lambda t, lv=lv: lv in t).sum())
        row["not recorded"] = int(f["levels"].map(len).eq(0).sum())
        row["statements"] = len(f)
        out.append(row)
    return pd.DataFrame(out).set_index("agent")


def _agent_errata(review: ReviewData, agent: str, refs: set[int]) -> pd.DataFrame:
    """Errata about evidence strength that name the agent (:func:`cuproptosis_book.agents.agent_errata`) or cite its references."""
    err = review.errata
    named = set(agent_info.agent_errata(agent, review))
    hit = err["category"].isin(EVIDENCE_ERRATA) & (
        err["id"].isin(named) | err["refs"].map(lambda r: bool(set(r or ()) & refs)))
    return err[hit]


def evidence_level_explorer(default: str = "elesclomol", review: ReviewData | None = None,
                            name: str = "ol-evidence") -> Explorer:
    """Pick an agent: its statements in the data and the model system each one records.

    The panel sums up the evidence ladder (cells → animals → patients), says plainly where the data do not
    record a model, and lists the errata about evidence strength that touch the agent.
    """
    review = _review(review)
    rec = evidence_records(review)
    agents = evidence_agents(review)
    if default not in agents:
        raise ValueError(f"{default!r} is not among the outlook's agents")
    rec = rec.assign(key=[f"{a}-{i}" for a, i in zip(rec["agent"], rec.groupby("agent").cumcount() + 1)])
    body = "".join(
        f'<tr id="{item_id(name, r.key)}"><td>{esc(review.label(r.agent))}</td><td>{esc(r.source)}</td>'
        f"<td>{esc(r.statement)}</td><td>{esc(', '.join(LEVEL_NAMES[lv] for lv in r.levels) or 'not recorded')}</td>"
        f"<td>{esc(r.evidence)}</td><td>{esc(_refs_text(r.refs))}</td></tr>"
        for r in rec.itertuples()
    )
    view = ('<div class="cb-table"><p class="cb-caption">What the data say about each agent, and the model system '
            'each statement records</p><table class="cb-data"><thead><tr><th>agent</th><th>from</th><th>statement</th>'
            "<th>model system</th><th>where the data say so</th><th>refs</th></tr></thead>"
            f"<tbody>{body}</tbody></table></div>")
    states: dict[str, State] = {}
    for agent in agents:
        mine = rec[rec["agent"] == agent]
        findings = mine[mine["source"] != "description"]
        ladder = []
        for lv in LEVELS:
            hits = mine[mine["levels"].map(lambda t, lv=lv: lv in t)]
            refs = sorted({x for r in hits["refs"] for x in r})
            ladder.append(f"<li>{esc(LEVEL_NAMES[lv])}: "
                          + (f"<strong>{len(hits)}</strong> record(s) {esc(_refs_text(refs))}" if len(hits)
                             else "<em>not recorded in the data</em>") + "</li>")
        silent = int(findings["levels"].map(len).eq(0).sum())
        errata = _agent_errata(review, agent, {x for r in mine["refs"] for x in r})
        err_html = "".join(f"<li><strong>{esc(e.id)}</strong> ({esc(e.category.replace('_', ' '))}): {esc(e.issue)}</li>"
                           for e in errata.itertuples())
        panel = (f"<p><strong>{esc(review.label(agent))}</strong>: {len(findings)} statement(s) in the data, "
                 "plus its description.</p>"
                 f"<ul>{''.join(ladder)}</ul>"
                 f"<p>{silent} of the {len(findings)} statement(s) do not say which model system was used; "
                 "the book does not guess it.</p>"
                 + (f"<p>Errata about the strength of this evidence:</p><ul>{err_html}</ul>" if err_html else ""))
        states[agent] = State(on=frozenset(mine["key"]), panel=panel)
    control = Control("agent", "Agent", tuple((review.label(a), a) for a in agents), default=default)
    return Explorer(name=name, title="Pick an agent: cells, animals or patients?", controls=[control], view=view,
                    state=lambda agent: states[agent], mode="filter")


# --------------------------------------------------------------------------- outlook: open questions


@dataclass(frozen=True)
class OpenQuestion:
    """An open question the review names, with what in the data bears on it.

    ``select`` returns entity ids from the data; errata, trials and references are listed explicitly because the
    review ties them to the question (e.g. refs 121 and 122 for nanomaterial toxicity).
    """

    key: str
    title: str
    summary: str
    chapters: tuple[str, ...]
    select: Callable[[ReviewData], Sequence[str]]
    errata: tuple[str, ...] = ()
    trials: tuple[int, ...] = ()
    refs: tuple[int, ...] = ()


def _sources(review: ReviewData, relations: Sequence[str], target: str) -> list[str]:
    rel = review.relations
    return sorted(set(rel.loc[rel["relation"].isin(relations) & (rel["target"] == target), "source"]))


def _nanoparticles(review: ReviewData, tags: Sequence[str] | None = None, min_tags: int = 0) -> list[str]:
    nps = review.nanoparticles.sort_values("table1_order")
    keep = nps[nps["effect_tags"].map(lambda t: (tags is None or bool(set(t) & set(tags))) and len(t) >= min_tags)]
    return list(keep["entity"])


def _ionophores(review: ReviewData) -> list[str]:
    return _sources(review, ["part_of"], "copper_ionophores")


def _new_inducers(review: ReviewData) -> list[str]:
    rel = review.relations
    other = rel[rel["section"].map(lambda s: "other_agents" in s) & rel["relation"].isin(["induces", "promotes"])
                & rel["target"].isin(["cuproptosis", "elesclomol"])]
    return sorted(set(other["source"]))


def _mechanism(review: ReviewData) -> list[str]:
    rel = review.relations
    fig3 = rel[rel["figure"].map(lambda f: 3 in (f or ())) & (rel["relation"] != "part_of")]  # not STEAP1-4
    ents = review.entities
    nodes = set(fig3["source"]) | set(fig3["target"])
    return sorted(n for n in nodes if ents.loc[n, "kind"] in ("protein", "ion", "small_molecule", "process"))


def _resistance_to_cuproptosis(review: ReviewData) -> list[str]:
    # what the data say dampens cuproptosis or the ionophore's effect: the closest the review comes
    return sorted(set(_sources(review, ["inhibits"], "cuproptosis")) | set(_sources(review, ["inhibits"], "elesclomol")))


def _immunotherapy(review: ReviewData) -> list[str]:
    immune = _nanoparticles(review, ["immune_response", "immunogenic_cell_death"])
    res = review.resistance
    drugs = ["pd_1_inhibitor", "anti_pd_l1"]
    agents = sorted(set(res.loc[res["drug"].isin(drugs), "agent"]))
    return immune + agents + drugs + ["pd_l1", "pd_1", "antitumor_immunity"]


OPEN_QUESTIONS: tuple[OpenQuestion, ...] = (
    OpenQuestion(
        "translation", "Moving copper ionophores into the clinic",
        "Ionophores kill resistant cancer cells in the laboratory, but the review concedes that clinical translation "
        "is still a challenge: the three elesclomol trials it cites showed no benefit, and it says disulfiram did "
        "poorly in trials without citing any.",
        ("copper_ionophores", "drug_resistance"), _ionophores,
        errata=("E15", "E27", "E28"), trials=(100, 101, 102), refs=(58,)),
    OpenQuestion(
        "toxicity", "Slow biodegradation and long-term toxicity of copper nanomaterials",
        "Copper nanomaterials break down slowly, so they may stay in the body and cause harm later; the review "
        "names this a major challenge (refs 121, 122), while its resistance section calls the particles low in "
        "toxicity on the basis of body weight in two animal studies.",
        ("nanoparticles", "drug_resistance"), lambda r: _nanoparticles(r),
        errata=("E40",), refs=(121, 122, 75, 76)),
    OpenQuestion(
        "design", "Biocompatible, biodegradable, multifunctional nanoplatforms",
        "The review's research direction for nanomedicine: particles that the body tolerates and clears, and that "
        "combine several actions. The rows are the Table 1 particles reported with three or more effects.",
        ("nanoparticles",), lambda r: _nanoparticles(r, min_tags=3),
        errata=("E37",), refs=(121, 122)),
    OpenQuestion(
        "immunotherapy", "Combining cuproptosis with immunotherapy",
        "The review says pairing cuproptosis induction with immunotherapy gives good results. In the data this rests "
        "on nanoparticles that boost immune responses and on two findings with PD-1 or PD-L1 blockade.",
        ("nanoparticles", "drug_resistance"), _immunotherapy,
        errata=("E19",)),
    OpenQuestion(
        "inducers", "Finding new cuproptosis inducers",
        "The review calls for new inducers. The rows are the agents of its 'other agents' section that are said to "
        "induce or promote cuproptosis (or elesclomol's effect); several carry contradictions worth checking.",
        ("nanoparticles",), _new_inducers,
        errata=("E21", "E23", "E24"), refs=(107,)),
    OpenQuestion(
        "mechanism", "The physiology of copper and the mechanism of cuproptosis",
        "The review asks for more work on what copper does in the human body and on how cuproptosis kills. The rows "
        "are the players of Figure 3 and the errata where the review describes the mechanism inconsistently.",
        ("copper_metabolism", "cuproptosis"), _mechanism,
        errata=("E13", "E14", "E21", "E23"), refs=(17, 53)),
    OpenQuestion(
        "cuproptosis_resistance", "Could tumours become resistant to cuproptosis itself?",
        "The review warns that resistance may arise against cuproptosis-based treatment too, but gives no study of "
        "it. The closest facts in the data are the things said to hold cuproptosis or elesclomol back.",
        ("cuproptosis", "drug_resistance"), _resistance_to_cuproptosis,
        refs=(107,)),
)

#: Chapter file names and titles (as in the introduction's table of contents).
CHAPTERS = {
    "copper_metabolism": "Copper metabolism in cancer",
    "cuproptosis": "Cuproptosis",
    "copper_ionophores": "Copper ionophores",
    "nanoparticles": "Nanoparticles and other inducers",
    "drug_resistance": "Copper and drug resistance",
    "knowledge_graph": "The review as a network",
}


def open_question_items(question: OpenQuestion, review: ReviewData | None = None) -> list[str]:
    """Row keys of the open-questions table that bear on ``question`` (``entity-``, ``erratum-``, ``trial-``,
    ``ref-`` prefixes)."""
    review = _review(review)
    ents = list(dict.fromkeys(question.select(review)))
    return ([f"entity-{e}" for e in ents] + [f"erratum-{e}" for e in question.errata]
            + [f"trial-{t}" for t in question.trials] + [f"ref-{n}" for n in question.refs])


def open_questions_explorer(default: str = "translation", review: ReviewData | None = None,
                            name: str = "ol-questions") -> Explorer:
    """Pick an open question of the review: the entities, errata, trials and references that bear on it."""
    review = _review(review)
    by_key = {q.key: q for q in OPEN_QUESTIONS}
    if default not in by_key:
        raise ValueError(f"{default!r} is not an open question")
    ents, err = review.entities, review.errata.set_index("id", drop=False)
    trials = review.trials.set_index("ref", drop=False)
    titles = {r.number: r for r in review.references.values() if r.number is not None}
    items: dict[str, tuple[str, str, str, str]] = {}  # key -> (type, item, what, refs)
    for q in OPEN_QUESTIONS:
        for key in open_question_items(q, review):
            kind, _, ident = key.partition("-")
            if key in items:
                continue
            if kind == "entity":
                e = ents.loc[ident]
                items[key] = (e["kind"].replace("_", " "), e["label"], e["description"], _refs_text(e["refs"] or ()))
            elif kind == "erratum":
                e = err.loc[ident]
                items[key] = ("erratum", ident, e["issue"], _refs_text(e["refs"] or ()))
            elif kind == "trial":
                t = trials.loc[int(ident)]
                items[key] = ("clinical trial", f"phase {t['phase']}", f"{t['regimen']}: {t['outcome']}",
                              _refs_text((int(ident),)))
            else:
                r = titles[int(ident)]
                items[key] = ("reference", f"ref {ident}", f"{r.authors} ({r.year}). {r.title}. {r.journal}",
                              _refs_text((int(ident),)))
    order = {"entity": 0, "erratum": 2, "trial": 1, "ref": 3}
    keys = sorted(items, key=lambda k: (order[k.split("-", 1)[0]], items[k][1].casefold()))
    body = "".join(
        f'<tr id="{item_id(name, k)}"><td>{esc(items[k][0])}</td><td>{esc(items[k][1])}</td><td>{esc(items[k][2])}</td>'
        f"<td>{esc(items[k][3])}</td></tr>" for k in keys)
    view = ('<div class="cb-table"><p class="cb-caption">Entities, trials, errata and references that bear on the '
            'review\'s open questions</p><table class="cb-data"><thead><tr><th>type</th><th>item</th><th>what the '
            f"data say</th><th>refs</th></tr></thead><tbody>{body}</tbody></table></div>")
    states = {}
    for q in OPEN_QUESTIONS:
        on = open_question_items(q, review)
        counts = defaultdict(int)
        for k in on:
            counts[k.split("-", 1)[0]] += 1
        panel = (f"<p><strong>{esc(q.title)}</strong></p><p>{esc(q.summary)}</p>"
                 f"<p>Chapters: {esc('; '.join(CHAPTERS[c] for c in q.chapters))}. "
                 f"In the table: {counts['entity']} entities, {counts['trial']} trials, {counts['erratum']} errata, "
                 f"{counts['ref']} references.</p>")
        states[q.key] = State(on=frozenset(on), panel=panel)
    control = Control("question", "Open question", tuple((q.title, q.key) for q in OPEN_QUESTIONS), default=default)
    return Explorer(name=name, title="Pick an open question: what in the review bears on it?", controls=[control],
                    view=view, state=lambda question: states[question], mode="filter")
