"""A dataset written as the template and imported again is the same dataset."""

from __future__ import annotations

import zipfile
from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

from tests.spreadsheet.books import TINY
from tui.dataset import reference_dataset_path
from tui.dataset.files import ALL_FILES
from tui.dataset.loader import load_frames
from tui.spreadsheet.importer import import_dataset
from tui.spreadsheet.template import EXPLANATION_SHEET, write_template


def _round_trip(source: Path, tmp_path: Path) -> Path:
    book = tmp_path / "template.xlsx"
    write_template(book, load_frames(source))
    return import_dataset(book, "copy", tmp_path / "data").folder


def test_reference_dataset_survives_template_and_import(tmp_path: Path) -> None:
    folder = _round_trip(reference_dataset_path(), tmp_path)
    before, after = load_frames(reference_dataset_path()), load_frames(folder)
    assert list(after) == list(before)
    for name, frame in before.items():
        assert_frame_equal(after[name], frame, check_exact=True)


def test_canonical_files_are_written_as_typed(tmp_path: Path) -> None:
    """Numbers as a person writes them, an empty capacity as an empty field."""
    folder = _round_trip(TINY, tmp_path)
    for spec in ALL_FILES:
        assert (folder / spec.name).read_text() == (TINY / spec.name).read_text()
    readme = (folder / "README.md").read_text()
    assert "template.xlsx" in readme and readme.startswith("# copy")


def test_template_has_a_sheet_per_file_and_an_explanation(tmp_path: Path) -> None:
    book = tmp_path / "t.xlsx"
    write_template(book, load_frames(TINY))
    sheets = pl.read_excel(book, sheet_id=0, has_header=False)
    assert list(sheets) == [EXPLANATION_SHEET, *(s.name.removesuffix(".csv") for s in ALL_FILES)]
    explained = sheets[EXPLANATION_SHEET]
    listed = {tuple(row[:2]) for row in explained.rows()}
    for spec in ALL_FILES:
        for column in spec.column_names:
            assert (spec.name.removesuffix(".csv"), column) in listed
    assert sheets["supply"].row(0) == (
        "source",
        "element",
        "period",
        "capacity_t",
        "price_usd_kg",
        "china_share",
    )


def test_template_validates_group_numbers_and_shares(tmp_path: Path) -> None:
    book = tmp_path / "t.xlsx"
    write_template(book, load_frames(TINY))
    with zipfile.ZipFile(book) as archive:
        names = archive.namelist()
        sheets = {n for n in names if n.startswith("xl/worksheets/sheet")}
        xml = {n: archive.read(n).decode() for n in sheets}
    elements = next(x for x in xml.values() if '"light,heavy"' in x or "light,heavy" in x)
    assert 'type="list"' in elements
    supply = next(x for x in xml.values() if "<formula2>1</formula2>" in x)
    assert 'type="decimal"' in supply and "<formula1>0</formula1>" in supply
    assert all("<pane " in x for x in xml.values())  # frozen headers everywhere


def test_template_offers_the_optional_columns(tmp_path: Path) -> None:
    book = tmp_path / "t.xlsx"
    write_template(book, load_frames(TINY))
    sheets = pl.read_excel(book, sheet_id=0, has_header=False)
    for spec in ALL_FILES:
        header = sheets[spec.name.removesuffix(".csv")].row(0)
        assert header == tuple(c.name for c in spec.columns)
