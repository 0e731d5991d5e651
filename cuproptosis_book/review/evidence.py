"""What kind of evidence (cells, animals, patients) the data record for each agent, read from the curated
``model`` column of the findings, and which entities, errata,
trials and references bear on each open question the review names (chapter *Outlook*).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.frames import as_int, as_refs, as_str, as_strs
from cuproptosis_book.review import agents as agent_info
from cuproptosis_book.review.agents import agent_errata, agent_resistance, agent_trials
from cuproptosis_book.review.network import agent_drug_bipartite

#: Evidence levels of the curated ``model`` column of the findings (``data/README.md``), lowest first.
LEVELS = ("cell_lines", "animal_model", "patients")

#: What the ``model`` column holds when neither the review's sentence nor the cited title names the model.
NOT_STATED = "not_stated"

LEVEL_NAMES = {
    "cell_lines": "cancer cells / cell lines",
    "animal_model": "animal models",
    "patients": "patients (clinical trial)",
}

#: Agents the review reports results for without a finding row in the data, so the ladder cannot count them;
#: the note is shown in their place (ref 66 is cited for a class of complexes, not for one experiment each).
UNCOUNTED = {
    agent: (
        f"The review says {name} and its sister complex were investigated against prostate cancer cells “both "
        "in vitro and in vivo” (ref 66), but records no result of it, so the data hold no finding row for it "
        "and the ladder counts nothing: only its membership of the bis(thiosemicarbazone) class is encoded."
    )
    for agent, name in (("cu_atsm", "Cu-ATSM"), ("cu_gtsm", "Cu-GTSM"))
}


#: Errata categories that concern how strong the evidence is.
EVIDENCE_ERRATA = ("unsupported_conclusion", "missing_citation")


def evidence_agents(review: ReviewData | None = None) -> list[str]:
    """Agents the outlook asks about: resistance-finding agents, nanoparticles, copper ionophores and chelators
    (and their members), and small molecules or drugs said to induce or promote cuproptosis. A copper complex
    ``X_cu`` is folded into its ligand ``X``. Sorted by label."""
    review = review_of(review)
    ents, rel = review.entities, review.relations
    agents = {n for n, side in agent_drug_bipartite(review).nodes(data="side") if side == "agent"}
    agents |= set(ents.index[ents["kind"] == "nanoparticle"])
    classes = {"copper_ionophores", "copper_chelators"}
    members = set(rel.loc[(rel["relation"] == "part_of") & rel["target"].isin(classes), "source"])
    members |= set(rel.loc[(rel["relation"] == "part_of") & rel["target"].isin(members), "source"])
    agents |= members
    inducers = rel[rel["relation"].isin(["induces", "promotes"]) & (rel["target"] == "cuproptosis")]["source"]
    agents |= {a for a in inducers if ents.loc[a, "kind"] in ("small_molecule", "drug", "nanoparticle")}
    agents -= classes
    # a class of agents (bis(thiosemicarbazones) has Cu-ATSM and Cu-GTSM as members) is not itself an agent
    agents -= {t for t in rel.loc[rel["relation"] == "part_of", "target"] if ents.loc[t, "kind"] != "nanoparticle"}
    folded = {a[: -len("_cu")] for a in agents if a.endswith("_cu") and a[: -len("_cu")] in ents.index}
    agents = {a for a in agents if not (a.endswith("_cu") and a[: -len("_cu")] in ents.index)} | folded
    return sorted(agents, key=lambda a: (review.label(a).casefold(), a))


def _effect_words(effect: str) -> str:
    return {
        "overcomes_resistance": "overcomes resistance to",
        "sensitizes": "sensitizes cells to",
        "drives_resistance": "drives resistance to",
        "silencing_sensitizes": "silencing sensitizes to",
    }.get(effect, effect.replace("_", " "))


#: The erratum of findings whose agent the review's text does not name (ref 109: Table 2 files the one study under
#: two agents); their statements must not credit the finding to the agent by name.
UNNAMED_AGENT_ERRATUM = "E29"


def _unnamed_agent_statement(review: ReviewData, agent: object, drug: object, cancer: object) -> str:
    return (
        f"an unnamed copper ionophore with {review.label(as_str(drug))} ({review.label(as_str(cancer))}): the "
        f"review's text names no agent, and Table 2 files the study under {review.label(as_str(agent))} "
        f"(erratum {UNNAMED_AGENT_ERRATUM})"
    )


def _levels(model: object) -> tuple[str, ...]:
    """The curated ``model`` cell as levels in ladder order (``not_stated`` gives no level)."""
    values = tuple(model) if isinstance(model, (list, tuple)) else ()
    return tuple(lv for lv in LEVELS if lv in values)


def evidence_records(review: ReviewData | None = None) -> pd.DataFrame:
    """Every finding the data record about each agent, with its curated evidence level.

    For agent X (and its copper complex ``X_cu``) the findings are: its resistance findings, its Table 1 row,
    the relations it is the source of that carry a ``model`` value (findings about an anticancer agent), and the
    trials whose regimen names it. ``levels`` comes from the ``model`` column, curated by hand from the review's
    sentence and the cited reference's title (``data/README.md``); it is empty when that column says
    ``not_stated``. ``evidence`` is the row's ``model_note``. Nothing is inferred from the wording of the data.
    """
    review = review_of(review)
    rows: list[dict[str, Any]] = []

    def add(agent: str, kind: str, statement: str, model: object, note: object, refs: Iterable[int]) -> None:
        rows.append(
            {
                "agent": agent,
                "source": kind,
                "statement": statement,
                "levels": _levels(model),
                "evidence": note if isinstance(note, str) else "",
                "refs": tuple(sorted(set(refs))),
            }
        )

    for agent in evidence_agents(review):
        members = agent_info.members(agent, review)
        label = review.label(agent)
        for rec in agent_resistance(agent, review).itertuples():
            statement = (
                f"{review.label(as_str(rec.agent))} {_effect_words(as_str(rec.effect))} {review.label(as_str(rec.drug))} "
                f"({review.label(as_str(rec.cancer))})"
            )
            if UNNAMED_AGENT_ERRATUM in as_strs(rec.erratum):
                statement = _unnamed_agent_statement(review, rec.agent, rec.drug, rec.cancer)
            add(
                agent,
                "resistance finding",
                statement,
                rec.model,
                rec.model_note,
                as_refs(rec.refs),
            )
        for rec in review.nanoparticles[review.nanoparticles["entity"].isin(members)].itertuples():
            add(
                agent,
                "Table 1",
                f"{label}: {', '.join(review.label(c) for c in as_strs(rec.tumour_types))}; "
                f"{', '.join(t.replace('_', ' ') for t in as_strs(rec.effect_tags))}",
                rec.model,
                rec.model_note,
                as_refs(rec.refs),
            )
        rel = review.relations
        found = rel[rel["source"].isin(members) & (rel["relation"] != "part_of") & rel["model"].map(bool)]
        for rec in found.itertuples():
            add(
                agent,
                "relation",
                f"{review.label(as_str(rec.source))} {as_str(rec.relation).replace('_', ' ')} "
                f"{review.label(as_str(rec.target))}",
                rec.model,
                rec.model_note,
                as_refs(rec.refs or ()),
            )
        for rec in agent_trials(agent, review).itertuples():
            add(
                agent,
                "clinical trial",
                f"phase {rec.phase}: {rec.regimen}; {rec.outcome}",
                rec.model,
                rec.model_note,
                (as_int(rec.ref),),
            )
    return pd.DataFrame(rows, columns=["agent", "source", "statement", "levels", "evidence", "refs"])


def evidence_summary(review: ReviewData | None = None) -> pd.DataFrame:
    """Per agent: how many findings reach each evidence level, how many do not state the model, and a note for
    agents the review reports on without a finding row (:data:`UNCOUNTED`)."""
    review = review_of(review)
    rec = evidence_records(review)
    out = []
    for agent in evidence_agents(review):
        mine = rec[rec["agent"] == agent]
        row: dict[str, Any] = {"agent": agent, "label": review.label(agent)}
        for lv in LEVELS:
            row[lv] = int(mine["levels"].map(lambda t, lv=lv: lv in t).sum())
        row[NOT_STATED] = int(mine["levels"].map(len).eq(0).sum())
        row["findings"] = len(mine)
        row["note"] = UNCOUNTED.get(agent, "")
        out.append(row)
    return pd.DataFrame(out).set_index("agent")


def highest_level(review: ReviewData | None = None) -> pd.Series:
    """Per agent: the highest evidence level any of its findings reaches, ``not_stated`` when none states one,
    and ``no finding`` for agents without a finding row."""
    s = evidence_summary(review)

    def top(row: pd.Series) -> str:
        for lv in reversed(LEVELS):
            if row[lv]:
                return lv
        return NOT_STATED if row["findings"] else "no finding"

    return s.apply(top, axis=1).rename("highest level")


def agent_errata_rows(review: ReviewData, agent: str, refs: set[int]) -> pd.DataFrame:
    """Errata about evidence strength that name the agent (:func:`cuproptosis_book.review.agents.agent_errata`) or cite its references."""
    err = review.errata
    named = set(agent_errata(agent, review))
    hit = err["category"].isin(EVIDENCE_ERRATA) & (
        err["id"].isin(named) | err["refs"].map(lambda r: bool(set(r or ()) & refs))
    )
    return err[hit]


@dataclass(frozen=True)
class OpenQuestion:
    """An open question the review names, with what in the data bears on it.

    ``select`` returns entity ids from the data; errata, trials and references are listed explicitly because the
    review ties them to the question (e.g. refs 121 and 122 for nanomaterial toxicity).
    """

    key: str
    title: str
    summary: str
    chapters: tuple[str, ...]
    select: Callable[[ReviewData], Sequence[str]]
    errata: tuple[str, ...] = ()
    trials: tuple[int, ...] = ()
    refs: tuple[int, ...] = ()


def _sources(review: ReviewData, relations: Sequence[str], target: str) -> list[str]:
    rel = review.relations
    return sorted(set(rel.loc[rel["relation"].isin(relations) & (rel["target"] == target), "source"]))


def _nanoparticles(review: ReviewData, tags: Sequence[str] | None = None, min_tags: int = 0) -> list[str]:
    nps = review.nanoparticles.sort_values("table1_order")
    keep = nps[nps["effect_tags"].map(lambda t: (tags is None or bool(set(t) & set(tags))) and len(t) >= min_tags)]
    return list(keep["entity"])


def _ionophores(review: ReviewData) -> list[str]:
    return _sources(review, ["part_of"], "copper_ionophores")


def _new_inducers(review: ReviewData) -> list[str]:
    rel = review.relations
    other = rel[
        rel["section"].map(lambda s: "other_agents" in s)
        & rel["relation"].isin(["induces", "promotes"])
        & rel["target"].isin(["cuproptosis", "elesclomol"])
    ]
    return sorted(set(other["source"]))


def _mechanism(review: ReviewData) -> list[str]:
    rel = review.relations
    fig3 = rel[rel["figure"].map(lambda f: 3 in (f or ())) & (rel["relation"] != "part_of")]  # not STEAP1-4
    ents = review.entities
    nodes = set(fig3["source"]) | set(fig3["target"])
    return sorted(n for n in nodes if ents.loc[n, "kind"] in ("protein", "ion", "small_molecule", "process"))


def _resistance_to_cuproptosis(review: ReviewData) -> list[str]:
    # what the data say dampens cuproptosis or the ionophore's effect: the closest the review comes
    return sorted(
        set(_sources(review, ["inhibits"], "cuproptosis")) | set(_sources(review, ["inhibits"], "elesclomol"))
    )


def _immunotherapy(review: ReviewData) -> list[str]:
    immune = _nanoparticles(review, ["immune_response", "immunogenic_cell_death"])
    res = review.resistance
    drugs = ["pd_1_inhibitor", "anti_pd_l1"]
    agents = sorted(set(res.loc[res["drug"].isin(drugs), "agent"]))
    return immune + agents + drugs + ["pd_l1", "pd_1", "antitumor_immunity"]


OPEN_QUESTIONS: tuple[OpenQuestion, ...] = (
    OpenQuestion(
        "translation",
        "Moving copper ionophores into the clinic",
        "Ionophores kill resistant cancer cells in the laboratory, but the review concedes that clinical translation "
        "is still a challenge: the three elesclomol trials it cites showed no benefit, and it says disulfiram did "
        "poorly in trials without citing any.",
        ("copper_ionophores", "drug_resistance"),
        _ionophores,
        errata=("E15", "E55", "E27", "E28"),
        trials=(100, 101, 102),
        refs=(58,),
    ),
    OpenQuestion(
        "toxicity",
        "Slow biodegradation and long-term toxicity of copper nanomaterials",
        "Copper nanomaterials break down slowly, so they may stay in the body and cause harm later; the review "
        "names this a major challenge (refs 121, 122), while its resistance section calls the particles low in "
        "toxicity on the basis of body weight in two animal studies.",
        ("nanoparticles", "drug_resistance"),
        _nanoparticles,
        errata=("E40",),
        refs=(121, 122, 75, 76),
    ),
    OpenQuestion(
        "design",
        "Biocompatible, biodegradable, multifunctional nanoplatforms",
        "The review's research direction for nanomedicine: particles that the body tolerates and clears, and that "
        "combine several actions. The rows are the Table 1 particles reported with three or more effects.",
        ("nanoparticles",),
        lambda r: _nanoparticles(r, min_tags=3),
        errata=("E37",),
        refs=(121, 122),
    ),
    OpenQuestion(
        "immunotherapy",
        "Combining cuproptosis with immunotherapy",
        "The review says pairing cuproptosis induction with immunotherapy gives good results. In the data this rests "
        "on nanoparticles that boost immune responses and on two findings with PD-1 or PD-L1 blockade.",
        ("nanoparticles", "drug_resistance"),
        _immunotherapy,
        errata=("E19",),
    ),
    OpenQuestion(
        "inducers",
        "Finding new cuproptosis inducers",
        "The review calls for new inducers. The rows are the agents of its 'other agents' section that are said to "
        "induce or promote cuproptosis (or elesclomol's effect); several carry contradictions worth checking.",
        ("nanoparticles",),
        _new_inducers,
        errata=("E21", "E23", "E24"),
        refs=(107,),
    ),
    OpenQuestion(
        "mechanism",
        "The physiology of copper and the mechanism of cuproptosis",
        "The review asks for more work on what copper does in the human body and on how cuproptosis kills. The rows "
        "are the players of Figure 3 and the errata where the review describes the mechanism inconsistently.",
        ("copper_metabolism", "cuproptosis"),
        _mechanism,
        errata=("E13", "E14", "E21", "E23"),
        refs=(17, 53),
    ),
    OpenQuestion(
        "cuproptosis_resistance",
        "Could tumours become resistant to cuproptosis itself?",
        "The review warns that resistance may arise against cuproptosis-based treatment too, but gives no study of "
        "it. The closest facts in the data are the things said to hold cuproptosis or elesclomol back.",
        ("cuproptosis", "drug_resistance"),
        _resistance_to_cuproptosis,
        refs=(107,),
    ),
)


def open_question_items(question: OpenQuestion, review: ReviewData | None = None) -> list[str]:
    """Row keys of the open-questions table that bear on ``question`` (``entity-``, ``erratum-``, ``trial-``,
    ``ref-`` prefixes)."""
    review = review_of(review)
    ents = list(dict.fromkeys(question.select(review)))
    return (
        [f"entity-{e}" for e in ents]
        + [f"erratum-{e}" for e in question.errata]
        + [f"trial-{t}" for t in question.trials]
        + [f"ref-{n}" for n in question.refs]
    )
