"""What the session kit reads from the book, and the checks of the syllabus against it.

Everything read from a notebook comes from its model (:mod:`cuproptosis_book.chapter_source`). Word counts and
reading times follow :func:`cuproptosis_book.myst.word_count` (a section includes its subsections; directive
fences, options and citations are not words a reader reads); objectives and key points come from the
chapters' admonitions, exercises from their labels, discussion prompts from the instructor notes, quiz questions
from :mod:`.quiz` and figure captions from :mod:`.slide_assets`. :func:`problems` lists every way the syllabus
(:mod:`.syllabus`) and the book disagree: timing, the demonstration share, dangling references.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cuproptosis_book.chapter_source import chapter_source
from cuproptosis_book.course.logistics import logistics_problems
from cuproptosis_book.course.quiz import questions
from cuproptosis_book.course.slide_assets import slide_assets
from cuproptosis_book.course.syllabus import ExplorerRef, Reading, Syllabus, SyllabusError, load_syllabus
from cuproptosis_book.myst import list_items, word_count
from cuproptosis_book.paths import book_root, chapters_dir


def notebook_path(name: str, folder: str = "chapters") -> Path:
    return book_root() / folder / f"{name}.ipynb"


def headings(chapter: str) -> list[str]:
    """Every heading of a chapter (any level), in order, as written."""
    return [h.text for h in chapter_source(notebook_path(chapter)).headings]


def section_markdown(chapter: str, section: str) -> str:
    """The markdown of one section of a chapter, with its subsections, up to the next heading of its level."""
    try:
        return chapter_source(notebook_path(chapter)).section(section).markdown
    except KeyError:
        msg = f"{chapter}: no section headed {section!r}"
        raise SyllabusError(msg) from None


def reading_words(reading: Reading) -> int:
    return sum(word_count(section_markdown(reading.chapter, s)) for s in reading.sections)


def objectives(chapter: str) -> list[tuple[str, str]]:
    """(id, text as MyST) of a chapter's learning objectives."""
    return [(o.id, o.markdown) for o in chapter_source(notebook_path(chapter)).objectives]


def key_points(chapter: str) -> list[str]:
    return list(chapter_source(notebook_path(chapter)).key_points)


def exercise_labels(chapter: str) -> list[str]:
    return [e.label for e in chapter_source(notebook_path(chapter)).exercises]


def exercise_chapter(label: str) -> str:
    """The chapter that sets an exercise."""
    for path in sorted((chapters_dir()).glob("*.ipynb")):
        if label in exercise_labels(path.stem):
            return path.stem
    msg = f"no chapter sets exercise {label}"
    raise SyllabusError(msg)


def explorer_sections(ref: ExplorerRef) -> tuple[str, ...] | None:
    """The headings (outermost first) under which the explorer's call sits (None if the call is not there)."""
    source = chapter_source(notebook_path(ref.chapter))
    for i, cell in enumerate(source.cells):
        if cell.kind == "code" and ref.call in cell.source:
            return tuple(h.text for h in source.headings_at(i))
    return None


def discussion_prompts() -> dict[int, str]:
    """The numbered discussion prompts of the instructor notes page."""
    try:
        section = chapter_source(notebook_path("notes", "instructors")).section("Discussion prompts")
    except KeyError:
        return {}
    return {number: text for number, text in list_items(section.markdown) if number is not None}


def quiz_questions(ids: Iterable[str]) -> list[Any]:
    """The self-check questions with these ids (keys generated from the data by the quiz module)."""
    wanted = list(ids)
    by_id = {q.id: q for q in questions()}
    missing = [i for i in wanted if i not in by_id]
    if missing:
        msg = f"unknown quiz questions: {missing}"
        raise SyllabusError(msg)
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
