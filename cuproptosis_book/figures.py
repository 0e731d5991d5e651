"""The review's four figures redrawn from the data: one function per figure.

``figure1_copper_uptake`` … ``figure4_resistance`` (aliases ``figure1`` … ``figure4``) return a
:class:`matplotlib.figure.Figure`. Figures 1-3 are cell diagrams built from :func:`graph.figure_graph`;
Figure 4 is three bands built from :func:`graph.figure4_graph`.

How a cell diagram is laid out (all lengths in inches; one data unit is one inch):

1. Every compartment that holds a node becomes a region: the extracellular space and the plasma membrane
   are bands across the top, the cytosol fills the cell, organelles sit side by side at its bottom.
2. Inside a region, nodes fill rows of slots. :data:`HINTS` orders the rows for a nicer picture; a node the
   hints do not name (say, a protein the data adds later) takes the next free slot, so it is always drawn.
   A protein that is only ``part_of`` a neighbour (STEAP1-4) sits in a row under its parent.
3. Each relation becomes one or two curved arrows; the curvature is searched in a fixed order until the
   arrow touches no label it does not connect (:func:`_route`). Arrows stop at node boundaries.

Nothing is random, so two runs give the same bytes (:func:`export_all`).
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import matplotlib
import networkx as nx
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Patch, Polygon
from matplotlib.path import Path as MplPath
from matplotlib.textpath import TextToPath
from matplotlib.typing import RcKeyType

from . import explore, graph
from .data import ReviewData, load_all
from .tables import format_refs

# --------------------------------------------------------------------------- style

#: The Okabe–Ito colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73",
    "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
FONT = "DejaVu Sans"  # ships with matplotlib: identical output everywhere
WIDTH = 11.0  # inches: fits a screen and a printed page
NODE_FONT = 10.0
SMALL_FONT = 9.0
REGION_FONT = 10.0
TITLE_FONT = 12.0
LEGEND_FONT = 9.0
TEXT_GREY = "#5f5f5f"  # relations stated only in the main text
DIM_ALPHA = 0.22

RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "cuproptosis-book",
    "svg.fonttype": "path",
    "font.family": FONT,
    "path.simplify": False,
}


def _tint(hex_colour: str, amount: float) -> str:
    """Mix a colour with white (amount 0 = white, 1 = the colour)."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


@dataclass(frozen=True)
class NodeStyle:
    """How a kind of node is drawn: the shape tells kinds apart in black and white, the colour on screen."""

    shape: str  # roundbox, hexagon, stadium, circle, double_circle, rect, groupbox, octagon
    fill: str
    edge: str
    text: str = "#000000"
    name: str = ""


NODE_STYLES: dict[str, NodeStyle] = {
    "cu_i": NodeStyle("circle", OKABE_ITO["orange"], "#8a5f00", name="Cu⁺ (single ring)"),
    "cu_ii": NodeStyle("double_circle", OKABE_ITO["blue"], "#00446b", text="#ffffff", name="Cu²⁺ (double ring)"),
    "copper": NodeStyle("circle", OKABE_ITO["yellow"], "#8c8526", name="Cu (charge not stated)"),
    "ion": NodeStyle("circle", _tint(OKABE_ITO["yellow"], 0.5), "#8c8526", name="other ion"),
    "protein": NodeStyle("roundbox", _tint(OKABE_ITO["sky_blue"], 0.35), "#2a7fb0", name="protein"),
    "small_molecule": NodeStyle("hexagon", _tint(OKABE_ITO["bluish_green"], 0.3), "#00714f", name="small molecule"),
    "process": NodeStyle("stadium", _tint(OKABE_ITO["reddish_purple"], 0.35), "#9c4f7c", name="process"),
    "drug": NodeStyle("rect", _tint(OKABE_ITO["vermillion"], 0.25), "#a34700", name="drug"),
    "nanoparticle": NodeStyle("octagon", _tint(OKABE_ITO["yellow"], 0.5), "#8c8526", name="nanoparticle"),
    "ncrna": NodeStyle("roundbox", _tint(OKABE_ITO["yellow"], 0.5), "#8c8526", name="non-coding RNA"),
    "group": NodeStyle("groupbox", "#ffffff", "#000000", name="agent group (Figure 4 legend)"),
}


def node_style(entity: str, kind: str) -> NodeStyle:
    """The style of a node: Cu⁺ and Cu²⁺ have their own, everything else follows its kind."""
    return NODE_STYLES.get(entity) or NODE_STYLES.get(kind) or NODE_STYLES["protein"]


@dataclass(frozen=True)
class EdgeStyle:
    """Line pattern and arrowhead of a relation; the legend text says what it means."""

    dashes: tuple[float, ...] | None  # None = solid
    head: str  # a matplotlib arrow style, "dot"/"odot" (round end) or "-" (none); a flat "-[" bar marks inhibition
    width: float = 1.5
    meaning: str = ""


EDGE_STYLES: dict[str, EdgeStyle] = {
    "transports": EdgeStyle(None, "-|>", 1.7, "transports (carrier moves copper)"),
    "exports": EdgeStyle((7, 2), "-|>", 1.7, "exports (pumps copper out)"),
    "delivers": EdgeStyle((3, 2), "->", 1.6, "delivers (chaperone hands copper on)"),
    "sequesters": EdgeStyle((1, 1.6), "dot", 1.6, "sequesters (binds and stores)"),
    "reduces": EdgeStyle((6, 2, 1.5, 2), "-|>", 1.7, "reduces Cu²⁺ to Cu⁺"),
    "oxidizes": EdgeStyle((6, 2, 1.5, 2, 1.5, 2), "-|>", 1.7, "oxidizes Cu⁺ to Cu²⁺"),
    "binds": EdgeStyle((1, 1.6), "-", 1.6, "binds"),
    "activates": EdgeStyle(None, "-|>", 1.2, "activates"),
    "inhibits": EdgeStyle(None, "-[,widthB=0.55,lengthB=0", 1.5, "inhibits"),
    "induces": EdgeStyle((5, 2), "->", 1.5, "induces"),
    "promotes": EdgeStyle(None, "->", 1.5, "promotes"),
    "lipoylates": EdgeStyle((4, 1.5, 1, 1.5), "->", 1.5, "lipoylates (adds lipoic acid)"),
    "aggregates": EdgeStyle((2, 1.5), "->", 1.5, "makes it aggregate"),
    "destabilizes": EdgeStyle((4, 1.5, 1, 1.5), "-[,widthB=0.55,lengthB=0", 1.5, "destabilizes"),
    "regulates": EdgeStyle((1, 1.6), "->", 1.5, "regulates (direction not stated)"),
    "part_of": EdgeStyle(None, "odot", 1.0, "is part of"),
    # Figure 4
    "overcomes_resistance": EdgeStyle(None, "-|>", 1.7, "overcomes resistance in resistant cells"),
    "sensitizes": EdgeStyle((4, 2), "-|>", 1.7, "raises sensitivity (the text names no resistant model)"),
    "mixed": EdgeStyle((6, 2, 1.5, 2), "-|>", 1.7, "both kinds of finding"),
    # the first leg of a movement or conversion: cargo or substrate to its carrier or enzyme
    "_uptake": EdgeStyle(None, "-", 1.0, "cargo or substrate to its carrier or enzyme"),
}


def edge_style(relation: str) -> EdgeStyle:
    return EDGE_STYLES.get(relation, EdgeStyle((2, 2), "->", 1.4, relation.replace("_", " ")))


# --------------------------------------------------------------------------- text measurement

_TEXT_TO_PATH = TextToPath()


FontStyle = Literal["normal", "italic", "oblique"]


@lru_cache(maxsize=4096)
def text_size(text: str, size: float, weight: str = "normal", style: FontStyle = "normal") -> tuple[float, float]:
    """Width and height (inches) of ``text`` set in DejaVu Sans, without drawing anything."""
    prop = FontProperties(family=FONT, size=size, weight=weight, style=style)
    lines = text.split("\n")
    width = max(_TEXT_TO_PATH.get_text_width_height_descent(line, prop, ismath=False)[0] for line in lines)
    height = size * (1.0 + 1.2 * (len(lines) - 1)) + 0.25 * size
    return width / 72.0, height / 72.0


