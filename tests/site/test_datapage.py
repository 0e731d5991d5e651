"""The data page documents every file and column of the data packages, and its downloads hold what they say.

The generated MyST and the built page (``_build/html/reference/data.html``, after ``make book``) are checked
against the descriptors; the zips are unpacked and validated with the Frictionless validator.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any

import frictionless
import pytest
from bs4 import BeautifulSoup

from cuproptosis_book.site import datapage
from tests.site.conftest import BOOK_HTML, skip_or_fail

REPO = Path(__file__).resolve().parents[2]
DESCRIPTORS = {
    where: json.loads((REPO / where).read_text(encoding="utf-8"))
    for where in datapage.PACKAGES
    if (REPO / where).exists()
}


def test_the_book_has_a_data_package_and_a_derived_one() -> None:
    assert {"data/datapackage.json", "figures/datapackage.json"} <= set(DESCRIPTORS)


def documented(markdown: str) -> dict[str, list[str]]:
    """Resource path -> the column names of its table, read from the generated MyST."""
    out: dict[str, list[str]] = {}
    for block in re.split(r"^### ", markdown, flags=re.MULTILINE)[1:]:
        head = re.match(r"`([^`]+)`", block)
        if head:
            out[head.group(1)] = re.findall(r"^\| `([^`]+)` \|", block, re.MULTILINE)
    return out


def test_the_generated_page_lists_every_resource_and_every_field_in_order() -> None:
    pages = documented(datapage.data_page_markdown(REPO))
    for package in DESCRIPTORS.values():
        for resource in package["resources"]:
            names = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
            assert pages[resource["path"]] == names, resource["path"]


def test_the_generated_page_spells_out_types_rules_vocabularies_and_links() -> None:
    text = datapage.data_page_markdown(REPO)
    rows = {m.group(1): m.group(0) for m in re.finditer(r"^\| `(\w+)` \|.*$", text, re.MULTILINE)}
    # relations.csv (the last row of each name wins: check names that occur once in the package)
    assert "list of integer, `;`-separated" in rows["figure"]
    assert "each item from 1 to 4" in rows["figure"]
    assert "keys of the `relation` vocabulary" in rows["relation"]
    assert "each item refers to `entities.id`" in rows["tumour_types"]  # x-itemForeignKeys
    assert "refers to `entities.id`" in rows["location"]
    assert "required, unique" in rows["id"]
    assert "`cuproptosis`" in rows["effect_tags"]  # x-itemConstraints enum
    assert "| `lipoylates` |" in text
    assert "| `copper_metabolism` | Copper metabolism in cancer |" in text
    assert (
        "Licence: [Creative Commons Attribution 4.0 International](https://creativecommons.org/licenses/by/4.0/)"
        in text
    )
    assert "doi:10.20517/cdr.2025.41" in text
    for prop in DESCRIPTORS["data/datapackage.json"]["x-conventions"]:
        assert f"| `{prop}` |" in text


def test_the_loading_examples_are_the_readmes_executed_ones() -> None:
    """test_datapackages.py runs the README's python blocks; the page shows exactly those blocks."""
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    section = datapage.loading_examples(REPO)
    assert section.startswith("## Loading the data")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    assert re.findall(r"```python\n(.*?)```", section, re.DOTALL) == blocks


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("zip")
    path = datapage.write_data_zip(REPO, out / datapage.DATA_ZIP)
    with zipfile.ZipFile(path) as zf:
        zf.extractall(out / "unzipped")
    return out / "unzipped" / "cuproptosis-book-data"


def test_the_data_zip_holds_every_resource_and_validates(unzipped: Path) -> None:
    package = DESCRIPTORS["data/datapackage.json"]
    for resource in package["resources"]:
        assert (unzipped / resource["path"]).read_bytes() == (REPO / "data" / resource["path"]).read_bytes()
    for name in ("datapackage.json", "README.md", "LICENSE-CONTENT.md", "CITATION.cff", "course/datapackage.json"):
        assert (unzipped / name).is_file(), name
    for descriptor, where in (
        (package, "datapackage.json"),
        (DESCRIPTORS["data/course/datapackage.json"], "course/datapackage.json"),
    ):
        report = frictionless.validate(str(unzipped / where))
        assert report.valid, report.flatten(["taskName", "type", "note"])
        assert [t.name for t in report.tasks] == [r["name"] for r in descriptor["resources"]]


