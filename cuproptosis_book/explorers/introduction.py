"""Chapter *Introduction* (``chapters/introduction.ipynb``): a way into the book for a newcomer.

:func:`where_explorer`: pick a protein, drug, nanoparticle (any entity of the data) and see which chapters,
figures, tables and errata it appears in, with links. Everything is computed from the data's own columns,
never from prose:

- chapters: the ``section`` column of every row that names the entity (entities, relations, Table 1 rows,
  resistance findings), mapped to the book chapter that teaches that part of the review (:data:`SECTION_CHAPTER`);
- figures: the ``figure`` column of the relations that involve it, and ``figure4`` of its resistance findings;
- tables: Table 1 when it has a ``table1_order`` in ``nanoparticles.csv``; Table 2 when a resistance finding
  that names it (as agent or as drug) is ``in_table2``;
- errata: the ``erratum`` column of those same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cuproptosis_book.chapter_source import chapter_titles
from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.explorers.base import Control, Explorer, State
from cuproptosis_book.text import esc, item_id

__all__ = ["SECTION_CHAPTER", "Appearances", "all_appearances", "appearances", "chapter_rows", "where_explorer"]

#: Which chapter of the book teaches each section of the review (the ``section`` vocabulary of the data).
SECTION_CHAPTER: dict[str, str] = {
    "abstract": "introduction",
    "introduction": "introduction",
    "copper_metabolism": "copper_metabolism",
    "figure1": "copper_metabolism",
    "figure2": "copper_metabolism",
    "cuproptosis": "cuproptosis",
    "figure3": "cuproptosis",
    "ionophores": "copper_ionophores",
    "nanoparticles": "nanoparticles",
    "other_agents": "nanoparticles",
    "table1": "nanoparticles",
    "resistance_chelators": "drug_resistance",
    "resistance_ionophores": "drug_resistance",
    "resistance_cuproptosis": "drug_resistance",
    "table2": "drug_resistance",
    "figure4": "drug_resistance",
    "conclusion": "outlook",
}

#: Where each redrawn figure and rebuilt table lives: (chapter page, anchor or "").
FIGURE_PAGES: dict[int, tuple[str, str]] = {
    1: ("copper_metabolism", "fig-copper-uptake"),
    2: ("copper_metabolism", "fig-copper-trafficking"),
    3: ("cuproptosis", "fig-cuproptosis"),
    4: ("drug_resistance", "fig-resistance"),
}
TABLE_PAGES: dict[int, str] = {1: "nanoparticles", 2: "drug_resistance"}


def chapter_rows() -> dict[str, str]:
    """The rows of the explorer's table: the chapters (file stem -> title, in book order, from ``_toc.yml`` and the
    notebooks' H1s) that teach a section, a figure or a table of the review."""
    taught = set(SECTION_CHAPTER.values()) | {page for page, _ in FIGURE_PAGES.values()} | set(TABLE_PAGES.values())
    return {c: title for c, title in chapter_titles().items() if c in taught}


#: Dropdown order and headings of the entity kinds.
KINDS: dict[str, str] = {
    "protein": "Protein",
    "drug": "Drug",
    "nanoparticle": "Nanoparticle",
    "small_molecule": "Small molecule",
    "ncrna": "RNA",
    "ion": "Ion",
    "process": "Process",
    "cancer": "Cancer",
    "compartment": "Place",
}

ERRATA_PAGE = "../reference/errata.html"


@dataclass(frozen=True)
class Appearances:
    """Where one entity appears in the book."""

    chapters: tuple[str, ...]  # chapter stems, in reading order
    figures: tuple[int, ...]
    tables: tuple[int, ...]
    errata: tuple[str, ...]  # erratum ids, sorted


def _names(row_values: Iterable[object]) -> set[str]:
    return {v for v in row_values if isinstance(v, str)}


