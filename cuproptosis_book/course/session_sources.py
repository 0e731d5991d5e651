"""What the session kit reads from the book, and the checks of the syllabus against it.

Word counts and reading times are computed from the chapter notebooks (a section includes its subsections;
directive fences, options and citations are not words a reader reads); objectives and key points come from the
chapters' admonitions, exercises from their labels, discussion prompts from the instructor notes, quiz questions
from :mod:`.quiz` and figure captions from :mod:`.slide_assets`. :func:`problems` lists every way the syllabus
(:mod:`.syllabus`) and the book disagree: timing, the demonstration share, dangling references.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from cuproptosis_book.course.logistics import logistics_problems
from cuproptosis_book.course.quiz import questions
from cuproptosis_book.course.slide_assets import slide_assets
from cuproptosis_book.course.syllabus import ExplorerRef, Reading, Syllabus, SyllabusError, load_syllabus
from cuproptosis_book.paths import book_root, chapters_dir

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|:{3,})")
_OPTION_LINE = re.compile(r"^\s*:[a-z-]+:")
CITE = re.compile(r"\s*\{cite(?::[a-z]+)?\}`[^`]*`")
ROLE = re.compile(r"\{(term|doc|ref|numref)\}`([^`<]*?)\s*(?:<([^>]*)>)?`")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+(.*)$")


def notebook_path(name: str, folder: str = "chapters") -> Path:
    return book_root() / folder / f"{name}.ipynb"


@lru_cache(maxsize=32)
def _cells(path: Path, mtime: float) -> tuple[tuple[str, str], ...]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        (c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"]) for c in nb["cells"]
    )


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
        line = CITE.sub("", line)
        line = ROLE.sub(lambda m: m.group(2).strip() or (m.group(3) or ""), line)
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
            for body in lines[i + 1 :]:
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
    return [
        m.group(1)
        for kind, src in cells(notebook_path(chapter))
        if kind == "markdown"
        for m in re.finditer(r"^:label:\s*(ex-[a-z]{2}-\d+)\s*$", src, re.MULTILINE)
    ]


def exercise_chapter(label: str) -> str:
    """The chapter that sets an exercise."""
    for path in sorted((chapters_dir()).glob("*.ipynb")):
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


def quiz_questions(ids: Iterable[str]) -> list[Any]:
    """The self-check questions with these ids (keys generated from the data by the quiz module)."""
    wanted = list(ids)
    by_id = {q.id: q for q in questions()}
    missing = [i for i in wanted if i not in by_id]
    if missing:
        raise SyllabusError(f"unknown quiz questions: {missing}")
    return [by_id[i] for i in wanted]


def figure_assets() -> dict[int, tuple[str, str]]:
    """Figure number -> (caption, attribution line) of the redrawn review figures."""
    assets = slide_assets()
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
    chapters = {p.stem for p in (chapters_dir()).glob("*.ipynb")}
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
                out += [f"session {s.number}: {r.chapter} has no section {x!r}" for x in r.sections if x not in known]
        used = [e for b in s.blocks for e in b.explorers] + [t.explorer for t in s.worksheet if t.explorer]
        out += [f"session {s.number}: unknown explorer {e}" for e in used if e not in syl.explorers]
        exercises = [e for b in s.blocks for e in b.exercises]
        exercises += re.findall(r"ex-[a-z]{2}-\d+", s.homework + " ".join(b.text for b in s.blocks))
        out += [f"session {s.number}: unknown exercise {e}" for e in exercises if e not in labels]
        out += [f"session {s.number}: no discussion prompt {p}" for p in s.prompts if p not in prompts]
        if not 2 <= len(s.guiding_questions) <= 3:
            out.append(f"session {s.number}: {len(s.guiding_questions)} guiding questions (2 or 3 expected)")
    return out + logistics_problems(syl)


# --------------------------------------------------------------------------------------------------------------
# Pages (MyST Markdown)
