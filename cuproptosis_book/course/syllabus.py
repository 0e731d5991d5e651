"""The taught module as data: ``data/course/syllabus.yml`` checked against its schema and read into dataclasses.

Design (why): an instructor who teaches the module next week needs a plan that fits the time, a worksheet per
session and slides; when the plan changes, all three must change together. So the plan lives in one YAML file
(sessions, pre-reading, timed blocks, worksheet tasks with their keys) that an instructor edits, and the pages
(:mod:`.session_pages`) and the slide decks (:mod:`cuproptosis_book.site.decks`) are generated from it.

The file is checked before it is read (:func:`schema_errors`): a missing key, an unknown key or a value of the
wrong type is reported with the file and the key path (``sessions[2].blocks[3].minutes``), so an edit that breaks
the file says where. References to the book (chapters, sections, explorers, exercises) are checked against the
notebooks by :func:`cuproptosis_book.course.session_sources.problems`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

import yaml

from cuproptosis_book.paths import data_dir
from cuproptosis_book.validate.syllabus_file import KINDS, schema_errors  # the schema lives with the validator

__all__ = ["KINDS", "schema_errors"]

Kind = Literal["setup", "demonstration", "students", "discussion", "quiz", "slack"]
KIND_LABEL = {
    "setup": "setup",
    "demonstration": "demonstration",
    "students": "students at work",
    "discussion": "discussion",
    "quiz": "quiz",
    "slack": "slack (transitions)",
}


def syllabus_path() -> Path:
    """``data/course/syllabus.yml``: kept beside, not inside, the review's data package."""
    return data_dir() / "course" / "syllabus.yml"


class SyllabusError(ValueError):
    """The syllabus file is malformed or refers to something the book does not have."""


@dataclass(frozen=True)
class Block:
    minutes: int
    kind: Kind
    text: str
    explorers: tuple[str, ...] = ()
    exercises: tuple[str, ...] = ()
    prompts: tuple[int, ...] = ()
    figures: tuple[int, ...] = ()


@dataclass(frozen=True)
class Reading:
    chapter: str
    sections: tuple[str, ...]


@dataclass(frozen=True)
class Task:
    explorer: str | None
    task: str
    lines: int
    key: str


@dataclass(frozen=True)
class Session:
    number: int
    title: str
    chapters: tuple[str, ...]
    reading: tuple[Reading, ...]
    guiding_questions: tuple[str, ...]
    blocks: tuple[Block, ...]
    homework: str
    worksheet: tuple[Task, ...]
    warm_up: tuple[str, ...] = ()
    exit_ticket: tuple[str, ...] = ()
    preparation: tuple[str, ...] = ()

    @property
    def figures(self) -> tuple[int, ...]:
        """The review figures shown in the session, in the order of the blocks that show them."""
        return tuple(n for b in self.blocks for n in b.figures)

    @property
    def prompts(self) -> tuple[int, ...]:
        """The discussion prompts of the session, in the order of the blocks that use them."""
        return tuple(p for b in self.blocks for p in b.prompts)

    @property
    def quiz(self) -> tuple[str, ...]:
        """Every quiz item of the session: the warm-up, then the exit ticket."""
        return self.warm_up + self.exit_ticket

    @property
    def minutes(self) -> int:
        return sum(b.minutes for b in self.blocks)

    def minutes_of(self, kind: str) -> int:
        return sum(b.minutes for b in self.blocks if b.kind == kind)


@dataclass(frozen=True)
class ExplorerRef:
    id: str
    chapter: str
    section: str
    call: str
    title: str


@dataclass(frozen=True)
class Scaling:
    students: int
    notes: str


@dataclass(frozen=True)
class Allocation:
    """One group's critical-reading task (``part`` when two groups share a task)."""

    group: int
    task: int
    part: str = ""


@dataclass(frozen=True)
class CriticalReading:
    """How the critical-reading activity runs: one rule, one allocation, one timing for every page."""

    rule: str
    preparation_minutes: int
    present_minutes: int
    close_minutes: int
    allocation: tuple[Allocation, ...]

    @property
    def groups(self) -> int:
        return len(self.allocation)

    @property
    def minutes(self) -> int:
        """Minutes of the presentations block in class: every group presents, then the close."""
        return self.groups * self.present_minutes + self.close_minutes


