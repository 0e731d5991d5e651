"""bench/lighthouse.py: reading Lighthouse reports, medians and the comparison with the stock book (no audit runs)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("bench_lighthouse", ROOT / "bench" / "lighthouse.py")
assert _spec is not None
assert _spec.loader is not None
lighthouse: Any = importlib.util.module_from_spec(_spec)
sys.modules["bench_lighthouse"] = lighthouse
_spec.loader.exec_module(lighthouse)


def report(perf: float, lcp_ms: float, seo: float = 1.0) -> dict[str, Any]:
    """The parts of a Lighthouse JSON report that the bench reads, as Lighthouse 12 writes them."""
    return {
        "categories": {
            "performance": {"score": perf},
            "accessibility": {"score": 1.0},
            "best-practices": {"score": 1.0},
            "seo": {"score": seo},
        },
        "audits": {
            "largest-contentful-paint": {"numericValue": lcp_ms},
            "cumulative-layout-shift": {"numericValue": 0.00123},
            "total-blocking-time": {"numericValue": 150.0},
        },
    }


def test_a_report_reads_as_scores_out_of_100_and_seconds() -> None:
    s = lighthouse.summarize(report(0.97, 1180.0, seo=0.91))
    assert (s["performance"], s["accessibility"], s["seo"]) == (97, 100, 91)
    assert s["lcp_s"] == 1.18
    assert s["cls"] == 0.0012
    assert s["tbt_ms"] == 150.0
    assert s["runtime_error"] is None
    broken = lighthouse.summarize({"runtimeError": {"message": "NO_FCP"}, "categories": {}, "audits": {}})
    assert broken["performance"] is None
    assert broken["runtime_error"] == "NO_FCP"


def test_the_median_of_three_runs_and_failed_runs_do_not_count() -> None:
    runs = [lighthouse.summarize(report(p, lcp)) for p, lcp in ((0.90, 1500.0), (0.98, 1000.0), (0.95, 1200.0))]
    runs.append({"runtime_error": "timeout"})
    m = lighthouse.median_of(runs)
    assert m["performance"] == 95
    assert m["lcp_s"] == 1.2
    assert m["runs"] == 4
    assert m["errors"] == ["timeout"]


def test_summary_names_the_worst_page_and_compares_with_stock() -> None:
    sites = {
        "_build/html": {
            "chapters/a": {"performance": 96, "accessibility": 100, "best-practices": 100, "seo": 100, "lcp_s": 1.1},
            "chapters/b": {"performance": 92, "accessibility": 98, "best-practices": 100, "seo": 100, "lcp_s": 1.6},
        }
    }
    stock = {"performance": 46, "lcp_s": 6.4}
    s = lighthouse.summary(sites, stock)
    assert s["lighthouse_performance_min"] == 92
    assert s["lighthouse_performance_min_page"] == "chapters/b"
    assert s["lighthouse_accessibility_min"] == 98
    assert s["lighthouse_seo_min"] == 100
    assert s["lighthouse_lcp_s"] == 1.6
    assert s["lighthouse_lcp_page"] == "chapters/b"
    assert s["lighthouse_performance_ratio"] == round(92 / 46, 3)
    assert s["lighthouse_lcp_ratio"] == 0.25
    assert set(s) == set(lighthouse.KEYS)


def test_the_stock_page_is_its_first_content_page(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<meta http-equiv="Refresh" content="0; url=intro.html" />')
    (tmp_path / "intro.html").write_text("<html></html>")
    assert lighthouse.stock_page(tmp_path) == "intro"
