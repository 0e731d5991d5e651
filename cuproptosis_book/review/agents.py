"""Copper ionophores, copper nanoparticles and the other cuproptosis inducers, as the review describes them.

Copper ionophores, copper nanoparticles and the other cuproptosis inducers: helpers and explorers.

Used by the chapters ``copper_ionophores`` and ``nanoparticles``. Everything is read from ``data/``:

- an agent's *mechanisms* are its rows in ``relations.csv`` (and those of its copper complex, e.g.
  ``disulfiram_cu``), written as short sentences by :func:`relation_sentence`, plus the next step of a
  protein it acts on when the same reference supports it (CQ-Cu lowers XIAP; XIAP holds back apoptosis);
- its *cancers* are the cancer entities that share a reference with those relations, together with its
  rows in ``resistance.csv`` and, for elesclomol, the trials in ``trials.csv``;
- its *errata* are the rows of ``errata.csv`` that name it; a relation whose note starts with
  ``DISPUTED:`` is flagged in the panels.

The explorers built on these live in :mod:`cuproptosis_book.explorers.copper_ionophores` and
:mod:`cuproptosis_book.explorers.nanoparticles`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.frames import as_opt_str, as_refs, as_str, as_strs, refs_at
from cuproptosis_book.review.tables import table1_ids
from cuproptosis_book.text import format_refs, relation_sentence

#: The copper ionophores of the chapter, in the order the review introduces them (curcumin comes from
#: the "other agents" section, where the review calls it an ionophore).
IONOPHORES: tuple[str, ...] = ("elesclomol", "disulfiram", "clioquinol", "cu_atsm", "cu_gtsm", "curcumin")

#: The "other agents" of the review's section of that name, in its order.
OTHER_AGENTS: tuple[str, ...] = (
    "lgod1",
    "sorafenib",
    "erastin",
    "eupalinolide_b",
    "zinc_pyrithione",
    "anisomycin",
    "curcumin",
)


#: Compounds the review sorts into copper ionophores or copper chelators (the class explorer).
COPPER_CLASS_COMPOUNDS: tuple[str, ...] = (
    "elesclomol",
    "disulfiram",
    "clioquinol",
    "thiosemicarbazones",
    "curcumin",
    "tetrathiomolybdate",
    "jyfy_001",
)


#: Display names of the Table 1 effect tags (data/datapackage.json lists the tags).
EFFECT_LABELS: dict[str, str] = {
    "cuproptosis": "cuproptosis",
    "immune_response": "immune response",
    "immunogenic_cell_death": "immunogenic cell death",
    "ferroptosis": "ferroptosis",
    "chemodynamic_therapy": "chemodynamic therapy",
    "photodynamic_therapy": "photodynamic therapy",
    "metastasis_suppression": "fewer metastases",
    "stemness_inhibition": "less stemness",
    "pd_l1_reduction": "less PD-L1",
    "tumour_microenvironment": "milder immunosuppression",
    "brain_metastasis": "SCLC brain metastasis",
}


#: The effect tags that concern the immune system (the filter's "any immune effect" option).
IMMUNE_TAGS: tuple[str, ...] = (
    "immune_response",
    "immunogenic_cell_death",
    "pd_l1_reduction",
    "tumour_microenvironment",
)


def effect_label(tag: str) -> str:
    """Display name of a Table 1 effect tag."""
    return EFFECT_LABELS.get(tag, tag.replace("_", " "))


@dataclass(frozen=True)
class Mechanism:
    """One relation of an agent, ready to show."""

    sentence: str
    refs: tuple[int, ...]
    flag: str | None = None  # "disputed" or "earlier view"
    note: str = ""
    next_step: bool = False  # a follow-on step of a protein the agent acts on
    sections: tuple[str, ...] = ()


def mechanism_flag(note: str | None) -> str | None:
    """``disputed`` for a relation whose note starts with ``DISPUTED:``; ``earlier view`` for an abandoned idea."""
    note = note or ""
    if note.startswith("DISPUTED:"):
        return "disputed"
    if "earlier view" in note:
        return "earlier view"
    return None


def members(agent: str, review: ReviewData | None = None) -> tuple[str, ...]:
    """The agent and its copper complex when the data have one (``disulfiram`` → disulfiram, disulfiram_cu)."""
    review = review_of(review)
    complex_id = f"{agent}_cu"
    return (agent, complex_id) if complex_id in review.entities.index else (agent,)


def agent_relations(agent: str, review: ReviewData | None = None) -> pd.DataFrame:
    """Rows of ``relations.csv`` in which the agent (or its copper complex) is source or target."""
    review = review_of(review)
    ids = members(agent, review)
    rel = review.relations
    return rel[rel["source"].isin(ids) | rel["target"].isin(ids)]


def agent_mechanisms(agent: str, review: ReviewData | None = None) -> list[Mechanism]:
    """The agent's relations as sentences, each followed by the next step of a protein it acts on.

    A next step is a relation whose source is a protein the agent acts on and that shares a reference
    with that relation (CQ-Cu lowers XIAP [65] → XIAP inhibits apoptosis [65]).
    """
    review = review_of(review)
    rel = review.relations
    kinds = review.entities["kind"]
    out: list[Mechanism] = []
    for row in agent_relations(agent, review).itertuples(index=False):
        refs, note, target = as_refs(row.refs), as_opt_str(row.note), as_str(row.target)
        out.append(
            Mechanism(
                relation_sentence(review, row),
                refs,
                mechanism_flag(note),
                note or "",
                False,
                tuple(as_strs(row.section)),
            )
        )
        if row.source in members(agent, review) and kinds[target] == "protein" and refs:
            follow = rel[(rel["source"] == target) & rel["refs"].map(lambda r, own=set(refs): bool(set(r) & own))]
            for nxt in follow.itertuples(index=False):
                nxt_note = as_opt_str(nxt.note)
                out.append(
                    Mechanism(
                        relation_sentence(review, nxt),
                        as_refs(nxt.refs),
                        mechanism_flag(nxt_note),
                        nxt_note or "",
                        True,
                        tuple(as_strs(nxt.section)),
                    )
                )
    return out


def mechanism_table(agent: str, review: ReviewData | None = None) -> pd.DataFrame:
    """The agent's mechanisms as a table: statement, references, flag (disputed / earlier view)."""
    review = review_of(review)
    mechs = agent_mechanisms(agent, review)
    return pd.DataFrame(
        {
            "statement": [("↳ " if m.next_step else "") + m.sentence for m in mechs],
            "refs": [format_refs(m.refs, empty="(uncited)") for m in mechs],
            "flag": [m.flag or "" for m in mechs],
        }
    )


