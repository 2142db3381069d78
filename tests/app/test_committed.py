"""Comparing the open plan with its last committed version in git."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.app.conftest import make_app, ready, settle
from tui.app.screens.compare import CompareScreen
from tui.app.screens.dialogs import ErrorDialog
from tui.app.widgets.element_table import ElementTable

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The working folder as a git repository with the plans committed."""
    home = workdir / ".home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.name", "Test"),
        ("config", "user.email", "test@example.com"),
        ("config", "commit.gpgsign", "false"),
        ("add", "plans"),
        ("commit", "-qm", "plans"),
    ):
        subprocess.run(["git", *args], cwd=workdir, check=True, capture_output=True, timeout=60)
    return workdir


async def test_the_open_plan_against_its_last_commit(repo: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.screen.query_one(ElementTable).select("Dy", "lynas")
        await pilot.press("plus")
        await pilot.press("ctrl+s")
        await settle(pilot)
        app.action_compare_committed()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert [column.label for column in screen.columns] == ["last commit", "open plan"]
        committed, current = (column.plan for column in screen.columns)
        assert committed.base_split("Dy").share("lynas") == 20
        assert current.base_split("Dy").share("lynas") == 21


async def test_outside_git_the_compare_says_why(workdir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.action_compare_committed()
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert any("no committed version" in problem for problem in app.screen.problems)
