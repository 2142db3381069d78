"""Small timing helpers: medians of repeated runs in one process."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(run: Callable[[], object], repeat: int = 30, warmup: int = 10) -> float:
    """Median wall time of ``run`` in milliseconds, after a few unmeasured warm-up runs."""
    for _ in range(warmup):
        run()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def row(label: str, value: float, unit: str, target: str = "") -> str:
    text = f"  {label:<88} {value:>10.2f} {unit:<3}"
    return f"{text}  (target {target})" if target else text
