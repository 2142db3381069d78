"""SPEC §6 dataset lookup: path next to the plan, else --data-dir, $REPLAN_DATA, ./data, bundled."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.dataset.conftest import FIXTURES
from tui.dataset import find_dataset, load_dataset, lookup, reference_dataset_path
from tui.domain.errors import DatasetError, Problem


@pytest.fixture
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Four candidate roots, each holding a dataset called "ds"; cwd is the "cwd" root."""
    roots = {}
    for name in ("plans", "datadir", "env", "cwd"):
        roots[name] = tmp_path / name
        (roots[name] / ("data/ds" if name == "cwd" else "ds")).mkdir(parents=True)
    monkeypatch.chdir(roots["cwd"])
    monkeypatch.setenv("REPLAN_DATA", str(roots["env"]))
    return roots


def test_path_value_is_relative_to_the_plan_folder(tmp_path: Path) -> None:
    (tmp_path / "data" / "mine").mkdir(parents=True)
    plan = tmp_path / "plans" / "x.toml"
    found = find_dataset("../data/mine", plan_path=plan, data_dir=tmp_path / "elsewhere")
    assert found == tmp_path / "data" / "mine"


def test_path_value_without_a_plan_is_relative_to_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data" / "mine").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert find_dataset("data/mine", plan_path=None, data_dir=None) == Path("data/mine")


def test_missing_path_value(tmp_path: Path) -> None:
    plan = tmp_path / "plans" / "x.toml"
    with pytest.raises(DatasetError) as caught:
        find_dataset("../data/none", plan_path=plan, data_dir=None)
    expected = str(tmp_path / "data" / "none")
    assert caught.value.problems == [
        Problem(str(plan), "dataset", f"dataset folder {expected!r} not found")
    ]


def test_data_dir_comes_first(places: dict[str, Path]) -> None:
    plan = places["plans"] / "x.toml"
    assert (
        find_dataset("ds", plan_path=plan, data_dir=places["datadir"]) == places["datadir"] / "ds"
    )


def test_then_the_environment(places: dict[str, Path]) -> None:
    plan = places["plans"] / "x.toml"
    assert find_dataset("ds", plan_path=plan, data_dir=None) == places["env"] / "ds"


def test_environment_may_list_several_folders(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(
        "REPLAN_DATA", os.pathsep.join([str(tmp_path / "empty"), str(places["env"])])
    )
    assert find_dataset("ds", plan_path=None, data_dir=None) == places["env"] / "ds"


def test_then_data_in_the_current_folder(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REPLAN_DATA")
    empty = places["datadir"] / "nothing-here"
    assert find_dataset("ds", plan_path=None, data_dir=empty) == Path("data") / "ds"


def test_reference_falls_back_to_the_bundled_copy(places: dict[str, Path]) -> None:
    found = find_dataset("reference", plan_path=None, data_dir=places["datadir"])
    assert found == reference_dataset_path()
    assert (found / "supply.csv").is_file()


def test_a_local_reference_wins_over_the_bundled_one(places: dict[str, Path]) -> None:
    (places["cwd"] / "data" / "reference").mkdir()
    assert find_dataset("reference", plan_path=None, data_dir=None) == Path("data/reference")


def test_name_not_found_says_where_it_looked(
    places: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = places["plans"] / "x.toml"
    with pytest.raises(DatasetError) as caught:
        find_dataset("other", plan_path=plan, data_dir=places["datadir"])
    searched = ", ".join(
        [
            str(places["datadir"] / "other"),
            str(places["env"] / "other"),
            str(Path("data") / "other"),
        ]
    )
    assert caught.value.problems == [
        Problem(str(plan), "dataset", f"dataset 'other' not found (looked in {searched})")
    ]


def test_not_found_without_a_plan(places: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REPLAN_DATA")
    with pytest.raises(DatasetError) as caught:
        find_dataset("other", plan_path=None, data_dir=None)
    assert str(caught.value) == "other: dataset not found (looked in data/other)"


@pytest.mark.parametrize("value", ["", "  ", ".", ".."])
def test_values_that_are_not_names(value: str, tmp_path: Path) -> None:
    with pytest.raises(DatasetError) as caught:
        find_dataset(value, plan_path=tmp_path / "p.toml", data_dir=None)
    assert caught.value.problems[0].message == f"{value!r} is not a dataset name or path"


def test_a_file_is_not_a_dataset(places: dict[str, Path]) -> None:
    (places["datadir"] / "flat").write_text("not a folder")
    with pytest.raises(DatasetError):
        find_dataset("flat", plan_path=None, data_dir=places["datadir"])


def test_installed_copy_is_used_when_present_and_named_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "tui" / "reference_data"
    shutil.copytree(FIXTURES / "tiny", bundled)
    monkeypatch.setattr(lookup, "_BUNDLED", bundled.resolve())
    assert reference_dataset_path() == bundled.resolve()
    assert load_dataset(bundled).name == "reference"


def test_checkout_copy_is_used_without_an_installed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lookup, "_BUNDLED", tmp_path / "absent")
    repo = Path(__file__).resolve().parents[2]
    assert reference_dataset_path() == repo / "data" / "reference"
