"""A planner's workbook in, a manager's workbook out: spot buying shows in the export."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polars as pl
import pytest

from tests.spreadsheet.books import tiny_sheets, write_book
from tui.cli.evaluate import evaluate_file
from tui.spreadsheet.export import export
from tui.spreadsheet.importer import import_dataset
from tui.spreadsheet.report import PlanResults

PLAN = """\
format = 1
name = "Spot-reliant plan"
dataset = "../data/spot"
stock_carrying_cost = 10

[defaults]
split = { lynas = 100 }

[[stress]]
name = "Lynas outage, spot prices doubled"
source = "lynas"
start = "2026Q1"
months = 3
price_factor = 2
"""


def test_spot_figures_go_from_the_imported_dataset_to_the_export(tmp_path: Path) -> None:
    sheets = tiny_sheets()
    sheets["sources"][0].append("spot_premium")
    sheets["sources"][1].append(0.25)  # China sells spot at 25 % over its contract price
    sheets["products"][0].append("unit_value_usd")
    for row in sheets["products"][1:]:
        row.append(5000)
    book = write_book(tmp_path / "planner.xlsx", sheets)
    import_dataset(book, "spot", tmp_path / "data")
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "spot.toml").write_text(PLAN)

    item = evaluate_file(plans / "spot.toml", None)
    evaluation = item.evaluation
    assert evaluation.base.portfolio.spot_t > 0  # lynas cannot cover all: the rest is spot
    out = tmp_path / "manager.xlsx"
    export([PlanResults(item.file, "spot", evaluation)], out, periods=True)

    summary = pl.read_excel(out, sheet_name="summary")
    for row, case in zip(summary.iter_rows(named=True), evaluation.cases, strict=True):
        for figure, value in dataclasses.asdict(case.portfolio).items():
            assert row[figure] == pytest.approx(value, rel=1e-12, abs=1e-9), figure
    quarters = pl.read_excel(out, sheet_name="quarters")
    assert quarters.get_column("spot_china").sum() == pytest.approx(
        sum(c.periods.get_column("spot_china").sum() for c in evaluation.cases)
    )
    supply = pl.read_excel(out, sheet_name="supply")
    assert supply.get_column("spot_t").sum() == pytest.approx(evaluation.base.portfolio.spot_t)
