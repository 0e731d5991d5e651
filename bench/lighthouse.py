#!/usr/bin/env python
"""Lighthouse's mobile audit of every page, beside a stock Jupyter Book page measured in the same run.

Used by ``bench/run.py`` (group ``lighthouse``, see bench/README.md), or alone::

    .venv/bin/python bench/lighthouse.py --site _build/html --pages intro chapters/copper_metabolism --runs 1

Lighthouse is the npm package pinned in ``package.json`` (``npm ci``), version :data:`LIGHTHOUSE_VERSION`, run on
Debian's Chromium (``CHROME_PATH``, headless, no sandbox) with its default mobile preset: a mid-range phone
on a simulated slow 4G link with the CPU 4× slower. Each site is served gzip-compressed from 127.0.0.1 as a
static host serves it (``cuproptosis_book/site/local_server.py``). Each page is audited ``runs`` times; every figure reported is the
median of its runs. The stock book is what ``jupyter-book create`` writes, built with the same Jupyter Book.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.2.3"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
#: Audits reported beside the scores (their numeric values: ms, or a unitless score for CLS).
METRICS = {
    "first-contentful-paint": "fcp_s",
    "largest-contentful-paint": "lcp_s",
    "cumulative-layout-shift": "cls",
    "total-blocking-time": "tbt_ms",
}
#: What the browser itself saw, unthrottled, before Lantern's simulation: a check on the measurement (a first paint
#: held back by the headless browser shows here as an observed FCP long after the page loaded).
OBSERVED = {"observedFirstContentfulPaint": "observed_fcp_s", "observedLoad": "observed_load_s"}
#: chrome-launcher (Lighthouse's launcher) passes its own ``--disable-features`` list, which includes ``RenderDocument``
#: (disabled there since Lighthouse PR 16363). With Debian's Chromium 156 headless and RenderDocument off, the
#: first frame of a page is held back by one to two whole seconds after the page is ready to paint (observed FCP
#: 2.2 s on a chapter that paints at 0.35 s in Playwright's Chromium; upstream: GoogleChrome/lighthouse#17148), and
#: Lantern multiplies that into every simulated metric. Chromium keeps only the last ``--disable-features``, so
#: this list repeats the launcher's without RenderDocument: the browser navigates as Chrome does by default.
#: Our pages and the stock page are audited with the same flags.
LAUNCHER_DISABLED_FEATURES = (
    "Translate",
    "OptimizationHints",
    "MediaRouter",
    "DialMediaRouteProvider",
    "CalculateNativeWinOcclusion",
    "InterestFeedContentSuggestions",
    "CertificateTransparencyComponentUpdater",
    "AutofillServerCommunication",
    "PrivacySandboxSettings4",
)
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    f"--disable-features={','.join(LAUNCHER_DISABLED_FEATURES)}"
)
#: The results' keys (bench/run.py): the worst page of our sites, the stock page, and ours over stock.
KEYS = [
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


def lighthouse_bin(root: Path = ROOT) -> Path | None:
    path = root / "node_modules" / ".bin" / "lighthouse"
    return path if path.is_file() else None


def summarize(report: dict[str, Any]) -> dict[str, Any]:
    """Scores (0-100) per category and the metrics of one Lighthouse JSON report."""
    out: dict[str, Any] = {}
    for cat in CATEGORIES:
        score = report.get("categories", {}).get(cat, {}).get("score")
        out[cat] = None if score is None else round(score * 100)
    for audit, key in METRICS.items():
        value = report.get("audits", {}).get(audit, {}).get("numericValue")
        if value is None:
            out[key] = None
        else:
            out[key] = round(value / 1000, 3) if key.endswith("_s") else round(value, 4 if key == "cls" else 1)
    items = report.get("audits", {}).get("metrics", {}).get("details", {}).get("items") or [{}]
    for field, key in OBSERVED.items():
        value = items[0].get(field)
        out[key] = None if value is None else round(value / 1000, 3)
    out["runtime_error"] = (report.get("runtimeError") or {}).get("message")
    return out


def median_of(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per figure, the median of the runs that produced it (None when none did)."""
    out: dict[str, Any] = {}
    for key in [*CATEGORIES, *METRICS.values(), *OBSERVED.values()]:
        values = [r[key] for r in runs if r.get(key) is not None]
        out[key] = statistics.median(values) if values else None
    out["runs"] = len(runs)
    errors = [r["runtime_error"] for r in runs if r.get("runtime_error")]
    if errors:
        out["errors"] = errors
    return out


def audit(url: str, chromium: str, binary: Path, out: Path) -> dict[str, Any]:
    """One Lighthouse run (mobile preset) on ``url``; its summary."""
    cmd = [
        str(binary),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--max-wait-for-load=60000",
    ]
    env = {**os.environ, "CHROME_PATH": chromium}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=False)
    if not out.is_file():
        return {"runtime_error": f"lighthouse exited {done.returncode}: {done.stderr.strip()[-300:]}"}
    return summarize(json.loads(out.read_text(encoding="utf-8")))


def build_stock_book(where: Path, jupyter_book: Path | None = None) -> Path:
    """``jupyter-book create`` then build, in ``where``; returns its ``_build/html``."""
    jb = str(jupyter_book or Path(sys.executable).with_name("jupyter-book"))
    book = where / "stock"
    if book.exists():
        shutil.rmtree(book)
    subprocess.run([jb, "create", str(book)], check=True, capture_output=True, text=True)
    subprocess.run([jb, "build", str(book)], check=True, capture_output=True, text=True, timeout=900)
    return book / "_build" / "html"


def stock_page(stock_dir: Path) -> str:
    """The stock book's first content page (its index.html only redirects)."""
    for name in ("intro", "markdown"):
        if (stock_dir / f"{name}.html").is_file():
            return name
    return "index"


