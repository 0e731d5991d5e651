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
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
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
    curcumin_classes = {r["target"] for r in rel(source="curcumin", relation="part_of")}
    ttm_class = {r["agent_class"] for r in RES if r["agent"] == "tetrathiomolybdate"}
    assert ttm_class == {"chelator"}
    assert {"copper_chelators", "copper_ionophores"} <= curcumin_classes
    assert rel(source="disulfiram", relation="inhibits", target="aldh")
    benefit = [t for t in TRIALS if t["outcome_class"] not in ("no_benefit", "no_added_benefit", "tolerable")]
    return {
        "cm-q1": {label(r["source"]) for r in rel(relation="transports", target="cu_i", destination="lysosome")},
        "cm-q2": {label(r["source"]) for r in rel(relation="delivers", destination="sod1")},
        "cm-q3": {
            label(r["source"])
            for r in rel(relation="transports", target="cu_i", destination="mitochondrion", erratum="")
        },
        "cm-q4": {label(r["source"]) for r in rel(relation="transports", target="cisplatin", destination="cytosol")},
        "cm-q5": {label(r["source"]) for r in rel(relation="oxidizes", target="cu_i")},
        "cm-q6": {GLOSS["GRX1"]["expansion"]},
        "cu-q1": {
            label(r["source"])
            for r in rel(relation="reduces", target="cu_ii", compartment="mitochondrion")
            if "3" in items(r["figure"])
        },
        "cu-q2": {label(r["source"]) for r in rel(relation="lipoylates", target="dlat") if r["source"] != "fdx1"},
        "cu-q3": {label(r["target"]) for r in rel(source="cu_i", relation="aggregates")},
        "cu-q4": {label(r["target"]) for r in rel(source="copper", relation="inhibits")},
        "cu-q7": {label(r["source"]) for r in rel(relation="inhibits", target="cuproptosis")},
        "io-q1": {label(r["target"]) for r in rel(source="elesclomol", relation="binds", compartment="mitochondrion")},
        "io-q2": {"ALDH"},
        "io-q3": {label(r["target"]) for r in rel(source="clioquinol_cu", relation="inhibits")},
        "io-q4": {
            label(r["source"])
            for r in rel(target="elesclomol", relation="promotes")
            if ENT[r["source"]]["kind"] == "process"
        },
        "io-q5": {"As an ionophore in one section and a chelator in another"},
        "io-q6": {
            (
                "Only that a tolerable dose of the combination was found: the study neither tests benefit nor, "
                "without a paclitaxel-only group, shows that elesclomol is safe"
            )
        }
        if [t["outcome_class"] for t in TRIALS if t["ref"] == "102"] == ["tolerable"]
        else set(),
        "np-q1": {label(c) for r in NPS if r["entity"] == "es_cuo" for c in items(r["tumour_types"])},
        "np-q2": {label(r["entity"]) for r in NPS if "ferroptosis" in items(r["effect_tags"])},
        "np-q3": {
            label(r["source"])
            for r in rel(relation="inhibits", target="atp7b")
            if ENT[r["source"]]["kind"] == "nanoparticle"
        },
        "np-q4": {label(r["source"]) for r in rel(relation="inhibits", target="ccs")},
        "dr-q2": {"A copper chelator, which lowers the copper available to the cell"},
        "dr-q3": {label(r["agent"]) for r in RES if r["drug"] == "pd_1_inhibitor"},
        "dr-q4": {label(r["drug"]) for r in RES if r["agent"] == "muc20"},
        "dr-q5": {label(r["agent"]) for r in RES if r["drug"] == "oxaliplatin"},
        "ol-q1": {"None of them"} if not benefit else {"One of them", "Two of them", "All three of them"},
        "in-q1": {"In the " + r["compartment"] for r in rel(source="fdx1", relation="reduces", target="cu_ii")},
        "in-q4": {
            {"cell_lines": "Cell lines"}.get(r["model"], r["model"])
            for r in RES
            if (r["agent"], r["drug"], r["cancer"]) == ("elesclomol", "cisplatin", "lung_cancer")
        },
        "ol-q2": {
            label(a) for a in {r["agent"] for r in RES} if all(label(a).lower() in t["regimen"].lower() for t in TRIALS)
        },
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
    # typed from the review: FDX1 reduces Cu2+ in mitochondria (Figure 3); CQ-Cu removes XIAP; COX17 carries Cu+
    # into mitochondria (text); only elesclomol was tried in patients
    assert ANSWERS["cu-q1"] == {"FDX1"}
    assert ANSWERS["io-q3"] == {"XIAP"}
    assert ANSWERS["cm-q3"] == {"COX17"}
    assert ANSWERS["ol-q2"] == {"elesclomol"}


def test_the_trials_key_says_no_trial_showed_benefit() -> None:
    # the chapters (drug resistance, outlook) say none of the three trials showed elesclomol helping patients
    assert len(TRIALS) == 3
    assert {t["outcome_class"] for t in TRIALS} <= {"no_benefit", "no_added_benefit", "tolerable"}
    phase1 = next(t for t in TRIALS if t["phase"] == "I")
    assert phase1["outcome_class"] == "tolerable"
    assert "toxicity" in phase1["outcome"].lower()
    q = next(q for q in QUESTIONS if q.id == "ol-q1")
    assert q.correct_label == "None of them"
    assert "2" not in q.correct_label
    assert q.correct_label != "Two of them"


# --------------------------------------------------------------------------- the options do not give the key away


def test_no_option_position_holds_more_than_a_third_of_the_keys() -> None:
    # counted on the questions as shown (the display order), not on the CSV order the authors wrote
    positions = Counter(next(i for i, o in enumerate(q.options) if o.correct) for q in CHOICE)
    assert len(CHOICE) >= 40
    for position, n in positions.items():
        assert n / len(CHOICE) <= 0.35, f"option {chr(65 + position)} holds {n} of {len(CHOICE)} keys: {positions}"


def test_the_key_is_not_systematically_the_longest_option() -> None:
    longest = [q.id for q in CHOICE if len(q.correct_label) > max(len(o.label) for o in q.options if not o.correct)]
    assert len(longest) / len(CHOICE) <= 0.35, f"{len(longest)} of {len(CHOICE)} keys are the longest: {longest}"


def test_display_order_is_seeded_by_the_question_id() -> None:
    from cuproptosis_book.course.option_order import seeded_order

    letters = list("abcdef")
    assert seeded_order("xx-q1", letters) == seeded_order("xx-q1", letters)
    assert len({seeded_order(f"xx-q{i}", letters) for i in range(20)}) > 10
    # counts keep their natural order
    assert seeded_order("xx-q1", ["3", "0", "2", "1"], ["3", "0", "2", "1"]) == ("0", "1", "2", "3")
    csv_order = {q: [o["label"] for o in rows("course/options") if o["question"] == q] for q in ("in-q1", "kg-q1")}
    shown = {q.id: [o.label for o in q.options] for q in CHOICE if q.id in csv_order}
    assert any(shown[q] != [label or shown[q][0] for label in csv_order[q]] for q in csv_order)


def test_no_developer_text_in_what_a_student_sees() -> None:
    for q in QUESTIONS:
        shown = q.explorer(1).html()
        assert "key:" not in shown, q.id
        # a key source ("relations.source where relation=reduces") is for the quiz's builder, not for students
        assert not re.search(r"\b[a-z_]+\.[a-z_]+ where [a-z_]+!?=", shown), q.id
        assert not re.search(r"\b(relations|resistance|glossary|trials|nanoparticles)\.[a-z_]+", shown), q.id


def test_keys_from_data_are_declared_where_the_key_is_a_fact() -> None:
    keyed = {q.id for q in QUESTIONS if q.source}
    assert {"cm-q1", "cu-q1", "io-q4", "np-q1", "dr-q2", "dr-q4", "ol-q1"} <= keyed
    for q in QUESTIONS:
        if q.source:
            assert q.kind == "choice", q.id


def test_no_question_asks_to_recall_an_erratum_id_or_a_row_count() -> None:
    for q in QUESTIONS:
        assert not re.search(r"\bE\d\d\b", q.prompt), q.id
        assert not any(re.fullmatch(r"E\d\d", o.label) for o in q.options), q.id
        assert ".csv" not in q.prompt, q.id
        assert "how many rows" not in q.prompt.lower(), q.id


def test_every_chapter_has_at_least_five_questions() -> None:
    count = Counter(q.chapter for q in QUESTIONS)
    assert set(count) == set(chapters.CHAPTERS)
    assert min(count.values()) >= 5, count


def test_every_wrong_option_says_why() -> None:
    for q in CHOICE:
        assert len(q.options) >= 3, q.id
        for o in q.options:
            assert o.correct or len(o.feedback) > 20, f"{q.id}: {o.label!r} has no feedback"


def test_every_keyed_question_has_an_independent_key() -> None:
    assert {q.id for q in CHOICE if q.source} <= set(ANSWERS)


@pytest.mark.parametrize("question", [q for q in CHOICE if q.id in ANSWERS], ids=lambda q: q.id)
def test_key_equals_the_data(question: Question) -> None:
    expected = ANSWERS[question.id]
    assert question.correct_label in expected
    labels = [o.label for o in question.options]
    assert sum(label in expected for label in labels) == 1, "a distractor is also right according to the data"
    assert len(labels) >= 3


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_question_checks_objectives_of_its_own_chapter(question: Question) -> None:
    prefix = chapters.CHAPTERS[question.chapter]
    assert question.id.startswith(prefix + "-q")
    assert question.objectives
    assert all(re.fullmatch(prefix + r"-\d+", o) for o in question.objectives)


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
    assert "Correct." in panel
    assert "Not quite" not in panel
    for o in question.options:
        if not o.correct:
            wrong = ex.select(answer=question.values[o.label]).panel
            assert "Not quite." in wrong
            assert "Correct." not in wrong
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
    q = Question(
        "cm-q99",
        "copper_metabolism",
        "Is <b>this</b> escaped?",
        ("cm-1",),
        options=(Option("<script>x</script>", True), Option("a & b", False, "fb <i>")),
        explanation="why <u>",
    )
    html = q.explorer(1).html()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<b>this</b>" not in html
    assert "&lt;b&gt;this&lt;/b&gt;" in html
    assert "fb &lt;i&gt;" in html
    assert "why &lt;u&gt;" in html
    assert 'class="cb-explorer"' in html
    assert 'script type="application/json" class="cb-states"' in html
    assert '<option value="none" selected>— choose —</option>' in html


def test_a_chapter_quiz_renders_one_explorer_per_question() -> None:
    qz = quiz.chapter_quiz("cuproptosis")
    html = qz._repr_mimebundle_()["text/html"]
    assert html.count('class="cb-explorer"') == len(qz.questions)
    ids = re.findall(r'<div class="cb-explorer" id="([^"]+)"', "".join(quiz_model.Quiz(QUESTIONS).html()))
    assert len(ids) == len(set(ids)) == len(QUESTIONS)


# --------------------------------------------------------------------------- builders refuse ambiguous keys


def _row(key_source: str) -> dict[str, str]:
    return {
        "id": "cu-q98",
        "chapter": "cuproptosis",
        "kind": "choice",
        "prompt": "Which protein reduces Cu²⁺?",
        "objectives": "cu-1",
        "key_source": key_source,
        "answer": "",
        "explanation": "",
        "refs": "",
        "errata": "",
    }


def _options(*spec: tuple[str, bool]) -> list[dict[str, str]]:
    return [
        {
            "question": "cu-q98",
            "value": v,
            "label": "",
            "correct": "true" if ok else "false",
            "feedback": "" if ok else "Not this one, because the data say otherwise.",
        }
        for v, ok in spec
    ]


def test_key_source_resolves_against_the_data() -> None:
    review = data.load_all()
    ks = quiz.KeySource.parse("relations.source where relation=reduces; target=cu_ii; compartment=mitochondrion")
    assert ks.resolve(review) == {
        r["source"] for r in rel(relation="reduces", target="cu_ii", compartment="mitochondrion")
    }
    assert quiz.KeySource.parse("trials.count where phase=III").resolve(review) == {"1"}
    assert quiz.KeySource.parse("trials.count where phase!=III").resolve(review) == {"2"}


def test_builder_refuses_a_distractor_that_is_right() -> None:
    review = data.load_all()
    # STEAP also reduces Cu2+: it cannot be a distractor of "which protein reduces Cu2+"
    with pytest.raises(QuizError, match="also an answer"):
        quiz.build_question(
            _row("relations.source where relation=reduces; target=cu_ii"),
            _options(("fdx1", True), ("steap", False), ("gpx4", False)),
            review,
        )


def test_builder_refuses_a_key_the_data_do_not_give() -> None:
    review = data.load_all()
    with pytest.raises(QuizError, match="not what the data give"):
        quiz.build_question(
            _row("relations.source where relation=reduces; target=cu_ii; compartment=mitochondrion"),
            _options(("gpx4", True), ("fdx1", False)),
            review,
        )


def test_builder_refuses_a_wrong_option_without_feedback() -> None:
    review = data.load_all()
    opts = _options(("fdx1", True), ("gpx4", False))
    opts[1]["feedback"] = ""
    with pytest.raises(QuizError, match="no feedback"):
        quiz.build_question(_row(""), opts, review)


def test_question_needs_exactly_one_correct_option() -> None:
    with pytest.raises(QuizError, match=r"^cu-q96: 2 correct options, expected exactly one$"):
        Question("cu-q96", "cuproptosis", "?", ("cu-1",), options=(Option("a", True), Option("b", True)))
    with pytest.raises(QuizError, match=r"^cu-q95: a question checks at least one objective$"):
        Question("cu-q95", "cuproptosis", "?", ())
