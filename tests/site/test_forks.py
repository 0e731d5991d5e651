"""Guards for the two places the book leans on another project's internals: they must fail on an upgrade,
not break silently.

- ``cuproptosis_book/site/_templates/static/webpack-macros.html`` is a copy of pydata-sphinx-theme's template with
  one change (fontawesome.js is not loaded). It must equal the installed theme's file except for that change, so a
  new theme version (new asset digest, new macros) makes this test fail until the copy is refreshed.
- :func:`cuproptosis_book.site.sphinxext._bibtex_only_when_read` patches ``BibtexDomain.env_updated`` of
  sphinxcontrib-bibtex 2.7.0 and does nothing on any other version; the test says when the patch stopped applying.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pydata_sphinx_theme

from cuproptosis_book.paths import templates_dir

FORK = templates_dir() / "static" / "webpack-macros.html"
THEME = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "webpack-macros.html"
#: The lines our copy leaves out (the comment above them in the theme's file goes with them).
DROPPED = re.compile(
    r"\s*<!-- So that users can add custom icons -->\n\s*<script defer src=\"[^\"]*fontawesome\.js[^\n]*\n"
)


def _without_leading_comment(text: str) -> str:
    return re.sub(r"\A<!--.*?-->\n\n?", "", text, flags=re.DOTALL)


def test_theme_is_the_version_the_template_was_copied_from() -> None:
    assert version("pydata-sphinx-theme") == "0.17.1", (
        "pydata-sphinx-theme changed: refresh site/_templates/static/webpack-macros.html from the new theme "
        "(drop the fontawesome.js line again) and update this test"
    )
    assert "pydata-sphinx-theme 0.17.1" in FORK.read_text(encoding="utf-8")


def test_template_copy_differs_from_the_theme_only_by_the_dropped_script() -> None:
    theme = _without_leading_comment(THEME.read_text(encoding="utf-8"))
    fork = _without_leading_comment(FORK.read_text(encoding="utf-8"))
    assert DROPPED.search(theme), "the theme no longer loads fontawesome.js the way the copy assumes"
    assert DROPPED.sub("\n", theme, count=1) == fork


def test_bibtex_patch_applies_to_the_installed_version() -> None:
    from sphinxcontrib.bibtex.domain import BibtexDomain

    from cuproptosis_book.site import sphinxext

    assert version("sphinxcontrib-bibtex") == "2.7.0", (
        "sphinxcontrib-bibtex changed: check BibtexDomain.env_updated still works as _bibtex_only_when_read "
        "assumes, then update the version in sphinxext.py and here"
    )
    sphinxext._bibtex_only_when_read()
    assert getattr(BibtexDomain.env_updated, "cuproptosis_patched", False)
