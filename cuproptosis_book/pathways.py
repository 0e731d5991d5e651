"""Copper metabolism and cuproptosis: the explorers and helpers of the two mechanism chapters.

Everything an explorer shows is built from ``data/`` (``relations.csv`` and ``entities.csv``). The only
hand-written parts are

- which relation rows make up each step of the copper journey and of the cuproptosis cascade, in what order,
  with a short title and one or two sentences in the book's own words (:data:`JOURNEY_STEPS`,
  :data:`CASCADE_STEPS`);
- the comparison of cuproptosis with apoptosis and ferroptosis (:func:`death_comparison`), whose background
  cells (general knowledge, not the review) are marked as such.

Explorers (each returns a :class:`~cuproptosis_book.explore.Explorer`):

- :func:`copper_journey_explorer` follows one copper ion from the gut to cytochrome c oxidase;
- :func:`chaperone_explorer` shows where each copper chaperone sends copper;
- :func:`cuproptosis_cascade_explorer` steps through the cuproptosis cascade;
- :func:`cuproptosis_roles_explorer` filters the cell's own factors by their role in cuproptosis.
"""
from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from .data import ReviewData, load_all
from .explore import Control, Explorer, State, esc, item_id
from .tables import format_refs

#: Entity ids that stand for copper (both oxidation states, and copper of unstated state).
COPPER = ("cu_i", "cu_ii", "copper")
#: Relations that move copper from one place or protein to another.
CARGO_RELATIONS = ("transports", "exports", "delivers")
#: The three cytosolic copper chaperones of the review, in the order the review introduces them.
CHAPERONES = ("atox1", "ccs", "cox17")

# Okabe-Ito colours (colour-blind safe); every colour is paired with a text label or a line style.
_CU2_FILL = "#56B4E9"  # sky blue: Cu2+ (the book figures draw Cu2+ blue)
_CU1_FILL = "#E69F00"  # orange: Cu+ (the book figures draw Cu+ orange)
_MIXED_FILL = "#F0E442"  # yellow: a step that converts one form into the other
_INK = "#1a1a1a"
_MUTED = "#4d4d4d"

RelKey = tuple[str, ...]
"""A relation row selector: ``(source, target, relation)`` or ``(source, target, relation, destination)``."""


def _review(review: ReviewData | None) -> ReviewData:
    return review if review is not None else load_all()


def is_disputed(note: object) -> bool:
    """True when a relation's note records a contradiction of the review (it starts with ``DISPUTED:``)."""
    return isinstance(note, str) and note.startswith("DISPUTED")


# --------------------------------------------------------------------------- relation look-up


def select_relations(keys: Iterable[RelKey], review: ReviewData | None = None) -> pd.DataFrame:
    """The relation rows named by ``keys``, in the order of the keys.

    Each key is ``(source, target, relation)`` or ``(source, target, relation, destination)`` and must match at
    least one row of ``relations.csv``; a key that matches nothing raises :class:`KeyError`, so a step can never
    silently lose its evidence when the data change.
    """
    rel = _review(review).relations
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
    review = _review(review)
    err = review.errata
    keep = err["where"].map(lambda where: bool(set(where) & set(sections)))
    return (err[keep][["id", "issue", "used_in_book"]]
            .rename(columns={"used_in_book": "reading the book follows"})
            .reset_index(drop=True))


def _ref_line(review: ReviewData, number: int) -> str:
    ref = review.references.get(review.ref_key(number))
    if ref is None:
        return f"[{number}]"
    authors = ref.authors.split(",")[0].strip()
    more = " et al." if "," in ref.authors else ""
    return f"[{number}] {esc(authors)}{more} ({esc(ref.year)}). {esc(ref.title)}. <i>{esc(ref.journal)}</i>"


def _refs_html(review: ReviewData, refs: Sequence[int]) -> str:
    if not refs:
        return ""
    items = "".join(f"<li>{_ref_line(review, n)}</li>" for n in refs)
    return f'<details><summary>References {esc(format_refs(refs))}</summary><ul class="cb-refs">{items}</ul></details>'


_EVIDENCE = {"caption": "figure legend", "text": "main text"}


