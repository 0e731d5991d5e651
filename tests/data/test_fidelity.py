"""Words agree with the findings: a claim of reversed resistance needs a finding that reversed resistance.

The data record each finding's effect in ``data/resistance.csv``: ``overcomes_resistance`` only when the study
used cells that already resisted the drug, ``sensitizes`` when a drug merely worked better (erratum E43), and
``silencing_sensitizes`` when knocking an RNA down restored sensitivity. A description, a note or a chapter
sentence that says an agent "overcomes", "reverses", "restores", "bypasses" or "circumvents" resistance or
sensitivity must therefore name an agent (or a drug) that has such a finding, with the drug and cancer it names.

The checker reads the CSV files and notebooks directly (no package code), so it judges the data on its own.
It works clause by clause (a clause ends at ``;``, ", and", ", while", ", but", ", whereas"), ignores text in
curly quotation marks (the review's own words, quoted) and clauses that deny the claim ("not", "rather than")
or mark it as a prospect or as someone else's framing ("prospect", "may", "legend").
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
CHAPTERS = ROOT / "chapters"

#: Effects that support saying resistance was overcome or sensitivity restored.
REVERSAL_EFFECTS = frozenset({"overcomes_resistance", "silencing_sensitizes"})

_VERB = (
    r"overc[oa]m\w*|revers\w*|restor\w*|re-?sensiti[sz]\w*|circumvent\w*|bypass\w*|abolish\w*|"
    r"undo(?:es|ing|ne)?|undid"
)
CLAIM = re.compile(
    rf"\b(?:{_VERB})\b[^.;]*?\b(?:\w*resistan\w*|sensitivity|susceptibility|vulnerability)\b|"
    rf"\b(?:\w*resistan\w*|sensitivity|susceptibility|vulnerability)\b[^.;]{{0,30}}?\b(?:{_VERB})\b",
    re.IGNORECASE,
)
NEGATED = re.compile(
    rf"\b(?:not|no|never|without|rather than|instead of)\s+(?:\w+\s+){{0,2}}?(?:{_VERB})\b", re.IGNORECASE
)
HEDGED = re.compile(r"\b(?:prospect|whether|may|might|could|would|if|legend|frames?|framed)\b", re.IGNORECASE)
CLAUSE_BREAK = re.compile(
    r";|,\s+(?:and|while|but|whereas|although)\b|\)\s+and\b|[.?!:]\**\s+(?=[A-Z{(*-])|"
    r"\n\s*\n|\n\s*(?:[-*]|\d+\.)\s|\s\((?=[A-Z])"
)
QUOTED = re.compile(r"“[^”]*”")
MARKUP = re.compile(r"\{(?:term|cite|ref|numref|doc)\}`([^`<]*)(?:<[^`]*>)?`")


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass(frozen=True)
class Findings:
    rows: tuple[dict[str, str], ...]
    names: dict[str, tuple[str, ...]]  # entity id -> names that mention it
    agents: frozenset[str]
    drugs: frozenset[str]
    cancers: frozenset[str]
    members: dict[str, frozenset[str]]  # class entity -> its member agents
    cancer_labels: dict[str, str]

    def mentioned(self, text: str) -> set[str]:
        out = set()
        for eid, names in self.names.items():
            if any(re.search(rf"(?<![\w@/-]){re.escape(n)}(?![\w@/-])", text, re.IGNORECASE) for n in names):
                out.add(eid)
        return out

    def cancer_matches(self, row_cancer: str, cancers: set[str]) -> bool:
        """A named cancer covers its subtypes (lung cancer covers non-small cell lung cancer) and vice versa."""
        mine = self.cancer_labels[row_cancer].casefold()
        return any(
            mine in self.cancer_labels[c].casefold() or self.cancer_labels[c].casefold() in mine for c in cancers
        )


def load_findings() -> Findings:
    rows = tuple(_csv("resistance.csv"))
    entities = {e["id"]: e for e in _csv("entities.csv")}
    agents = frozenset(r["agent"] for r in rows)
    drugs = frozenset(r["drug"] for r in rows)
    cancers = frozenset(r["cancer"] for r in rows)
    members: dict[str, set[str]] = {}
    for rel in _csv("relations.csv"):
        if (
            rel["relation"] == "part_of"
            and rel["source"] in agents
            and rel["target"] not in agents | drugs
            and entities[rel["target"]]["kind"] != "nanoparticle"
        ):
            members.setdefault(rel["target"], set()).add(rel["source"])
    names: dict[str, set[str]] = {}
    for eid in agents | drugs | cancers | set(members):
        e = entities[eid]
        names[eid] = {e["label"]}
        if e["full_name"] and "(" not in e["full_name"]:
            names[eid].add(e["full_name"])
    for g in _csv("glossary.csv"):
        # abbreviations name one entity; concept terms ("chelator") are generic words, not names
        if g["entity"] in names and len(g["term"]) > 2 and g["kind"] == "abbreviation":
            names[g["entity"]].add(g["term"])
    return Findings(
        rows=rows,
        names={k: tuple(sorted(v)) for k, v in names.items()},
        agents=agents,
        drugs=drugs,
        cancers=cancers,
        members={k: frozenset(v) for k, v in members.items()},
        cancer_labels={c: entities[c]["label"] for c in cancers},
    )


def clauses(text: str) -> Iterator[str]:
    text = MARKUP.sub(r"\1", QUOTED.sub("“…”", text))
    for part in CLAUSE_BREAK.split(text):
        if part.strip():
            yield part.strip()


def unsupported_claims(text: str, findings: Findings, own: Iterable[str] = ()) -> list[str]:
    """Clauses of ``text`` that claim reversed resistance without a finding that supports them.

    ``own`` are the entities the text is about (a description's entity, a finding's agent, drug and cancer);
    they count as mentioned in every clause.
    """
    own = set(own)
    bad = []
    for clause in clauses(text):
        m = CLAIM.search(clause)
        if not m or NEGATED.search(clause) or HEDGED.search(clause):
            continue
        named = findings.mentioned(clause) | own
        agents = {a for a in named if a in findings.agents}
        groups: list[set[str] | None] = [{a} for a in agents]
        groups += [set(findings.members[c]) for c in named if c in findings.members]
        drugs = {d for d in named if d in findings.drugs}
        cancers = {c for c in named if c in findings.cancers}
        if not groups and not drugs:
            continue  # a general statement, not about a finding of the data
        if not all(_supported(findings, g, drugs, cancers) for g in (groups or [None])):
            bad.append(clause)
    return bad


def _supported(findings: Findings, agents: set[str] | None, drugs: set[str], cancers: set[str]) -> bool:
    """Some finding of one of ``agents`` (any agent if None), with a named drug and cancer, reversed resistance."""
    return any(
        r["effect"] in REVERSAL_EFFECTS
        and (agents is None or r["agent"] in agents)
        and (not drugs or r["drug"] in drugs)
        and (not cancers or findings.cancer_matches(r["cancer"], cancers))
        for r in findings.rows
    )


@pytest.fixture(scope="module")
def findings() -> Findings:
    return load_findings()


# --------------------------------------------------------------------------- the checker itself


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("Tetrathiomolybdate overcomes cisplatin resistance in cervical cancer.", ()),
        (
            "Cancer of the cervix; tetrathiomolybdate and baicalein overcome cisplatin resistance in it.",
            ("cervical_cancer",),
        ),
        ("The LINC02362 axis restores oxaliplatin sensitivity in hepatocellular carcinoma.", ()),
        (
            "A platinum drug; the LINC02362/miR-18a-5p/FDX1 axis drives cuproptosis and restores oxaliplatin sensitivity.",
            ("oxaliplatin",),
        ),
        ("Disulfiram reverses 5-fluorouracil resistance in colorectal cancer cells.", ()),
        ("The review says they can restore drug sensitivity.", ("copper_chelators",)),
        ("Elesclomol overcomes docetaxel resistance in prostate cancer.", ()),
        ("CuET NPs overcome cisplatin resistance in breast cancer.", ()),
    ],
)
def test_checker_flags_claims_the_findings_do_not_support(text: str, own: tuple[str, ...], findings: Findings) -> None:
    assert unsupported_claims(text, findings, own), text


@pytest.mark.parametrize(
    ("text", "own"),
    [
        ("Baicalein overcomes cisplatin resistance in cervical cancer cells.", ()),
        (
            (
                "Cancer of the cervix; baicalein overcomes cisplatin resistance in it, and tetrathiomolybdate raises "
                "cisplatin uptake."
            ),
            ("cervical_cancer",),
        ),
        ("Disulfiram restores paclitaxel sensitivity in resistant triple-negative breast cancer cells.", ()),
        ("CuET nanoparticles bypass cisplatin resistance in A549 lung cancer cells.", ()),
        ("Silencing it restores sensitivity.", ("hotair",)),
        ("The oxaliplatin finding reports more sensitivity, not reversal of resistance.", ()),
        ("Bypassing oxaliplatin resistance is offered only as a prospect.", ()),
        ("The review writes “tetrathiomolybdate overcomes cisplatin resistance”.", ()),
        ("Copper chelators are reported to help drugs work better.", ("copper_chelators",)),
    ],
)
def test_checker_accepts_supported_denied_or_quoted_claims(text: str, own: tuple[str, ...], findings: Findings) -> None:
    assert unsupported_claims(text, findings, own) == []


# --------------------------------------------------------------------------- the data


def _data_texts() -> Iterator[tuple[str, str, set[str]]]:
    """(where, text, own entities) for every free-text cell of the data files the book writes itself."""
    for i, e in enumerate(_csv("entities.csv"), start=2):
        yield f"entities.csv line {i} ({e['id']}) description", e["description"], {e["id"]}
    for i, r in enumerate(_csv("resistance.csv"), start=2):
        yield f"resistance.csv line {i} note", r["note"], {r["agent"], r["drug"], r["cancer"]}
    for i, n in enumerate(_csv("nanoparticles.csv"), start=2):
        for col in ("composition", "note"):
            yield f"nanoparticles.csv line {i} ({n['entity']}) {col}", n[col], {n["entity"]}
    for i, rel in enumerate(_csv("relations.csv"), start=2):
        yield f"relations.csv line {i} note", rel["note"], {rel["source"], rel["target"]}
    for i, g in enumerate(_csv("glossary.csv"), start=2):
        yield f"glossary.csv line {i} ({g['term']}) definition", g["definition"], {g["entity"]} - {""}


def test_data_text_agrees_with_the_findings(findings: Findings) -> None:
    bad = [
        f"{where}: {clause}" for where, text, own in _data_texts() for clause in unsupported_claims(text, findings, own)
    ]
    assert bad == [], "claims of reversed resistance without a supporting finding:\n" + "\n".join(bad)


def _markdown_cells(path: Path) -> Iterator[tuple[int, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            yield i, "".join(cell["source"])


@pytest.mark.parametrize("chapter", sorted(p.name for p in CHAPTERS.glob("*.ipynb")))
def test_chapter_prose_agrees_with_the_findings(chapter: str, findings: Findings) -> None:
    bad = [
        f"cell {i}: {clause}"
        for i, text in _markdown_cells(CHAPTERS / chapter)
        for clause in unsupported_claims(text, findings)
    ]
    assert bad == [], f"{chapter}: claims of reversed resistance without a supporting finding:\n" + "\n".join(bad)


def test_chapter_check_is_not_vacuous(findings: Findings) -> None:
    """The chapters do make claims of reversed resistance about named agents, so the check above bites."""
    checked = 0
    for path in CHAPTERS.glob("*.ipynb"):
        for _, text in _markdown_cells(path):
            for clause in clauses(text):
                if CLAIM.search(clause) and findings.mentioned(clause) & (findings.agents | findings.drugs):
                    checked += 1
    assert checked >= 5


# --------------------------------------------------------------------------- errata the descriptions must follow


def _descriptions() -> dict[str, str]:
    return {e["id"]: e["description"] for e in _csv("entities.csv")}


def test_raised_copper_in_thyroid_cancer_is_not_stated_as_fact() -> None:
    """E01: no reference cited for raised copper concerns thyroid cancer."""
    assert "E01" in _descriptions()["thyroid_cancer"]


def test_no_hyaluronic_acid_anywhere_in_the_data() -> None:
    """The review calls the HA-CD@MOF coating a transparent hydrogel and never expands HA."""
    for name in ("entities.csv", "nanoparticles.csv", "relations.csv", "glossary.csv"):
        assert "hyaluron" not in (DATA / name).read_text(encoding="utf-8").casefold(), name


def test_cu_ti_lowering_pd_l1_always_names_erratum_e19() -> None:
    """E19: the review says Cu/TI lowers PD-L1, the title of ref 73 says PD-1; the book says both."""
    texts = [d for d in _descriptions().values() if "Cu/TI" in d and "PD-L1" in d]
    assert texts, "no description links Cu/TI and PD-L1"
    assert all("E19" in d and "PD-1" in d for d in texts)


# --------------------------------------------------------------------------- evidence level (model) of each finding

LEVELS = ("cell_lines", "animal_model", "patients")

#: Evidence levels typed by hand from the review (Yao, Jiang & Xu 2025), each with the words that justify it:
#: (file, key columns and values) -> (expected model, the review's phrase or the cited reference's printed title).
TYPED_LEVELS: list[tuple[str, dict[str, str], str, str]] = [
    (
        "resistance.csv",
        {"agent": "elesclomol", "cancer": "lung_cancer", "drug": "cisplatin"},
        "cell_lines",
        "ref 95 title: “selectively kills cisplatin resistant lung cancer cells”",
    ),
    (
        "resistance.csv",
        {"agent": "elesclomol", "cancer": "colon_cancer", "drug": "fluorouracil"},
        "cell_lines",
        "“5-fluorouracil-resistant colon cancer cells”",
    ),
    (
        "resistance.csv",
        {"agent": "disulfiram", "cancer": "tnbc", "drug": "paclitaxel"},
        "cell_lines",
        "“overcomes paclitaxel resistance in triple-negative breast cancer cells”",
    ),
    (
        "resistance.csv",
        {"agent": "disulfiram", "cancer": "crc", "drug": "fluorouracil"},
        "cell_lines",
        "“in human CRC cell lines”",
    ),
    (
        "resistance.csv",
        {"agent": "baicalein", "cancer": "cervical_cancer", "drug": "cisplatin"},
        "cell_lines",
        "“circumvents the cisplatin resistance in cervical cancer cells”",
    ),
    (
        "resistance.csv",
        {"agent": "cuet_nps", "cancer": "nsclc", "drug": "cisplatin"},
        "cell_lines;animal_model",
        "“bypass cisplatin resistance in A549 cells by driving cuproptosis without body weight loss”",
    ),
    (
        "resistance.csv",
        {"agent": "cs_e_c_dox", "cancer": "breast_cancer", "drug": "doxorubicin"},
        "cell_lines;animal_model",
        "“inhibiting the stemness of cancer cells without body weight loss”",
    ),
    (
        "resistance.csv",
        {"agent": "muc20", "cancer": "multiple_myeloma", "drug": "proteasome_inhibitors"},
        "cell_lines",
        "“in multiple myeloma cells”",
    ),
    (
        "resistance.csv",
        {"agent": "linc02362", "cancer": "hcc", "drug": "oxaliplatin"},
        "not_stated",
        "“enhances the sensitivity of oxaliplatin in hepatocellular carcinoma”; no model in the ref 118 title",
    ),
    (
        "resistance.csv",
        {"agent": "tetrathiomolybdate", "cancer": "cervical_cancer", "drug": "cisplatin"},
        "not_stated",
        "“fostering the uptake of cisplatin in cervical cancer”; ref 91 title: “tumor-specific uptake”",
    ),
    ("nanoparticles.csv", {"entity": "es_cuo"}, "animal_model", "“exhibit anti-mouse melanoma effects”"),
    ("nanoparticles.csv", {"entity": "cup_pcb"}, "animal_model", "“inhibiting both primary and metastatic tumors”"),
    (
        "nanoparticles.csv",
        {"entity": "ha_cd_mof"},
        "cell_lines;animal_model",
        "“sensitizing cancer cells to cuproptosis” … “suppressing tumor metastasis”",
    ),
    ("nanoparticles.csv", {"entity": "gox_cu_tz"}, "not_stated", "“treat bladder cancer”"),
    (
        "nanoparticles.csv",
        {"entity": "cu_ti"},
        "not_stated",
        "“inhibiting the growth of colorectal cancer (CRC) and triple-negative breast cancer”",
    ),
    ("trials.csv", {"ref": "100"}, "patients", "“only a small proportion of patients responded”"),
    ("trials.csv", {"ref": "102"}, "patients", "“in refractory solid tumors in a phase I clinical trial”"),
    (
        "relations.csv",
        {"source": "lgod1", "target": "cuproptosis"},
        "cell_lines",
        "“inducing cuproptosis in liver cancer cells”",
    ),
    (
        "relations.csv",
        {"source": "zinc_pyrithione", "target": "cuproptosis"},
        "cell_lines",
        "“induce the death of TNBC cells”",
    ),
    (
        "relations.csv",
        {"source": "sorafenib", "target": "cuproptosis"},
        "not_stated",
        "“promote cuproptosis in liver cancer”; ref 78 title: “in primary liver cancer”",
    ),
    (
        "relations.csv",
        {"source": "eupalinolide_b", "target": "elesclomol"},
        "not_stated",
        "“enhances the inhibitory effect of elesclomol on pancreatic cancer”",
    ),
    (
        "relations.csv",
        {"source": "anisomycin", "target": "cuproptosis"},
        "cell_lines",
        "“in ovarian cancer stem cells”",
    ),
    (
        "relations.csv",
        {"source": "disulfiram_cu", "target": "cuproptosis"},
        "cell_lines",
        "“in hepatocellular carcinoma cells”",
    ),
    (
        "relations.csv",
        {"source": "disulfiram_cu", "target": "tumour_growth"},
        "cell_lines;animal_model",
        "ref 64 title: “induces apoptotic cell death in breast cancer cultures and xenografts”",
    ),
    (
        "relations.csv",
        {"source": "clioquinol_cu", "target": "xiap"},
        "cell_lines",
        "“XIAP degradation in these cancer cells” (prostate cancer cells)",
    ),
]


@pytest.mark.parametrize(
    ("name", "key", "expected", "phrase"),
    TYPED_LEVELS,
    ids=[f"{n}:{'/'.join(k.values())}" for n, k, _, _ in TYPED_LEVELS],
)
def test_model_level_matches_the_review(name: str, key: dict[str, str], expected: str, phrase: str) -> None:
    rows = [r for r in _csv(name) if all(r[c] == v for c, v in key.items())]
    assert rows, f"no row {key} in {name}"
    assert {r["model"] for r in rows} == {expected}, phrase


def _agent_finding_rows() -> Iterator[tuple[str, dict[str, str]]]:
    """Every row that records a finding: resistance, Table 1, trials, and relations whose source is an agent."""
    kinds = {e["id"]: e["kind"] for e in _csv("entities.csv")}
    agent_sections = {
        "ionophores",
        "nanoparticles",
        "other_agents",
        "resistance_chelators",
        "resistance_ionophores",
        "resistance_cuproptosis",
    }
    for name in ("resistance.csv", "nanoparticles.csv", "trials.csv"):
        for i, r in enumerate(_csv(name), start=2):
            yield f"{name} line {i}", r
    for i, r in enumerate(_csv("relations.csv"), start=2):
        if (
            kinds[r["source"]] in ("small_molecule", "drug", "nanoparticle")
            and r["relation"] != "part_of"
            and agent_sections & set(r["section"].split(";"))
        ):
            yield f"relations.csv line {i}", r


def test_every_finding_has_a_model_level() -> None:
    missing = [where for where, r in _agent_finding_rows() if not r["model"]]
    assert missing == []


def test_model_lists_are_ordered_and_not_stated_stands_alone() -> None:
    for name in ("resistance.csv", "nanoparticles.csv", "trials.csv", "relations.csv"):
        for i, r in enumerate(_csv(name), start=2):
            if not r["model"]:
                continue
            items = r["model"].split(";")
            if "not_stated" in items:
                assert items == ["not_stated"], f"{name} line {i}"
            else:
                assert items == sorted(items, key=LEVELS.index), f"{name} line {i}: order {LEVELS}"


def test_only_trials_reach_patients() -> None:
    """The review cites clinical trials only for elesclomol (refs 100-102); no other finding names patients."""
    for name in ("resistance.csv", "nanoparticles.csv", "relations.csv"):
        assert not any("patients" in r["model"].split(";") for r in _csv(name)), name
    assert {r["model"] for r in _csv("trials.csv")} == {"patients"}


def test_the_level_of_a_mixed_reading_is_explained() -> None:
    """A level read from an indirect outcome (weight, metastasis) or from a title alone carries a note."""
    for where, r in _agent_finding_rows():
        if "animal_model" in r["model"].split(";"):
            assert r["model_note"], where


# --------------------------------------------------------------------------- descriptions within their findings

#: Words of a description that claim a model level the findings must reach.
LEVEL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("patients", re.compile(r"\b(?:in patients|in the clinic|clinical (?:benefit|activity))\b", re.IGNORECASE)),
    (
        "animal_model",
        re.compile(r"\b(?:in (?:the )?(?:treated )?(?:animals|mice)|xenografts?|in vivo)\b", re.IGNORECASE),
    ),
)
#: A finding note saying the review's text gives no cancer (the cancer comes from a table only).
TEXT_NAMES_NO_CANCER = re.compile(r"\btext names no (?:cancer|tumou?r type)", re.IGNORECASE)


def _finding_rows_by_entity() -> dict[str, list[dict[str, str]]]:
    """Every finding row (resistance, Table 1, trials, relations with a model level), under the entity it is about."""
    by: dict[str, list[dict[str, str]]] = {}
    for r in _csv("resistance.csv"):
        by.setdefault(r["agent"], []).append(r)
    for r in _csv("nanoparticles.csv"):
        by.setdefault(r["entity"], []).append(r)
    for r in _csv("relations.csv"):
        if r["model"]:
            by.setdefault(r["source"], []).append(r)
    return by


def description_overreach(entity: str, description: str, findings: Findings) -> list[str]:
    """Clauses of an entity's description that claim more than the entity's own findings record.

    Two kinds of claim are checked: a model level (animals, patients) that none of its findings reaches, and
    resistance reversed in a named cancer where every such finding takes the cancer from a table only (its note
    says the text names no cancer).
    """
    rows = _finding_rows_by_entity().get(entity, [])
    if not rows:
        return []
    levels = {lv for r in rows for lv in r["model"].split(";") if lv}
    bad = []
    for clause in clauses(description):
        if NEGATED.search(clause) or HEDGED.search(clause):
            continue
        bad += [clause for level, words in LEVEL_WORDS if words.search(clause) and level not in levels]
        if CLAIM.search(clause):
            cancers = findings.mentioned(clause) & findings.cancers
            for cancer in cancers:
                stated = [
                    r
                    for r in rows
                    if r.get("effect") in REVERSAL_EFFECTS
                    and r.get("cancer") in findings.cancers
                    and findings.cancer_matches(r["cancer"], {cancer})
                    and not TEXT_NAMES_NO_CANCER.search(r.get("note", ""))
                ]
                if not stated:
                    bad.append(clause)
    return bad


@pytest.mark.parametrize(
    ("entity", "description"),
    [
        # the old cs_e_c_dox description: breast cancer comes from Tables 1 and 2, the text gives "potential"
        (
            "cs_e_c_dox",
            "A nanoplatform that induces cuproptosis and overcomes chemoresistance in breast cancer without weight loss.",
        ),
        ("es_cuo", "Elesclomol on copper oxide; it induced cuproptosis in patients with melanoma."),
        ("baicalein", "A flavonoid that deepened cuproptosis in mice."),
    ],
)
def test_overreach_checker_flags_descriptions_stronger_than_their_findings(
    entity: str, description: str, findings: Findings
) -> None:
    assert description_overreach(entity, description, findings), description


@pytest.mark.parametrize(
    ("entity", "description"),
    [
        ("cuet_nps", "Nanoparticles that bypassed cisplatin resistance in A549 non-small cell lung cancer cells."),
        ("es_cuo", "Elesclomol on copper oxide; it acted against melanoma in mice."),
        ("cs_e_c_dox", "The review gives it strong potential against chemoresistance; Table 2 lists breast cancer."),
    ],
)
def test_overreach_checker_accepts_descriptions_within_their_findings(
    entity: str, description: str, findings: Findings
) -> None:
    assert description_overreach(entity, description, findings) == []


def test_entity_descriptions_claim_no_more_than_their_findings(findings: Findings) -> None:
    bad = [
        f"{e['id']}: {clause}"
        for e in _csv("entities.csv")
        for clause in description_overreach(e["id"], e["description"], findings)
    ]
    assert bad == [], "descriptions stronger than the entity's findings:\n" + "\n".join(bad)


#: ZnT1 counted among copper importers ("the copper importers SLC31A1 and ZnT1", "ZnT1, a copper importer").
ZNT1_AS_IMPORTER = re.compile(
    r"copper importers\b[^.;]*\bZnT1\b|\bZnT1\W+(?:\w+\W+){0,3}copper importer", re.IGNORECASE
)


def test_znt1_check_flags_the_old_wording() -> None:
    assert ZNT1_AS_IMPORTER.search("The cell's outer membrane, home of the copper importers SLC31A1 and ZnT1.")
    assert not ZNT1_AS_IMPORTER.search("home of the copper importer SLC31A1, of the zinc exporter ZnT1")


def test_znt1_is_nowhere_described_as_a_copper_importer() -> None:
    """E03: the book reads ZnT1 as a zinc exporter that takes part in Cu²⁺ uptake, not as a copper importer."""
    for name in ("entities.csv", "glossary.csv", "nanoparticles.csv"):
        for i, row in enumerate(_csv(name), start=2):
            for text in (row.get("description", ""), row.get("definition", "")):
                assert not ZNT1_AS_IMPORTER.search(QUOTED.sub("“…”", text or "")), f"{name} line {i}"


def test_no_hydrogel_coating_is_asserted() -> None:
    """E52: the book does not assert a hydrogel coating for HA-CD@MOF; the review's words stay in quotation marks."""
    texts = [e["description"] for e in _csv("entities.csv")]
    texts += [n[c] for n in _csv("nanoparticles.csv") for c in ("composition", "note")]
    texts += [g["definition"] for g in _csv("glossary.csv")]
    assert [t for t in texts if "hydrogel" in QUOTED.sub("“…”", t).casefold()] == []


