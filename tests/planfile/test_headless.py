"""The plan-file code stays light: no Textual (and not even polars) just to read plans."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_plan_file_code_loads_neither_textual_nor_polars() -> None:
    code = (
        "import sys, tui.planfile, tui.planfile.check, tui.planfile.diff, tui.planfile.store, "
        "tui.planfile.validate, tui.planfile.writer\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'polars'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
