"""The drawn figures: one label per node, nothing overlaps, highlights mark the right nodes, exports are stable.

Checks inspect the rendered matplotlib artists (gids, window extents), not the layout code's own bookkeeping.
"""

from __future__ import annotations

import filecmp
import shutil
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.text import Text

from cuproptosis_book import data, figures
from cuproptosis_book.figures import style
from cuproptosis_book.figures.geometry import Layout
from cuproptosis_book.figures.layout import layout_for
from cuproptosis_book.figures.review_figures import _prepare
from cuproptosis_book.review import graph
from cuproptosis_book.text import item_id

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
FIGURE_NUMBERS = [1, 2, 3, 4]


def graph_of(n: int):
    return graph.figure4_graph() if n == 4 else graph.figure_graph(n)


def by_gid(fig: Figure) -> dict[str, object]:
    out = {}
    for artist in fig.findobj(lambda a: a.get_gid() is not None):
        assert artist.get_gid() not in out, f"duplicate gid {artist.get_gid()}"
        out[artist.get_gid()] = artist
    return out


@pytest.fixture(scope="module")
def drawn() -> dict[int, Figure]:
    return {n: figures.FIGURES[n]() for n in FIGURE_NUMBERS}


@pytest.mark.parametrize("n", FIGURE_NUMBERS)
def test_exactly_one_label_per_node(drawn: dict[int, Figure], n: int) -> None:
    g = graph_of(n)
    name = f"figure{n}"
    labels = [a for a in drawn[n].findobj(Text) if (a.get_gid() or "").endswith("--label")]
    assert sorted(a.get_gid() for a in labels) == sorted(item_id(name, v, "label") for v in g)
    gids = by_gid(drawn[n])
    for v, d in g.nodes(data=True):
        text = gids[item_id(name, v, "label")].get_text()
        assert text.replace("\n", " ") == d["label"]


@pytest.mark.parametrize("n", FIGURE_NUMBERS)
def test_no_two_node_labels_or_shapes_overlap(drawn: dict[int, Figure], n: int) -> None:
    fig = drawn[n]
    renderer = fig.canvas.get_renderer()
    boxes = {
        a.get_gid(): a.get_window_extent(renderer) for a in fig.findobj(Text) if (a.get_gid() or "").endswith("--label")
    }
    shapes = {
        a.get_gid(): a.get_window_extent(renderer)
        for a in fig.findobj(Patch)
        if (a.get_gid() or "").endswith(("--shape", "--ring")) and "-k-e-" not in a.get_gid()
    }
    for (ga, a), (gb, b) in combinations(sorted(boxes.items()), 2):
        assert not a.overlaps(b), (ga, gb)
    for (ga, a), (gb, b) in combinations(sorted(shapes.items()), 2):
        if ga.split("--")[0] != gb.split("--")[0]:  # the two rings of one Cu²⁺ node belong together
            assert not a.overlaps(b), (ga, gb)


def _arrow_points(arrow: FancyArrowPatch) -> np.ndarray:
    path = arrow.get_transform().transform_path(arrow.get_path())
    return np.concatenate([seg(np.linspace(0, 1, 25)) for seg, _ in path.iter_bezier()])


@pytest.mark.parametrize("n", FIGURE_NUMBERS)
def test_no_arrow_crosses_a_label_it_does_not_connect(drawn: dict[int, Figure], n: int) -> None:
    fig, g, name = drawn[n], graph_of(n), f"figure{n}"
    renderer = fig.canvas.get_renderer()
    members = {item_id(name, graph.edge_key(u, v)): set(d["members"]) for u, v, d in g.edges(data=True)}
    node_of = {item_id(name, v, "label"): v for v in g}
    labels = [
        (a.get_gid(), a.get_window_extent(renderer).padded(-1))
        for a in fig.findobj(Text)
        if a.get_gid() in node_of or "-region-" in (a.get_gid() or "") or (a.get_gid() or "").endswith("--cancers")
    ]
    arrows = [a for a in fig.findobj(FancyArrowPatch) if "-k-e-" in (a.get_gid() or "")]
    assert arrows
    for arrow in arrows:
        edge_id = arrow.get_gid().split("--")[0]
        own = members[edge_id]
        points = _arrow_points(arrow)
        for gid, box in labels:
            if node_of.get(gid) in own or (gid.startswith(edge_id + "--")):
                continue
            inside = (
                (points[:, 0] > box.x0) & (points[:, 0] < box.x1) & (points[:, 1] > box.y0) & (points[:, 1] < box.y1)
            )
            assert not inside.any(), f"{arrow.get_gid()} crosses {gid}"


