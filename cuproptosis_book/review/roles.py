"""The cell's own factors and their role in cuproptosis (promotes, protects, lost), with the evidence for each,
and how cuproptosis compares with apoptosis and ferroptosis (chapter *Cuproptosis*)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.review.pathways import CARGO_RELATIONS, errata_of, is_disputed, refs_of, select_relations
from cuproptosis_book.text import format_refs

#: Entity ids that stand for copper (both oxidation states, and copper of unstated state).
COPPER = ("cu_i", "cu_ii", "copper")

ROLES = {"promotes": "promotes cuproptosis", "protects": "protects against it", "lost": "lost in the process"}

BASES = {"stated": "stated by the review", "figure3": "Figure 3 mechanism", "inferred": "inferred by the book"}

_MECH_SOURCE = ("reduces", "lipoylates", "aggregates")

_MECH_TARGET = ("lipoylates", "aggregates", "binds")

_PASSIVE = {"lipoylates": "lipoylated", "aggregates": "aggregated", "binds": "bound"}

_LOWERS = {
    "exports": "it pumps copper out of the cytosol",
    "sequesters": "it binds and stores copper",
    "lysosome": "it moves copper into lysosomes",
}


@dataclass(frozen=True)
class RoleEvidence:
    role: str  # a key of ROLES
    basis: str  # a key of BASES
    why: str  # short plain text
    rows: pd.DataFrame


def _is_cellular(review: ReviewData, eid: str) -> bool:
    return review.entities.loc[eid, "kind"] in ("protein", "ncrna")


def cuproptosis_role_evidence(review: ReviewData | None = None) -> dict[str, list[RoleEvidence]]:
    """For each of the cell's own factors (proteins, non-coding RNAs, and copper buffers), why it promotes or
    protects against cuproptosis, derived from ``relations.csv`` by four rules:

    - *stated*: a row ``X induces/promotes cuproptosis`` (promotes) or ``X inhibits cuproptosis`` (protects);
    - *Figure 3 mechanism*: in a Figure 3 row, X reduces copper, lipoylates or aggregates DLAT, or brings
      copper into the cytosol (promotes); X is the protein that copper binds or makes clump (promotes); X is
      destabilised (lost);
    - *inferred* (the book's reasoning, not a statement of the review): X pumps copper out or buffers it
      (exports / sequesters, or moves it into lysosomes), which lowers free copper (protects); or X handles
      copper and an agent that blocks X (an undisputed row) induces cuproptosis (protects).
    """
    review = review_of(review)
    rel = review.relations
    out: dict[str, list[RoleEvidence]] = {}

    def add(eid: str, role: str, basis: str, why: str, rows: pd.DataFrame) -> None:
        out.setdefault(eid, []).append(RoleEvidence(role, basis, why, rows))

    # stated
    direct = rel[rel["target"] == "cuproptosis"]
    for eid in dict.fromkeys(direct["source"]):
        if not _is_cellular(review, eid):
            continue
        rows = direct[direct["source"] == eid]
        pro = rows[rows["relation"].isin(["induces", "promotes"])]
        if len(pro):
            add(
                eid,
                "promotes",
                "stated",
                f"the review says it {' and '.join(dict.fromkeys(pro['relation']))} cuproptosis",
                pro,
            )
        if (rows["relation"] == "inhibits").any():
            add(
                eid,
                "protects",
                "stated",
                "the review calls it a brake on cuproptosis",
                rows[rows["relation"] == "inhibits"],
            )
    # Figure 3 mechanism
    fig3 = rel[rel["figure"].map(lambda f: 3 in f) & (rel["target"] != "cuproptosis")]
    mech_src = fig3[
        fig3["relation"].isin(_MECH_SOURCE)
        | ((fig3["relation"] == "transports") & fig3["target"].isin(COPPER) & (fig3["destination"] == "cytosol"))
    ]
    label = review.label
    for eid in dict.fromkeys(mech_src["source"]):
        if _is_cellular(review, eid):
            rows = mech_src[mech_src["source"] == eid]
            acts = ", ".join(
                dict.fromkeys(f"{r} {label(t)}" for r, t in zip(rows["relation"], rows["target"], strict=True))
            )
            add(eid, "promotes", "figure3", f"in Figure 3 it {acts}", rows)
    mech_tgt = fig3[fig3["relation"].isin(_MECH_TARGET)]
    for eid in dict.fromkeys(mech_tgt["target"]):
        if _is_cellular(review, eid):
            rows = mech_tgt[mech_tgt["target"] == eid]
            acts = "; ".join(
                f"{_PASSIVE[r]} by " + ", ".join(label(x) for x in dict.fromkeys(rows[rows["relation"] == r]["source"]))
                for r in dict.fromkeys(rows["relation"])
            )
            add(eid, "promotes", "figure3", f"it is the protein copper attacks: {acts}", rows)
    lost = fig3[fig3["relation"] == "destabilizes"]
    for eid in dict.fromkeys(lost["target"]):
        if _is_cellular(review, eid):
            add(eid, "lost", "figure3", "it is destroyed during cuproptosis", lost[lost["target"] == eid])
    # inferred: lowers free copper
    undisputed = rel[~rel["note"].map(is_disputed)]
    lowers = undisputed[
        undisputed["target"].isin(COPPER)
        & (
            undisputed["relation"].isin(["exports", "sequesters"])
            | ((undisputed["relation"] == "transports") & (undisputed["destination"] == "lysosome"))
        )
    ]
    for eid in dict.fromkeys(lowers["source"]):
        rows = lowers[lowers["source"] == eid]
        how = [_LOWERS["lysosome" if r["destination"] == "lysosome" else r["relation"]] for _, r in rows.iterrows()]
        add(eid, "protects", "inferred", " and ".join(dict.fromkeys(how)) + ", lowering free copper", rows)
    # inferred: an agent that blocks a copper handler induces cuproptosis
    handlers = set(
        undisputed[undisputed["relation"].isin((*CARGO_RELATIONS, "sequesters")) & undisputed["target"].isin(COPPER)][
            "source"
        ]
    )
    inducers = set(direct[direct["relation"].isin(["induces", "promotes"])]["source"])
    blocks = undisputed[
        (undisputed["relation"] == "inhibits")
        & undisputed["source"].isin(inducers)
        & undisputed["target"].isin(handlers)
    ]
    for eid in dict.fromkeys(blocks["target"]):
        agents = blocks[blocks["target"] == eid]
        names = ", ".join(review.label(a) for a in dict.fromkeys(agents["source"]))
        rows = pd.concat([agents, direct[direct["source"].isin(agents["source"])]])
        add(eid, "protects", "inferred", f"agents that block it ({names}) drive cuproptosis", rows)
    return out


def role_caveats(review: ReviewData | None = None) -> dict[str, str]:
    """Contradictions recorded in the data about a factor's role: an agent said to inhibit it yet to promote
    cuproptosis, in a row flagged ``DISPUTED`` (e.g. FDX1, erratum E21)."""
    review = review_of(review)
    rel = review.relations
    inducers = set(rel[(rel["target"] == "cuproptosis") & rel["relation"].isin(["induces", "promotes"])]["source"])
    bad = rel[(rel["relation"] == "inhibits") & rel["source"].isin(inducers) & rel["note"].map(is_disputed)]
    out = {}
    for eid in dict.fromkeys(bad["target"]):
        rows = bad[bad["target"] == eid]
        agents = ", ".join(review.label(a) for a in dict.fromkeys(rows["source"]))
        errata = ", ".join(errata_of(rows)) or "see the notes"
        out[eid] = (
            f"The review also lists {agents} as lowering it while promoting cuproptosis, which contradicts "
            f"its own mechanism (erratum {errata})."
        )
    return out


def cuproptosis_roles(review: ReviewData | None = None) -> pd.DataFrame:
    """One row per factor: role, bases, reasons, references and caveats (indexed by entity id)."""
    review = review_of(review)
    evidence = cuproptosis_role_evidence(review)
    caveats = role_caveats(review)
    rows = []
    for eid, evs in evidence.items():
        roles = list(dict.fromkeys(e.role for e in evs))
        rows.append(
            {
                "id": eid,
                "factor": review.label(eid),
                "role": roles[0] if len(roles) == 1 else "/".join(roles),
                "bases": tuple(dict.fromkeys(e.basis for e in evs)),
                "why": "; ".join(dict.fromkeys(e.why for e in evs)),
                "refs": refs_of(pd.concat([e.rows for e in evs])),
                "caveat": caveats.get(eid, ""),
            }
        )
    order = {r: i for i, r in enumerate(ROLES)}
    frame = pd.DataFrame(rows).set_index("id", drop=False)
    return frame.sort_values("role", key=lambda s: s.map(lambda r: order.get(r.split("/")[0], 9)), kind="stable")


def death_comparison(review: ReviewData | None = None) -> pd.DataFrame:
    """Cuproptosis, apoptosis and ferroptosis side by side.

    Cells backed by the review carry its reference numbers (checked against ``relations.csv`` in the tests);
    cells marked "(background)" are general textbook knowledge that the review does not state.
    """
    review = review_of(review)
    bg = " (background)"
    fer = format_refs(
        refs_of(select_relations([("copper", "ferroptosis", "induces"), ("copper", "gpx4", "inhibits")], review))
    )
    cup = format_refs(
        refs_of(select_relations([("cu_i", "dlat", "aggregates"), ("cu_i", "fe_s_proteins", "destabilizes")], review))
    )
    rows = [
        (
            "Trigger",
            f"too much copper reaching the mitochondria {cup}",
            "internal damage signals or death receptors" + bg,
            "iron-dependent peroxidation of membrane lipids" + bg,
        ),
        (
            "Key molecules",
            "FDX1, LIAS, lipoylated DLAT (Figure 3)",
            "caspases, BCL-2 family proteins" + bg,
            "GPX4, glutathione, iron" + bg,
        ),
        (
            "What goes wrong",
            f"lipoylated TCA-cycle proteins clump, Fe–S proteins are lost: proteotoxic stress {cup}",
            "caspases cut hundreds of proteins; the cell shrinks and fragments in an orderly way" + bg,
            "lipid peroxides accumulate and the membranes fail" + bg,
        ),
        (
            "Who is most sensitive",
            "cells that rely on mitochondrial respiration "
            + format_refs(refs_of(select_relations([("mitochondrial_metabolism", "elesclomol", "promotes")], review))),
            "depends on the trigger" + bg,
            "cells with much iron and oxidisable lipids" + bg,
        ),
        (
            "Blocked by",
            "removing copper with a chelator, as shown in the study that named it [17] (background: not stated in the review)",
            "caspase inhibitors" + bg,
            "lipid-radical scavengers and iron chelators" + bg,
        ),
        (
            "Link to copper",
            "copper is the trigger itself "
            + format_refs(refs_of(select_relations([("copper", "cuproptosis", "induces")], review))),
            "CQ-Cu removes XIAP, a brake on apoptosis "
            + format_refs(refs_of(select_relations([("clioquinol_cu", "xiap", "inhibits")], review))),
            f"copper raises ROS and speeds the autophagic breakdown of GPX4 {fer}",
        ),
    ]
    return pd.DataFrame(rows, columns=["feature", "cuproptosis", "apoptosis", "ferroptosis"]).set_index("feature")
