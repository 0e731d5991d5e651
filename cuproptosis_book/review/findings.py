"""The review's resistance findings (the long form of Table 2, ``data/resistance.csv``) and the elesclomol trials.

One row per finding: one agent, one cancer, one drug, one effect and its references. The explorers built on
these live in :mod:`cuproptosis_book.explorers.drug_resistance`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx
import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.frames import as_refs, as_str, as_strs
from cuproptosis_book.review.tables import cancer_name
from cuproptosis_book.text import format_refs

#: How each ``agent_class`` of resistance.csv is shown.
CLASS_LABELS: dict[str, str] = {
    "chelator": "copper chelator",
    "ionophore": "copper ionophore",
    "nanoparticle": "copper nanoparticle",
    "cuproptosis_inducer": "other cuproptosis inducer",
    "ferroptosis_inducer": "ferroptosis inducer",
    "ncrna": "non-coding RNA/DNA",
}


#: How each ``effect`` of resistance.csv is shown.
EFFECT_LABELS: dict[str, str] = {
    "overcomes_resistance": "overcomes resistance",
    "sensitizes": "sensitizes (no resistant model named)",
    "drives_resistance": "drives resistance",
    "silencing_sensitizes": "silencing it sensitizes",
}


#: Short effect labels for table cells (the chapter explains the distinction).
EFFECT_SHORT: dict[str, str] = {
    "overcomes_resistance": "overcomes resistance",
    "sensitizes": "sensitizes",
    "drives_resistance": "drives resistance",
    "silencing_sensitizes": "silencing sensitizes",
}


#: Effects by which a copper-linked agent helps a drug.
HELPING_EFFECTS: tuple[str, ...] = ("overcomes_resistance", "sensitizes")

#: The groups of the Figure 4 legend.
FIGURE4_LABELS: dict[str, str] = {
    "elesclomol": "elesclomol",
    "disulfiram": "disulfiram",
    "cuproptosis_inducer": "cuproptosis inducers",
}


#: Sections of the review whose errata concern this chapter.
CHAPTER_SECTIONS: frozenset[str] = frozenset(
    {"resistance_chelators", "resistance_ionophores", "resistance_cuproptosis", "table2", "figure4"}
)


#: Why each elesclomol trial matters for the question of drug resistance (the book's commentary).
TRIAL_COMMENTARY: dict[int, str] = {
    100: "The only one of the three trials whose patients had a named drug resistance (to platinum), yet the "
    "partner drug was paclitaxel, not platinum, and few patients responded.",
    101: "The largest and most rigorous test (randomised, double-blind, phase III), but its patients had not "
    "had chemotherapy, so it asked whether elesclomol adds to paclitaxel, not whether it overcomes resistance; "
    "by its published abstract (background) it was stopped early for an imbalance in deaths.",
    102: "A phase I dose-finding study in tumours that no longer responded to treatment, naming the drug "
    "STA-4783: every patient got the combination, so it can suggest a tolerable dose but cannot show that "
    "elesclomol is safe or that it worked.",
}


def finding_refs(rows: pd.DataFrame) -> tuple[int, ...]:
    return tuple(sorted({r for refs in rows["refs"] for r in refs}))


def join_labels(items: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(items))


def finding_key(agent: str, drug: str, cancer: str, refs: Sequence[int]) -> str:
    """Item key of one finding: ``agent-drug-cancer-firstref`` (e.g. ``elesclomol-cisplatin-lung_cancer-95``)."""
    return f"{agent}-{drug}-{cancer}-{min(refs)}"


def findings(review: ReviewData | None = None) -> pd.DataFrame:
    """resistance.csv with display columns added, indexed by a unique finding key (:func:`finding_key`).

    Added columns: ``agent_label``, ``class_label``, ``cancer_label``, ``drug_label``, ``effect_label``,
    ``effect_short``,
    ``refs_text``, ``figure4_label``, ``errata_text`` and ``copper_linked`` (False for the HOTAIR and H19 findings, which
    the review does not connect to copper or cuproptosis). The frame is built once per ReviewData and
    shared: copy it before changing it.
    """
    review = review_of(review)
    cached = _FINDINGS.get(id(review))
    if cached is not None and cached[0] is review:  # explorers call this once per state: build it once
        return cached[1]
    long = review.resistance.copy()
    long["key"] = [
        finding_key(as_str(r.agent), as_str(r.drug), as_str(r.cancer), as_refs(r.refs)) for r in long.itertuples()
    ]
    if long["key"].duplicated().any():
        msg = f"finding keys are not unique: {sorted(long.loc[long['key'].duplicated(), 'key'])}"
        raise ValueError(msg)
    label = review.label
    long["agent_label"] = long["agent"].map(label)
    long["class_label"] = long["agent_class"].map(CLASS_LABELS)
    long["cancer_label"] = long["cancer"].map(lambda c: cancer_name(review, c))
    long["drug_label"] = long["drug"].map(label)
    long["effect_label"] = long["effect"].map(EFFECT_LABELS)
    long["effect_short"] = long["effect"].map(EFFECT_SHORT)
    long["refs_text"] = long["refs"].map(format_refs)
    long["figure4_label"] = long["figure4"].map(lambda g: FIGURE4_LABELS.get(g, "") if g else "")
    long["errata_text"] = long["erratum"].map(lambda e: ", ".join(e) if e else "")
    long["copper_linked"] = ~long["agent"].isin(["hotair", "h19"])
    frame = long.set_index("key", drop=False)
    _FINDINGS[id(review)] = (review, frame)
    return frame


_FINDINGS: dict[int, tuple[ReviewData, pd.DataFrame]] = {}


def findings_frame(review: ReviewData | None = None, *, agent_class: str | None = None) -> pd.DataFrame:
    """The long form as a readable table (optionally one agent class), for display in the chapter."""
    f = findings(review)
    if agent_class is not None:
        f = f[f["agent_class"] == agent_class]
    return pd.DataFrame(
        {
            "agent": f["agent_label"],
            "class": f["class_label"],
            "drug": f["drug_label"],
            "cancer": f["cancer_label"],
            "effect": f["effect_label"],
            "refs": f["refs_text"],
            "in Table 2": f["in_table2"].map({True: "yes", False: "no"}),
        }
    ).reset_index(drop=True)


def class_effect_table(review: ReviewData | None = None) -> pd.DataFrame:
    """Number of findings per agent class (rows) and effect (columns)."""
    f = findings(review)
    table = pd.crosstab(f["agent_class"].map(CLASS_LABELS), f["effect"].map(EFFECT_LABELS))
    table = table.reindex(
        index=[CLASS_LABELS[c] for c in CLASS_LABELS if CLASS_LABELS[c] in table.index],
        columns=[EFFECT_LABELS[e] for e in EFFECT_LABELS if EFFECT_LABELS[e] in table.columns],
    )
    table.index.name, table.columns.name = "agent class", "effect"
    return table


def drug_class_matrix(review: ReviewData | None = None) -> pd.DataFrame:
    """Distinct copper-linked agents that help each drug, by agent class (drugs with most agents first)."""
    f = findings(review)
    f = f[f["copper_linked"] & f["effect"].isin(HELPING_EFFECTS)]
    table = (
        pd.crosstab(f["drug_label"], f["agent_class"].map(CLASS_LABELS), values=f["agent"], aggfunc="nunique")
        .fillna(0)
        .astype(int)
    )
    table = table.reindex(columns=[CLASS_LABELS[c] for c in CLASS_LABELS if CLASS_LABELS[c] in table.columns])
    table["agents"] = f.groupby("drug_label")["agent"].nunique()
    table["classes"] = f.groupby("drug_label")["agent_class"].nunique()
    table = table.sort_values(["agents", "classes"], ascending=False, kind="stable")
    table.index.name, table.columns.name = "drug", None
    return table


def agent_drug_graph(
    review: ReviewData | None = None, effects: Sequence[str] = HELPING_EFFECTS, copper_linked_only: bool = True
) -> nx.Graph:
    """Bipartite agent–drug graph: nodes carry ``side`` ('agent' or 'drug'), ``label`` and (agents) ``agent_class``;
    an edge joins an agent and a drug when a finding with one of ``effects`` links them; edges carry ``refs``."""
    f = findings(review)
    f = f[f["effect"].isin(effects)]
    if copper_linked_only:
        f = f[f["copper_linked"]]
    g = nx.Graph()
    for r in f.itertuples():
        g.add_node(r.agent, side="agent", label=r.agent_label, agent_class=r.agent_class)
        g.add_node(r.drug, side="drug", label=r.drug_label)
        refs = set(g.edges[r.agent, r.drug]["refs"]) if g.has_edge(r.agent, r.drug) else set()
        g.add_edge(r.agent, r.drug, refs=tuple(sorted(refs | set(as_refs(r.refs)))))
    return g


def errata_for(refs: Iterable[int], review: ReviewData | None = None) -> list[str]:
    """Ids of errata about this chapter's sections that cite any of ``refs``."""
    review = review_of(review)
    wanted = set(refs)
    out = []
    for e in review.errata.itertuples():
        if set(as_strs(e.section)) & CHAPTER_SECTIONS and set(as_refs(e.refs)) & wanted:
            out.append(as_str(e.id))
    return out


