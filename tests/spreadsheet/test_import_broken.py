"""Workbooks the import refuses: every problem at once, each naming its sheet and cell,
and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.spreadsheet.books import Rows, tiny_sheets, write_book
from tui.domain.errors import DatasetError
from tui.spreadsheet.importer import import_dataset

Sheets = dict[str, Rows]


def _set(sheet: str, row: int, column: int, value: object) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        sheets[sheet][row][column] = value

    return change


def _rename_sheet(old: str, new: str) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        sheets[new] = sheets.pop(old)

    return change


def _append(sheet: str, row: list[object]) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        sheets[sheet].append(row)

    return change


def _drop_column(sheet: str, column: int) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        for row in sheets[sheet]:
            del row[column]

    return change


def _add_column(sheet: str, name: str, values: list[object]) -> Callable[[Sheets], None]:
    def change(sheets: Sheets) -> None:
        sheets[sheet][0].append(name)
        for row, value in zip(sheets[sheet][1:], values, strict=True):
            row.append(value)

    return change


CORPUS: dict[str, tuple[list[Callable[[Sheets], None]], list[str]]] = {
    "share above one": (
        [_set("supply", 5, 5, 1.4)],
        ["supply!F6: '1.4' is outside 0–1 (china_share is a fraction)"],
    ),
    "text in a number": (
        [_set("demand", 3, 2, "12 t")],
        ["demand!C4: '12 t' is not a number"],
    ),
    "negative price": (
        [_set("supply", 1, 4, -61)],
        ["supply!E2: '-61' is negative; expected 0 or more"],
    ),
    "unknown element": (
        [_set("demand", 1, 0, "Ndd")],
        ["demand!A2: unknown element 'Ndd' (not in elements.csv); did you mean 'Nd'?"],
    ),
    "bad quarter": (
        [_set("demand", 2, 1, "2026Q5")],
        ["demand!B3: '2026Q5' is not a quarter like 2026Q1"],
    ),
    "bad group": (
        [_set("elements", 2, 2, "Heavy")],
        ["elements!C3: 'Heavy' is not a group (expected 'light' or 'heavy')"],
    ),
    "missing value": (
        [_set("sources", 2, 1, "  ")],
        ["sources!B3: missing value"],
    ),
    "duplicate key": (
        [_append("demand", ["Nd", "2026 Q1", 5])],
        ["demand!A6: duplicate row for element Nd, period 2026Q1 (first on row 2)"],
    ),
    "misspelled column": (
        [_set("supply", 0, 5, "china share")],
        ["supply!F1: unknown column 'china share'; did you mean 'china_share'?"],
    ),
    "missing column": (
        [_drop_column("supply", 5)],
        [
            "supply: missing column 'china_share' on row 1 (the columns are source, "
            "element, period, capacity_t, price_usd_kg, china_share)"
        ],
    ),
    "header not on row 1": (
        [lambda sheets: sheets["demand"].insert(0, ["Demand forecast 2026"])],
        [
            "demand: missing columns 'element', 'period', 'tonnes' on row 1 "
            "(the columns are element, period, tonnes)"
        ],
    ),
    "empty sheet": (
        [lambda sheets: sheets.__setitem__("sources", [])],
        ["sources!A1: expected the header row source, name, origin; found an empty row"],
    ),
    "missing sheet": (
        [_rename_sheet("supply", "Suply")],
        ["BOOK: missing sheet 'supply'; did you mean 'Suply'?"],
    ),
    "products without bom": (
        [lambda sheets: sheets.pop("bom")],
        ["sheet bom: file not found; products.csv needs bom.csv (rare-earth content per unit)"],
    ),
    "negative spot premium": (
        [_add_column("sources", "spot_premium", [0.2, "-0.1", None])],
        ["sources!D3: '-0.1' is negative; expected 0 or more"],
    ),
    "several at once": (
        [_set("supply", 5, 5, 1.4), _set("demand", 3, 2, "12 t"), _set("demand", 1, 1, "")],
        [
            "demand!B2: missing value",
            "demand!C4: '12 t' is not a number",
            "supply!F6: '1.4' is outside 0–1 (china_share is a fraction)",
        ],
    ),
}


def _problems(tmp_path: Path, book: Path) -> list[str]:
    data = tmp_path / "data"
    with pytest.raises(DatasetError) as caught:
        import_dataset(book, "mine", data)
    assert not data.exists() or list(data.iterdir()) == []  # nothing written, no leftovers
    return [str(p).replace(str(book), "BOOK") for p in caught.value.problems]


@pytest.mark.parametrize("case", list(CORPUS))
def test_broken_workbook(case: str, tmp_path: Path) -> None:
    changes, expected = CORPUS[case]
    sheets = tiny_sheets()
    for change in changes:
        change(sheets)
    book = write_book(tmp_path / "book.xlsx", sheets)
    assert _problems(tmp_path, book) == expected


def test_merged_cells_are_refused_by_their_top_left_cell(tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.xlsx", tiny_sheets(), merges={"demand": ["A2:A3"]})
    assert _problems(tmp_path, book) == [
        "demand!A2: merged cells (A2:A3); unmerge them and fill in every cell"
    ]


def test_xls_file_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "old.xls"
    book.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert _problems(tmp_path, book) == [
        "BOOK: an .xls workbook (Excel 97–2003) is not read; save it as .xlsx "
        "(Excel Workbook) and import that"
    ]


def test_a_text_file_is_not_a_workbook(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    book.write_text("element,period,tonnes\n")
    assert _problems(tmp_path, book) == ["BOOK: not an .xlsx workbook (nor a dataset folder)"]


def test_existing_dataset_is_kept_without_force(tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.xlsx", tiny_sheets())
    target = tmp_path / "data" / "mine"
    target.mkdir(parents=True)
    (target / "keep.txt").write_text("mine")
    with pytest.raises(DatasetError) as caught:
        import_dataset(book, "mine", tmp_path / "data")
    assert [str(p) for p in caught.value.problems] == [
        f"{target}: already exists; add --force to replace it"
    ]
    assert (target / "keep.txt").read_text() == "mine"
    import_dataset(book, "mine", tmp_path / "data", force=True)
    assert not (target / "keep.txt").exists()
    assert (target / "supply.csv").is_file()
    assert sorted(p.name for p in target.parent.iterdir()) == ["mine"]


def test_broken_workbook_leaves_existing_dataset_alone_even_with_force(tmp_path: Path) -> None:
    sheets = tiny_sheets()
    sheets["demand"][1][2] = "lots"
    book = write_book(tmp_path / "book.xlsx", sheets)
    target = tmp_path / "data" / "mine"
    target.mkdir(parents=True)
    (target / "keep.txt").write_text("mine")
    with pytest.raises(DatasetError):
        import_dataset(book, "mine", tmp_path / "data", force=True)
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("name", ["", "a/b", "..", " x"])
def test_dataset_name_must_be_a_folder_name(name: str, tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.xlsx", tiny_sheets())
    with pytest.raises(DatasetError, match="is not a dataset name"):
        import_dataset(book, name, tmp_path / "data")


def test_a_damaged_workbook_is_named(tmp_path: Path) -> None:
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"PK\x03\x04" + b"damaged" * 20)
    (problem,) = _problems(tmp_path, book)
    assert problem.startswith("BOOK: cannot read the workbook (")
    assert "\n" not in problem
