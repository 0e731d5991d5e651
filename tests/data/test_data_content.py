"""The data says what the review says.

Every expected value in this file was typed by hand from the review (Yao, Jiang & Xu 2025, Cancer Drug Resist
8:15): its figure legends, its reference list, its trial descriptions and its wording. Nothing expected here is
computed by the package, so a change to the data that drifts away from the review makes a test fail.

The tests need only the repository (no copy of the review's text): quotations are checked against a short list
typed from the review, not against a file outside the repository.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from cuproptosis_book import data

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
NOTEBOOK_DIRS = ("chapters", "reference", "instructors")


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all(DATA)


def rows_matching(frame: pd.DataFrame, **values: object) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for column, value in values.items():
        mask &= frame[column] == value
    return frame[mask]


# --------------------------------------------------------------------------- figure legends

# (source, relation, target, figure) for every relation a legend of Figures 1-3 states, as read in the legend.
# Conventions of relations.csv: chaperones "deliver" copper, ATP7B "exports" it, the legends' unspecified
# "copper" inside cells is Cu⁺ (cu_i), and "STEAP comprises STEAP1-4" is part_of.
FIGURE1_LEGEND = [
    # "ZnT1 directly transports extracellular Cu²⁺ into cells."
    ("slc30a1", "transports", "cu_ii", 1),
    # "Extracellular Cu²⁺ could be reduced to Cu⁺ via STEAP and then transported into cells via SLC31A1,"
    ("steap", "reduces", "cu_ii", 1),
    ("slc31a1", "transports", "cu_i", 1),
    # "while ATP7B opposes this process via excreting Cu⁺."
    ("atp7b", "exports", "cu_i", 1),
    # "Intracellular Cu⁺ is absorbed into lysosomes and mitochondria via SLC46A3 and ATP7A, respectively."
    ("slc46a3", "transports", "cu_i", 1),
    ("atp7a", "transports", "cu_i", 1),
    # "STEAP: ... comprises STEAP1, STEAP2, STEAP3, and STEAP4"
    ("steap1", "part_of", "steap", 1),
    ("steap2", "part_of", "steap", 1),
    ("steap3", "part_of", "steap", 1),
    ("steap4", "part_of", "steap", 1),
]

FIGURE2_LEGEND = [
    # "Extracellular Cu²⁺ is reduced to Cu⁺ via STEAP."
    ("steap", "reduces", "cu_ii", 2),
    # "Both Cu²⁺ and Cu⁺ are transported into cells via corresponding transporters.": the Cu⁺ transporter is
    # SLC31A1 (text and Figure 1); the legend names no Cu²⁺ transporter, and ZnT1 carries Cu²⁺ only in the
    # disputed Figure 1 legend (E03), so Figure 2 has no ZnT1 step.
    ("slc31a1", "transports", "cu_i", 2),
    # "Intracellular copper is sequestered via MT1/2 or GSH"
    ("mt", "sequesters", "cu_i", 2),
    ("gsh", "sequesters", "cu_i", 2),
    # "or transported via COX17, CCS, SOD1, ATOX1, MEMO1, and ATP7B."
    ("cox17", "transports", "cu_i", 2),
    ("ccs", "delivers", "cu_i", 2),
    ("sod1", "transports", "cu_i", 2),
    ("atox1", "delivers", "cu_i", 2),
    ("memo1", "transports", "cu_i", 2),
    ("atp7b", "exports", "cu_i", 2),
    # "Mitochondrial copper functions via SCO1, SCO2, MT-CO1, MT-CO2, and COX11,"
    ("sco1", "binds", "cu_i", 2),
    ("sco2", "binds", "cu_i", 2),
    ("mt_co1", "binds", "cu_i", 2),
    ("mt_co2", "binds", "cu_i", 2),
    ("cox11", "binds", "cu_i", 2),
    # "while nuclear copper can regulate gene expression."
    ("cu_i", "regulates", "gene_expression", 2),
    # "STEAP: ... comprises STEAP1, STEAP2, STEAP3 and STEAP4"
    ("steap1", "part_of", "steap", 2),
    ("steap2", "part_of", "steap", 2),
    ("steap3", "part_of", "steap", 2),
    ("steap4", "part_of", "steap", 2),
]

FIGURE3_LEGEND = [
    # "Copper ionophore elesclomol directly transports Cu²⁺ into cells and then Cu²⁺ is reduced to Cu⁺ via FDX1."
    ("elesclomol", "transports", "cu_ii", 3),
    ("fdx1", "reduces", "cu_ii", 3),
    # "After the reduction of Cu²⁺ into Cu⁺ via STEAP, Cu⁺ is pumped into cells via SLC31A1."
    ("steap", "reduces", "cu_ii", 3),
    ("slc31a1", "transports", "cu_i", 3),
    # "FDX1 and LIAS induce DLAT lipoylation and aggregation,"
    ("fdx1", "lipoylates", "dlat", 3),
    ("lias", "lipoylates", "dlat", 3),
    ("fdx1", "aggregates", "dlat", 3),
    ("lias", "aggregates", "dlat", 3),
    # "inducing the damage of the TCA cycle. As such, cells are dead via cuproptosis."
    ("dlat", "inhibits", "tca_cycle", 3),
    ("fdx1", "promotes", "cuproptosis", 3),
    ("lias", "promotes", "cuproptosis", 3),
    # "STEAP: ... comprises STEAP1, STEAP2, STEAP3, and STEAP4"
    ("steap1", "part_of", "steap", 3),
    ("steap2", "part_of", "steap", 3),
    ("steap3", "part_of", "steap", 3),
    ("steap4", "part_of", "steap", 3),
]


@pytest.mark.parametrize(
    ("source", "relation", "target", "figure"),
    FIGURE1_LEGEND + FIGURE2_LEGEND + FIGURE3_LEGEND,
    ids=str,
)
def test_legend_relation_is_encoded(
    review: data.ReviewData, source: str, relation: str, target: str, figure: int
) -> None:
    rows = rows_matching(review.relations, source=source, relation=relation, target=target)
    assert not rows.empty, f"no relation {source} -{relation}-> {target}"
    from_legend = rows[rows["figure"].map(lambda f: figure in f) & (rows["evidence"] == "caption")]
    assert not from_legend.empty, (
        f"{source} -{relation}-> {target} is encoded, but not with figure {figure} and evidence 'caption'"
    )


# Figure 4 legend, typed by hand: each group and the drugs whose resistance it says is overcome.
FIGURE4_LEGEND = {
    # "Copper ionophore elesclomol overcomes cisplatin, 5-fluorouracil and vemurafenib resistance"
    "elesclomol": {"cisplatin", "fluorouracil", "vemurafenib"},
    # "Copper ionophore disulfiram bypasses cisplatin, 5-fluorouracil, paclitaxel and gemcitabine resistance"
    "disulfiram": {"cisplatin", "fluorouracil", "paclitaxel", "gemcitabine"},
    # "Cuproptosis inducers combat cisplatin, proteasome inhibitors, oxaliplatin, docetaxel, enzalutamide and
    # anti-PD-L1 resistance"
    "cuproptosis_inducer": {
        "cisplatin",
        "proteasome_inhibitors",
        "oxaliplatin",
        "docetaxel",
        "enzalutamide",
        "anti_pd_l1",
    },
}


@pytest.mark.parametrize("group", sorted(FIGURE4_LEGEND))
def test_figure4_legend_drugs_are_covered(review: data.ReviewData, group: str) -> None:
    rows = review.resistance[review.resistance["figure4"] == group]
    assert set(rows["drug"]) == FIGURE4_LEGEND[group]


@pytest.mark.parametrize("agent", ["elesclomol", "disulfiram"])
def test_figure4_named_groups_hold_only_their_agent(review: data.ReviewData, agent: str) -> None:
    rows = review.resistance[review.resistance["figure4"] == agent]
    assert set(rows["agent"]) == {agent}


# --------------------------------------------------------------------------- references


def test_reference_list_is_complete(review: data.ReviewData) -> None:
    refs = review.references
    assert set(refs) == {f"ref{n}" for n in range(1, 123)} | {"yao2025"}
    numbers = sorted(r.number for r in refs.values() if r.number is not None)
    assert numbers == list(range(1, 123))
    assert all(refs[f"ref{n}"].number == n for n in range(1, 123))
    assert refs["yao2025"].number is None


# (key, first author's surname, year, journal) as printed in the review's reference list.
REFERENCE_SPOT_CHECKS = [
    ("ref1", "Hanahan", "2022", "Cancer Discov"),
    ("ref17", "Tsvetkov", "2022", "Science"),
    ("ref20", "Li", "2024", "Cell Metab"),
    ("ref43", "Maghool", "2020", "Sci Rep"),
    ("ref75", "Lu", "2024", "Small"),
    ("ref100", "Monk", "2018", "Gynecol Oncol"),
    ("ref101", "O'Day", "2013", "J Clin Oncol"),
    ("ref109", "Gao", "2024", "Adv Sci"),
    ("ref118", "Quan", "2023", "Am J Cancer Res"),
    ("ref122", "Ferrari", "2005", "Nat Rev Cancer"),
    ("yao2025", "Yao", "2025", "Cancer Drug Resist"),
]


@pytest.mark.parametrize(("key", "surname", "year", "journal"), REFERENCE_SPOT_CHECKS)
def test_reference_spot_check(review: data.ReviewData, key: str, surname: str, year: str, journal: str) -> None:
    ref = review.references[key]
    first_author = ref.authors.split(",")[0].strip()
    assert first_author.rsplit(" ", 1)[0] == surname
    assert ref.year == year
    assert ref.journal.rstrip(".") == journal


def test_reference_109_title_as_printed(review: data.ReviewData) -> None:
    # Erratum E42 rests on this printed title.
    assert review.references["ref109"].title == (
        "Enzalutamide sensitizes castration-resistant prostate cancer to copper-mediated cell death"
    )


def _ref_cells(review: data.ReviewData) -> Iterator[tuple[str, int]]:
    for name, column in [
        ("entities", "refs"),
        ("relations", "refs"),
        ("nanoparticles", "refs"),
        ("resistance", "refs"),
        ("errata", "refs"),
        ("trials", "ref"),
    ]:
        for value in getattr(review, name)[column]:
            for number in value if isinstance(value, tuple) else (value,):
                if number is not None:
                    yield name, int(number)


def test_every_refs_value_resolves_to_a_bib_entry(review: data.ReviewData) -> None:
    known = {r.number for r in review.references.values() if r.number is not None}
    cells = list(_ref_cells(review))
    assert len(cells) > 300  # the check really looked at the data
    unresolved = sorted({(name, n) for name, n in cells if n not in known})
    assert unresolved == []


# --------------------------------------------------------------------------- entities and relations


def test_every_relation_endpoint_is_an_entity(review: data.ReviewData) -> None:
    ids = set(review.entities["id"])
    rel = review.relations
    for column in ("source", "target", "compartment", "destination"):
        values = {v for v in rel[column] if v is not None}
        assert values <= ids, f"{column}: {sorted(values - ids)}"


def test_copper_ions_are_distinct_ion_entities(review: data.ReviewData) -> None:
    ent = review.entities
    assert ent.loc["cu_i", "label"] == "Cu⁺"
    assert ent.loc["cu_ii", "label"] == "Cu²⁺"
    assert ent.loc["cu_i", "kind"] == "ion"
    assert ent.loc["cu_ii", "kind"] == "ion"
    assert ent.loc["cu_i", "full_name"] == "copper ion (reduced state)"
    assert ent.loc["cu_ii", "full_name"] == "copper ion (oxidized state)"


def test_bptes_chemical_name_is_marked_as_quoted(review: data.ReviewData) -> None:
    name = "“bis-2-(5-phenylacetamido-1,2,4-thiadiazol-2-yl)ethyl sulfide”"
    assert review.entities.loc["bptes", "full_name"] == name
    glossary = review.glossary.set_index("term")
    assert glossary.loc["BPTES", "expansion"] == name


# --------------------------------------------------------------------------- trials


def test_trials(review: data.ReviewData) -> None:
    trials = review.trials.sort_values("ref")
    # ref 100: "a Phase II clinical trial"; ref 101: "Final results of phase III SYMMETRY study" (title);
    # ref 102: "in a phase I clinical trial".
    assert list(zip(trials["ref"], trials["phase"], strict=True)) == [(100, "II"), (101, "III"), (102, "I")]
    assert all(rid is None for rid in trials["registry_id"])


# --------------------------------------------------------------------------- errata


def test_errata_ids_are_stable_and_contiguous(review: data.ReviewData) -> None:
    ids = list(review.errata["id"])
    assert ids[:41] == [f"E{n:02d}" for n in range(1, 42)]  # the original list, never renumbered
    assert ids == [f"E{n:02d}" for n in range(1, len(ids) + 1)]


def test_dlat_erratum(review: data.ReviewData) -> None:
    errata = review.errata.set_index("id")
    e14 = errata.loc["E14"]
    assert e14["category"] == "wrong_expansion"
    assert "dihydroceramide S-succinyltransferase" in e14["what_the_review_says"]
    assert "dihydrolipoamide S-acetyltransferase" in e14["used_in_book"]


# Key quotations, typed by hand from the review; each must occur in its erratum's quotation.
KEY_QUOTATIONS = {
    "E07": "Intracellular copper is sequestered via MT1/2 or GSH or transported via COX17, CCS, SOD1, ATOX1, "
    "MEMO1, and ATP7B.",
    "E12": "it can acquire copper ions from Ctr1, CCS, glutathione 1 (GRX1), and GSH",
    "E14": "the mitochondrial protein DLAT (dihydroceramide S-succinyltransferase)",
    "E39": "suggesting strong potential to confer cancer chemoresistance",
    "E42": "Copper ionophore significantly boosts the cytotoxicity of enzalutamide in enzalutamide-resistant cells",
    "E55": "Paclitaxel alone or in combination with elesclomol shows similar toxicity in refractory solid tumors",
    "E56": "Kluzaj J, Corazao-Rozas P, Touil Y, et al.",
    "E57": "The metabolic progress of copper",
    "E58": "After the reduction of Cu²⁺ into Cu⁺ via STEAP, Cu⁺ is pumped into cells via SLC31A1.",
    "E59": "TP-M-Cu-MOF/siATP7A can effectively silence the ATP7A gene, increasing copper intake",
}


@pytest.mark.parametrize("erratum", sorted(KEY_QUOTATIONS))
def test_key_quotation(review: data.ReviewData, erratum: str) -> None:
    cell = review.errata.set_index("id").loc[erratum, "what_the_review_says"]
    assert "“" + KEY_QUOTATIONS[erratum] in cell


ERRATUM_ID = re.compile(r"\bE[0-9]{2}\b")


def _markdown_sources() -> Iterator[tuple[Path, str]]:
    """Markdown of every page under the notebook folders: .md files and the markdown cells of notebooks."""
    for folder in NOTEBOOK_DIRS:
        base = ROOT / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.md")):
            yield path, path.read_text(encoding="utf-8")
        for path in sorted(base.rglob("*.ipynb")):
            if ".ipynb_checkpoints" in path.parts:
                continue
            notebook = json.loads(path.read_text(encoding="utf-8"))
            for cell in notebook.get("cells", []):
                if cell.get("cell_type") == "markdown":
                    source = cell.get("source", "")
                    yield path, "".join(source) if isinstance(source, list) else source


def test_every_referenced_erratum_exists(review: data.ReviewData) -> None:
    known = set(review.errata["id"])
    referenced: dict[str, set[str]] = {}
    for name in ("relations", "nanoparticles", "resistance", "glossary"):
        for value in getattr(review, name)["erratum"]:
            for eid in value:
                referenced.setdefault(eid, set()).add(f"{name}.csv erratum")
    for name in data.TABLES:
        frame = getattr(review, name)
        for column in frame.columns:
            if frame[column].dtype != object:
                continue
            for cell in frame[column]:
                if isinstance(cell, str):
                    for eid in ERRATUM_ID.findall(cell):
                        referenced.setdefault(eid, set()).add(f"{name}.csv {column}")
    for path, text in _markdown_sources():
        for eid in ERRATUM_ID.findall(text):
            referenced.setdefault(eid, set()).add(str(path.relative_to(ROOT)))
    assert "E14" in referenced  # the scan found the links
    unknown = {eid: sorted(where) for eid, where in referenced.items() if eid not in known}
    assert unknown == {}


# Rows whose note records a disagreement that the review's own text cannot settle: a note, not an erratum.
DIFFERS_WITHOUT_ERRATUM = {"es_cuo", "pda_dtc_cu", "gox_cu_tz", "cuet_nps"}


def test_disputed_and_differs_rows_name_their_erratum(review: data.ReviewData) -> None:
    missing = []
    for rec in review.relations.itertuples(index=False):
        if rec.note and rec.note.startswith("DISPUTED:") and not rec.erratum:
            missing.append(("relations", rec.source, rec.relation, rec.target))
    for rec in review.nanoparticles.itertuples(index=False):
        if (
            rec.note
            and rec.note.startswith("DIFFERS:")
            and not rec.erratum
            and rec.entity not in DIFFERS_WITHOUT_ERRATUM
        ):
            missing.append(("nanoparticles", rec.entity))
    for rec in review.resistance.itertuples(index=False):
        if rec.note and rec.note.startswith("DIFFERS:") and not rec.erratum:
            missing.append(("resistance", rec.agent, rec.drug, rec.refs))
    assert missing == []


@pytest.mark.parametrize(
    ("table", "key", "erratum"),
    [
        # typed by hand: the contested rows and the erratum that settles each
        ("relations", ("slc30a1", "transports", "cu_ii"), "E03"),
        ("relations", ("atp7a", "transports", "cu_i"), "E06"),
        ("relations", ("sod1", "transports", "cu_i"), "E07"),
        ("relations", ("sorafenib", "inhibits", "fdx1"), "E21"),
        ("relations", ("anisomycin", "inhibits", "dlat"), "E23"),
        ("resistance", ("elesclomol", "docetaxel", 108), "E43"),
        ("resistance", ("disulfiram", "enzalutamide", 109), "E42"),
        ("resistance", ("cs_e_c_dox", "doxorubicin", 75), "E39"),
    ],
)
def test_contested_row_links_its_erratum(review: data.ReviewData, table: str, key: tuple, erratum: str) -> None:
    if table == "relations":
        source, relation, target = key
        rows = rows_matching(review.relations, source=source, relation=relation, target=target)
        rows = rows[rows["note"].map(lambda n: bool(n) and n.startswith("DISPUTED:"))]
    else:
        agent, drug, ref = key
        rows = rows_matching(review.resistance, agent=agent, drug=drug)
        rows = rows[rows["refs"].map(lambda r: ref in r)]
    assert not rows.empty
    assert all(erratum in e for e in rows["erratum"])


# --------------------------------------------------------------------------- glossary

TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")


def term_targets(text: str) -> list[str]:
    """Glossary terms referenced with MyST's {term} role: {term}`X` or {term}`shown text <X>`."""
    targets = []
    for content in TERM_ROLE.findall(text):
        explicit = re.fullmatch(r"(.*?)\s*<([^<>]+)>", content, flags=re.DOTALL)
        targets.append((explicit.group(2) if explicit else content).strip())
    return targets


