"""The cell's own cuproptosis factors and the comparison of cell deaths (review/roles.py).

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import re

import pytest

from cuproptosis_book import data
from cuproptosis_book.review import roles as role_model


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all()


def test_roles_table_reasons_and_caveats(review):
    roles = role_model.cuproptosis_roles(review)
    assert set(roles.loc["fdx1", "bases"]) == {"stated", "figure3"}
    assert "reduces Cu²⁺" in roles.loc["fdx1", "why"]
    assert "E21" in roles.loc["fdx1", "caveat"]
    assert "E23" in roles.loc["fdx1", "caveat"]
    assert "sorafenib" in roles.loc["fdx1", "caveat"]
    assert "E23" in roles.loc["dlat", "caveat"]
    assert "LGOd1" in roles.loc["ccs", "why"]
    assert "TP-M-Cu-MOF/siATP7A" in roles.loc["atp7a", "why"]
    assert roles.loc["cdkn2a", "refs"] == (117,)
    assert roles.loc["steap", "caveat"] == ""


def test_death_comparison_marks_background_and_cites_the_review(review):
    table = role_model.death_comparison(review)
    assert list(table.columns) == ["cuproptosis", "apoptosis", "ferroptosis"]
    assert "[51]" in table.loc["Link to copper", "ferroptosis"]
    assert "GPX4" in table.loc["Link to copper", "ferroptosis"]
    assert "[65]" in table.loc["Link to copper", "apoptosis"]
    assert "[17,53]" in table.loc["Trigger", "cuproptosis"]
    assert "[54-57]" in table.loc["Who is most sensitive", "cuproptosis"]
    # every apoptosis/ferroptosis cell without a review reference is marked as background
    for col in ("apoptosis", "ferroptosis"):
        for cell in table[col]:
            assert "(background" in cell or re.search(r"\[\d", cell), cell
