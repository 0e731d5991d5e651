"""The logistics of the taught module, read from ``data/course/syllabus.yml``: the critical-reading rule, slack,
setup, prompts used once, preparation checklists and the notes for live-online and hybrid delivery.

Design (why): an instructor meets the critical-reading activity on four pages (the session 3 and 4 plans, the
students' task sheet and the key). When they disagree (pairs or groups, two tasks or one, 24 or 50 minutes)
the activity breaks in the room, so its rule, allocation and timing live once in the syllabus data and
:func:`critical_reading_rule` writes the one sentence every page carries; :func:`logistics_problems` checks the
plans against it (and ``tests/course/test_logistics.py`` checks the pages).
"""

from __future__ import annotations

from cuproptosis_book.course.syllabus import Session, Syllabus, load_syllabus

#: Slack a session keeps for transitions and a late start (minutes, inclusive).
SLACK_MINUTES = (2, 3)

#: The block of session 4 that holds the presentations names this page.
CRITICAL_READING_PAGE = "critical_reading_sheet"

_NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


def _word(n: int) -> str:
    return _NUMBER_WORDS.get(n, str(n))


def critical_reading_rule(syl: Syllabus | None = None) -> str:
    """The one sentence that says how the critical-reading activity runs (task sheet, key and plans)."""
    syl = syl or load_syllabus()
    cr = syl.critical_reading
    tasks = sorted({a.task for a in cr.allocation})
    shared = sorted({a.task for a in cr.allocation if [b.task for b in cr.allocation].count(a.task) > 1})
    unit = "groups" if cr.rule == "groups" else "pairs"
    shared_text = (
        " (" + ", ".join(f"task {t}" for t in shared) + f" is shared by two {unit}, each taking one part)"
        if shared
        else ""
    )
    return (
        f"{_word(cr.groups).capitalize()} {unit}, one task each{shared_text}, {len(tasks)} tasks in all. Each "
        f"{unit[:-1]} prepares its task as homework after session 3 (about {cr.preparation_minutes} minutes) "
        f"and presents it in session 4 in {cr.present_minutes} minutes: {cr.groups * cr.present_minutes} minutes "
        f"of presentations and {cr.close_minutes} minutes to close, {cr.minutes} minutes in all."
    )


def allocation_table(syl: Syllabus | None = None) -> str:
    """The allocation of tasks to groups, as a Markdown table."""
    syl = syl or load_syllabus()
    cr = syl.critical_reading
    unit = "group" if cr.rule == "groups" else "pair"
    rows = [f"| {unit} | task | part |", "|---:|---:|---|"]
    rows += [f"| {a.group} | {a.task} | {a.part or 'the whole task'} |" for a in cr.allocation]
    return "\n".join(rows)


def presentation_session(syl: Syllabus) -> Session | None:
    """The session whose plan holds the critical-reading presentations."""
    for s in syl.sessions:
        if any(CRITICAL_READING_PAGE in b.text and b.kind == "discussion" for b in s.blocks):
            return s
    return None


def logistics_problems(syl: Syllabus | None = None) -> list[str]:
    """What breaks in a room: no slack, no setup in session 1, a prompt used twice or never, no exit ticket,
    a critical-reading block whose minutes differ from the activity's rule."""
    syl = syl or load_syllabus()
    out: list[str] = []
    low, high = SLACK_MINUTES
    for s in syl.sessions:
        slack = s.minutes_of("slack")
        if not low <= slack <= high:
            out.append(f"session {s.number}: {slack} minutes of slack, expected {low}-{high}")
        prompts = [p for b in s.blocks for p in b.prompts]
        out += [
            f"session {s.number}: prompt {p} is used by more than one block"
            for p in set(prompts)
            if prompts.count(p) > 1
        ]
        if not s.exit_ticket:
            out.append(f"session {s.number}: no exit ticket")
        if s.warm_up and not any(b.kind == "quiz" and "warm-up" in b.text.lower() for b in s.blocks):
            out.append(f"session {s.number}: a warm-up but no quiz block that runs it")
        if not s.preparation:
            out.append(f"session {s.number}: no preparation checklist")
    if syl.sessions and syl.sessions[0].blocks[0].kind != "setup":
        out.append("session 1: the first block is not a setup block")
    cr = syl.critical_reading
    where = presentation_session(syl)
    if where is None:
        out.append("no session plan holds the critical-reading presentations")
    else:
        block = next(b for b in where.blocks if CRITICAL_READING_PAGE in b.text and b.kind == "discussion")
        if block.minutes != cr.minutes:
            out.append(
                f"session {where.number}: the critical-reading block lasts {block.minutes} minutes, but "
                f"{cr.groups} × {cr.present_minutes} + {cr.close_minutes} = {cr.minutes}"
            )
    groups = [a.group for a in cr.allocation]
    if groups != list(range(1, len(groups) + 1)):
        out.append(f"critical reading: groups must be numbered 1 to {len(groups)} once each: {groups}")
    return out