def test_term_parser() -> None:
    text = "Copper binds {term}`DLAT`; see {term}`the chaperone <ATOX1>` and {term}`Cu/TI`."
    assert term_targets(text) == ["DLAT", "ATOX1", "Cu/TI"]


def test_every_term_used_in_the_book_is_in_the_glossary(review: data.ReviewData) -> None:
    # Sphinx matches glossary terms without regard to case, so the check does too.
    glossary = {t.casefold() for t in review.glossary["term"]}
    unknown = sorted(
        {
            (str(path.relative_to(ROOT)), term)
            for path, text in _markdown_sources()
            for term in term_targets(text)
            if term.casefold() not in glossary
        }
    )
    assert unknown == []


def test_corrected_expansions(review: data.ReviewData) -> None:
    glossary = review.glossary.set_index("term")
    assert glossary.loc["DLAT", "expansion"] == "dihydrolipoamide S-acetyltransferase"
    assert glossary.loc["GRX1", "expansion"] == "glutaredoxin 1"
    assert "E14" in glossary.loc["DLAT", "erratum"]
    assert "E12" in glossary.loc["GRX1", "erratum"]
    assert review.entities.loc["dlat", "full_name"] == "dihydrolipoamide S-acetyltransferase"
    assert review.entities.loc["grx1", "full_name"] == "glutaredoxin 1"


def test_ref57_displays_the_corrected_author_and_keeps_the_printed_one() -> None:
    """E56: the review prints “Kluzaj J”; the paper's first author is Kluza. references.bib shows Kluza and keeps
    the printed author list in its ``printed`` field."""
    text = (ROOT / "data" / "references.bib").read_text(encoding="utf-8")
    entry = text[text.index("@article{ref57,") :].split("\n}\n", 1)[0]
    assert "author = {Kluza, J. and" in entry
    assert "printed = {Kluzaj J, Corazao-Rozas P, Touil Y, et al.}" in entry
    assert data.load_all().references["ref57"].authors.startswith("Kluza J")
