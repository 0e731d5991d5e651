"""The geometry a figure is laid out in: boxes (nodes), regions (compartments), segments (arrows), the layout."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from cuproptosis_book.figures.style import NODE_FONT, SMALL_FONT, NodeStyle, node_style, text_size, wrap_label


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
