"""``validate_paths`` over real files and folders, with the real dataset lookup and loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.planfile import validate_paths

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
GOOD = (
    'format = 1\nname = "good"\ndataset = "{dataset}"\n\n'
    "[elements.Dy]\nsplit = {{ china = 60, lynas = 40 }}\n"
)


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plans folder in an otherwise empty working folder, with a copy of the reference data."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REPLAN_DATA", raising=False)
    shutil.copytree(REFERENCE, tmp_path / "data" / "reference")
    folder = tmp_path / "plans"
    folder.mkdir()
    return folder


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def lines(paths: list[Path], data_dir: Path | None = None) -> tuple[int, list[str]]:
    checked, problems = validate_paths(paths, data_dir)
    return checked, [str(problem) for problem in problems]


def test_valid_plans_have_no_problems(plans: Path) -> None:
    write(plans / "a.toml", GOOD.format(dataset="reference"))
    write(plans / "team" / "b.toml", GOOD.format(dataset="../../data/reference"))
    assert lines([plans]) == (2, [])


def test_folders_are_searched_recursively_in_order_and_every_problem_reported(plans: Path) -> None:
    write(plans / "z.toml", GOOD.format(dataset="reference").replace("lynas", "lyans"))
    write(plans / "sub" / "a.toml", 'format = 1\nname = "a"\n')
    write(
        plans / "b.toml", GOOD.format(dataset="reference") + "[defaults]\nsplit = { china = 90 }\n"
    )
    write(plans / "notes.txt", "not a plan")
    write(plans / ".git" / "hidden.toml", "garbage")
    checked, found = lines([plans])
    assert checked == 3
    assert found == [
        f"{plans / 'b.toml'}: defaults.split: shares sum to 90, expected 100",
        f"{plans / 'sub' / 'a.toml'}: dataset: required key is missing",
        f"{plans / 'z.toml'}: elements.Dy.split.lyans: "
        "unknown source 'lyans'; did you mean 'lynas'?",
    ]


def test_files_and_folders_may_be_mixed_and_each_file_is_checked_once(plans: Path) -> None:
    good = write(plans / "a.toml", GOOD.format(dataset="reference"))
    assert lines([good, plans, good]) == (1, [])


def test_a_missing_path_is_a_problem(plans: Path) -> None:
    missing = plans / "nope.toml"
    assert lines([missing]) == (0, [f"{missing}: no such file or folder"])


def test_a_dataset_that_cannot_be_found_is_a_problem_of_the_plan(plans: Path) -> None:
    plan = write(plans / "a.toml", GOOD.format(dataset="nowhere"))
    checked, found = lines([plan])
    assert checked == 1
    assert len(found) == 1
    assert found[0].startswith(f"{plan}: dataset: dataset 'nowhere' not found")


def test_a_broken_dataset_is_a_problem_of_the_plan_naming_the_csv(
    plans: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(REFERENCE, broken)
    supply = broken / "supply.csv"
    supply.write_text(supply.read_text("utf-8").replace(",0.65,1\n", ",0.65,7\n", 1), "utf-8")
    plan = write(plans / "a.toml", GOOD.format(dataset="../broken"))
    checked, found = lines([plan])
    assert checked == 1
    assert found, "a china_share of 7 must be reported"
    assert all(line.startswith(f"{plan}: dataset: {supply}: ") for line in found)


def test_the_data_dir_is_searched_first(plans: Path, tmp_path: Path) -> None:
    custom = tmp_path / "elsewhere"
    shutil.copytree(REFERENCE, custom / "mine")
    plan = write(plans / "a.toml", GOOD.format(dataset="mine"))
    assert lines([plan], data_dir=custom) == (1, [])
    assert lines([plan])[1][0].startswith(f"{plan}: dataset: dataset 'mine' not found")


def test_plan_problems_come_before_looking_for_the_dataset(plans: Path) -> None:
    plan = write(plans / "a.toml", GOOD.format(dataset="nowhere").replace("40", "30"))
    assert lines([plan]) == (1, [f"{plan}: elements.Dy.split: shares sum to 90, expected 100"])


def test_a_plan_that_does_not_read_still_has_its_names_checked(plans: Path):
    bad = write(
        plans / "typo.toml",
        'format = 1\nname = "typo"\ndataset = "reference"\n\n'
        "[elements.Dy]\nsplit = { china = 70, lyans = 20 }\n\n"
        '[[stress]]\nname = "cut"\nsource = "chna"\nstart = "2027Q1"\nmonths = 0\n',
    )
    assert lines([bad.relative_to(plans.parent)]) == (
        1,
        [
            "plans/typo.toml: elements.Dy.split: shares sum to 90, expected 100",
            "plans/typo.toml: stress[0].months: "
            "expected a whole number of months, 1 or more, got 0",
            "plans/typo.toml: elements.Dy.split.lyans: unknown source 'lyans'; "
            "did you mean 'lynas'?",
            "plans/typo.toml: stress[0].source: unknown source 'chna'; did you mean 'china'?",
        ],
    )
