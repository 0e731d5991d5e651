"""Figures on slides, legible from the back of a room: a figure split into tiles, each shown inline and enlarged.

Why: drawn whole on a 1280×720 slide, the review's figures (792 pt wide, 9 pt labels) render their labels at
about 8 px. A label must render at 18 px or more, so each figure is cut into overlapping tiles (a grid over its
``viewBox``) whose size is chosen from the figure's smallest text, and each tile gets a slide. The SVG is inlined
(its ids prefixed per tile, so that the copies on one page never share an id) so that a browser test can measure
the rendered text (``tests/site/test_slide_legibility.py``).

Matplotlib writes text as glyph paths: each text run is a group ``<g transform="translate(x y) scale(s -s)">``
whose font size in the figure's units is ``100 × s``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: The smallest rendered text on a slide, in CSS pixels at a 1280×720 viewport.
MIN_TEXT_PX = 18.0

#: reveal.js scales a 1280×720 slide by 1 / (1 + margin) in a 1280×720 window (the decks use margin 0.05), plus room.
SAFETY = 1.08

#: Room for a tile on a slide (CSS px): the slide minus a one-line title and the attribution line.
TILE_AREA = (1240.0, 580.0)

_GLYPH_SCALE = re.compile(r"scale\(([0-9.]+) -[0-9.]+\)")
_VIEWBOX = re.compile(r'<svg\b[^>]*\bviewBox="([0-9.\s-]+)"')


@dataclass(frozen=True)
class Tile:
    """One part of a figure: its box in the figure's units and where it sits in the grid."""

    x: float
    y: float
    width: float
    height: float
    row: int
    column: int
    rows: int
    columns: int

    @property
    def where(self) -> str:
        """The tile's place in words ("top left", "middle", …)."""
        vertical = ["top", "middle", "bottom"] if self.rows == 3 else ["top", "bottom"] if self.rows == 2 else [""]
        horizontal = (
            ["left", "centre", "right"] if self.columns == 3 else ["left", "right"] if self.columns == 2 else [""]
        )
        if self.rows > 3 or self.columns > 3:
            return f"row {self.row + 1}, column {self.column + 1}"
        words = " ".join(w for w in (vertical[self.row], horizontal[self.column]) if w)
        return words or "whole figure"


def view_box(svg: str) -> tuple[float, float, float, float]:
    m = _VIEWBOX.search(svg)
    if not m:
        msg = "the SVG has no viewBox"
        raise ValueError(msg)
    x, y, w, h = (float(v) for v in m.group(1).split())
    return x, y, w, h


def smallest_text(svg: str) -> float:
    """The smallest font size of the figure's text, in its own units."""
    sizes = [100 * float(s) for s in _GLYPH_SCALE.findall(svg)]
    if not sizes:
        msg = "no text runs found in the SVG (expected matplotlib's glyph groups)"
        raise ValueError(msg)
    return min(sizes)


def pixels_per_unit(svg: str, min_px: float = MIN_TEXT_PX) -> float:
    """The enlargement that renders the smallest text at ``min_px`` (with :data:`SAFETY` for reveal's scaling)."""
    return min_px * SAFETY / smallest_text(svg)


def tiles(svg: str, min_px: float = MIN_TEXT_PX, area: tuple[float, float] = TILE_AREA) -> list[Tile]:
    """The grid of tiles that shows every part of the figure with its text at ``min_px`` or more."""
    _, _, width, height = view_box(svg)
    ppu = pixels_per_unit(svg, min_px)
    tile_w, tile_h = min(width, area[0] / ppu), min(height, area[1] / ppu)
    columns, rows = math.ceil(width / tile_w - 1e-9), math.ceil(height / tile_h - 1e-9)
    step_x = (width - tile_w) / (columns - 1) if columns > 1 else 0.0
    step_y = (height - tile_h) / (rows - 1) if rows > 1 else 0.0
    return [
        Tile(c * step_x, r * step_y, tile_w, tile_h, r, c, rows, columns) for r in range(rows) for c in range(columns)
    ]


def tile_svg(svg: str, tile: Tile, ppu: float, prefix: str) -> str:
    """The figure cropped to ``tile`` and enlarged ``ppu`` pixels per unit, as inline SVG with prefixed ids."""
    body = svg[svg.index("<svg") :]
    # inline in HTML: no namespace declarations (the HTML parser supplies them) and no RDF metadata
    body = re.sub(r"<metadata>.*?</metadata>", "", body, flags=re.DOTALL)
    body = re.sub(r'\sxmlns(:xlink)?="[^"]*"', "", body)
    body = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', body)
    body = re.sub(r'(xlink:href|href)="#([^"]+)"', lambda m: f'{m.group(1)}="#{prefix}{m.group(2)}"', body)
    body = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", body)
    head_end = body.index(">")
    head = body[:head_end]
    head = re.sub(r'\s(width|height|viewBox)="[^"]*"', "", head)
    head += (
        f' width="{tile.width * ppu:.0f}" height="{tile.height * ppu:.0f}"'
        f' viewBox="{tile.x:.2f} {tile.y:.2f} {tile.width:.2f} {tile.height:.2f}" class="cb-slide-figure"'
    )
    return head + body[head_end:]
