"""The benchmark harness (the bench/ package): its logic only. No timing is asserted here (see bench/README.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import nbformat
import pytest

from bench import cli, floor_book, harness, measures, phone, results, stats, widget_speed

ROOT = Path(__file__).resolve().parents[2]
# The keys of results.json, in order, as bench/README.md documents them (typed here, not read from the code).
RESULTS_JSON_KEYS = [
    "build_ratio", "build_s", "floor_build_s", "rebuild_s",
    "nbval_ratio", "nbval_s", "floor_nbval_s",
    "widget_median_ms", "widget_p95_ms",
    "static_switch_ms", "static_switch_p95_ms", "static_switch_sync_ms", "static_switch_2raf_ms",
    "heaviest_page_mb", "heaviest_page",
    "phone_lcp_s", "phone_lcp_page", "phone_cls", "phone_cls_page", "phone_heaviest_kb_gz", "phone_heaviest_page",
    "figures_s",
    "lighthouse_performance_min", "lighthouse_performance_min_page", "lighthouse_accessibility_min",
    "lighthouse_best_practices_min", "lighthouse_seo_min", "lighthouse_lcp_s", "lighthouse_lcp_page",
    "lighthouse_stock_performance", "lighthouse_stock_lcp_s", "lighthouse_performance_ratio", "lighthouse_lcp_ratio",
    "install_s",
]  # fmt: skip


def test_median_and_p95() -> None:
    assert stats.median([]) is None
    assert stats.p95([]) is None
    assert stats.median([3, 1, 2]) == 2
    assert stats.median([4, 1, 2, 3]) == 2.5
    assert stats.p95([5]) == 5
    assert stats.p95(range(1, 101)) == 95  # nearest rank: 95 of 100 values are <= 95
    assert stats.p95(range(1, 21)) == 19
    assert stats.p95([10, 1, 1, 1]) == 10


def test_ratio() -> None:
    assert stats.ratio(3.0, 2.0) == 1.5
    assert stats.ratio(None, 2.0) is None
    assert stats.ratio(1.0, None) is None
    assert stats.ratio(1.0, 0.0) is None


def test_only_selects_groups_by_key_or_group_name() -> None:
    assert results.groups_for(None) == list(results.GROUPS)
    assert results.groups_for("widget_p95_ms") == ["widget"]
    assert results.groups_for("install_s, build") == ["build", "install"]  # measured in the usual order
    assert results.groups_for("rebuild_s,build_ratio") == ["build"]
    with pytest.raises(SystemExit, match="unknown key"):
        results.groups_for("speed")


def test_every_key_belongs_to_one_group_and_every_goal_to_a_key() -> None:
    grouped = [k for keys in results.GROUPS.values() for k in keys]
    assert len(set(grouped)) == len(grouped)
    assert results.KEYS == RESULTS_JSON_KEYS
    assert set(results.GOALS) <= set(results.KEYS)
    assert list(measures.MEASURES) == list(results.GROUPS)  # every group is measured, in the table's order


def test_results_have_every_key_when_fed_fake_timings() -> None:
    fake = {"build_s": 30.0, "floor_build_s": 20.0, "build_ratio": 1.5, "rebuild_s": 4.0, "widget_median_ms": 1.0}
    res = results.make_results(fake, notes=["a note"], details={"x": 1}, meta={"quick": True})
    for key in [*results.KEYS, "goals", "notes", "details", "meta"]:
        assert key in res
    assert res["nbval_ratio"] is None  # not measured
    assert res["goals"]["build_ratio"] == {"goal": 1.5, "value": 1.5, "status": "PASS"}
    assert res["goals"]["rebuild_s"]["status"] == "MISS"
    assert res["goals"]["nbval_ratio"]["status"] == "n/a"
    assert res["notes"] == ["a note"]
    json.dumps(res)  # serialisable
    printed = results.table(res)
    assert "build_ratio" in printed
    assert "PASS" in printed
    assert "MISS" in printed
    assert "≤ 3.0 s" in printed


def test_floor_book_has_n_notebooks_that_only_import_the_stack(tmp_path: Path) -> None:
    paths = floor_book.make_floor_book(tmp_path / "floor", 4)
    floor = tmp_path / "floor"
    assert len(paths) == 4
    assert all(p.parent == floor / "chapters" for p in paths)
    # the book's own configuration, unchanged, and what it names (data, favicon) so that it builds
    assert (floor / "_config.yml").read_text(encoding="utf-8") == (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert (floor / "data" / "references.bib").is_file()
    assert "[tool.pytest.ini_options]" in (floor / "pyproject.toml").read_text(encoding="utf-8")
    toc = (floor / "_toc.yml").read_text(encoding="utf-8")
    assert "root: chapters/floor01" in toc
    assert all(f"file: chapters/floor0{i}" in toc for i in (2, 3, 4))
    for i, path in enumerate(paths, start=1):
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert len(code) == 1
        assert code[0].outputs == []
        assert code[0].execution_count == 1
        imports = {line.split()[1] for line in code[0].source.splitlines() if line.startswith("import ")}
        assert imports == set(floor_book.STACK)
        assert nb.cells[0].cell_type == "markdown"
        assert nb.cells[0].source.startswith(f"# Floor page {i}")
    # jupyter-cache executes notebooks with identical code once: every floor page must differ
    assert len({nbformat.read(p, as_version=4).cells[1].source for p in paths}) == 4


def test_floor_book_needs_a_notebook(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"a floor book needs at least one notebook"):
        floor_book.make_floor_book(tmp_path, 0)


def test_floor_size_follows_the_toc() -> None:
    """One floor page per notebook of the book: the notebooks on disk in the book's page folders."""
    present = [p for folder in ("chapters", "reference", "instructors") for p in (ROOT / folder).glob("*.ipynb")]
    assert len(present) >= 8  # at least the eight chapters
    assert floor_book.toc_notebook_count(ROOT) == len(present)


