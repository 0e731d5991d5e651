"""The copper pathways (review/pathways.py): the chaperone tree, the steps read from the course data, relation
selection, errata and the copper-drug links.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from review_facts import ALL_NODES

from cuproptosis_book import data
from cuproptosis_book.review import pathways

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DataError = data.DataError


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all()


def test_chaperone_tree_has_the_review_destinations_and_not_the_disputed_atp7a_route(review):
    tree = pathways.chaperone_tree(review)
    assert set(tree.nodes) == ALL_NODES
    assert set(tree.successors("atox1")) == {"atp7a", "atp7b", "nucleus", "golgi"}
    assert set(tree.successors("ccs")) == {"sod1", "nucleus"}  # CCS -> ATOX1 is a donor link, not drawn
    assert set(tree.successors("cox17")) == {"mitochondrion", "sco1", "sco2"}
    assert not tree.has_edge("atp7a", "mitochondrion")  # Figure 1 legend only, erratum E06
    assert "sod1" not in [e[0] for e in tree.edges]  # SOD1 receives copper; it carries none (E07)


# --------------------------------------------------------------------------- helpers


def test_select_relations_keeps_key_order_and_refuses_unknown_rows(review):
    rows = pathways.select_relations(
        [("sco1", "cu_i", "delivers", "mt_co2"), ("cox17", "cu_i", "delivers", "sco1")], review
    )
    assert list(rows["source"]) == ["sco1", "cox17"]
    assert len(pathways.select_relations([("atp7b", "cu_i", "exports")], review)) == 2  # to the Golgi and outside
    with pytest.raises(KeyError, match=r"no relation 'cox17 cu_i delivers sod1' in relations\.csv"):
        pathways.select_relations([("cox17", "cu_i", "delivers", "sod1")], review)
    with pytest.raises(ValueError, match=r"a relation key has 3 or 4 parts, got \('cox17', 'cu_i'\)"):
        pathways.select_relations([("cox17", "cu_i")], review)


def test_refs_and_errata_of_rows(review):
    rows = pathways.select_relations([("fdx1", "cu_ii", "reduces"), ("elesclomol", "fdx1", "binds")], review)
    assert pathways.refs_of(rows) == (8, 17, 21, 53)
    rows = pathways.select_relations([("slc30a1", "cu_ii", "transports"), ("grx1", "cu_i", "delivers")], review)
    assert pathways.errata_of(rows) == ("E03", "E12")


def test_handoff_graph_can_include_the_disputed_rows(review):
    clean = pathways.handoff_graph(review)
    full = pathways.handoff_graph(review, include_disputed=True)
    assert not clean.has_edge("atp7a", "mitochondrion")
    assert full.has_edge("atp7a", "mitochondrion")
    assert not clean.has_edge("slc30a1", "cytosol")
    assert full.has_edge("slc30a1", "cytosol")
    assert clean.has_edge("cox17", "sco1")
    assert clean.has_edge("sco2", "mt_co2")


def test_chapter_errata(review):
    cm = pathways.chapter_errata(["copper_metabolism", "figure1", "figure2"], review)
    assert list(cm["id"]) == [
        "E02",
        "E03",
        "E04",
        "E05",
        "E06",
        "E07",
        "E08",
        "E09",
        "E10",
        "E11",
        "E12",
        "E47",
        "E48",
        "E57",
        "E58",
    ]
    cu = pathways.chapter_errata(["cuproptosis", "figure3"], review)
    assert list(cu["id"]) == ["E13", "E14", "E21", "E48", "E58"]
    assert list(cu.columns) == ["id", "issue", "reading the book follows"]


def test_copper_drug_links(review):
    links = pathways.copper_drug_links(review)
    pairs = set(zip(links["protein"], links["relation"], links["drug"], strict=True))
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
    assert steps[0].place == ""
    assert steps[1].place == "mitochondrion"
    assert steps[0].explanation == "One, then."
    with pytest.raises(KeyError, match=r"no stepper 'nothing'"):
        pathways.load_steps("nothing", course)


def test_a_bad_step_is_a_data_error_naming_file_line_and_column(tmp_path) -> None:
    shutil.copytree(DATA_DIR, tmp_path / "data")
    course = tmp_path / "data" / "course"
    path = course / "steps.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("journey,2,", "journey,two,", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"^course/steps.csv, line 3") as info:
        pathways.load_steps("journey", course)
    assert str(info.value).startswith("course/steps.csv, line 3, column 'step': expected an integer, found 'two'")


def test_every_step_of_the_data_selects_existing_relations(review) -> None:
    for name in pathways.STEPPERS:
        steps = pathways.load_steps(name)
        assert len({s.key for s in steps}) == len(steps) >= 7
        for s in steps:
            assert len(pathways.select_relations(s.relations, review)) >= 1, (name, s.key)
