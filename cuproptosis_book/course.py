"""The course module: learning objectives, exercises and quiz questions of every chapter, and how they map.

Design (why): instructors need to see, for every learning objective, what checks it. The objectives and the
exercises live in the chapter notebooks, written by different authors, so this module reads them from the
notebooks themselves instead of keeping a second list that could drift:

- an objective is a list item ``- **[cm-1]** …`` inside the ``Learning objectives`` admonition;
- an exercise is a ``{exercise}`` directive with ``:label: ex-cm-N`` whose body starts with
  ``*Checks objective [cm-1].*`` (several ids allowed);
- a quiz question names its objectives itself (:mod:`cuproptosis_book.quiz`).

:func:`coverage` joins the three into one table (objective → exercises, questions); :func:`unchecked`
lists the objectives nothing checks.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .data import ReviewData, load_all

if TYPE_CHECKING:
    from .tables import HTML

ROOT = Path(__file__).resolve().parent.parent
CHAPTER_DIR = ROOT / "chapters"

#: The seven chapters the course module draws on: file stem -> objective prefix, in book order.
CHAPTERS: dict[str, str] = {
    "copper_metabolism": "cm",
    "cuproptosis": "cu",
    "copper_ionophores": "io",
    "nanoparticles": "np",
    "drug_resistance": "dr",
    "knowledge_graph": "kg",
    "outlook": "ol",
}

OBJECTIVE_ID = re.compile(r"\[([a-z]{2}-\d+)\]")
_OBJECTIVE_ITEM = re.compile(r"^\s*[-*]\s+\*\*\[([a-z]{2}-\d+)\]\*\*\s*(.*)$")
_FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>[a-z-]+)\}\s*(?P<arg>.*)$")
_OPTION = re.compile(r"^:([a-z-]+):\s*(.*)$")
_ROLE = re.compile(r"\{(term|doc|ref|numref)\}`([^`<]*?)(?:\s*<[^>]*>)?`")
_CITE = re.compile(r"\s*\{cite(?::[a-z]+)?\}`[^`]*`")


@dataclass(frozen=True)
class Objective:
    id: str
    chapter: str
    text: str


@dataclass(frozen=True)
class Exercise:
    label: str
    chapter: str
    title: str
    objectives: tuple[str, ...]
    has_solution: bool


def plain(text: str) -> str:
    """MyST text as plain prose: roles reduced to their text, citations and emphasis markers dropped."""
    text = _CITE.sub("", text)
    text = _ROLE.sub(lambda m: m.group(2).strip(), text)
    text = text.replace("**", "").replace("`", "")
    return re.sub(r"\s+", " ", text).strip()


def chapter_path(chapter: str, folder: Path = CHAPTER_DIR) -> Path:
    return folder / f"{chapter}.ipynb"


def present_chapters(folder: Path = CHAPTER_DIR) -> list[str]:
    """The course chapters whose notebook exists, in book order."""
    return [c for c in CHAPTERS if chapter_path(c, folder).exists()]


def missing_chapters(folder: Path = CHAPTER_DIR) -> list[str]:
    return [c for c in CHAPTERS if not chapter_path(c, folder).exists()]


def markdown_cells(path: Path) -> list[str]:
    """The source of every markdown cell of a notebook."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "markdown"]


def chapter_title(chapter: str, folder: Path = CHAPTER_DIR) -> str:
    for src in markdown_cells(chapter_path(chapter, folder)):
        for line in src.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return chapter


def _directives(source: str) -> list[tuple[str, str, dict[str, str], list[str]]]:
    """Every top-level fenced directive of a markdown cell: (name, argument, options, body lines)."""
    lines = source.splitlines()
    out = []
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i].strip())
        if not m:
            i += 1
            continue
        fence, name, arg = m.group("fence"), m.group("name"), m.group("arg").strip()
        j = i + 1
        options: dict[str, str] = {}
        while j < len(lines) and _OPTION.match(lines[j].strip()):
            o = _OPTION.match(lines[j].strip())
            assert o is not None
            options[o.group(1)] = o.group(2).strip()
            j += 1
        body = []
        while j < len(lines) and lines[j].strip() != fence:
            body.append(lines[j])
            j += 1
        out.append((name, arg, options, body))
        i = j + 1
    return out


def read_objectives(chapter: str, folder: Path = CHAPTER_DIR) -> list[Objective]:
    """The chapter's learning objectives, from its ``Learning objectives`` admonition."""
    found: list[Objective] = []
    for src in markdown_cells(chapter_path(chapter, folder)):
        for name, arg, _, body in _directives(src):
            if name != "admonition" or arg.lower() != "learning objectives":
                continue
            current: list[str] | None = None
            ident = ""
            for line in body:
                m = _OBJECTIVE_ITEM.match(line)
                if m:
                    if current is not None:
                        found.append(Objective(ident, chapter, plain(" ".join(current))))
                    ident, current = m.group(1), [m.group(2)]
                elif current is not None and line.strip() and line.startswith((" ", "\t")):
                    current.append(line.strip())
                elif current is not None:
                    found.append(Objective(ident, chapter, plain(" ".join(current))))
                    current = None
            if current is not None:
                found.append(Objective(ident, chapter, plain(" ".join(current))))
    return found


