"""The author a save records, and a plan's last committed version, in real git repositories."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from tui.domain.errors import PlanError
from tui.planfile.authorship import (
    author_for_save,
    committed_plan,
    committed_version,
    git_user_name,
)
from tui.planfile.reader import load_plan

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

JAPAN = Path(__file__).resolve().parents[2] / "plans" / "japan-2025.toml"


@pytest.fixture(autouse=True)
def no_user_git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the test repository's own configuration counts, and the login name is known."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("LOGNAME", "planner")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.delenv(name, raising=False)


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Aiko Tanaka")
    git(repo, "config", "user.email", "tanaka@example.com")
    git(repo, "config", "commit.gpgsign", "false")
    shutil.copy(JAPAN, repo / "plans" / "japan.toml")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "plan")
    return repo


def test_the_plans_own_author_comes_first(repo: Path) -> None:
    plan = load_plan(JAPAN).plan
    assert author_for_save(plan, repo / "plans" / "japan.toml") == "procurement-jp"


def test_else_git_user_name_from_the_plans_folder(repo: Path) -> None:
    plan = replace(load_plan(JAPAN).plan, author=None)
    assert git_user_name(repo / "plans") == "Aiko Tanaka"
    assert author_for_save(plan, repo / "plans" / "japan.toml") == "Aiko Tanaka"


def test_else_the_login_name(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    plan = replace(load_plan(JAPAN).plan, author="  ")
    assert git_user_name(outside) is None
    assert author_for_save(plan, outside / "p.toml") == "planner"


def test_without_git_on_the_path_the_login_name(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-such-folder"))
    plan = replace(load_plan(JAPAN).plan, author=None)
    assert author_for_save(plan, repo / "plans" / "japan.toml") == "planner"
    assert committed_version(repo / "plans" / "japan.toml") is None


def test_the_committed_version_is_heads_not_the_working_copy(repo: Path) -> None:
    path = repo / "plans" / "japan.toml"
    committed = path.read_bytes()
    path.write_text(path.read_text().replace("procurement-jp", "tanaka"))
    assert committed_version(path) == committed
    plan = committed_plan(path)
    assert plan is not None and plan.author == "procurement-jp"


def test_no_committed_version_for_new_or_outside_files(repo: Path, tmp_path: Path) -> None:
    new = repo / "plans" / "new.toml"
    shutil.copy(JAPAN, new)
    assert committed_version(new) is None
    assert committed_plan(new) is None
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(JAPAN, outside / "japan.toml")
    assert committed_version(outside / "japan.toml") is None
    assert committed_version(tmp_path / "missing" / "x.toml") is None


def test_a_committed_version_that_is_not_a_plan_is_named(repo: Path) -> None:
    path = repo / "plans" / "japan.toml"
    path.write_text("format = 1\n")
    git(repo, "commit", "-qam", "broken")
    with pytest.raises(PlanError) as caught:
        committed_plan(path)
    assert str(caught.value.problems[0]).startswith(f"{path} (HEAD): name:")