def wrap_label(label: str, limit: int = 12) -> str:
    """Break a long label at the space nearest its middle, so boxes stay compact."""
    if len(label) <= limit or " " not in label:
        return label
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return label[:cut] + "\n" + label[cut + 1:]


# --------------------------------------------------------------------------- geometry


@dataclass
class Box:
    """A placed node: centre, size and style (inches)."""

    node: str
    label: str
    style: NodeStyle
    font: float
    w: float
    h: float
    x: float = 0.0
    y: float = 0.0

    @property
    def round(self) -> bool:
        return self.style.shape in ("circle", "double_circle")

    def contains(self, px: float, py: float, margin: float = 0.0) -> bool:
        if self.round:
            return math.hypot(px - self.x, py - self.y) <= self.w / 2 + margin
        return abs(px - self.x) <= self.w / 2 + margin and abs(py - self.y) <= self.h / 2 + margin

    @property
    def rect(self) -> tuple[float, float, float, float]:
        return (self.x - self.w / 2, self.y - self.h / 2, self.x + self.w / 2, self.y + self.h / 2)


def make_box(node: str, label: str, entity: str, kind: str, small: bool = False) -> Box:
    style = node_style(entity, kind)
    font = SMALL_FONT if small else NODE_FONT
    text = label if style.shape in ("circle", "double_circle") else wrap_label(label)
    tw, th = text_size(text, font)
    if style.shape in ("circle", "double_circle"):
        d = max(tw + 0.14, th + 0.14, 0.44) + (0.1 if style.shape == "double_circle" else 0.0)
        return Box(node, text, style, font, d, d)
    extra = {"hexagon": 0.3, "stadium": 0.22, "octagon": 0.24, "groupbox": 0.1}.get(style.shape, 0.0)
    return Box(node, text, style, font, tw + 0.22 + extra, th + 0.16)


@dataclass
class Region:
    """A compartment drawn as a region; nodes never cover its label."""

    compartment: str
    label: str
    x0: float
    y0: float
    x1: float
    y1: float
    kind: str  # band, membrane, cell, organelle
    label_xy: tuple[float, float] = (0.0, 0.0)
    label_size: tuple[float, float] = (0.0, 0.0)

    def contains(self, px: float, py: float) -> bool:
        return self.x0 <= px <= self.x1 and self.y0 <= py <= self.y1

    @property
    def label_rect(self) -> tuple[float, float, float, float]:
        (x, y), (w, h) = self.label_xy, self.label_size
        return (x - 0.03, y - h / 2 - 0.03, x + w + 0.03, y + h / 2 + 0.03)


@dataclass
class Segment:
    """One drawn arrow: part of a graph edge, from box ``a`` to box ``b``."""

    edge: tuple[str, str]
    part: str
    a: str
    b: str
    relation: str
    colour: str
    rad: float = 0.0
    points: tuple[tuple[float, float], tuple[float, float], tuple[float, float]] | None = None
    flag: tuple[float, float] | None = None


@dataclass
class Layout:
    width: float
    height: float
    boxes: dict[str, Box]
    regions: dict[str, Region]
    segments: list[Segment] = field(default_factory=list)
    texts: list[tuple[str, float, float, str, float, tuple[str, str]]] = field(default_factory=list)
    crossings: list[tuple[str, str]] = field(default_factory=list)


# --------------------------------------------------------------------------- hints (cell figures)

#: Hand hints for nicer pictures: rows of nodes per compartment (None keeps a slot empty) and the
#: left-to-right order of organelles. Nodes not named here are placed automatically.
@dataclass(frozen=True)
class Hints:
    """Rows of nodes per compartment (None keeps a slot empty) and the left-to-right order of organelles."""

    rows: dict[str, list[list[str | None]]] = field(default_factory=dict)
    organelles: tuple[str, ...] = ()


HINTS: dict[int, Hints] = {
    1: Hints(
        rows={
            "extracellular": [["cu_ii@extracellular", None, "cu_i@extracellular"]],
            "plasma_membrane": [["slc30a1", "steap", "dcytb", "slc31a1"]],
            "cytosol": [["cu_ii@cytosol", None, "cu_i@cytosol"]],
            "golgi": [["atp7a", "atp7b"]],
            "lysosome": [["slc46a3"], ["cu_i@lysosome"]],
        },
        organelles=("lysosome", "mitochondrion", "golgi"),
    ),
    2: Hints(
        rows={
            "extracellular": [["cu_ii@extracellular", None, "cu_i@extracellular"]],
            "plasma_membrane": [["slc30a1", "steap", "slc31a1"]],
            # Cu⁺ in the middle of the upper row sees every slot of the lower row without crossing a label
            "cytosol": [["cu_ii@cytosol", "mt", "cu_i@cytosol", "memo1", None],
                        ["gsh", "atox1", "cox17", "ccs", "sod1"]],
            "golgi": [["atp7b"], ["cu_i@golgi"]],
            "mitochondrion": [["sco1", None, "sco2"], ["cox11", "cu_i@mitochondrion", "mt_co1"],
                              [None, "mt_co2", "cytochrome_c_oxidase"]],
            "nucleus": [["cu_i@nucleus"], ["gene_expression"]],
        },
        organelles=("golgi", "mitochondrion", "nucleus"),
    ),
    3: Hints(
        rows={
            "extracellular": [["cu_ii@extracellular", None, "cu_i@extracellular"]],
            "plasma_membrane": [["elesclomol", "steap", "slc31a1"]],
            "cytosol": [["cu_ii@cytosol", "copper", "cu_i@cytosol"], [None, "proteotoxic_stress", "cuproptosis"]],
            # DLAT in the middle: four pairs of parallel arrows meet it from different sides
            "mitochondrion": [["cu_ii@mitochondrion", "fdx1", None, "lias"],
                              ["cu_i@mitochondrion", None, "dlat", "tca_cycle"],
                              [None, "fe_s_proteins", None, None]],
        },
        organelles=("mitochondrion",),
    ),
}

TITLES = {
    1: "Copper uptake, redox and distribution (review Figure 1, redrawn from data)",
    2: "Copper trafficking inside the cell (review Figure 2, redrawn from data)",
    3: "The steps of cuproptosis (review Figure 3, redrawn from data)",
    4: "Copper ionophores and cuproptosis inducers against drug resistance (review Figure 4, redrawn from data)",
}

ROW_H = 0.78  # vertical distance between rows of nodes
BAND_PAD = 0.18
LABEL_STRIP = 0.34  # room for a region's name above its nodes
ORGANELLES = ("golgi", "lysosome", "mitochondrion", "nucleus")
MEMBRANE_COLOUR = "#e8dcc0"


def _satellites(g: nx.DiGraph) -> dict[str, list[str]]:
    """Nodes whose only relation is ``part_of`` a node of the same compartment: drawn under that parent."""
    out: dict[str, list[str]] = {}
    for node in sorted(g):
        edges = list(g.in_edges(node, data=True)) + list(g.out_edges(node, data=True))
        if len(edges) == 1 and edges[0][0] == node and edges[0][2]["relations"] == ("part_of",):
            parent = edges[0][1]
            if g.nodes[parent]["compartment"] == g.nodes[node]["compartment"]:
                out.setdefault(parent, []).append(node)
    return out


def _rows_for(compartment: str, nodes: list[str], boxes: dict[str, Box], hints: dict[str, list[list[str | None]]],
              capacity: float) -> list[list[str | None]]:
    """Rows of slots: hinted rows first, then every other node in the first row with room."""
    rows = [[n for n in row if n is None or n in nodes] for row in hints.get(compartment, [])]
    rows = [row for row in rows if any(n is not None for n in row)]
    placed = {n for row in rows for n in row}
    for node in sorted(n for n in nodes if n not in placed):
        for row in rows:
            if _row_width(row + [node], boxes) <= capacity:
                row.append(node)
                break
        else:
            rows.append([node])
    return rows


