"""Workbooks built for the tests with xlsxwriter, cell by cell, as a planner's Excel
would leave them; and the tiny dataset's sheets as rows to start from."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "datasets"
TINY = FIXTURES / "tiny"
SHEETS = ("elements", "sources", "demand", "supply", "products", "bom")

Rows = list[list[Any]]


class Formula:
    """A formula cell with the value Excel cached for it."""

    def __init__(self, formula: str, value: Any) -> None:
        self.formula = formula
        self.value = value


def tiny_sheets() -> dict[str, Rows]:
    """The tiny dataset as rows of text, header first, numbers as Python numbers."""
    sheets = {}
    for sheet in SHEETS:
        with (TINY / f"{sheet}.csv").open(encoding="utf-8") as handle:
            rows = [list(row) for row in csv.reader(handle)]
        sheets[sheet] = [rows[0], *([_number(v) for v in row] for row in rows[1:])]
    return sheets


def _number(value: str) -> Any:
    try:
        return int(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            return value


def write_book(
    path: Path,
    sheets: Mapping[str, Sequence[Sequence[Any]]],
    merges: Mapping[str, Sequence[str]] | None = None,
) -> Path:
    """Write ``sheets`` (name → rows); ``None`` leaves a cell empty; strings stay strings."""
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, Formula):
                    sheet.write_formula(r, c, value.formula, None, value.value)
                elif isinstance(value, str):
                    sheet.write_string(r, c, value)
                else:
                    sheet.write_number(r, c, value)
        for ref in (merges or {}).get(name, ()):
            first, last = ref.split(":")
            sheet.merge_range(f"{first}:{last}", "")
    workbook.close()
    return path
