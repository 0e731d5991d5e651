"""The review's four figures redrawn from the data, and the network drawings of the knowledge-graph chapter.

One function per figure of the review: :func:`figure1_copper_uptake`, :func:`figure2_copper_trafficking`,
:func:`figure3_cuproptosis`, :func:`figure4_resistance` (drawn in :mod:`.review_figures`); Table 1 at a glance,
:func:`table1_at_a_glance` (in :mod:`.table_figures`).
"""

from __future__ import annotations

from cuproptosis_book.figures.export import export_all, figure_png, figure_svg, show_compact_png
from cuproptosis_book.figures.network_plots import (
    draw_agent_drug_bipartite,
    draw_agent_projection,
    draw_drug_projection,
)
from cuproptosis_book.figures.review_figures import (
    CAPTIONS,
    FIGURES,
    alt_text,
    caption,
    figure1,
    figure1_copper_uptake,
    figure2,
    figure2_copper_trafficking,
    figure3,
    figure3_cuproptosis,
    figure4,
    figure4_resistance,
    highlight_nodes,
    highlight_set,
)
from cuproptosis_book.figures.style import OKABE_ITO
from cuproptosis_book.figures.table_figures import table1_at_a_glance, table1_overview_alt

__all__ = [
    "CAPTIONS",
    "FIGURES",
    "OKABE_ITO",
    "alt_text",
    "caption",
    "draw_agent_drug_bipartite",
    "draw_agent_projection",
    "draw_drug_projection",
    "export_all",
    "figure1",
    "figure1_copper_uptake",
    "figure2",
    "figure2_copper_trafficking",
    "figure3",
    "figure3_cuproptosis",
    "figure4",
    "figure4_resistance",
    "figure_png",
    "figure_svg",
    "highlight_nodes",
    "highlight_set",
    "show_compact_png",
    "table1_at_a_glance",
    "table1_overview_alt",
]