def _row_width(row: Sequence[str | None], boxes: dict[str, Box], gap: float = 0.5) -> float:
    widths = [boxes[n].w if n is not None else 0.4 for n in row]
    return sum(widths) + gap * (len(row) - 1)


def _slot_demand(node: str | None, boxes: dict[str, Box], extra: dict[str, float]) -> float:
    if node is None:
        return 0.85
    return max(boxes[node].w, extra.get(node, 0.0), 0.4) + 0.45


def _column_widths(rows: list[list[str | None]], boxes: dict[str, Box], span: float, extra: dict[str, float]
                   ) -> list[list[float]]:
    """Slot widths per row. Rows of equal length share column widths, so their nodes line up in a grid."""
    def fit(demand: list[float]) -> list[float]:
        even = span / len(demand)
        if all(d <= even for d in demand):
            return [even] * len(demand)
        return [d + (span - sum(demand)) / len(demand) for d in demand]

    if len({len(r) for r in rows}) == 1:
        columns = fit([max(_slot_demand(r[i], boxes, extra) for r in rows) for i in range(len(rows[0]))])
        return [columns for _ in rows]
    return [fit([_slot_demand(n, boxes, extra) for n in r]) for r in rows]


def _place_rows(rows: list[list[str | None]], boxes: dict[str, Box], x0: float, x1: float, ys: list[float],
                extra: dict[str, float]) -> None:
    """Put each row's nodes in the middle of their slots (``extra``: wider slots, e.g. for satellites)."""
    for row, widths, y in zip(rows, _column_widths(rows, boxes, x1 - x0, extra), ys):
        x = x0
        for node, w in zip(row, widths):
            if node is not None:
                boxes[node].x, boxes[node].y = x + w / 2, y
            x += w


def _cell_layout(n: int, g: nx.DiGraph) -> Layout:
    """Regions and node positions of a cell diagram (Figures 1-3)."""
    hint = HINTS.get(n, Hints())
    row_hints = hint.rows
    sats = _satellites(g)
    sat_of = {s: p for p, ss in sats.items() for s in ss}
    boxes = {v: make_box(v, d["label"], d["entity"], d["kind"], small=v in sat_of) for v, d in g.nodes(data=True)}
    by_comp: dict[str, list[str]] = {}
    for v, d in sorted(g.nodes(data=True)):
        if v not in sat_of:
            by_comp.setdefault(_drawable(d["compartment"]), []).append(v)
    for comp in ("extracellular", "plasma_membrane", "cytosol"):
        by_comp.setdefault(comp, [])
    inner = WIDTH - 2 * 0.25
    organelles = [o for o in hint.organelles if o in by_comp]
    organelles += sorted(o for o in by_comp if o not in organelles and o not in ("extracellular", "plasma_membrane",
                                                                                  "cytosol"))
    org_capacity = max(2.4, (inner - 0.4) / max(1, len(organelles)) - 0.5)
    rows = {c: _rows_for(c, by_comp[c], boxes, row_hints,
                         org_capacity if c in organelles else inner - 1.6) for c in by_comp}
    # a parent with satellites (STEAP1-4 under STEAP) needs room for them in its row and below it
    sat_width = {p: _row_width(ms, boxes, gap=0.12) for p, ms in sats.items()}
    mem_pitch = 0.62 + (0.5 if sats else 0.0)

    title_h = 0.5
    ext_h = LABEL_STRIP + len(rows["extracellular"]) * ROW_H + 0.05
    mem_h = max(1, len(rows["plasma_membrane"])) * mem_pitch
    cyt_rows_h = LABEL_STRIP + max(1, len(rows["cytosol"])) * ROW_H
    org_sizes = {}
    for o in organelles:
        w = max(_row_width(r, boxes) for r in rows[o]) + 0.6
        w = max(w, text_size(_region_label(g, o), REGION_FONT, style="italic")[0] + 0.5)
        org_sizes[o] = [w, LABEL_STRIP + len(rows[o]) * ROW_H + 0.12]
    org_h = max((h for _, h in org_sizes.values()), default=0.0)
    # spread organelles across the cell; spare width widens them (more room for arrows)
    gap = 0.45
    spare = inner - 0.4 - sum(w for w, _ in org_sizes.values()) - gap * (len(organelles) + 1)
    for o in organelles:
        org_sizes[o][0] += max(0.0, spare) / max(1, len(organelles)) * 0.6
    for o in organelles:
        org_sizes[o][1] = org_h
    cyt_h = cyt_rows_h + (org_h + 0.35 if organelles else 0.1)
    diagram_h = title_h + ext_h + mem_h + cyt_h + 0.25

    top = diagram_h
    regions: dict[str, Region] = {}
    y = top - title_h
    regions["extracellular"] = Region("extracellular", _region_label(g, "extracellular"), 0.1, y - ext_h,
                                      WIDTH - 0.1, y, "band")
    y -= ext_h
    regions["plasma_membrane"] = Region("plasma_membrane", _region_label(g, "plasma_membrane"), 0.1, y - mem_h,
                                        WIDTH - 0.1, y, "membrane")
    y -= mem_h
    regions["cytosol"] = Region("cytosol", _region_label(g, "cytosol"), 0.1, y - cyt_h, WIDTH - 0.1, y, "cell")
    cyt_bottom = y - cyt_h
    total_w = sum(w for w, _ in org_sizes.values())
    gap = max(0.1, (inner - total_w) / (len(organelles) + 1)) if organelles else 0
    x = 0.25 + gap
    for o in organelles:
        w, h = org_sizes[o]
        regions[o] = Region(o, _region_label(g, o), x, cyt_bottom + 0.2, x + w, cyt_bottom + 0.2 + h, "organelle")
        x += w + gap
    for r in regions.values():
        _set_label_position(r)

    # nodes: rows from the top of each region, below its label strip
    for comp, comp_rows in rows.items():
        region = regions[comp]
        if region.kind == "membrane":
            x0 = region.label_rect[2] + 0.25
            ys = [region.y1 - 0.31 - i * mem_pitch for i in range(len(comp_rows))]
        else:
            x0 = region.x0 + 0.15
            # organelles carry their name at the bottom, where few arrows arrive
            first = region.y1 - (0.12 if region.kind == "organelle" else LABEL_STRIP) - ROW_H / 2
            ys = [first - i * ROW_H for i in range(len(comp_rows))]
        _place_rows(comp_rows, boxes, x0, region.x1 - 0.15, ys, sat_width)
    for parent, members in sats.items():
        p = boxes[parent]
        width = sat_width[parent]
        x = p.x - width / 2
        for m in members:
            b = boxes[m]
            b.x, b.y = x + b.w / 2, p.y - 0.5
            x += b.w + 0.12
    layout = Layout(WIDTH, diagram_h, boxes, regions)
    _route_graph(layout, g)
    return layout


def _drawable(compartment: str) -> str:
    """Compartments a cell diagram can draw; anything else (an organ, the blood) falls back to the cytosol."""
    known = ("extracellular", "plasma_membrane", "cytosol") + ORGANELLES
    return compartment if compartment in known else "cytosol"


def _region_label(g: nx.DiGraph, compartment: str) -> str:
    labels: dict[str, str] = g.graph.get("compartment_labels", {})
    text = labels.get(compartment, compartment.replace("_", " "))
    return text[:1].upper() + text[1:]


def _set_label_position(r: Region) -> None:
    w, h = text_size(r.label, REGION_FONT, style="italic")
    r.label_size = (w, h)
    if r.kind == "membrane":
        r.label_xy = (r.x0 + 0.12, (r.y0 + r.y1) / 2 + (0.25 if r.y1 - r.y0 > 0.8 else 0.0))
    elif r.kind == "organelle":
        r.label_xy = (r.x0 + 0.15, r.y0 + 0.22)
    else:
        r.label_xy = (r.x0 + 0.12, r.y1 - 0.2)


# --------------------------------------------------------------------------- routing


def _bezier(p0: tuple[float, float], c: tuple[float, float], p2: tuple[float, float], t: float) -> tuple[float, float]:
    s = 1 - t
    return (s * s * p0[0] + 2 * s * t * c[0] + t * t * p2[0], s * s * p0[1] + 2 * s * t * c[1] + t * t * p2[1])


