"""The evidence behind the outlook (review/evidence.py): agents, records, levels from the model column, the summary.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from review_facts import AGENTS

from cuproptosis_book import data
from cuproptosis_book.review import evidence as evidence_model

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all()


# --------------------------------------------------------------------------- agent–drug network


# --------------------------------------------------------------------------- outlook: evidence levels


def test_evidence_agents(review: data.ReviewData) -> None:
    agents = set(evidence_model.evidence_agents(review))
    assert agents >= AGENTS
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
    for agent, statement in zip(ref109["agent"], ref109["statement"], strict=True):
        assert statement.startswith("an unnamed copper ionophore with enzalutamide"), statement
        assert "E29" in statement
        assert not statement.startswith(agent)


def test_evidence_records_use_the_curated_model_column(review: data.ReviewData) -> None:
    rec = evidence_model.evidence_records(review)
    trials = rec[(rec["agent"] == "elesclomol") & (rec["source"] == "clinical trial")]
    assert sorted(r for refs in trials["refs"] for r in refs) == [100, 101, 102]
    assert all(lv == ("patients",) for lv in trials["levels"])
    # nanoparticles.csv, es_cuo: model animal_model ("melanoma in mice"); the model note is the evidence shown
    es_cuo = rec[(rec["agent"] == "es_cuo") & (rec["source"] == "Table 1")].iloc[0]
    assert es_cuo["levels"] == ("animal_model",)
    assert "in mice" in es_cuo["evidence"]
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
    assert len(tm) == 3
    assert all(lv == () for lv in tm["levels"])
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
    assert changed.loc["jyfy_001", "patients"] == 1
    assert changed.loc["jyfy_001", "not_stated"] == 0
    # the words of a note alone change nothing
    path.write_text(
        text.replace(row, row.replace("colorectal", "mice xenograft patients colorectal")), encoding="utf-8"
    )
    reworded = evidence_model.evidence_summary(data.load_all(folder))
    assert reworded.loc["jyfy_001", "not_stated"] == 1
    assert reworded.loc["jyfy_001", "animal_model"] == 0


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
        assert s.loc[agent, "findings"] == 0
        assert "both in vitro and in vivo" in s.loc[agent, "note"]
    assert s.loc["elesclomol", "note"] == ""
    top = evidence_model.highest_level(review)
    assert top["elesclomol"] == "patients"
    assert top["cu_atsm"] == "no finding"
    assert top["jyfy_001"] == "not_stated"
    assert top["baicalein"] == "cell_lines"
    assert top["es_cuo"] == "animal_model"
