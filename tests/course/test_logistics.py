"""Logistics that hold in a room: slack, setup, prompts used once, and one critical-reading rule on every page.

The expected values are read from data/course/syllabus.yml with PyYAML and from the pages' source files
directly; only the sentence under test comes from the package, and the test checks its numbers itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from cuproptosis_book.course import logistics, session_sources, syllabus

ROOT = Path(__file__).resolve().parents[2]
RAW: dict[str, Any] = yaml.safe_load((ROOT / "data" / "course" / "syllabus.yml").read_text(encoding="utf-8"))
CR = RAW["module"]["critical_reading"]
SHEET = (ROOT / "instructors" / "critical_reading_sheet.md").read_text(encoding="utf-8")
KEY = "\n".join(
    "".join(c["source"])
    for c in json.loads((ROOT / "instructors" / "critical_reading.ipynb").read_text(encoding="utf-8"))["cells"]
    if c["cell_type"] == "markdown"
)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_session_keeps_two_to_three_minutes_of_slack_and_session_1_starts_with_setup() -> None:
    for s in RAW["sessions"]:
        slack = sum(b["minutes"] for b in s["blocks"] if b["kind"] == "slack")
        assert 2 <= slack <= 3, f"session {s['number']}: {slack} minutes of slack"
        assert sum(b["minutes"] for b in s["blocks"]) == RAW["module"]["session_minutes"]
    assert RAW["sessions"][0]["blocks"][0]["kind"] == "setup"


def test_every_prompt_of_a_session_is_used_by_exactly_one_block_in_plan_order() -> None:
    seen: list[int] = []
    for s in RAW["sessions"]:
        prompts = [p for b in s["blocks"] for p in b.get("prompts", [])]
        assert len(prompts) == len(set(prompts)), f"session {s['number']}: {prompts}"
        seen += prompts
    assert sorted(seen) == list(range(1, 8)), "every discussion prompt of the notes page is used once"


def test_each_session_has_an_exit_ticket_a_checklist_and_delivery_notes() -> None:
    for s in RAW["sessions"]:
        assert 2 <= len(s["exit_ticket"]) <= 4
        assert not set(s["exit_ticket"]) & set(s.get("warm_up") or []), "a warm-up and an exit ticket share items"
        assert len(s["preparation"]) >= 3
    assert RAW["module"]["delivery"]["live_online"]
    assert RAW["module"]["delivery"]["hybrid"]


def test_critical_reading_plan_task_sheet_and_key_agree() -> None:
    groups = len(CR["allocation"])
    assert groups == RAW["module"]["class_size"] // 4 == 6
    assert RAW["module"]["groups"].startswith("six groups of four")
    minutes = groups * CR["present_minutes"] + CR["close_minutes"]
    # the plan: the presentations block lasts exactly the rule's minutes and states them
    blocks = [b for s in RAW["sessions"] for b in s["blocks"] if "critical_reading_sheet" in b["text"]]
    presenting = [b for b in blocks if b["kind"] == "discussion"]
    assert len(presenting) == 1
    assert presenting[0]["minutes"] == minutes == 24
    text = flat(presenting[0]["text"])
    assert "six groups" in text
    assert "three minutes" in text
    assert f"{groups * CR['present_minutes']} minutes" in text
    # the task sheet and the key carry the same sentence, with the same numbers
    rule = logistics.critical_reading_rule()
    assert f"{minutes} minutes in all" in rule
    assert f"in {CR['present_minutes']} minutes" in rule
    assert rule.startswith("Six groups, one task each")
    assert rule in flat(SHEET)
    assert rule in flat(KEY)
    for old in ("each pair takes two tasks", "Pairs take two tasks", "50 minutes", "two errata"):
        for where, page in (("task sheet", SHEET), ("key", KEY), ("syllabus", yaml.safe_dump(RAW))):
            assert old not in page, f"{where} still says {old!r}"
    # every task of the sheet is allocated, and the allocation is on the sheet
    tasks = {int(n) for n in re.findall(r"^## Task (\d+)\.", SHEET, re.MULTILINE)}
    assert tasks == {a["task"] for a in CR["allocation"]} == {1, 2, 3, 4, 5}
    for a in CR["allocation"]:
        assert re.search(rf"^\| {a['group']} \| {a['task']} \|", SHEET, re.MULTILINE), a


def test_the_checker_reports_a_critical_reading_block_that_does_not_fit() -> None:
    broken = json.loads(json.dumps(RAW))
    broken["module"]["critical_reading"]["present_minutes"] = 5
    for s in broken["sessions"]:
        s["blocks"] = [b for b in s["blocks"] if b["kind"] != "slack"]
    found = logistics.logistics_problems(syllabus.parse_syllabus(broken))
    assert any("critical-reading block lasts 24 minutes" in p for p in found)
    assert sum("minutes of slack" in p for p in found) == 4
    assert session_sources.problems() == []


def test_each_worksheet_has_one_pdf() -> None:
    # the worksheet PDF is printed beside its page by `make slides`; the chapter handouts leave worksheets out
    from cuproptosis_book.site.handouts import chapter_pages
    from cuproptosis_book.toc import toc_pages

    worksheets = [p for p in toc_pages(ROOT) if re.fullmatch(r"instructors/worksheet\d+", p)]
    assert len(worksheets) == len(RAW["sessions"])
    assert not set(worksheets) & set(chapter_pages(ROOT))
