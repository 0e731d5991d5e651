"""How the figures look: the Okabe-Ito palette, fonts, node and edge styles, and text measurement."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from matplotlib.typing import RcKeyType

#: The Okabe–Ito colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
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
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
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
    return label[:cut] + "\n" + label[cut + 1 :]


MEMBRANE_COLOUR = "#e8dcc0"

ANNOTATION_FONT = 9.5


def font_properties(size: float, weight: str = "normal", style: FontStyle = "normal") -> FontProperties:
    return FontProperties(family=FONT, size=size, weight=weight, style=style)


REGION_STYLE = {
    "extracellular": ("#f4f8fb", "#9db7c9"),
    "cytosol": ("#fcfaf2", "#8c7a4e"),
    "mitochondrion": ("#eef6ee", "#3d7a4a"),
    "golgi": ("#f5eff8", "#7a5a8c"),
    "lysosome": ("#fbf0ea", "#a3623a"),
    "nucleus": ("#f0f0f0", "#5a5a5a"),
}


DOT_HEADS = {"dot": True, "odot": False}  # a round end: filled (holds) or open (is part of)

DOT_R = 0.05

COLOUR_MEANING = {
    "#000000": "stated in the figure's legend",
    TEXT_GREY: "stated only in the main text",
    OKABE_ITO["vermillion"]: "as drawn in the review; contradicted by its own text (?)",
}


LEGEND_ROW = 0.32
