"""Copper ionophores, copper nanoparticles and the other cuproptosis inducers: helpers and explorers.

Used by the chapters ``copper_ionophores`` and ``nanoparticles``. Everything is read from ``data/``:

- an agent's *mechanisms* are its rows in ``relations.csv`` (and those of its copper complex, e.g.
  ``disulfiram_cu``), written as short sentences by :func:`relation_sentence`, plus the next step of a
  protein it acts on when the same reference supports it (CQ-Cu lowers XIAP; XIAP holds back apoptosis);
- its *cancers* are the cancer entities that share a reference with those relations, together with its
  rows in ``resistance.csv`` and, for elesclomol, the trials in ``trials.csv``;
- its *errata* are the rows of ``errata.csv`` that name it; a relation whose note starts with
  ``DISPUTED:`` is flagged in the panels.

Explorers (each returns a :class:`~cuproptosis_book.explore.Explorer`):
:func:`ionophore_explorer`, :func:`copper_class_explorer`, :func:`other_agents_explorer`,
:func:`nanoparticle_filter_explorer`, :func:`table1_vs_text_explorer`. :func:`effect_grid` draws the
nanoparticle × effect matrix as an HTML grid with text marks.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .data import ReviewData, load_all
from .explore import Control, Explorer, State, esc, item_id
from .tables import effect_matrix, format_refs, table1_ids

#: The copper ionophores of the chapter, in the order the review introduces them (curcumin comes from
#: the "other agents" section, where the review calls it an ionophore).
IONOPHORES: tuple[str, ...] = ("elesclomol", "disulfiram", "clioquinol", "cu_atsm", "cu_gtsm", "curcumin")

#: The "other agents" of the review's section of that name, in its order.
OTHER_AGENTS: tuple[str, ...] = ("lgod1", "sorafenib", "erastin", "eupalinolide_b", "zinc_pyrithione",
                                 "anisomycin", "curcumin")

#: Compounds the review sorts into copper ionophores or copper chelators (the class explorer).
COPPER_CLASS_COMPOUNDS: tuple[str, ...] = ("elesclomol", "disulfiram", "clioquinol", "thiosemicarbazones",
                                           "curcumin", "tetrathiomolybdate", "jyfy_001")

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
IMMUNE_TAGS: tuple[str, ...] = ("immune_response", "immunogenic_cell_death", "pd_l1_reduction",
                                "tumour_microenvironment")

_MOVEMENT = {"transports", "exports", "delivers"}


def _review(review: ReviewData | None) -> ReviewData:
    return review if review is not None else load_all()


def effect_label(tag: str) -> str:
    """Display name of a Table 1 effect tag."""
    return EFFECT_LABELS.get(tag, tag.replace("_", " "))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def refs_label(refs: Iterable[int]) -> str:
    """``[53,54]``, or ``(uncited)`` when the review cites nothing for the statement."""
    refs = tuple(refs)
    return format_refs(refs) if refs else "(uncited)"


# --------------------------------------------------------------------------- relations as sentences


def relation_sentence(row: pd.Series | object, review: ReviewData | None = None) -> str:
    """One relation of ``relations.csv`` as a short plain sentence (no references)."""
    review = _review(review)
    get = row.__getitem__ if isinstance(row, pd.Series) else lambda k: getattr(row, k)
    source, target, rel = get("source"), get("target"), get("relation")
    comp, dest = get("compartment"), get("destination")
    s, t = review.label(source), review.label(target)
    tkind = review.entities.loc[target, "kind"]
    place = review.label
    if rel == "transports":
        text = f"{s} carries {t}"
        text += f" from the {place(comp)}" if comp else ""
        text += f" into the {place(dest)}" if dest else " into cells"
    elif rel == "exports":
        text = f"{s} pumps {t} out" + (f" to the {place(dest)}" if dest else " of the cell")
    elif rel == "delivers":
        text = f"{s} hands {t} over" + (f" to {place(dest)}" if dest else "")
    elif rel == "sequesters":
        text = f"{s} binds and holds {t}"
    elif rel == "reduces":
        text = f"{s} reduces {t}" + (" to Cu⁺" if target == "cu_ii" else "")
    elif rel == "oxidizes":
        text = f"{s} oxidises {t}" + (" to Cu²⁺" if target == "cu_i" else "")
    elif rel == "binds":
        text = f"{s} binds {t}"
    elif rel == "activates":
        text = f"{s} activates {t}"
    elif rel == "inhibits":
        if tkind in ("small_molecule", "drug"):
            text = f"{s} weakens the effect of {t}"
        elif tkind == "protein":
            text = f"{s} lowers the activity or amount of {t}"
        else:
            text = f"{s} inhibits {t}"
    elif rel == "induces":
        text = f"{s} triggers {t}"
    elif rel == "promotes":
        text = f"{s} strengthens the effect of {t}" if tkind in ("small_molecule", "drug") else f"{s} promotes {t}"
    elif rel == "lipoylates":
        text = f"{s} attaches lipoic acid to {t}"
    elif rel == "aggregates":
        text = f"{s} makes {t} aggregate"
    elif rel == "destabilizes":
        text = f"{s} destabilises {t}"
    elif rel == "regulates":
        text = f"{s} acts on {t}"
    elif rel == "part_of":
        text = f"{s} is a component of {t}" if tkind == "nanoparticle" else f"{s} is counted among the {t}"
    else:  # a relation type added to the vocabulary later
        text = f"{s} {rel.replace('_', ' ')} {t}"
    if comp and rel not in _MOVEMENT and rel != "part_of":
        text += f" (in the {place(comp)})"
    if rel == "regulates":
        text += ", in a direction the review does not state"
    return _cap(text)


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
    review = _review(review)
    complex_id = f"{agent}_cu"
    return (agent, complex_id) if complex_id in review.entities.index else (agent,)


def agent_relations(agent: str, review: ReviewData | None = None) -> pd.DataFrame:
    """Rows of ``relations.csv`` in which the agent (or its copper complex) is source or target."""
    review = _review(review)
    ids = members(agent, review)
    rel = review.relations
    return rel[rel["source"].isin(ids) | rel["target"].isin(ids)]


def agent_mechanisms(agent: str, review: ReviewData | None = None) -> list[Mechanism]:
    """The agent's relations as sentences, each followed by the next step of a protein it acts on.

    A next step is a relation whose source is a protein the agent acts on and that shares a reference
    with that relation (CQ-Cu lowers XIAP [65] → XIAP inhibits apoptosis [65]).
    """
    review = _review(review)
    rel = review.relations
    kinds = review.entities["kind"]
    out: list[Mechanism] = []
    for row in agent_relations(agent, review).itertuples(index=False):
        out.append(Mechanism(relation_sentence(row, review), tuple(row.refs), mechanism_flag(row.note),
                             row.note or "", False, tuple(row.section)))
        if row.source in members(agent, review) and kinds[row.target] == "protein" and row.refs:
            follow = rel[(rel["source"] == row.target) & rel["refs"].map(lambda r: bool(set(r) & set(row.refs)))]
            for nxt in follow.itertuples(index=False):
                out.append(Mechanism(relation_sentence(nxt, review), tuple(nxt.refs), mechanism_flag(nxt.note),
                                     nxt.note or "", True, tuple(nxt.section)))
    return out


def mechanism_table(agent: str, review: ReviewData | None = None) -> pd.DataFrame:
    """The agent's mechanisms as a table: statement, references, flag (disputed / earlier view)."""
    review = _review(review)
    mechs = agent_mechanisms(agent, review)
    return pd.DataFrame({
        "statement": [("↳ " if m.next_step else "") + m.sentence for m in mechs],
        "refs": [refs_label(m.refs) for m in mechs],
        "flag": [m.flag or "" for m in mechs],
    })


