"""Fast and valid on a phone: what the build does to the written site (loaded by :mod:`.sphinxext`).

- **Published address.** ``html_baseurl`` comes from ``repository.url`` (``https://github.com/OWNER/REPO`` is
  served at ``https://OWNER.github.io/REPO/``) unless ``html.baseurl`` sets it: Sphinx then writes a canonical
  link on every page, sphinx-sitemap writes ``sitemap.xml`` and sphinxext-opengraph the Open Graph tags and a
  ``<meta name="description">`` from each page's opening text (its social cards are off: they would draw an
  image per page with matplotlib).
- **Scripts.** Every local script in the head is deferred, except the few an inline script of the page calls
  while the page is parsed (:data:`BLOCKING_SCRIPTS`).
- **When the build finishes**: the markup fixes of :mod:`.html_fixes` on every page; the theme's stylesheets
  stripped of the selectors no page uses (PurgeCSS from ``node_modules``, with :data:`SAFELIST`; without
  ``npm ci`` the build keeps them whole and says so); the Font Awesome web fonts cut down to the icons the
  stylesheets still draw (fontTools). Stylesheets and fonts are always cut from Sphinx's fresh copy (kept in
  ``_build/.page-speed/``), so a rebuild never purges an already purged file. Last, each theme page's thirteen
  stylesheets become one file (:func:`bundle_stylesheets`): on a phone's slow link a dozen requests in the head
  cost round trips before the first paint, one request does not (Lighthouse's simulated first paint on a chapter:
  1.5–1.7 s → 1.2 s).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from cuproptosis_book.site import html_fixes

LOG = logging.getLogger(__name__)

#: Scripts an inline script or the page's own markup uses before the DOM is ready: they stay blocking.
BLOCKING_SCRIPTS = ("documentation_options.js",)
#: Scripts that hold the search index's words, not markup: read as content they would keep any class named like a word.
INDEX_SCRIPTS = ("searchindex.js", "language_data.js")
#: Our stylesheets are small and written by hand: they are not purged.
OWN_CSS = ("explorer.css", "tables.css", "site.css")
#: Classes and attributes that appear only at run time in code PurgeCSS cannot read (minified or built from
#: parts), or in states the built pages do not show: dark mode, Bootstrap's open/closed states, search results,
#: MathJax, the toggle buttons, the explorers' states and print.
SAFELIST: dict[str, list[str]] = {
    "standard": [
        r"^show",
        r"^collaps",
        r"^active$",
        r"^disabled$",
        r"^fade$",
        r"^dropdown",
        r"^tooltip",
        r"^bs-tooltip",
        r"^popover",
        r"^modal",
        r"^offcanvas",
        r"^search",
        r"^highlighted$",
        r"^context$",
        r"^toggle",
        r"^tippy",
        r"^cb-",
        r"^mjx",
        r"^MathJax",
        r"^thebe",
        r"^copybtn",
        r"^o-tooltip",
        r"^theme-switch",
        r"^headerlink$",
        r"^visually-hidden",
        r"^pst-js-only$",
        r"^sd-tab",
    ],
    # dark mode is html[data-theme=dark] ...: the attribute and its values are named in the theme's script
    "greedy": [],
}
FONT_DIR = Path("_static") / "vendor" / "fontawesome"
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
#: ``.fa-NAME`` rules (one or more selectors) with the icon's code point: ``{--fa:"\f0c9"}`` or ``content:"\f0c9"``
ICON_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+(?::+before)?\s*,?\s*)+)\{[^}]*?(?:--fa|content)\s*:\s*\"\\([0-9a-f]{4})\"")
PRIVATE_USE = (0xE000, 0xF8FF)  # where icon fonts put their glyphs
ESCAPE = re.compile(r"\"\\([ef][0-9a-f]{3})\"")


def published_url(repository_url: str) -> str:
    """``https://github.com/OWNER/REPO`` → ``https://OWNER.github.io/REPO/`` (GitHub Pages); else ``""``."""
    m = re.match(r"https?://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?$", repository_url.strip())
    if not m:
        return ""
    owner, repo = m.group(1), m.group(2)
    if repo.lower() == f"{owner.lower()}.github.io":
        return f"https://{repo.lower()}/"
    return f"https://{owner.lower()}.github.io/{repo}/"


