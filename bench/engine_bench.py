"""Engine figures: evaluate and one-split recompute, reference and large datasets.

The large dataset is tests/synthetic.py's 2,000 products × 20 elements × 6 sources ×
40 quarters with 3 stress cases. The plain-Python reference of SPEC §5
(tests/engine/reference.py) runs the same large plan for the speed ratio.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
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
    evaluation = engine.evaluate(plan)
    element = next(e for e in engine.prepared.elements if plan.is_covered(e))
    edited = plan.with_split(
        element, _shifted_split(plan.base_split(element), engine.prepared.sources)
    )
    full = median_ms(lambda: engine.evaluate(plan), repeat)
    recompute = median_ms(lambda: engine.reevaluate(evaluation, edited, element), repeat)
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


def run_engine_bench(repeat: int = 30) -> dict[str, float]:
    from tests.engine.reference import evaluate_reference
    from tests.synthetic import make_dataset, make_plan
    from tui.session.opening import engine_for, open_plan

    figures: dict[str, float] = {}
    print("Engine (medians of repeated runs in one process)")
    loaded, dataset = open_plan(ROOT / "plans" / "target-2027.toml")
    reference = _engine_figures(
        "reference data, target-2027", loaded.plan, engine_for(dataset), repeat
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
    return figures
