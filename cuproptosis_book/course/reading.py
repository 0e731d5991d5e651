"""Critical-reading tasks for instructors: errata of the review turned into questions, with their key."""
from __future__ import annotations

import pandas as pd

from cuproptosis_book.data import ReviewData, load_all

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