def _on_config_inited(_app: Sphinx, config: Any) -> None:
    if not config.html_baseurl:
        options = config.html_theme_options or {}
        config.html_baseurl = published_url(str(options.get("repository_url", "")))
    config.ogp_site_url = config.html_baseurl
    config.ogp_social_cards = {"enable": False}  # no matplotlib card per page, nothing fetched
    config.ogp_type = "article"
    config.ogp_site_name = config.html_title or config.project
    config.sitemap_url_scheme = "{link}"  # one language, no version folder: the pages' own addresses
    config.sitemap_excludes = ["search.html", "genindex.html"]


def _defer_scripts(_app: Sphinx, pagename: str, _templatename: str, context: dict[str, Any], _doctree: Any) -> None:
    """Defer every local script of the head that nothing runs before the page is parsed.

    Not on the search page: its template loads ``searchtools.js`` after the head's scripts, without ``defer``,
    and it calls ``doctools.js`` at once.
    """
    files = context.get("script_files")
    if pagename == "search" or not files:
        return
    from sphinx.builders.html._assets import _JavaScript

    def deferred(js: Any) -> Any:
        name = js.filename or ""
        if not name or "://" in name or js.attributes.get("async") or js.attributes.get("type"):
            return js
        if name.split("?")[0].endswith(BLOCKING_SCRIPTS) or js.attributes.get("defer"):
            return js
        # a new asset: the builder shares each asset object between pages (the search page must not inherit this)
        return _JavaScript(js.filename, priority=js.priority, **{**js.attributes, "defer": "defer"})

    files[:] = [deferred(js) for js in files]  # the builder's own list; Sphinx restores it after each page


# -- build-finished: stylesheets and fonts ---------------------------------------------------------------------


def _pristine(outdir: Path, rel: Path) -> Path:
    """Sphinx's fresh copy of ``rel`` (kept beside the build), restored when the outdir holds our cut."""
    keep = outdir.parent / ".page-speed" / rel
    stamp = keep.with_name(keep.name + ".cut-sha256")
    current = outdir / rel
    digest = hashlib.sha256(current.read_bytes()).hexdigest()
    if keep.is_file() and stamp.is_file() and stamp.read_text() == digest:
        return keep  # the outdir still holds what we wrote last time
    keep.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(current, keep)
    return keep


def _mark_cut(outdir: Path, rel: Path) -> None:
    keep = outdir.parent / ".page-speed" / rel
    digest = hashlib.sha256((outdir / rel).read_bytes()).hexdigest()
    keep.with_name(keep.name + ".cut-sha256").write_text(digest)


