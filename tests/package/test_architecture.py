"""The package's shape: data flow one way through the layers, no import cycle, no module too long to read.

The import graph is read from the source with :mod:`ast` (every ``import`` anywhere in a module, also inside a
function), so a lazy import cannot hide a cycle or an upward dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "cuproptosis_book"
NAME = "cuproptosis_book"
#: The layers, upstream first: a module may import from its own layer and the layers before it.
LAYERS = ("data", "text", "review", "figures", "explorers", "course", "site")
LAYER_OF_MODULE = {
    "data": "data",
    "frames": "data",
    "paths": "data",
    "toc": "data",
    "chapter_source": "data",
    "myst": "data",
    "validate": "data",
    "text": "text",
}
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str | None:
    """The layer of ``cuproptosis_book.<first>...``; None for the package's own ``__init__``."""
    parts = module.split(".")
    if len(parts) == 1:
        return None
    return LAYER_OF_MODULE.get(parts[1], parts[1])


def imports(module: str, path: Path, known: set[str]) -> set[str]:
    """The package modules that ``module`` imports (``from pkg import sub`` counts as importing ``pkg.sub``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == NAME}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != NAME:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    return {m for m in found if m != module}


def import_graph() -> nx.DiGraph:
    mods = modules()
    g = nx.DiGraph()
    g.add_nodes_from(mods)
    for m, p in mods.items():
        g.add_edges_from((m, t) for t in imports(m, p, set(mods)) if t in mods)
    return g


def test_every_module_belongs_to_a_layer() -> None:
    strays = [m for m in modules() if m != NAME and layer(m) not in LAYERS]
    assert strays == [], f"modules outside the layers {LAYERS}: {strays}"


def test_the_import_graph_sees_the_known_edges() -> None:
    g = import_graph()  # a parser that finds nothing would pass the tests below: check it finds real imports
    assert g.has_edge("cuproptosis_book.review.graph", "cuproptosis_book.data")
    assert g.has_edge("cuproptosis_book.explorers.nanoparticles", "cuproptosis_book.review.agents")
    assert g.has_edge("cuproptosis_book.site.export", "cuproptosis_book.figures")


def test_no_import_cycle() -> None:
    # a package __init__ that re-exports its submodules is not a cycle of meaning: drop package -> own child edges
    g = import_graph()
    g.remove_edges_from([(u, v) for u, v in list(g.edges) if v.startswith(u + ".")])
    cycles = list(nx.simple_cycles(g))
    assert cycles == [], f"import cycles: {cycles}"


def test_no_upward_import() -> None:
    rank = {name: i for i, name in enumerate(LAYERS)}
    upward = []
    for u, v in import_graph().edges:
        lu, lv = layer(u), layer(v)
        if lu is None or lv is None:
            continue
        if rank[lv] > rank[lu]:
            upward.append(f"{u} ({lu}) imports {v} ({lv})")
    assert upward == [], "imports against the data flow:\n" + "\n".join(upward)


@pytest.mark.parametrize("module", sorted(modules()))
def test_module_is_short_enough_to_read(module: str) -> None:
    lines = len(modules()[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines (at most {MAX_LINES}): split it by what it holds"
