"""The book's MyST as plain Markdown, for the student notebooks that Jupyter, JupyterLab and Colab open.

Those front ends render CommonMark, not MyST: a ```` ```{exercise} ```` fence shows as a code block and
``{cite}`ref17``` as literal text. :func:`to_markdown` rewrites one markdown cell so it reads well anywhere:

- a directive block (``exercise``, ``admonition``, ``note`` …) becomes a blockquote whose first line is its title in
  bold (``> **Exercise ex-cm-2 — Where copper can go from ATOX1**``); its options (``:label:``, ``:class:``) go;
- ``{cite}`ref17,ref18``` becomes ``[[17, 18]](…/reference/bibliography.html)``, numbered like the book, linked to
  the bibliography page of the published learner site;
- ``{term}`ROS``` becomes ``[ROS](…/reference/glossary.html#term-ROS)``, linked to the glossary entry;
- ``{doc}`` and ``{numref}`` become links to the page (and figure) on the learner site.

Only the notebooks' *presentation* changes; the book's pages keep their MyST.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from posixpath import dirname, join, normpath
from typing import Any

OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}\s*(?P<arg>.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:.*$")
ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<body>[^`]*)`")
TARGET = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$")
#: What a learner's front end must never show: a directive fence or a role.
MYST_LEFT = re.compile(r"(`{3,}|:{3,})\{[\w-]+\}|\{[\w:-]+\}`")

TITLES = {"note": "Note", "tip": "Tip", "warning": "Warning", "important": "Important", "seealso": "See also"}


def site_url(config: Mapping[str, Any]) -> str:
    """The published learner site, ``https://OWNER.github.io/REPO/``, from ``_config.yml``'s ``repository.url``."""
    url = str(config.get("repository", {}).get("url", "")).rstrip("/")
    if url.count("/") < 4:  # no repository set: links stay relative to the book's root
        return ""
    owner, repo = url.split("/")[-2:]
    return f"https://{owner.lower()}.github.io/{repo}/"


def term_anchor(term: str) -> str:
    """The id Sphinx gives a glossary term (``term-`` and the term, as ``sphinx.util.nodes._make_id`` writes it)."""
    text = unicodedata.normalize("NFKD", f"term-{term}").encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-zA-Z0-9._]+", "-", " ".join(text.split()))
    return re.sub(r"^[-0-9._]+|-+$", "", text)


@dataclass
class Links:
    """Where roles point: the learner site's address, the page being converted, and the book's vocabularies."""

    base: str
    page: str  #: the page's path in the book, without suffix (``chapters/copper_metabolism``)
    citation_labels: Mapping[str, str]  #: bibtex key -> label shown in brackets (``ref17`` -> ``17``)
    glossary_terms: Mapping[str, str] = field(default_factory=dict)  #: lower-cased term -> the glossary's spelling
    figures: Mapping[str, str] = field(default_factory=dict)  #: figure label -> page holding it

    def url(self, page: str, anchor: str = "") -> str:
        return f"{self.base}{page}.html" + (f"#{anchor}" if anchor else "")

    def cite(self, body: str) -> str:
        keys = [k.strip() for k in body.split(",") if k.strip()]
        labels = ", ".join(self.citation_labels.get(k, k) for k in keys)
        return f"[[{labels}]]({self.url('reference/bibliography')})"

    def term(self, body: str) -> str:
        m = TARGET.match(body)
        text, target = (m["text"], m["target"]) if m else (body, body)
        term = self.glossary_terms.get(target.lower(), target)
        return f"[{text}]({self.url('reference/glossary', term_anchor(term))})"

    def doc(self, body: str) -> str:
        m = TARGET.match(body)
        text, target = (m["text"], m["target"]) if m else (body, body)
        page = target.lstrip("/") if target.startswith("/") else normpath(join(dirname(self.page), target))
        return f"[{text or page}]({self.url(page)})"

    def numref(self, body: str) -> str:
        m = TARGET.match(body)
        text, target = (m["text"], m["target"]) if m else ("the figure", body)
        text = re.sub(r"\{number\}|%s", "", text).strip() or "the figure"
        return f"[{text}]({self.url(self.figures.get(target, self.page), target)})"

    def role(self, match: re.Match[str]) -> str:
        name, body = match["role"], match["body"]
        handlers: dict[str, Callable[[str], str]] = {
            "cite": self.cite,
            "cite:p": self.cite,
            "cite:t": self.cite,
            "term": self.term,
            "doc": self.doc,
            "numref": self.numref,
            "ref": self.numref,
        }
        handler = handlers.get(name)
        if handler is not None:
            return handler(body)
        return f"`{body}`" if name in ("code", "literal", "file") else body


def _title(name: str, arg: str, label: str) -> str:
    if name in ("exercise", "exercise-start"):
        head = f"Exercise {label}" if label else "Exercise"
        return f"{head} — {arg}" if arg else head
    if name in ("admonition", "dropdown"):
        return arg or "Note"
    return TITLES.get(name, name.replace("-", " ").capitalize()) + (f" — {arg}" if arg else "")


def _closes(line: str, fence: str) -> bool:
    s = line.strip()
    return len(s) >= len(fence) and set(s) == {fence[0]}


def to_markdown(text: str, links: Links) -> str:
    """One markdown cell of MyST as CommonMark: blocks as blockquotes with a bold title, roles as links.

    An ``{only}`` block is kept, unquoted, when it is for the learner site (``{only} learner``) and dropped
    otherwise: a student notebook is the learner's edition.
    """
    out: list[str] = []
    stack: list[tuple[str, str]] = []  # (fence, quote | plain | drop) of the open blocks, outermost first
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        depth = sum(mode == "quote" for _, mode in stack)
        quote = "> " * depth
        if stack and _closes(line, stack[-1][0]):
            stack.pop()
            i += 1
            depth = sum(mode == "quote" for _, mode in stack)
            gap = ("> " * depth).rstrip()
            if i < len(lines) and lines[i].strip() and not any(m == "drop" for _, m in stack) and out[-1:] != [gap]:
                out.append(gap)  # else the next line would continue the quote
            continue
        dropping = any(mode == "drop" for _, mode in stack)
        if m := OPEN.match(line):
            # the block's options come first: read the label, drop the rest
            label, j = "", i + 1
            while j < len(lines) and OPTION.match(lines[j]):
                if lines[j].strip().startswith(":label:"):
                    label = lines[j].split(":label:", 1)[1].strip()
                j += 1
            if m["name"] == "only":
                stack.append((m["fence"], "plain" if m["arg"].strip() == "learner" and not dropping else "drop"))
            else:
                stack.append((m["fence"], "drop" if dropping else "quote"))
                if not dropping:
                    title = ROLE.sub(links.role, _title(m["name"], m["arg"].strip(), label))
                    out += [f"{quote}> **{title}**".rstrip(), f"{quote}>"]
            i = j
            while i < len(lines) and not lines[i].strip():  # no empty quote line right under the title
                i += 1
            continue
        if not dropping:
            converted = ROLE.sub(links.role, line)
            out.append((quote + converted).rstrip() if depth else converted)
        i += 1
    # a quote that ends with an empty line reads as a stray ">": drop trailing empty quote lines
    while out and out[-1].strip(" >") == "" and out[-1].strip():
        out.pop()
    return "\n".join(out).strip("\n")


def myst_left(text: str) -> list[str]:
    """Every directive fence or role still in ``text`` (empty when a front end without MyST renders it cleanly)."""
    return [m.group(0) for m in MYST_LEFT.finditer(text)]
