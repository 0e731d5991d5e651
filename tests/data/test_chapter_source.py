"""The chapter-source model (:mod:`cuproptosis_book.chapter_source`), on a small notebook written here and on the
real chapters. Every expected value is typed by hand from the MyST below or from the chapter notebook it names.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cuproptosis_book.chapter_source import (
    Solution,
    book_chapters,
    chapter_names,
    chapter_path,
    chapter_source,
    chapter_title,
    parse_cells,
)

ROOT = Path(__file__).resolve().parents[2]

SMALL = [
    (
        "markdown",
        (
            "# A *small* chapter\n\nIntro with {term}`ROS` {cite}`ref1`.\n\n"
            "```{admonition} Learning objectives\n:class: tip\nAfter this chapter you can:\n"
            "- **[sc-1]** name the two\n  copper ions;\n- **[sc-2]** explain {term}`lipoylation <lipoylation>`.\n"
            "- not an objective\n```"
        ),
    ),
    ("code", "setup()"),
    ("markdown", "## First section\n\nOne two three.\n\n### A subsection\n\nFour five."),
    (
        "markdown",
        (
            "````{exercise} Count the ions\n:label: ex-sc-1\n\n*Checks objective [sc-1].*\n\nName them.\n\n"
            "```{note}\nA nested note.\n```\n````\n\n````{solution} ex-sc-1\n:class: dropdown\nCu⁺ and Cu²⁺.\n````"
        ),
    ),
    (
        "markdown",
        (
            "## Second section\n\n:::{exercise} Code it\n:label: ex-sc-2\n*Checks objectives [sc-1] and [sc-2].*\n:::\n\n"
            "```{solution-start} ex-sc-2\n:class: dropdown\n```\nFirst the data."
        ),
    ),
    ("code", "x = 1"),
    (
        "markdown",
        (
            "Then the answer.\n\n```{solution-end}\n```\n\n"
            "```{admonition} Key points\n- Copper has two ions.\n- Lipoylation matters\n  for cuproptosis.\n```"
        ),
    ),
    ("code", "explorer()"),
]


def write(path: Path, cells: list[tuple[str, str]]) -> Path:
    nb = {
        "cells": [
            {"cell_type": k, "metadata": {}, "source": s, **({"outputs": []} if k == "code" else {})} for k, s in cells
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_title_and_headings() -> None:
    src = parse_cells(SMALL)
    assert src.title == "A small chapter"
    assert [(h.level, h.text, h.cell) for h in src.headings] == [
        (1, "A *small* chapter", 0),
        (2, "First section", 2),
        (3, "A subsection", 2),
        (2, "Second section", 4),
    ]
    assert [h.text for h in src.headings_at(1)] == ["A *small* chapter"]
    assert [h.text for h in src.headings_at(7)] == ["A *small* chapter", "Second section"]


def test_a_section_holds_its_subsections_and_ends_at_the_next_heading_of_its_level() -> None:
    src = parse_cells(SMALL)
    first = src.section("First section")
    assert first.markdown.startswith("\nOne two three.\n\n### A subsection")
    assert "Count the ions" in first.markdown
    assert "Second section" not in first.markdown
    # One two three | A subsection | Four five | Checks objective sc-1 | Name them | A nested note | Cu and Cu²
    assert first.words == 18
    assert src.section("A subsection").words == 13
    assert src.section("A small chapter").heading.level == 1  # found by its plain text too
    with pytest.raises(KeyError, match="no section headed 'Third section'"):
        src.section("Third section")


def test_objectives_and_key_points_come_from_their_admonitions() -> None:
    src = parse_cells(SMALL)
    assert [a.title for a in src.admonitions] == ["Learning objectives", "Key points"]
    assert [(o.id, o.markdown, o.text) for o in src.objectives] == [
        ("sc-1", "name the two copper ions;", "name the two copper ions;"),
        ("sc-2", "explain {term}`lipoylation <lipoylation>`.", "explain lipoylation."),
    ]
    assert src.key_points == ("Copper has two ions.", "Lipoylation matters for cuproptosis.")


def test_exercises_with_a_solution_block_and_a_gated_solution_across_cells() -> None:
    src = parse_cells(SMALL)
    assert [(e.label, e.title, e.objectives, e.cell) for e in src.exercises] == [
        ("ex-sc-1", "Count the ions", ("sc-1",), 3),
        ("ex-sc-2", "Code it", ("sc-1", "sc-2"), 4),
    ]
    first, second = src.exercises
    assert first.body == "*Checks objective [sc-1].*\n\nName them.\n\n```{note}\nA nested note.\n```"
    assert first.solution == Solution("ex-sc-1", "Cu⁺ and Cu²⁺.", (), gated=False)
    assert second.solution == Solution("ex-sc-2", "First the data.\n\nThen the answer.", ("x = 1",), gated=True)
    assert src.exercise("ex-sc-2") is second
    with pytest.raises(KeyError, match="no exercise labelled 'ex-sc-9'"):
        src.exercise("ex-sc-9")


def test_an_unended_gated_solution_runs_to_the_end_of_the_notebook() -> None:
    src = parse_cells(
        [("markdown", "```{exercise}\n:label: ex-a-1\nQ.\n```\n\n```{solution-start} ex-a-1\n```\nA."), ("code", "2")]
    )
    assert src.exercises[0].solution == Solution("ex-a-1", "A.", ("2",), gated=True)


def test_words_of_the_whole_notebook() -> None:
    # cell 0: A small chapter | Intro with ROS | After this chapter you can | sc-1 name the two copper ions |
    # sc-2 explain lipoylation | not an objective = 23; cell 2: 9; cell 3: 11; cell 4: 10; cell 6: 11
    assert parse_cells(SMALL).words == 64


def test_a_notebook_is_parsed_once_per_version(tmp_path: Path) -> None:
    path = write(tmp_path / "small.ipynb", SMALL)
    first = chapter_source(path)
    assert chapter_source(path) is first
    write(path, [("markdown", "# Renamed\n\nText.")])
    assert chapter_source(path).title == "Renamed"
    assert [c.kind for c in first.cells] == [
        "markdown",
        "code",
        "markdown",
        "markdown",
        "markdown",
        "code",
        "markdown",
        "code",
    ]


def test_a_real_chapter() -> None:
    src = chapter_source(ROOT / "chapters" / "copper_ionophores.ipynb")
    assert src.title == "Copper ionophores"
    assert [h.text for h in src.headings if h.level == 2] == [
        "Carrying copper in, or holding it back",
        "Elesclomol: an old drug with a new explanation",
        "Why mitochondrial metabolism predicts sensitivity",
        "Disulfiram and the disulfiram–copper complex",
        "Clioquinol and the thiosemicarbazones",
        "All ionophores side by side",
        "Exercises",
        "Check your understanding",
    ]
    assert [o.id for o in src.objectives] == ["io-1", "io-2", "io-4", "io-5"]
    assert src.objectives[3].text == (
        "check statements of the review against the sources and the data it cites (clinical trials, chemical classes)."
    )
    assert len(src.key_points) == 5
    assert (
        src.key_points[-1]
        == "Most of the evidence is preclinical; elesclomol with paclitaxel brought no benefit in patients."
    )
    table = [(e.label, e.objectives, e.solution is not None and e.solution.gated) for e in src.exercises]
    assert table == [
        ("ex-io-11", ("io-1",), True),
        ("ex-io-12", ("io-4", "io-5"), True),
        ("ex-io-1", ("io-1", "io-2"), False),
        ("ex-io-2", ("io-2", "io-4"), True),
        ("ex-io-3", ("io-2", "io-5"), True),
        ("ex-io-4", ("io-4", "io-5"), False),
    ]
    assert src.exercise("ex-io-2").solution is not None
    assert src.exercise("ex-io-2").solution.code[0].startswith("import networkx as nx")  # type: ignore[union-attr]
    assert src.exercise("ex-io-3").title == "What the elesclomol trials support"


def test_the_chapter_list_is_the_toc_titled_by_the_h1s() -> None:
    assert [(c.name, c.title) for c in book_chapters()] == [
        ("introduction", "Copper, cuproptosis and cancer drug resistance"),
        ("copper_metabolism", "Copper metabolism in cancer"),
        ("cuproptosis", "Cuproptosis"),
        ("copper_ionophores", "Copper ionophores"),
        ("nanoparticles", "Nanoparticles and other cuproptosis inducers"),
        ("drug_resistance", "Copper and cancer drug resistance"),
        ("knowledge_graph", "The review as a network"),
        ("outlook", "Outlook: open questions and the road to the clinic"),
    ]
    assert chapter_names()[0] == "introduction"
    assert chapter_path("outlook") == ROOT / "chapters" / "outlook.ipynb"
    assert chapter_title("cuproptosis") == "Cuproptosis"


def test_a_chapter_list_from_another_book(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_toc.yml").write_text(
        "format: jb-book\nroot: chapters/start\nchapters:\n- file: chapters/second\n- file: reference/x\n"
        "- file: chapters/missing\n",
        encoding="utf-8",
    )
    write(tmp_path / "chapters" / "start.ipynb", [("markdown", "# Start here\n")])
    write(tmp_path / "chapters" / "second.ipynb", [("markdown", "No title at all.")])
    assert chapter_names(tmp_path) == ("start", "second", "missing")
    assert [(c.name, c.title) for c in book_chapters(tmp_path)] == [("start", "Start here"), ("second", "second")]
