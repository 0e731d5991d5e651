"""Chapter *Copper and cancer drug resistance* (``chapters/drug_resistance.ipynb``): its explorers.

- :func:`drug_to_strategies_explorer`: pick the drug a tumour resists (and optionally a class of copper
  agent); the long-form table is filtered to its findings and a panel summarises agents, classes,
  cancers, references, the copper-handling proteins the review ties to the drug, and related errata.
- :func:`agent_to_drugs_explorer`: the reverse, pick an agent and see its drugs and cancers.
- :func:`trials_explorer`: the three elesclomol trials, one at a time.

The findings themselves are built in :mod:`cuproptosis_book.review.findings`.
"""

from __future__ import annotations

import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.explorers.base import Control, Explorer, State
from cuproptosis_book.frames import as_int, as_str
from cuproptosis_book.review.findings import (
    CLASS_LABELS,
    HELPING_EFFECTS,
    TRIAL_COMMENTARY,
    drug_handlers,
    finding_refs,
    findings,
    findings_errata,
    join_labels,
)
from cuproptosis_book.text import esc, format_refs, item_id

__all__ = [
    "agent_options",
    "agent_panel",
    "agent_to_drugs_explorer",
    "class_options",
    "drug_options",
    "drug_panel",
    "drug_to_strategies_explorer",
    "findings_table_html",
    "trials_explorer",
]


def findings_table_html(name: str, frame: pd.DataFrame) -> str:
    """The long form as an HTML table whose rows carry explorer item ids (searchable on the site)."""
    head = (
        "<thead><tr><th>Agent</th><th>Class</th><th>Drug</th><th>Cancer</th><th>Effect</th>"
        "<th>Refs</th><th>In Table 2</th><th>Figure 4 group</th><th>Errata</th></tr></thead>"
    )
    rows = []
    for r in frame.itertuples():
        rows.append(
            f'<tr id="{item_id(name, as_str(r.key))}"><td>{esc(r.agent_label)}</td><td>{esc(r.class_label)}</td>'
            f"<td>{esc(r.drug_label)}</td><td>{esc(r.cancer_label)}</td><td>{esc(r.effect_short)}</td>"
            f"<td>{esc(r.refs_text)}</td><td>{'yes' if r.in_table2 else 'no'}</td>"
            f"<td>{esc(r.figure4_label)}</td><td>{esc(r.errata_text)}</td></tr>"
        )
    return f'<div class="cb-table"><table class="cb-data">{head}<tbody>{"".join(rows)}</tbody></table></div>'


