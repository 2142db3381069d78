"""A file with a million bad rows gets a hundred problems listed and the rest counted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.dataset.conftest import FIXTURES
from tui.dataset import load_dataset
from tui.domain.errors import (
    MAX_PROBLEMS_PER_FILE,
    DatasetError,
    MoreProblems,
    Problem,
    capped,
    problem_count,
)


def test_bad_rows_are_listed_up_to_the_cap_then_counted(tmp_path: Path) -> None:
    folder = tmp_path / "tiny"
    shutil.copytree(FIXTURES / "tiny", folder)
    demand = folder / "demand.csv"
    bad = 5_000
    demand.write_text(
        "element,period,tonnes\n" + "".join(f"Nd,2026Q1,x{i}\n" for i in range(bad)),
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as caught:
        load_dataset(folder)
    problems = caught.value.problems
    of_demand = [p for p in problems if p.file == str(demand)]
    assert len(of_demand) == MAX_PROBLEMS_PER_FILE + 1
    assert of_demand[0].where == "line 2, column tonnes"
    more = of_demand[-1]
    assert isinstance(more, MoreProblems)
    # 5,000 bad numbers and 4,999 repeated (element, period) rows
    assert more.count == 2 * bad - 1 - MAX_PROBLEMS_PER_FILE
    assert more.message == f"and {more.count:,} more problems not shown"


def test_capping_twice_adds_up_and_keeps_other_files() -> None:
    many = [Problem("a.csv", f"line {i}", "bad") for i in range(250)]
    once = capped([*many, Problem("b.csv", "", "one")])
    assert [p.file for p in once].count("b.csv") == 1
    twice = capped([*once, Problem("a.csv", "line 999", "bad")])
    (more,) = [p for p in twice if isinstance(p, MoreProblems)]
    assert more.count == 151
    assert len(twice) == MAX_PROBLEMS_PER_FILE + 2


def test_few_problems_are_left_alone() -> None:
    few = [Problem("a.csv", "line 2", "bad")] * 3
    assert capped(few) == few


def test_a_count_line_counts_what_it_stands_for() -> None:
    many = [Problem("a.csv", f"line {i}", "bad") for i in range(250)]
    once = capped([*many, Problem("b.csv", "", "one")])
    assert problem_count(once) == 251
    assert problem_count(capped(once)) == 251