def reachable_from(graph: Any, agent: str, steps: int, review: ReviewData | None = None) -> set[str]:
    """Nodes of a networkx graph reached from the agent or its copper complex in at most ``steps`` steps."""
    import networkx as nx

    review = review_of(review)
    reached: set[str] = set()
    for start in members(agent, review):
        if start in graph:
            reached |= set(nx.single_source_shortest_path_length(graph, start, cutoff=steps))
    return reached


def agent_refs(agent: str, review: ReviewData | None = None) -> tuple[int, ...]:
    """Every reference number attached to the agent: its entities, relations and resistance findings."""
    review = review_of(review)
    ids = members(agent, review)
    refs: set[int] = set()
    for i in ids:
        refs.update(refs_at(review.entities, i))
    for r in agent_relations(agent, review)["refs"]:
        refs.update(r)
    for r in review.resistance[review.resistance["agent"].isin(ids)]["refs"]:
        refs.update(r)
    return tuple(sorted(refs))


def agent_cancers(agent: str, review: ReviewData | None = None) -> dict[str, tuple[int, ...]]:
    """Cancers named with the agent's mechanisms: cancer entities sharing a reference with its relations.

    Returns cancer id → the shared reference numbers, in the order of ``entities.csv``.
    """
    review = review_of(review)
    refs = {r for t in agent_relations(agent, review)["refs"] for r in t}
    cancers = review.entities[review.entities["kind"] == "cancer"]
    out = {}
    for cid, crefs in zip(cancers["id"], cancers["refs"], strict=True):
        shared = tuple(sorted(set(crefs) & refs))
        if shared:
            out[cid] = shared
    return out


