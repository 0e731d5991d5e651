"""Student notebooks read well outside Jupyter Book: plain Markdown, no MyST left, and a check per coding exercise."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cuproptosis_book.course import editions
from cuproptosis_book.course.exercise_checks import exercise_checks
from cuproptosis_book.course.student_markdown import Links, term_anchor, to_markdown

ROOT = Path(__file__).resolve().parents[2]
STUDENT = ROOT / "student_edition"
CHAPTERS = sorted(p.stem for p in STUDENT.glob("*.ipynb"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
SITE = "https://cuproptosis-book.github.io/cuproptosis-book/"
# What Jupyter, JupyterLab and Colab would show raw: a directive fence or a role.
RAW_MYST = re.compile(r"```\{|:::\{|\{[\w:-]+\}`")


def cells(chapter: str) -> list[dict[str, Any]]:
    return json.loads((STUDENT / f"{chapter}.ipynb").read_text(encoding="utf-8"))["cells"]


def text(cell: dict[str, Any]) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def links() -> Links:
    return Links(SITE, "chapters/x", {"ref17": "17", "ref18": "18", "yao2025": "Yao 2025"}, {"ros": "ROS"})


def test_the_student_edition_is_there() -> None:
    assert len(CHAPTERS) == 8


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_myst_fence_or_role_is_left(chapter: str) -> None:
    left = [m.group(0) for c in cells(chapter) if c["cell_type"] == "markdown" for m in RAW_MYST.finditer(text(c))]
    assert not left, f"MyST a notebook front end shows raw, in {chapter}: {left[:5]}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_callouts_are_blockquotes_and_roles_are_links(chapter: str) -> None:
    markdown = "\n".join(text(c) for c in cells(chapter) if c["cell_type"] == "markdown")
    assert "> **Learning objectives**" in markdown
    if chapter != "introduction":
        assert re.search(r"^> \*\*Exercise ex-\w+-\d+ — .{8,}\*\*$", markdown, re.MULTILINE)
    assert re.search(r"\[\[\d+(, \d+)*\]\]\(" + re.escape(SITE + "reference/bibliography.html") + r"\)", markdown)
    assert (SITE + "reference/glossary.html#term-") in markdown


def test_blocks_become_blockquotes_with_a_bold_title() -> None:
    source = (
        "Before.\n\n````{exercise} Where copper goes\n:label: ex-cm-2\n\nUse `relations.csv` {cite}`ref17,ref18`.\n\n"
        "```{note}\nNested {term}`reactive oxygen species <ROS>`.\n```\n````\nAfter."
    )
    assert to_markdown(source, links()) == (
        "Before.\n\n> **Exercise ex-cm-2 — Where copper goes**\n>\n"
        f"> Use `relations.csv` [[17, 18]]({SITE}reference/bibliography.html).\n>\n"
        "> > **Note**\n> >\n"
        f"> > Nested [reactive oxygen species]({SITE}reference/glossary.html#term-ROS).\n>\n\nAfter."
    )


def test_admonitions_citations_of_the_review_and_page_links() -> None:
    source = (
        ":::{admonition} A title\n:class: dropdown\nBody {cite}`yao2025`.\n:::\n"
        "See the {doc}`errata page <../reference/errata>` and {numref}`fig-x`."
    )
    out = to_markdown(source, links())
    assert out.startswith("> **A title**\n>\n> Body [[Yao 2025]](")
    assert f"[errata page]({SITE}reference/errata.html)" in out
    assert f"[the figure]({SITE}chapters/x.html#fig-x)" in out
    assert not RAW_MYST.search(out)


def test_glossary_anchors_follow_sphinx() -> None:
    # the ids Sphinx 7 gives glossary terms, as seen in the built glossary page (term-<term>, case kept)
    assert term_anchor("ROS") == "term-ROS"
    assert term_anchor("copper chaperone") == "term-copper-chaperone"
    assert term_anchor("Cu⁺") == "term-Cu"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_check_cell_follows_each_checked_scaffold(chapter: str) -> None:
    checks = exercise_checks()
    nb = cells(chapter)
    for i, cell in enumerate(nb):
        if "student-scaffold" not in cell["metadata"].get("tags", []):
            continue
        label = cell["id"].removeprefix("scaffold-")
        assert label in checks, f"{label} has no check in data/course/checks.yml"
        after = nb[i + 1]
        assert after["metadata"]["tags"] == ["student-check", "nbval-ignore-output"]
        assert f'check("{label}", ' in text(after)
        for part in checks[label].parts:
            assert re.search(rf"^{part.variable} = \.\.\.  # TODO: ", text(cell), re.MULTILINE)
            assert f"{part.name}={part.variable}" in text(after)


def test_every_coding_exercise_has_a_check_and_every_check_an_exercise() -> None:
    coding = set()
    for chapter in editions.toc_chapters(ROOT):
        nb = editions.read_notebook(ROOT / "chapters" / f"{chapter}.ipynb")
        edition = editions.student_edition(nb, chapter, CONFIG)
        coding |= {label for label, ex in edition.exercises.items() if ex.coding}
    assert len(coding) >= 13
    assert coding == set(exercise_checks())


def test_only_blocks_keep_what_the_learner_site_shows() -> None:
    source = "Intro.\n\n```{only} learner\nFor learners {term}`ROS`.\n```\n```{only} instructor\nSolutions are folded.\n```\nEnd."
    out = to_markdown(source, links())
    assert out == f"Intro.\n\nFor learners [ROS]({SITE}reference/glossary.html#term-ROS).\n\nEnd."
