"""``python -m cuproptosis_book.validate``: one line per problem, exit 1, never a traceback; silent on the real data.

The cases of test_data_validation.py pin exact messages one broken thing at a time. Here the command runs as a
contributor runs it (a subprocess on a book folder), several problems at once, and on files broken at random
(a quote, a line break, a byte, a key of datapackage.json removed): it must report, not crash.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cuproptosis_book import data
from cuproptosis_book.validate import check_data_folder

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^data/[\w/]+\.(csv|json|bib|yml)(, line \d+)?(, column '[^']+')?: \S.*$")


def run(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cuproptosis_book.validate", str(root)], capture_output=True, text=True, check=False
    )


@pytest.fixture
def book(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_the_real_data_pass_with_exit_code_0() -> None:
    done = run(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every file is valid" in done.stdout


def test_several_problems_give_one_line_each_and_exit_code_1(book: Path) -> None:
    entities = book / "data" / "entities.csv"
    entities.write_text(entities.read_text(encoding="utf-8").replace("\nfdx1,FDX1,", "\nfdx1,FDХ1,", 1), "utf-8")
    options = book / "data" / "course" / "options.csv"
    options.write_text(options.read_text(encoding="utf-8").replace(",true,\n", ",yes,\n", 1), encoding="utf-8")
    errata = book / "data" / "errata.csv"
    errata.write_bytes(errata.read_bytes().replace(b"\n", b"\r\n"))
    fdx1 = (
        entities.read_text(encoding="utf-8")
        .split("\n")
        .index(next(s for s in entities.read_text(encoding="utf-8").split("\n") if s.startswith("fdx1,")))
        + 1
    )
    done = run(book)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert all(LINE.match(s) for s in lines), lines
    assert lines == [
        (
            f"data/entities.csv, line {fdx1}, column 'label': 'FDХ1' mixes CYRILLIC and LATIN letters ('Х' is CYRILLIC "
            "CAPITAL LETTER HA): retype the word in one script"
        ),
        (
            "data/errata.csv, line 1: Windows (CRLF) or old Mac (CR) line endings: re-save it as “CSV UTF-8” with LF "
            "line endings (LibreOffice: Text CSV, UTF-8, no BOM; or `dos2unix`)"
        ),
        "data/course/options.csv, line 2, column 'correct': expected true or false, found 'yes'",
    ]


def test_a_broken_descriptor_is_a_message_not_a_traceback(book: Path) -> None:
    path = book / "data" / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"resources"', '"resource"', 1), encoding="utf-8")
    done = run(book)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stdout.splitlines()[0] == (
        "data/datapackage.json, line 1, column 'resources': missing or not a list: a data package lists its files "
        'under "resources"'
    )


MUTATIONS = ('"', ",", "\n", "\r", "\x00", "\ufeff", "<b>", "`", ";", "  ", "\u200b", "Х")


@pytest.mark.parametrize("seed", range(12))
def test_files_broken_at_random_are_reported_not_crashed_on(seed: int, book: Path) -> None:
    rng = random.Random(seed)
    files = sorted(p for p in (book / "data").rglob("*") if p.suffix in (".csv", ".bib", ".yml", ".json"))
    for path in rng.sample(files, 3):
        text = path.read_text(encoding="utf-8")
        at = rng.randrange(len(text))
        if path.suffix == ".json" and seed % 2:
            package = json.loads(text)  # drop a key somewhere in the descriptor
            node = rng.choice(package["resources"])
            node.pop(rng.choice(sorted(node)))
            text = json.dumps(package)
        else:
            text = text[:at] + MUTATIONS[(seed + at) % len(MUTATIONS)] + text[at + rng.randrange(0, 3) :]
        path.write_text(text, encoding="utf-8")
    problems = check_data_folder(book / "data")  # no exception, whatever the damage
    for p in problems:
        assert LINE.match(p.render("data/")), p
    raised: data.DataError | None = None
    try:
        data.load_all(book / "data")
        data.course_rows("questions", book / "data" / "course")
    except data.DataError as err:
        raised = err
    if raised is not None:
        assert raised.problems
        assert problems
    done = run(book)
    assert "Traceback" not in done.stderr
    assert done.returncode == (1 if problems else 0)