def relation_sentence(row: pd.Series, review: ReviewData) -> str:
    """One relation row as an HTML sentence: who does what to whom, where, on what evidence."""
    label = review.label
    verb = row["relation"].replace("_", " ")
    text = f"<b>{esc(label(row['source']))}</b> {esc(verb)} <b>{esc(label(row['target']))}</b>"
    where = []
    if isinstance(row["compartment"], str):
        where.append(f"from {label(row['compartment'])}" if isinstance(row["destination"], str)
                     else f"in {label(row['compartment'])}")
    if isinstance(row["destination"], str):
        where.append(f"to {label(row['destination'])}")
    if where:
        text += " (" + esc(" ".join(where)) + ")"
    source = _EVIDENCE.get(row["evidence"], row["evidence"])
    if row["figure"]:
        source += ", Figure " + "/".join(str(f) for f in row["figure"])
    refs = format_refs(row["refs"]) if row["refs"] else "no reference given"
    text += f" <span class='cb-src'>— {esc(source)}; {esc(refs)}</span>"
    if row["erratum"]:
        text += f" <span class='cb-flag'>⚠ erratum {esc(', '.join(row['erratum']))}</span>"
    if isinstance(row["note"], str) and row["note"]:
        text += f"<br><small>{esc(row['note'])}</small>"
    return text


# --------------------------------------------------------------------------- steps


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
    review = _review(review)
    out = []
    for i, step in enumerate(steps, 1):
        rows = select_relations(step.relations, review)
        out.append(StepView(step.key, i, step.title, step_place(step, rows, review), step_actors(rows, review),
                            copper_form(rows, review), rows))
    return out


