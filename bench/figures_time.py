"""``figures_s``: wall time of ``python -m cuproptosis_book.site.export figures`` into a temporary folder."""

from __future__ import annotations

import sys

from bench.harness import ROOT, Run, tail


def measure(run: Run) -> None:
    if not (run.src / "cuproptosis_book" / "figures").is_dir():
        run.note("figures_s: cuproptosis_book/figures/ not present yet (skipped)")
        return
    out = run.tmp / "figures"
    out.mkdir(exist_ok=True)
    t = run.timed([sys.executable, "-m", "cuproptosis_book.site.export", "figures", "--out", out], run.src, "figures")
    if t.rc != 0:
        run.note(f"figures failed (exit {t.rc}, log {t.log.relative_to(ROOT)}): {tail(t.log, 2)}")
        return
    run.measures["figures_s"] = t.wall
