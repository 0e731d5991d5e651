"""The session kit: syllabus, worksheets, worksheet keys and slide decks, all generated from one data file.

Design (why): an instructor who teaches the module next week needs a plan that fits the time, a worksheet per
session, and slides; and when the plan changes, all three must change together. So the plan lives in
``data/course/syllabus.yml`` (sessions, pre-reading, timed blocks, worksheet tasks with their keys), and this
module turns it into

- the syllabus page: pre-reading with word counts and reading times computed from the chapter notebooks, the
  timed plan of each session, scaling notes and a self-paced variant (:func:`syllabus_sessions`, …);
- one worksheet page per session (:func:`worksheet`) and a separate page of keys (:func:`worksheet_keys`);
- one reveal.js slide deck per session (:func:`deck_html`, :func:`build_decks`), built from the book's own
  sources: the chapters' objectives and key points, the redrawn figures, the discussion prompts of the
  instructor notes and questions of the self-check quizzes, with speaker notes. The decks load reveal.js from a
  relative path (copied from the npm package into the site), never from the network.

Pages show the Markdown this module returns (a notebook cell whose input is hidden; its output is parsed as
MyST, so ``{doc}`` and ``{ref}`` roles are checked by the build).

Command line (``make slides``)::

    python -m cuproptosis_book.session_kit slides --out _build/html/instructors/slides \\
        --reveal node_modules/reveal.js/dist [--pdf]
"""
from __future__ import annotations

import argparse
import html
import importlib
import json
import math
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Literal, cast

import yaml

from .data import data_dir

KINDS = ("demonstration", "students", "discussion", "quiz")
Kind = Literal["demonstration", "students", "discussion", "quiz"]
KIND_LABEL = {"demonstration": "demonstration", "students": "students at work", "discussion": "discussion",
              "quiz": "quiz"}


def project_root() -> Path:
    """The checkout: the folder that holds ``data/``, ``chapters/`` and ``instructors/``."""
    return data_dir().parent


def syllabus_path() -> Path:
    return data_dir() / "course" / "syllabus.yml"


# --------------------------------------------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------------------------------------------

class SyllabusError(ValueError):
    """The syllabus file is malformed or refers to something the book does not have."""


@dataclass(frozen=True)
class Block:
    minutes: int
    kind: Kind
    text: str
    explorers: tuple[str, ...] = ()
    exercises: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    chapter: str
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Task:
    explorer: str | None
    task: str
    lines: int
    key: str


@dataclass(frozen=True)
class Session:
    number: int
    title: str
    chapters: tuple[str, ...]
    reading: tuple[Reading, ...]
    guiding_questions: tuple[str, ...]
    figures: tuple[int, ...]
    prompts: tuple[int, ...]
    quiz: tuple[str, ...]
    blocks: tuple[Block, ...]
    homework: str
    worksheet: tuple[Task, ...]

    @property
    def minutes(self) -> int:
        return sum(b.minutes for b in self.blocks)

    def minutes_of(self, kind: str) -> int:
        return sum(b.minutes for b in self.blocks if b.kind == kind)


@dataclass(frozen=True)
class ExplorerRef:
    id: str
    chapter: str
    section: str
    call: str
    title: str


@dataclass(frozen=True)
class Scaling:
    students: int
    notes: str


@dataclass(frozen=True)
class Syllabus:
    title: str
    session_minutes: int
    max_demonstration_share: float
    words_per_minute: int
    class_size: int
    groups: str
    scaling: tuple[Scaling, ...]
    explorers: dict[str, ExplorerRef]
    sessions: tuple[Session, ...]
    online_intro: str
    online: tuple[Block, ...]

    def session(self, number: int) -> Session:
        for s in self.sessions:
            if s.number == number:
                return s
        raise KeyError(f"no session {number}")


def _block(raw: dict[str, Any]) -> Block:
    kind = raw.get("kind")
    if kind not in KINDS:
        raise SyllabusError(f"block kind {kind!r} is not one of {KINDS}")
    return Block(int(raw["minutes"]), cast(Kind, kind), str(raw["text"]).strip(),
                 tuple(raw.get("explorers") or ()), tuple(raw.get("exercises") or ()))


