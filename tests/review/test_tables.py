"""Table 1 and Table 2 rebuilt from data/ equal the tables the review printed (tests/published_tables.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from published_tables import (
    PRINTED_NAMES,
    TABLE1,
    TABLE1_EFFECT_TAGS,
    TABLE1_HEADER,
    TABLE2,
    TABLE2_HEADER,
    expand_refs,
    split_cell,
)

from cuproptosis_book import data
from cuproptosis_book.review import tables
from cuproptosis_book.text import format_refs

DATA = Path(__file__).resolve().parents[2] / "data"


def published_table1_ids() -> list[tuple[str, tuple[str, ...], set[int]]]:
    return [
        (PRINTED_NAMES[name], tuple(PRINTED_NAMES[t] for t in split_cell(types)), expand_refs(ref))
        for name, types, _effects, ref in TABLE1
    ]


def published_table2_ids() -> list[tuple[str, tuple[str, ...], tuple[str, ...], set[int]]]:
    return [
        (
            PRINTED_NAMES[name],
            tuple(PRINTED_NAMES[t] for t in split_cell(types)),
            tuple(PRINTED_NAMES[d] for d in split_cell(drugs)),
            expand_refs(ref),
        )
        for name, types, drugs, ref in TABLE2
    ]


def rebuilt_table2_ids(folder: Path = DATA) -> list[tuple[str, tuple[str, ...], tuple[str, ...], set[int]]]:
    return [(r.agent, r.cancers, r.drugs, set(r.refs)) for r in tables.table2_rows(data.load_all(folder))]


def test_table1_rows_tumour_types_and_refs_match_the_published_table() -> None:
    rebuilt = tables.table1_ids()
    got = [
        (n, tuple(t), set(r))
        for n, t, r in zip(rebuilt["nanoparticle"], rebuilt["tumour_types"], rebuilt["refs"], strict=True)
    ]
    assert got == published_table1_ids()


def as_rows(frame: object) -> list[tuple[str, ...]]:
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    return [tuple(str(c) for c in row) for row in frame.itertuples(index=False)]


def test_table1_as_printed_equals_the_published_table_string_for_string() -> None:
    t1 = tables.table1_printed()
    assert tuple(t1.columns) == TABLE1_HEADER
    assert as_rows(t1) == TABLE1


def test_table2_as_printed_equals_the_published_table_string_for_string() -> None:
    t2 = tables.table2_printed()
    assert tuple(t2.columns) == TABLE2_HEADER
    assert as_rows(t2) == TABLE2


def test_exported_csvs_hold_the_printed_tables_as_plain_text() -> None:
    import csv
    import json

    # The cells as printed; the column names are machine names (the printed headings are the fields' titles in
    # figures/datapackage.json), so that R, SQL and spreadsheets keep them as they are.
    names = {
        "table1": ("nps", "tumor_types", "effects", "refs_printed"),
        "table2": ("compounds", "tumor_types", "enhance_drug_efficacy", "refs_printed"),
    }
    package = json.loads((DATA.parent / "figures" / "datapackage.json").read_text(encoding="utf-8"))
    titles = {
        r["name"]: tuple(f["title"] for f in r["schema"]["fields"]) for r in package["resources"] if "schema" in r
    }
    for name, header, rows in (("table1", TABLE1_HEADER, TABLE1), ("table2", TABLE2_HEADER, TABLE2)):
        with (DATA.parent / "figures" / f"{name}.csv").open(newline="", encoding="utf-8") as f:
            got = [tuple(r) for r in csv.reader(f)]
        assert got == [names[name], *rows], name
        assert titles[name] == header, name
        assert not any(q in cell for r in got for cell in r for q in "“”"), name


def test_the_book_reading_differs_from_the_print_where_expected() -> None:
    d1 = tables.table_differences(1)
    assert list(d1.columns) == ["row", "item", "column", "printed", "book's reading", "kind"]
    heading = d1[d1["row"] == 0].iloc[0]
    assert (heading["printed"], heading["book's reading"], heading["kind"]) == ("effects", "Effects", "capitalisation")
    cu_ti = d1[(d1["row"] == 7) & (d1["column"] == "Tumor types")].iloc[0]
    assert cu_ti["printed"] == "Colorectal carcinoma, triple negative breast cancer"
    assert cu_ti["book's reading"] == "colorectal cancer, triple-negative breast cancer"
    assert cu_ti["kind"] == "wording or abbreviation"
    # the effects cells are not reworded, and ES@CuO's name is read as printed: only its tumour type differs
    assert "effects" not in set(d1.loc[d1["row"] > 0, "column"])
    assert list(d1.loc[d1["row"] == 1, "column"]) == ["Tumor types"]
    d2 = tables.table_differences(2)
    assert set(d2["row"]) == set(range(1, 9))  # every row of Table 2 is normalised somewhere
    cs = d2[(d2["row"] == 7)].set_index("column")
    assert cs.loc["Compounds", "printed"] == "CS/E-C@DOX nanoplatfrom"
    assert list(cs.loc["Enhance drug efficacy", ["printed", "book's reading"]]) == ["Adriamycin", "doxorubicin"]
    jyfy = d2[(d2["row"] == 3)].set_index("column")
    assert list(jyfy.loc["Tumor types", ["printed", "book's reading"]]) == ["CRC", "colorectal cancer"]
    assert "Ref." not in set(d2["column"])  # reference cells are identical in both views
    with pytest.raises(ValueError, match="Tables 1 and 2"):
        tables.table_differences(3)


def test_a_changed_printed_cell_breaks_the_printed_view(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "resistance.csv"
    text = path.read_text(encoding="utf-8")
    assert ",Adriamycin," in text
    path.write_text(text.replace(",Adriamycin,", ",adriamycin,"), encoding="utf-8")
    assert as_rows(tables.table2_printed(data.load_all(folder))) != TABLE2


def test_table1_effect_tags_match_the_printed_effects() -> None:
    rebuilt = tables.table1_ids()
    assert {
        n: set(t) for n, t in zip(rebuilt["nanoparticle"], rebuilt["effect_tags"], strict=True)
    } == TABLE1_EFFECT_TAGS


def test_table2_matches_the_published_table() -> None:
    assert rebuilt_table2_ids() == published_table2_ids()


def test_table2_refs_are_printed_as_in_the_review() -> None:
    assert list(tables.table2()["Ref."]) == [row[3] for row in TABLE2]


def test_table2_rebuild_that_no_longer_matches_is_caught(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    path = folder / "resistance.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    # drop baicalein's finding: Table 2 loses a row
    path.write_text("\n".join(line for line in lines if not line.startswith("baicalein,")), encoding="utf-8")
    assert rebuilt_table2_ids(folder) != published_table2_ids()
    assert "baicalein" not in [row[0] for row in rebuilt_table2_ids(folder)]


def test_format_refs_compresses_runs_like_the_review() -> None:
    assert format_refs([95, 96, 97, 98, 99, 108, 109]) == "[95-99,108,109]"
    assert format_refs([91, 92]) == "[91,92]"
    assert format_refs([110, 103, 104, 105, 106, 109]) == "[103-106,109,110]"


def test_long_form_extras_show_what_table2_leaves_out() -> None:
    extras = tables.table2_long_form_extras()
    missing_drug = extras[extras["why listed"] == "drug missing from the Table 2 row"]
    # Table 2's disulfiram row cites ref 110 and lists NSCLC, but not the anti-PD-L1 therapy of that study
    review = data.load_all()
    row = missing_drug[missing_drug["refs"] == "[110]"]
    assert list(row["agent"]) == [review.label("disulfiram")]
    assert list(row["drug"]) == [review.label("anti_pd_l1")]


def test_searchable_table_escapes_markup() -> None:
    import pandas as pd

    html = tables.searchable(pd.DataFrame({"x": ["<script>alert(1)</script>"]})).html()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize(("agent", "drug"), [("elesclomol", "cisplatin"), ("disulfiram", "gemcitabine")])
def test_agents_overcoming_and_drugs_overcome_by_agree(agent: str, drug: str) -> None:
    assert agent in set(tables.agents_overcoming(drug)["agent"])
    assert drug in set(tables.drugs_overcome_by(agent)["drug"])


def test_effect_tags_follow_the_schema_of_the_review_given(tmp_path: Path) -> None:
    """The effect-tag order is the given review's schema, not the book's: reversing the enum reverses the columns."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    package = folder / "datapackage.json"
    spec = json.loads(package.read_text(encoding="utf-8"))
    nps = next(r for r in spec["resources"] if r["name"] == "nanoparticles")
    field = next(f for f in nps["schema"]["fields"] if f["name"] == "effect_tags")
    book_order = list(field["x-itemConstraints"]["enum"])
    field["x-itemConstraints"]["enum"] = book_order[::-1]
    package.write_text(json.dumps(spec), encoding="utf-8")
    reordered = data.load_all(folder)
    assert tables.review_effect_tags() == book_order
    assert tables.review_effect_tags(reordered) == book_order[::-1]
    assert list(tables.effect_matrix(reordered).columns) == list(tables.effect_matrix().columns)[::-1]
