"""The data page documents every file and column of the data packages, and its downloads hold what they say.

The generated MyST and the built page (``_build/html/reference/data.html``, after ``make book``) are checked
against the descriptors; the zips are unpacked and validated with the Frictionless validator.
"""

from __future__ import annotations

import json
import re
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
    assert "list of integer, `;`-separated" in rows["figure"] and "each item from 1 to 4" in rows["figure"]
    assert "keys of the `relation` vocabulary" in rows["relation"]
    assert "each item refers to `entities.id`" in rows["tumour_types"]  # x-itemForeignKeys
    assert "refers to `entities.id`" in rows["location"] and "required, unique" in rows["id"]
    assert "`cuproptosis`" in rows["effect_tags"]  # x-itemConstraints enum
    assert "| `lipoylates` |" in text and "| `copper_metabolism` | Copper metabolism in cancer |" in text
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
    for name in ("datapackage.json", "README.md", "LICENSE-CONTENT.md"):
        assert (unzipped / name).is_file(), name
    report = frictionless.validate(str(unzipped / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "type", "note"])
    assert [t.name for t in report.tasks] == [r["name"] for r in package["resources"]]


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