def read_exercises(chapter: str, folder: Path = CHAPTER_DIR) -> list[Exercise]:
    """The chapter's exercises with the objectives their first line says they check."""
    cells = markdown_cells(chapter_path(chapter, folder))
    solved: set[str] = set()
    raw: list[tuple[str, str, tuple[str, ...]]] = []
    for src in cells:
        for name, arg, options, body in _directives(src):
            if name in ("solution", "solution-start"):
                solved.add(arg.split()[0] if arg else "")
            if name != "exercise":
                continue
            first = next((line for line in body if line.strip()), "")
            ids = tuple(OBJECTIVE_ID.findall(first)) if "checks objective" in first.lower() else ()
            raw.append((options.get("label", ""), plain(arg), ids))
    return [Exercise(label, chapter, title, ids, label in solved) for label, title, ids in raw]


@dataclass(frozen=True)
class Course:
    """Everything the mapping needs, read once."""

    objectives: tuple[Objective, ...]
    exercises: tuple[Exercise, ...]
    titles: dict[str, str]
    questions: dict[str, tuple[tuple[str, tuple[str, ...]], ...]]  # chapter -> ((question id, objectives), …)


def read_course(folder: Path = CHAPTER_DIR, review: ReviewData | None = None) -> Course:
    """Objectives, exercises and quiz questions of every chapter present."""
    from . import quiz

    review = review if review is not None else load_all()
    chapters = present_chapters(folder)
    return Course(
        objectives=tuple(o for c in chapters for o in read_objectives(c, folder)),
        exercises=tuple(e for c in chapters for e in read_exercises(c, folder)),
        titles={c: chapter_title(c, folder) for c in chapters},
        questions={c: tuple((q.id, q.objectives) for q in quiz.questions(c, review)) for c in chapters},
    )


def coverage(course: Course | None = None) -> pd.DataFrame:
    """One row per objective: its chapter, text, the exercises and quiz questions that check it."""
    course = course if course is not None else read_course()
    rows = []
    for o in course.objectives:
        exercises = [e.label for e in course.exercises if e.chapter == o.chapter and o.id in e.objectives]
        questions = [q for q, objs in course.questions.get(o.chapter, ()) if o.id in objs]
        rows.append({
            "chapter": course.titles.get(o.chapter, o.chapter),
            "objective": o.id,
            "after the chapter, students can": o.text,
            "exercises": ", ".join(exercises),
            "quiz questions": ", ".join(questions),
            "checked": "yes" if exercises or questions else "NO",
        })
    return pd.DataFrame(rows, columns=["chapter", "objective", "after the chapter, students can", "exercises",
                                       "quiz questions", "checked"])


def unchecked(course: Course | None = None) -> list[str]:
    """Objectives that no exercise and no quiz question checks."""
    table = coverage(course)
    return table.loc[table["checked"] == "NO", "objective"].tolist()


def dangling(course: Course | None = None) -> list[str]:
    """Exercise or question references to objectives the chapter does not define (``where → id``)."""
    course = course if course is not None else read_course()
    known = {o.id for o in course.objectives}
    out = [f"{e.label} → {i}" for e in course.exercises for i in e.objectives if i not in known]
    out += [f"{q} → {i}" for qs in course.questions.values() for q, objs in qs for i in objs if i not in known]
    return out


def exercise_table(course: Course | None = None) -> pd.DataFrame:
    """One row per exercise: chapter, label, title, objectives, whether a solution is given."""
    course = course if course is not None else read_course()
    return pd.DataFrame(
        [{"chapter": course.titles.get(e.chapter, e.chapter), "exercise": e.label, "title": e.title,
          "checks": ", ".join(e.objectives), "solution": "yes" if e.has_solution else "no"}
         for e in course.exercises],
        columns=["chapter", "exercise", "title", "checks", "solution"],
    )


def summary(course: Course | None = None) -> pd.DataFrame:
    """Per chapter: number of objectives, exercises, quiz questions, and objectives left unchecked."""
    course = course if course is not None else read_course()
    table = coverage(course)
    rows = []
    for chapter, title in course.titles.items():
        objs = [o for o in course.objectives if o.chapter == chapter]
        rows.append({
            "chapter": title,
            "objectives": len(objs),
            "exercises": sum(e.chapter == chapter for e in course.exercises),
            "quiz questions": len(course.questions.get(chapter, ())),
            "unchecked objectives": ", ".join(
                table.loc[(table["checked"] == "NO") & table["objective"].isin([o.id for o in objs]),
                          "objective"]) or "none",
        })
    return pd.DataFrame(rows, columns=["chapter", "objectives", "exercises", "quiz questions",
                                       "unchecked objectives"]).set_index("chapter")


