"""Browser-test fixtures: a local HTTP server, headless Chromium (Debian's) and a recording page.

Usage
-----
- ``page`` opens pages of the served directory and records what went wrong::

      def test_x(page):
          page.open("tests/site/fixtures/explorer_demo.html")   # path relative to the served root
          ...
          page.assert_clean()   # no console errors, page errors, failed requests or off-origin requests

- By default the repository root is served (fixture pages reference ``cuproptosis_book/site/_static``).
  To serve the built book instead, parametrise indirectly::

      @pytest.mark.parametrize("http_server", ["book"], indirect=True)
      def test_book(page): page.open("index.html")

Chromium is Debian's (``apt-get install -y chromium``); Playwright's own browser download is not needed.
Missing Chromium or a missing build skips the tests locally and fails them when ``CI=true``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from cuproptosis_book.site.local_server import CHROMIUM_ARGS, find_chromium, serve
from cuproptosis_book.site.two_sites import instructor_only_pages

REPO = Path(__file__).resolve().parents[2]
BOOK_HTML = Path(os.environ.get("CB_BOOK_HTML", REPO / "_build" / "html"))
#: "book" is the learner site (the root of the build), "instructor" the instructor site inside it.
SERVE_ROOTS = {"repo": REPO, "book": BOOK_HTML, "instructor": BOOK_HTML / "instructor"}
NO_CHROMIUM = "Chromium not found: install Debian's chromium (apt-get install -y chromium) to run browser tests"
NO_BOOK = "build the book first: make book"
ALLOWED_SCHEMES = ("data:", "blob:", "about:")


def skip_or_fail(message: str) -> None:
    """Skip locally; fail on CI (``CI=true``), where a skipped browser test would hide a regression."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


# -- Chromium ----------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        skip_or_fail(NO_CHROMIUM)
    return path  # type: ignore[return-value]


# -- HTTP server (the package's, also used by `make handouts` and `make bench`) ------------------------


@dataclass
class Served:
    root: Path
    origin: str

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"


@pytest.fixture(scope="session")
def http_server(request: pytest.FixtureRequest) -> Iterator[Served]:
    """Serve a directory on 127.0.0.1 at a free port: ``"repo"`` (default), ``"book"`` (the learner site,
    _build/html) or ``"instructor"`` (the instructor site, _build/html/instructor)."""
    which = getattr(request, "param", "repo")
    root = SERVE_ROOTS[which]
    if which in ("book", "instructor") and not (root / "index.html").is_file():
        skip_or_fail(f"{NO_BOOK} ({root / 'index.html'} is missing)")
    with serve(root) as origin:
        yield Served(root=root, origin=origin)


# -- Browser -------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed: pip install -r requirements-test.txt")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
    except Exception:
        pw.stop()
        raise
    try:
        yield b
    finally:
        b.close()
        pw.stop()


@dataclass
class RecordedPage:
    """A Playwright page (attribute access is forwarded) plus everything it logged or requested."""

    page: Any
    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)  # HTTP status >= 400 from the server
    external_requests: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)

    def url_for(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"

    def open(self, path: str = "", **kwargs: Any) -> Any:
        kwargs.setdefault("wait_until", "load")
        return self.page.goto(self.url_for(path), **kwargs)

    def is_local(self, url: str) -> bool:
        return url == self.origin or url.startswith(self.origin + "/") or url.startswith(ALLOWED_SCHEMES)

    @property
    def problems(self) -> dict[str, list[str]]:
        return {
            name: values
            for name, values in (
                ("console errors", self.console_errors),
                ("page errors", self.page_errors),
                ("failed requests", self.failed_requests),
                ("HTTP errors", self.bad_responses),
                ("requests leaving 127.0.0.1", self.external_requests),
            )
            if values
        }

    def assert_clean(self) -> None:
        assert not self.problems, f"page problems: {self.problems}"


@pytest.fixture
def page(browser: Any, http_server: Served) -> Iterator[RecordedPage]:
    context = browser.new_context()
    p = context.new_page()
    p.set_default_timeout(10_000)
    rec = RecordedPage(page=p, origin=http_server.origin)

    def on_request(req: Any) -> None:
        rec.requests.append(req.url)
        if not rec.is_local(req.url):
            rec.external_requests.append(req.url)

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            loc = msg.location or {}
            rec.console_errors.append(f"{msg.text} ({loc.get('url', '')}:{loc.get('lineNumber', '')})")

    p.on("request", on_request)
    p.on("console", on_console)

    def on_failed(req: Any) -> None:
        if rec.is_local(req.url):
            rec.failed_requests.append(f"{req.url} ({req.failure})")

    def on_response(resp: Any) -> None:
        if resp.status >= 400:
            rec.bad_responses.append(f"{resp.status} {resp.url}")

    p.on("pageerror", lambda exc: rec.page_errors.append(str(exc)))
    p.on("requestfailed", on_failed)
    p.on("response", on_response)
    # Never let a page reach the network: off-origin requests are recorded (above) and aborted here.
    context.route("**/*", lambda route: route.continue_() if rec.is_local(route.request.url) else route.abort())
    try:
        yield rec
    finally:
        context.close()


# -- two sites -----------------------------------------------------------------------------------------

INSTRUCTOR_ONLY = set(instructor_only_pages(REPO))


@pytest.fixture(autouse=True)
def _page_belongs_to_the_served_site(request: pytest.FixtureRequest) -> None:
    """A test parametrised over every page of _toc.yml and served the learner site skips the instructor-only pages:
    the learner site does not have them (tests/site/test_two_sites.py checks that they are absent)."""
    callspec = getattr(request.node, "callspec", None)
    params = callspec.params if callspec is not None else {}
    path = str(params.get("path", "")).removesuffix(".html")
    if params.get("http_server") == "book" and path in INSTRUCTOR_ONLY:
        pytest.skip(f"{path} is instructor-only: not in the learner site")
