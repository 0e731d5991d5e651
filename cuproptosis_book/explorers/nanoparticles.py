"""Chapter *Copper nanoparticles* (``chapters/nanoparticles.ipynb``): its explorers and the helpers its cells call.

Explorers: :func:`nanoparticle_filter_explorer` (Table 1 filtered by tumour and effect),
:func:`table1_vs_text_explorer` (where Table 1 and the text differ), :func:`other_agents_explorer`;
:func:`effect_grid` draws the nanoparticle x effect matrix as an HTML grid with text marks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.explorers.base import Control, Explorer, State, html_table
from cuproptosis_book.explorers.copper_ionophores import cancer_list_html, errata_list_html, mechanism_list_html
from cuproptosis_book.frames import as_refs, as_str, as_strs
from cuproptosis_book.review.agents import (
    OTHER_AGENTS,
    agent_cancers,
    agent_errata,
    agent_mechanisms,
    effect_label,
    filter_nanoparticles,
    nanoparticle_errata,
    other_agents_summary,
    target_labels,
    tumour_options,
)
from cuproptosis_book.review.tables import effect_matrix
from cuproptosis_book.text import esc, format_refs

__all__ = [
    "EffectGrid",
    "effect_grid",
    "nanoparticle_filter_explorer",
    "nanoparticle_filter_panel",
    "other_agent_panel",
    "other_agents_explorer",
    "table1_vs_text_explorer",
    "table1_vs_text_panel",
]


def other_agent_panel(agent: str, *, review: ReviewData | None = None) -> str:
    """Panel HTML of one "other" inducer: what it acts on, cancers, mechanisms with flags, errata."""
    review = review_of(review)
    ent = review.entities.loc[agent]
    targets = ", ".join(target_labels(agent, review)) or "no direct target named"
    return (
        f"<p class='cb-panel-title'>{esc(review.label(agent))}</p><p>{esc(ent['description'])}</p>"
        f"<p><strong>Acts on:</strong> {esc(targets)}</p>"
        f"{cancer_list_html(agent_cancers(agent, review), review=review)}"
        f"<p><strong>Mechanisms in the review:</strong></p>{mechanism_list_html(agent_mechanisms(agent, review))}"
        f"{errata_list_html(agent_errata(agent, review), review=review)}"
    )


def other_agents_explorer(
    *, name: str = "other-agents", default: str = "sorafenib", review: ReviewData | None = None
) -> Explorer:
    """Pick one of the other cuproptosis inducers: target, cancer, mechanism, references and flags."""
    review = review_of(review)
    summary = other_agents_summary(review)
    rows = [
        (as_str(a), (r["agent"], r["acts on"] or "–", r["cancers"], r["refs"], r["flags"] or "–"))
        for a, r in summary.iterrows()
    ]
    view = html_table(name, ("Agent", "Acts on", "Cancer", "Ref.", "Flags"), rows)
    panels = {a: other_agent_panel(a, review=review) for a in OTHER_AGENTS}
    control = Control("agent", "Agent", tuple((review.label(a), a) for a in OTHER_AGENTS), default=default)
    return Explorer(
        name=name,
        title="Other agents that induce or strengthen cuproptosis",
        controls=[control],
        view=view,
        state=lambda agent: State(on=frozenset({agent}), panel=panels[agent]),
        mode="highlight",
    )


def _table1_rows(review: ReviewData) -> list[tuple[str, tuple[str, ...]]]:
    nps = review.nanoparticles.sort_values("table1_order")
    rows: list[tuple[str, tuple[str, ...]]] = []
    for r in nps.itertuples(index=False):
        rows.append(
            (
                as_str(r.entity),
                (
                    str(r.table1_order),
                    as_str(r.name_printed),
                    ", ".join(review.label(c) for c in as_strs(r.tumour_types)),
                    as_str(r.effects_printed).removeprefix("“").removesuffix("”"),
                    format_refs(as_refs(r.refs)),
                ),
            )
        )
    return rows


def nanoparticle_filter_panel(tumour: str, effect: str, *, review: ReviewData | None = None) -> str:
    """Panel HTML of the filter: how many rows match, their names, or a message when none does."""
    review = review_of(review)
    hits = filter_nanoparticles(tumour, effect, review)
    total = len(review.nanoparticles)
    t_text = "any tumour type" if tumour == "any" else review.label(tumour)
    e_text = {"any": "any effect", "immune": "any immune effect"}.get(effect, effect_label(effect))
    if not hits:
        return (
            f"<p><strong>No nanoparticle in Table 1</strong> is listed for {esc(t_text)} with "
            f"{esc(e_text)}. Set one of the two controls back to “any” to widen the search.</p>"
        )
    names = ", ".join(review.label(h) for h in hits)
    return (
        f"<p><strong>{len(hits)} of {total}</strong> nanoparticles in Table 1 match {esc(t_text)} and "
        f"{esc(e_text)}: {esc(names)}.</p>"
    )


def nanoparticle_filter_explorer(
    *, name: str = "np-filter", tumour: str = "any", effect: str = "immune", review: ReviewData | None = None
) -> Explorer:
    """Filter Table 1 by tumour type and by effect; rows that do not match are hidden."""
    review = review_of(review)
    view = html_table(
        name,
        ("#", "NPs", "Tumour types", "Effects (as printed)", "Ref."),
        _table1_rows(review),
        caption="Table 1, filtered",
    )
    tumours = (("any tumour type", "any"), *tuple((review.label(c), c) for c in tumour_options(review)))
    tags = list(effect_matrix(review).columns)
    effects = (("any effect", "any"), ("any immune effect", "immune"), *tuple((effect_label(t), t) for t in tags))
    controls = [
        Control("tumour", "Tumour type", tumours, default=tumour),
        Control("effect", "Effect", effects, default=effect),
    ]

    def state(tumour: str, effect: str) -> State:
        return State(
            on=frozenset(filter_nanoparticles(tumour, effect, review)),
            panel=nanoparticle_filter_panel(tumour, effect, review=review),
        )

    return Explorer(
        name=name,
        title="Table 1 filtered by tumour type and effect",
        controls=controls,
        view=view,
        state=state,
        mode="filter",
    )


def _source_of(sections: Sequence[str]) -> str:
    in_table = "table1" in sections
    in_text = any(s in sections for s in ("nanoparticles", "resistance_cuproptosis"))
    if in_table and in_text:
        return "text and Table 1"
    return "Table 1 only" if in_table else "text only"


def table1_vs_text_panel(np_id: str, *, review: ReviewData | None = None) -> str:
    """Panel HTML: the Table 1 row, the statements with their source (text / Table 1), the difference, errata."""
    review = review_of(review)
    r = review.nanoparticles.set_index("entity").loc[np_id]
    types = ", ".join(review.label(c) for c in r["tumour_types"])
    stmts = "".join(
        f"<li>{esc(m.sentence)} {esc(format_refs(m.refs, empty='(uncited)'))} <em>({esc(_source_of(m.sections))})</em></li>"
        for m in agent_mechanisms(np_id, review)
    )
    note = r["note"] or ""
    diff = note.removeprefix("DIFFERS:").strip() if note.startswith("DIFFERS:") else "none recorded"
    return (
        f"<p class='cb-panel-title'>{esc(review.label(np_id))}</p>"
        f"<p><strong>Table 1 prints:</strong> {esc(r['name_printed'])} | {esc(types)} | "
        f"{esc(r['effects_printed'])} | {esc(format_refs(r['refs']))}</p>"
        f"<p><strong>What it is</strong> (our summary): {esc(r['composition'])}</p>"
        f"<p><strong>Statements and where the review makes them:</strong></p><ul>{stmts}</ul>"
        f"<p><strong>Where Table 1 and the text differ:</strong> {esc(diff)}</p>"
        f"{errata_list_html(nanoparticle_errata(np_id, review), review=review)}"
    )


def table1_vs_text_explorer(
    *, name: str = "table1-vs-text", default: str = "cu_ti", review: ReviewData | None = None
) -> Explorer:
    """Pick a nanoparticle: its Table 1 row is highlighted; the panel sets the table beside the text."""
    review = review_of(review)
    rows = [(key, cells[:3] + cells[4:]) for key, cells in _table1_rows(review)]
    view = html_table(name, ("#", "NPs (as printed)", "Tumour types", "Ref."), rows)
    order = review.nanoparticles.sort_values("table1_order")["entity"].tolist()
    panels = {n: table1_vs_text_panel(n, review=review) for n in order}
    control = Control("nanoparticle", "Nanoparticle", tuple((review.label(n), n) for n in order), default=default)
    return Explorer(
        name=name,
        title="Table 1 beside the text: what each source says",
        controls=[control],
        view=view,
        state=lambda nanoparticle: State(on=frozenset({nanoparticle}), panel=panels[nanoparticle]),
        mode="highlight",
    )


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
        head = "".join(
            f'<th scope="col" style="vertical-align:bottom"><span style="{vertical}">'
            f"{esc(self.labels.get(c, c))}</span></th>"
            for c in cols
        )
        body = []
        for np_name, row in self.matrix.iterrows():
            cells = "".join(
                (
                    f'<td style="background:{MARK_FILL};color:#111;text-align:center" '
                    f'title="{esc(np_name)}: {esc(self.labels.get(c, c))}">✓</td>'
                )
                if row[c]
                else '<td style="text-align:center"><span role="img" aria-label="not reported">·</span></td>'
                for c in cols
            )
            body.append(
                f'<tr><th scope="row">{esc(np_name)}</th>{cells}'
                f'<td style="text-align:center">{int(row.sum())}</td></tr>'
            )
        totals = "".join(
            f'<td style="text-align:center"><strong>{int(self.matrix[c].sum())}</strong></td>' for c in cols
        )
        cap = f"<caption>{esc(self.caption)}</caption>" if self.caption else ""
        return (
            f'<div class="cb-effect-grid" style="overflow-x:auto"><table class="cb-data">{cap}'
            f'<thead><tr><th scope="col" style="vertical-align:bottom">Nanoparticle</th>{head}<th scope="col" style="vertical-align:bottom"><span style="{vertical}">effects</span></th></tr></thead>'
            f'<tbody>{"".join(body)}<tr><th scope="row">particles</th>{totals}<td></td></tr></tbody>'
            f"</table></div>"
        )

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return self.matrix.replace({True: "✓", False: "·"}).to_string()


def effect_grid(*, review: ReviewData | None = None) -> EffectGrid:
    """The nanoparticle × effect matrix of Table 1 (``tables.effect_matrix``) as a readable grid."""
    review = review_of(review)
    matrix = effect_matrix(review)
    # rows by the name the text uses (Table 1 drops hyphens, erratum E26; CuP's printed name is a sentence)
    names = dict(zip(review.nanoparticles["name_printed"], review.nanoparticles["entity"], strict=True))
    matrix = matrix.rename(index=lambda n: review.label(names[n]))
    return EffectGrid(
        matrix,
        caption="Effects reported for each nanoparticle in Table 1 (✓ = reported)",
        labels={t: effect_label(t) for t in matrix.columns},
    )