def _readme_files(readme: str) -> set[str]:
    """The file names a README's file table lists (first column, in backticks)."""
    return set(re.findall(r"^\| `([^`]+)` \|", readme, re.MULTILINE))


def test_the_data_zip_readme_names_only_files_the_zip_holds(unzipped: Path) -> None:
    readme = (unzipped / "README.md").read_text(encoding="utf-8")
    listed = _readme_files(readme.split("\n### ")[0])  # the Files table, before the per-file sections
    held = {p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*") if p.is_file()}
    assert all(name.rstrip("/") in {h.split("/")[0] for h in held} for name in listed), listed - held
    assert {h for h in held if "/" not in h} - listed <= {"CITATION.cff", "LICENSE-CONTENT.md"}
    assert "CITATION.cff" in readme
    assert "LICENSE-CONTENT.md" in readme
    assert "data/datapackage.json" not in readme  # no path that does not exist inside the zip


#: SQLite's keywords that it refuses as a bare column name (its parser has no fallback to a name for them).
def _sqlite_accepts_bare(name: str) -> bool:
    with sqlite3.connect(":memory:") as db:
        try:
            db.execute(f"CREATE TABLE t ({name} TEXT)")
            db.execute(f"SELECT {name} FROM t WHERE {name} IS NULL ORDER BY {name}")
        except sqlite3.OperationalError:
            return False
    return True


def test_the_data_zip_loads_into_sqlite_with_bare_column_names(unzipped: Path) -> None:
    assert not _sqlite_accepts_bare("order")
    assert not _sqlite_accepts_bare("where")
    db = sqlite3.connect(":memory:")
    loaded = {}
    for folder in (unzipped, unzipped / "course"):
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
        for resource in package["resources"]:
            if resource.get("type") != "table":
                continue
            with (folder / resource["path"]).open(encoding="utf-8", newline="") as fh:
                rows = list(csv.reader(fh))
            header = rows[0]
            for name in header:  # no SQL-reserved, no space-bearing names: every column works unquoted
                assert re.fullmatch(r"[a-z][a-z0-9_]*", name), (resource["path"], name)
                assert _sqlite_accepts_bare(name), (resource["path"], name)
            table = resource["name"]
            db.execute(f"CREATE TABLE {table} ({', '.join(header)})")
            db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(header))})", rows[1:])
            loaded[table] = len(rows) - 1
    assert loaded["relations"] == db.execute("SELECT count(*) FROM relations").fetchone()[0] > 100
    assert db.execute("SELECT id FROM errata WHERE section LIKE '%figure1%' ORDER BY id").fetchall()
    steps = db.execute(
        "SELECT step, key FROM steps WHERE stepper = 'journey' ORDER BY CAST(step AS INTEGER)"
    ).fetchall()
    assert [s[0] for s in steps] == [str(i) for i in range(1, len(steps) + 1)]


def test_the_published_table_files_have_names_other_tools_keep() -> None:
    for name in ("table1.csv", "table2.csv"):
        with (REPO / "figures" / name).open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", h) and _sqlite_accepts_bare(h) for h in header), header


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("graphs")
    with zipfile.ZipFile(datapage.write_graphs_zip(REPO, out / datapage.GRAPHS_ZIP)) as zf:
        zf.extractall(out)
    return out / "cuproptosis-book-graphs"


