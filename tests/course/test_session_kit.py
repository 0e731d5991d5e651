"""The session kit's syllabus: the plan fits the time, everything it names exists, worksheets hide their keys.

The timing tests read data/course/syllabus.yml directly (not through the module under test), and the reference
tests read the notebooks with their own small parsers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from cuproptosis_book import data
from cuproptosis_book.course import quiz, session_pages, session_sources, syllabus
from cuproptosis_book.myst import reading_minutes

ROOT = Path(__file__).resolve().parents[2]
RAW: dict[str, Any] = yaml.safe_load((ROOT / "data" / "course" / "syllabus.yml").read_text(encoding="utf-8"))
SESSIONS = RAW["sessions"]
NUMBERS = [s["number"] for s in SESSIONS]


def notebook(path: Path) -> list[dict[str, Any]]:
    cells: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return cells


def source(cell: dict[str, Any]) -> str:
    return "".join(cell["source"])


def markdown_outputs(path: Path) -> str:
    """The Markdown a notebook's code cells show (the committed outputs, as published)."""
    out = []
    for c in notebook(path):
        for o in c.get("outputs", []) if c["cell_type"] == "code" else []:
            md = o.get("data", {}).get("text/markdown")
            if md is not None:
                out.append("".join(md) if isinstance(md, list) else md)
    return "\n".join(out)


def chapter_markdown(chapter: str) -> str:
    return "\n".join(
        source(c) for c in notebook(ROOT / "chapters" / f"{chapter}.ipynb") if c["cell_type"] == "markdown"
    )


# ---------------------------------------------------------------- timing


def test_the_module_has_four_sessions_of_ninety_minutes() -> None:
    assert RAW["module"]["session_minutes"] == 90
    assert NUMBERS == [1, 2, 3, 4]


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: f"session{s['number']}")
def test_blocks_add_up_to_the_session_length(session: dict[str, Any]) -> None:
    assert sum(b["minutes"] for b in session["blocks"]) == RAW["module"]["session_minutes"]


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: f"session{s['number']}")
def test_demonstration_takes_at_most_a_third(session: dict[str, Any]) -> None:
    demo = sum(b["minutes"] for b in session["blocks"] if b["kind"] == "demonstration")
    assert 3 * demo <= RAW["module"]["session_minutes"], f"{demo} minutes of demonstration"
    assert {b["kind"] for b in session["blocks"]} <= {
        "setup",
        "demonstration",
        "students",
        "discussion",
        "quiz",
        "slack",
    }
    assert all(b["minutes"] > 0 for b in session["blocks"])


def test_the_checker_reports_a_plan_that_overruns_or_lectures_too_much() -> None:
    broken = json.loads(json.dumps(RAW))
    broken["sessions"][0]["blocks"].append({"minutes": 40, "kind": "demonstration", "text": "a long lecture"})
    found = session_sources.problems(syllabus.parse_syllabus(broken))
    assert any("add up to 130" in p for p in found)
    assert any("minutes of demonstration" in p for p in found)


def test_the_checker_reports_unknown_references() -> None:
    broken = json.loads(json.dumps(RAW))
    broken["sessions"][1]["blocks"][0]["exercises"] = ["ex-zz-9"]
    broken["sessions"][1]["worksheet"][0]["explorer"] = "no_such_explorer"
    broken["explorers"]["fig1"]["section"] = "A heading nobody wrote"
    found = session_sources.problems(syllabus.parse_syllabus(broken))
    assert any("ex-zz-9" in p for p in found)
    assert any("no_such_explorer" in p for p in found)
    assert any("A heading nobody wrote" in p for p in found)


def test_the_syllabus_data_has_no_problems() -> None:
    assert session_sources.problems() == []


def test_class_size_and_scaling_for_12_and_40_students() -> None:
    assert RAW["module"]["class_size"] > 0
    assert {s["students"] for s in RAW["module"]["scaling"]} >= {12, 40}


def test_an_online_variant_is_planned() -> None:
    assert len(RAW["online"]["activities"]) >= 3


# ---------------------------------------------------------------- everything named exists


def test_every_explorer_call_sits_in_its_chapter_under_its_section() -> None:
    for name, e in RAW["explorers"].items():
        heads: list[str] = []
        found = False
        for c in notebook(ROOT / "chapters" / f"{e['chapter']}.ipynb"):
            if c["cell_type"] == "markdown":
                heads += re.findall(r"^#+ (.+?)\s*$", source(c), re.MULTILINE)
            elif e["call"] in source(c):
                found = True
                assert e["section"] in heads, f"{name}: {e['section']!r} is not a heading above the explorer"
                break
        assert found, f"{name}: {e['call']!r} is not in chapters/{e['chapter']}.ipynb"


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: f"session{s['number']}")
def test_every_referenced_chapter_section_exercise_and_explorer_exists(session: dict[str, Any]) -> None:
    chapters = {p.stem for p in (ROOT / "chapters").glob("*.ipynb")}
    assert set(session["chapters"]) <= chapters
    for r in session["reading"]:
        md = chapter_markdown(r["chapter"])
        for section in r["sections"]:
            assert re.search(rf"^#+ {re.escape(section)}\s*$", md, re.MULTILINE), f"{r['chapter']}: {section!r}"
    labels = {m for c in chapters for m in re.findall(r":label: (ex-[a-z]{2}-\d+)", chapter_markdown(c))}
    texts = [b["text"] for b in session["blocks"]] + [session["homework"]]
    named = {e for b in session["blocks"] for e in b.get("exercises", [])}
    named |= {e for t in texts for e in re.findall(r"ex-[a-z]{2}-\d+", t)}
    assert named
    assert named <= labels, named - labels
    used = {e for b in session["blocks"] for e in b.get("explorers", [])}
    used |= {t["explorer"] for t in session["worksheet"] if t["explorer"]}
    assert used <= set(RAW["explorers"])
    assert 2 <= len(session["guiding_questions"]) <= 3


