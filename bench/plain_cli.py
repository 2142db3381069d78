"""``python -m bench.plain_cli PLAN``: the plain-Python model as a command, for racing
``replan evaluate PLAN --periods --format json`` as whole processes.

It does what the real command does, the same way a script without polars would: reads
the plan (with the project's plan-file reader, which needs no polars), the dataset
folder with the ``csv`` module, evaluates every case with ``bench.plain_model`` and
prints the JSON with the figures rounded to 12 significant digits.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from bench.plain_model import Tables, evaluate_tables
from tui.planfile import parse_plan


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return float(f"{value:.12g}")
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return value


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    plan = parse_plan(path.read_bytes(), str(path))
    tables = Tables.from_folder((path.parent / plan.dataset).resolve())
    result = evaluate_tables(tables, plan)
    sys.stdout.write(json.dumps(_rounded(result), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
