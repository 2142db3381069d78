"""``replan merge`` as git's merge driver: a real ``git merge`` of two branches."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tests.cli.runner import REPO, replan
from tui.domain.plan import Plan, Split
from tui.planfile.reader import load_plan
from tui.planfile.writer import plan_to_toml

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PLAN = Path("plans") / "japan.toml"


def git_env(home: Path) -> dict[str, str]:
    """No user or system git configuration; this checkout's replan importable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        PYTHONPATH=str(REPO),
        PYTHONIOENCODING="utf-8",
    )
    return env


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args],
        cwd=repo,
        env=git_env(repo.parent / "home"),
        capture_output=True,
        text=True,
        timeout=120,
    )


def commit_plan(repo: Path, plan: Plan, message: str) -> None:
    (repo / PLAN).write_text(plan_to_toml(plan), encoding="utf-8")
    assert git(repo, "commit", "-qam", message).returncode == 0


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the driver set up as the README says, and one plan committed."""
    (tmp_path / "home").mkdir()
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    shutil.copy(REPO / "plans" / "japan-2025.toml", repo / PLAN)
    (repo / ".gitattributes").write_text("*.toml merge=replan\n")
    driver = f"{sys.executable} -m tui.cli.main merge %O %A %B -o %A"
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.name", "Test"),
        ("config", "user.email", "test@example.com"),
        ("config", "commit.gpgsign", "false"),
        ("config", "merge.replan.driver", driver),
        ("add", "."),
        ("commit", "-qm", "japan plan"),
    ):
        result = git(repo, *args)
        assert result.returncode == 0, result.stderr
    return repo


def japan(repo: Path) -> Plan:
    return load_plan(repo / PLAN).plan


def test_edits_to_different_elements_merge_into_a_valid_plan(repo: Path) -> None:
    start = japan(repo)
    assert git(repo, "checkout", "-qb", "colleague").returncode == 0
    theirs = replace(
        start.with_split("Nd", Split({"china": 43, "lynas": 50, "recycling": 7})),
        author="tanaka",
    )
    commit_plan(repo, theirs, "Nd to 43/50")
    assert git(repo, "checkout", "-q", "main").returncode == 0
    ours = start.with_split("Ce", Split({"china": 48, "lynas": 52}))
    commit_plan(repo, ours, "Ce lynas +2")
    merged = git(repo, "merge", "--no-edit", "colleague")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    plan = japan(repo)
    assert plan == replace(ours.with_split("Nd", theirs.base_split("Nd")), author="tanaka")  # type: ignore[arg-type]
    check = replan("validate", repo / PLAN, cwd=repo)
    assert check.returncode == 0, check.stdout


def test_edits_to_the_same_element_conflict_and_fail_validation(repo: Path) -> None:
    start = japan(repo)
    assert git(repo, "checkout", "-qb", "colleague").returncode == 0
    commit_plan(
        repo, start.with_split("Nd", Split({"china": 43, "lynas": 50, "recycling": 7})), "a"
    )
    assert git(repo, "checkout", "-q", "main").returncode == 0
    commit_plan(
        repo, start.with_split("Nd", Split({"china": 40, "lynas": 53, "recycling": 7})), "b"
    )
    merged = git(repo, "merge", "--no-edit", "colleague")
    assert merged.returncode != 0
    assert "elements.Nd.split" in merged.stderr + merged.stdout  # the driver's report
    assert "CONFLICT" in merged.stdout
    check = replan("validate", repo / PLAN, cwd=repo)
    assert check.returncode == 1
    assert "elements.Nd.split: unresolved merge conflict at line" in check.stdout
