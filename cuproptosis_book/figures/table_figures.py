"""Table 1 at a glance (chapter *Nanoparticles*): which effects each particle is reported with, and where.

:func:`table1_at_a_glance` draws one row per particle of Table 1 (in the printed order) and one column per
reported effect, with the tumour types at the right. Effects are grouped by kind; each kind has its own
Okabe-Ito colour *and* marker shape, so the chart reads in greyscale print too.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from cuproptosis_book.data import ReviewData, review_of
from cuproptosis_book.figures.style import FONT, LEGEND_FONT, OKABE_ITO, SMALL_FONT, TEXT_GREY
from cuproptosis_book.review.tables import cancer_name, effect_matrix

#: Kinds of effect, in legend order: (name, colour, marker, effect tags of the nanoparticles schema).
EFFECT_KINDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("cell death", OKABE_ITO["vermillion"], "o", ("cuproptosis", "ferroptosis")),
    ("immune effects", OKABE_ITO["blue"], "s", ("immune_response", "immunogenic_cell_death", "pd_l1_reduction")),
    ("combined therapy", OKABE_ITO["bluish_green"], "^", ("chemodynamic_therapy", "photodynamic_therapy")),
    (
        "tumour growth and spread",
        OKABE_ITO["reddish_purple"],
        "D",
        ("metastasis_suppression", "brain_metastasis", "stemness_inhibition", "tumour_microenvironment"),
    ),
)

TITLE = "Table 1 at a glance: copper nanoparticles, their reported effects and tumour types"


def _kind(tag: str) -> tuple[str, str, str]:
    for name, colour, marker, tags in EFFECT_KINDS:
        if tag in tags:
            return name, colour, marker
    msg = f"effect tag {tag!r} has no kind in EFFECT_KINDS"
    raise ValueError(msg)


def _tag_words(tag: str) -> str:
    return {
        "pd_l1_reduction": "PD-L1\nreduction",
        "tumour_microenvironment": "tumour micro-\nenvironment",
        "immunogenic_cell_death": "immunogenic\ncell death",
        "chemodynamic_therapy": "chemodynamic\ntherapy",
        "photodynamic_therapy": "photodynamic\ntherapy",
        "metastasis_suppression": "metastasis\nsuppression",
        "stemness_inhibition": "stemness\ninhibition",
        "immune_response": "immune\nresponse",
        "brain_metastasis": "brain\nmetastasis",
    }.get(tag, tag.replace("_", " "))


def table1_columns(review: ReviewData | None = None) -> list[str]:
    """Effect tags in the chart's column order: grouped by kind, then in the schema's order."""
    tags = list(effect_matrix(review_of(review)).columns)
    order = [t for _, _, _, kind_tags in EFFECT_KINDS for t in kind_tags]
    return sorted(tags, key=order.index)


def table1_at_a_glance(review: ReviewData | None = None) -> Figure:
    """Particles × reported effects of Table 1 (from ``data/nanoparticles.csv``), tumour types on the right."""
    review = review_of(review)
    matrix = effect_matrix(review)
    nps = review.nanoparticles.sort_values("table1_order")
    labels = [review.label(e) for e in nps["entity"]]
    tumours = [", ".join(cancer_name(review, c) for c in t) for t in nps["tumour_types"]]
    columns = table1_columns(review)
    n_rows, n_cols = len(labels), len(columns)
    fig = Figure(figsize=(11.0, 0.42 * n_rows + 3.2))
    ax = fig.add_axes((0.17, 0.11, 0.5, 0.66))
    for x, tag in enumerate(columns):
        _, colour, marker = _kind(tag)
        for y, present in enumerate(matrix[tag].tolist()):
            if present:
                ax.plot(
                    x,
                    y,
                    marker=marker,
                    markersize=11,
                    color=colour,
                    markeredgecolor="black",
                    markeredgewidth=0.8,
                    linestyle="none",
                )
    ax.set_xlim(-0.6, n_cols - 0.4)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.set_xticks(range(n_cols), [_tag_words(t) for t in columns], rotation=90, fontsize=SMALL_FONT, family=FONT)
    ax.set_yticks(range(n_rows), labels, fontsize=SMALL_FONT + 0.5, family=FONT)
    ax.xaxis.tick_top()
    ax.set_xticks([x + 0.5 for x in range(n_cols - 1)], minor=True)
    ax.set_yticks([y + 0.5 for y in range(n_rows - 1)], minor=True)
    ax.grid(which="minor", color="#d9d9d9", linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    ax.tick_params(which="major", length=0)
    for spine in ax.spines.values():
        spine.set_color("#bdbdbd")
    for y, text in enumerate(tumours):
        ax.annotate(
            text,
            xy=(1.02, 1 - (y + 0.5) / n_rows),
            xycoords="axes fraction",
            va="center",
            ha="left",
            fontsize=SMALL_FONT,
            family=FONT,
            color="black",
        )
    ax.annotate(
        "tumour types (Table 1)",
        xy=(1.02, 1.0),
        xycoords="axes fraction",
        xytext=(0, 4),
        textcoords="offset points",
        va="bottom",
        ha="left",
        fontsize=SMALL_FONT,
        family=FONT,
        color=TEXT_GREY,
        style="italic",
    )
    handles = [
        Line2D(
            [], [], marker=marker, color=colour, markeredgecolor="black", markersize=10, linestyle="none", label=name
        )
        for name, colour, marker, tags in EFFECT_KINDS
        if set(tags) & set(columns)
    ]
    fig.legend(
        handles=handles,
        loc="lower center",
        ncol=len(handles),
        frameon=False,
        fontsize=LEGEND_FONT,
        title="kind of reported effect",
        title_fontsize=LEGEND_FONT,
        bbox_to_anchor=(0.42, 0.0),
    )
    fig.suptitle(TITLE, x=0.02, y=0.995, ha="left", va="top", fontsize=12, family=FONT)
    return fig


def table1_overview_alt(review: ReviewData | None = None) -> str:
    """Alt text for :func:`table1_at_a_glance`, built from the same data."""
    review = review_of(review)
    matrix = effect_matrix(review)
    nps = review.nanoparticles.sort_values("table1_order")
    counts = {tag: int(matrix[tag].sum()) for tag in table1_columns(review)}
    rows = []
    for name, entity, tumour_ids in zip(matrix.index, nps["entity"], nps["tumour_types"], strict=True):
        effects = ", ".join(
            _tag_words(t).replace("-\n", "").replace("\n", " ")
            for t in table1_columns(review)
            if bool(matrix.at[name, t])
        )
        tumours = ", ".join(cancer_name(review, c) for c in tumour_ids)
        rows.append(f"{review.label(entity)} ({tumours}): {effects}")
    common = ", ".join(
        f"{_tag_words(t).replace('-' + chr(10), '').replace(chr(10), ' ')} {n}" for t, n in counts.items()
    )
    return (
        f"Dot chart of the {len(rows)} copper nanoparticles of Table 1 against the effects reported for them. "
        f"Particles with each effect: {common}. Row by row: " + "; ".join(rows) + "."
    )
