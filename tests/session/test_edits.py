"""Plan edits from the app, without the app."""

from __future__ import annotations

import pytest

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
