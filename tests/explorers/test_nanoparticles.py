"""The nanoparticles chapter's explorers (explorers/nanoparticles.py): other agents, the Table 1 filter, Table 1 against
the text, the effect grid.

Expected values are typed by hand from the review and data/, never computed by the code under test.
"""

from __future__ import annotations

import re

import pytest
from explorer_checks import on_keys, text_of
from published_tables import PRINTED_NAMES, TABLE1, TABLE1_EFFECT_TAGS, split_cell

from cuproptosis_book import data
from cuproptosis_book.explorers import nanoparticles
from cuproptosis_book.text import item_id


@pytest.fixture(scope="module")
def review():
    return data.load_all()


# --------------------------------------------------------------------------- explorers: other agents


def test_other_agents_explorer(review) -> None:
    ex = nanoparticles.other_agents_explorer(review=review)
    assert ex.default_key == "sorafenib"
    for agent in ex.controls[0].values:
        assert on_keys(ex, agent=agent) == {agent}
    sor = text_of(ex.select().panel)
    assert "Acts on: FDX1 (disputed)" in sor
    assert "[disputed]" in sor
    assert "E21" in sor
    assert "liver cancer [78]" in sor
    zn = text_of(ex.select(agent="zinc_pyrithione").panel)
    assert "Zinc pyrithione makes DLAT aggregate [80]" in zn
    assert "triple-negative breast cancer [80]" in zn
    lg = text_of(ex.select(agent="lgod1").panel)
    assert "Acts on: CCS" in lg
    assert "liver cancer [77]" in lg
    an = text_of(ex.select(agent="anisomycin").panel)
    assert "ovarian cancer [81]" in an
    assert "E23" in an
    w = ex.widget()
    w.controls[0].value = "eupalinolide_b"
    assert "pancreatic cancer [79]" in w.output.value


# --------------------------------------------------------------------------- explorers: nanoparticles


def _published_rows() -> list[tuple[str, set[str], set[str]]]:
    """(nanoparticle id, tumour ids, effect tags) typed by hand from the published Table 1."""
    return [
        (PRINTED_NAMES[name], {PRINTED_NAMES[t] for t in split_cell(types)}, TABLE1_EFFECT_TAGS[PRINTED_NAMES[name]])
        for name, types, _effects, _ref in TABLE1
    ]


def test_nanoparticle_filter_explorer_every_state(review) -> None:
    ex = nanoparticles.nanoparticle_filter_explorer(review=review)
    assert ex.mode == "filter"
    assert ex.default_key == "any|immune"
    tumours, effects = (c.values for c in ex.controls)
    assert tumours == ("any", "melanoma", "sclc", "breast_cancer", "bladder_cancer", "crc", "tnbc", "nsclc")
    assert effects[:2] == ("any", "immune")
    assert set(effects[2:]) == set().union(*TABLE1_EFFECT_TAGS.values())
    immune = {"immune_response", "immunogenic_cell_death", "pd_l1_reduction", "tumour_microenvironment"}
    for t in tumours:
        for e in effects:
            want = {
                np
                for np, types, tags in _published_rows()
                if (t == "any" or t in types) and (e == "any" or (e == "immune" and tags & immune) or e in tags)
            }
            state = ex.select(tumour=t, effect=e)
            assert set(state.on) == want, (t, e)
            panel = text_of(state.panel)
            if want:
                assert f"{len(want)} of 10" in panel
            else:
                assert "No nanoparticle in Table 1" in panel
                assert "“any”" in panel


def test_nanoparticle_filter_explorer_html_and_widget(review) -> None:
    ex = nanoparticles.nanoparticle_filter_explorer(review=review)
    html = ex.html()
    assert 'data-mode="filter"' in html
    assert f'<tr id="{item_id("np-filter", "es_cuo")}" class="cb-on">' in html
    assert f'<tr id="{item_id("np-filter", "cuet_nps")}" class="cb-off">' in html
    assert "5 of 10" in text_of(ex.select().panel)
    w = ex.widget()
    w.controls[0].value = "tnbc"
    assert "1 of 10" in text_of(w.output.value)
    assert "Cu/TI" in w.output.value
    w.controls[1].value = "any"
    assert "2 of 10" in text_of(w.output.value)
    w.controls[1].value = "stemness_inhibition"
    assert "No nanoparticle in Table 1" in w.output.value


def test_table1_vs_text_explorer(review) -> None:
    ex = nanoparticles.table1_vs_text_explorer(review=review)
    assert ex.default_key == "cu_ti"
    assert len(ex.controls[0].values) == 10
    for np_id in ex.controls[0].values:
        assert on_keys(ex, nanoparticle=np_id) == {np_id}
    cu_ti = text_of(ex.select().panel)
    assert "Cu/TI triggers immunogenic cell death [73] (Table 1 only)" in cu_ti
    assert "Cu/TI triggers cuproptosis (in the mitochondrion) [73] (text and Table 1)" in cu_ti
    assert "programmed cell death-1" in cu_ti
    assert "E19" in cu_ti
    gox = text_of(ex.select(nanoparticle="gox_cu_tz").panel)
    assert "photodynamic" in gox
    w = ex.widget()
    w.controls[0].value = "cuo2_g5_bs_tf"
    assert "E20" in w.output.value
    assert "Cu2O" in w.output.value


def test_effect_grid_uses_text_marks(review) -> None:
    grid = nanoparticles.effect_grid(review=review)
    html = grid.html()
    # 24 reported effects in Table 1 (2+2+3+3+2+3+3+3+2+1), each a ✓ in a tinted cell
    assert html.count(f"background:{nanoparticles.MARK_FILL}") == 24
    assert len(re.findall(r">✓</td>", html)) == 24
    assert html.count('aria-label="not reported"') == 10 * 11 - 24
    assert '<th scope="row">Cu/TI</th>' in html  # rows by the text's names
    assert "HA-CD@MOF NPs" in html
    assert "HA CD@MOF NPs" not in html
    assert list(grid.matrix.sum()) == [10, 2, 3, 1, 1, 1, 2, 1, 1, 1, 1]