def reachable_from(graph: Any, agent: str, steps: int, review: ReviewData | None = None) -> set[str]:
    """Nodes of a networkx graph reached from the agent or its copper complex in at most ``steps`` steps."""
    import networkx as nx

    review = _review(review)
    reached: set[str] = set()
    for start in members(agent, review):
        if start in graph:
            reached |= set(nx.single_source_shortest_path_length(graph, start, cutoff=steps))
    return reached


def agent_refs(agent: str, review: ReviewData | None = None) -> tuple[int, ...]:
    """Every reference number attached to the agent: its entities, relations and resistance findings."""
    review = _review(review)
    ids = members(agent, review)
    refs: set[int] = set()
    for i in ids:
        refs.update(review.entities.loc[i, "refs"])
    for r in agent_relations(agent, review)["refs"]:
        refs.update(r)
    for r in review.resistance[review.resistance["agent"].isin(ids)]["refs"]:
        refs.update(r)
    return tuple(sorted(refs))


def agent_cancers(agent: str, review: ReviewData | None = None) -> dict[str, tuple[int, ...]]:
    """Cancers named with the agent's mechanisms: cancer entities sharing a reference with its relations.

    Returns cancer id → the shared reference numbers, in the order of ``entities.csv``.
    """
    review = _review(review)
    refs = {r for t in agent_relations(agent, review)["refs"] for r in t}
    cancers = review.entities[review.entities["kind"] == "cancer"]
    out = {}
    for cid, crefs in zip(cancers["id"], cancers["refs"]):
        shared = tuple(sorted(set(crefs) & refs))
        if shared:
            out[cid] = shared
    return out


