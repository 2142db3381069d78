"""``replan data template``: a workbook a planner fills in without reading any doc.

One sheet per dataset file, filled from a dataset, with the columns typed (text stays
text, so ``2026Q1`` is never turned into something else), a frozen header, a prompt on
every column saying what goes in it, Excel's data validation where it has one (a list
for ``group`` and for ids another sheet defines, numbers ≥ 0, shares 0–1) and a first
sheet that explains every column with its unit and an example.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from tui.dataset.checks import GROUPS, MAY_BE_EMPTY, NUMERIC, Column, Kind
from tui.dataset.files import ALL_FILES, DEFINED_BY, FileSpec
from tui.spreadsheet.cells import column_letter, sheet_name
from tui.spreadsheet.columns import about
from tui.spreadsheet.output import close_workbook, new_workbook

EXPLANATION_SHEET = "README"
_LAST_ROW = 1_048_575  # Excel's last row (0-based): validation covers rows yet to be typed
_INTRO = (
    "Fill in one sheet per dataset file; keep the header row as it is.",
    "A column may move, and a column of notes may be added: import ignores it with a warning.",
    "An empty cell stays empty (never 0): an empty capacity_t means unlimited.",
    "Columns marked 'may be left out' can be deleted or left empty.",
    "The products and bom sheets may both be left empty when all demand is on the demand sheet.",
    "Then run: replan data import THIS.xlsx --name NAME",
)


def write_template(out: Path, frames: dict[str, pl.DataFrame]) -> None:
    """Write the template to ``out``, its sheets filled from ``frames`` (by file name)."""
    workbook = new_workbook(out)
    styles = _Styles(workbook)
    _explanation(workbook.add_worksheet(EXPLANATION_SHEET), styles)
    for spec in ALL_FILES:
        frame = frames.get(spec.name)
        if frame is None:
            frame = pl.DataFrame(schema=_schema(spec))
        _data_sheet(workbook.add_worksheet(sheet_name(spec)), spec, frame, styles)
    close_workbook(workbook, out)


class _Styles:
    def __init__(self, workbook: Any) -> None:
        self.header = workbook.add_format({"bold": True, "bottom": 1, "bg_color": "#DDEBF7"})
        self.text = workbook.add_format({"num_format": "@"})
        self.number = workbook.add_format({"num_format": "General"})
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})


def _schema(spec: FileSpec) -> dict[str, Any]:
    return {c.name: pl.Float64 if c.kind in NUMERIC else pl.String for c in spec.columns}


def _explanation(sheet: Any, styles: _Styles) -> None:
    sheet.write(0, 0, "Dataset workbook", styles.title)
    for row, line in enumerate(_INTRO, start=1):
        sheet.write(row, 0, line)
    top = len(_INTRO) + 2
    header = ("sheet", "column", "unit", "meaning", "example", "empty allowed")
    sheet.write_row(top, 0, header, styles.header)
    row = top + 1
    for spec in ALL_FILES:
        for column in spec.columns:
            info = about(spec, column)
            optional = "yes" if column.kind in MAY_BE_EMPTY else "no"
            if column.optional:
                optional += " (the whole column may be left out)"
            sheet.write_row(row, 0, (sheet_name(spec), column.name, info.unit), styles.text)
            sheet.write(row, 3, info.meaning, styles.wrap)
            sheet.write_string(row, 4, info.example, styles.text)
            sheet.write_string(row, 5, optional)
            row += 1
    sheet.set_column(0, 1, 14)
    sheet.set_column(2, 2, 13)
    sheet.set_column(3, 3, 70)
    sheet.set_column(4, 4, 14)
    sheet.set_column(5, 5, 36)
    sheet.freeze_panes(top + 1, 0)


def _data_sheet(sheet: Any, spec: FileSpec, frame: pl.DataFrame, styles: _Styles) -> None:
    sheet.freeze_panes(1, 0)
    for index, column in enumerate(spec.columns):
        number = column.kind in NUMERIC
        sheet.write_string(0, index, column.name, styles.header)
        if column.name in frame.columns:
            values = frame.get_column(column.name).to_list()
        else:  # an optional column the dataset does not use: left empty to fill in
            values = [None] * frame.height
        if number:
            for row, value in enumerate(values, start=1):
                if value is not None:
                    sheet.write_number(row, index, value, styles.number)
        else:
            for row, value in enumerate(values, start=1):
                if value is not None:
                    sheet.write_string(row, index, value, styles.text)
        width = max([len(column.name), *(len(str(v)) for v in values[:500])], default=8)
        sheet.set_column(index, index, min(width + 3, 40), styles.number if number else styles.text)
        _validation(sheet, spec, index, column)
    sheet.autofilter(0, 0, max(frame.height, 1), len(spec.columns) - 1)


def _validation(sheet: Any, spec: FileSpec, index: int, column: Column) -> None:
    """Excel's own check for the column, with a prompt saying what goes in it."""
    info = about(spec, column)
    prompt = info.meaning if not info.unit else f"{info.meaning} ({info.unit})"
    options: dict[str, Any] = {
        "input_title": column.name[:32],
        "input_message": prompt[:255],
        "error_type": "stop",
        "error_title": column.name[:32],
    }
    if column.kind in NUMERIC:
        options |= {
            "validate": "decimal",
            "criteria": "between",
            "minimum": 0,
            "maximum": 1 if column.kind == Kind.SHARE else 1e12,
            "ignore_blank": True,
            "error_message": "A number, between 0 and 1"
            if column.kind == Kind.SHARE
            else "A number, 0 or more",
        }
    elif column.kind == Kind.GROUP:
        options |= {"validate": "list", "source": list(GROUPS)}
    elif column.kind == Kind.MEMBER and column.member_of in DEFINED_BY:
        defining, id_column = DEFINED_BY[column.member_of]
        position = defining.column_names.index(id_column)
        letter = column_letter(position)
        options |= {
            "validate": "list",
            "source": f"={sheet_name(defining)}!${letter}$2:${letter}$100000",
            "error_type": "warning",
            "error_message": f"Not on the {sheet_name(defining)} sheet (yet)",
        }
    else:
        options |= {"validate": "any"}
    sheet.data_validation(1, index, _LAST_ROW, index, options)
