"""Chapter *Copper ionophores* (``chapters/copper_ionophores.ipynb``): its explorers and the helpers its cells call.

Explorers: :func:`ionophore_explorer` (one ionophore: mechanisms, cancers, resistance findings, trials, errata) and
:func:`copper_class_explorer` (ionophore or chelator: which class the review puts a compound in). The model
(mechanisms, cancers, summaries) is :mod:`cuproptosis_book.review.agents`.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.explorers.base import Control, Explorer, State, html_table
from cuproptosis_book.frames import as_refs, as_str, str_at
from cuproptosis_book.review.agents import (
    COPPER_CLASS_COMPOUNDS,
    IONOPHORES,
    Mechanism,
    agent_cancers,
    agent_errata,
    agent_mechanisms,
    agent_refs,
    agent_resistance,
    agent_trials,
    copper_classes,
    ionophore_summary,
)
from cuproptosis_book.text import esc, format_refs, item_id

__all__ = [
    "copper_class_explorer",
    "copper_class_panel",
    "ionophore_explorer",
    "ionophore_panel",
]


def mechanism_list_html(mechs: Sequence[Mechanism]) -> str:
    items = []
    for m in mechs:
        flag = ""
        if m.flag == "disputed":
            note = m.note.removeprefix("DISPUTED:").strip()
            flag = f' <strong>[disputed]</strong> <span class="cb-note">{esc(note)}</span>'
        elif m.flag == "earlier view":
            flag = " <strong>[earlier view, later replaced]</strong>"
        lead = "↳ next step: " if m.next_step else ""
        items.append(f"<li>{esc(lead)}{esc(m.sentence)} {esc(format_refs(m.refs, empty='(uncited)'))}{flag}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def errata_list_html(ids: Sequence[str], *, review: ReviewData) -> str:
    if not ids:
        return "<p><strong>Errata:</strong> none names this agent.</p>"
    er = review.errata.set_index("id")
    items = "".join(
        f"<details><summary><strong>{esc(i)}</strong>: {esc(str_at(er, i, 'category').replace('_', ' '))}"
        f"</summary><p>{esc(er.loc[i, 'issue'])}</p><p><em>The book reads:</em> "
        f"{esc(er.loc[i, 'used_in_book'])}</p></details>"
        for i in ids
    )
    return (
        f"<p><strong>Errata that name it</strong> ({len(ids)}; open one to read it, or see the errata page):</p>{items}"
    )


def cancer_list_html(cancers: dict[str, tuple[int, ...]], *, review: ReviewData) -> str:
    if not cancers:
        return "<p><strong>Cancers named with its mechanisms:</strong> none.</p>"
    items = ", ".join(f"{esc(review.label(c))} {esc(format_refs(r))}" for c, r in cancers.items())
    return f"<p><strong>Cancers named with its mechanisms:</strong> {items}</p>"


def _resistance_list(rows: pd.DataFrame, review: ReviewData) -> str:
    if rows.empty:
        return ""
    items = "".join(
        f"<li>{esc(review.label(as_str(r.cancer)))}: {esc(review.label(as_str(r.drug)))}, "
        f"{esc(as_str(r.effect).replace('_', ' '))} {esc(format_refs(as_refs(r.refs)))}</li>"
        for r in rows.itertuples(index=False)
    )
    return f"<p><strong>Drug-resistance findings</strong> (the resistance chapter discusses them):</p><ul>{items}</ul>"


def _trial_list(rows: pd.DataFrame) -> str:
    if rows.empty:
        return ""
    items = "".join(
        f"<li>phase {esc(r.phase)}, {esc(r.regimen)}: {esc(r.outcome)} [{esc(r.ref)}]</li>"
        for r in rows.itertuples(index=False)
    )
    return f"<p><strong>Clinical trials (patients):</strong></p><ul>{items}</ul>"


def ionophore_panel(agent: str, *, review: ReviewData | None = None) -> str:
    """Panel HTML of one ionophore: what it is, mechanisms, cancers, resistance findings, trials, errata."""
    review = review_of(review)
    ent = review.entities.loc[agent]
    name = review.label(agent)
    if isinstance(ent["full_name"], str) and ent["full_name"] and ent["full_name"] != name:
        name += f" ({ent['full_name']})"
    return (
        f"<p class='cb-panel-title'>{esc(name)}</p><p>{esc(ent['description'])}</p>"
        f"<p><strong>Mechanisms in the review</strong> (relations.csv):</p>"
        f"{mechanism_list_html(agent_mechanisms(agent, review))}"
        f"{cancer_list_html(agent_cancers(agent, review), review=review)}"
        f"{_resistance_list(agent_resistance(agent, review), review)}"
        f"{_trial_list(agent_trials(agent, review))}"
        f"{errata_list_html(agent_errata(agent, review), review=review)}"
        f"<p><strong>All references:</strong> {esc(format_refs(agent_refs(agent, review)))}</p>"
    )


def ionophore_explorer(
    *, name: str = "ionophores", default: str = "elesclomol", review: ReviewData | None = None
) -> Explorer:
    """Pick a copper ionophore: its row is highlighted and the panel lists mechanisms, cancers and references."""
    review = review_of(review)
    summary = ionophore_summary(review)
    rows = [
        (
            as_str(a),
            (
                r["ionophore"],
                r["copper complex"] or "–",
                str(r["mechanisms"]),
                r["cancers (mechanisms)"] or "–",
                r["refs"],
            ),
        )
        for a, r in summary.iterrows()
    ]
    view = html_table(
        name,
        ("Ionophore", "Copper complex in the data", "Relations", "Cancers named with its mechanisms", "References"),
        rows,
    )
    panels = {a: ionophore_panel(a, review=review) for a in IONOPHORES}
    control = Control("ionophore", "Ionophore", tuple((review.label(a), a) for a in IONOPHORES), default=default)
    return Explorer(
        name=name,
        title="Copper ionophores: mechanisms, cancers and references",
        controls=[control],
        view=view,
        state=lambda ionophore: State(on=frozenset({ionophore}), panel=panels[ionophore]),
        mode="highlight",
    )


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
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label="Compounds the review calls copper ionophores (left) or copper chelators (right)" '
            f'font-family="sans-serif" font-size="14">'
        )
    ]
    for cls, x in _COLUMN_X.items():
        title, sub, arrow = heads[cls]
        parts.append(
            f'<rect x="{x}" y="8" width="280" height="{height - 16}" rx="10" fill="none" '
            f'stroke="currentColor" stroke-dasharray="{"0" if cls == "copper_ionophores" else "6 4"}"/>'
        )
        parts.append(
            f'<text x="{x + 140}" y="34" text-anchor="middle" font-weight="700" fill="currentColor">{esc(title)}</text>'
        )
        parts.append(f'<text x="{x + 140}" y="56" text-anchor="middle" fill="currentColor">{esc(sub)}</text>')
        parts.append(f'<text x="{x + 140}" y="86" text-anchor="middle" fill="currentColor">{esc(arrow)}</text>')
        for i, c in enumerate(placed[cls]):
            y = top + i * (box_h + gap)
            gid = item_id(name, c, "ion" if cls == "copper_ionophores" else "chel")
            parts.append(
                f'<g id="{gid}"><rect x="{x + 30}" y="{y}" width="220" height="{box_h}" rx="6" '
                f'fill="#fff" stroke="currentColor"/><text x="{x + 140}" y="{y + 20}" text-anchor="middle" '
                f'fill="#111">{esc(review.label(c))}</text></g>'
            )
    parts.append("</svg>")
    return "".join(parts)


def copper_class_panel(compound: str, *, review: ReviewData | None = None) -> str:
    """Panel HTML: the class(es) the review gives a compound, with references, and what that implies."""
    review = review_of(review)
    classes = copper_classes(compound, review)
    label = review.label(compound)
    lines = []
    for cls, refs in classes.items():
        lines.append(
            f"<li>The review counts {esc(label)} among the <strong>{esc(review.label(cls))}</strong> "
            f"{esc(format_refs(refs, empty='(uncited)'))}.</li>"
        )
    both = len(classes) == 2
    if both:
        verdict = (
            "<p><strong>Both at once?</strong> An ionophore raises copper inside cells, a chelator lowers "
            "the copper cells can use: the two labels predict opposite effects on copper, so they cannot both "
            "describe the same action. The book follows each cited source and says the review uses both.</p>"
        )
    elif "copper_ionophores" in classes:
        verdict = (
            "<p>As an ionophore it should <strong>raise</strong> copper in the cell, the route to "
            "copper overload and cuproptosis.</p>"
        )
    else:
        verdict = (
            "<p>As a chelator it should <strong>lower</strong> the copper available to the cell; the review "
            "uses chelators to restore drug sensitivity, not to cause cuproptosis.</p>"
        )
    disputed = [
        m.note.removeprefix("DISPUTED:").strip()
        for m in agent_mechanisms(compound, review)
        if m.flag == "disputed" and "chelator" in m.note
    ]
    notes = f"<p class='cb-note'><em>Data note:</em> {esc(disputed[0])}</p>" if disputed else ""
    return (
        f"<p class='cb-panel-title'>{esc(label)}</p><ul>{''.join(lines)}</ul>{verdict}{notes}"
        f"{errata_list_html(agent_errata(compound, review), review=review)}"
    )


def copper_class_explorer(
    *, name: str = "copper-class", default: str = "curcumin", review: ReviewData | None = None
) -> Explorer:
    """Ionophore or chelator? Pick a compound: its box lights up in the column(s) the review puts it in."""
    review = review_of(review)
    view = _class_svg(name, review)
    panels = {c: copper_class_panel(c, review=review) for c in COPPER_CLASS_COMPOUNDS}
    control = Control(
        "compound", "Compound", tuple((review.label(c), c) for c in COPPER_CLASS_COMPOUNDS), default=default
    )
    return Explorer(
        name=name,
        title="Ionophore or chelator? Where the review files each compound",
        controls=[control],
        view=view,
        state=lambda compound: State(on=frozenset({compound}), panel=panels[compound]),
        mode="highlight",
    )
