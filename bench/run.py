#!/usr/bin/env python
"""Benchmark of the book: build, test, interaction speed and page weight (``make bench``).

Writes ``bench/results.json`` and prints a table of the measures beside their goals. What each number
means, and how it is measured: ``bench/README.md``. Logs of every subprocess go to ``bench/work/logs/``.

    .venv/bin/python bench/run.py                 # everything, 3 repetitions (about 10-15 minutes)
    .venv/bin/python bench/run.py --quick         # 1 repetition, for development
    .venv/bin/python bench/run.py --only widget_median_ms,static_switch_ms
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
FLOOR_TEMPLATE = BENCH / "floor"
WORK = BENCH / "work"
LOGS = WORK / "logs"
RESULTS = BENCH / "results.json"
BIN = Path(sys.executable).parent  # the venv's bin (not resolved: a venv's python is a symlink)

JB_FLAGS = ["-W", "-n", "--keep-going"]  # as in the Makefile (JB_FLAGS)
STACK = ("matplotlib.pyplot", "networkx", "pandas", "ipywidgets")
COPY_IGNORE = {
    ".git",
    ".venv",
    "_build",
    ".jupyter_cache",
    ".pytest_cache",
    "__pycache__",
    ".ipynb_checkpoints",
    ".mypy_cache",
    ".ruff_cache",
}

# name -> (goal, unit). A measure passes when it is <= its goal.
GOALS: dict[str, float] = {
    "build_ratio": 1.5,
    "rebuild_s": 3.0,
    "nbval_ratio": 1.5,
    "widget_median_ms": 50.0,
    "widget_p95_ms": 100.0,
    "static_switch_ms": 16.0,
    "heaviest_page_mb": 1.5,
    "phone_lcp_s": 2.0,
    "phone_cls": 0.1,
}
KEYS = [
    "build_ratio",
    "build_s",
    "floor_build_s",
    "rebuild_s",
    "nbval_ratio",
    "nbval_s",
    "floor_nbval_s",
    "widget_median_ms",
    "widget_p95_ms",
    "static_switch_ms",
    "static_switch_p95_ms",
    "static_switch_sync_ms",
    "static_switch_2raf_ms",
    "heaviest_page_mb",
    "heaviest_page",
    "phone_lcp_s",
    "phone_lcp_page",
    "phone_cls",
    "phone_cls_page",
    "phone_heaviest_kb_gz",
    "phone_heaviest_page",
    "figures_s",
    "install_s",
    # bench/lighthouse.py (its KEYS): Lighthouse mobile, worst page of the sites, the stock page, ours over stock
    "lighthouse_performance_min",
    "lighthouse_performance_min_page",
    "lighthouse_accessibility_min",
    "lighthouse_best_practices_min",
    "lighthouse_seo_min",
    "lighthouse_lcp_s",
    "lighthouse_lcp_page",
    "lighthouse_stock_performance",
    "lighthouse_stock_lcp_s",
    "lighthouse_performance_ratio",
    "lighthouse_lcp_ratio",
]
# --only accepts a key or a group; each group is measured as a whole.
GROUPS: dict[str, list[str]] = {
    "build": ["build_ratio", "build_s", "floor_build_s", "rebuild_s"],
    "nbval": ["nbval_ratio", "nbval_s", "floor_nbval_s"],
    "widget": ["widget_median_ms", "widget_p95_ms"],
    "site": [
        "static_switch_ms",
        "static_switch_p95_ms",
        "static_switch_sync_ms",
        "static_switch_2raf_ms",
        "heaviest_page_mb",
        "heaviest_page",
    ],
    "phone": [
        "phone_lcp_s",
        "phone_lcp_page",
        "phone_cls",
        "phone_cls_page",
        "phone_heaviest_kb_gz",
        "phone_heaviest_page",
    ],
    "figures": ["figures_s"],
    "lighthouse": [k for k in KEYS if k.startswith("lighthouse_")],
    "install": ["install_s"],
}
UNITS = {"_ratio": "×", "_s": "s", "_ms": "ms", "_mb": "MB", "_kb_gz": "kB"}
MB = 1_000_000  # bytes


# -- small helpers (tested in tests/test_bench.py) -----------------------------------------------


def median(values: Iterable[float]) -> float | None:
    vals = [float(v) for v in values]
    return statistics.median(vals) if vals else None


def p95(values: Iterable[float]) -> float | None:
    """95th percentile, nearest-rank method (the smallest value with at least 95 % of samples <= it)."""
    vals = sorted(float(v) for v in values)
    if not vals:
        return None
    return vals[max(0, math.ceil(0.95 * len(vals)) - 1)]


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b <= 0 else a / b


def groups_for(only: str | None) -> list[str]:
    """The groups to measure for ``--only`` (a comma list of keys or group names); all when None."""
    if not only:
        return list(GROUPS)
    wanted = []
    for item in (s.strip() for s in only.split(",") if s.strip()):
        found = [g for g, keys in GROUPS.items() if item == g or item in keys]
        if not found:
            raise SystemExit(f"--only: unknown key {item!r}; keys: {', '.join(KEYS)}; groups: {', '.join(GROUPS)}")
        wanted += [g for g in found if g not in wanted]
    return [g for g in GROUPS if g in wanted]


def goal_status(value: float | None, goal: float) -> str:
    return "n/a" if value is None else ("PASS" if value <= goal else "MISS")


def make_results(
    measures: dict[str, Any],
    notes: Sequence[str] = (),
    details: dict[str, Any] | None = None,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """results.json: every key of :data:`KEYS` (None when not measured), the goals, notes and details."""
    out: dict[str, Any] = {k: measures.get(k) for k in KEYS}
    for k, v in out.items():
        if isinstance(v, float):
            out[k] = round(v, 4)
    out["goals"] = {k: {"goal": g, "value": out[k], "status": goal_status(out[k], g)} for k, g in GOALS.items()}
    out["notes"] = list(notes)
    out["details"] = details or {}
    out["meta"] = meta or {}
    return out


def format_value(key: str, value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    unit = next((u for suffix, u in UNITS.items() if key.endswith(suffix)), "")
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "MB":
        return f"{value:.3f} MB"
    if key.endswith("_cls"):
        return f"{value:.3f}"
    if key.startswith("phone_") and unit == "s":
        return f"{value:.2f} s"
    return f"{value:.1f} {unit}" if unit == "ms" or value < 100 else f"{value:.0f} {unit}"


def table(results: dict[str, Any]) -> str:
    rows = [("measure", "value", "goal", "status")]
    for k in KEYS:
        goal = GOALS.get(k)
        rows.append(
            (
                k,
                format_value(k, results.get(k)),
                f"≤ {format_value(k, goal)}" if goal is not None else "",
                goal_status(results.get(k), goal) if goal is not None else "",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# -- the floor book -----------------------------------------------------------------------------


def toc_notebook_count(root: Path = ROOT) -> int:
    from cuproptosis_book.toc import toc_notebooks

    return len(toc_notebooks(root))


def pytest_section(pyproject_text: str) -> str:
    """The ``[tool.pytest.ini_options]`` table of a pyproject.toml, verbatim."""
    m = re.search(r"^\[tool\.pytest\.ini_options\]\n.*?(?=^\[|\Z)", pyproject_text, re.MULTILINE | re.DOTALL)
    return m.group(0) if m else ""


def make_floor_book(dst: Path, n: int, root: Path = ROOT) -> list[Path]:
    """A book with the book's ``_config.yml`` and ``n`` notebook pages that each only import the stack.

    The config is the book's own, unchanged; so that it builds, the floor gets what the config names:
    ``data/`` (the book's extension validates it, bibtex reads references.bib) and the favicon. For nbval
    it gets the book's pytest settings (``[tool.pytest.ini_options]``, root conftest.py, sanitize file).
    Returns the notebooks, in toc order.
    """
    if n < 1:
        raise ValueError("a floor book needs at least one notebook")
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / "_config.yml", dst / "_config.yml")
    if (root / "data").is_dir():
        shutil.copytree(root / "data", dst / "data", dirs_exist_ok=True)
    favicon = re.search(r"^\s*favicon:\s*(\S+)", (root / "_config.yml").read_text(encoding="utf-8"), re.MULTILINE)
    if favicon and (root / favicon.group(1)).is_file():
        (dst / favicon.group(1)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / favicon.group(1), dst / favicon.group(1))
    if (root / "pyproject.toml").is_file():
        (dst / "pyproject.toml").write_text(
            pytest_section((root / "pyproject.toml").read_text(encoding="utf-8")), encoding="utf-8"
        )
    for extra in ("conftest.py", "tests/nbval_sanitize.cfg"):
        if (root / extra).is_file():
            (dst / extra).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / extra, dst / extra)
    template = (FLOOR_TEMPLATE / "page.ipynb").read_text(encoding="utf-8")
    (dst / "chapters").mkdir(exist_ok=True)
    paths = []
    for i in range(1, n + 1):
        path = dst / "chapters" / f"floor{i:02d}.ipynb"
        path.write_text(template.replace("{n}", str(i)), encoding="utf-8")
        paths.append(path)
    toc = ["format: jb-book", f"root: chapters/{paths[0].stem}"]
    if n > 1:
        toc += ["chapters:"] + [f"  - file: chapters/{p.stem}" for p in paths[1:]]
    (dst / "_toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")
    return paths


# -- subprocesses -----------------------------------------------------------------------------------


def child_env(pythonpath: Path | None = None) -> dict[str, str]:
    """The Makefile's environment; ``pythonpath``: a project copy whose package shadows the editable install."""
    env = dict(os.environ)
    env.update(PYTHONHASHSEED="0", MPLBACKEND="Agg", PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONUNBUFFERED="1")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH", "")]))
    return env


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Timed(NamedTuple):
    wall: float  # seconds, what the measures report
    cpu: float  # user + system seconds of the command and the children it waited for (load-independent)
    rc: int
    log: Path


def run_timed(cmd: Sequence[str | Path], cwd: Path, name: str, pythonpath: Path | None = None) -> Timed:
    """Run ``cmd`` in ``cwd`` with its output in ``bench/work/logs/NAME.log``."""
    LOGS.mkdir(parents=True, exist_ok=True)
    logfile = LOGS / f"{name}.log"
    with logfile.open("w", encoding="utf-8") as f:
        f.write(f"$ (cd {cwd} && {' '.join(map(str, cmd))})\n")
        f.flush()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        rc = subprocess.run(
            [str(c) for c in cmd],
            cwd=cwd,
            env=child_env(pythonpath),
            stdout=f,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        ).returncode
        dt = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(dt, cpu, rc, logfile)


def tail(path: Path, n: int = 6) -> str:
    lines = [ln for ln in path.read_text(encoding="utf-8", errors="replace").splitlines() if ln.strip()]
    return " | ".join(lines[-n:])


def copy_project(dst: Path, src: Path = ROOT) -> Path:
    """The working tree without build products, caches, venvs and the bench's own output."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        out = {n for n in names if n in COPY_IGNORE or n.endswith(".egg-info")}
        if Path(directory).resolve() == (src / "bench").resolve():
            out |= {"work", "results.json"} & set(names)
        return out

    shutil.copytree(src, dst, ignore=ignore, symlinks=True)
    return dst


# -- measures --------------------------------------------------------------------------------------


class Bench:
    """The measures. ``src`` is the snapshot of the working tree taken when the run starts: every copy is
    made from it and every command imports the book's package from it, so edits made to the tree while
    the run goes on do not change what is measured."""

    def __init__(self, reps: int, tmp: Path, src: Path = ROOT) -> None:
        self.reps = reps
        self.tmp = tmp
        self.src = src
        self.measures: dict[str, Any] = {}
        self.details: dict[str, Any] = {}
        self.notes: list[str] = []
        self.book_dir: Path | None = None  # the last clean build of the book (a copy)
        self.floor_dir: Path | None = None
        self.n_notebooks = toc_notebook_count(src)

    def note(self, text: str) -> None:
        log("note: " + text)
        self.notes.append(text)

    def jb_build(self, where: Path, name: str) -> float:
        t = run_timed([BIN / "jupyter-book", "build", ".", *JB_FLAGS], where, name, pythonpath=self.src)
        log(f"{name}: {t.wall:.1f} s (cpu {t.cpu:.1f} s, exit {t.rc})")
        self.details.setdefault("cpu_s", {})[name] = round(t.cpu, 2)
        if t.rc != 0:
            self.note(f"{name} exited {t.rc} (timed anyway; log {t.log.relative_to(ROOT)}): {tail(t.log, 3)}")
        return t.wall

    # build_ratio, build_s, floor_build_s, rebuild_s
    def build(self) -> None:
        book, floor, rebuild, floor_rebuild = [], [], [], []
        for r in range(1, self.reps + 1):
            d = copy_project(self.tmp / f"book{r}", src=self.src)
            book.append(self.jb_build(d, f"book-build-{r}"))
            rebuild.append(self.jb_build(d, f"book-rebuild-{r}"))
            self._drop(self.book_dir)
            self.book_dir = d
            f = self.tmp / f"floor{r}"
            make_floor_book(f, self.n_notebooks, root=self.src)
            floor.append(self.jb_build(f, f"floor-build-{r}"))
            floor_rebuild.append(self.jb_build(f, f"floor-rebuild-{r}"))  # reference: JB's own no-op cost
            self._drop(self.floor_dir)
            self.floor_dir = f
        self.details["build_samples_s"] = {
            "book": book,
            "floor": floor,
            "rebuild": rebuild,
            "floor_rebuild": floor_rebuild,
        }
        self.details["notebooks"] = self.n_notebooks
        cpu = self.details["cpu_s"]
        self.details["build_cpu_ratio"] = ratio(
            median(cpu[f"book-build-{r}"] for r in range(1, self.reps + 1)),
            median(cpu[f"floor-build-{r}"] for r in range(1, self.reps + 1)),
        )
        self.measures.update(build_s=median(book), floor_build_s=median(floor), rebuild_s=median(rebuild))
        self.measures["build_ratio"] = ratio(self.measures["build_s"], self.measures["floor_build_s"])

    def _drop(self, path: Path | None) -> None:
        if path is not None and path.exists():
            shutil.rmtree(path, ignore_errors=True)

    # nbval_ratio, nbval_s, floor_nbval_s
    def nbval(self) -> None:
        import importlib.util

        from cuproptosis_book.toc import toc_notebooks

        book = self.book_dir or copy_project(self.tmp / "book-nbval", src=self.src)
        floor = self.floor_dir
        if floor is None:
            floor = self.tmp / "floor-nbval"
            make_floor_book(floor, self.n_notebooks, root=self.src)
        args = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q"]
        if importlib.util.find_spec("xdist") is not None:
            args += ["-n", "2", "--dist", "loadfile"]
        else:
            self.note("pytest-xdist missing: nbval ran without -n 2 (for both books)")
        book_nbs = [str(p.relative_to(book)) for p in toc_notebooks(book)]
        floor_nbs = [str(p.relative_to(floor)) for p in sorted((floor / "chapters").glob("floor*.ipynb"))]
        times: dict[str, list[float]] = {"book": [], "floor": []}
        for r in range(1, self.reps + 1):
            for which, where, nbs in (("book", book, book_nbs), ("floor", floor, floor_nbs)):
                t = run_timed(args + nbs, where, f"{which}-nbval-{r}", pythonpath=self.src)
                log(f"{which} nbval {r}: {t.wall:.1f} s (cpu {t.cpu:.1f} s, exit {t.rc})")
                self.details.setdefault("cpu_s", {})[f"{which}-nbval-{r}"] = round(t.cpu, 2)
                if t.rc != 0:
                    self.note(f"{which} nbval exited {t.rc} (log {t.log.relative_to(ROOT)}): {tail(t.log, 2)}")
                times[which].append(t.wall)
        self.details["nbval_samples_s"] = times
        self.details["nbval_command"] = " ".join(args[1:]) + " NOTEBOOKS"
        cpu = self.details["cpu_s"]
        self.details["nbval_cpu_ratio"] = ratio(
            median(cpu[f"book-nbval-{r}"] for r in range(1, self.reps + 1)),
            median(cpu[f"floor-nbval-{r}"] for r in range(1, self.reps + 1)),
        )
        self.measures.update(nbval_s=median(times["book"]), floor_nbval_s=median(times["floor"]))
        self.measures["nbval_ratio"] = ratio(self.measures["nbval_s"], self.measures["floor_nbval_s"])

    # widget_median_ms, widget_p95_ms
    def widget(self) -> None:
        from cuproptosis_book.toc import toc_notebooks

        explorers, problems = collect_explorers(toc_notebooks(self.src))
        for p in problems:
            self.note(p)
        samples, per = [], {}
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
            self.note("widget: no explorer found in the notebooks of _toc.yml (no samples)")
        self.details["widget"] = {"explorers": len(explorers), "samples": len(samples), "per_explorer": per}
        self.measures.update(widget_median_ms=median(samples), widget_p95_ms=p95(samples))

    # static_switch_*, heaviest_page_*
    def site(self) -> None:
        from cuproptosis_book.site.handouts import find_chromium
        from cuproptosis_book.toc import toc_pages

        site = self.book_dir / "_build" / "html" if self.book_dir else ROOT / "_build" / "html"
        if not (site / "index.html").is_file():
            log("no built site: one clean build of the book for the page measures")
            d = copy_project(self.tmp / "book-site", src=self.src)
            self.jb_build(d, "book-build-site")
            self.book_dir, site = d, d / "_build" / "html"
        elif self.book_dir is None:
            self.note(f"page measures on {site.relative_to(ROOT)}, as found (not rebuilt in this run)")
        chromium = find_chromium()
        if chromium is None:
            self.note(
                "Chromium not found (apt-get install -y chromium): static_switch_ms, heaviest_page_mb not measured"
            )
            return
        pages = [p for p in toc_pages(self.book_dir or ROOT) if (site / f"{p}.html").is_file()]
        weights, switches = measure_site(site, pages, chromium)
        self.details["page_bytes"] = {p: w["total"] for p, w in weights.items()}
        if weights:
            heavy = max(weights, key=lambda p: weights[p]["total"])
            self.measures.update(heaviest_page=f"{heavy}.html", heaviest_page_mb=weights[heavy]["total"] / MB)
            self.details["heaviest_page_resources"] = weights[heavy]["top"]
        one = [s["one"] for s in switches]
        self.details["static_switch"] = {
            "samples": len(switches),
            "unchanged": sum(1 for s in switches if not s["changed"]),
            "explorers": len({(s["page"], s["explorer"]) for s in switches}),
        }
        if not switches:
            self.note("static switch: no explorer on the site's pages (no samples)")
        self.measures.update(
            static_switch_ms=median(one),
            static_switch_p95_ms=p95(one),
            static_switch_sync_ms=median(s["sync"] for s in switches),
            static_switch_2raf_ms=median(s["two"] for s in switches),
        )

    # phone_*: LCP and CLS on an emulated phone over slow 4G, the site served gzip-compressed (bench/phone.py)
    def phone(self) -> None:
        from cuproptosis_book.site.handouts import CHROMIUM_ARGS, find_chromium
        from cuproptosis_book.toc import toc_pages

        sys.path.insert(0, str(BENCH))
        from phone import CPU_SLOWDOWN, DOWN_BPS, RTT_MS, UP_BPS, measure_phone

        site = self.book_dir / "_build" / "html" if self.book_dir else ROOT / "_build" / "html"
        if not (site / "index.html").is_file():
            log("no built site: one clean build of the book for the phone measures")
            d = copy_project(self.tmp / "book-site", src=self.src)
            self.jb_build(d, "book-build-site")
            self.book_dir, site = d, d / "_build" / "html"
        elif self.book_dir is None:
            self.note(f"phone measures on {site.relative_to(ROOT)}, as found (not rebuilt in this run)")
        chromium = find_chromium()
        if chromium is None:
            self.note("Chromium not found (apt-get install -y chromium): phone_* not measured")
            return
        pages = [p for p in toc_pages(self.book_dir or ROOT) if (site / f"{p}.html").is_file()]
        per = measure_phone(site, pages, chromium, CHROMIUM_ARGS)
        self.details["phone"] = {
            "conditions": {
                "rtt_ms": RTT_MS,
                "down_bps": DOWN_BPS,
                "up_bps": UP_BPS,
                "cpu_slowdown": CPU_SLOWDOWN,
                "served": "gzip",
            },
            "pages": per,
        }
        if not per:
            return
        lcp = max(per, key=lambda p: per[p]["lcp_s"])
        cls = max(per, key=lambda p: per[p]["cls"])
        heavy = max(per, key=lambda p: per[p]["bytes_gz"])
        self.measures.update(
            phone_lcp_s=per[lcp]["lcp_s"],
            phone_lcp_page=f"{lcp}.html",
            phone_cls=per[cls]["cls"],
            phone_cls_page=f"{cls}.html",
            phone_heaviest_kb_gz=per[heavy]["bytes_gz"] / 1000,
            phone_heaviest_page=f"{heavy}.html",
        )
        for p, m in per.items():
            log(
                f"phone: {p}: LCP {m['lcp_s']:.2f} s ({m['lcp_element']}), CLS {m['cls']:.3f}, "
                f"{m['bytes_gz'] / 1000:.0f} kB compressed in {m['requests']} requests"
            )

    # lighthouse_*: Lighthouse mobile scores and LCP of every page and of a stock book page (bench/lighthouse.py)
    def lighthouse(self) -> None:
        from cuproptosis_book.toc import toc_pages

        sys.path.insert(0, str(BENCH))
        from lighthouse import bench_lighthouse

        site = self.book_dir / "_build" / "html" if self.book_dir else ROOT / "_build" / "html"
        if not (site / "index.html").is_file():
            self.note("lighthouse: no built site (make book): not measured")
            return
        bench_lighthouse(self, [site], [p for p in toc_pages(self.book_dir or ROOT) if (site / f"{p}.html").is_file()])

    # figures_s
    def figures(self) -> None:
        if not (self.src / "cuproptosis_book" / "figures").is_dir():
            self.note("figures_s: cuproptosis_book/figures/ not present yet (skipped)")
            return
        out = self.tmp / "figures"
        out.mkdir(exist_ok=True)
        t = run_timed(
            [sys.executable, "-m", "cuproptosis_book.site.export", "figures", "--out", out],
            self.src,
            "figures",
            pythonpath=self.src,
        )
        log(f"figures: {t.wall:.1f} s (cpu {t.cpu:.1f} s, exit {t.rc})")
        if t.rc != 0:
            self.note(f"figures failed (exit {t.rc}, log {t.log.relative_to(ROOT)}): {tail(t.log, 2)}")
            return
        self.measures["figures_s"] = t.wall

    # install_s
    def install(self) -> None:
        d = copy_project(self.tmp / "install", src=self.src)
        venv = self.tmp / "install-venv"
        script = (
            f'"{sys.executable}" -m venv "{venv}" && "{venv}/bin/python" -m pip install -q '
            "-r requirements.txt -r requirements-test.txt"
        )
        t = run_timed(["bash", "-c", script], d, "install")
        log(f"install: {t.wall:.1f} s (cpu {t.cpu:.1f} s, exit {t.rc})")
        if t.rc != 0:
            self.note(f"install failed (exit {t.rc}, log {t.log.relative_to(ROOT)}): {tail(t.log, 2)}")
            return
        self.measures["install_s"] = t.wall
        self.note(
            "install_s: fresh venv + pip install with pip's cache as found on this machine (usually warm: "
            "no downloads); a cold cache adds the download time"
        )
        shutil.rmtree(venv, ignore_errors=True)


# -- explorers in process ---------------------------------------------------------------------------------


def collect_explorers(notebooks: Sequence[Path]) -> tuple[list[tuple[str, Any]], list[str]]:
    """Run each notebook's code cells in-process and collect the Explorer objects they produce.

    A cell's last expression (what Jupyter displays), anything passed to ``display()`` and every
    Explorer bound to a name count. IPython syntax is translated by IPython's own transformer; magics
    (``%matplotlib inline``) and shell escapes are skipped (display settings only: no kernel here).
    Cells that fail are reported and skipped.
    """
    import matplotlib
    from IPython.core.inputtransformer2 import TransformerManager

    matplotlib.use("Agg")
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

        ns: dict[str, Any] = {
            "__name__": "__main__",
            "display": lambda *objs, **_: [keep(o) for o in objs],
            "get_ipython": lambda: _NoShell(),
        }
        cwd = os.getcwd()
        os.chdir(path.parent)
        try:
            for i, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
                src = "".join(cell["source"])
                if "colab-setup" in cell.get("metadata", {}).get("tags", []):
                    continue
                try:
                    tree = ast.parse(TransformerManager().transform_cell(src))
                    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
                    with contextlib.redirect_stdout(io.StringIO()):
                        exec(compile(tree, f"{path.name}[{i}]", "exec"), ns)  # noqa: S102 - the book's own notebooks
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
    for control, box in zip(ex.controls, w.controls):
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


# -- the site in Chromium -------------------------------------------------------------------------

SWITCH_JS = """
async (root) => {
  const raf = () => new Promise(r => requestAnimationFrame(() => r()));
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const out = [];
  const controls = [...root.querySelectorAll('.cb-controls .cb-control')];
  for (const c of controls) {
    const range = c.type === 'range';
    const n = range ? (+c.max - +c.min + 1) : c.options.length;
    const initial = range ? c.value : c.selectedIndex;
    const set = k => { if (range) c.value = String(+c.min + k); else c.selectedIndex = k; };
    for (let k = 0; k < n; k++) {
      if (range ? String(+c.min + k) === c.value : k === c.selectedIndex) continue;
      await raf(); await sleep(Math.random() * 16);   // a user's change lands anywhere in a frame
      const before = root.getAttribute('data-state');
      let changed = false;
      const onChange = () => { changed = true; };
      root.addEventListener('cb-explorer:change', onChange, {once: true});
      const t0 = performance.now();
      set(k);
      c.dispatchEvent(new Event(range ? 'input' : 'change', {bubbles: true}));
      void root.getBoundingClientRect();                 // style + layout of the new state
      const sync = performance.now() - t0;
      let one;
      await new Promise(r => requestAnimationFrame(() => { void root.getBoundingClientRect(); one = performance.now() - t0; r(); }));
      await raf();
      const two = performance.now() - t0;
      root.removeEventListener('cb-explorer:change', onChange);
      out.push({control: c.name, sync, one, two, changed: changed || root.getAttribute('data-state') !== before});
    }
    set(range ? +initial - +c.min : initial);
    c.dispatchEvent(new Event(range ? 'input' : 'change', {bubbles: true}));
  }
  return out;
}
"""


def measure_site(site: Path, pages: Sequence[str], chromium: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Per page: bytes of the HTML and everything it loads; per explorer value: time to the new state."""
    from playwright.sync_api import sync_playwright

    from cuproptosis_book.site.handouts import CHROMIUM_ARGS, serve

    weights: dict[str, Any] = {}
    switches: list[dict[str, Any]] = []
    with serve(site) as origin, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            for page_path in pages:
                context = browser.new_context()  # fresh: nothing cached from the previous page
                context.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if route.request.url.startswith((origin + "/", "data:", "blob:"))
                        else route.abort()
                    ),
                )
                page = context.new_page()
                page.set_default_timeout(60_000)
                responses: list[Any] = []
                page.on("response", lambda resp: responses.append(resp))  # noqa: B023 - this page only
                page.goto(f"{origin}/{page_path}.html", wait_until="load")
                page.wait_for_load_state("networkidle")
                sizes = []
                for resp in responses:
                    try:
                        sizes.append((len(resp.body()), resp.url[len(origin) :]))
                    except Exception:  # noqa: BLE001, S110 - redirects and aborted requests have no body
                        pass
                sizes.sort(reverse=True)
                weights[page_path] = {
                    "total": sum(s for s, _ in sizes),
                    "requests": len(sizes),
                    "top": [{"url": u, "bytes": s} for s, u in sizes[:12]],
                }
                for handle in page.query_selector_all(".cb-explorer"):
                    name = handle.get_attribute("id") or "?"
                    handle.scroll_into_view_if_needed()
                    for s in handle.evaluate(SWITCH_JS):
                        s.update(page=page_path, explorer=name)
                        switches.append(s)
                context.close()
        finally:
            browser.close()
    return weights, switches


# -- main ---------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
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
    bench = Bench(reps, tmp, snapshot)
    log(f"{bench.n_notebooks} notebooks in _toc.yml; {reps} repetition(s); measuring {', '.join(groups)}; tmp {tmp}")
    try:
        for group in groups:
            log(f"== {group}")
            try:
                getattr(bench, group)()
            except Exception as exc:  # noqa: BLE001 - one failed measure must not lose the others
                traceback.print_exc()
                bench.note(f"{group} failed: {exc!r}"[:400])
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
        bench.note(
            f"the machine was busy (1-min load average {load_start[0]:.1f} at the start, "
            f"{os.getloadavg()[0]:.1f} at the end, {os.cpu_count()} cores): wall times are inflated; "
            "ratios measured in the same run, and details.cpu_s, are less affected"
        )
    results = make_results(bench.measures, bench.notes, bench.details, meta)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    for n in bench.notes:
        print(f"note: {n}")
    print(f"wrote {args.out} in {meta['total_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
