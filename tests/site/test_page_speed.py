"""The stylesheet bundle of cuproptosis_book/site/page_speed.py, on a small site written by hand here."""

from __future__ import annotations

import re
from pathlib import Path

from cuproptosis_book.site import page_speed

THEME_LINKS = (
    '<link href="{up}_static/styles/theme.css?digest=1" rel="stylesheet" />\n'
    '<link href="{up}_static/styles/pydata-sphinx-theme.css?digest=1" rel="stylesheet" />\n'
    '<script src="{up}_static/documentation_options.js"></script>\n'
    '<link rel="stylesheet" type="text/css" href="{up}_static/site.css?v=2" />\n'
)


def _site(root: Path) -> Path:
    static = root / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "vendor" / "webfonts").mkdir(parents=True)
    (static / "basic.css").write_text("div.body { margin: 0 }\n", encoding="utf-8")
    (static / "styles" / "theme.css").write_text('@import "../basic.css";\n', encoding="utf-8")
    (static / "styles" / "pydata-sphinx-theme.css").write_text(
        '@charset "UTF-8";\n@font-face{font-family:X;src:url(../vendor/webfonts/x.woff2) format("woff2")}\n'
        '.icon{background:url("data:image/svg+xml;charset=utf-8,%3Csvg%3E")}\n',
        encoding="utf-8",
    )
    (static / "site.css").write_text(".cb-site{color:red}\n", encoding="utf-8")
    (root / "chapters").mkdir()
    for page, up in (("index.html", ""), ("chapters/one.html", "../")):
        head = THEME_LINKS.format(up=up)
        (root / page).write_text(f"<html><head>{head}</head><body><p>x</p></body></html>", encoding="utf-8")
    (root / "deck.html").write_text(
        '<html><head><link rel="stylesheet" href="_static/site.css"></head><body></body></html>', encoding="utf-8"
    )
    return root


def test_theme_pages_link_one_stylesheet_made_of_theirs_in_order(tmp_path: Path) -> None:
    site = _site(tmp_path)
    assert page_speed.bundle_stylesheets(site) == 2
    bundles = sorted((site / "_static").glob("styles-*.css"))
    assert len(bundles) == 1
    text = bundles[0].read_text(encoding="utf-8")
    assert text.startswith('@charset "UTF-8";\n')
    assert text.count("@charset") == 1
    # the import is inlined where theme.css stood, before the theme's own rules and ours
    assert text.index("div.body") < text.index("@font-face") < text.index(".cb-site")
    assert "@import" not in text
    assert 'url("vendor/webfonts/x.woff2")' in text  # rewritten from _static/styles/ to _static/
    assert "data:image/svg+xml" in text
    assert page_speed.bundle_members(bundles[0]) == [
        Path("_static/styles/theme.css"),
        Path("_static/styles/pydata-sphinx-theme.css"),
        Path("_static/site.css"),
    ]
    index = (site / "index.html").read_text(encoding="utf-8")
    chapter = (site / "chapters" / "one.html").read_text(encoding="utf-8")
    assert re.findall(r'<link rel="stylesheet" href="([^"?]+)\?v=[0-9a-f]{8}" />', index) == [
        f"_static/{bundles[0].name}"
    ]
    assert re.findall(r'<link rel="stylesheet" href="([^"?]+)\?v=', chapter) == [f"../_static/{bundles[0].name}"]
    assert chapter.count("<link") == 1
    assert "documentation_options.js" in chapter  # scripts between the links stay
    assert index.index("<link") < index.index("<script")  # the bundle stands where the first stylesheet stood
    # a page that does not use the theme keeps its own stylesheet
    assert 'href="_static/site.css"' in (site / "deck.html").read_text(encoding="utf-8")


def test_a_rebuild_refreshes_the_bundle_of_pages_it_did_not_rewrite(tmp_path: Path) -> None:
    site = _site(tmp_path)
    page_speed.bundle_stylesheets(site)
    bundled = (site / "index.html").read_text(encoding="utf-8")
    # the next build purges site.css again and rewrites only chapters/one.html
    (site / "_static" / "site.css").write_text(".cb-site{color:blue}\n", encoding="utf-8")
    (site / "chapters" / "one.html").write_text(
        f"<html><head>{THEME_LINKS.format(up='../')}</head><body></body></html>", encoding="utf-8"
    )
    assert page_speed.bundle_stylesheets(site) == 2
    (bundle,) = (site / "_static").glob("styles-*.css")
    assert "color:blue" in bundle.read_text(encoding="utf-8")
    assert "color:red" not in bundle.read_text(encoding="utf-8")
    index = (site / "index.html").read_text(encoding="utf-8")
    link = re.compile(r'href="(_static/styles-[0-9a-f]+\.css)\?v=([0-9a-f]{8})"')
    assert link.search(index).group(1) == link.search(bundled).group(1)  # type: ignore[union-attr]  # same file
    assert link.search(index).group(2) != link.search(bundled).group(2)  # type: ignore[union-attr]  # new digest
    assert index.count("<link") == 1
    assert page_speed.linked_files(site, "stylesheet") == [
        Path("_static/styles/pydata-sphinx-theme.css"),
        Path("_static/styles/theme.css"),
    ]  # what PurgeCSS cuts: the bundle's members, ours (site.css) excepted


def test_a_site_nested_in_the_folder_is_left_to_its_own_build(tmp_path: Path) -> None:
    site = _site(tmp_path)
    inner = _site(tmp_path / "instructor")
    assert page_speed.site_pages(site) == [site / "chapters" / "one.html", site / "deck.html", site / "index.html"]
    page_speed.bundle_stylesheets(site)
    assert len(list((site / "_static").glob("styles-*.css"))) == 1
    assert not list((inner / "_static").glob("styles-*.css"))
    assert (inner / "index.html").read_text(encoding="utf-8").count("<link") == 3


def test_a_bundle_no_page_links_is_removed(tmp_path: Path) -> None:
    site = _site(tmp_path)
    page_speed.bundle_stylesheets(site)
    stray = site / "_static" / "styles-0000000000.css"
    stray.write_text('@charset "UTF-8";\n/* stylesheets, in order: _static/site.css */\n', encoding="utf-8")
    page_speed.bundle_stylesheets(site)
    assert not stray.exists()
    assert len(list((site / "_static").glob("styles-*.css"))) == 1
