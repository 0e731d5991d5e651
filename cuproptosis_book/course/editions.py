"""Student edition of the chapters: the same notebooks with the solutions taken out.

The chapter notebooks under ``chapters/`` are the single source (the instructor edition). This module writes
``student_edition/<chapter>.ipynb`` for every chapter of ``_toc.yml``:

- solutions are removed: non-gated ``{solution}`` blocks, and everything between a ``{solution-start}`` and its
  ``{solution-end}`` (markdown, code cells and their outputs);
- a coding exercise (one whose solution holds code cells) gets one scaffold cell in their place: the imports and
  data-loading lines of the solution, then ``answer = ...`` placeholders with a comment saying what to do. The
  scaffold runs as it is; it is tagged ``student-scaffold`` and ``nbval-ignore-output``;
- each coding exercise with an entry in ``data/course/checks.yml`` gets a check cell after its scaffold: run offline,
  it says whether the answer is right and gives a hint, never the solution (:mod:`.exercise_checks`);
- the markdown is turned from MyST into plain Markdown that Jupyter, JupyterLab and Colab render
  (:mod:`.student_markdown`: callouts as blockquotes, citations and terms as links to the learner site);
- a banner at the top says which edition this is and links the chapter's page on the learner site;
- everything else (explorers, figures, outputs of the other cells) is copied unchanged.

The output is deterministic: the same source gives the same bytes. Run ``python -m cuproptosis_book.course.editions``
(or ``make student-edition``).
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from cuproptosis_book.chapter_source import chapter_names, parse_cells
from cuproptosis_book.course import student_markdown
from cuproptosis_book.course.exercise_checks import ExerciseCheck, check_cell_source, exercise_checks
from cuproptosis_book.paths import STUDENT_DIR, book_root
from cuproptosis_book.toc import book_config

SCAFFOLD_TAG = "student-scaffold"
CHECK_TAG = "student-check"
BANNER_ID = "student-edition-banner"

_FENCE = r"(?P<fence>`{3,}|:{3,})"
SOLUTION_BLOCK = re.compile(_FENCE + r"\{solution\}")
SOLUTION_START = re.compile(_FENCE + r"\{solution-start\}\s*(?P<label>\S*)")
SOLUTION_END = re.compile(_FENCE + r"\{solution-end\}")
EXERCISE = re.compile(_FENCE + r"\{exercise(?:-start)?\}(?P<title>.*)$")
LABEL = re.compile(r"^:label:\s*(?P<label>\S+)")
PART = re.compile(r"\(([a-h])\)")
CODE_SPAN = re.compile(r"(?<![}`])`([^`\s][^`]*)`")


@dataclass
class Exercise:
    """One exercise of a chapter: its label, title, question text and solution (text, code cells)."""

    label: str
    title: str = ""
    question: list[str] = field(default_factory=list)
    solution_text: list[str] = field(default_factory=list)
    solution_cells: list[dict[str, Any]] = field(default_factory=list)

    @property
    def coding(self) -> bool:
        return bool(self.solution_cells)


@dataclass
class Edition:
    """The student notebook of one chapter and the exercises found in its source."""

    notebook: Any
    exercises: dict[str, Exercise]


def _closes(line: str, fence: str) -> bool:
    """True when ``line`` is a closing fence for ``fence`` (same character, at least as long, nothing else)."""
    s = line.strip()
    return len(s) >= len(fence) and set(s) == {fence[0]}


class _Splitter:
    """Walks the cells of a chapter, keeping what a student sees and collecting what is a solution."""

    def __init__(self) -> None:
        self.exercises: dict[str, Exercise] = {}
        self.mode = "text"  # text | exercise | solution | gated-head | gated | gated-tail
        self.fence = ""
        self.current: Exercise | None = None  # the exercise whose block or solution is being read
        self.last_exercise: Exercise | None = None
        self.skip_blank = False  # drop the blank line that separated a removed block from the next one

    def _exercise(self, label: str) -> Exercise:
        if label not in self.exercises:
            self.exercises[label] = Exercise(label)
        return self.exercises[label]

    def markdown(self, text: str) -> str:
        """Return the student's part of a markdown cell; solution lines are recorded on their exercise."""
        kept: list[str] = []
        for line in text.split("\n"):
            if self.skip_blank and not line.strip():
                self.skip_blank = False
                continue
            self.skip_blank = False
            if self.mode == "text":
                if m := EXERCISE.match(line):
                    self.mode, self.fence = "exercise", m["fence"]
                    self.current = Exercise("", title=m["title"].strip())
                    kept.append(line)
                elif m := SOLUTION_BLOCK.match(line):
                    self.mode, self.fence = "solution", m["fence"]
                    self.current = self.last_exercise
                elif m := SOLUTION_START.match(line):
                    self.mode, self.fence = "gated-head", m["fence"]
                    self.current = self._exercise(m["label"]) if m["label"] else self.last_exercise
                else:
                    kept.append(line)
                continue
            if self.mode == "exercise":
                kept.append(line)
                assert self.current is not None
                if _closes(line, self.fence):
                    self.mode = "text"
                    ex = self._exercise(self.current.label or f"unlabelled-{len(self.exercises) + 1}")
                    ex.title, ex.question = self.current.title, self.current.question
                    self.last_exercise = ex
                elif m := LABEL.match(line):
                    self.current.label = m["label"]
                else:
                    self.current.question.append(line)
                continue
            # every other mode is part of a solution
            if self.current is not None:
                self.current.solution_text.append(line)
            if self.mode == "solution" and _closes(line, self.fence):
                self.mode, self.skip_blank = "text", True
            elif self.mode == "gated-head" and _closes(line, self.fence):
                self.mode = "gated"
            elif self.mode == "gated" and (m := SOLUTION_END.match(line)):
                self.mode, self.fence = "gated-tail", m["fence"]
            elif self.mode == "gated-tail" and _closes(line, self.fence):
                self.mode, self.skip_blank = "text", True
        return "\n".join(kept)

    @property
    def in_solution(self) -> bool:
        return self.mode in ("gated-head", "gated", "gated-tail", "solution")


