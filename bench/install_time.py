"""``install_s``: a fresh venv and ``pip install -r requirements.txt -r requirements-test.txt`` in a copy of the
project, with pip's cache as this machine has it."""

from __future__ import annotations

import shutil
import sys

from bench.harness import ROOT, Run, copy_project, tail


def measure(run: Run) -> None:
    d = copy_project(run.tmp / "install", src=run.src)
    venv = run.tmp / "install-venv"
    script = (
        f'"{sys.executable}" -m venv "{venv}" && "{venv}/bin/python" -m pip install -q '
        "-r requirements.txt -r requirements-test.txt"
    )
    t = run.timed(["bash", "-c", script], d, "install", pythonpath=False)
    if t.rc != 0:
        run.note(f"install failed (exit {t.rc}, log {t.log.relative_to(ROOT)}): {tail(t.log, 2)}")
        return
    run.measures["install_s"] = t.wall
    run.note(
        "install_s: fresh venv + pip install with pip's cache as found on this machine (usually warm: "
        "no downloads); a cold cache adds the download time"
    )
    shutil.rmtree(venv, ignore_errors=True)
