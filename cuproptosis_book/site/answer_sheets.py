"""Warm-ups, exit tickets and the printable quiz as pages of the built site, with answer sheets and keys as PDF.

For each session's warm-up and exit ticket (``data/course/syllabus.yml``) and for the whole question bank:

- ``tickets/<stem>.html``: a short page with the questions to answer on a phone (the site's kernel-free quiz
  explorers, with feedback), linking its answer sheet;
- ``tickets/<stem>-sheet.html`` (and ``.pdf``): the answer sheet to print, lettered options and answer spaces;
- ``instructors/keys/<stem>-key.html`` (and ``.pdf``): the key, for the instructor only.

The pages are written when the book is built (:func:`write_pages`, from the Sphinx extension's build-finished
hook); the PDFs by ``make slides`` (``python -m cuproptosis_book.site.answer_sheets pdf _build/html``).
"""

from __future__ import annotations

import argparse
import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cuproptosis_book.course.quiz import questions
from cuproptosis_book.course.quiz_model import Quiz
from cuproptosis_book.course.quiz_print import SHEET_CSS, Sheet, answer_sheet_html, key_html
from cuproptosis_book.course.syllabus import Syllabus, load_syllabus

#: Folders of the built site (relative to its root) for the students' pages and the instructor's keys.
TICKETS = "tickets"
KEYS = "instructors/keys"


@dataclass(frozen=True)
class Ticket:
    stem: str
    sheet: Sheet
    when: str  # one line: when and how it is used


def tickets(syl: Syllabus | None = None) -> list[Ticket]:
    """Every warm-up and exit ticket of the module, then the whole question bank as one printable quiz."""
    syl = syl or load_syllabus()
    bank = {q.id: q for q in questions()}
    out = []
    for s in syl.sessions:
        if s.warm_up:
            out.append(
                Ticket(
                    f"session{s.number}-warm-up",
                    Sheet(f"Session {s.number} warm-up", f"{s.title}.", tuple(bank[i] for i in s.warm_up)),
                    "at the start of the session, on the pre-reading",
                )
            )
        out.append(
            Ticket(
                f"session{s.number}-exit-ticket",
                Sheet(f"Session {s.number} exit ticket", f"{s.title}.", tuple(bank[i] for i in s.exit_ticket)),
                "in the last minutes of the session, answered alone",
            )
        )
    out.append(
        Ticket(
            "quiz",
            Sheet(
                f"{syl.title}: quiz", "Every self-check question of the book, chapter by chapter.", tuple(bank.values())
            ),
            "as a test on paper, or for revision",
        )
    )
    return out


def ticket_page(t: Ticket) -> str:
    """The short page of one ticket: its questions, answerable on the page, and a link to the answer sheet."""
    quiz = Quiz(list(t.sheet.questions)).html()
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(t.sheet.title)}</title>\n"
        '<link rel="stylesheet" href="../_static/explorer.css">\n'
        f"<style>{SHEET_CSS} .cb-explorer {{ margin: 0 0 1.2em; }} select {{ max-width: 100%; font-size: 1rem; }}</style>\n"
        '<script src="../_static/explorer.js" defer></script>\n</head>\n<body>\n'
        f"<h1>{html.escape(t.sheet.title)}</h1>\n"
        f'<p class="sub">{html.escape(t.sheet.subtitle)} {len(t.sheet.questions)} questions, {html.escape(t.when)}. '
        "Pick an answer under each question: the box below it says whether it is right and why. On paper, use the "
        f'<a href="{t.stem}-sheet.pdf">answer sheet</a> (<a href="{t.stem}-sheet.html">page</a>).</p>\n'
        f"{quiz}\n</body>\n</html>\n"
    )


def write_pages(site: Path, syl: Syllabus | None = None, *, keys: bool = True) -> list[Path]:
    """Write every ticket's page and answer sheet into the built site ``site``, and its key when ``keys`` (the
    instructor site; the learner site holds no key)."""
    written = []
    (site / TICKETS).mkdir(parents=True, exist_ok=True)
    if keys:
        (site / KEYS).mkdir(parents=True, exist_ok=True)
    for t in tickets(syl):
        page = site / TICKETS / f"{t.stem}.html"
        page.write_text(ticket_page(t), encoding="utf-8")
        sheet = site / TICKETS / f"{t.stem}-sheet.html"
        sheet.write_text(
            answer_sheet_html(
                t.sheet, links=f'<a href="{t.stem}-sheet.pdf">PDF</a> · <a href="{t.stem}.html">answer on the page</a>'
            ),
            encoding="utf-8",
        )
        written += [page, sheet]
        if keys:
            key = site / KEYS / f"{t.stem}-key.html"
            key.write_text(key_html(t.sheet, links=f'<a href="{t.stem}-key.pdf">PDF</a>'), encoding="utf-8")
            written.append(key)
    return written


def print_pdfs(site: Path, syl: Syllabus | None = None) -> list[Path]:
    """Print every answer sheet and key the built site has to PDF beside its page (headless Chromium)."""
    from cuproptosis_book.site.decks import print_pdf

    out = []
    for t in tickets(syl):
        for page in (site / TICKETS / f"{t.stem}-sheet.html", site / KEYS / f"{t.stem}-key.html"):
            if page.is_file():
                out.append(print_pdf(page, page.with_suffix(".pdf")))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cuproptosis_book.site.answer_sheets")
    parser.add_argument("command", choices=["pages", "pdf"])
    parser.add_argument("site", type=Path, help="the built site (_build/html)")
    args = parser.parse_args(argv)
    paths = write_pages(args.site) if args.command == "pages" else print_pdfs(args.site)
    for p in paths:
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
