"""What ``results.json`` holds: the keys (by group), their goals, and the table printed at the end of a run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench.lighthouse import KEYS as LIGHTHOUSE_KEYS

# --only accepts a key or a group; each group is measured as a whole (bench/measures.py says by what).
# The order is the order of results.json and of the printed table.
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
    # Lighthouse mobile (bench/lighthouse.py): the worst page of both sites, the stock page, ours over stock
    "lighthouse": list(LIGHTHOUSE_KEYS),
    "install": ["install_s"],
}
KEYS: list[str] = [key for keys in GROUPS.values() for key in keys]
# A measure passes when it is <= its goal.
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
UNITS = {"_ratio": "×", "_s": "s", "_ms": "ms", "_mb": "MB", "_kb_gz": "kB"}


def groups_for(only: str | None) -> list[str]:
    """The groups to measure for ``--only`` (a comma list of keys or group names); all when None."""
    if not only:
        return list(GROUPS)
    wanted: list[str] = []
    for item in (s.strip() for s in only.split(",") if s.strip()):
        found = [g for g, keys in GROUPS.items() if item == g or item in keys]
        if not found:
            msg = f"--only: unknown key {item!r}; keys: {', '.join(KEYS)}; groups: {', '.join(GROUPS)}"
            raise SystemExit(msg)
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
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
