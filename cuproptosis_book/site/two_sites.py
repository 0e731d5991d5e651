"""Two sites from one source: the learner site (the default, at the site root) and the instructor site.

How the split works (for contributors: where a new page goes):

- ``_toc.yml`` is the instructor site: every page. The **learner site** is the same table of contents without the
  parts named in :data:`INSTRUCTOR_PARTS` (the "For instructors" part). A page is instructor-only when it sits in
  that part of ``_toc.yml``; everything else is in both sites. ``python -m cuproptosis_book.site.two_sites toc``
  writes the learner table of contents to ``_build/learner_toc.yml`` (``make book`` does it).
- Both sites are built by Jupyter Book from the same sources with the same execution cache (``execute.cache`` in
  ``_config.yml``), so each notebook is executed once. The build's site is named by the environment variable
  ``CB_SITE`` (``learner`` or ``instructor``; unset: ``instructor``, since ``_toc.yml`` holds every page). The
  name is also a Sphinx tag, so a page can say ``{only} instructor`` or ``{only} learner``.
- In the learner build, this extension removes every solution of sphinx-exercise (``{solution}`` blocks and the
  gated ``{solution-start}`` … ``{solution-end}`` blocks, code cells included) from the pages before they are
  written, so neither the HTML nor the search index holds one.
- Every page starts with a line that links its counterpart in the other site (the same page when it exists there,
  else the other site's first page). The instructor site lives under :data:`INSTRUCTOR_DIR` of the learner site.
- The instructor site's first page says plainly that nothing on a public site is hidden, and points to the LMS
  export on the downloads page (anchor :data:`LMS_ANCHOR`) for graded work.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx

from cuproptosis_book.paths import book_root
from cuproptosis_book.toc import pages_of, toc_pages

SITE_VARIABLE = "CB_SITE"
LEARNER, INSTRUCTOR = "learner", "instructor"
SITES = (LEARNER, INSTRUCTOR)
#: Parts of ``_toc.yml`` (by caption) that only the instructor site has.
INSTRUCTOR_PARTS = ("For instructors",)
#: Where the instructor site lives inside the learner site (``_build/html/instructor/``).
INSTRUCTOR_DIR = "instructor"
LEARNER_TOC = "_build/learner_toc.yml"
LMS_ANCHOR = "lms-export"
DOWNLOADS_PAGE = "instructors/downloads"
BANNER_CLASS = "site-counterpart"


def current_site() -> str:
    """The site this build makes, from ``$CB_SITE`` (``instructor`` when unset)."""
    site = os.environ.get(SITE_VARIABLE, INSTRUCTOR).strip().lower() or INSTRUCTOR
    if site not in SITES:
        msg = f"${SITE_VARIABLE}={site!r}: expected one of {', '.join(SITES)}"
        raise ValueError(msg)
    return site


# -- the tables of contents --------------------------------------------------------------------------------


def learner_toc(root: Path | None = None) -> dict[str, Any]:
    """``_toc.yml`` without the instructor-only parts."""
    root = root if root is not None else book_root()
    toc: dict[str, Any] = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    toc["parts"] = [p for p in toc.get("parts", []) if p.get("caption") not in INSTRUCTOR_PARTS]
    return toc


def write_learner_toc(root: Path | None = None, out: Path | None = None) -> Path:
    root = root if root is not None else book_root()
    out = out if out is not None else root / LEARNER_TOC
    out.parent.mkdir(parents=True, exist_ok=True)
    text = "# Written by `python -m cuproptosis_book.site.two_sites toc` from _toc.yml: do not edit.\n"
    out.write_text(text + yaml.safe_dump(learner_toc(root), sort_keys=False), encoding="utf-8")
    return out


def learner_pages(root: Path | None = None) -> list[str]:
    """The pages of the learner site, in book order."""
    return pages_of(learner_toc(root))


def instructor_only_pages(root: Path | None = None) -> list[str]:
    """The pages only the instructor site has, in book order."""
    learner = set(learner_pages(root))
    return [p for p in toc_pages(root) if p not in learner]


def site_pages(site: str, root: Path | None = None) -> list[str]:
    return learner_pages(root) if site == LEARNER else toc_pages(root)


def site_folder(root: Path, site: str) -> Path:
    """Where ``make book`` puts a built site: ``_build/html`` (learner) or ``_build/html/instructor``."""
    html_dir = root / "_build" / "html"
    return html_dir / INSTRUCTOR_DIR if site == INSTRUCTOR else html_dir


# -- links between the two sites ------------------------------------------------------------------------


def counterpart_href(site: str, pagename: str, learner: set[str]) -> str:
    """Relative link from ``pagename`` of ``site`` to the same page of the other site (or its first page).

    The learner site is the root; the instructor site is :data:`INSTRUCTOR_DIR` inside it.
    """
    up = "../" * pagename.count("/")
    if site == LEARNER:
        return f"{up}{INSTRUCTOR_DIR}/{pagename}.html"
    target = pagename if pagename in learner or pagename in ("search", "genindex") else "index"
    return f"{up}../{target}.html"


def banner_html(site: str, pagename: str, learner: set[str], root_doc: str) -> str:
    href = html.escape(counterpart_href(site, pagename, learner))
    if site == LEARNER:
        text = (
            "Learner site: no solutions or keys. "
            f'Teaching this? <a class="counterpart-link" href="{href}">Instructor view of this page</a>'
        )
    else:
        same = pagename in learner or pagename in ("search", "genindex")
        where = "this page" if same else "the first page (this page is for instructors only)"
        text = (
            "Instructor site: solutions, keys, plans and decks. "
            f'<a class="counterpart-link" href="{href}">Learner view of {where}</a>'
        )
    out = f'<p class="{BANNER_CLASS}" role="note" aria-label="Which site this is">{text}</p>\n'
    if site == INSTRUCTOR and pagename == root_doc:
        out += public_keys_html(pagename)
    return out


def public_keys_html(pagename: str) -> str:
    """The instructor site's first words: its keys are public, and where graded work should live instead."""
    up = "../" * pagename.count("/")
    lms = html.escape(f"{up}{DOWNLOADS_PAGE}.html#{LMS_ANCHOR}")
    return (
        '<div class="admonition warning instructor-public-note" role="note" aria-label="These keys are public">\n'
        '<p class="admonition-title">This instructor site is public</p>\n'
        "<p>Nothing on a public website is hidden: the solutions, worksheet keys and critical-reading key of "
        "this instructor site are open to anyone who finds its address, students included. The learner site "
        "leaves them out so that a class can use it without meeting the answers by accident, not to keep "
        "them secret. For graded work, use questions your students have not seen here, delivered through your "
        f'learning-management system: see the <a href="{lms}">LMS export</a> on the downloads page.</p>\n</div>\n'
    )


