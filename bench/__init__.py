"""The book's benchmark (``make bench`` = ``python -m bench``): build, test, interaction speed and page weight.

One module per measure, each with a ``measure(run)`` that fills its keys of :data:`bench.results.GROUPS`;
:mod:`bench.measures` says which functions fill which group, :mod:`bench.cli` runs them. What each number means,
and how it is measured: ``bench/README.md``.
"""
