"""The headless core never imports Textual (or rich): it must start fast and stay UI-free.

Each check runs in a fresh interpreter, since this test process may have imported
Textual already for the app's tests.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE_PLAN = REPO / "tests" / "cli" / "fixtures" / "plans" / "tiny.toml"

HEADLESS_PACKAGES = [
    "tui.domain",
    "tui.dataset",
    "tui.planfile",
    "tui.engine",
    "tui.session",
    "tui.cli",
]

_UI = "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"


def _run(code: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_headless_modules_do_not_import_textual_or_rich() -> None:
    code = (
        "import importlib, json, pkgutil, sys\n"
        f"packages = {HEADLESS_PACKAGES!r}\n"
        "names = ['tui.cli.main']\n"
        "for package in packages:\n"
        "    module = importlib.import_module(package)\n"
        "    found = pkgutil.walk_packages(module.__path__, package + '.')\n"
        "    names += [info.name for info in found]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "assert len(names) > len(packages), names\n" + _UI + "print(json.dumps(bad))\n"
    )
    assert _run(code) == []


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_evaluate_command_does_not_import_textual_or_rich(fmt: str) -> None:
    """The whole evaluate path, formatting included, as the console script runs it."""
    code = (
        "import contextlib, io, json, sys\n"
        "from tui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['evaluate', {str(FIXTURE_PLAN)!r}, '--periods', '--format', {fmt!r}])\n"
        "assert code == 0\n" + _UI + "print(json.dumps(bad))\n"
    )
    assert _run(code) == []