def agent_resistance(agent: str, review: ReviewData | None = None) -> pd.DataFrame:
    """The agent's rows of ``resistance.csv`` (drug-resistance findings, see the resistance chapter)."""
    review = _review(review)
    return review.resistance[review.resistance["agent"].isin(members(agent, review))]


def agent_trials(agent: str, review: ReviewData | None = None) -> pd.DataFrame:
    """Trials in ``trials.csv`` whose regimen names the agent."""
    review = _review(review)
    label = re.escape(review.label(agent))
    return review.trials[review.trials["regimen"].str.contains(label, case=False, regex=True)]


def agent_errata(agent: str, review: ReviewData | None = None) -> tuple[str, ...]:
    """Ids of the errata that name the agent or its copper complex (in what the review says, the issue or the reading)."""
    review = _review(review)
    labels = {review.label(i) for i in members(agent, review)}
    patterns = [re.compile(r"(?<![\w-])" + re.escape(lab) + r"(?!\w)", re.I) for lab in labels]
    out = []
    for e in review.errata.itertuples(index=False):
        text = " ".join((e.what_the_review_says, e.issue, e.used_in_book))
        if any(p.search(text) for p in patterns):
            out.append(e.id)
    return tuple(out)


def errata_table(ids: Sequence[str], review: ReviewData | None = None) -> pd.DataFrame:
    """The given errata as a short table: id, category, issue and the reading the book follows."""
    review = _review(review)
    er = review.errata.set_index("id").loc[list(ids)]
    return pd.DataFrame({
        "category": er["category"].str.replace("_", " "),
        "issue": er["issue"],
        "the book reads": er["used_in_book"],
    }, index=pd.Index(list(ids), name="erratum"))


# --------------------------------------------------------------------------- summaries


def ionophore_summary(review: ReviewData | None = None) -> pd.DataFrame:
    """One row per copper ionophore: complex, cancers named with its mechanisms, findings, errata, refs."""
    review = _review(review)
    rows = []
    for a in IONOPHORES:
        rows.append({
            "ionophore": review.label(a),
            "copper complex": ", ".join(review.label(m) for m in members(a, review)[1:]),
            "mechanisms": len(agent_relations(a, review)),
            "cancers (mechanisms)": ", ".join(review.label(c) for c in agent_cancers(a, review)),
            "resistance findings": len(agent_resistance(a, review)),
            "errata": ", ".join(agent_errata(a, review)),
            "refs": format_refs(agent_refs(a, review)),
        })
    return pd.DataFrame(rows, index=pd.Index(IONOPHORES, name="id"))


def agent_targets(agent: str, review: ReviewData | None = None) -> tuple[str, ...]:
    """Proteins and compounds the agent acts on directly (targets of its relations other than part_of)."""
    review = _review(review)
    rel = agent_relations(agent, review)
    rel = rel[rel["source"].isin(members(agent, review)) & (rel["relation"] != "part_of")]
    kinds = review.entities["kind"]
    keep = [t for t in rel["target"] if kinds[t] in ("protein", "small_molecule", "drug")]
    return tuple(dict.fromkeys(keep))


def target_labels(agent: str, review: ReviewData | None = None) -> tuple[str, ...]:
    """Labels of :func:`agent_targets`, with ``(disputed)`` after a target whose every relation is disputed."""
    review = _review(review)
    rel = agent_relations(agent, review)
    out = []
    for t in agent_targets(agent, review):
        notes = rel[(rel["target"] == t) & rel["source"].isin(members(agent, review))]["note"]
        disputed = all(mechanism_flag(n) == "disputed" for n in notes)
        out.append(review.label(t) + (" (disputed)" if disputed else ""))
    return tuple(out)


def other_agents_summary(review: ReviewData | None = None) -> pd.DataFrame:
    """One row per "other" cuproptosis inducer: what it acts on, cancers, refs and flags."""
    review = _review(review)
    rows = []
    for a in OTHER_AGENTS:
        flags = sorted({m.flag for m in agent_mechanisms(a, review) if m.flag})
        rows.append({
            "agent": review.label(a),
            "acts on": ", ".join(target_labels(a, review)),
            "cancers": ", ".join(review.label(c) for c in agent_cancers(a, review)),
            "flags": ", ".join(flags + list(agent_errata(a, review))),
            "refs": format_refs(agent_refs(a, review)),
        })
    return pd.DataFrame(rows, index=pd.Index(OTHER_AGENTS, name="id"))