def _control(p0: tuple[float, float], p2: tuple[float, float], rad: float) -> tuple[float, float]:
    """Control point of matplotlib's arc3 connection with curvature ``rad``."""
    mx, my = (p0[0] + p2[0]) / 2, (p0[1] + p2[1]) / 2
    dx, dy = p2[0] - p0[0], p2[1] - p0[1]
    return (mx + rad * dy, my - rad * dx)


def _sub_bezier(p0: tuple[float, float], c: tuple[float, float], p2: tuple[float, float], t0: float, t1: float
                ) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """The piece of a quadratic Bézier between t0 and t1, as a quadratic Bézier (blossoming)."""
    def blossom(a: float, b: float) -> tuple[float, float]:
        return (
            (1 - a) * (1 - b) * p0[0] + ((1 - a) * b + a * (1 - b)) * c[0] + a * b * p2[0],
            (1 - a) * (1 - b) * p0[1] + ((1 - a) * b + a * (1 - b)) * c[1] + a * b * p2[1],
        )
    return blossom(t0, t0), blossom(t0, t1), blossom(t1, t1)


def _clip(a: Box, b: Box, rad: float, gap: float = 0.04
          ) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """The arc from a's centre to b's centre, cut where it leaves a and enters b (plus a small gap)."""
    p0, p2 = (a.x, a.y), (b.x, b.y)
    c = _control(p0, p2, rad)
    steps = 240
    t0, t1 = 0.0, 1.0
    for i in range(steps + 1):
        t = i / steps
        if not a.contains(*_bezier(p0, c, p2, t), margin=gap):
            t0 = t
            break
    for i in range(steps, -1, -1):
        t = i / steps
        if not b.contains(*_bezier(p0, c, p2, t), margin=gap):
            t1 = t
            break
    if t1 <= t0:  # overlapping boxes: draw nothing meaningful rather than a reversed arrow
        t1 = min(1.0, t0 + 0.01)
    return _sub_bezier(p0, c, p2, t0, t1)


def _samples(points: tuple[tuple[float, float], ...], n: int = 48) -> list[tuple[float, float]]:
    p0, c, p2 = points
    return [_bezier(p0, c, p2, i / n) for i in range(n + 1)]


def _segment_hits_rect(p: tuple[float, float], q: tuple[float, float], rect: tuple[float, float, float, float]
                       ) -> bool:
    """Liang–Barsky: does the straight segment p-q touch the rectangle?"""
    x0, y0, x1, y1 = rect
    dx, dy = q[0] - p[0], q[1] - p[1]
    t_in, t_out = 0.0, 1.0
    for pk, qk in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if pk == 0:
            if qk < 0:
                return False
        else:
            t = qk / pk
            if pk < 0:
                t_in = max(t_in, t)
            else:
                t_out = min(t_out, t)
            if t_in > t_out:
                return False
    return True


def _hits(points: tuple[tuple[float, float], ...], obstacles: Iterable[tuple[str, tuple[float, float, float, float]]]
          ) -> list[str]:
    pts = _samples(points)
    out = []
    for name, rect in obstacles:
        if any(_segment_hits_rect(p, q, rect) for p, q in zip(pts, pts[1:])):
            out.append(name)
    return out


def _inflate(rect: tuple[float, float, float, float], m: float) -> tuple[float, float, float, float]:
    return (rect[0] - m, rect[1] - m, rect[2] + m, rect[3] + m)


RADS = (0.0, 0.15, -0.15, 0.3, -0.3, 0.45, -0.45, 0.6, -0.6, 0.8, -0.8)


def _route(layout: Layout, seg: Segment, base: float, drawn: list[Segment]) -> None:
    """Pick the first curvature (in a fixed order) whose arrow touches no label it does not connect."""
    a, b = layout.boxes[seg.a], layout.boxes[seg.b]
    obstacles = [(n, _inflate(bx.rect, 0.05)) for n, bx in layout.boxes.items() if n not in (seg.a, seg.b)]
    obstacles += [(f"label:{r.compartment}", r.label_rect) for r in layout.regions.values()]
    obstacles += [(f"flag:{s.edge}", _flag_rect(s.flag)) for s in drawn if s.flag is not None]
    best: tuple[int, float, float, list[str]] | None = None
    for k, extra in enumerate(RADS):
        rad = base + extra
        pts = _clip(a, b, rad)
        hits = _hits(pts, obstacles)
        overlap = _overlaps_drawn(pts, drawn)
        score = (len(hits) * 10 + overlap, k)
        if best is None or score < best[:2]:
            best = (score[0], k, rad, hits)
        if not hits and not overlap:
            break
    assert best is not None
    seg.rad = best[2]
    seg.points = _clip(a, b, seg.rad)
    for name in best[3]:
        layout.crossings.append((f"{seg.edge[0]}->{seg.edge[1]}:{seg.part}", name))


def _overlaps_drawn(pts: tuple[tuple[float, float], ...], drawn: list[Segment]) -> int:
    """How many earlier arrows this one would run along (within 0.06 in for a third of its length, and 0.3 in)."""
    mine = np.array(_samples(pts, 24)[3:-3])
    step = float(np.hypot(*(mine[1] - mine[0])))
    count = 0
    for s in drawn:
        assert s.points is not None
        theirs = np.array(_samples(s.points, 48))
        dist = np.hypot(mine[:, None, 0] - theirs[None, :, 0], mine[:, None, 1] - theirs[None, :, 1]).min(axis=1)
        close = int((dist < 0.06).sum())
        if close > len(mine) / 3 and close * step >= 0.3:  # a crossing is short; running alongside is long
            count += 1
    return count


def _flag_rect(xy: tuple[float, float] | None) -> tuple[float, float, float, float]:
    assert xy is not None
    return (xy[0] - 0.13, xy[1] - 0.13, xy[0] + 0.13, xy[1] + 0.13)


def _place_flag(layout: Layout, seg: Segment) -> None:
    """Put the 'disputed' mark on the arrow where it covers no label."""
    assert seg.points is not None
    p0, c, p2 = seg.points
    for t in (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8):
        xy = _bezier(p0, c, p2, t)
        rect = _flag_rect(xy)
        if not any(_rects_overlap(rect, _inflate(b.rect, 0.03)) for b in layout.boxes.values()):
            seg.flag = xy
            return
    seg.flag = _bezier(p0, c, p2, 0.5)
    layout.crossings.append((f"{seg.edge[0]}->{seg.edge[1]}:flag", "node"))


def _rects_overlap(r: tuple[float, float, float, float], s: tuple[float, float, float, float]) -> bool:
    return r[0] < s[2] and s[0] < r[2] and r[1] < s[3] and s[1] < r[3]


def _segments_of(g: nx.DiGraph) -> list[Segment]:
    """Arrows to draw, edge by edge (sorted): the uptake leg once per cargo and carrier, then each relation."""
    segs: list[Segment] = []
    seen_uptake: set[tuple[str, str]] = set()
    for u, v in sorted(g.edges, key=lambda e: (e[0], e[1])):
        d = g.edges[u, v]
        for i, (row, path) in enumerate(zip(d["rows"], d["paths"])):
            colour = OKABE_ITO["vermillion"] if row.disputed else ("#000000" if row.evidence == "caption"
                                                                   else TEXT_GREY)
            if len(path) == 3:
                if (path[0], path[1]) not in seen_uptake and not _linked(g, path[0], path[1]):
                    seen_uptake.add((path[0], path[1]))
                    segs.append(Segment((u, v), f"uptake-{i}", path[0], path[1], "_uptake", colour))
                segs.append(Segment((u, v), f"{row.relation}-{i}", path[1], path[2], row.relation, colour))
            else:
                segs.append(Segment((u, v), f"{row.relation}-{i}", path[0], path[1], row.relation, colour))
    return segs


def _linked(g: nx.DiGraph, a: str, b: str) -> bool:
    """Do a and b already share a two-node relation (so an uptake leg between them would repeat it)?"""
    return any(len(p) == 2 for e in ((a, b), (b, a)) if g.has_edge(*e) for p in g.edges[e]["paths"])


