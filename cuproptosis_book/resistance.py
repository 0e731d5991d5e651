"""Chapter "Copper and cancer drug resistance": explorers and helpers built from ``data/``.

Everything here reads the long form of Table 2 (``data/resistance.csv``: one row per finding, i.e. one agent,
one cancer, one drug, one effect and its references), the elesclomol trials (``data/trials.csv``), the
relations (``data/relations.csv``) and the errata (``data/errata.csv``).

Explorers (each returns an :class:`~cuproptosis_book.explore.Explorer`):

- :func:`drug_to_strategies_explorer`: pick the drug a tumour resists (and optionally a class of copper
  agent); the long-form table is filtered to its findings and a panel summarises agents, classes,
  cancers, references, the copper-handling proteins the review ties to the drug, and related errata.
- :func:`agent_to_drugs_explorer`: the reverse, pick an agent and see its drugs and cancers.
- :func:`trials_explorer`: the three elesclomol trials, one at a time.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import networkx as nx
import pandas as pd

from .data import ReviewData, load_all
from .explore import Control, Explorer, State, esc, item_id
from .tables import cancer_name, format_refs

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
         "had chemotherapy, so it asked whether elesclomol adds to paclitaxel, not whether it overcomes resistance.",
    102: "A phase I study in tumours that no longer responded to treatment: it was built to judge safety, so it "
         "shows the combination was tolerated, not that it worked; it names the drug STA-4783.",
}


def _review(review: ReviewData | None) -> ReviewData:
    return review if review is not None else load_all()


def _refs(rows: pd.DataFrame) -> tuple[int, ...]:
    return tuple(sorted({r for refs in rows["refs"] for r in refs}))


def _join(items: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(items))


def finding_key(agent: str, drug: str, cancer: str, refs: Sequence[int]) -> str:
    """Item key of one finding: ``agent-drug-cancer-firstref`` (e.g. ``elesclomol-cisplatin-lung_cancer-95``)."""
    return f"{agent}-{drug}-{cancer}-{min(refs)}"


# --------------------------------------------------------------------------- the long form, labelled


def findings(review: ReviewData | None = None) -> pd.DataFrame:
    """resistance.csv with display columns added, indexed by a unique finding key (:func:`finding_key`).

    Added columns: ``agent_label``, ``class_label``, ``cancer_label``, ``drug_label``, ``effect_label``,
    ``effect_short``,
    ``refs_text``, ``figure4_label``, ``errata_text`` and ``copper_linked`` (False for the HOTAIR and H19 findings, which
    the review does not connect to copper or cuproptosis). The frame is built once per ReviewData and
    shared: copy it before changing it.
    """
    review = _review(review)
    cached = _FINDINGS.get(id(review))
    if cached is not None and cached[0] is review:  # explorers call this once per state: build it once
        return cached[1]
    long = review.resistance.copy()
    long["key"] = [finding_key(r.agent, r.drug, r.cancer, r.refs) for r in long.itertuples()]
    if long["key"].duplicated().any():
        raise ValueError(f"finding keys are not unique: {sorted(long.loc[long['key'].duplicated(), 'key'])}")
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
    return pd.DataFrame({
        "agent": f["agent_label"], "class": f["class_label"], "drug": f["drug_label"],
        "cancer": f["cancer_label"], "effect": f["effect_label"], "refs": f["refs_text"],
        "in Table 2": f["in_table2"].map({True: "yes", False: "no"}),
    }).reset_index(drop=True)


def findings_table_html(name: str, frame: pd.DataFrame) -> str:
    """The long form as an HTML table whose rows carry explorer item ids (searchable on the site)."""
    head = ("<thead><tr><th>Agent</th><th>Class</th><th>Drug</th><th>Cancer</th><th>Effect</th>"
            "<th>Refs</th><th>In Table 2</th><th>Figure 4 group</th><th>Errata</th></tr></thead>")
    rows = []
    for r in frame.itertuples():
        rows.append(
            f'<tr id="{item_id(name, r.key)}"><td>{esc(r.agent_label)}</td><td>{esc(r.class_label)}</td>'
            f"<td>{esc(r.drug_label)}</td><td>{esc(r.cancer_label)}</td><td>{esc(r.effect_short)}</td>"
            f"<td>{esc(r.refs_text)}</td><td>{'yes' if r.in_table2 else 'no'}</td>"
            f"<td>{esc(r.figure4_label)}</td><td>{esc(r.errata_text)}</td></tr>"
        )
    return f'<div class="cb-table"><table class="cb-data">{head}<tbody>{"".join(rows)}</tbody></table></div>'


# --------------------------------------------------------------------------- summaries


def class_effect_table(review: ReviewData | None = None) -> pd.DataFrame:
    """Number of findings per agent class (rows) and effect (columns)."""
    f = findings(review)
    table = pd.crosstab(f["agent_class"].map(CLASS_LABELS), f["effect"].map(EFFECT_LABELS))
    table = table.reindex(index=[CLASS_LABELS[c] for c in CLASS_LABELS if CLASS_LABELS[c] in table.index],
                          columns=[EFFECT_LABELS[e] for e in EFFECT_LABELS if EFFECT_LABELS[e] in table.columns])
    table.index.name, table.columns.name = "agent class", "effect"
    return table


def drug_class_matrix(review: ReviewData | None = None) -> pd.DataFrame:
    """Distinct copper-linked agents that help each drug, by agent class (drugs with most agents first)."""
    f = findings(review)
    f = f[f["copper_linked"] & f["effect"].isin(HELPING_EFFECTS)]
    table = pd.crosstab(f["drug_label"], f["agent_class"].map(CLASS_LABELS), values=f["agent"],
                        aggfunc="nunique").fillna(0).astype(int)
    table = table.reindex(columns=[CLASS_LABELS[c] for c in CLASS_LABELS if CLASS_LABELS[c] in table.columns])
    table["agents"] = f.groupby("drug_label")["agent"].nunique()
    table["classes"] = f.groupby("drug_label")["agent_class"].nunique()
    table = table.sort_values(["agents", "classes"], ascending=False, kind="stable")
    table.index.name, table.columns.name = "drug", None
    return table


def agent_drug_graph(review: ReviewData | None = None, effects: Sequence[str] = HELPING_EFFECTS,
                     copper_linked_only: bool = True) -> nx.Graph:
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
        g.add_edge(r.agent, r.drug, refs=tuple(sorted(refs | set(r.refs))))
    return g


def errata_for(refs: Iterable[int], review: ReviewData | None = None) -> list[str]:
    """Ids of errata about this chapter's sections that cite any of ``refs``."""
    review = _review(review)
    wanted = set(refs)
    out = []
    for e in review.errata.itertuples():
        if set(e.where) & CHAPTER_SECTIONS and set(e.refs) & wanted:
            out.append(e.id)
    return out


