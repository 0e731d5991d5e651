"""The step-by-step explorer shared by the copper-journey and cuproptosis-cascade explorers: a strip of numbered
badges (SVG) and one panel per step, built from :class:`cuproptosis_book.review.pathways.Step`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.explorers.base import Control, Explorer, State
from cuproptosis_book.review.pathways import Step, StepView, refs_of, step_views
from cuproptosis_book.text import esc, item_id, refs_details_html, relation_sentence

# Okabe-Ito colours (colour-blind safe); every colour is paired with a text label or a line style.
CU2_FILL = "#56B4E9"  # sky blue: Cu2+ (the book figures draw Cu2+ blue)

CU1_FILL = "#E69F00"  # orange: Cu+ (the book figures draw Cu+ orange)

MIXED_FILL = "#F0E442"  # yellow: a step that converts one form into the other

INK = "#1a1a1a"

MUTED = "#4d4d4d"


def _wrap(text: str, width: int, lines: int) -> list[str]:
    out = textwrap.wrap(text, width) or [""]
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def _badge_fill(copper: str) -> str:
    if "→" in copper:
        return MIXED_FILL
    if copper.startswith("Cu²"):
        return CU2_FILL
    if copper.startswith("Cu⁺"):
        return CU1_FILL
    return "#dddddd"


def arrowhead_svg(x: float, y: float, direction: str) -> str:
    """A filled triangle whose tip is at (x, y), pointing right or down (part of its item, so it dims with it)."""
    if direction == "right":
        pts = f"{x},{y} {x - 9},{y - 5} {x - 9},{y + 5}"
    else:
        pts = f"{x},{y} {x - 5},{y - 9} {x + 5},{y - 9}"
    return f'<polygon points="{pts}" fill="{MUTED}"/>'


def strip_svg(name: str, views: Sequence[StepView], caption: str, per_row: int = 4) -> str:
    """An SVG strip of numbered step boxes joined by arrows; box ``k`` and the arrow into it are items.

    Item keys: the step key for its box, ``to-<key>`` for the arrow that leads into it.
    """
    box_w, box_h, gap, row_gap, pad = 176, 112, 24, 44, 12
    rows = (len(views) + per_row - 1) // per_row
    width = pad * 2 + per_row * box_w + (per_row - 1) * gap
    height = pad * 2 + rows * box_h + (rows - 1) * row_gap
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'role="img" aria-label="{esc(caption)}" font-family="sans-serif" fill="{INK}">'
        ),
        f"<title>{esc(caption)}</title>",
    ]

    def pos(i: int) -> tuple[int, int]:
        r, c = divmod(i, per_row)
        return pad + c * (box_w + gap), pad + r * (box_h + row_gap)

    for i, v in enumerate(views):
        x, y = pos(i)
        if i:
            px, py = pos(i - 1)
            if py == y:
                tip, head = (x - 1, y + box_h // 2), arrowhead_svg(x - 1, y + box_h // 2, "right")
                path = f"M{px + box_w},{tip[1]} L{tip[0] - 8},{tip[1]}"
            else:
                mid = py + box_h + row_gap // 2
                head = arrowhead_svg(x + box_w // 2, y - 1, "down")
                path = (
                    f"M{px + box_w // 2},{py + box_h} L{px + box_w // 2},{mid} L{x + box_w // 2},{mid} "
                    f"L{x + box_w // 2},{y - 9}"
                )
            out.append(
                f'<g id="{item_id(name, "to-" + v.key)}"><path d="{path}" fill="none" stroke="{MUTED}" '
                f'stroke-width="2"/>{head}</g>'
            )
        out.append(f'<g id="{item_id(name, v.key)}">')
        out.append(
            f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="8" fill="#f7f7f7" '
            f'stroke="{MUTED}" stroke-width="1.5"/>'
        )
        out.append(f'<text x="{x + 8}" y="{y + 17}" font-size="12" fill="{MUTED}">Step {v.number}</text>')
        if v.copper:
            bw = 14 + 7 * len(v.copper)
            out.append(
                f'<rect x="{x + box_w - bw - 6}" y="{y + 5}" width="{bw}" height="18" rx="9" '
                f'fill="{_badge_fill(v.copper)}" stroke="{INK}" stroke-width="0.5"/>'
            )
            out.append(
                f'<text x="{x + box_w - bw / 2 - 6}" y="{y + 18}" font-size="12" text-anchor="middle">'
                f"{esc(v.copper)}</text>"
            )
        for j, line in enumerate(_wrap(v.title, 22, 2)):
            out.append(f'<text x="{x + 8}" y="{y + 40 + 16 * j}" font-size="14" font-weight="600">{esc(line)}</text>')
        if v.place:
            out.append(
                f'<text x="{x + 8}" y="{y + 80}" font-size="12" font-style="italic" fill="{MUTED}">'
                f"{esc(_wrap(v.place, 26, 1)[0])}</text>"
            )
        out.append(f'<text x="{x + 8}" y="{y + 100}" font-size="12">{esc(_wrap(", ".join(v.actors), 26, 1)[0])}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def step_panel(step: Step, view: StepView, total: int, *, review: ReviewData) -> str:
    """The panel of one step: title, explanation, the supporting relation rows and their references."""
    rows = view.rows
    items = "".join(f"<li>{relation_sentence(review, r, 'html')}</li>" for _, r in rows.iterrows())
    refs = refs_of(rows)
    refs_html = refs_details_html(review, refs) or "<p><small>The review cites no reference for this step.</small></p>"
    return (
        f"<p><b>Step {view.number} of {total}: {esc(step.title)}</b>"
        + (f" <small>({esc(view.place)})</small>" if view.place else "")
        + "</p>"
        f"<p>{esc(step.explanation)}</p><p>What the data say:</p><ul>{items}</ul>{refs_html}"
    )


def stepper_explorer(
    name: str, title: str, steps: Sequence[Step], caption: str, *, review: ReviewData | None = None
) -> Explorer:
    """A stepper over ``steps``: the current step's box and the arrow into it are highlighted."""
    review = review_of(review)
    views = step_views(steps, review)
    panels = {s.key: step_panel(s, v, len(steps), review=review) for s, v in zip(steps, views, strict=True)}
    control = Control("step", "Step", tuple((f"{v.number}. {v.title}", v.key) for v in views), kind="slider")

    first = views[0].key  # the first box has no arrow leading into it

    def state(step: str) -> State:
        return State(on=frozenset({step} if step == first else {step, f"to-{step}"}), panel=panels[step])

    return Explorer(name, title, [control], strip_svg(name, views, caption), state, mode="highlight", stepper=True)
