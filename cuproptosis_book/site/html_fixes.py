"""Markup fixes of the written pages: valid HTML, images that do not shift the layout, a description on every page.

Run over every HTML file of the built site when the build finishes (:func:`fix_site`, from :mod:`.page_speed`),
so it sees the pages exactly as they are served, images included. Every fix is idempotent: a rebuild that
rewrites only some pages leaves the others as they were. What each fix is for (notes/site_findings.md, section
"Markup the Nu Html Checker rejects"):

- ``<style>`` outside ``<svg>`` in the body (the worksheets' print rules, pandas' ``<style scoped>`` before each
  data frame) is moved into ``<head>``, once per page: HTML allows ``<style>`` only there, and ``scoped`` is gone
  from the standard. An SVG's own ``<style>`` stays where it is (it is valid there and styles only that drawing).
- sphinx-exercise 1.2.1 gives every exercise's body ``id="exercise-content"`` and every solution's
  ``id="solution-content"``: the second and later ones get a number (nothing links to them).
- Every ``<img>`` of the article gets its intrinsic ``width`` and ``height`` (read from the file: the browser
  reserves the box, so nothing shifts when it arrives; ``site.css`` keeps ``height: auto`` so a narrow screen
  scales it), every image ``decoding="async"``, and all but the article's first load lazily.
- A local PNG or JPEG of the article wider than :data:`PHONE_WIDTH` also gets a copy that wide, written beside it
  (``NAME.w720.png``), and a ``srcset``/``sizes`` pair: a phone (412 CSS px at 1.75x or so) loads the copy, a wide
  or dense screen the original. The copy keeps the original's aspect ratio, so the box reserved by
  ``width``/``height`` is the same.
- docutils marks each bibliography entry ``role="doc-biblioentry"``, a role DPUB-ARIA 1.1 deprecates and axe does
  not allow on a ``<div>`` (Lighthouse's accessibility audit fails the page on it): the entries become the items of
  a list (``role="list"`` on the citation list, ``role="listitem"`` on each entry), which is what the role meant.
- The redirect ``index.html`` (one ``<meta>`` line, sphinx-external-toc's) becomes a whole page with a title.
- A page without a ``<meta name="description">`` (the index, search and generated pages, which have no text of
  their own) gets the book's description.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path

#: What the book is, for pages whose own text gives no description (search engines show it under the title).
SITE_DESCRIPTION = (
    "An open, executable book that teaches the 2025 review on copper metabolism, cuproptosis and cancer drug "
    "resistance (Yao, Jiang and Xu), rebuilt from cited data, with explorers that work without a kernel."
)
UPSTREAM_IDS = ("exercise-content", "solution-content")

_STYLE_OR_SVG = re.compile(r"<svg\b|</svg\s*>|<style\b([^>]*)>(.*?)</style\s*>", re.DOTALL | re.IGNORECASE)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*"([^"]*)"')
_SVG_ROOT = re.compile(r"<svg\b[^>]*>", re.DOTALL)
_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px|pt)?\s*$")
#: Device pixels a phone needs for an image across its screen: 412 CSS px less the margins, at about 1.75x.
PHONE_WIDTH = 720
#: How wide the image is shown: the whole screen up to the theme's narrow breakpoint, then the text column.
IMAGE_SIZES = "(max-width: 960px) 100vw, 760px"
_RASTER = (".png", ".jpg", ".jpeg")


def hoist_body_styles(page: str) -> str:
    """Move every ``<style>`` of the body that is not inside an ``<svg>`` into the head (once per content)."""
    head_end = page.find("</head>")
    body_start = page.find("<body", head_end)
    if head_end < 0 or body_start < 0:
        return page
    body = page[body_start:]
    kept: list[str] = []
    moved: list[str] = []
    depth, pos = 0, 0
    for m in _STYLE_OR_SVG.finditer(body):
        token = m.group(0)
        if token.lower().startswith("<svg"):
            depth += 1
        elif token.lower().startswith("</svg"):
            depth = max(0, depth - 1)
        elif depth == 0:
            kept.append(body[pos : m.start()])
            pos = m.end()
            attrs = re.sub(r"\s*\bscoped\b(=\"[^\"]*\")?", "", m.group(1))
            style = f"<style{attrs}>{m.group(2)}</style>"
            if style not in moved and style not in page[:head_end]:
                moved.append(style)
    if not moved and pos == 0:
        return page
    kept.append(body[pos:])
    return page[:head_end] + "".join(moved) + page[head_end:body_start] + "".join(kept)


def unique_upstream_ids(page: str, ids: Iterable[str] = UPSTREAM_IDS) -> str:
    """Number the second and later copies of an id sphinx-exercise repeats on every exercise."""
    for name in ids:
        count = 0

        def number(m: re.Match[str], name: str = name) -> str:
            nonlocal count
            count += 1
            return m.group(0) if count == 1 else f'id="{name}-{count}"'

        page = re.sub(rf'id="{re.escape(name)}"', number, page)
    return page


def citation_list_roles(page: str) -> str:
    """Bibliography entries as the items of a list instead of the deprecated ``doc-biblioentry`` role."""
    if 'role="doc-biblioentry"' not in page:
        return page
    page = page.replace('<div class="citation-list">', '<div class="citation-list" role="list">')
    return page.replace('role="doc-biblioentry"', 'role="listitem"')


def _svg_size(text: str) -> tuple[int, int] | None:
    root = _SVG_ROOT.search(text)
    if root is None:
        return None
    attrs = dict(_ATTR.findall(root.group(0)))
    w, h = _LENGTH.match(attrs.get("width", "")), _LENGTH.match(attrs.get("height", ""))
    if w and h:
        scale_w = 4 / 3 if w.group(2) == "pt" else 1.0  # CSS: 1pt = 4/3 px
        scale_h = 4 / 3 if h.group(2) == "pt" else 1.0
        return round(float(w.group(1)) * scale_w), round(float(h.group(1)) * scale_h)
    box = attrs.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        return round(float(box[2])), round(float(box[3]))
    return None


def _src_path(src: str) -> str:
    """An image's ``src`` as a relative file path: entities decoded, query and fragment dropped."""
    return html.unescape(src.split("?", 1)[0].split("#", 1)[0])


