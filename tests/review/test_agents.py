"""Ionophores, nanoparticles and other inducers (cuproptosis_book.review.agents): helpers and explorers.

Expected values are typed by hand from the review (sections "Copper ionophores…", "Nanoparticles…",
"Other agents…", Table 1) and from data/, never computed by the code under test.
"""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from published_tables import PRINTED_NAMES, TABLE1, TABLE1_EFFECT_TAGS, split_cell

from cuproptosis_book import data
from cuproptosis_book.explorers import base as explore
from cuproptosis_book.explorers import copper_ionophores, nanoparticles
from cuproptosis_book.review import agents
from cuproptosis_book.text import format_refs, item_id, relation_sentence


@pytest.fixture(scope="module")
def review():
    return data.load_all()


def on_keys(explorer, **values) -> set[str]:
    state = explorer.select(**values)
    return set(state.on) if state.on is not None else {"*"}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --------------------------------------------------------------------------- sentences and profiles


def test_relation_sentences_read_as_plain_statements(review) -> None:
    rel = review.relations

    def sentence(source, target, relation):
        row = rel[(rel.source == source) & (rel.target == target) & (rel.relation == relation)].iloc[0]
        return relation_sentence(review, row)

    assert (
        sentence("elesclomol", "cu_ii", "transports")
        == "Elesclomol carries Cu²⁺ from the extracellular space into the cytosol"
    )
    assert sentence("fdx1", "cu_ii", "reduces") == "FDX1 reduces Cu²⁺ to Cu⁺ (in the mitochondrion)"
    assert sentence("glycolysis", "elesclomol", "inhibits") == "Glycolysis weakens the effect of elesclomol"
    assert sentence("disulfiram", "aldh", "inhibits") == "Disulfiram lowers the activity or amount of ALDH"
    assert sentence("zinc_pyrithione", "dlat", "aggregates") == "Zinc pyrithione makes DLAT aggregate"
    assert sentence("clioquinol", "copper_ionophores", "part_of") == "CQ is counted among the copper ionophores"
    assert sentence("elesclomol", "es_cuo", "part_of") == "Elesclomol is a component of ES@CuO"
    assert sentence("disulfiram", "atp7b", "regulates").endswith("in a direction the review does not state")


def test_clioquinol_mechanisms_include_the_xiap_step(review) -> None:
    mechs = agents.agent_mechanisms("clioquinol", review)
    assert [(m.sentence, m.refs, m.next_step) for m in mechs] == [
        ("CQ is counted among the copper ionophores", (65,), False),
        ("CQ binds Cu", (65,), False),
        ("CQ-Cu lowers the activity or amount of XIAP", (65,), False),
        ("XIAP inhibits apoptosis", (65,), True),
    ]


def test_elesclomol_earlier_view_and_fdx1_steps_are_marked(review) -> None:
    mechs = agents.agent_mechanisms("elesclomol", review)
    earlier = {m.sentence for m in mechs if m.flag == "earlier view"}
    assert earlier == {"Elesclomol promotes ROS", "Elesclomol promotes Hsp70"}
    steps = {m.sentence for m in mechs if m.next_step}
    assert "FDX1 reduces Cu²⁺ to Cu⁺ (in the mitochondrion)" in steps
    assert agents.members("elesclomol", review) == ("elesclomol", "elesclomol_cu")
    assert agents.members("cu_atsm", review) == ("cu_atsm",)


def test_mechanism_flag() -> None:
    assert agents.mechanism_flag("DISPUTED: the text says …") == "disputed"
    assert (
        agents.mechanism_flag("Text: elesclomol was long thought to act by generating ROS (the earlier view).")
        == "earlier view"
    )
    assert agents.mechanism_flag("Text and Table 1.") is None
    assert agents.mechanism_flag(None) is None


def test_mechanism_table_marks_disputed_rows(review) -> None:
    table = agents.mechanism_table("anisomycin", review)
    disputed = set(table.loc[table["flag"] == "disputed", "statement"])
    assert disputed == {f"Anisomycin lowers the activity or amount of {p}" for p in ("FDX1", "DLD", "DLAT", "PDHB")}
    assert format_refs((), empty="(uncited)") == "(uncited)"
    assert format_refs((54, 55, 56, 57), empty="(uncited)") == "[54-57]"


