"""The cuproptosis chapter's explorers (explorers/cuproptosis.py): the cascade stepper and the roles explorer.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import pytest
from explorer_checks import classes, lit, pathways_slug

from cuproptosis_book import data
from cuproptosis_book.explorers import cuproptosis
from cuproptosis_book.review import pathways


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all()


# --------------------------------------------------------------------------- cuproptosis cascade


CASCADE = {
    "entry": ("Step 1 of 8", "elesclomol", "STEAP", "SLC31A1/Ctr1", "transports"),
    "reduce": ("Step 2 of 8", "FDX1", "reduces", "[8,17,21,53]"),
    "lipoylate": ("Step 3 of 8", "LIAS", "lipoylates", "DLAT", "TCA cycle"),
    "bind": ("Step 4 of 8", "binds", "DLAT", "erratum E13", "[17,53]"),
    "aggregate": ("Step 5 of 8", "aggregates", "inhibits", "TCA cycle"),
    "fes": ("Step 6 of 8", "destabilizes", "Fe-S cluster proteins", "[17,53]"),
    "stress": ("Step 7 of 8", "proteotoxic stress", "induces"),
    "death": ("Step 8 of 8", "cuproptosis", "FDX1", "LIAS", "[17,53]"),
}


@pytest.mark.parametrize("step", list(CASCADE))
def test_cascade_each_stage(review, step):
    ex = cuproptosis.cuproptosis_cascade_explorer(review=review)
    state = ex.select(step=step)
    expected = {step} if step == "entry" else {step, f"to-{step}"}
    assert state.on == frozenset(expected)
    assert lit(ex.render(ex.key(step=step)), "cuproptosis-cascade") == expected
    for words in CASCADE[step]:
        assert words in state.panel, (step, words)
    w = ex.widget()
    w.controls[0].value = step
    assert CASCADE[step][0] in w.output.value


def test_cascade_order_and_copper_forms(review):
    ex = cuproptosis.cuproptosis_cascade_explorer(review=review)
    assert ex.controls[0].values == tuple(CASCADE)
    assert ex.stepper
    views = {v.key: v for v in pathways.step_views(pathways.cascade_steps(), review)}
    assert views["reduce"].copper == "Cu²⁺ → Cu⁺"
    assert views["lipoylate"].copper == ""  # no copper in the lipoylation rows
    assert views["bind"].copper == "Cu⁺"
    assert views["death"].place == ""
    assert views["reduce"].place == "mitochondrion"


# --------------------------------------------------------------------------- cuproptosis roles


PROMOTES_STATED = {"slc30a1", "fdx1", "lias", "muc20", "linc02362"}


PROMOTES_FIG3 = {"fdx1", "lias", "steap", "slc31a1", "dlat"}


PROTECTS_STATED = {"cdkn2a"}


PROTECTS_INFERRED = {"atp7a", "atp7b", "slc46a3", "mt", "gsh", "ccs"}


LOST = {"fe_s_proteins"}


ROLE_CASES = {
    ("promotes", "any"): PROMOTES_STATED | PROMOTES_FIG3,
    ("promotes", "stated"): PROMOTES_STATED,
    ("promotes", "figure3"): PROMOTES_FIG3,
    ("promotes", "inferred"): set(),
    ("protects", "any"): PROTECTS_STATED | PROTECTS_INFERRED,
    ("protects", "stated"): PROTECTS_STATED,
    ("protects", "figure3"): set(),
    ("protects", "inferred"): PROTECTS_INFERRED,
    ("lost", "any"): LOST,
    ("lost", "stated"): set(),
    ("lost", "figure3"): LOST,
    ("lost", "inferred"): set(),
    ("all", "any"): PROMOTES_STATED | PROMOTES_FIG3 | PROTECTS_STATED | PROTECTS_INFERRED | LOST,
    ("all", "stated"): PROMOTES_STATED | PROTECTS_STATED,
    ("all", "figure3"): PROMOTES_FIG3 | LOST,
    ("all", "inferred"): PROTECTS_INFERRED,
}


@pytest.mark.parametrize(("role", "basis"), list(ROLE_CASES))
def test_roles_filter_keeps_the_right_rows(review, role, basis):
    ex = cuproptosis.cuproptosis_roles_explorer(review=review)
    assert ex.mode == "filter"
    expected = ROLE_CASES[(role, basis)]
    state = ex.select(role=role, basis=basis)
    assert state.on == frozenset(expected)
    shown = classes(ex.render(ex.key(role=role, basis=basis)), "cuproptosis-roles")
    assert {k for k, c in shown.items() if c == "cb-on"} == {pathways_slug(e) for e in expected}
    assert len(shown) == len(ROLE_CASES[("all", "any")])  # every factor has a row; the rest are hidden
    if expected:
        assert f"{len(expected)} factor" in state.panel
    else:
        assert "No factor matches" in state.panel


@pytest.mark.parametrize(("role", "basis"), [("protects", "inferred"), ("lost", "any"), ("all", "stated")])
def test_roles_live_widget(review, role, basis):
    ex = cuproptosis.cuproptosis_roles_explorer(review=review)
    w = ex.widget()
    w.controls[0].value = role
    w.controls[1].value = basis
    assert lit(w.output.value, "cuproptosis-roles") == {pathways_slug(e) for e in ROLE_CASES[(role, basis)]}


def test_roles_default_shows_the_promoters(review):
    ex = cuproptosis.cuproptosis_roles_explorer(review=review)
    assert ex.default_key == "promotes|any"
    assert lit(ex.html(), "cuproptosis-roles") == {pathways_slug(e) for e in PROMOTES_STATED | PROMOTES_FIG3}
