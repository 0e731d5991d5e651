"""Drawing a laid-out figure with matplotlib: regions, nodes, arrows and the legend, each tagged with the ids
the explorers switch on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Patch, Polygon
from matplotlib.path import Path as MplPath

from cuproptosis_book.figures.geometry import Box, Layout, Segment, make_box
from cuproptosis_book.figures.routing import bezier_point, sub_bezier
from cuproptosis_book.figures.style import (
    COLOUR_MEANING,
    DIM_ALPHA,
    DOT_HEADS,
    DOT_R,
    LEGEND_FONT,
    LEGEND_ROW,
    MEMBRANE_COLOUR,
    NODE_STYLES,
    OKABE_ITO,
    REGION_FONT,
    REGION_STYLE,
    WIDTH,
    EdgeStyle,
    edge_style,
    font_properties,
    text_size,
)
from cuproptosis_book.review import graph
from cuproptosis_book.text import item_id, slug


def new_canvas(height: float, legend_h: float) -> tuple[Figure, mpl.axes.Axes]:
    fig = Figure(figsize=(WIDTH, height + legend_h), dpi=100)
    FigureCanvasAgg(fig)  # Agg: the same raster everywhere, no GUI backend needed
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(-legend_h, height)
    ax.set_axis_off()
    ax.set_gid("axes")
    return fig, ax


def draw_regions(ax: mpl.axes.Axes, layout: Layout, name: str) -> None:
    for r in layout.regions.values():
        gid = f"cbx-{slug(name)}-region-{slug(r.compartment)}"
        if r.kind == "membrane":
            ax.add_patch(
                FancyBboxPatch(
                    (r.x0, r.y0),
                    r.x1 - r.x0,
                    r.y1 - r.y0,
                    boxstyle="square,pad=0",
                    fc=MEMBRANE_COLOUR,
                    ec="none",
                    zorder=0.2,
                    gid=gid,
                )
            )
            for yy in (r.y0, r.y0 + 0.05, r.y1 - 0.05, r.y1):  # two leaflets on each face: a bilayer
                ax.plot([r.x0, r.x1], [yy, yy], color="#8c7a4e", lw=1.0, zorder=0.3, gid=f"{gid}-line-{yy:.2f}")
        elif r.kind == "panel":
            ax.add_patch(
                FancyBboxPatch(
                    (r.x0, r.y0),
                    r.x1 - r.x0,
                    r.y1 - r.y0,
                    boxstyle="round,pad=0,rounding_size=0.12",
                    fc="#f7f7f7",
                    ec="#9a9a9a",
                    lw=1.0,
                    zorder=0.1,
                    gid=gid,
                )
            )
        else:
            fc, ec = REGION_STYLE.get(r.compartment, ("#f5f5f5", "#777777"))
            rounding = 0.08 if r.kind == "band" else 0.3
            ax.add_patch(
                FancyBboxPatch(
                    (r.x0, r.y0),
                    r.x1 - r.x0,
                    r.y1 - r.y0,
                    boxstyle=f"round,pad=0,rounding_size={rounding}",
                    fc=fc,
                    ec=ec if r.kind != "band" else "none",
                    lw=1.3,
                    zorder=0.1,
                    gid=gid,
                )
            )
            if r.compartment in ("mitochondrion", "nucleus"):  # double membrane
                ax.add_patch(
                    FancyBboxPatch(
                        (r.x0 + 0.06, r.y0 + 0.06),
                        r.x1 - r.x0 - 0.12,
                        r.y1 - r.y0 - 0.12,
                        boxstyle=f"round,pad=0,rounding_size={rounding}",
                        fc="none",
                        ec=ec,
                        lw=0.9,
                        zorder=0.15,
                        gid=f"{gid}-inner",
                    )
                )
        bold = r.kind == "panel"
        ax.text(
            r.label_xy[0],
            r.label_xy[1],
            r.label,
            ha="left",
            va="center",
            zorder=0.5,
            fontproperties=font_properties(
                REGION_FONT + (0.5 if bold else 0), "bold" if bold else "normal", "normal" if bold else "italic"
            ),
            color="#222222" if bold else "#4a4a4a",
            gid=f"{gid}-label",
        )


def _shape_patch(b: Box) -> list[tuple[str, Patch]]:
    """The patches of a node (part name, patch): every kind has its own outline."""
    x, y, w, h = b.x, b.y, b.w, b.h
    s = b.style
    if s.shape == "circle":
        return [("shape", Circle((x, y), w / 2))]
    if s.shape == "double_circle":
        return [("ring", Circle((x, y), w / 2)), ("shape", Circle((x, y), w / 2 - 0.065))]
    if s.shape == "hexagon":
        k = 0.14
        pts = [
            (x - w / 2, y),
            (x - w / 2 + k, y + h / 2),
            (x + w / 2 - k, y + h / 2),
            (x + w / 2, y),
            (x + w / 2 - k, y - h / 2),
            (x - w / 2 + k, y - h / 2),
        ]
        return [("shape", Polygon(pts, closed=True))]
    if s.shape == "octagon":
        k = 0.1
        pts = [
            (x - w / 2 + k, y + h / 2),
            (x + w / 2 - k, y + h / 2),
            (x + w / 2, y + h / 2 - k),
            (x + w / 2, y - h / 2 + k),
            (x + w / 2 - k, y - h / 2),
            (x - w / 2 + k, y - h / 2),
            (x - w / 2, y - h / 2 + k),
            (x - w / 2, y + h / 2 - k),
        ]
        return [("shape", Polygon(pts, closed=True))]
    rounding = {"roundbox": 0.07, "stadium": h / 2, "rect": 0.0, "groupbox": 0.05}.get(s.shape, 0.07)
    style = "square,pad=0" if rounding == 0 else f"round,pad=0,rounding_size={rounding}"
    return [("shape", FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle=style))]


def draw_node(ax: mpl.axes.Axes, b: Box, name: str, state: bool | None) -> None:
    """state: None = no highlight, True = highlighted, False = dimmed."""
    alpha = DIM_ALPHA if state is False else 1.0
    base_lw = 2.2 if b.style.shape == "groupbox" else 1.1
    lw = 3.0 if state else base_lw
    for part, patch in _shape_patch(b):
        ring = part == "ring"
        patch.set(
            facecolor="#ffffff" if ring else b.style.fill,
            edgecolor=b.style.edge,
            linewidth=lw if not ring else 1.4 + (1.0 if state else 0),
            alpha=alpha,
            zorder=3,
            gid=item_id(name, b.node, part),
        )
        ax.add_patch(patch)
    weight = "bold" if state else "normal"
    ax.text(
        b.x,
        b.y,
        b.label,
        ha="center",
        va="center",
        multialignment="center",
        zorder=4,
        alpha=alpha,
        color=b.style.text,
        fontproperties=font_properties(b.font, weight),
        gid=item_id(name, b.node, "label"),
    )


def _head_start(points: tuple[tuple[float, float], ...], length: float = 0.16) -> float:
    """Parameter t at which the last ``length`` inches of the arrow begin (its head)."""
    p0, c, p2 = points
    end = p2
    for i in range(100, -1, -1):
        t = i / 100
        p = bezier_point(p0, c, p2, t)
        if math.hypot(p[0] - end[0], p[1] - end[1]) >= length:
            return t
    return 0.0


def _draw_arrow(
    ax: mpl.axes.Axes,
    points: tuple[tuple[float, float], ...],
    st: EdgeStyle,
    colour: str,
    lw: float,
    alpha: float,
    gid: str,
) -> None:
    """Body and head drawn apart, so a dashed line still ends in a solid head."""
    p0, c, p2 = points
    round_head = st.head in DOT_HEADS
    t_head = 1.0 if st.head == "-" else _head_start(points, DOT_R if round_head else 0.16)
    body = sub_bezier(p0, c, p2, 0.0, t_head)
    ax.add_patch(
        FancyArrowPatch(
            path=MplPath(list(body), [MplPath.MOVETO, MplPath.CURVE3, MplPath.CURVE3]),
            arrowstyle="-",
            color=colour,
            lw=lw,
            alpha=alpha,
            zorder=2,
            linestyle=(0, st.dashes) if st.dashes else "-",
            capstyle="butt",
            gid=gid,
        )
    )
    if round_head:
        centre = bezier_point(p0, c, p2, t_head)
        ax.add_patch(
            Circle(
                centre,
                DOT_R,
                fc=colour if DOT_HEADS[st.head] else "#ffffff",
                ec=colour,
                lw=max(1.0, lw * 0.8),
                alpha=alpha,
                zorder=2.5,
                gid=gid + "-head",
            )
        )
    elif st.head != "-":
        ax.add_patch(
            FancyArrowPatch(
                bezier_point(p0, c, p2, t_head),
                p2,
                arrowstyle=st.head,
                mutation_scale=13,
                color=colour,
                lw=lw,
                alpha=alpha,
                zorder=2.5,
                shrinkA=0,
                shrinkB=0,
                gid=gid + "-head",
            )
        )


def draw_segment(ax: mpl.axes.Axes, s: Segment, name: str, state: bool | None) -> None:
    assert s.points is not None
    st = edge_style(s.relation)
    alpha = DIM_ALPHA if state is False else 1.0
    key = graph.edge_key(*s.edge)
    _draw_arrow(ax, s.points, st, s.colour, st.width + (0.9 if state else 0.0), alpha, item_id(name, key, s.part))
    if s.flag is not None:
        ax.add_patch(
            Circle(
                s.flag,
                0.105,
                fc="#ffffff",
                ec=OKABE_ITO["vermillion"],
                lw=1.3,
                alpha=alpha,
                zorder=5,
                gid=item_id(name, key, s.part + "-flag"),
            )
        )
        ax.text(
            s.flag[0],
            s.flag[1],
            "?",
            ha="center",
            va="center",
            color=OKABE_ITO["vermillion"],
            alpha=alpha,
            zorder=5.5,
            fontproperties=font_properties(9.5, "bold"),
            gid=item_id(name, key, s.part + "-flagtext"),
        )


@dataclass(frozen=True)
class LegendEntry:
    kind: str  # node, edge, colour, note, heading
    text: str
    style: str = ""  # node style key, relation, or colour


def legend_entries(
    kinds: Sequence[str], relations: Sequence[str], colours: Sequence[str], notes: Sequence[str]
) -> list[list[LegendEntry]]:
    blocks = [
        [LegendEntry("heading", "Shapes:")] + [LegendEntry("node", NODE_STYLES[k].name, k) for k in kinds],
        [LegendEntry("heading", "Arrows:")] + [LegendEntry("edge", edge_style(r).meaning, r) for r in relations],
    ]
    if colours:
        blocks.append(
            [LegendEntry("heading", "Colours:")] + [LegendEntry("colour", COLOUR_MEANING[c], c) for c in colours]
        )
    for note in notes:
        blocks.append([LegendEntry("note", note)])
    return blocks


def _entry_width(e: LegendEntry) -> float:
    weight = "bold" if e.kind == "heading" else "normal"
    sample = {"node": 0.5, "edge": 0.62, "colour": 0.45}.get(e.kind, 0.0)
    return sample + (0.08 if sample else 0) + text_size(e.text, LEGEND_FONT, weight)[0] + 0.3


def legend_rows(blocks: list[list[LegendEntry]]) -> list[list[tuple[float, LegendEntry]]]:
    """Entries flowed into rows across the figure width; each block starts a new row."""
    rows: list[list[tuple[float, LegendEntry]]] = []
    for block in blocks:
        x = 0.25
        rows.append([])
        for e in block:
            w = _entry_width(e)
            if x + w > WIDTH - 0.2 and rows[-1]:
                rows.append([])
                x = 0.25 + (_entry_width(block[0]) if block[0].kind == "heading" else 0)
            rows[-1].append((x, e))
            x += w
    return rows


def legend_height(rows: list[list[tuple[float, LegendEntry]]]) -> float:
    return len(rows) * LEGEND_ROW + 0.25


def draw_legend(ax: mpl.axes.Axes, rows: list[list[tuple[float, LegendEntry]]], name: str) -> None:
    gid = f"cbx-{slug(name)}-legend"
    ax.plot([0.2, WIDTH - 0.2], [-0.08, -0.08], color="#bbbbbb", lw=0.8, gid=f"{gid}-rule")
    for i, row in enumerate(rows):
        y = -0.08 - (i + 0.5) * LEGEND_ROW - 0.05
        for j, (x, e) in enumerate(row):
            egid = f"{gid}-{i}-{j}"
            tx = x
            if e.kind == "node":
                b = make_box("legend", "", e.style, e.style)
                b.w, b.h = (0.26, 0.26) if b.round else (0.44, 0.22)
                b.x, b.y = x + 0.25, y
                for part, patch in _shape_patch(b):
                    patch.set(
                        facecolor="#ffffff" if part == "ring" else b.style.fill,
                        edgecolor=b.style.edge,
                        linewidth=1.1,
                        zorder=3,
                        gid=f"{egid}-{part}",
                    )
                    ax.add_patch(patch)
                tx = x + 0.58
            elif e.kind in ("edge", "colour"):
                st = edge_style(e.style) if e.kind == "edge" else EdgeStyle(None, "-", 2.2)
                colour = e.style if e.kind == "colour" else "#000000"
                length = 0.62 if e.kind == "edge" else 0.45
                _draw_arrow(
                    ax, ((x, y), (x + length / 2, y), (x + length, y)), st, colour, st.width, 1.0, f"{egid}-sample"
                )
                tx = x + length + 0.08
            weight = "bold" if e.kind == "heading" else "normal"
            ax.text(
                tx,
                y,
                e.text,
                ha="left",
                va="center",
                fontproperties=font_properties(LEGEND_FONT, weight),
                color="#111111",
                gid=f"{egid}-text",
            )