def _local_file(src: str, page_file: Path) -> Path | None:
    """The file an image ``src`` of ``page_file`` names, or None for a remote, data: or missing one."""
    if not src or src.startswith(("data:", "//")) or "://" in src:
        return None
    path = (page_file.parent / _src_path(src)).resolve()
    return path if path.is_file() else None


def intrinsic_size(src: str, page_file: Path) -> tuple[int, int] | None:
    """Width and height in CSS pixels of the image ``src`` of ``page_file`` (a data: URI or a local file)."""
    from PIL import Image  # Pillow comes with matplotlib

    try:
        if src.startswith("data:"):
            meta, _, payload = src.partition(",")
            raw = base64.b64decode(payload) if ";base64" in meta else payload.encode()
            if "svg" in meta:
                return _svg_size(raw.decode("utf-8", "replace"))
            with Image.open(io.BytesIO(raw)) as im:
                return im.size
        path = _local_file(src, page_file)
        if path is None:
            return None
        if path.suffix.lower() == ".svg":
            return _svg_size(path.read_text(encoding="utf-8", errors="replace")[:4000])
        with Image.open(path) as im:
            return im.size
    except (OSError, ValueError):
        return None


def phone_copy(path: Path, width: int = PHONE_WIDTH) -> Path | None:
    """``path`` scaled down to ``width`` pixels (``NAME.wWIDTH.EXT`` beside it, rewritten when the original is newer),
    or None when the image is no wider than that or is itself such a copy."""
    from PIL import Image

    if path.suffix.lower() not in _RASTER or re.search(r"\.w[0-9]+$", path.stem):
        return None
    copy = path.with_name(f"{path.stem}.w{width}{path.suffix}")
    if copy.is_file() and copy.stat().st_mtime >= path.stat().st_mtime:
        return copy
    with Image.open(path) as im:
        if im.width <= width:
            return None
        small = im.resize((width, round(im.height * width / im.width)), Image.Resampling.LANCZOS)
        small.save(copy, optimize=True)
    return copy


