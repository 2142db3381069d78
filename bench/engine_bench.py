"""Engine figures: evaluate and one-split recompute, reference and large datasets.

The large dataset is bench/synthetic.py's 2,000 products × 20 elements × 6 sources ×
40 quarters with 3 stress cases, spot sources, unit values, a carrying cost and a
45-day stop with a price factor. The plain-Python model (bench/plain_model.py) runs
the same large plan for the speed ratio, in this process and as a whole command
(bench/plain_cli.py) beside a cold ``replan evaluate``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.timing import median_ms, row
from tui.domain.plan import Split

ROOT = Path(__file__).resolve().parent.parent


def _shifted_split(split: Split | None, sources: tuple[str, ...]) -> Split:
    """The split with 5 points moved from its largest share to another source."""
    shares = dict(split.shares) if split else {sources[0]: 100}
    largest = max(shares, key=lambda s: shares[s])
    other = next(s for s in sources if s != largest)
    shares[largest] = shares[largest] - 5
    shares[other] = shares.get(other, 0) + 5
    return Split(shares)


def _engine_figures(label: str, workspace_plan, engine, repeat: int) -> dict[str, float]:
    plan = workspace_plan
    element = next(e for e in engine.prepared.elements if plan.is_covered(e))
    edited = plan.with_split(
        element, _shifted_split(plan.base_split(element), engine.prepared.sources)
    )
    full = median_ms(lambda: engine.evaluate(plan), repeat)
    # What the app does after an edit: evaluate the edited plan in full.
    recompute = median_ms(lambda: engine.evaluate(edited), repeat)
    print(row(f"evaluate, {label}", full, "ms"))
    print(row(f"recompute after one split change, {label}", recompute, "ms"))
    return {"evaluate_ms": full, "recompute_ms": recompute}


def cold_cli_seconds(runs: int = 5) -> float:
    """Median wall time of a fresh ``replan evaluate plans/baseline.toml --format json``."""
    script = shutil.which("replan", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "tui.cli.main"]
    command += ["evaluate", "plans/baseline.toml", "--format", "json"]
    samples = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=os.environ.copy())
        samples.append(time.perf_counter() - start)
    return statistics.median(samples[1:])


def write_large_plan(folder: Path) -> Path:
    """The large synthetic dataset as CSV files and its plan as TOML, in ``folder``."""
    from bench.synthetic import make_dataset, make_plan
    from tui.planfile import plan_to_toml

    dataset = make_dataset(2000, 20, 6, 40, seed=0)
    data = folder / "large"
    data.mkdir(parents=True, exist_ok=True)
    (data / "elements.csv").write_text(
        "element,name,group\n"
        + "".join(f"{e.symbol},{e.name},{e.group}\n" for e in dataset.elements)
    )
    (data / "sources.csv").write_text(
        "source,name,origin,spot_premium\n"
        + "".join(
            f"{s.id},{s.name},{s.origin},{'' if s.spot_premium is None else s.spot_premium}\n"
            for s in dataset.sources
        )
    )
    dataset.demand.write_csv(data / "demand.csv")
    dataset.supply.write_csv(data / "supply.csv")
    dataset.products.write_csv(data / "products.csv")
    dataset.bom.write_csv(data / "bom.csv")
    plan = make_plan(dataset, n_stress=3, seed=0)
    path = folder / "large.toml"
    path.write_text(plan_to_toml(replace(plan, dataset="./large")))
    return path


_MEASURE = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def _process(command: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of one run of ``command``.

    A small Python process starts it and reads its peak memory from ``wait4``: started
    from this process, the child would count this process's memory (the large dataset
    is loaded here) before its own program replaces it.
    """
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=True,
    )
    elapsed, max_rss_kib, code = measured.stdout.split()
    if int(code) != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {measured.stderr}")
    return float(elapsed), int(max_rss_kib) / 1024


def cold_large_cli(runs: int = 5) -> dict[str, float]:
    """Cold ``replan evaluate LARGE --periods --format json`` against the plain-Python
    command of the same model, each a fresh process: median wall time, peak memory."""
    script = shutil.which("replan", path=str(Path(sys.executable).parent))
    with tempfile.TemporaryDirectory() as folder:
        plan = write_large_plan(Path(folder))
        replan = [script] if script else [sys.executable, "-m", "tui.cli.main"]
        commands = {
            "replan": [*replan, "evaluate", str(plan), "--periods", "--format", "json"],
            "plain": [sys.executable, "-m", "bench.plain_cli", str(plan)],
        }
        figures: dict[str, float] = {}
        for name, command in commands.items():
            samples = [_process(command) for _ in range(runs + 1)][1:]
            figures[f"{name}_s"] = statistics.median(s for s, _ in samples)
            figures[f"{name}_mib"] = max(m for _, m in samples)
    return figures


def run_engine_bench(repeat: int = 30) -> dict[str, float]:
    from bench.plain_model import evaluate_reference
    from bench.synthetic import make_dataset, make_plan
    from tui.workspace import engine_for, open_plan

    figures: dict[str, float] = {}
    print("Engine (medians of repeated runs in one process)")
    workspace = open_plan(ROOT / "plans" / "target-2027.toml")
    reference = _engine_figures(
        "reference data, target-2027", workspace.plan, workspace.engine, repeat
    )
    figures |= {f"reference_{k}": v for k, v in reference.items()}

    large = make_dataset(2000, 20, 6, 40, seed=0)
    plan = make_plan(large, n_stress=3, seed=0)
    engine = engine_for(large)
    big = _engine_figures(
        "large (2,000 products, 20 el., 6 src., 40 q., 3 stress)", plan, engine, repeat
    )
    figures |= {f"large_{k}": v for k, v in big.items()}

    plain = median_ms(lambda: evaluate_reference(large, plan), repeat=3, warmup=0)
    figures["large_reference_python_ms"] = plain
    figures["speedup_vs_python"] = plain / big["evaluate_ms"]
    print(row("plain-Python reference, large", plain, "ms"))
    print(
        row(
            "speed-up of the engine over the plain-Python reference",
            plain / big["evaluate_ms"],
            "×",
        )
    )
    cold = cold_cli_seconds()
    figures["cold_cli_s"] = cold
    print(row("cold `replan evaluate plans/baseline.toml --format json`", cold * 1000, "ms"))
    large_cli = cold_large_cli()
    figures["cold_large_cli_s"] = large_cli["replan_s"]
    figures["cold_large_cli_mib"] = large_cli["replan_mib"]
    figures["cold_large_vs_python"] = large_cli["plain_s"] / large_cli["replan_s"]
    label = "cold `replan evaluate LARGE --periods --format json`"
    print(row(label, large_cli["replan_s"] * 1000, "ms"))
    print(row(f"{label}, peak memory", large_cli["replan_mib"], "MiB"))
    print(row("the same with the plain-Python command", large_cli["plain_s"] * 1000, "ms"))
    print(row("plain-Python command, peak memory", large_cli["plain_mib"], "MiB"))
    print(
        row(
            "speed-up of replan over the plain-Python command", figures["cold_large_vs_python"], "×"
        )
    )
    return figures
