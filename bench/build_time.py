"""``build_ratio``, ``build_s``, ``floor_build_s``, ``rebuild_s``: clean builds and no-op rebuilds of the book
and of the floor book, alternating, ``run.reps`` times."""

from __future__ import annotations

from bench.floor_book import make_floor_book
from bench.harness import Run, copy_project, drop
from bench.stats import median, ratio


def measure(run: Run) -> None:
    book, floor, rebuild, floor_rebuild = [], [], [], []
    for r in range(1, run.reps + 1):
        d = copy_project(run.tmp / f"book{r}", src=run.src)
        book.append(run.jb_build(d, f"book-build-{r}"))
        rebuild.append(run.jb_build(d, f"book-rebuild-{r}"))
        drop(run.book_dir)
        run.book_dir = d
        f = run.tmp / f"floor{r}"
        make_floor_book(f, run.n_notebooks, root=run.src)
        floor.append(run.jb_build(f, f"floor-build-{r}"))
        floor_rebuild.append(run.jb_build(f, f"floor-rebuild-{r}"))  # reference: JB's own no-op cost
        drop(run.floor_dir)
        run.floor_dir = f
    run.details["build_samples_s"] = {
        "book": book,
        "floor": floor,
        "rebuild": rebuild,
        "floor_rebuild": floor_rebuild,
    }
    run.details["notebooks"] = run.n_notebooks
    cpu = run.details["cpu_s"]
    run.details["build_cpu_ratio"] = ratio(
        median(cpu[f"book-build-{r}"] for r in range(1, run.reps + 1)),
        median(cpu[f"floor-build-{r}"] for r in range(1, run.reps + 1)),
    )
    run.measures.update(build_s=median(book), floor_build_s=median(floor), rebuild_s=median(rebuild))
    run.measures["build_ratio"] = ratio(run.measures["build_s"], run.measures["floor_build_s"])