@dataclass(frozen=True)
class Syllabus:
    title: str
    session_minutes: int
    max_demonstration_share: float
    words_per_minute: int
    class_size: int
    groups: str
    scaling: tuple[Scaling, ...]
    critical_reading: CriticalReading
    live_online: tuple[str, ...]
    hybrid: tuple[str, ...]
    wrap_up: tuple[str, ...]
    explorers: dict[str, ExplorerRef]
    sessions: tuple[Session, ...]
    online_intro: str
    online: tuple[Block, ...]

    def session(self, number: int) -> Session:
        for s in self.sessions:
            if s.number == number:
                return s
        msg = f"no session {number}"
        raise KeyError(msg)


def _block(raw: dict[str, Any]) -> Block:
    return Block(
        int(raw["minutes"]),
        cast(Kind, raw["kind"]),
        str(raw["text"]).strip(),
        tuple(raw.get("explorers") or ()),
        tuple(raw.get("exercises") or ()),
        tuple(raw.get("prompts") or ()),
        tuple(raw.get("figures") or ()),
    )


def parse_syllabus(raw: Any, source: str = "syllabus.yml") -> Syllabus:
    """The syllabus from its YAML mapping; raises :class:`SyllabusError` naming ``source`` and the key paths."""
    errors = schema_errors(raw)
    if errors:
        raise SyllabusError(f"{source}: " + f"\n{source}: ".join(errors))
    module = raw["module"]
    cr = module["critical_reading"]
    sessions = tuple(
        Session(
            number=s["number"],
            title=s["title"],
            chapters=tuple(s["chapters"]),
            reading=tuple(Reading(r["chapter"], tuple(r["sections"])) for r in s["reading"]),
            guiding_questions=tuple(s["guiding_questions"]),
            warm_up=tuple(s.get("warm_up") or ()),
            exit_ticket=tuple(s["exit_ticket"]),
            preparation=tuple(str(p).strip() for p in s["preparation"]),
            blocks=tuple(_block(b) for b in s["blocks"]),
            homework=str(s.get("homework", "")).strip(),
            worksheet=tuple(
                Task(t.get("explorer"), t["task"].strip(), int(t.get("lines", 4)), t["key"].strip())
                for t in s["worksheet"]
            ),
        )
        for s in raw["sessions"]
    )
    return Syllabus(
        title=module["title"],
        session_minutes=module["session_minutes"],
        max_demonstration_share=float(module["max_demonstration_share"]),
        words_per_minute=module["reading_words_per_minute"],
        class_size=module["class_size"],
        groups=module["groups"],
        scaling=tuple(Scaling(x["students"], x["notes"].strip()) for x in module["scaling"]),
        critical_reading=CriticalReading(
            rule=cr["rule"],
            preparation_minutes=cr["preparation_minutes"],
            present_minutes=cr["present_minutes"],
            close_minutes=cr["close_minutes"],
            allocation=tuple(Allocation(a["group"], a["task"], str(a.get("part") or "")) for a in cr["allocation"]),
        ),
        live_online=tuple(module["delivery"]["live_online"]),
        hybrid=tuple(module["delivery"]["hybrid"]),
        wrap_up=tuple(str(w).strip() for w in module["wrap_up"]),
        explorers={k: ExplorerRef(k, **v) for k, v in raw["explorers"].items()},
        sessions=sessions,
        online_intro=raw["online"]["intro"].strip(),
        online=tuple(_block(b) for b in raw["online"]["activities"]),
    )


def load_syllabus(path: Path | None = None) -> Syllabus:
    """Read and check ``data/course/syllabus.yml`` (or ``path``)."""
    path = path or syllabus_path()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        msg = f"{path}: not valid YAML: {err}"
        raise SyllabusError(msg) from err
    return parse_syllabus(raw, str(path))
