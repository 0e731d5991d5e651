"""The review's four figures redrawn from the data: one function per figure.

``figure1_copper_uptake`` … ``figure4_resistance`` (aliases ``figure1`` … ``figure4``) return a
:class:`matplotlib.figure.Figure`. Figures 1-3 are cell diagrams built from :func:`graph.figure_graph`;
Figure 4 is three bands built from :func:`graph.figure4_graph`.

The parts: :mod:`.style` (palette, node and edge styles, fonts), :mod:`.geometry` (boxes, regions, segments),
:mod:`.layout` (where nodes go), :mod:`.routing` (where arrows go), :mod:`.drawing` (matplotlib artists and
legends) and :mod:`.export` (SVG/PNG bytes and the files of ``figures/``).
"""

from __future__ import annotations

import networkx as nx
from matplotlib.figure import Figure

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.figures.drawing import (
    LegendEntry,
    draw_legend,
    draw_node,
    draw_regions,
    draw_segment,
    legend_entries,
    legend_height,
    legend_rows,
    new_canvas,
)
from cuproptosis_book.figures.geometry import Layout
from cuproptosis_book.figures.layout import TITLES, cell_layout, drawable_compartment, group_header, layout_for
from cuproptosis_book.figures.style import (
    COLOUR_MEANING,
    DIM_ALPHA,
    EDGE_STYLES,
    NODE_STYLES,
    TITLE_FONT,
    font_properties,
)
from cuproptosis_book.review import graph
from cuproptosis_book.text import format_refs, item_id, relation_sentence, slug


def highlight_nodes(g: nx.DiGraph, highlight: str) -> list[str]:
    """The nodes ``highlight`` names: a node id, an entity id, or a label (``"SLC31A1"`` finds SLC31A1/Ctr1)."""
    if highlight in g:
        return [highlight]
    key = highlight.strip().lower()
    nodes = sorted(v for v, d in g.nodes(data=True) if d["entity"] == key)
    if not nodes:
        nodes = sorted(
            v
            for v, d in g.nodes(data=True)
            if key == d["label"].lower() or key in (p.strip() for p in d["label"].lower().split("/"))
        )
    if not nodes:
        choices = ", ".join(sorted({d["entity"] for _, d in g.nodes(data=True)}))
        msg = f"{highlight!r} is not drawn in this figure; choose one of: {choices}"
        raise ValueError(msg)
    return nodes


def highlight_set(g: nx.DiGraph, highlight: str) -> set[str]:
    """The nodes marked when ``highlight`` is chosen: its nodes and their neighbourhoods."""
    out: set[str] = set()
    for v in highlight_nodes(g, highlight):
        out |= {str(n) for n in graph.neighbourhood(g, v)}
    return out


def _edge_states(g: nx.DiGraph, chosen: list[str] | None) -> dict[tuple[str, str], bool | None]:
    if chosen is None:
        return dict.fromkeys(g.edges)
    touching = set(graph.edges_touching(g, set(chosen)))
    return {(u, v): (u, v) in touching for u, v in g.edges}


def _prepare(n: int, review: ReviewData | None) -> tuple[ReviewData, nx.DiGraph]:
    review = review_of(review)
    g = graph.figure4_graph(review) if n == 4 else graph.figure_graph(n, review)
    g.graph["compartment_labels"] = {
        c: review.label(c) for c in review.entities.index if review.entities.loc[c, "kind"] == "compartment"
    }
    return review, g


def _legend_blocks(n: int, layout: Layout) -> list[list[LegendEntry]]:
    styles = {next(k for k, s in NODE_STYLES.items() if s == b.style) for b in layout.boxes.values()}
    kinds = [k for k in NODE_STYLES if k in styles]
    rels = {s.relation for s in layout.segments}
    relations = [r for r in EDGE_STYLES if r in rels] + sorted(r for r in rels if r not in EDGE_STYLES)
    if n == 4:
        notes = [
            "† the text reports higher sensitivity, not a resistant model.   [N]: reference numbers of the review."
        ]
        return legend_entries(kinds, relations, [], notes)
    colours = [c for c in COLOUR_MEANING if any(s.colour == c for s in layout.segments)]
    return legend_entries(kinds, relations, colours, [])


