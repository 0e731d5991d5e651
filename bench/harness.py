"""What every measure shares: where things are, timed commands with their logs, copies of the project, and
:class:`Run`, the state of one run (its snapshot, the measures and notes so far, the last clean build)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = BENCH / "work"
LOGS = WORK / "logs"
RESULTS = BENCH / "results.json"
BIN = Path(sys.executable).parent  # the venv's bin (not resolved: a venv's python is a symlink)

JB_FLAGS = ["-W", "-n", "--keep-going"]  # as in the Makefile (JB_FLAGS)
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


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def child_env(pythonpath: Path | None = None) -> dict[str, str]:
    """The Makefile's environment; ``pythonpath``: a project copy whose package shadows the editable install."""
    env = dict(os.environ)
    env.update(PYTHONHASHSEED="0", MPLBACKEND="Agg", PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONUNBUFFERED="1")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH", "")]))
    return env


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


def drop(path: Path | None) -> None:
    if path is not None and path.exists():
        shutil.rmtree(path, ignore_errors=True)


@dataclass
class Run:
    """One run of the bench. ``src`` is the snapshot of the working tree taken when the run starts: every copy
    is made from it and every command imports the book's package from it, so edits made to the tree while the
    run goes on do not change what is measured. Measures write ``measures`` (keys of results.json),
    ``details`` and ``notes``."""

    reps: int
    tmp: Path
    n_notebooks: int
    src: Path = ROOT
    measures: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    book_dir: Path | None = None  # the last clean build of the book (a copy)
    floor_dir: Path | None = None

    def note(self, text: str) -> None:
        if text not in self.notes:
            log("note: " + text)
            self.notes.append(text)

    def timed(self, cmd: Sequence[str | Path], cwd: Path, name: str, *, pythonpath: bool = True) -> Timed:
        """:func:`run_timed` with the snapshot's package, logged, its CPU time kept in ``details.cpu_s``."""
        t = run_timed(cmd, cwd, name, pythonpath=self.src if pythonpath else None)
        log(f"{name}: {t.wall:.1f} s (cpu {t.cpu:.1f} s, exit {t.rc})")
        self.details.setdefault("cpu_s", {})[name] = round(t.cpu, 2)
        return t

    def jb_build(self, where: Path, name: str) -> float:
        t = self.timed([BIN / "jupyter-book", "build", ".", *JB_FLAGS], where, name)
        if t.rc != 0:
            self.note(f"{name} exited {t.rc} (timed anyway; log {t.log.relative_to(ROOT)}): {tail(t.log, 3)}")
        return t.wall

    def built_site(self, what: str) -> Path:
        """The built site to measure ``what`` on: this run's last clean build, else ``_build/html`` as found,
        else one clean build of the book made now."""
        site = self.book_dir / "_build" / "html" if self.book_dir else ROOT / "_build" / "html"
        if not (site / "index.html").is_file():
            log(f"no built site: one clean build of the book for the {what}")
            d = copy_project(self.tmp / "book-site", src=self.src)
            self.jb_build(d, "book-build-site")
            self.book_dir, site = d, d / "_build" / "html"
        elif self.book_dir is None:
            self.note(f"{what} on {site.relative_to(ROOT)}, as found (not rebuilt in this run)")
        return site

    def site_pages(self, site: Path) -> list[str]:
        """The pages of ``_toc.yml`` (paths without ``.html``) that ``site`` has."""
        from cuproptosis_book.toc import toc_pages

        return [p for p in toc_pages(self.book_dir or ROOT) if (site / f"{p}.html").is_file()]

    def chromium(self, keys: str) -> str | None:
        """Debian's Chromium, or None with a note that ``keys`` were not measured."""
        from cuproptosis_book.site.local_server import find_chromium

        path = find_chromium()
        if path is None:
            self.note(f"Chromium not found (apt-get install -y chromium): {keys} not measured")
        return path