def responsive_source(src: str, page_file: Path) -> str | None:
    """The ``srcset`` of a local raster image wider than a phone needs (its phone copy and itself), else None."""
    path = _local_file(src, page_file)
    size = intrinsic_size(src, page_file)
    try:
        copy = phone_copy(path) if path is not None and size is not None else None
    except (OSError, ValueError):
        return None
    if copy is None or size is None:
        return None
    clean = _src_path(src)
    small = f"{clean.rsplit('/', 1)[0]}/{copy.name}" if "/" in clean else copy.name
    return f"{html.escape(small)} {PHONE_WIDTH}w, {html.escape(clean)} {size[0]}w"


def image_attributes(page: str, page_file: Path) -> str:
    """Give every image of the article its size; every image async decoding; all but the article's first lazy.

    Images before ``<article`` (the launch menu's logos) are sized by the theme's CSS (``height: 1em``): a
    width attribute there would stretch them, and they are hidden in a menu, so they only load lazily.
    """
    start = page.find("<article")
    start = max(start, 0)
    return _images(page[:start], page_file, chrome=True) + _images(page[start:], page_file, chrome=False)


def _images(part: str, page_file: Path, chrome: bool) -> str:
    seen = 0

    def fix(m: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        tag = m.group(0)
        attrs = dict(_ATTR.findall(tag))
        extra = []
        if not chrome and "width" not in attrs and "height" not in attrs:
            size = intrinsic_size(attrs.get("src", ""), page_file)
            if size:
                extra.append(f'width="{size[0]}" height="{size[1]}"')
        if not chrome and "srcset" not in attrs:
            srcset = responsive_source(attrs.get("src", ""), page_file)
            if srcset:
                extra.append(f'srcset="{srcset}" sizes="{IMAGE_SIZES}"')
        if "decoding" not in attrs:
            extra.append('decoding="async"')
        if "loading" not in attrs and (chrome or seen > 1):
            extra.append('loading="lazy"')
        if not extra:
            return tag
        end = -2 if tag.endswith("/>") else -1
        return tag[:end].rstrip() + " " + " ".join(extra) + (" />" if end == -2 else ">")

    return _IMG.sub(fix, part)


def ensure_description(page: str, description: str = SITE_DESCRIPTION) -> str:
    """Add the book's description to a page that has none."""
    head_end = page.find("</head>")
    if head_end < 0 or re.search(r'<meta\s+name="description"', page[:head_end]):
        return page
    return page[:head_end] + f'<meta name="description" content="{html.escape(description)}" />\n' + page[head_end:]


_REDIRECT = re.compile(r'\s*<meta http-equiv="Refresh" content="0; url=([^"]+)" />\s*', re.IGNORECASE)


def redirect_page(page: str, title: str) -> str:
    """sphinx-external-toc's ``index.html`` is one ``<meta>`` line: make it a valid page that redirects.

    A script redirects before anything is drawn (the ``<meta>`` refresh stays for readers without JavaScript).
    """
    m = _REDIRECT.fullmatch(page)
    if m is None:
        return page
    url = m.group(1)
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n<title>{html.escape(title)}</title>\n'
        f'<meta http-equiv="refresh" content="0; url={url}" />\n'
        f"<script>location.replace({json.dumps(url)} + location.search + location.hash);</script>\n"
        f'<meta name="description" content="{html.escape(SITE_DESCRIPTION)}" />\n</head>\n'
        f'<body><p>The book starts at <a href="{url}">{html.escape(title)}</a>.</p></body>\n</html>\n'
    )


def fix_page(page: str, page_file: Path, title: str = "") -> str:
    """Every fix of this module, in order, on one page's HTML (``title``: the book's, for the redirect page)."""
    page = redirect_page(page, title or "Start")
    page = hoist_body_styles(page)
    page = unique_upstream_ids(page)
    page = citation_list_roles(page)
    page = image_attributes(page, page_file)
    return ensure_description(page)


def fix_site(outdir: Path, pages: Iterable[Path] | None = None, title: str = "") -> int:
    """Fix the built pages (all ``*.html`` under ``outdir`` unless given); returns how many changed."""
    changed = 0
    for path in sorted(pages if pages is not None else outdir.rglob("*.html")):
        before = path.read_text(encoding="utf-8")
        after = fix_page(before, path, title)
        if after != before:
            path.write_text(after, encoding="utf-8")
            changed += 1
    return changed
