"""Checks shared by the explorer tests: what a state lights, the text of a panel, a live widget's output."""

from __future__ import annotations

import re

from cuproptosis_book.explorers import base as explore
from cuproptosis_book.text import item_id, slug


def check_explorer(ex: explore.Explorer) -> None:
    ids = re.findall(r'id="(cbx-[^"]+)"', ex.view)
    assert len(ids) == len(set(ids)), "item ids in the view must be unique"
    keys = set(ex.item_keys.values())
    for key, state in ex.states.items():
        assert state.on is not None, f"state {key} shows nothing"
        assert state.on, f"state {key} shows nothing"
        assert {slug(k) for k in state.on} <= keys, f"state {key} names rows the view lacks"
        assert state.panel
    html = ex.html()
    assert html.count('class="cb-panel"') == len({s.panel for s in ex.states.values()})


def widget_shows(ex: explore.Explorer, value: str, text: str) -> None:
    w = ex.widget()
    w.controls[0].value = value
    assert text in w.output.value
    assert w.output.value == ex.render(ex.key(**{ex.controls[0].name: value}))


def on_keys(explorer, **values) -> set[str]:
    state = explorer.select(**values)
    return set(state.on) if state.on is not None else {"*"}


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def classes(html: str, name: str) -> dict[str, str]:
    """Item key -> class ('cb-on'/'cb-off') of every item element in a rendered explorer."""
    pattern = re.compile(r'id="cbx-' + re.escape(name) + r'-k-([^"]+)" class="(cb-on|cb-off)"')
    out: dict[str, str] = {}
    for key, cls in pattern.findall(html):
        out[key.split("--")[0]] = cls
    return out


def lit(html: str, name: str) -> set[str]:
    return {k for k, c in classes(html, name).items() if c == "cb-on"}


def pathways_slug(key: str) -> str:
    return item_id("x", key).removeprefix("cbx-x-k-")
