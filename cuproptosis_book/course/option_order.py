"""The order in which a question shows its options: balanced, deterministic, independent of the CSV order.

Why: authors tend to write the right answer first (and longest). Shown in that order, a quiz rewards guessing
by position. Each question's options are therefore shuffled with a random generator seeded by the question's
id, so the order is the same on every build, in every printout and in every LMS package, and changes only
when the question's id or options change. Options that are counts ("None of them", "One of them", …, values
``0``, ``1``, …) keep their natural order, since shuffling numbers only confuses.
``tests/course/test_quiz.py`` checks that no position holds more than about a third of the keys.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def seeded_order(question_id: str, items: Sequence[T], values: Sequence[str] | None = None) -> tuple[T, ...]:
    """``items`` in the display order of question ``question_id``.

    ``values`` are the options' data values, in the same order as ``items``: when every one of them is a
    whole number the items are returned sorted by that number instead of shuffled.
    """
    if values is not None and values and all(v.isdigit() for v in values):
        return tuple(item for _, item in sorted(zip((int(v) for v in values), items, strict=True), key=lambda p: p[0]))
    seed = int.from_bytes(hashlib.sha256(question_id.encode("utf-8")).digest()[:8], "big")
    shuffled = list(items)
    random.Random(seed).shuffle(shuffled)
    return tuple(shuffled)
