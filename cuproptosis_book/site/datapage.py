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
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

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


def _cell(text: Any) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(values: Iterable[Any]) -> str:
    return ", ".join(f"`{v}`" for v in values)


def field_type(f: dict[str, Any]) -> str:
    """``string``, ``integer`` …, or ``list of integer, `;`-separated``."""
    if f.get("type") == "list":
        return f"list of {f.get('itemType', 'string')}, `{f.get('delimiter', ',')}`-separated"
    text = str(f.get("type", "string"))
    if "trueValues" in f or "falseValues" in f:
        text += f" ({_code(f.get('trueValues', []))} / {_code(f.get('falseValues', []))})"
    return text


def _range(c: dict[str, Any]) -> list[str]:
    out = []
    if "minimum" in c and "maximum" in c:
        out.append(f"from {c['minimum']} to {c['maximum']}")
    elif "minimum" in c:
        out.append(f"at least {c['minimum']}")
    elif "maximum" in c:
        out.append(f"at most {c['maximum']}")
    if "pattern" in c:
        out.append(f"pattern `{c['pattern']}`")
    if "minLength" in c or "maxLength" in c:
        out.append(f"length {c.get('minLength', 0)} to {c.get('maxLength', '…')}")
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
        parts.append(f"keys of the `{f['x-vocabulary']}` vocabulary")
    elif "enum" in c:
        parts.append("one of " + _code(c["enum"]))
    if "enum" in items:
        parts.append("each item one of " + _code(items["enum"]))
    parts += [f"each item {rule}" for rule in _range(items)]
    if f.get("x-refs"):
        parts.append("the review's reference numbers (entries of `references.bib`)")
    if "x-kind" in f:
        parts.append("an entity of kind " + " or ".join(f"`{k}`" for k in f["x-kind"]))
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
                links[name] = f"{each}`{resource}.{target}`"
    return links


def _resource_markdown(resource: dict[str, Any]) -> list[str]:
    lines = [f"### `{resource['path']}`", "", f"**{_cell(resource.get('title', resource['name']))}**", ""]
    if resource.get("description"):
        lines += [_cell(resource["description"]), ""]
    facts = [f"Resource name `{resource['name']}`", f"format `{resource.get('format', '')}`"]
    if resource.get("mediatype"):
        facts.append(f"media type `{resource['mediatype']}`")
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
        row = [f"`{f['name']}`", field_type(f), "; ".join(r for r in rules if r), f.get("description", "")]
        lines.append("| " + " | ".join(_cell(x) for x in row) + " |")
    return lines + [""]


def _package_markdown(package: dict[str, Any], where: str) -> list[str]:
    lines = [
        f"## {_cell(package.get('title', package.get('name', where)))}",
        "",
        (
            f"Described by `{where}` (profile `{package.get('profile', 'data-package')}`, version "
            f"{package.get('version', '–')})."
        ),
        "",
    ]
    if package.get("description"):
        lines += [_cell(package["description"]), ""]
    for lic in package.get("licenses", []):
        lines += [f"Licence: [{lic.get('title', lic['name'])}]({lic['path']}) (`{lic['name']}`).", ""]
    for source in package.get("sources", []):
        path = source.get("path", "")
        target = f" ({path})" if path.startswith("http") else f" (`{path}`)" if path else ""
        lines += [f"- Source: {_cell(source['title'])}{target}"]
    for person in package.get("contributors", []):
        lines += [f"- {person.get('role', 'contributor').capitalize()}: {_cell(person['title'])}"]
    lines.append("")
    for resource in package["resources"]:
        lines += _resource_markdown(resource)
    vocabularies = package.get("x-vocabularies", {})
    if vocabularies:
        lines += ["### Controlled vocabularies", ""]
        for name, terms in vocabularies.items():
            lines += [f"`{name}`:", "", "| key | meaning |", "|---|---|"]
            lines += [f"| `{key}` | {_cell(meaning)} |" for key, meaning in terms.items()]
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
        lines += [f"| `{key}` | {_cell(text)} |" for key, text in conventions.items()]
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


def data_page_markdown(root: Path) -> str:
    """MyST documentation of every data package of the book (see the module docstring)."""
    lines: list[str] = []
    for where, package in packages(root).items():
        lines += _package_markdown(package, where)
    return "\n".join(lines).rstrip() + "\n"


def loading_examples(root: Path) -> str:
    """The *Loading the data* section of ``data/README.md``, with its heading."""
    readme = (root / "data" / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Loading the data")
    end = readme.find("\n## ", start + 1)
    return readme[start : end if end != -1 else len(readme)].strip() + "\n"


def _write_zip(out: Path, members: list[tuple[str, Path]]) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, path in sorted(members):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return out


def data_zip_members(root: Path) -> list[tuple[str, Path]]:
    """Every file of ``data/`` (sub-packages included) and the content licence, as (name in the zip, file)."""
    folder = ZIP_FOLDERS[DATA_ZIP]
    members = [
        (f"{folder}/{p.relative_to(root / 'data').as_posix()}", p)
        for p in sorted((root / "data").rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    ]
    members.append((f"{folder}/LICENSE-CONTENT.md", root / "LICENSE-CONTENT.md"))
    return members


def write_data_zip(root: Path, out: Path) -> Path:
    """The whole data package as one zip that unpacks into ``cuproptosis-book-data/``."""
    return _write_zip(out, data_zip_members(root))


def write_graphs_zip(root: Path, out: Path) -> Path:
    """The GraphML and Cytoscape files of ``figures/`` with its README, unpacking into ``cuproptosis-book-graphs/``."""
    folder = ZIP_FOLDERS[GRAPHS_ZIP]
    files = [p for p in sorted((root / "figures").iterdir()) if p.suffix in GRAPH_SUFFIXES]
    files += [root / "figures" / "README.md", root / "LICENSE-CONTENT.md"]
    return _write_zip(out, [(f"{folder}/{p.name}", p) for p in files])
