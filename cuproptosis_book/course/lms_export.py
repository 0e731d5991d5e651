"""The self-check questions as LMS packages: Canvas (QTI 1.2 zip, written by text2qti) and Moodle (Moodle XML,
written by moodle-tools), for the whole question bank and for each session's warm-up and exit ticket.

Design (why): an instructor who runs the exit tickets in Canvas or Moodle should import them, not retype them,
and the imported questions must be the book's: the same prompts, the same options in the same (balanced) order,
the same key and the same feedback. So the packages are generated from :func:`cuproptosis_book.course.quiz.questions`
by two maintained libraries, never by XML written here; ``tests/course/test_lms_export.py`` reads every package
back with its own XML parser. Both libraries are needed only to write the packages (``make slides``, see
``requirements-test.txt``) and are imported when a package is written.

Command line (``make slides``)::

    python -m cuproptosis_book.course.lms_export _build/html/instructors/lms
"""

from __future__ import annotations

import argparse
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cuproptosis_book.course.quiz import questions
from cuproptosis_book.course.quiz_model import Question
from cuproptosis_book.course.syllabus import Syllabus, load_syllabus
from cuproptosis_book.text import format_refs

#: Folder of the packages, relative to the instructors' pages of the built site.
LMS_FOLDER = "lms"

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$#|{}])")


@dataclass(frozen=True)
class Package:
    """One set of questions to export: its file stem, its title and its questions."""

    stem: str
    title: str
    questions: tuple[Question, ...]


def packages(syl: Syllabus | None = None) -> list[Package]:
    """The question bank, then each session's warm-up (if any) and exit ticket."""
    syl = syl or load_syllabus()
    bank = {q.id: q for q in questions()}
    out = [Package("question-bank", f"{syl.title}: question bank", tuple(bank.values()))]
    for s in syl.sessions:
        if s.warm_up:
            out.append(
                Package(f"session{s.number}-warm-up", f"Session {s.number} warm-up", tuple(bank[i] for i in s.warm_up))
            )
        out.append(
            Package(
                f"session{s.number}-exit-ticket",
                f"Session {s.number} exit ticket",
                tuple(bank[i] for i in s.exit_ticket),
            )
        )
    return out


def general_feedback(q: Question) -> str:
    """What a student reads after answering: the explanation (or model answer) and the review's references."""
    text = (
        q.explanation
        if q.kind == "choice"
        else f"Model answer: {q.answer}" + (f" {q.explanation}" if q.explanation else "")
    )
    if q.refs:
        text += f" (Review references {format_refs(q.refs)}.)"
    return text


# --------------------------------------------------------------------------------------------------------------
# Canvas: QTI 1.2 through text2qti
# --------------------------------------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Plain text for text2qti's Markdown, on one line: Markdown and LaTeX ($) characters escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def text2qti_source(package: Package) -> str:
    """The package in text2qti's plain-text quiz format (options in the book's display order)."""
    lines = [f"Quiz title: {_md(package.title)}", f"Quiz description: {_md(package_description(package))}", ""]
    for n, q in enumerate(package.questions, 1):
        lines.append(f"Title: {q.id}")
        lines.append(f"{n}.  {_md(q.prompt)}")
        lines.append(f"... {_md(general_feedback(q))}")
        if q.kind == "choice":
            for letter, o in zip("abcdefghij", q.options, strict=False):
                lines.append(f"{'*' if o.correct else ''}{letter}) {_md(o.label)}")
                if o.feedback:
                    lines.append(f"... {_md(o.feedback)}")
        else:
            lines.append("____")
        lines.append("")
    return "\n".join(lines)


def package_description(package: Package) -> str:
    return (
        f"{len(package.questions)} questions from the self-check quizzes of the book on the review by Yao, Jiang "
        "and Xu (Cancer Drug Resist 2025;8:15, CC BY 4.0). Each answer's feedback says why it is right or not."
    )


def write_canvas(package: Package, path: Path) -> Path:
    """Write the package as a Canvas-importable QTI 1.2 zip (text2qti)."""
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    quiz = Quiz(text2qti_source(package), config=Config(), source_name=f"{package.stem}.txt")
    path.parent.mkdir(parents=True, exist_ok=True)
    QTI(quiz).save(path)
    return path


# --------------------------------------------------------------------------------------------------------------
# Moodle: Moodle XML through moodle-tools
# --------------------------------------------------------------------------------------------------------------


def _moodle_document(q: Question, category: str) -> dict[str, Any]:
    common: dict[str, Any] = {
        "title": q.id,
        "question": html.escape(q.prompt),
        "category": category,
        "general_feedback": html.escape(general_feedback(q)),
        "markdown": False,
        "table_styling": False,
    }
    if q.kind == "choice":
        return common | {
            "type": "multiple_choice",
            "shuffle_answers": False,  # the book's balanced order, as printed and on the site
            "answers": [
                {"answer": html.escape(o.label), "points": 100 if o.correct else 0, "feedback": html.escape(o.feedback)}
                for o in q.options
            ],
        }
    # the model answer is for the grader (Moodle shows it to teachers only); students see it as general feedback
    return common | {"type": "essay", "response_format": "plain", "grader_info": html.escape(q.answer)}


def moodle_xml(package: Package) -> str:
    """The package as Moodle XML (question type multichoice, or essay for a short-answer question)."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from moodle_tools.make_questions import load_questions

    documents = [_moodle_document(q, f"Copper and cuproptosis/{package.title}") for q in package.questions]
    loaded = list(load_questions(iter(documents), strict_validation=False, parse_markdown=False, table_styling=False))
    if len(loaded) != len(documents):
        msg = f"{package.stem}: moodle-tools wrote {len(loaded)} of {len(documents)} questions"
        raise ValueError(msg)
    # the same rendering as moodle-tools' own command line (make_questions.generate_moodle_questions)
    env = Environment(
        loader=PackageLoader("moodle_tools.questions"),
        lstrip_blocks=True,
        trim_blocks=True,
        autoescape=select_autoescape(),
    )
    return str(env.get_template("quiz.xml.j2").render(questions=[q.to_xml(env) for q in loaded]))


def write_moodle(package: Package, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(moodle_xml(package), encoding="utf-8")
    return path


def write_packages(out: Path, syl: Syllabus | None = None) -> list[Path]:
    """Every package, for Canvas (``<stem>-canvas.zip``) and Moodle (``<stem>-moodle.xml``), into ``out``."""
    written = []
    for p in packages(syl):
        written.append(write_canvas(p, out / f"{p.stem}-canvas.zip"))
        written.append(write_moodle(p, out / f"{p.stem}-moodle.xml"))
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cuproptosis_book.course.lms_export")
    parser.add_argument("out", type=Path, help="folder to write the Canvas and Moodle packages into")
    args = parser.parse_args(argv)
    for path in write_packages(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
