"""Copper metabolism and cuproptosis: the steps, handoffs and roles of the two mechanism chapters.

Everything an explorer shows is built from ``data/`` (``relations.csv`` and ``entities.csv``). The only
hand-written parts are

- which relation rows make up each step of the copper journey and of the cuproptosis cascade, in what order,
  with a short title and one or two sentences in the book's own words (``data/course/steps.csv``, read by
  :func:`load_steps`);
- the comparison of cuproptosis with apoptosis and ferroptosis (:func:`death_comparison`), whose background
  cells (general knowledge, not the review) are marked as such.

The explorers built on these live in :mod:`cuproptosis_book.explorers.copper_metabolism` and
:mod:`cuproptosis_book.explorers.cuproptosis`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pandas as pd

from cuproptosis_book.data import ReviewData, course_rows, review_of
from cuproptosis_book.text import EVIDENCE_SOURCES, format_refs

#: Entity ids that stand for copper (both oxidation states, and copper of unstated state).
COPPER = ("cu_i", "cu_ii", "copper")

#: Relations that move copper from one place or protein to another.
CARGO_RELATIONS = ("transports", "exports", "delivers")

#: The three cytosolic copper chaperones of the review, in the order the review introduces them.
CHAPERONES = ("atox1", "ccs", "cox17")

RelKey = tuple[str, ...]


"""A relation row selector: ``(source, target, relation)`` or ``(source, target, relation, destination)``."""


def is_disputed(note: object) -> bool:
    """True when a relation's note records a contradiction of the review (it starts with ``DISPUTED:``)."""
    return isinstance(note, str) and note.startswith("DISPUTED")


def select_relations(keys: Iterable[RelKey], review: ReviewData | None = None) -> pd.DataFrame:
    """The relation rows named by ``keys``, in the order of the keys.

    Each key is ``(source, target, relation)`` or ``(source, target, relation, destination)`` and must match at
    least one row of ``relations.csv``; a key that matches nothing raises :class:`KeyError`, so a step can never
    silently lose its evidence when the data change.
    """
    rel = review_of(review).relations
    parts = []
    for key in keys:
        if len(key) not in (3, 4):
            msg = f"a relation key has 3 or 4 parts, got {key!r}"
            raise ValueError(msg)
        mask = (rel["source"] == key[0]) & (rel["target"] == key[1]) & (rel["relation"] == key[2])
        if len(key) == 4:
            mask &= rel["destination"] == key[3]
        if not mask.any():
            msg = f"no relation {' '.join(key)!r} in relations.csv"
            raise KeyError(msg)
        parts.append(rel[mask])
    if not parts:
        return rel.iloc[0:0]
    return pd.concat(parts).drop_duplicates(subset=["source", "target", "relation", "compartment", "destination"])


def refs_of(rows: pd.DataFrame) -> tuple[int, ...]:
    """Sorted, distinct reference numbers cited by the given relation rows."""
    return tuple(sorted({r for refs in rows["refs"] for r in refs}))


def errata_of(rows: pd.DataFrame) -> tuple[str, ...]:
    """Distinct erratum ids attached to the given relation rows, in order of appearance."""
    return tuple(dict.fromkeys(e for errs in rows["erratum"] for e in errs))


def chapter_errata(sections: Sequence[str], review: ReviewData | None = None) -> pd.DataFrame:
    """Errata about any of ``sections`` (section ids such as ``copper_metabolism`` or ``figure1``).

    Columns: id, issue, the reading the book follows.
    """
    review = review_of(review)
    err = review.errata
    keep = err["section"].map(lambda where: bool(set(where) & set(sections)))
    return (
        err[keep][["id", "issue", "used_in_book"]]
        .rename(columns={"used_in_book": "reading the book follows"})
        .reset_index(drop=True)
    )


@dataclass(frozen=True)
class Step:
    """One step of a journey or cascade: a title, an explanation and the relation rows that support it."""

    key: str
    title: str
    explanation: str  # the book's own words (no data strings), plain text
    relations: tuple[RelKey, ...]
    place: str | None = None  # compartment entity id shown on the step; None: from the relations; "": none


#: The steppers whose steps are in ``data/course/steps.csv``: one copper ion from food to cytochrome c oxidase
#: (the review tells the body-level and the cell-level route in one paragraph; the journey strings them
#: together), and the cuproptosis cascade as the review's cuproptosis section and Figure 3 describe it.
STEPPERS = ("journey", "cascade")


