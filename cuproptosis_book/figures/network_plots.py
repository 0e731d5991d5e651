"""Drawings of the agent-drug bipartite network and its two projections (chapter *The review as a network*).

The graphs come from :mod:`cuproptosis_book.review.network`; nodes are placed in sorted columns, so two runs
give the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from cuproptosis_book.data import ReviewData
from cuproptosis_book.figures.style import OKABE_ITO
from cuproptosis_book.review.network import agent_drug_bipartite, agent_projection, bipartite_side, drug_projection

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


def _agent_order(b: nx.Graph) -> list[str]:
    """Agents grouped by class (legend order), then by label."""
    classes = list(AGENT_STYLE)
    return sorted(
        bipartite_side(b, 0), key=lambda n: (classes.index(b.nodes[n]["agent_class"]), b.nodes[n]["label"].casefold())
    )


def _drug_order(b: nx.Graph, agents: Sequence[str]) -> list[str]:
    """Drugs by the mean position of their agents (fewer crossings), then by label."""
    pos = {a: i for i, a in enumerate(agents)}
    return sorted(
        bipartite_side(b, 1), key=lambda d: (sum(pos[a] for a in b[d]) / len(b[d]), b.nodes[d]["label"].casefold())
    )


def _legend_handles(classes: Iterable[str], with_drugs: bool, with_effects: bool) -> list[Line2D]:
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker=AGENT_STYLE[c][1],
            markersize=9,
            markerfacecolor=AGENT_STYLE[c][0],
            markeredgecolor="black",
            label=AGENT_STYLE[c][2],
        )
        for c in classes
    ]
    if with_drugs:
        handles.append(
            Line2D(
                [],
                [],
                linestyle="",
                marker=DRUG_STYLE[1],
                markersize=10,
                markerfacecolor=DRUG_STYLE[0],
                markeredgecolor="black",
                label=DRUG_STYLE[2],
            )
        )
    if with_effects:
        handles += [
            Line2D([], [], color="#444444", linestyle="-", label="overcomes resistance"),
            Line2D([], [], color="#444444", linestyle="--", label="sensitizes (no resistant model named)"),
        ]
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
    for u, v, data in sorted(b.edges(data=True)):
        a, d = (u, v) if b.nodes[u]["bipartite"] == 0 else (v, u)
        style = "-" if "overcomes_resistance" in data["effects"] else "--"
        ax.plot(
            [pos[a][0], pos[d][0]], [pos[a][1], pos[d][1]], linestyle=style, color="#555555", linewidth=1.1, zorder=1
        )
    for a in agents:
        colour, marker, _ = AGENT_STYLE[b.nodes[a]["agent_class"]]
        ax.scatter(*pos[a], s=110, marker=marker, c=colour, edgecolors="black", linewidths=0.8, zorder=3)
        ax.text(pos[a][0] - 0.05, pos[a][1], b.nodes[a]["label"], ha="right", va="center", fontsize=9.5)
    for d in drugs:
        ax.scatter(*pos[d], s=130, marker=DRUG_STYLE[1], c=DRUG_STYLE[0], edgecolors="black", linewidths=0.8, zorder=3)
        ax.text(pos[d][0] + 0.05, pos[d][1], b.nodes[d]["label"], ha="left", va="center", fontsize=9.5)
    classes = [c for c in AGENT_STYLE if any(b.nodes[a]["agent_class"] == c for a in agents)]
    ax.legend(
        handles=_legend_handles(classes, True, True),
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=3,
        frameon=False,
        fontsize=8.5,
    )
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
    pos = {
        node: (math.cos(math.pi / 2 - 2 * math.pi * i / k), math.sin(math.pi / 2 - 2 * math.pi * i / k))
        for i, node in enumerate(ring)
    }
    pos.update({node: (2.35, 0.9 - 0.42 * i) for i, node in enumerate(alone)})

    def style(node: str) -> tuple[str, str]:
        colour, marker, _ = AGENT_STYLE[b.nodes[node]["agent_class"]] if agents else DRUG_STYLE
        return colour, marker

    for u, v, w in sorted(p.edges(data="weight")):
        ax.plot(
            [pos[u][0], pos[v][0]],
            [pos[u][1], pos[v][1]],
            color="#555555",
            linewidth=0.8 + 1.8 * (w - 1),
            zorder=1,
            solid_capstyle="round",
        )
        if w > 1:
            mx, my = (pos[u][0] + pos[v][0]) / 2, (pos[u][1] + pos[v][1]) / 2
            ax.text(
                mx,
                my,
                str(w),
                ha="center",
                va="center",
                fontsize=9,
                zorder=4,
                bbox={"boxstyle": "circle,pad=0.2", "facecolor": "white", "edgecolor": "#555555"},
            )
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
        ax.legend(
            handles=_legend_handles(classes, False, False),
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=3,
            frameon=False,
            fontsize=8.5,
        )
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
    return _draw_projection(
        agent_projection(review),
        b,
        _agent_order(b),
        "Agents that help the same drug (number = shared drugs)",
        agents=True,
    )


def draw_drug_projection(review: ReviewData | None = None) -> Figure:
    """Drugs on a circle, linked when a common agent helps both (line width and number: shared agents)."""
    b = agent_drug_bipartite(review)
    return _draw_projection(
        drug_projection(review),
        b,
        _drug_order(b, _agent_order(b)),
        "Drugs helped by the same agent (number = shared agents)",
        agents=False,
    )