# --------------------------------------------------------------------------- references a row says it lacks

#: A note saying the row's sentence has no citation of its own.
SAYS_UNCITED = re.compile(
    r"\b(?:sentence|claim|statement)\s+(?:is\s+)?uncited\b|\bcarries no citation\b|\bno reference (?:is )?(?:given|attached)\b",
    re.IGNORECASE,
)


def _rows_with_notes() -> Iterator[tuple[str, str, str]]:
    """(where, note, refs) for every row of the data that has both a note and refs."""
    for name in ("relations.csv", "resistance.csv", "nanoparticles.csv"):
        for i, r in enumerate(_csv(name), start=2):
            yield f"{name} line {i}", r["note"], r["refs"]


def test_a_row_cites_no_reference_its_note_says_is_absent() -> None:
    bad = [
        f"{where}: refs {refs!r}: {note}"
        for where, note, refs in _rows_with_notes()
        if SAYS_UNCITED.search(note) and refs
    ]
    assert bad == [], "rows whose note says the sentence is uncited but which cite a reference:\n" + "\n".join(bad)


def test_uncited_check_is_not_vacuous() -> None:
    assert sum(1 for _, note, _ in _rows_with_notes() if SAYS_UNCITED.search(note)) >= 3


def test_atox1_migration_and_autophagy_rest_on_no_reference() -> None:
    """The review: “Studies show that ATOX1 promotes cell proliferation, migration, and autophagy.” (no citation);
    the next sentence, on nuclear translocation and proliferation, cites ref 45."""
    rel = {(r["source"], r["target"]): r for r in _csv("relations.csv") if r["relation"] == "promotes"}
    assert rel[("atox1", "cell_migration")]["refs"] == ""
    assert rel[("atox1", "autophagy")]["refs"] == ""
    entities = {e["id"]: e for e in _csv("entities.csv")}
    for eid in ("cell_migration", "autophagy"):
        assert "45" not in entities[eid]["refs"].split(";"), eid