@pytest.mark.parametrize("n", FIGURE_NUMBERS)
def test_no_arrow_crosses_a_node_shape_it_does_not_connect(drawn: dict[int, Figure], n: int) -> None:
    """Computed from the drawn artists (arrow paths against node shapes), not from the layout's own crossings list."""
    fig, g, name = drawn[n], graph_of(n), f"figure{n}"
    renderer = fig.canvas.get_renderer()
    members = {item_id(name, graph.edge_key(u, v)): set(d["members"]) for u, v, d in g.edges(data=True)}
    node_of = {item_id(name, v, "shape"): v for v in g}
    shapes = [
        (node_of[gid], a.get_window_extent(renderer).padded(-1)) for gid, a in by_gid(fig).items() if gid in node_of
    ]
    assert len(shapes) == len(g)
    arrows = [a for a in fig.findobj(FancyArrowPatch) if "-k-e-" in (a.get_gid() or "")]
    assert {a.get_gid().split("--")[0] for a in arrows} == set(members)
    for arrow in arrows:
        own = members[arrow.get_gid().split("--")[0]]
        points = _arrow_points(arrow)
        for node, box in shapes:
            if node in own:
                continue
            inside = (
                (points[:, 0] > box.x0) & (points[:, 0] < box.x1) & (points[:, 1] > box.y0) & (points[:, 1] < box.y1)
            )
            assert not inside.any(), f"{arrow.get_gid()} crosses the shape of {node}"


@pytest.mark.parametrize("n", [1, 2, 3])
def test_every_node_sits_inside_its_compartment(n: int) -> None:
    layout = figure_layout(n)
    g = graph.figure_graph(n)
    for v, d in g.nodes(data=True):
        box, region = layout.boxes[v], layout.regions[d["compartment"]]
        x0, y0, x1, y1 = box.rect
        assert region.x0 <= x0, v
        assert x1 <= region.x1, v
        assert region.y0 <= y0, v
        assert y1 <= region.y1, v
        for organelle in ("golgi", "lysosome", "mitochondrion", "nucleus"):  # and outside the others
            if organelle in layout.regions and organelle != d["compartment"]:
                assert not layout.regions[organelle].contains(box.x, box.y), (v, organelle)


def figure_layout(n: int, review: data.ReviewData | None = None) -> Layout:
    """Where everything of figure ``n`` goes, as the drawing code lays it out."""
    review, g = _prepare(n, review)
    return layout_for(n, g, review)


def test_highlighting_fdx1_marks_fdx1_and_its_neighbours_only() -> None:
    fig = figures.figure3_cuproptosis(highlight="fdx1")
    # Figure 3 legend: FDX1 reduces Cu²⁺ to Cu⁺ and, with LIAS, lipoylates and aggregates DLAT; data: -> cuproptosis
    expected = {"fdx1", "cu_ii@mitochondrion", "cu_i@mitochondrion", "dlat", "cuproptosis"}
    shapes = {
        a.get_gid(): a
        for a in fig.findobj(Patch)
        if (a.get_gid() or "").endswith("--shape") and "-k-e-" not in a.get_gid()
    }
    node_gid = {item_id("figure3", v, "shape"): v for v in graph.figure_graph(3)}
    marked = {node_gid[gid] for gid, a in shapes.items() if (a.get_alpha() or 1.0) == 1.0}
    dimmed = {node_gid[gid] for gid, a in shapes.items() if (a.get_alpha() or 1.0) < 0.5}
    assert marked == expected
    assert dimmed == set(node_gid.values()) - expected
    for gid, a in shapes.items():
        if node_gid[gid] in expected:
            assert a.get_linewidth() >= 2.5
    gids = by_gid(fig)
    assert gids[item_id("figure3", "e-lias-dlat", "lipoylates-0")].get_alpha() < 0.5
    assert gids[item_id("figure3", "e-fdx1-dlat", "lipoylates-0")].get_alpha() == 1.0


