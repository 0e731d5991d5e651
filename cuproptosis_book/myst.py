"""MyST Markdown read with the parser myst-parser uses: the book's one MyST → text rule.

markdown-it-py with the mdit-py-plugins that myst-parser loads (roles, colon fences, dollar math, targets and
comments), never line regexes. A directive is a fence whose info string is ``{name} argument`` (```` ```{note} ````
or ``:::{note}``); its options (``:label: x``) are read off the top of its body, and the rest of the body is parsed
again, so directives nest.

- :func:`plain`: MyST as plain text (roles as their text, citations and emphasis markers dropped);
  :func:`inline_html`: the same reading as HTML (a slide deck's text), with a hook for roles;
- :func:`prose`, :func:`word_count`, :func:`reading_minutes`: the words a reader reads and the one reading-time
  rule (the rate is the syllabus's ``reading_words_per_minute``);
- :func:`directives`, :func:`list_items`: the directives and list items of a piece of MyST.

Notebooks are opened by :mod:`cuproptosis_book.chapter_source`, which builds on this module.
"""

from __future__ import annotations

import html as html_lib
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

#: A word: letters or digits, with inner hyphens or apostrophes ("copper-dependent", "cell's" are one word).
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*)$")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_ROLE_LABEL = re.compile(r"^(?P<label>.*?)\s*<(?P<target>[^<>]*)>$", re.DOTALL)
#: Roles whose text is not prose: a citation reads as a bracketed number.
_SILENT_ROLES = ("cite",)


def _parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .use(myst_role_plugin)
        .use(myst_block_plugin)
        .use(colon_fence_plugin)
        .use(dollarmath_plugin)
        .enable("table")
        .enable("strikethrough")
    )


_MD = _parser()


@lru_cache(maxsize=1024)
def tokens(markdown: str) -> tuple[Token, ...]:
    """The block tokens of a piece of MyST (cached: a chapter's cells are read by several tools)."""
    return tuple(_MD.parse(markdown))


# ------------------------------------------------------------------------------------------- MyST -> plain text


#: A role hook: (role name, label, target) -> what to show instead of the label, or None to show the label.
RoleHook = Callable[[str, str, str], "str | None"]
_HTML_TAGS = {"strong_open": "<strong>", "strong_close": "</strong>", "em_open": "<em>", "em_close": "</em>"}


def _role_parts(token: Token) -> tuple[str, str, str]:
    """(name, label, target) of a role: ``{term}`lipoylated <lipoylation>``` is (term, lipoylated, lipoylation)."""
    name = str(token.meta.get("name", ""))
    content = token.content.strip()
    m = _ROLE_LABEL.match(content)
    if m:
        return name, m.group("label").strip(), m.group("target").strip()
    return name, content, ""


def _inline(children: Sequence[Token], *, urls: bool = True, html: bool = False, role: RoleHook | None = None) -> str:
    def escape(text: str) -> str:
        return html_lib.escape(text, quote=False) if html else text

    parts: list[str] = []
    in_autolink = False
    for t in children:
        if t.type == "link_open" and t.markup == "autolink":
            in_autolink = True
        elif t.type == "link_close" and in_autolink:
            in_autolink = False
        elif in_autolink and not urls:
            continue
        elif t.type == "myst_role":
            name, label, target = _role_parts(t)
            replaced = role(name, label, target) if role is not None else None
            if replaced is not None:
                parts.append(replaced)
            elif name.split(":")[0] in _SILENT_ROLES:
                if parts:  # "copper {cite}`ref1`." reads "copper."
                    parts[-1] = parts[-1].rstrip()
            else:
                parts.append(escape(label or target))
        elif t.type in ("text", "math_inline", "math_inline_double"):
            parts.append(escape(t.content))
        elif t.type == "code_inline":
            code = escape(t.content)
            parts.append(f"<code>{code}</code>" if html else code)
        elif html and t.type in _HTML_TAGS:
            parts.append(_HTML_TAGS[t.type])
        elif t.type == "image":
            parts.append(_inline(t.children or [], urls=urls, html=html, role=role))
        elif t.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def plain(markdown: str) -> str:
    """MyST text as plain prose on one line: roles as their text, citations, emphasis markers and HTML dropped.

    Block structure (paragraphs, list items, directive bodies) is flattened with spaces; a directive's argument
    (an exercise's title) is kept, its options are not.
    """
    return re.sub(r"\s+", " ", _text(markdown, urls=True, arguments=True)).strip()


