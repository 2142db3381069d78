"""``replan evaluate``: every format, the JSON contract of SPEC §6, several plans."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.runner import (
    ALL_CHINA_PLAN,
    FIXTURES,
    REPO,
    TINY_PLAN,
    copy_tiny,
    replan,
    stderr_lines,
)

TOP_KEYS = ["plan", "dataset", "horizon", "warnings", "cases"]
PORTFOLIO_KEYS = [
    "demand_t", "supplied_t", "gap_t", "coverage", "china_exposure", "china_exposure_value",
    "cost_usd", "stockpile_drawn_t", "shortfall_t", "spot_t", "spot_cost_usd",
    "china_exposure_bought", "stock_cost_usd", "total_cost_usd", "value_short_usd",
]  # fmt: skip
ELEMENT_KEYS = [
    "element", "demand_t", "supplied_t", "gap_t", "coverage", "china_exposure", "cost_usd",
    "stockpile_t", "stockpile_drawn_t", "shortfall_t", "days_short", "spot_t", "spot_cost_usd",
    "china_exposure_bought", "stock_cost_usd", "total_cost_usd",
]  # fmt: skip
PERIOD_KEYS = [
    "element", "period", "demand_t", "supplied_t", "gap_t", "china_exposure", "shortfall_t",
    "supplied_by", "spot_t", "china_exposure_bought", "spot_by",
]  # fmt: skip


def _json(*args: str | Path) -> object:
    result = replan("evaluate", *args, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


# --- JSON shape ---------------------------------------------------------------------


def test_json_shape_and_key_order() -> None:
    document = _json(TINY_PLAN)
    assert list(document) == TOP_KEYS
    assert list(document["horizon"]) == ["start", "end"]
    assert [case["case"] for case in document["cases"]] == ["base", "China cut"]
    for case in document["cases"]:
        assert list(case) == ["case", "portfolio", "elements", "products"]
        assert list(case["portfolio"]) == PORTFOLIO_KEYS
        # every dataset element, in dataset order (Lu has no demand at all)
        assert [e["element"] for e in case["elements"]] == ["Nd", "Dy", "Lu"]
        for element in case["elements"]:
            assert list(element) == ELEMENT_KEYS
        assert list(case["products"][0]) == ["product", "units", "units_short", "value_short_usd"]
        numbers = [*case["portfolio"].values()] + [
            v for e in case["elements"] for k, v in e.items() if k != "element"
        ]
        assert all(v is None or type(v) is float for v in numbers)


def test_json_periods_only_with_flag() -> None:
    document = _json(TINY_PLAN, "--periods")
    for case in document["cases"]:
        assert list(case) == ["case", "portfolio", "elements", "periods", "products"]
        keys = [(p["element"], p["period"]) for p in case["periods"]]
        assert sorted(keys) == sorted(
            (e, p) for e in ("Nd", "Dy", "Lu") for p in ("2026Q1", "2026Q2")
        )
        assert [k[0] for k in keys] == ["Nd", "Nd", "Dy", "Dy", "Lu", "Lu"]
        for period in case["periods"]:
            assert list(period) == PERIOD_KEYS
            assert list(period["supplied_by"]) == ["china", "lynas", "recycling"]
        # A quarter's exposure is the split's (SPEC §5.6: Σ w × china_share), so Lu,
        # all from China by default, is 1.0 even without demand; only aggregates are null.
        lu = [p for p in case["periods"] if p["element"] == "Lu"]
        assert [p["china_exposure"] for p in lu] == [1.0, 1.0]


def test_json_products_absent_without_products(tmp_path: Path) -> None:
    dataset = copy_tiny(tmp_path)
    (dataset / "products.csv").unlink()
    (dataset / "bom.csv").unlink()
    plan = tmp_path / "plan.toml"
    shutil.copy(TINY_PLAN, plan)
    plan.write_text(plan.read_text().replace('"../tiny"', '"./tiny"'))
    document = _json(plan)
    for case in document["cases"]:
        assert list(case) == ["case", "portfolio", "elements"]
    # Without the motor, demand is the direct demand only: 200 t Nd + 20 t Dy.
    assert document["cases"][0]["portfolio"]["demand_t"] == pytest.approx(220.0)


def test_json_several_plans_is_an_array() -> None:
    documents = _json(TINY_PLAN, ALL_CHINA_PLAN, "--data-dir", FIXTURES)
    assert isinstance(documents, list)
    assert [d["plan"] for d in documents] == ["Tiny plan", "All from China"]


def test_json_warnings_in_object(tmp_path: Path) -> None:
    copy_tiny(tmp_path)
    plan = tmp_path / "uncovered.toml"
    plan.write_text(
        'format = 1\nname = "Only Nd"\ndataset = "./tiny"\n\n'
        "[elements.Nd]\nsplit = { china = 100 }\n"
    )
    document = _json(plan)
    assert any("Dy" in warning for warning in document["warnings"])
    dy = next(e for e in document["cases"][0]["elements"] if e["element"] == "Dy")
    assert dy["gap_t"] == pytest.approx(21.0)  # uncovered: the whole demand is a gap

    table = replan("evaluate", plan)
    assert table.returncode == 0
    warnings = stderr_lines(table)
    assert warnings and all(line.startswith(f"warning: {plan}: ") for line in warnings)
    assert any("Dy" in line for line in warnings)


# --- CSV ----------------------------------------------------------------------------


def _csv(*args: str | Path) -> list[dict[str, str]]:
    result = replan("evaluate", *args, "--format", "csv")
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_csv_one_row_per_case_and_element() -> None:
    rows = _csv(TINY_PLAN)
    assert list(rows[0]) == ["file", "plan", "dataset", "case", *ELEMENT_KEYS]
    assert [(r["case"], r["element"]) for r in rows] == [
        (case, e) for case in ("base", "China cut") for e in ("Nd", "Dy", "Lu")
    ]
    document = _json(TINY_PLAN)
    for row, element in zip(rows[:3], document["cases"][0]["elements"], strict=True):
        for key in ELEMENT_KEYS[1:]:
            expected = element[key]
            assert (row[key] == "") if expected is None else float(row[key]) == expected


def test_csv_periods_has_a_column_per_source() -> None:
    rows = _csv(TINY_PLAN, "--periods")
    assert list(rows[0])[-3:] == ["supplied_china", "supplied_lynas", "supplied_recycling"]
    assert "period" in rows[0]
    assert len(rows) == 2 * 3 * 2  # cases × elements × quarters
    dy = next(r for r in rows if r["case"] == "base" and r["element"] == "Dy")
    assert float(dy["supplied_recycling"]) == pytest.approx(1.0)


def test_csv_several_plans_share_one_header() -> None:
    rows = _csv(TINY_PLAN, ALL_CHINA_PLAN, "--data-dir", FIXTURES)
    assert {r["plan"] for r in rows} == {"Tiny plan", "All from China"}
    assert len(rows) == 2 * 2 * 3


# --- table --------------------------------------------------------------------------


def test_table_for_a_person() -> None:
    result = replan("evaluate", TINY_PLAN)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b[" not in out  # not a terminal: no colour
    assert "Base case" in out and "Stress: China cut" in out
    for header in ("demand t", "China %", "cost", "shortfall t", "days short"):
        assert header in out
    assert "premium over all-China" in out
    assert "above target 50 %" in out  # 72.7 % against a 50 % target
    assert "$15.2M" in out  # base cost
    nd = next(line for line in out.splitlines() if line.strip().startswith("Nd "))
    assert "▲ short" in nd and "204" in nd
    dy = next(line for line in out.splitlines() if line.strip().startswith("Dy "))
    assert "gap, from stock" in dy
    lu = next(line for line in out.splitlines() if line.strip().startswith("Lu "))
    assert "▲" not in lu and "—" in lu  # no demand: no exposure
    assert "motor" in out  # products short


def test_table_periods() -> None:
    out = replan("evaluate", TINY_PLAN, "--periods").stdout
    assert "Nd by quarter" in out and "Dy by quarter" in out
    assert "no demand in the horizon: Lu" in out
    assert "china t" in out and "recycling t" in out


def _run_on_terminal(env: dict[str, str]) -> str:
    """Run ``evaluate`` with stdout on a pseudo-terminal; returns what it wrote there."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environment.update(PYTHONPATH=str(REPO), **env)
    process = subprocess.Popen(
        [sys.executable, "-m", "tui.cli.main", "evaluate", str(TINY_PLAN)],
        stdout=slave, stderr=subprocess.PIPE, env=environment, cwd=REPO,
    )  # fmt: skip
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(master)
    assert process.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_table_colour_on_a_terminal_unless_no_color() -> None:
    assert "\x1b[31m" in _run_on_terminal({})
    assert "\x1b[" not in _run_on_terminal({"NO_COLOR": "1"})


