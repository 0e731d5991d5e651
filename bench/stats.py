"""The statistics every measure reports: median, 95th percentile, ratio (missing values stay None)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable


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