def _route_graph(layout: Layout, g: nx.DiGraph) -> None:
    segs = _segments_of(g)
    # parallel arrows between the same two boxes start from spread-out curvatures
    groups: dict[frozenset[str], list[Segment]] = {}
    for s in segs:
        groups.setdefault(frozenset((s.a, s.b)), []).append(s)
    base: dict[int, float] = {}
    for members in groups.values():
        m = len(members)
        for k, s in enumerate(members):
            sign = 1 if s.a < s.b else -1
            step = max(0.3, 0.55 / max(0.1, _distance(layout.boxes[s.a], layout.boxes[s.b])))
            base[id(s)] = 0.0 if m == 1 else sign * (k - (m - 1) / 2) * step
    # long arrows first: they have the fewest good routes
    order = sorted(segs, key=lambda s: (-_distance(layout.boxes[s.a], layout.boxes[s.b]), s.edge, s.part))
    drawn: list[Segment] = []
    for s in order:
        _route(layout, s, base[id(s)], drawn)
        if g.edges[s.edge].get("disputed") and s.relation != "_uptake" and \
                any(r.disputed and r.relation == s.relation for r in g.edges[s.edge]["rows"]):
            _place_flag(layout, s)
        drawn.append(s)
    layout.segments = segs


def _distance(a: Box, b: Box) -> float:
    return math.hypot(a.x - b.x, a.y - b.y)


# --------------------------------------------------------------------------- Figure 4 layout

F4_GROUP_X = 1.45
F4_DRUG_X = 3.75
F4_TEXT_X = 4.75
F4_ROW = 0.5
ANNOTATION_FONT = 9.5


def _finding_text(review: ReviewData, d: dict[str, object], group: str) -> list[str]:
    """One phrase per cancer: its name, the agents (when the group has several) and the references.

    † marks a cancer where every finding is higher sensitivity rather than a resistant model.
    """
    per_cancer: dict[str, list[dict[str, object]]] = {}
    for f in d["findings"]:  # type: ignore[attr-defined]
        per_cancer.setdefault(f["cancer"], []).append(f)
    several = group not in review.entities.index
    phrases = []
    for cancer, findings in per_cancer.items():
        text = review.label(cancer) + ("†" if all(f["effect"] == "sensitizes" for f in findings) else "")
        if several:
            text += " – " + ", ".join(dict.fromkeys(review.label(str(f["agent"])) for f in findings))
        refs = sorted({r for f in findings for r in f["refs"]})  # type: ignore[attr-defined]
        phrases.append(f"{text} {format_refs(refs)}")
    return phrases


def _wrap_phrases(phrases: list[str], width: float) -> str:
    lines: list[str] = []
    for p in phrases:
        if lines and text_size(lines[-1] + " · " + p, ANNOTATION_FONT)[0] <= width:
            lines[-1] += " · " + p
        else:
            lines.append(p)
    return "\n".join(lines)


def group_header(review: ReviewData, group: str) -> str:
    """Band title: the group's label, plus the class the figure-4 relations give it (elesclomol → copper ionophores)."""
    label = graph.group_label(review, group)
    classes = [r.target for r in graph.relation_rows(review, 4) if r.source == group and r.relation == "part_of"]
    header = label[:1].upper() + label[1:]
    return header + (f" (one of the {', '.join(review.label(c) for c in classes)})" if classes else "")


def _figure4_layout(g: nx.DiGraph, review: ReviewData) -> Layout:
    boxes: dict[str, Box] = {}
    regions: dict[str, Region] = {}
    texts: list[tuple[str, float, float, str, float, tuple[str, str]]] = []
    groups = sorted((v for v, d in g.nodes(data=True) if d["kind"] == "group"), key=lambda v: g.nodes[v]["order"])
    bands = []
    for grp in groups:
        drugs = sorted(g.successors(grp), key=lambda v: g.nodes[v]["order"])
        notes = {v: _wrap_phrases(_finding_text(review, g.edges[grp, v], g.nodes[grp]["entity"]), WIDTH - F4_TEXT_X - 0.3)
                 for v in drugs}
        heights = [max(F4_ROW, 0.2 * (notes[v].count("\n") + 1) + 0.26) for v in drugs]
        bands.append((grp, drugs, notes, heights, 0.5 + sum(heights) + 0.12))
    title_h = 0.5
    height = title_h + sum(b[4] for b in bands) + 0.12 * len(bands) + 0.1
    y = height - title_h
    drug_w = max(make_box(v, g.nodes[v]["label"], g.nodes[v]["entity"], g.nodes[v]["kind"]).w
                 for b in bands for v in b[1])  # one column width: the drugs line up
    for grp, drugs, notes, heights, band_h in bands:
        entity = g.nodes[grp]["entity"]
        region = Region(entity, group_header(review, entity), 0.1, y - band_h, WIDTH - 0.1, y, "panel")
        region.label_size = text_size(region.label, REGION_FONT + 0.5, weight="bold")
        region.label_xy = (0.25, y - 0.22)
        regions[entity] = region
        header = "cancers where the effect was shown" + ("" if entity in review.entities.index else " – agent")
        texts.append((f"header:{entity}", F4_TEXT_X, y - 0.22, header + " [references]", SMALL_FONT, ("", "")))
        box = make_box(grp, wrap_label(g.nodes[grp]["label"]), entity, "group")
        yy = y - 0.5
        centres = []
        for v, h in zip(drugs, heights):
            b = make_box(v, g.nodes[v]["label"], g.nodes[v]["entity"], g.nodes[v]["kind"])
            b.w = drug_w
            b.x, b.y = F4_DRUG_X, yy - h / 2
            boxes[v] = b
            centres.append(b.y)
            texts.append((f"note:{v}", F4_TEXT_X, b.y, notes[v], ANNOTATION_FONT, (grp, v)))
            yy -= h
        box.x, box.y = F4_GROUP_X, (max(centres) + min(centres)) / 2
        boxes[grp] = box
        y -= band_h + 0.12
    layout = Layout(WIDTH, height, boxes, regions, texts=texts)
    segs = []
    for u, v in sorted(g.edges, key=lambda e: (g.nodes[e[0]]["order"], g.nodes[e[1]]["order"])):
        segs.append(Segment((u, v), g.edges[u, v]["effect"], u, v, g.edges[u, v]["effect"], "#000000"))
    for s in segs:
        # a fan from one port on the group's right edge to each drug's left edge
        a, b = boxes[s.a], boxes[s.b]
        p0, p2 = (a.x + a.w / 2 + 0.04, a.y), (b.x - b.w / 2 - 0.06, b.y)
        s.points = (p0, ((p0[0] + p2[0]) / 2, (p0[1] + p2[1]) / 2), p2)
        obstacles = [(n, _inflate(bx.rect, 0.04)) for n, bx in boxes.items() if n not in (s.a, s.b)]
        layout.crossings += [(f"{s.a}->{s.b}", hit) for hit in _hits(s.points, obstacles)]
    layout.segments = segs
    return layout


# --------------------------------------------------------------------------- drawing


def _font(size: float, weight: str = "normal", style: FontStyle = "normal") -> FontProperties:
    return FontProperties(family=FONT, size=size, weight=weight, style=style)


def _canvas(height: float, legend_h: float) -> tuple[Figure, matplotlib.axes.Axes]:
    fig = Figure(figsize=(WIDTH, height + legend_h), dpi=100)
    FigureCanvasAgg(fig)  # Agg: the same raster everywhere, no GUI backend needed
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(-legend_h, height)
    ax.set_axis_off()
    ax.set_gid("axes")
    return fig, ax


REGION_STYLE = {
    "extracellular": ("#f4f8fb", "#9db7c9"),
    "cytosol": ("#fcfaf2", "#8c7a4e"),
    "mitochondrion": ("#eef6ee", "#3d7a4a"),
    "golgi": ("#f5eff8", "#7a5a8c"),
    "lysosome": ("#fbf0ea", "#a3623a"),
    "nucleus": ("#f0f0f0", "#5a5a5a"),
}