@pytest.mark.parametrize(
    "agent, expected",
    [
        ("clioquinol", {"prostate_cancer": (65,)}),
        ("cu_atsm", {"prostate_cancer": (66,)}),
        (
            "elesclomol",
            {
                "melanoma": (67,),
                "prostate_cancer": (108,),
                "pancreatic_cancer": (79,),
                "myelodysplastic_syndromes": (112,),
            },
        ),
        ("disulfiram", {"nsclc": (110,), "hcc": (63,), "crc": (106,), "breast_cancer": (104,)}),
        ("lgod1", {"liver_cancer": (77,)}),
        ("sorafenib", {"liver_cancer": (78,)}),
        ("eupalinolide_b", {"pancreatic_cancer": (79,)}),
        ("zinc_pyrithione", {"tnbc": (80,)}),
        ("anisomycin", {"ovarian_cancer": (81,)}),
    ],
)
def test_cancers_named_with_each_agents_mechanisms(review, agent, expected) -> None:
    assert agents.agent_cancers(agent, review) == expected


@pytest.mark.parametrize(
    "agent, must_include",
    [
        ("curcumin", {"E24"}),
        ("sorafenib", {"E21"}),
        ("erastin", {"E21"}),
        ("anisomycin", {"E23"}),
        ("cu_atsm", {"E16"}),
        ("cu_gtsm", {"E16"}),
        ("elesclomol", {"E15", "E27"}),
        ("disulfiram", {"E28"}),
    ],
)
def test_errata_that_name_an_agent(review, agent, must_include) -> None:
    assert must_include <= set(agents.agent_errata(agent, review))


def test_no_erratum_names_lgod1_or_zinc_pyrithione(review) -> None:
    assert agents.agent_errata("lgod1", review) == ()
    assert agents.agent_errata("zinc_pyrithione", review) == ()


def test_elesclomol_trials_and_resistance(review) -> None:
    assert list(agents.agent_trials("elesclomol", review)["ref"]) == [100, 101, 102]
    assert agents.agent_trials("disulfiram", review).empty
    res = agents.agent_resistance("elesclomol", review)
    assert set(zip(res["cancer"], res["drug"])) == {
        ("lung_cancer", "cisplatin"),
        ("melanoma", "cisplatin"),
        ("hcc", "cisplatin"),
        ("colon_cancer", "fluorouracil"),
        ("melanoma", "vemurafenib"),
        ("prostate_cancer", "docetaxel"),
        ("crpc", "enzalutamide"),
    }


def test_ionophore_summary(review) -> None:
    s = agents.ionophore_summary(review)
    assert list(s.index) == ["elesclomol", "disulfiram", "clioquinol", "cu_atsm", "cu_gtsm", "curcumin"]
    assert list(s["copper complex"]) == ["elesclomol-Cu", "disulfiram-Cu", "CQ-Cu", "", "", ""]
    assert s.loc["clioquinol", "refs"] == "[65]"
    assert s.loc["cu_gtsm", "cancers (mechanisms)"] == "prostate cancer"


def test_other_agents_summary_targets_and_flags(review) -> None:
    s = agents.other_agents_summary(review)
    assert list(s.index) == [
        "lgod1",
        "sorafenib",
        "erastin",
        "eupalinolide_b",
        "zinc_pyrithione",
        "anisomycin",
        "curcumin",
    ]
    assert s.loc["lgod1", "acts on"] == "CCS"
    assert s.loc["sorafenib", "acts on"] == "FDX1 (disputed)"
    assert s.loc["zinc_pyrithione", "acts on"] == "DLAT"
    assert s.loc["eupalinolide_b", "acts on"] == "elesclomol"
    assert s.loc["anisomycin", "acts on"] == (
        "60S ribosomal subunit, FDX1 (disputed), DLD (disputed), DLAT (disputed), PDHB (disputed)"
    )
    assert "disputed" in s.loc["sorafenib", "flags"] and "E21" in s.loc["sorafenib", "flags"]
    assert s.loc["zinc_pyrithione", "flags"] == ""


