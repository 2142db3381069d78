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
    "tui.suggest",
    "tui.spreadsheet",
]

_UI = "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
_SOLVER = "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('highspy', 'numpy'))\n"


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


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_evaluate_does_not_import_the_solver(fmt: str) -> None:
    """highspy (and numpy with it) loads only when a suggestion is asked for."""
    code = (
        "import contextlib, io, json, sys\n"
        "import tui.suggest, tui.suggest.headroom\n"
        "from tui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['evaluate', {str(FIXTURE_PLAN)!r}, '--format', {fmt!r}])\n"
        "assert code == 0\n" + _SOLVER + "print(json.dumps(bad))\n"
    )
    assert _run(code) == []


def test_suggest_command_does_not_import_textual_or_rich() -> None:
    code = (
        "import contextlib, io, json, sys\n"
        "from tui.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['suggest', {str(FIXTURE_PLAN)!r}, '--target', '90'])\n"
        "assert code == 0\n"
        "assert 'highspy' in sys.modules\n" + _UI + "print(json.dumps(bad))\n"
    )
    assert _run(code) == []


def test_spreadsheet_libraries_load_only_when_a_command_needs_them() -> None:
    """xlsxwriter, fastexcel and textual-serve stay out until export, import or serve run."""
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import tui.spreadsheet, tui.cli.main, tui.cli.sheets\n"
        "for info in pkgutil.walk_packages(tui.spreadsheet.__path__, 'tui.spreadsheet.'):\n"
        "    importlib.import_module(info.name)\n"
        "heavy = ('xlsxwriter', 'fastexcel', 'textual_serve', 'aiohttp')\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    assert _run(code) == []
