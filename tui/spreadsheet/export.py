"""``replan export``: plans' results as a workbook a manager reads as it is, or as CSV or
Parquet files for scripts (the same tables).

The workbook has the report's tables as sheets, with number formats (tonnes, percent,
USD), frozen headers, filters and fitted widths, and a ``charts`` sheet with native Excel
charts per plan: China exposure per element (planned, and as bought when the engine
gives it) and supply by source against demand per quarter. The app exports through
here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import polars as pl

from tui.domain.errors import Problem, ReplanError
from tui.spreadsheet.output import close_workbook, new_workbook
from tui.spreadsheet.report import SUPPLIED, PlanResults, report_tables

FORMATS = (".xlsx", ".csv", ".parquet")
CHARTS_SHEET = "charts"
_TONNES = '#,##0.0 "t"'
_USD = '"$"#,##0'
_PERCENT = "0.0%"
_COUNT = "#,##0"
_DAYS = "0.0"
_EXPOSURES = ("china_exposure", "china_exposure_bought")
_CHART_ROWS = 20  # rows of the charts sheet given to each plan


def export(items: Sequence[PlanResults], out: Path, *, periods: bool) -> list[Path]:
    """Write the report of ``items`` to ``out`` (by its suffix); the files written.

    A CSV or Parquet export writes one file per table beside ``out``:
    ``results.csv`` → ``results-summary.csv``, ``results-elements.csv``, ...
    """
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"unknown export format {out.suffix!r}")
    tables = report_tables(items, periods=periods)
    if suffix == ".xlsx":
        write_workbook(tables, out, len(items))
        return [out]
    if not out.parent.is_dir():
        raise ReplanError(Problem(str(out), "", f"no such folder {str(out.parent)!r}"))
    written = []
    for name, frame in tables.items():
        path = out.with_name(f"{out.stem}-{name}{suffix}")
        if suffix == ".csv":
            frame.write_csv(path, null_value="", line_terminator="\n")
        else:
            frame.write_parquet(path)
        written.append(path)
    return written


def number_format(column: str) -> str | None:
    """The Excel number format of a figure, from its name's unit."""
    if column in ("coverage", *_EXPOSURES) or column.startswith("share_"):
        return _PERCENT
    if column.endswith("_usd"):
        return _USD
    if column.endswith("_t") or column.startswith((SUPPLIED, "spot_")):
        return _TONNES
    if column in ("units", "units_short"):
        return _COUNT
    if column.endswith("_days") or column.startswith(("days_", "worst_days")):
        return _DAYS
    return None


def write_workbook(tables: dict[str, pl.DataFrame], out: Path, plans: int) -> None:
    workbook = new_workbook(out)
    header = {"bold": True, "bg_color": "#DDEBF7", "bottom": 1, "text_wrap": False}
    for name, frame in tables.items():
        formats = {c: f for c in frame.columns if (f := number_format(c)) is not None}
        frame.write_excel(
            workbook,
            name,
            column_formats=formats,  # type: ignore[arg-type]  # polars stubs: invariant key type
            header_format=header,
            autofit=True,
            freeze_panes=(1, 0),
            autofilter=True,
            table_style="Table Style Light 9",
        )
    _charts(workbook, tables, plans)
    close_workbook(workbook, out)


def _charts(workbook: Any, tables: dict[str, pl.DataFrame], plans: int) -> None:
    sheet = workbook.add_worksheet(CHARTS_SHEET)
    elements, supply = tables["elements"], tables["supply"]
    element_rows = elements.with_row_index("__row").filter(pl.col("case") == "base")
    supply_rows = supply.with_row_index("__row")
    for index, (plan_file, plan) in enumerate(_plans(tables["summary"])[:plans]):
        top = index * _CHART_ROWS
        mine = element_rows.filter((pl.col("file") == plan_file) & (pl.col("plan") == plan))
        sheet.insert_chart(top, 0, _exposure_chart(workbook, elements, mine, plan))
        quarters = supply_rows.filter((pl.col("file") == plan_file) & (pl.col("plan") == plan))
        sheet.insert_chart(top, 9, _supply_chart(workbook, supply, quarters, plan))


def _plans(summary: pl.DataFrame) -> list[tuple[str, str]]:
    return summary.select("file", "plan").unique(maintain_order=True).rows()


def _range(frame: pl.DataFrame, sheet: str, column: str, rows: pl.DataFrame) -> list[Any]:
    """``[sheet, first_row, col, last_row, col]`` of ``column`` over ``rows`` (contiguous)."""
    col = frame.columns.index(column)
    # the row index is an integer column and ``rows`` is not empty: min and max are ints
    first, last = (
        cast(int, rows.get_column("__row").min()),
        cast(int, rows.get_column("__row").max()),
    )
    return [sheet, int(first) + 1, col, int(last) + 1, col]


def _any_above_zero(frame: pl.DataFrame, column: str, rows: pl.DataFrame) -> bool:
    positions = rows.get_column("__row")
    return bool((frame.get_column(column).gather(positions) > 0).any())


def _exposure_chart(workbook: Any, elements: pl.DataFrame, rows: pl.DataFrame, plan: str) -> Any:
    chart = workbook.add_chart({"type": "column"})
    categories = _range(elements, "elements", "element", rows)
    names = {"china_exposure": "planned", "china_exposure_bought": "as bought"}
    for column in _EXPOSURES:
        if column in elements.columns:
            chart.add_series(
                {
                    "name": names[column],
                    "categories": categories,
                    "values": _range(elements, "elements", column, rows),
                }
            )
    chart.set_title({"name": f"China exposure per element — {plan}"[:255]})
    chart.set_y_axis({"num_format": "0%", "min": 0, "max": 1})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 520, "height": 360})
    return chart


def _supply_chart(workbook: Any, supply: pl.DataFrame, rows: pl.DataFrame, plan: str) -> Any:
    chart = workbook.add_chart({"type": "column", "subtype": "stacked"})
    categories = _range(supply, "supply", "period", rows)
    sources = [c for c in supply.columns if c.startswith(SUPPLIED) and c != "supplied_t"]
    if "spot_t" in supply.columns and _any_above_zero(supply, "spot_t", rows):
        sources.append("spot_t")  # spot purchases, when the plan makes any
    for column in sources:
        label = column.removeprefix(SUPPLIED) if column != "spot_t" else "spot"
        chart.add_series(
            {
                "name": label,
                "categories": categories,
                "values": _range(supply, "supply", column, rows),
                "gap": 50,
            }
        )
    demand = workbook.add_chart({"type": "line"})
    demand.add_series(
        {
            "name": "demand",
            "categories": categories,
            "values": _range(supply, "supply", "demand_t", rows),
            "line": {"color": "black", "width": 2},
        }
    )
    chart.combine(demand)
    chart.set_title({"name": f"Supply by source against demand — {plan}"[:255]})
    chart.set_y_axis({"name": "t", "num_format": "#,##0"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 720, "height": 360})
    return chart


__all__ = ["FORMATS", "PlanResults", "export", "number_format"]