# --------------------------------------------------------------------------- shared HTML pieces


def _mechanism_list(mechs: Sequence[Mechanism]) -> str:
    items = []
    for m in mechs:
        flag = ""
        if m.flag == "disputed":
            note = m.note.removeprefix("DISPUTED:").strip()
            flag = f' <strong>[disputed]</strong> <span class="cb-note">{esc(note)}</span>'
        elif m.flag == "earlier view":
            flag = " <strong>[earlier view, later replaced]</strong>"
        lead = "↳ next step: " if m.next_step else ""
        items.append(f"<li>{esc(lead)}{esc(m.sentence)} {esc(refs_label(m.refs))}{flag}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _errata_list(ids: Sequence[str], review: ReviewData) -> str:
    if not ids:
        return "<p><strong>Errata:</strong> none names this agent.</p>"
    er = review.errata.set_index("id")
    items = "".join(f"<details><summary><strong>{esc(i)}</strong>: {esc(er.loc[i, 'category'].replace('_', ' '))}"
                    f"</summary><p>{esc(er.loc[i, 'issue'])}</p><p><em>The book reads:</em> "
                    f"{esc(er.loc[i, 'used_in_book'])}</p></details>" for i in ids)
    return (f"<p><strong>Errata that name it</strong> ({len(ids)}; open one to read it, or see the errata page):"
            f"</p>{items}")


def _cancer_list(cancers: dict[str, tuple[int, ...]], review: ReviewData) -> str:
    if not cancers:
        return "<p><strong>Cancers named with its mechanisms:</strong> none.</p>"
    items = ", ".join(f"{esc(review.label(c))} {esc(format_refs(r))}" for c, r in cancers.items())
    return f"<p><strong>Cancers named with its mechanisms:</strong> {items}</p>"


def _resistance_list(rows: pd.DataFrame, review: ReviewData) -> str:
    if rows.empty:
        return ""
    items = "".join(
        f"<li>{esc(review.label(r.cancer))}: {esc(review.label(r.drug))}, {esc(r.effect.replace('_', ' '))} "
        f"{esc(format_refs(r.refs))}</li>" for r in rows.itertuples(index=False))
    return ("<p><strong>Drug-resistance findings</strong> (the resistance chapter discusses them):</p>"
            f"<ul>{items}</ul>")


def _trial_list(rows: pd.DataFrame) -> str:
    if rows.empty:
        return ""
    items = "".join(f"<li>phase {esc(r.phase)}, {esc(r.regimen)}: {esc(r.outcome)} [{esc(r.ref)}]</li>"
                    for r in rows.itertuples(index=False))
    return f"<p><strong>Clinical trials (patients):</strong></p><ul>{items}</ul>"


def _table(name: str, header: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]], caption: str = "") -> str:
    """A plain HTML table whose rows carry explorer item ids; cells are escaped here."""
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join(f'<tr id="{item_id(name, key)}">' + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>"
                   for key, cells in rows)
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'<table class="cb-data">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


# --------------------------------------------------------------------------- ionophore explorer


def ionophore_panel(agent: str, review: ReviewData | None = None) -> str:
    """Panel HTML of one ionophore: what it is, mechanisms, cancers, resistance findings, trials, errata."""
    review = _review(review)
    ent = review.entities.loc[agent]
    name = review.label(agent)
    if isinstance(ent["full_name"], str) and ent["full_name"] and ent["full_name"] != name:
        name += f" ({ent['full_name']})"
    return (
        f"<h4>{esc(name)}</h4><p>{esc(ent['description'])}</p>"
        f"<p><strong>Mechanisms in the review</strong> (relations.csv):</p>"
        f"{_mechanism_list(agent_mechanisms(agent, review))}"
        f"{_cancer_list(agent_cancers(agent, review), review)}"
        f"{_resistance_list(agent_resistance(agent, review), review)}"
        f"{_trial_list(agent_trials(agent, review))}"
        f"{_errata_list(agent_errata(agent, review), review)}"
        f"<p><strong>All references:</strong> {esc(format_refs(agent_refs(agent, review)))}</p>"
    )