def measure_site(site: Path, pages: Sequence[str], chromium: str, binary: Path, runs: int, tmp: Path) -> dict[str, Any]:
    from cuproptosis_book.site.local_server import serve

    out: dict[str, Any] = {}
    with serve(site, gzip=True) as origin:
        for page in pages:
            reports = [
                audit(f"{origin}/{page}.html", chromium, binary, tmp / f"{page.replace('/', '_')}-{i}.json")
                for i in range(runs)
            ]
            out[page] = median_of(reports)
    return out


def measure_lighthouse(
    site_dirs: Path | Sequence[Path],
    pages: Sequence[str],
    stock_dir: Path | None = None,
    runs: int = 3,
    chromium: str | None = None,
) -> dict[str, Any]:
    """Lighthouse mobile scores and metrics (median of ``runs``) of ``pages`` of each site and of the stock book.

    ``pages`` are paths without ``.html`` (``chapters/x``); a page missing from a site is skipped there.
    ``stock_dir`` is a built stock book; without it one is created and built in a temporary folder.
    Returns ``{"version", "runs", "sites": {site: {page: figures}}, "stock": {"page", figures}, "summary"}``.
    """
    binary = lighthouse_bin()
    if binary is None:
        msg = "node_modules/.bin/lighthouse is missing: run npm ci"
        raise FileNotFoundError(msg)
    if chromium is None:
        from cuproptosis_book.site.local_server import find_chromium

        chromium = find_chromium()
        if chromium is None:
            msg = "Chromium not found: apt-get install -y chromium"
            raise FileNotFoundError(msg)
    load_start = os.getloadavg()
    dirs = [Path(site_dirs)] if isinstance(site_dirs, (str, Path)) else [Path(d) for d in site_dirs]
    with tempfile.TemporaryDirectory(prefix="cb-lighthouse-") as tmp_name:
        tmp = Path(tmp_name)
        sites = {}
        for site in dirs:
            present = [p for p in pages if (site / f"{p}.html").is_file()]
            sites[str(site)] = measure_site(site, present, chromium, binary, runs, tmp)
        stock_html = stock_dir or build_stock_book(tmp)
        name = stock_page(stock_html)
        stock = {"page": name, **measure_site(stock_html, [name], chromium, binary, runs, tmp)[name]}
    return {
        "version": LIGHTHOUSE_VERSION,
        "preset": "mobile (Lighthouse default: simulated slow 4G, CPU 4x)",
        "runs": runs,
        "sites": sites,
        "stock": stock,
        "summary": summary(sites, stock),
        # simulated throttling scales with the host's speed: a busy machine (load > cores) lowers every score
        "load_average": {"start": round(load_start[0], 2), "end": round(os.getloadavg()[0], 2), "cpus": os.cpu_count()},
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else round(a / b, 3)


def summary(sites: dict[str, dict[str, Any]], stock: dict[str, Any]) -> dict[str, Any]:
    """The worst page of all sites per figure, the stock page's, and ours over stock (:data:`KEYS`)."""
    pages = {
        f"{Path(site).name}:{page}" if len(sites) > 1 else page: m
        for site, per in sites.items()
        for page, m in per.items()
    }
    out: dict[str, Any] = dict.fromkeys(KEYS)
    scored = {p: m for p, m in pages.items() if m.get("performance") is not None}
    if scored:
        worst = min(scored, key=lambda p: scored[p]["performance"])
        out["lighthouse_performance_min"] = scored[worst]["performance"]
        out["lighthouse_performance_min_page"] = worst
        for cat in CATEGORIES[1:]:
            values = [m[cat] for m in scored.values() if m.get(cat) is not None]
            out[f"lighthouse_{cat.replace('-', '_')}_min"] = min(values) if values else None
    timed = {p: m for p, m in pages.items() if m.get("lcp_s") is not None}
    if timed:
        slow = max(timed, key=lambda p: timed[p]["lcp_s"])
        out["lighthouse_lcp_s"] = timed[slow]["lcp_s"]
        out["lighthouse_lcp_page"] = slow
    out["lighthouse_stock_performance"] = stock.get("performance")
    out["lighthouse_stock_lcp_s"] = stock.get("lcp_s")
    out["lighthouse_performance_ratio"] = _ratio(out["lighthouse_performance_min"], stock.get("performance"))
    out["lighthouse_lcp_ratio"] = _ratio(out["lighthouse_lcp_s"], stock.get("lcp_s"))
    return out


def measure(run: Any) -> None:
    """The ``lighthouse`` group: every page of the learner site and of the instructor site (``instructor/``), and a
    stock book page, audited in the same run; fills ``run.measures`` (:data:`KEYS`) and ``run.details``."""
    if lighthouse_bin() is None:
        run.note("node_modules/.bin/lighthouse missing (npm ci): lighthouse_* not measured")
        return
    site = run.built_site("Lighthouse audits")
    sites = [site] + [d for d in (site / "instructor",) if (d / "index.html").is_file()]
    # each site's own pages: the instructor site has pages the learner site has not
    pages = list(dict.fromkeys(page for each in sites for page in run.site_pages(each)))
    result = measure_lighthouse(sites, pages, runs=run.reps)
    run.details["lighthouse"] = result
    run.measures.update(result["summary"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, action="append", help="a built site (repeatable); default _build/html")
    parser.add_argument("--pages", nargs="+", required=True, help="pages without .html, e.g. chapters/data")
    parser.add_argument("--stock", type=Path, default=None, help="a built stock book (default: build one)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    result = measure_lighthouse(args.site or [ROOT / "_build" / "html"], args.pages, args.stock, args.runs)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
