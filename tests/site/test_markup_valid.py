"""Every page of the built site is valid HTML: the Nu Html Checker (vnu-jar, pinned in package.json) reports no error.

vnu.jar comes from ``npm ci`` (node_modules/vnu-jar) and runs on Java (Debian: ``apt-get install -y
default-jre-headless``). Nothing is allowed: the upstream errors it used to report (sphinx-exercise's repeated
ids, pandas' ``<style scoped>``) are fixed when the build finishes (``cuproptosis_book/site/html_fixes.py``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.site.conftest import BOOK_HTML, NO_BOOK, REPO, skip_or_fail

pytestmark = pytest.mark.browser

VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def built_pages(site: Path) -> list[Path]:
    """The site's own pages: every HTML file but the libraries' (reveal.js and MathJax ship their own)."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts and "reveal" not in p.parts)


def vnu_messages(files: list[Path]) -> list[dict[str, object]]:
    java = shutil.which("java")
    if java is None:
        skip_or_fail("Java not found: apt-get install -y default-jre-headless (the Nu Html Checker runs on it)")
    if not VNU_JAR.is_file():
        skip_or_fail(f"{VNU_JAR.relative_to(REPO)} is missing: run npm ci")
    done = subprocess.run(
        [str(java), "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    return list(json.loads(done.stderr)["messages"])


def test_vnu_reports_no_error_on_any_page() -> None:
    if not (BOOK_HTML / "index.html").is_file():
        skip_or_fail(f"{NO_BOOK} ({BOOK_HTML / 'index.html'} is missing)")
    files = built_pages(BOOK_HTML)
    assert len(files) > 20, f"only {len(files)} pages under {BOOK_HTML}"
    errors = [m for m in vnu_messages(files) if m.get("type") == "error" or m.get("subType") == "fatal"]
    summary = sorted(
        f"{Path(str(m.get('url', ''))).name}:{m.get('lastLine', '')}: {m.get('message', '')}" for m in errors
    )
    assert not errors, f"{len(errors)} markup errors:\n" + "\n".join(summary[:60])


def test_vnu_reports_errors_on_a_broken_page(tmp_path: Path) -> None:
    """The check can fail: an aria-label on a plain span and an id used twice (as sphinx-exercise writes) are errors."""
    page = tmp_path / "broken.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
        '<p><span aria-label="not reported">·</span></p>'
        '<section id="exercise-content"></section><section id="exercise-content"></section></body></html>',
        encoding="utf-8",
    )
    errors = [str(m.get("message", "")) for m in vnu_messages([page]) if m.get("type") == "error"]
    assert any("aria-label" in e for e in errors), errors
    assert any("Duplicate ID" in e for e in errors), errors
