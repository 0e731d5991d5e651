"""The review's tables rebuilt from ``data/``: Table 1 (nanoparticles) and Table 2 (resistance).

Two views of each table. ``table1_printed()`` and ``table2_printed()`` give the tables as printed: every
cell's text as the journal set it (capitalisation, misprints and abbreviations included), read from the data
columns whose name holds ``printed``. ``table1()`` and ``table2()`` give the book's reading of the same rows:
entity labels, expanded abbreviations, one spelling per name. ``table_differences()`` lists, cell by cell,
where the two views differ. ``table1_ids()`` and ``table2_ids()`` give the content as entity ids and
reference numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.frames import as_opt_str, as_refs, as_str, as_strs
from cuproptosis_book.text import esc, format_refs


def unquote(text: str) -> str:
    """Text printed in the review, without the curly quotes that mark it as a quotation."""
    return text.removeprefix("“").removesuffix("”")


def cancer_name(review: ReviewData, entity_id: str) -> str:
    """How a cancer is written in tables: its label."""
    return str(review.entities.loc[entity_id, "label"])


def table1_ids(review: ReviewData | None = None) -> pd.DataFrame:
    """Table 1 as ids: nanoparticle, tumour-type ids (printed order), effect tags, refs."""
    review = review_of(review)
    nps = review.nanoparticles.sort_values("table1_order")
    return pd.DataFrame(
        {
            "nanoparticle": nps["entity"].tolist(),
            "tumour_types": nps["tumour_types"].tolist(),
            "effect_tags": nps["effect_tags"].tolist(),
            "refs": nps["refs"].tolist(),
        }
    )


#: Column headings of Table 1 and Table 2 as printed (Table 1 prints "effects" in lower case).
TABLE1_HEADER = ("NPs", "Tumor types", "effects", "Ref.")
TABLE2_HEADER = ("Compounds", "Tumor types", "Enhance drug efficacy", "Ref.")
#: Column headings of the book's reading.
TABLE1_READ_HEADER = ("NPs", "Tumor types", "Effects", "Ref.")
TABLE2_READ_HEADER = TABLE2_HEADER


def table1_printed(review: ReviewData | None = None) -> pd.DataFrame:
    """Table 1 as printed: name, tumour types and effects cells exactly as the journal set them."""
    review = review_of(review)
    nps = review.nanoparticles.sort_values("table1_order")
    cells = (
        nps["name_printed"].tolist(),
        nps["tumour_types_printed"].tolist(),
        [unquote(e) for e in nps["effects_printed"]],
        [format_refs(r) for r in nps["refs"]],
    )
    return pd.DataFrame(dict(zip(TABLE1_HEADER, cells, strict=True)), index=pd.RangeIndex(1, len(nps) + 1, name="row"))


def table1(review: ReviewData | None = None) -> pd.DataFrame:
    """The book's reading of Table 1, "Cuproptosis-related NPs for cancer treatment": particles and tumour
    types by their entity labels; the effects cell is not reworded (its tags are in ``effect_tags``)."""
    review = review_of(review)
    nps = review.nanoparticles.sort_values("table1_order")
    return pd.DataFrame(
        {
            "NPs": [review.label(e) for e in nps["entity"]],
            "Tumor types": [", ".join(cancer_name(review, c) for c in t) for t in nps["tumour_types"]],
            "Effects": [unquote(e) for e in nps["effects_printed"]],
            "Ref.": [format_refs(r) for r in nps["refs"]],
        },
        index=pd.RangeIndex(1, len(nps) + 1, name="row"),
    )


def effect_matrix(review: ReviewData | None = None) -> pd.DataFrame:
    """Nanoparticle × effect matrix (True where Table 1 reports the effect)."""
    review = review_of(review)
    nps = review.nanoparticles.sort_values("table1_order")
    tags = [t for t in review_effect_tags(review) if any(t in row for row in nps["effect_tags"])]
    return pd.DataFrame(
        [[t in row for t in tags] for row in nps["effect_tags"]],
        index=pd.Index(nps["name_printed"].tolist(), name="nanoparticle"),
        columns=pd.Index(tags, name="effect"),
    )


def review_effect_tags(review: ReviewData | None = None) -> list[str]:
    """Effect tags in the order the review's schema (its ``datapackage.json``) lists them."""
    schema = review_of(review).schema
    field = next(f for f in schema.resources["nanoparticles"].fields if f.name == "effect_tags")
    return list(field.enum or ())


@dataclass(frozen=True)
class Table2Row:
    agent: str
    cancers: tuple[str, ...]
    drugs: tuple[str, ...]
    refs: tuple[int, ...]


