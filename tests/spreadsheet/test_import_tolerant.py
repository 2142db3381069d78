"""What Excel does to data is taken in stride by the import."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tests.spreadsheet.books import TINY, Formula, tiny_sheets, write_book
from tui.dataset.loader import load_frames
from tui.domain.errors import DatasetError
from tui.spreadsheet.importer import import_dataset


def _import(tmp_path: Path, sheets: dict, **kwargs: object) -> tuple[dict, tuple[str, ...]]:
    book = write_book(tmp_path / "book.xlsx", sheets, **kwargs)  # type: ignore[arg-type]
    result = import_dataset(book, "mine", tmp_path / "data")
    return load_frames(result.folder), result.warnings


def test_a_clean_workbook_gives_the_dataset(tmp_path: Path) -> None:
    frames, warnings = _import(tmp_path, tiny_sheets())
    expected = load_frames(TINY)
    for name, frame in expected.items():
        assert_frame_equal(frames[name], frame)
    assert warnings == ()


def test_excel_habits_are_taken_in_stride(tmp_path: Path) -> None:
    sheets = tiny_sheets()
    demand = sheets["demand"]
    demand[1][2] = "100 "  # a number stored as text, with a trailing space
    demand[2][1] = "2026 Q2"  # a quarter typed with a space
    demand[3][0] = " Dy"  # a leading space
    demand[4][2] = Formula("=C2/10+2", 12)  # a formula: its cached value
    demand.extend([[None, None, " "], [None, None, Formula('=""', "")], []])  # blank-looking
    sheets["elements"] = [
        ["group", "element", "name"],
        *([r[2], r[0], r[1]] for r in sheets["elements"][1:]),
    ]
    sheets["supply"][0].append("notes")
    sheets["supply"][1].append("call Tom")
    sheets["README"] = [["anything at all"], [1, 2, 3]]
    frames, warnings = _import(tmp_path, sheets)
    expected = load_frames(TINY)
    for name, frame in expected.items():
        assert_frame_equal(frames[name], frame)
    assert warnings == ("supply!G1: column 'notes' is not a dataset column; ignored",)


def test_numbers_keep_their_full_precision(tmp_path: Path) -> None:
    sheets = tiny_sheets()
    sheets["bom"][1][2] = Formula("=1/3", 1 / 3)
    sheets["supply"][5][5] = 0.012345678912345
    frames, _ = _import(tmp_path, sheets)
    assert frames["bom.csv"].get_column("kg_per_unit")[0] == 1 / 3
    assert frames["supply.csv"].get_column("china_share")[4] == 0.012345678912345


def test_an_empty_capacity_stays_empty(tmp_path: Path) -> None:
    frames, _ = _import(tmp_path, tiny_sheets())
    capacity = frames["supply.csv"].get_column("capacity_t")
    assert capacity.null_count() == 4 and capacity.fill_null(-1).min() == -1


def test_a_table_that_starts_further_right_is_read_in_place(tmp_path: Path) -> None:
    """Cells are named where they are, even when column A is empty."""
    sheets = tiny_sheets()
    sheets["demand"] = [[None, *row] for row in sheets["demand"]]
    sheets["demand"][2][3] = "lots"
    book = write_book(tmp_path / "book.xlsx", sheets)
    with pytest.raises(DatasetError) as caught:
        import_dataset(book, "mine", tmp_path / "data")
    assert str(caught.value) == "demand!D3: 'lots' is not a number"


def test_without_products_sheets_there_are_no_products(tmp_path: Path) -> None:
    sheets = tiny_sheets()
    del sheets["products"], sheets["bom"]
    frames, _ = _import(tmp_path, sheets)
    assert "products.csv" not in frames and "bom.csv" not in frames


def test_a_folder_of_csv_files_imports_too(tmp_path: Path) -> None:
    result = import_dataset(TINY, "copy", tmp_path / "data")
    assert_frame_equal(load_frames(result.folder)["supply.csv"], load_frames(TINY)["supply.csv"])
    assert pl.read_csv(result.folder / "demand.csv").height == 4


def test_optional_columns_come_through_when_given(tmp_path: Path) -> None:
    sheets = tiny_sheets()
    sheets["sources"][0].append("spot_premium")
    sheets["sources"][1].append(0.25)  # china sells spot; the others only under contract
    sheets["products"][0].append("unit_value_usd")
    for row in sheets["products"][1:]:
        row.append(12000)
    book = write_book(tmp_path / "book.xlsx", sheets)
    result = import_dataset(book, "mine", tmp_path / "data")
    assert (result.folder / "sources.csv").read_text().splitlines() == [
        "source,name,origin,spot_premium",
        "china,China,CN,0.25",
        "lynas,Lynas,MY,",
        "recycling,Recycling,recycled,",
    ]
    frames = load_frames(result.folder)
    assert frames["products.csv"].get_column("unit_value_usd").to_list() == [12000, 12000]
    assert result.warnings == ()


def test_optional_columns_left_out_are_not_written(tmp_path: Path) -> None:
    _import(tmp_path, tiny_sheets())
    header = (tmp_path / "data" / "mine" / "sources.csv").read_text().splitlines()[0]
    assert header == "source,name,origin"
