"""Self-check quizzes (cuproptosis_book.course.quiz): answer keys agree with data/, feedback works live and offline.

The expected answers are looked up here by an independent reading of the CSV files with the ``csv``
module (no pandas, no package code), so a quiz key that drifts from the data fails.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from cuproptosis_book import data
from cuproptosis_book.course import chapters, quiz, quiz_model
from cuproptosis_book.course.quiz_model import CHOOSE, NONE, Option, Question, QuizError
from cuproptosis_book.text import esc

DATA = Path(__file__).resolve().parents[2] / "data"


# --------------------------------------------------------------------------- independent reading of data/


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def items(cell: str) -> list[str]:
    return cell.split(";") if cell else []


ENT = {r["id"]: r for r in rows("entities")}
REL = rows("relations")
RES = rows("resistance")
NPS = rows("nanoparticles")
TRIALS = rows("trials")
GLOSS = {r["term"]: r for r in rows("glossary")}
ERRATA = {r["id"]: r for r in rows("errata")}


def label(entity: str) -> str:
    return ENT[entity]["label"]


def rel(**where: str) -> list[dict[str, str]]:
    return [r for r in REL if all(r[k] == v for k, v in where.items())]


def most_common_unique(counter: Counter[str]) -> str:
    (top, n), (_, n2) = counter.most_common(2)
    assert n > n2, "the data have a tie: the question would be ambiguous"
    return top


def table2_drugs(agent: str) -> list[str]:
    placed = [r for r in RES if r["agent"] == agent and r["in_table2"] == "true" and r["table2_drug_pos"]]
    return [label(r["drug"]) for r in sorted(placed, key=lambda r: int(r["table2_drug_pos"]))]


def answers() -> dict[str, set[str]]:
    """question id -> the set of option labels the data make correct (independent of the package)."""
    degree: Counter[str] = Counter(e for r in REL for e in {r["source"], r["target"]})
    tumours: Counter[str] = Counter(c for r in NPS for c in items(r["tumour_types"]))
    curcumin_classes = {r["target"] for r in rel(source="curcumin", relation="part_of")}
    negative = sum(t["outcome_class"] in ("no_benefit", "no_added_benefit") for t in TRIALS)
    ttm_class = {r["agent_class"] for r in RES if r["agent"] == "tetrathiomolybdate"}
    assert ttm_class == {"chelator"}
    assert {"copper_chelators", "copper_ionophores"} <= curcumin_classes
    assert rel(source="disulfiram", relation="inhibits", target="aldh")
    return {
        "cm-q1": {label(r["source"]) for r in rel(relation="transports", target="cu_i", destination="lysosome")},
        "cm-q2": {label(r["source"]) for r in rel(relation="delivers", destination="sod1")},
        "cm-q3": {label(r["source"]) for r in rel(relation="transports", target="cu_i",
                                                 destination="mitochondrion", erratum="")},
        "cm-q4": {label(r["source"]) for r in rel(relation="transports", target="cisplatin", destination="cytosol")},
        "cm-q5": {label(r["source"]) for r in rel(relation="oxidizes", target="cu_i")},
        "cm-q6": {GLOSS["GRX1"]["expansion"]},
        "cu-q1": {label(r["source"]) for r in rel(relation="reduces", target="cu_ii", compartment="mitochondrion")
                  if "3" in items(r["figure"])},
        "cu-q2": {label(r["source"]) for r in rel(relation="lipoylates", target="dlat") if r["source"] != "fdx1"},
        "cu-q3": {label(r["target"]) for r in rel(source="cu_i", relation="aggregates")},
        "cu-q4": {label(r["target"]) for r in rel(source="copper", relation="inhibits")},
        "cu-q5": {GLOSS["DLAT"]["expansion"]},
        "cu-q7": {label(r["source"]) for r in rel(relation="inhibits", target="cuproptosis")},
        "io-q1": {label(r["target"]) for r in rel(source="elesclomol", relation="binds", compartment="mitochondrion")},
        "io-q2": {"ALDH"},
        "io-q3": {label(r["target"]) for r in rel(source="clioquinol_cu", relation="inhibits")},
        "io-q4": {label(r["source"]) for r in rel(target="elesclomol", relation="promotes")
                  if ENT[r["source"]]["kind"] == "process"},
        "io-q5": {"As an ionophore in one section and a chelator in another"},
        "io-q6": {t["outcome"] for t in TRIALS if t["ref"] == "102"},
        "np-q1": {label(c) for r in NPS if r["entity"] == "es_cuo" for c in items(r["tumour_types"])},
        "np-q2": {label(r["entity"]) for r in NPS if "ferroptosis" in items(r["effect_tags"])},
        "np-q3": {label(r["source"]) for r in rel(relation="inhibits", target="atp7b")
                  if ENT[r["source"]]["kind"] == "nanoparticle"},
        "np-q4": {label(r["source"]) for r in rel(relation="inhibits", target="ccs")},
        "np-q5": {label(most_common_unique(tumours))},
        "dr-q1": {", ".join(table2_drugs("elesclomol"))},
        "dr-q2": {"A copper chelator, which lowers the copper available to the cell"},
        "dr-q3": {label(r["agent"]) for r in RES if r["drug"] == "pd_1_inhibitor"},
        "dr-q4": {label(r["drug"]) for r in RES if r["agent"] == "muc20"},
        "dr-q5": {label(r["agent"]) for r in RES if r["drug"] == "oxaliplatin"},
        "dr-q6": {f"Phase {t['phase']}" for t in TRIALS if "melanoma" in t["population"].lower()},
        "kg-q1": {label(most_common_unique(degree))},
        "kg-q2": {most_common_unique(Counter(r["relation"] for r in REL))},
        "kg-q3": {label(most_common_unique(Counter(r["drug"] for r in RES)))},
        "ol-q1": {str(negative)},
        "ol-q2": {label(a) for a in {r["agent"] for r in RES}
                  if all(label(a).lower() in t["regimen"].lower() for t in TRIALS)},
        "ol-q3": {e["id"] for e in ERRATA.values() if "58" in items(e["refs"])},
    }


ANSWERS = answers()
QUESTIONS = quiz.questions()
CHOICE = [q for q in QUESTIONS if q.kind == "choice"]
SHORT = [q for q in QUESTIONS if q.kind == "short"]


# --------------------------------------------------------------------------- the keys agree with the data


def test_the_independent_answers_are_single() -> None:
    for qid, found in ANSWERS.items():
        assert len(found) == 1, f"{qid}: the data give {found}"


def test_spot_checks_typed_from_the_review() -> None:
    # typed from the review: FDX1 reduces Cu2+ in mitochondria (Figure 3); elesclomol's Table 2 drugs;
    # the melanoma trial (ref 101) was phase III
    assert ANSWERS["cu-q1"] == {"FDX1"}
    assert ANSWERS["dr-q1"] == {"cisplatin, 5-fluorouracil, vemurafenib, docetaxel, enzalutamide"}
    assert ANSWERS["dr-q6"] == {"Phase III"}
    assert ANSWERS["io-q3"] == {"XIAP"}
    assert ANSWERS["cm-q3"] == {"COX17"}
    assert ANSWERS["ol-q2"] == {"elesclomol"}
    assert ANSWERS["ol-q3"] == {"E15"}


def test_every_multiple_choice_question_has_an_independent_key() -> None:
    assert {q.id for q in CHOICE} == set(ANSWERS)


@pytest.mark.parametrize("question", CHOICE, ids=lambda q: q.id)
def test_key_equals_the_data(question: Question) -> None:
    expected = ANSWERS[question.id]
    assert question.correct_label in expected
    labels = [o.label for o in question.options]
    assert sum(label in expected for label in labels) == 1, "a distractor is also right according to the data"
    assert len(labels) >= 3


def test_short_answers_quote_the_data() -> None:
    by_id = {q.id: q for q in SHORT}
    assert by_id["np-q6"].answer == ERRATA["E21"]["issue"]
    assert by_id["np-q7"].answer == ERRATA["E40"]["issue"]
    for t in TRIALS:
        assert t["outcome"] in by_id["dr-q7"].answer
    bib = (DATA / "references.bib").read_text(encoding="utf-8")
    for n in (121, 122):
        entry = re.search(r"@\w+\{ref" + str(n) + r",(.*?)\n\}", bib, re.DOTALL)
        assert entry is not None
        title = re.search(r"title\s*=\s*\{(.*)\},?\n", entry.group(1))
        assert title is not None
        assert title.group(1).strip("{}") in by_id["ol-q4"].answer
    assert {q.id for q in SHORT} >= {"np-q6", "np-q7", "dr-q7", "ol-q4"}


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_question_checks_objectives_of_its_own_chapter(question: Question) -> None:
    prefix = chapters.CHAPTERS[question.chapter]
    assert question.id.startswith(prefix + "-q")
    assert question.objectives and all(re.fullmatch(prefix + r"-\d+", o) for o in question.objectives)


def test_question_ids_are_unique_and_every_chapter_has_a_quiz() -> None:
    ids = [q.id for q in QUESTIONS]
    assert len(ids) == len(set(ids))
    assert {q.chapter for q in QUESTIONS} == set(chapters.CHAPTERS)


def test_errata_and_refs_named_in_questions_exist() -> None:
    bib = (DATA / "references.bib").read_text(encoding="utf-8")
    numbers = {int(n) for n in re.findall(r"reviewref\s*=\s*[{\"]?(\d+)", bib)}
    for q in QUESTIONS:
        assert set(q.errata) <= set(ERRATA), q.id
        assert set(q.refs) <= numbers, q.id


# --------------------------------------------------------------------------- feedback (states and widgets)


@pytest.mark.parametrize("question", CHOICE, ids=lambda q: q.id)
def test_feedback_states(question: Question) -> None:
    ex = question.explorer(1)
    assert ex.controls[0].options[0] == (CHOOSE, NONE)
    assert "Choose an answer" in ex.select().panel
    right = question.values[question.correct_label]
    panel = ex.select(answer=right).panel
    assert "Correct." in panel and "Not quite" not in panel
    for o in question.options:
        if not o.correct:
            wrong = ex.select(answer=question.values[o.label]).panel
            assert "Not quite." in wrong and "Correct." not in wrong
            assert question.correct_label not in wrong or question.correct_label in o.feedback


@pytest.mark.parametrize("question", [CHOICE[0], CHOICE[-1], *SHORT[:1]], ids=lambda q: q.id)
def test_live_widget_updates(question: Question) -> None:
    w = question.explorer(2).widget()
    assert "Choose an answer" in w.output.value
    if question.kind == "choice":
        w.controls[0].value = question.values[question.correct_label]
        assert "Correct." in w.output.value
        wrong = next(o for o in question.options if not o.correct)
        w.controls[0].value = question.values[wrong.label]
        assert "Not quite." in w.output.value
    else:
        w.controls[0].value = "show"
        assert "Model answer." in w.output.value


@pytest.mark.parametrize("question", SHORT, ids=lambda q: q.id)
def test_short_answer_reveals_the_model_answer(question: Question) -> None:
    ex = question.explorer()
    assert "Model answer" not in ex.select().panel
    shown = ex.select(answer="show").panel
    assert "Model answer." in shown
    assert esc(question.answer) in shown


def test_site_html_is_kernel_free_and_escaped() -> None:
    q = Question("cm-q99", "copper_metabolism", "Is <b>this</b> escaped?", ("cm-1",),
                 options=(Option("<script>x</script>", True), Option("a & b", False, "fb <i>")),
                 explanation="why <u>")
    html = q.explorer(1).html()
    assert "<script>x</script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<b>this</b>" not in html and "&lt;b&gt;this&lt;/b&gt;" in html
    assert "fb &lt;i&gt;" in html and "why &lt;u&gt;" in html
    assert 'class="cb-explorer"' in html and 'script type="application/json" class="cb-states"' in html
    assert "<option value=\"none\" selected>— choose —</option>" in html


def test_a_chapter_quiz_renders_one_explorer_per_question() -> None:
    qz = quiz.chapter_quiz("cuproptosis")
    html = qz._repr_mimebundle_()["text/html"]
    assert html.count('class="cb-explorer"') == len(qz.questions)
    ids = re.findall(r'<div class="cb-explorer" id="([^"]+)"', "".join(quiz_model.Quiz(QUESTIONS).html()))
    assert len(ids) == len(set(ids)) == len(QUESTIONS)


# --------------------------------------------------------------------------- builders refuse ambiguous keys


def test_builder_refuses_several_answers() -> None:
    review = data.load_all()
    with pytest.raises(QuizError, match="exactly one answer"):
        quiz_model.relation_question(review, "cu-q98", "cuproptosis", "Which protein reduces Cu²⁺?", ask="source",
                               where={"relation": "reduces", "target": "cu_ii"}, distractors=["gpx4"],
                               explanation="", objectives=("cu-1",))


def test_builder_refuses_a_distractor_that_is_right() -> None:
    review = data.load_all()
    with pytest.raises(QuizError, match="also an answer"):
        # STEAP also reduces Cu2+: it cannot be a distractor of "which protein reduces Cu2+ outside the cell"
        quiz_model.relation_question(review, "cu-q97", "cuproptosis", "?", ask="source",
                               where={"relation": "reduces", "target": "cu_ii", "compartment": "mitochondrion"},
                               wrong_where={"relation": "reduces", "target": "cu_ii"}, distractors=["steap"],
                               explanation="", objectives=("cu-1",))


def test_question_needs_exactly_one_correct_option() -> None:
    with pytest.raises(QuizError):
        Question("cu-q96", "cuproptosis", "?", ("cu-1",), options=(Option("a", True), Option("b", True)))
    with pytest.raises(QuizError):
        Question("cu-q95", "cuproptosis", "?", ())