def all_appearances(*, review: ReviewData | None = None) -> dict[str, Appearances]:
    """Entity id -> where it appears, for every entity of the data (one pass over each table)."""
    review = review_of(review)
    ids = list(review.entities["id"])
    sections: dict[str, set[str]] = {e: set(s) for e, s in zip(ids, review.entities["section"], strict=True)}
    figures: dict[str, set[int]] = {e: set() for e in ids}
    tables: dict[str, set[int]] = {e: set() for e in ids}
    errata: dict[str, set[str]] = {e: set() for e in ids}
    for r in review.relations.to_dict("records"):
        for e in _names((r["source"], r["target"], r["destination"])) & sections.keys():
            sections[e] |= set(r["section"])
            figures[e] |= {int(f) for f in r["figure"]}
            errata[e] |= set(r["erratum"])
    for r in review.nanoparticles.to_dict("records"):
        if r["entity"] in sections:
            sections[r["entity"]] |= set(r["section"])
            errata[r["entity"]] |= set(r["erratum"])
            if r["table1_order"] == r["table1_order"] and r["table1_order"] is not None:  # not NaN / missing
                tables[r["entity"]].add(1)
    for r in review.resistance.to_dict("records"):
        for e in _names((r["agent"], r["drug"], r["cancer"])) & sections.keys():
            sections[e] |= set(r["section"])
            errata[e] |= set(r["erratum"])
            if bool(r["in_table2"]):
                tables[e].add(2)
            if (isinstance(r["figure4"], str) and r["figure4"]) or "figure4" in r["section"]:
                figures[e].add(4)
    out = {}
    for e in ids:
        chapters = {SECTION_CHAPTER[s] for s in sections[e] if s in SECTION_CHAPTER}
        chapters |= {FIGURE_PAGES[f][0] for f in figures[e]} | {TABLE_PAGES[t] for t in tables[e]}
        out[e] = Appearances(
            tuple(c for c in chapter_rows() if c in chapters),
            tuple(sorted(figures[e])),
            tuple(sorted(tables[e])),
            tuple(sorted(errata[e])),
        )
    return out


def appearances(entity: str, *, review: ReviewData | None = None) -> Appearances:
    """Chapters, figures, tables and errata in which ``entity`` appears, from the data's columns."""
    found = all_appearances(review=review)
    if entity not in found:
        msg = f"unknown entity {entity!r}"
        raise KeyError(msg)
    return found[entity]


def _links(items: list[str]) -> str:
    return ", ".join(items) if items else "none"


def _panel(review: ReviewData, entity: str, a: Appearances) -> str:
    row = review.entities.loc[review.entities["id"] == entity].iloc[0]
    titles = chapter_rows()
    chapters = [f'<a href="{c}.html">{esc(titles[c])}</a>' for c in a.chapters]
    figures = [f'<a href="{FIGURE_PAGES[f][0]}.html#{FIGURE_PAGES[f][1]}">Figure {f}</a>' for f in a.figures]
    tables = [f'<a href="{TABLE_PAGES[t]}.html">Table {t}</a>' for t in a.tables]
    errata = [f'<a href="{ERRATA_PAGE}#erratum-{e.lower()}">{esc(e)}</a>' for e in a.errata]
    return (
        f"<p><strong>{esc(row['label'])}</strong> ({esc(KINDS.get(row['kind'], row['kind']).lower())}): "
        f'{esc(row["description"])}</p><ul class="cb-where">'
        f"<li>Chapters: {_links(chapters)}</li><li>Figures of the review: {_links(figures)}</li>"
        f"<li>Tables of the review: {_links(tables)}</li><li>Errata: {_links(errata)}</li></ul>"
    )


def _view(name: str) -> str:
    rows = "".join(
        f'<tr id="{item_id(name, c)}"><td><a href="{c}.html">{esc(t)}</a></td></tr>' for c, t in chapter_rows().items()
    )
    return (
        '<table class="cb-data"><caption>Chapters of the book (those where the entity appears stay bright)'
        f"</caption><thead><tr><th>Chapter</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def where_explorer(*, name: str = "where", default: str = "slc31a1", review: ReviewData | None = None) -> Explorer:
    """Pick an entity: the chapters it appears in stay bright, and the panel links chapters, figures, tables, errata."""
    review = review_of(review)
    ents = review.entities
    found = {e: a for e, a in all_appearances(review=review).items() if a.chapters}
    kind_rank = {k: i for i, k in enumerate(KINDS)}
    kinds = dict(zip(ents["id"], ents["kind"], strict=True))
    order = sorted(found, key=lambda e: (kind_rank.get(kinds[e], 99), review.label(e).lower(), e))
    options = tuple((f"{KINDS.get(kinds[e], kinds[e])}: {review.label(e)}", e) for e in order)
    if default not in found:
        msg = f"{default!r} appears in no chapter"
        raise ValueError(msg)
    states = {e: State(on=frozenset(found[e].chapters), panel=_panel(review, e, found[e])) for e in order}
    return Explorer(
        name,
        "Where does it appear in the book? Pick a protein, drug, nanoparticle or other entity",
        [Control("entity", "Entity", options, default=default)],
        _view(name),
        lambda entity: states[entity],
        mode="highlight",
    )
