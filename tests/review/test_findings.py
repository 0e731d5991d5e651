"""The resistance findings (review/findings.py): Table 2 in long form, hand-checked against the review, and its
summaries.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

from review_facts import AGENTS, ALL_KEYS

from cuproptosis_book.review import findings

# --------------------------------------------------------------------------- the long form


def test_findings_have_unique_hand_checked_keys() -> None:
    f = findings.findings()
    assert set(f.index) == ALL_KEYS
    assert len(f) == 29
    assert f.loc["elesclomol-cisplatin-hcc-97", "cancer_label"] == "hepatocellular carcinoma"
    assert f.loc["disulfiram-anti_pd_l1-nsclc-110", "drug_label"] == "anti-PD-L1"
    assert f.loc["curcumin-cisplatin-lung_cancer-93", "class_label"] == "copper chelator"
    assert not f.loc["hotair-cisplatin-lung_adenocarcinoma-113", "copper_linked"]
    assert f.loc["muc20-proteasome_inhibitors-multiple_myeloma-117", "copper_linked"]


def test_finding_key() -> None:
    assert findings.finding_key("elesclomol", "cisplatin", "melanoma", (96,)) == "elesclomol-cisplatin-melanoma-96"
    assert findings.finding_key("x", "y", "z", (110, 103)) == "x-y-z-103"


def test_class_effect_table_counts() -> None:
    t = findings.class_effect_table()
    assert t.loc["copper chelator", "sensitizes (no resistant model named)"] == 4
    assert t.loc["copper chelator", "overcomes resistance"] == 0
    assert t.loc["copper ionophore", "overcomes resistance"] == 12
    assert t.loc["copper ionophore", "sensitizes (no resistant model named)"] == 2
    assert t.loc["copper nanoparticle", "overcomes resistance"] == 2
    assert t.loc["other cuproptosis inducer", "overcomes resistance"] == 1
    assert t.loc["non-coding RNA/DNA", "drives resistance"] == 4
    assert t.loc["non-coding RNA/DNA", "silencing it sensitizes"] == 2
    assert int(t.to_numpy().sum()) == 29


def test_drug_class_matrix_puts_cisplatin_first() -> None:
    m = findings.drug_class_matrix()
    assert m.index[0] == "cisplatin"
    assert m.loc["cisplatin", "agents"] == 6
    assert m.loc["cisplatin", "classes"] == 4
    assert m.loc["cisplatin", "copper chelator"] == 2
    assert m.loc["cisplatin", "copper ionophore"] == 2
    assert m.loc["enzalutamide", "agents"] == 2
    assert m.loc["enzalutamide", "copper ionophore"] == 2
    # HOTAIR/H19-only drugs have no copper-linked helper
    assert "tamoxifen" not in m.index
    assert "trastuzumab" not in m.index


def test_agent_drug_graph() -> None:
    g = findings.agent_drug_graph()
    agents = {n for n, d in g.nodes(data=True) if d["side"] == "agent"}
    drugs = {n for n, d in g.nodes(data=True) if d["side"] == "drug"}
    assert agents == AGENTS
    assert len(drugs) == 13
    assert g.number_of_edges() == 20
    assert set(g["cisplatin"]) == {
        "tetrathiomolybdate",
        "curcumin",
        "elesclomol",
        "disulfiram",
        "baicalein",
        "cuet_nps",
    }
    assert g.edges["elesclomol", "cisplatin"]["refs"] == (95, 96, 97)
    every = findings.agent_drug_graph(effects=tuple(findings.EFFECT_LABELS), copper_linked_only=False)
    assert set(every["trastuzumab"]) == {"hotair"}


def test_drug_handlers_from_relations() -> None:
    handlers = {label: (rels, refs) for label, rels, refs in findings.drug_handlers("cisplatin")}
    assert {"SLC31A1/Ctr1", "ATOX1", "ATP7A", "ATP7B"} <= set(handlers)
    assert handlers["SLC31A1/Ctr1"][0] == ("transports",)
    assert {27, 28, 89} <= set(handlers["SLC31A1/Ctr1"][1])
    assert set(handlers["ATOX1"][0]) == {"binds", "sequesters"}
    assert handlers["ATOX1"][1] == (46, 47)
    assert findings.drug_handlers("doxorubicin") == [("ATP7A", ("exports",), (90,))]
    assert findings.drug_handlers("tamoxifen") == []


def test_errata_helpers() -> None:
    assert {"E29", "E42"} <= set(findings.errata_for([109]))
    assert "E15" in findings.errata_for([58])
    assert findings.errata_for([17]) == []  # cuproptosis-section erratum E13 is not this chapter's
    f = findings.findings()
    rows = f.loc[["elesclomol-docetaxel-prostate_cancer-108"]]
    assert {"E35", "E43"} <= set(findings.findings_errata(rows))
    shown = findings.errata_rows(["E27", "E29"])
    assert list(shown["id"]) == ["E27", "E29"]
    assert list(shown.columns) == ["id", "issue", "reading the book follows"]
    assert shown.iloc[1]["issue"].startswith("The text does not name the ionophore of ref 109")


def test_prognostic_lncrnas_and_trials_frame() -> None:
    assert findings.prognostic_lncrnas() == [
        "AC026412.3",
        "AC125437.1",
        "AL353572.4",
        "MKLN1-AS",
        "TMCC1-AS1",
        "SLC6A1-AS1",
    ]
    t = findings.trials_frame()
    assert list(t["phase"]) == ["I", "II", "III"]
    assert list(t["ref"]) == ["[102]", "[100]", "[101]"]


def test_drug_handlers_frame() -> None:
    t = findings.drug_handlers_frame("cisplatin")
    assert list(t.columns) == ["protein", "relation", "refs"]
    row = t[t["protein"] == "ATOX1"].iloc[0]
    assert row["relation"] == "binds, sequesters"
    assert row["refs"] == "[46,47]"
    assert findings.drug_handlers_frame("tamoxifen").empty
