"""Chapter *Outlook* (``chapters/outlook.ipynb``): its explorers.

:func:`evidence_level_explorer` (the evidence recorded for one agent) and :func:`open_questions_explorer`
(what bears on each open question). The records are built in :mod:`cuproptosis_book.review.evidence`.
"""

from __future__ import annotations

from collections import defaultdict

from cuproptosis_book.chapter_source import chapter_titles
from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.explorers.base import Control, Explorer, State
from cuproptosis_book.frames import as_refs, as_str, as_strs, str_at
from cuproptosis_book.review.evidence import (
    LEVEL_NAMES,
    LEVELS,
    NOT_STATED,
    OPEN_QUESTIONS,
    UNCOUNTED,
    agent_errata_rows,
    evidence_agents,
    evidence_records,
    highest_level,
    open_question_items,
)
from cuproptosis_book.text import esc, format_refs, item_id

__all__ = [
    "evidence_level_explorer",
    "open_questions_explorer",
]


def evidence_level_explorer(
    *, name: str = "ol-evidence", default: str = "elesclomol", review: ReviewData | None = None
) -> Explorer:
    """Pick an agent, and optionally an evidence level: its findings and the curated model of each.

    The level filter reads the ``model`` column of the findings (cell lines, animal model, patients, not
    stated), never the wording of the data. The panel sums up the evidence ladder (cells → animals →
    patients), says plainly how many findings do not state the model, notes agents reported without a
    finding row (Cu-ATSM, Cu-GTSM), and lists the errata about evidence strength that touch the agent.
    """
    review = review_of(review)
    rec = evidence_records(review)
    agents = evidence_agents(review)
    if default not in agents:
        msg = f"{default!r} is not among the outlook's agents"
        raise ValueError(msg)
    rec = rec.assign(key=[f"{a}-{i}" for a, i in zip(rec["agent"], rec.groupby("agent").cumcount() + 1, strict=True)])
    top = highest_level(review)
    top_words = {**LEVEL_NAMES, NOT_STATED: "not stated", "no finding": "no finding row"}
    body = ""
    for agent in agents:
        # one summary row per agent, always shown: the highest level, or why nothing is counted
        summary = (
            UNCOUNTED[agent]
            if agent in UNCOUNTED
            else f"highest evidence level among its findings: {top_words[top[agent]]}"
        )
        body += (
            f'<tr id="{item_id(name, agent + "-summary")}"><td>{esc(review.label(agent))}</td><td>summary</td>'
            f"<td>{esc(summary)}</td><td>{esc(top_words[top[agent]])}</td><td></td><td></td></tr>"
        )
        body += "".join(
            f'<tr id="{item_id(name, as_str(r.key))}"><td>{esc(review.label(as_str(r.agent)))}</td><td>{esc(r.source)}</td>'
            f"<td>{esc(r.statement)}</td><td>{esc(', '.join(LEVEL_NAMES[lv] for lv in as_strs(r.levels)) or 'not stated')}</td>"
            f"<td>{esc(r.evidence)}</td><td>{esc(format_refs(as_refs(r.refs), empty='no reference'))}</td></tr>"
            for r in rec[rec["agent"] == agent].itertuples()
        )
    view = (
        '<div class="cb-table"><p class="cb-caption">Each finding the data record about an agent, with its '
        'curated evidence level (the model column)</p><table class="cb-data"><thead><tr><th>agent</th>'
        "<th>from</th><th>finding</th><th>evidence level</th><th>why (model note)</th><th>refs</th></tr>"
        f"</thead><tbody>{body}</tbody></table></div>"
    )
    panels: dict[str, str] = {}
    for agent in agents:
        mine = rec[rec["agent"] == agent]
        ladder = []
        for lv in LEVELS:
            hits = mine[mine["levels"].map(lambda t, lv=lv: lv in t).astype(bool)]
            refs = sorted({x for r in hits["refs"] for x in r})
            ladder.append(
                f"<li>{esc(LEVEL_NAMES[lv])}: "
                + (
                    f"<strong>{len(hits)}</strong> finding(s) {esc(format_refs(refs, empty='no reference'))}"
                    if len(hits)
                    else "<em>no finding at this level</em>"
                )
                + "</li>"
            )
        silent = int(mine["levels"].map(len).eq(0).sum())
        errata = agent_errata_rows(review, agent, {x for r in mine["refs"] for x in r})
        err_html = "".join(
            f"<li><strong>{esc(e.id)}</strong> ({esc(as_str(e.category).replace('_', ' '))}): {esc(e.issue)}</li>"
            for e in errata.itertuples()
        )
        note = UNCOUNTED.get(agent, "")
        panels[agent] = (
            f"<p><strong>{esc(review.label(agent))}</strong>: {len(mine)} finding(s) in the data.</p>"
            f"<ul>{''.join(ladder)}</ul>"
            f"<p>{silent} of the {len(mine)} finding(s) do not state the model (neither the review's "
            "sentence nor the cited title names it); the book does not guess it.</p>"
            + (f"<p><em>Not counted:</em> {esc(note)}</p>" if note else "")
            + (f"<p>Errata about the strength of this evidence:</p><ul>{err_html}</ul>" if err_html else "")
        )

    def state(agent: str, level: str) -> State:
        mine = rec[rec["agent"] == agent]
        if level == NOT_STATED:
            mine = mine[mine["levels"].map(len).eq(0).astype(bool)]
        elif level != "any":
            mine = mine[mine["levels"].map(lambda t: level in t).astype(bool)]
        return State(on=frozenset([f"{agent}-summary", *mine["key"]]), panel=panels[agent])

    controls = [
        Control("agent", "Agent", tuple((review.label(a), a) for a in agents), default=default),
        Control(
            "level",
            "Evidence level",
            (("any level", "any"), *((LEVEL_NAMES[lv], lv) for lv in LEVELS), ("not stated", NOT_STATED)),
            default="any",
        ),
    ]
    return Explorer(
        name=name,
        title="Pick an agent: cells, animals or patients?",
        controls=controls,
        view=view,
        state=state,
        mode="filter",
    )


