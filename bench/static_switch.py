"""``static_switch_*``: the explorers on the built site, in headless Chromium, with no kernel.

For every explorer of every page of ``_toc.yml``, every control and every other value, the page's own script
(``explorer.js``) gets a ``change``/``input`` event at a random moment of a frame; :data:`SWITCH_JS`
(``static_switch.js``) times the script's work, the next frame after the change and the frame after that.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.harness import Run
from bench.stats import median, p95

SWITCH_JS = (Path(__file__).parent / "static_switch.js").read_text(encoding="utf-8")


def measure(run: Run) -> None:
    site = run.built_site("page measures")
    chromium = run.chromium("static_switch_*")
    if chromium is None:
        return
    switches = measure_switches(site, run.site_pages(site), chromium)
    one = [s["one"] for s in switches]
    run.details["static_switch"] = {
        "samples": len(switches),
        "unchanged": sum(1 for s in switches if not s["changed"]),
        "explorers": len({(s["page"], s["explorer"]) for s in switches}),
    }
    if not switches:
        run.note("static switch: no explorer on the site's pages (no samples)")
    run.measures.update(
        static_switch_ms=median(one),
        static_switch_p95_ms=p95(one),
        static_switch_sync_ms=median(s["sync"] for s in switches),
        static_switch_2raf_ms=median(s["two"] for s in switches),
    )


def measure_switches(site: Path, pages: Sequence[str], chromium: str) -> list[dict[str, Any]]:
    """One sample per (page, explorer, control, other value): ms to ``sync``, ``one`` and ``two`` frames."""
    from cuproptosis_book.site.local_server import launch_chromium, only_local, serve

    switches: list[dict[str, Any]] = []
    with serve(site) as origin, launch_chromium(chromium) as browser:
        for page_path in pages:
            context = browser.new_context()  # fresh: nothing cached from the previous page
            context.route("**/*", only_local(origin))
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.goto(f"{origin}/{page_path}.html", wait_until="load")
            page.wait_for_load_state("networkidle")
            for handle in page.query_selector_all(".cb-explorer"):
                name = handle.get_attribute("id") or "?"
                handle.scroll_into_view_if_needed()
                for s in handle.evaluate(SWITCH_JS):
                    s.update(page=page_path, explorer=name)
                    switches.append(s)
            context.close()
    return switches
