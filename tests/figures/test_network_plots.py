"""The knowledge-graph chapter's drawings (figures/network_plots.py): deterministic, labelled, no overlapping labels.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import io
import re

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from review_facts import AGENTS

from cuproptosis_book import data
from cuproptosis_book.figures import network_plots
from cuproptosis_book.review import network


@pytest.fixture(scope="module")
def review() -> data.ReviewData:
    return data.load_all()


# --------------------------------------------------------------------------- agent–drug network


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def _label_boxes(fig: Figure) -> list[tuple[str, object]]:
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    ax = fig.axes[0]
    return [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if not re.fullmatch(r"\d+", t.get_text())]


@pytest.mark.parametrize(
    "draw",
    [network_plots.draw_agent_drug_bipartite, network_plots.draw_agent_projection, network_plots.draw_drug_projection],
    ids=lambda f: f.__name__,
)
def test_drawings_are_deterministic_labelled_and_without_overlapping_labels(draw, review: data.ReviewData) -> None:
    fig = draw(review)
    assert isinstance(fig, Figure)
    assert _png(fig) == _png(draw(review))
    boxes = _label_boxes(fig)
    labels = {text for text, _ in boxes}
    b = network.agent_drug_bipartite(review)
    expected = (
        {b.nodes[n]["label"] for n in b}
        if draw is network_plots.draw_agent_drug_bipartite
        else (
            {b.nodes[n]["label"] for n in AGENTS}
            if draw is network_plots.draw_agent_projection
            else {b.nodes[n]["label"] for n in b if b.nodes[n]["bipartite"] == 1}
        )
    )
    assert expected <= labels
    for i, (t1, b1) in enumerate(boxes):
        for t2, b2 in boxes[i + 1 :]:
            assert not b1.overlaps(b2), f"labels {t1!r} and {t2!r} overlap"
