"""The review as a network (cuproptosis_book.review.network): graph measures, the agent–drug network, the drawings
and the four explorers of the chapters "The review as a network" and "Outlook".

Expected values are typed by hand from the review and data/ (relations.csv, resistance.csv, trials.csv), not
computed by the code under test.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from cuproptosis_book import data
from cuproptosis_book.explorers import base as explore
from cuproptosis_book.explorers import knowledge_graph, outlook
from cuproptosis_book.figures import network_plots
from cuproptosis_book.review import evidence as evidence_model
from cuproptosis_book.review import graph, network
from cuproptosis_book.text import slug

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all()


@pytest.fixture(scope="module")
def simple(review: data.ReviewData) -> nx.Graph:
    return network.simple_graph(graph.review_graph(review))


# --------------------------------------------------------------------------- simple graph and centrality


def test_simple_graph_merges_parallel_and_reverse_edges_and_drops_self_loops() -> None:
    g = nx.MultiDiGraph()
    g.add_edge("fdx1", "dlat", relation="lipoylates")
    g.add_edge("fdx1", "dlat", relation="aggregates")
    g.add_edge("dlat", "fdx1", relation="binds")
    g.add_edge("cu_i", "cu_i", relation="binds")
    g.add_node("alone")
    s = network.simple_graph(g)
    assert not s.is_directed() and not s.is_multigraph()
    assert set(s.nodes) == {"fdx1", "dlat", "cu_i", "alone"}
    assert s.number_of_edges() == 1
    assert s["fdx1"]["dlat"]["weight"] == 3
    assert sorted(s["fdx1"]["dlat"]["relations"]) == ["aggregates", "binds", "lipoylates"]


def test_fdx1_has_the_neighbours_the_review_gives_it(simple: nx.Graph) -> None:
    # relations.csv: FDX1 reduces Cu2+, lipoylates/aggregates DLAT, promotes cuproptosis; elesclomol binds it;
    # sorafenib, erastin, anisomycin inhibit it; miR-18a-5p regulates it
    assert set(simple["fdx1"]) == {
        "cu_ii",
        "dlat",
        "cuproptosis",
        "elesclomol",
        "sorafenib",
        "erastin",
        "anisomycin",
        "mir_18a_5p",
    }
    assert simple["fdx1"]["dlat"]["weight"] == 2


def test_centrality_table_is_sorted_exact_and_deterministic(review: data.ReviewData, simple: nx.Graph) -> None:
    t = network.centrality_table(top=15, review=review)
    assert len(t) == 15
    assert list(t.columns) == ["label", "kind", "degree", "links", "betweenness"]
    assert t.index[0] == "cuproptosis"
    assert t.loc["fdx1", "degree"] == 8 and t.loc["fdx1", "label"] == "FDX1"
    pairs = list(zip(t["degree"], t["betweenness"]))
    assert pairs == sorted(pairs, reverse=True)
    exact = nx.betweenness_centrality(simple)
    assert t.loc["cu_i", "betweenness"] == round(exact["cu_i"], 4)


def test_centrality_does_not_depend_on_the_hash_seed() -> None:
    code = "from cuproptosis_book.review import network\nprint(network.centrality_table(top=15).to_csv())"
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0].startswith("id,label,kind,degree,links,betweenness\ncuproptosis,")
    assert runs[0] == runs[1]


def test_centrality_by_betweenness_and_bad_key(review: data.ReviewData) -> None:
    t = network.centrality_table(top=10, review=review, by="betweenness")
    assert list(t["betweenness"]) == sorted(t["betweenness"], reverse=True)
    assert "cu_ii" in t.index  # Cu2+ bridges more than its degree suggests
    with pytest.raises(ValueError):
        network.centrality_table(by="pagerank")


# --------------------------------------------------------------------------- metabolism -> resistance


def test_copper_metabolism_entities_are_players_not_places_or_drugs(review: data.ReviewData) -> None:
    met = set(network.copper_metabolism_entities(review))
    assert {"slc31a1", "atp7a", "atp7b", "atox1", "ccs", "cox17", "cu_i", "cu_ii", "gsh", "mt"} <= met
    assert not met & {"cisplatin", "cytosol", "mitochondrion", "cuproptosis", "lung_cancer", "elesclomol"}


def test_resistance_drugs(review: data.ReviewData) -> None:
    assert network.resistance_drugs(review) == sorted(
        [
            "cisplatin",
            "metformin",
            "pd_1_inhibitor",
            "fluorouracil",
            "vemurafenib",
            "docetaxel",
            "enzalutamide",
            "paclitaxel",
            "gemcitabine",
            "anti_pd_l1",
            "doxorubicin",
            "proteasome_inhibitors",
            "oxaliplatin",
            "trastuzumab",
            "tamoxifen",
        ]
    )


def test_bridges_find_the_ionophores_and_the_sole_gateways(review: data.ReviewData) -> None:
    b = network.bridges_metabolism_to_resistance(review)
    assert b.loc["elesclomol", "role"] == b.loc["disulfiram", "role"] == "connector"
    assert b.loc["cu_i", "role"] == "copper metabolism"
    assert b.index[0] == "cu_i"
    # each drug with a single finding is reached only through its agent: the four agents tie
    gateways = ["jyfy_001", "linc02362", "muc20", "h19"]
    assert len({b.loc[a, "score"] for a in gateways}) == 1
    assert list(b["score"]) == sorted(b["score"], reverse=True)


def test_bridges_without_the_umbrella_processes(review: data.ReviewData) -> None:
    b = network.bridges_metabolism_to_resistance(review, exclude=("cuproptosis", "drug_resistance"))
    assert "cuproptosis" not in b.index and "drug_resistance" not in b.index
    assert "h19" not in b.index  # tamoxifen is cut off from copper metabolism
    assert {"elesclomol", "disulfiram", "tetrathiomolybdate"} <= set(b.index)


def test_paths_to_cisplatin_are_one_step_from_four_copper_proteins(review: data.ReviewData) -> None:
    paths = network.metabolism_paths("cisplatin", review)
    assert [p[0].left for p in paths] == ["atox1", "atp7a", "atp7b", "slc31a1"]
    assert all(len(p) == 1 and p[0].right == "cisplatin" for p in paths)
    atox1 = paths[0][0].statements
    assert {(s, r, t) for s, r, t, _ in atox1} == {
        ("atox1", "binds", "cisplatin"),
        ("atox1", "sequesters", "cisplatin"),
    }
    assert all(refs == (46, 47) for *_, refs in atox1)


def test_paths_to_tamoxifen_run_through_drug_resistance_and_h19(review: data.ReviewData) -> None:
    paths = network.metabolism_paths("tamoxifen", review)
    # atox1, atp7a, atp7b and ccs "promote drug resistance" (relations.csv); H19 promotes it and drives tamoxifen
    assert sorted(p[0].left for p in paths) == ["atox1", "atp7a", "atp7b", "ccs"]
    assert all([s.right for s in p] == ["drug_resistance", "h19", "tamoxifen"] for p in paths)
    assert network.metabolism_paths("tamoxifen", review, exclude=("drug_resistance",)) == []
    with pytest.raises(KeyError):
        network.metabolism_paths("aspirin", review)


# --------------------------------------------------------------------------- agent–drug network

AGENTS = {
    "tetrathiomolybdate",
    "curcumin",
    "jyfy_001",
    "elesclomol",
    "disulfiram",
    "baicalein",
    "cs_e_c_dox",
    "cuet_nps",
    "muc20",
    "linc02362",
}


def test_agent_drug_bipartite(review: data.ReviewData) -> None:
    b = network.agent_drug_bipartite(review)
    agents = {n for n, part in b.nodes(data="bipartite") if part == 0}
    assert agents == AGENTS  # HOTAIR and H19 drive resistance and are not copper-linked
    assert nx.is_bipartite(b)
    assert b["disulfiram"]["fluorouracil"]["effects"] == {"sensitizes"}  # ref 106: no resistant model
    assert b["elesclomol"]["cisplatin"]["effects"] == {"overcomes_resistance"}
    assert {a for a in b["cisplatin"]} == {
        "tetrathiomolybdate",
        "curcumin",
        "elesclomol",
        "disulfiram",
        "baicalein",
        "cuet_nps",
    }


def test_projections(review: data.ReviewData) -> None:
    a = network.agent_projection(review)
    assert a["disulfiram"]["elesclomol"]["weight"] == 3  # cisplatin, 5-fluorouracil, enzalutamide
    assert set(nx.isolates(a)) == {"jyfy_001", "cs_e_c_dox", "muc20", "linc02362"}
    d = network.drug_projection(review)
    assert d["cisplatin"]["fluorouracil"]["weight"] == 2
    assert set(d["cisplatin"]) == {
        "metformin",
        "fluorouracil",
        "vemurafenib",
        "docetaxel",
        "enzalutamide",
        "paclitaxel",
        "gemcitabine",
        "anti_pd_l1",
    }
    assert set(nx.isolates(d)) == {"pd_1_inhibitor", "doxorubicin", "oxaliplatin", "proteasome_inhibitors"}


def test_projection_table(review: data.ReviewData) -> None:
    t = network.projection_table("agents", review)
    assert t.iloc[0].to_dict() == {
        "pair": "disulfiram – elesclomol",
        "shared": 3,
        "via": "5-fluorouracil, cisplatin, enzalutamide",
    }
    assert len(t) == 15  # six agents share cisplatin: 15 pairs
    assert len(network.projection_table("drugs", review)) == network.drug_projection(review).number_of_edges()
    with pytest.raises(ValueError):
        network.projection_table("cancers", review)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _label_boxes(fig: Figure) -> list[tuple[str, object]]:
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    ax = fig.axes[0]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if not re.fullmatch(r"\d+", t.get_text())]


@pytest.mark.parametrize(
    "draw",
    [network_plots.draw_agent_drug_bipartite, network_plots.draw_agent_projection, network_plots.draw_drug_projection],
    ids=lambda f: f.__name__,
)
def test_drawings_are_deterministic_labelled_and_without_overlapping_labels(draw, review: data.ReviewData) -> None:
    fig = draw(review)
    assert isinstance(fig, Figure)
    assert _png(fig) == _png(draw(review))
    boxes = _label_boxes(fig)
    labels = {text for text, _ in boxes}
    b = network.agent_drug_bipartite(review)
    expected = (
        {b.nodes[n]["label"] for n in b}
        if draw is network_plots.draw_agent_drug_bipartite
        else (
            {b.nodes[n]["label"] for n in AGENTS}
            if draw is network_plots.draw_agent_projection
            else {b.nodes[n]["label"] for n in b if b.nodes[n]["bipartite"] == 1}
        )
    )
    assert expected <= labels
    for i, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[i + 1 :]:
            assert not b1.overlaps(b2), f"labels {t1!r} and {t2!r} overlap"


# --------------------------------------------------------------------------- explorers: shared checks


def _check_explorer(ex: explore.Explorer) -> None:
    ids = re.findall(r'id="(cbx-[^"]+)"', ex.view)
    assert len(ids) == len(set(ids)), "item ids in the view must be unique"
    keys = set(ex.item_keys.values())
    for key, state in ex.states.items():
        assert state.on is not None and state.on, f"state {key} shows nothing"
        assert {slug(k) for k in state.on} <= keys, f"state {key} names rows the view lacks"
        assert state.panel
    html = ex.html()
    assert html.count('class="cb-panel"') == len({s.panel for s in ex.states.values()})


def _widget_shows(ex: explore.Explorer, value: str, text: str) -> None:
    w = ex.widget()
    w.controls[0].value = value
    assert text in w.output.value
    assert w.output.value == ex.render(ex.key(**{ex.controls[0].name: value}))


# --------------------------------------------------------------------------- neighbourhood explorer


@pytest.fixture(scope="module")
def hood(review: data.ReviewData) -> explore.Explorer:
    return knowledge_graph.neighbourhood_explorer(review=review)


def test_neighbourhood_options_hold_the_key_nodes_and_the_best_connected(hood: explore.Explorer) -> None:
    values = set(hood.controls[0].values)
    assert set(network.KEY_NODES) <= values
    assert {"cuproptosis", "copper", "ferroptosis", "drug_resistance"} <= values
    assert 40 <= len(values) <= 50
    assert hood.controls[0].initial == "fdx1" and hood.mode == "filter"
    _check_explorer(hood)


def test_neighbourhood_default_is_fdx1(hood: explore.Explorer) -> None:
    state = hood.select()
    assert state.on == {
        "fdx1-reduces-cu_ii",
        "fdx1-lipoylates-dlat",
        "fdx1-aggregates-dlat",
        "fdx1-promotes-cuproptosis",
        "elesclomol-binds-fdx1",
        "sorafenib-inhibits-fdx1",
        "erastin-inhibits-fdx1",
        "anisomycin-inhibits-fdx1",
        "mir_18a_5p-regulates-fdx1",
    }
    assert "Degree: <strong>8</strong>" in state.panel
    assert "ferredoxin 1" in state.panel
    # the disputed inhibition (erratum E21) is flagged in its row
    row = re.search(r'<tr id="cbx-kg-neighbourhood-k-sorafenib-inhibits-fdx1">(.*?)</tr>', hood.view).group(1)
    assert "disputed" in row


@pytest.mark.parametrize(
    "node, present, absent",
    [
        (
            "cisplatin",
            {
                "slc31a1-transports-cisplatin",
                "atox1-binds-cisplatin",
                "atox1-sequesters-cisplatin",
                "elesclomol-overcomes_resistance-cisplatin",
                "tetrathiomolybdate-promotes-cisplatin",
                "cuet_nps-overcomes_resistance-cisplatin",
                "hotair-drives_resistance-cisplatin",
            },
            {"fdx1-reduces-cu_ii"},
        ),
        (
            "slc31a1",
            {"slc31a1-transports-cu_i", "slc31a1-transports-cisplatin", "slc31a1-delivers-cu_i"},
            {"atox1-binds-cisplatin"},
        ),
        (
            "elesclomol",
            {
                "elesclomol-binds-fdx1",
                "elesclomol-overcomes_resistance-vemurafenib",
                "eupalinolide_b-promotes-elesclomol",
                "glycolysis-inhibits-elesclomol",
            },
            {"disulfiram-binds-copper"},
        ),
    ],
)
def test_neighbourhood_states(hood: explore.Explorer, node: str, present: set[str], absent: set[str]) -> None:
    on = hood.select(node=node).on
    assert present <= on and not absent & on
    assert all(node in key.split("-") for key in on)


def test_neighbourhood_counts_every_elesclomol_cisplatin_finding(hood: explore.Explorer) -> None:
    on = hood.select(node="cisplatin").on
    # refs 95, 96 and 97: cisplatin resistance overcome in lung cancer, melanoma and HCC
    assert {k for k in on if k.startswith("elesclomol-")} == {
        "elesclomol-overcomes_resistance-cisplatin",
        "elesclomol-overcomes_resistance-cisplatin-2",
        "elesclomol-overcomes_resistance-cisplatin-3",
    }


def test_neighbourhood_widget(hood: explore.Explorer) -> None:
    _widget_shows(hood, "atox1", "ATOX1")
    _widget_shows(hood, "cisplatin", "Degree: <strong>11</strong>")


# --------------------------------------------------------------------------- path explorer


@pytest.fixture(scope="module")
def paths(review: data.ReviewData) -> explore.Explorer:
    return knowledge_graph.metabolism_path_explorer(review=review)


def test_path_explorer_default_and_every_drug(paths: explore.Explorer, review: data.ReviewData) -> None:
    assert paths.controls[0].initial == "cisplatin"
    assert set(paths.controls[0].values) == set(network.resistance_drugs(review))
    assert paths.select().on == {
        "atox1-binds-cisplatin",
        "atox1-sequesters-cisplatin",
        "atp7a-transports-cisplatin",
        "atp7b-transports-cisplatin",
        "slc31a1-transports-cisplatin",
    }
    assert "4 shortest path(s) of 1 step(s)" in paths.select().panel
    _check_explorer(paths)


@pytest.mark.parametrize(
    "drug, on, text",
    [
        (
            "tamoxifen",
            {
                "atox1-promotes-drug_resistance",
                "atp7a-promotes-drug_resistance",
                "atp7b-promotes-drug_resistance",
                "ccs-promotes-drug_resistance",
                "h19-promotes-drug_resistance",
                "h19-drives_resistance-tamoxifen",
            },
            "4 shortest path(s) of 3 step(s)",
        ),
        # two transports rows: into the cell (Figure 3 legend) and into mitochondria (text)
        (
            "vemurafenib",
            {
                "elesclomol-transports-cu_ii",
                "elesclomol-transports-cu_ii-2",
                "elesclomol-binds-cu_ii",
                "elesclomol-binds-fdx1",
                "elesclomol-overcomes_resistance-vemurafenib",
            },
            "2 shortest path(s) of 2 step(s)",
        ),
        (
            "paclitaxel",
            {"disulfiram-binds-copper", "disulfiram-regulates-atp7b", "disulfiram-overcomes_resistance-paclitaxel"},
            "[103]",
        ),
    ],
)
def test_path_explorer_states(paths: explore.Explorer, drug: str, on: set[str], text: str) -> None:
    state = paths.select(drug=drug)
    assert state.on == on
    assert text in state.panel


def test_path_explorer_widget(paths: explore.Explorer) -> None:
    _widget_shows(paths, "tamoxifen", "H19")


# --------------------------------------------------------------------------- outlook: evidence levels


def test_evidence_agents(review: data.ReviewData) -> None:
    agents = set(evidence_model.evidence_agents(review))
    assert AGENTS <= agents
    assert {"es_cuo", "cu_ti", "clioquinol", "cu_atsm", "cu_gtsm", "lgod1", "zinc_pyrithione", "sorafenib"} <= agents
    # classes and copper complexes are not agents of their own
    assert not agents & {
        "thiosemicarbazones",
        "copper_ionophores",
        "copper_chelators",
        "elesclomol_cu",
        "disulfiram_cu",
        "hotair",
        "h19",
    }


def test_evidence_records_credit_ref_109_to_no_agent_by_name(review: data.ReviewData) -> None:
    """E29: the text credits ref 109 to an unnamed copper ionophore; Table 2 files it under elesclomol and disulfiram."""
    rec = evidence_model.evidence_records(review)
    ref109 = rec[rec["refs"].map(lambda r: r == (109,))]
    assert set(ref109["agent"]) == {"elesclomol", "disulfiram"}
    for agent, statement in zip(ref109["agent"], ref109["statement"]):
        assert statement.startswith("an unnamed copper ionophore with enzalutamide"), statement
        assert "E29" in statement and not statement.startswith(agent)


def test_evidence_records_use_the_curated_model_column(review: data.ReviewData) -> None:
    rec = evidence_model.evidence_records(review)
    trials = rec[(rec["agent"] == "elesclomol") & (rec["source"] == "clinical trial")]
    assert sorted(r for refs in trials["refs"] for r in refs) == [100, 101, 102]
    assert all(lv == ("patients",) for lv in trials["levels"])
    # nanoparticles.csv, es_cuo: model animal_model ("melanoma in mice"); the model note is the evidence shown
    es_cuo = rec[(rec["agent"] == "es_cuo") & (rec["source"] == "Table 1")].iloc[0]
    assert es_cuo["levels"] == ("animal_model",) and "in mice" in es_cuo["evidence"]
    # resistance.csv, cuet_nps: cell_lines;animal_model (A549 cells; no body-weight loss)
    cuet = rec[(rec["agent"] == "cuet_nps") & (rec["source"] == "resistance finding")].iloc[0]
    assert cuet["levels"] == ("cell_lines", "animal_model")
    # relations.csv, disulfiram_cu inhibits tumour_growth (ref 64): cell_lines;animal_model
    ref64 = rec[(rec["agent"] == "disulfiram") & rec["refs"].map(lambda r: r == (64,))]
    assert list(ref64["levels"]) == [("cell_lines", "animal_model")]
    # no finding of disulfiram is at patient level (erratum E28: the clinical claim has no source)
    assert not any("patients" in lv for lv in rec.loc[rec["agent"] == "disulfiram", "levels"])
    # tetrathiomolybdate: both resistance rows and the relation to cisplatin are not_stated
    tm = rec[rec["agent"] == "tetrathiomolybdate"]
    assert len(tm) == 3 and all(lv == () for lv in tm["levels"])
    # descriptions are not findings: no record comes from the entity descriptions any more
    assert "description" not in set(rec["source"])


def test_evidence_levels_follow_the_model_column_not_the_wording(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "resistance.csv"
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.split("\n") if line.startswith("jyfy_001,"))
    assert ",not_stated," in row
    path.write_text(text.replace(row, row.replace(",not_stated,", ",patients,")), encoding="utf-8")
    changed = evidence_model.evidence_summary(data.load_all(folder))
    assert changed.loc["jyfy_001", "patients"] == 1 and changed.loc["jyfy_001", "not_stated"] == 0
    # the words of a note alone change nothing
    path.write_text(
        text.replace(row, row.replace("colorectal", "mice xenograft patients colorectal")), encoding="utf-8"
    )
    reworded = evidence_model.evidence_summary(data.load_all(folder))
    assert reworded.loc["jyfy_001", "not_stated"] == 1 and reworded.loc["jyfy_001", "animal_model"] == 0


def test_evidence_summary(review: data.ReviewData) -> None:
    s = evidence_model.evidence_summary(review)
    assert s.loc["elesclomol", "patients"] == 3
    assert (s.drop(index="elesclomol")["patients"] == 0).all()
    # read by hand from the model columns: the agents with at least one animal-level finding
    assert set(s.index[s["animal_model"] > 0]) == {
        "es_cuo",
        "cuet_nps",
        "cs_e_c_dox",
        "cup_pcb",
        "ha_cd_mof",
        "tp_m_cu_mof_siatp7a",
        "disulfiram",
    }
    assert s.loc["jyfy_001", "not_stated"] == s.loc["jyfy_001", "findings"] == 1
    assert s.loc["cup_pcb", ["cell_lines", "animal_model", "not_stated", "findings"]].tolist() == [0, 5, 0, 5]
    # Cu-ATSM and Cu-GTSM: tested "both in vitro and in vivo" (ref 66) but no finding row; shown as a note
    for agent in ("cu_atsm", "cu_gtsm"):
        assert s.loc[agent, "findings"] == 0 and "both in vitro and in vivo" in s.loc[agent, "note"]
    assert s.loc["elesclomol", "note"] == ""
    top = evidence_model.highest_level(review)
    assert top["elesclomol"] == "patients" and top["cu_atsm"] == "no finding"
    assert top["jyfy_001"] == "not_stated" and top["baicalein"] == "cell_lines" and top["es_cuo"] == "animal_model"


@pytest.fixture(scope="module")
def evidence(review: data.ReviewData) -> explore.Explorer:
    return outlook.evidence_level_explorer(review=review)


def test_evidence_explorer_default_is_elesclomol(evidence: explore.Explorer) -> None:
    assert evidence.controls[0].initial == "elesclomol" and evidence.mode == "filter"
    state = evidence.select()
    assert all(k.startswith("elesclomol-") for k in state.on) and "elesclomol-summary" in state.on
    assert "patients (clinical trial): <strong>3</strong> finding(s) [100-102]" in state.panel
    assert "animal models: <em>no finding at this level</em>" in state.panel
    assert "E15" in state.panel and "E27" in state.panel
    _check_explorer(evidence)


@pytest.mark.parametrize(
    "agent, shown, missing",
    [
        (
            "disulfiram",
            ["E28", "cancer cells / cell lines: <strong>", "animal models: <strong>"],
            ["patients (clinical trial): <strong>"],
        ),
        (
            "cuet_nps",
            ["animal models: <strong>", "cancer cells / cell lines: <strong>", "E40"],
            ["patients (clinical trial): <strong>"],
        ),
        (
            "tetrathiomolybdate",
            ["3 of the 3 finding(s) do not state the model", "<strong>E49</strong>", "<strong>E50</strong>"],
            [],
        ),
        (
            "cu_atsm",
            ["0 finding(s) in the data", "<em>Not counted:</em>", "both in vitro and in vivo"],
            ["cancer cells / cell lines: <strong>"],
        ),
    ],
)
def test_evidence_explorer_states(evidence: explore.Explorer, agent: str, shown: list[str], missing: list[str]) -> None:
    state = evidence.select(agent=agent)
    assert all(k.startswith(f"{agent}-") for k in state.on)
    for text in shown:
        assert text in state.panel
    for text in missing:
        assert text not in state.panel


def test_evidence_explorer_every_agent_and_widget(evidence: explore.Explorer, review: data.ReviewData) -> None:
    rec = evidence_model.evidence_records(review)
    for agent in evidence.controls[0].values:
        assert len(evidence.select(agent=agent).on) == int((rec["agent"] == agent).sum()) + 1  # + its summary row
    _widget_shows(evidence, "es_cuo", "ES@CuO")


def test_evidence_explorer_filters_by_the_model_column(evidence: explore.Explorer) -> None:
    assert evidence.controls[1].values == ("any", "cell_lines", "animal_model", "patients", "not_stated")
    # disulfiram (read from the model columns): 18 findings, 13 at cell level, 1 in animals (ref 64), 5 not
    # stated; its summary row is always shown
    assert len(evidence.select(agent="disulfiram").on) == 18 + 1
    assert len(evidence.select(agent="disulfiram", level="cell_lines").on) == 13 + 1
    assert len(evidence.select(agent="disulfiram", level="animal_model").on) == 1 + 1
    assert len(evidence.select(agent="disulfiram", level="not_stated").on) == 5 + 1
    assert evidence.select(agent="disulfiram", level="patients").on == {"disulfiram-summary"}
    assert "highest evidence level among its findings: animal models" in evidence.view
    assert evidence.select(agent="cu_atsm").on == {"cu_atsm-summary"}
    assert len(evidence.select(agent="elesclomol", level="patients").on) == 3 + 1


# --------------------------------------------------------------------------- outlook: open questions


@pytest.fixture(scope="module")
def questions(review: data.ReviewData) -> explore.Explorer:
    return outlook.open_questions_explorer(review=review)


NANOPARTICLES = {
    "es_cuo",
    "tp_m_cu_mof_siatp7a",
    "pda_dtc_cu",
    "cup_pcb",
    "gox_cu_tz",
    "ha_cd_mof",
    "cu_ti",
    "cuo2_g5_bs_tf",
    "cs_e_c_dox",
    "cuet_nps",
}


def test_open_questions_cover_the_conclusion(questions: explore.Explorer) -> None:
    assert questions.controls[0].values == (
        "translation",
        "toxicity",
        "design",
        "immunotherapy",
        "inducers",
        "mechanism",
        "cuproptosis_resistance",
    )
    assert questions.controls[0].initial == "translation"
    _check_explorer(questions)


@pytest.mark.parametrize(
    "question, must, must_not",
    [
        (
            "translation",
            {
                "trial-100",
                "trial-101",
                "trial-102",
                "erratum-E15",
                "erratum-E27",
                "erratum-E28",
                "entity-elesclomol",
                "entity-disulfiram",
            },
            {"entity-es_cuo"},
        ),
        ("toxicity", {f"entity-{n}" for n in NANOPARTICLES} | {"ref-121", "ref-122", "erratum-E40"}, {"trial-100"}),
        ("design", {"entity-cuo2_g5_bs_tf", "ref-121", "ref-122"}, {"entity-cuet_nps"}),
        (
            "immunotherapy",
            {
                "entity-es_cuo",
                "entity-cu_ti",
                "entity-jyfy_001",
                "entity-disulfiram",
                "entity-anti_pd_l1",
                "erratum-E19",
            },
            {"entity-gox_cu_tz"},
        ),
        (
            "inducers",
            {"entity-lgod1", "entity-zinc_pyrithione", "entity-anisomycin", "erratum-E21", "ref-107"},
            {"entity-elesclomol"},
        ),
        (
            "mechanism",
            {
                "entity-fdx1",
                "entity-dlat",
                "entity-lias",
                "entity-proteotoxic_stress",
                "erratum-E13",
                "erratum-E14",
                "ref-17",
            },
            {"entity-steap1"},
        ),
    ],
)
def test_open_question_states(questions: explore.Explorer, question: str, must: set[str], must_not: set[str]) -> None:
    on = questions.select(question=question).on
    assert must <= on and not must_not & on


def test_resistance_to_cuproptosis_has_almost_nothing(questions: explore.Explorer) -> None:
    state = questions.select(question="cuproptosis_resistance")
    assert state.on == {"entity-cdkn2a", "entity-glycolysis", "ref-107"}
    assert "2 entities, 0 trials, 0 errata, 1 references" in state.panel


def test_open_questions_panel_and_widget(questions: explore.Explorer) -> None:
    assert "Copper ionophores; Copper and cancer drug resistance" in questions.select().panel
    _widget_shows(questions, "toxicity", "long-term toxicity")


def test_bad_defaults_are_refused(review: data.ReviewData) -> None:
    with pytest.raises(ValueError):
        knowledge_graph.neighbourhood_explorer(default="lipoic_acid", review=review)  # an isolated entity
    with pytest.raises(ValueError):
        knowledge_graph.metabolism_path_explorer(default="sn_38", review=review)  # no resistance finding
    with pytest.raises(ValueError):
        outlook.evidence_level_explorer(default="cisplatin", review=review)
    with pytest.raises(ValueError):
        outlook.open_questions_explorer(default="cost", review=review)
