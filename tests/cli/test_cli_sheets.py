"""``replan data template``, ``replan data import`` and ``replan export`` as a user runs them."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from tests.cli.runner import REPO, TINY, TINY_PLAN, replan, stderr_lines
from tui.cli import main as cli


def test_help_lists_the_spreadsheet_commands() -> None:
    result = replan("--help")
    for command in ("export", "data", "serve"):
        assert command in cli.COMMANDS
        assert f"replan {command}" in result.stdout


@pytest.mark.parametrize(
    "command", [["data", "template"], ["data", "import"], ["export"], ["serve"]]
)
def test_command_help(command: list[str]) -> None:
    result = replan(*command, "--help")
    assert result.returncode == 0
    assert "--data-dir" in result.stdout


@pytest.mark.parametrize("command", ["export", "data", "serve"])
def test_default_command_logic_knows_them(command: str) -> None:
    assert cli.with_default_command([command, "x"]) == [command, "x"]


def test_template_then_import(tmp_path: Path) -> None:
    book = tmp_path / "tiny.xlsx"
    result = replan("data", "template", book, "--from", TINY)
    assert result.returncode == 0, result.stderr
    assert book.is_file()
    result = replan("data", "import", book, "--name", "mine", "--data-dir", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {tmp_path / 'mine'}/")
    for name in ("elements.csv", "supply.csv", "products.csv", "README.md"):
        assert (tmp_path / "mine" / name).is_file()
    again = replan("data", "import", book, "--name", "mine", "--data-dir", tmp_path)
    assert again.returncode == 1
    assert stderr_lines(again) == [
        f"{tmp_path / 'mine'}: already exists; add --force to replace it",
        f"{book}: 1 problem; nothing written",
    ]
    forced = replan("data", "import", book, "--name", "mine", "--data-dir", tmp_path, "--force")
    assert forced.returncode == 0, forced.stderr


def test_import_into_data_of_the_current_folder(tmp_path: Path) -> None:
    result = replan("data", "import", TINY, "--name", "copy", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "copy" / "demand.csv").is_file()


def test_import_reports_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    import xlsxwriter

    book = tmp_path / "bad.xlsx"
    workbook = xlsxwriter.Workbook(str(book))
    workbook.add_worksheet("elements").write_row(0, 0, ["element", "name", "group"])
    workbook.close()
    result = replan("data", "import", book, "--name", "x", "--data-dir", tmp_path)
    assert result.returncode == 1
    lines = stderr_lines(result)
    assert lines[0] == f"{book}: missing sheet 'sources' (sheets: elements)"
    assert lines[-1] == f"{book}: 4 problems; nothing written"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx"]


def test_template_from_an_unknown_dataset(tmp_path: Path) -> None:
    result = replan("data", "template", tmp_path / "t.xlsx", "--from", "nosuch", cwd=tmp_path)
    assert result.returncode == 1
    assert "nosuch" in result.stderr and "Traceback" not in result.stderr


def test_export_workbook(tmp_path: Path) -> None:
    out = tmp_path / "results.xlsx"
    result = replan("export", TINY_PLAN, "--out", out, "--periods")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {out}"
    sheets = pl.read_excel(out, sheet_id=0, raise_if_empty=False)
    assert list(sheets) == [
        "summary",
        "elements",
        "quarters",
        "supply",
        "products",
        "splits",
        "charts",
    ]


def test_export_csv_writes_a_file_per_table(tmp_path: Path) -> None:
    result = replan("export", TINY_PLAN, "--out", tmp_path / "r.csv")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "r-elements.csv",
        "r-products.csv",
        "r-splits.csv",
        "r-summary.csv",
        "r-supply.csv",
    ]


def test_export_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = replan("export", TINY_PLAN, "--out", tmp_path / "r.txt")
    assert result.returncode == 2
    assert "expected a .xlsx, .csv or .parquet" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_of_a_broken_plan_writes_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "broken.toml"
    plan.write_text("name = 3\n")
    out = tmp_path / "r.xlsx"
    result = replan("export", TINY_PLAN, plan, "--out", out, cwd=REPO)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "command",
    [["data", "template", "{out}.xlsx"], ["export", str(TINY_PLAN), "--out", "{out}.xlsx"]],
)
def test_writing_into_a_missing_folder_is_one_line(command: list[str], tmp_path: Path) -> None:
    out = tmp_path / "nosuch" / "book"
    result = replan(*(word.format(out=out) for word in command))
    assert result.returncode == 1
    assert stderr_lines(result) == [f"{out}.xlsx: no such folder {str(out.parent)!r}"]


def test_import_counts_every_problem_of_a_capped_file(tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(TINY, folder)
    with (folder / "demand.csv").open("a", encoding="utf-8") as handle:
        handle.writelines(f"Nd,2026Q1,x{i}\n" for i in range(5_000))
    result = replan("data", "import", folder, "--name", "x", "--data-dir", tmp_path)
    assert result.returncode == 1
    lines = stderr_lines(result)
    assert lines[-2].endswith("and 9,900 more problems not shown")
    assert lines[-1] == f"{folder}: 10,000 problems; nothing written"