def _agent_lines(rows: pd.DataFrame) -> str:
    """One list item per agent: class, then cancer (effect) [refs] for each finding."""
    items = []
    for _agent, grp in rows.groupby("agent", sort=False):
        first = grp.iloc[0]
        parts = "; ".join(f"{esc(r.cancer_label)} – {esc(r.effect_label)} {esc(r.refs_text)}" for r in grp.itertuples())
        items.append(f"<li><b>{esc(first['agent_label'])}</b> ({esc(first['class_label'])}): {parts}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _errata_line(rows: pd.DataFrame, review: ReviewData | None) -> str:
    ids = findings_errata(rows, review)
    return f"<p><b>Errata to read with these findings:</b> {esc(', '.join(ids))}.</p>" if ids else ""


def _evidence_line(rows: pd.DataFrame, drug_or_agent: str) -> str:
    n_over = int((rows["effect"] == "overcomes_resistance").sum())
    n_sens = int((rows["effect"] == "sensitizes").sum())
    return (
        f"<p><b>Strength of the claim:</b> {n_over} finding(s) used cells already resistant "
        f"{esc(drug_or_agent)}; {n_sens} only made the drug work better, with no resistant model named. "
        "All are preclinical (cells or animals); the only patient data in the review are the three "
        "elesclomol trials.</p>"
    )


def drug_panel(drug: str, agent_class: str, *, review: ReviewData | None = None) -> tuple[frozenset[str], str]:
    """Item keys on and panel HTML of the drug explorer for one drug and one class (``all`` = every class)."""
    review = review_of(review)
    f = findings(review)
    rows = f[f["drug"] == drug]
    drug_label = review.label(drug)
    if agent_class != "all":
        rows = rows[rows["agent_class"] == agent_class]
        if rows.empty:
            return frozenset(), (
                f"<p>No finding pairs <b>{esc(drug_label)}</b> with a "
                f"{esc(CLASS_LABELS[agent_class])} in the review. Choose “all classes”.</p>"
            )
    helping = rows[rows["copper_linked"] & rows["effect"].isin(HELPING_EFFECTS)]
    other = rows.drop(helping.index)
    parts = [f"<p><b>{esc(drug_label)}</b>: {len(rows)} finding(s) in the long form of Table 2.</p>"]
    if len(helping):
        classes = helping.groupby("agent_class", sort=False)["agent_label"].agg(join_labels)
        parts.append(f"<p><b>Copper strategies reported to help ({helping['agent'].nunique()} agent(s)):</b></p>")
        parts.append(_agent_lines(helping))
        parts.append(
            "<p><b>Classes:</b> "
            + "; ".join(f"{esc(CLASS_LABELS[as_str(c)])}: {esc(a)}" for c, a in classes.items())
            + "</p>"
        )
        parts.append(
            f"<p><b>Cancers:</b> {esc(join_labels(helping['cancer_label']))}. "
            f"<b>References:</b> {esc(format_refs(finding_refs(helping)))}.</p>"
        )
        parts.append(_evidence_line(helping, f"to {drug_label}"))
    else:
        parts.append(f"<p>No copper-linked agent is reported to help {esc(drug_label)}.</p>")
    if len(other):
        parts.append("<p><b>Not linked to copper by the review:</b></p>" + _agent_lines(other))
    trials = review.trials[review.trials["regimen"].str.lower().str.contains(drug_label.lower(), regex=False)]
    if len(trials):
        parts.append(
            f"<p><b>Clinical trials that gave {esc(drug_label)} with elesclomol:</b> "
            + "; ".join(
                f"phase {esc(t.phase)} [{t.ref}]: {esc(as_str(t.outcome_class).replace('_', ' '))}"
                for t in trials.itertuples()
            )
            + ". Only the phase II trial named a drug resistance, and it was "
            "resistance to platinum, not to paclitaxel.</p>"
        )
    handlers = drug_handlers(drug, review)
    if handlers:
        parts.append(
            f"<p><b>Copper-handling proteins the review ties to {esc(drug_label)}:</b> "
            + "; ".join(f"{esc(lab)} ({esc(', '.join(rel))}) {esc(format_refs(refs))}" for lab, rel, refs in handlers)
            + "</p>"
        )
    parts.append(_errata_line(rows, review))
    return frozenset(rows["key"]), "".join(parts)


def agent_panel(agent: str, *, review: ReviewData | None = None) -> tuple[frozenset[str], str]:
    """Item keys on and panel HTML of the agent explorer for one agent."""
    review = review_of(review)
    f = findings(review)
    rows = f[f["agent"] == agent]
    first = rows.iloc[0]
    classes = join_labels(rows["class_label"])
    table2 = "yes" if rows["in_table2"].any() else "no"
    fig4 = join_labels(g for g in rows["figure4_label"] if g) or "none"
    parts = [
        (
            f"<p><b>{esc(first['agent_label'])}</b> – {esc(classes)}; {len(rows)} finding(s); "
            f"in Table 2: {table2}; Figure 4 group: {esc(fig4)}.</p>"
        )
    ]
    description = review.entities.loc[agent, "description"]
    if isinstance(description, str) and description:
        parts.append(f"<p><i>{esc(description)}</i></p>")
    items = []
    for _drug, grp in rows.groupby("drug", sort=False):
        cancers = "; ".join(
            f"{esc(r.cancer_label)} – {esc(r.effect_label)} {esc(r.refs_text)}" for r in grp.itertuples()
        )
        items.append(f"<li><b>{esc(grp.iloc[0]['drug_label'])}</b>: {cancers}</li>")
    parts.append("<ul>" + "".join(items) + "</ul>")
    parts.append(
        f"<p><b>Drugs:</b> {rows['drug'].nunique()}; <b>cancers:</b> {esc(join_labels(rows['cancer_label']))}; "
        f"<b>references:</b> {esc(format_refs(finding_refs(rows)))}.</p>"
    )
    if not first["copper_linked"]:
        parts.append(
            "<p>The review does not connect this RNA to copper or cuproptosis: it illustrates how "
            "non-coding RNAs drive resistance in general.</p>"
        )
    else:
        parts.append(_evidence_line(rows, "to the drug named"))
    shared = []
    for ref in finding_refs(rows):
        others = f[(f["agent"] != agent) & f["refs"].map(lambda r, ref=ref: ref in r)]["agent_label"]
        if len(others):
            shared.append(f"ref {ref} is also credited to {join_labels(others)}")
    if shared:
        parts.append(f"<p><b>Shared references:</b> {esc('; '.join(shared))}.</p>")
    trials = review.trials[
        review.trials["regimen"].str.lower().str.contains(str(first["agent_label"]).lower(), regex=False)
    ]
    if len(trials):
        parts.append(
            "<p><b>Clinical trials:</b> "
            + "; ".join(
                f"phase {esc(t.phase)} [{t.ref}]: {esc(as_str(t.outcome_class).replace('_', ' '))}"
                for t in trials.itertuples()
            )
            + ".</p>"
        )
    parts.append(_errata_line(rows, review))
    return frozenset(rows["key"]), "".join(parts)


def drug_options(*, review: ReviewData | None = None) -> tuple[tuple[str, str], ...]:
    """(label, drug id) for every drug of resistance.csv: most findings first, then by label."""
    f = findings(review)
    counts = f.groupby("drug").agg(n=("key", "size"), label=("drug_label", "first"))
    rows = [(as_str(r.Index), as_str(r.label), as_int(r.n)) for r in counts.itertuples()]
    ordered = sorted(rows, key=lambda r: (-r[2], r[1].lower()))
    return tuple((f"{label} ({n} finding{'s' if n > 1 else ''})", drug) for drug, label, n in ordered)


def agent_options(*, review: ReviewData | None = None) -> tuple[tuple[str, str], ...]:
    """(label, agent id) for every agent of resistance.csv, grouped by class in CLASS_LABELS order."""
    f = findings(review)
    order = list(CLASS_LABELS)
    firsts = f.groupby("agent", sort=False).agg(
        n=("key", "size"), label=("agent_label", "first"), cls=("agent_class", "first")
    )
    firsts["rank"] = firsts["cls"].map(order.index)
    firsts = firsts.sort_values(["rank", "n"], ascending=[True, False], kind="stable")
    return tuple(
        (f"{r.label} · {CLASS_LABELS[as_str(r.cls)].split(' (')[0]} ({r.n} finding{'s' if r.n > 1 else ''})", as_str(a))
        for a, r in firsts.iterrows()
    )


def class_options(*, review: ReviewData | None = None) -> tuple[tuple[str, str], ...]:
    """('all classes', 'all') then every agent class present in resistance.csv."""
    present = set(review_of(review).resistance["agent_class"])
    return (("all classes", "all"), *tuple((CLASS_LABELS[c], c) for c in CLASS_LABELS if c in present))


def drug_to_strategies_explorer(
    *, name: str = "drug-strategies", default: str = "cisplatin", review: ReviewData | None = None
) -> Explorer:
    """Pick a drug a tumour resists (and a class of agent): which copper strategies help, where, with which refs."""
    review = review_of(review)
    f = findings(review)
    controls = [
        Control("drug", "Drug the tumour resists", drug_options(review=review), default=default),
        Control("agent_class", "Class of agent", class_options(review=review), default="all"),
    ]

    def state(drug: str, agent_class: str) -> State:
        on, panel = drug_panel(drug, agent_class, review=review)
        return State(on=on, panel=panel)

    return Explorer(
        name=name,
        title="From a drug to the copper strategies reported against resistance to it",
        controls=controls,
        view=findings_table_html(name, f),
        state=state,
        mode="filter",
    )


def agent_to_drugs_explorer(
    *, name: str = "agent-drugs", default: str = "elesclomol", review: ReviewData | None = None
) -> Explorer:
    """Pick an agent (chelator, ionophore, nanoparticle, RNA …): which drugs and cancers it is reported for."""
    review = review_of(review)
    f = findings(review)
    controls = [Control("agent", "Agent", agent_options(review=review), default=default)]

    def state(agent: str) -> State:
        on, panel = agent_panel(agent, review=review)
        return State(on=on, panel=panel)

    return Explorer(
        name=name,
        title="From a copper agent (or RNA) to the drugs and cancers it is reported for",
        controls=controls,
        view=findings_table_html(name, f),
        state=state,
        mode="filter",
    )


def trials_explorer(
    *, name: str = "elesclomol-trials", default: str = "100", review: ReviewData | None = None
) -> Explorer:
    """The three elesclomol trials: pick one to see its design, population, outcome and why it matters."""
    review = review_of(review)
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
    source = {
        "text": "the review's text",
        "reference_title": "the title of the cited paper (not the review's text)",
        "text_and_reference_title": "the review's text and the cited paper's title",
    }

    def state(trial: str) -> State:
        r = by_ref[trial]
        panel = (
            f"<p><b>Phase {esc(r.phase)} trial [{r.ref}]</b> (phase stated in {esc(source[as_str(r.phase_source)])}).</p>"
            f"<ul><li><b>Design:</b> {esc(r.regimen)}</li><li><b>Patients:</b> {esc(r.population)}</li>"
            f"<li><b>Outcome:</b> {esc(r.outcome)} ({esc(as_str(r.outcome_class).replace('_', ' '))})</li></ul>"
            f"<p><b>Why it matters:</b> {esc(TRIAL_COMMENTARY.get(as_int(r.ref), ''))}</p>"
            + (f"<p><small>{esc(r.note)}</small></p>" if isinstance(r.note, str) and r.note else "")
        )
        return State(on=frozenset({trial}), panel=panel)

    return Explorer(
        name=name,
        title="The elesclomol clinical trials",
        controls=[Control("trial", "Trial", options, default=default)],
        view=view,
        state=state,
        mode="highlight",
    )
