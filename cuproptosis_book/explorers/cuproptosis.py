"""Chapter *Cuproptosis* (``chapters/cuproptosis.ipynb``): its explorers and the helpers its cells call.

- :func:`figure_explorer` for Figure 3 (from :mod:`.figure_explorers`);
- :func:`cuproptosis_cascade_explorer` steps through the cuproptosis cascade;
- :func:`cuproptosis_roles_explorer` filters the cell's own factors by their role in cuproptosis.
"""

from __future__ import annotations

import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.explorers.base import Control, Explorer, State
from cuproptosis_book.explorers.stepper import stepper_explorer
from cuproptosis_book.frames import as_str
from cuproptosis_book.review.pathways import cascade_steps
from cuproptosis_book.review.roles import BASES, ROLES, cuproptosis_roles
from cuproptosis_book.text import esc, format_refs, item_id

__all__ = [
    "cuproptosis_cascade_explorer",
    "cuproptosis_roles_explorer",
    "roles_table_html",
]


def cuproptosis_cascade_explorer(*, name: str = "cuproptosis-cascade", review: ReviewData | None = None) -> Explorer:
    """Step through the cuproptosis cascade, from copper entry to cell death."""
    return stepper_explorer(
        name,
        "The cuproptosis cascade, stage by stage",
        cascade_steps(),
        "Eight stages of cuproptosis, from copper entry through FDX1, DLAT lipoylation and "
        "aggregation, and Fe-S protein loss, to cell death",
        review=review,
    )


def roles_table_html(name: str, roles: pd.DataFrame) -> str:
    """The roles table with one ``<tr>`` item per factor (for a filter explorer)."""
    head = "".join(f"<th>{h}</th>" for h in ("Factor", "Role", "Basis", "Why", "Refs", "Caveat"))
    body = []
    for eid, r in roles.iterrows():
        body.append(
            f'<tr id="{item_id(name, as_str(eid))}"><td><b>{esc(r["factor"])}</b></td>'
            f"<td>{esc(' / '.join(ROLES[x] for x in r['role'].split('/')))}</td>"
            f"<td>{esc('; '.join(BASES[b] for b in r['bases']))}</td><td>{esc(r['why'])}</td>"
            f"<td>{esc(format_refs(r['refs']) if r['refs'] else 'none given')}</td><td>{esc(r['caveat'])}</td></tr>"
        )
    return f'<table class="cb-data"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def cuproptosis_roles_explorer(
    *, name: str = "cuproptosis-roles", default_role: str = "promotes", review: ReviewData | None = None
) -> Explorer:
    """Filter the cell's own cuproptosis factors by role (promotes / protects / lost) and by basis."""
    review = review_of(review)
    roles = cuproptosis_roles(review)
    role_opts = (("All roles", "all"), *tuple((label.capitalize(), key) for key, label in ROLES.items()))
    basis_opts = (("Any basis", "any"), *tuple((label.capitalize(), key) for key, label in BASES.items()))
    rules = {
        "stated": "a relation in the data says the factor induces, promotes or inhibits cuproptosis.",
        "figure3": "the factor acts in (or is the target of) a step that Figure 3 draws.",
        "inferred": "the book's own reasoning from the data: the factor lowers free copper, or an agent that "
        "blocks it induces cuproptosis. The review does not say this in so many words.",
        "any": "any of the three bases.",
    }

    def state(role: str, basis: str) -> State:
        keep = [
            as_str(eid)
            for eid, r in roles.iterrows()
            if (role == "all" or role in r["role"].split("/")) and (basis == "any" or basis in r["bases"])
        ]
        if keep:
            listed = ", ".join(review.label(e) for e in keep)
            panel = f"<p>{len(keep)} factor{'s' if len(keep) != 1 else ''}: {esc(listed)}.</p>"
        else:
            panel = "<p>No factor matches this combination; try “Any basis”.</p>"
        panel += f"<p><small>Basis: {esc(rules[basis])}</small></p>"
        return State(on=frozenset(keep), panel=panel)

    return Explorer(
        name,
        "Which of the cell's own factors promote or oppose cuproptosis?",
        [
            Control("role", "Role", role_opts, default=default_role),
            Control("basis", "Basis", basis_opts, default="any"),
        ],
        roles_table_html(name, roles),
        state,
        mode="filter",
    )
