"""``replan validate``: folders searched recursively, every problem of every file, exit 1."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli.runner import FIXTURES, PLANS, copy_tiny, replan
from tui.domain.errors import MAX_PROBLEMS_PER_FILE


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


def _plan_on_bad_rows(tmp_path: Path, bad: int) -> Path:
    """The tiny plan on a copy of its dataset with ``bad`` rows of non-numbers appended
    to demand.csv: each one a bad number and a repeat of the row ``Nd,2026Q1``."""
    demand = copy_tiny(tmp_path) / "demand.csv"
    with demand.open("a", encoding="utf-8") as handle:
        handle.writelines(f"Nd,2026Q1,x{i}\n" for i in range(bad))
    (tmp_path / "plans").mkdir()
    return Path(shutil.copy(PLANS / "tiny.toml", tmp_path / "plans" / "tiny.toml"))


def test_a_capped_dataset_is_counted_in_full(tmp_path: Path) -> None:
    """The plan-level cap keeps the dataset's count of unlisted problems: the line says
    how many more there are, and the summary counts every problem, not the lines."""
    plan = _plan_on_bad_rows(tmp_path, 5_000)
    result = replan("validate", plan)
    assert result.returncode == 1
    *problems, more, summary = result.stdout.splitlines()
    assert len(problems) == MAX_PROBLEMS_PER_FILE
    assert more == f"{plan}: and 9,900 more problems not shown"
    assert summary == "1 file checked, 10,000 problems"


def test_evaluate_tells_the_same_count(tmp_path: Path) -> None:
    plan = _plan_on_bad_rows(tmp_path, 5_000)
    result = replan("evaluate", plan)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 1
    assert lines[-1] == f"{plan}: and 9,900 more problems not shown"