def agent_resistance(agent: str, review: ReviewData | None = None) -> pd.DataFrame:
    """The agent's rows of ``resistance.csv`` (drug-resistance findings, see the resistance chapter)."""
    review = review_of(review)
    return review.resistance[review.resistance["agent"].isin(members(agent, review))]


def agent_trials(agent: str, review: ReviewData | None = None) -> pd.DataFrame:
    """Trials in ``trials.csv`` whose regimen names the agent."""
    review = review_of(review)
    label = re.escape(review.label(agent))
    return review.trials[review.trials["regimen"].str.contains(label, case=False, regex=True)]


def agent_errata(agent: str, review: ReviewData | None = None) -> tuple[str, ...]:
    """Ids of the errata that name the agent or its copper complex (in what the review says, the issue or the reading)."""
    review = review_of(review)
    labels = {review.label(i) for i in members(agent, review)}
    patterns = [re.compile(r"(?<![\w-])" + re.escape(lab) + r"(?!\w)", re.IGNORECASE) for lab in labels]
    out = []
    for e in review.errata.itertuples(index=False):
        text = f"{e.what_the_review_says} {e.issue} {e.used_in_book}"
        if any(p.search(text) for p in patterns):
            out.append(as_str(e.id))
    return tuple(out)


def errata_table(ids: Sequence[str], review: ReviewData | None = None) -> pd.DataFrame:
    """The given errata as a short table: id, category, issue and the reading the book follows."""
    review = review_of(review)
    er = review.errata.set_index("id").loc[list(ids)]
    return pd.DataFrame(
        {
            "category": er["category"].str.replace("_", " "),
            "issue": er["issue"],
            "the book reads": er["used_in_book"],
        },
        index=pd.Index(list(ids), name="erratum"),
    )


def ionophore_summary(review: ReviewData | None = None) -> pd.DataFrame:
    """One row per copper ionophore: complex, cancers named with its mechanisms, findings, errata, refs."""
    review = review_of(review)
    rows = []
    for a in IONOPHORES:
        rows.append(
            {
                "ionophore": review.label(a),
                "copper complex": ", ".join(review.label(m) for m in members(a, review)[1:]),
                "mechanisms": len(agent_relations(a, review)),
                "cancers (mechanisms)": ", ".join(review.label(c) for c in agent_cancers(a, review)),
                "resistance findings": len(agent_resistance(a, review)),
                "errata": ", ".join(agent_errata(a, review)),
                "refs": format_refs(agent_refs(a, review)),
            }
        )
    return pd.DataFrame(rows, index=pd.Index(IONOPHORES, name="id"))


def agent_targets(agent: str, review: ReviewData | None = None) -> tuple[str, ...]:
    """Proteins and compounds the agent acts on directly (targets of its relations other than part_of)."""
    review = review_of(review)
    rel = agent_relations(agent, review)
    rel = rel[rel["source"].isin(members(agent, review)) & (rel["relation"] != "part_of")]
    kinds = review.entities["kind"]
    keep = [t for t in rel["target"] if kinds[t] in ("protein", "small_molecule", "drug")]
    return tuple(dict.fromkeys(keep))


def target_labels(agent: str, review: ReviewData | None = None) -> tuple[str, ...]:
    """Labels of :func:`agent_targets`, with ``(disputed)`` after a target whose every relation is disputed."""
    review = review_of(review)
    rel = agent_relations(agent, review)
    out = []
    for t in agent_targets(agent, review):
        notes = rel[(rel["target"] == t) & rel["source"].isin(members(agent, review))]["note"]
        disputed = all(mechanism_flag(n) == "disputed" for n in notes)
        out.append(review.label(t) + (" (disputed)" if disputed else ""))
    return tuple(out)


