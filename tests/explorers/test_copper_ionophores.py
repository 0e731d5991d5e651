"""The copper-ionophores chapter's explorers (explorers/copper_ionophores.py): the ionophore and the copper-class explorer.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import json
import re

import pytest
from explorer_checks import on_keys, text_of

from cuproptosis_book import data
from cuproptosis_book.explorers import copper_ionophores
from cuproptosis_book.text import item_id


@pytest.fixture(scope="module")
def review():
    return data.load_all()


# --------------------------------------------------------------------------- explorers: ionophores


def test_ionophore_explorer_highlights_the_chosen_row(review) -> None:
    ex = copper_ionophores.ionophore_explorer(review=review)
    assert ex.default_key == "elesclomol"
    assert [c.values for c in ex.controls] == [
        ("elesclomol", "disulfiram", "clioquinol", "cu_atsm", "cu_gtsm", "curcumin")
    ]
    for agent in ex.controls[0].values:
        assert on_keys(ex, ionophore=agent) == {agent}
    default = text_of(ex.select().panel)
    assert "Elesclomol binds FDX1 (in the mitochondrion) [53]" in default
    assert "earlier view" in default
    assert "phase III" in default
    assert "E15" in default
    cq = text_of(ex.select(ionophore="clioquinol").panel)
    assert "CQ-Cu lowers the activity or amount of XIAP [65]" in cq
    assert "prostate cancer [65]" in cq
    assert "Errata: none names this agent." in cq
    dsf = text_of(ex.select(ionophore="disulfiram").panel)
    assert "Disulfiram-Cu triggers ferroptosis [63]" in dsf
    assert "hepatocellular carcinoma [63]" in dsf
    assert "E16" in text_of(ex.select(ionophore="cu_atsm").panel)


def test_ionophore_explorer_site_html(review) -> None:
    ex = copper_ionophores.ionophore_explorer(review=review)
    html = ex.html()
    assert f'<tr id="{item_id("ionophores", "elesclomol")}" class="cb-on">' in html
    assert f'<tr id="{item_id("ionophores", "curcumin")}" class="cb-off">' in html
    payload = json.loads(re.search(r'<script type="application/json" class="cb-states">(.*?)</script>', html).group(1))
    assert payload["states"]["disulfiram"]["on"] == ["disulfiram"]
    assert len(payload["states"]) == 6


def test_ionophore_explorer_widget_updates(review) -> None:
    ex = copper_ionophores.ionophore_explorer(review=review)
    w = ex.widget()
    assert "Elesclomol binds FDX1" in w.output.value
    w.controls[0].value = "clioquinol"
    assert "CQ-Cu lowers the activity or amount of XIAP" in w.output.value
    assert f'id="{item_id("ionophores", "clioquinol")}" class="cb-on"' in w.output.value


def test_copper_class_explorer(review) -> None:
    ex = copper_ionophores.copper_class_explorer(review=review)
    assert ex.default_key == "curcumin"
    assert set(ex.controls[0].values) == {
        "elesclomol",
        "disulfiram",
        "clioquinol",
        "thiosemicarbazones",
        "curcumin",
        "tetrathiomolybdate",
        "jyfy_001",
    }
    for compound in ex.controls[0].values:
        assert on_keys(ex, compound=compound) == {compound}
    # curcumin is drawn in both columns, the others once
    assert item_id("copper-class", "curcumin", "ion") in ex.view
    assert item_id("copper-class", "curcumin", "chel") in ex.view
    assert item_id("copper-class", "tetrathiomolybdate", "chel") in ex.view
    assert item_id("copper-class", "tetrathiomolybdate", "ion") not in ex.view
    assert item_id("copper-class", "elesclomol", "chel") not in ex.view
    panel = text_of(ex.select().panel)
    assert "copper ionophores [82,83]" in panel
    assert "copper chelators [93]" in panel
    assert "Both at once?" in panel
    assert "E24" in panel
    assert "lower" in text_of(ex.select(compound="tetrathiomolybdate").panel)
    assert "raise" in text_of(ex.select(compound="elesclomol").panel)
    w = ex.widget()
    w.controls[0].value = "jyfy_001"
    assert "copper chelators [94]" in text_of(w.output.value)
