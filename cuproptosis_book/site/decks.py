"""One reveal.js slide deck per session, and PDFs of the decks and worksheets printed by headless Chromium.

The decks are built from the book's own sources: the chapters' objectives and key points, the redrawn figures,
the discussion prompts of the instructor notes and questions of the self-check quizzes, with speaker notes
(:mod:`cuproptosis_book.course.session_sources`), following the plan in ``data/course/syllabus.yml``. They load
reveal.js from a relative path (the npm package's files, copied into the site), never from the network.

Command line (``make slides``)::

    python -m cuproptosis_book.site.decks slides --out _build/html/instructors/slides \\
        --reveal node_modules/reveal.js/dist [--pdf] [--worksheets _build/html/instructors]
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from docutils.nodes import make_id

from cuproptosis_book.chapter_source import chapter_title
from cuproptosis_book.course.exercise_numbers import exercise_name, name_exercises
from cuproptosis_book.course.session_pages import block_times, share
from cuproptosis_book.course.session_sources import (
    discussion_prompts,
    exercise_chapter,
    figure_assets,
    key_points,
    objectives,
    problems,
    quiz_questions,
    reading_words,
)
from cuproptosis_book.course.syllabus import KIND_LABEL, Block, Syllabus, load_syllabus
from cuproptosis_book.myst import inline_html, reading_minutes
from cuproptosis_book.paths import book_root, static_dir
from cuproptosis_book.site import slide_figures
from cuproptosis_book.site.local_server import find_chromium

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
.reveal a { color: #0072B2; text-decoration: underline; }  /* links told apart without colour (axe link-in-text-block) */
.reveal .slide-number { background: #000; color: #fff; font-size: 16px; }
.reveal section.figure-slide h2 { font-size: 1em; margin: 0 0 0.2em; }
.reveal svg.cb-slide-figure { display: block; margin: 0 auto; max-width: none; max-height: none; }
.reveal section.figure-slide figcaption { margin-top: 0.2em; }
/* the presenter PDF: a slide's notes fit on the page after it */
.reveal .speaker-notes-pdf[data-layout="separate-page"] { font-size: 17px; line-height: 1.35; overflow: hidden; }
"""


def plain(text: str, *, link_prefix: str = "../../") -> str:
    """MyST text as slide HTML (:func:`~cuproptosis_book.chapter_source.inline_html`), a ``{doc}`` role as a link
    to its page (a chapter shown by its title)."""

    def role(name: str, label: str, target: str) -> str | None:
        if name != "doc":
            return None
        page = target or label
        if page.startswith("../"):
            page = page[3:]
        elif not page.startswith("chapters/"):
            page = "instructors/" + page
        if target:
            shown = label
        elif page.startswith("chapters/"):
            shown = chapter_title(page.split("/")[-1])
        else:
            shown = page.split("/")[-1].replace("_", " ")
        return f'<a href="{link_prefix}{page}.html">{html.escape(shown, quote=False)}</a>'

    return inline_html(text, role)


