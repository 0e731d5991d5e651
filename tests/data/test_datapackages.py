"""The data packages are valid for the reference validator, and its reading of the files is the loader's.

``data/datapackage.json`` and ``figures/datapackage.json`` are checked with the Frictionless validator
(Python API, the version pinned in requirements-test.txt), with the duplicate-row check on. The README's
examples for reusing the data are executed, and what they print must match the comments beside them.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Any

import frictionless
import pytest
from frictionless.checks.row.duplicate_row import duplicate_row
from frictionless.resources import TableResource

from cuproptosis_book import data

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {
    "data": ROOT / "data" / "datapackage.json",
    "figures": ROOT / "figures" / "datapackage.json",
    "course": ROOT / "data" / "course" / "datapackage.json",
}


def descriptor(name: str) -> dict[str, Any]:
    package: dict[str, Any] = json.loads(PACKAGES[name].read_text(encoding="utf-8"))
    return package


@pytest.mark.parametrize("name", sorted(PACKAGES))
def test_the_reference_validator_reports_the_package_valid(name: str) -> None:
    report = frictionless.validate(str(PACKAGES[name]), checks=[duplicate_row()])
    problems = report.flatten(["taskName", "type", "rowNumber", "fieldName", "note"])
    assert report.valid, problems
    assert report.stats["errors"] == 0, problems
    resources = descriptor(name)["resources"]
    assert [t.name for t in report.tasks] == [r["name"] for r in resources]
    tabular = [r["name"] for r in resources if r.get("type") == "table"]
    assert [t.name for t in report.tasks if t.type == "table"] == tabular


def test_the_data_package_declares_licence_source_and_contributors() -> None:
    package = descriptor("data")
    v2 = "https://datapackage.org/profiles/2.0/"
    for name in PACKAGES:  # one profile, the one that defines the list type: Data Package v2
        described = descriptor(name)
        assert described["$schema"] == v2 + "datapackage.json", name
        assert "profile" not in described, name
        assert {r["$schema"] for r in described["resources"]} == {v2 + "dataresource.json"}, name
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "Yao L, Jiang B, Xu D" in package["sources"][0]["title"]
    assert package["sources"][0]["path"] == "https://doi.org/10.20517/cdr.2025.41"
    assert {role for c in package["contributors"] for role in c["roles"]} == {"author", "wrangler"}
    assert descriptor("figures")["licenses"] == package["licenses"]


def _standard(value: Any, field: data.Field) -> Any:
    """A cell as the standard reads it, in the loader's shape: lists as tuples, an empty list as ()."""
    if field.separator is not None:
        return tuple(value) if value is not None else ()
    return value


@pytest.mark.parametrize("name", data.TABLES)
def test_the_standard_reading_is_the_loaders_reading(name: str) -> None:
    """Without any private property, the standard reader gets the same values as the book's loader."""
    frame = getattr(data.load_all(), name).reset_index(drop=True)
    fields = data.load_schema().resources[name].fields
    resource = frictionless.Package(str(PACKAGES["data"])).get_resource(name)
    assert isinstance(resource, TableResource)
    rows = resource.read_rows()
    assert len(rows) == len(frame)
    for i, row in enumerate(rows):
        for f in fields:
            assert _standard(row[f.name], f) == frame.at[i, f.name], (name, i + 2, f.name)


def _x_properties(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {k for k in node if k.startswith("x-")}
        return found.union(*(_x_properties(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_x_properties(v) for v in node))
    return set()


def test_every_private_property_is_explained_in_the_package_and_the_readme() -> None:
    package = descriptor("data")
    used = _x_properties(package) - {"x-conventions"}
    assert used == {"x-itemConstraints", "x-itemForeignKeys", "x-vocabulary", "x-vocabularies", "x-refs", "x-kind"}
    assert used <= set(package["x-conventions"])
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    for prop in used:
        assert f"`{prop}`" in readme, prop
    assert _x_properties(descriptor("figures")) == set()


def test_single_valued_vocabulary_fields_repeat_their_keys_in_a_standard_enum() -> None:
    package = descriptor("data")
    checked = 0
    for resource in package["resources"]:
        for field in resource.get("schema", {}).get("fields", []):
            if "x-vocabulary" in field and field["type"] != "list":
                keys = list(package["x-vocabularies"][field["x-vocabulary"]])
                assert field["constraints"]["enum"] == keys, field["name"]
                checked += 1
    assert checked == 1  # relations.relation


def test_the_readme_examples_run_and_print_what_they_say(monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    assert len(blocks) == 3
    monkeypatch.chdir(ROOT / "data")
    namespace: dict[str, Any] = {}
    for block in blocks:
        expected = [m.group(1) for m in re.finditer(r"^print\(.*\)\s+# (.*)$", block, re.MULTILINE)]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(block, "data/README.md", "exec"), namespace)
        assert out.getvalue().splitlines() == expected
    review = data.load_all()
    assert len(namespace["relations"]) == len(review.relations)
    assert [tuple(x) for x in namespace["rel"]["refs"]] == list(review.relations["refs"])
    assert [tuple(x) for x in namespace["rel"]["figure"]] == list(review.relations["figure"])
