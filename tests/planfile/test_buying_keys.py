"""The keys for buying in practice: ``days`` windows, ``price_factor``, ``stock_carrying_cost``.

Read, checked as strictly as the rest, written canonically and reported by the diff.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tui.domain.errors import PlanError
from tui.domain.plan import Plan, StressCase
from tui.planfile import diff_plans, parse_plan, plan_to_toml

HEAD = 'format = 1\nname = "t"\ndataset = "reference"\n'
CASE = '[[stress]]\nname = "halt"\nsource = "china"\nstart = "2025Q2"\n'


def read(text: str) -> Plan:
    return parse_plan(text.encode(), "t.toml")


def problems(text: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        parse_plan(text.encode(), "t.toml")
    return [str(problem) for problem in caught.value.problems]


def test_a_window_in_days_and_a_price_factor_are_read() -> None:
    plan = read(HEAD + CASE + "days = 12\nprice_factor = 1.5\n")
    assert plan.stress == (
        StressCase("halt", "china", "2025Q2", None, 100, None, days=12, price_factor=1.5),
    )
    case = plan.stress[0]
    assert case.window_quarters == pytest.approx(12 / 91.25)
    assert case.duration_text == "12 days"


def test_without_them_a_case_is_in_months_at_today_s_prices() -> None:
    case = read(HEAD + CASE + "months = 2\n").stress[0]
    assert (case.months, case.days, case.price_factor) == (2, None, 1)
    assert case.window_quarters == pytest.approx(2 / 3)


def test_stock_carrying_cost_is_read_as_written() -> None:
    assert read(HEAD + "stock_carrying_cost = 8\n").stock_carrying_cost == 8
    assert read(HEAD + "stock_carrying_cost = 7.5\n").stock_carrying_cost == 7.5
    assert read(HEAD).stock_carrying_cost is None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("months = 2\ndays = 12\n", "t.toml: stress[0]: give either `months` or `days`, not both"),
        ("", "t.toml: stress[0].months: required key is missing (or give `days` instead)"),
        ("days = 0\n", "t.toml: stress[0].days: expected a whole number of days, 1 or more, got 0"),
        (
            "days = -3\n",
            "t.toml: stress[0].days: expected a whole number of days, 1 or more, got -3",
        ),
        (
            "days = true\n",
            "t.toml: stress[0].days: expected a whole number of days, 1 or more, got boolean true",
        ),
        (
            "days = 2\nprice_factor = 0.99\n",
            "t.toml: stress[0].price_factor: expected a price multiplier from 1 to 1000, got 0.99",
        ),
        (
            "days = 2\nprice_factor = inf\n",
            "t.toml: stress[0].price_factor: expected a finite number, got inf",
        ),
        (
            "days = 2\nprice_factor = [2]\n",
            "t.toml: stress[0].price_factor: expected a price multiplier from 1 to 1000, "
            "got an array",
        ),
    ],
)
def test_bad_windows_and_factors_are_named_at_their_path(lines: str, expected: str) -> None:
    assert problems(HEAD + CASE + lines) == [expected]


@pytest.mark.parametrize("value", ["-1", "100.5", '"8%"', "nan"])
def test_a_bad_carrying_cost_is_named(value: str) -> None:
    found = problems(HEAD + f"stock_carrying_cost = {value}\n")
    assert len(found) == 1 and found[0].startswith("t.toml: stock_carrying_cost: expected a")


def test_the_writer_puts_the_new_keys_in_their_place_and_keeps_numbers_as_given() -> None:
    plan = Plan(
        name="t",
        dataset="reference",
        target_china_exposure=50,
        stock_carrying_cost=8,
        stress=(
            StressCase("halt", "china", "2025Q2", None, 100, ("Nd",), days=12, price_factor=2.5),
            StressCase("embargo", "china", "2027Q1", 2, 100),
        ),
    )
    text = plan_to_toml(plan)
    assert text == (
        "format = 1\n"
        'name = "t"\n'
        'dataset = "reference"\n'
        "target_china_exposure = 50\n"
        "stock_carrying_cost = 8\n"
        "\n"
        "[[stress]]\n"
        'name = "halt"\n'
        'source = "china"\n'
        'start = "2025Q2"\n'
        "days = 12\n"
        "severity = 100\n"
        "price_factor = 2.5\n"
        "elements = [\n"
        '    "Nd",\n'
        "]\n"
        "\n"
        "[[stress]]\n"
        'name = "embargo"\n'
        'source = "china"\n'
        'start = "2027Q1"\n'
        "months = 2\n"
        "severity = 100\n"
    )
    assert read(text) == plan
    assert plan_to_toml(read(text)) == text


def test_a_stress_case_needs_exactly_one_window_length() -> None:
    with pytest.raises(ValueError):
        StressCase("x", "china", "2027Q1", None)
    with pytest.raises(ValueError):
        StressCase("x", "china", "2027Q1", 2, days=10)


def test_the_diff_reports_each_new_key() -> None:
    before = read(HEAD + CASE + "months = 2\n")
    after = replace(
        before,
        stock_carrying_cost=8,
        stress=(replace(before.stress[0], months=None, days=12, price_factor=3),),
    )
    assert [str(change) for change in diff_plans(before, after)] == [
        "stock_carrying_cost: (none) → 8% a year",
        'stress "halt" months: 2 → (none)',
        'stress "halt" days: (none) → 12',
        'stress "halt" price_factor: ×1 → ×3',
    ]
    removed = diff_plans(after, replace(after, stress=()))
    assert [str(change) for change in removed] == [
        'stress "halt" case: china from 2025Q2 for 12 days at 100%, spot price ×3, '
        "all elements → (none)"
    ]