def other_agents_summary(review: ReviewData | None = None) -> pd.DataFrame:
    """One row per "other" cuproptosis inducer: what it acts on, cancers, refs and flags."""
    review = review_of(review)
    rows = []
    for a in OTHER_AGENTS:
        flags = sorted({m.flag for m in agent_mechanisms(a, review) if m.flag})
        rows.append(
            {
                "agent": review.label(a),
                "acts on": ", ".join(target_labels(a, review)),
                "cancers": ", ".join(review.label(c) for c in agent_cancers(a, review)),
                "flags": ", ".join(flags + list(agent_errata(a, review))),
                "refs": format_refs(agent_refs(a, review)),
            }
        )
    return pd.DataFrame(rows, index=pd.Index(OTHER_AGENTS, name="id"))


def copper_classes(compound: str, review: ReviewData | None = None) -> dict[str, tuple[int, ...]]:
    """The classes the review puts a compound in: ``copper_ionophores`` / ``copper_chelators`` → refs.

    Follows one level of grouping (Cu-ATSM is part of the thiosemicarbazones, which are ionophores).
    """
    review = review_of(review)
    rel = review.relations
    part = rel[rel["relation"] == "part_of"]
    out: dict[str, tuple[int, ...]] = {}
    for cls in ("copper_ionophores", "copper_chelators"):
        rows = part[(part["source"] == compound) & (part["target"] == cls)]
        if rows.empty:
            groups = part[(part["source"] == compound)]["target"]
            rows = part[part["source"].isin(groups) & (part["target"] == cls)]
        if not rows.empty:
            out[cls] = tuple(sorted({r for t in rows["refs"] for r in t}))
    return out


def tumour_options(review: ReviewData | None = None) -> tuple[str, ...]:
    """Cancer ids that appear in Table 1, in order of first appearance."""
    review = review_of(review)
    ids = table1_ids(review)
    return tuple(dict.fromkeys(c for types in ids["tumour_types"] for c in types))


def filter_nanoparticles(tumour: str = "any", effect: str = "any", review: ReviewData | None = None) -> tuple[str, ...]:
    """Nanoparticle ids (Table 1 order) matching a tumour type and an effect.

    ``tumour``: a cancer id or ``any``. ``effect``: an effect tag, ``immune`` (any of :data:`IMMUNE_TAGS`)
    or ``any``. Tumour types match exactly: triple-negative breast cancer is not counted as breast cancer,
    because Table 1 lists them separately.
    """
    review = review_of(review)
    ids = table1_ids(review)
    out = []
    for np_id, types, tags in zip(ids["nanoparticle"], ids["tumour_types"], ids["effect_tags"], strict=True):
        if tumour != "any" and tumour not in types:
            continue
        if effect == "immune":
            if not set(tags) & set(IMMUNE_TAGS):
                continue
        elif effect != "any" and effect not in tags:
            continue
        out.append(np_id)
    return tuple(out)


def nanoparticle_errata(np_id: str, review: ReviewData | None = None) -> tuple[str, ...]:
    """Errata that cite the nanoparticle's reference(s)."""
    review = review_of(review)
    refs = set(refs_at(review.nanoparticles.set_index("entity"), np_id))
    return tuple(as_str(e.id) for e in review.errata.itertuples(index=False) if set(as_refs(e.refs)) & refs)


def table1_differences(review: ReviewData | None = None) -> pd.DataFrame:
    """Where Table 1 and the text differ, per nanoparticle: the DIFFERS note of nanoparticles.csv and errata."""
    review = review_of(review)
    nps = review.nanoparticles.sort_values("table1_order")
    rows = []
    for r in nps.itertuples(index=False):
        note, entity = as_opt_str(r.note) or "", as_str(r.entity)
        rows.append(
            {
                "nanoparticle": review.label(entity),
                "printed in Table 1": r.name_printed,
                "difference": note.removeprefix("DIFFERS:").strip() if note.startswith("DIFFERS:") else "",
                "errata": ", ".join(nanoparticle_errata(entity, review)),
            }
        )
    return pd.DataFrame(rows, index=pd.Index(nps["entity"].tolist(), name="id"))
