"""The markup fixes applied to the written site (cuproptosis_book/site/html_fixes.py) and the published address
(page_speed.published_url), on pages written by hand here."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from cuproptosis_book.site import html_fixes
from cuproptosis_book.site.page_speed import ICON_RULE, complete_sitemap, published_url

PAGE = """<!DOCTYPE html><html lang="en"><head><title>t</title>
</head><body><div class="output"><style scoped>
    .dataframe tbody tr th { vertical-align: top; }
</style><table class="dataframe"></table></div>
<svg viewBox="0 0 10 10"><defs><style type="text/css">*{stroke-linecap:butt}</style></defs></svg>
<div><style scoped>
    .dataframe tbody tr th { vertical-align: top; }
</style><table class="dataframe"></table></div>
<style>.cb-worksheet-name { border-bottom: 1px solid #555; }</style>
<section id="exercise-content"></section><section id="solution-content"></section>
<section id="exercise-content"></section><section id="solution-content"></section>
<section id="exercise-content"></section>
</body></html>"""


def test_body_styles_move_to_the_head_once_and_svg_styles_stay() -> None:
    out = html_fixes.hoist_body_styles(PAGE)
    head, body = out.split("</head>")
    assert head.count(".dataframe tbody tr th") == 1  # two copies in the body, one in the head
    assert "scoped" not in out
    assert ".cb-worksheet-name" in head
    assert ".cb-worksheet-name" not in body
    assert '<defs><style type="text/css">*{stroke-linecap:butt}</style></defs>' in body  # SVG's own style
    assert "*{stroke-linecap" not in head
    assert html_fixes.hoist_body_styles(out) == out  # idempotent


def test_repeated_upstream_ids_get_numbers() -> None:
    out = html_fixes.unique_upstream_ids(PAGE)
    assert out.count('id="exercise-content"') == 1
    assert out.count('id="solution-content"') == 1
    assert 'id="exercise-content-2"' in out
    assert 'id="exercise-content-3"' in out
    assert 'id="solution-content-2"' in out
    assert html_fixes.unique_upstream_ids(out) == out


def test_images_get_their_size_and_all_but_the_first_load_lazily(tmp_path: Path) -> None:
    Image.new("RGB", (640, 480)).save(tmp_path / "a.png")
    (tmp_path / "_images").mkdir()
    (tmp_path / "_images" / "b.svg").write_text(
        '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="720pt" height="432pt" viewBox="0 0 720 432">'
        "</svg>",
        encoding="utf-8",
    )
    page = (
        '<body><div class="dropdown-menu"><img src="a.png" alt="logo"></div><article><img src="a.png" alt="a"/>'
        '<img alt="b" src="_images/b.svg"><img src="a.png" width="10" height="5" alt="c"><img src="missing.png" alt="d">'
        "</article></body>"
    )
    out = html_fixes.image_attributes(page, tmp_path / "page.html")
    logo, first, second, third, fourth = out.split("<img")[1:]
    assert "width" not in logo
    assert 'loading="lazy"' in logo
    assert 'width="640" height="480"' in first
    assert "loading" not in first
    assert 'decoding="async"' in first
    assert 'width="960" height="576"' in second
    assert 'loading="lazy"' in second
    assert 'width="10" height="5"' in third
    assert "640" not in third
    assert 'loading="lazy"' in third
    assert "width" not in fourth
    assert 'loading="lazy"' in fourth
    assert html_fixes.image_attributes(out, tmp_path / "page.html") == out


def test_wide_raster_images_get_a_phone_copy_in_a_srcset(tmp_path: Path) -> None:
    (tmp_path / "_images").mkdir()
    Image.new("RGB", (1100, 806), "white").save(tmp_path / "_images" / "wide.png")
    Image.new("RGB", (640, 480)).save(tmp_path / "_images" / "narrow.png")
    page = (
        '<body><div class="dropdown-menu"><img src="../_images/wide.png" alt="logo"></div><article>'
        '<img src="../_images/wide.png" alt="wide"><img src="../_images/narrow.png" alt="narrow"></article></body>'
    )
    out = html_fixes.image_attributes(page, tmp_path / "chapters" / "page.html")
    logo, wide, narrow = out.split("<img")[1:]
    assert "srcset" not in logo  # the menu's logos are sized by the theme, not by the article column
    assert 'srcset="../_images/wide.w720.png 720w, ../_images/wide.png 1100w"' in wide
    assert f'sizes="{html_fixes.IMAGE_SIZES}"' in wide
    assert 'width="1100" height="806"' in wide  # the box is the original's: the copy has the same shape
    assert "srcset" not in narrow
    with Image.open(tmp_path / "_images" / "wide.w720.png") as im:
        assert im.size == (720, 528)  # 806 * 720 / 1100 = 527.6
    assert not (tmp_path / "_images" / "narrow.w720.png").exists()
    assert html_fixes.phone_copy(tmp_path / "_images" / "wide.w720.png") is None  # never a copy of a copy
    assert html_fixes.image_attributes(out, tmp_path / "chapters" / "page.html") == out


def test_bibliography_entries_become_list_items() -> None:
    page = (
        '<div class="citation-list">\n<div class="citation" id="id2" role="doc-biblioentry">'
        '<span class="label">1</span></div>\n<div class="citation" id="id3" role="doc-biblioentry"></div></div>'
    )
    out = html_fixes.citation_list_roles(page)
    assert "doc-biblioentry" not in out
    assert out.count('role="listitem"') == 2
    assert '<div class="citation-list" role="list">' in out
    assert html_fixes.citation_list_roles(out) == out


def test_a_page_without_description_gets_the_books() -> None:
    out = html_fixes.ensure_description(PAGE)
    assert out.count('<meta name="description"') == 1
    own = PAGE.replace("<title>t</title>", '<title>t</title><meta name="description" content="own" />')
    assert html_fixes.ensure_description(own) == own


def test_published_url_is_the_github_pages_address() -> None:
    assert published_url("https://github.com/cuproptosis-book/cuproptosis-book") == (
        "https://cuproptosis-book.github.io/cuproptosis-book/"
    )
    assert published_url("https://github.com/Some-Fork/book.git/") == "https://some-fork.github.io/book/"
    assert published_url("https://github.com/owner/owner.github.io") == "https://owner.github.io/"
    assert published_url("https://gitlab.com/a/b") == ""


def test_icon_rules_are_read_with_their_code_points() -> None:
    css = '.fa-bars{--fa:"\\f0c9"}.fa-navicon,.fa-reorder{--fa:"\\f0c9"}.fa-sun:before{content:"\\f185"}'
    found = [(m.group(1).strip(), m.group(2)) for m in ICON_RULE.finditer(css)]
    assert found == [(".fa-bars", "f0c9"), (".fa-navicon,.fa-reorder", "f0c9"), (".fa-sun:before", "f185")]


def test_the_redirect_stub_becomes_a_valid_page() -> None:
    stub = '\n<meta http-equiv="Refresh" content="0; url=chapters/introduction.html" />\n'
    out = html_fixes.redirect_page(stub, "Copper & co")
    assert out.startswith("<!DOCTYPE html>")
    assert "<title>Copper &amp; co</title>" in out
    assert 'content="0; url=chapters/introduction.html"' in out
    assert 'href="chapters/introduction.html"' in out
    assert html_fixes.redirect_page(out, "Copper & co") == out


def test_an_incremental_build_still_publishes_every_page_in_the_sitemap(tmp_path: Path) -> None:
    base = "https://o.github.io/r/"
    for name in ("a", "b", "search"):
        (tmp_path / f"{name}.html").write_text("<html></html>")
    (tmp_path / "sitemap.xml").write_text(f"<urlset><url><loc>{base}b.html</loc></url></urlset>")
    complete_sitemap(tmp_path, base, ["a", "b", "search", "gone"], ["search.html"])
    text = (tmp_path / "sitemap.xml").read_text()
    assert f"<loc>{base}a.html</loc>" in text
    assert f"<loc>{base}b.html</loc>" in text
    assert "search.html" not in text
    assert "gone.html" not in text
