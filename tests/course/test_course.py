"""The course module (cuproptosis_book.course): objectives read from the chapters, and what checks each one.

- The parser is tested on a hand-written notebook.
- For every course chapter that exists, every learning objective is checked by at least one exercise or
  quiz question, and nothing points at an objective the chapter does not define.
- ``test_COMPLETENESS_all_seven_course_chapters_exist`` is the separate completeness check: it fails until
  all seven chapter notebooks are in ``chapters/``.
- The instructors' pages only name exercises and chapters that exist.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from cuproptosis_book import figures
from cuproptosis_book.chapter_source import chapter_source
from cuproptosis_book.course import chapters, objectives, quiz, reading, slide_assets

ROOT = Path(__file__).resolve().parents[2]
INSTRUCTORS = ROOT / "instructors"
PRESENT = chapters.present_chapters()


@pytest.fixture(scope="module")
def the_course() -> objectives.Course:
    return objectives.read_course()


# --------------------------------------------------------------------------- the parser


def write_notebook(path: Path, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(c) for c in cells] + [nbformat.v4.new_code_cell("1 + 1")]
    nbformat.write(nb, path)


SAMPLE = [
    "# Copper metabolism in cancer\n\nIntro {cite}`ref1`.",
    (
        "```{admonition} Learning objectives\n:class: tip\nAfter this chapter you can:\n"
        "- **[cm-1]** trace copper from the gut to the {term}`ATP7B` pump,\n  across two lines {cite}`ref17`;\n"
        "- **[cm-2]** explain **why** Ctr1 carries cisplatin;\n"
        "- **[cm-3]** read Figure 2.\n```"
    ),
    "Not an objective: - **[cm-9]** outside the admonition.",
    "````{exercise}\n:label: ex-cm-1\n\n*Checks objectives [cm-1] and [cm-2].*\n\nDo it.\n````",
    "````{solution} ex-cm-1\n:class: dropdown\nAnswer.\n````",
    ":::{exercise} A titled one\n:label: ex-cm-2\n:class: x\n*Checks objective [cm-2].*\nMore.\n:::",
    "```{exercise}\n:label: ex-cm-3\n\nNo checks line here, [cm-3] later.\n```",
    "```{solution-start} ex-cm-3\n:class: dropdown\n```",
]


def test_read_objectives_from_the_admonition(tmp_path: Path) -> None:
    write_notebook(tmp_path / "copper_metabolism.ipynb", SAMPLE)
    objs = objectives.read_objectives("copper_metabolism", tmp_path)
    assert [o.id for o in objs] == ["cm-1", "cm-2", "cm-3"]
    assert objs[0].text == "trace copper from the gut to the ATP7B pump, across two lines;"
    assert objs[1].text == "explain why Ctr1 carries cisplatin;"
    assert chapters.chapter_title("copper_metabolism", tmp_path) == "Copper metabolism in cancer"


def test_read_exercises_and_their_checks_lines(tmp_path: Path) -> None:
    write_notebook(tmp_path / "copper_metabolism.ipynb", SAMPLE)
    ex = objectives.read_exercises("copper_metabolism", tmp_path)
    assert [(e.label, e.objectives, e.has_solution) for e in ex] == [
        ("ex-cm-1", ("cm-1", "cm-2"), True),
        ("ex-cm-2", ("cm-2",), False),
        ("ex-cm-3", (), True),  # no "Checks objective" first line: checks nothing
    ]
    assert ex[1].title == "A titled one"


def dangling(course: objectives.Course) -> list[str]:
    """Exercise or question references to objectives the chapter does not define (``where → id``)."""
    known = {o.id for o in course.objectives}
    out = [f"{e.label} → {i}" for e in course.exercises for i in e.objectives if i not in known]
    out += [f"{q} → {i}" for qs in course.questions.values() for q, objs in qs for i in objs if i not in known]
    return out


def test_coverage_flags_an_unchecked_objective(tmp_path: Path) -> None:
    write_notebook(tmp_path / "copper_metabolism.ipynb", SAMPLE)
    c = objectives.Course(
        objectives=tuple(objectives.read_objectives("copper_metabolism", tmp_path)),
        exercises=tuple(objectives.read_exercises("copper_metabolism", tmp_path)),
        titles={"copper_metabolism": "Copper metabolism in cancer"},
        questions={"copper_metabolism": (("cm-q1", ("cm-1",)), ("cm-q2", ("cm-7",)))},
    )
    table = objectives.coverage(c).set_index("objective")
    assert table.loc["cm-1", "exercises"] == "ex-cm-1"
    assert table.loc["cm-1", "quiz questions"] == "cm-q1"
    assert table.loc["cm-2", "exercises"] == "ex-cm-1, ex-cm-2"
    assert objectives.unchecked(c) == ["cm-3"]
    assert dangling(c) == ["cm-q2 → cm-7"]
    assert objectives.summary(c).loc["Copper metabolism in cancer", "unchecked objectives"] == "cm-3"


# --------------------------------------------------------------------------- the real chapters


def test_every_course_chapter_has_a_notebook_listed_in_the_toc() -> None:
    missing = [c for c in chapters.CHAPTERS if not chapters.chapter_path(c).exists()]
    assert missing == [], f"course chapters without a notebook: {missing}"
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert all(f"chapters/{stem}" in toc for stem in chapters.CHAPTERS), "every course chapter is in the book"


@pytest.mark.parametrize("chapter", PRESENT)
def test_every_objective_is_checked(the_course: objectives.Course, chapter: str) -> None:
    objs = [o for o in the_course.objectives if o.chapter == chapter]
    assert objs, f"{chapter}: no learning objectives found (format: - **[xx-1]** … in the admonition)"
    prefix = chapters.CHAPTERS[chapter]
    ids = [o.id for o in objs]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(prefix + r"-\d+", i) for i in ids)
    table = objectives.coverage(the_course)
    mine = table[table["objective"].isin(ids)]
    no_exercise = mine.loc[mine["exercises"] == "", "objective"].tolist()
    no_question = mine.loc[mine["quiz questions"] == "", "objective"].tolist()
    assert not no_exercise, f"{chapter}: objectives no exercise checks: {no_exercise}"
    assert not no_question, f"{chapter}: objectives no quiz question checks: {no_question}"


def test_the_objectives_file_is_what_the_chapters_print(the_course: objectives.Course) -> None:
    import csv

    with (ROOT / "data" / "course" / "objectives.csv").open(encoding="utf-8", newline="") as fh:
        listed = [(r["id"], r["chapter"], r["text"]) for r in csv.DictReader(fh)]
    printed = [(o.id, o.chapter, o.text) for o in the_course.objectives]
    assert listed == printed, "data/course/objectives.csv and the chapters' objective lists differ"


def test_retired_objectives_are_not_used_again(the_course: objectives.Course) -> None:
    # io-3 (why respiring cells are the most sensitive) duplicated cu-2 and was merged into io-2
    assert "io-3" not in {o.id for o in the_course.objectives}
    assert all("io-3" not in e.objectives for e in the_course.exercises)


@pytest.mark.parametrize("chapter", PRESENT)
def test_exercises_and_questions_point_at_real_objectives(the_course: objectives.Course, chapter: str) -> None:
    prefix = chapters.CHAPTERS[chapter]
    bad = [
        d
        for d in dangling(the_course)
        if d.split(" → ")[1].startswith(prefix + "-") or d.split(" → ")[0].removeprefix("ex-").startswith(prefix + "-")
    ]
    assert not bad
    exercises = [e for e in the_course.exercises if e.chapter == chapter]
    assert exercises, f"{chapter}: no exercises"
    assert all(e.objectives for e in exercises), "every exercise starts with *Checks objective [..].*"
    assert all(e.label.startswith(f"ex-{prefix}-") for e in exercises)


# --------------------------------------------------------------------------- the instructors' pages


def instructor_sources() -> dict[str, str]:
    out = {}
    for p in sorted(INSTRUCTORS.glob("*")):
        if p.suffix == ".md":
            out[p.name] = p.read_text(encoding="utf-8")
        elif p.suffix == ".ipynb":
            nb = json.loads(p.read_text(encoding="utf-8"))
            out[p.name] = "\n".join("".join(c["source"]) for c in nb["cells"])
    return out


def test_instructor_pages_name_only_existing_exercises(the_course: objectives.Course) -> None:
    labels = {e.label for e in the_course.exercises}
    prefixes = {chapters.CHAPTERS[c] for c in PRESENT}
    for name, text in instructor_sources().items():
        for label in set(re.findall(r"\bex-([a-z]{2})-(\d+)\b", text)):
            ref = f"ex-{label[0]}-{label[1]}"
            if label[0] in prefixes:
                assert ref in labels, f"{name} names {ref}, which no chapter defines"


def test_instructor_pages_link_only_existing_chapters() -> None:
    for name, text in instructor_sources().items():
        for target in re.findall(r"\.\./chapters/([a-z_]+)", text):
            assert (ROOT / "chapters" / f"{target}.ipynb").exists(), f"{name} links to missing chapter {target}"


def expand(text: str) -> set[str]:
    """Objective ids named in text, with ranges such as "cm-1 to cm-5" expanded."""
    ids = set(re.findall(r"\b([a-z]{2}-\d+)\b", text))
    for p, a, b in re.findall(r"\b([a-z]{2})-(\d+) to \1-(\d+)\b", text):
        ids |= {f"{p}-{i}" for i in range(int(a), int(b) + 1)}
    return ids


def test_syllabus_outcomes_cover_every_objective(the_course: objectives.Course) -> None:
    text = (INSTRUCTORS / "syllabus.md").read_text(encoding="utf-8")
    outcomes = text.split("## Learning outcomes", 1)[1].split("\n## ", 1)[0]
    named = expand(outcomes)
    missing = [o.id for o in the_course.objectives if o.id not in named]
    assert not missing, f"objectives no module outcome maps to: {missing}"
    assert named <= {o.id for o in the_course.objectives} | {
        f"{p}-{i}" for c, p in chapters.CHAPTERS.items() if c not in PRESENT for i in range(1, 10)
    }


def test_instructor_pages_name_only_existing_quiz_questions() -> None:
    ids = {q.id for q in quiz.questions()}
    for name, text in instructor_sources().items():
        for qid in re.findall(r"\b[a-z]{2}-q\d+\b", text):
            assert qid in ids, f"{name} names quiz question {qid}, which does not exist"


def test_slide_assets_carry_captions_and_the_attribution_line() -> None:
    assets = slide_assets.slide_assets().set_index("asset")
    assert list(assets.index) == ["Figure 1", "Figure 2", "Figure 3", "Figure 4", "Table 1", "Table 2"]
    for n in (1, 2, 3, 4):
        assert assets.loc[f"Figure {n}", "caption"] == figures.caption(n)
        assert assets.loc[f"Figure {n}", "attribution"] == (
            f"Redrawn from data encoding Figure {n} of Yao L, Jiang B, Xu D. Cancer Drug Resist. 2025;8:15, "
            "doi:10.20517/cdr.2025.41, CC BY 4.0; changes: redrawn from data"
        )
        assert assets.loc[f"Figure {n}", "files"] == f"figures/figure{n}.svg, figures/figure{n}.png"
    html = slide_assets.slide_cards().data
    assert html.count('<section class="cb-slide-asset">') == 6
    assert "<code>figures/table2.csv</code>" in html


def _errata() -> dict[str, dict[str, str]]:
    import csv

    with (ROOT / "data" / "errata.csv").open(encoding="utf-8", newline="") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


def test_the_critical_reading_key_matches_the_data() -> None:
    errata = _errata()
    key = reading.errata_key()
    assert list(key["erratum"]) == list(reading.READING_ERRATA)
    assert sorted(set(key["task"])) == [1, 2, 3, 4, 5]
    for row in key.to_dict("records"):
        assert row["what is wrong"] == errata[row["erratum"]]["issue"]
        assert row["reading the book follows"] == errata[row["erratum"]]["used_in_book"]


def test_the_student_sheet_shows_no_erratum_id_and_no_answer() -> None:
    sheet = (INSTRUCTORS / "critical_reading_sheet.md").read_text(encoding="utf-8")
    assert not re.search(r"\bE\d\d\b", sheet), "the sheet names an erratum"
    errata = _errata()
    sentences = [
        s.strip()
        for eid in reading.READING_ERRATA
        for col in ("issue", "used_in_book")
        for s in re.split(r"(?<=[.;:])\s+", errata[eid][col])
        if len(s.strip()) > 30
    ]
    leaked = [s for s in sentences if s in sheet]
    assert not leaked, f"the sheet contains key text: {leaked}"
    for task in reading.READING_TASKS:
        assert f"## Task {task}." in sheet
    assert "key" not in sheet.lower().replace("keyword", "")


def test_the_activity_uses_errata_the_chapters_do_not_explain() -> None:
    prose = "\n".join(src for c in PRESENT for src in chapter_source(chapters.chapter_path(c)).markdown_cells)
    explained = [e for e in reading.READING_ERRATA if re.search(rf"\b{e}\b", prose)]
    assert not explained, f"chapters explain {explained}: choose other errata for the activity"


def test_the_key_is_on_its_own_page_and_both_pages_are_in_the_book() -> None:
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "instructors/critical_reading_sheet" in toc
    assert "instructors/critical_reading\n" in toc
    assert "instructors/assignment" in toc


def test_quiz_page_has_a_section_per_present_chapter() -> None:
    path = INSTRUCTORS / "quizzes.ipynb"
    if not path.exists():
        pytest.fail("instructors/quizzes.ipynb is missing")
    text = instructor_sources()["quizzes.ipynb"]
    for chapter in PRESENT:
        assert f'quiz.chapter_quiz("{chapter}")' in text, f"no quiz section for {chapter}"
