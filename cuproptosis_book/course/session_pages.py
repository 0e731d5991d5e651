"""The instructors' pages of the session kit as MyST Markdown: the session plans, one worksheet per session and
the page of worksheet keys, generated from ``data/course/syllabus.yml`` (:mod:`.syllabus`).

A page shows the Markdown these functions return as the output of a cell whose input is hidden; the output is
parsed as MyST, so the ``{doc}`` and ``{ref}`` roles in it are checked by the build. Links to the decks and PDFs
(``slides/session<n>.html|pdf``, ``worksheet<n>.pdf``) point at files ``make slides`` writes beside the pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from cuproptosis_book.course.session_sources import reading_words
from cuproptosis_book.course.syllabus import KIND_LABEL, Block, Session, Syllabus, load_syllabus
from cuproptosis_book.myst import reading_minutes


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


def block_times(blocks: Sequence[Block]) -> list[str]:
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
        rows.append(
            f"| {_doc(r.chapter, prefix)} | {_cell('; '.join(r.sections))} | {words:,} | "
            f"{reading_minutes(words, syl.words_per_minute)} min |"
        )
    rows.append(f"| **total** | | **{total:,}** | **{reading_minutes(total, syl.words_per_minute)} min** |")
    return "\n".join(rows)


def plan_table(session: Session, syl: Syllabus, prefix: str = "../chapters/") -> str:
    rows = ["| minutes | time | kind | activity |", "|---:|---|---|---|"]
    for t, b in zip(block_times(session.blocks), session.blocks, strict=True):
        text = b.text
        if b.explorers:
            text += f" *Explorers:* {_explorer_text(syl, b.explorers, prefix)}."
        rows.append(f"| {b.minutes} | {t} | {KIND_LABEL[b.kind]} | {_cell(text)} |")
    return "\n".join(rows)


def share(session: Session) -> str:
    demo = session.minutes_of("demonstration")
    extra = "".join(f", {KIND_LABEL[k]} {session.minutes_of(k)}" for k in ("setup", "slack") if session.minutes_of(k))
    return (
        f"{session.minutes} minutes: demonstration {demo} ({demo / session.minutes:.0%}), students at work "
        f"{session.minutes_of('students')}, discussion {session.minutes_of('discussion')}, quiz "
        f"{session.minutes_of('quiz')}{extra}"
    )


def overview(syl: Syllabus | None = None) -> Markdown:
    """One row per session: pre-reading, the instructor's share of the time, and the session's materials."""
    syl = syl or load_syllabus()
    rows = ["| session | pre-reading | demonstration | materials |", "|---|---:|---:|---|"]
    for s in syl.sessions:
        words = sum(reading_words(r) for r in s.reading)
        rows.append(
            f"| {s.number}. {_cell(s.title)} | {words:,} words ({reading_minutes(words, syl.words_per_minute)} min) "
            f"| {s.minutes_of('demonstration')} of {s.minutes} min | "
            f'{{doc}}`worksheet <worksheet{s.number}>` (<a href="worksheet{s.number}.pdf">PDF</a>); '
            f'<a href="slides/session{s.number}.html">slides</a> (<a href="slides/session{s.number}.pdf">PDF</a>) |'
        )
    return Markdown("\n".join(rows))


def deck_list(syl: Syllabus | None = None) -> Markdown:
    """Links to every session's slide deck (HTML and PDF) and worksheet."""
    syl = syl or load_syllabus()
    out = []
    for s in syl.sessions:
        out.append(
            f'- **Session {s.number}: {s.title}.** <a href="slides/session{s.number}.html">Slides</a> '
            f'(<a href="slides/session{s.number}.pdf">PDF</a>), {{doc}}`worksheet <worksheet{s.number}>` '
            f'(<a href="worksheet{s.number}.pdf">PDF</a>).'
        )
    return Markdown("\n".join(out))


def class_size(syl: Syllabus | None = None) -> Markdown:
    syl = syl or load_syllabus()
    out = [
        (
            f"The plans assume **{syl.class_size} students**: {syl.groups}. Every session lasts "
            f"{syl.session_minutes} minutes, and instructor demonstration takes at most a third of it; the rest "
            "is students operating explorers, solving exercises and discussing."
        ),
        "",
    ]
    for sc in syl.scaling:
        out.append(f"- **{sc.students} students.** {sc.notes}")
    return Markdown("\n".join(out))


