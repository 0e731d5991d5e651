"""The chapter notebooks as a model: the one place that opens a chapter notebook.

A notebook is parsed once (cached by path and modification time) with the MyST reading of :mod:`.myst`
(markdown-it-py and myst-parser's plugins) into a :class:`ChapterSource`: its title (the H1), headings, sections
(a section holds its subsections), admonitions (learning objectives, key points), exercises with their solutions
(a ``{solution}`` block, or the cells between ``{solution-start}`` and ``{solution-end}``) and the number of words a
reader reads. :func:`book_chapters` is the book's one chapter list: the ``chapters/`` pages of ``_toc.yml``, in
book order, each titled by its H1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from markdown_it.token import Token

from cuproptosis_book.myst import Directive, directive_parts, list_items, plain, tokens, word_count
from cuproptosis_book.paths import book_root
from cuproptosis_book.toc import toc_pages

#: An objective's list item starts with its id in bold: ``- **[cm-1]** explain …``.
OBJECTIVE_ITEM = re.compile(r"^\*\*\[(?P<id>[a-z]{2}-\d+)\]\*\*\s*(?P<text>.*)$", re.DOTALL)
OBJECTIVE_ID = re.compile(r"\[([a-z]{2}-\d+)\]")

CellKind = Literal["markdown", "code", "raw"]


# ------------------------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Cell:
    kind: CellKind
    source: str


@dataclass(frozen=True)
class Heading:
    """A heading: its ``level`` (1 for the title), its ``text`` as written (MyST) and the cell it is in."""

    level: int
    text: str
    cell: int

    @property
    def plain(self) -> str:
        return plain(self.text)


@dataclass(frozen=True)
class Section:
    """A heading and the MyST under it, subsections included, up to the next heading of its level or above."""

    heading: Heading
    markdown: str

    @property
    def words(self) -> int:
        return word_count(self.markdown)


@dataclass(frozen=True)
class Admonition:
    """An ``{admonition}`` directive: its ``title`` and the items of its list (MyST, one line each)."""

    title: str
    body: str
    items: tuple[str, ...]
    cell: int


@dataclass(frozen=True)
class Objective:
    """A learning objective: ``- **[cm-1]** text`` in the ``Learning objectives`` admonition."""

    id: str
    markdown: str

    @property
    def text(self) -> str:
        return plain(self.markdown)


@dataclass(frozen=True)
class Solution:
    """The solution of an exercise: a ``{solution}`` block, or everything between ``{solution-start}`` and
    ``{solution-end}`` (``gated``), whose markdown and code cells are kept apart."""

    label: str
    markdown: str
    code: tuple[str, ...]
    gated: bool


@dataclass(frozen=True)
class Exercise:
    """An ``{exercise}`` directive: its ``label`` option, ``title`` (the argument, MyST), ``body`` and solution."""

    label: str
    title: str
    body: str
    cell: int
    solution: Solution | None

    @property
    def objectives(self) -> tuple[str, ...]:
        """The objective ids its first line names (``*Checks objectives [io-1] and [io-2].*``)."""
        first = next((line for line in self.body.split("\n") if line.strip()), "")
        return tuple(OBJECTIVE_ID.findall(first)) if "checks objective" in first.lower() else ()


@dataclass(frozen=True)
class ChapterSource:
    """A chapter notebook as read once: cells, title, headings, sections, admonitions, exercises, words."""

    cells: tuple[Cell, ...]
    title: str
    headings: tuple[Heading, ...]
    sections: tuple[Section, ...]
    admonitions: tuple[Admonition, ...]
    exercises: tuple[Exercise, ...]
    words: int

    @property
    def markdown_cells(self) -> tuple[str, ...]:
        return tuple(c.source for c in self.cells if c.kind == "markdown")

    def section(self, heading: str) -> Section:
        """The first section whose heading reads ``heading``; KeyError if there is none."""
        for s in self.sections:
            if heading in (s.heading.text, s.heading.plain):
                return s
        msg = f"no section headed {heading!r}"
        raise KeyError(msg)

    def admonition(self, title: str) -> Admonition | None:
        """The first admonition with this title (case-insensitive), or None."""
        return next((a for a in self.admonitions if a.title.lower() == title.lower()), None)

    def items(self, admonition_title: str) -> tuple[str, ...]:
        a = self.admonition(admonition_title)
        return a.items if a is not None else ()

    @property
    def objectives(self) -> tuple[Objective, ...]:
        """The learning objectives: items of the ``Learning objectives`` admonitions that start with an id."""
        out = []
        for a in self.admonitions:
            if a.title.lower() == "learning objectives":
                out += [Objective(m["id"], m["text"]) for i in a.items if (m := OBJECTIVE_ITEM.match(i))]
        return tuple(out)

    @property
    def key_points(self) -> tuple[str, ...]:
        return self.items("Key points")

    def exercise(self, label: str) -> Exercise:
        for e in self.exercises:
            if e.label == label:
                return e
        msg = f"no exercise labelled {label!r}"
        raise KeyError(msg)

    def headings_at(self, cell: int) -> tuple[Heading, ...]:
        """The headings in force at a cell (outermost first), counting the headings of that cell itself."""
        stack: list[Heading] = []
        for h in self.headings:
            if h.cell > cell:
                break
            stack = [x for x in stack if x.level < h.level] + [h]
        return tuple(stack)


class _Reader:
    """Walks the cells once, in order, collecting headings, sections, admonitions, exercises and solutions."""

    def __init__(self) -> None:
        self.headings: list[tuple[Heading, int, int]] = []  # heading, cell, line of the heading
        self.admonitions: list[Admonition] = []
        self.exercises: list[tuple[str, str, str, int]] = []
        self.solutions: dict[str, Solution] = {}
        self.gated: tuple[str, list[str], list[str]] | None = None  # label, markdown, code of an open solution
        self.last_label = ""

    def markdown(self, index: int, source: str) -> None:
        lines = source.split("\n")
        previous_end = 0
        for t in tokens(source):
            if t.level != 0 or t.map is None:
                continue
            start, end = t.map
            if self.gated is not None and start > previous_end:
                self.gated[1].append("\n".join(lines[previous_end:start]).strip("\n"))
            previous_end = max(previous_end, end)
            if t.type == "heading_open":
                self.headings.append((Heading(int(t.tag[1:]), _heading_text(lines, t), index), index, start))
            if t.type not in ("fence", "colon_fence") or (d := directive_parts(t)) is None:
                if self.gated is not None:
                    self.gated[1].append("\n".join(lines[start:end]))
                continue
            self.directive(Directive(*d, cell=index))
        if self.gated is not None and previous_end < len(lines):
            self.gated[1].append("\n".join(lines[previous_end:]).strip("\n"))

    def directive(self, d: Directive) -> None:
        if d.name == "solution-end" and self.gated is not None:
            label, md, code = self.gated
            self.solutions[label] = Solution(label, "\n\n".join(x for x in md if x.strip()), tuple(code), True)
            self.gated = None
        elif self.gated is not None:
            self.gated[1].append(d.body)
            return
        elif d.name == "solution-start":
            self.gated = (d.argument.split()[0] if d.argument else self.last_label, [], [])
        elif d.name == "solution":
            label = d.argument.split()[0] if d.argument else self.last_label
            self.solutions[label] = Solution(label, d.body, (), False)
        elif d.name in ("exercise", "exercise-start"):
            self.last_label = d.option("label")
            self.exercises.append((self.last_label, d.argument, d.body, d.cell))
        elif d.name == "admonition":
            self.admonitions.append(Admonition(d.argument, d.body, tuple(i for _, i in list_items(d.body)), d.cell))
        for child in d.children if d.name not in ("solution", "solution-start", "solution-end") else ():
            self.directive(child)

    def code(self, source: str) -> None:
        if self.gated is not None:
            self.gated[2].append(source)

    def close(self) -> None:
        """A ``{solution-start}`` never ended runs to the end of the notebook."""
        if self.gated is not None:
            self.directive(Directive("solution-end", "", (), "", -1))


def _heading_text(lines: list[str], token: Token) -> str:
    assert token.map is not None
    raw = " ".join(lines[token.map[0] : token.map[1]]).strip()
    if raw.startswith("#"):
        raw = raw.lstrip("#")
        raw = re.sub(r"(?:^|\s+)#+\s*$", "", raw)  # an optional closing sequence of #s
    else:  # a setext heading: drop its underline
        raw = " ".join(lines[token.map[0] : token.map[1] - 1])
    return raw.strip()


def _kind(cell_type: str) -> CellKind:
    return "markdown" if cell_type == "markdown" else "code" if cell_type == "code" else "raw"


def parse_cells(cells: Iterable[tuple[str, str]]) -> ChapterSource:
    """The model of a notebook given as (cell type, source) pairs (no file needed: hand-written tests, editions)."""
    kept = tuple(Cell(_kind(k), s) for k, s in cells)
    reader = _Reader()
    for i, c in enumerate(kept):
        if c.kind == "markdown":
            reader.markdown(i, c.source)
        elif c.kind == "code":
            reader.code(c.source)
    reader.close()
    headings = tuple(h for h, _, _ in reader.headings)
    sections = []
    for n, (h, cell, line) in enumerate(reader.headings):
        nxt = next(((c, ln) for x, c, ln in reader.headings[n + 1 :] if x.level <= h.level), None)
        parts: list[str] = []
        for i in range(cell, (nxt[0] if nxt else len(kept) - 1) + 1):
            if kept[i].kind != "markdown":
                continue
            lines = kept[i].source.split("\n")
            lo = line + 1 if i == cell else 0
            hi = nxt[1] if nxt and i == nxt[0] else len(lines)
            parts += lines[lo:hi]
        sections.append(Section(h, "\n".join(parts)))
    title = next((h.plain for h in headings if h.level == 1), "")
    exercises = tuple(
        Exercise(label, title_, body, cell, reader.solutions.get(label))
        for label, title_, body, cell in reader.exercises
    )
    words = sum(word_count(c.source) for c in kept if c.kind == "markdown")
    return ChapterSource(kept, title, headings, tuple(sections), tuple(reader.admonitions), exercises, words)


@lru_cache(maxsize=64)
def _read(version: tuple[Path, int, int]) -> ChapterSource:
    """Parse the notebook of ``version`` = (path, mtime in ns, size): an edited file is a new key, read again."""
    nb = json.loads(version[0].read_text(encoding="utf-8"))
    return parse_cells(
        (str(c["cell_type"]), "".join(c["source"]) if isinstance(c["source"], list) else str(c["source"]))
        for c in nb["cells"]
    )


def chapter_source(path: Path) -> ChapterSource:
    """The model of the notebook at ``path``, parsed once per version of the file."""
    path = Path(path).resolve()
    stat = path.stat()
    return _read((path, stat.st_mtime_ns, stat.st_size))


# ------------------------------------------------------------------------------------------- the chapter list


@dataclass(frozen=True)
class Chapter:
    """A chapter of the book: its ``name`` (file stem), notebook ``path`` and ``title`` (the notebook's H1)."""

    name: str
    path: Path
    title: str

    @property
    def source(self) -> ChapterSource:
        return chapter_source(self.path)


def chapter_names(root: Path | None = None) -> tuple[str, ...]:
    """File stems of the ``chapters/`` pages of ``_toc.yml``, in book order (introduction first)."""
    return tuple(page.split("/", 1)[1] for page in toc_pages(root) if page.startswith("chapters/"))


def chapter_path(name: str, root: Path | None = None) -> Path:
    root = root if root is not None else book_root()
    return root / "chapters" / f"{name}.ipynb"


def book_chapters(root: Path | None = None) -> tuple[Chapter, ...]:
    """The chapters of ``_toc.yml`` whose notebook exists, in book order, each titled by its H1."""
    root = root if root is not None else book_root()
    out = []
    for name in chapter_names(root):
        path = chapter_path(name, root)
        if path.exists():
            out.append(Chapter(name, path, chapter_source(path).title or name))
    return tuple(out)


def chapter_titles(root: Path | None = None) -> dict[str, str]:
    """Chapter file stem -> title (its H1), in book order."""
    return {c.name: c.title for c in book_chapters(root)}


def chapter_title(name: str, root: Path | None = None) -> str:
    """The H1 of ``chapters/<name>.ipynb`` (the name itself when the notebook has no H1)."""
    return chapter_source(chapter_path(name, root)).title or name
