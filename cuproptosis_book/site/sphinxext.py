"""Sphinx extension of the book: loaded through ``sphinx.extra_extensions`` in ``_config.yml``.

It validates ``data/`` before anything is built (a broken file stops the build with a clear error),
generates the glossary page from ``data/glossary.csv`` and the data page from the data packages
(:mod:`.datapage`, with the zips it links), labels citations with the review's own
reference numbers, and ships the local scripts that make explorers and tables work without a kernel
or a network.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from cuproptosis_book import data
from cuproptosis_book.paths import static_dir, templates_dir
from cuproptosis_book.site import answer_sheets, datapage
from cuproptosis_book.site.two_sites import INSTRUCTOR, current_site

GLOSSARY_MARKER = "<!-- glossary-from-data -->"
STATIC = static_dir()


CONCEPTS_INTRO = (
    "Ideas the chapters rely on, in plain words. Each entry says whether the review itself explains the term or "
    "whether the explanation is background knowledge, and which of the review's references support it."
)


def _citation(refs: Any) -> str:
    return "{cite}`" + ",".join(f"ref{n}" for n in refs) + "`" if refs else ""


def _concept_text(row: Any) -> str:
    """A concept's definition followed by where it comes from: the review, or background with its references."""
    cite = _citation(row.refs)
    if row.source == "background":
        origin = "Background; the review uses the term without explaining it" + (f". See {cite}" if cite else "")
    else:
        origin = "As the review explains it" + (f" {cite}" if cite else "")
    text = f"{row.definition} *({origin}.)*"
    if row.erratum:
        text += " *(See erratum " + ", ".join(row.erratum) + ".)*"
    return text


def glossary_markdown(glossary: Any) -> str:
    """MyST source of the glossary: a ``{glossary}`` of abbreviations, then one of concepts under its own heading."""
    lines = ["```{glossary}", ":sorted:", ""]
    for row in glossary.itertuples(index=False):
        if row.kind != "abbreviation":
            continue
        lines.append(row.term)
        text = row.expansion
        if row.definition:
            text += f". {row.definition}"
        if row.source == "outside":
            text += " *(Not expanded in the review; standard nomenclature.)*"
        if row.erratum:
            text += " *(See erratum " + ", ".join(row.erratum) + ".)*"
        lines.append("  " + text.replace("\n", " "))
        lines.append("")
    lines.append("```")
    concepts = [row for row in glossary.itertuples(index=False) if row.kind == "concept"]
    if concepts:
        lines += ["", "## Concepts", "", CONCEPTS_INTRO, "", "```{glossary}", ":sorted:", ""]
        for row in concepts:
            lines += [row.term, "  " + _concept_text(row).replace("\n", " "), ""]
        lines.append("```")
    return "\n".join(lines)


def _data_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()))


def _on_builder_inited(app: Sphinx) -> None:
    """Validate ``data/`` before reading any page: a data error should stop the build, not a figure.

    Skipped when the data are unchanged since the build that pickled this environment (keeps rebuilds fast).
    """
    folder = Path(app.srcdir) / "data"
    stamp = _data_stamp(folder)
    if getattr(app.env, "cuproptosis_data_stamp", None) == stamp:
        return
    data.load_all(folder)
    app.env.cuproptosis_data_stamp = stamp  # type: ignore[attr-defined]


def _on_before_read_docs(_app: Sphinx, env: Any, docnames: list[str]) -> None:
    env.cuproptosis_docs_read = bool(docnames)


def _bibtex_only_when_read() -> None:
    """sphinxcontrib-bibtex formats every reference on every build, also when no page was read (1.5 s of a
    no-op rebuild, bench/README.md). Its citations are restored with the pickled environment, and a changed
    .bib file makes it mark pages outdated, so a build that reads no page can keep them. Applied only to the
    version this was checked with."""
    from importlib.metadata import version

    if version("sphinxcontrib-bibtex") != "2.7.0":
        return
    from sphinxcontrib.bibtex.domain import BibtexDomain

    original = BibtexDomain.env_updated
    if getattr(original, "cuproptosis_patched", False):
        return

    def env_updated(self):  # type: ignore[no-untyped-def]
        if not getattr(self.env, "cuproptosis_docs_read", True) and self.citations:
            return []
        return original(self)

    env_updated.cuproptosis_patched = True  # type: ignore[attr-defined]
    BibtexDomain.env_updated = env_updated  # type: ignore[method-assign]


TEMPLATES = templates_dir()


def _on_config_inited(_app: Sphinx, config: Any) -> None:
    config.html_static_path.append(str(STATIC))
    # our templates first: a lighter copy of the theme's script macros (see _templates/static/)
    config.templates_path.insert(0, str(TEMPLATES))


