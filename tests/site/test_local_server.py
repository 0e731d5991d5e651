"""The local server and browser launch shared by the handouts, the slide PDFs, the browser tests and the bench."""

from __future__ import annotations

import gzip
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from cuproptosis_book.site.local_server import only_local, serve


def _get(url: str, accept_gzip: bool) -> tuple[bytes, Any]:
    headers = {"Accept-Encoding": "gzip"} if accept_gzip else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as resp:
        return resp.read(), resp.headers


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "index.html").write_text("<p>" + "copper " * 500 + "</p>", encoding="utf-8")
    (tmp_path / "a.png").write_bytes(b"\x89PNG" + bytes(300))
    return tmp_path


def test_the_gzip_server_sends_text_compressed_and_the_rest_as_is(site: Path) -> None:
    html = (site / "index.html").read_bytes()
    with serve(site, gzip=True) as origin:
        body, headers = _get(f"{origin}/index.html", accept_gzip=True)
        assert headers["Content-Encoding"] == "gzip"
        assert len(body) < 200
        assert gzip.decompress(body) == html
        body, headers = _get(f"{origin}/", accept_gzip=True)  # a folder serves its index.html
        assert gzip.decompress(body) == html
        body, headers = _get(f"{origin}/index.html", accept_gzip=False)
        assert headers["Content-Encoding"] is None
        assert body == html
        body, headers = _get(f"{origin}/a.png", accept_gzip=True)
        assert headers["Content-Encoding"] is None
        assert body == (site / "a.png").read_bytes()


def test_the_plain_server_never_compresses_and_forbids_caching(site: Path) -> None:
    with serve(site) as origin:
        assert origin.startswith("http://127.0.0.1:")
        body, headers = _get(f"{origin}/index.html", accept_gzip=True)
        assert headers["Content-Encoding"] is None
        assert body == (site / "index.html").read_bytes()
        assert headers["Cache-Control"] == "no-store"


class _Route:
    def __init__(self, url: str) -> None:
        self.request = type("Request", (), {"url": url})()
        self.outcome = ""

    def continue_(self) -> None:
        self.outcome = "continued"

    def abort(self) -> None:
        self.outcome = "aborted"


@pytest.mark.parametrize(
    ("url", "outcome"),
    [
        ("http://127.0.0.1:8123/chapters/x.html", "continued"),
        ("data:image/png;base64,AAAA", "continued"),
        ("about:blank", "continued"),
        ("http://127.0.0.1:81234/x.html", "aborted"),  # another port that shares the prefix
        ("https://cdn.example.org/x.js", "aborted"),
    ],
)
def test_only_local_aborts_requests_that_leave_the_origin(url: str, outcome: str) -> None:
    route = _Route(url)
    only_local("http://127.0.0.1:8123")(route)
    assert route.outcome == outcome
