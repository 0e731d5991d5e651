"""The student edition: committed and current, free of solutions, every exercise kept, scaffolds that run."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import nbformat
import pytest
import yaml

from cuproptosis_book.course import editions
from cuproptosis_book.course.student_markdown import to_markdown

ROOT = Path(__file__).resolve().parents[2]
STUDENT = ROOT / "student_edition"
CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))

# Lines a scaffold may keep from a solution: imports and the loading of a table (``rel = review.relations``).
SCAFFOLD_LINE = re.compile(r"^(import \S+( as \w+)?|from \S+ import .+|\w+ = \w+\.\w+(\(\))?)$")


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def text(cell: dict[str, Any]) -> str:
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def output_texts(cell: dict[str, Any]) -> list[str]:
    found = []
    for out in cell.get("outputs", []):
        if "text" in out:
            found.append("".join(out["text"]) if isinstance(out["text"], list) else out["text"])
        for mime, value in out.get("data", {}).items():
            if mime.startswith("text/"):
                found.append("".join(value) if isinstance(value, list) else value)
    return found


def squash(s: str) -> str:
    return " ".join(s.split())


def solutions_of(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """The solution markdown and the solution code cells of a source chapter, read with plain regexes.

    Non-gated solutions are fenced ``{solution}`` blocks; gated ones run from ``{solution-start}`` to
    ``{solution-end}`` across cells. Cells are joined with a marker so a gated solution's code cells are found
    by position.
    """
    nb = load(path)
    joined = "\n".join(f"\n<<CELL {i} {c['cell_type']}>>\n" + text(c) for i, c in enumerate(nb["cells"]))
    flags = re.MULTILINE | re.DOTALL
    bodies = [m.group(0) for m in re.finditer(r"^(`{3,}|:{3,})\{solution\}.*?^\1[ \t]*$", joined, flags)]
    gated = [m.group(0) for m in re.finditer(r"^`{3,}\{solution-start\}.*?^`{3,}\{solution-end\}", joined, flags)]
    code_ids = {int(i) for g in gated for i in re.findall(r"<<CELL (\d+) code>>", g)}
    markdown = [re.sub(r"<<CELL \d+ code>>.*?(?=<<CELL|\Z)", "", b, flags=re.DOTALL) for b in bodies + gated]
    markdown = [re.sub(r"<<CELL \d+ \w+>>", "", b) for b in markdown]
    return markdown, [nb["cells"][i] for i in sorted(code_ids)]


def paragraphs(markdown: str) -> list[str]:
    """Prose paragraphs of a solution, without directive lines and options."""
    found = []
    for block in re.split(r"\n\s*\n", markdown):
        lines = [ln for ln in block.split("\n") if not re.match(r"^\s*(`{3,}|:{3,}|:class:|<<CELL)", ln)]
        para = squash(" ".join(lines))
        if len(para) >= 30:
            found.append(para)
    return found


def student_text(nb: dict[str, Any]) -> str:
    return squash("\n".join(text(c) for c in nb["cells"]))


def as_student(markdown: str, chapter: str) -> str:
    """MyST of a chapter as the student notebook shows it (plain Markdown, roles as links)."""
    return to_markdown(markdown, editions.markdown_links(CONFIG, chapter))


def student_outputs(nb: dict[str, Any]) -> list[str]:
    return [o for c in nb["cells"] for o in output_texts(c)]


# -- committed and current ------------------------------------------------------------------------------


def test_every_toc_chapter_has_a_student_notebook() -> None:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    in_toc = {toc["root"].split("/")[-1]} | {
        ch["file"].split("/")[-1]
        for part in toc["parts"]
        for ch in part["chapters"]
        if ch["file"].startswith("chapters/")
    }
    assert in_toc == set(CHAPTERS)
    assert {p.stem for p in STUDENT.glob("*.ipynb")} == in_toc


def test_student_edition_is_current(tmp_path: Path) -> None:
    """Regenerating gives the committed bytes; otherwise run `make student-edition` and commit."""
    written = editions.write_student_edition(ROOT, tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in STUDENT.glob("*.ipynb"))
    stale = [p.name for p in written if p.read_bytes() != (STUDENT / p.name).read_bytes()]
    assert not stale, f"student edition is stale (run `make student-edition`): {stale}"


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first = [p.read_bytes() for p in editions.write_student_edition(ROOT, tmp_path / "a")]
    second = [p.read_bytes() for p in editions.write_student_edition(ROOT, tmp_path / "b")]
    assert first == second


def test_nbval_runs_over_the_student_edition() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "student_edition" in config["testpaths"]


def test_student_edition_is_not_part_of_the_site() -> None:
    assert "student_edition" in CONFIG["exclude_patterns"]
    assert "student_edition" not in (ROOT / "_toc.yml").read_text(encoding="utf-8")


# -- no solutions --------------------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_solution_text_code_or_output(chapter: str) -> None:
    markdown, code_cells = solutions_of(ROOT / "chapters" / f"{chapter}.ipynb")
    nb = load(STUDENT / f"{chapter}.ipynb")
    everything = student_text(nb)
    assert "{solution" not in everything
    leaked = [p for m in markdown for p in paragraphs(m) if p in everything]
    assert not leaked, f"solution text in the student edition: {leaked[:3]}"
    leaked = [p for m in markdown for p in paragraphs(as_student(m, chapter)) if p in everything]
    assert not leaked, f"solution text (as the student edition writes it) in the student edition: {leaked[:3]}"
    code_lines = {ln.strip() for c in code_cells for ln in text(c).split("\n")}
    student_code = {ln.strip() for c in nb["cells"] if c["cell_type"] == "code" for ln in text(c).split("\n")}
    leaked = sorted(ln for ln in code_lines & student_code if ln and not SCAFFOLD_LINE.match(ln))
    assert not leaked, f"solution code in the student edition: {leaked}"
    outputs = set(student_outputs(nb))
    leaked = [o for c in code_cells for o in output_texts(c) if o in outputs]
    assert not leaked, f"solution output in the student edition: {leaked[:2]}"


def test_the_chapters_have_solutions_to_remove() -> None:
    """Guards the test above: it must find solutions (of both kinds) to look for."""
    found = {ch: solutions_of(ROOT / "chapters" / f"{ch}.ipynb") for ch in CHAPTERS}
    assert sum(len(m) for m, _ in found.values()) >= 25
    assert sum(len(c) for _, c in found.values()) >= 10
    assert all(m for ch, (m, _) in found.items() if ch != "introduction")


# -- what is kept ----------------------------------------------------------------------------------------

EXERCISE_BLOCK = re.compile(r"^(`{3,}|:{3,})\{exercise(?:-start)?\}.*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_exercise_is_kept_word_for_word(chapter: str) -> None:
    source = load(ROOT / "chapters" / f"{chapter}.ipynb")
    blocks = [
        m.group(0) for c in source["cells"] if c["cell_type"] == "markdown" for m in EXERCISE_BLOCK.finditer(text(c))
    ]
    if chapter != "introduction":
        assert len(blocks) >= 3
    student = "\n".join(text(c) for c in load(STUDENT / f"{chapter}.ipynb")["cells"] if c["cell_type"] == "markdown")
    missing = [b.split("\n")[1] for b in blocks if as_student(b, chapter) not in student]
    assert not missing, f"exercises missing from the student edition: {missing}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_other_cells_and_outputs_are_kept(chapter: str) -> None:
    source = load(ROOT / "chapters" / f"{chapter}.ipynb")
    _, solution_cells = solutions_of(ROOT / "chapters" / f"{chapter}.ipynb")
    solution_ids = {c["id"] for c in solution_cells}
    student = {c["id"]: c for c in load(STUDENT / f"{chapter}.ipynb")["cells"]}
    for cell in source["cells"]:
        if cell["cell_type"] == "code" and cell["id"] not in solution_ids:
            assert cell["id"] in student, f"code cell {cell['id']} was dropped"
            assert student[cell["id"]]["outputs"] == cell["outputs"]
            assert text(student[cell["id"]]) == text(cell)
    objectives = [c for c in source["cells"] if "Learning objectives" in text(c)]
    assert all(c["id"] in student and text(student[c["id"]]) == as_student(text(c), chapter) for c in objectives)


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_banner_says_which_edition(chapter: str) -> None:
    first = load(STUDENT / f"{chapter}.ipynb")["cells"][0]
    assert first["cell_type"] == "markdown"
    assert text(first).startswith("**Student edition** — “")
    assert f"(https://cuproptosis-book.github.io/cuproptosis-book/chapters/{chapter}.html)" in text(first)
    assert "instructor" not in text(first).lower(), "the student notebook does not send students to the solutions"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_coding_exercise_becomes_a_scaffold(chapter: str) -> None:
    source = load(ROOT / "chapters" / f"{chapter}.ipynb")
    joined = "\n".join(f"<<{c['cell_type']}>>" + text(c) for c in source["cells"])
    coding = [
        m.group(1)
        for m in re.finditer(r"\{solution-start\}\s*(\S+)(?:(?!\{solution-end\}).)*?<<code>>", joined, re.DOTALL)
    ]
    cells = load(STUDENT / f"{chapter}.ipynb")["cells"]
    scaffolds = [(i, c) for i, c in enumerate(cells) if "student-scaffold" in c["metadata"].get("tags", [])]
    assert [c["id"] for _, c in scaffolds] == [f"scaffold-{label}" for label in coding]
    for i, cell in scaffolds:
        label = cell["id"].removeprefix("scaffold-")
        assert cell["cell_type"] == "code"
        assert cell["outputs"] == []
        assert cell["metadata"]["tags"] == ["student-scaffold", "nbval-ignore-output"]  # never nbval-skip
        assert re.search(r"^\w+ = \.\.\.  # TODO: ", text(cell), re.MULTILINE)
        compile(text(cell), f"{chapter}:{label}", "exec")
        assert f"> **Exercise {label} — " in text(cells[i - 1]), "the scaffold follows its exercise"
        assert "instructor" not in text(cell), "never sent to the solution"
        assert "solution" not in text(cell).lower(), "never sent to the solution"


def test_scaffold_keeps_imports_and_loading_and_one_placeholder_per_part() -> None:
    exercise = editions.Exercise(
        "ex-x-1", title="A title", question=["Using `review.relations`, (a) count the rows; (b) list the sources."]
    )
    exercise.solution_cells = [
        nbformat.v4.new_code_cell(
            "%matplotlib inline\nimport networkx as nx\n\nrel = review.relations\nrows = len(rel)\nrows"
        ),
        nbformat.v4.new_code_cell("import pandas as pd\nsorted(set(rel.source))"),
    ]
    src = editions.scaffold_source(exercise)
    code = [ln for ln in src.split("\n") if ln and not ln.startswith("#")]
    assert code == [
        "import networkx as nx",
        "import pandas as pd",
        "rel = review.relations",
        "answer_a = ...  # TODO: your code for part (a) of the question",
        "answer_b = ...  # TODO: your code for part (b) of the question",
    ]
    assert "# The question points to: review.relations." in src
    assert "exercise ex-x-1 (A title)" in src


def test_mixed_cells_nested_fences_and_colon_fences() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "# T\n\n```{exercise} One\n:label: ex-t-1\n\nQ1?\n```\n\n"
            "````{solution} ex-t-1\n:class: dropdown\n\nS1 text.\n```python\nx = 1\n```\n"
            "More S1.\n````\n\nAfter one."
        ),
        nbformat.v4.new_markdown_cell(
            "```{exercise} Two\n:label: ex-t-2\n\nQ2?\n```\n\n"
            "```{solution-start} ex-t-2\n:class: dropdown\n```\nS2 intro."
        ),
        nbformat.v4.new_code_cell("secret = 2"),
        nbformat.v4.new_markdown_cell(
            "S2 end.\n\n```{solution-end}\n```\n\n:::{exercise} Three\n:label: ex-t-3\n"
            "Q3?\n:::\n\n:::{solution} ex-t-3\nS3.\n:::"
        ),
    ]
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i}"
    edition = editions.student_edition(nb, "t", {"repository": {"url": "https://github.com/o/r", "branch": "b"}})
    cells = edition.notebook.cells
    assert [c.id for c in cells] == ["student-edition-banner", "c0", "c1", "scaffold-ex-t-2", "c3"]
    assert cells[1].source == "# T\n\n> **Exercise ex-t-1 — One**\n>\n> Q1?\n\nAfter one."
    assert cells[2].source == "> **Exercise ex-t-2 — Two**\n>\n> Q2?"
    assert "secret" not in cells[3].source
    assert cells[4].source == "> **Exercise ex-t-3 — Three**\n>\n> Q3?"
    assert "https://o.github.io/r/chapters/t.html" in cells[0].source
    assert sorted(edition.exercises) == ["ex-t-1", "ex-t-2", "ex-t-3"]
    assert edition.exercises["ex-t-2"].coding
    assert not edition.exercises["ex-t-1"].coding


def test_an_unclosed_solution_is_an_error() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("```{solution-start} ex-1\n```\nnever ended")]
    with pytest.raises(ValueError, match="never closed"):
        editions.student_edition(nb, "t", {})


# -- exercise titles -------------------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_exercise_has_a_title(chapter: str) -> None:
    source = load(ROOT / "chapters" / f"{chapter}.ipynb")
    directives = [
        ln
        for c in source["cells"]
        if c["cell_type"] == "markdown"
        for ln in text(c).split("\n")
        if re.match(r"^(`{3,}|:{3,})\{exercise(-start)?\}", ln)
    ]
    untitled = [ln for ln in directives if len(re.sub(r"^[`:]+\{exercise(-start)?\}", "", ln).strip()) < 8]
    assert not untitled, f"exercises without a title in {chapter}: {len(untitled)}"


# -- the chapter pages' box (Sphinx hook) ------------------------------------------------------------------


def test_reading_time_wording() -> None:
    from cuproptosis_book.site.edition_links import reading_time

    assert reading_time(2800) == "About 14 minutes of reading · 2,800 words"
    assert reading_time(2801) == "About 15 minutes of reading · 2,801 words"
    assert reading_time(120) == "About 1 minute of reading · 120 words"


def test_launch_urls_follow_the_repository_setting() -> None:
    from cuproptosis_book.site.edition_links import box_html, launch_urls

    options = {
        "repository_url": "https://github.com/someone/fork",
        "repository_branch": "dev",
        "launch_buttons": {
            "notebook_interface": "jupyterlab",
            "binderhub_url": "https://mybinder.org/",
            "colab_url": "https://colab.research.google.com",
        },
    }
    assert launch_urls(options, "outlook") == {
        "binder": "https://mybinder.org/v2/gh/someone/fork/dev?labpath=student_edition/outlook.ipynb",
        "colab": "https://colab.research.google.com/github/someone/fork/blob/dev/student_edition/outlook.ipynb",
    }
    box = box_html("outlook", 1, launch_urls(options, "outlook"), 2800)
    assert 'href="../_downloads/student_edition/outlook.ipynb"' in box
    assert "About 14 minutes of reading · 2,800 words" in box
    assert "You are reading the instructor edition (with solutions)." in box


def test_the_extension_is_registered() -> None:
    assert "cuproptosis_book.site.edition_links" in CONFIG["sphinx"]["extra_extensions"]
