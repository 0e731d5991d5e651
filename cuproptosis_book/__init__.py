"""Shared code of the book *Copper, cuproptosis and cancer drug resistance*.

Data flow one way, one layer per sub-package (``notes/architecture.md``)::

    data      typed loaders and validation of ``data/``          (:mod:`.data`, :mod:`.paths`)
    text      shared text helpers: escaping, references, sentences (:mod:`.text`)
    review    the review as a model: graphs, Tables 1-2, findings  (:mod:`.review`)
    figures   layout, routing, drawing, one function per figure    (:mod:`.figures`)
    explorers the explorer mechanism and one module per chapter    (:mod:`.explorers`)
    course    objectives, exercises, quizzes, slides               (:mod:`.course`)
    site      the Sphinx extension, handouts, ``make`` commands    (:mod:`.site`)

A module imports only from its own layer or the layers above it in this list. Submodules are imported
lazily so that ``import cuproptosis_book`` stays cheap.
"""

from __future__ import annotations

__all__ = ["course", "data", "explorers", "figures", "paths", "review", "site", "text"]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:  # PEP 562: import submodules on first use
    if name in __all__:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
