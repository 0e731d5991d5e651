"""The outlook chapter's explorers (explorers/outlook.py): evidence levels and open questions.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import pytest
from explorer_checks import check_explorer, widget_shows

from cuproptosis_book import data
from cuproptosis_book.explorers import base as explore
from cuproptosis_book.explorers import outlook
from cuproptosis_book.review import evidence as evidence_model


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all()


# --------------------------------------------------------------------------- explorers: shared checks


@pytest.fixture(scope="module")
def evidence(review: data.ReviewData) -> explore.Explorer:
    return outlook.evidence_level_explorer(review=review)


def test_evidence_explorer_default_is_elesclomol(evidence: explore.Explorer) -> None:
    assert evidence.controls[0].initial == "elesclomol"
    assert evidence.mode == "filter"
    state = evidence.select()
    assert all(k.startswith("elesclomol-") for k in state.on)
    assert "elesclomol-summary" in state.on
    assert "patients (clinical trial): <strong>3</strong> finding(s) [100-102]" in state.panel
    assert "animal models: <em>no finding at this level</em>" in state.panel
    assert "E15" in state.panel
    assert "E27" in state.panel
    check_explorer(evidence)


@pytest.mark.parametrize(
    ("agent", "shown", "missing"),
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
    widget_shows(evidence, "es_cuo", "ES@CuO")


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
    check_explorer(questions)


@pytest.mark.parametrize(
    ("question", "must", "must_not"),
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
    assert must <= on
    assert not must_not & on


def test_resistance_to_cuproptosis_has_almost_nothing(questions: explore.Explorer) -> None:
    state = questions.select(question="cuproptosis_resistance")
    assert state.on == {"entity-cdkn2a", "entity-glycolysis", "ref-107"}
    assert "2 entities, 0 trials, 0 errata, 1 references" in state.panel


def test_open_questions_panel_and_widget(questions: explore.Explorer) -> None:
    assert "Copper ionophores; Copper and cancer drug resistance" in questions.select().panel
    widget_shows(questions, "toxicity", "long-term toxicity")


def test_outlook_bad_defaults_are_refused(review: data.ReviewData) -> None:
    with pytest.raises(ValueError, match=r"'cisplatin' is not among the outlook's agents"):
        outlook.evidence_level_explorer(default="cisplatin", review=review)
    with pytest.raises(ValueError, match=r"'cost' is not an open question"):
        outlook.open_questions_explorer(default="cost", review=review)
