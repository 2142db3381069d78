"""Every SPEC §3 loading rule: one clear problem naming file, line and column."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.dataset.conftest import FIXTURES
from tui.dataset import load_dataset
from tui.domain.errors import DatasetError, Problem

DEMAND_HEADER = "element,period,tonnes\n"
SUPPLY_HEADER = "source,element,period,capacity_t,price_usd_kg,china_share\n"


def problems_of(folder: Path) -> list[Problem]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    return caught.value.problems


def only_problem(folder: Path) -> tuple[str, str, str]:
    problems = problems_of(folder)
    assert len(problems) == 1, problems
    p = problems[0]
    return (p.file, p.where, p.message)


def write(folder: Path, name: str, text: str | bytes) -> str:
    """Replace one file of the dataset; returns its name as problems spell it."""
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


# --- folders and files -------------------------------------------------------------


def test_missing_folder(tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    assert only_problem(folder) == (str(folder), "", "dataset folder not found")


def test_folder_that_is_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "file.csv"
    folder.write_text("x")
    assert only_problem(folder) == (str(folder), "", "is not a folder")


@pytest.mark.parametrize("name", ["elements.csv", "sources.csv", "demand.csv", "supply.csv"])
def test_missing_required_file(tiny: Path, name: str) -> None:
    (tiny / name).unlink()
    assert only_problem(tiny) == (str(tiny / name), "", "file not found")


def test_products_and_bom_are_optional_together() -> None:
    dataset = load_dataset(FIXTURES / "no-products")
    assert not dataset.has_products
    assert dataset.products.schema == pl.Schema(
        {
            "product": pl.String,
            "period": pl.String,
            "units": pl.Float64,
            "unit_value_usd": pl.Float64,
        }
    )
    assert dataset.bom.height == 0


def test_bom_without_products(tiny: Path) -> None:
    (tiny / "products.csv").unlink()
    assert only_problem(tiny) == (
        str(tiny / "products.csv"),
        "",
        "file not found; bom.csv needs products.csv (units to build per quarter)",
    )


def test_products_without_bom(tiny: Path) -> None:
    (tiny / "bom.csv").unlink()
    assert only_problem(tiny) == (
        str(tiny / "bom.csv"),
        "",
        "file not found; products.csv needs bom.csv (rare-earth content per unit)",
    )


def test_missing_column(tiny: Path) -> None:
    file = write(tiny, "demand.csv", "element,period,tons\nNd,2026Q1,100\n")
    assert only_problem(tiny) == (
        file,
        "line 1",
        "missing column 'tonnes' (expected element,period,tonnes)",
    )


def test_column_twice(tiny: Path) -> None:
    file = write(tiny, "demand.csv", "element,period,tonnes,tonnes\nNd,2026Q1,100,1\n")
    assert only_problem(tiny) == (file, "line 1", "column 'tonnes' appears more than once")


def test_extra_columns_are_ignored(tiny: Path) -> None:
    write(tiny, "demand.csv", "note,element,period,tonnes\nhi,Nd,2026Q1,100\n")
    assert load_dataset(tiny).demand.rows() == [("Nd", "2026Q1", 100.0)]


# --- whole-file problems -----------------------------------------------------------


def test_empty_file(tiny: Path) -> None:
    file = write(tiny, "supply.csv", b"")
    assert only_problem(tiny) == (
        file,
        "",
        "file is empty; expected a header line "
        "source,element,period,capacity_t,price_usd_kg,china_share",
    )


def test_blank_file(tiny: Path) -> None:
    file = write(tiny, "demand.csv", "\n  \n")
    assert only_problem(tiny) == (
        file,
        "",
        "file is empty; expected a header line element,period,tonnes",
    )


def test_elements_with_only_a_header(tiny: Path) -> None:
    file = write(tiny, "elements.csv", "element,name,group\n")
    # Every element of the other files is now unknown: reported, but first things first.
    problems = problems_of(tiny)
    assert problems[0] == Problem(file, "", "no elements defined (only a header line)")


def test_sources_with_only_a_header(tiny: Path) -> None:
    file = write(tiny, "sources.csv", "source,name,origin\n")
    assert problems_of(tiny)[0] == Problem(file, "", "no sources defined (only a header line)")


def test_binary_file(tiny: Path) -> None:
    file = write(tiny, "demand.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert only_problem(tiny) == (
        file,
        "",
        "binary file (it contains NUL bytes); expected UTF-8 CSV text",
    )


def test_not_utf8(tiny: Path) -> None:
    file = write(
        tiny,
        "elements.csv",
        b"element,name,group\nNd,Neodym,light\n" + b"Dy,Dysprosium \xe9,heavy\n",
    )
    assert only_problem(tiny) == (file, "line 3", "not UTF-8 text (invalid byte 0xe9)")


def test_too_many_fields(tiny: Path) -> None:
    file = write(tiny, "demand.csv", DEMAND_HEADER + "Nd,2026Q1,100\nNd,2026Q2,1,2\n")
    assert only_problem(tiny) == (file, "line 3", "expected 3 fields like the header, found 4")


def test_too_few_fields_is_a_missing_value(tiny: Path) -> None:
    file = write(tiny, "demand.csv", DEMAND_HEADER + "Nd,2026Q1\n")
    assert only_problem(tiny) == (file, "line 2, column tonnes", "missing value")


# --- values --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tonnes", "message"),
    [
        ("-10", "'-10' is negative; expected 0 or more"),
        ("ten", "'ten' is not a number"),
        ("nan", "'nan' is not a finite number"),
        ("NaN", "'NaN' is not a finite number"),
        ("inf", "'inf' is not a finite number"),
        ("-inf", "'-inf' is not a finite number"),
        ("1e308", "'1e308' is implausibly large (at most 1e+12)"),
        ("", "missing value"),
    ],
)
def test_bad_numbers(tiny: Path, tonnes: str, message: str) -> None:
    file = write(tiny, "demand.csv", DEMAND_HEADER + f"Nd,2026Q1,100\nDy,2026Q1,{tonnes}\n")
    assert only_problem(tiny) == (file, "line 3, column tonnes", message)


def test_numbers_that_are_fine(tiny: Path) -> None:
    write(
        tiny,
        "demand.csv",
        DEMAND_HEADER + "Nd,2026Q1,1e3\nNd,2026Q2,+5\nDy,2026Q1,.5\nDy,2026Q2,0\n",
    )
    assert load_dataset(tiny).demand.get_column("tonnes").to_list() == [1000.0, 5.0, 0.5, 0.0]


@pytest.mark.parametrize(
    ("share", "message"),
    [
        ("1.5", "'1.5' is outside 0–1 (china_share is a fraction)"),
        ("-0.1", "'-0.1' is negative; expected 0 or more"),
        ("", "missing value"),
        ("half", "'half' is not a number"),
    ],
)
def test_china_share_outside_zero_one(tiny: Path, share: str, message: str) -> None:
    file = write(tiny, "supply.csv", SUPPLY_HEADER + f"lynas,Nd,2026Q1,50,82,{share}\n")
    assert only_problem(tiny) == (file, "line 2, column china_share", message)


def test_a_huge_price_is_refused_before_it_overflows_the_cost(tiny: Path) -> None:
    file = write(tiny, "supply.csv", SUPPLY_HEADER + "lynas,Nd,2026Q1,50,1e306,0\n")
    assert only_problem(tiny) == (
        file,
        "line 2, column price_usd_kg",
        "'1e306' is implausibly large (at most 1e+12)",
    )


def test_a_dataset_without_any_quarter_is_refused(tiny: Path) -> None:
    write(tiny, "demand.csv", DEMAND_HEADER)
    write(tiny, "supply.csv", SUPPLY_HEADER)
    (tiny / "products.csv").unlink()
    (tiny / "bom.csv").unlink()
    with pytest.raises(DatasetError) as raised:
        load_dataset(tiny)
    assert [str(p) for p in raised.value.problems] == [
        f"{tiny}: no quarters: demand.csv, supply.csv and products.csv are empty"
    ]


def test_empty_capacity_means_unlimited(tiny: Path) -> None:
    write(tiny, "supply.csv", SUPPLY_HEADER + "china,Nd,2026Q1,,61,1\nlynas,Nd,2026Q1,0,82,0\n")
    assert load_dataset(tiny).supply.get_column("capacity_t").to_list() == [None, 0.0]


def test_negative_capacity(tiny: Path) -> None:
    file = write(tiny, "supply.csv", SUPPLY_HEADER + "lynas,Nd,2026Q1,-1,82,0\n")
    assert only_problem(tiny) == (
        file,
        "line 2, column capacity_t",
        "'-1' is negative; expected 0 or more",
    )


def test_missing_price(tiny: Path) -> None:
    file = write(tiny, "supply.csv", SUPPLY_HEADER + "lynas,Nd,2026Q1,1,,0\n")
    assert only_problem(tiny) == (file, "line 2, column price_usd_kg", "missing value")


@pytest.mark.parametrize("period", ["2026-Q1", "2026Q5", "26Q1", "2026q1", "Q1 2026"])
def test_malformed_period(tiny: Path, period: str) -> None:
    file = write(tiny, "demand.csv", DEMAND_HEADER + f"Nd,{period},1\n")
    assert only_problem(tiny) == (
        file,
        "line 2, column period",
        f"{period!r} is not a quarter like 2026Q1",
    )


def test_unknown_element_with_a_suggestion(tiny: Path) -> None:
    file = write(tiny, "demand.csv", DEMAND_HEADER + "Nd,2026Q1,1\nDyy,2026Q1,1\n")
    assert only_problem(tiny) == (
        file,
        "line 3, column element",
        "unknown element 'Dyy' (not in elements.csv); did you mean 'Dy'?",
    )


def test_unknown_element_without_a_suggestion(tiny: Path) -> None:
    file = write(tiny, "supply.csv", SUPPLY_HEADER + "china,Xx,2026Q1,,1,1\n")
    assert only_problem(tiny) == (
        file,
        "line 2, column element",
        "unknown element 'Xx' (not in elements.csv)",
    )


def test_unknown_source(tiny: Path) -> None:
    file = write(tiny, "supply.csv", SUPPLY_HEADER + "lyans,Nd,2026Q1,1,82,0\n")
    assert only_problem(tiny) == (
        file,
        "line 2, column source",
        "unknown source 'lyans' (not in sources.csv); did you mean 'lynas'?",
    )


def test_unknown_product(tiny: Path) -> None:
    file = write(tiny, "bom.csv", "product,element,kg_per_unit\nev-motor,Nd,1\nev-motr,Dy,1\n")
    assert only_problem(tiny) == (
        file,
        "line 3, column product",
        "unknown product 'ev-motr' (not in products.csv); did you mean 'ev-motor'?",
    )


def test_bom_element_unknown(tiny: Path) -> None:
    file = write(tiny, "bom.csv", "product,element,kg_per_unit\nev-motor,Sm,1\n")
    assert only_problem(tiny) == (
        file,
        "line 2, column element",
        "unknown element 'Sm' (not in elements.csv)",
    )


def test_unknown_ids_are_not_reported_when_their_file_is_missing(tiny: Path) -> None:
    (tiny / "elements.csv").unlink()
    assert only_problem(tiny) == (str(tiny / "elements.csv"), "", "file not found")


def test_bad_group(tiny: Path) -> None:
    file = write(
        tiny, "elements.csv", "element,name,group\nNd,Neodymium,medium\nDy,Dysprosium,heavy\n"
    )
    assert only_problem(tiny) == (
        file,
        "line 2, column group",
        "'medium' is not a group (expected 'light' or 'heavy')",
    )


def test_bad_origin(tiny: Path) -> None:
    text = "source,name,origin\nchina,China,China\nlynas,Lynas,MY\nrecycling,R,recycled\n"
    file = write(tiny, "sources.csv", text)
    assert only_problem(tiny) == (
        file,
        "line 2, column origin",
        "'China' is not an origin (a two-letter country code such as CN, or 'recycled')",
    )


def test_bad_source_id(tiny: Path) -> None:
    text = "source,name,origin\nchina,China,CN\nlynas,Lynas,MY\nRe cycling,R,recycled\n"
    file = write(tiny, "sources.csv", text)
    problems = problems_of(tiny)
    assert problems[0] == Problem(
        file,
        "line 4, column source",
        "'Re cycling' is not a source id (lowercase letters, digits, '-' or '_')",
    )


def test_missing_name(tiny: Path) -> None:
    file = write(tiny, "elements.csv", "element,name,group\nNd,,light\nDy,Dysprosium,heavy\n")
    assert only_problem(tiny) == (file, "line 2, column name", "missing value")


# --- duplicate keys ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "elements.csv",
            "element,name,group\nNd,Neodymium,light\nDy,Dysprosium,heavy\nNd,Again,light\n",
            "duplicate row for element Nd (first on line 2)",
        ),
        (
            "demand.csv",
            DEMAND_HEADER + "Nd,2026Q1,1\nDy,2026Q1,1\nNd,2026Q1,2\n",
            "duplicate row for element Nd, period 2026Q1 (first on line 2)",
        ),
        (
            "supply.csv",
            SUPPLY_HEADER
            + "china,Nd,2026Q1,,61,1\nlynas,Nd,2026Q1,1,82,0\nchina,Nd,2026Q1,,62,1\n",
            "duplicate row for source china, element Nd, period 2026Q1 (first on line 2)",
        ),
        (
            "products.csv",
            "product,period,units\nev-motor,2026Q1,1\nev-motor,2026Q2,1\nev-motor,2026Q1,2\n",
            "duplicate row for product ev-motor, period 2026Q1 (first on line 2)",
        ),
        (
            "bom.csv",
            "product,element,kg_per_unit\nev-motor,Nd,1\nev-motor,Dy,1\nev-motor,Nd,2\n",
            "duplicate row for product ev-motor, element Nd (first on line 2)",
        ),
    ],
)
def test_duplicate_keys(tiny: Path, name: str, text: str, message: str) -> None:
    file = write(tiny, name, text)
    assert only_problem(tiny) == (file, "line 4", message)


# --- every problem at once, in order ---------------------------------------------------


def test_all_problems_are_collected_in_file_and_line_order() -> None:
    folder = FIXTURES / "broken"
    demand, supply = str(folder / "demand.csv"), str(folder / "supply.csv")
    assert [str(p) for p in problems_of(folder)] == [
        f"{demand}: line 3, column period: '2026-Q2' is not a quarter like 2026Q1",
        f"{demand}: line 4, column tonnes: '-10' is negative; expected 0 or more",
        f"{demand}: line 5, column element: unknown element 'Dx' (not in elements.csv)",
        f"{demand}: line 6, column tonnes: 'nan' is not a finite number",
        f"{demand}: line 6: duplicate row for element Nd, period 2026Q1 (first on line 2)",
        f"{supply}: line 3, column price_usd_kg: 'abc' is not a number",
        f"{supply}: line 4, column source: unknown source 'lyans' (not in sources.csv);"
        " did you mean 'lynas'?",
        f"{supply}: line 5, column china_share: '1.5' is outside 0–1 (china_share is a fraction)",
    ]


def test_files_are_named_as_the_folder_was_given(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tiny.parent)
    write(tiny, "demand.csv", DEMAND_HEADER + "Nd,2026Q1,x\n")
    assert only_problem(Path("tiny"))[0] == "tiny/demand.csv"


def test_long_values_are_cut_short(tiny: Path) -> None:
    write(tiny, "demand.csv", DEMAND_HEADER + "Nd,2026Q1," + "9x" * 100 + "\n")
    message = only_problem(tiny)[2]
    assert message == "'" + "9x" * 19 + "9…' is not a number"


# --- what hand-edited files look like ----------------------------------------------------


def test_tolerates_bom_crlf_spaces_quotes_and_blank_lines(tiny: Path) -> None:
    text = (
        '\ufeffelement , period,tonnes\r\n Nd , 2026Q1 , 100 \r\n\r\n"Dy","2026Q1","12.5"\r\n\r\n'
    )
    write(tiny, "demand.csv", text)
    dataset = load_dataset(tiny)
    assert dataset.demand.rows() == [("Nd", "2026Q1", 100.0), ("Dy", "2026Q1", 12.5)]


def test_line_numbers_count_blank_lines(tiny: Path) -> None:
    file = write(tiny, "demand.csv", DEMAND_HEADER + "Nd,2026Q1,1\n\n\nDy,2026Q1,x\n")
    assert only_problem(tiny) == (file, "line 5, column tonnes", "'x' is not a number")


def test_line_numbers_count_quoted_line_breaks(tiny: Path) -> None:
    text = 'element,name,group\nNd,"Neo\ndymium",light\nDy,Dysprosium,hevy\n'
    file = write(tiny, "elements.csv", text)
    assert only_problem(tiny) == (
        file,
        "line 4, column group",
        "'hevy' is not a group (expected 'light' or 'heavy')",
    )


def test_dataset_name_and_path(tiny: Path) -> None:
    dataset = load_dataset(tiny)
    assert dataset.name == "tiny"
    assert dataset.path == tiny
    assert dataset.element_ids == ("Nd", "Dy")
    assert dataset.source_ids == ("china", "lynas", "recycling")


def test_windows_line_ends(tiny: Path) -> None:
    for path in tiny.glob("*.csv"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    dataset = load_dataset(tiny)
    assert dataset.demand.rows()[0] == ("Nd", "2026Q1", 100.0)
    assert dataset.bom.rows() == [("ev-motor", "Nd", 0.4), ("ev-motor", "Dy", 0.04)]


def test_tabs_around_values(tiny: Path) -> None:
    write(tiny, "demand.csv", DEMAND_HEADER + "Nd\t,2026Q1,\t7\n")
    assert load_dataset(tiny).demand.rows() == [("Nd", "2026Q1", 7.0)]


def test_header_only_demand_is_an_empty_table(tiny: Path) -> None:
    write(tiny, "demand.csv", DEMAND_HEADER)
    demand = load_dataset(tiny).demand
    assert demand.height == 0
    assert dict(demand.schema) == {"element": pl.String, "period": pl.String, "tonnes": pl.Float64}


def test_blank_lines_at_the_end_are_ignored(tiny: Path) -> None:
    write(tiny, "demand.csv", DEMAND_HEADER + "Nd,2026Q1,1\n\n\n")
    assert load_dataset(tiny).demand.height == 1