def ionophore_explorer(review: ReviewData | None = None, name: str = "ionophores",
                       default: str = "elesclomol") -> Explorer:
    """Pick a copper ionophore: its row is highlighted and the panel lists mechanisms, cancers and references."""
    review = _review(review)
    summary = ionophore_summary(review)
    rows = [(a, (r["ionophore"], r["copper complex"] or "–", str(r["mechanisms"]),
                 r["cancers (mechanisms)"] or "–", r["refs"]))
            for a, r in summary.iterrows()]
    view = _table(name, ("Ionophore", "Copper complex in the data", "Relations", "Cancers named with its mechanisms",
                         "References"), rows)
    panels = {a: ionophore_panel(a, review) for a in IONOPHORES}
    control = Control("ionophore", "Ionophore", tuple((review.label(a), a) for a in IONOPHORES), default=default)
    return Explorer(name=name, title="Copper ionophores: mechanisms, cancers and references",
                    controls=[control], view=view,
                    state=lambda ionophore: State(on=frozenset({ionophore}), panel=panels[ionophore]),
                    mode="highlight")


# --------------------------------------------------------------------------- ionophore or chelator


def copper_classes(compound: str, review: ReviewData | None = None) -> dict[str, tuple[int, ...]]:
    """The classes the review puts a compound in: ``copper_ionophores`` / ``copper_chelators`` → refs.

    Follows one level of grouping (Cu-ATSM is part of the thiosemicarbazones, which are ionophores).
    """
    review = _review(review)
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


_COLUMN_X = {"copper_ionophores": 20, "copper_chelators": 340}