def _draw(n: int, highlight: str | None, review: ReviewData | None, explorer: str | None) -> Figure:
    review, g = _prepare(n, review)
    name = explorer or f"figure{n}"
    layout = layout_for(n, g, review)
    chosen = highlight_nodes(g, highlight) if highlight else None
    on = highlight_set(g, highlight) if highlight else None
    edge_state = _edge_states(g, chosen)
    rows = legend_rows(_legend_blocks(n, layout))
    fig, ax = new_canvas(layout.height, legend_height(rows))
    draw_regions(ax, layout, name)
    ax.text(
        0.2,
        layout.height - 0.25,
        TITLES[n],
        ha="left",
        va="center",
        fontproperties=font_properties(TITLE_FONT, "bold"),
        gid=f"cbx-{slug(name)}-title",
    )
    for s in layout.segments:
        draw_segment(ax, s, name, edge_state[s.edge])
    for key, x, y, text, size, edge in layout.texts:
        if edge not in edge_state:  # a column header
            ax.text(
                x,
                y,
                text,
                ha="left",
                va="center",
                fontproperties=font_properties(size, style="italic"),
                color="#4a4a4a",
                gid=f"cbx-{slug(name)}-{slug(key)}",
            )
            continue
        state = edge_state[edge]
        ax.text(
            x,
            y,
            text,
            ha="left",
            va="center",
            fontproperties=font_properties(size),
            zorder=4,
            alpha=DIM_ALPHA if state is False else 1.0,
            color="#111111",
            gid=item_id(name, graph.edge_key(*edge), "cancers"),
        )
    for v, b in sorted(layout.boxes.items()):
        draw_node(ax, b, name, None if on is None else v in on)
    draw_legend(ax, rows, name)
    return fig


def figure1_copper_uptake(
    highlight: str | None = None, review: ReviewData | None = None, *, explorer: str | None = None
) -> Figure:
    """Figure 1: Cu²⁺ and Cu⁺ at the cell surface, their interconversion, uptake and routes to organelles."""
    return _draw(1, highlight, review, explorer)


def figure2_copper_trafficking(
    highlight: str | None = None, review: ReviewData | None = None, *, explorer: str | None = None
) -> Figure:
    """Figure 2: chaperones, stores and transporters that move copper to the Golgi, mitochondria and nucleus."""
    return _draw(2, highlight, review, explorer)


def figure3_cuproptosis(
    highlight: str | None = None, review: ReviewData | None = None, *, explorer: str | None = None
) -> Figure:
    """Figure 3: from copper entry (elesclomol, SLC31A1) through FDX1 and DLAT to cuproptosis."""
    return _draw(3, highlight, review, explorer)


def figure4_resistance(
    highlight: str | None = None, review: ReviewData | None = None, *, explorer: str | None = None
) -> Figure:
    """Figure 4: three bands (elesclomol, disulfiram, cuproptosis inducers) and the drugs whose resistance they combat."""
    return _draw(4, highlight, review, explorer)


figure1 = figure1_copper_uptake

figure2 = figure2_copper_trafficking

figure3 = figure3_cuproptosis

figure4 = figure4_resistance

FIGURES = {1: figure1_copper_uptake, 2: figure2_copper_trafficking, 3: figure3_cuproptosis, 4: figure4_resistance}