def _on_source_read(app: Sphinx, _docname: str, source: list[str]) -> None:
    if GLOSSARY_MARKER in source[0]:
        review = data.load_all(Path(app.srcdir) / "data")
        source[0] = source[0].replace(GLOSSARY_MARKER, glossary_markdown(review.glossary))
    if datapage.DATA_MARKER in source[0]:
        root = Path(app.srcdir)
        for where in datapage.PACKAGES:
            app.env.note_dependency(str(root / where))
        app.env.note_dependency(str(root / "data" / "README.md"))
        source[0] = source[0].replace(datapage.EXAMPLES_MARKER, datapage.loading_examples(root))
        source[0] = source[0].replace(datapage.DATA_MARKER, datapage.data_page_markdown(root))


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Write the downloads the data page links: the data package and the graph files, one zip each."""
    if exception is not None or app.builder.format != "html":
        return
    root, downloads = Path(app.srcdir), Path(app.outdir) / datapage.DOWNLOADS
    datapage.write_data_zip(root, downloads / datapage.DATA_ZIP)
    datapage.write_graphs_zip(root, downloads / datapage.GRAPHS_ZIP)
    # warm-ups, exit tickets, the printable quiz; their keys on the instructor site only
    answer_sheets.write_pages(Path(app.outdir), keys=current_site() == INSTRUCTOR)


def _clean_page(_app: Sphinx, _pagename: str, _templatename: str, context: dict[str, Any], _doctree: Any) -> None:
    """Fix each page before it is written: duplicate scripts, unused widget state, a wrong ARIA role.

    Sphinx 7.4 adds an inline script registered after builder init a second time (filename None vs ''):
    sphinx-thebe's ``const THEBE_JS_URL`` then throws "Identifier already declared" on every page
    (notes/site_findings.md). The widget state is dead weight: explorers show their HTML fallback.
    """
    if "body" in context:  # docutils marks the citation list role="list" without listitem children (axe)
        context["body"] = context["body"].replace(
            '<div role="list" class="citation-list">', '<div class="citation-list">'
        )
    files = context.get("script_files")
    if not files:
        return
    seen, keep = set(), []
    for js in files:
        if js.attributes.get("type") == "application/vnd.jupyter.widget-state+json":
            continue
        key = (js.filename or "", js.priority, tuple(sorted(js.attributes.items())))
        if key not in seen:
            seen.add(key)
            keep.append(js)
    files[:] = keep  # the builder's own list; Sphinx restores it after each page


#: Opened from disk (the offline edition, ``make dist``), a browser refuses ``fetch`` of ``file:`` URLs, which
#: Sphinx's search uses only to show a summary under each result: the results themselves come from
#: ``searchindex.js``, loaded by a ``<script>`` element. Without summaries there, search works offline too.
OFFLINE_SEARCH_JS = 'if (location.protocol === "file:") DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;'


def _search_page_offline(
    app: Sphinx, pagename: str, _templatename: str, _context: dict[str, Any], _doctree: Any
) -> None:
    if pagename == "search":  # after documentation_options.js (priority 200), before the search runs
        app.add_js_file(None, body=OFFLINE_SEARCH_JS, priority=210)


def _register_citation_style() -> None:
    """Citations show the review's reference numbers ([17]) and the bibliography keeps its order."""
    from pybtex.plugin import register_plugin
    from pybtex.style.formatting.unsrt import Style as UnsrtStyle
    from pybtex.style.labels import BaseLabelStyle
    from pybtex.style.sorting import BaseSortingStyle

    class ReviewNumberLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries: Iterable[Any]) -> Iterator[str]:
            for entry in sorted_entries:
                number = entry.fields.get("reviewref")
                if number is not None:
                    yield str(number)
                else:  # the review itself
                    last = entry.persons["author"][0].last_names[0]
                    yield f"{last} {entry.fields.get('year', '')}".strip()

    class ReviewNumberSorting(BaseSortingStyle):
        def sorting_key(self, entry: Any) -> tuple[int, int]:
            number = entry.fields.get("reviewref")
            return (0, int(number)) if number is not None else (1, 0)  # the review itself last

    class ReviewStyle(UnsrtStyle):
        default_label_style = "reviewnumber"
        default_sorting_style = "reviewnumber"

    # sphinxcontrib-bibtex looks the plain-text backend up for every citation, and pybtex scans every
    # installed package's entry points each time (~11 ms); registered, it is a dict look-up (bench/README.md)
    from pybtex.backends.plaintext import Backend as PlainTextBackend

    register_plugin("pybtex.backends", "plaintext", PlainTextBackend, force=True)
    register_plugin("pybtex.style.labels", "reviewnumber", ReviewNumberLabels)
    register_plugin("pybtex.style.sorting", "reviewnumber", ReviewNumberSorting)
    register_plugin("pybtex.style.formatting", "reviewbook", ReviewStyle)


def setup(app: Sphinx) -> dict[str, Any]:
    _register_citation_style()
    _bibtex_only_when_read()
    app.connect("builder-inited", _on_builder_inited)
    app.connect("env-before-read-docs", _on_before_read_docs)
    app.connect("source-read", _on_source_read)
    app.connect("build-finished", _on_build_finished)
    app.connect("html-page-context", _search_page_offline)
    app.connect("html-page-context", _clean_page, priority=900)
    app.connect("config-inited", _on_config_inited)
    app.setup_extension("cuproptosis_book.site.page_speed")  # fast and valid on a phone (page_speed.py)
    for name in ("explorer.css", "tables.css", "site.css"):  # site.css last: dark mode and print
        app.add_css_file(name)
    for name in ("explorer.js", "explorer-print.js", "tables.js"):
        app.add_js_file(name, defer="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
