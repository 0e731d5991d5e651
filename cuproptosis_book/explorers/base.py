"""Explorers: one object that is a live ipywidgets control in Jupyter and a kernel-free control on the site.

Design (why): the static site has no kernel and no network, so an explorer cannot compute anything on
the page. Every control here is discrete, so all of its states are computed once, in Python, when the cell
runs. A state is small: the set of item keys to mark (SVG groups of a figure, rows of a table) and a panel
of HTML. The figure or table itself is drawn once and shared by all states, which keeps pages light.

- In Jupyter, :meth:`Explorer.widget` shows ipywidgets controls; a change looks the state up and
  re-renders the same HTML that the site shows (:meth:`Explorer.render`).
- On the site, :meth:`Explorer.html` embeds the shared view, the panels and the states as JSON;
  ``_static/explorer.js`` switches classes on a change (see ``notes/explorer_contract.md``).
- :meth:`Explorer._repr_mimebundle_` offers both; the book's config tells the HTML builder to prefer
  ``text/html`` and Jupyter frontends prefer the widget view.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from cuproptosis_book.paths import static_dir
from cuproptosis_book.text import esc, item_id, slug

STATIC = static_dir()

Mode = Literal["highlight", "filter"]
_HEADING = re.compile(r"<h[1-6][\s>]", re.IGNORECASE)


@dataclass(frozen=True)
class Control:
    """A discrete control: a name, a label and its (label, value) options."""

    name: str
    label: str
    options: tuple[tuple[str, str], ...]
    default: str | None = None
    kind: Literal["dropdown", "slider"] = "dropdown"

    def __post_init__(self) -> None:
        values = [v for _, v in self.options]
        if not values:
            msg = f"control {self.name!r} has no options"
            raise ValueError(msg)
        if len(set(values)) != len(values):
            msg = f"control {self.name!r} has duplicate values"
            raise ValueError(msg)
        if any("|" in v for v in values):
            msg = f"control {self.name!r}: values may not contain '|'"
            raise ValueError(msg)
        if self.default is not None and self.default not in values:
            msg = f"control {self.name!r}: default {self.default!r} is not an option"
            raise ValueError(msg)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(v for _, v in self.options)

    @property
    def initial(self) -> str:
        return self.default if self.default is not None else self.options[0][1]


@dataclass(frozen=True)
class State:
    """What one combination of control values shows."""

    on: frozenset[str] | None  # item keys marked on; None = every item on
    panel: str = ""  # HTML shown under the view (escape data yourself, see :func:`esc`)

    def __post_init__(self) -> None:
        # An explorer sits at any depth of a page: a heading of fixed level in a panel breaks the page's outline
        # (h4 straight after h2). A panel's title is <p class="cb-panel-title"> (notes/explorer_contract.md).
        if _HEADING.search(self.panel):
            msg = f"a panel may not hold a heading (<h1>-<h6>); use <p class='cb-panel-title'>: {self.panel[:80]!r}"
            raise ValueError(msg)


@dataclass
class Explorer:
    """A set of discrete controls, a shared view and the state each combination of values selects.

    Parameters
    ----------
    name: a page-unique name (letters, digits, ``-``).
    title: a one-line heading shown above the controls.
    controls: the controls, in display order.
    view: HTML shown once (an inline SVG or a table) whose items carry ids from :func:`item_id`.
    state: function of the control values (keyword arguments) returning a :class:`State`.
    mode: ``highlight`` dims items that are off; ``filter`` hides them.
    stepper: add Previous / Next buttons that step the first control.
    """

    name: str
    title: str
    controls: Sequence[Control]
    view: str
    state: Callable[..., State]
    mode: Mode = "highlight"
    stepper: bool = False
    _widget: Any = field(default=None, init=False, repr=False)

    # -- states --------------------------------------------------------------------------------

    @cached_property
    def states(self) -> dict[str, State]:
        """Every state, keyed by the control values joined with ``|`` (computed once)."""
        out = {}
        for combo in itertools.product(*(c.values for c in self.controls)):
            values = dict(zip((c.name for c in self.controls), combo, strict=True))
            out["|".join(combo)] = self.state(**values)
        return out

    def key(self, **values: str) -> str:
        """State key of the given control values (missing controls take their initial value)."""
        unknown = set(values) - {c.name for c in self.controls}
        if unknown:
            msg = f"unknown control(s) {sorted(unknown)} for explorer {self.name!r}"
            raise KeyError(msg)
        parts = []
        for c in self.controls:
            v = values.get(c.name, c.initial)
            if v not in c.values:
                msg = f"{v!r} is not an option of control {c.name!r}"
                raise ValueError(msg)
            parts.append(v)
        return "|".join(parts)

    def select(self, **values: str) -> State:
        """The state the given control values select."""
        return self.states[self.key(**values)]

    @property
    def default_key(self) -> str:
        return self.key()

    # -- rendering -----------------------------------------------------------------------------

    @cached_property
    def _id_pattern(self) -> re.Pattern[str]:
        return re.compile(r'id="(' + re.escape(f"cbx-{slug(self.name)}-k-") + r'[^"]*)"')

    @cached_property
    def _view_parts(self) -> tuple[list[str], list[str]]:
        """The view split around item ids, so a state renders by joining strings (fast)."""
        pieces, ids, pos = [], [], 0
        for m in self._id_pattern.finditer(self.view):
            pieces.append(self.view[pos : m.end()])
            ids.append(m.group(1))
            pos = m.end()
        pieces.append(self.view[pos:])
        return pieces, ids

    @cached_property
    def item_keys(self) -> dict[str, str]:
        """Element id -> item key, for every element of the view that belongs to an item.

        Several elements may belong to one item: ``cbx-NAME-k-KEY--label`` belongs to item ``KEY``.
        """
        prefix = f"cbx-{slug(self.name)}-k-"
        return {i: i[len(prefix) :].split("--", 1)[0] for i in self._view_parts[1]}

    def view_for(self, state: State) -> str:
        """The shared view with items classed for ``state``."""
        pieces, ids = self._view_parts
        keys = self.item_keys
        on = None if state.on is None else {slug(k) for k in state.on}
        out = [pieces[0]]
        for element_id, piece in zip(ids, pieces[1:], strict=True):
            cls = "cb-on" if on is None or keys[element_id] in on else "cb-off"
            out.append(f' class="{cls}"')
            out.append(piece)
        return "".join(out)

    def render(self, key: str | None = None) -> str:
        """HTML of one state (view + panel), as the live widget shows it."""
        state = self.states[key or self.default_key]
        return (
            f'<div class="cb-explorer cb-live" data-mode="{self.mode}">'
            f"<style>{_css()}</style>"
            f'<div class="cb-view">{self.view_for(state)}</div>'
            f'<div class="cb-panels"><div class="cb-panel">{state.panel}</div></div></div>'
        )

    def html(self) -> str:
        """The kernel-free explorer for the static site (see notes/explorer_contract.md)."""
        root = f"cbx-{slug(self.name)}"
        default = self.default_key
        panels: dict[str, str] = {}
        states_json = {}
        for key, state in self.states.items():
            pid = panels.setdefault(state.panel, f"p{len(panels)}")
            states_json[key] = {"on": None if state.on is None else sorted(slug(k) for k in state.on), "panel": pid}
        controls = []
        for c in self.controls:
            cid = f"{root}-c-{slug(c.name)}"
            if c.kind == "slider":
                values = json.dumps(list(c.values))
                labels = json.dumps([label for label, _ in c.options], ensure_ascii=False)
                controls.append(
                    f'<label for="{cid}">{esc(c.label)}</label> '
                    f'<input type="range" class="cb-control" id="{cid}" name="{esc(c.name)}" min="0" '
                    f'max="{len(c.values) - 1}" step="1" value="{c.values.index(c.initial)}" '
                    f"data-values='{esc(values)}' data-labels='{esc(labels)}' aria-valuetext=\"{esc({v: label for label, v in c.options}[c.initial])}\">"
                )
            else:
                opts = "".join(
                    f'<option value="{esc(v)}"{" selected" if v == c.initial else ""}>{esc(label)}</option>'
                    for label, v in c.options
                )
                controls.append(
                    f'<label for="{cid}">{esc(c.label)}</label> '
                    f'<select class="cb-control" id="{cid}" name="{esc(c.name)}">{opts}</select>'
                )
        if self.stepper:
            controls.append(
                '<button type="button" class="cb-step" data-step="-1">◀ Previous</button>'
                '<button type="button" class="cb-step" data-step="1">Next ▶</button>'
            )
        default_pid = states_json[default]["panel"]
        panel_html = "".join(
            f'<div class="cb-panel" data-state="{pid}"{"" if pid == default_pid else " hidden"}>{content}</div>'
            for content, pid in panels.items()
        )
        payload = json.dumps(
            {"controls": [c.name for c in self.controls], "states": states_json},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        payload = payload.replace("</", "<\\/")  # never close the script element early
        return (
            f'<div class="cb-explorer" id="{root}" data-mode="{self.mode}" data-state="{esc(default)}">'
            f'<p class="cb-title">{esc(self.title)}</p>'
            f'<form class="cb-controls" onsubmit="return false">{"".join(controls)}</form>'
            f'<div class="cb-view">{self.view_for(self.states[default])}</div>'
            f'<div class="cb-panels" aria-live="polite">{panel_html}</div>'
            f'<script type="application/json" class="cb-states">{payload}</script></div>'
        )

    # -- Jupyter -------------------------------------------------------------------------------

    def widget(self) -> Any:
        """A live ipywidgets control; each change re-renders from the precomputed states."""
        if self._widget is not None:
            return self._widget
        import ipywidgets as w

        boxes = []
        for c in self.controls:
            if c.kind == "slider":
                box = w.SelectionSlider(
                    options=list(c.options),
                    value=c.initial,
                    description=c.label,
                    continuous_update=True,
                    style={"description_width": "initial"},
                    layout=w.Layout(width="95%"),
                )
            else:
                box = w.Dropdown(
                    options=list(c.options),
                    value=c.initial,
                    description=c.label,
                    style={"description_width": "initial"},
                )
            boxes.append(box)
        out = w.HTML(value=self.render())

        def update(_change: object = None) -> None:
            out.value = self.render(self.key(**{c.name: b.value for c, b in zip(self.controls, boxes, strict=True)}))

        for b in boxes:
            b.observe(update, names="value")
        children: list[Any] = list(boxes)
        if self.stepper:
            first, values = boxes[0], self.controls[0].values

            def step(delta: int) -> Callable[[object], None]:
                def go(_button: object) -> None:
                    i = values.index(first.value)
                    first.value = values[max(0, min(len(values) - 1, i + delta))]

                return go

            prev, nxt = w.Button(description="◀ Previous"), w.Button(description="Next ▶")
            prev.on_click(step(-1))
            nxt.on_click(step(1))
            children += [prev, nxt]
        self._widget = w.VBox([w.HTML(f"<b>{esc(self.title)}</b>"), w.HBox(children), out])
        self._widget.controls = boxes  # handy in tests: explorer.widget().controls[0].value = …
        self._widget.output = out
        return self._widget

    def _repr_mimebundle_(
        self,
        include: Iterable[str] | None = None,  # noqa: ARG002 - IPython passes include and exclude
        exclude: Iterable[str] | None = None,  # noqa: ARG002
    ) -> dict[str, Any]:
        return dual_bundle(self.html(), f"Explorer: {self.title}", self.widget)


def dual_bundle(html: str, plain: str, widget: Callable[[], Any]) -> dict[str, Any]:
    """A display bundle with the kernel-free HTML and, where ipywidgets can render, the live widget view.

    The site's builder is told to prefer ``text/html``; Jupyter frontends prefer the widget view.
    """
    bundle: dict[str, Any] = {"text/html": html, "text/plain": plain}
    try:
        widget_bundle = widget()._repr_mimebundle_()
    except Exception:  # noqa: BLE001 - no ipywidgets frontend (plain IPython): the HTML is still complete
        widget_bundle = None
    if isinstance(widget_bundle, Mapping):
        view = widget_bundle.get("application/vnd.jupyter.widget-view+json")
        if view is not None:
            bundle["application/vnd.jupyter.widget-view+json"] = view
    return bundle


_CSS_CACHE: list[str] = []


def _css() -> str:
    """The explorer stylesheet, inlined in live widgets (the site loads it from _static)."""
    if not _CSS_CACHE:
        path = STATIC / "explorer.css"
        _CSS_CACHE.append(path.read_text(encoding="utf-8") if path.exists() else "")
    return _CSS_CACHE[0]


def html_table(name: str, header: Sequence[str], rows: Sequence[tuple[str, Sequence[str]]], caption: str = "") -> str:
    """A plain HTML table whose rows carry explorer item ids; cells are escaped here."""
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = "".join(
        f'<tr id="{item_id(name, key)}">' + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>"
        for key, cells in rows
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f'<table class="cb-data">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