def test_copy_project_leaves_out_builds_caches_and_venvs(tmp_path: Path) -> None:
    src = tmp_path / "src"
    for rel in (
        "_config.yml",
        "chapters/a.ipynb",
        "_build/html/index.html",
        ".venv/bin/python",
        "_build/.jupyter_cache/x",
        ".git/HEAD",
        "pkg/__pycache__/m.pyc",
        "x.egg-info/PKG-INFO",
        "bench/cli.py",
        "bench/results.json",
        "bench/work/logs/a.log",
    ):
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text("x", encoding="utf-8")
    dst = harness.copy_project(tmp_path / "dst", src=src)
    copied = sorted(str(p.relative_to(dst)) for p in dst.rglob("*") if p.is_file())
    assert copied == ["_config.yml", "bench/cli.py", "chapters/a.ipynb"]


def _explorer_notebook(path: Path) -> None:
    cells = [
        nbformat.v4.new_code_cell(
            "from cuproptosis_book.explorers.base import Control, Explorer, State\nfrom cuproptosis_book.text import item_id"
        ),
        nbformat.v4.new_code_cell(
            "ex = Explorer('demo', 'Demo', [Control('c', 'C', (('A', 'a'), ('B', 'b'), ('C', 'c'))),\n"
            "     Control('d', 'D', (('X', 'x'), ('Y', 'y')), kind='slider')],\n"
            "     view=''.join(f'<span id=\"{item_id(\"demo\", k)}\">{k}</span>' for k in 'abc'),\n"
            "     state=lambda c, d: State(on=frozenset({c}), panel=f'{c}{d}'))\n"
            "ex"
        ),
        nbformat.v4.new_code_cell("%matplotlib inline\nimport math"),  # magics are skipped, the rest runs
        nbformat.v4.new_code_cell("math.floor(undefined_name)"),  # a failing cell is reported
        nbformat.v4.new_code_cell(
            "display(Explorer('other', 'Other', [Control('k', 'K', (('1', '1'), ('2', '2')))],"
            " view='', state=lambda k: State(on=None, panel=k)))"
        ),
        nbformat.v4.new_code_cell(  # a composite (a quiz) that shows several explorers
            "class Quiz:\n    explorers = [Explorer(f'q{i}', 'Q', [Control('a', 'A', (('x', 'x'), ('y', 'y')))],"
            " view='', state=lambda a: State(on=None, panel=a)) for i in (1, 2)]\nQuiz()"
        ),
    ]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)


