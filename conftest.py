"""Project-wide pytest hooks.

When the whole suite runs (no paths given, so pytest uses ``testpaths``), every notebook listed in
``_toc.yml`` must have been collected by nbval; otherwise the run stops with an error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.args_source != pytest.Config.ArgsSource.TESTPATHS or not config.getoption("nbval", False):
        return  # a selected subset: nothing to check
    from cuproptosis_book.toc import toc_notebooks

    collected = {Path(str(item.path)).resolve() for item in items if str(item.path).endswith(".ipynb")}
    missing = [str(p.relative_to(ROOT)) for p in toc_notebooks(ROOT) if p.resolve() not in collected]
    if missing:
        msg = f"notebooks in _toc.yml not collected by nbval: {', '.join(missing)}"
        raise pytest.UsageError(msg)