def errata_rows(ids: Sequence[str], review: ReviewData | None = None) -> pd.DataFrame:
    """Selected errata: id, what the issue is and the reading the book follows."""
    review = _review(review)
    e = review.errata.set_index("id").loc[list(ids)]
    return pd.DataFrame({"id": list(ids), "issue": e["issue"].tolist(),
                         "reading the book follows": e["used_in_book"].tolist()})


def drug_handlers(drug: str, review: ReviewData | None = None) -> list[tuple[str, tuple[str, ...], tuple[int, ...]]]:
    """Copper-handling proteins that relations.csv links directly to ``drug``: (label, relations, refs)."""
    review = _review(review)
    rel = review.relations
    rows = rel[(rel["target"] == drug) & rel["source"].map(lambda s: review.entities.loc[s, "kind"] == "protein")]
    out = []
    for source, grp in rows.groupby("source", sort=False):
        out.append((review.label(source), tuple(dict.fromkeys(grp["relation"])), _refs(grp)))
    return out


def drug_handlers_frame(drug: str, review: ReviewData | None = None) -> pd.DataFrame:
    """:func:`drug_handlers` as a small table: protein, relation(s), references as the review prints them."""
    rows = drug_handlers(drug, review)
    return pd.DataFrame({"protein": [r[0] for r in rows], "relation": [", ".join(r[1]) for r in rows],
                         "refs": [format_refs(r[2]) for r in rows]})


def prognostic_lncrnas(review: ReviewData | None = None) -> list[str]:
    """Labels of the six cuproptosis-related lncRNAs of the hepatocellular carcinoma model (ref 116)."""
    review = _review(review)
    ent = review.entities
    model = ent[(ent["kind"] == "ncrna") & ent["refs"].map(lambda r: 116 in r)]
    return model["label"].tolist()


