"""What a reader on a phone feels: Largest Contentful Paint and Cumulative Layout Shift of every page.

Group ``phone`` of the bench (bench/README.md). The built site is served the way a static
host serves it: text files gzip-compressed (``Content-Encoding: gzip``) when the browser accepts it. Each page
opens in a fresh Chromium context that emulates a mid-range phone (412×915 CSS px, 2.625× pixels, touch, a
mobile user agent) on a slow 4G link (150 ms round trip, 1.6 Mbps down, 750 kbps up) with the CPU 4× slower,
through the DevTools protocol (``Network.emulateNetworkConditions``, ``Emulation.setCPUThrottlingRate``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.harness import Run, log

RTT_MS = 150
DOWN_BPS = 1_600_000  # bits per second
UP_BPS = 750_000
CPU_SLOWDOWN = 4
PHONE = {
    "viewport": {"width": 412, "height": 915},
    "device_scale_factor": 2.625,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Mobile Safari/537.36"
    ),
}
#: Collects LCP candidates and layout shifts from the start of the page (buffered observers).
OBSERVE_JS = (Path(__file__).parent / "phone_observe.js").read_text(encoding="utf-8")


def measure(run: Run) -> None:
    """``phone_*``: the worst page for LCP, CLS and compressed bytes; every page in ``details.phone.pages``."""
    site = run.built_site("phone measures")
    chromium = run.chromium("phone_*")
    if chromium is None:
        return
    per = measure_phone(site, run.site_pages(site), chromium)
    run.details["phone"] = {
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
    run.measures.update(
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


def cls_of(shifts: Sequence[tuple[float, float]]) -> float:
    """Cumulative Layout Shift as browsers report it: the largest window of shifts.

    A window holds shifts less than 1 s apart and lasts at most 5 s (web.dev/articles/cls).
    """
    best = current = 0.0
    start = last = None
    for t, value in sorted(shifts):
        if start is None or last is None or t - last >= 1000 or t - start >= 5000:
            start, current = t, 0.0
        current += value
        last = t
        best = max(best, current)
    return best


def _record_size(sizes: dict[str, int], event: dict[str, Any]) -> None:
    sizes[event["requestId"]] = int(event["encodedDataLength"])  # bytes on the wire, compressed


def measure_phone(site: Path, pages: Sequence[str], chromium: str) -> dict[str, Any]:
    """Per page (``chapters/x`` without ``.html``): LCP (s), CLS, the LCP element and the compressed bytes."""
    from cuproptosis_book.site.local_server import launch_chromium, only_local, serve

    out: dict[str, Any] = {}
    with serve(site, gzip=True) as origin, launch_chromium(chromium) as browser:
        for page_path in pages:
            context = browser.new_context(**PHONE)
            context.route("**/*", only_local(origin))
            context.add_init_script(OBSERVE_JS)
            page = context.new_page()
            page.set_default_timeout(120_000)
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": RTT_MS,
                    "downloadThroughput": DOWN_BPS / 8,
                    "uploadThroughput": UP_BPS / 8,
                },
            )
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            sizes: dict[str, int] = {}
            record = functools.partial(_record_size, sizes)  # this page's sizes
            cdp.on("Network.loadingFinished", record)
            page.goto(f"{origin}/{page_path}.html", wait_until="load")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)  # late shifts (fonts, scripts that add controls)
            lcp, shifts, element = page.evaluate("[window.__cbLcp, window.__cbShifts, window.__cbLcpElement]")
            out[page_path] = {
                "lcp_s": round(lcp / 1000, 3),
                "cls": round(cls_of(shifts), 4),
                "lcp_element": str(element)[:80],
                "bytes_gz": sum(sizes.values()),
                "requests": len(sizes),
            }
            context.close()
    return out