def errata_rows(ids: Sequence[str], review: ReviewData | None = None) -> pd.DataFrame:
    """Selected errata: id, what the issue is and the reading the book follows."""
    review = review_of(review)
    e = review.errata.set_index("id").loc[list(ids)]
    return pd.DataFrame(
        {"id": list(ids), "issue": e["issue"].tolist(), "reading the book follows": e["used_in_book"].tolist()}
    )


def drug_handlers(drug: str, review: ReviewData | None = None) -> list[tuple[str, tuple[str, ...], tuple[int, ...]]]:
    """Copper-handling proteins that relations.csv links directly to ``drug``: (label, relations, refs)."""
    review = review_of(review)
    rel = review.relations
    rows = rel[(rel["target"] == drug) & rel["source"].map(lambda s: review.entities.loc[s, "kind"] == "protein")]
    out = []
    for source, grp in rows.groupby("source", sort=False):
        out.append((review.label(as_str(source)), tuple(dict.fromkeys(grp["relation"])), finding_refs(grp)))
    return out


def drug_handlers_frame(drug: str, review: ReviewData | None = None) -> pd.DataFrame:
    """:func:`drug_handlers` as a small table: protein, relation(s), references as the review prints them."""
    rows = drug_handlers(drug, review)
    return pd.DataFrame(
        {
            "protein": [r[0] for r in rows],
            "relation": [", ".join(r[1]) for r in rows],
            "refs": [format_refs(r[2]) for r in rows],
        }
    )