def load_steps(stepper: str, folder: Path | None = None) -> tuple[Step, ...]:
    """The steps of one stepper, in order, from ``data/course/steps.csv`` (``folder`` defaults to it).

    Column ``relations`` lists the relation rows of a step, ``;``-separated, each as
    ``source target relation [destination]``; ``place`` is the compartment entity shown (empty: none).
    """
    if stepper not in STEPPERS:
        msg = f"no stepper {stepper!r}; steppers: {', '.join(STEPPERS)}"
        raise KeyError(msg)
    rows = [r for r in course_rows("steps", folder) if r["stepper"] == stepper]  # validated first
    rows.sort(key=lambda r: int(r["step"]))
    return tuple(
        Step(
            r["key"],
            r["title"],
            r["explanation"],
            tuple(tuple(k.split()) for k in r["relations"].split(";") if k.strip()),
            place=r["place"],
        )
        for r in rows
    )


def journey_steps() -> tuple[Step, ...]:
    """The copper journey (see :data:`STEPPERS`)."""
    return load_steps("journey")


def cascade_steps() -> tuple[Step, ...]:
    """The cuproptosis cascade (see :data:`STEPPERS`)."""
    return load_steps("cascade")


@dataclass(frozen=True)
class StepView:
    """What a step shows on the strip: derived from its relation rows."""

    key: str
    number: int
    title: str
    place: str
    actors: tuple[str, ...]
    copper: str  # "Cu²⁺", "Cu⁺", "Cu²⁺ → Cu⁺", "Cu" or ""
    rows: pd.DataFrame


def copper_form(rows: pd.DataFrame, review: ReviewData) -> str:
    """The copper form a step handles, from its relation rows (``reduces`` turns Cu²⁺ into Cu⁺)."""
    if (rows["relation"] == "reduces").any():
        return f"{review.label('cu_ii')} → {review.label('cu_i')}"
    seen = [c for c in COPPER if ((rows["source"] == c) | (rows["target"] == c)).any()]
    if len(seen) > 1 and "copper" in seen:  # a named oxidation state says more than "copper"
        seen.remove("copper")
    return " / ".join(review.label(c) for c in seen)


def step_actors(rows: pd.DataFrame, review: ReviewData) -> tuple[str, ...]:
    """Labels of the entities that act in a step: the non-copper sources, else the non-copper targets.

    Sources of background rows (``part_of``, ``promotes``) count only when a step has nothing else.
    """
    active = rows[~rows["relation"].isin(["part_of", "promotes"])]
    rows = active if len(active) else rows
    sources = [s for s in rows["source"] if s not in COPPER]
    chosen = sources or [t for t in rows["target"] if t not in COPPER]
    return tuple(review.label(e) for e in dict.fromkeys(chosen))


def step_place(step: Step, rows: pd.DataFrame, review: ReviewData) -> str:
    """Label of the step's compartment: the step's own, else the commonest compartment of its rows."""
    if step.place is not None:
        return review.label(step.place) if step.place else ""
    places = rows["compartment"].dropna()
    return review.label(places.mode().iloc[0]) if len(places) else ""


def step_views(steps: Sequence[Step], review: ReviewData | None = None) -> list[StepView]:
    """The drawable content of each step, from its relation rows."""
    review = review_of(review)
    out = []
    for i, step in enumerate(steps, 1):
        rows = select_relations(step.relations, review)
        out.append(
            StepView(
                step.key,
                i,
                step.title,
                step_place(step, rows, review),
                step_actors(rows, review),
                copper_form(rows, review),
                rows,
            )
        )
    return out


def handoff_graph(review: ReviewData | None = None, include_disputed: bool = False) -> nx.DiGraph:
    """Who hands copper to whom: an edge ``source → destination`` for every copper-moving relation.

    Nodes are entity ids (proteins and compartments). Each edge keeps its relation rows in ``rows`` (a list of
    dicts). Rows whose note starts with ``DISPUTED`` are left out unless ``include_disputed``.
    """
    review = review_of(review)
    rel = review.relations
    keep = rel["relation"].isin(CARGO_RELATIONS) & rel["target"].isin(COPPER) & rel["destination"].notna()
    if not include_disputed:
        keep &= ~rel["note"].map(is_disputed)
    g = nx.DiGraph()
    for row in rel[keep].to_dict("records"):
        a, b = row["source"], row["destination"]
        if g.has_edge(a, b):
            g.edges[a, b]["rows"].append(row)
        else:
            g.add_edge(a, b, rows=[row])
    for n in g.nodes:
        g.nodes[n]["label"] = review.label(n)
        g.nodes[n]["kind"] = review.entities.loc[n, "kind"]
    return g


