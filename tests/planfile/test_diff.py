"""Structural differences between plans, as the diff command and the compare view show them."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings

from tests.planfile.strategies import plans
from tests.properties import examples
from tui.domain.plan import (
    Defaults,
    ElementPlan,
    Horizon,
    Plan,
    ScheduleStep,
    Split,
    StressCase,
)
from tui.planfile import PlanChange, diff_plans, parse_plan, plan_to_toml

BASE = Plan(
    name="Baseline",
    dataset="reference",
    defaults=Defaults(split=Split({"china": 100}), stockpile_days=0),
    elements={
        "Dy": ElementPlan(split=Split({"china": 100}), stockpile_days=30, note="as in 2010"),
        "Sm": ElementPlan(
            split=Split({"china": 100}),
            schedule=(ScheduleStep("2026Q2", Split({"china": 80, "lynas": 20})),),
        ),
    },
    stress=(StressCase("embargo", "china", "2027Q1", 2),),
)


def test_identical_plans_have_no_changes() -> None:
    assert diff_plans(BASE, BASE) == []


def test_the_same_plan_in_another_form_has_no_changes() -> None:
    """Own split equal to the default, int vs float, explicit zero shares: no change."""
    other = replace(
        BASE,
        elements={
            **BASE.elements,
            "Nd": ElementPlan(split=Split({"china": 100.0, "lynas": 0})),
        },
    )
    assert diff_plans(BASE, other) == []


def test_metadata_changes() -> None:
    other = replace(
        BASE,
        name="Target 2027",
        author="procurement-jp",
        horizon=Horizon("2026Q1", "2028Q4"),
        target_china_exposure=50,
        defaults=Defaults(split=Split({"china": 90, "recycling": 10}), stockpile_days=15),
    )
    assert [str(change) for change in diff_plans(BASE, other)] == [
        "name: Baseline → Target 2027",
        "author: (none) → procurement-jp",
        "horizon: (default: quarters with demand) → 2026Q1–2028Q4",
        "target_china_exposure: (none) → 50%",
        "defaults split: china 100% → china 90%, recycling 10%",
        "defaults stockpile_days: 0 days → 15 days",
        "Sm stockpile_days: 0 days → 15 days",  # Sm follows the defaults; Dy has its own 30
    ]
    assert diff_plans(BASE, other)[0] == PlanChange(
        "metadata", "name", "", "Baseline", "Target 2027"
    )


def test_element_changes_compare_splits_in_force_schedules_days_and_notes() -> None:
    other = replace(
        BASE,
        defaults=Defaults(split=Split({"china": 100}), stockpile_days=45),
        elements={
            "Dy": ElementPlan(
                split=Split({"china": 55, "lynas": 35, "recycling": 10}), note="Lynas"
            ),
            "Sm": ElementPlan(
                split=Split({"china": 100}),
                schedule=(
                    ScheduleStep("2026Q2", Split({"china": 60, "lynas": 40})),
                    ScheduleStep("2027Q3", Split({"china": 40, "lynas": 60})),
                ),
            ),
            "Tb": ElementPlan(split=Split({"china": 50, "lynas": 50})),
        },
    )
    changes = diff_plans(BASE, other)
    assert [str(change) for change in changes] == [
        "defaults stockpile_days: 0 days → 45 days",
        "Dy split: china 100% → china 55%, lynas 35%, recycling 10%",
        "Dy stockpile_days: 30 days → 45 days",
        "Dy note: as in 2010 → Lynas",
        "Sm schedule 2026Q2: china 80%, lynas 20% → china 60%, lynas 40%",
        "Sm schedule 2027Q3: (none) → china 40%, lynas 60%",
        "Sm stockpile_days: 0 days → 45 days",
        "Tb split: china 100% (defaults) → china 50%, lynas 50%",
        "Tb stockpile_days: 0 days → 45 days",
    ]
    assert changes[1] == PlanChange(
        "element", "Dy", "split", "china 100%", "china 55%, lynas 35%, recycling 10%"
    )


def test_stress_cases_added_removed_and_changed() -> None:
    other = replace(
        BASE,
        stress=(
            StressCase("embargo", "china", "2027Q2", 3, severity=50, elements=("Dy", "Tb")),
            StressCase("lynas outage", "lynas", "2028Q1", 1),
        ),
    )
    assert [str(c) for c in diff_plans(BASE, other)] == [
        'stress "embargo" start: 2027Q1 → 2027Q2',
        'stress "embargo" months: 2 → 3',
        'stress "embargo" severity: 100% → 50%',
        'stress "embargo" elements: all elements → Dy, Tb',
        'stress "lynas outage" case: (none) → lynas from 2028Q1 for 1 months at 100%, all elements',
    ]
    assert [str(c) for c in diff_plans(other, BASE)][-1] == (
        'stress "lynas outage" case: lynas from 2028Q1 for 1 months at 100%, all elements → (none)'
    )


@settings(max_examples=examples(0.25), deadline=None)
@given(a=plans(), b=plans())
def test_plans_that_differ_in_what_is_compared_have_changes(a: Plan, b: Plan) -> None:
    """No change reported means the plans agree; a plan never differs from its re-read self."""
    again = parse_plan(plan_to_toml(a).encode(), "a.toml")
    assert diff_plans(a, again) == []
    if not diff_plans(a, b):
        assert (a.name, a.dataset, a.horizon, a.target_china_exposure) == (
            b.name,
            b.dataset,
            b.horizon,
            b.target_china_exposure,
        )
        for symbol in {*a.elements, *b.elements}:
            assert a.stockpile_days(symbol) == b.stockpile_days(symbol)
        assert {c.name for c in a.stress} == {c.name for c in b.stress}
