"""The three-way plan merge: properties over any plans, and one hand case per kind of conflict."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planfile.strategies import plans
from tests.properties import examples
from tui.domain.plan import ElementPlan, Plan, ScheduleStep, Split, StressCase
from tui.planfile.merge import (
    ABSENT,
    merge_documents,
    merge_plans,
    merged_order,
    same,
    show_value,
)
from tui.planfile.reader import load_plan
from tui.planfile.writer import plan_document

PLANS = Path(__file__).resolve().parents[2] / "plans"


def japan() -> Plan:
    return load_plan(PLANS / "japan-2025.toml").plan


def with_case(plan: Plan, index: int, **changes: object) -> Plan:
    cases = list(plan.stress)
    cases[index] = replace(cases[index], **changes)  # type: ignore[arg-type]
    return replace(plan, stress=tuple(cases))


# --- properties -----------------------------------------------------------------------


@settings(max_examples=examples(1.5))
@given(plans())
def test_merging_a_plan_with_itself_gives_it_back(plan: Plan) -> None:
    merge = merge_plans(plan, plan, plan)
    assert merge.conflicts == () and merge.problems == ()
    assert merge.plan == plan


@settings(max_examples=examples(1.5))
@given(plans(), plans())
def test_a_change_on_one_side_only_is_taken_whole(base: Plan, changed: Plan) -> None:
    for merge in (merge_plans(base, changed, base), merge_plans(base, base, changed)):
        assert merge.conflicts == ()
        assert merge.plan == changed
        assert list(merge.document) == list(plan_document(changed))


def _apply(base: dict, donor: dict, top: set[str], symbols: set[str], cases: set[str]) -> dict:
    """``base`` with the chosen top-level keys, elements and stress cases taken from ``donor``."""
    document = copy.deepcopy(base)
    for key in top:
        if key in donor:
            document[key] = copy.deepcopy(donor[key])
        else:
            document.pop(key, None)
    elements = document.get("elements", {})
    for symbol in symbols:
        if symbol in donor.get("elements", {}):
            elements[symbol] = copy.deepcopy(donor["elements"][symbol])
        else:
            elements.pop(symbol, None)
    if elements:
        document["elements"] = elements
    else:
        document.pop("elements", None)
    stress = {case["name"]: case for case in document.get("stress", [])}
    for name in cases:
        donated = [case for case in donor.get("stress", []) if case["name"] == name]
        if donated:
            stress[name] = copy.deepcopy(donated[0])
        else:
            stress.pop(name, None)
    if stress:
        document["stress"] = list(stress.values())
    else:
        document.pop("stress", None)
    return document


def _normal(document: dict) -> dict:
    """Stress cases by name: which order additions from two sides come in is not a change."""
    normal = dict(document)
    if "stress" in normal:
        normal["stress"] = {case["name"]: case for case in normal["stress"]}
    return normal


@st.composite
def disjoint_edits(draw: st.DrawFn) -> tuple[dict, dict, dict, dict]:
    """(base, ours, theirs, expected): each part of the plan changed by one side at most."""
    base, x, y = (plan_document(draw(plans())) for _ in range(3))
    side = st.sampled_from((0, 1, 2))  # untouched, ours, theirs
    tops = sorted({*base, *x, *y} - {"elements", "stress", "format"})
    symbols = sorted({*base.get("elements", {}), *x.get("elements", {}), *y.get("elements", {})})
    names = sorted({c["name"] for d in (base, x, y) for c in d.get("stress", [])})
    top = {key: draw(side) for key in tops}
    element = {symbol: draw(side) for symbol in symbols}
    case = {name: draw(side) for name in names}

    def chosen(choice: dict[str, int], value: int) -> set[str]:
        return {key for key, picked in choice.items() if picked == value}

    ours = _apply(base, x, chosen(top, 1), chosen(element, 1), chosen(case, 1))
    theirs = _apply(base, y, chosen(top, 2), chosen(element, 2), chosen(case, 2))
    expected = _apply(ours, y, chosen(top, 2), chosen(element, 2), chosen(case, 2))
    return base, ours, theirs, expected


@settings(max_examples=examples(2))
@given(disjoint_edits())
def test_edits_to_different_parts_merge_cleanly_and_commute(
    edits: tuple[dict, dict, dict, dict],
) -> None:
    base, ours, theirs, expected = edits
    forward = merge_documents(base, ours, theirs)
    backward = merge_documents(base, theirs, ours)
    assert forward.conflicts == () and backward.conflicts == ()
    assert _normal(forward.document) == _normal(expected)
    assert _normal(forward.document) == _normal(backward.document)
    assert (forward.plan is None) == (backward.plan is None)


# --- clean merges ---------------------------------------------------------------------


def test_changes_to_different_elements_and_keys_merge() -> None:
    base = japan()
    ours = base.with_split("Ce", Split({"china": 48, "lynas": 52}))
    theirs = replace(
        base.with_split("Nd", Split({"china": 43, "lynas": 50, "recycling": 7})), author="tanaka"
    )
    merge = merge_plans(base, ours, theirs)
    assert merge.clean
    assert merge.plan is not None
    assert merge.plan.author == "tanaka"
    assert merge.plan.base_split("Ce") == Split({"china": 48, "lynas": 52})
    assert merge.plan.base_split("Nd") == Split({"china": 43, "lynas": 50, "recycling": 7})
    assert merge.from_ours == ("elements.Ce.split",)
    assert merge.from_theirs == ("author", "elements.Nd.split")


def test_the_same_change_on_both_sides_is_not_a_conflict() -> None:
    base = japan()
    edited = base.with_split("Nd", Split({"china": 43, "lynas": 50, "recycling": 7}))
    merge = merge_plans(base, edited, edited)
    assert merge.conflicts == ()
    assert merge.plan == edited


def test_different_fields_of_one_stress_case_merge() -> None:
    base = japan()
    merge = merge_plans(base, with_case(base, 0, months=3), with_case(base, 0, severity=50))
    assert merge.plan is not None
    assert (merge.plan.stress[0].months, merge.plan.stress[0].severity) == (3, 50)


def test_schedule_entries_added_on_both_sides_merge_in_quarter_order() -> None:
    base = japan()
    nd = base.elements["Nd"]
    later = ScheduleStep("2027Q1", Split({"china": 30, "lynas": 70}))
    sooner = ScheduleStep("2026Q3", Split({"china": 40, "lynas": 60}))
    ours = base.with_element("Nd", replace(nd, schedule=(later,)))
    theirs = base.with_element("Nd", replace(nd, schedule=(sooner,)))
    merge = merge_plans(base, ours, theirs)
    assert merge.plan is not None
    assert merge.plan.schedule("Nd") == (sooner, later)


def test_stress_cases_added_on_both_sides_are_both_kept() -> None:
    base = japan()
    ours = base.with_stress([*base.stress, StressCase("Lynas fire", "lynas", "2027Q2", 6)])
    theirs = base.with_stress([*base.stress, StressCase("Port strike", "china", "2026Q4", 1)])
    merge = merge_plans(base, ours, theirs)
    assert merge.plan is not None
    assert [case.name for case in merge.plan.stress][-2:] == ["Lynas fire", "Port strike"]


def test_without_a_common_version_identical_additions_merge() -> None:
    plan = japan()
    merge = merge_plans(None, plan, plan)
    assert merge.plan == plan
    conflicted = merge_plans(None, plan, replace(plan, author="tanaka"))
    assert [c.path for c in conflicted.conflicts] == ["author"]
    assert conflicted.conflicts[0].base is ABSENT


def test_keys_this_code_does_not_know_merge_like_any_other() -> None:
    """Keys added to the format later (a stress case's price factor, a stock cost)."""
    base = plan_document(japan())
    ours = copy.deepcopy(base)
    theirs = copy.deepcopy(base)
    ours["stock_carrying_cost"] = 12
    ours["stress"][0]["days"] = 30
    theirs["stress"][0]["price_factor"] = 2.5
    merge = merge_documents(base, ours, theirs)
    assert merge.conflicts == ()
    assert merge.document["stock_carrying_cost"] == 12
    assert merge.document["stress"][0]["days"] == 30
    assert merge.document["stress"][0]["price_factor"] == 2.5
    theirs["stress"][0]["days"] = 45
    clash = merge_documents(base, ours, theirs)
    assert [str(c) for c in clash.conflicts] == [
        'stress["China embargo, 2 months"].days: base (none); ours 30; theirs 45'
    ]


# --- conflicts ------------------------------------------------------------------------


def test_two_edits_to_one_split_conflict_as_a_whole() -> None:
    """Shares are never mixed: china+lynas from one side, recycling from the other."""
    base = japan()
    ours = base.with_split("Nd", Split({"china": 40, "lynas": 53, "recycling": 7}))
    theirs = base.with_split("Nd", Split({"china": 48, "lynas": 40, "recycling": 12}))
    merge = merge_plans(base, ours, theirs)
    assert merge.plan is None
    [conflict] = merge.conflicts
    assert conflict.path == "elements.Nd.split"
    assert conflict.base == {"china": 48, "lynas": 45, "recycling": 7}
    assert conflict.ours == {"china": 40, "lynas": 53, "recycling": 7}
    assert conflict.theirs == {"china": 48, "lynas": 40, "recycling": 12}
    assert str(conflict) == (
        "elements.Nd.split: base { china = 48, lynas = 45, recycling = 7 }; "
        "ours { china = 40, lynas = 53, recycling = 7 }; "
        "theirs { china = 48, lynas = 40, recycling = 12 }"
    )


def test_a_top_level_key_changed_two_ways_conflicts() -> None:
    base = japan()
    merge = merge_plans(base, replace(base, name="Ours"), replace(base, name="Theirs"))
    assert [(c.path, c.ours, c.theirs) for c in merge.conflicts] == [("name", "Ours", "Theirs")]


def test_one_stress_field_changed_two_ways_conflicts() -> None:
    base = japan()
    merge = merge_plans(base, with_case(base, 0, months=3), with_case(base, 0, months=4))
    [conflict] = merge.conflicts
    assert conflict.path == 'stress["China embargo, 2 months"].months'
    assert (conflict.base, conflict.ours, conflict.theirs) == (2, 3, 4)


def test_one_schedule_entry_changed_two_ways_conflicts() -> None:
    base = japan()
    nd = base.elements["Nd"]
    base = base.with_element(
        "Nd", replace(nd, schedule=(ScheduleStep("2027Q1", Split({"china": 30, "lynas": 70})),))
    )

    def entry(china: int) -> Plan:
        step = ScheduleStep("2027Q1", Split({"china": china, "lynas": 100 - china}))
        return base.with_element("Nd", replace(nd, schedule=(step,)))

    merge = merge_plans(base, entry(20), entry(25))
    assert [c.path for c in merge.conflicts] == ['elements.Nd.schedule["2027Q1"].split']


def test_removing_an_element_the_other_side_changed_conflicts() -> None:
    base = japan()
    theirs = base.with_split("Nd", Split({"china": 43, "lynas": 50, "recycling": 7}))
    merge = merge_plans(base, base.without_element("Nd"), theirs)
    [conflict] = merge.conflicts
    assert conflict.path == "elements.Nd"
    assert conflict.ours is ABSENT
    assert show_value(conflict.ours) == "(none)"


def test_picks_resolve_conflicts_one_by_one() -> None:
    base = japan()
    ours = replace(base, name="Ours", author="me")
    theirs = replace(base, name="Theirs", author="tanaka")
    merge = merge_plans(base, ours, theirs)
    assert [c.path for c in merge.conflicts] == ["name", "author"]
    half = merge.with_picks({"name": "theirs"})
    assert [c.path for c in half.conflicts] == ["author"]
    done = half.with_picks({"author": "ours"})
    assert done.plan == replace(base, name="Theirs", author="me")
    assert done.resolved("theirs").plan == done.plan


# --- a clean merge that is not a valid plan -------------------------------------------


def test_a_merge_that_does_not_validate_gives_problems_and_no_plan() -> None:
    base = japan()
    # ours gives every element its own split and drops the default one ...
    ours = replace(base, defaults=None)
    # ... while theirs adds an element that relies on the default split
    theirs = base.with_element("Sm", ElementPlan(stockpile_days=30))
    merge = merge_plans(base, ours, theirs)
    assert merge.conflicts == ()
    assert merge.plan is None
    assert [p.where for p in merge.problems] == ["elements.Sm"]
    assert "no split" in merge.problems[0].message


# --- helpers --------------------------------------------------------------------------


def test_same_tells_numbers_of_different_types_apart() -> None:
    assert same({"a": 1, "b": 2}, {"b": 2, "a": 1})
    assert not same(60, 60.0)
    assert not same(True, 1)
    assert same(ABSENT, ABSENT)
    assert not same([1, 2], [2, 1])


def test_merged_order_keeps_the_side_that_reordered() -> None:
    present = dict.fromkeys("abcd")
    assert merged_order("abc", "cab", "abc", present) == ["c", "a", "b", "d"]
    assert merged_order("abc", "abc", "cba", present) == ["c", "b", "a", "d"]
    assert merged_order("ab", "ab", "adb", dict.fromkeys("abd")) == ["a", "d", "b"]


def test_show_value_writes_toml_on_one_line() -> None:
    assert show_value({"china": 43, "lynas": 57}) == "{ china = 43, lynas = 57 }"
    assert show_value("a\nb") == '"a\\nb"'
    assert show_value(60.0) == "60.0"
    assert show_value(["Dy", "Tb"]) == '["Dy", "Tb"]'
    assert show_value(True) == "true"