def test_copper_classes(review) -> None:
    assert agents.copper_classes("curcumin", review) == {"copper_ionophores": (82, 83), "copper_chelators": (93,)}
    assert agents.copper_classes("cu_atsm", review) == {"copper_ionophores": (66,)}
    assert agents.copper_classes("tetrathiomolybdate", review) == {"copper_chelators": (91, 92)}
    assert agents.copper_classes("jyfy_001", review) == {"copper_chelators": (94,)}
    assert agents.copper_classes("elesclomol", review) == {"copper_ionophores": ()}


def test_reachable_from_uses_the_copper_complex(review) -> None:
    g = nx.from_pandas_edgelist(review.relations, "source", "target", create_using=nx.MultiDiGraph)
    assert "xiap" in agents.reachable_from(g, "clioquinol", 1, review)  # via CQ-Cu
    assert "apoptosis" in agents.reachable_from(g, "clioquinol", 2, review)
    assert agents.reachable_from(g, "cu_atsm", 1, review) == {"cu_atsm", "thiosemicarbazones"}


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
    assert "phase III" in default and "E15" in default
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
    assert "copper ionophores [82,83]" in panel and "copper chelators [93]" in panel
    assert "Both at once?" in panel and "E24" in panel
    assert "lower" in text_of(ex.select(compound="tetrathiomolybdate").panel)
    assert "raise" in text_of(ex.select(compound="elesclomol").panel)
    w = ex.widget()
    w.controls[0].value = "jyfy_001"
    assert "copper chelators [94]" in text_of(w.output.value)


# --------------------------------------------------------------------------- explorers: other agents


def test_other_agents_explorer(review) -> None:
    ex = nanoparticles.other_agents_explorer(review=review)
    assert ex.default_key == "sorafenib"
    for agent in ex.controls[0].values:
        assert on_keys(ex, agent=agent) == {agent}
    sor = text_of(ex.select().panel)
    assert "Acts on: FDX1 (disputed)" in sor and "[disputed]" in sor and "E21" in sor
    assert "liver cancer [78]" in sor
    zn = text_of(ex.select(agent="zinc_pyrithione").panel)
    assert "Zinc pyrithione makes DLAT aggregate [80]" in zn and "triple-negative breast cancer [80]" in zn
    lg = text_of(ex.select(agent="lgod1").panel)
    assert "Acts on: CCS" in lg and "liver cancer [77]" in lg
    an = text_of(ex.select(agent="anisomycin").panel)
    assert "ovarian cancer [81]" in an and "E23" in an
    w = ex.widget()
    w.controls[0].value = "eupalinolide_b"
    assert "pancreatic cancer [79]" in w.output.value


# --------------------------------------------------------------------------- explorers: nanoparticles


def _published_rows() -> list[tuple[str, set[str], set[str]]]:
    """(nanoparticle id, tumour ids, effect tags) typed by hand from the published Table 1."""
    return [
        (PRINTED_NAMES[name], {PRINTED_NAMES[t] for t in split_cell(types)}, TABLE1_EFFECT_TAGS[PRINTED_NAMES[name]])
        for name, types, _effects, _ref in TABLE1
    ]


@pytest.mark.parametrize(
    "tumour, effect, expected",
    [
        (
            "any",
            "any",
            (
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
            ),
        ),
        ("any", "immune", ("es_cuo", "pda_dtc_cu", "cup_pcb", "ha_cd_mof", "cu_ti")),
        ("tnbc", "any", ("cu_ti", "cuo2_g5_bs_tf")),
        ("breast_cancer", "any", ("pda_dtc_cu", "cup_pcb", "ha_cd_mof", "cs_e_c_dox")),
        ("breast_cancer", "ferroptosis", ()),
        ("any", "ferroptosis", ("cuo2_g5_bs_tf",)),
        ("melanoma", "immune_response", ("es_cuo",)),
        ("crc", "pd_l1_reduction", ("cu_ti",)),
        ("bladder_cancer", "photodynamic_therapy", ("gox_cu_tz",)),
    ],
)
def test_filter_nanoparticles(review, tumour, effect, expected) -> None:
    assert agents.filter_nanoparticles(tumour, effect, review) == expected


