"""A workbook's six sheets as dataset tables: every cell read as text, every problem
placed as ``sheet!cell``.

Cells are read as text (a number stored as text with a trailing space would otherwise
become an empty cell without a word) and converted by the dataset's own checks. What
Excel does to data is taken in stride: numbers stored as text, spaces around values,
blank-looking rows, formulas (their cached values), a quarter typed ``2026 Q1``,
columns in any order, extra columns (a warning) and extra sheets (ignored). Merged
cells, an ``.xls`` file and a missing sheet or column are refused, naming the place.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from tui.dataset.checks import NUMERIC, Kind
from tui.dataset.csvfile import CsvTable, clean_text
from tui.dataset.files import ALL_FILES, FileSpec
from tui.domain.errors import Problem
from tui.spreadsheet.canonical import number_text
from tui.spreadsheet.cells import column_letter, sheet_name
from tui.spreadsheet.merges import merged_ranges

_ROW = "__row"
_QUARTER_TYPED = r"^(\d{4})\s*[Qq]\s*([1-4])$"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the legacy .xls (and other Office 97) format
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class SheetTable(CsvTable):
    """A sheet's data rows; problems name the cell (``supply!F12``), rows ``row 12``."""

    letters: Mapping[str, str] = field(default_factory=dict)  # column name → its letter

    def cell_problem(self, position: int, column: str, message: str) -> Problem:
        return Problem(f"{self.file}!{self.letters[column]}{self.line(position)}", "", message)

    def row_problem(self, position: int, message: str) -> Problem:
        first = min(self.letters.values(), key=lambda letter: (len(letter), letter))
        return Problem(f"{self.file}!{first}{self.line(position)}", "", message)

    def row_name(self, position: int) -> str:
        return f"row {self.line(position)}"


@dataclass
class Workbook:
    """What was read: a table per sheet (None when unusable, absent when an optional
    sheet is missing), the problems found and the warnings to show."""

    tables: dict[str, CsvTable | None]
    problems: list[Problem]
    warnings: list[str]


def read_workbook(path: Path) -> Workbook:
    """The dataset sheets of the ``.xlsx`` workbook at ``path`` (fastexcel is imported here)."""
    book = Workbook({}, [], [])
    refusal = _refuse_format(path)
    if refusal is not None:
        book.problems.append(refusal)
        return book
    import fastexcel

    try:
        reader = fastexcel.read_excel(path)
        names = list(reader.sheet_names)
    except (fastexcel.FastExcelError, OSError) as error:
        book.problems.append(Problem(str(path), "", f"cannot read the workbook ({_first(error)})"))
        return book
    merges = merged_ranges(path)
    for spec in ALL_FILES:
        sheet = sheet_name(spec)
        if sheet not in names:
            if not spec.optional:
                book.problems.append(_missing_sheet(path, sheet, names))
                book.tables[spec.name] = None
            continue
        if sheet in merges:
            book.problems.extend(_merge_problems(sheet, merges[sheet]))
            book.tables[spec.name] = None
            continue
        try:
            table = _read_sheet(reader, sheet, spec, book)
        except fastexcel.FastExcelError as error:
            book.problems.append(Problem(sheet, "", f"cannot read the sheet ({_first(error)})"))
            table = None
        book.tables[spec.name] = table
    return book


def _first(error: BaseException) -> str:
    """The first line of a reader's error (the rest is its internal context)."""
    lines = str(error).strip().splitlines()
    return lines[0].strip() if lines else type(error).__name__


