"""``replan validate``: folders searched recursively, every problem of every file, exit 1."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli.runner import FIXTURES, PLANS, copy_tiny, replan


def test_fixture_plans_are_valid() -> None:
    result = replan("validate", PLANS, "--data-dir", FIXTURES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "2 files checked, 0 problems\n"


def test_every_problem_in_every_file_of_a_tree(tmp_path: Path) -> None:
    copy_tiny(tmp_path / "data")
    plans = tmp_path / "plans"
    (plans / "team" / "deep").mkdir(parents=True)
    shutil.copy(PLANS / "all-china.toml", plans / "good.toml")
    head = 'format = 1\nname = "P"\ndataset = "tiny"\n'
    (plans / "team" / "two.toml").write_text(
        head + "\n[elements.Nd]\nsplit = { china = 70, lynas = 20 }\n"
        "\n[elements.Dy]\nsplit = { china = 100 }\nstockpile_dayz = 1\n"
    )
    (plans / "team" / "deep" / "empty.toml").write_text("")
    (plans / "notes.txt").write_text("not a plan")  # not *.toml: ignored
    result = replan("validate", "plans", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    *problems, summary = result.stdout.splitlines()
    two = str(Path("plans/team/two.toml"))
    empty = str(Path("plans/team/deep/empty.toml"))
    assert sum(p.startswith(two + ":") for p in problems) == 2  # both problems of the file
    assert sum(p.startswith(empty + ":") for p in problems) >= 1
    assert all(p.startswith((two, empty)) for p in problems), problems
    assert summary == f"3 files checked, {len(problems)} problems"


def test_files_and_folders_mixed(tmp_path: Path) -> None:
    result = replan("validate", PLANS / "tiny.toml", PLANS, "--data-dir", FIXTURES)
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].endswith("0 problems")


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    result = replan("validate", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[0].startswith("nowhere")


def test_folder_without_plans(tmp_path: Path) -> None:
    result = replan("validate", tmp_path)
    assert result.returncode == 0
    assert result.stdout == "0 files checked, 0 problems\n"
    assert "no plan files" in result.stderr