def _draw_regions(ax: matplotlib.axes.Axes, layout: Layout, name: str) -> None:
    for r in layout.regions.values():
        gid = f"cbx-{explore.slug(name)}-region-{explore.slug(r.compartment)}"
        if r.kind == "membrane":
            ax.add_patch(FancyBboxPatch((r.x0, r.y0), r.x1 - r.x0, r.y1 - r.y0, boxstyle="square,pad=0",
                                        fc=MEMBRANE_COLOUR, ec="none", zorder=0.2, gid=gid))
            for yy in (r.y0, r.y0 + 0.05, r.y1 - 0.05, r.y1):  # two leaflets on each face: a bilayer
                ax.plot([r.x0, r.x1], [yy, yy], color="#8c7a4e", lw=1.0, zorder=0.3, gid=f"{gid}-line-{yy:.2f}")
        elif r.kind == "panel":
            ax.add_patch(FancyBboxPatch((r.x0, r.y0), r.x1 - r.x0, r.y1 - r.y0,
                                        boxstyle="round,pad=0,rounding_size=0.12", fc="#f7f7f7", ec="#9a9a9a",
                                        lw=1.0, zorder=0.1, gid=gid))
        else:
            fc, ec = REGION_STYLE.get(r.compartment, ("#f5f5f5", "#777777"))
            rounding = 0.08 if r.kind == "band" else 0.3
            ax.add_patch(FancyBboxPatch((r.x0, r.y0), r.x1 - r.x0, r.y1 - r.y0,
                                        boxstyle=f"round,pad=0,rounding_size={rounding}", fc=fc,
                                        ec=ec if r.kind != "band" else "none", lw=1.3, zorder=0.1, gid=gid))
            if r.compartment in ("mitochondrion", "nucleus"):  # double membrane
                ax.add_patch(FancyBboxPatch((r.x0 + 0.06, r.y0 + 0.06), r.x1 - r.x0 - 0.12, r.y1 - r.y0 - 0.12,
                                            boxstyle=f"round,pad=0,rounding_size={rounding}", fc="none", ec=ec,
                                            lw=0.9, zorder=0.15, gid=f"{gid}-inner"))
        bold = r.kind == "panel"
        ax.text(r.label_xy[0], r.label_xy[1], r.label, ha="left", va="center", zorder=0.5,
                fontproperties=_font(REGION_FONT + (0.5 if bold else 0), "bold" if bold else "normal",
                                     "normal" if bold else "italic"),
                color="#222222" if bold else "#4a4a4a", gid=f"{gid}-label")


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
        pts = [(x - w / 2, y), (x - w / 2 + k, y + h / 2), (x + w / 2 - k, y + h / 2), (x + w / 2, y),
               (x + w / 2 - k, y - h / 2), (x - w / 2 + k, y - h / 2)]
        return [("shape", Polygon(pts, closed=True))]
    if s.shape == "octagon":
        k = 0.1
        pts = [(x - w / 2 + k, y + h / 2), (x + w / 2 - k, y + h / 2), (x + w / 2, y + h / 2 - k),
               (x + w / 2, y - h / 2 + k), (x + w / 2 - k, y - h / 2), (x - w / 2 + k, y - h / 2),
               (x - w / 2, y - h / 2 + k), (x - w / 2, y + h / 2 - k)]
        return [("shape", Polygon(pts, closed=True))]
    rounding = {"roundbox": 0.07, "stadium": h / 2, "rect": 0.0, "groupbox": 0.05}.get(s.shape, 0.07)
    style = "square,pad=0" if rounding == 0 else f"round,pad=0,rounding_size={rounding}"
    return [("shape", FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle=style))]


def _draw_node(ax: matplotlib.axes.Axes, b: Box, name: str, state: bool | None) -> None:
    """state: None = no highlight, True = highlighted, False = dimmed."""
    alpha = DIM_ALPHA if state is False else 1.0
    base_lw = 2.2 if b.style.shape == "groupbox" else 1.1
    lw = 3.0 if state else base_lw
    for part, patch in _shape_patch(b):
        ring = part == "ring"
        patch.set(facecolor="#ffffff" if ring else b.style.fill, edgecolor=b.style.edge, linewidth=lw if not ring
                  else 1.4 + (1.0 if state else 0), alpha=alpha, zorder=3, gid=explore.item_id(name, b.node, part))
        ax.add_patch(patch)
    weight = "bold" if state else "normal"
    ax.text(b.x, b.y, b.label, ha="center", va="center", multialignment="center", zorder=4, alpha=alpha,
            color=b.style.text, fontproperties=_font(b.font, weight), gid=explore.item_id(name, b.node, "label"))


def _head_start(points: tuple[tuple[float, float], ...], length: float = 0.16) -> float:
    """Parameter t at which the last ``length`` inches of the arrow begin (its head)."""
    p0, c, p2 = points
    end = p2
    for i in range(100, -1, -1):
        t = i / 100
        p = _bezier(p0, c, p2, t)
        if math.hypot(p[0] - end[0], p[1] - end[1]) >= length:
            return t
    return 0.0


DOT_HEADS = {"dot": True, "odot": False}  # a round end: filled (holds) or open (is part of)
DOT_R = 0.05


def _draw_arrow(ax: matplotlib.axes.Axes, points: tuple[tuple[float, float], ...], st: EdgeStyle, colour: str,
                lw: float, alpha: float, gid: str) -> None:
    """Body and head drawn apart, so a dashed line still ends in a solid head."""
    p0, c, p2 = points
    round_head = st.head in DOT_HEADS
    t_head = 1.0 if st.head == "-" else _head_start(points, DOT_R if round_head else 0.16)
    body = _sub_bezier(p0, c, p2, 0.0, t_head)
    ax.add_patch(FancyArrowPatch(path=MplPath(list(body), [MplPath.MOVETO, MplPath.CURVE3, MplPath.CURVE3]),
                                 arrowstyle="-", color=colour, lw=lw, alpha=alpha, zorder=2,
                                 linestyle=(0, st.dashes) if st.dashes else "-", capstyle="butt", gid=gid))
    if round_head:
        centre = _bezier(p0, c, p2, t_head)
        ax.add_patch(Circle(centre, DOT_R, fc=colour if DOT_HEADS[st.head] else "#ffffff", ec=colour,
                            lw=max(1.0, lw * 0.8), alpha=alpha, zorder=2.5, gid=gid + "-head"))
    elif st.head != "-":
        ax.add_patch(FancyArrowPatch(_bezier(p0, c, p2, t_head), p2, arrowstyle=st.head, mutation_scale=13,
                                     color=colour, lw=lw, alpha=alpha, zorder=2.5, shrinkA=0, shrinkB=0,
                                     gid=gid + "-head"))


def _draw_segment(ax: matplotlib.axes.Axes, s: Segment, name: str, state: bool | None) -> None:
    assert s.points is not None
    st = edge_style(s.relation)
    alpha = DIM_ALPHA if state is False else 1.0
    key = graph.edge_key(*s.edge)
    _draw_arrow(ax, s.points, st, s.colour, st.width + (0.9 if state else 0.0), alpha,
                explore.item_id(name, key, s.part))
    if s.flag is not None:
        ax.add_patch(Circle(s.flag, 0.105, fc="#ffffff", ec=OKABE_ITO["vermillion"], lw=1.3, alpha=alpha, zorder=5,
                            gid=explore.item_id(name, key, s.part + "-flag")))
        ax.text(s.flag[0], s.flag[1], "?", ha="center", va="center", color=OKABE_ITO["vermillion"], alpha=alpha,
                zorder=5.5, fontproperties=_font(9.5, "bold"), gid=explore.item_id(name, key, s.part + "-flagtext"))


# --------------------------------------------------------------------------- legend


@dataclass(frozen=True)
class LegendEntry:
    kind: str  # node, edge, colour, note, heading
    text: str
    style: str = ""  # node style key, relation, or colour