def open_questions_explorer(
    *, name: str = "ol-questions", default: str = "translation", review: ReviewData | None = None
) -> Explorer:
    """Pick an open question of the review: the entities, errata, trials and references that bear on it."""
    review = review_of(review)
    by_key = {q.key: q for q in OPEN_QUESTIONS}
    if default not in by_key:
        msg = f"{default!r} is not an open question"
        raise ValueError(msg)
    ents, err = review.entities, review.errata.set_index("id", drop=False)
    trials = review.trials.set_index("ref", drop=False)
    titles = {r.number: r for r in review.references.values() if r.number is not None}
    items: dict[str, tuple[str, str, str, str]] = {}  # key -> (type, item, what, refs)
    for q in OPEN_QUESTIONS:
        for key in open_question_items(q, review):
            kind, _, ident = key.partition("-")
            if key in items:
                continue
            if kind == "entity":
                items[key] = (
                    str_at(ents, ident, "kind").replace("_", " "),
                    str_at(ents, ident, "label"),
                    str_at(ents, ident, "description"),
                    format_refs(as_refs(ents.at[ident, "refs"] or ()), empty="no reference"),
                )
            elif kind == "erratum":
                items[key] = (
                    "erratum",
                    ident,
                    str_at(err, ident, "issue"),
                    format_refs(as_refs(err.at[ident, "refs"] or ()), empty="no reference"),
                )
            elif kind == "trial":
                t = trials.loc[int(ident)]
                items[key] = (
                    "clinical trial",
                    f"phase {t['phase']}",
                    f"{t['regimen']}: {t['outcome']}",
                    format_refs((int(ident),), empty="no reference"),
                )
            else:
                r = titles[int(ident)]
                items[key] = (
                    "reference",
                    f"ref {ident}",
                    f"{r.authors} ({r.year}). {r.title}. {r.journal}",
                    format_refs((int(ident),), empty="no reference"),
                )
    order = {"entity": 0, "erratum": 2, "trial": 1, "ref": 3}
    keys = sorted(items, key=lambda k: (order[k.split("-", 1)[0]], items[k][1].casefold()))
    body = "".join(
        f'<tr id="{item_id(name, k)}"><td>{esc(items[k][0])}</td><td>{esc(items[k][1])}</td><td>{esc(items[k][2])}</td>'
        f"<td>{esc(items[k][3])}</td></tr>"
        for k in keys
    )
    view = (
        '<div class="cb-table"><p class="cb-caption">Entities, trials, errata and references that bear on the '
        'review\'s open questions</p><table class="cb-data"><thead><tr><th>type</th><th>item</th><th>what the '
        f"data say</th><th>refs</th></tr></thead><tbody>{body}</tbody></table></div>"
    )
    states = {}
    chapters = chapter_titles()
    for q in OPEN_QUESTIONS:
        on = open_question_items(q, review)
        counts: defaultdict[str, int] = defaultdict(int)
        for k in on:
            counts[k.split("-", 1)[0]] += 1
        panel = (
            f"<p><strong>{esc(q.title)}</strong></p><p>{esc(q.summary)}</p>"
            f"<p>Chapters: {esc('; '.join(chapters[c] for c in q.chapters))}. "
            f"In the table: {counts['entity']} entities, {counts['trial']} trials, {counts['erratum']} errata, "
            f"{counts['ref']} references.</p>"
        )
        states[q.key] = State(on=frozenset(on), panel=panel)
    control = Control("question", "Open question", tuple((q.title, q.key) for q in OPEN_QUESTIONS), default=default)
    return Explorer(
        name=name,
        title="Pick an open question: what in the review bears on it?",
        controls=[control],
        view=view,
        state=lambda question: states[question],
        mode="filter",
    )
