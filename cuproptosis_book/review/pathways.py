"""Copper metabolism and cuproptosis: the steps, handoffs and roles of the two mechanism chapters.

Everything an explorer shows is built from ``data/`` (``relations.csv`` and ``entities.csv``). The only
hand-written parts are

- which relation rows make up each step of the copper journey and of the cuproptosis cascade, in what order,
  with a short title and one or two sentences in the book's own words (:data:`JOURNEY_STEPS`,
  :data:`CASCADE_STEPS`);
- the comparison of cuproptosis with apoptosis and ferroptosis (:func:`death_comparison`), whose background
  cells (general knowledge, not the review) are marked as such.

The explorers built on these live in :mod:`cuproptosis_book.explorers.copper_metabolism` and
:mod:`cuproptosis_book.explorers.cuproptosis`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from cuproptosis_book.data import ReviewData
from cuproptosis_book.review.default import review_of
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
            raise ValueError(f"a relation key has 3 or 4 parts, got {key!r}")
        mask = (rel["source"] == key[0]) & (rel["target"] == key[1]) & (rel["relation"] == key[2])
        if len(key) == 4:
            mask &= rel["destination"] == key[3]
        if not mask.any():
            raise KeyError(f"no relation {' '.join(key)!r} in relations.csv")
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
    keep = err["where"].map(lambda where: bool(set(where) & set(sections)))
    return (err[keep][["id", "issue", "used_in_book"]]
            .rename(columns={"used_in_book": "reading the book follows"})
            .reset_index(drop=True))


@dataclass(frozen=True)
class Step:
    """One step of a journey or cascade: a title, an explanation and the relation rows that support it."""

    key: str
    title: str
    explanation: str  # the book's own words (no data strings), plain text
    relations: tuple[RelKey, ...]
    place: str | None = None  # compartment entity id shown on the step; None: from the relations; "": none


#: One copper ion from food to cytochrome c oxidase. The review tells the body-level route (gut, blood, liver)
#: and the cell-level route (membrane, chaperone, organelle) in one paragraph; the journey strings them together.
JOURNEY_STEPS: tuple[Step, ...] = (
    Step("reduce", "Reduced in the gut",
         "Copper in food is mostly the oxidised Cu²⁺ form. At the surface of the intestinal lining, metal "
         "reductases of the STEAP family and Dcytb give it one electron, turning it into Cu⁺, the form the main "
         "importer accepts.",
         (("steap", "cu_ii", "reduces"), ("dcytb", "cu_ii", "reduces")), place="small_intestine"),
    Step("import", "Imported by Ctr1",
         "Cu⁺ crosses the plasma membrane of the intestinal cell through Ctr1 (SLC31A1). The review mentions two "
         "other entry routes: ZnT1 for Cu²⁺ (drawn in Figure 1 but disputed, see erratum E03) and Ctr2, which "
         "helps only under some conditions.",
         (("slc31a1", "cu_i", "transports", "cytosol"), ("slc30a1", "cu_ii", "transports"),
          ("slc31a2", "copper", "transports")), place="plasma_membrane"),
    Step("blood", "Carried in the blood",
         "Absorbed copper leaves the gut through the portal vein. In the plasma it rides on carrier proteins, "
         "albumin and ceruloplasmin, which bring it to the liver.",
         (("albumin", "copper", "transports"), ("ceruloplasmin", "copper", "transports")), place="bloodstream"),
    Step("store", "Stored in the liver",
         "In liver cells, copper that is not needed at once is held by metallothioneins (MT1/2) and glutathione "
         "(GSH). Binding keeps free Cu⁺ low, because free copper is reactive.",
         (("mt", "cu_i", "sequesters"), ("gsh", "cu_i", "sequesters")), place="liver"),
    Step("chaperone", "Picked up by COX17",
         "Inside a cell, Cu⁺ is never left free for long: a chaperone carries it to where it is needed. For the "
         "mitochondrion that chaperone is COX17. (ATOX1 and CCS take copper elsewhere: see the next explorer.)",
         (("cox17", "cu_i", "transports", "mitochondrion"),), place="cytosol"),
    Step("sco", "Handed to SCO1/SCO2",
         "COX17 passes Cu⁺ to SCO1 and SCO2, two proteins anchored in the inner mitochondrial membrane.",
         (("cox17", "cu_i", "delivers", "sco1"), ("cox17", "cu_i", "delivers", "sco2")), place="mitochondrion"),
    Step("cco", "Built into cytochrome c oxidase",
         "SCO1 and SCO2 insert the copper into MT-CO2, a subunit of cytochrome c oxidase (complex IV), the last "
         "enzyme of the respiratory chain. This is why respiring cells need copper.",
         (("sco1", "cu_i", "delivers", "mt_co2"), ("sco2", "cu_i", "delivers", "mt_co2"),
          ("mt_co2", "cytochrome_c_oxidase", "part_of"), ("cox17", "cytochrome_c_oxidase", "promotes")),
         place="mitochondrion"),
)


#: The cuproptosis cascade as the review's cuproptosis section and Figure 3 describe it.
CASCADE_STEPS: tuple[Step, ...] = (
    Step("entry", "Copper gets in",
         "An ionophore such as elesclomol binds Cu²⁺ outside the cell and carries it across membranes. Copper "
         "can also enter the normal way (STEAP reduction, then Ctr1), as Figure 3 also draws.",
         (("elesclomol", "cu_ii", "transports"), ("elesclomol", "cu_ii", "binds"), ("steap", "cu_ii", "reduces"),
          ("slc31a1", "cu_i", "transports", "cytosol")), place="plasma_membrane"),
    Step("reduce", "FDX1 makes Cu⁺",
         "In the mitochondrial matrix, ferredoxin 1 (FDX1), the protein elesclomol targets, reduces Cu²⁺ to Cu⁺.",
         (("fdx1", "cu_ii", "reduces"), ("elesclomol", "fdx1", "binds")), place="mitochondrion"),
    Step("lipoylate", "DLAT is lipoylated",
         "LIAS, helped by FDX1, attaches lipoic acid to DLAT, a subunit of the pyruvate dehydrogenase complex "
         "that feeds the TCA cycle. Lipoylation is needed for the enzyme to work, and it is also what copper "
         "attacks next.",
         (("lias", "dlat", "lipoylates"), ("fdx1", "dlat", "lipoylates"), ("dlat", "tca_cycle", "part_of")),
         place="mitochondrion"),
    Step("bind", "Cu⁺ binds lipoylated DLAT",
         "Cu⁺ binds directly to the lipoyl groups of DLAT (and of the other lipoylated TCA-cycle enzymes that "
         "ref 17 describes).",
         (("cu_i", "dlat", "binds"),), place="mitochondrion"),
    Step("aggregate", "DLAT clumps",
         "Copper-bound DLAT molecules stick together into oligomers and aggregates, and the TCA cycle stalls.",
         (("cu_i", "dlat", "aggregates"), ("fdx1", "dlat", "aggregates"), ("lias", "dlat", "aggregates"),
          ("dlat", "tca_cycle", "inhibits")), place="mitochondrion"),
    Step("fes", "Fe–S proteins are lost",
         "Proteins that carry iron–sulfur (Fe–S) clusters become unstable and are lost.",
         (("cu_i", "fe_s_proteins", "destabilizes"),), place="mitochondrion"),
    Step("stress", "Proteotoxic stress",
         "Aggregated proteins plus lost Fe–S proteins overwhelm the cell's protein quality control: proteotoxic "
         "stress.",
         (("cu_i", "proteotoxic_stress", "induces"),), place="mitochondrion"),
    Step("death", "Cuproptosis",
         "The stress kills the cell. This copper-dependent death is cuproptosis.",
         (("proteotoxic_stress", "cuproptosis", "induces"), ("fdx1", "cuproptosis", "promotes"),
          ("lias", "cuproptosis", "promotes"), ("copper", "cuproptosis", "induces")), place=""),
)


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
        out.append(StepView(step.key, i, step.title, step_place(step, rows, review), step_actors(rows, review),
                            copper_form(rows, review), rows))
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


def chaperone_tree(review: ReviewData | None = None,
                   chaperones: Sequence[str] = CHAPERONES) -> nx.DiGraph:
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
    handlers = set(rel[rel["relation"].isin(CARGO_RELATIONS + ("sequesters",)) & rel["target"].isin(COPPER)]["source"])
    drugs = set(ents[ents["kind"] == "drug"].index)
    rows = rel[rel["source"].isin(handlers) & rel["target"].isin(drugs)]
    return pd.DataFrame({
        "protein": rows["source"].map(review.label),
        "relation": rows["relation"],
        "drug": rows["target"].map(review.label),
        "refs": rows["refs"].map(lambda r: format_refs(r) if r else ""),
        "note": rows["note"],
    }).reset_index(drop=True)


def redox_enzymes(review: ReviewData | None = None) -> pd.DataFrame:
    """The enzymes the review says convert copper between Cu²⁺ and Cu⁺ (relations ``reduces``/``oxidizes``)."""
    review = review_of(review)
    rel = review.relations
    rows = rel[rel["relation"].isin(["reduces", "oxidizes"])]
    cu1, cu2 = review.label("cu_i"), review.label("cu_ii")
    return pd.DataFrame({
        "enzyme": rows["source"].map(review.label),
        "reaction": rows["relation"].map({"reduces": f"{cu2} → {cu1}", "oxidizes": f"{cu1} → {cu2}"}),
        "where": rows["compartment"].map(lambda c: review.label(c) if isinstance(c, str) else ""),
        "evidence": rows["evidence"].map(lambda e: EVIDENCE_SOURCES.get(e, e)),
        "refs": rows["refs"].map(lambda r: format_refs(r) if r else ""),
        "erratum": rows["erratum"].map(", ".join),
    }).reset_index(drop=True)