def _ordered(rows: pd.DataFrame, column: str, pos: str) -> tuple[str, ...]:
    placed = rows[rows[pos].notna()].sort_values(pos)
    positions = placed[pos].tolist()
    if positions != list(range(1, len(positions) + 1)):
        msg = f"{pos} of agent {rows['agent'].iloc[0]!r} is not 1..n: {positions}"
        raise ValueError(msg)
    return tuple(placed[column].tolist())


def table2_rows(review: ReviewData | None = None) -> list[Table2Row]:
    """Table 2 rebuilt from the long form: agents in order of first appearance among in_table2 rows."""
    review = review_of(review)
    long = review.resistance[review.resistance["in_table2"]]
    out = []
    for agent in dict.fromkeys(long["agent"]):
        rows = long[long["agent"] == agent]
        refs = tuple(sorted({r for refs in rows["refs"] for r in refs}))
        out.append(
            Table2Row(
                agent, _ordered(rows, "cancer", "table2_cancer_pos"), _ordered(rows, "drug", "table2_drug_pos"), refs
            )
        )
    return out


def table2_ids(review: ReviewData | None = None) -> pd.DataFrame:
    """Table 2 as ids: agent, cancer ids, drug ids (published order), reference numbers."""
    return pd.DataFrame([r.__dict__ for r in table2_rows(review)])


def _printed_item(rows: pd.DataFrame, printed: str, pos: str) -> tuple[str, ...]:
    placed = rows[rows[pos].notna()].sort_values(pos)
    return tuple(str(x) for x in placed[printed])


def table2_printed(review: ReviewData | None = None) -> pd.DataFrame:
    """Table 2 as printed: each cell rebuilt from the printed items of the long form, in printed order."""
    review = review_of(review)
    long = review.resistance[review.resistance["in_table2"]]
    cells: list[tuple[str, str, str, str]] = []
    for row in table2_rows(review):
        rows = long[long["agent"] == row.agent]
        names = set(rows["agent_printed"])
        if len(names) != 1:
            msg = f"agent {row.agent!r} is printed in more than one way: {sorted(names)}"
            raise ValueError(msg)
        cells.append(
            (
                names.pop(),
                ", ".join(_printed_item(rows, "table2_cancer_printed", "table2_cancer_pos")),
                ", ".join(_printed_item(rows, "table2_drug_printed", "table2_drug_pos")),
                format_refs(row.refs),
            )
        )
    return pd.DataFrame(cells, columns=list(TABLE2_HEADER), index=pd.RangeIndex(1, len(cells) + 1, name="row"))


def _difference_kind(printed: str, read: str) -> str:
    if printed.casefold() == read.casefold():
        return "capitalisation"
    squash = str.maketrans("", "", "- ")
    if printed.casefold().translate(squash) == read.casefold().translate(squash):
        return "hyphen or space"
    return "wording or abbreviation"


def table_differences(number: int, review: ReviewData | None = None) -> pd.DataFrame:
    """Every cell (and heading) where the printed table and the book's reading differ, with the kind of change.

    ``row`` is 0 for the heading row; ``item`` is the book's label of the row's particle or compound.
    """
    review = review_of(review)
    if number == 1:
        printed, read = table1_printed(review), table1(review)
    elif number == 2:
        printed, read = table2_printed(review), table2(review)
    else:
        msg = f"the review has Tables 1 and 2, not {number}"
        raise ValueError(msg)
    out = [
        {"row": 0, "item": "(heading)", "column": p, "printed": p, "book's reading": r, "kind": _difference_kind(p, r)}
        for p, r in zip(printed.columns, read.columns, strict=True)
        if p != r
    ]
    for i in printed.index:
        for p_col, r_col in zip(printed.columns, read.columns, strict=True):
            p, r = str(printed.at[i, p_col]), str(read.at[i, r_col])
            if p != r:
                out.append(
                    {
                        "row": int(i),
                        "item": str(read.iat[i - 1, 0]),
                        "column": p_col,
                        "printed": p,
                        "book's reading": r,
                        "kind": _difference_kind(p, r),
                    }
                )
    return pd.DataFrame(out, columns=["row", "item", "column", "printed", "book's reading", "kind"])


def table2(review: ReviewData | None = None) -> pd.DataFrame:
    """The book's reading of Table 2, "Cuproptosis-related compounds for overcoming cancer drug resistance":
    compounds, tumour types and drugs by their entity labels."""
    review = review_of(review)
    label = review.label
    rows = table2_rows(review)
    return pd.DataFrame(
        {
            "Compounds": [label(r.agent) for r in rows],
            "Tumor types": [", ".join(cancer_name(review, c) for c in r.cancers) for r in rows],
            "Enhance drug efficacy": [", ".join(label(d) for d in r.drugs) for r in rows],
            "Ref.": [format_refs(r.refs) for r in rows],
        },
        index=pd.RangeIndex(1, len(rows) + 1, name="row"),
    )


