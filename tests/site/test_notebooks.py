"""Every notebook of the book is covered by nbval and committed executed, with a current setup cell."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from cuproptosis_book.site.export import SETUP_TAG, WIDGET_VIEW, setup_cell_source
from cuproptosis_book.toc import toc_notebooks

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = toc_notebooks(ROOT)


def test_the_toc_lists_notebooks() -> None:
    assert ROOT / "chapters" / "introduction.ipynb" in NOTEBOOKS
    assert all(p.exists() for p in NOTEBOOKS)


def test_every_toc_notebook_is_under_an_nbval_test_path() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "--nbval" in config["addopts"], "nbval must run in strict mode (--nbval, not --nbval-lax)"
    assert "--nbval-lax" not in config["addopts"]
    roots = [ROOT / p for p in config["testpaths"]]
    uncovered = [p for p in NOTEBOOKS if not any(p.is_relative_to(r) for r in roots)]
    assert not uncovered, f"notebooks in _toc.yml that nbval never collects: {uncovered}"


def test_no_notebook_outside_the_toc() -> None:
    on_disk = {
        p.resolve() for folder in ("chapters", "reference", "instructors") for p in (ROOT / folder).glob("*.ipynb")
    }
    assert on_disk == {p.resolve() for p in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_executed_and_clean(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "a book notebook runs code"
    assert all(c.get("execution_count") is not None for c in code), "run `make notebooks` and commit the outputs"
    assert "widgets" not in nb["metadata"], "widget state is volatile and heavy: `make notebooks` strips it"
    views = [o for c in code for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]
    assert not views, "committed widget views point at models that no longer exist: `make notebooks` drops them"
    for c in code:
        text = "".join(c["source"])
        assert not re.search(r"^\s*(def|class) ", text, re.MULTILINE), (
            "helpers belong in the package, not in a notebook"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_colab_setup_cell_follows_the_config(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    setup = [c for c in nb["cells"] if SETUP_TAG in c.get("metadata", {}).get("tags", [])]
    assert len(setup) == 1, "each notebook has one setup cell for Colab"
    assert "".join(setup[0]["source"]) == setup_cell_source(ROOT), "repository.url changed: run `make notebooks`"
    assert "remove-cell" in setup[0]["metadata"]["tags"]


CHAPTERS = [p for p in NOTEBOOKS if p.parent.name == "chapters" and p.stem != "introduction"]


def markdown_of(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_meets_the_book_standard(path: Path) -> None:
    md = markdown_of(path)
    cited = {key.strip() for keys in re.findall(r"\{cite\}`([^`]+)`", md) for key in keys.split(",")}
    assert len(cited) >= 5, f"{path.stem} cites {len(cited)} distinct references; the standard is 5"
    assert "Learning objectives" in md
    assert "Key points" in md
    assert re.search(r"\*\*\[[a-z]{2}-1\]\*\*", md), "objectives carry ids like **[cm-1]**"
    exercises = re.findall(r"\{exercise\}[^\n]*\n:label: (ex-[a-z]{2}-\d+)", md)
    assert len(exercises) >= 3, f"{path.stem} has {len(exercises)} exercises; the standard is 3"
    for label in exercises:
        assert re.search(r"\{solution(?:-start)?\} " + re.escape(label) + r"\s*\n:class: dropdown", md), (
            f"{label} needs a solution folded by default"
        )