def prognostic_lncrnas(review: ReviewData | None = None) -> list[str]:
    """Labels of the six cuproptosis-related lncRNAs of the hepatocellular carcinoma model (ref 116)."""
    review = review_of(review)
    ent = review.entities
    model = ent[(ent["kind"] == "ncrna") & ent["refs"].map(lambda r: 116 in r)]
    return model["label"].tolist()


def trials_frame(review: ReviewData | None = None) -> pd.DataFrame:
    """The elesclomol trials (trials.csv) as a readable table, ordered by phase."""
    review = review_of(review)
    t = review.trials.sort_values("phase", key=lambda s: s.map({"I": 1, "II": 2, "III": 3}))
    return pd.DataFrame(
        {
            "phase": t["phase"].tolist(),
            "regimen": t["regimen"].tolist(),
            "population": t["population"].tolist(),
            "outcome": t["outcome"].tolist(),
            "ref": [format_refs([r]) for r in t["ref"]],
        }
    )


def findings_errata(rows: pd.DataFrame, review: ReviewData | None = None) -> list[str]:
    """Errata recorded on these findings plus errata of this chapter's sections citing their references."""
    ids = {e for errata in rows["erratum"] for e in errata} | set(errata_for(finding_refs(rows), review))
    return sorted(ids, key=lambda e: int(e[1:]))
