"""Plan edits from the app, without the app."""

from __future__ import annotations

import pytest

from tui.app.numbers import coverage, percent, tonnes, usd
from tui.domain.plan import ElementPlan, Plan, ScheduleStep, Split, StressCase
from tui.session import edits

PLAN = Plan(name="p", dataset="reference", elements={"Dy": ElementPlan(split=Split.of(china=100))})


def test_set_split_keeps_the_rest_of_the_entry() -> None:
    plan = edits.set_note(PLAN, "Dy", "  why  ")
    plan = edits.set_split(plan, "Dy", Split.of(china=50, lynas=50))
    assert plan.elements["Dy"] == ElementPlan(split=Split.of(china=50, lynas=50), note="why")
    assert PLAN.elements["Dy"].note is None  # the old plan is untouched


def test_an_entry_that_says_nothing_is_removed() -> None:
    plan = edits.set_stockpile(PLAN, "Tb", 30)
    assert plan.elements["Tb"].stockpile_days == 30
    assert "Tb" not in edits.set_stockpile(plan, "Tb", None).elements
    assert "Dy" in edits.set_note(PLAN, "Dy", "").elements


def test_schedule_is_sorted_and_unique() -> None:
    late = ScheduleStep("2027Q1", Split.of(lynas=100))
    early = ScheduleStep("2026Q2", Split.of(china=50, lynas=50))
    plan = edits.set_schedule(PLAN, "Dy", [late, early])
    assert plan.schedule("Dy") == (early, late)
    with pytest.raises(ValueError):
        edits.set_schedule(PLAN, "Dy", [late, late])


def test_stress_add_replace_remove() -> None:
    one = StressCase("a", "china", "2027Q1", 2)
    two = StressCase("b", "china", "2027Q2", 3, 50)
    plan = edits.add_stress(edits.add_stress(PLAN, one), two)
    assert [c.name for c in plan.stress] == ["a", "b"]
    plan = edits.replace_stress(plan, 0, two)
    assert plan.stress == (two, two)
    assert edits.remove_stress(plan, 1).stress == (two,)


def test_numbers_read_well() -> None:
    assert tonnes(1234.5) == "1,234" and tonnes(12.34) == "12.3" and tonnes(None) == "—"
    assert percent(0.4823) == "48.2%" and percent(None) == "—"
    assert usd(1.234e9) == "$1.23B" and usd(45.6e6) == "$45.6M" and usd(-2500) == "-$2.50k"
    assert usd(120e6, signed=True) == "+$120M"
    assert coverage(0.99996) == ">99.9%" and coverage(1.0) == "100.0%" and coverage(0.5) == "50.0%"
    assert coverage(0.996, 0) == ">99%"
    assert tonnes(5.7e-14) == "0" and tonnes(0.003) == "<0.01"