def _wrap(text: str, width: int, lines: int) -> list[str]:
    out = textwrap.wrap(text, width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def _badge_fill(copper: str) -> str:
    if "→" in copper:
        return _MIXED_FILL
    if copper.startswith("Cu²"):
        return _CU2_FILL
    if copper.startswith("Cu⁺"):
        return _CU1_FILL
    return "#dddddd"


def _arrowhead(x: float, y: float, direction: str) -> str:
    """A filled triangle whose tip is at (x, y), pointing right or down (part of its item, so it dims with it)."""
    if direction == "right":
        pts = f"{x},{y} {x - 9},{y - 5} {x - 9},{y + 5}"
    else:
        pts = f"{x},{y} {x - 5},{y - 9} {x + 5},{y - 9}"
    return f'<polygon points="{pts}" fill="{_MUTED}"/>'


def strip_svg(name: str, views: Sequence[StepView], caption: str, per_row: int = 4) -> str:
    """An SVG strip of numbered step boxes joined by arrows; box ``k`` and the arrow into it are items.

    Item keys: the step key for its box, ``to-<key>`` for the arrow that leads into it.
    """
    box_w, box_h, gap, row_gap, pad = 176, 112, 24, 44, 12
    rows = (len(views) + per_row - 1) // per_row
    width = pad * 2 + per_row * box_w + (per_row - 1) * gap
    height = pad * 2 + rows * box_h + (rows - 1) * row_gap
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'role="img" aria-label="{esc(caption)}" font-family="sans-serif" fill="{_INK}">',
        f"<title>{esc(caption)}</title>",
    ]

    def pos(i: int) -> tuple[int, int]:
        r, c = divmod(i, per_row)
        return pad + c * (box_w + gap), pad + r * (box_h + row_gap)

    for i, v in enumerate(views):
        x, y = pos(i)
        if i:
            px, py = pos(i - 1)
            if py == y:
                tip, head = (x - 1, y + box_h // 2), _arrowhead(x - 1, y + box_h // 2, "right")
                path = f"M{px + box_w},{tip[1]} L{tip[0] - 8},{tip[1]}"
            else:
                mid = py + box_h + row_gap // 2
                head = _arrowhead(x + box_w // 2, y - 1, "down")
                path = (f"M{px + box_w // 2},{py + box_h} L{px + box_w // 2},{mid} L{x + box_w // 2},{mid} "
                        f"L{x + box_w // 2},{y - 9}")
            out.append(f'<g id="{item_id(name, "to-" + v.key)}"><path d="{path}" fill="none" stroke="{_MUTED}" '
                       f'stroke-width="2"/>{head}</g>')
        out.append(f'<g id="{item_id(name, v.key)}">')
        out.append(f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="8" fill="#f7f7f7" '
                   f'stroke="{_MUTED}" stroke-width="1.5"/>')
        out.append(f'<text x="{x + 8}" y="{y + 17}" font-size="12" fill="{_MUTED}">Step {v.number}</text>')
        if v.copper:
            bw = 14 + 7 * len(v.copper)
            out.append(f'<rect x="{x + box_w - bw - 6}" y="{y + 5}" width="{bw}" height="18" rx="9" '
                       f'fill="{_badge_fill(v.copper)}" stroke="{_INK}" stroke-width="0.5"/>')
            out.append(f'<text x="{x + box_w - bw / 2 - 6}" y="{y + 18}" font-size="12" text-anchor="middle">'
                       f"{esc(v.copper)}</text>")
        for j, line in enumerate(_wrap(v.title, 22, 2)):
            out.append(f'<text x="{x + 8}" y="{y + 40 + 16 * j}" font-size="14" font-weight="600">{esc(line)}</text>')
        if v.place:
            out.append(f'<text x="{x + 8}" y="{y + 80}" font-size="12" font-style="italic" fill="{_MUTED}">'
                       f"{esc(_wrap(v.place, 26, 1)[0])}</text>")
        out.append(f'<text x="{x + 8}" y="{y + 100}" font-size="12">{esc(_wrap(", ".join(v.actors), 26, 1)[0])}'
                   "</text>")
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def step_panel(step: Step, view: StepView, total: int, review: ReviewData) -> str:
    """The panel of one step: title, explanation, the supporting relation rows and their references."""
    rows = view.rows
    items = "".join(f"<li>{relation_sentence(r, review)}</li>" for _, r in rows.iterrows())
    refs = refs_of(rows)
    refs_html = _refs_html(review, refs) or "<p><small>The review cites no reference for this step.</small></p>"
    return (f"<p><b>Step {view.number} of {total}: {esc(step.title)}</b>"
            + (f" <small>({esc(view.place)})</small>" if view.place else "") + "</p>"
            f"<p>{esc(step.explanation)}</p><p>What the data say:</p><ul>{items}</ul>{refs_html}")


def stepper_explorer(name: str, title: str, steps: Sequence[Step], caption: str,
                     review: ReviewData | None = None) -> Explorer:
    """A stepper over ``steps``: the current step's box and the arrow into it are highlighted."""
    review = _review(review)
    views = step_views(steps, review)
    panels = {s.key: step_panel(s, v, len(steps), review) for s, v in zip(steps, views)}
    control = Control("step", "Step", tuple((f"{v.number}. {v.title}", v.key) for v in views), kind="slider")

    first = views[0].key  # the first box has no arrow leading into it

    def state(step: str) -> State:
        return State(on=frozenset({step} if step == first else {step, f"to-{step}"}), panel=panels[step])

    return Explorer(name, title, [control], strip_svg(name, views, caption), state, mode="highlight",
                    stepper=True)


def copper_journey_explorer(name: str = "copper-journey", review: ReviewData | None = None) -> Explorer:
    """Follow one copper ion from food to cytochrome c oxidase, step by step (a slider with Previous/Next)."""
    return stepper_explorer(name, "Follow one copper ion from the gut to the mitochondrion", JOURNEY_STEPS,
                            "Seven steps of a copper ion's journey, from reduction in the gut to cytochrome c "
                            "oxidase in the mitochondrion", review)


def cuproptosis_cascade_explorer(name: str = "cuproptosis-cascade", review: ReviewData | None = None) -> Explorer:
    """Step through the cuproptosis cascade, from copper entry to cell death."""
    return stepper_explorer(name, "The cuproptosis cascade, stage by stage", CASCADE_STEPS,
                            "Eight stages of cuproptosis, from copper entry through FDX1, DLAT lipoylation and "
                            "aggregation, and Fe-S protein loss, to cell death", review)


# --------------------------------------------------------------------------- chaperones


def handoff_graph(review: ReviewData | None = None, include_disputed: bool = False) -> nx.DiGraph:
    """Who hands copper to whom: an edge ``source → destination`` for every copper-moving relation.

    Nodes are entity ids (proteins and compartments). Each edge keeps its relation rows in ``rows`` (a list of
    dicts). Rows whose note starts with ``DISPUTED`` are left out unless ``include_disputed``.
    """
    review = _review(review)
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
    review = _review(review)
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


def _layout(tree: nx.DiGraph, row_h: int = 40, top: int = 40) -> dict[str, tuple[float, float]]:
    layers: dict[int, list[str]] = {}
    for n in tree.nodes:  # insertion order = order of first appearance in the data
        layers.setdefault(tree.nodes[n]["layer"], []).append(n)
    deepest = max(layers)
    # the widest middle layer sets the rows; others sit at the mean height of their neighbours
    widest = max(layers, key=lambda k: len(layers[k]))
    y: dict[str, float] = {n: top + i * row_h for i, n in enumerate(layers[widest])}

    def spread(nodes: list[str], targets: dict[str, float]) -> None:
        order = sorted(nodes, key=lambda n: targets[n])
        last = -1e9
        for n in order:
            y[n] = max(targets[n], last + row_h)
            last = y[n]

    def mean(values: list[float]) -> float:
        return sum(values) / len(values) if values else top

    for k in range(widest - 1, -1, -1):  # upstream: mean height of the successors already placed
        spread(layers[k], {n: mean([y[s] for s in tree.successors(n) if s in y]) for n in layers[k]})
    for k in range(widest + 1, deepest + 1):  # downstream: mean height of the predecessors
        spread(layers[k], {n: mean([y[p] for p in tree.predecessors(n) if p in y]) for n in layers[k]})
    col_w = 190
    return {n: (20 + tree.nodes[n]["layer"] * col_w, y[n]) for n in tree.nodes}


def chaperone_svg(name: str, tree: nx.DiGraph, caption: str) -> str:
    """Draw the chaperone tree: one column per hand-off; compartments dashed, proteins solid."""
    pos = _layout(tree)
    node_w, node_h = 140, 28
    width = int(max(x for x, _ in pos.values()) + node_w + 20)
    height = int(max(y for _, y in pos.values()) + node_h + 20)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" role="img" '
        f'aria-label="{esc(caption)}" font-family="sans-serif" fill="{_INK}">',
        f"<title>{esc(caption)}</title>",
    ]
    heads = ["Copper pool", "Chaperone", "First hand-off", "Next hand-off"]
    for layer in sorted({tree.nodes[n]["layer"] for n in tree.nodes}):
        out.append(f'<text x="{20 + layer * 190}" y="18" font-size="12" fill="{_MUTED}">'
                   f"{esc(heads[layer] if layer < len(heads) else '')}</text>")
    # draw the transitive reduction: ATOX1 -> Golgi is implied by ATOX1 -> ATP7A -> Golgi (the panel lists all)
    drawn = nx.transitive_reduction(tree)
    for a, b in [e for e in tree.edges if drawn.has_edge(*e)]:  # tree order: same bytes every run
        (x1, y1), (x2, y2) = pos[a], pos[b]
        sx, sy, ex, ey = x1 + node_w, y1 + node_h / 2, x2 - 9, y2 + node_h / 2
        c = (ex - sx) / 2
        out.append(f'<g id="{item_id(name, f"e-{a}-{b}")}"><path d="M{sx},{sy} C{sx + c},{sy} {ex - c},{ey} '
                   f'{ex},{ey}" fill="none" stroke="{_MUTED}" stroke-width="1.6"/>'
                   f'{_arrowhead(x2 - 1, ey, "right")}</g>')
    for n in tree.nodes:
        x, y = pos[n]
        kind = tree.nodes[n]["kind"]
        if n == "cu_i":
            style = f'fill="{_CU1_FILL}" stroke="{_INK}"'
        elif kind == "compartment":
            style = f'fill="#ffffff" stroke="{_INK}" stroke-dasharray="5 3"'
        elif tree.nodes[n]["layer"] == 1:
            style = f'fill="#e8e8e8" stroke="{_INK}" stroke-width="2"'
        else:
            style = f'fill="#f7f7f7" stroke="{_INK}"'
        font = ' font-style="italic"' if kind == "compartment" else ""
        label = tree.nodes[n]["label"] + (" (cytosol)" if n == "cu_i" else "")
        out.append(f'<g id="{item_id(name, n)}"><rect x="{x}" y="{y}" width="{node_w}" height="{node_h}" rx="6" '
                   f'{style}/><text x="{x + node_w / 2}" y="{y + 19}" font-size="13" text-anchor="middle"{font}>'
                   f"{esc(label)}</text></g>")
    out.append("</svg>")
    return "".join(out)


def _entity_heading(review: ReviewData, eid: str) -> str:
    ent = review.entities.loc[eid]
    full = str(ent["full_name"] or "").strip("“”")
    return f"<b>{esc(ent['label'])}</b>" + (f" — {esc(full)}" if full and full != ent["label"] else "")


def chaperone_panel(chaperone: str, tree: nx.DiGraph, review: ReviewData) -> str:
    """What the review says about one chaperone: where it sends copper, who feeds it, and its roles in cancer."""
    rel = review.relations
    sends = [r for a, b in nx.edge_dfs(tree, chaperone) for r in tree.edges[a, b]["rows"]]
    donors = rel[(rel["destination"] == chaperone) & rel["relation"].isin(CARGO_RELATIONS)]
    roles = rel[(rel["source"] == chaperone) & ~rel["relation"].isin(CARGO_RELATIONS)
                & ~rel["target"].isin(COPPER)]
    parts = [f"<p>{_entity_heading(review, chaperone)}</p>",
             f"<p>{esc(review.entities.loc[chaperone, 'description'])}</p>",
             "<p>Where the copper goes:</p><ul>"
             + "".join(f"<li>{relation_sentence(pd.Series(r), review)}</li>" for r in sends) + "</ul>"]
    if len(donors):
        parts.append("<p>It receives copper from:</p><ul>"
                     + "".join(f"<li>{relation_sentence(r, review)}</li>" for _, r in donors.iterrows()) + "</ul>")
    if len(roles):
        parts.append("<p>Other roles the review gives it:</p><ul>"
                     + "".join(f"<li>{relation_sentence(r, review)}</li>" for _, r in roles.iterrows()) + "</ul>")
    all_rows = pd.concat([pd.DataFrame(sends), donors, roles]) if sends else pd.concat([donors, roles])
    parts.append(_refs_html(review, refs_of(all_rows)))
    return "".join(parts)


def chaperone_explorer(name: str = "chaperones", default: str = "atox1",
                       review: ReviewData | None = None) -> Explorer:
    """Pick a copper chaperone (ATOX1, CCS, COX17, or all three) and see where it sends copper."""
    review = _review(review)
    tree = chaperone_tree(review)
    caption = ("Copper chaperones and where they send Cu⁺: ATOX1 to ATP7A/ATP7B, the Golgi and the nucleus; "
               "CCS to SOD1 and the nucleus; COX17 to the mitochondrion and SCO1/SCO2, then MT-CO2")
    view = chaperone_svg(name, tree, caption)
    panels = {c: chaperone_panel(c, tree, review) for c in CHAPERONES}
    panels["all"] = ("<p>All three chaperones. Each takes Cu⁺ from the cytosolic pool to a different place: "
                     + "; ".join(f"<b>{esc(review.label(c))}</b> → "
                                 + esc(", ".join(tree.nodes[d]["label"] for d in tree.successors(c)))
                                 for c in CHAPERONES) + ".</p>")
    options = tuple((review.label(c), c) for c in CHAPERONES) + (("All three", "all"),)
    reach = {c: frozenset(chaperone_reach(c, tree)) for c in CHAPERONES}

    def state(chaperone: str) -> State:
        return State(on=None if chaperone == "all" else reach[chaperone], panel=panels[chaperone])

    return Explorer(name, "Where does each chaperone take copper?",
                    [Control("chaperone", "Chaperone", options, default=default)], view, state)


def copper_drug_links(review: ReviewData | None = None) -> pd.DataFrame:
    """Copper-handling proteins that also bind, move or pump out anticancer drugs (from relations.csv)."""
    review = _review(review)
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
    review = _review(review)
    rel = review.relations
    rows = rel[rel["relation"].isin(["reduces", "oxidizes"])]
    cu1, cu2 = review.label("cu_i"), review.label("cu_ii")
    return pd.DataFrame({
        "enzyme": rows["source"].map(review.label),
        "reaction": rows["relation"].map({"reduces": f"{cu2} → {cu1}", "oxidizes": f"{cu1} → {cu2}"}),
        "where": rows["compartment"].map(lambda c: review.label(c) if isinstance(c, str) else ""),
        "evidence": rows["evidence"].map(lambda e: _EVIDENCE.get(e, e)),
        "refs": rows["refs"].map(lambda r: format_refs(r) if r else ""),
        "erratum": rows["erratum"].map(", ".join),
    }).reset_index(drop=True)


# --------------------------------------------------------------------------- cuproptosis roles

ROLES = {"promotes": "promotes cuproptosis", "protects": "protects against it", "lost": "lost in the process"}
BASES = {"stated": "stated by the review", "figure3": "Figure 3 mechanism", "inferred": "inferred by the book"}
_MECH_SOURCE = ("reduces", "lipoylates", "aggregates")
_MECH_TARGET = ("lipoylates", "aggregates", "binds")
_PASSIVE = {"lipoylates": "lipoylated", "aggregates": "aggregated", "binds": "bound"}
_LOWERS = {"exports": "it pumps copper out of the cytosol", "sequesters": "it binds and stores copper",
           "lysosome": "it moves copper into lysosomes"}


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
    review = _review(review)
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
            add(eid, "promotes", "stated", f"the review says it {' and '.join(dict.fromkeys(pro['relation']))} "
                "cuproptosis", pro)
        if (rows["relation"] == "inhibits").any():
            add(eid, "protects", "stated", "the review calls it a brake on cuproptosis",
                rows[rows["relation"] == "inhibits"])
    # Figure 3 mechanism
    fig3 = rel[rel["figure"].map(lambda f: 3 in f) & (rel["target"] != "cuproptosis")]
    mech_src = fig3[fig3["relation"].isin(_MECH_SOURCE)
                    | ((fig3["relation"] == "transports") & fig3["target"].isin(COPPER)
                       & (fig3["destination"] == "cytosol"))]
    label = review.label
    for eid in dict.fromkeys(mech_src["source"]):
        if _is_cellular(review, eid):
            rows = mech_src[mech_src["source"] == eid]
            acts = ", ".join(dict.fromkeys(f"{r} {label(t)}" for r, t in zip(rows["relation"], rows["target"])))
            add(eid, "promotes", "figure3", f"in Figure 3 it {acts}", rows)
    mech_tgt = fig3[fig3["relation"].isin(_MECH_TARGET)]
    for eid in dict.fromkeys(mech_tgt["target"]):
        if _is_cellular(review, eid):
            rows = mech_tgt[mech_tgt["target"] == eid]
            acts = "; ".join(f"{_PASSIVE[r]} by " + ", ".join(label(x) for x in dict.fromkeys(rows[rows["relation"] == r]["source"]))
                             for r in dict.fromkeys(rows["relation"]))
            add(eid, "promotes", "figure3", f"it is the protein copper attacks: {acts}", rows)
    lost = fig3[fig3["relation"] == "destabilizes"]
    for eid in dict.fromkeys(lost["target"]):
        if _is_cellular(review, eid):
            add(eid, "lost", "figure3", "it is destroyed during cuproptosis", lost[lost["target"] == eid])
    # inferred: lowers free copper
    undisputed = rel[~rel["note"].map(is_disputed)]
    lowers = undisputed[undisputed["target"].isin(COPPER)
                        & (undisputed["relation"].isin(["exports", "sequesters"])
                           | ((undisputed["relation"] == "transports") & (undisputed["destination"] == "lysosome")))]
    for eid in dict.fromkeys(lowers["source"]):
        rows = lowers[lowers["source"] == eid]
        how = [_LOWERS["lysosome" if r["destination"] == "lysosome" else r["relation"]] for _, r in rows.iterrows()]
        add(eid, "protects", "inferred", " and ".join(dict.fromkeys(how)) + ", lowering free copper", rows)
    # inferred: an agent that blocks a copper handler induces cuproptosis
    handlers = set(undisputed[undisputed["relation"].isin(CARGO_RELATIONS + ("sequesters",))
                              & undisputed["target"].isin(COPPER)]["source"])
    inducers = set(direct[direct["relation"].isin(["induces", "promotes"])]["source"])
    blocks = undisputed[(undisputed["relation"] == "inhibits") & undisputed["source"].isin(inducers)
                        & undisputed["target"].isin(handlers)]
    for eid in dict.fromkeys(blocks["target"]):
        agents = blocks[blocks["target"] == eid]
        names = ", ".join(review.label(a) for a in dict.fromkeys(agents["source"]))
        rows = pd.concat([agents, direct[direct["source"].isin(agents["source"])]])
        add(eid, "protects", "inferred", f"agents that block it ({names}) drive cuproptosis", rows)
    return out


def role_caveats(review: ReviewData | None = None) -> dict[str, str]:
    """Contradictions recorded in the data about a factor's role: an agent said to inhibit it yet to promote
    cuproptosis, in a row flagged ``DISPUTED`` (e.g. FDX1, erratum E21)."""
    review = _review(review)
    rel = review.relations
    inducers = set(rel[(rel["target"] == "cuproptosis") & rel["relation"].isin(["induces", "promotes"])]["source"])
    bad = rel[(rel["relation"] == "inhibits") & rel["source"].isin(inducers) & rel["note"].map(is_disputed)]
    out = {}
    for eid in dict.fromkeys(bad["target"]):
        rows = bad[bad["target"] == eid]
        agents = ", ".join(review.label(a) for a in dict.fromkeys(rows["source"]))
        errata = ", ".join(errata_of(rows)) or "see the notes"
        out[eid] = (f"The review also lists {agents} as lowering it while promoting cuproptosis, which contradicts "
                    f"its own mechanism (erratum {errata}).")
    return out


def cuproptosis_roles(review: ReviewData | None = None) -> pd.DataFrame:
    """One row per factor: role, bases, reasons, references and caveats (indexed by entity id)."""
    review = _review(review)
    evidence = cuproptosis_role_evidence(review)
    caveats = role_caveats(review)
    rows = []
    for eid, evs in evidence.items():
        roles = list(dict.fromkeys(e.role for e in evs))
        rows.append({
            "id": eid,
            "factor": review.label(eid),
            "role": roles[0] if len(roles) == 1 else "/".join(roles),
            "bases": tuple(dict.fromkeys(e.basis for e in evs)),
            "why": "; ".join(dict.fromkeys(e.why for e in evs)),
            "refs": refs_of(pd.concat([e.rows for e in evs])),
            "caveat": caveats.get(eid, ""),
        })
    order = {r: i for i, r in enumerate(ROLES)}
    frame = pd.DataFrame(rows).set_index("id", drop=False)
    return frame.sort_values("role", key=lambda s: s.map(lambda r: order.get(r.split("/")[0], 9)), kind="stable")


def roles_table_html(name: str, roles: pd.DataFrame) -> str:
    """The roles table with one ``<tr>`` item per factor (for a filter explorer)."""
    head = "".join(f"<th>{h}</th>" for h in ("Factor", "Role", "Basis", "Why", "Refs", "Caveat"))
    body = []
    for eid, r in roles.iterrows():
        body.append(
            f'<tr id="{item_id(name, eid)}"><td><b>{esc(r["factor"])}</b></td>'
            f'<td>{esc(" / ".join(ROLES[x] for x in r["role"].split("/")))}</td>'
            f'<td>{esc("; ".join(BASES[b] for b in r["bases"]))}</td><td>{esc(r["why"])}</td>'
            f'<td>{esc(format_refs(r["refs"]) if r["refs"] else "none given")}</td><td>{esc(r["caveat"])}</td></tr>')
    return f'<table class="cb-data"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def cuproptosis_roles_explorer(name: str = "cuproptosis-roles", default_role: str = "promotes",
                               review: ReviewData | None = None) -> Explorer:
    """Filter the cell's own cuproptosis factors by role (promotes / protects / lost) and by basis."""
    review = _review(review)
    roles = cuproptosis_roles(review)
    role_opts = (("All roles", "all"),) + tuple((label.capitalize(), key) for key, label in ROLES.items())
    basis_opts = (("Any basis", "any"),) + tuple((label.capitalize(), key) for key, label in BASES.items())
    rules = {
        "stated": "a relation in the data says the factor induces, promotes or inhibits cuproptosis.",
        "figure3": "the factor acts in (or is the target of) a step that Figure 3 draws.",
        "inferred": "the book's own reasoning from the data: the factor lowers free copper, or an agent that "
                    "blocks it induces cuproptosis. The review does not say this in so many words.",
        "any": "any of the three bases.",
    }

    def state(role: str, basis: str) -> State:
        keep = [eid for eid, r in roles.iterrows()
                if (role == "all" or role in r["role"].split("/")) and (basis == "any" or basis in r["bases"])]
        if keep:
            listed = ", ".join(review.label(e) for e in keep)
            panel = f"<p>{len(keep)} factor{'s' if len(keep) != 1 else ''}: {esc(listed)}.</p>"
        else:
            panel = "<p>No factor matches this combination; try “Any basis”.</p>"
        panel += f"<p><small>Basis: {esc(rules[basis])}</small></p>"
        return State(on=frozenset(keep), panel=panel)

    return Explorer(name, "Which of the cell's own factors promote or oppose cuproptosis?",
                    [Control("role", "Role", role_opts, default=default_role),
                     Control("basis", "Basis", basis_opts, default="any")],
                    roles_table_html(name, roles), state, mode="filter")


