"""The buying figures in every output: JSON and CSV fields, the table's lines, rounding.

The tiny dataset of ``test_cli_figures`` with ``spot_premium = 0.5`` for china and a
unit value of 800 USD for the motor. China is unlimited for Nd and Dy, so it buys the
whole contract gap spot: Nd 10.6 t a quarter at 50 × 1.5 = 75 USD/kg, Dy 1.1 t a
quarter at 300 × 1.5 = 450 USD/kg. Nothing is then short, and Dy's stock is untouched.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from tests.cli.runner import TINY_PLAN, copy_tiny, replan
from tui.cli.formats.rounding import SIGNIFICANT_DIGITS, round_number, rounded


@pytest.fixture(scope="module")
def spot_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spot")
    dataset = copy_tiny(root)
    (dataset / "sources.csv").write_text(
        "source,name,origin,spot_premium\nchina,China,CN,0.5\nlynas,Lynas,MY,\n"
        "recycling,Recycling,recycled,\n"
    )
    (dataset / "products.csv").write_text(
        "product,period,units,unit_value_usd\nmotor,2026Q1,1000,800\nmotor,2026Q2,1000,800\n"
    )
    (root / "plans").mkdir()
    plan = root / "plans" / "tiny.toml"
    shutil.copy(TINY_PLAN, plan)
    return plan


def _json(*args: str | Path) -> dict:
    result = replan("evaluate", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_carries_spot_and_total_cost(spot_plan: Path) -> None:
    base = _json(spot_plan, "--periods")["cases"][0]
    portfolio = base["portfolio"]
    assert portfolio["spot_t"] == pytest.approx(2 * 10.6 + 2 * 1.1)
    spot_cost = 2 * 10.6 * 75_000 + 2 * 1.1 * 450_000
    assert portfolio["spot_cost_usd"] == pytest.approx(spot_cost)
    contract = 2 * 4_770_000 + 2_720_000 + 2_930_000
    assert portfolio["cost_usd"] == pytest.approx(contract + spot_cost)
    assert portfolio["total_cost_usd"] == pytest.approx(contract + spot_cost)
    assert portfolio["shortfall_t"] == 0.0
    assert portfolio["value_short_usd"] == 0.0
    nd = next(p for p in base["periods"] if p["element"] == "Nd")
    assert nd["spot_by"] == {"china": pytest.approx(10.6)}
    assert nd["china_exposure_bought"] == pytest.approx((71.4 + 2 + 10.6) / 102)
    assert base["products"][0]["value_short_usd"] == 0.0


def test_stress_value_short_is_priced(spot_plan: Path) -> None:
    """China cut by a third in 2026Q2: Nd's gap there is 34.4 t; china sells spot
    2/3 of it, 34.4 × 2/3, and 34.4/3 is short: the motor loses 1,000 × 34.4/3/102 units
    worth 800 USD each (Dy's shortfall ratio is smaller, its stock covers part)."""
    stress = _json(spot_plan)["cases"][1]
    nd = next(e for e in stress["elements"] if e["element"] == "Nd")
    assert nd["shortfall_t"] == pytest.approx(34.4 / 3)
    motor = stress["products"][0]
    assert motor["units_short"] == pytest.approx(1000 * 34.4 / 3 / 102)
    assert motor["value_short_usd"] == pytest.approx(800 * 1000 * 34.4 / 3 / 102)


def test_csv_has_the_new_columns(spot_plan: Path) -> None:
    result = replan("evaluate", spot_plan, "--format", "csv", "--periods")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[-4:] == [
        "supplied_china",
        "supplied_lynas",
        "supplied_recycling",
        "spot_china",
    ]
    nd = next(r for r in rows if r["element"] == "Nd")
    assert float(nd["spot_china"]) == pytest.approx(10.6)
    assert float(nd["spot_t"]) == pytest.approx(10.6)


def test_table_shows_spot_stock_and_total(spot_plan: Path) -> None:
    result = replan("evaluate", spot_plan)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for label in ("as bought", "bought spot", "from stock", "Stock cost", "Total cost"):
        assert label in out
    assert "Value of units short" in out
    assert "lynas can deliver 20.0 t of the 30.6 t planned in 2026Q1" in out
    assert "the rest is bought spot from china" in out


def test_diff_shows_the_new_figures(spot_plan: Path) -> None:
    result = replan("diff", TINY_PLAN, spot_plan)
    assert result.returncode == 0, result.stderr
    for label in ("China exposure as bought", "Bought spot", "Total cost", "Stock cost"):
        assert label in result.stdout
    assert "Exposure as bought differs from planned" in result.stdout


def test_figures_are_written_without_float_noise() -> None:
    """The all-China baseline: exposure exactly 1, tonnes as the data give them."""
    result = replan("evaluate", "plans/baseline.toml", "--format", "json", "--periods")
    assert result.returncode == 0, result.stderr
    assert "0.99999999" not in result.stdout and "00000000000" not in result.stdout
    document = json.loads(result.stdout)
    assert document["cases"][0]["portfolio"]["china_exposure"] == 1


def test_rounding_keeps_twelve_significant_digits() -> None:
    assert SIGNIFICANT_DIGITS == 12
    frame = pl.DataFrame({"x": [0.9999999999999998, 2500.0000000000005, 123456.789012345678, None]})
    assert rounded(frame).get_column("x").to_list() == [1.0, 2500.0, 123456.789012, None]
    assert round_number(0.1 + 0.2) == 0.3
    assert round_number(None) is None


@pytest.mark.parametrize("command", ["open", "evaluate", "validate", "diff"])
def test_every_command_that_reads_a_dataset_takes_data_dir(command: str) -> None:
    result = replan(command, "--help")
    assert result.returncode == 0
    assert "--data-dir" in result.stdout
