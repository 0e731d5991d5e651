"""The introduction's explorer: where an entity appears in the book (chapters, figures, tables, errata).

Expected values are typed by hand from the review and data/*.csv, not computed by the code under test:
- ZnT1 (slc30a1) is only in the copper-metabolism section and the Figure 1 legend (the Figure 2 legend names no
  Cu²⁺ transporter); erratum E03 is the legend-versus-text dispute about it.
- ES@CuO (es_cuo) is row 1 of Table 1 (nanoparticles chapter) and is drawn in no figure.
- Cisplatin is in Table 2 and in Figure 4 (drug resistance); erratum E24 (curcumin called chelator and
  ionophore) is recorded on the curcumin-cisplatin row.
- Elesclomol is in Figure 3 (its FDX1 step) and Figure 4, in Table 2, and in the ionophore chapter.
"""

from __future__ import annotations

import pytest

from cuproptosis_book.data import ReviewData, load_all
from cuproptosis_book.explorers import introduction


@pytest.fixture(scope="module")
def review() -> ReviewData:
    return load_all()


def test_znt1_appears_in_copper_metabolism_figure_1_and_erratum_e03(review: ReviewData) -> None:
    a = introduction.appearances("slc30a1", review=review)
    assert a.chapters == ("copper_metabolism",)
    assert a.figures == (1,)
    assert a.tables == ()
    assert a.errata == ("E03",)


def test_a_table1_nanoparticle_is_in_table_1_only(review: ReviewData) -> None:
    a = introduction.appearances("es_cuo", review=review)
    assert a.chapters == ("nanoparticles",)
    assert a.tables == (1,)
    assert a.figures == ()


def test_cisplatin_is_in_table_2_figure_4_and_erratum_e24(review: ReviewData) -> None:
    a = introduction.appearances("cisplatin", review=review)
    assert "drug_resistance" in a.chapters
    assert "copper_metabolism" in a.chapters
    assert a.tables == (2,)
    assert a.figures == (4,)
    assert "E24" in a.errata


def test_elesclomol_spans_figures_3_and_4_and_the_ionophore_chapter(review: ReviewData) -> None:
    a = introduction.appearances("elesclomol", review=review)
    assert {"cuproptosis", "copper_ionophores", "drug_resistance"} <= set(a.chapters)
    assert a.figures == (3, 4)
    assert a.tables == (2,)


def test_unknown_entity_is_an_error(review: ReviewData) -> None:
    with pytest.raises(KeyError, match=r"unknown entity 'no_such_entity'"):
        introduction.appearances("no_such_entity", review=review)


def test_the_explorer_state_marks_chapters_and_links_figures_and_errata(review: ReviewData) -> None:
    ex = introduction.where_explorer(review=review)
    state = ex.select(entity="slc30a1")
    assert state.on == frozenset({"copper_metabolism"})
    assert 'href="copper_metabolism.html#fig-copper-uptake"' in state.panel
    assert 'href="copper_metabolism.html#fig-copper-trafficking"' not in state.panel  # Figure 2 does not name ZnT1
    assert 'href="copper_metabolism.html#fig-copper-trafficking"' in ex.select(entity="slc31a1").panel
    assert 'href="../reference/errata.html#erratum-e03"' in state.panel
    assert "Tables of the review: none" in state.panel
    es = ex.select(entity="es_cuo")
    assert 'href="nanoparticles.html">Table 1</a>' in es.panel
    # the default (SLC31A1/Ctr1, the copper importer) is a meaningful first state
    assert ex.default_key == "slc31a1"
    assert "copper_metabolism" in (ex.select().on or set())


def test_the_kernel_free_html_carries_every_state(review: ReviewData) -> None:
    html = introduction.where_explorer(review=review).html()
    assert 'id="cbx-where"' in html
    assert '<option value="slc30a1">Protein: ZnT1</option>' in html
    assert html.count('class="cb-panel"') > 100