def _legend_entries(kinds: Sequence[str], relations: Sequence[str], colours: Sequence[str], notes: Sequence[str]
                    ) -> list[list[LegendEntry]]:
    blocks = [[LegendEntry("heading", "Shapes:")] + [LegendEntry("node", NODE_STYLES[k].name, k) for k in kinds],
              [LegendEntry("heading", "Arrows:")] + [LegendEntry("edge", edge_style(r).meaning, r) for r in relations]]
    if colours:
        blocks.append([LegendEntry("heading", "Colours:")] + [LegendEntry("colour", COLOUR_MEANING[c], c)
                                                             for c in colours])
    for note in notes:
        blocks.append([LegendEntry("note", note)])
    return blocks


COLOUR_MEANING = {
    "#000000": "stated in the figure's legend",
    TEXT_GREY: "stated only in the main text",
    OKABE_ITO["vermillion"]: "as drawn in the review; contradicted by its own text (?)",
}

LEGEND_ROW = 0.32


def _entry_width(e: LegendEntry) -> float:
    weight = "bold" if e.kind == "heading" else "normal"
    sample = {"node": 0.5, "edge": 0.62, "colour": 0.45}.get(e.kind, 0.0)
    return sample + (0.08 if sample else 0) + text_size(e.text, LEGEND_FONT, weight)[0] + 0.3


def _legend_rows(blocks: list[list[LegendEntry]]) -> list[list[tuple[float, LegendEntry]]]:
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


def _legend_height(rows: list[list[tuple[float, LegendEntry]]]) -> float:
    return len(rows) * LEGEND_ROW + 0.25


def _draw_legend(ax: matplotlib.axes.Axes, rows: list[list[tuple[float, LegendEntry]]], name: str) -> None:
    gid = f"cbx-{explore.slug(name)}-legend"
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
                    patch.set(facecolor="#ffffff" if part == "ring" else b.style.fill, edgecolor=b.style.edge,
                              linewidth=1.1, zorder=3, gid=f"{egid}-{part}")
                    ax.add_patch(patch)
                tx = x + 0.58
            elif e.kind in ("edge", "colour"):
                st = edge_style(e.style) if e.kind == "edge" else EdgeStyle(None, "-", 2.2)
                colour = e.style if e.kind == "colour" else "#000000"
                length = 0.62 if e.kind == "edge" else 0.45
                _draw_arrow(ax, ((x, y), (x + length / 2, y), (x + length, y)), st, colour, st.width, 1.0,
                            f"{egid}-sample")
                tx = x + length + 0.08
            weight = "bold" if e.kind == "heading" else "normal"
            ax.text(tx, y, e.text, ha="left", va="center", fontproperties=_font(LEGEND_FONT, weight), color="#111111",
                    gid=f"{egid}-text")


# --------------------------------------------------------------------------- highlight


def highlight_nodes(g: nx.DiGraph, highlight: str) -> list[str]:
    """The nodes ``highlight`` names: a node id, an entity id, or a label (``"SLC31A1"`` finds SLC31A1/Ctr1)."""
    if highlight in g:
        return [highlight]
    key = highlight.strip().lower()
    nodes = sorted(v for v, d in g.nodes(data=True) if d["entity"] == key)
    if not nodes:
        nodes = sorted(v for v, d in g.nodes(data=True)
                       if key == d["label"].lower() or key in (p.strip() for p in d["label"].lower().split("/")))
    if not nodes:
        choices = ", ".join(sorted({d["entity"] for _, d in g.nodes(data=True)}))
        raise ValueError(f"{highlight!r} is not drawn in this figure; choose one of: {choices}")
    return nodes


def highlight_set(g: nx.DiGraph, highlight: str) -> set[str]:
    """The nodes marked when ``highlight`` is chosen: its nodes and their neighbourhoods."""
    out: set[str] = set()
    for v in highlight_nodes(g, highlight):
        out |= {str(n) for n in graph.neighbourhood(g, v)}
    return out


def _edge_states(g: nx.DiGraph, chosen: list[str] | None) -> dict[tuple[str, str], bool | None]:
    if chosen is None:
        return {(u, v): None for u, v in g.edges}
    touching = set(graph.edges_touching(g, set(chosen)))
    return {(u, v): (u, v) in touching for u, v in g.edges}


# --------------------------------------------------------------------------- the four figures


def _prepare(n: int, review: ReviewData | None) -> tuple[ReviewData, nx.DiGraph]:
    review = review if review is not None else load_all()
    g = graph.figure4_graph(review) if n == 4 else graph.figure_graph(n, review)
    g.graph["compartment_labels"] = {c: review.label(c) for c in review.entities.index
                                     if review.entities.loc[c, "kind"] == "compartment"}
    return review, g


def figure_layout(n: int, review: ReviewData | None = None) -> Layout:
    """Where everything of figure ``n`` goes (boxes, regions, routed arrows, unresolved crossings)."""
    review, g = _prepare(n, review)
    return _figure4_layout(g, review) if n == 4 else _cell_layout(n, g)


def _legend_blocks(n: int, g: nx.DiGraph, layout: Layout) -> list[list[LegendEntry]]:
    styles = {next(k for k, s in NODE_STYLES.items() if s == b.style) for b in layout.boxes.values()}
    kinds = [k for k in NODE_STYLES if k in styles]
    rels = {s.relation for s in layout.segments}
    relations = [r for r in EDGE_STYLES if r in rels] + sorted(r for r in rels if r not in EDGE_STYLES)
    if n == 4:
        notes = ["† the text reports higher sensitivity, not a resistant model.   [N]: reference numbers of the review."]
        return _legend_entries(kinds, relations, [], notes)
    colours = [c for c in COLOUR_MEANING if any(s.colour == c for s in layout.segments)]
    return _legend_entries(kinds, relations, colours, [])


def _draw(n: int, highlight: str | None, review: ReviewData | None, explorer: str | None) -> Figure:
    review, g = _prepare(n, review)
    name = explorer or f"figure{n}"
    layout = _figure4_layout(g, review) if n == 4 else _cell_layout(n, g)
    chosen = highlight_nodes(g, highlight) if highlight else None
    on = highlight_set(g, highlight) if highlight else None
    edge_state = _edge_states(g, chosen)
    rows = _legend_rows(_legend_blocks(n, g, layout))
    fig, ax = _canvas(layout.height, _legend_height(rows))
    _draw_regions(ax, layout, name)
    ax.text(0.2, layout.height - 0.25, TITLES[n], ha="left", va="center", fontproperties=_font(TITLE_FONT, "bold"),
            gid=f"cbx-{explore.slug(name)}-title")
    for s in layout.segments:
        _draw_segment(ax, s, name, edge_state[s.edge])
    for key, x, y, text, size, edge in layout.texts:
        if edge not in edge_state:  # a column header
            ax.text(x, y, text, ha="left", va="center", fontproperties=_font(size, style="italic"), color="#4a4a4a",
                    gid=f"cbx-{explore.slug(name)}-{explore.slug(key)}")
            continue
        state = edge_state[edge]
        ax.text(x, y, text, ha="left", va="center", fontproperties=_font(size), zorder=4,
                alpha=DIM_ALPHA if state is False else 1.0, color="#111111",
                gid=explore.item_id(name, graph.edge_key(*edge), "cancers"))
    for v, b in sorted(layout.boxes.items()):
        _draw_node(ax, b, name, None if on is None else v in on)
    _draw_legend(ax, rows, name)
    return fig


def figure1_copper_uptake(highlight: str | None = None, review: ReviewData | None = None, *,
                          explorer: str | None = None) -> Figure:
    """Figure 1: Cu²⁺ and Cu⁺ at the cell surface, their interconversion, uptake and routes to organelles."""
    return _draw(1, highlight, review, explorer)


def figure2_copper_trafficking(highlight: str | None = None, review: ReviewData | None = None, *,
                               explorer: str | None = None) -> Figure:
    """Figure 2: chaperones, stores and transporters that move copper to the Golgi, mitochondria and nucleus."""
    return _draw(2, highlight, review, explorer)


def figure3_cuproptosis(highlight: str | None = None, review: ReviewData | None = None, *,
                        explorer: str | None = None) -> Figure:
    """Figure 3: from copper entry (elesclomol, SLC31A1) through FDX1 and DLAT to cuproptosis."""
    return _draw(3, highlight, review, explorer)