def parse_syllabus(raw: dict[str, Any]) -> Syllabus:
    """The syllabus from its YAML mapping; raises :class:`SyllabusError` on a malformed entry."""
    try:
        module = raw["module"]
        explorers = {k: ExplorerRef(k, str(v["chapter"]), str(v["section"]), str(v["call"]), str(v["title"]))
                     for k, v in raw["explorers"].items()}
        sessions = tuple(
            Session(
                number=int(s["number"]), title=str(s["title"]), chapters=tuple(s["chapters"]),
                reading=tuple(Reading(str(r["chapter"]), tuple(r["sections"])) for r in s["reading"]),
                guiding_questions=tuple(str(q) for q in s["guiding_questions"]),
                figures=tuple(int(f) for f in s.get("figures") or ()),
                prompts=tuple(int(p) for p in s.get("prompts") or ()),
                quiz=tuple(str(q) for q in s.get("quiz") or ()),
                blocks=tuple(_block(b) for b in s["blocks"]),
                homework=str(s.get("homework", "")).strip(),
                worksheet=tuple(Task(t.get("explorer"), str(t["task"]).strip(), int(t.get("lines", 4)),
                                     str(t["key"]).strip()) for t in s["worksheet"]),
            )
            for s in raw["sessions"]
        )
        online = raw["online"]
        return Syllabus(
            title=str(module["title"]), session_minutes=int(module["session_minutes"]),
            max_demonstration_share=float(module["max_demonstration_share"]),
            words_per_minute=int(module["reading_words_per_minute"]), class_size=int(module["class_size"]),
            groups=str(module["groups"]),
            scaling=tuple(Scaling(int(x["students"]), str(x["notes"]).strip()) for x in module["scaling"]),
            explorers=explorers, sessions=sessions, online_intro=str(online["intro"]).strip(),
            online=tuple(_block(b) for b in online["activities"]),
        )
    except (KeyError, TypeError) as err:
        raise SyllabusError(f"malformed syllabus: {err!r}") from err


def load_syllabus(path: Path | None = None) -> Syllabus:
    with open(path or syllabus_path(), encoding="utf-8") as fh:
        return parse_syllabus(yaml.safe_load(fh))


# --------------------------------------------------------------------------------------------------------------
# Reading the book's sources (chapter notebooks, instructor notes)
# --------------------------------------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|:{3,})")
_OPTION_LINE = re.compile(r"^\s*:[a-z-]+:")
_CITE = re.compile(r"\s*\{cite(?::[a-z]+)?\}`[^`]*`")
_ROLE = re.compile(r"\{(term|doc|ref|numref)\}`([^`<]*?)\s*(?:<([^>]*)>)?`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+(.*)$")


def notebook_path(name: str, folder: str = "chapters") -> Path:
    return project_root() / folder / f"{name}.ipynb"


