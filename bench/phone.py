"""What a reader on a phone feels: Largest Contentful Paint and Cumulative Layout Shift of every page.

Used by ``bench/run.py`` (group ``phone``, see bench/README.md). The built site is served the way a static
host serves it: text files gzip-compressed (``Content-Encoding: gzip``) when the browser accepts it. Each page
opens in a fresh Chromium context that emulates a mid-range phone (412×915 CSS px, 2.625× pixels, touch, a
mobile user agent) on a slow 4G link (150 ms round trip, 1.6 Mbps down, 750 kbps up) with the CPU 4× slower,
through the DevTools protocol (``Network.emulateNetworkConditions``, ``Emulation.setCPUThrottlingRate``).
"""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

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
#: What a static host compresses (fonts and images are compressed already).
COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".txt", ".xml", ".map")

#: Collects LCP candidates and layout shifts from the start of the page (buffered observers).
OBSERVE_JS = """
window.__cbLcp = 0; window.__cbLcpElement = ''; window.__cbShifts = [];
new PerformanceObserver(l => { for (const e of l.getEntries()) { window.__cbLcp = e.startTime;
    const el = e.element; window.__cbLcpElement = el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') : ''; } })
  .observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver(l => { for (const e of l.getEntries()) if (!e.hadRecentInput)
    window.__cbShifts.push([e.startTime, e.value]); })
  .observe({type: 'layout-shift', buffered: true});
"""


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


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files; text compressed with gzip when the request accepts it, as a static host does."""

    cache: ClassVar[dict[Path, bytes]] = {}

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not accepts or path.suffix not in COMPRESSIBLE:
            super().do_GET()
            return
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@contextmanager
def serve_gzip(directory: Path) -> Iterator[str]:
    """Serve ``directory`` with gzip on 127.0.0.1 at a free port; yields the origin."""
    handler = type("Handler", (_GzipHandler,), {"cache": {}})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="bench-gzip", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _record_size(sizes: dict[str, int], event: dict[str, Any]) -> None:
    sizes[event["requestId"]] = int(event["encodedDataLength"])  # bytes on the wire, compressed


def measure_phone(site: Path, pages: Sequence[str], chromium: str, args: Sequence[str] = ()) -> dict[str, Any]:
    """Per page (``chapters/x`` without ``.html``): LCP (s), CLS, the LCP element and the compressed bytes."""
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with serve_gzip(site) as origin, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=list(args), headless=True)
        try:
            for page_path in pages:
                context = browser.new_context(**PHONE)  # type: ignore[arg-type]
                context.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if route.request.url.startswith((origin + "/", "data:", "blob:"))
                        else route.abort()
                    ),
                )
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
        finally:
            browser.close()
    return out