#: The one stylesheet a theme page links instead of its own list: ``_static/styles-HASH.css``, HASH naming the list.
BUNDLE_PREFIX = "styles-"
_BUNDLE_HEADER = re.compile(r"/\* stylesheets, in order: ([^*]*) \*/")
_STYLESHEET_LINK = re.compile(r'[ \t]*<link\b(?=[^>]*\brel="stylesheet")[^>]*>\n?', re.IGNORECASE)
_HREF = re.compile(r'\bhref="([^"]+)"')
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^)"']+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']([^"']+)["']\s*\)?\s*;""")
_CHARSET = re.compile(r'@charset\s+"[^"]*"\s*;')


def _is_bundle(rel: Path) -> bool:
    return rel.parent == Path("_static") and rel.name.startswith(BUNDLE_PREFIX) and rel.suffix == ".css"


def bundle_members(bundle: Path) -> list[Path]:
    """The stylesheets (relative to the site) a bundle was made of, from its first line."""
    m = _BUNDLE_HEADER.search(bundle.read_text(encoding="utf-8")[:4000])
    return [Path(p) for p in m.group(1).split(", ")] if m else []


def site_pages(outdir: Path) -> list[Path]:
    """The HTML files of the site built in ``outdir``, without those of a site nested in it.

    The learner site's folder holds the instructor site (``instructor/``, with its own ``_static/``), copied there
    after the instructor build: the learner build must neither cut nor bundle for those pages, which the
    instructor build treats itself.
    """
    nested = [d.parent for d in outdir.glob("*/_static") if d.is_dir() and (d.parent / "index.html").is_file()]
    return sorted(p for p in outdir.rglob("*.html") if not any(p.is_relative_to(n) for n in nested))


def _site_file(page: Path, url: str, root: Path) -> Path | None:
    """The file of the site (relative to ``root``) that ``url`` on ``page`` names, or None for a remote or
    missing one."""
    href = url.split("?", 1)[0].split("#", 1)[0]
    if not href or "://" in href:
        return None
    path = (page.parent / href).resolve()
    return path.relative_to(root) if path.is_file() and path.is_relative_to(root) else None


def linked_files(outdir: Path, kind: str) -> list[Path]:
    """The local files the pages load (relative to ``outdir``): ``"stylesheet"`` (ours excepted) or ``"script"``.

    Only these: the theme also ships scripts no page loads (its 1.5 MB ``fontawesome.js`` names every icon).
    """
    found: set[Path] = set()
    tags = re.compile(r"<(?:link|script)\b[^>]*>", re.IGNORECASE)
    root = outdir.resolve()
    for page in site_pages(outdir):
        for tag in tags.findall(page.read_text(encoding="utf-8")):
            attrs = dict(re.findall(r'([a-z]+)="([^"]*)"', tag))
            is_script = tag.startswith("<script") or attrs.get("as") == "script"
            wanted = is_script if kind == "script" else attrs.get("rel") == "stylesheet"
            rel = _site_file(page, attrs.get("src") or attrs.get("href") or "", root) if wanted else None
            if rel is None:
                continue
            members = bundle_members(outdir / rel) if kind != "script" and _is_bundle(rel) else [rel]
            found.update(m for m in members if kind == "script" or m.name not in OWN_CSS)
    return sorted(found)


def purge_stylesheets(outdir: Path, node_modules: Path) -> dict[str, tuple[int, int]] | None:
    """Remove the selectors no page or script uses; ``{css: (bytes before, after)}``, or None without PurgeCSS."""
    node = shutil.which("node")
    if node is None or not (node_modules / "purgecss" / "package.json").is_file():
        return None
    sheets = linked_files(outdir, "stylesheet")
    sources = {rel: _pristine(outdir, rel) for rel in sheets}
    job = {
        "content": [
            *(str(page) for page in site_pages(outdir)),
            *(str(outdir / js) for js in linked_files(outdir, "script") if js.name not in INDEX_SCRIPTS),
        ],
        "css": [{"raw": sources[rel].read_text(encoding="utf-8"), "name": str(rel)} for rel in sheets],
        "safelist": SAFELIST,
    }
    script = Path(__file__).with_name("purge_css.cjs")
    env = {**os.environ, "NODE_PATH": str(node_modules)}
    done = subprocess.run(
        [node, str(script)], input=json.dumps(job), capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        msg = f"PurgeCSS failed: {done.stderr.strip()[-800:]}"
        raise RuntimeError(msg)
    sizes = {}
    for rel, css in zip(sheets, json.loads(done.stdout), strict=True):
        before = sources[rel].stat().st_size
        (outdir / rel).write_text(css, encoding="utf-8")
        _mark_cut(outdir, rel)
        sizes[str(rel)] = (before, len(css.encode()))
    return sizes


def used_icons(outdir: Path) -> set[int]:
    """Code points of the Font Awesome icons the site can show: the ``fa-*`` classes its pages and scripts name,
    and every icon a stylesheet draws itself (``content: "\\f0c1"``, or a ``--pst-icon-*`` variable that holds
    the character itself)."""
    names: set[str] = set()
    for path in [*site_pages(outdir), *(outdir / js for js in linked_files(outdir, "script"))]:
        names.update(ICON_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    points: set[int] = set()
    for css in outdir.glob("_static/**/*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        icon_spans = []
        for m in ICON_RULE.finditer(text):
            icon_spans.append(m.span())
            classes = {c.split(":")[0] for c in re.findall(r"\.(fa-[a-z0-9-]+(?::+before)?)", m.group(1))}
            if classes & names:
                points.add(int(m.group(2), 16))
        rest = "".join(
            text[a:b]
            for a, b in zip([0] + [e for _, e in icon_spans], [s for s, _ in icon_spans] + [len(text)], strict=True)
        )
        points.update(int(p, 16) for p in ESCAPE.findall(rest))
        points.update(ord(c) for c in rest if PRIVATE_USE[0] <= ord(c) <= PRIVATE_USE[1])  # written as characters
    return points


def subset_fonts(outdir: Path) -> dict[str, tuple[int, int]] | None:
    """Cut each Font Awesome ``.woff2`` to the used icons; ``{font: (bytes before, after)}``, or None without brotli."""
    try:
        import brotli  # noqa: F401  (fontTools writes WOFF2 with it)
        from fontTools import subset
    except ImportError:
        return None
    points = used_icons(outdir)
    sizes = {}
    for font in sorted((outdir / FONT_DIR).rglob("*.woff2")):
        rel = font.relative_to(outdir)
        source = _pristine(outdir, rel)
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.notdef_outline = True
        tt = subset.load_font(str(source), options)
        sub = subset.Subsetter(options)
        sub.populate(unicodes=points)
        sub.subset(tt)
        subset.save_font(tt, str(font), options)
        _mark_cut(outdir, rel)
        sizes[str(rel)] = (source.stat().st_size, font.stat().st_size)
    return sizes


def _stylesheet_text(outdir: Path, rel: Path, seen: frozenset[Path] = frozenset()) -> str:
    """``rel``'s CSS with its ``@import``s inlined and every relative ``url()`` rewritten from ``_static/``."""
    path = outdir / rel
    text = _CHARSET.sub("", path.read_text(encoding="utf-8"))

    def imported(m: re.Match[str]) -> str:
        target = Path(os.path.normpath(rel.parent / m.group(1)))
        return "" if target in seen else _stylesheet_text(outdir, target, seen | {rel})

    def rebased(m: re.Match[str]) -> str:
        url = m.group(2).strip()
        if url.startswith(("data:", "#", "/")) or "://" in url:
            return m.group(0)
        base, rest = re.match(r"([^?#]*)(.*)", url).groups()  # type: ignore[union-attr]
        target = os.path.normpath(rel.parent / base)
        return f'url("{Path(os.path.relpath(target, "_static")).as_posix()}{rest}")'

    return _CSS_URL.sub(rebased, _CSS_IMPORT.sub(imported, text))


