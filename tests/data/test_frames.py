"""Typed cell access: each helper returns the cell as its schema type and refuses a cell of another type."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cuproptosis_book.frames import as_bool, as_int, as_opt_str, as_refs, as_str, as_strs, refs_at, str_at


@pytest.fixture
def frame() -> pd.DataFrame:
    """A small table shaped like the loader's: object columns with None and tuples, an int64 and a bool column."""
    index = pd.Index(["slc31a1", "fdx1"], name="id", dtype=object)
    return pd.DataFrame(
        {
            "label": pd.Series(["CTR1", "FDX1"], index=index, dtype=object),
            "note": pd.Series([None, "a note"], index=index, dtype=object),
            "refs": pd.Series([(17, 20), ()], index=index, dtype=object),
            "count": pd.Series([3, 4], index=index, dtype="int64"),
            "flag": pd.Series([True, False], index=index, dtype=bool),
        },
    )


def test_text_cells(frame: pd.DataFrame) -> None:
    assert str_at(frame, "fdx1", "label") == "FDX1"
    assert as_opt_str(frame.at["slc31a1", "note"]) is None
    assert as_opt_str(frame.at["fdx1", "note"]) == "a note"
    assert as_strs(frame.index) == ["slc31a1", "fdx1"]
    assert as_strs(("a", "b")) == ["a", "b"]


def test_number_and_flag_cells(frame: pd.DataFrame) -> None:
    value = as_int(frame.at["fdx1", "count"])
    assert value == 4
    assert type(value) is int
    numpy_value = as_int(np.int64(7))  # a NumPy integer (what an int64 array holds) becomes a Python int
    assert numpy_value == 7
    assert type(numpy_value) is int
    flag = as_bool(frame.at["slc31a1", "flag"])
    assert flag is True


def test_reference_cells(frame: pd.DataFrame) -> None:
    assert refs_at(frame, "slc31a1") == (17, 20)
    assert refs_at(frame, "fdx1") == ()
    assert as_refs((np.int64(5),)) == (5,)


@pytest.mark.parametrize(
    ("helper", "value"),
    [
        (as_str, None),
        (as_str, 3),
        (as_opt_str, float("nan")),
        (as_int, True),
        (as_int, np.bool_(False)),
        (as_int, 2.0),
        (as_bool, 1),
        (as_refs, [1, 2]),
        (as_refs, ("1",)),
        (as_strs, "abc"),
        (as_strs, 5),
        (as_strs, ("a", None)),
    ],
)
def test_a_cell_of_another_type_is_refused(helper: object, value: object) -> None:
    assert callable(helper)
    with pytest.raises(TypeError, match=r"^expected [\w ]+, found \w+ "):
        helper(value)


def test_the_error_names_what_was_found() -> None:
    with pytest.raises(TypeError, match=r"expected text, found int 3"):
        as_str(3)
