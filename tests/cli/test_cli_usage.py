"""Arguments, help, version, usage errors (exit 2) and the path that opens the app."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest

from tests.cli.runner import FIXTURES, REPO, TINY_PLAN, replan
from tui import __version__
from tui.cli import main as cli


def test_version() -> None:
    result = replan("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"replan {__version__}"


def test_help_lists_every_command() -> None:
    result = replan("--help")
    assert result.returncode == 0
    for command in ("evaluate", "validate", "diff", "open"):
        assert command in result.stdout
    assert "Exit codes" in result.stdout


@pytest.mark.parametrize("command", ["evaluate", "validate", "diff"])
def test_command_help(command: str) -> None:
    result = replan(command, "--help")
    assert result.returncode == 0
    assert "--data-dir" in result.stdout


def test_evaluate_help_documents_json_array() -> None:
    assert "JSON array" in replan("evaluate", "--help").stdout


@pytest.mark.parametrize(
    "args",
    [
        ["evaluate"],  # no plan
        ["evaluate", str(TINY_PLAN), "--format", "xml"],
        ["diff", str(TINY_PLAN)],  # one plan only
        ["diff", str(TINY_PLAN), str(TINY_PLAN), "--format", "csv"],  # no csv for diff
        ["validate"],
        ["--frobnicate"],
        ["evaluate", str(TINY_PLAN), "--bogus"],
        ["evaluate", str(TINY_PLAN), "--data-dir", "/no/such/folder"],
    ],
)
def test_wrong_usage_exits_2(args: list[str]) -> None:
    result = replan(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert "Traceback" not in result.stderr


def test_typo_in_command_is_a_usage_error_with_suggestion(tmp_path: Path) -> None:
    result = replan("evalute", str(TINY_PLAN), cwd=tmp_path)
    assert result.returncode == 2
    assert "did you mean 'evaluate'" in result.stderr


def test_help_does_not_import_polars() -> None:
    """The argument parser alone must be instant: no engine, no polars, no Textual."""
    code = (
        "import sys\n"
        "from tui.cli.main import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('polars', 'textual', 'rich')]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert "HEAVY []" in result.stderr, result.stderr


# --- opening the app (in process, with a stand-in app) --------------------------------


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path | None, Path | None]]:
    calls: list[tuple[Path | None, Path | None]] = []

    def run_app(plan_path: Path | None, data_dir: Path | None) -> int:
        calls.append((plan_path, data_dir))
        return 3

    module = types.ModuleType("tui.app")
    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tui.app", module)
    return calls


def test_no_arguments_opens_baseline_when_it_exists(
    fake_app: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "baseline.toml").write_text("")
    assert cli.main([]) == 3  # the app's exit code is replan's
    assert fake_app == [(Path("plans/baseline.toml"), None)]


def test_no_arguments_without_baseline_opens_a_new_plan(
    fake_app: list, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cli.main([])
    assert fake_app == [(None, None)]


def test_plan_argument_and_data_dir_reach_the_app(fake_app: list, tmp_path: Path) -> None:
    cli.main(["--data-dir", str(tmp_path), "my plan.toml"])
    cli.main(["open", "other.toml", "--data-dir", str(FIXTURES)])
    assert fake_app == [
        (Path("my plan.toml"), tmp_path),
        (Path("other.toml"), FIXTURES),
    ]


def test_app_that_cannot_be_imported_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "tui.app", None)  # makes the import fail
    assert cli.main(["x.toml"]) == 1
    err = capsys.readouterr().err
    assert "the app cannot start" in err
    assert "Traceback" not in err


def test_default_command_insertion() -> None:
    assert cli.with_default_command([]) == ["open"]
    assert cli.with_default_command(["p.toml"]) == ["open", "p.toml"]
    assert cli.with_default_command(["--data-dir", "d", "p.toml"]) == [
        "--data-dir", "d", "open", "p.toml",
    ]  # fmt: skip
    assert cli.with_default_command(["--data-dir", "d", "diff", "a", "b"])[2] == "diff"
    assert cli.with_default_command(["--version"]) == ["--version"]
