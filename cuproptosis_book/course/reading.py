"""The critical-reading activity: which errata of the review its tasks use, and the instructor's key.

The student sheet (``instructors/critical_reading_sheet.md``) is written by hand: it points to passages by
section and position and names no erratum. The key is built here from ``data/errata.csv`` so that it cannot
drift from the data. The tasks use errata that no chapter explains (a test checks the chapters' prose).
"""

from __future__ import annotations

import pandas as pd

from cuproptosis_book.data import ReviewData, review_of

#: Task number of the student sheet -> the errata its key rests on.
READING_TASKS: dict[int, tuple[str, ...]] = {
    1: ("E01", "E46"),
    2: ("E44",),
    3: ("E47",),
    4: ("E49", "E50"),
    5: ("E48",),
}

#: Every erratum the activity uses, in task order.
READING_ERRATA: tuple[str, ...] = tuple(e for ids in READING_TASKS.values() for e in ids)


def errata_key(review: ReviewData | None = None) -> pd.DataFrame:
    """The instructor's key: per task and erratum, the kind of problem, what is wrong, the evidence, the book's reading."""
    review = review_of(review)
    e = review.errata.set_index("id")
    return pd.DataFrame(
        [
            {
                "task": task,
                "erratum": eid,
                "kind of problem": str(e.loc[eid, "category"]).replace("_", " "),
                "what is wrong": e.loc[eid, "issue"],
                "evidence in the review": e.loc[eid, "evidence"],
                "reading the book follows": e.loc[eid, "used_in_book"],
            }
            for task, ids in READING_TASKS.items()
            for eid in ids
        ],
        columns=[
            "task",
            "erratum",
            "kind of problem",
            "what is wrong",
            "evidence in the review",
            "reading the book follows",
        ],
    )
