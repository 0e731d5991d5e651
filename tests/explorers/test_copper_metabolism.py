"""The copper-metabolism chapter's explorers (explorers/copper_metabolism.py): the copper-journey stepper and the
chaperone explorer.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import pytest
from explorer_checks import lit, pathways_slug
from review_facts import ALL_NODES

from cuproptosis_book import data
from cuproptosis_book.explorers import copper_metabolism, cuproptosis
from cuproptosis_book.review import pathways


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all()


# --------------------------------------------------------------------------- copper journey


JOURNEY = {
    # step: (words the panel must contain)
    "reduce": ("Step 1 of 7", "STEAP", "Dcytb", "reduces", "[8,21-23]", "small intestine"),
    "import": ("Step 2 of 7", "SLC31A1/Ctr1", "ZnT1", "SLC31A2/Ctr2", "erratum E03", "[20,25]"),
    "blood": ("Step 3 of 7", "albumin", "ceruloplasmin", "liver", "no reference for this step"),
    "store": ("Step 4 of 7", "MT1/2", "GSH", "sequesters", "liver"),
    "chaperone": ("Step 5 of 7", "COX17", "mitochondrion", "[32,38]"),
    "sco": ("Step 6 of 7", "SCO1", "SCO2", "delivers", "[38]"),
    "cco": ("Step 7 of 7", "MT-CO2", "cytochrome c oxidase", "SCO1", "[38]"),
}


def test_journey_has_one_slider_stepper_with_the_seven_steps_in_order(review):
    ex = copper_metabolism.copper_journey_explorer(review=review)
    assert ex.stepper
    assert ex.mode == "highlight"
    (control,) = ex.controls
    assert control.kind == "slider"
    assert control.values == tuple(JOURNEY)
    assert ex.default_key == "reduce"


@pytest.mark.parametrize("step", list(JOURNEY))
def test_journey_each_step_lights_its_box_and_arrow_and_explains_it(review, step):
    ex = copper_metabolism.copper_journey_explorer(review=review)
    state = ex.select(step=step)
    expected = {step} if step == "reduce" else {step, f"to-{step}"}
    assert lit(ex.render(ex.key(step=step)), "copper-journey") == expected
    assert state.on == frozenset(expected)
    for words in JOURNEY[step]:
        assert words in state.panel, (step, words)


@pytest.mark.parametrize("step", list(JOURNEY))
def test_journey_live_widget_follows_the_slider(review, step):
    ex = copper_metabolism.copper_journey_explorer(review=review)
    w = ex.widget()
    w.controls[0].value = step
    assert JOURNEY[step][0] in w.output.value
    assert lit(w.output.value, "copper-journey") == ({step} if step == "reduce" else {step, f"to-{step}"})


def test_journey_site_html_shows_the_first_step_and_all_panels(review):
    ex = copper_metabolism.copper_journey_explorer(review=review)
    html = ex.html()
    assert lit(html, "copper-journey") == {"reduce"}
    assert html.count('class="cb-panel"') == 7
    assert 'type="range"' in html
    assert 'class="cb-step"' in html


def test_journey_boxes_show_the_copper_form_and_the_actors(review):
    views = {v.key: v for v in pathways.step_views(pathways.journey_steps(), review)}
    assert views["reduce"].copper == "Cu²⁺ → Cu⁺"
    assert views["store"].copper == "Cu⁺"
    assert views["blood"].copper == "Cu"
    assert views["import"].copper == "Cu⁺ / Cu²⁺"  # Ctr1 (Cu⁺) and the disputed ZnT1 route (Cu²⁺); not "Cu"
    assert views["reduce"].actors == ("STEAP", "Dcytb")
    assert views["cco"].actors == ("SCO1", "SCO2")  # part_of / promotes rows do not add actors
    assert views["blood"].place == "bloodstream"


# --------------------------------------------------------------------------- chaperones


ATOX1_ON = {
    "cu_i",
    "atox1",
    "e-cu_i-atox1",
    "atp7a",
    "atp7b",
    "nucleus",
    "golgi",
    "extracellular",
    "e-atox1-atp7a",
    "e-atox1-atp7b",
    "e-atox1-nucleus",
    "e-atox1-golgi",
    "e-atp7a-golgi",
    "e-atp7a-extracellular",
    "e-atp7b-golgi",
    "e-atp7b-extracellular",
}


CCS_ON = {"cu_i", "ccs", "e-cu_i-ccs", "sod1", "nucleus", "e-ccs-sod1", "e-ccs-nucleus"}


COX17_ON = {
    "cu_i",
    "cox17",
    "e-cu_i-cox17",
    "mitochondrion",
    "sco1",
    "sco2",
    "mt_co2",
    "e-cox17-mitochondrion",
    "e-cox17-sco1",
    "e-cox17-sco2",
    "e-sco1-mt_co2",
    "e-sco2-mt_co2",
}


#: Routes the chaperone view omits because a drawn path implies them (the transitive reduction).
NOT_DRAWN = {"e-atox1-golgi"}


CHAPERONE = {
    "atox1": (
        ATOX1_ON,
        ("ATOX1", "antioxidant 1 copper chaperone", "ATP7A", "ATP7B", "nucleus", "GRX1", "erratum E12", "cisplatin"),
    ),
    "ccs": (CCS_ON, ("CCS", "SOD1", "nucleus", "[33,34]", "[35]", "cell proliferation")),
    "cox17": (COX17_ON, ("COX17", "SCO1", "SCO2", "MT-CO2", "[38]")),
}


@pytest.mark.parametrize("chaperone", ["atox1", "ccs", "cox17", "all"])
def test_chaperone_explorer_lights_the_right_routes(review, chaperone):
    ex = copper_metabolism.chaperone_explorer(review=review)
    state = ex.select(chaperone=chaperone)
    rendered = lit(ex.render(ex.key(chaperone=chaperone)), "chaperones")
    if chaperone == "all":
        assert state.on is None
        assert rendered >= ALL_NODES
        assert "All three chaperones" in state.panel
        return
    on, words = CHAPERONE[chaperone]
    assert state.on == frozenset(on)
    # every lit key is drawn, except the edge the view leaves implied (ATOX1 -> ATP7A -> Golgi stands for it)
    assert rendered == {pathways_slug(k) for k in on} - NOT_DRAWN
    assert NOT_DRAWN.isdisjoint(ex.item_keys.values())
    for w in words:
        assert w in state.panel, (chaperone, w)


def test_chaperone_view_draws_the_transitive_reduction(review):
    ex = copper_metabolism.chaperone_explorer(review=review)
    drawn = set(ex.item_keys.values())
    assert "e-atp7a-golgi" in drawn
    assert "e-atox1-golgi" not in drawn  # implied by ATOX1 -> ATP7A -> Golgi; still listed in the panel
    assert "ATOX1</b> delivers <b>Cu⁺</b> (from cytosol to Golgi apparatus)" in ex.select(chaperone="atox1").panel


@pytest.mark.parametrize("chaperone", ["atox1", "ccs", "cox17", "all"])
def test_chaperone_live_widget(review, chaperone):
    ex = copper_metabolism.chaperone_explorer(review=review)
    w = ex.widget()
    w.controls[0].value = chaperone
    on = lit(w.output.value, "chaperones")
    if chaperone == "ccs":
        assert "sod1" in on
        assert "atp7a" not in on
        assert "sco1" not in on
    elif chaperone == "cox17":
        assert {"sco1", "sco2", "mt_co2", "mitochondrion"} <= on
        assert "sod1" not in on
    elif chaperone == "atox1":
        assert {"atp7a", "atp7b", "golgi"} <= on
        assert "mt_co2" not in on
    else:
        assert on >= ALL_NODES


def test_chaperone_default_is_atox1(review):
    ex = copper_metabolism.chaperone_explorer(review=review)
    assert ex.default_key == "atox1"
    assert {"atp7a", "atox1"} <= lit(ex.html(), "chaperones")


def test_views_escape_data_and_carry_alt_text(review):
    for ex in (
        copper_metabolism.copper_journey_explorer(review=review),
        cuproptosis.cuproptosis_cascade_explorer(review=review),
        copper_metabolism.chaperone_explorer(review=review),
    ):
        assert 'role="img"' in ex.view
        assert "<title>" in ex.view
        # every lit key of every state names an item of the view (the chaperone view omits implied edges)
        drawn = set(ex.item_keys.values())
        for state in ex.states.values():
            if state.on is not None:
                missing = {pathways_slug(k) for k in state.on} - drawn
                assert missing <= {"e-atox1-golgi"}, missing
