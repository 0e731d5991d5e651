"""The package's conventions (notes/architecture.md), read from the source with :mod:`ast`.

- One default review: a function that reads the review takes ``review: ReviewData | None = None`` and fills it with
  ``data.review_of``; nothing else loads the default (no ``load_all()`` without a folder, no ``review or ...``, no
  inline ``review if review is not None else ...``), and no function ignores the ``review`` it is given.
- One explorer signature: in ``explorers/``, ``review`` is keyword-only and last; ``name`` is keyword-only and first
  of the keyword-only arguments.
- One path per function: an explorer module exports only what it defines, and a chapter notebook calls on its
  explorer module only what that module defines.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "cuproptosis_book"
EXPLORERS = PACKAGE / "explorers"
SOURCES = sorted(PACKAGE.rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _functions(tree: ast.AST) -> list[ast.FunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"


def _is_review_of(path: Path, func: ast.FunctionDef) -> bool:
    return path.name == "data.py" and func.name == "review_of"


def _tests_review_for_none(test: ast.expr) -> bool:
    """``review is None`` or ``review is not None``."""
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "review"
        and all(isinstance(c, ast.Constant) and c.value is None for c in test.comparators)
    )


def test_no_module_loads_the_default_review_its_own_way() -> None:
    found = []
    for path in SOURCES:
        tree = _tree(path)
        allowed = {id(n) for f in _functions(tree) if _is_review_of(path, f) for n in ast.walk(f)}
        for node in ast.walk(tree):
            if id(node) in allowed:
                continue
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name == "load_all" and not node.args and not node.keywords:
                    found.append(f"{_where(path, node)} load_all() (use review_of)")
            elif isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
                if isinstance(node.values[0], ast.Name) and node.values[0].id == "review":
                    found.append(f"{_where(path, node)} review or ...")
            elif isinstance(node, ast.IfExp) and _tests_review_for_none(node.test):
                found.append(f"{_where(path, node)} inline default of review")
    assert not found, "the default review is filled only by data.review_of:\n" + "\n".join(found)


def _review_unused(func: ast.FunctionDef) -> bool:
    names = [a.arg for a in func.args.posonlyargs + func.args.args + func.args.kwonlyargs]
    if "review" not in names:
        return False
    return not any(isinstance(n, ast.Name) and n.id == "review" for stmt in func.body for n in ast.walk(stmt))


def test_no_function_ignores_the_review_it_is_given() -> None:
    ignored = [f"{_where(p, f)} {f.name}" for p in SOURCES for f in _functions(_tree(p)) if _review_unused(f)]
    assert not ignored, f"functions that take a review and never read it: {ignored}"


def test_the_ignored_argument_check_catches_one() -> None:
    tree = ast.parse("def effect_tags(review=None):\n    return load_schema().enum\n")
    assert _review_unused(_functions(tree)[0])
    tree = ast.parse("def effect_tags(review=None):\n    return review_of(review).schema\n")
    assert not _review_unused(_functions(tree)[0])


def _signature_problems(func: ast.FunctionDef) -> list[str]:
    positional = [a.arg for a in func.args.posonlyargs + func.args.args]
    keyword = [a.arg for a in func.args.kwonlyargs]
    problems = []
    if "review" in positional:
        problems.append("review is positional")
    if keyword and "review" in keyword and keyword[-1] != "review":
        problems.append("review is not last")
    if "name" in keyword and keyword[0] != "name":
        problems.append("name is not the first keyword-only argument")
    defaults = dict(zip(positional[len(positional) - len(func.args.defaults) :], func.args.defaults, strict=True))
    if any(arg in defaults for arg in ("name", "default")):
        problems.append("an optional name or default is positional")
    return problems


def test_explorer_functions_share_one_argument_order() -> None:
    problems = [
        f"{_where(p, f)} {f.name}: {problem}"
        for p in sorted(EXPLORERS.glob("*.py"))
        for f in _tree(p).body
        if isinstance(f, ast.FunctionDef) and not f.name.startswith("_")
        for problem in _signature_problems(f)
    ]
    assert not problems, "explorer signatures are (what it shows, *, name, defaults, review):\n" + "\n".join(problems)


def test_the_signature_check_catches_the_old_orders() -> None:
    for old in (
        "def x(review=None, name='x', default='a'): ...",
        "def x(default='a', review=None, name='x'): ...",
        "def x(*, default='a', name='x', review=None): ...",
    ):
        assert _signature_problems(_functions(ast.parse(old))[0]), old
    assert not _signature_problems(_functions(ast.parse("def x(n, *, name='x', default='a', review=None): ..."))[0])


def defined_names(path: Path) -> set[str]:
    """Names a module defines itself (functions, classes, assignments), not those it imports."""
    names: set[str] = set()
    for node in _tree(path).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def exported_names(path: Path) -> list[str]:
    for node in _tree(path).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return [ast.literal_eval(e) for e in node.value.elts]  # type: ignore[attr-defined]
    return []


@pytest.mark.parametrize("path", sorted(EXPLORERS.glob("[!_]*.py")), ids=lambda p: p.stem)
def test_an_explorer_module_exports_only_what_it_defines(path: Path) -> None:
    reexported = sorted(set(exported_names(path)) - defined_names(path))
    assert not reexported, f"{path.name} re-exports {reexported}: import them from the module that defines them"


def _code_cells(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    # strings and comments dropped: they may name a file such as nanoparticles.csv
    strip = re.compile(r"\"[^\"\n]*\"|'[^'\n]*'|#.*")
    return [strip.sub("", "".join(c["source"])) for c in cells if c["cell_type"] == "code"]


def test_chapters_call_on_an_explorer_module_only_what_it_defines() -> None:
    modules = {p.stem: defined_names(p) for p in EXPLORERS.glob("[!_]*.py")}
    wrong = set()
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        for source in _code_cells(notebook):
            for name, attrs in modules.items():
                for attr in re.findall(rf"(?<![\w.]){name}\.(\w+)", source):
                    if attr not in attrs:
                        wrong.add(f"{notebook.name}: {name}.{attr}")
    assert not wrong, f"calls that reach a function through a module that does not define it: {sorted(wrong)}"