def test_ex_cm_1_is_set_before_the_stepper_that_answers_it() -> None:
    blocks = SESSIONS[0]["blocks"]
    first_ex = next(i for i, b in enumerate(blocks) if "ex-cm-1" in b.get("exercises", []))
    first_stepper = next(i for i, b in enumerate(blocks) if "copper_journey" in b.get("explorers", []))
    assert first_ex < first_stepper


def test_quiz_questions_and_prompts_exist() -> None:
    ids = {q.id for q in quiz.questions()}
    notes = "\n".join(source(c) for c in notebook(ROOT / "instructors" / "notes.ipynb"))
    prompts = set(map(int, re.findall(r"^(\d+)\. ", notes.split("## Discussion prompts", 1)[1], re.MULTILINE)))
    for s in SESSIONS:
        assert set(s.get("warm_up") or []) | set(s["exit_ticket"]) <= ids
        assert {p for b in s["blocks"] for p in b.get("prompts", [])} <= prompts


# ---------------------------------------------------------------- reading


def test_a_section_includes_its_subsections_and_stops_at_the_next_section() -> None:
    text = session_sources.section_markdown("cuproptosis", "Copper as a double-edged sword")
    assert "Step 5" in text
    assert "Why respiring cells" not in text


def test_reading_time_is_rounded_up_at_200_words_a_minute() -> None:
    assert RAW["module"]["reading_words_per_minute"] == 200
    assert reading_minutes(200, 200) == 1
    assert reading_minutes(201, 200) == 2


def test_the_plans_page_shows_the_reading_of_every_session() -> None:
    shown = markdown_outputs(ROOT / "instructors" / "session_plans.ipynb")
    for s in SESSIONS:
        assert f"## Session {s['number']}: {s['title']}" in shown
        for r in s["reading"]:
            assert "; ".join(r["sections"]) in shown


# ---------------------------------------------------------------- worksheets


def _sentences(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"(?<=[.;:])\s+", " ".join(text.split())) if len(x.strip()) > 25]


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: f"session{s['number']}")
def test_worksheet_has_every_task_room_to_answer_and_no_key(session: dict[str, Any]) -> None:
    page = str(session_pages.worksheet(session["number"]))
    committed = markdown_outputs(ROOT / "instructors" / f"worksheet{session['number']}.ipynb")
    for text in (page, committed):
        flat = " ".join(text.split())
        assert flat.count('class="cb-worksheet-answer"') == len(session["worksheet"])
        for task in session["worksheet"]:
            assert " ".join(task["task"].split()) in flat
            for sentence in _sentences(task["key"]):
                assert sentence not in flat, f"key text on the worksheet: {sentence!r}"
            if task["explorer"]:
                e = RAW["explorers"][task["explorer"]]
                assert e["title"] in flat
                assert f"../chapters/{e['chapter']}" in flat
    assert "Key" not in page


def test_keys_page_holds_every_key() -> None:
    page = " ".join(str(session_pages.worksheet_keys()).split())
    for s in SESSIONS:
        for task in s["worksheet"]:
            assert " ".join(task["key"].split()) in page


def test_errata_named_in_the_plan_exist() -> None:
    known = set(data.load_all().errata["id"])
    text = (ROOT / "data" / "course" / "syllabus.yml").read_text(encoding="utf-8")
    named = set(re.findall(r"\bE\d{2}\b", text))
    assert named
    assert named <= known, named - known


# ---------------------------------------------------------------- the file's schema


def test_a_malformed_syllabus_is_reported_with_file_and_key_path(tmp_path: Path) -> None:
    broken = json.loads(json.dumps(RAW))
    del broken["module"]["title"]
    broken["sessions"][1]["blocks"][2]["minutes"] = "ten"
    broken["sessions"][0]["blocks"][0]["kind"] = "lecture"
    broken["sessions"][2]["worksheet"][0]["answer"] = "a misspelt key"
    path = tmp_path / "syllabus.yml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    with pytest.raises(syllabus.SyllabusError, match=r"syllabus\.yml: module\.title: missing") as err:
        syllabus.load_syllabus(path)
    lines = str(err.value).splitlines()
    assert all(line.startswith(f"{path}: ") for line in lines)
    assert f"{path}: module.title: missing" in lines
    assert any(line.startswith(f"{path}: sessions[1].blocks[2].minutes: expected an integer") for line in lines)
    assert any(line.startswith(f"{path}: sessions[0].blocks[0].kind: 'lecture'") for line in lines)
    assert any(line.startswith(f"{path}: sessions[2].worksheet[0].answer: unknown key") for line in lines)
    assert len(lines) == 4


def test_a_syllabus_that_is_not_yaml_is_reported_with_its_file(tmp_path: Path) -> None:
    path = tmp_path / "syllabus.yml"
    path.write_text("module: [unclosed\n", encoding="utf-8")
    with pytest.raises(syllabus.SyllabusError, match=r"syllabus\.yml: not valid YAML"):
        syllabus.load_syllabus(path)


def test_the_committed_syllabus_matches_its_schema() -> None:
    assert syllabus.schema_errors(RAW) == []