def trials_frame(review: ReviewData | None = None) -> pd.DataFrame:
    """The elesclomol trials (trials.csv) as a readable table, ordered by phase."""
    review = _review(review)
    t = review.trials.sort_values("phase", key=lambda s: s.map({"I": 1, "II": 2, "III": 3}))
    return pd.DataFrame({
        "phase": t["phase"].tolist(), "regimen": t["regimen"].tolist(), "population": t["population"].tolist(),
        "outcome": t["outcome"].tolist(), "ref": [format_refs([r]) for r in t["ref"]],
    })


# --------------------------------------------------------------------------- explorer panels


def _agent_lines(rows: pd.DataFrame) -> str:
    """One list item per agent: class, then cancer (effect) [refs] for each finding."""
    items = []
    for agent, grp in rows.groupby("agent", sort=False):
        first = grp.iloc[0]
        parts = "; ".join(f"{esc(r.cancer_label)} – {esc(r.effect_label)} {esc(r.refs_text)}" for r in grp.itertuples())
        items.append(f"<li><b>{esc(first['agent_label'])}</b> ({esc(first['class_label'])}): {parts}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def findings_errata(rows: pd.DataFrame, review: ReviewData | None = None) -> list[str]:
    """Errata recorded on these findings plus errata of this chapter's sections citing their references."""
    ids = {e for errata in rows["erratum"] for e in errata} | set(errata_for(_refs(rows), review))
    return sorted(ids, key=lambda e: int(e[1:]))


def _errata_line(rows: pd.DataFrame, review: ReviewData | None) -> str:
    ids = findings_errata(rows, review)
    return f"<p><b>Errata to read with these findings:</b> {esc(', '.join(ids))}.</p>" if ids else ""


def _evidence_line(rows: pd.DataFrame, drug_or_agent: str) -> str:
    n_over = int((rows["effect"] == "overcomes_resistance").sum())
    n_sens = int((rows["effect"] == "sensitizes").sum())
    return (f"<p><b>Strength of the claim:</b> {n_over} finding(s) used cells already resistant "
            f"{esc(drug_or_agent)}; {n_sens} only made the drug work better, with no resistant model named. "
            "All are preclinical (cells or animals); the only patient data in the review are the three "
            "elesclomol trials.</p>")


def drug_panel(drug: str, agent_class: str, review: ReviewData | None = None) -> tuple[frozenset[str], str]:
    """Item keys on and panel HTML of the drug explorer for one drug and one class (``all`` = every class)."""
    review = _review(review)
    f = findings(review)
    rows = f[f["drug"] == drug]
    drug_label = review.label(drug)
    if agent_class != "all":
        rows = rows[rows["agent_class"] == agent_class]
        if rows.empty:
            return frozenset(), (f"<p>No finding pairs <b>{esc(drug_label)}</b> with a "
                                 f"{esc(CLASS_LABELS[agent_class])} in the review. Choose “all classes”.</p>")
    helping = rows[rows["copper_linked"] & rows["effect"].isin(HELPING_EFFECTS)]
    other = rows.drop(helping.index)
    parts = [f"<p><b>{esc(drug_label)}</b>: {len(rows)} finding(s) in the long form of Table 2.</p>"]
    if len(helping):
        classes = helping.groupby("agent_class", sort=False)["agent_label"].agg(lambda s: _join(s))
        parts.append(f"<p><b>Copper strategies reported to help ({helping['agent'].nunique()} agent(s)):</b></p>")
        parts.append(_agent_lines(helping))
        parts.append("<p><b>Classes:</b> " + "; ".join(
            f"{esc(CLASS_LABELS[c])}: {esc(a)}" for c, a in classes.items()) + "</p>")
        parts.append(f"<p><b>Cancers:</b> {esc(_join(helping['cancer_label']))}. "
                     f"<b>References:</b> {esc(format_refs(_refs(helping)))}.</p>")
        parts.append(_evidence_line(helping, f"to {drug_label}"))
    else:
        parts.append(f"<p>No copper-linked agent is reported to help {esc(drug_label)}.</p>")
    if len(other):
        parts.append("<p><b>Not linked to copper by the review:</b></p>" + _agent_lines(other))
    trials = review.trials[review.trials["regimen"].str.lower().str.contains(drug_label.lower(), regex=False)]
    if len(trials):
        parts.append(f"<p><b>Clinical trials that gave {esc(drug_label)} with elesclomol:</b> " + "; ".join(
            f"phase {esc(t.phase)} [{t.ref}]: {esc(t.outcome_class.replace('_', ' '))}"
            for t in trials.itertuples()) + ". Only the phase II trial named a drug resistance, and it was "
            "resistance to platinum, not to paclitaxel.</p>")
    handlers = drug_handlers(drug, review)
    if handlers:
        parts.append(f"<p><b>Copper-handling proteins the review ties to {esc(drug_label)}:</b> " + "; ".join(
            f"{esc(lab)} ({esc(', '.join(rel))}) {esc(format_refs(refs))}" for lab, rel, refs in handlers) + "</p>")
    parts.append(_errata_line(rows, review))
    return frozenset(rows["key"]), "".join(parts)


def agent_panel(agent: str, review: ReviewData | None = None) -> tuple[frozenset[str], str]:
    """Item keys on and panel HTML of the agent explorer for one agent."""
    review = _review(review)
    f = findings(review)
    rows = f[f["agent"] == agent]
    first = rows.iloc[0]
    classes = _join(rows["class_label"])
    table2 = "yes" if rows["in_table2"].any() else "no"
    fig4 = _join(g for g in rows["figure4_label"] if g) or "none"
    parts = [f"<p><b>{esc(first['agent_label'])}</b> – {esc(classes)}; {len(rows)} finding(s); "
             f"in Table 2: {table2}; Figure 4 group: {esc(fig4)}.</p>"]
    description = review.entities.loc[agent, "description"]
    if isinstance(description, str) and description:
        parts.append(f"<p><i>{esc(description)}</i></p>")
    items = []
    for drug, grp in rows.groupby("drug", sort=False):
        cancers = "; ".join(f"{esc(r.cancer_label)} – {esc(r.effect_label)} {esc(r.refs_text)}" for r in grp.itertuples())
        items.append(f"<li><b>{esc(grp.iloc[0]['drug_label'])}</b>: {cancers}</li>")
    parts.append("<ul>" + "".join(items) + "</ul>")
    parts.append(f"<p><b>Drugs:</b> {rows['drug'].nunique()}; <b>cancers:</b> {esc(_join(rows['cancer_label']))}; "
                 f"<b>references:</b> {esc(format_refs(_refs(rows)))}.</p>")
    if not first["copper_linked"]:
        parts.append("<p>The review does not connect this RNA to copper or cuproptosis: it illustrates how "
                     "non-coding RNAs drive resistance in general.</p>")
    else:
        parts.append(_evidence_line(rows, "to the drug named"))
    shared = []
    for ref in _refs(rows):
        others = f[(f["agent"] != agent) & f["refs"].map(lambda r, ref=ref: ref in r)]["agent_label"]
        if len(others):
            shared.append(f"ref {ref} is also credited to {_join(others)}")
    if shared:
        parts.append(f"<p><b>Shared references:</b> {esc('; '.join(shared))}.</p>")
    trials = review.trials[review.trials["regimen"].str.lower().str.contains(str(first["agent_label"]).lower(),
                                                                           regex=False)]
    if len(trials):
        parts.append("<p><b>Clinical trials:</b> " + "; ".join(
            f"phase {esc(t.phase)} [{t.ref}]: {esc(t.outcome_class.replace('_', ' '))}"
            for t in trials.itertuples()) + ".</p>")
    parts.append(_errata_line(rows, review))
    return frozenset(rows["key"]), "".join(parts)


# --------------------------------------------------------------------------- explorers


def drug_options(review: ReviewData | None = None) -> tuple[tuple[str, str], ...]:
    """(label, drug id) for every drug of resistance.csv: most findings first, then by label."""
    f = findings(review)
    counts = f.groupby("drug").agg(n=("key", "size"), label=("drug_label", "first"))
    ordered = sorted(counts.itertuples(), key=lambda r: (-r.n, r.label.lower()))
    return tuple((f"{r.label} ({r.n} finding{'s' if r.n > 1 else ''})", r.Index) for r in ordered)


def agent_options(review: ReviewData | None = None) -> tuple[tuple[str, str], ...]:
    """(label, agent id) for every agent of resistance.csv, grouped by class in CLASS_LABELS order."""
    f = findings(review)
    order = list(CLASS_LABELS)
    firsts = f.groupby("agent", sort=False).agg(n=("key", "size"), label=("agent_label", "first"),
                                                 cls=("agent_class", "first"))
    firsts["rank"] = firsts["cls"].map(order.index)
    firsts = firsts.sort_values(["rank", "n"], ascending=[True, False], kind="stable")
    return tuple((f"{r.label} · {CLASS_LABELS[r.cls].split(' (')[0]} ({r.n} finding{'s' if r.n > 1 else ''})", a)
                 for a, r in firsts.iterrows())


def class_options(review: ReviewData | None = None) -> tuple[tuple[str, str], ...]:
    """('all classes', 'all') then every agent class present in resistance.csv."""
    present = set(_review(review).resistance["agent_class"])
    return (("all classes", "all"),) + tuple((CLASS_LABELS[c], c) for c in CLASS_LABELS if c in present)


def drug_to_strategies_explorer(review: ReviewData | None = None, name: str = "drug-strategies",
                                default: str = "cisplatin") -> Explorer:
    """Pick a drug a tumour resists (and a class of agent): which copper strategies help, where, with which refs."""
    review = _review(review)
    f = findings(review)
    controls = [
        Control("drug", "Drug the tumour resists", drug_options(review), default=default),
        Control("agent_class", "Class of agent", class_options(review), default="all"),
    ]

    def state(drug: str, agent_class: str) -> State:
        on, panel = drug_panel(drug, agent_class, review)
        return State(on=on, panel=panel)

    return Explorer(name=name, title="From a drug to the copper strategies reported against resistance to it",
                    controls=controls, view=findings_table_html(name, f), state=state, mode="filter")


def agent_to_drugs_explorer(review: ReviewData | None = None, name: str = "agent-drugs",
                            default: str = "elesclomol") -> Explorer:
    """Pick an agent (chelator, ionophore, nanoparticle, RNA …): which drugs and cancers it is reported for."""
    review = _review(review)
    f = findings(review)
    controls = [Control("agent", "Agent", agent_options(review), default=default)]

    def state(agent: str) -> State:
        on, panel = agent_panel(agent, review)
        return State(on=on, panel=panel)

    return Explorer(name=name, title="From a copper agent (or RNA) to the drugs and cancers it is reported for",
                    controls=controls, view=findings_table_html(name, f), state=state, mode="filter")


def trials_explorer(review: ReviewData | None = None, name: str = "elesclomol-trials",
                    default: str = "100") -> Explorer:
    """The three elesclomol trials: pick one to see its design, population, outcome and why it matters."""
    review = _review(review)
    t = review.trials.sort_values("phase", key=lambda s: s.map({"I": 1, "II": 2, "III": 3}))
    head = "<thead><tr><th>Phase</th><th>Regimen</th><th>Population</th><th>Outcome</th><th>Ref</th></tr></thead>"
    body = "".join(
        f'<tr id="{item_id(name, str(r.ref))}"><td>{esc(r.phase)}</td><td>{esc(r.regimen)}</td>'
        f"<td>{esc(r.population)}</td><td>{esc(r.outcome)}</td><td>[{r.ref}]</td></tr>"
        for r in t.itertuples()
    )
    view = f'<table class="cb-data">{head}<tbody>{body}</tbody></table>'
    options = tuple((f"Phase {r.phase} (ref {r.ref})", str(r.ref)) for r in t.itertuples())
    by_ref = {str(r.ref): r for r in t.itertuples()}
    source = {"text": "the review's text", "reference_title": "the title of the cited paper (not the review's text)",
              "text_and_reference_title": "the review's text and the cited paper's title"}

    def state(trial: str) -> State:
        r = by_ref[trial]
        panel = (
            f"<p><b>Phase {esc(r.phase)} trial [{r.ref}]</b> (phase stated in {esc(source[r.phase_source])}).</p>"
            f"<ul><li><b>Design:</b> {esc(r.regimen)}</li><li><b>Patients:</b> {esc(r.population)}</li>"
            f"<li><b>Outcome:</b> {esc(r.outcome)} ({esc(r.outcome_class.replace('_', ' '))})</li></ul>"
            f"<p><b>Why it matters:</b> {esc(TRIAL_COMMENTARY.get(int(r.ref), ''))}</p>"
            + (f"<p><small>{esc(r.note)}</small></p>" if isinstance(r.note, str) and r.note else "")
        )
        return State(on=frozenset({trial}), panel=panel)

    return Explorer(name=name, title="The elesclomol clinical trials", controls=[Control("trial", "Trial", options,
                    default=default)], view=view, state=state, mode="highlight")