def test_table_ascii_terminal_never_crashes() -> None:
    result = replan("evaluate", TINY_PLAN, "--periods", env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert "! short" in result.stdout
    assert "▲" not in result.stdout


# --- several plans, failures ---------------------------------------------------------


def test_one_bad_plan_among_good_ones(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\nname = "Bad"\n')  # no dataset
    result = replan("evaluate", TINY_PLAN, bad, "--format", "json")
    assert result.returncode == 1
    assert [d["plan"] for d in json.loads(result.stdout)] == ["Tiny plan"]
    lines = stderr_lines(result)
    assert lines and all(str(bad) in line for line in lines)
    assert "Traceback" not in result.stderr


def test_table_continues_after_a_bad_plan(tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    result = replan("evaluate", missing, TINY_PLAN)
    assert result.returncode == 1
    assert "Tiny plan" in result.stdout
    assert stderr_lines(result)[0].startswith(str(missing))


def test_data_dir_after_command_and_before(tmp_path: Path) -> None:
    first = replan("evaluate", ALL_CHINA_PLAN, "--data-dir", FIXTURES, "--format", "json")
    second = replan("--data-dir", FIXTURES, "evaluate", ALL_CHINA_PLAN, "--format", "json")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert json.loads(first.stdout) == json.loads(second.stdout)


def test_dataset_found_in_current_folder_data(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    copy_tiny(tmp_path / "data")
    plan = tmp_path / "all-china.toml"
    shutil.copy(ALL_CHINA_PLAN, plan)
    result = replan("evaluate", "all-china.toml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["dataset"] == "tiny"


def test_dataset_found_through_replan_data(tmp_path: Path) -> None:
    plan = tmp_path / "all-china.toml"
    shutil.copy(ALL_CHINA_PLAN, plan)
    result = replan(
        "evaluate", plan, "--format", "json", cwd=tmp_path, env={"REPLAN_DATA": str(FIXTURES)}
    )
    assert result.returncode == 0, result.stderr
