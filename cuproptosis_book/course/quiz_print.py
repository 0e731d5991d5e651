"""Quizzes on paper: answer sheets with lettered options and answer spaces, and their keys, as HTML.

Design (why): a room without devices, or an exit ticket collected at the door, needs a sheet a student writes on:
each question numbered, its options lettered A, B, … in the book's display order (the balanced order of
:mod:`.option_order`, the same as on the site and in the LMS packages), a box for the letter, ruled lines for a
short answer; and, apart from it, a key for the instructor that gives the letter and why. The HTML is
self-contained (its own print stylesheet); :mod:`cuproptosis_book.site.answer_sheets` writes the pages and
prints them to PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cuproptosis_book.course.quiz_model import Question
from cuproptosis_book.text import esc, format_refs

LETTERS = "ABCDEFGHIJ"

SHEET_CSS = """
@page { size: A4; margin: 14mm 16mm; }
body { font: 11pt/1.35 "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0 auto; max-width: 46em; padding: 1em; }
h1 { font-size: 15pt; margin: 0 0 .2em; } .sub { color: #444; margin: 0 0 .6em; font-size: 9.5pt; }
.names { display: flex; gap: 1.5em; margin: .4em 0 .8em; }
.names span { flex: 1; border-bottom: 1px solid #333; padding-bottom: .1em; }
.q { break-inside: avoid; margin: 0 0 .9em; }
.q p { margin: .1em 0 .25em; } .q ol { margin: .1em 0 .2em 1.8em; padding: 0; } .q li { margin: .08em 0; }
.answer { display: inline-block; border: 1.5px solid #333; width: 2.2em; height: 1.6em; vertical-align: middle;
  margin-left: .4em; }
.lines { border: 1px solid #555; border-radius: 3px; margin: .2em 0 0; -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
  background-image: repeating-linear-gradient(to bottom, transparent 0, transparent 27px, #bbb 27px, #bbb 28px); }
.meta { color: #555; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; } th, td { border: 1px solid #999;
  padding: .25em .4em; vertical-align: top; text-align: left; }
.credit { color: #555; font-size: 8pt; margin-top: 1em; }
@media print { .noprint { display: none; } body { padding: 0; } }
"""

CREDIT = (
    "Questions from the executable book on Yao L, Jiang B, Xu D. Strategies to combat cancer drug resistance: "
    "focus on copper metabolism and cuproptosis. Cancer Drug Resist. 2025;8:15 (CC BY 4.0)."
)


@dataclass(frozen=True)
class Sheet:
    """A printable set of questions: title, a line under it, and the questions in order."""

    title: str
    subtitle: str
    questions: tuple[Question, ...]


def letter_of_key(q: Question) -> str:
    """The letter of the correct option, as printed (choice questions)."""
    return next(LETTERS[i] for i, o in enumerate(q.options) if o.correct)


def _page(title: str, body: str, links: str = "") -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{SHEET_CSS}</style>\n</head>\n<body>\n"
        + (f'<p class="noprint">{links}</p>\n' if links else "")
        + body
        + f'\n<p class="credit">{esc(CREDIT)}</p>\n</body>\n</html>\n'
    )


def _question_block(n: int, q: Question) -> str:
    if q.kind == "choice":
        options = "".join(f"<li>{esc(o.label)}</li>" for o in q.options)
        return (
            f'<div class="q"><p><strong>{n}.</strong> {esc(q.prompt)} '
            f'<span class="meta">Answer:</span><span class="answer" role="img" aria-label="Box for the letter of question {n}">'
            f'</span></p><ol type="A">{options}</ol></div>'
        )
    return (
        f'<div class="q"><p><strong>{n}.</strong> {esc(q.prompt)}</p>'
        f'<div class="lines" style="height: {28 * 4}px" role="img" aria-label="Space for the answer to question {n}"></div></div>'
    )


def answer_sheet_html(sheet: Sheet, links: str = "") -> str:
    """The students' answer sheet: names, numbered questions, lettered options, a box or lines for each answer."""
    body = (
        f'<h1>{esc(sheet.title)}</h1>\n<p class="sub">{esc(sheet.subtitle)} Write the letter of your answer in '
        "the box; for a question without options, write two or three sentences on the lines.</p>\n"
        '<div class="names"><span>Name:</span><span>Date:</span></div>\n'
        + "\n".join(_question_block(n, q) for n, q in enumerate(sheet.questions, 1))
    )
    return _page(sheet.title, body, links)


def key_html(sheet: Sheet, links: str = "") -> str:
    """The instructor's key to an answer sheet: the letter and text of each answer, and why."""
    rows = []
    for n, q in enumerate(sheet.questions, 1):
        if q.kind == "choice":
            answer = f"<strong>{letter_of_key(q)}</strong>. {esc(q.correct_label)}"
        else:
            answer = f"<em>Model answer.</em> {esc(q.answer)}"
        why = esc(q.explanation) + (f" (refs {esc(format_refs(q.refs))})" if q.refs else "")
        rows.append(f"<tr><td>{n}</td><td>{esc(q.id)}</td><td>{answer}</td><td>{why}</td></tr>")
    body = (
        f'<h1>Key: {esc(sheet.title)}</h1>\n<p class="sub">For instructors; do not hand out. {esc(sheet.subtitle)}'
        "</p>\n<table><thead><tr><th>no.</th><th>question</th><th>answer</th><th>why</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    return _page(f"Key: {sheet.title}", body, links)


def sheet_of(title: str, subtitle: str, questions: Sequence[Question]) -> Sheet:
    return Sheet(title, subtitle, tuple(questions))
