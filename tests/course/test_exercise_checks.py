"""Feedback on the coding exercises: the checks say right or not, with a hint and never the answer.

The expected values are computed from data by the package; here they are compared with what the chapters' worked
solutions say in words (typed by hand below), and the student notebooks are executed twice: untouched (every
check fails with a hint, and nothing raises) and with the worked solutions filled in (every check passes).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest
import yaml

from cuproptosis_book import data
from cuproptosis_book.course import editions
from cuproptosis_book.course.exercise_checks import EXPECTED, check, exercise_checks

ROOT = Path(__file__).resolve().parents[2]
STUDENT = ROOT / "student_edition"
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
REVIEW = data.load_all()

# What the worked solutions of the chapters say, typed from their prose (not computed by the code under test).
FROM_THE_SOLUTIONS = {
    ("ex-cm-2", "b"): {"mitochondrion"},  # "The mitochondrion disappears when disputed rows are dropped"
    ("ex-cm-2", "c"): {"cox17"},  # "Only COX17 has a path to MT-CO2"
    ("ex-io-2", "no_death"): {"cu_atsm", "cu_gtsm"},  # "Cu-ATSM and Cu-GTSM reach nothing"
    ("ex-io-2", "only_apoptosis"): {"clioquinol"},  # "only CQ-Cu → XIAP → apoptosis remains"
    ("ex-io-3", "tolerated_trials"): {102},  # "The phase I trial found similar toxicity … {cite}`ref102`"
    ("ex-io-3", "no_benefit_trials"): {100, 101},  # "Neither the phase II … nor the phase III trial … ref100,ref101"
    ("ex-kg-3", "further"): {"proteasome_inhibitors", "tamoxifen", "pd_1_inhibitor"},  # "drop out … moves further"
    ("ex-kg-4", "a"): 2,  # "(a, b) Weight 2"
    ("ex-kg-4", "b"): {"cisplatin", "fluorouracil"},  # "share cisplatin and 5-fluorouracil"
    ("ex-np-2", "b"): {"metastasis_suppression"},  # "travels most often with suppression of metastasis"
    ("ex-np-2", "c"): {"breast_cancer", "tnbc"},  # "Breast cancer has four particles and triple-negative … two"
    ("ex-ol-4", "in_animals"): {"es_cuo", "cup_pcb", "ha_cd_mof"},  # "ES@CuO, CuP and HA-CD@MOF at the animal level"
}


def _part(exercise: str, name: str) -> Any:
    return next(p for p in exercise_checks()[exercise].parts if p.name == name)


@pytest.mark.parametrize(("exercise", "name"), sorted(FROM_THE_SOLUTIONS), ids=str)
def test_expected_values_match_the_worked_solutions(exercise: str, name: str) -> None:
    assert EXPECTED[_part(exercise, name).expected](REVIEW) == FROM_THE_SOLUTIONS[(exercise, name)]


def test_expected_counts_match_the_solution_text() -> None:
    effects = EXPECTED["particles_per_effect"](REVIEW)
    # "Cuproptosis is in all ten rows; immunogenic cell death follows (three particles), then an immune response and
    # fewer metastases (two each)"
    assert (effects["cuproptosis"], effects["immunogenic_cell_death"]) == (10, 3)
    assert effects["immune_response"] == effects["metastasis_suppression"] == 2


def test_untouched_answers_get_a_hint_for_every_part() -> None:
    for exercise, spec in exercise_checks().items():
        report = check(exercise)
        assert not report.passed
        assert [f.status for f in report.feedback] == ["missing"] * len(spec.parts)
        assert all("Hint: " in f.message for f in report.feedback), exercise


def test_a_wrong_answer_says_not_yet_with_a_hint_and_how_far_off() -> None:
    report = check("ex-cm-2", a=["ATOX1"], b={"golgi", "mitochondrion"}, c=["COX17"])
    status = [f.status for f in report.feedback]
    assert status == ["wrong", "wrong", "right"]
    assert "1 of your 2 items should not be there" in report.feedback[1].message
    assert "Hint: " in report.feedback[0].message
    assert "1 of 3 right so far" in repr(report)


def test_labels_or_ids_in_any_order_and_container() -> None:
    import pandas as pd

    right = EXPECTED["atox1_reach"](REVIEW)
    labels = [REVIEW.label(e) for e in sorted(right)]
    assert check("ex-cm-2", a=pd.Series(labels), b=("mitochondrion",), c="COX17").feedback[0].right
    assert check("ex-kg-2", a=pd.Series(EXPECTED["agents_per_drug"](REVIEW)), b=[]).feedback[0].right


def test_nothing_a_learner_types_raises() -> None:
    for value in (None, 3.5, object(), {"x": object()}, [[1, 2, 3]], float("nan"), lambda: 1):
        for exercise, spec in exercise_checks().items():
            report = check(exercise, **{p.name: value for p in spec.parts})
            assert not report.passed
    assert check("no-such-exercise").feedback[0].status == "unreadable"


def test_hints_never_hold_the_answer() -> None:
    for exercise, spec in exercise_checks().items():
        for part in spec.parts:
            expected = EXPECTED[part.expected](REVIEW)
            if isinstance(expected, set | dict) and len(expected) > 1:
                names = {str(e).lower() for e in expected} | {REVIEW.labels.get(str(e), "").lower() for e in expected}
                named = {n for n in names if n and re.search(rf"\b{re.escape(n)}\b", part.hint.lower())}
                assert len(named) < len(expected), f"{exercise} ({part.name}): the hint lists the answer"
            elif isinstance(expected, int):
                assert not re.search(rf"\b{expected}\b", part.hint), f"{exercise} ({part.name}): the hint gives it"


def test_every_expected_value_is_used_and_each_check_is_complete() -> None:
    used = {p.expected for spec in exercise_checks().values() for p in spec.parts}
    assert used == set(EXPECTED)


# -- the student notebooks, executed ----------------------------------------------------------------------


def _run(nb: Any, cwd: Path) -> Any:
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def _check_outputs(nb: Any) -> dict[str, str]:
    out = {}
    for cell in nb.cells:
        if "student-check" in cell.metadata.get("tags", []):
            texts = [o.get("data", {}).get("text/plain", "") for o in cell.outputs]
            errors = [o for o in cell.outputs if o.output_type == "error"]
            assert not errors, f"{cell.id} raised: {errors[0].ename} {errors[0].evalue}"
            out[cell.id.removeprefix("check-")] = "".join(texts)
    return out


def _filled_in(chapter: str) -> Any:
    """The student notebook with each scaffold replaced by the chapter's worked solution and the answer variables."""
    nb = nbformat.read(STUDENT / f"{chapter}.ipynb", as_version=4)
    source = editions.read_notebook(ROOT / "chapters" / f"{chapter}.ipynb")
    exercises = editions.student_edition(source, chapter, CONFIG).exercises
    cells = []
    for cell in nb.cells:
        if "student-scaffold" in cell.metadata.get("tags", []):
            label = cell.id.removeprefix("scaffold-")
            cells += [copy.deepcopy(c) for c in exercises[label].solution_cells]
            answers = "\n".join(f"{p.variable} = {p.solution}" for p in exercise_checks()[label].parts)
            cells.append(nbformat.v4.new_code_cell(answers))
        else:
            cells.append(cell)
    nb.cells = cells
    return nb


CHECKED = sorted(p.stem for p in STUDENT.glob("*.ipynb") if '"student-check"' in p.read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHECKED)
def test_checks_fail_with_a_hint_on_the_untouched_scaffolds(chapter: str) -> None:
    nb = _run(nbformat.read(STUDENT / f"{chapter}.ipynb", as_version=4), STUDENT)
    outputs = _check_outputs(nb)
    assert outputs
    assert all("right so far" in t and "Hint: " in t and "Traceback" not in t for t in outputs.values())


@pytest.mark.slow
@pytest.mark.parametrize("chapter", CHECKED)
def test_checks_pass_with_the_worked_solutions(chapter: str) -> None:
    outputs = _check_outputs(_run(_filled_in(chapter), STUDENT))
    failed = {label: t for label, t in outputs.items() if "all right" not in t}
    assert outputs
    assert not failed, json.dumps(failed, indent=1, ensure_ascii=False)
