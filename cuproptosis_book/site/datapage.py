"""The data page of the book and the downloads it links, both generated from the data packages.

- :func:`data_page_markdown`: MyST text documenting every file of ``data/datapackage.json`` (and of
  ``data/course/datapackage.json`` and ``figures/datapackage.json`` when they exist): columns, types, list
  delimiters, required and unique fields, controlled vocabularies, foreign keys (standard and
  ``x-itemForeignKeys``), descriptions, licence and sources. The Sphinx extension puts it in place of
  :data:`DATA_MARKER`, so the page always matches the schema.
- :func:`loading_examples`: the *Loading the data* section of ``data/README.md`` (a test runs its examples).
- :func:`write_data_zip` and :func:`write_graphs_zip`: the data package, and the graph files of ``figures/``,
  as one zip each, byte-identical for the same files (sorted entries, fixed timestamps).
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cuproptosis_book import data

DATA_MARKER = "<!-- datapackage-from-data -->"
EXAMPLES_MARKER = "<!-- data-loading-examples -->"
DATA_ZIP = "cuproptosis-book-data.zip"
GRAPHS_ZIP = "cuproptosis-book-graphs.zip"
#: Where the zips go inside the built site, and the folder a zip unpacks into.
DOWNLOADS = "_downloads"
ZIP_FOLDERS = {DATA_ZIP: "cuproptosis-book-data", GRAPHS_ZIP: "cuproptosis-book-graphs"}
#: Descriptors the page documents, relative to the book's root, in this order, when they exist.
PACKAGES = ("data/datapackage.json", "data/course/datapackage.json", "figures/datapackage.json")
GRAPH_SUFFIXES = (".graphml", ".cyjs")
_EPOCH = (1980, 1, 1, 0, 0, 0)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|$~&#!])")


def _cell(text: Any) -> str:
    """Plain text from data or schema, safe in MyST (a paragraph, a heading, a table cell): one line, and every
    character that Markdown, MyST or HTML would read as markup (``<table>``, ``{role}``, ``*``, ``|`` …)
    backslash-escaped, so it shows as typed."""
    line = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", line)


def _code_span(value: Any) -> str:
    """One value as inline code: a fence longer than any backtick run inside, pipes escaped for tables."""
    text = " ".join(str(value).split()).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _code(values: Iterable[Any]) -> str:
    return ", ".join(_code_span(v) for v in values)


def _link(title: Any, address: Any) -> str:
    """A Markdown link to a web address; anything else (a relative path, an odd scheme) as code."""
    url = str(address)
    if re.fullmatch(r"https?://[^\s<>()`]+", url):
        return f"[{_cell(title)}]({url})"
    return f"{_cell(title)} ({_code_span(url)})"


def field_type(f: dict[str, Any]) -> str:
    """``string``, ``integer`` …, or ``list of integer, `;`-separated``."""
    if f.get("type") == "list":
        return f"list of {_cell(f.get('itemType', 'string'))}, {_code_span(f.get('delimiter', ','))}-separated"
    text = _cell(f.get("type", "string"))
    if "trueValues" in f or "falseValues" in f:
        text += f" ({_code(f.get('trueValues', []))} / {_code(f.get('falseValues', []))})"
    return text


def _range(c: dict[str, Any]) -> list[str]:
    out = []
    if "minimum" in c and "maximum" in c:
        out.append(f"from {_cell(c['minimum'])} to {_cell(c['maximum'])}")
    elif "minimum" in c:
        out.append(f"at least {_cell(c['minimum'])}")
    elif "maximum" in c:
        out.append(f"at most {_cell(c['maximum'])}")
    if "pattern" in c:
        out.append(f"pattern {_code_span(c['pattern'])}")
    if "minLength" in c or "maxLength" in c:
        out.append(f"length {_cell(c.get('minLength', 0))} to {_cell(c.get('maxLength', '…'))} characters")
    return out


def field_rules(f: dict[str, Any]) -> str:
    c = f.get("constraints", {})
    rules = [word for word in ("required", "unique") if c.get(word)]
    return ", ".join(rules + _range(c))


def field_values(f: dict[str, Any]) -> str:
    """The values a field may hold: its ``enum``, item rules, vocabulary, kinds of entity, reference numbers."""
    c, items = f.get("constraints", {}), f.get("x-itemConstraints", {})
    parts = []
    if "x-vocabulary" in f:
        parts.append(f"keys of the {_code_span(f['x-vocabulary'])} vocabulary")
    elif "enum" in c:
        parts.append("one of " + _code(c["enum"]))
    if "enum" in items:
        parts.append("each item one of " + _code(items["enum"]))
    parts += [f"each item {rule}" for rule in _range(items)]
    if f.get("x-refs"):
        parts.append("the review's reference numbers (entries of `references.bib`)")
    if "x-kind" in f:
        parts.append("an entity of kind " + " or ".join(_code_span(k) for k in f["x-kind"]))
    return "; ".join(parts)


def field_links(schema: dict[str, Any]) -> dict[str, str]:
    """Field name -> where its values must exist: standard ``foreignKeys`` and ``x-itemForeignKeys``."""
    links: dict[str, str] = {}
    for key, each in (("foreignKeys", "refers to "), ("x-itemForeignKeys", "each item refers to ")):
        for fk in schema.get(key, []):
            fields = fk["fields"] if isinstance(fk["fields"], list) else [fk["fields"]]
            ref = fk["reference"]
            targets = ref["fields"] if isinstance(ref["fields"], list) else [ref["fields"]]
            resource = ref.get("resource") or "this file"
            for name, target in zip(fields, targets, strict=True):
                links[name] = f"{each}{_code_span(f'{resource}.{target}')}"
    return links


def _resource_markdown(resource: dict[str, Any]) -> list[str]:
    lines = [f"### {_code_span(resource['path'])}", "", f"**{_cell(resource.get('title', resource['name']))}**", ""]
    if resource.get("description"):
        lines += [_cell(resource["description"]), ""]
    facts = [f"Resource name {_code_span(resource['name'])}", f"format {_code_span(resource.get('format', ''))}"]
    if resource.get("mediatype"):
        facts.append(f"media type {_code_span(resource['mediatype'])}")
    schema = resource.get("schema")
    if schema and schema.get("primaryKey"):
        key = schema["primaryKey"]
        facts.append("primary key " + _code(key if isinstance(key, list) else [key]))
    lines += ["; ".join(facts) + ".", ""]
    if not schema:
        return lines
    links = field_links(schema)
    lines += ["| column | type | rules and values | description |", "|---|---|---|---|"]
    for f in schema["fields"]:
        link = links.get(f["name"], "")
        rules = [field_rules(f), field_values(f), link]
        row = [_code_span(f["name"]), field_type(f), "; ".join(r for r in rules if r), _cell(f.get("description", ""))]
        lines.append("| " + " | ".join(row) + " |")
    return [*lines, ""]


def _package_markdown(package: dict[str, Any], where: str) -> list[str]:
    lines = [
        f"## {_cell(package.get('title', package.get('name', where)))}",
        "",
        (
            f"Described by {_code_span(where)} (profile {_code_span(package.get('$schema', 'data-package'))}, "
            f"version {_cell(package.get('version', '–'))})."
        ),
        "",
    ]
    if package.get("description"):
        lines += [_cell(package["description"]), ""]
    for lic in package.get("licenses", []):
        lines += [
            f"Licence: {_link(lic.get('title', lic['name']), lic.get('path', ''))} ({_code_span(lic['name'])}).",
            "",
        ]
    for source in package.get("sources", []):
        path = source.get("path", "")
        target = (
            f" ({_cell(path)})" if re.fullmatch(r"https?://\S+", path) else f" ({_code_span(path)})" if path else ""
        )
        lines += [f"- Source: {_cell(source['title'])}{target}"]
    for person in package.get("contributors", []):
        roles = person.get("roles") or [person.get("role", "contributor")]
        lines += [f"- {_cell(', '.join(roles).capitalize())}: {_cell(person['title'])}"]
    lines.append("")
    for resource in package["resources"]:
        lines += _resource_markdown(resource)
    vocabularies = package.get("x-vocabularies", {})
    if vocabularies:
        lines += ["### Controlled vocabularies", ""]
        for name, terms in vocabularies.items():
            lines += [f"{_code_span(name)}:", "", "| key | meaning |", "|---|---|"]
            lines += [f"| {_code_span(key)} | {_cell(meaning)} |" for key, meaning in terms.items()]
            lines.append("")
    conventions = package.get("x-conventions", {})
    if conventions:
        lines += [
            "### Private properties",
            "",
            "Standard tools ignore properties whose names start with `x-`; the book's loader checks them.",
            "",
            "| property | meaning |",
            "|---|---|",
        ]
        lines += [f"| {_code_span(key)} | {_cell(text)} |" for key, text in conventions.items()]
        lines.append("")
    return lines


def packages(root: Path) -> dict[str, dict[str, Any]]:
    """The descriptors of :data:`PACKAGES` that exist under ``root``, parsed."""
    out = {}
    for where in PACKAGES:
        path = root / where
        if path.exists():
            out[where] = json.loads(path.read_text(encoding="utf-8"))
    return out


def provenance_markdown(root: Path) -> list[str]:
    """Where the rows of each table come from, counted from the data (:func:`cuproptosis_book.data.provenance`)."""
    counts = data.provenance(data.load_all(root / "data"))
    kinds = list(data.PROVENANCE)
    lines = [
        "## Where each row comes from",
        "",
        (
            "Counted from the data when the page is built. *Reference numbers*: the row cites the review's references. "
            "*Figure legend*: a relation stated in a figure legend without a citation (its `figure` and `section` "
            "say which). *Review text, uncited*: the review states it without a reference; its `section` says where "
            "(an erratum quotes its evidence). *Labelled outside source*: a glossary entry whose `source` says it "
            "comes from outside the review (standard nomenclature or background)."
        ),
        "",
        "| table | " + " | ".join(_cell(k) for k in kinds) + " | rows |",
        "|---|" + "---:|" * (len(kinds) + 1),
    ]
    for row in counts.to_dict("records"):
        lines.append(
            f"| {_code_span(row['table'])} | " + " | ".join(str(row[k]) for k in kinds) + f" | {row['rows']} |"
        )
    totals = [str(int(counts[k].sum())) for k in [*kinds, "rows"]]
    lines += ["| all tables | " + " | ".join(totals) + " |", ""]
    return lines


def data_page_markdown(root: Path) -> str:
    """MyST documentation of every data package of the book (see the module docstring)."""
    lines: list[str] = provenance_markdown(root) if (root / "data" / "datapackage.json").exists() else []
    for where, package in packages(root).items():
        lines += _package_markdown(package, where)
    return "\n".join(lines).rstrip() + "\n"


def loading_examples(root: Path) -> str:
    """The *Loading the data* section of ``data/README.md``, with its heading."""
    readme = (root / "data" / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Loading the data")
    end = readme.find("\n## ", start + 1)
    return readme[start : end if end != -1 else len(readme)].strip() + "\n"


def _write_zip(out: Path, members: list[tuple[str, Path | bytes]]) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in sorted(members, key=lambda m: m[0]):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, content if isinstance(content, bytes) else content.read_bytes())
    return out


#: What makes a zip self-describing besides its package and README: how to cite it, and its licence.
ABOUT_FILES = ("CITATION.cff", "LICENSE-CONTENT.md")


def data_zip_members(root: Path) -> list[tuple[str, Path | bytes]]:
    """Every file of ``data/`` (the course package included), the citation and the content licence."""
    folder = ZIP_FOLDERS[DATA_ZIP]
    members: list[tuple[str, Path | bytes]] = [
        (f"{folder}/{p.relative_to(root / 'data').as_posix()}", p)
        for p in sorted((root / "data").rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    ]
    members += [(f"{folder}/{name}", root / name) for name in ABOUT_FILES]
    return members


def write_data_zip(root: Path, out: Path) -> Path:
    """The whole data package as one zip that unpacks into ``cuproptosis-book-data/``."""
    return _write_zip(out, data_zip_members(root))


def graphs_package(root: Path) -> dict[str, Any]:
    """``figures/datapackage.json`` narrowed to the graph files: the descriptor of the graphs zip."""
    package: dict[str, Any] = json.loads((root / "figures" / "datapackage.json").read_text(encoding="utf-8"))
    package["name"] += "-graphs"
    package["title"] = package["title"].split(":")[0] + ": the graphs of the review's figures and of its network"
    package["description"] = (
        "The nodes and arrows of Figures 1-4 of the review and the whole review network, each as GraphML and as "
        "Cytoscape.js JSON, rebuilt from the book's data package. README.md describes every file."
    )
    package["resources"] = [r for r in package["resources"] if Path(r["path"]).suffix in GRAPH_SUFFIXES]
    package["sources"] = [  # the data package is not inside this zip: name it, do not point at a missing file
        dict(s, path=s["path"])
        if s["path"].startswith("http")
        else {"title": s["title"].replace("data/", "the book's data/")}
        for s in package.get("sources", [])
    ]
    return package


def graphs_readme(root: Path) -> str:
    """README of the graphs zip: its files (from :func:`graphs_package`) and the graph section of figures/README.md."""
    figures_readme = (root / "figures" / "README.md").read_text(encoding="utf-8")
    start = figures_readme.index("## Graph files")
    end = figures_readme.index("\nPNG files", start)
    attribution = figures_readme[figures_readme.index("Attribution for reuse:") :].strip()
    rows = [f"| `{r['path']}` | {r['title']} |" for r in graphs_package(root)["resources"]]
    files = ["| file | what it is |", "|---|---|", *rows]
    files += [
        "| `datapackage.json` | the descriptor of these files (Data Package v2) |",
        "| `README.md` | this file |",
        "| `CITATION.cff` | how to cite the book and the review |",
        "| `LICENSE-CONTENT.md` | the licence (CC BY 4.0) and the attribution to the review |",
    ]
    return "\n".join(
        [
            "# The review's graphs",
            "",
            "The graphs of Figures 1-4 of Yao L, Jiang B, Xu D, Cancer Drug Resist. 2025;8:15 (doi:10.20517/cdr.2025.41),",
            "and of the whole review network, rebuilt from the data package of the executable book *Copper, cuproptosis",
            "and cancer drug resistance*. Every file of this folder:",
            "",
            *files,
            "",
            figures_readme[start:end].strip(),
            "",
            attribution,
            "",
        ]
    )


def write_graphs_zip(root: Path, out: Path) -> Path:
    """The GraphML and Cytoscape files of ``figures/`` with their own package, README, citation and licence,
    unpacking into ``cuproptosis-book-graphs/``."""
    folder = ZIP_FOLDERS[GRAPHS_ZIP]
    package = graphs_package(root)
    members: list[tuple[str, Path | bytes]] = [
        (f"{folder}/{r['path']}", root / "figures" / r["path"]) for r in package["resources"]
    ]
    members += [(f"{folder}/{name}", root / name) for name in ABOUT_FILES]
    members.append((f"{folder}/datapackage.json", (json.dumps(package, indent=2, ensure_ascii=False) + "\n").encode()))
    members.append((f"{folder}/README.md", graphs_readme(root).encode()))
    return _write_zip(out, members)
