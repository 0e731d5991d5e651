"""The book's one validator: every file of ``data/`` and ``data/course/``, every problem with file, line, column.

``python -m cuproptosis_book.validate [BOOK_ROOT]`` (or ``make validate``) prints one line per problem,
``data/FILE, line N, column 'C': what is wrong and what is expected`` (N is the record's first line), and exits
1 when there is any; the loaders in :mod:`cuproptosis_book.data` run the same checks and raise
:class:`DataError` with the same messages, so nothing reaches a page unvalidated.

The checks: each ``datapackage.json``'s structure; each CSV against its Table Schema (types, constraints,
vocabularies, patterns, ``maxLength``, list syntax, duplicate keys and rows) and the rules no schema states
(:mod:`.text_rules`: plain text only, one line, one script per word, no BOM, ``\\n`` line endings);
``references.bib``; ``syllabus.yml``; the links between tables (:mod:`.links`, :mod:`.course_rules`).
"""

from __future__ import annotations

from .bibtex import Reference
from .book import COURSE_TABLES, TABLES, Checked, check_course, check_data, check_data_folder
from .problems import DataError, Problem, raise_if_any
from .schema import DEFAULT_MAX_LENGTH, Field, Resource, Schema
from .tables import N_REFERENCES

__all__ = [
    "COURSE_TABLES",
    "DEFAULT_MAX_LENGTH",
    "N_REFERENCES",
    "TABLES",
    "Checked",
    "DataError",
    "Field",
    "Problem",
    "Reference",
    "Resource",
    "Schema",
    "check_course",
    "check_data",
    "check_data_folder",
    "raise_if_any",
]
