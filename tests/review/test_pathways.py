"""Explorers and helpers of the copper metabolism and cuproptosis chapters (cuproptosis_book.review.pathways).

Expected states are typed by hand from the review and data/ (not computed by the code under test): for every
explorer, each control is set to each of its values and the items shown and the panel are checked, in the
precomputed states, in the kernel-free HTML and in the live widget.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cuproptosis_book import data
from cuproptosis_book.explorers import copper_metabolism, cuproptosis
from cuproptosis_book.review import pathways
from cuproptosis_book.review import roles as role_model
from cuproptosis_book.text import item_id

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DataError = data.DataError


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all()


def classes(html: str, name: str) -> dict[str, str]:
    """Item key -> class ('cb-on'/'cb-off') of every item element in a rendered explorer."""
    pattern = re.compile(r'id="cbx-' + re.escape(name) + r'-k-([^"]+)" class="(cb-on|cb-off)"')
    out: dict[str, str] = {}
    for key, cls in pattern.findall(html):
        out[key.split("--")[0]] = cls
    return out


def lit(html: str, name: str) -> set[str]:
    return {k for k, c in classes(html, name).items() if c == "cb-on"}


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
    assert ex.stepper and ex.mode == "highlight"
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
    assert 'type="range"' in html and 'class="cb-step"' in html


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
CHAPERONE = {
    "atox1": (
        ATOX1_ON,
        ("ATOX1", "antioxidant 1 copper chaperone", "ATP7A", "ATP7B", "nucleus", "GRX1", "erratum E12", "cisplatin"),
    ),
    "ccs": (CCS_ON, ("CCS", "SOD1", "nucleus", "[33,34]", "[35]", "cell proliferation")),
    "cox17": (COX17_ON, ("COX17", "SCO1", "SCO2", "MT-CO2", "[38]")),
}
ALL_NODES = {
    "cu_i",
    "atox1",
    "ccs",
    "cox17",
    "atp7a",
    "atp7b",
    "nucleus",
    "sod1",
    "mitochondrion",
    "sco1",
    "sco2",
    "golgi",
    "extracellular",
    "mt_co2",
}


def test_chaperone_tree_has_the_review_destinations_and_not_the_disputed_atp7a_route(review):
    tree = pathways.chaperone_tree(review)
    assert set(tree.nodes) == ALL_NODES
    assert set(tree.successors("atox1")) == {"atp7a", "atp7b", "nucleus", "golgi"}
    assert set(tree.successors("ccs")) == {"sod1", "nucleus"}  # CCS -> ATOX1 is a donor link, not drawn
    assert set(tree.successors("cox17")) == {"mitochondrion", "sco1", "sco2"}
    assert not tree.has_edge("atp7a", "mitochondrion")  # Figure 1 legend only, erratum E06
    assert "sod1" not in [e[0] for e in tree.edges]  # SOD1 receives copper; it carries none (E07)


@pytest.mark.parametrize("chaperone", ["atox1", "ccs", "cox17", "all"])
def test_chaperone_explorer_lights_the_right_routes(review, chaperone):
    ex = copper_metabolism.chaperone_explorer(review=review)
    state = ex.select(chaperone=chaperone)
    rendered = lit(ex.render(ex.key(chaperone=chaperone)), "chaperones")
    if chaperone == "all":
        assert state.on is None
        assert ALL_NODES <= rendered
        assert "All three chaperones" in state.panel
        return
    on, words = CHAPERONE[chaperone]
    assert state.on == frozenset(on)
    drawn = set(ex.item_keys.values())
    assert rendered == {pathways_slug(k) for k in on} & drawn
    for w in words:
        assert w in state.panel, (chaperone, w)


def pathways_slug(key: str) -> str:
    return item_id("x", key).removeprefix("cbx-x-k-")


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
        assert "sod1" in on and "atp7a" not in on and "sco1" not in on
    elif chaperone == "cox17":
        assert {"sco1", "sco2", "mt_co2", "mitochondrion"} <= on and "sod1" not in on
    elif chaperone == "atox1":
        assert {"atp7a", "atp7b", "golgi"} <= on and "mt_co2" not in on
    else:
        assert ALL_NODES <= on


def test_chaperone_default_is_atox1(review):
    ex = copper_metabolism.chaperone_explorer(review=review)
    assert ex.default_key == "atox1"
    assert {"atp7a", "atox1"} <= lit(ex.html(), "chaperones")


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
    assert ex.controls[0].values == tuple(CASCADE) and ex.stepper
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


def test_roles_table_reasons_and_caveats(review):
    roles = role_model.cuproptosis_roles(review)
    assert set(roles.loc["fdx1", "bases"]) == {"stated", "figure3"}
    assert "reduces Cu²⁺" in roles.loc["fdx1", "why"]
    assert "E21" in roles.loc["fdx1", "caveat"] and "E23" in roles.loc["fdx1", "caveat"]
    assert "sorafenib" in roles.loc["fdx1", "caveat"]
    assert "E23" in roles.loc["dlat", "caveat"]
    assert "LGOd1" in roles.loc["ccs", "why"]
    assert "TP-M-Cu-MOF/siATP7A" in roles.loc["atp7a", "why"]
    assert roles.loc["cdkn2a", "refs"] == (117,)
    assert roles.loc["steap", "caveat"] == ""


# --------------------------------------------------------------------------- helpers


def test_select_relations_keeps_key_order_and_refuses_unknown_rows(review):
    rows = pathways.select_relations(
        [("sco1", "cu_i", "delivers", "mt_co2"), ("cox17", "cu_i", "delivers", "sco1")], review
    )
    assert list(rows["source"]) == ["sco1", "cox17"]
    assert len(pathways.select_relations([("atp7b", "cu_i", "exports")], review)) == 2  # to the Golgi and outside
    with pytest.raises(KeyError):
        pathways.select_relations([("cox17", "cu_i", "delivers", "sod1")], review)
    with pytest.raises(ValueError):
        pathways.select_relations([("cox17", "cu_i")], review)


def test_refs_and_errata_of_rows(review):
    rows = pathways.select_relations([("fdx1", "cu_ii", "reduces"), ("elesclomol", "fdx1", "binds")], review)
    assert pathways.refs_of(rows) == (8, 17, 21, 53)
    rows = pathways.select_relations([("slc30a1", "cu_ii", "transports"), ("grx1", "cu_i", "delivers")], review)
    assert pathways.errata_of(rows) == ("E03", "E12")


def test_handoff_graph_can_include_the_disputed_rows(review):
    clean = pathways.handoff_graph(review)
    full = pathways.handoff_graph(review, include_disputed=True)
    assert not clean.has_edge("atp7a", "mitochondrion") and full.has_edge("atp7a", "mitochondrion")
    assert not clean.has_edge("slc30a1", "cytosol") and full.has_edge("slc30a1", "cytosol")
    assert clean.has_edge("cox17", "sco1") and clean.has_edge("sco2", "mt_co2")


def test_chapter_errata(review):
    cm = pathways.chapter_errata(["copper_metabolism", "figure1", "figure2"], review)
    assert list(cm["id"]) == ["E02", "E03", "E04", "E05", "E06", "E07", "E08", "E09", "E10", "E11", "E12", "E47", "E48"]
    cu = pathways.chapter_errata(["cuproptosis", "figure3"], review)
    assert list(cu["id"]) == ["E13", "E14", "E21", "E48"]
    assert list(cu.columns) == ["id", "issue", "reading the book follows"]


def test_copper_drug_links(review):
    links = pathways.copper_drug_links(review)
    pairs = set(zip(links["protein"], links["relation"], links["drug"]))
    assert pairs == {
        ("SLC31A1/Ctr1", "transports", "cisplatin"),
        ("ATP7A", "transports", "cisplatin"),
        ("ATP7B", "transports", "cisplatin"),
        ("ATOX1", "binds", "cisplatin"),
        ("ATOX1", "sequesters", "cisplatin"),
        ("ATP7A", "exports", "doxorubicin"),
        ("ATP7A", "exports", "SN-38"),
    }


def test_redox_enzymes(review):
    redox = pathways.redox_enzymes(review)
    assert set(redox["enzyme"]) == {"STEAP", "Dcytb", "FDX1", "histone H3-H4 tetramer", "CueO"}
    assert redox.set_index("enzyme").loc["CueO", "reaction"] == "Cu⁺ → Cu²⁺"
    assert redox.set_index("enzyme").loc["CueO", "erratum"] == "E04"


def test_death_comparison_marks_background_and_cites_the_review(review):
    table = role_model.death_comparison(review)
    assert list(table.columns) == ["cuproptosis", "apoptosis", "ferroptosis"]
    assert "[51]" in table.loc["Link to copper", "ferroptosis"] and "GPX4" in table.loc["Link to copper", "ferroptosis"]
    assert "[65]" in table.loc["Link to copper", "apoptosis"]
    assert "[17,53]" in table.loc["Trigger", "cuproptosis"]
    assert "[54-57]" in table.loc["Who is most sensitive", "cuproptosis"]
    # every apoptosis/ferroptosis cell without a review reference is marked as background
    for col in ("apoptosis", "ferroptosis"):
        for cell in table[col]:
            assert "(background" in cell or re.search(r"\[\d", cell), cell


def test_views_escape_data_and_carry_alt_text(review):
    for ex in (
        copper_metabolism.copper_journey_explorer(review=review),
        cuproptosis.cuproptosis_cascade_explorer(review=review),
        copper_metabolism.chaperone_explorer(review=review),
    ):
        assert 'role="img"' in ex.view and "<title>" in ex.view
        # every lit key of every state names an item of the view (the chaperone view omits implied edges)
        drawn = set(ex.item_keys.values())
        for state in ex.states.values():
            if state.on is not None:
                missing = {pathways_slug(k) for k in state.on} - drawn
                assert missing <= {"e-atox1-golgi"}, missing


def test_steps_are_read_from_the_course_data(tmp_path) -> None:
    shutil.copytree(DATA_DIR, tmp_path / "data")
    course = tmp_path / "data" / "course"
    (course / "steps.csv").write_text(
        "stepper,step,key,title,explanation,relations,place\n"
        "cascade,2,b,Second,Two.,fdx1 cu_ii reduces,mitochondrion\n"
        'cascade,1,a,First,"One, then.",slc31a1 cu_i transports cytosol;steap cu_ii reduces,\n'
        "journey,1,x,Other,Not this one.,steap cu_ii reduces,small_intestine\n",
        encoding="utf-8",
    )
    steps = pathways.load_steps("cascade", course)
    assert [s.key for s in steps] == ["a", "b"]
    assert steps[0].relations == (("slc31a1", "cu_i", "transports", "cytosol"), ("steap", "cu_ii", "reduces"))
    assert steps[0].place == "" and steps[1].place == "mitochondrion" and steps[0].explanation == "One, then."
    with pytest.raises(KeyError):
        pathways.load_steps("nothing", course)


def test_a_bad_step_is_a_data_error_naming_file_line_and_column(tmp_path) -> None:
    shutil.copytree(DATA_DIR, tmp_path / "data")
    course = tmp_path / "data" / "course"
    path = course / "steps.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("journey,2,", "journey,two,", 1), encoding="utf-8")
    with pytest.raises(DataError) as info:
        pathways.load_steps("journey", course)
    assert str(info.value).startswith("course/steps.csv, line 3, column 'step': expected an integer, found 'two'")


def test_every_step_of_the_data_selects_existing_relations(review) -> None:
    for name in pathways.STEPPERS:
        steps = pathways.load_steps(name)
        assert len({s.key for s in steps}) == len(steps) >= 7
        for s in steps:
            assert len(pathways.select_relations(s.relations, review)) >= 1, (name, s.key)