def _refuse_format(path: Path) -> Problem | None:
    """An ``.xls`` (or anything but an ``.xlsx`` zip) is refused before reading."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        return Problem(str(path), "", f"cannot read the file ({error.strerror or error})")
    if head.startswith(_OLE2) or path.suffix.lower() == ".xls":
        return Problem(
            str(path),
            "",
            "an .xls workbook (Excel 97–2003) is not read; save it as .xlsx "
            "(Excel Workbook) and import that",
        )
    if not head.startswith(_ZIP):
        return Problem(str(path), "", "not an .xlsx workbook (nor a dataset folder)")
    return None


def _missing_sheet(path: Path, sheet: str, names: Sequence[str]) -> Problem:
    close = difflib.get_close_matches(sheet, names, n=1, cutoff=0.6)
    if not close:
        close = [name for name in names if name.strip().lower() == sheet]
    hint = f"; did you mean {close[0]!r}?" if close else f" (sheets: {', '.join(names)})"
    return Problem(str(path), "", f"missing sheet {sheet!r}{hint}")


def _merge_problems(sheet: str, ranges: Sequence[str]) -> list[Problem]:
    return [
        Problem(
            f"{sheet}!{ref.split(':')[0]}",
            "",
            f"merged cells ({ref}); unmerge them and fill in every cell",
        )
        for ref in ranges
    ]


def _read_sheet(reader: Any, sheet: str, spec: FileSpec, book: Workbook) -> SheetTable | None:
    """One sheet as a table of stripped strings, or None after adding its problems."""
    loaded = reader.load_sheet(sheet, header_row=None, skip_rows=0, dtypes="string")
    raw = loaded.to_polars()
    absolute = [info.absolute_index for info in loaded.available_columns()]
    header = [(value or "").strip() for value in raw.row(0)] if raw.height else []
    positions = _header_positions(sheet, spec, header, absolute, book)
    if positions is None:
        return None
    exact = _exact_numbers(reader, sheet, spec, raw.columns, positions, raw.height)
    present = [c for c in spec.columns if c.name in positions]
    expressions = []
    for column in present:
        cell = clean_text(pl.col(raw.columns[positions[column.name]]))
        if column.kind == Kind.PERIOD:
            cell = cell.str.replace(_QUARTER_TYPED, "${1}Q${2}")
        elif column.name in exact:
            reads_as_number = cell.cast(pl.Float64, strict=False).is_not_null()
            precise = number_text(pl.col(exact[column.name].name))
            cell = pl.when(reads_as_number & precise.is_not_null()).then(precise).otherwise(cell)
        expressions.append(cell.alias(column.name))
    frame = (
        raw.with_columns(exact.values())
        .select(expressions)
        .with_row_index(_ROW)
        .slice(1)
        .filter(~pl.all_horizontal([pl.col(c.name).is_null() for c in present]))
    )
    letters = {c.name: column_letter(absolute[positions[c.name]]) for c in present}
    raw_rows = frame.get_column(_ROW).to_list()
    return SheetTable(sheet, frame.drop(_ROW), raw_rows, _excel_row, letters)


def _excel_row(record: int) -> int:
    """Record 0 is the sheet's first row (the reader keeps leading blank rows)."""
    return record + 1


def _header_positions(
    sheet: str, spec: FileSpec, header: list[str], absolute: list[int], book: Workbook
) -> dict[str, int] | None:
    """Where each column of ``spec`` is on row 1 (the optional ones when there); None
    after adding the problems."""
    required = spec.column_names
    wanted = (*required, *spec.optional_names)
    if not any(header):
        expected = ", ".join(required)
        message = f"expected the header row {expected}; found an empty row"
        book.problems.append(Problem(f"{sheet}!A1", "", message))
        return None
    where = {name: i for i, name in reversed(list(enumerate(header))) if name}
    problems = []
    for i, name in enumerate(header):
        if name in wanted and header.index(name) != i:
            cell = f"{sheet}!{column_letter(absolute[i])}1"
            problems.append(Problem(cell, "", f"column {name!r} appears more than once"))
    extras = [i for i, name in enumerate(header) if name and name not in wanted]
    missing = [name for name in required if name not in where]
    claimed: set[int] = set()
    unmatched = []
    for name in missing:
        unused = {header[i]: i for i in extras if i not in claimed}
        close = difflib.get_close_matches(name, list(unused), n=1, cutoff=0.6)
        if close:
            i = unused[close[0]]
            claimed.add(i)
            cell = f"{sheet}!{column_letter(absolute[i])}1"
            message = f"unknown column {close[0]!r}; did you mean {name!r}?"
            problems.append(Problem(cell, "", message))
        else:
            unmatched.append(repr(name))
    if unmatched:
        label = "column" if len(unmatched) == 1 else "columns"
        expected = ", ".join(required)
        message = f"missing {label} {', '.join(unmatched)} on row 1 (the columns are {expected})"
        problems.append(Problem(sheet, "", message))
    for i in extras:
        if i not in claimed:
            cell = f"{sheet}!{column_letter(absolute[i])}1"
            book.warnings.append(f"{cell}: column {header[i]!r} is not a dataset column; ignored")
    if problems:
        book.problems.extend(problems)
        return None
    return {name: where[name] for name in wanted if name in where}


def _exact_numbers(
    reader: Any,
    sheet: str,
    spec: FileSpec,
    names: list[str],
    positions: dict[str, int],
    height: int,
) -> dict[str, pl.Series]:
    """The numeric columns read again as numbers, at full precision.

    Read as text, a number keeps only nine decimals (``=1/3`` reads ``0.333333333``);
    read as a number, a number stored as text is lost. Both readings together keep
    every number whole and every bad cell visible.
    """
    numeric = {
        c.name: names[positions[c.name]]
        for c in spec.columns
        if c.kind in NUMERIC and c.name in positions
    }
    if not numeric:
        return {}
    loaded = reader.load_sheet(
        sheet,
        header_row=None,
        skip_rows=0,
        use_columns=list(numeric.values()),
        dtypes=dict.fromkeys(numeric.values(), "float"),
    )
    frame = loaded.to_polars()
    if frame.height != height:  # not the same cells: keep the text reading alone
        return {}
    return {name: frame.get_column(raw).alias(f"__exact_{name}") for name, raw in numeric.items()}
