"""The small text helpers every layer shares: escaping, ids, reference numbers and relation sentences.

One home for each helper, so a change of wording or format happens once:

- :func:`esc`, :func:`slug`, :func:`item_id`: HTML escaping and the element ids explorers switch on;
- :func:`format_refs` (and its two HTML forms): reference numbers as the review prints them;
- :func:`cap`: capitalising a sentence (MyST as plain text is :func:`cuproptosis_book.chapter_source.plain`);
- :func:`relation_sentence`: one relation of ``relations.csv`` as a sentence, in three styles.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import pandas as pd

from .data import ReviewData

#: Relations that move a cargo from ``compartment`` to ``destination``.
MOVEMENT = ("transports", "exports", "delivers")
#: Redox relations and the copper ion each one produces (see the relation vocabulary).
REDOX_PRODUCT = {"reduces": "cu_i", "oxidizes": "cu_ii"}

# --------------------------------------------------------------------------- escaping and ids


def esc(text: object) -> str:
    """HTML-escape any data text before it goes into a panel or a table."""
    return html_lib.escape(str(text), quote=True)


_SLUG = re.compile(r"[^a-z0-9_-]+")


def slug(text: str) -> str:
    """A string safe inside an HTML id."""
    # single dashes only: "--" separates an item key from the part of the item (see item_id)
    return re.sub("-{2,}", "-", _SLUG.sub("-", text.lower())).strip("-") or "x"


def item_id(explorer: str, key: str, part: str = "") -> str:
    """The element id that marks item ``key`` of explorer ``explorer`` in the shared view.

    ``part`` tells apart several elements of one item (a node's shape and its label): they all follow
    the item's state.
    """
    return f"cbx-{slug(explorer)}-k-{slug(key)}" + (f"--{slug(part)}" if part else "")


# --------------------------------------------------------------------------- reference numbers


def format_refs(refs: Iterable[int], empty: str | None = None) -> str:
    """Reference numbers as the review prints them: ``[95-99,108,109]``.

    ``empty`` is what to write when there is no reference (default: ``[]``).
    """
    numbers = sorted(set(refs))
    if not numbers and empty is not None:
        return empty
    parts: list[str] = []
    i = 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{numbers[i]}-{numbers[j]}")
        else:
            parts.extend(str(n) for n in numbers[i : j + 1])
        i = j + 1
    return "[" + ",".join(parts) + "]"


def _ref_line(review: ReviewData, number: int) -> str:
    ref = review.references.get(review.ref_key(number))
    if ref is None:
        return f"[{number}]"
    authors = ref.authors.split(",")[0].strip()
    more = " et al." if "," in ref.authors else ""
    return f"[{number}] {esc(authors)}{more} ({esc(ref.year)}). {esc(ref.title)}. <i>{esc(ref.journal)}</i>"


def refs_details_html(review: ReviewData, refs: Sequence[int]) -> str:
    """A folded list of the references behind a statement, numbered as in the review ("" when none)."""
    if not refs:
        return ""
    items = "".join(f"<li>{_ref_line(review, n)}</li>" for n in refs)
    return f'<details><summary>References {esc(format_refs(refs))}</summary><ul class="cb-refs">{items}</ul></details>'


def refs_paragraph_html(refs: Iterable[int]) -> str:
    """A paragraph naming the reference numbers of an entry, or saying that the review cites none."""
    numbers = sorted(set(refs))
    if not numbers:
        return '<p class="cb-refs">The review cites no reference for this entry.</p>'
    return '<p class="cb-refs">References (numbered as in the review): ' + " ".join(f"[{n}]" for n in numbers) + "</p>"


# --------------------------------------------------------------------------- prose


def cap(text: str) -> str:
    """``text`` with its first letter capitalised (when it is a lower-case letter)."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


SentenceStyle = Literal["plain", "figure", "html"]


def relation_sentence(review: ReviewData, row: Any, style: SentenceStyle = "plain", refs: bool = True) -> str:
    """One relation (a row of ``relations.csv`` or a :class:`~cuproptosis_book.review.graph.RelationRow`) as a sentence.

    - ``plain``: a short sentence in everyday words, no references (chapter tables, quiz feedback);
    - ``figure``: the vocabulary verb with place and, if ``refs``, reference numbers (figure alt text, figure panels);
    - ``html``: an HTML sentence with the evidence, references, errata and note (stepper panels).
    """
    if style == "plain":
        return _plain_sentence(review, row)
    if style == "figure":
        return _figure_sentence(review, row, refs)
    return _html_sentence(review, row)


_MOVEMENT = set(MOVEMENT)


def _plain_sentence(review: ReviewData, row: Any) -> str:
    """One relation of ``relations.csv`` as a short plain sentence (no references)."""
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
    return cap(text)


def place_phrase(review: ReviewData, compartment: str | None) -> str:
    """``the cytosol``: a compartment as a sentence names it."""
    if compartment is None:
        return ""
    if compartment in review.entities.index:
        return "the " + review.label(compartment)
    return compartment


#: Relations whose vocabulary term does not read as a plain verb.
VERB_PHRASES = {"part_of": "{s} is part of {t}", "aggregates": "{s} makes {t} aggregate"}


def _figure_sentence(review: ReviewData, row: Any, refs: bool = True) -> str:
    """A relation as a short sentence, e.g. ``STEAP reduces Cu²⁺ to Cu⁺ in the extracellular space [8,21-23]``."""
    label = review.label
    src, tgt = label(row.source), label(row.target)
    where = place_phrase(review, row.compartment)
    if row.relation in MOVEMENT:
        text = f"{src} {row.relation} {tgt}"
        if where:
            text += f" from {where}"
        if row.destination is not None:
            dest = review.entities.loc[row.destination]
            text += (
                (" into " + place_phrase(review, row.destination))
                if dest["kind"] == "compartment"
                else f" to {label(row.destination)}"
            )
    elif row.relation in REDOX_PRODUCT:
        text = f"{src} {row.relation} {tgt} to {label(REDOX_PRODUCT[row.relation])}"
        text += f" in {where}" if where else ""
    else:
        text = VERB_PHRASES.get(row.relation, "{s} " + row.relation + " {t}").format(s=src, t=tgt)
        text += f" in {where}" if where else ""
    if refs and row.refs:
        text += " " + format_refs(row.refs)
    return text


EVIDENCE_SOURCES = {"caption": "figure legend", "text": "main text"}


def _html_sentence(review: ReviewData, row: Any) -> str:
    """One relation row as an HTML sentence: who does what to whom, where, on what evidence."""
    label = review.label
    verb = row["relation"].replace("_", " ")
    text = f"<b>{esc(label(row['source']))}</b> {esc(verb)} <b>{esc(label(row['target']))}</b>"
    where = []
    if isinstance(row["compartment"], str):
        where.append(
            f"from {label(row['compartment'])}"
            if isinstance(row["destination"], str)
            else f"in {label(row['compartment'])}"
        )
    if isinstance(row["destination"], str):
        where.append(f"to {label(row['destination'])}")
    if where:
        text += " (" + esc(" ".join(where)) + ")"
    source = EVIDENCE_SOURCES.get(row["evidence"], row["evidence"])
    if row["figure"]:
        source += ", Figure " + "/".join(str(f) for f in row["figure"])
    refs = format_refs(row["refs"]) if row["refs"] else "no reference given"
    text += f" <span class='cb-src'>— {esc(source)}; {esc(refs)}</span>"
    if row["erratum"]:
        text += f" <span class='cb-flag'>⚠ erratum {esc(', '.join(row['erratum']))}</span>"
    if isinstance(row["note"], str) and row["note"]:
        text += f"<br><small>{esc(row['note'])}</small>"
    return text