def _slide(title: str, body: str, notes: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<section{c}>\n<h2>{html.escape(title)}</h2>\n{body}\n<aside class="notes">{notes}</aside>\n</section>'


def _ul(items: Iterable[str], cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<ul{c}>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


CREDIT = (
    "Slides from “Copper, cuproptosis and cancer drug resistance”, by the book's contributors (content CC BY 4.0), "
    "after Yao L, Jiang B, Xu D. Cancer Drug Resist. 2025;8:15 (CC BY 4.0). Figures redrawn from data encoding the review."
)


def _section_link(chapter: str, section: str, text: str) -> str:
    """A link to the exact section of a chapter page (the heading's id, as docutils makes it)."""
    return f'<a href="../../chapters/{chapter}.html#{make_id(section)}">{text}</a>'


def _exercise_links(labels: Iterable[str]) -> str:
    return ", ".join(f'<a href="../../chapters/{exercise_chapter(e)}.html#{e}">{exercise_name(e)}</a>' for e in labels)


def _figure_slides(n: int, svg: str, caption: str, attribution: str, when: str) -> list[str]:
    """Figure ``n`` over as many slides as its labels need to stay legible (:mod:`.slide_figures`)."""
    parts = slide_figures.tiles(svg)
    ppu = slide_figures.pixels_per_unit(svg)
    out = []
    for i, t in enumerate(parts, 1):
        part = f" ({t.where}, {i} of {len(parts)})" if len(parts) > 1 else ""
        out.append(
            _slide(
                f"Figure {n}{part}",
                # the image role sits on the drawing, not on a figure with a caption (HTML allows none there)
                f'<figure><div role="img" aria-label="{html.escape(caption)}">'
                + slide_figures.tile_svg(svg, t, ppu, f"f{n}t{i}-")
                + f'</div><figcaption class="attribution">{html.escape(attribution)}</figcaption></figure>',
                f"{when} Part {i} of {len(parts)} of Figure {n}, enlarged so that its labels stay legible. "
                + html.escape(caption),
                "figure-slide",
            )
        )
    return out


def _quiz_slides(name: str, ids: Sequence[str], stem: str) -> list[str]:
    slides = []
    for i, q in enumerate(quiz_questions(ids), 1):
        if q.kind == "choice":
            body = f"<p>{plain(q.prompt)}</p>" + _ul((plain(o.label) for o in q.options), "options")
            letter = "ABCDEFGHIJ"[[o.correct for o in q.options].index(True)]
            notes = f"Question {q.id}. Answer: {letter}, {plain(q.correct_label)}. {plain(q.explanation)}"
        else:
            body = f'<p>{plain(q.prompt)}</p><p class="small">Write two or three sentences.</p>'
            notes = f"Question {q.id}. Model answer: {plain(q.answer)}"
        body += (
            f'<p class="small">Answer on the <a href="../../tickets/{stem}.html">{name.lower()} page</a> or on '
            f'the <a href="../../tickets/{stem}-sheet.pdf">answer sheet</a>.</p>'
        )
        slides.append(_slide(f"{name}: question {i} of {len(ids)}", body, notes))
    return slides


def deck_slides(number: int, syl: Syllabus | None = None) -> list[str]:
    """The slides (``<section>`` elements, each with speaker notes) of one session's deck, in the plan's order:
    title, the plan, then one slide (or a few) per block, the session's wrap-up, homework and a closing slide."""
    syl = syl or load_syllabus()
    s = syl.session(number)
    slides: list[str] = []
    times = block_times(s.blocks)
    chapters = [f'<a href="../../chapters/{c}.html">{html.escape(chapter_title(c))}</a>' for c in s.chapters]
    slides.append(
        f"<section>\n<h1>Session {s.number}</h1>\n<h2>{html.escape(s.title)}</h2>\n"
        f'<p>{html.escape(syl.title)}</p>\n<p class="small">Chapters: {", ".join(chapters)} · '
        f'{s.minutes} minutes</p>\n<p class="attribution">{html.escape(CREDIT)}</p>\n'
        f'<aside class="notes">Plan for today: {share(s)}. '
        + " ".join(f"{t}: {KIND_LABEL[b.kind]}." for t, b in zip(times, s.blocks, strict=True))
        + f" Worksheet: instructors/worksheet{s.number}. Before the session: "
        + " ".join(plain(p) for p in s.preparation)
        + "</aside>\n</section>"
    )

    def what(b: Block) -> str:
        parts = [html.escape(syl.explorers[e].title) for e in dict.fromkeys(b.explorers)]
        parts += [exercise_name(e) for e in b.exercises] + [f"prompt {p}" for p in b.prompts]
        return "; ".join(parts) if parts else name_exercises(plain(b.text.split(". ")[0].rstrip(".")))

    slides.append(
        _slide(
            "Today",
            "<table><thead><tr><th>minutes</th><th>kind</th><th>with</th></tr></thead><tbody>"
            + "".join(
                f'<tr><td>{t}</td><td><span class="kind {b.kind}">{KIND_LABEL[b.kind]}</span></td>'
                f"<td>{what(b)}</td></tr>"
                for t, b in zip(times, s.blocks, strict=True)
                if b.kind != "slack"
            )
            + "</tbody></table>",
            f"{share(s)}. Keep demonstrations within their minutes: students drive the explorers. The slack "
            "minutes are not on the slide: use them where a transition runs long.",
        )
    )
    reading = [f"{html.escape(chapter_title(r.chapter))}: {html.escape('; '.join(r.sections))}" for r in s.reading]
    words = sum(reading_words(r) for r in s.reading)
    guiding = _slide(
        "Before today: guiding questions",
        _ul(plain(q) for q in s.guiding_questions) + f'<p class="small">Pre-reading: {"; ".join(reading)} '
        f"({words:,} words, about {reading_minutes(words, syl.words_per_minute)} minutes).</p>",
        "Students were asked to bring written answers.",
    )
    if not any("guiding question" in b.text for b in s.blocks):
        slides.append(guiding)
    assets = figure_assets() if s.figures else {}
    prompts = discussion_prompts()
    quizzes = {"warm-up": ("Warm-up", s.warm_up, f"session{s.number}-warm-up")}
    quizzes["exit"] = ("Exit ticket", s.exit_ticket, f"session{s.number}-exit-ticket")
    for t, b in zip(times, s.blocks, strict=True):
        when = f"{t} min, {KIND_LABEL[b.kind]}."
        if b.kind == "slack":
            continue
        if b.kind == "quiz":
            name, ids, stem = quizzes["warm-up" if "warm-up" in b.text.lower() and s.warm_up else "exit"]
            slides += _quiz_slides(name, ids, stem)
            continue
        if "guiding question" in b.text:
            slides.append(guiding.replace('<aside class="notes">', f'<aside class="notes">{when} {plain(b.text)} ', 1))
            continue
        body = ""
        if b.explorers:
            body += _ul(
                _section_link(ref.chapter, ref.section, html.escape(ref.title))
                + f" in {html.escape(chapter_title(ref.chapter))}, section “{html.escape(ref.section)}”"
                for ref in (syl.explorers[e] for e in dict.fromkeys(b.explorers))
            )
        if b.exercises:
            body += f"<p>{_exercise_links(b.exercises)}</p>"
        if b.kind != "demonstration" or not body:
            body = f"<p>{name_exercises(plain(b.text))}</p>" + body
        title = {
            "setup": "Setup",
            "demonstration": "Demonstration",
            "students": "Your turn",
            "discussion": "Discussion",
        }
        slides.append(_slide(f"{title[b.kind]} ({b.minutes} min)", body, f"{when} {name_exercises(plain(b.text))}"))
        for n in b.figures:
            svg = (book_root() / "figures" / f"figure{n}.svg").read_text(encoding="utf-8")
            slides += _figure_slides(n, svg, *assets[n], when)
        for p in b.prompts:
            slides.append(
                _slide(
                    f"Discuss: prompt {p}",
                    f"<p>{plain(prompts[p])}</p>",
                    f"{when} Discussion prompt {p} of the instructor notes. Think alone for a minute, then pairs, "
                    "then collect two or three answers.",
                )
            )
        if "module wrap-up" in b.text.lower():
            slides.append(
                _slide(
                    "The module in three ideas",
                    "<ol>"
                    + "".join(f"<li>{plain(i)}</li>" for i in syl.wrap_up)
                    + "</ol>"
                    + '<p class="small">'
                    + " · ".join(f"{x.number}. {html.escape(x.title)}" for x in syl.sessions)
                    + "</p>",
                    f"{when} Module wrap-up: ask the class for one example of each idea from the four sessions, "
                    "then announce the final written assignment.",
                )
            )
    for c in s.chapters:
        slides.append(
            _slide(
                f"Key points: {chapter_title(c)}",
                _ul(plain(k) for k in key_points(c)),
                "The chapter's key points, as printed at its end. The objectives slide that follows lets students "
                "check themselves.",
            )
        )
        obj = objectives(c)
        slides.append(
            _slide(
                f"Can you now…? {chapter_title(c)}",
                _ul(f"<strong>{i}</strong> {plain(t)}" for i, t in obj),
                "The chapter's learning objectives; the objectives page of the instructors' part shows what "
                "checks each one.",
            )
        )
    nxt = [x for x in syl.sessions if x.number == s.number + 1]
    after = ""
    if nxt:
        after = (
            "<p>Next: "
            + html.escape(nxt[0].title)
            + ". Read "
            + "; ".join(
                f"{html.escape(chapter_title(r.chapter))} ({html.escape(', '.join(r.sections))})"
                for r in nxt[0].reading
            )
            + ".</p>"
        )
    slides.append(
        _slide(
            "Before next time",
            f"<p>{name_exercises(plain(s.homework))}</p>{after}",
            "Homework as on the syllabus page; the exercises have folded solutions in the chapters.",
        )
    )
    slides.append(
        _slide(
            "Thank you",
            f"<p>{html.escape(syl.title)}: session {s.number} of {len(syl.sessions)}.</p>"
            f'<p class="attribution">{html.escape(CREDIT)}</p>',
            "Closing slide: the credit line names the review and the licence under which these slides may be reused.",
        )
    )
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
<link rel="icon" href="favicon.svg" type="image/svg+xml">
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
        msg = f"reveal.js files missing under {reveal_dist}: {missing} (run npm ci)"
        raise FileNotFoundError(msg)
    out.mkdir(parents=True, exist_ok=True)
    for f in REVEAL_FILES:
        (out / "reveal" / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(reveal_dist / f, out / "reveal" / f)
    licence = reveal_dist.parent / "LICENSE"
    if licence.is_file():
        shutil.copyfile(licence, out / "reveal" / "LICENSE")
    shutil.copyfile(static_dir() / "favicon.svg", out / "favicon.svg")  # else browsers ask for /favicon.ico
    (out / "figures").mkdir(exist_ok=True)
    for n in sorted({n for s in syl.sessions for n in s.figures}):
        shutil.copyfile(book_root() / "figures" / f"figure{n}.svg", out / "figures" / f"figure{n}.svg")
    written = []
    for s in syl.sessions:
        path = out / f"session{s.number}.html"
        path.write_text(deck_html(s.number, syl), encoding="utf-8")
        written.append(path)
    return written


def pdf_pages(pdf: Path) -> int:
    """The page count a PDF declares (its page tree's largest /Count)."""
    counts = [int(c) for c in re.findall(rb"/Count\s+(\d+)", pdf.read_bytes())]
    return max(counts, default=0)


def print_pdf(
    page: Path, pdf: Path, *, query: str = "", pages: int | None = None, chromium: str | None = None, attempts: int = 3
) -> Path:
    """Print a local HTML page to PDF with headless Chromium (no network: the page is opened from disk).

    Driven through Playwright so that the print waits for the page to be ready: a deck (``?print-pdf``) is
    printed once reveal.js has laid out its print pages, not when a fixed time budget runs out (on a busy
    machine that printed one page of twenty). With ``pages`` given, a short PDF is retried.
    """
    from playwright.sync_api import sync_playwright

    from cuproptosis_book.site.local_server import CHROMIUM_ARGS

    chromium = chromium or find_chromium()
    if chromium is None:
        msg = "Chromium not found: install Debian's chromium (apt-get install -y chromium)"
        raise RuntimeError(msg)
    url = page.resolve().as_uri() + query
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            for _ in range(attempts):
                tab = browser.new_page()
                tab.goto(url, wait_until="load", timeout=120_000)
                if "print-pdf" in query:
                    tab.wait_for_function(
                        "() => window.Reveal && Reveal.isReady() && document.querySelectorAll('.pdf-page').length > 0",
                        timeout=120_000,
                    )
                tab.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
                tab.close()
                if pdf.is_file() and pdf_pages(pdf) > 0 and (pages is None or pdf_pages(pdf) == pages):
                    return pdf
        finally:
            browser.close()
    msg = f"Chromium printed {pdf_pages(pdf) if pdf.is_file() else 0} pages for {page}, expected {pages or 'some'}"
    raise RuntimeError(msg)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cuproptosis_book.site.decks")
    sub = parser.add_subparsers(dest="command", required=True)
    slides = sub.add_parser("slides", help="write the slide decks (and their PDFs)")
    slides.add_argument("--out", type=Path, default=Path("_build/html/instructors/slides"))
    slides.add_argument("--reveal", type=Path, default=Path("node_modules/reveal.js/dist"))
    slides.add_argument("--pdf", action="store_true", help="also print each deck to PDF with Chromium")
    slides.add_argument(
        "--worksheets",
        type=Path,
        action="append",
        default=None,
        help="folder of the built worksheet pages to print to PDF beside them (repeat it for each site)",
    )
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
            # the presenter's copy: each slide followed by a page of its speaker notes
            notes = deck.with_name(f"{deck.stem}-notes.pdf")
            # (reveal.js may end it with one blank page, so the count is not fixed: the test checks it)
            print(print_pdf(deck, notes, query="?print-pdf&showNotes=separate-page"))
    for folder in args.worksheets or []:
        for page in sorted(folder.glob("worksheet[0-9]*.html")):
            print(print_pdf(page, page.with_suffix(".pdf")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