# --------------------------------------------------------------------------- critical reading (errata)

#: The errata of the critical-reading activity: one or two per kind of problem, spread over the review.
READING_ERRATA: tuple[str, ...] = ("E03", "E06", "E13", "E21", "E24", "E27", "E29", "E40", "E43")


def _where(review: ReviewData, where: tuple[str, ...]) -> str:
    sections = review.vocabularies["section"]
    return "; ".join(sections.get(w, w) for w in where)


def errata_tasks(ids: tuple[str, ...] = READING_ERRATA, review: ReviewData | None = None) -> pd.DataFrame:
    """The students' task sheet: for each erratum only where to look and what the review says (no answer)."""
    review = review if review is not None else load_all()
    e = review.errata.set_index("id")
    return pd.DataFrame(
        [{"task": i + 1, "erratum": eid, "where to look": _where(review, e.loc[eid, "where"]),
          "the review says": e.loc[eid, "what_the_review_says"]} for i, eid in enumerate(ids)],
        columns=["task", "erratum", "where to look", "the review says"],
    )


def errata_key(ids: tuple[str, ...] = READING_ERRATA, review: ReviewData | None = None) -> pd.DataFrame:
    """The instructor's key for :func:`errata_tasks`: kind of problem, what is wrong, evidence, the book's reading."""
    review = review if review is not None else load_all()
    e = review.errata.set_index("id")
    return pd.DataFrame(
        [{"erratum": eid, "kind of problem": str(e.loc[eid, "category"]).replace("_", " "),
          "what is wrong": e.loc[eid, "issue"], "evidence in the review": e.loc[eid, "evidence"],
          "reading the book follows": e.loc[eid, "used_in_book"]} for eid in ids],
        columns=["erratum", "kind of problem", "what is wrong", "evidence in the review", "reading the book follows"],
    )


# --------------------------------------------------------------------------- slides and handouts

REVIEW_CITATION = "Yao L, Jiang B, Xu D. Cancer Drug Resist. 2025;8:15, doi:10.20517/cdr.2025.41, CC BY 4.0"
#: Where each slide-ready asset is shown in the book (chapter file stem).
ASSET_CHAPTER = {"figure1": "copper_metabolism", "figure2": "copper_metabolism", "figure3": "cuproptosis",
                 "figure4": "drug_resistance", "table1": "nanoparticles", "table2": "drug_resistance"}
TABLE_CAPTIONS = {
    1: "Review Table 1, rebuilt from the book's data: the copper nanoparticles reported to induce cuproptosis, "
       "with tumour types, effects and references (from nanoparticles.csv).",
    2: "Review Table 2, rebuilt from the book's data: the copper-targeting compounds reported to strengthen drugs "
       "against resistant cancers, with tumour types and references (from resistance.csv).",
}


def attribution(kind: str, n: int) -> str:
    """The attribution line to put under a slide that shows review Figure/Table ``n`` redrawn from data."""
    verb = "Redrawn" if kind == "Figure" else "Rebuilt"
    return (f"{verb} from data encoding {kind} {n} of {REVIEW_CITATION}; "
            f"changes: {verb.lower()} from data")


def slide_assets() -> pd.DataFrame:
    """Every slide-ready file ``make figures`` writes to figures/: files, caption, attribution, chapter."""
    from . import figures

    rows = []
    for n in (1, 2, 3, 4):
        rows.append({"asset": f"Figure {n}", "files": f"figures/figure{n}.svg, figures/figure{n}.png",
                     "caption": figures.caption(n), "attribution": attribution("Figure", n),
                     "chapter": ASSET_CHAPTER[f"figure{n}"]})
    for n in (1, 2):
        rows.append({"asset": f"Table {n}", "files": f"figures/table{n}.csv", "caption": TABLE_CAPTIONS[n],
                     "attribution": attribution("Table", n), "chapter": ASSET_CHAPTER[f"table{n}"]})
    return pd.DataFrame(rows, columns=["asset", "files", "caption", "attribution", "chapter"])


def slide_cards(assets: pd.DataFrame | None = None) -> HTML:
    """The slide-ready assets as readable cards: files, caption, and the attribution line to copy."""
    from .explore import esc
    from .tables import HTML

    assets = assets if assets is not None else slide_assets()
    cards = []
    for a in assets.itertuples(index=False):
        files = ", ".join(f"<code>{esc(f.strip())}</code>" for f in a.files.split(","))
        cards.append(
            f'<section class="cb-slide-asset"><h3>{esc(a.asset)}</h3><dl>'
            f"<dt>Files</dt><dd>{files}</dd>"
            f"<dt>Caption</dt><dd>{esc(a.caption)}</dd>"
            f"<dt>Attribution line</dt><dd><code>{esc(a.attribution)}</code></dd></dl></section>"
        )
    return HTML('<div class="cb-slide-assets">' + "".join(cards) + "</div>")
