"""Shared code of the book *Copper, cuproptosis and cancer drug resistance*.

The package turns the review encoded in ``data/`` into validated tables (:mod:`.data`), graphs
(:mod:`.graph`), the review's tables and figures (:mod:`.tables`, :mod:`.figures`) and explorers
(:mod:`.explore`) that work both in Jupyter and on the static site.

Submodules are imported lazily so that ``import cuproptosis_book`` stays cheap.
"""
from __future__ import annotations

__all__ = ["data", "graph", "tables", "figures", "explore", "quiz"]
__version__ = "0.1.0"


def __getattr__(name: str):  # PEP 562: import submodules on first use
    if name in __all__:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