def test_explorers_are_collected_from_notebooks_and_every_value_is_sampled(tmp_path: Path) -> None:
    nb = tmp_path / "demo.ipynb"
    _explorer_notebook(nb)
    found, problems = widget_speed.collect_explorers([nb])
    assert sorted(ex.name for _, ex in found) == ["demo", "other", "q1", "q2"]
    assert len(problems) == 1
    assert "demo.ipynb code cell 3" in problems[0]
    assert "undefined_name" in problems[0]
    demo = next(ex for _, ex in found if ex.name == "demo")
    samples, unchanged = widget_speed.time_widget(demo)
    assert len(samples) == (3 - 1) + (2 - 1)
    assert unchanged == 0
    assert all(s >= 0 for s in samples)
    w = demo.widget()
    assert [b.value for b in w.controls] == ["a", "x"]  # controls are back at their initial values
    assert w.output.value == demo.render()


def test_main_writes_every_key_with_fake_measures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(group: str) -> Any:
        def measure(run: harness.Run) -> None:
            for key in results.GROUPS[group]:
                run.measures[key] = "page.html" if key == "heaviest_page" else 1.0
            if group == "install":
                msg = "a failing measure is noted, the others are kept"
                raise RuntimeError(msg)

        return measure

    for group in results.GROUPS:
        monkeypatch.setitem(measures.MEASURES, group, (fake(group),))
    monkeypatch.setattr(harness, "LOGS", tmp_path / "logs")
    out = tmp_path / "results.json"
    assert cli.main(["--quick", "--out", str(out)]) == 0
    res = json.loads(out.read_text(encoding="utf-8"))
    assert set(results.KEYS) <= set(res)
    assert all(res[k] is not None for k in results.KEYS)
    assert res["meta"]["repetitions"] == 1
    assert any("install failed" in n for n in res["notes"])

    assert cli.main(["--only", "widget", "--out", str(out)]) == 0
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["widget_median_ms"] == 1.0
    assert res["build_s"] is None
    assert res["meta"]["measured"] == results.GROUPS["widget"]


# -- the phone measures (bench/phone.py): the harness, not the timings --------------------------------


def test_cls_is_the_largest_session_window_of_shifts() -> None:
    assert phone.cls_of([]) == 0
    assert phone.cls_of([(100, 0.05), (600, 0.02)]) == pytest.approx(0.07)  # one window: less than 1 s apart
    assert phone.cls_of([(100, 0.05), (1200, 0.02), (1500, 0.02)]) == pytest.approx(0.05)  # a 1.1 s gap splits
    # a window lasts at most 5 s, even when shifts keep coming less than 1 s apart
    assert phone.cls_of([(t, 0.01) for t in range(0, 7000, 500)]) == pytest.approx(0.10)


def test_phone_measures_have_goals_and_print() -> None:
    assert results.GOALS["phone_lcp_s"] == 2.0
    assert results.GOALS["phone_cls"] == 0.1
    res = results.make_results(
        {"phone_lcp_s": 2.345, "phone_cls": 0.0123, "phone_heaviest_kb_gz": 412.3, "phone_lcp_page": "chapters/x.html"}
    )
    printed = results.table(res)
    assert "2.35 s" in printed
    assert "0.012" in printed
    assert "412 kB" in printed
    assert "chapters/x.html" in printed
    assert res["goals"]["phone_lcp_s"]["status"] == "MISS"
    assert res["goals"]["phone_cls"]["status"] == "PASS"
