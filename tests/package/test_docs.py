"""The developer docs match the tree: every path and module they name exists, and the architecture note lists
every module of the package.

Checked: ``README.md``, ``notes/*.md`` and ``bench/README.md``. A path is a backticked span such as
``cuproptosis_book/site/export.py``, ``tests/site/test_colab.py`` or ``data/relations.csv`` whose first folder is a
folder of the repository or of the package (so ``figures/style.py`` may name ``cuproptosis_book/figures/style.py``),
or the target of a relative Markdown link. It must exist from the repository root, the package or the doc's own
folder, unless ``.gitignore`` says it is generated (``_build/``, ``bench/results.json``). A module is a backticked
``cuproptosis_book.x.y`` (also inside a command such as ``python -m cuproptosis_book.site.decks``): it must import,
and a trailing attribute must exist.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "cuproptosis_book"
DOCS = [ROOT / "README.md", *sorted((ROOT / "notes").glob("*.md")), ROOT / "bench" / "README.md"]
ARCHITECTURE = ROOT / "notes" / "architecture.md"

SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
PATH = re.compile(r"[\w.\-]+(?:/[\w.\-]*)+")
MODULE = re.compile(r"\bcuproptosis_book(?:\.\w+)+")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _folders(base: Path) -> set[str]:
    return {p.name for p in base.iterdir() if p.is_dir() and p.name != "__pycache__"}


def generated() -> list[str]:
    """Paths ``.gitignore`` names (a trailing ``/`` marks a folder): the docs may name what a build writes."""
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#") and "*" not in line]


def is_generated(path: str) -> bool:
    return any(path == g.rstrip("/") or (g.endswith("/") and path.startswith(g)) for g in generated())


def named_paths(doc: Path) -> list[str]:
    """The repository paths ``doc`` names in backticks, and its relative link targets."""
    text = doc.read_text(encoding="utf-8")
    roots = _folders(ROOT) | _folders(PACKAGE) | {g.split("/")[0] for g in generated() if "/" in g}
    found = [s.strip() for s in SPAN.findall(text) if PATH.fullmatch(s.strip())]
    found = [p for p in found if p.split("/")[0] in roots]
    links = [t.split("#")[0] for t in LINK.findall(text) if not re.match(r"[a-z]+:|#", t)]
    return found + [t for t in links if t]


def exists(path: str, doc: Path) -> bool:
    """``path`` is in the tree, is generated, or is a page the book builds from a notebook or Markdown file."""
    if is_generated(path) or any((base / path).exists() for base in (ROOT, PACKAGE, doc.parent)):
        return True
    page = ROOT / path
    return page.suffix == ".html" and any(page.with_suffix(s).exists() for s in (".ipynb", ".md"))


def named_modules(doc: Path) -> list[str]:
    return [m for span in SPAN.findall(doc.read_text(encoding="utf-8")) for m in MODULE.findall(span)]


def resolves(dotted: str) -> bool:
    """``dotted`` is a module of the package, or an attribute chain on one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_path_a_doc_names_exists(doc: Path) -> None:
    missing = sorted({p for p in named_paths(doc) if not exists(p, doc)})
    assert not missing, f"{doc.relative_to(ROOT)} names paths that do not exist: {missing}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_a_doc_names_exists(doc: Path) -> None:
    missing = sorted({m for m in named_modules(doc) if not resolves(m)})
    assert not missing, f"{doc.relative_to(ROOT)} names modules or attributes that do not exist: {missing}"


def test_the_path_check_catches_a_wrong_path(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text(
        "See `tests/test_colab.py`, `site/toc.py`, `figures/style.py`, `figures/figure1.svg`, `_build/html`, "
        "`text/html`, `bench/results.json`, `chapters/outlook.html`, `chapters/nowhere.html`, [the guide](../notes/x.md)"
        " and [the note](notes/architecture.md).",
        encoding="utf-8",
    )
    wrong = [p for p in named_paths(doc) if not exists(p, doc)]
    assert wrong == ["tests/test_colab.py", "site/toc.py", "chapters/nowhere.html", "../notes/x.md"]


def test_the_module_check_catches_a_wrong_module() -> None:
    assert resolves("cuproptosis_book.site.decks")
    assert resolves("cuproptosis_book.explorers.base.Explorer")
    assert not resolves("cuproptosis_book.site.toc")
    assert not resolves("cuproptosis_book.data.no_such_loader")


# --------------------------------------------------------------------------- the architecture note's module map


def module_map() -> dict[str, str]:
    """The package part of the architecture note's map: folder (``""`` for the package root) -> its text."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    block = text.split("```", 2)[1]
    sections: dict[str, str] = {}
    current: str | None = None
    folders = _folders(PACKAGE)
    for line in block.splitlines():
        head = line.split(" ", 1)[0]
        if line.startswith(" ") and current is not None:
            sections[current] += line + "\n"
        elif head.rstrip("/") in folders and head.endswith("/") and head.rstrip("/") not in sections:
            current = head.rstrip("/")
            sections[current] = line[len(head) :] + "\n"
        elif re.fullmatch(r"[\w, .]+\.py", line[:20].strip()):
            current = ""
            sections[""] = sections.get("", "") + line + "\n"
        else:
            current = None
    return sections


def test_the_architecture_note_lists_every_module() -> None:
    sections = module_map()
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__init__.py":
            continue
        folder = "" if path.parent == PACKAGE else path.parent.name
        if not re.search(rf"(?<![\w/]){re.escape(path.name)}\b", sections.get(folder, "")):
            missing.append(str(path.relative_to(PACKAGE)))
    assert not missing, f"notes/architecture.md does not list these modules: {missing}"


def test_every_module_the_architecture_note_lists_exists() -> None:
    extra = [
        f"{folder}/{name}" if folder else name
        for folder, text in module_map().items()
        for name in re.findall(r"(?<![\w/.])(\w+\.py)\b", text)
        if not (PACKAGE / folder / name).exists()
    ]
    assert not extra, f"notes/architecture.md lists modules that do not exist: {extra}"
