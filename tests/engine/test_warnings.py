"""Warnings: demand that the plan leaves as a gap without saying so."""

from tests.engine import builders as b
from tui.domain.plan import ElementPlan, ScheduleStep, Split
from tui.engine import Engine

DATA = b.dataset(
    demand=[
        ("Nd", "2026Q1", 10.0),
        ("Nd", "2026Q2", 10.0),
        ("Dy", "2026Q1", 1.0),
        ("Dy", "2026Q2", 1.0),
    ],
    supply=[
        ("china", "Nd", "2026Q1", None, 60.0, 1.0),
        ("china", "Nd", "2026Q2", None, 60.0, 1.0),
        ("china", "Dy", "2026Q1", None, 200.0, 1.0),
        ("china", "Dy", "2026Q2", None, 200.0, 1.0),
        ("lynas", "Dy", "2026Q2", 5.0, 700.0, 0.05),
    ],
)


def test_an_uncovered_element_with_demand_is_named():
    warnings = Engine(DATA).evaluate(b.plan({"Dy": b.split(china=100)})).warnings
    assert [(w.kind, w.element) for w in warnings] == [("uncovered", "Nd")]
    assert tuple(map(str, warnings)) == (
        "Nd: has demand but no split in the plan or [defaults]; its whole demand is a gap",
    )


def test_quarters_before_a_schedule_alone_are_named():
    later = ElementPlan(schedule=(ScheduleStep("2026Q2", Split({"china": 100})),))
    plan = b.plan({"Nd": b.split(china=100), "Dy": later})
    assert tuple(map(str, Engine(DATA).evaluate(plan).warnings)) == (
        "Dy: no split before 2026Q2; its demand there is a gap",
    )


def test_a_share_where_the_source_has_no_supply_is_named():
    plan = b.plan({"Nd": b.split(china=100), "Dy": b.split(china=50, lynas=50)})
    assert tuple(map(str, Engine(DATA).evaluate(plan).warnings)) == (
        "Dy: lynas has no supply in 2026Q1; its share there is a gap",
    )


def test_a_covered_plan_has_no_warning():
    plan = b.plan({"Nd": b.split(china=100), "Dy": b.split(china=100)})
    assert tuple(map(str, Engine(DATA).evaluate(plan).warnings)) == ()


def test_worst_figures_name_the_case_and_element_hit_hardest():
    from tui.domain.plan import StressCase

    plan = b.plan(
        {"Nd": b.split(china=100), "Dy": b.split(china=100)},
        stress=[
            StressCase("Dy cut", "china", "2026Q1", 3, 100, ("Dy",)),
            StressCase("Nd half", "china", "2026Q2", 3, 50, ("Nd",)),
        ],
    )
    evaluation = Engine(DATA).evaluate(plan)
    assert evaluation.base.worst_element is None
    dy_cut, nd_half = evaluation.stress_cases
    assert dy_cut.worst_element == "Dy" and dy_cut.worst_days_short == 91.25
    assert nd_half.worst_element == "Nd" and nd_half.worst_days_short == 45.625
    # Dy loses 1 t, Nd loses half of 10 t.
    assert evaluation.worst_stress_shortfall_t == 5.0
    assert evaluation.worst_stress_days_short == 91.25
    no_stress = Engine(DATA).evaluate(b.plan({"Nd": b.split(china=100)}))
    assert no_stress.worst_stress_shortfall_t is None


def test_a_warning_carries_its_element_source_and_quarters():
    plan = b.plan({"Nd": b.split(china=100), "Dy": b.split(china=50, lynas=50)})
    (warning,) = Engine(DATA).evaluate(plan).warnings
    assert (warning.kind, warning.element, warning.source, warning.quarters) == (
        "no_supply",
        "Dy",
        "lynas",
        "2026Q1",
    )
    assert warning.message == "lynas has no supply in 2026Q1; its share there is a gap"
