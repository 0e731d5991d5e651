"""``nbval_ratio``, ``nbval_s``, ``floor_nbval_s``: the notebooks of ``_toc.yml`` tested by nbval (strict, with
the project's pytest settings) against the floor notebooks, alternating, ``run.reps`` times."""

from __future__ import annotations

import importlib.util
import sys

from bench.floor_book import make_floor_book
from bench.harness import ROOT, Run, copy_project, tail
from bench.stats import median, ratio


def measure(run: Run) -> None:
    from cuproptosis_book.toc import toc_notebooks

    book = run.book_dir or copy_project(run.tmp / "book-nbval", src=run.src)
    floor = run.floor_dir
    if floor is None:
        floor = run.tmp / "floor-nbval"
        make_floor_book(floor, run.n_notebooks, root=run.src)
    args = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"]
    if importlib.util.find_spec("xdist") is not None:
        args += ["-n", "2", "--dist", "loadfile"]
    else:
        run.note("pytest-xdist missing: nbval ran without -n 2 (for both books)")
    book_nbs = [str(p.relative_to(book)) for p in toc_notebooks(book)]
    floor_nbs = [str(p.relative_to(floor)) for p in sorted((floor / "chapters").glob("floor*.ipynb"))]
    times: dict[str, list[float]] = {"book": [], "floor": []}
    for r in range(1, run.reps + 1):
        for which, where, nbs in (("book", book, book_nbs), ("floor", floor, floor_nbs)):
            t = run.timed(args + nbs, where, f"{which}-nbval-{r}")
            if t.rc != 0:
                run.note(f"{which} nbval exited {t.rc} (log {t.log.relative_to(ROOT)}): {tail(t.log, 2)}")
            times[which].append(t.wall)
    run.details["nbval_samples_s"] = times
    run.details["nbval_command"] = " ".join(args[1:]) + " NOTEBOOKS"
    cpu = run.details["cpu_s"]
    run.details["nbval_cpu_ratio"] = ratio(
        median(cpu[f"book-nbval-{r}"] for r in range(1, run.reps + 1)),
        median(cpu[f"floor-nbval-{r}"] for r in range(1, run.reps + 1)),
    )
    run.measures.update(nbval_s=median(times["book"]), floor_nbval_s=median(times["floor"]))
    run.measures["nbval_ratio"] = ratio(run.measures["nbval_s"], run.measures["floor_nbval_s"])
