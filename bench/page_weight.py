"""``heaviest_page_mb``, ``heaviest_page``: for each page of ``_toc.yml``, in a fresh browser context, the bytes
of every response body it loads until the network is idle (1 MB = 1,000,000 bytes)."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.harness import Run

MB = 1_000_000  # bytes


def measure(run: Run) -> None:
    site = run.built_site("page measures")
    chromium = run.chromium("heaviest_page_mb")
    if chromium is None:
        return
    weights = measure_weights(site, run.site_pages(site), chromium)
    run.details["page_bytes"] = {p: w["total"] for p, w in weights.items()}
    if weights:
        heavy = max(weights, key=lambda p: weights[p]["total"])
        run.measures.update(heaviest_page=f"{heavy}.html", heaviest_page_mb=weights[heavy]["total"] / MB)
        run.details["heaviest_page_resources"] = weights[heavy]["top"]


def measure_weights(site: Path, pages: Sequence[str], chromium: str) -> dict[str, Any]:
    """Per page: total bytes, number of responses and the twelve largest files."""
    from cuproptosis_book.site.local_server import launch_chromium, only_local, serve

    weights: dict[str, Any] = {}
    with serve(site) as origin, launch_chromium(chromium) as browser:
        for page_path in pages:
            context = browser.new_context()  # fresh: nothing cached from the previous page
            context.route("**/*", only_local(origin))
            page = context.new_page()
            page.set_default_timeout(60_000)
            responses: list[Any] = []
            page.on("response", lambda resp: responses.append(resp))  # noqa: B023, PLW0108 - Playwright wants a function
            page.goto(f"{origin}/{page_path}.html", wait_until="load")
            page.wait_for_load_state("networkidle")
            sizes = []
            for resp in responses:
                with contextlib.suppress(Exception):  # redirects and aborted requests have no body
                    sizes.append((len(resp.body()), resp.url[len(origin) :]))
            sizes.sort(reverse=True)
            weights[page_path] = {
                "total": sum(s for s, _ in sizes),
                "requests": len(sizes),
                "top": [{"url": u, "bytes": s} for s, u in sizes[:12]],
            }
            context.close()
    return weights