# -- the Sphinx extension -------------------------------------------------------------------------------


def _solution_node_types() -> tuple[type[nodes.Element], ...]:
    from sphinx_exercise import nodes as ex_nodes

    names = ("solution_node", "solution_start_node", "solution_end_node")
    return tuple(getattr(ex_nodes, n) for n in names if hasattr(ex_nodes, n))


def remove_solutions(doctree: nodes.document) -> int:
    """Remove every sphinx-exercise solution from ``doctree`` (what lies between a gated start and end too).

    Returns how many were removed.
    """
    kinds = _solution_node_types()
    removed = 0
    for node in list(doctree.findall(lambda n: isinstance(n, kinds))):
        if node.parent is not None:
            node.parent.remove(node)
            removed += 1
    return removed


def _on_config_inited(app: Sphinx, config: Any) -> None:
    site = current_site()
    config.cuproptosis_site = site
    app.tags.add(site)
    root = Path(app.srcdir)
    config.cuproptosis_learner_pages = learner_pages(root)
    if site == LEARNER:  # the page sources are the chapters with their solutions: not in the learner site
        config.html_copy_source = False
    # the shared execution cache, whatever folder a build writes to and wherever it is run from
    cache = getattr(config, "nb_execution_cache_path", "")
    if cache and not Path(cache).is_absolute():
        config.nb_execution_cache_path = str(root / cache)


REPOSITORY_MARKER = "{{ repository_url }}"


def _on_source_read(app: Sphinx, _docname: str, source: list[str]) -> None:
    """Pages that name the repository (the setup page's ``git clone``, in a code block where MyST substitutions do
    not reach) follow ``repository.url`` of ``_config.yml``."""
    if REPOSITORY_MARKER in source[0]:
        url = str((app.config.html_theme_options or {}).get("repository_url", "")).rstrip("/")
        source[0] = source[0].replace(REPOSITORY_MARKER, url)


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, _docname: str) -> None:
    if app.config.cuproptosis_site == LEARNER:
        remove_solutions(doctree)


def learner_buttons(buttons: list[Any]) -> list[Any]:
    """The theme's header buttons of a learner page: no way to the chapter's source notebook, which holds the
    solutions (its ``.ipynb`` download, and Binder or Colab opening it); the student edition's buttons stay."""
    kept = []
    for button in buttons:
        group = button
        if isinstance(group, dict) and isinstance(group.get("buttons"), list):
            group = {**group, "buttons": learner_buttons(group["buttons"])}
            if not group["buttons"]:
                continue
        label = str(group.get("label", "")) if isinstance(group, dict) else ""
        if label == "download-source-button" or (
            any(k in label for k in ("binder", "colab", "jupyterhub")) and not label.startswith("student-")
        ):
            continue
        kept.append(group)
    return kept


def _on_page_context(app: Sphinx, pagename: str, _templatename: str, context: dict[str, Any], _doctree: Any) -> None:
    site = app.config.cuproptosis_site
    if site == LEARNER and isinstance(context.get("header_buttons"), list):
        context["header_buttons"] = learner_buttons(context["header_buttons"])
    if "body" not in context:
        return
    learner = set(app.config.cuproptosis_learner_pages)
    context["body"] = banner_html(site, pagename, learner, app.config.root_doc) + context["body"]


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """A learner build leaves nothing of the instructor site behind: an earlier build into the same folder may have
    written instructor-only pages or the page sources (the chapters with their solutions)."""
    if exception is not None or app.builder.format != "html" or app.config.cuproptosis_site != LEARNER:
        return
    out = Path(app.outdir)
    shutil.rmtree(out / "_sources", ignore_errors=True)
    for page in instructor_only_pages(Path(app.srcdir)):
        for suffix in (".html", ".pdf"):
            (out / f"{page}{suffix}").unlink(missing_ok=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("cuproptosis_site", INSTRUCTOR, "env")
    app.add_config_value("cuproptosis_learner_pages", [], "env")
    app.connect("config-inited", _on_config_inited)
    app.connect("source-read", _on_source_read)
    app.connect("doctree-resolved", _on_doctree_resolved, priority=400)
    app.connect("html-page-context", _on_page_context, priority=510)
    app.connect("build-finished", _on_build_finished)  # after the student edition's buttons (502)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cuproptosis_book.site.two_sites", description=__doc__)
    sub = parser.add_subparsers(dest="what", required=True)
    toc = sub.add_parser("toc", help="write the learner site's table of contents")
    toc.add_argument("--out", type=Path, default=None)
    sub.add_parser("pages", help="print the pages only the instructor site has")
    args = parser.parse_args(argv)
    if args.what == "toc":
        print(write_learner_toc(out=args.out))
    else:
        print("\n".join(instructor_only_pages()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
