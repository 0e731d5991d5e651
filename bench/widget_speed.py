"""``widget_median_ms``, ``widget_p95_ms``: the live (Jupyter) explorers, in process.

Each notebook of ``_toc.yml`` is run cell by cell in one namespace and every Explorer it shows, binds or lists
(a quiz's ``.explorers``) is collected; each control of each explorer's live widget is set to each of its other
values, timed until the output widget changes: exactly the callback Jupyter runs, without the comm round trip.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.harness import Run
from bench.stats import median, p95


def measure(run: Run) -> None:
    from cuproptosis_book.toc import toc_notebooks

    explorers, problems = collect_explorers(toc_notebooks(run.src))
    for p in problems:
        run.note(p)
    samples: list[float] = []
    per: dict[str, Any] = {}
    for where, ex in explorers:
        s, unchanged = time_widget(ex)
        samples += s
        per[f"{where}:{ex.name}"] = {
            "samples": len(s),
            "median_ms": median(s),
            "max_ms": max(s, default=None),
            "unchanged": unchanged,
        }
    if not samples:
        run.note("widget: no explorer found in the notebooks of _toc.yml (no samples)")
    run.details["widget"] = {"explorers": len(explorers), "samples": len(samples), "per_explorer": per}
    run.measures.update(widget_median_ms=median(samples), widget_p95_ms=p95(samples))


def collect_explorers(notebooks: Sequence[Path]) -> tuple[list[tuple[str, Any]], list[str]]:
    """Run each notebook's code cells in-process and collect the Explorer objects they produce.

    A cell's last expression (what Jupyter displays), anything passed to ``display()`` and every
    Explorer bound to a name count. IPython syntax is translated by IPython's own transformer; magics
    (``%matplotlib inline``) and shell escapes are skipped (display settings only: no kernel here).
    Cells that fail are reported and skipped.
    """
    import matplotlib as mpl
    from IPython.core.inputtransformer2 import TransformerManager

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    from cuproptosis_book.explorers.base import Explorer

    found: list[tuple[str, Any]] = []
    problems: list[str] = []
    for path in notebooks:
        nb = json.loads(path.read_text(encoding="utf-8"))
        seen: set[int] = set()

        def keep(obj: Any) -> None:  # called within this loop iteration only (B023 below)
            # an Explorer, a list of them, or a composite that shows several (``.explorers``, e.g. a quiz)
            items = obj if isinstance(obj, (list, tuple)) else [obj]
            for item in items:
                if isinstance(item, Explorer):
                    if id(item) not in seen:  # noqa: B023
                        seen.add(id(item))  # noqa: B023
                        found.append((path.stem, item))  # noqa: B023
                    continue
                try:
                    inner = getattr(item, "explorers", None)
                except Exception:  # noqa: BLE001 - a property that fails is not an explorer
                    inner = None
                if isinstance(inner, (list, tuple)):
                    keep([e for e in inner if isinstance(e, Explorer)])

        def display(*objs: Any, **_: Any) -> None:
            for o in objs:
                keep(o)

        ns: dict[str, Any] = {"__name__": "__main__", "display": display, "get_ipython": _NoShell}
        cwd = Path.cwd()
        os.chdir(path.parent)
        try:
            for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
                src = "".join(cell["source"])
                if "colab-setup" in cell.get("metadata", {}).get("tags", []):
                    continue
                try:
                    tree = ast.parse(TransformerManager().transform_cell(src))  # type: ignore[no-untyped-call]
                    end = tree.body[-1] if tree.body else None
                    last = end if isinstance(end, ast.Expr) else None  # what Jupyter displays
                    if last is not None:
                        tree.body.pop()
                    with contextlib.redirect_stdout(io.StringIO()):
                        exec(compile(tree, f"{path.name}[{i}]", "exec"), ns)
                        if last is not None:
                            keep(eval(compile(ast.Expression(last.value), f"{path.name}[{i}]", "eval"), ns))
                except Exception as exc:  # noqa: BLE001 - reported, the other cells still run
                    problems.append(f"widget: {path.name} code cell {i} failed in-process: {exc!r}"[:300])
            for value in list(ns.values()):
                keep(value)
        finally:
            os.chdir(cwd)
            plt.close("all")
    return found, problems


class _NoShell:
    """What ``get_ipython()`` returns to cells run in-process: magics and shell escapes do nothing."""

    def run_line_magic(self, *args: Any, **kwargs: Any) -> None:
        return None

    run_cell_magic = system = getoutput = run_line_magic


def time_widget(ex: Any) -> tuple[list[float], int]:
    """Set each control of ``ex``'s live widget to each of its other values; ms until the output changed.

    The time runs from the assignment ``w.controls[i].value = v`` (what a click does) to the moment the
    output widget's ``value`` trait is set (an observer records it), i.e. exactly the live callback.
    Returns (samples in ms, how many changes left the output unchanged).
    """
    w = ex.widget()
    stamp: list[float] = []
    w.output.observe(lambda _change: stamp.append(time.perf_counter()), names="value")
    samples, unchanged = [], 0
    for control, box in zip(ex.controls, w.controls, strict=True):
        for value in control.values:
            if box.value == value:
                continue
            stamp.clear()
            t0 = time.perf_counter()
            box.value = value
            t1 = stamp[0] if stamp else time.perf_counter()
            unchanged += not stamp
            samples.append((t1 - t0) * 1000)
        box.value = control.initial
    return samples, unchanged