def test_highlight_accepts_a_label_and_rejects_unknown_names() -> None:
    g = graph.figure_graph(1)
    assert figures.highlight_nodes(g, "SLC31A1") == ["slc31a1"]
    assert figures.highlight_nodes(g, "cu_i") == [
        "cu_i@cytosol",
        "cu_i@extracellular",
        "cu_i@lysosome",
        "cu_i@mitochondrion",
    ]
    with pytest.raises(ValueError, match="not drawn"):
        figures.figure1(highlight="fdx1")


def test_cu_i_and_cu_ii_differ_in_colour_and_marker(drawn: dict[int, Figure]) -> None:
    gids = by_gid(drawn[1])
    cu_i = gids[item_id("figure1", "cu_i@cytosol", "shape")]
    cu_ii = gids[item_id("figure1", "cu_ii@cytosol", "shape")]
    assert cu_i.get_facecolor() != cu_ii.get_facecolor()
    # Cu²⁺ has a second ring, Cu⁺ has none
    assert item_id("figure1", "cu_ii@cytosol", "ring") in gids
    assert item_id("figure1", "cu_i@cytosol", "ring") not in gids
    assert style.node_style("cu_i", "ion").shape != style.node_style("cu_ii", "ion").shape
    assert gids[item_id("figure1", "cu_i@cytosol", "label")].get_text() == "Cu⁺"
    assert gids[item_id("figure1", "cu_ii@cytosol", "label")].get_text() == "Cu²⁺"


@pytest.mark.parametrize("n", FIGURE_NUMBERS)
def test_legend_explains_every_kind_and_relation_drawn(drawn: dict[int, Figure], n: int) -> None:
    legend = " ".join(a.get_text() for a in drawn[n].findobj(Text) if "-legend-" in (a.get_gid() or ""))
    g = graph_of(n)
    relations = {r for _, _, d in g.edges(data=True) for r in (d.get("relations") or (d["relation"],))}
    for rel in relations:
        assert style.edge_style(rel).meaning in legend, rel
    if n < 4:
        assert "Cu⁺ (single ring)" in legend
        assert "Cu²⁺ (double ring)" in legend
        assert "protein" in legend
    if n == 1:  # Figure 1 draws disputed steps
        assert "contradicted by its own text" in legend


@pytest.mark.parametrize("n", FIGURE_NUMBERS)
def test_fonts_are_at_least_9_points_and_width_about_11_inches(drawn: dict[int, Figure], n: int) -> None:
    fig = drawn[n]
    assert 10 <= fig.get_figwidth() <= 12
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_text()]
    assert min(sizes) >= 9


@pytest.mark.parametrize("n", [1, 2, 3])
def test_alt_text_names_every_compartment_and_node(n: int) -> None:
    text = figures.alt_text(n)
    g = graph.figure_graph(n)
    review = data.load_all()
    for comp in {d["compartment"] for _, d in g.nodes(data=True)} | {"extracellular", "plasma_membrane", "cytosol"}:
        assert review.label(comp) in text
    for _, d in g.nodes(data=True):
        assert d["label"] in text


