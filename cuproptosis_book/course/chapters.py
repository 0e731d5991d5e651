"""The chapters of the course, their objective prefixes and the notebooks they live in."""

from __future__ import annotations

import json
from pathlib import Path

from cuproptosis_book.paths import chapters_dir

#: The chapters the course module draws on: file stem -> objective prefix, in book order.
CHAPTERS: dict[str, str] = {
    "introduction": "in",
    "copper_metabolism": "cm",
    "cuproptosis": "cu",
    "copper_ionophores": "io",
    "nanoparticles": "np",
    "drug_resistance": "dr",
    "knowledge_graph": "kg",
    "outlook": "ol",
}


def chapter_path(chapter: str, folder: Path | None = None) -> Path:
    folder = folder if folder is not None else chapters_dir()
    return folder / f"{chapter}.ipynb"


def present_chapters(folder: Path | None = None) -> list[str]:
    """The course chapters whose notebook exists, in book order."""
    folder = folder if folder is not None else chapters_dir()
    return [c for c in CHAPTERS if chapter_path(c, folder).exists()]


def markdown_cells(path: Path) -> list[str]:
    """The source of every markdown cell of a notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in nb["cells"]
        if c["cell_type"] == "markdown"
    ]


def chapter_title(chapter: str, folder: Path | None = None) -> str:
    folder = folder if folder is not None else chapters_dir()
    for src in markdown_cells(chapter_path(chapter, folder)):
        for line in src.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return chapter