def _is_loading(node: ast.stmt) -> bool:
    """Imports, and assignments that only fetch a table or a graph (``rel = review.relations``, ``g = m.f()``)."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        return True
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
        return False
    value = node.value
    if isinstance(value, ast.Call) and not value.args and not value.keywords:
        value = value.func
    return isinstance(value, ast.Attribute) and isinstance(value.value, ast.Name)


def scaffold_source(exercise: Exercise, check: ExerciseCheck | None = None) -> str:
    """The code a student starts from: the solution's imports and loading lines, then placeholders.

    With a ``check``, the placeholders are the variables its check cell reads, each with what it asks for.
    """
    imports: list[str] = []
    loading: list[str] = []
    for i, cell in enumerate(exercise.solution_cells):
        source = cell["source"]
        try:
            source = "\n".join("" if ln.lstrip().startswith("%") else ln for ln in source.split("\n"))
            tree = ast.parse(source)
        except SyntaxError:
            continue
        leading = True
        for node in tree.body:
            text = ast.get_source_segment(source, node) or ""
            if isinstance(node, ast.Import | ast.ImportFrom):
                if text not in imports:
                    imports.append(text)
            elif leading and i == 0 and _is_loading(node):
                loading.append(text)
            else:
                leading = False
    question = re.sub(r"\{[\w:-]+\}`[^`]*`", "", " ".join(exercise.question))  # a role is not code to point to
    parts = sorted(set(PART.findall(question)))
    names: list[str] = []
    for span in CODE_SPAN.findall(question):
        if span not in names:
            names.append(span)
    lines = [
        f"# Your turn: exercise {exercise.label}" + (f" ({exercise.title})." if exercise.title else "."),
        "# Replace each `...` with your own code, run the cell, then run the check cell below it: it says",
        "# whether your answer is right and, if not, gives a hint.",
    ]
    if names:
        lines.append("# The question points to: " + ", ".join(names[:8]) + ".")
    body = imports + loading
    if body:
        lines += ["", *body]
    lines.append("")
    if check is not None:
        checked = {p.name for p in check.parts}
        lines += [f"{p.variable} = ...  # TODO: {p.asks}" for p in check.parts]
        lines += [
            f"answer_{p} = ...  # TODO: your code for part ({p}) of the question" for p in parts if p not in checked
        ]
    elif parts:
        lines += [f"answer_{p} = ...  # TODO: your code for part ({p}) of the question" for p in parts]
    else:
        lines.append("answer = ...  # TODO: your code for the question above")
    return "\n".join(lines)


def _scaffold_cells(exercise: Exercise, checks: dict[str, ExerciseCheck]) -> list[Any]:
    """The scaffold of a coding exercise and, when the exercise has a check, its check cell."""
    check = checks.get(exercise.label)
    cell = nbformat.v4.new_code_cell(scaffold_source(exercise, check))  # type: ignore[no-untyped-call]
    cell.id = re.sub(r"[^A-Za-z0-9_-]", "-", f"scaffold-{exercise.label}")[:64]
    cell.metadata = {"tags": [SCAFFOLD_TAG, "nbval-ignore-output"]}
    if check is None:
        return [cell]
    check_cell = nbformat.v4.new_code_cell(check_cell_source(check))  # type: ignore[no-untyped-call]
    check_cell.id = re.sub(r"[^A-Za-z0-9_-]", "-", f"check-{exercise.label}")[:64]
    check_cell.metadata = {"tags": [CHECK_TAG, "nbval-ignore-output"]}
    return [cell, check_cell]


def banner_cell(chapter: str, title: str, config: dict[str, Any]) -> Any:
    """The markdown cell that opens every student notebook: which edition this is, and where to read it online."""
    page = f"{student_markdown.site_url(config)}chapters/{chapter}.html"
    text = (
        f"**Student edition** — “{title}” without its solutions; the same chapter reads online on the "
        f"[learner site]({page}).\n"
        "Each coding exercise has a cell tagged `student-scaffold`: replace the `...` placeholders with "
        "your own code, run it, then run the check cell below it, which says whether your answer is right and "
        "gives a hint if it is not."
    )
    cell = nbformat.v4.new_markdown_cell(text)  # type: ignore[no-untyped-call]
    cell.id = BANNER_ID
    return cell


def _chapter_title(nb: Any) -> str:
    return parse_cells((c.cell_type, c.source) for c in nb.cells).title


def markdown_links(config: dict[str, Any], chapter: str) -> student_markdown.Links:
    """Where the student notebook of ``chapter`` sends citations, terms and page references: the learner site."""
    from cuproptosis_book import data

    review = data.review_of(None)
    labels = {
        key: str(ref.number) if ref.number is not None else f"{ref.authors.split(' ')[0]} {ref.year}"
        for key, ref in review.references.items()
    }
    terms = {str(t).lower(): str(t) for t in review.glossary["term"]}
    return student_markdown.Links(student_markdown.site_url(config), f"chapters/{chapter}", labels, terms)


def student_edition(
    nb: Any, chapter: str, config: dict[str, Any], checks: dict[str, ExerciseCheck] | None = None
) -> Edition:
    """Build the student notebook of one chapter (``nb`` is not modified)."""
    splitter = _Splitter()
    links = markdown_links(config, chapter)
    checks = exercise_checks() if checks is None else checks
    cells: list[Any] = [banner_cell(chapter, _chapter_title(nb), config)]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            kept = splitter.markdown(cell.source).strip("\n")
            if kept.strip():
                new = copy.deepcopy(cell)
                new.source = student_markdown.to_markdown(kept, links)
                cells.append(new)
        elif splitter.in_solution:
            exercise = splitter.current
            if exercise is None:
                continue
            if not exercise.solution_cells:
                cells.append(exercise)  # placeholder: the scaffold is built once all its code is known
            exercise.solution_cells.append(cell)
        else:
            cells.append(copy.deepcopy(cell))
    if splitter.mode != "text":
        msg = f"{chapter}: a solution or exercise block is never closed"
        raise ValueError(msg)
    out = copy.deepcopy(nb)
    out.cells = [new for c in cells for new in (_scaffold_cells(c, checks) if isinstance(c, Exercise) else [c])]
    out.metadata["cuproptosis_book"] = {"edition": "student", "source": f"chapters/{chapter}.ipynb"}
    return Edition(out, splitter.exercises)


def toc_chapters(root: Path | None = None) -> list[str]:
    """Chapter names (file stems) of every ``chapters/`` notebook in ``_toc.yml``, in book order."""
    return list(chapter_names(root))


def read_notebook(path: Path) -> Any:
    return nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)  # type: ignore[no-untyped-call]


def render(nb: Any) -> str:
    """The notebook as text, exactly as nbformat (and Jupyter) write it."""
    return str(nbformat.writes(nb)) + "\n"  # type: ignore[no-untyped-call]


def write_student_edition(root: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    """Write ``student_edition/<chapter>.ipynb`` for every chapter; return the paths written."""
    root = root if root is not None else book_root()
    config = book_config(root)
    target = out_dir if out_dir is not None else root / STUDENT_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for chapter in toc_chapters(root):
        edition = student_edition(read_notebook(root / "chapters" / f"{chapter}.ipynb"), chapter, config)
        path = target / f"{chapter}.ipynb"
        path.write_bytes(render(edition.notebook).encode("utf-8"))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--root", type=Path, default=None, help="the book's checkout (default: this one)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: <root>/student_edition)")
    args = parser.parse_args(argv)
    root = args.root if args.root is not None else book_root()
    for path in write_student_edition(root, args.out):
        print(path.relative_to(root) if path.is_relative_to(root) else path)


if __name__ == "__main__":
    main()
