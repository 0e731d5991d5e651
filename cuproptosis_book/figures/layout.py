"""Where everything of a figure goes.

(all lengths in inches; one data unit is one inch):

1. Every compartment that holds a node becomes a region: the extracellular space and the plasma membrane
   are bands across the top, the cytosol fills the cell, organelles sit side by side at its bottom.
2. Inside a region, nodes fill rows of slots. :data:`HINTS` orders the rows for a nicer picture; a node the
   hints do not name (say, a protein the data adds later) takes the next free slot, so it is always drawn.
   A protein that is only ``part_of`` a neighbour (STEAP1-4) sits in a row under its parent.
3. Each relation becomes one or two curved arrows; the curvature is searched in a fixed order until the
   arrow touches no label it does not connect (:func:`_route`). Arrows stop at node boundaries.

Figure 4 is three bands: the copper agents, the drugs they act with, and the findings as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import networkx as nx

from cuproptosis_book.data import ReviewData
from cuproptosis_book.figures.geometry import Box, Layout, Region, Segment, make_box
from cuproptosis_book.figures.routing import hits_obstacles, inflate, route_graph
from cuproptosis_book.figures.style import ANNOTATION_FONT, REGION_FONT, SMALL_FONT, WIDTH, text_size, wrap_label
from cuproptosis_book.review import graph
from cuproptosis_book.text import format_refs


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
            "cytosol": [
                ["cu_ii@cytosol", "mt", "cu_i@cytosol", "memo1", None],
                ["gsh", "atox1", "cox17", "ccs", "sod1"],
            ],
            "golgi": [["atp7b"], ["cu_i@golgi"]],
            "mitochondrion": [
                ["sco1", None, "sco2"],
                ["cox11", "cu_i@mitochondrion", "mt_co1"],
                [None, "mt_co2", "cytochrome_c_oxidase"],
            ],
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
            "mitochondrion": [
                ["cu_ii@mitochondrion", "fdx1", None, "lias"],
                ["cu_i@mitochondrion", None, "dlat", "tca_cycle"],
                [None, "fe_s_proteins", None, None],
            ],
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


def _rows_for(
    compartment: str, nodes: list[str], boxes: dict[str, Box], hints: dict[str, list[list[str | None]]], capacity: float
) -> list[list[str | None]]:
    """Rows of slots: hinted rows first, then every other node in the first row with room."""
    rows = [[n for n in row if n is None or n in nodes] for row in hints.get(compartment, [])]
    rows = [row for row in rows if any(n is not None for n in row)]
    placed = {n for row in rows for n in row}
    for node in sorted(n for n in nodes if n not in placed):
        for row in rows:
            if _row_width([*row, node], boxes) <= capacity:
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


def _column_widths(
    rows: list[list[str | None]], boxes: dict[str, Box], span: float, extra: dict[str, float]
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


def _place_rows(
    rows: list[list[str | None]], boxes: dict[str, Box], x0: float, x1: float, ys: list[float], extra: dict[str, float]
) -> None:
    """Put each row's nodes in the middle of their slots (``extra``: wider slots, e.g. for satellites)."""
    for row, widths, y in zip(rows, _column_widths(rows, boxes, x1 - x0, extra), ys, strict=True):
        x = x0
        for node, w in zip(row, widths, strict=True):
            if node is not None:
                boxes[node].x, boxes[node].y = x + w / 2, y
            x += w


def cell_layout(n: int, g: nx.DiGraph) -> Layout:
    """Regions and node positions of a cell diagram (Figures 1-3)."""
    hint = HINTS.get(n, Hints())
    row_hints = hint.rows
    sats = _satellites(g)
    sat_of = {s: p for p, ss in sats.items() for s in ss}
    boxes = {v: make_box(v, d["label"], d["entity"], d["kind"], small=v in sat_of) for v, d in g.nodes(data=True)}
    by_comp: dict[str, list[str]] = {}
    for v, d in sorted(g.nodes(data=True)):
        if v not in sat_of:
            by_comp.setdefault(drawable_compartment(d["compartment"]), []).append(v)
    for comp in ("extracellular", "plasma_membrane", "cytosol"):
        by_comp.setdefault(comp, [])
    inner = WIDTH - 2 * 0.25
    organelles = [o for o in hint.organelles if o in by_comp]
    organelles += sorted(
        o for o in by_comp if o not in organelles and o not in ("extracellular", "plasma_membrane", "cytosol")
    )
    org_capacity = max(2.4, (inner - 0.4) / max(1, len(organelles)) - 0.5)
    rows = {
        c: _rows_for(c, by_comp[c], boxes, row_hints, org_capacity if c in organelles else inner - 1.6) for c in by_comp
    }
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
    regions["extracellular"] = Region(
        "extracellular", _region_label(g, "extracellular"), 0.1, y - ext_h, WIDTH - 0.1, y, "band"
    )
    y -= ext_h
    regions["plasma_membrane"] = Region(
        "plasma_membrane", _region_label(g, "plasma_membrane"), 0.1, y - mem_h, WIDTH - 0.1, y, "membrane"
    )
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
    route_graph(layout, g)
    return layout


def drawable_compartment(compartment: str) -> str:
    """Compartments a cell diagram can draw; anything else (an organ, the blood) falls back to the cytosol."""
    known = ("extracellular", "plasma_membrane", "cytosol", *ORGANELLES)
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


F4_GROUP_X = 1.45

F4_DRUG_X = 3.75

F4_TEXT_X = 4.75

F4_ROW = 0.5


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
        notes = {
            v: _wrap_phrases(_finding_text(review, g.edges[grp, v], g.nodes[grp]["entity"]), WIDTH - F4_TEXT_X - 0.3)
            for v in drugs
        }
        heights = [max(F4_ROW, 0.2 * (notes[v].count("\n") + 1) + 0.26) for v in drugs]
        bands.append((grp, drugs, notes, heights, 0.5 + sum(heights) + 0.12))
    title_h = 0.5
    height = title_h + sum(b[4] for b in bands) + 0.12 * len(bands) + 0.1
    y = height - title_h
    drug_w = max(
        make_box(v, g.nodes[v]["label"], g.nodes[v]["entity"], g.nodes[v]["kind"]).w for b in bands for v in b[1]
    )  # one column width: the drugs line up
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
        for v, h in zip(drugs, heights, strict=True):
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
        obstacles = [(n, inflate(bx.rect, 0.04)) for n, bx in boxes.items() if n not in (s.a, s.b)]
        layout.crossings += [(f"{s.a}->{s.b}", hit) for hit in hits_obstacles(s.points, obstacles)]
    layout.segments = segs
    return layout


def layout_for(n: int, g: nx.DiGraph, review: ReviewData) -> Layout:
    """Where everything of figure ``n`` goes (boxes, regions, routed arrows, unresolved crossings)."""
    return _figure4_layout(g, review) if n == 4 else cell_layout(n, g)
