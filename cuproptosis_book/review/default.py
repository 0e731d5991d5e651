"""The one default every model function shares: the review loaded from the book's ``data/``."""

from __future__ import annotations

from cuproptosis_book.data import ReviewData, load_all


def review_of(review: ReviewData | None) -> ReviewData:
    """``review`` itself, or the review read from the book's data folder when ``None``."""
    return review if review is not None else load_all()