def chaperone_tree(review: ReviewData | None = None, chaperones: Sequence[str] = CHAPERONES) -> nx.DiGraph:
    """Copper's routes out of the cytosolic pool through each chaperone, two hand-offs deep.

    Root ``cu_i`` → each chaperone → the places and proteins it delivers to (other chaperones are left out:
    they are shown as donors in the panel) → where those proteins pass copper on. Undisputed rows only.
    """
    review = review_of(review)
    full = handoff_graph(review)
    tree = nx.DiGraph()
    tree.add_node("cu_i", label=review.label("cu_i"), kind="ion", layer=0)
    for c in chaperones:
        tree.add_node(c, label=review.label(c), kind="protein", layer=1)
        tree.add_edge("cu_i", c)
    for c in chaperones:
        if c not in full:
            continue
        for d in full.successors(c):
            if d in chaperones:
                continue
            tree.add_node(d, label=full.nodes[d]["label"], kind=full.nodes[d]["kind"])
            tree.add_edge(c, d, rows=full.edges[c, d]["rows"])
    for c in chaperones:
        for d in list(tree.successors(c)):
            if tree.nodes[d]["kind"] != "protein" or d not in full:
                continue
            for e in full.successors(d):
                if e in chaperones or e == d:
                    continue
                tree.add_node(e, label=full.nodes[e]["label"], kind=full.nodes[e]["kind"])
                tree.add_edge(d, e, rows=full.edges[d, e]["rows"])
    for n in nx.topological_sort(tree):
        preds = list(tree.predecessors(n))
        if preds:
            tree.nodes[n]["layer"] = max(tree.nodes[p]["layer"] for p in preds) + 1
    return tree


def chaperone_reach(chaperone: str, tree: nx.DiGraph) -> set[str]:
    """Item keys lit for one chaperone: its node, the edge into it, and everything downstream with edges."""
    keys = {"cu_i", chaperone, f"e-cu_i-{chaperone}"}
    for a, b in nx.edge_dfs(tree, chaperone):
        keys |= {a, b, f"e-{a}-{b}"}
    return keys


def copper_drug_links(review: ReviewData | None = None) -> pd.DataFrame:
    """Copper-handling proteins that also bind, move or pump out anticancer drugs (from relations.csv)."""
    review = review_of(review)
    rel, ents = review.relations, review.entities
    handlers = set(rel[rel["relation"].isin((*CARGO_RELATIONS, "sequesters")) & rel["target"].isin(COPPER)]["source"])
    drugs = set(ents[ents["kind"] == "drug"].index)
    rows = rel[rel["source"].isin(handlers) & rel["target"].isin(drugs)]
    return pd.DataFrame(
        {
            "protein": rows["source"].map(review.label),
            "relation": rows["relation"],
            "drug": rows["target"].map(review.label),
            "refs": rows["refs"].map(lambda r: format_refs(r) if r else ""),
            "note": rows["note"],
        }
    ).reset_index(drop=True)


def redox_enzymes(review: ReviewData | None = None) -> pd.DataFrame:
    """The enzymes the review says convert copper between Cu²⁺ and Cu⁺ (relations ``reduces``/``oxidizes``)."""
    review = review_of(review)
    rel = review.relations
    rows = rel[rel["relation"].isin(["reduces", "oxidizes"])]
    cu1, cu2 = review.label("cu_i"), review.label("cu_ii")
    return pd.DataFrame(
        {
            "enzyme": rows["source"].map(review.label),
            "reaction": rows["relation"].map({"reduces": f"{cu2} → {cu1}", "oxidizes": f"{cu1} → {cu2}"}),
            "where": rows["compartment"].map(lambda c: review.label(c) if isinstance(c, str) else ""),
            "evidence": rows["evidence"].map(lambda e: EVIDENCE_SOURCES.get(e, e)),
            "refs": rows["refs"].map(lambda r: format_refs(r) if r else ""),
            "erratum": rows["erratum"].map(", ".join),
        }
    ).reset_index(drop=True)
