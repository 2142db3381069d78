"""Settings shared by the whole suite: how hard the property tests try.

Two hypothesis profiles: ``quick`` for a developer's run (a few dozen examples per
property, so the whole suite stays well under two minutes) and ``thorough`` for CI
(ten times as many). CI sets ``CI=true``; ``HYPOTHESIS_PROFILE`` chooses explicitly.
A property that deserves more (or fewer) examples than the others asks for a multiple
of the profile's count with ``examples(factor)``.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# polars sums in parallel, so a total can differ in its last bit from one run to the
# next; a figure shown rounded on a boundary (63.5 %) would then flip between snapshot
# runs. One thread makes every run add in the same order.
os.environ.setdefault("POLARS_MAX_THREADS", "1")
from hypothesis import HealthCheck, settings

APP_FIXTURES = Path(__file__).parent / "app" / "fixtures"
REPO = Path(__file__).resolve().parents[1]
FIXED_MTIME = 1_767_225_600  # 2026-01-01 00:00 UTC

_QUICK, _THOROUGH = 40, 400

settings.register_profile(
    "quick",
    max_examples=_QUICK,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=_THOROUGH,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_default = "thorough" if os.environ.get("CI", "").lower() in ("1", "true") else "quick"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _default))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: two workers per CPU, at most eight. An app test spends about half
    its time in Textual's idle waits (every Pilot pause sleeps at least 20 ms until the
    app is quiet), so a second worker per CPU runs in that time: on two CPUs the suite
    takes 103 s with four workers against 160 s with two."""
    return min(2 * (os.cpu_count() or 1), 8)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``tmp_path`` as the working folder, holding ``plans/`` and ``data/reference``."""
    plans = tmp_path / "plans"
    plans.mkdir()
    for plan in sorted(APP_FIXTURES.glob("*.toml")):
        target = plans / plan.name
        shutil.copyfile(plan, target)
        os.utime(target, (FIXED_MTIME, FIXED_MTIME))
    shutil.copytree(REPO / "data" / "reference", tmp_path / "data" / "reference")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPLAN_DATA", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield tmp_path
    time.tzset()