def table2_long_form_extras(review: ReviewData | None = None) -> pd.DataFrame:
    """What the long form says beyond Table 2: pairings, findings the table leaves out, and differences.

    One row per finding whose cancer or drug does not appear in its agent's Table 2 row, or that is not
    in Table 2 at all, or whose note records a difference from the table.
    """
    review = review_of(review)
    long = review.resistance
    table = {r.agent: r for r in table2_rows(review)}
    rows = []
    for rec in long.itertuples(index=False):
        agent, drug, cancer = as_str(rec.agent), as_str(rec.drug), as_str(rec.cancer)
        note = as_opt_str(rec.note)
        t = table.get(agent)
        if not rec.in_table2:
            why = "not in Table 2"
        elif t is not None and drug not in t.drugs:
            why = "drug missing from the Table 2 row"
        elif t is not None and cancer not in t.cancers:
            why = "cancer shown differently in Table 2"
        elif note and note.startswith("DIFFERS:"):
            why = "differs from Table 2"
        else:
            continue
        rows.append(
            {
                "agent": review.label(agent),
                "cancer": cancer_name(review, cancer),
                "drug": review.label(drug),
                "effect": as_str(rec.effect).replace("_", " "),
                "refs": format_refs(as_refs(rec.refs)),
                "why listed": why,
                "note": (note or "").removeprefix("DIFFERS: "),
            }
        )
    return pd.DataFrame(rows)


def drugs_overcome_by(agent: str, review: ReviewData | None = None) -> pd.DataFrame:
    """Findings for one agent: which drugs, in which cancers, with references."""
    review = review_of(review)
    long = review.resistance
    return long[long["agent"] == agent]


def agents_overcoming(drug: str, review: ReviewData | None = None) -> pd.DataFrame:
    """Findings for one drug: which copper strategies, in which cancers, with references."""
    review = review_of(review)
    long = review.resistance
    return long[long["drug"] == drug]


class SearchableTable:
    """A DataFrame shown as an offline searchable, sortable table on the site (``_static/tables.js``)."""

    def __init__(self, frame: pd.DataFrame, caption: str = "", index: bool = False):
        self.frame, self.caption, self.index = frame, caption, index

    def html(self) -> str:
        table = self.frame.to_html(
            index=self.index, escape=True, border=0, classes="cb-data", na_rep="", justify="left"
        )
        cap = f"<p class='cb-caption'>{esc(self.caption)}</p>" if self.caption else ""
        return f"<div class='cb-table'>{cap}{table}</div>"

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return self.frame.to_string(index=self.index)


def searchable(frame: pd.DataFrame, caption: str = "", index: bool = False) -> SearchableTable:
    """Wrap a DataFrame so the site shows a search box and sortable columns."""
    return SearchableTable(frame, caption, index)


def errata_overview(review: ReviewData | None = None) -> pd.DataFrame:
    """One line per erratum: id, category, where in the review, and the reading the book uses."""
    review = review_of(review)
    sections = review.vocabularies["section"]
    e = review.errata
    return pd.DataFrame(
        {
            "id": e["id"],
            "category": e["category"].str.replace("_", " "),
            "where": ["; ".join(sections[w] for w in ws) for ws in e["section"]],
            "issue": e["issue"],
        }
    )


def errata_cards(review: ReviewData | None = None) -> str:
    """The errata as readable cards (one ``<section>`` each), for the errata page."""
    review = review_of(review)
    sections = review.vocabularies["section"]
    cards = []
    for e in review.errata.itertuples(index=False):
        where = "; ".join(sections[w] for w in as_strs(e.section))
        refs = f" · refs {format_refs(as_refs(e.refs))}" if e.refs else ""
        cards.append(
            f'<section class="cb-erratum" id="erratum-{esc(as_str(e.id).lower())}">'
            f"<h3>{esc(e.id)} · {esc(as_str(e.category).replace('_', ' '))}</h3>"
            f'<p class="cb-where">{esc(where)}{esc(refs)}</p>'
            f"<dl><dt>The review says</dt><dd>{esc(e.what_the_review_says)}</dd>"
            f"<dt>The problem</dt><dd>{esc(e.issue)}</dd>"
            f"<dt>Evidence</dt><dd>{esc(e.evidence)}</dd>"
            f"<dt>This book</dt><dd>{esc(e.used_in_book)}</dd></dl></section>"
        )
    return '<div class="cb-errata">' + "".join(cards) + "</div>"
