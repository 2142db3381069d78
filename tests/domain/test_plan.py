"""What a plan puts in force for an element and period, and immutable edits."""

from tui.domain.plan import (
    ALL_CHINA,
    Defaults,
    ElementPlan,
    Plan,
    ScheduleStep,
    Split,
)

DY = Split({"china": 70, "lynas": 30})
LATER = Split({"china": 40, "lynas": 60})


def plan(**kwargs) -> Plan:
    return Plan(name="p", dataset="reference", **kwargs)


def test_split_in_force_follows_element_then_schedule():
    p = plan(elements={"Dy": ElementPlan(split=DY, schedule=(ScheduleStep("2027Q1", LATER),))})
    assert p.split_at("Dy", "2026Q4") == DY
    assert p.split_at("Dy", "2027Q1") == LATER
    assert p.split_at("Dy", "2030Q4") == LATER


def test_the_last_started_schedule_step_wins():
    third = Split({"lynas": 100})
    p = plan(
        elements={
            "Dy": ElementPlan(
                split=DY, schedule=(ScheduleStep("2027Q1", LATER), ScheduleStep("2028Q1", third))
            )
        }
    )
    assert p.split_at("Dy", "2027Q4") == LATER
    assert p.split_at("Dy", "2028Q1") == third


def test_defaults_cover_unlisted_elements_and_fill_stockpile_days():
    p = plan(
        defaults=Defaults(split=ALL_CHINA, stockpile_days=30),
        elements={"Dy": ElementPlan(split=DY)},
    )
    assert p.base_split("Nd") == ALL_CHINA
    assert p.stockpile_days("Nd") == 30
    assert p.stockpile_days("Dy") == 30
    assert p.is_covered("Nd")


def test_without_defaults_an_unlisted_element_is_uncovered():
    p = plan(elements={"Dy": ElementPlan(split=DY, stockpile_days=45)})
    assert p.base_split("Nd") is None
    assert not p.is_covered("Nd")
    assert p.stockpile_days("Nd") == 0
    assert p.stockpile_days("Dy") == 45


def test_a_schedule_alone_covers_an_element():
    p = plan(elements={"Sm": ElementPlan(schedule=(ScheduleStep("2026Q2", LATER),))})
    assert p.is_covered("Sm")
    assert p.split_at("Sm", "2026Q1") is None
    assert p.split_at("Sm", "2026Q2") == LATER


def test_zero_shares_do_not_make_splits_differ():
    assert Split({"china": 100, "lynas": 0}) == Split({"china": 100})
    assert hash(Split({"china": 100, "lynas": 0})) == hash(Split({"china": 100.0}))
    assert Split({"china": 60, "lynas": 40}) != Split({"china": 40, "lynas": 60})


def test_split_totals_within_tolerance_are_complete():
    assert Split({"china": 33.33, "lynas": 33.33, "recycling": 33.34}).is_complete()
    assert not Split({"china": 90}).is_complete()


def test_edits_return_new_plans_and_leave_the_old_one_alone():
    before = plan(elements={"Dy": ElementPlan(split=DY, note="keep me")})
    after = before.with_split("Dy", LATER)
    assert before.split_at("Dy", "2026Q1") == DY
    assert after.split_at("Dy", "2026Q1") == LATER
    assert after.elements["Dy"].note == "keep me"
    assert after.without_element("Dy").elements == {}