# --------------------------------------------------------------------------- comparison of cell deaths


def death_comparison(review: ReviewData | None = None) -> pd.DataFrame:
    """Cuproptosis, apoptosis and ferroptosis side by side.

    Cells backed by the review carry its reference numbers (checked against ``relations.csv`` in the tests);
    cells marked "(background)" are general textbook knowledge that the review does not state.
    """
    review = _review(review)
    bg = " (background)"
    fer = format_refs(refs_of(select_relations([("copper", "ferroptosis", "induces"), ("copper", "gpx4", "inhibits")],
                                               review)))
    cup = format_refs(refs_of(select_relations([("cu_i", "dlat", "aggregates"),
                                                ("cu_i", "fe_s_proteins", "destabilizes")], review)))
    rows = [
        ("Trigger", f"too much copper reaching the mitochondria {cup}",
         "internal damage signals or death receptors" + bg, "iron-dependent peroxidation of membrane lipids" + bg),
        ("Key molecules", "FDX1, LIAS, lipoylated DLAT (Figure 3)",
         "caspases, BCL-2 family proteins" + bg, "GPX4, glutathione, iron" + bg),
        ("What goes wrong", f"lipoylated TCA-cycle proteins clump, Fe–S proteins are lost: proteotoxic stress {cup}",
         "caspases cut hundreds of proteins; the cell shrinks and fragments in an orderly way" + bg,
         "lipid peroxides accumulate and the membranes fail" + bg),
        ("Who is most sensitive", "cells that rely on mitochondrial respiration "
         + format_refs(refs_of(select_relations([("mitochondrial_metabolism", "elesclomol", "promotes")], review))),
         "depends on the trigger" + bg, "cells with much iron and oxidisable lipids" + bg),
        ("Blocked by", "removing copper with a chelator, as shown in the study that named it [17] (background: not stated in the review)",
         "caspase inhibitors" + bg, "lipid-radical scavengers and iron chelators" + bg),
        ("Link to copper", "copper is the trigger itself "
         + format_refs(refs_of(select_relations([("copper", "cuproptosis", "induces")], review))),
         "CQ-Cu removes XIAP, a brake on apoptosis "
         + format_refs(refs_of(select_relations([("clioquinol_cu", "xiap", "inhibits")], review))),
         f"copper raises ROS and speeds the autophagic breakdown of GPX4 {fer}"),
    ]
    return pd.DataFrame(rows, columns=["feature", "cuproptosis", "apoptosis", "ferroptosis"]).set_index("feature")