def test_the_graphs_zip_describes_exactly_its_files_and_validates(graphs: Path) -> None:
    held = {p.name for p in graphs.iterdir()}
    assert {"datapackage.json", "README.md", "CITATION.cff", "LICENSE-CONTENT.md"} <= held
    package = json.loads((graphs / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"] for r in package["resources"]}
    assert described == {p for p in held if p.endswith(datapage.GRAPH_SUFFIXES)}
    assert _readme_files((graphs / "README.md").read_text(encoding="utf-8")) == held
    report = frictionless.validate(str(graphs / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "type", "note"])
    assert all("path" not in s or s["path"].startswith("http") for s in package.get("sources", []))


GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def test_the_graphml_reads_the_same_with_a_second_reader(graphs: Path) -> None:
    """networkx writes the GraphML; ElementTree reads it against the GraphML structure, and so does the Cytoscape JSON."""
    for path in sorted(graphs.glob("*.graphml")):
        root = ET.parse(path).getroot()
        assert root.tag == f"{GRAPHML}graphml"
        keys = {k.get("id"): (k.get("for"), k.get("attr.name")) for k in root.findall(f"{GRAPHML}key")}
        graph = root.find(f"{GRAPHML}graph")
        assert graph is not None
        assert graph.get("edgedefault") == "directed"
        nodes = {n.get("id") for n in graph.findall(f"{GRAPHML}node")}
        edges = graph.findall(f"{GRAPHML}edge")
        assert nodes
        assert edges
        assert all(e.get("source") in nodes and e.get("target") in nodes for e in edges)
        for element in graph.iter():
            for d in element.findall(f"{GRAPHML}data"):
                assert d.get("key") in keys, (path.name, d.get("key"))
        relation = {k for k, (kind, name) in keys.items() if kind == "edge" and name == "relation"}
        assert all(any(d.get("key") in relation for d in e.findall(f"{GRAPHML}data")) for e in edges)
        cyjs = json.loads(path.with_suffix(".cyjs").read_text(encoding="utf-8"))
        assert isinstance(cyjs["data"], dict)  # Cytoscape.js JSON: data is an object
        ids = [e["data"]["id"] for e in cyjs["elements"]["edges"]]
        assert len(ids) == len(set(ids)) == len(edges)  # an id on every edge, one edge per GraphML edge
        assert {n["data"]["id"] for n in cyjs["elements"]["nodes"]} == nodes


def test_the_zips_are_byte_identical_and_sorted(tmp_path: Path) -> None:
    for write in (datapage.write_data_zip, datapage.write_graphs_zip):
        a, b = write(REPO, tmp_path / "a.zip"), write(REPO, tmp_path / "b.zip")
        assert a.read_bytes() == b.read_bytes()
        with zipfile.ZipFile(a) as zf:
            names = zf.namelist()
            assert names == sorted(names)
            assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_graphs_zip_holds_every_graph_file(tmp_path: Path) -> None:
    with zipfile.ZipFile(datapage.write_graphs_zip(REPO, tmp_path / "g.zip")) as zf:
        names = set(zf.namelist())
    for stem in ("figure1", "figure2", "figure3", "figure4", "review_network"):
        for ext in ("graphml", "cyjs"):
            assert f"cuproptosis-book-graphs/{stem}.{ext}" in names
    assert "cuproptosis-book-graphs/README.md" in names


@pytest.fixture(scope="module")
def built_page() -> Any:
    path = BOOK_HTML / "reference" / "data.html"
    if not path.exists():
        skip_or_fail("build the book first: make book")
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.browser  # needs the built site
def test_the_built_page_has_a_table_for_every_resource_with_every_field(built_page: Any) -> None:
    main = built_page.find("main") or built_page
    tables: dict[str, list[str]] = {}
    for h3 in main.find_all("h3"):
        code = h3.find("code")
        if code is None:
            continue
        table = h3.find_parent("section").find("table")
        rows = table.find("tbody").find_all("tr") if table is not None else []
        tables[code.get_text()] = [" ".join(tr.find("td").get_text().split()) for tr in rows]
    for package in DESCRIPTORS.values():
        for resource in package["resources"]:
            fields = [f["name"] for f in resource.get("schema", {}).get("fields", [])]
            assert tables[resource["path"]] == fields, resource["path"]


@pytest.mark.browser  # needs the built site
def test_the_built_page_links_the_zips_the_build_wrote(built_page: Any) -> None:
    hrefs = {a["href"] for a in built_page.find_all("a", href=True)}
    for name in (datapage.DATA_ZIP, datapage.GRAPHS_ZIP):
        href = f"../{datapage.DOWNLOADS}/{name}"
        assert href in hrefs, name
        built = BOOK_HTML / datapage.DOWNLOADS / name
        assert built.is_file(), f"{built} missing: the build-finished hook did not run"
    with zipfile.ZipFile(BOOK_HTML / datapage.DOWNLOADS / datapage.DATA_ZIP) as zf:
        assert "cuproptosis-book-data/datapackage.json" in zf.namelist()
    assert "read_table" in built_page.get_text()  # the pandas example
    assert "Network from File" in built_page.get_text()


def _myst_tokens(markdown: str) -> list[Any]:
    """Every token MyST's own parser (as the book build configures it by default) makes of ``markdown``."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    def walk(tokens: list[Any]) -> list[Any]:
        return [t for token in tokens for t in [token, *walk(token.children or [])]]

    return walk(create_md_parser(MdParserConfig(), RendererHTML).parse(markdown))


HOSTILE = "<table>.<column> where a|b {doc}`x` *y* [z](javascript:alert(1)) <!-- c --> `d` $e$ &amp; \\f"


def test_text_from_a_schema_reaches_the_page_as_typed(tmp_path: Path) -> None:
    """What the page takes from a descriptor is escaped for MyST: no raw HTML, role, link or math comes through."""
    for where in datapage.PACKAGES:
        target = tmp_path / where
        target.parent.mkdir(parents=True, exist_ok=True)
        package = json.loads((REPO / where).read_text(encoding="utf-8"))
        package["title"] = package["description"] = HOSTILE
        for resource in package["resources"]:
            resource["title"] = resource["description"] = HOSTILE
            for f in resource.get("schema", {}).get("fields", []):
                f["description"] = HOSTILE
                if where.startswith("figures"):  # the data must still load (the page counts its rows)
                    f.setdefault("constraints", {})["pattern"] = "a|`b`"
        target.write_text(json.dumps(package), encoding="utf-8")
    shutil.copytree(REPO / "data", tmp_path / "data", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.json"))
    text = datapage.data_page_markdown(tmp_path)
    kinds = {t.type for t in _myst_tokens(text)}
    assert not kinds & {"html_inline", "html_block", "myst_role", "math_inline"}
    links = [t for t in _myst_tokens(text) if t.type == "link_open"]
    assert all(t.attrs["href"].startswith("https://") for t in links)
    html = BeautifulSoup(MarkdownIt_render(text), "html.parser")
    cells = [td.get_text() for td in html.find_all("td")]
    assert HOSTILE in cells  # the description cell shows exactly what the schema says
    assert any("pattern a|`b`" in c for c in cells)  # a pattern with a pipe and backticks, shown whole


def MarkdownIt_render(markdown: str) -> str:
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return str(create_md_parser(MdParserConfig(), RendererHTML).render(markdown))


def test_the_real_page_has_no_raw_html_and_states_the_provenance_counts() -> None:
    text = datapage.data_page_markdown(REPO)
    assert not {t.type for t in _myst_tokens(text)} & {"html_inline", "html_block", "myst_role", "math_inline"}
    assert "'\\<table\\>.\\<column\\> where" in text  # the key_source description, escaped
    table = text.split("## Where each row comes from")[1].split("\n## ")[0]
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `?([\w. ]+?)`? \| (.*) \|$", table, re.MULTILINE)}
    entities = rows["entities.csv"].split(" | ")
    with (REPO / "data" / "entities.csv").open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    cited = sum(1 for r in records if r["refs"])
    assert entities[0] == str(cited)
    assert entities[-1] == str(len(records))
    assert entities[2] == str(len(records) - cited)
