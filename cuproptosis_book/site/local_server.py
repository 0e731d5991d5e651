"""The built site served on 127.0.0.1 and opened in headless Chromium, with nothing leaving the machine.

One module for everything that drives the built pages in a browser: the handouts (:mod:`.handouts`), the slide
PDFs (:mod:`.decks`), the browser tests (``tests/site/conftest.py``) and ``make bench`` (``bench/``).

- :func:`serve` serves a folder at a free port; ``gzip=True`` serves it the way a static host does (HTML, CSS,
  JavaScript, SVG and JSON gzip-compressed when the browser accepts it), which page-speed measures need.
- :func:`find_chromium` finds Debian's Chromium; :data:`CHROMIUM_ARGS` are the flags every launch uses;
  :func:`launch_chromium` starts it through Playwright (requirements-test.txt).
- :func:`only_local` is the route handler that aborts every request leaving the served origin.
"""

from __future__ import annotations

import functools
import gzip as gzip_module
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: What a static host compresses (fonts and images are compressed already).
COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".txt", ".xml", ".map")
#: Requests a local page may make besides its own origin.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def find_chromium() -> str | None:
    """The Chromium executable: ``$CHROMIUM``, ``chromium`` on the PATH or Debian's ``/usr/bin/chromium``."""
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


# -- the server ------------------------------------------------------------------------------------------


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files, nothing logged; ``no-store`` so that a rebuilt page is never served from a cache."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class _GzipHandler(SimpleHTTPRequestHandler):
    """Static files as a static host serves them: text compressed with gzip when the request accepts it."""

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
            body = self.cache[path] = gzip_module.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser closing a connection early is not an error


@contextmanager
def serve(directory: Path, *, gzip: bool = False) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 at a free port; yields the origin (``http://127.0.0.1:PORT``).

    ``gzip``: compress text files (:data:`COMPRESSIBLE`) for browsers that accept it, as a static host does.
    """
    # each server its own compressed-file cache
    handler = type("GzipHandler", (_GzipHandler,), {"cache": {}}) if gzip else _QuietHandler
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name="local-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- the browser -----------------------------------------------------------------------------------------


def only_local(origin: str) -> Callable[[Any], None]:
    """A Playwright route handler (``context.route("**/*", only_local(origin))``): off-origin requests abort."""
    allowed = (origin.rstrip("/") + "/", *LOCAL_SCHEMES)

    def route(r: Any) -> None:
        if r.request.url.startswith(allowed):
            r.continue_()
        else:
            r.abort()

    return route


@contextmanager
def launch_chromium(chromium: str | None = None) -> Iterator[Any]:
    """Headless Chromium driven by Playwright (``chromium``: the executable, default :func:`find_chromium`)."""
    from playwright.sync_api import sync_playwright

    chromium = chromium or find_chromium()
    if chromium is None:
        msg = "Chromium not found: install Debian's chromium (apt-get install -y chromium)"
        raise RuntimeError(msg)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
