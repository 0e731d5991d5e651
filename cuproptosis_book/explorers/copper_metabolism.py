"""Chapter *Copper metabolism* (``chapters/copper_metabolism.ipynb``): its explorers and the helpers its cells call.

- :func:`figure_explorer` for Figures 1 and 2 (from :mod:`.figure_explorers`);
- :func:`copper_journey_explorer` follows one copper ion from the gut to cytochrome c oxidase;
- :func:`chaperone_explorer` shows where each copper chaperone sends copper.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.explorers.base import Control, Explorer, State
from cuproptosis_book.explorers.stepper import CU1_FILL, INK, MUTED, arrowhead_svg, stepper_explorer
from cuproptosis_book.review.pathways import (
    CARGO_RELATIONS,
    CHAPERONES,
    COPPER,
    chaperone_reach,
    chaperone_tree,
    journey_steps,
    refs_of,
)
from cuproptosis_book.text import esc, item_id, refs_details_html, relation_sentence

__all__ = [
    "chaperone_explorer",
    "chaperone_panel",
    "chaperone_svg",
    "copper_journey_explorer",
]


def copper_journey_explorer(*, name: str = "copper-journey", review: ReviewData | None = None) -> Explorer:
    """Follow one copper ion from food to cytochrome c oxidase, step by step (a slider with Previous/Next)."""
    return stepper_explorer(
        name,
        "Follow one copper ion from the gut to the mitochondrion",
        journey_steps(),
        "Seven steps of a copper ion's journey, from reduction in the gut to cytochrome c oxidase in the mitochondrion",
        review=review,
    )


def _layout(tree: nx.DiGraph, row_h: int = 40, top: int = 40) -> dict[str, tuple[float, float]]:
    layers: dict[int, list[str]] = {}
    for n in tree.nodes:  # insertion order = order of first appearance in the data
        layers.setdefault(tree.nodes[n]["layer"], []).append(n)
    deepest = max(layers)
    # the widest middle layer sets the rows; others sit at the mean height of their neighbours
    widest = max(layers, key=lambda k: len(layers[k]))
    y: dict[str, float] = {n: top + i * row_h for i, n in enumerate(layers[widest])}

    def spread(nodes: list[str], targets: dict[str, float]) -> None:
        order = sorted(nodes, key=lambda n: targets[n])
        last = -1e9
        for n in order:
            y[n] = max(targets[n], last + row_h)
            last = y[n]

    def mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else top

    for k in range(widest - 1, -1, -1):  # upstream: mean height of the successors already placed
        spread(layers[k], {n: mean([y[s] for s in tree.successors(n) if s in y]) for n in layers[k]})
    for k in range(widest + 1, deepest + 1):  # downstream: mean height of the predecessors
        spread(layers[k], {n: mean([y[p] for p in tree.predecessors(n) if p in y]) for n in layers[k]})
    col_w = 190
    return {n: (20 + tree.nodes[n]["layer"] * col_w, y[n]) for n in tree.nodes}


def chaperone_svg(name: str, tree: nx.DiGraph, caption: str) -> str:
    """Draw the chaperone tree: one column per hand-off; compartments dashed, proteins solid."""
    pos = _layout(tree)
    node_w, node_h = 140, 28
    width = int(max(x for x, _ in pos.values()) + node_w + 20)
    height = int(max(y for _, y in pos.values()) + node_h + 20)
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" role="img" '
            f'aria-label="{esc(caption)}" font-family="sans-serif" fill="{INK}">'
        ),
        f"<title>{esc(caption)}</title>",
    ]
    heads = ["Copper pool", "Chaperone", "First hand-off", "Next hand-off"]
    for layer in sorted({tree.nodes[n]["layer"] for n in tree.nodes}):
        out.append(
            f'<text x="{20 + layer * 190}" y="18" font-size="12" fill="{MUTED}">'
            f"{esc(heads[layer] if layer < len(heads) else '')}</text>"
        )
    # draw the transitive reduction: ATOX1 -> Golgi is implied by ATOX1 -> ATP7A -> Golgi (the panel lists all)
    drawn = nx.transitive_reduction(tree)
    for a, b in [e for e in tree.edges if drawn.has_edge(*e)]:  # tree order: same bytes every run
        (x1, y1), (x2, y2) = pos[a], pos[b]
        sx, sy, ex, ey = x1 + node_w, y1 + node_h / 2, x2 - 9, y2 + node_h / 2
        c = (ex - sx) / 2
        out.append(
            f'<g id="{item_id(name, f"e-{a}-{b}")}"><path d="M{sx},{sy} C{sx + c},{sy} {ex - c},{ey} '
            f'{ex},{ey}" fill="none" stroke="{MUTED}" stroke-width="1.6"/>'
            f"{arrowhead_svg(x2 - 1, ey, 'right')}</g>"
        )
    for n in tree.nodes:
        x, y = pos[n]
        kind = tree.nodes[n]["kind"]
        if n == "cu_i":
            style = f'fill="{CU1_FILL}" stroke="{INK}"'
        elif kind == "compartment":
            style = f'fill="#ffffff" stroke="{INK}" stroke-dasharray="5 3"'
        elif tree.nodes[n]["layer"] == 1:
            style = f'fill="#e8e8e8" stroke="{INK}" stroke-width="2"'
        else:
            style = f'fill="#f7f7f7" stroke="{INK}"'
        font = ' font-style="italic"' if kind == "compartment" else ""
        label = tree.nodes[n]["label"] + (" (cytosol)" if n == "cu_i" else "")
        out.append(
            f'<g id="{item_id(name, n)}"><rect x="{x}" y="{y}" width="{node_w}" height="{node_h}" rx="6" '
            f'{style}/><text x="{x + node_w / 2}" y="{y + 19}" font-size="13" text-anchor="middle"{font}>'
            f"{esc(label)}</text></g>"
        )
    out.append("</svg>")
    return "".join(out)


def _entity_heading(review: ReviewData, eid: str) -> str:
    ent = review.entities.loc[eid]
    full = str(ent["full_name"] or "").strip("“”")
    return f"<b>{esc(ent['label'])}</b>" + (f" — {esc(full)}" if full and full != ent["label"] else "")


def chaperone_panel(chaperone: str, tree: nx.DiGraph, *, review: ReviewData) -> str:
    """What the review says about one chaperone: where it sends copper, who feeds it, and its roles in cancer."""
    rel = review.relations
    sends = [r for a, b in nx.edge_dfs(tree, chaperone) for r in tree.edges[a, b]["rows"]]
    donors = rel[(rel["destination"] == chaperone) & rel["relation"].isin(CARGO_RELATIONS)]
    roles = rel[(rel["source"] == chaperone) & ~rel["relation"].isin(CARGO_RELATIONS) & ~rel["target"].isin(COPPER)]
    parts = [
        f"<p>{_entity_heading(review, chaperone)}</p>",
        f"<p>{esc(review.entities.loc[chaperone, 'description'])}</p>",
        "<p>Where the copper goes:</p><ul>"
        + "".join(f"<li>{relation_sentence(review, pd.Series(r), 'html')}</li>" for r in sends)
        + "</ul>",
    ]
    if len(donors):
        parts.append(
            "<p>It receives copper from:</p><ul>"
            + "".join(f"<li>{relation_sentence(review, r, 'html')}</li>" for _, r in donors.iterrows())
            + "</ul>"
        )
    if len(roles):
        parts.append(
            "<p>Other roles the review gives it:</p><ul>"
            + "".join(f"<li>{relation_sentence(review, r, 'html')}</li>" for _, r in roles.iterrows())
            + "</ul>"
        )
    all_rows = pd.concat([pd.DataFrame(sends), donors, roles]) if sends else pd.concat([donors, roles])
    parts.append(refs_details_html(review, refs_of(all_rows)))
    return "".join(parts)


def chaperone_explorer(
    *, name: str = "chaperones", default: str = "atox1", review: ReviewData | None = None
) -> Explorer:
    """Pick a copper chaperone (ATOX1, CCS, COX17, or all three) and see where it sends copper."""
    review = review_of(review)
    tree = chaperone_tree(review)
    caption = (
        "Copper chaperones and where they send Cu⁺: ATOX1 to ATP7A/ATP7B, the Golgi and the nucleus; "
        "CCS to SOD1 and the nucleus; COX17 to the mitochondrion and SCO1/SCO2, then MT-CO2"
    )
    view = chaperone_svg(name, tree, caption)
    panels = {c: chaperone_panel(c, tree, review=review) for c in CHAPERONES}
    panels["all"] = (
        "<p>All three chaperones. Each takes Cu⁺ from the cytosolic pool to a different place: "
        + "; ".join(
            f"<b>{esc(review.label(c))}</b> → " + esc(", ".join(tree.nodes[d]["label"] for d in tree.successors(c)))
            for c in CHAPERONES
        )
        + ".</p>"
    )
    options = (*tuple((review.label(c), c) for c in CHAPERONES), ("All three", "all"))
    reach = {c: frozenset(chaperone_reach(c, tree)) for c in CHAPERONES}

    def state(chaperone: str) -> State:
        return State(on=None if chaperone == "all" else reach[chaperone], panel=panels[chaperone])

    return Explorer(
        name,
        "Where does each chaperone take copper?",
        [Control("chaperone", "Chaperone", options, default=default)],
        view,
        state,
    )