def _class_svg(name: str, review: ReviewData) -> str:
    """Two columns (ionophores, chelators) with a box for each compound the review puts in that class."""
    width, box_h, gap, top = 640, 30, 8, 118
    placed: dict[str, list[str]] = {"copper_ionophores": [], "copper_chelators": []}
    for c in COPPER_CLASS_COMPOUNDS:
        for cls in copper_classes(c, review):
            placed[cls].append(c)
    height = top + max(len(v) for v in placed.values()) * (box_h + gap) + 14
    heads = {
        "copper_ionophores": ("Copper ionophores", "carry copper into the cell", "Cu ⟶ inside: copper rises"),
        "copper_chelators": ("Copper chelators", "bind copper and keep it from the cell", "Cu ⊣ bound: copper falls"),
    }
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="Compounds the review calls copper ionophores (left) or copper chelators (right)" '
             f'font-family="sans-serif" font-size="14">']
    for cls, x in _COLUMN_X.items():
        title, sub, arrow = heads[cls]
        parts.append(f'<rect x="{x}" y="8" width="280" height="{height - 16}" rx="10" fill="none" '
                     f'stroke="currentColor" stroke-dasharray="{"0" if cls == "copper_ionophores" else "6 4"}"/>')
        parts.append(f'<text x="{x + 140}" y="34" text-anchor="middle" font-weight="700" fill="currentColor">'
                     f'{esc(title)}</text>')
        parts.append(f'<text x="{x + 140}" y="56" text-anchor="middle" fill="currentColor">{esc(sub)}</text>')
        parts.append(f'<text x="{x + 140}" y="86" text-anchor="middle" fill="currentColor">{esc(arrow)}</text>')
        for i, c in enumerate(placed[cls]):
            y = top + i * (box_h + gap)
            gid = item_id(name, c, "ion" if cls == "copper_ionophores" else "chel")
            parts.append(f'<g id="{gid}"><rect x="{x + 30}" y="{y}" width="220" height="{box_h}" rx="6" '
                         f'fill="#fff" stroke="currentColor"/><text x="{x + 140}" y="{y + 20}" text-anchor="middle" '
                         f'fill="#111">{esc(review.label(c))}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def copper_class_panel(compound: str, review: ReviewData | None = None) -> str:
    """Panel HTML: the class(es) the review gives a compound, with references, and what that implies."""
    review = _review(review)
    classes = copper_classes(compound, review)
    label = review.label(compound)
    lines = []
    for cls, refs in classes.items():
        lines.append(f"<li>The review counts {esc(label)} among the <strong>{esc(review.label(cls))}</strong> "
                     f"{esc(refs_label(refs))}.</li>")
    both = len(classes) == 2
    if both:
        verdict = ("<p><strong>Both at once?</strong> An ionophore raises copper inside cells, a chelator lowers "
                   "the copper cells can use: the two labels predict opposite effects on copper, so they cannot both "
                   "describe the same action. The book follows each cited source and says the review uses both.</p>")
    elif "copper_ionophores" in classes:
        verdict = ("<p>As an ionophore it should <strong>raise</strong> copper in the cell, the route to "
                   "copper overload and cuproptosis.</p>")
    else:
        verdict = ("<p>As a chelator it should <strong>lower</strong> the copper available to the cell; the review "
                   "uses chelators to restore drug sensitivity, not to cause cuproptosis.</p>")
    disputed = [m.note.removeprefix("DISPUTED:").strip() for m in agent_mechanisms(compound, review)
                if m.flag == "disputed" and "chelator" in m.note]
    notes = f"<p class='cb-note'><em>Data note:</em> {esc(disputed[0])}</p>" if disputed else ""
    return (f"<h4>{esc(label)}</h4><ul>{''.join(lines)}</ul>{verdict}{notes}"
            f"{_errata_list(agent_errata(compound, review), review)}")


def copper_class_explorer(review: ReviewData | None = None, name: str = "copper-class",
                          default: str = "curcumin") -> Explorer:
    """Ionophore or chelator? Pick a compound: its box lights up in the column(s) the review puts it in."""
    review = _review(review)
    view = _class_svg(name, review)
    panels = {c: copper_class_panel(c, review) for c in COPPER_CLASS_COMPOUNDS}
    control = Control("compound", "Compound", tuple((review.label(c), c) for c in COPPER_CLASS_COMPOUNDS),
                      default=default)
    return Explorer(name=name, title="Ionophore or chelator? Where the review files each compound",
                    controls=[control], view=view,
                    state=lambda compound: State(on=frozenset({compound}), panel=panels[compound]),
                    mode="highlight")


# --------------------------------------------------------------------------- other agents


def other_agent_panel(agent: str, review: ReviewData | None = None) -> str:
    """Panel HTML of one "other" inducer: what it acts on, cancers, mechanisms with flags, errata."""
    review = _review(review)
    ent = review.entities.loc[agent]
    targets = ", ".join(target_labels(agent, review)) or "no direct target named"
    return (
        f"<h4>{esc(review.label(agent))}</h4><p>{esc(ent['description'])}</p>"
        f"<p><strong>Acts on:</strong> {esc(targets)}</p>"
        f"{_cancer_list(agent_cancers(agent, review), review)}"
        f"<p><strong>Mechanisms in the review:</strong></p>{_mechanism_list(agent_mechanisms(agent, review))}"
        f"{_errata_list(agent_errata(agent, review), review)}"
    )


def other_agents_explorer(review: ReviewData | None = None, name: str = "other-agents",
                          default: str = "sorafenib") -> Explorer:
    """Pick one of the other cuproptosis inducers: target, cancer, mechanism, references and flags."""
    review = _review(review)
    summary = other_agents_summary(review)
    rows = [(a, (r["agent"], r["acts on"] or "–", r["cancers"], r["refs"], r["flags"] or "–"))
            for a, r in summary.iterrows()]
    view = _table(name, ("Agent", "Acts on", "Cancer", "Ref.", "Flags"), rows)
    panels = {a: other_agent_panel(a, review) for a in OTHER_AGENTS}
    control = Control("agent", "Agent", tuple((review.label(a), a) for a in OTHER_AGENTS), default=default)
    return Explorer(name=name, title="Other agents that induce or strengthen cuproptosis",
                    controls=[control], view=view,
                    state=lambda agent: State(on=frozenset({agent}), panel=panels[agent]),
                    mode="highlight")


# --------------------------------------------------------------------------- nanoparticles


def tumour_options(review: ReviewData | None = None) -> tuple[str, ...]:
    """Cancer ids that appear in Table 1, in order of first appearance."""
    review = _review(review)
    ids = table1_ids(review)
    return tuple(dict.fromkeys(c for types in ids["tumour_types"] for c in types))


def filter_nanoparticles(tumour: str = "any", effect: str = "any",
                         review: ReviewData | None = None) -> tuple[str, ...]:
    """Nanoparticle ids (Table 1 order) matching a tumour type and an effect.

    ``tumour``: a cancer id or ``any``. ``effect``: an effect tag, ``immune`` (any of :data:`IMMUNE_TAGS`)
    or ``any``. Tumour types match exactly: triple-negative breast cancer is not counted as breast cancer,
    because Table 1 lists them separately.
    """
    review = _review(review)
    ids = table1_ids(review)
    out = []
    for np_id, types, tags in zip(ids["nanoparticle"], ids["tumour_types"], ids["effect_tags"]):
        if tumour != "any" and tumour not in types:
            continue
        if effect == "immune":
            if not set(tags) & set(IMMUNE_TAGS):
                continue
        elif effect != "any" and effect not in tags:
            continue
        out.append(np_id)
    return tuple(out)


def _table1_rows(review: ReviewData) -> list[tuple[str, tuple[str, ...]]]:
    nps = review.nanoparticles.sort_values("table1_order")
    rows = []
    for r in nps.itertuples(index=False):
        rows.append((r.entity, (str(r.table1_order), r.name_printed,
                                ", ".join(review.label(c) for c in r.tumour_types),
                                r.effects_printed.removeprefix("“").removesuffix("”"),
                                format_refs(r.refs))))
    return rows


def nanoparticle_filter_panel(tumour: str, effect: str, review: ReviewData | None = None) -> str:
    """Panel HTML of the filter: how many rows match, their names, or a message when none does."""
    review = _review(review)
    hits = filter_nanoparticles(tumour, effect, review)
    total = len(review.nanoparticles)
    t_text = "any tumour type" if tumour == "any" else review.label(tumour)
    e_text = {"any": "any effect", "immune": "any immune effect"}.get(effect, effect_label(effect))
    if not hits:
        return (f"<p><strong>No nanoparticle in Table 1</strong> is listed for {esc(t_text)} with "
                f"{esc(e_text)}. Set one of the two controls back to “any” to widen the search.</p>")
    names = ", ".join(review.label(h) for h in hits)
    return (f"<p><strong>{len(hits)} of {total}</strong> nanoparticles in Table 1 match {esc(t_text)} and "
            f"{esc(e_text)}: {esc(names)}.</p>")


def nanoparticle_filter_explorer(review: ReviewData | None = None, name: str = "np-filter",
                                 tumour: str = "any", effect: str = "immune") -> Explorer:
    """Filter Table 1 by tumour type and by effect; rows that do not match are hidden."""
    review = _review(review)
    view = _table(name, ("#", "NPs", "Tumour types", "Effects (as printed)", "Ref."), _table1_rows(review),
                  caption="Table 1, filtered")
    tumours = (("any tumour type", "any"),) + tuple((review.label(c), c) for c in tumour_options(review))
    tags = list(effect_matrix(review).columns)
    effects = (("any effect", "any"), ("any immune effect", "immune")) + tuple((effect_label(t), t) for t in tags)
    controls = [Control("tumour", "Tumour type", tumours, default=tumour),
                Control("effect", "Effect", effects, default=effect)]

    def state(tumour: str, effect: str) -> State:
        return State(on=frozenset(filter_nanoparticles(tumour, effect, review)),
                     panel=nanoparticle_filter_panel(tumour, effect, review))

    return Explorer(name=name, title="Table 1 filtered by tumour type and effect", controls=controls,
                    view=view, state=state, mode="filter")


def nanoparticle_errata(np_id: str, review: ReviewData | None = None) -> tuple[str, ...]:
    """Errata that cite the nanoparticle's reference(s)."""
    review = _review(review)
    refs = set(review.nanoparticles.set_index("entity").loc[np_id, "refs"])
    return tuple(e.id for e in review.errata.itertuples(index=False) if set(e.refs) & refs)


def table1_differences(review: ReviewData | None = None) -> pd.DataFrame:
    """Where Table 1 and the text differ, per nanoparticle: the DIFFERS note of nanoparticles.csv and errata."""
    review = _review(review)
    nps = review.nanoparticles.sort_values("table1_order")
    rows = []
    for r in nps.itertuples(index=False):
        note = r.note or ""
        rows.append({
            "nanoparticle": review.label(r.entity),
            "printed in Table 1": r.name_printed,
            "difference": note.removeprefix("DIFFERS:").strip() if note.startswith("DIFFERS:") else "",
            "errata": ", ".join(nanoparticle_errata(r.entity, review)),
        })
    return pd.DataFrame(rows, index=pd.Index(nps["entity"].tolist(), name="id"))


def _source_of(sections: Sequence[str]) -> str:
    in_table = "table1" in sections
    in_text = any(s in sections for s in ("nanoparticles", "resistance_cuproptosis"))
    if in_table and in_text:
        return "text and Table 1"
    return "Table 1 only" if in_table else "text only"


def table1_vs_text_panel(np_id: str, review: ReviewData | None = None) -> str:
    """Panel HTML: the Table 1 row, the statements with their source (text / Table 1), the difference, errata."""
    review = _review(review)
    r = review.nanoparticles.set_index("entity").loc[np_id]
    types = ", ".join(review.label(c) for c in r["tumour_types"])
    stmts = "".join(
        f"<li>{esc(m.sentence)} {esc(refs_label(m.refs))} <em>({esc(_source_of(m.sections))})</em></li>"
        for m in agent_mechanisms(np_id, review))
    note = r["note"] or ""
    diff = note.removeprefix("DIFFERS:").strip() if note.startswith("DIFFERS:") else "none recorded"
    return (
        f"<h4>{esc(review.label(np_id))}</h4>"
        f"<p><strong>Table 1 prints:</strong> {esc(r['name_printed'])} | {esc(types)} | "
        f"{esc(r['effects_printed'])} | {esc(format_refs(r['refs']))}</p>"
        f"<p><strong>What it is</strong> (our summary): {esc(r['composition'])}</p>"
        f"<p><strong>Statements and where the review makes them:</strong></p><ul>{stmts}</ul>"
        f"<p><strong>Where Table 1 and the text differ:</strong> {esc(diff)}</p>"
        f"{_errata_list(nanoparticle_errata(np_id, review), review)}"
    )


def table1_vs_text_explorer(review: ReviewData | None = None, name: str = "table1-vs-text",
                            default: str = "cu_ti") -> Explorer:
    """Pick a nanoparticle: its Table 1 row is highlighted; the panel sets the table beside the text."""
    review = _review(review)
    rows = [(key, cells[:3] + cells[4:]) for key, cells in _table1_rows(review)]
    view = _table(name, ("#", "NPs (as printed)", "Tumour types", "Ref."), rows)
    order = review.nanoparticles.sort_values("table1_order")["entity"].tolist()
    panels = {n: table1_vs_text_panel(n, review) for n in order}
    control = Control("nanoparticle", "Nanoparticle", tuple((review.label(n), n) for n in order), default=default)
    return Explorer(name=name, title="Table 1 beside the text: what each source says", controls=[control],
                    view=view, state=lambda nanoparticle: State(on=frozenset({nanoparticle}),
                                                                panel=panels[nanoparticle]),
                    mode="highlight")


# --------------------------------------------------------------------------- effect grid

#: Okabe–Ito sky blue, lightened, behind a text mark: readable for colour-blind readers and in greyscale.
MARK_FILL = "#cde8f6"


@dataclass
class EffectGrid:
    """Nanoparticle × effect matrix as an HTML grid with text marks (✓) on a colour-blind-safe tint."""

    matrix: pd.DataFrame
    caption: str = ""
    labels: dict[str, str] = field(default_factory=dict)

    def html(self) -> str:
        cols = list(self.matrix.columns)
        vertical = "writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;text-align:left"
        head = "".join(f'<th scope="col" style="vertical-align:bottom"><span style="{vertical}">'
                       f"{esc(self.labels.get(c, c))}</span></th>" for c in cols)
        body = []
        for np_name, row in self.matrix.iterrows():
            cells = "".join(
                (f'<td style="background:{MARK_FILL};color:#111;text-align:center" '
                 f'title="{esc(np_name)}: {esc(self.labels.get(c, c))}">✓</td>') if row[c]
                else '<td style="text-align:center"><span aria-label="not reported">·</span></td>'
                for c in cols)
            body.append(f'<tr><th scope="row">{esc(np_name)}</th>{cells}'
                        f'<td style="text-align:center">{int(row.sum())}</td></tr>')
        totals = "".join(f'<td style="text-align:center"><strong>{int(self.matrix[c].sum())}</strong></td>'
                         for c in cols)
        cap = f"<caption>{esc(self.caption)}</caption>" if self.caption else ""
        return (f'<div class="cb-effect-grid" style="overflow-x:auto"><table class="cb-data">{cap}'
                f'<thead><tr><th scope="col" style="vertical-align:bottom">Nanoparticle</th>{head}<th scope="col" style="vertical-align:bottom"><span style="{vertical}">effects</span></th></tr></thead>'
                f'<tbody>{"".join(body)}<tr><th scope="row">particles</th>{totals}<td></td></tr></tbody>'
                f"</table></div>")

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return self.matrix.replace({True: "✓", False: "·"}).to_string()


def effect_grid(review: ReviewData | None = None) -> EffectGrid:
    """The nanoparticle × effect matrix of Table 1 (``tables.effect_matrix``) as a readable grid."""
    review = _review(review)
    matrix = effect_matrix(review)
    # rows by the name the text uses (Table 1 drops hyphens, erratum E26; CuP's printed name is a sentence)
    names = dict(zip(review.nanoparticles["name_printed"], review.nanoparticles["entity"]))
    matrix = matrix.rename(index=lambda n: review.label(names[n]))
    return EffectGrid(matrix, caption="Effects reported for each nanoparticle in Table 1 (✓ = reported)",
                      labels={t: effect_label(t) for t in matrix.columns})
