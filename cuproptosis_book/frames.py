"""Typed access to the cells of the review's tables.

pandas types every cell it hands out (``.at``, ``.loc``, ``itertuples``, ``groupby`` keys, index labels) as a
union of all scalar types. The tables of :mod:`cuproptosis_book.data` are validated against their schema, so a
cell's Python type is known: text columns hold ``str`` (or ``None`` when optional), integer columns ``int``,
list columns (``refs`` …) a ``tuple``, boolean columns ``bool``. These helpers narrow a cell to that type and
raise :class:`TypeError` if the data ever disagree, instead of letting a wrong type travel on silently.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from numbers import Integral

import numpy as np
import pandas as pd

__all__ = [
    "as_bool",
    "as_int",
    "as_opt_str",
    "as_refs",
    "as_str",
    "as_strs",
    "refs_at",
    "str_at",
]


def as_str(value: object) -> str:
    """A text cell (or a text index label / group key) as ``str``."""
    if not isinstance(value, str):
        msg = f"expected text, found {type(value).__name__} {value!r}"
        raise TypeError(msg)
    return value


def as_opt_str(value: object) -> str | None:
    """An optional text cell: ``str`` or ``None`` (empty cells of object columns are ``None``)."""
    return None if value is None else as_str(value)


def as_int(value: object) -> int:
    """An integer cell (Python or NumPy integer, not a boolean) as ``int``."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, Integral):
        msg = f"expected an integer, found {type(value).__name__} {value!r}"
        raise TypeError(msg)
    return int(value)


def as_bool(value: object) -> bool:
    """A boolean cell (Python or NumPy) as ``bool``."""
    if not isinstance(value, bool | np.bool_):
        msg = f"expected a boolean, found {type(value).__name__} {value!r}"
        raise TypeError(msg)
    return bool(value)


def as_refs(value: object) -> tuple[int, ...]:
    """A list-of-integers cell (reference numbers), stored as a tuple by the loader."""
    if not isinstance(value, tuple):
        msg = f"expected a tuple of integers, found {type(value).__name__} {value!r}"
        raise TypeError(msg)
    return tuple(as_int(v) for v in value)


def as_strs(values: object) -> list[str]:
    """Text cells (a column, an index, a list-of-text cell stored as a tuple) as a list of ``str``."""
    if isinstance(values, str) or not isinstance(values, Iterable):
        msg = f"expected several texts, found {type(values).__name__} {values!r}"
        raise TypeError(msg)
    return [as_str(v) for v in values]


def str_at(frame: pd.DataFrame, index: Hashable, column: str) -> str:
    """The text cell of ``frame`` at row label ``index`` and ``column``."""
    return as_str(frame.at[index, column])


def refs_at(frame: pd.DataFrame, index: Hashable, column: str = "refs") -> tuple[int, ...]:
    """The reference numbers of ``frame`` at row label ``index``."""
    return as_refs(frame.at[index, column])
