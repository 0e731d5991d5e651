"""LMS packages (cuproptosis_book.course.lms_export): every Canvas and Moodle package read back and checked.

The packages are written by text2qti (QTI 1.2) and moodle-tools (Moodle XML); this test reads them with the
standard library only (zipfile, ElementTree), following each format's structure: QTI 1.2 ``item`` →
``response_lid``/``response_label`` → ``respcondition`` setting SCORE, ``itemfeedback``; Moodle XML ``question``
→ ``answer fraction`` → ``feedback``. The expected questions, keys and feedback come from data/course/*.csv
and the syllabus, read here with ``csv`` and PyYAML.
"""

from __future__ import annotations

import csv
import html
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from cuproptosis_book.course import lms_export

ROOT = Path(__file__).resolve().parents[2]
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def rows(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


ENTITY_LABEL = {r["id"]: r["label"] for r in rows("entities")}
QUESTIONS = {r["id"]: r for r in rows("course/questions")}
OPTIONS: dict[str, list[dict[str, str]]] = {}
for _o in rows("course/options"):
    _o["shown"] = _o["label"] or ENTITY_LABEL.get(_o["value"], _o["value"])
    OPTIONS.setdefault(_o["question"], []).append(_o)
SYLLABUS: dict[str, Any] = yaml.safe_load((ROOT / "data" / "course" / "syllabus.yml").read_text(encoding="utf-8"))


def expected_packages() -> dict[str, list[str]]:
    out = {"question-bank": list(QUESTIONS)}
    for s in SYLLABUS["sessions"]:
        if s.get("warm_up"):
            out[f"session{s['number']}-warm-up"] = s["warm_up"]
        out[f"session{s['number']}-exit-ticket"] = s["exit_ticket"]
    return out


EXPECTED = expected_packages()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("lms")
    lms_export.write_packages(out)
    return out


# text2qti's Markdown typesets straight quotes and dashes; compare the text, not the typography
TYPOGRAPHY = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "--", "\u2014": "---"}
)


def text_of(html_text: str) -> str:
    """Visible text of an HTML fragment (tags dropped, entities decoded, spaces collapsed, quotes straight)."""
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", html_text)))


def flat(text: str) -> str:
    return " ".join(text.replace("&#39;", "'").translate(TYPOGRAPHY).split()).replace(" )", ")").replace("( ", "(")


def test_every_session_has_its_exit_ticket_packages(folder: Path) -> None:
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(f"{stem}-{kind}" for stem in EXPECTED for kind in ("canvas.zip", "moodle.xml"))
    assert {f"session{n}-exit-ticket" for n in (1, 2, 3, 4)} <= set(EXPECTED)


@pytest.mark.parametrize("stem", list(EXPECTED))
def test_canvas_qti_package_reads_back(folder: Path, stem: str) -> None:
    with zipfile.ZipFile(folder / f"{stem}-canvas.zip") as zf:
        names = zf.namelist()
        assert "imsmanifest.xml" in names
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
        hrefs = [e.get("href") for e in manifest.iter() if e.tag.endswith("file")]
        assessment = next(n for n in names if n.endswith(".xml") and "/" in n and not n.endswith("assessment_meta.xml"))
        assert assessment in hrefs, "the manifest lists the assessment file"
        root = ET.fromstring(zf.read(assessment))
    items = list(root.iter(f"{QTI}item"))
    assert [i.get("title") for i in items] == EXPECTED[stem]
    for item in items:
        qid = item.get("title") or ""
        q = QUESTIONS[qid]
        prompt = text_of(item.find(f"{QTI}presentation/{QTI}material/{QTI}mattext").text or "")  # type: ignore[union-attr]
        assert prompt == flat(q["prompt"])
        kind = next(
            f.findtext(f"{QTI}fieldentry")
            for f in item.iter(f"{QTI}qtimetadatafield")
            if f.findtext(f"{QTI}fieldlabel") == "question_type"
        )
        feedback = {
            fb.get("ident"): text_of(fb.findtext(f".//{QTI}mattext") or "") for fb in item.iter(f"{QTI}itemfeedback")
        }
        assert flat(q["explanation"] or q["answer"])[:60] in feedback["general_fb"]
        if q["kind"] == "short":
            assert kind == "essay_question"
            continue
        assert kind == "multiple_choice_question"
        lid = item.find(f"{QTI}presentation/{QTI}response_lid")
        assert lid is not None
        assert lid.get("rcardinality") == "Single"
        labels = {
            lab.get("ident"): text_of(lab.findtext(f".//{QTI}mattext") or "")
            for lab in lid.iter(f"{QTI}response_label")
        }
        options = OPTIONS[qid]
        assert sorted(labels.values()) == sorted(flat(o["shown"]) for o in options)
        scored = [
            rc.findtext(f"{QTI}conditionvar/{QTI}varequal")
            for rc in item.iter(f"{QTI}respcondition")
            if rc.findtext(f"{QTI}setvar") == "100"
        ]
        assert len(scored) == 1
        key = next(o for o in options if o["correct"] == "true")
        assert labels[scored[0]] == flat(key["shown"])
        for ident, label in labels.items():
            option = next(o for o in options if flat(o["shown"]) == label)
            if option["correct"] != "true":
                assert feedback[f"{ident}_fb"] == flat(option["feedback"])


@pytest.mark.parametrize("stem", list(EXPECTED))
def test_moodle_xml_package_reads_back(folder: Path, stem: str) -> None:
    root = ET.parse(folder / f"{stem}-moodle.xml").getroot()
    assert root.tag == "quiz"
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    assert [q.findtext("name/text") for q in questions] == EXPECTED[stem]
    for element in questions:
        qid = element.findtext("name/text") or ""
        q = QUESTIONS[qid]
        assert text_of(element.findtext("questiontext/text") or "") == flat(q["prompt"])
        assert flat(q["explanation"] or q["answer"])[:60] in text_of(element.findtext("generalfeedback/text") or "")
        if q["kind"] == "short":
            assert element.get("type") == "essay"
            assert text_of(element.findtext("graderinfo/text") or "") == flat(q["answer"])
            continue
        assert element.get("type") == "multichoice"
        assert (element.findtext("single") or "").strip() == "true"
        answers = element.findall("answer")
        options = OPTIONS[qid]
        assert len(answers) == len(options)
        right = [a for a in answers if float(a.get("fraction") or 0) == 100]
        assert len(right) == 1
        assert all(float(a.get("fraction") or 0) == 0 for a in answers if a not in right)
        key = next(o for o in options if o["correct"] == "true")
        assert text_of(right[0].findtext("text") or "") == flat(key["shown"])
        for a in answers:
            option = next(o for o in options if flat(o["shown"]) == text_of(a.findtext("text") or ""))
            assert text_of(a.findtext("feedback/text") or "") == flat(option["feedback"])
        # Moodle keeps the book's balanced order (the one printed and shown on the site)
        assert (element.findtext("shuffleanswers") or "").strip() == "0"


def test_no_developer_text_reaches_the_packages(folder: Path) -> None:
    for path in folder.iterdir():
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as zf:
                text = " ".join(zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith(".xml"))
        else:
            text = path.read_text(encoding="utf-8")
        assert "key:" not in text, path.name
        assert not re.search(r"\b[a-z_]+\.[a-z_]+ where [a-z_]+!?=", text), path.name
        assert not re.search(r"\bex-[a-z]{2}-\d+\b", text), path.name