def syllabus_sessions(syl: Syllabus | None = None) -> Markdown:
    """The sessions, each with its pre-reading, guiding questions, timed plan, homework and materials."""
    syl = syl or load_syllabus()
    out: list[str] = []
    for s in syl.sessions:
        chapters = ", ".join(_doc(c) for c in s.chapters)
        out += [
            f"## Session {s.number}: {s.title}",
            "",
            (
                f"**Chapters:** {chapters}. **Materials:** {{doc}}`worksheet <worksheet{s.number}>` "
                f'(<a href="worksheet{s.number}.pdf">PDF</a>; key on the {{doc}}`keys page <worksheet_keys>`), '
                f'<a href="slides/session{s.number}.html">slide deck</a> '
                f'(<a href="slides/session{s.number}.pdf">PDF</a>).'
            ),
            "",
            "**Read before the session:**",
            "",
            reading_table(s, syl),
            "",
            "**Guiding questions** (students bring written answers):",
            "",
        ]
        out += [f"{i}. {q}" for i, q in enumerate(s.guiding_questions, 1)]
        out += ["", f"**In class** ({share(s)}):", "", plan_table(s, syl), ""]
        out += [ticket_links(s), "", f"**Homework:** {s.homework}", ""]
        out += ["**Before the session** (checklist):", ""] + [f"- [ ] {_cell(p)}" for p in s.preparation] + [""]
    return Markdown("\n".join(out))


def ticket_links(session: Session) -> str:
    """The warm-up and exit ticket of a session: the students' page, the answer sheet and the key."""
    parts = []
    for stem, name, items in (
        (f"session{session.number}-warm-up", "Warm-up", session.warm_up),
        (f"session{session.number}-exit-ticket", "Exit ticket", session.exit_ticket),
    ):
        if items:
            parts.append(
                f"**{name}** ({len(items)} questions: {', '.join(items)}): "
                f'<a href="../tickets/{stem}.html">students\' page</a>, answer sheet '
                f'(<a href="../tickets/{stem}-sheet.pdf">PDF</a>), '
                f'<a href="keys/{stem}-key.pdf">key</a>; for an LMS, see the {{ref}}`downloads <lms-export>`.'
            )
    return "\n\n".join(parts)


def delivery_notes(syl: Syllabus | None = None) -> Markdown:
    """Notes for teaching the sessions live online and in a hybrid room."""
    syl = syl or load_syllabus()
    out = ["**Live online** (a video call):", ""] + [f"- {_cell(n)}" for n in syl.live_online]
    out += ["", "**Hybrid** (some students in the room, some remote):", ""] + [f"- {_cell(n)}" for n in syl.hybrid]
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
  padding: 4px 8px; line-height: 32px; box-sizing: border-box;
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
    out = [
        WORKSHEET_STYLE,
        "",
        (
            f"**Session {s.number}: {s.title}.** Work in pairs on the book's website. Each task names the "
            "explorer to use and the chapter where it is; write your answers in the boxes (on paper, or type "
            f'in them on this page and print it). (Print this page, or its <a href="worksheet{s.number}.pdf">PDF</a>.)'
        ),
        "",
        '<div class="cb-worksheet-name" contenteditable="true" role="textbox" aria-label="Names">Names: </div>',
        "",
    ]
    for i, t in enumerate(s.worksheet, 1):
        if t.explorer:
            ref = syl.explorers[t.explorer]
            where = f"*Use {ref.title} in {_doc(ref.chapter)}, section “{ref.section}”.*"
        else:
            where = "*No explorer: answer from the pre-reading, before the demonstration.*"
        out += [
            '<div class="cb-worksheet-task">',
            "",
            f"**Task {i}.** {where}",
            "",
            t.task,
            "",
            (
                f'<div class="cb-worksheet-answer" style="min-height: {32 * t.lines}px" contenteditable="true" '
                f'role="textbox" aria-multiline="true" aria-label="Answer to task {i}"></div>'
            ),
            "",
            "</div>",
            "",
        ]
    return Markdown("\n".join(out))


def worksheet_keys(syl: Syllabus | None = None) -> Markdown:
    """The keys of every worksheet, for the instructor."""
    syl = syl or load_syllabus()
    out: list[str] = []
    for s in syl.sessions:
        out += [f"## Session {s.number}: {s.title}", "", f"Worksheet: {{doc}}`worksheet{s.number}`.", ""]
        for i, t in enumerate(s.worksheet, 1):
            where = f" ({syl.explorers[t.explorer].title})" if t.explorer else ""
            out += [f"**Task {i}**{where}. {_cell(t.task)}", "", f"> **Key.** {_cell(t.key)}", ""]
    return Markdown("\n".join(out))


# --------------------------------------------------------------------------------------------------------------
# Slides
# --------------------------------------------------------------------------------------------------------------