@lru_cache(maxsize=32)
def _cells(path: Path, mtime: float) -> tuple[tuple[str, str], ...]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return tuple((c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"])
                 for c in nb["cells"])


def cells(path: Path) -> tuple[tuple[str, str], ...]:
    """(cell type, source) of every cell of a notebook."""
    return _cells(path, path.stat().st_mtime)


def chapter_title(chapter: str) -> str:
    for kind, src in cells(notebook_path(chapter)):
        if kind == "markdown":
            for line in src.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return chapter


def headings(chapter: str) -> list[str]:
    """Every heading of a chapter (any level), in order."""
    out = []
    for kind, src in cells(notebook_path(chapter)):
        if kind == "markdown":
            out += [m.group(2) for m in map(_HEADING.match, src.splitlines()) if m]
    return out


def section_markdown(chapter: str, section: str) -> str:
    """The markdown of one section of a chapter, with its subsections, up to the next heading of its level."""
    lines: list[str] = []
    level = 0
    inside = False
    found = False
    for kind, src in cells(notebook_path(chapter)):
        if kind != "markdown":
            continue
        for line in src.splitlines():
            m = _HEADING.match(line)
            if m and inside and len(m.group(1)) <= level:
                inside = False
            if m and not inside and m.group(2) == section and not found:
                inside, level, found = True, len(m.group(1)), True
                continue
            if inside:
                lines.append(line)
    if not found:
        raise SyllabusError(f"{chapter}: no section headed {section!r}")
    return "\n".join(lines)


def prose(markdown: str) -> str:
    """Markdown as the words a reader reads: no directive fences or options, roles as their text, no citations."""
    kept = []
    for line in markdown.splitlines():
        if _FENCE.match(line) or _OPTION_LINE.match(line):
            continue
        line = _CITE.sub("", line)
        line = _ROLE.sub(lambda m: m.group(2).strip() or (m.group(3) or ""), line)
        line = _LINK.sub(r"\1", line)
        kept.append(_TAG.sub(" ", line))
    return "\n".join(kept)


def word_count(markdown: str) -> int:
    return len(_WORD.findall(prose(markdown)))


def reading_words(reading: Reading) -> int:
    return sum(word_count(section_markdown(reading.chapter, s)) for s in reading.sections)


def reading_minutes(words: int, per_minute: int) -> int:
    return max(1, math.ceil(words / per_minute))


def _admonition_items(chapter: str, title: str) -> list[str]:
    """The list items of a chapter's admonition with this title (continuation lines joined)."""
    items: list[str] = []
    for kind, src in cells(notebook_path(chapter)):
        if kind != "markdown":
            continue
        lines = src.splitlines()
        for i, line in enumerate(lines):
            if not re.match(r"^\s*(`{3,}|:{3,})\{admonition\}\s+" + re.escape(title) + r"\s*$", line):
                continue
            for body in lines[i + 1:]:
                if _FENCE.match(body):
                    break
                m = _LIST_ITEM.match(body)
                if m:
                    items.append(m.group(1).strip())
                elif items and body.startswith((" ", "\t")) and body.strip():
                    items[-1] += " " + body.strip()
    return items


def objectives(chapter: str) -> list[tuple[str, str]]:
    """(id, text) of a chapter's learning objectives."""
    out = []
    for item in _admonition_items(chapter, "Learning objectives"):
        m = re.match(r"\*\*\[([a-z]{2}-\d+)\]\*\*\s*(.*)", item)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def key_points(chapter: str) -> list[str]:
    return _admonition_items(chapter, "Key points")


def exercise_labels(chapter: str) -> list[str]:
    return [m.group(1) for kind, src in cells(notebook_path(chapter)) if kind == "markdown"
            for m in re.finditer(r"^:label:\s*(ex-[a-z]{2}-\d+)\s*$", src, re.M)]


def exercise_chapter(label: str) -> str:
    """The chapter that sets an exercise."""
    for path in sorted((project_root() / "chapters").glob("*.ipynb")):
        if label in exercise_labels(path.stem):
            return path.stem
    raise SyllabusError(f"no chapter sets exercise {label}")


def explorer_sections(ref: ExplorerRef) -> tuple[str, ...] | None:
    """The headings (outermost first) under which the explorer's call sits (None if the call is not there)."""
    stack: list[tuple[int, str]] = []
    for kind, src in cells(notebook_path(ref.chapter)):
        if kind == "markdown":
            for m in map(_HEADING.match, src.splitlines()):
                if m:
                    level = len(m.group(1))
                    stack = [h for h in stack if h[0] < level] + [(level, m.group(2))]
        elif ref.call in src:
            return tuple(h[1] for h in stack)
    return None


def discussion_prompts() -> dict[int, str]:
    """The numbered discussion prompts of the instructor notes page."""
    prompts: dict[int, str] = {}
    current = 0
    for kind, src in cells(notebook_path("notes", "instructors")):
        if kind != "markdown" or "## Discussion prompts" not in src:
            continue
        for line in src.split("## Discussion prompts", 1)[1].splitlines():
            m = re.match(r"^(\d+)\.\s+(.*)$", line)
            if m:
                current = int(m.group(1))
                prompts[current] = m.group(2).strip()
            elif current and line.startswith("   ") and line.strip():
                prompts[current] += " " + line.strip()
            elif not line.strip():
                current = 0
    return prompts


def _module(*names: str) -> ModuleType:
    """The first importable of several module paths (the package layout is being reorganised)."""
    for name in names:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise ImportError(f"none of {names} can be imported")


def quiz_questions(ids: Iterable[str]) -> list[Any]:
    """The self-check questions with these ids (keys generated from the data by the quiz module)."""
    quiz = _module("cuproptosis_book.course.quiz", "cuproptosis_book.quiz")
    wanted = list(ids)
    by_id = {q.id: q for q in quiz.questions()}
    missing = [i for i in wanted if i not in by_id]
    if missing:
        raise SyllabusError(f"unknown quiz questions: {missing}")
    return [by_id[i] for i in wanted]


def figure_assets() -> dict[int, tuple[str, str]]:
    """Figure number -> (caption, attribution line) of the redrawn review figures."""
    course = _module("cuproptosis_book.course.course", "cuproptosis_book.course")
    assets = course.slide_assets()
    out: dict[int, tuple[str, str]] = {}
    for row in assets.itertuples(index=False):
        if str(row.asset).startswith("Figure "):
            out[int(str(row.asset).split()[1])] = (str(row.caption), str(row.attribution))
    return out


# --------------------------------------------------------------------------------------------------------------
# Checks (used by the tests, and by the pages before they render)
# --------------------------------------------------------------------------------------------------------------

def problems(syl: Syllabus | None = None) -> list[str]:
    """Everything wrong with the syllabus: timing, the demonstration share, dangling references."""
    syl = syl or load_syllabus()
    out: list[str] = []
    chapters = {p.stem for p in (project_root() / "chapters").glob("*.ipynb")}
    labels = {lab for c in chapters for lab in exercise_labels(c)}
    prompts = discussion_prompts()
    for ref in syl.explorers.values():
        if ref.chapter not in chapters:
            out.append(f"explorer {ref.id}: no chapter {ref.chapter}")
            continue
        where = explorer_sections(ref)
        if where is None:
            out.append(f"explorer {ref.id}: {ref.call!r} not found in {ref.chapter}")
        elif ref.section not in where:
            out.append(f"explorer {ref.id}: under {where!r}, not {ref.section!r}")
    for s in syl.sessions:
        if s.minutes != syl.session_minutes:
            out.append(f"session {s.number}: blocks add up to {s.minutes}, not {syl.session_minutes} minutes")
        if s.minutes_of("demonstration") > syl.max_demonstration_share * syl.session_minutes:
            out.append(f"session {s.number}: {s.minutes_of('demonstration')} minutes of demonstration")
        for c in s.chapters + tuple(r.chapter for r in s.reading):
            if c not in chapters:
                out.append(f"session {s.number}: no chapter {c}")
        for r in s.reading:
            if r.chapter in chapters:
                known = headings(r.chapter)
                out += [f"session {s.number}: {r.chapter} has no section {x!r}" for x in r.sections
                        if x not in known]
        used = [e for b in s.blocks for e in b.explorers] + [t.explorer for t in s.worksheet if t.explorer]
        out += [f"session {s.number}: unknown explorer {e}" for e in used if e not in syl.explorers]
        exercises = [e for b in s.blocks for e in b.exercises]
        exercises += re.findall(r"ex-[a-z]{2}-\d+", s.homework + " ".join(b.text for b in s.blocks))
        out += [f"session {s.number}: unknown exercise {e}" for e in exercises if e not in labels]
        out += [f"session {s.number}: no discussion prompt {p}" for p in s.prompts if p not in prompts]
        if not 2 <= len(s.guiding_questions) <= 3:
            out.append(f"session {s.number}: {len(s.guiding_questions)} guiding questions (2 or 3 expected)")
    return out


# --------------------------------------------------------------------------------------------------------------
# Pages (MyST Markdown)
# --------------------------------------------------------------------------------------------------------------

class Markdown:
    """Markdown shown as a cell's output (the cell's ``mystnb.markdown_format`` is ``myst``)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_markdown_(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


def _cell(text: str) -> str:
    """Text for a Markdown table cell."""
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip()


def _doc(chapter: str, prefix: str = "../chapters/") -> str:
    return f"{{doc}}`{prefix}{chapter}`"


def _times(blocks: Sequence[Block]) -> list[str]:
    out, t = [], 0
    for b in blocks:
        out.append(f"{t}–{t + b.minutes}")
        t += b.minutes
    return out


def _explorer_text(syl: Syllabus, ids: Iterable[str], prefix: str) -> str:
    parts = []
    for e in dict.fromkeys(ids):
        ref = syl.explorers[e]
        parts.append(f"{ref.title} ({_doc(ref.chapter, prefix)})")
    return "; ".join(parts)


def reading_table(session: Session, syl: Syllabus, prefix: str = "../chapters/") -> str:
    rows = ["| chapter | sections | words | reading time |", "|---|---|---:|---:|"]
    total = 0
    for r in session.reading:
        words = reading_words(r)
        total += words
        rows.append(f"| {_doc(r.chapter, prefix)} | {_cell('; '.join(r.sections))} | {words:,} | "
                    f"{reading_minutes(words, syl.words_per_minute)} min |")
    rows.append(f"| **total** | | **{total:,}** | **{reading_minutes(total, syl.words_per_minute)} min** |")
    return "\n".join(rows)


def plan_table(session: Session, syl: Syllabus, prefix: str = "../chapters/") -> str:
    rows = ["| minutes | time | kind | activity |", "|---:|---|---|---|"]
    for t, b in zip(_times(session.blocks), session.blocks):
        text = b.text
        if b.explorers:
            text += f" *Explorers:* {_explorer_text(syl, b.explorers, prefix)}."
        rows.append(f"| {b.minutes} | {t} | {KIND_LABEL[b.kind]} | {_cell(text)} |")
    return "\n".join(rows)


def _share(session: Session, syl: Syllabus) -> str:
    demo = session.minutes_of("demonstration")
    return (f"{session.minutes} minutes: demonstration {demo} ({demo / session.minutes:.0%}), students at work "
            f"{session.minutes_of('students')}, discussion {session.minutes_of('discussion')}, quiz "
            f"{session.minutes_of('quiz')}")


def overview(syl: Syllabus | None = None) -> Markdown:
    """One row per session: pre-reading, the instructor's share of the time, and the session's materials."""
    syl = syl or load_syllabus()
    rows = ["| session | pre-reading | demonstration | materials |", "|---|---:|---:|---|"]
    for s in syl.sessions:
        words = sum(reading_words(r) for r in s.reading)
        rows.append(
            f"| {s.number}. {_cell(s.title)} | {words:,} words ({reading_minutes(words, syl.words_per_minute)} min) "
            f"| {s.minutes_of('demonstration')} of {s.minutes} min | "
            f"{{doc}}`worksheet <worksheet{s.number}>` (<a href=\"worksheet{s.number}.pdf\">PDF</a>); "
            f'<a href="slides/session{s.number}.html">slides</a> (<a href="slides/session{s.number}.pdf">PDF</a>) |')
    return Markdown("\n".join(rows))


def deck_list(syl: Syllabus | None = None) -> Markdown:
    """Links to every session's slide deck (HTML and PDF) and worksheet."""
    syl = syl or load_syllabus()
    out = []
    for s in syl.sessions:
        out.append(f'- **Session {s.number}: {s.title}.** <a href="slides/session{s.number}.html">Slides</a> '
                   f'(<a href="slides/session{s.number}.pdf">PDF</a>), {{doc}}`worksheet <worksheet{s.number}>` '
                   f'(<a href="worksheet{s.number}.pdf">PDF</a>).')
    return Markdown("\n".join(out))


def class_size(syl: Syllabus | None = None) -> Markdown:
    syl = syl or load_syllabus()
    out = [f"The plans assume **{syl.class_size} students**: {syl.groups}. Every session lasts "
           f"{syl.session_minutes} minutes, and instructor demonstration takes at most a third of it; the rest "
           "is students operating explorers, solving exercises and discussing.", ""]
    for sc in syl.scaling:
        out.append(f"- **{sc.students} students.** {sc.notes}")
    return Markdown("\n".join(out))


def syllabus_sessions(syl: Syllabus | None = None) -> Markdown:
    """The sessions, each with its pre-reading, guiding questions, timed plan, homework and materials."""
    syl = syl or load_syllabus()
    out: list[str] = []
    for s in syl.sessions:
        chapters = ", ".join(_doc(c) for c in s.chapters)
        out += [f"## Session {s.number}: {s.title}", "",
                f"**Chapters:** {chapters}. **Materials:** {{doc}}`worksheet <worksheet{s.number}>` "
                f'(<a href="worksheet{s.number}.pdf">PDF</a>; key on the {{doc}}`keys page <worksheet_keys>`), '
                f'<a href="slides/session{s.number}.html">slide deck</a> '
                f'(<a href="slides/session{s.number}.pdf">PDF</a>).', "",
                "**Read before the session:**", "", reading_table(s, syl), "",
                "**Guiding questions** (students bring written answers):", ""]
        out += [f"{i}. {q}" for i, q in enumerate(s.guiding_questions, 1)]
        out += ["", f"**In class** ({_share(s, syl)}):", "", plan_table(s, syl), "",
                f"**Homework:** {s.homework}", ""]
    return Markdown("\n".join(out))


def online_variant(syl: Syllabus | None = None) -> Markdown:
    syl = syl or load_syllabus()
    total = sum(b.minutes for b in syl.online)
    rows = [syl.online_intro, "", "| minutes | kind | each week |", "|---:|---|---|"]
    rows += [f"| {b.minutes} | {KIND_LABEL[b.kind]} | {_cell(b.text)} |" for b in syl.online]
    rows.append(f"| **{total}** | | **a week's study time** |")
    return Markdown("\n".join(rows))


WORKSHEET_STYLE = """<style>
.cb-worksheet-answer { border: 1px solid #555; border-radius: 4px; margin: 0.3em 0 1.2em; break-inside: avoid;
  background-image: repeating-linear-gradient(to bottom, transparent 0, transparent 31px, #bbb 31px, #bbb 32px);
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.cb-worksheet-name { border-bottom: 1px solid #555; min-height: 2em; margin-bottom: 1em; }
.cb-worksheet-task { break-inside: avoid; margin-top: 1.5em; }
@media print {
  @page { size: A4; margin: 15mm; }
  .bd-main .bd-content .bd-article-container { max-width: 100% !important; }
  .prev-next-area, .bd-footer-article, .bd-footer, .header-article-items { display: none !important; }
}
</style>"""


def worksheet(number: int, syl: Syllabus | None = None) -> Markdown:
    """The worksheet of one session: tasks on the site's explorers with room for answers, and no answers."""
    syl = syl or load_syllabus()
    s = syl.session(number)
    out = [WORKSHEET_STYLE, "",
           f"**Session {s.number}: {s.title}.** Work in pairs on the book's website. Each task names the "
           "explorer to use and the chapter where it is; write your answers in the boxes. "
           f'(Print this page, or its <a href="worksheet{s.number}.pdf">PDF</a>.)', "",
           '<div class="cb-worksheet-name">Names:</div>', ""]
    for i, t in enumerate(s.worksheet, 1):
        if t.explorer:
            ref = syl.explorers[t.explorer]
            where = f"*Use {ref.title} in {_doc(ref.chapter)}, section “{ref.section}”.*"
        else:
            where = "*No explorer: answer from the pre-reading, before the demonstration.*"
        out += ['<div class="cb-worksheet-task">', "", f"**Task {i}.** {where}", "", t.task, "",
                f'<div class="cb-worksheet-answer" style="height: {32 * t.lines}px" '
                f'aria-label="Space for the answer to task {i}" role="note"></div>', "", "</div>", ""]
    return Markdown("\n".join(out))


def worksheet_keys(syl: Syllabus | None = None) -> Markdown:
    """The keys of every worksheet, for the instructor."""
    syl = syl or load_syllabus()
    out: list[str] = []
    for s in syl.sessions:
        out += [f"## Session {s.number}: {s.title}", "",
                f"Worksheet: {{doc}}`worksheet{s.number}`.", ""]
        for i, t in enumerate(s.worksheet, 1):
            where = f" ({syl.explorers[t.explorer].title})" if t.explorer else ""
            out += [f"**Task {i}**{where}. {_cell(t.task)}", "", f"> **Key.** {_cell(t.key)}", ""]
    return Markdown("\n".join(out))


# --------------------------------------------------------------------------------------------------------------
# Slides
# --------------------------------------------------------------------------------------------------------------

REVEAL_FILES = ("reset.css", "reveal.css", "theme/white.css", "reveal.js", "plugin/notes.js")

DECK_CSS = """
.reveal { font-size: 30px; }
.reveal h1 { font-size: 1.9em; } .reveal h2 { font-size: 1.35em; }
.reveal ul, .reveal ol { display: block; margin-left: 1.2em; }
.reveal li { font-size: 0.82em; margin: 0.25em 0; line-height: 1.3; }
.reveal p { font-size: 0.85em; line-height: 1.35; }
.reveal table { font-size: 0.58em; } .reveal table th, .reveal table td { padding: 0.2em 0.5em; }
.reveal .small, .reveal .attribution { font-size: 0.5em; color: #444; }
.reveal figure { margin: 0; } .reveal figure img { max-height: 560px; max-width: 100%; margin: 0.1em auto; }
.reveal .kind { display: inline-block; padding: 0.05em 0.5em; border-radius: 0.3em; font-size: 0.7em;
  color: #000; background: #E69F00; } .reveal .kind.students { background: #56B4E9; }
.reveal .kind.discussion { background: #009E73; color: #fff; } .reveal .kind.quiz { background: #F0E442; }
.reveal .options li { list-style: upper-alpha; }
.reveal a { color: #0072B2; }
"""


def plain(text: str, *, link_prefix: str = "../../") -> str:
    """MyST text as slide HTML: roles as text (a chapter's {doc} as a link to its page), emphasis kept."""
    def role(m: re.Match[str]) -> str:
        name, label, target = m.group(1), m.group(2).strip(), (m.group(3) or "").strip()
        target = target or label
        if name == "doc":
            page = target
            if page.startswith("../"):
                page = page[3:]
            elif not page.startswith("chapters/"):
                page = "instructors/" + page
            shown = label if m.group(3) else (chapter_title(page.split("/")[-1]) if page.startswith("chapters/")
                                              else page.split("/")[-1].replace("_", " "))
            return f'\x00a href="{link_prefix}{page}.html"\x01{shown}\x00/a\x01'
        return label

    text = _CITE.sub("", text)
    text = _ROLE.sub(role, text)
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", text)
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    return text.replace("\x00", "<").replace("\x01", ">")


def _slide(title: str, body: str, notes: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return (f"<section{c}>\n<h2>{html.escape(title)}</h2>\n{body}\n"
            f'<aside class="notes">{notes}</aside>\n</section>')


def _ul(items: Iterable[str], cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<ul{c}>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def deck_slides(number: int, syl: Syllabus | None = None) -> list[str]:
    """The slides (``<section>`` elements, each with speaker notes) of one session's deck."""
    syl = syl or load_syllabus()
    s = syl.session(number)
    slides: list[str] = []
    times = _times(s.blocks)
    chapters = [f'<a href="../../chapters/{c}.html">{html.escape(chapter_title(c))}</a>' for c in s.chapters]
    slides.append(
        f'<section>\n<h1>Session {s.number}</h1>\n<h2>{html.escape(s.title)}</h2>\n'
        f'<p>{html.escape(syl.title)}</p>\n<p class="small">Chapters: {", ".join(chapters)} · '
        f"{s.minutes} minutes</p>\n"
        f'<aside class="notes">Plan for today: {_share(s, syl)}. '
        + " ".join(f"{t}: {KIND_LABEL[b.kind]}." for t, b in zip(times, s.blocks))
        + f' Worksheet: instructors/worksheet{s.number}.</aside>\n</section>')
    reading = [f"{html.escape(chapter_title(r.chapter))}: {html.escape('; '.join(r.sections))}" for r in s.reading]
    words = sum(reading_words(r) for r in s.reading)
    slides.append(_slide(
        "Before today: guiding questions",
        _ul(plain(q) for q in s.guiding_questions) + f'<p class="small">Pre-reading: {"; ".join(reading)} '
        f"({words:,} words, about {reading_minutes(words, syl.words_per_minute)} minutes).</p>",
        "Students were asked to bring written answers. " + plain(s.blocks[0].text)))
    def what(b: Block) -> str:
        parts = [html.escape(syl.explorers[e].title) for e in dict.fromkeys(b.explorers)] + list(b.exercises)
        return "; ".join(parts) if parts else plain(b.text.split(". ")[0].rstrip(".")) + ""

    slides.append(_slide(
        "Today",
        "<table><thead><tr><th>minutes</th><th>kind</th><th>with</th></tr></thead><tbody>"
        + "".join(f'<tr><td>{t}</td><td><span class="kind {b.kind}">{KIND_LABEL[b.kind]}</span></td>'
                  f"<td>{what(b)}</td></tr>" for t, b in zip(times, s.blocks)) + "</tbody></table>",
        f"{_share(s, syl)}. Keep demonstrations within their minutes: students drive the explorers."))
    for c in s.chapters:
        obj = objectives(c)
        slides.append(_slide(
            f"Objectives: {chapter_title(c)}",
            _ul(f"<strong>{i}</strong> {plain(t)}" for i, t in obj),
            "From the chapter's learning objectives. Exercises used today: "
            + (", ".join(e for b in s.blocks for e in b.exercises if e.startswith(f"ex-{obj[0][0][:2]}"))
               if obj else "")
            + ". The objectives page of the instructors' part shows what checks each objective."))
    assets = figure_assets() if s.figures else {}
    for n in s.figures:
        caption, attribution = assets[n]
        slides.append(_slide(
            f"Figure {n}",
            f'<figure><img src="figures/figure{n}.svg" alt="{html.escape(caption)}">'
            f'<figcaption class="attribution">{html.escape(attribution)}</figcaption></figure>',
            html.escape(caption) + " Explore it in the chapter: each node's panel cites the review's references."))
    for t, b in zip(times, s.blocks):
        if b.kind == "quiz":
            continue
        body = ""
        if b.explorers:
            body += _ul(plain(f"{syl.explorers[e].title} in {{doc}}`../chapters/{syl.explorers[e].chapter}`")
                        for e in dict.fromkeys(b.explorers))
        if b.exercises:
            links = ", ".join(f'<a href="../../chapters/{exercise_chapter(e)}.html#{e}">{e}</a>' for e in b.exercises)
            body += f'<p>Exercise{"s" if len(b.exercises) > 1 else ""}: {links}</p>'
        if b.kind != "demonstration" or not body:
            body = f"<p>{plain(b.text)}</p>" + body
        title = {"demonstration": "Demonstration", "students": "Your turn",
                 "discussion": "Discussion"}[b.kind]
        slides.append(_slide(f"{title} ({b.minutes} min)", body,
                             f"{t} min, {KIND_LABEL[b.kind]}. {plain(b.text)}"))
    prompts = discussion_prompts()
    for p in s.prompts:
        slides.append(_slide("Discuss", f"<p>{plain(prompts[p])}</p>",
                             f"Discussion prompt {p} of the instructor notes. Think alone for a minute, then "
                             "pairs, then collect two or three answers."))
    for c in s.chapters:
        slides.append(_slide(f"Key points: {chapter_title(c)}", _ul(plain(k) for k in key_points(c)),
                             "The chapter's key points, as printed at its end."))
    for q in quiz_questions(s.quiz):
        if q.kind == "choice":
            body = f"<p>{plain(q.prompt)}</p>" + _ul((plain(o.label) for o in q.options), "options")
            answer = next(o.label for o in q.options if o.correct)
            notes = f"Quiz question {q.id}. Answer: {plain(answer)}. {plain(q.explanation)}"
        else:
            body = f"<p>{plain(q.prompt)}</p><p class=\"small\">Write a short answer.</p>"
            notes = f"Quiz question {q.id}. Model answer: {plain(q.answer)}"
        slides.append(_slide(f"Quick check: {q.id}", body, notes))
    nxt = [x for x in syl.sessions if x.number == s.number + 1]
    after = ""
    if nxt:
        after = "<p>Next: " + html.escape(nxt[0].title) + ". Read " + "; ".join(
            f"{html.escape(chapter_title(r.chapter))} ({html.escape(', '.join(r.sections))})"
            for r in nxt[0].reading) + ".</p>"
    slides.append(_slide("Before next time", f"<p>{plain(s.homework)}</p>{after}",
                         "Homework as on the syllabus page; the exercises have folded solutions in the chapters."))
    return slides


def deck_html(number: int, syl: Syllabus | None = None, reveal: str = "reveal") -> str:
    """A self-contained reveal.js deck; the library is loaded from ``reveal`` (a relative path)."""
    syl = syl or load_syllabus()
    s = syl.session(number)
    body = "\n".join(deck_slides(number, syl))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Session {s.number}: {html.escape(s.title)}</title>
<link rel="stylesheet" href="{reveal}/reset.css">
<link rel="stylesheet" href="{reveal}/reveal.css">
<link rel="stylesheet" href="{reveal}/theme/white.css">
<style>{DECK_CSS}</style>
</head>
<body>
<div class="reveal"><div class="slides">
{body}
</div></div>
<script src="{reveal}/reveal.js"></script>
<script src="{reveal}/plugin/notes.js"></script>
<script>
Reveal.initialize({{ hash: true, slideNumber: "c/t", width: 1280, height: 720, margin: 0.05,
  transition: "none", plugins: [RevealNotes] }});
</script>
</body>
</html>
"""


def build_decks(out: Path, reveal_dist: Path, syl: Syllabus | None = None) -> list[Path]:
    """Write every deck to ``out`` with reveal.js (from the npm package's ``dist``) and the figures beside it."""
    syl = syl or load_syllabus()
    missing = [f for f in REVEAL_FILES if not (reveal_dist / f).is_file()]
    if missing:
        raise FileNotFoundError(f"reveal.js files missing under {reveal_dist}: {missing} (run npm ci)")
    out.mkdir(parents=True, exist_ok=True)
    for f in REVEAL_FILES:
        (out / "reveal" / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(reveal_dist / f, out / "reveal" / f)
    licence = reveal_dist.parent / "LICENSE"
    if licence.is_file():
        shutil.copyfile(licence, out / "reveal" / "LICENSE")
    (out / "figures").mkdir(exist_ok=True)
    for n in sorted({n for s in syl.sessions for n in s.figures}):
        shutil.copyfile(project_root() / "figures" / f"figure{n}.svg", out / "figures" / f"figure{n}.svg")
    written = []
    for s in syl.sessions:
        path = out / f"session{s.number}.html"
        path.write_text(deck_html(s.number, syl), encoding="utf-8")
        written.append(path)
    return written


def find_chromium() -> str | None:
    for candidate in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(candidate)
        if found:
            return found
    return None


def pdf_pages(pdf: Path) -> int:
    """The page count a PDF declares (its page tree's largest /Count)."""
    counts = [int(c) for c in re.findall(rb"/Count\s+(\d+)", pdf.read_bytes())]
    return max(counts, default=0)


def print_pdf(page: Path, pdf: Path, *, query: str = "", pages: int | None = None,
              chromium: str | None = None, attempts: int = 3) -> Path:
    """Print a local HTML page to PDF with headless Chromium (no network: the page is opened from disk).

    Chromium prints when its virtual time budget runs out; if the page has not laid out by then the PDF is
    short, so with ``pages`` given the print is retried until the PDF has that many pages.
    """
    chromium = chromium or find_chromium()
    if chromium is None:
        raise RuntimeError("Chromium not found: install Debian's chromium (apt-get install -y chromium)")
    url = page.resolve().as_uri() + query
    for attempt in range(attempts):
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--disable-background-networking", "--run-all-compositor-stages-before-draw",
                        f"--virtual-time-budget={30000 * (attempt + 1)}", f"--print-to-pdf={pdf}", url],
                       check=True, capture_output=True, timeout=300)
        if pdf.is_file() and pdf_pages(pdf) > 0 and (pages is None or pdf_pages(pdf) == pages):
            return pdf
    raise RuntimeError(f"Chromium printed {pdf_pages(pdf) if pdf.is_file() else 0} pages for {page}, "
                       f"expected {pages or 'some'}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cuproptosis_book.session_kit")
    sub = parser.add_subparsers(dest="command", required=True)
    slides = sub.add_parser("slides", help="write the slide decks (and their PDFs)")
    slides.add_argument("--out", type=Path, default=Path("_build/html/instructors/slides"))
    slides.add_argument("--reveal", type=Path, default=Path("node_modules/reveal.js/dist"))
    slides.add_argument("--pdf", action="store_true", help="also print each deck to PDF with Chromium")
    slides.add_argument("--worksheets", type=Path, default=None,
                        help="folder of the built worksheet pages to print to PDF beside them")
    sub.add_parser("check", help="list problems of the syllabus data")
    args = parser.parse_args(argv)
    if args.command == "check":
        found = problems()
        print("\n".join(found) or "syllabus OK")
        return 1 if found else 0
    problems_found = problems()
    if problems_found:
        print("\n".join(problems_found), file=sys.stderr)
        return 1
    for deck in build_decks(args.out, args.reveal):
        print(deck)
        if args.pdf:
            n = len(re.findall(r"<section\b", deck.read_text(encoding="utf-8")))
            print(print_pdf(deck, deck.with_suffix(".pdf"), query="?print-pdf", pages=n))
    if args.worksheets is not None:
        for page in sorted(args.worksheets.glob("worksheet[0-9]*.html")):
            print(print_pdf(page, page.with_suffix(".pdf")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