def figure4_resistance(highlight: str | None = None, review: ReviewData | None = None, *,
                       explorer: str | None = None) -> Figure:
    """Figure 4: three bands (elesclomol, disulfiram, cuproptosis inducers) and the drugs whose resistance they combat."""
    return _draw(4, highlight, review, explorer)


figure1 = figure1_copper_uptake
figure2 = figure2_copper_trafficking
figure3 = figure3_cuproptosis
figure4 = figure4_resistance
FIGURES = {1: figure1_copper_uptake, 2: figure2_copper_trafficking, 3: figure3_cuproptosis, 4: figure4_resistance}


# --------------------------------------------------------------------------- words


CAPTIONS = {
    1: ("how copper reaches the cell: at the surface Cu²⁺ is either carried straight in or first turned into Cu⁺, "
        "which enters through SLC31A1; inside, Cu⁺ is routed to lysosomes and mitochondria, and a Golgi pump "
        "sends it back out."),
    2: ("where copper goes once inside: small stores hold it, chaperones pass it to SOD1, to the Golgi and into "
        "mitochondria, where cytochrome c oxidase subunits take it up; copper in the nucleus acts on genes."),
    3: ("the chain of events in cuproptosis: copper brought in by elesclomol or SLC31A1 is reduced by FDX1 in "
        "mitochondria, lipoylated DLAT clumps, the TCA cycle fails and the cell dies."),
    4: ("the agents the review credits with beating drug resistance, grouped as in its legend; each arrow ends at a "
        "drug and lists the cancers (and reference numbers) where the effect was reported."),
}


def caption(n: int) -> str:
    """Our caption of figure ``n``: what it shows, that it is redrawn from the data, and which review figure it is."""
    if n not in CAPTIONS:
        raise ValueError(f"the review has Figures 1-4 (got {n})")
    how = ("Drawn by code from relations.csv (rows whose figure column names this figure); shapes and colours "
           "mark kinds of molecule, line patterns mark kinds of relation.") if n < 4 else \
        ("Drawn by code from resistance.csv (rows with a Figure 4 group).")
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
        for grp in sorted((v for v, d in g.nodes(data=True) if d["kind"] == "group"), key=lambda v: g.nodes[v]["order"]):
            items = []
            for v in sorted(g.successors(grp), key=lambda v: g.nodes[v]["order"]):
                d = g.edges[grp, v]
                cancers = ", ".join(review.label(c) for c in d["cancers"])
                items.append(f"{g.nodes[v]['label']} ({cancers}; {format_refs(d['refs'])})")
            parts.append(f"Band {group_header(review, g.nodes[grp]['entity'])}: arrows to " + "; ".join(items) + ".")
    else:
        layout = _cell_layout(n, g)
        names = [labels.get(c, c) for c in layout.regions]
        parts.append("Compartments: " + ", ".join(names) + ".")
        for comp in layout.regions:
            inside = sorted((v for v, d in g.nodes(data=True) if _drawable(d["compartment"]) == comp),
                            key=lambda v: g.nodes[v]["label"].lower())
            if inside:
                parts.append(f"In the {labels.get(comp, comp)}: " + ", ".join(_node_phrase(g, v) for v in inside) + ".")
        sentences = []
        for u, v in sorted(g.edges):
            for row in g.edges[u, v]["rows"]:
                text = graph.relation_sentence(review, row, refs=False)
                sentences.append(text + (" (disputed: the review's text contradicts this)" if row.disputed else ""))
        parts.append("Arrows: " + "; ".join(sentences) + ".")
    if highlight:
        chosen = highlight_nodes(g, highlight)
        on = sorted(highlight_set(g, highlight) - set(chosen), key=lambda v: g.nodes[v]["label"].lower())
        parts.append("Highlighted: " + ", ".join(_node_phrase(g, v) for v in chosen) + " and its neighbours "
                     + (", ".join(_node_phrase(g, v) for v in on) or "(none)") + "; everything else is dimmed.")
    return " ".join(parts)


# --------------------------------------------------------------------------- SVG and export

SVG_METADATA = {"Date": None, "Creator": None}
PNG_METADATA = {"Software": None}


def _svg_bytes(fig: Figure) -> str:
    import io

    buf = io.StringIO()
    with matplotlib.rc_context(RC):
        fig.savefig(buf, format="svg", metadata=SVG_METADATA)
    return buf.getvalue()


_ID = re.compile(r'\bid="(?!cbx-)([^"]+)"')
_REF = re.compile(r'(xlink:href="#|href="#|url\(#)(?!cbx-)([^")]+)')


# Path coordinates to 0.1 pt are exact enough on screen and make the inline SVG lighter. Only path data:
# transforms hold small scale factors (glyphs are drawn at scale(0.015625)) that must keep every digit.
_ATTR_NUMBERS = re.compile(r'\sd="[^"]*"')
_DECIMALS = re.compile(r"(\d\.\d)\d+")


def figure_png(fig: Figure, dpi: int = 100) -> bytes:
    """The figure as a palette PNG: the same picture as matplotlib's RGBA PNG at about a third of the bytes.

    The diagrams are flat colours, so an adaptive 256-colour palette loses nothing visible.
    """
    import io

    from PIL import Image

    raw = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(raw, format="png", dpi=dpi, metadata=PNG_METADATA)
    image = Image.open(raw).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="png", optimize=True)
    return out.getvalue()


def show_compact_png() -> None:
    """In IPython, display matplotlib figures with :func:`figure_png` (lighter pages, same look).

    Called on import; a later ``%matplotlib inline`` restores IPython's own PNG formatter.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to display
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["image/png"].for_type(Figure, figure_png)


def figure_svg(n: int, explorer_name: str, review: ReviewData | None = None) -> str:
    """Figure ``n`` as an inline SVG for an explorer: scalable, with a title and alt text for screen readers.

    Node shapes, labels and arrows carry ids from :func:`explore.item_id` (item key = node id, or
    ``e-SOURCE-TARGET`` for an edge). matplotlib's own ids are prefixed, so several figures can share a page.
    """
    fig = FIGURES[n](review=review, explorer=explorer_name)
    svg = _svg_bytes(fig)
    svg = svg[svg.index("<svg"):]  # drop the XML prologue and DOCTYPE
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    prefix = f"{explore.slug(explorer_name)}-"
    svg = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", svg)
    svg = _ATTR_NUMBERS.sub(lambda m: _DECIMALS.sub(r"\1", m.group(0)), svg)
    svg = re.sub(r"\n\s*", "\n", svg)  # matplotlib's indentation: bytes a browser never needs
    head_end = svg.index(">")
    head = re.sub(r'\s(width|height)="[^"]*"', "", svg[:head_end])
    alt = explore.esc(alt_text(n, review=review))
    head += f' role="img" aria-label="{alt}" class="cb-figure"'
    return f"{head}>\n<title>{alt}</title>{svg[head_end + 1:]}"


def export_all(out_dir: Path, review: ReviewData | None = None, formats: Sequence[str] = ("svg", "png")) -> list[Path]:
    """Write figure1-4 as .svg and 300-dpi .png, and table1.csv, table2.csv; byte-identical on every run."""
    from . import tables

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    review = review if review is not None else load_all()
    written = []
    for n, draw in FIGURES.items():
        fig = draw(review=review)
        with matplotlib.rc_context(RC):  # svg.hashsalt and fonts: the same bytes on every machine
            if "svg" in formats:
                written.append(out_dir / f"figure{n}.svg")
                fig.savefig(written[-1], format="svg", metadata={**SVG_METADATA, "Title": TITLES[n]})
            if "png" in formats:
                written.append(out_dir / f"figure{n}.png")
                fig.savefig(written[-1], format="png", dpi=300, metadata=PNG_METADATA)
    for name, table in (("table1", tables.table1(review)), ("table2", tables.table2(review))):
        path = out_dir / f"{name}.csv"
        # The cells reproduce the review's published table (CC BY 4.0): marked as quotations, like the
        # printed text in data/ (see figures/README.md).
        quoted = table.map(lambda cell: f"“{cell}”" if isinstance(cell, str) and cell else cell)
        quoted.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        written.append(path)
    return written


show_compact_png()