def write_bundle(outdir: Path, members: list[Path]) -> tuple[Path, str]:
    """Write the bundle of ``members`` (in order); its path relative to ``outdir`` and a digest of its text."""
    key = hashlib.sha256("\n".join(m.as_posix() for m in members).encode()).hexdigest()[:10]
    rel = Path("_static") / f"{BUNDLE_PREFIX}{key}.css"
    header = f"/* stylesheets, in order: {', '.join(m.as_posix() for m in members)} */"
    parts = [f"/* {m.as_posix()} */\n{_stylesheet_text(outdir, m)}" for m in members]
    text = '@charset "UTF-8";\n' + header + "\n" + "\n".join(parts)
    (outdir / rel).write_text(text, encoding="utf-8")
    return rel, hashlib.sha256(text.encode()).hexdigest()[:8]


def bundle_stylesheets(outdir: Path) -> int:
    """Replace the stylesheet links of every theme page by one link to their bundle; returns the theme pages.

    A theme page is one that links the theme's ``pydata-sphinx-theme.css`` (not the decks or the handouts). A page
    an earlier build bundled (an incremental build did not rewrite it) links its bundle: the bundle is written
    again from the members its first line names, so no page is left with a stale one. A bundle no page links is
    removed.
    """
    root = outdir.resolve()
    pages: dict[Path, tuple[str, list[Path]]] = {}
    lists: dict[tuple[Path, ...], None] = {}
    for page in site_pages(outdir):
        text = page.read_text(encoding="utf-8")
        head = text[: text.find("</head>")]
        members: list[Path] = []
        for tag in _STYLESHEET_LINK.findall(head):
            found = _HREF.search(tag)
            rel = _site_file(page, found.group(1), root) if found else None
            if rel is None:
                members = []
                break  # a remote or missing stylesheet: leave the page as it is
            members.extend(bundle_members(outdir / rel) if _is_bundle(rel) else [rel])
        if not any(m.name == "pydata-sphinx-theme.css" for m in members):
            continue
        lists[tuple(members)] = None
        pages[page] = (text, members)  # bundled by an earlier build too: its link gets the new digest
    for old in (outdir / "_static").glob(f"{BUNDLE_PREFIX}*.css"):
        if tuple(bundle_members(old)) not in lists:
            old.unlink()  # no page links it any more
    written = {members: write_bundle(outdir, list(members)) for members in lists}
    for page, (text, members) in pages.items():
        bundle, digest = written[tuple(members)]
        href = Path(os.path.relpath(outdir / bundle, page.parent)).as_posix()
        head_end = text.find("</head>")
        head = text[:head_end]
        first = _STYLESHEET_LINK.search(head)
        start = first.start() if first else head_end
        rest = _STYLESHEET_LINK.sub("", head[start:])
        link = f'<link rel="stylesheet" href="{href}?v={digest}" />\n'
        page.write_text(head[:start] + link + rest + text[head_end:], encoding="utf-8")
    return len(pages)


