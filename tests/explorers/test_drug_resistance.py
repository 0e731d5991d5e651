"""The drug-resistance chapter's explorers (explorers/drug_resistance.py): drug -> strategies, agent -> drugs, trials,
and the findings table.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import pandas as pd
import pytest
from review_facts import ALL_KEYS, BY_DRUG

from cuproptosis_book.explorers import drug_resistance
from cuproptosis_book.text import item_id

BY_AGENT: dict[str, set[str]] = {}
for _keys in BY_DRUG.values():
    for _k in _keys:
        BY_AGENT.setdefault(_k.split("-")[0], set()).add(_k)


@pytest.fixture(scope="module")
def drug_ex():
    return drug_resistance.drug_to_strategies_explorer()


@pytest.fixture(scope="module")
def agent_ex():
    return drug_resistance.agent_to_drugs_explorer()


@pytest.fixture(scope="module")
def trials_ex():
    return drug_resistance.trials_explorer()


def test_findings_table_html_escapes_and_carries_row_ids() -> None:
    frame = pd.DataFrame(
        [
            {
                "key": "a-b-c-1",
                "agent_label": "<script>",
                "class_label": "c",
                "drug_label": "d&e",
                "cancer_label": "x",
                "effect_short": "y",
                "refs_text": "[1]",
                "in_table2": True,
                "figure4_label": "",
                "errata_text": "E01",
            }
        ]
    )
    html = drug_resistance.findings_table_html("demo", frame)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "d&amp;e" in html
    assert f'<tr id="{item_id("demo", "a-b-c-1")}">' in html
    assert html.startswith('<div class="cb-table">')


# --------------------------------------------------------------------------- drug -> strategies explorer


def test_drug_explorer_controls(drug_ex) -> None:
    drug, cls = drug_ex.controls
    assert drug.initial == "cisplatin"
    assert cls.initial == "all"
    assert drug.options[0] == ("cisplatin (9 findings)", "cisplatin")
    assert set(drug.values) == set(BY_DRUG)
    assert cls.values == ("all", "chelator", "ionophore", "nanoparticle", "cuproptosis_inducer", "ncrna")
    assert drug_ex.mode == "filter"


@pytest.mark.parametrize("drug", sorted(BY_DRUG))
def test_drug_explorer_every_drug_filters_its_rows(drug_ex, drug) -> None:
    assert set(drug_ex.select(drug=drug).on) == BY_DRUG[drug]


@pytest.mark.parametrize(
    ("drug", "cls", "expected"),
    [
        (
            "cisplatin",
            "chelator",
            {"tetrathiomolybdate-cisplatin-cervical_cancer-91", "curcumin-cisplatin-lung_cancer-93"},
        ),
        (
            "cisplatin",
            "ionophore",
            {
                "elesclomol-cisplatin-lung_cancer-95",
                "elesclomol-cisplatin-melanoma-96",
                "elesclomol-cisplatin-hcc-97",
                "disulfiram-cisplatin-breast_cancer-104",
            },
        ),
        ("cisplatin", "nanoparticle", {"cuet_nps-cisplatin-nsclc-76"}),
        ("cisplatin", "cuproptosis_inducer", {"baicalein-cisplatin-cervical_cancer-111"}),
        ("cisplatin", "ncrna", {"hotair-cisplatin-lung_adenocarcinoma-113"}),
        ("doxorubicin", "nanoparticle", {"cs_e_c_dox-doxorubicin-breast_cancer-75"}),
        ("metformin", "ionophore", set()),
    ],
)
def test_drug_explorer_class_filter(drug_ex, drug, cls, expected) -> None:
    assert set(drug_ex.select(drug=drug, agent_class=cls).on) == expected


def test_drug_explorer_default_panel(drug_ex) -> None:
    panel = drug_ex.select().panel
    for text in (
        "tetrathiomolybdate",
        "curcumin",
        "elesclomol",
        "disulfiram",
        "baicalein",
        "CuET NPs",
        "copper chelator",
        "copper ionophore",
        "[76,91,93,95-97,104,111]",
        "6 agent(s)",
        "SLC31A1/Ctr1",
        "ATOX1 (binds, sequesters) [46,47]",
        "E24",
        "E34",
    ):
        assert text in panel, text
    # HOTAIR is shown, but apart from the copper strategies
    not_linked = panel.split("Not linked to copper")[1]
    assert "HOTAIR" in not_linked
    assert "HOTAIR" not in panel.split("Not linked to copper")[0]


def test_drug_explorer_panels_for_other_states(drug_ex) -> None:
    assert (
        "No finding pairs <b>metformin</b> with a copper ionophore"
        in drug_ex.select(drug="metformin", agent_class="ionophore").panel
    )
    pac = drug_ex.select(drug="paclitaxel").panel
    assert "disulfiram" in pac
    assert "[103]" in pac
    assert "phase III [101]" in pac
    tam = drug_ex.select(drug="tamoxifen").panel
    assert "No copper-linked agent" in tam
    assert "H19" in tam
    enz = drug_ex.select(drug="enzalutamide").panel
    assert "E29" in enz
    assert "E42" in enz


def test_drug_explorer_html_and_widget(drug_ex) -> None:
    html = drug_ex.html()
    assert 'data-state="cisplatin|all"' in html
    assert 'data-mode="filter"' in html
    for key in ALL_KEYS:
        assert f'id="{item_id("drug-strategies", key)}"' in html
    on_id = item_id("drug-strategies", "baicalein-cisplatin-cervical_cancer-111")
    off_id = item_id("drug-strategies", "h19-tamoxifen-breast_cancer-115")
    assert f'id="{on_id}" class="cb-on"' in html
    assert f'id="{off_id}" class="cb-off"' in html
    w = drug_ex.widget()
    w.controls[0].value = "paclitaxel"
    pac_id = item_id("drug-strategies", "disulfiram-paclitaxel-tnbc-103")
    assert f'id="{pac_id}" class="cb-on"' in w.output.value
    assert f'id="{on_id}" class="cb-off"' in w.output.value
    w.controls[1].value = "chelator"
    assert "No finding pairs <b>paclitaxel</b>" in w.output.value
    w.controls[0].value, w.controls[1].value = "cisplatin", "all"


# --------------------------------------------------------------------------- agent -> drugs explorer


def test_agent_explorer_controls(agent_ex) -> None:
    (agent,) = agent_ex.controls
    assert agent.initial == "elesclomol"
    assert set(agent.values) == set(BY_AGENT)
    assert agent.values[:3] == ("tetrathiomolybdate", "curcumin", "jyfy_001")  # chelators first
    assert {v: lab for lab, v in agent.options}["elesclomol"] == "elesclomol · copper ionophore (7 findings)"


@pytest.mark.parametrize("agent", sorted(BY_AGENT))
def test_agent_explorer_every_agent_filters_its_rows(agent_ex, agent) -> None:
    assert set(agent_ex.select(agent=agent).on) == BY_AGENT[agent]


def test_agent_explorer_panels(agent_ex) -> None:
    ele = agent_ex.select().panel
    for text in (
        "copper ionophore",
        "7 finding(s)",
        "[95-99,108,109]",
        "ref 109 is also credited to disulfiram",
        "phase II [100]",
        "phase III [101]",
        "E27",
        "E29",
        "E35",
        "castration-resistant prostate cancer",
    ):
        assert text in ele, text
    dis = agent_ex.select(agent="disulfiram").panel
    assert "anti-PD-L1" in dis
    assert "E36" in dis
    assert "Clinical trials" not in dis
    hot = agent_ex.select(agent="hotair").panel
    assert "does not connect this RNA to copper" in hot
    assert "[113,114,119,120]" in hot
    assert "E31" in agent_ex.select(agent="muc20").panel
    assert "in Table 2: no" in agent_ex.select(agent="linc02362").panel
    assert "in Table 2: yes" in agent_ex.select(agent="cuet_nps").panel


def test_agent_explorer_widget(agent_ex) -> None:
    w = agent_ex.widget()
    w.controls[0].value = "tetrathiomolybdate"
    out = w.output.value
    assert f'id="{item_id("agent-drugs", "tetrathiomolybdate-metformin-breast_cancer-92")}" class="cb-on"' in out
    assert f'id="{item_id("agent-drugs", "elesclomol-cisplatin-hcc-97")}" class="cb-off"' in out
    assert "metformin" in out
    assert "[91,92]" in out
    w.controls[0].value = "elesclomol"


# --------------------------------------------------------------------------- trials explorer


@pytest.mark.parametrize(
    ("trial", "phase", "phrase"),
    [
        ("100", "II", "platinum"),
        ("101", "III", "chemotherapy"),
        ("102", "I", "STA-4783"),
    ],
)
def test_trials_explorer_states(trials_ex, trial, phase, phrase) -> None:
    state = trials_ex.select(trial=trial)
    assert state.on == frozenset({trial})
    assert f"Phase {phase} trial [{trial}]" in state.panel
    assert phrase in state.panel
    assert "Why it matters" in state.panel


def test_trials_explorer_default_and_widget(trials_ex) -> None:
    assert trials_ex.controls[0].initial == "100"
    assert trials_ex.controls[0].values == ("102", "100", "101")
    w = trials_ex.widget()
    w.controls[0].value = "101"
    assert "Phase III trial [101]" in w.output.value
    assert f'id="{item_id("elesclomol-trials", "101")}" class="cb-on"' in w.output.value
    w.controls[0].value = "100"