CAPTIONS = {
    1: (
        "how copper reaches the cell: at the surface Cu²⁺ is either carried straight in or first turned into Cu⁺, "
        "which enters through SLC31A1; inside, Cu⁺ is routed to lysosomes and mitochondria, and a Golgi pump "
        "sends it back out."
    ),
    2: (
        "where copper goes once inside: small stores hold it, chaperones pass it to SOD1, to the Golgi and into "
        "mitochondria, where cytochrome c oxidase subunits take it up; copper in the nucleus acts on genes."
    ),
    3: (
        "the chain of events in cuproptosis: copper brought in by elesclomol or SLC31A1 is reduced by FDX1 in "
        "mitochondria, lipoylated DLAT clumps, the TCA cycle fails and the cell dies."
    ),
    4: (
        "the agents the review credits with beating drug resistance, grouped as in its legend; each arrow ends at a "
        "drug and lists the cancers (and reference numbers) where the effect was reported."
    ),
}


def caption(n: int) -> str:
    """Our caption of figure ``n``: what it shows, that it is redrawn from the data, and which review figure it is."""
    if n not in CAPTIONS:
        msg = f"the review has Figures 1-4 (got {n})"
        raise ValueError(msg)
    how = (
        (
            "Drawn by code from relations.csv (rows whose figure column names this figure); shapes and colours "
            "mark kinds of molecule, line patterns mark kinds of relation."
        )
        if n < 4
        else ("Drawn by code from resistance.csv (rows with a Figure 4 group).")
    )
    return f"Review Figure {n}, redrawn from the book's data: {CAPTIONS[n]} {how}"


def _node_phrase(g: nx.DiGraph, v: str) -> str:
    d = g.nodes[v]
    return str(d["label"]) + (f" ({d['compartment'].replace('_', ' ')})" if "@" in v else "")


def alt_text(n: int, highlight: str | None = None, review: ReviewData | None = None) -> str:
    """A screen-reader description generated from the graph: regions, what sits where, who acts on whom."""
    review, g = _prepare(n, review)
    labels = g.graph["compartment_labels"]
    parts = [f"Review Figure {n} redrawn from data. {TITLES[n].split(' (')[0]}."]
    if n == 4:
        for grp in sorted(
            (v for v, d in g.nodes(data=True) if d["kind"] == "group"), key=lambda v: g.nodes[v]["order"]
        ):
            items = []
            for v in sorted(g.successors(grp), key=lambda v: g.nodes[v]["order"]):
                d = g.edges[grp, v]
                cancers = ", ".join(review.label(c) for c in d["cancers"])
                items.append(f"{g.nodes[v]['label']} ({cancers}; {format_refs(d['refs'])})")
            parts.append(f"Band {group_header(review, g.nodes[grp]['entity'])}: arrows to " + "; ".join(items) + ".")
    else:
        layout = cell_layout(n, g)
        names = [labels.get(c, c) for c in layout.regions]
        parts.append("Compartments: " + ", ".join(names) + ".")
        for comp in layout.regions:
            inside = sorted(
                (v for v, d in g.nodes(data=True) if drawable_compartment(d["compartment"]) == comp),
                key=lambda v: g.nodes[v]["label"].lower(),
            )
            if inside:
                parts.append(f"In the {labels.get(comp, comp)}: " + ", ".join(_node_phrase(g, v) for v in inside) + ".")
        sentences = []
        for u, v in sorted(g.edges):
            for row in g.edges[u, v]["rows"]:
                text = relation_sentence(review, row, "figure", refs=False)
                sentences.append(text + (" (disputed: the review's text contradicts this)" if row.disputed else ""))
        parts.append("Arrows: " + "; ".join(sentences) + ".")
    if highlight:
        chosen = highlight_nodes(g, highlight)
        on = sorted(highlight_set(g, highlight) - set(chosen), key=lambda v: g.nodes[v]["label"].lower())
        parts.append(
            "Highlighted: "
            + ", ".join(_node_phrase(g, v) for v in chosen)
            + " and its neighbours "
            + (", ".join(_node_phrase(g, v) for v in on) or "(none)")
            + "; everything else is dimmed."
        )
    return " ".join(parts)
