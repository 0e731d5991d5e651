"""Handouts: each chapter page of the built site printed to PDF by headless Chromium.

``python -m cuproptosis_book.site.export handouts`` (``make handouts``) calls :func:`print_handouts` on
``_build/html``. The site is served on 127.0.0.1 (pages load their local scripts and fonts; nothing
leaves the machine: off-origin requests are aborted), every page of ``_toc.yml`` outside ``reference/``
is opened and printed on A4 with its background. Explorers need nothing special: their static HTML
already shows the default state (notes/explorer_contract.md). The theme's print stylesheet hides the
header and sidebars; :data:`PRINT_CSS` hides what it leaves (launch buttons, the secondary toc, the
prev/next links) and replaces each explorer's controls by a line naming the value shown and the other
choices (:data:`PRINT_CONTROLS_JS`), so a quiz keeps its options on paper.

Chromium is Debian's (``apt-get install -y chromium``), driven by Playwright (requirements-test.txt); the server
and the browser come from :mod:`.local_server`, which ``make bench`` and the browser tests use too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cuproptosis_book.site.local_server import find_chromium, launch_chromium, only_local, serve
from cuproptosis_book.toc import toc_pages

# Extra print rules: the theme (pydata / sphinx-book-theme) already hides its header and sidebars in print.
PRINT_CSS = """
@media print {
  .bd-header, .bd-header-article, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer,
  .bd-footer-article, .prev-next-area, .header-article-items, .article-header-buttons,
  .skip-link, #pst-back-to-top, .bd-search, .search-button-field, .theme-switch-button,
  .cb-explorer .cb-controls, .site-counterpart { display: none !important; }
  .bd-main .bd-content .bd-article-container { max-width: 100% !important; }
  .cb-explorer { break-inside: avoid; }
  .cb-print-controls { display: block !important; font-size: 0.85em; margin: 0.2em 0 0.4em; }
  .cb-print-controls p { margin: 0.1em 0; }
}
.cb-print-controls { display: none; }
"""

# On paper a control cannot be used: each explorer's form is replaced (in print only) by a line per control
# naming the value shown and the other choices, so a quiz question keeps its options and a figure explorer
# says which state is printed.
PRINT_CONTROLS_JS = """
() => {
  for (const form of document.querySelectorAll('.cb-explorer .cb-controls')) {
    if (form.nextElementSibling && form.nextElementSibling.classList.contains('cb-print-controls')) continue;
    const box = document.createElement('div');
    box.className = 'cb-print-controls';
    for (const c of form.querySelectorAll('.cb-control')) {
      const label = form.querySelector('label[for="' + c.id + '"]');
      let labels = [], current = 0;
      if (c.tagName === 'SELECT') {
        labels = [...c.options].map(o => o.textContent.trim());
        current = c.selectedIndex;
      } else if (c.type === 'range') {
        try { labels = JSON.parse(c.getAttribute('data-labels') || '[]'); } catch (e) { labels = []; }
        current = +c.value - +(c.min || 0);
      }
      const p = document.createElement('p');
      const name = document.createElement('strong');
      name.textContent = (label ? label.textContent.trim() : c.name) + ': ';
      p.append(name, (labels[current] || c.value) + ' (shown)');
      const others = labels.filter((_, i) => i !== current);
      if (others.length) p.append('; other choices: ' + others.join(' · '));
      box.append(p);
    }
    form.after(box);
  }
}
"""


_WORKSHEET = re.compile(r"instructors/worksheet\d+")

# -- pages ---------------------------------------------------------------------------------------------


def chapter_pages(root: Path | None = None) -> list[str]:
    """The pages that get a handout: every page of ``_toc.yml`` except the reference pages, the learners' guides and
    the worksheets (each worksheet has one PDF, printed beside its page by ``make slides``)."""
    return [p for p in toc_pages(root) if not p.startswith(("reference/", "learners/")) and not _WORKSHEET.fullmatch(p)]


def handout_pages(site: str, root: Path | None = None) -> list[str]:
    """The handouts of one site: :func:`chapter_pages` that the site has (the learner site has no key)."""
    from cuproptosis_book.site.two_sites import site_pages

    pages = set(site_pages(site, root))
    return [p for p in chapter_pages(root) if p in pages]


# -- printing ------------------------------------------------------------------------------------------


def _print_page(context: Any, origin: str, page_path: str, target: Path) -> None:
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{origin}/{page_path}.html", wait_until="load")
        page.wait_for_load_state("networkidle")
        page.add_style_tag(content=PRINT_CSS)
        page.evaluate(PRINT_CONTROLS_JS)
        # fonts and (if the page has any) MathJax must be ready before printing
        page.evaluate("""async () => {
            if (document.fonts) await document.fonts.ready;
            if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
        }""")
        page.emulate_media(media="print")
        page.pdf(
            path=str(target),
            format="A4",
            print_background=True,
            prefer_css_page_size=False,
            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
            display_header_footer=True,
            header_template="<span></span>",
            footer_template='<div style="font-size:8px;width:100%;text-align:center;">'
            '<span class="title"></span> — <span class="pageNumber"></span>/'
            '<span class="totalPages"></span></div>',
        )
    finally:
        page.close()


def print_handouts(
    site: Path,
    out: Path,
    *,
    pages: Sequence[str] | None = None,
    chromium: str | None = None,
    origin: str | None = None,
    browser: Any = None,
) -> list[Path]:
    """Print each chapter page of the built ``site`` to ``out/NN-name.pdf``; returns the PDFs in book order.

    ``pages``: page paths without suffix (default: :func:`chapter_pages` of ``_toc.yml``).
    ``chromium``: the browser executable (default: Debian's ``chromium``).
    ``origin``: an already running server of ``site`` (default: one is started on 127.0.0.1).
    ``browser``: an already launched Playwright Chromium (default: one is launched, then closed).
    """
    site = Path(site)
    if not (site / "index.html").is_file():
        msg = f"{site / 'index.html'} is missing: build the book first (make book)"
        raise FileNotFoundError(msg)
    chromium = chromium or find_chromium()
    if chromium is None and browser is None:
        msg = "Chromium not found: install Debian's chromium (apt-get install -y chromium)"
        raise RuntimeError(msg)

    pages = list(pages) if pages is not None else chapter_pages()
    missing = [p for p in pages if not (site / f"{p}.html").is_file()]
    if missing:
        msg = f"pages missing from {site}: {', '.join(missing)} (rebuild the book)"
        raise FileNotFoundError(msg)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    @contextmanager
    def server() -> Iterator[str]:
        if origin is not None:
            yield origin.rstrip("/")
        else:
            with serve(site) as o:
                yield o

    @contextmanager
    def launched() -> Iterator[Any]:
        if browser is not None:
            yield browser
            return
        with launch_chromium(chromium) as b:
            yield b

    with server() as base, launched() as b:
        context = b.new_context()
        try:
            context.route("**/*", only_local(base))
            for n, page_path in enumerate(pages, start=1):
                target = out / f"{n:02d}-{Path(page_path).name}.pdf"
                _print_page(context, base, page_path, target)
                written.append(target)
        finally:
            context.close()
    return written
