"""Suggest figures: the least-cost split on the reference data and on a large dataset.

Reference: ``suggest`` on plans/target-2027.toml under its own 50% target, warm (the
plan and dataset loaded, the solver imported), and ``replan suggest`` cold from the
command line (a fresh process: interpreter, imports, loading, two solves, the check
through the engine and the output).

Large: bench/synthetic.py's 2,000 products × 20 elements × 6 sources × 40 quarters,
with ``--yearly`` (200 element-years of unknowns), one stress case to survive and a
target halfway between the lowest reachable exposure and 100%. In that generator
China's contracts are sometimes limited and miss quarters, which makes every split
fall short somewhere; here China's rows are made unlimited in every quarter (a
buyer with an open China contract), so that a suggestion exists and is timed.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import polars as pl

from bench.timing import median_ms, row
from tui.domain.dataset import Dataset

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_PLAN = ROOT / "plans" / "target-2027.toml"


def open_china_contracts(dataset: Dataset) -> Dataset:
    """The dataset with China unlimited in every quarter at its mean price per element."""
    china = dataset.supply.filter(pl.col("source") == "china")
    price = china.group_by("element").agg(pl.col("price_usd_kg").mean())
    grid = pl.DataFrame({"element": list(dataset.element_ids)}).join(
        pl.DataFrame({"period": list(dataset.periods)}), how="cross"
    )
    rows = grid.join(price, on="element").select(
        pl.lit("china").alias("source"),
        "element",
        "period",
        pl.lit(None, dtype=pl.Float64).alias("capacity_t"),
        "price_usd_kg",
        pl.lit(1.0).alias("china_share"),
    )
    supply = pl.concat([dataset.supply.filter(pl.col("source") != "china"), rows])
    return replace(dataset, supply=supply)


def cold_suggest_seconds(runs: int = 5) -> float:
    """Median wall time of a fresh ``replan suggest plans/target-2027.toml --format json``."""
    script = shutil.which("replan", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "tui.cli.main"]
    command += ["suggest", "plans/target-2027.toml", "--format", "json"]
    samples = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=os.environ.copy())
        samples.append(time.perf_counter() - start)
    return statistics.median(samples[1:])


def run_suggest_bench(repeat: int = 10) -> dict[str, float]:
    from bench.synthetic import make_dataset, make_plan
    from tui.session.opening import engine_for
    from tui.session.session import Session
    from tui.suggest import Limits, Suggestion, suggest
    from tui.suggest.explain import lowest_exposure
    from tui.suggest.market import build_market
    from tui.suggest.model import Model

    figures: dict[str, float] = {}
    print("Suggest (medians of repeated runs in one process)")
    workspace = Session.open(REFERENCE_PLAN)
    limits = Limits(target=0.5)

    def reference() -> object:
        result = suggest(workspace.plan, workspace.dataset, workspace.engine, limits)
        assert isinstance(result, Suggestion)
        return result

    warm = median_ms(reference, repeat, warmup=3)
    figures["suggest_reference_s"] = warm / 1000
    print(row("suggest, reference data, target-2027 under 50%, warm", warm, "ms"))

    cold = cold_suggest_seconds()
    figures["suggest_cold_cli_s"] = cold
    print(row("cold `replan suggest plans/target-2027.toml --format json`", cold * 1000, "ms"))

    large = open_china_contracts(make_dataset(2000, 20, 6, 40, seed=0))
    plan = make_plan(large, n_stress=3, seed=0)
    engine = engine_for(large)
    market = build_market(large, *engine.horizon(plan))
    lowest = lowest_exposure(Model(market, plan, Limits(yearly=True)))
    assert lowest is not None
    case = next(c for c in plan.stress if c.source != "china")
    large_limits = Limits(target=round((lowest + 1) / 2, 3), survive=(case,), yearly=True)

    def large_run() -> object:
        # The market is built inside, as the command does.
        result = suggest(plan, large, engine, large_limits)
        assert isinstance(result, Suggestion)
        return result

    large_ms = median_ms(large_run, max(3, repeat // 2), warmup=1)
    figures["suggest_large_s"] = large_ms / 1000
    print(
        row(
            f'suggest, large, --yearly, --survive "{case.name}", target {large_limits.target:.1%}',
            large_ms,
            "ms",
        )
    )
    return figures
