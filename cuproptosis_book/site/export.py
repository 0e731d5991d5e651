"""Command line for the book's generated artefacts: ``python -m cuproptosis_book.site.export WHAT``.

- ``figures``: write ``figures/figure1-4.{svg,png}``, ``figures/table1-2.csv`` and the graphs as ``.graphml`` and
  ``.cyjs`` (deterministic).
- ``notebooks``: refresh each chapter's setup cell from ``_config.yml`` and re-execute it in place, so
  the committed outputs match the data (nbval then checks they stay that way).
- ``handouts``: print each chapter page of the built site (``--site learner`` or ``instructor``) to PDF with headless
  Chromium.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from cuproptosis_book import figures
from cuproptosis_book.figures import export_all
from cuproptosis_book.paths import book_root
from cuproptosis_book.site.handouts import handout_pages, print_handouts
from cuproptosis_book.site.two_sites import site_folder
from cuproptosis_book.toc import book_config, repository, toc_notebooks

SETUP_TAG = "colab-setup"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SETUP_TEMPLATE = """\
# In Colab (or any Jupyter without this book installed): fetch the book and install its package.
import importlib.util, subprocess, sys
if importlib.util.find_spec("cuproptosis_book") is None:
    REPO = "{url}"
    subprocess.run(["git", "clone", "--depth", "1", "--branch", "{branch}", REPO, "cuproptosis-book"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "-e", "cuproptosis-book"], check=True)
    sys.path.insert(0, "cuproptosis-book")"""


def setup_cell_source(root: Path | None = None) -> str:
    """The Colab setup cell, pointing to ``repository.url`` and ``branch`` of ``_config.yml``."""
    repo = repository(book_config(root))
    if not repo.url:
        msg = "_config.yml: repository.url is missing"
        raise SystemExit(msg)
    return SETUP_TEMPLATE.format(url=repo.url, branch=repo.branch)


FIGURE_TAG = re.compile(r"figure-([1-4])")


def figure_number(cell: dict[str, Any]) -> int | None:
    """The review figure a cell draws, from its ``figure-N`` tag."""
    for tag in cell.get("metadata", {}).get("tags", []):
        m = FIGURE_TAG.fullmatch(tag)
        if m:
            return int(m.group(1))
    return None


def sync_figure_metadata(cell: dict[str, Any]) -> None:
    """Caption and alt text of a figure cell come from the package (one source for both)."""
    n = figure_number(cell)
    if n is None:
        return
    mystnb = cell.setdefault("metadata", {}).setdefault("mystnb", {})
    mystnb.setdefault("figure", {})["caption"] = figures.caption(n)
    mystnb.setdefault("image", {})["alt"] = figures.alt_text(n)


def execute_notebook(path: Path, root: Path | None = None) -> None:
    """Refresh the setup cell, execute in place, and drop volatile metadata."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]  # nbformat leaves read/write unannotated
    for cell in nb.cells:
        if cell.cell_type == "code" and SETUP_TAG in cell.metadata.get("tags", []):
            cell.source = setup_cell_source(root)
        sync_figure_metadata(cell)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            # A committed widget view points at a model that no longer exists (random id, no saved state):
            # keep the explorer's HTML fallback, which every viewer shows, and the file stays deterministic.
            output.get("data", {}).pop(WIDGET_VIEW, None)
    nbformat.validate(nb)
    nbformat.write(nb, path)  # type: ignore[no-untyped-call]  # nbformat leaves read/write unannotated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cuproptosis_book.site.export",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("what", choices=["figures", "notebooks", "handouts"])
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: figures/ or _build/handouts)")
    parser.add_argument(
        "--site", choices=["learner", "instructor"], default="learner", help="with 'handouts': which site to print"
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="with 'notebooks': only these")
    args = parser.parse_args(argv)
    root = book_root()
    if args.what == "figures":
        for path in export_all(args.out or root / "figures"):
            print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    elif args.what == "notebooks":
        for path in [p.resolve() for p in args.notebooks] or toc_notebooks():
            print(f"executing {path.relative_to(root)}", flush=True)
            execute_notebook(path, root)
    else:
        site, out = site_folder(root, args.site), args.out or root / "_build" / "handouts"
        for path in print_handouts(site, out, pages=handout_pages(args.site, root)):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
