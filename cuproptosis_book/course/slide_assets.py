"""Slide assets for instructors: every figure and table of the review with its attribution."""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from cuproptosis_book import figures
from cuproptosis_book.frames import as_str
from cuproptosis_book.text import esc

REVIEW_CITATION = "Yao L, Jiang B, Xu D. Cancer Drug Resist. 2025;8:15, doi:10.20517/cdr.2025.41, CC BY 4.0"

#: Where each slide-ready asset is shown in the book (chapter file stem).
ASSET_CHAPTER = {
    "figure1": "copper_metabolism",
    "figure2": "copper_metabolism",
    "figure3": "cuproptosis",
    "figure4": "drug_resistance",
    "table1": "nanoparticles",
    "table2": "drug_resistance",
}


TABLE_CAPTIONS = {
    1: "Review Table 1, rebuilt from the book's data: the copper nanoparticles reported to induce cuproptosis, "
    "with tumour types, effects and references (from nanoparticles.csv).",
    2: "Review Table 2, rebuilt from the book's data: the copper-targeting compounds reported to strengthen drugs "
    "against resistant cancers, with tumour types and references (from resistance.csv).",
}


def attribution(kind: str, n: int) -> str:
    """The attribution line to put under a slide that shows review Figure/Table ``n`` redrawn from data."""
    verb = "Redrawn" if kind == "Figure" else "Rebuilt"
    return f"{verb} from data encoding {kind} {n} of {REVIEW_CITATION}; changes: {verb.lower()} from data"


def slide_assets() -> pd.DataFrame:
    """Every slide-ready file ``make figures`` writes to figures/: files, caption, attribution, chapter."""
    rows = []
    for n in (1, 2, 3, 4):
        rows.append(
            {
                "asset": f"Figure {n}",
                "files": f"figures/figure{n}.svg, figures/figure{n}.png",
                "caption": figures.caption(n),
                "attribution": attribution("Figure", n),
                "chapter": ASSET_CHAPTER[f"figure{n}"],
            }
        )
    for n in (1, 2):
        rows.append(
            {
                "asset": f"Table {n}",
                "files": f"figures/table{n}.csv",
                "caption": TABLE_CAPTIONS[n],
                "attribution": attribution("Table", n),
                "chapter": ASSET_CHAPTER[f"table{n}"],
            }
        )
    return pd.DataFrame(rows, columns=["asset", "files", "caption", "attribution", "chapter"])


def slide_cards(assets: pd.DataFrame | None = None) -> HTML:
    """The slide-ready assets as readable cards: files, caption, and the attribution line to copy."""
    assets = assets if assets is not None else slide_assets()
    cards = []
    for a in assets.itertuples(index=False):
        files = ", ".join(f"<code>{esc(f.strip())}</code>" for f in as_str(a.files).split(","))
        cards.append(
            f'<section class="cb-slide-asset"><h3>{esc(a.asset)}</h3><dl>'
            f"<dt>Files</dt><dd>{files}</dd>"
            f"<dt>Caption</dt><dd>{esc(a.caption)}</dd>"
            f"<dt>Attribution line</dt><dd><code>{esc(a.attribution)}</code></dd></dl></section>"
        )
    # IPython's display classes carry no annotations
    return HTML('<div class="cb-slide-assets">' + "".join(cards) + "</div>")  # type: ignore[no-untyped-call]