def test_alt_text_of_figure_4_and_of_a_highlight() -> None:
    text = figures.alt_text(4)
    for drug in (
        "cisplatin",
        "5-fluorouracil",
        "vemurafenib",
        "paclitaxel",
        "gemcitabine",
        "proteasome inhibitors",
        "oxaliplatin",
        "docetaxel",
        "enzalutamide",
        "anti-PD-L1",
    ):
        assert drug in text
    assert "Highlighted: FDX1" in figures.alt_text(3, highlight="fdx1")


@pytest.mark.parametrize("n", FIGURE_NUMBERS)
def test_caption_says_redrawn_and_which_figure(n: int) -> None:
    text = figures.caption(n)
    assert f"Review Figure {n}" in text
    assert "redrawn" in text


def test_figure_svg_is_inline_scalable_and_labelled() -> None:
    svg = figures.figure_svg(3, "fig3x")
    assert svg.startswith("<svg")
    assert "<?xml" not in svg
    assert "DOCTYPE" not in svg
    head = svg[: svg.index(">")]
    assert "viewBox" in head
    assert ' width="' not in head
    assert ' height="' not in head
    assert 'role="img"' in head
    assert "aria-label=" in head
    assert "<title>" in svg
    assert f'id="{item_id("fig3x", "fdx1", "shape")}"' in svg
    assert f'id="{item_id("fig3x", "fdx1", "label")}"' in svg
    assert f'id="{item_id("fig3x", "e-fdx1-dlat", "lipoylates-0")}"' in svg
    assert 'id="fig3x-patch_1"' in svg  # matplotlib's own ids are prefixed: two figures can share a page


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return figures.export_all(tmp_path_factory.mktemp("export"))