def test_nanoparticle_filter_explorer_every_state(review) -> None:
    ex = nanoparticles.nanoparticle_filter_explorer(review=review)
    assert ex.mode == "filter"
    assert ex.default_key == "any|immune"
    tumours, effects = (c.values for c in ex.controls)
    assert tumours == ("any", "melanoma", "sclc", "breast_cancer", "bladder_cancer", "crc", "tnbc", "nsclc")
    assert effects[:2] == ("any", "immune") and set(effects[2:]) == set().union(*TABLE1_EFFECT_TAGS.values())
    immune = {"immune_response", "immunogenic_cell_death", "pd_l1_reduction", "tumour_microenvironment"}
    for t in tumours:
        for e in effects:
            want = {
                np
                for np, types, tags in _published_rows()
                if (t == "any" or t in types) and (e == "any" or (e == "immune" and tags & immune) or e in tags)
            }
            state = ex.select(tumour=t, effect=e)
            assert set(state.on) == want, (t, e)
            panel = text_of(state.panel)
            if want:
                assert f"{len(want)} of 10" in panel
            else:
                assert "No nanoparticle in Table 1" in panel and "“any”" in panel


def test_nanoparticle_filter_explorer_html_and_widget(review) -> None:
    ex = nanoparticles.nanoparticle_filter_explorer(review=review)
    html = ex.html()
    assert 'data-mode="filter"' in html
    assert f'<tr id="{item_id("np-filter", "es_cuo")}" class="cb-on">' in html
    assert f'<tr id="{item_id("np-filter", "cuet_nps")}" class="cb-off">' in html
    assert "5 of 10" in text_of(ex.select().panel)
    w = ex.widget()
    w.controls[0].value = "tnbc"
    assert "1 of 10" in text_of(w.output.value) and "Cu/TI" in w.output.value
    w.controls[1].value = "any"
    assert "2 of 10" in text_of(w.output.value)
    w.controls[1].value = "stemness_inhibition"
    assert "No nanoparticle in Table 1" in w.output.value


def test_table1_differences(review) -> None:
    diff = agents.table1_differences(review)
    assert list(diff.index) == [PRINTED_NAMES[row[0]] for row in TABLE1]
    assert (diff["difference"] != "").all()
    assert "programmed cell death-1" in diff.loc["cu_ti", "difference"]
    assert set(diff.loc["cu_ti", "errata"].split(", ")) >= {"E19", "E26"}
    assert "E20" in diff.loc["cuo2_g5_bs_tf", "errata"]
    assert "E17" in diff.loc["cup_pcb", "errata"]


def test_table1_vs_text_explorer(review) -> None:
    ex = nanoparticles.table1_vs_text_explorer(review=review)
    assert ex.default_key == "cu_ti"
    assert len(ex.controls[0].values) == 10
    for np_id in ex.controls[0].values:
        assert on_keys(ex, nanoparticle=np_id) == {np_id}
    cu_ti = text_of(ex.select().panel)
    assert "Cu/TI triggers immunogenic cell death [73] (Table 1 only)" in cu_ti
    assert "Cu/TI triggers cuproptosis (in the mitochondrion) [73] (text and Table 1)" in cu_ti
    assert "programmed cell death-1" in cu_ti and "E19" in cu_ti
    gox = text_of(ex.select(nanoparticle="gox_cu_tz").panel)
    assert "photodynamic" in gox
    w = ex.widget()
    w.controls[0].value = "cuo2_g5_bs_tf"
    assert "E20" in w.output.value and "Cu2O" in w.output.value


def test_effect_grid_uses_text_marks(review) -> None:
    grid = nanoparticles.effect_grid(review=review)
    html = grid.html()
    # 24 reported effects in Table 1 (2+2+3+3+2+3+3+3+2+1), each a ✓ in a tinted cell
    assert html.count(f"background:{nanoparticles.MARK_FILL}") == 24
    assert len(re.findall(r">✓</td>", html)) == 24
    assert html.count('aria-label="not reported"') == 10 * 11 - 24
    assert '<th scope="row">Cu/TI</th>' in html  # rows by the text's names
    assert "HA-CD@MOF NPs" in html and "HA CD@MOF NPs" not in html
    assert list(grid.matrix.sum()) == [10, 2, 3, 1, 1, 1, 2, 1, 1, 1, 1]


def test_table_cells_are_escaped() -> None:
    html = explore.html_table("x", ("<h>",), [("k", ("<script>alert(1)</script>",))])
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;h&gt;" in html
