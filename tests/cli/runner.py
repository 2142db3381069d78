"""Run ``replan`` the way a user does: the real entry point, in a fresh process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TINY = FIXTURES / "tiny"
PLANS = FIXTURES / "plans"
TINY_PLAN = PLANS / "tiny.toml"
ALL_CHINA_PLAN = PLANS / "all-china.toml"


def replan(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """``python -m tui.cli.main ARGS`` with the repo importable and a clean environment."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REPLAN_DATA", "NO_COLOR", "FORCE_COLOR")
    }
    environment["PYTHONPATH"] = str(REPO)
    environment["PYTHONIOENCODING"] = "utf-8"
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tui.cli.main", *map(str, args)],
        cwd=cwd or REPO,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def copy_tiny(folder: Path, name: str = "tiny") -> Path:
    """A writable copy of the tiny dataset (to break it, or to find it under ./data)."""
    target = folder / name
    shutil.copytree(TINY, target)
    return target


def stderr_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]
