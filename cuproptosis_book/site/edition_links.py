"""Sphinx extension: each chapter page offers its student edition and says how long it takes to read.

Loaded through ``sphinx.extra_extensions`` in ``_config.yml``. On every chapter page (``chapters/<name>``) a small
box is placed just before the learning objectives (or under the title when a page has none). It says that the page
is the instructor edition, links the student notebook ``student_edition/<name>.ipynb`` three ways (download, Binder,
Colab) and gives the reading time of the chapter's markdown cells (:mod:`cuproptosis_book.chapter_source`'s word count,
at the syllabus's reading rate). The launch URLs come
from the same settings as the theme's launch buttons (``repository`` and ``launch_buttons`` in ``_config.yml``);
the student notebooks are copied into the built site under ``_downloads/student_edition/``. The same links are
added to the theme's launch (rocket) and download menus of the page.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from cuproptosis_book.chapter_source import chapter_source
from cuproptosis_book.course.syllabus import load_syllabus
from cuproptosis_book.myst import reading_minutes
from cuproptosis_book.paths import STUDENT_DIR

logger = logging.getLogger(__name__)

DOWNLOAD_DIR = "_downloads/" + STUDENT_DIR
BOX_CLASS = "edition-box"


def reading_time(words: int, per_minute: int | None = None) -> str:
    """``About 14 minutes of reading · 2,800 words``, at the syllabus's reading rate unless ``per_minute`` is given."""
    minutes = reading_minutes(words, per_minute if per_minute is not None else load_syllabus().words_per_minute)
    return f"About {minutes} minute{'s' if minutes != 1 else ''} of reading · {words:,} words"


def launch_urls(theme_options: dict[str, Any], chapter: str) -> dict[str, str]:
    """Binder and Colab URLs of ``student_edition/<chapter>.ipynb``, from the theme's repository settings."""
    repo_url = str(theme_options.get("repository_url", "")).rstrip("/")
    branch = str(theme_options.get("repository_branch") or "main")
    launch = theme_options.get("launch_buttons") or {}
    slug = "/".join(repo_url.split("/")[-2:])
    path = f"{STUDENT_DIR}/{chapter}.ipynb"
    urls = {}
    if launch.get("binderhub_url"):
        key = "labpath" if launch.get("notebook_interface", "jupyterlab") == "jupyterlab" else "filepath"
        urls["binder"] = f"{str(launch['binderhub_url']).rstrip('/')}/v2/gh/{slug}/{branch}?{key}={path}"
    if launch.get("colab_url"):
        urls["colab"] = f"{str(launch['colab_url']).rstrip('/')}/github/{slug}/blob/{branch}/{path}"
    return urls


def box_html(chapter: str, depth: int, urls: dict[str, str], words: int, learner: bool = False) -> str:
    """The box shown on a chapter page; ``depth`` is how many folders deep the page is (``chapters/x``: 1).

    ``learner``: the box of the learner site, whose pages have no solutions (``site/two_sites.py``).
    """
    download = "../" * depth + f"{DOWNLOAD_DIR}/{chapter}.ipynb"
    links = [f'<a class="edition-download" href="{html.escape(download)}" download="{chapter}.ipynb">download</a>']
    names = {"binder": "open in Binder", "colab": "open in Colab"}
    links += [f'<a class="edition-{k}" href="{html.escape(u)}" rel="noopener">{names[k]}</a>' for k, u in urls.items()]
    if learner:
        title, intro = "Student notebook", "Work the exercises in the chapter's notebook, with a check for each: "
    else:
        title, intro = (
            "Instructor edition",
            "You are reading the instructor edition (with solutions). Student edition: ",
        )
    return (
        f'<div class="admonition note {BOX_CLASS}" role="note" aria-label="Editions and reading time">\n'
        f'<p class="admonition-title">{title}</p>\n'
        f"<p>{intro}{' · '.join(links)}</p>\n"
        f'<p class="edition-reading-time">{reading_time(words)}</p>\n</div>'
    )


def _chapter(docname: str) -> str | None:
    return docname.split("/", 1)[1] if docname.startswith("chapters/") and docname.count("/") == 1 else None


def _insertion_point(doctree: nodes.document) -> tuple[nodes.Element, int] | None:
    """Just before the learning objectives; else right after the first title."""
    for adm in doctree.findall(nodes.admonition):
        titles = [c for c in adm.children if isinstance(c, nodes.title)]
        if titles and titles[0].astext().strip().lower() == "learning objectives" and adm.parent is not None:
            return adm.parent, adm.parent.index(adm)
    for section in doctree.findall(nodes.section):
        return section, 1 if section.children and isinstance(section[0], nodes.title) else 0
    return None


def _on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    chapter = _chapter(docname)
    if chapter is None or app.builder.format != "html":
        return
    student = Path(app.srcdir) / STUDENT_DIR / f"{chapter}.ipynb"
    if not student.is_file():
        logger.warning("no student edition for %s (run `make student-edition`)", docname, location=docname)
        return
    where = _insertion_point(doctree)
    if where is None:
        return
    words = chapter_source(Path(app.env.doc2path(docname))).words
    urls = launch_urls(app.config.html_theme_options or {}, chapter)
    parent, index = where
    learner = getattr(app.config, "cuproptosis_site", "instructor") == "learner"
    box = box_html(chapter, docname.count("/"), urls, words, learner=learner)
    parent.insert(index, nodes.raw("", box, format="html"))


def _on_page_context(app: Sphinx, pagename: str, _templatename: str, context: dict[str, Any], _doctree: Any) -> None:
    """Add the student edition beside the theme's own launch and download buttons of a chapter page."""
    chapter = _chapter(pagename)
    if chapter is None or not (Path(app.srcdir) / STUDENT_DIR / f"{chapter}.ipynb").is_file():
        return
    groups = {b.get("label"): b for b in context.get("header_buttons", []) if isinstance(b, dict)}
    urls = launch_urls(app.config.html_theme_options or {}, chapter)
    icons = {"binder": "_static/images/logo_binder.svg", "colab": "_static/images/logo_colab.png"}
    if "launch-buttons" in groups:
        groups["launch-buttons"]["buttons"].extend(
            {
                "type": "link",
                "text": f"{name.capitalize()} (student edition)",
                "url": url,
                "icon": icons[name],
                "tooltip": f"Open the student edition (no solutions) on {name.capitalize()}",
                "label": f"student-{name}-button",
            }
            for name, url in urls.items()
        )
    if "download-buttons" in groups and "pathto" in context:
        groups["download-buttons"]["buttons"].append(
            {
                "type": "link",
                "text": "student .ipynb",
                "icon": "fas fa-user-graduate",
                "url": context["pathto"](f"{DOWNLOAD_DIR}/{chapter}.ipynb", 1),
                "tooltip": "Download the student edition (no solutions)",
                "label": "student-download-button",
            }
        )


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Copy the student notebooks into the site, where the download links point."""
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.srcdir) / STUDENT_DIR
    target = Path(app.outdir) / DOWNLOAD_DIR
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.ipynb")):
        shutil.copyfile(path, target / path.name)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", _on_doctree_resolved)
    app.connect("html-page-context", _on_page_context, priority=502)  # after the theme's buttons (501)
    app.connect("build-finished", _on_build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
