"""Figures as files: deterministic SVG and PNG bytes, inline SVG for explorers, and ``make figures``' export.

Nothing is random and metadata (dates, software versions) is dropped, so two runs give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.figures.graph_files import write_graphs
from cuproptosis_book.figures.layout import TITLES
from cuproptosis_book.figures.review_figures import FIGURES, alt_text
from cuproptosis_book.figures.style import RC
from cuproptosis_book.figures.table_figures import TITLE as TABLE1_OVERVIEW_TITLE
from cuproptosis_book.figures.table_figures import table1_at_a_glance
from cuproptosis_book.review import tables
from cuproptosis_book.text import esc, slug

SVG_METADATA = {"Date": None, "Creator": None}

PNG_METADATA = {"Software": None}


def _svg_bytes(fig: Figure) -> str:
    import io

    buf = io.StringIO()
    with mpl.rc_context(RC):
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
    image = (
        Image.open(raw).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    )
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

    Node shapes, labels and arrows carry ids from :func:`item_id` (item key = node id, or
    ``e-SOURCE-TARGET`` for an edge). matplotlib's own ids are prefixed, so several figures can share a page.
    """
    fig = FIGURES[n](review=review, explorer=explorer_name)
    svg = _svg_bytes(fig)
    svg = svg[svg.index("<svg") :]  # drop the XML prologue and DOCTYPE
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    prefix = f"{slug(explorer_name)}-"
    svg = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}{m.group(2)}", svg)
    svg = _ATTR_NUMBERS.sub(lambda m: _DECIMALS.sub(r"\1", m.group(0)), svg)
    svg = re.sub(r"\n\s*", "\n", svg)  # matplotlib's indentation: bytes a browser never needs
    head_end = svg.index(">")
    head = re.sub(r'\s(width|height)="[^"]*"', "", svg[:head_end])
    alt = esc(alt_text(n, review=review))
    head += f' role="img" aria-label="{alt}" class="cb-figure"'
    return f"{head}>\n<title>{alt}</title>{svg[head_end + 1 :]}"


#: Column names of the published table files: the printed headings ("Tumor types", "Ref.") have spaces and dots
#: that R, SQL and spreadsheets mangle; figures/datapackage.json keeps each printed heading as the field's title.
CSV_COLUMNS = {
    "NPs": "nps",
    "Compounds": "compounds",
    "Tumor types": "tumor_types",
    "effects": "effects",
    "Enhance drug efficacy": "enhance_drug_efficacy",
    "Ref.": "refs_printed",
}


def export_all(
    out_dir: Path, review: ReviewData | None = None, formats: Sequence[str] = ("svg", "png", "graphml", "cyjs")
) -> list[Path]:
    """Write figure1-4 and table1_overview as .svg and 300-dpi .png, table1.csv, table2.csv (the tables as
    printed, plain text), then the graphs of Figures 1-4 and of the whole review network as .graphml and
    .cyjs (:mod:`.graph_files`); byte-identical on every run."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    review = review_of(review)
    written = []
    drawings = [(f"figure{n}", TITLES[n], draw(review=review)) for n, draw in FIGURES.items()]
    drawings.append(("table1_overview", TABLE1_OVERVIEW_TITLE, table1_at_a_glance(review)))
    for stem, title, fig in drawings:
        with mpl.rc_context(RC):  # svg.hashsalt and fonts: the same bytes on every machine
            if "svg" in formats:
                written.append(out_dir / f"{stem}.svg")
                fig.savefig(written[-1], format="svg", metadata={**SVG_METADATA, "Title": title})
            if "png" in formats:
                written.append(out_dir / f"{stem}.png")
                fig.savefig(written[-1], format="png", dpi=300, metadata=PNG_METADATA)
    for name, table in (("table1", tables.table1_printed(review)), ("table2", tables.table2_printed(review))):
        path = out_dir / f"{name}.csv"
        # The cells are the review's published tables as printed (CC BY 4.0), plain text: provenance is in
        # figures/README.md and figures/datapackage.json, not in the cells.
        table.rename(columns=CSV_COLUMNS).to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        written.append(path)
    written += write_graphs(out_dir, review, formats)
    return written


show_compact_png()