def test_export_is_byte_identical_across_runs(exported: list[Path], tmp_path: Path) -> None:
    second = figures.export_all(tmp_path)
    assert [p.name for p in exported] == [
        "figure1.svg",
        "figure1.png",
        "figure2.svg",
        "figure2.png",
        "figure3.svg",
        "figure3.png",
        "figure4.svg",
        "figure4.png",
        "table1_overview.svg",
        "table1_overview.png",
        "table1.csv",
        "table2.csv",
        "figure1.graphml",
        "figure1.cyjs",
        "figure2.graphml",
        "figure2.cyjs",
        "figure3.graphml",
        "figure3.cyjs",
        "figure4.graphml",
        "figure4.cyjs",
        "review_network.graphml",
        "review_network.cyjs",
    ]
    for a, b in zip(exported, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_committed_figures_are_up_to_date(exported: list[Path]) -> None:
    """Fails when data/ changed without `make figures`."""
    for path in exported:
        committed = ROOT / "figures" / path.name
        assert committed.exists(), f"{committed} is missing: run `make figures`"
        assert filecmp.cmp(path, committed, shallow=False), f"{committed.name} is stale: run `make figures`"


def test_changing_a_relation_changes_the_exported_svg(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "relations.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.split("\n") if line.startswith("slc46a3,cu_i,transports,"))
    assert ",1,caption," in row
    path.write_text(text.replace(row, row.replace(",1,caption,", ",1,text,")), encoding="utf-8")
    changed = figures.export_all(tmp_path / "changed", review=data.load_all(folder), formats=("svg",))
    original = figures.export_all(tmp_path / "original", formats=("svg",))
    assert changed[0].name == "figure1.svg"
    assert changed[1].name == "figure2.svg"
    assert changed[0].read_bytes() != original[0].read_bytes()  # Figure 1: the arrow turns grey (main text only)
    assert changed[1].read_bytes() == original[1].read_bytes()  # Figure 2 does not draw that relation


def test_entities_the_data_adds_later_still_get_a_slot(tmp_path: Path) -> None:
    """New rows tagged for Figure 1 bring a nucleus, an enzyme without a home and a carrier of plain copper."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "relations.csv"
    text = path.read_text(encoding="utf-8")
    pad = "," * (text.split("\n", 1)[0].count(",") - 10)  # empty cells for the columns after note
    extra = (
        f"ccs,cu_i,delivers,cytosol,nucleus,1,text,35,copper_metabolism,,added for a test{pad}\n"
        f"cueo,cu_i,oxidizes,extracellular,,1,text,23,copper_metabolism,,added for a test{pad}\n"
        f"slc31a2,copper,transports,,,1,text,25,copper_metabolism,,added for a test{pad}\n"
    )
    path.write_text(text + ("" if text.endswith("\n") else "\n") + extra, encoding="utf-8")
    review = data.load_all(folder)
    g = graph.figure_graph(1, review)
    assert {"ccs", "cueo", "slc31a2", "cu_i@nucleus"} <= set(g)
    layout = figure_layout(1, review)
    for v, d in g.nodes(data=True):
        box, region = layout.boxes[v], layout.regions[d["compartment"]]
        assert region.x0 <= box.rect[0], v
        assert box.rect[2] <= region.x1, v
        assert region.y0 <= box.rect[1], v
        assert box.rect[3] <= region.y1, v
    fig = figures.figure1(review=review)
    renderer = fig.canvas.get_renderer()
    boxes = [a.get_window_extent(renderer) for a in fig.findobj(Text) if (a.get_gid() or "").endswith("--label")]
    assert len(boxes) == g.number_of_nodes()
    assert not any(a.overlaps(b) for a, b in combinations(boxes, 2))


def test_compact_png_is_a_palette_png_of_the_same_picture() -> None:
    import io

    from PIL import Image

    fig = figures.figure1_copper_uptake()
    compact = Image.open(io.BytesIO(figures.figure_png(fig, dpi=60)))
    full = io.BytesIO()
    fig.savefig(full, format="png", dpi=60)
    reference = Image.open(full).convert("RGB")
    assert compact.mode == "P"
    assert compact.size == reference.size
    # same picture: the mean per-pixel difference is tiny (palette rounding only)
    diff = [abs(a - b) for a, b in zip(compact.convert("RGB").tobytes(), reference.tobytes(), strict=True)]
    assert sum(diff) / len(diff) < 2.0


def test_inline_svg_coordinates_are_trimmed_to_a_tenth_of_a_point() -> None:
    import re

    svg = figures.figure_svg(1, "trim")
    coords = re.findall(r' d="([^"]*)"', svg)
    assert coords
    assert not any(re.search(r"\d\.\d\d", c) for c in coords)
    # glyphs and markers keep their exact scale factors: text must not shrink to nothing
    scales = [float(v) for v in re.findall(r"scale\(([0-9.]+)", svg)]
    assert scales
    assert min(scales) > 0.001


def test_table1_at_a_glance_draws_one_marker_per_reported_effect() -> None:
    from cuproptosis_book.figures.table_figures import EFFECT_KINDS, table1_columns

    fig = figures.table1_at_a_glance()
    ax = fig.axes[0]
    markers = [line for line in ax.get_lines() if line.get_xydata().shape == (1, 2)]
    # Table 1 as read by hand: 10 particles, 24 (particle, effect) pairs; every particle induces cuproptosis
    assert len(markers) == 24
    assert ax.get_yticklabels()[0].get_text() == "ES@CuO"
    assert len(ax.get_yticklabels()) == 10
    cuproptosis = table1_columns().index("cuproptosis")
    assert sum(1 for m in markers if m.get_xydata()[0][0] == cuproptosis) == 10
    # greyscale print: each kind of effect has its own marker shape, and the legend names every kind shown
    assert len({marker for _, _, marker, _ in EFFECT_KINDS}) == len(EFFECT_KINDS)
    legend = fig.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [name for name, *_ in EFFECT_KINDS]
    texts = [t.get_text() for t in ax.texts]
    assert "colorectal cancer, triple-negative breast cancer" in texts


def test_table1_overview_alt_text_names_every_particle() -> None:
    alt = figures.table1_overview_alt()
    for name in ("ES@CuO", "Cu/TI", "CuET NPs", "CuO₂@G5-BS/TF"):
        assert name in alt
    assert "cuproptosis 10" in alt
    assert "immunogenic cell death 3" in alt