# --------------------------------------------------------------------------- the trials do not establish safety

#: Phrases that state elesclomol's safety or tolerability as shown (outside quotation marks).
SAFETY_AS_FACT = re.compile(
    r"\b(?:was|were|is) (?:well )?tolerated\b|\bshow(?:s|ed)? tolerability\b|\bsafety yes\b|"
    r"\babout as toxic as paclitaxel alone\b|\btoxicity was similar with and without\b",
    re.IGNORECASE,
)


def test_no_page_or_row_says_the_trials_showed_elesclomol_safe() -> None:
    """E15, E55: the phase I study gave every patient the combination, and the phase III trial stopped early for an
    imbalance in deaths (background from the trials' abstracts); no sentence may present safety as shown."""
    texts: list[tuple[str, str]] = []
    for path in sorted(CHAPTERS.glob("*.ipynb")):
        texts += [(f"{path.name} cell {i}", t) for i, t in _markdown_cells(path)]
    for i, t in enumerate(_csv("trials.csv"), start=2):
        texts += [(f"trials.csv line {i}", t[c]) for c in ("outcome", "note")]
    for i, e in enumerate(_csv("errata.csv"), start=2):
        texts.append((f"errata.csv line {i} used_in_book", e["used_in_book"]))
    course = DATA / "course"
    for name in ("questions.csv", "options.csv"):
        with (course / name).open(encoding="utf-8", newline="") as fh:
            for i, row in enumerate(csv.DictReader(fh), start=2):
                texts += [(f"{name} line {i}", v) for k, v in row.items() if k in ("explanation", "answer", "label")]
    bad = [f"{where}: {text[:120]}" for where, text in texts if SAFETY_AS_FACT.search(QUOTED.sub("“…”", text))]
    assert bad == [], "\n".join(bad)
