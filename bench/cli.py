"""``python -m bench`` (``make bench``): run the measures, write ``bench/results.json``, print the table.

.venv/bin/python -m bench                 # everything, 3 repetitions (about 10-15 minutes)
.venv/bin/python -m bench --quick         # 1 repetition, for development
.venv/bin/python -m bench --only widget_median_ms,static_switch_ms
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from bench.floor_book import toc_notebook_count
from bench.harness import RESULTS, Run, copy_project, log
from bench.measures import MEASURES
from bench.results import GROUPS, groups_for, make_results, table


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="1 repetition instead of 3 (for development)")
    parser.add_argument("--reps", type=int, default=None, help="repetitions of the builds and nbval (default 3)")
    parser.add_argument("--only", default=None, help=f"comma list of keys or groups ({', '.join(GROUPS)})")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies (printed at the end)")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results file (default bench/results.json)")
    args = parser.parse_args(argv)
    reps = args.reps or (1 if args.quick else 3)
    groups = groups_for(args.only)
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("PYTHONHASHSEED", "0")

    t_start = time.perf_counter()
    load_start = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix="cb-bench-"))
    snapshot = copy_project(tmp / "snapshot")  # what this run measures, whatever happens to the tree meanwhile
    sys.path.insert(0, str(snapshot))  # the in-process measures import the snapshot's package too
    run = Run(reps=reps, tmp=tmp, n_notebooks=toc_notebook_count(snapshot), src=snapshot)
    log(f"{run.n_notebooks} notebooks in _toc.yml; {reps} repetition(s); measuring {', '.join(groups)}; tmp {tmp}")
    try:
        for group in groups:
            log(f"== {group}")
            for measure in MEASURES[group]:
                try:
                    measure(run)
                except Exception as exc:  # noqa: BLE001 - one failed measure must not lose the others
                    traceback.print_exc()
                    run.note(f"{group} failed: {exc!r}"[:400])
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    meta = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "repetitions": reps,
        "quick": reps == 1,
        "measured": [k for g in groups for k in GROUPS[g]],
        "total_s": round(time.perf_counter() - t_start, 1),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "load_average": {"start": [round(x, 2) for x in load_start], "end": [round(x, 2) for x in os.getloadavg()]},
    }
    if max(load_start[0], os.getloadavg()[0]) > (os.cpu_count() or 1):
        run.note(
            f"the machine was busy (1-min load average {load_start[0]:.1f} at the start, "
            f"{os.getloadavg()[0]:.1f} at the end, {os.cpu_count()} cores): wall times are inflated; "
            "ratios measured in the same run, and details.cpu_s, are less affected"
        )
    results = make_results(run.measures, run.notes, run.details, meta)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    for n in run.notes:
        print(f"note: {n}")
    print(f"wrote {args.out} in {meta['total_s']:.0f} s")
    return 0
