"""Routing arrows between boxes: curved segments that touch no label they do not connect.

The curvature of each arrow is searched in a fixed order (:data:`RADS`) until it is clear; nothing is random.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

import networkx as nx
import numpy as np

from cuproptosis_book.figures.geometry import Box, Layout, Segment
from cuproptosis_book.figures.style import OKABE_ITO, TEXT_GREY


def bezier_point(
    p0: tuple[float, float], c: tuple[float, float], p2: tuple[float, float], t: float
) -> tuple[float, float]:
    s = 1 - t
    return (s * s * p0[0] + 2 * s * t * c[0] + t * t * p2[0], s * s * p0[1] + 2 * s * t * c[1] + t * t * p2[1])


def _control(p0: tuple[float, float], p2: tuple[float, float], rad: float) -> tuple[float, float]:
    """Control point of matplotlib's arc3 connection with curvature ``rad``."""
    mx, my = (p0[0] + p2[0]) / 2, (p0[1] + p2[1]) / 2
    dx, dy = p2[0] - p0[0], p2[1] - p0[1]
    return (mx + rad * dy, my - rad * dx)


def sub_bezier(
    p0: tuple[float, float], c: tuple[float, float], p2: tuple[float, float], t0: float, t1: float
) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """The piece of a quadratic Bézier between t0 and t1, as a quadratic Bézier (blossoming)."""

    def blossom(a: float, b: float) -> tuple[float, float]:
        return (
            (1 - a) * (1 - b) * p0[0] + ((1 - a) * b + a * (1 - b)) * c[0] + a * b * p2[0],
            (1 - a) * (1 - b) * p0[1] + ((1 - a) * b + a * (1 - b)) * c[1] + a * b * p2[1],
        )

    return blossom(t0, t0), blossom(t0, t1), blossom(t1, t1)


def _clip(
    a: Box, b: Box, rad: float, gap: float = 0.04
) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """The arc from a's centre to b's centre, cut where it leaves a and enters b (plus a small gap)."""
    p0, p2 = (a.x, a.y), (b.x, b.y)
    c = _control(p0, p2, rad)
    steps = 240
    t0, t1 = 0.0, 1.0
    for i in range(steps + 1):
        t = i / steps
        if not a.contains(*bezier_point(p0, c, p2, t), margin=gap):
            t0 = t
            break
    for i in range(steps, -1, -1):
        t = i / steps
        if not b.contains(*bezier_point(p0, c, p2, t), margin=gap):
            t1 = t
            break
    if t1 <= t0:  # overlapping boxes: draw nothing meaningful rather than a reversed arrow
        t1 = min(1.0, t0 + 0.01)
    return sub_bezier(p0, c, p2, t0, t1)


def _samples(points: tuple[tuple[float, float], ...], n: int = 48) -> list[tuple[float, float]]:
    p0, c, p2 = points
    return [bezier_point(p0, c, p2, i / n) for i in range(n + 1)]


def _segment_hits_rect(p: tuple[float, float], q: tuple[float, float], rect: tuple[float, float, float, float]) -> bool:
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


def hits_obstacles(
    points: tuple[tuple[float, float], ...], obstacles: Iterable[tuple[str, tuple[float, float, float, float]]]
) -> list[str]:
    pts = _samples(points)
    out = []
    for name, rect in obstacles:
        if any(_segment_hits_rect(p, q, rect) for p, q in itertools.pairwise(pts)):
            out.append(name)
    return out


def inflate(rect: tuple[float, float, float, float], m: float) -> tuple[float, float, float, float]:
    return (rect[0] - m, rect[1] - m, rect[2] + m, rect[3] + m)


RADS = (0.0, 0.15, -0.15, 0.3, -0.3, 0.45, -0.45, 0.6, -0.6, 0.8, -0.8)


def _route(layout: Layout, seg: Segment, base: float, drawn: list[Segment]) -> None:
    """Pick the first curvature (in a fixed order) whose arrow touches no label it does not connect."""
    a, b = layout.boxes[seg.a], layout.boxes[seg.b]
    obstacles = [(n, inflate(bx.rect, 0.05)) for n, bx in layout.boxes.items() if n not in (seg.a, seg.b)]
    obstacles += [(f"label:{r.compartment}", r.label_rect) for r in layout.regions.values()]
    obstacles += [(f"flag:{s.edge}", _flag_rect(s.flag)) for s in drawn if s.flag is not None]
    best: tuple[int, float, float, list[str]] | None = None
    for k, extra in enumerate(RADS):
        rad = base + extra
        pts = _clip(a, b, rad)
        hits = hits_obstacles(pts, obstacles)
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
        xy = bezier_point(p0, c, p2, t)
        rect = _flag_rect(xy)
        if not any(_rects_overlap(rect, inflate(b.rect, 0.03)) for b in layout.boxes.values()):
            seg.flag = xy
            return
    seg.flag = bezier_point(p0, c, p2, 0.5)
    layout.crossings.append((f"{seg.edge[0]}->{seg.edge[1]}:flag", "node"))


def _rects_overlap(r: tuple[float, float, float, float], s: tuple[float, float, float, float]) -> bool:
    return r[0] < s[2] and s[0] < r[2] and r[1] < s[3] and s[1] < r[3]


def _segments_of(g: nx.DiGraph) -> list[Segment]:
    """Arrows to draw, edge by edge (sorted): the uptake leg once per cargo and carrier, then each relation."""
    segs: list[Segment] = []
    seen_uptake: set[tuple[str, str]] = set()
    for u, v in sorted(g.edges, key=lambda e: (e[0], e[1])):
        d = g.edges[u, v]
        for i, (row, path) in enumerate(zip(d["rows"], d["paths"], strict=True)):
            colour = (
                OKABE_ITO["vermillion"] if row.disputed else ("#000000" if row.evidence == "caption" else TEXT_GREY)
            )
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


def route_graph(layout: Layout, g: nx.DiGraph) -> None:
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
        if (
            g.edges[s.edge].get("disputed")
            and s.relation != "_uptake"
            and any(r.disputed and r.relation == s.relation for r in g.edges[s.edge]["rows"])
        ):
            _place_flag(layout, s)
        drawn.append(s)
    layout.segments = segs


def _distance(a: Box, b: Box) -> float:
    return math.hypot(a.x - b.x, a.y - b.y)
