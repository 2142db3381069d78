"""What a plan may ask for is bounded, and so is what its problems print."""

from __future__ import annotations

import pytest

from tui.domain.errors import MAX_PROBLEMS_PER_FILE, MoreProblems, PlanError
from tui.planfile import parse_plan
from tui.planfile.schema import MAX_SCHEDULE_STEPS, MAX_STRESS_CASES

HEAD = 'format = 1\nname = "x"\ndataset = "reference"\n[defaults]\nsplit = { china = 100 }\n'
CASE = '[[stress]]\nname = "c{i}"\nsource = "china"\nstart = "2027Q1"\nmonths = 1\n'


def _problems(text: str) -> list:
    with pytest.raises(PlanError) as caught:
        parse_plan(text.encode(), "plans/x.toml")
    return caught.value.problems


def test_too_many_stress_cases_are_refused_in_one_line() -> None:
    text = HEAD + "".join(CASE.format(i=i) for i in range(MAX_STRESS_CASES + 1))
    (problem,) = _problems(text)
    assert problem.where == "stress"
    assert problem.message == f"{MAX_STRESS_CASES + 1} cases; a plan may have at most 100"


def test_the_most_stress_cases_allowed_read() -> None:
    text = HEAD + "".join(CASE.format(i=i) for i in range(MAX_STRESS_CASES))
    assert len(parse_plan(text.encode(), "plans/x.toml").stress) == MAX_STRESS_CASES


def test_too_long_a_schedule_is_refused() -> None:
    steps = "".join(
        f'[[elements.Dy.schedule]]\nfrom = "{2026 + i // 4}Q{i % 4 + 1}"\n'
        "split = { china = 100 }\n"
        for i in range(MAX_SCHEDULE_STEPS + 1)
    )
    (problem,) = _problems(HEAD + steps)
    assert problem.where == "elements.Dy.schedule"
    assert "at most 100" in problem.message


def test_a_plan_with_thousands_of_problems_lists_a_hundred_and_counts_the_rest() -> None:
    text = HEAD + "[elements.Dy]\n" + "".join(f"bad{i} = 1\n" for i in range(3000))
    problems = _problems(text)
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert isinstance(problems[-1], MoreProblems)
    assert str(problems[-1]) == "plans/x.toml: and 2,900 more problems not shown"
