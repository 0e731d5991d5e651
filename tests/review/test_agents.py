"""The agents (review/agents.py): mechanisms, cancers, errata, trials and resistance of each agent; Table 1 filters and
its differences from the text.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import networkx as nx
import pytest
from published_tables import PRINTED_NAMES, TABLE1

from cuproptosis_book import data
from cuproptosis_book.review import agents
from cuproptosis_book.text import format_refs, relation_sentence


@pytest.fixture(scope="module")
def review():
    return data.load_all()


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
    ("agent", "expected"),
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
    ("agent", "must_include"),
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
    assert set(zip(res["cancer"], res["drug"], strict=True)) == {
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
    assert "disputed" in s.loc["sorafenib", "flags"]
    assert "E21" in s.loc["sorafenib", "flags"]
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


@pytest.mark.parametrize(
    ("tumour", "effect", "expected"),
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


def test_table1_differences(review) -> None:
    diff = agents.table1_differences(review)
    assert list(diff.index) == [PRINTED_NAMES[row[0]] for row in TABLE1]
    assert (diff["difference"] != "").all()
    assert "programmed cell death-1" in diff.loc["cu_ti", "difference"]
    assert set(diff.loc["cu_ti", "errata"].split(", ")) >= {"E19", "E26"}
    assert "E20" in diff.loc["cuo2_g5_bs_tf", "errata"]
    assert "E17" in diff.loc["cup_pcb", "errata"]
