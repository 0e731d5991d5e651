"""The one MyST → text rule (:mod:`cuproptosis_book.myst`): plain text, slide HTML, words, reading time.

Every expected value is typed by hand from the MyST written in the test.
"""

from __future__ import annotations

from cuproptosis_book.myst import directives, inline_html, list_items, plain, prose, reading_minutes, word_count


def test_plain_reads_roles_as_their_text_and_drops_citations_and_emphasis() -> None:
    text = "Copper enters through {term}`Ctr1` {cite}`ref8,ref21`, **not** *only* by `diffusion`."
    assert plain(text) == "Copper enters through Ctr1, not only by diffusion."


def test_plain_takes_the_label_of_a_role_with_a_target() -> None:
    assert plain("{term}`lipoylated <lipoylation>` enzymes") == "lipoylated enzymes"
    assert plain("see {doc}`the notes <notes>` and {numref}`fig-1`") == "see the notes and fig-1"
    assert plain("a citation at the end {cite:p}`ref5`.") == "a citation at the end."


def test_plain_flattens_blocks_and_keeps_a_directive_title_but_not_its_options() -> None:
    text = "# Title\n\n```{exercise} Partners\n:label: ex-x-1\n\nBody *text*.\n```\n\n- one\n  more\n- two\n"
    assert plain(text) == "Title Partners Body text. one more two"


def test_inline_html_keeps_emphasis_escapes_text_and_lets_a_hook_replace_a_role() -> None:
    text = "**R** & *S* with `x<y` and {doc}`../chapters/cuproptosis` {cite}`ref1`"

    def link(name: str, label: str, _target: str) -> str | None:
        return f'<a href="{label}.html">page</a>' if name == "doc" else None

    assert inline_html(text, link) == (
        '<strong>R</strong> &amp; <em>S</em> with <code>x&lt;y</code> and <a href="../chapters/cuproptosis.html">page</a>'
    )


def test_word_count_counts_what_a_reader_reads() -> None:
    text = "Copper enters through {term}`Ctr1` {cite}`ref8,ref21`, see {doc}`the notes <notes>`."
    assert word_count(text) == 7  # Copper enters through Ctr1 see the notes
    assert word_count("```{note}\n:class: tip\nCu⁺ and Cu²⁺ differ by one electron.\n```") == 7
    md = (
        "# Two forms\n\n```{admonition} Learning objectives\n:class: tip\n- explain {term}`ROS` and Cu⁺;\n```\n"
        "See the {doc}`errata page <../reference/errata>` {cite}`ref5,ref6` — done.\n<!-- a comment -->"
    )
    # Two forms | explain ROS and Cu | See the errata page done: the admonition's title, option and comment are not read
    assert word_count(md) == 11


def test_words_join_hyphens_and_apostrophes_and_skip_urls() -> None:
    assert prose("A copper-dependent cell's death: <https://example.org/a-b>") == "A copper-dependent cell's death: "
    assert word_count("A copper-dependent cell's death: <https://example.org/a-b>") == 4
    assert word_count("1. first\n2. second\n") == 4  # an ordered list's numbers are shown, so they are read


def test_reading_minutes_round_up_and_never_show_zero() -> None:
    assert reading_minutes(0, 200) == 1
    assert reading_minutes(200, 200) == 1
    assert reading_minutes(201, 200) == 2
    assert reading_minutes(4804, 200) == 25


def test_list_items_keep_their_myst_on_one_line_and_their_numbers() -> None:
    text = "Intro.\n\n1. Why **copper**?\n   Say why.\n2. Which {term}`ROS`?\n\n- a\n  - nested\n- b\n"
    assert list_items(text) == (
        (1, "Why **copper**? Say why."),
        (2, "Which {term}`ROS`?"),
        (None, "a - nested"),
        (None, "b"),
    )


def test_directives_nest_with_backtick_and_colon_fences() -> None:
    text = (
        "````{exercise} Outer\n:label: ex-x-1\n\nText.\n\n```{note}\nInner note.\n```\n````\n\n"
        ":::{admonition} Key points\n- one\n:::\n"
    )
    found = list(directives(text))
    assert [(d.name, d.argument) for d in found] == [("exercise", "Outer"), ("note", ""), ("admonition", "Key points")]
    assert found[0].option("label") == "ex-x-1"
    assert found[0].body == "Text.\n\n```{note}\nInner note.\n```"  # blank lines around the body dropped
    assert [c.name for c in found[0].children] == ["note"]
    assert found[1].body == "Inner note."