def inline_html(markdown: str, role: RoleHook | None = None) -> str:
    """The same reading of MyST as :func:`plain`, as HTML: text escaped, bold, italics and code kept as tags.

    ``role`` may replace a role by HTML of its own (a slide turns ``{doc}`` into a link).
    """
    return re.sub(r"\s+", " ", _text(markdown, urls=True, arguments=True, html=True, role=role)).strip()


def prose(markdown: str) -> str:
    """The words a reader reads in MyST Markdown, one block a line: no directive names, arguments or options, no
    citations, no bare URLs, no HTML (the text that :func:`word_count` counts)."""
    return _text(markdown, urls=False, arguments=False)


def _text(markdown: str, *, urls: bool, arguments: bool, html: bool = False, role: RoleHook | None = None) -> str:
    def again(text: str) -> str:
        return _text(text, urls=urls, arguments=arguments, html=html, role=role)

    lines: list[str] = []
    number = ""  # an ordered list's item number is shown to the reader
    for t in tokens(markdown):
        if t.type == "list_item_open" and t.info.isdigit():
            number = f"{t.info}{t.markup} "
        elif t.type == "inline":
            lines.append(number + _inline(t.children or [], urls=urls, html=html, role=role))
            number = ""
        elif t.type in ("fence", "colon_fence"):
            d = directive_parts(t)
            if d is None:
                lines.append(
                    html_lib.escape(t.content, quote=False) if html else t.content
                )  # a code block: what it shows
            else:
                if arguments and d[1]:
                    lines.append(again(d[1]))
                lines.append(again(d[3]))
        elif t.type in ("code_block", "math_block", "math_block_label"):
            lines.append(t.content)
    return "\n".join(line for line in lines if line)


def word_count(markdown: str) -> int:
    """Words of prose in MyST Markdown (see :func:`prose` and :data:`WORD`)."""
    return len(WORD.findall(prose(markdown)))


def reading_minutes(words: int, per_minute: int) -> int:
    """Minutes to read ``words`` at ``per_minute`` words a minute, rounded up, at least one (the syllabus's rate:
    ``reading_words_per_minute`` in ``data/course/syllabus.yml``)."""
    return max(1, math.ceil(words / per_minute))


# ------------------------------------------------------------------------------------------- directives


def directive_parts(token: Token) -> tuple[str, str, tuple[tuple[str, str], ...], str] | None:
    """(name, argument, options, body) of a directive fence; None for a plain code fence."""
    m = _DIRECTIVE.match(token.info.strip())
    if m is None:
        return None
    lines = token.content.split("\n")
    options: list[tuple[str, str]] = []
    while lines and (o := _OPTION.match(lines[0].strip())):
        options.append((o.group("key"), o.group("value").strip()))
        lines = lines[1:]
    return m.group("name"), m.group("argument").strip(), tuple(options), "\n".join(lines).strip("\n")


@dataclass(frozen=True)
class Directive:
    """A MyST directive: ``name``, its ``argument`` (the rest of the fence line), ``options`` and ``body`` (MyST)."""

    name: str
    argument: str
    options: tuple[tuple[str, str], ...]
    body: str
    cell: int  # index of the notebook cell that holds it

    def option(self, key: str, default: str = "") -> str:
        return dict(self.options).get(key, default)

    @property
    def children(self) -> tuple[Directive, ...]:
        """The directives nested in the body, outermost first."""
        return tuple(directives(self.body, self.cell, nested=False))


def directives(markdown: str, cell: int = 0, *, nested: bool = True) -> Iterator[Directive]:
    """Every directive of a piece of MyST, in document order (with ``nested``, also those inside directives)."""
    for t in tokens(markdown):
        if t.type in ("fence", "colon_fence") and (d := directive_parts(t)) is not None:
            directive = Directive(d[0], d[1], d[2], d[3], cell)
            yield directive
            if nested:
                yield from directives(directive.body, cell)


def list_items(markdown: str) -> tuple[tuple[int | None, str], ...]:
    """The items of the top-level lists of a piece of MyST: (number or None for a bullet, item source on one line).

    An item's source keeps its MyST (roles, emphasis); its lines are joined with single spaces.
    """
    lines = markdown.split("\n")
    out: list[tuple[int | None, str]] = []
    depth = 0
    for t in tokens(markdown):
        if t.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif t.type == "list_item_open" and depth == 1 and t.map is not None:
            source = lines[t.map[0] : t.map[1]]
            first = source[0].lstrip()
            marker = len(first) - len(first.lstrip("0123456789")) + len(t.markup)
            text = " ".join(s.strip() for s in [first[marker:], *source[1:]] if s.strip())
            out.append((int(t.info) if t.info.isdigit() else None, text))
    return tuple(out)