def _kb(sizes: dict[str, tuple[int, int]]) -> str:
    before, after = sum(b for b, _ in sizes.values()), sum(a for _, a in sizes.values())
    return f"{len(sizes)} files, {before / 1000:.0f} kB → {after / 1000:.0f} kB"


def complete_sitemap(outdir: Path, baseurl: str, docnames: list[str], excludes: list[str]) -> None:
    """sphinx-sitemap 2.9 lists only the pages written by this build: an incremental build would publish a sitemap
    of one or two pages. Every page of the book is listed again (same format), when some are missing."""
    path = outdir / "sitemap.xml"
    listed = set(re.findall(r"<loc>([^<]+)</loc>", path.read_text(encoding="utf-8"))) if path.is_file() else set()
    wanted = [
        f"{baseurl}{d}.html" for d in docnames if f"{d}.html" not in excludes and (outdir / f"{d}.html").is_file()
    ]
    if set(wanted) <= listed:
        return
    urls = "".join(f"<url><loc>{u}</loc></url>" for u in sorted(set(wanted) | listed))
    path.write_text(
        "<?xml version='1.0' encoding='utf-8'?>\n"
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
        encoding="utf-8",
    )


def _on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    changed = html_fixes.fix_site(outdir, site_pages(outdir), title=str(app.config.html_title or app.config.project))
    LOG.info("page speed: markup fixed on %s pages", changed)
    purged = purge_stylesheets(outdir, Path(app.srcdir) / "node_modules")
    if purged is None:
        LOG.info("page speed: PurgeCSS not installed (npm ci): the theme's stylesheets are kept whole")
    else:
        LOG.info("page speed: stylesheets purged, %s", _kb(purged))
    fonts = subset_fonts(outdir)
    if fonts is None:
        LOG.info("page speed: brotli not installed: the icon fonts are kept whole")
    else:
        LOG.info("page speed: icon fonts cut to the icons used, %s", _kb(fonts))
    LOG.info("page speed: one stylesheet on each of %s theme pages", bundle_stylesheets(outdir))
    if app.config.html_baseurl:
        complete_sitemap(outdir, app.config.html_baseurl, sorted(app.env.found_docs), app.config.sitemap_excludes)
        robots = f"User-agent: *\nAllow: /\nSitemap: {app.config.html_baseurl}sitemap.xml\n"
        (outdir / "robots.txt").write_text(robots, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_sitemap")
    app.setup_extension("sphinxext.opengraph")
    app.connect("config-inited", _on_config_inited, priority=400)
    app.connect("html-page-context", _defer_scripts, priority=950)
    # after the other build-finished hooks (sitemap, the data zips): the fixes see the finished site
    app.connect("build-finished", _on_build_finished, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
