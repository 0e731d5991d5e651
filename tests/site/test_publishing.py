"""Publishing: the GitHub Actions workflows, the citation and licence files, the dev container and README.

The workflows are linted by actionlint (a test requirement); `CITATION.cff` is validated offline against the
Citation File Format 1.2.0 schema (tests/schemas/), the schema `cffconvert --validate` applies.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
CFF_SCHEMA = ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json"


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def book_config() -> dict[str, Any]:
    config: dict[str, Any] = load_yaml(ROOT / "_config.yml")
    return config


def workflow(name: str) -> dict[str, Any]:
    data: dict[Any, Any] = load_yaml(WORKFLOWS / name)
    # YAML 1.1 reads the key `on` as the boolean true
    data["on"] = data.pop(True)
    return data


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job["steps"])


def runs(job: dict[str, Any]) -> list[str]:
    return [s["run"] for s in steps(job) if "run" in s]


def uses(job: dict[str, Any]) -> list[str]:
    return [s["uses"] for s in steps(job) if "uses" in s]


# -- workflows -----------------------------------------------------------------------------------------


def actionlint() -> str:
    found = Path(sys.executable).parent / "actionlint"
    path = str(found) if found.exists() else shutil.which("actionlint")
    assert path, "actionlint is a test requirement (requirements-test.txt): run `make env`"
    return path


def test_the_workflows_pass_actionlint() -> None:
    files = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
    assert {"ci.yml", "pages.yml"} <= {f.name for f in files}
    result = subprocess.run(
        [actionlint(), "-no-color", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not result.stdout.strip(), result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo ${{ github.event.issue.title }}\n"
        "      - run: echo ${{ steps.nope.outputs.x }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [actionlint(), "-no-color", str(bad)], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout
    assert "steps.nope" in result.stdout


SHA_PIN = re.compile(r"^\s*(?:-\s*)?uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40})\s+#\s*(v\d+\.\d+\.\d+)\s*$")


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_every_action_is_pinned_to_a_release_commit(name: str) -> None:
    lines = [
        line
        for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
        if re.match(r"^\s*(?:-\s*)?uses:", line)
    ]
    assert lines
    for line in lines:
        assert SHA_PIN.match(line), f"pin `{line.strip()}` to a full commit SHA with its release tag as a comment"


def test_ci_runs_check_and_test_on_pull_requests_and_pushes() -> None:
    wf = workflow("ci.yml")
    assert {"pull_request", "push"} <= set(wf["on"])
    assert wf["permissions"] == {"contents": "read"}
    (job,) = wf["jobs"].values()
    assert job["container"].startswith("python:3.11-"), "CI runs the Python of runtime.txt (3.11)"
    commands = runs(job)
    assert any("apt-get install" in r and "chromium" in r for r in commands)
    make = [r.strip() for r in commands if r.strip().startswith("make ")]
    assert make == ["make check", "make test"]
    assert job["env"]["CI"] == "true", "under CI=true the browser tests fail rather than skip"


def test_pages_builds_the_whole_site_and_deploys_it_from_main() -> None:
    wf = workflow("pages.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in wf["on"]
    assert wf["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    commands = [r.strip() for r in runs(build)]
    assert commands.index("make book") < commands.index("make handouts site")
    upload = [s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert len(upload) == 1
    assert upload[0]["with"]["path"] == "_build/html"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    (step,) = steps(deploy)
    assert step["uses"].startswith("actions/deploy-pages@")
    assert step["id"] == "deployment"


def test_make_site_adds_handouts_and_downloads_to_the_built_site() -> None:
    make = shutil.which("make")
    assert make, "make is needed to build the book"
    # -n: print the recipe without running it; -o book -o handouts: take those two as already made
    result = subprocess.run(
        [make, "-n", "-o", "book", "-o", "handouts", "site"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    recipe = result.stdout.splitlines()
    assert "cp -R _build/handouts _build/html/handouts" in recipe
    assert "cp -R figures _build/html/downloads/figures" in recipe
    # the instructor site (inside the learner site) gets its own handouts, with solutions, and the figures
    assert "cp -R _build/handouts-instructor _build/html/instructor/handouts" in recipe
    assert "cp -R figures _build/html/instructor/downloads/figures" in recipe
    rule = re.search(r"^site:(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert rule
    assert set(rule.group(1).split()) >= {"book", "handouts"}


# -- citation --------------------------------------------------------------------------------------------


def cff() -> dict[str, Any]:
    data = load_yaml(ROOT / "CITATION.cff")
    assert isinstance(data, dict)
    return data


def cff_errors(data: dict[str, Any]) -> list[str]:
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def json_ready(data: Any) -> Any:
    """YAML reads an unquoted date as a date; CFF (like cffconvert) treats it as its ISO text."""
    return json.loads(json.dumps(data, default=str))


def test_citation_cff_validates_against_the_cff_1_2_0_schema() -> None:
    data = cff()
    assert data["cff-version"] == "1.2.0"
    assert cff_errors(json_ready(data)) == []


def test_the_cff_validation_rejects_a_broken_file() -> None:
    broken = json_ready(cff())
    del broken["message"]
    broken["references"][0]["doi"] = "not a doi"
    errors = cff_errors(broken)
    assert any("'message' is a required property" in e for e in errors)
    assert any(e.startswith("references/0/doi") for e in errors)


def test_citation_credits_the_book_and_matches_its_config() -> None:
    data = cff()
    config = book_config()
    assert data["authors"] == [{"name": "The book's contributors"}]
    assert data["repository-code"] == config["repository"]["url"]
    assert data["title"] == config["title"]
    assert data["url"] == "https://cuproptosis-book.github.io/cuproptosis-book/"
    assert sorted(data["license"]) == ["CC-BY-4.0", "MIT"]


def test_citation_points_to_the_review_as_in_the_bibliography() -> None:
    (review,) = cff()["references"]
    entry = parse_file(str(ROOT / "data" / "references.bib")).entries["yao2025"]
    assert review["type"] == "article"
    assert review["doi"] == entry.fields["doi"]
    assert review["title"] == entry.fields["title"].strip("{}")
    assert [(a["family-names"], a["given-names"]) for a in review["authors"]] == [
        (" ".join(p.last_names), " ".join(p.first_names)) for p in entry.persons["author"]
    ]
    assert (review["year"], review["volume"], review["start"]) == (
        int(entry.fields["year"]),
        int(entry.fields["volume"]),
        int(entry.fields["pages"]),
    )
    assert review["journal"] == "Cancer Drug Resistance"
    assert review["license"] == "CC-BY-4.0"


def test_zenodo_metadata_parses_and_agrees_with_citation_cff() -> None:
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    data = cff()
    assert zenodo["title"] == data["title"]
    assert zenodo["license"].upper() in data["license"]
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in data["authors"]]
    assert zenodo["upload_type"] == "publication"
    assert zenodo["publication_type"] == "book"
    derived = [r["identifier"] for r in zenodo["related_identifiers"] if r["relation"] == "isDerivedFrom"]
    assert derived == [data["references"][0]["doi"]]


# -- licences and README ---------------------------------------------------------------------------------


def test_licence_files_match_the_readme_and_the_package() -> None:
    mit = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert mit.startswith("MIT License\n")
    assert "Permission is hereby granted, free of charge" in mit
    content = (ROOT / "LICENSE-CONTENT.md").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International Public License" in content
    assert "doi.org/10.20517/cdr.2025.41" in content
    assert "Yao L, Jiang B, Xu D" in content
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    licence = readme.split("## Licence and attribution", 1)[1]
    assert "`LICENSE-CONTENT.md`" in licence
    assert "`LICENSE`" in licence
    assert "CC BY 4.0" in licence
    assert "MIT" in licence
    assert "CC-BY-4.0 (content) / MIT (code)" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def pages_url(repository_url: str) -> str:
    owner, repo = repository_url.rstrip("/").split("/")[-2:]
    return f"https://{owner.lower()}.github.io/{repo}/"


def test_readme_says_where_the_site_lives_and_how_a_fork_publishes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    site = readme.split("## Where the site lives", 1)[1].split("\n## ", 1)[0]
    assert pages_url(book_config()["repository"]["url"]) in site
    assert "**GitHub Actions**" in site
    assert "repository.url" in site
    cite = readme.split("## How to cite", 1)[1].split("\n## ", 1)[0]
    assert "CITATION.cff" in cite
    assert "10.20517/cdr.2025.41" in cite


def test_the_introduction_says_how_to_cite() -> None:
    nb = json.loads((ROOT / "chapters" / "introduction.ipynb").read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown"]
    (cite,) = [c for c in cells if c.startswith("## How to cite")]
    assert cff()["title"] in cite
    assert pages_url(book_config()["repository"]["url"]) in cite
    assert "doi.org/10.20517/cdr.2025.41" in cite
    assert "{cite}`yao2025`" in cite
    assert "CITATION.cff" in cite


# -- dev container ---------------------------------------------------------------------------------------


def test_dev_container_sets_up_the_book_and_forwards_the_serve_port() -> None:
    spec = json.loads((ROOT / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"mcr\.microsoft\.com/devcontainers/python:(\d+-)?3\.11-bookworm", spec["image"])
    assert spec["postCreateCommand"].endswith("make env")
    assert "chromium" in spec["postCreateCommand"]
    serve = re.search(r"^serve:\n\t(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert serve
    port = re.search(r"http\.server (\d+)", serve.group(1))
    assert port
    assert spec["forwardPorts"] == [int(port.group(1))]
