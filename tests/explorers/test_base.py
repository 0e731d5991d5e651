"""The explorer mechanism: precomputed states, the static HTML contract, and the live widget."""

from __future__ import annotations

import json
import re

import pytest

from cuproptosis_book.explorers.base import Control, Explorer, State, html_table
from cuproptosis_book.text import esc, item_id, slug


def make(mode: str = "highlight") -> Explorer:
    """Three items a, b, c; control 'pick' turns one on; control 'extra' also turns c on."""
    view = "".join(
        f'<g id="{item_id("demo", k)}"></g><text id="{item_id("demo", k, "label")}">{k}</text>' for k in "abc"
    )

    def state(pick: str, extra: str) -> State:
        on = {pick} | ({"c"} if extra == "yes" else set())
        return State(on=frozenset(on), panel=f"<p>picked {esc(pick)} &amp; {extra}</p>")

    return Explorer(
        name="demo",
        title="Demo <explorer>",
        controls=[
            Control("pick", "Pick", (("A", "a"), ("B", "b"))),
            Control("extra", "Extra", (("no", "no"), ("yes", "yes")), default="no"),
        ],
        view=view,
        state=state,
        mode=mode,  # type: ignore[arg-type]
    )


def classes(html: str) -> dict[str, str]:
    return dict(re.findall(r'id="(cbx-demo-k-[^"]+)" class="([^"]+)"', html))


def test_every_combination_is_precomputed() -> None:
    ex = make()
    assert set(ex.states) == {"a|no", "a|yes", "b|no", "b|yes"}
    assert ex.select(pick="b", extra="yes").on == {"b", "c"}
    assert ex.default_key == "a|no"


def test_unknown_control_or_value_is_an_error() -> None:
    ex = make()
    with pytest.raises(KeyError, match=r"unknown control\(s\) \['colour'\] for explorer 'demo'"):
        ex.key(colour="red")
    with pytest.raises(ValueError, match=r"'z' is not an option of control 'pick'"):
        ex.key(pick="z")


def test_control_validation() -> None:
    with pytest.raises(ValueError, match=r"control 'x' has no options"):
        Control("x", "X", ())
    with pytest.raises(ValueError, match=r"control 'x' has duplicate values"):
        Control("x", "X", (("a", "a"), ("b", "a")))
    with pytest.raises(ValueError, match=r"control 'x': values may not contain '\|'"):
        Control("x", "X", (("a", "a|b"),))
    with pytest.raises(ValueError, match=r"control 'x': default 'b' is not an option"):
        Control("x", "X", (("a", "a"),), default="b")


def test_view_marks_items_and_their_parts() -> None:
    ex = make()
    marks = classes(ex.view_for(ex.select(pick="b", extra="yes")))
    assert marks == {
        "cbx-demo-k-a": "cb-off",
        "cbx-demo-k-a--label": "cb-off",
        "cbx-demo-k-b": "cb-on",
        "cbx-demo-k-b--label": "cb-on",
        "cbx-demo-k-c": "cb-on",
        "cbx-demo-k-c--label": "cb-on",
    }
    assert set(classes(ex.view_for(State(on=None))).values()) == {"cb-on"}


def test_static_html_follows_the_contract() -> None:
    ex = make(mode="filter")
    html = ex.html()
    assert html.startswith('<div class="cb-explorer" id="cbx-demo" data-mode="filter" data-state="a|no">')
    assert "Demo &lt;explorer&gt;" in html  # titles are escaped
    assert html.count("<option") == 4
    assert 'value="no" selected' in html
    script = re.search(r'<script type="application/json" class="cb-states">(.*?)</script>', html)
    assert script is not None
    payload = json.loads(script.group(1))
    assert payload["controls"] == ["pick", "extra"]
    assert payload["states"]["b|yes"]["on"] == ["b", "c"]
    # the default state is rendered server-side: correct without JavaScript, and in print
    assert classes(html)["cbx-demo-k-a"] == "cb-on"
    assert classes(html)["cbx-demo-k-b"] == "cb-off"
    panels = re.findall(r'<div class="cb-panel" data-state="(p\d+)"( hidden)?>', html)
    assert len(panels) == 4
    assert [hidden for _, hidden in panels].count("") == 1


def test_identical_panels_are_shared() -> None:
    ex = Explorer(
        "same",
        "Same",
        [Control("v", "V", (("1", "1"), ("2", "2")))],
        view="",
        state=lambda v: State(on=None, panel="<p>same</p>"),  # noqa: ARG005 - called as state(v=...)
    )
    assert ex.html().count('class="cb-panel"') == 1


def test_json_cannot_close_its_script_element() -> None:
    ex = Explorer(
        "x",
        "X",
        [Control("v", "V", (("1", "1"),))],
        view="",
        state=lambda v: State(on=frozenset({"</script><script>alert(1)"})),  # noqa: ARG005 - called as state(v=...)
    )
    html = ex.html()
    assert html.count("</script>") == 1


def test_live_widget_updates_from_the_same_states() -> None:
    ex = make()
    w = ex.widget()
    assert classes(w.output.value)["cbx-demo-k-a"] == "cb-on"
    w.controls[0].value = "b"
    assert classes(w.output.value)["cbx-demo-k-b"] == "cb-on"
    assert classes(w.output.value)["cbx-demo-k-a"] == "cb-off"
    assert "picked b" in w.output.value
    w.controls[1].value = "yes"
    assert classes(w.output.value)["cbx-demo-k-c"] == "cb-on"
    assert w.output.value == ex.render("b|yes")


def test_stepper_buttons_step_the_first_control() -> None:
    ex = Explorer(
        "steps",
        "Steps",
        [Control("step", "Step", (("one", "1"), ("two", "2"), ("three", "3")), kind="slider")],
        view="",
        state=lambda step: State(on=None, panel=f"<p>step {step}</p>"),
        stepper=True,
    )
    w = ex.widget()
    buttons = [c for c in w.children[1].children if c.__class__.__name__ == "Button"]
    prev, nxt = buttons
    nxt.click()
    nxt.click()
    nxt.click()  # clamps at the last step
    assert w.controls[0].value == "3"
    assert "step 3" in w.output.value
    prev.click()
    assert w.controls[0].value == "2"
    html = ex.html()
    assert 'type="range"' in html
    assert "data-labels='[&quot;one&quot;, &quot;two&quot;, &quot;three&quot;]'" in html
    assert 'class="cb-step" data-step="1"' in html


def test_mimebundle_offers_widget_and_html() -> None:
    bundle = make()._repr_mimebundle_()
    assert bundle["text/html"].startswith('<div class="cb-explorer"')
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == "Explorer: Demo <explorer>"


def test_slug_keeps_single_dashes_only() -> None:
    assert slug("e:cu_i->atp7a") == "e-cu_i-atp7a"
    assert "--" not in slug("a -- b")
    assert item_id("Fig 1", "cu_i@cytosol", "label") == "cbx-fig-1-k-cu_i-cytosol--label"


def test_table_cells_are_escaped() -> None:
    html = html_table("x", ("<h>",), [("k", ("<script>alert(1)</script>",))])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;h&gt;" in html


def test_a_panel_may_not_hold_a_heading() -> None:
    """A heading of fixed level in a panel breaks the page's outline wherever the explorer sits."""
    with pytest.raises(ValueError, match="heading"):
        State(on=None, panel="<h4>SLC31A1</h4><p>imports copper</p>")
    assert State(on=None, panel="<p class='cb-panel-title'>SLC31A1</p>").panel.startswith("<p")
