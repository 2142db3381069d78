"""The canonical writer: fixed layout, exact round trips, edits that touch only their lines."""

from __future__ import annotations

import difflib
import math
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.planfile.strategies import plans, splits
from tests.properties import examples
from tui.domain.errors import PlanError
from tui.domain.plan import Defaults, ElementPlan, Horizon, Plan, ScheduleStep, Split, StressCase
from tui.planfile import parse_plan, plan_to_toml
from tui.planfile.words import key_part

PROPERTY = settings(
    max_examples=examples(0.75), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

DATASET_ELEMENTS = ("La", "Nd", "Sm", "Tb", "Dy")
DATASET_SOURCES = ("china", "lynas", "recycling")

CANONICAL = """\
format = 1
name = "Heavy rare earths via Lynas"
dataset = "reference"
author = "procurement-jp"
description = "Move Dy/Tb off China as Lynas ramps up."
target_china_exposure = 50

[horizon]
start = "2026Q1"
end = "2028Q4"

[defaults]
stockpile_days = 0

[defaults.split]
china = 100

[elements.Sm]
schedule = [
    { from = "2026Q2", split = { china = 60, lynas = 30, recycling = 10 } },
]

[elements.Sm.split]
china = 90
recycling = 10

[elements.Dy]
stockpile_days = 60
note = "Lynas Malaysia heavy REE separation since 2025"

[elements.Dy.split]
china = 55
lynas = 35.5
recycling = 9.5

[[stress]]
name = "China embargo, 2 months"
source = "china"
start = "2027Q1"
months = 2
severity = 100
elements = [
    "Dy",
    "Tb",
]
"""


def canonical(plan: Plan) -> str:
    return plan_to_toml(plan, DATASET_ELEMENTS, DATASET_SOURCES)


def example_plan() -> Plan:
    return parse_plan(CANONICAL.encode(), "example.toml")


def test_canonical_file_is_saved_byte_for_byte() -> None:
    assert canonical(example_plan()) == CANONICAL


def test_layout_follows_dataset_order_not_plan_order() -> None:
    plan = Plan(
        name="order",
        dataset="reference",
        elements={
            "Dy": ElementPlan(split=Split({"recycling": 10, "china": 90})),
            "Xx": ElementPlan(split=Split({"zeta": 100})),
            "La": ElementPlan(split=Split({"lynas": 50, "other": 25, "china": 25})),
        },
    )
    text = canonical(plan)
    headers = [line for line in text.split("\n") if line.startswith("[")]
    assert headers == ["[elements.La.split]", "[elements.Dy.split]", "[elements.Xx.split]"]
    assert "china = 25\nlynas = 50\nother = 25" in text  # dataset sources first, then the rest
    assert "china = 90\nrecycling = 10" in text


def test_zero_shares_and_absent_values_are_left_out() -> None:
    plan = Plan(
        name="zeros",
        dataset="reference",
        elements={"Dy": ElementPlan(split=Split({"china": 100, "lynas": 0, "recycling": 0.0}))},
    )
    text = canonical(plan)
    assert (
        text
        == 'format = 1\nname = "zeros"\ndataset = "reference"\n\n[elements.Dy.split]\nchina = 100\n'
    )
    assert parse_plan(text.encode(), "z").elements["Dy"].split == Split({"china": 100})


def test_numbers_are_written_as_given() -> None:
    plan = Plan(
        name="numbers",
        dataset="reference",
        target_china_exposure=50.0,
        elements={"Dy": ElementPlan(split=Split({"china": 60, "lynas": 40.0}), stockpile_days=30)},
    )
    text = canonical(plan)
    assert "target_china_exposure = 50.0\n" in text
    assert "china = 60\nlynas = 40.0\n" in text
    assert "stockpile_days = 30\n" in text
    again = parse_plan(text.encode(), "n")
    assert type(again.elements["Dy"].split.shares["china"]) is int
    assert type(again.elements["Dy"].split.shares["lynas"]) is float
    assert type(again.target_china_exposure) is float


@pytest.mark.parametrize(
    ("bad", "shown"), [(math.nan, "nan"), (math.inf, "inf"), (-math.inf, "-inf")]
)
def test_non_finite_numbers_are_never_written(bad: float, shown: str) -> None:
    plan = example_plan().with_split("Dy", Split({"china": bad}))
    with pytest.raises(PlanError) as caught:
        canonical(plan)
    assert [str(p) for p in caught.value.problems] == [
        f"plan: elements.Dy.split.china: expected a finite number, got {shown}"
    ]


def test_an_invalid_plan_is_refused_with_every_problem() -> None:
    plan = replace(
        example_plan(),
        target_china_exposure=120,
        stress=(StressCase("cut", "china", "2027Q1", months=0),),
    ).with_split("Dy", Split({"china": 50, "lynas": 40}))
    with pytest.raises(PlanError) as caught:
        plan_to_toml(plan, file="plans/x.toml")
    assert [str(p) for p in caught.value.problems] == [
        "plans/x.toml: target_china_exposure: expected a percent from 0 to 100, got 120",
        "plans/x.toml: elements.Dy.split: shares sum to 90, expected 100",
        "plans/x.toml: stress[0].months: expected a whole number of months, 1 or more, got 0",
    ]


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def outside_element(text: str, symbol: str) -> list[str]:
    """The lines of the file that do not belong to one element's sections."""
    part = key_part(symbol)
    kept, inside = [], False
    for line in text.split("\n"):
        if line.startswith("["):
            inside = line.startswith(
                (f"[elements.{part}]", f"[elements.{part}.", f"[[elements.{part}.")
            )
        if not inside:
            kept.append(line)
    return kept


def test_editing_one_split_changes_only_that_elements_lines() -> None:
    plan = example_plan()
    before = canonical(plan)
    after = canonical(plan.with_split("Dy", Split({"china": 40, "lynas": 45, "recycling": 15})))
    assert changed_lines(before, after) == [
        "-china = 55",
        "-lynas = 35.5",
        "-recycling = 9.5",
        "+china = 40",
        "+lynas = 45",
        "+recycling = 15",
    ]


@settings(PROPERTY, max_examples=examples(0.4))
@given(plan=plans(), new_split=splits(), data=st.data())
def test_any_one_element_edit_stays_inside_that_element(
    plan: Plan, new_split: Split, data: st.DataObject
) -> None:
    if not plan.elements:
        return
    symbol = data.draw(st.sampled_from(sorted(plan.elements)))
    before = plan_to_toml(plan)
    after = plan_to_toml(plan.with_split(symbol, new_split))
    outside_before = outside_element(before, symbol)
    outside_after = outside_element(after, symbol)
    assert outside_before == outside_after


@PROPERTY
@given(plan=plans())
def test_round_trip_gives_the_same_plan_with_the_same_number_types(plan: Plan) -> None:
    text = plan_to_toml(plan)
    again = parse_plan(text.encode(), "generated.toml")
    assert again == plan
    assert repr(again) == repr(plan)  # same order, and 60 stays 60 while 60.0 stays 60.0


@PROPERTY
@given(plan=plans(), data=st.data())
def test_resaving_is_byte_stable_in_any_dataset_order(plan: Plan, data: st.DataObject) -> None:
    element_order = data.draw(st.permutations(sorted(plan.elements)))
    sources = sorted({s for e in plan.elements.values() if e.split for s in e.split.shares})
    source_order = data.draw(st.permutations(sources))
    first = plan_to_toml(plan, element_order, source_order)
    again = parse_plan(first.encode(), "generated.toml")
    assert again == plan
    assert plan_to_toml(again, element_order, source_order) == first


HAND_WRITTEN_STYLES = [
    # inline tables, ints, comments
    """
# a plan written by hand
format = 1
name = "styles"   # trailing comment
dataset = "reference"
horizon = { start = "2026Q1", end = "2028Q4" }
defaults = { split = { china = 100 }, stockpile_days = 0 }

[elements.Dy]
split = { lynas = 35, china = 55, recycling = 10 }
stockpile_days = 60

[[elements.Dy.schedule]]
from = "2027Q1"
split = { china = 40, lynas = 50, recycling = 10 }

[[stress]]
name = "embargo"
source = "china"
start = "2027Q1"
months = 2
""",
    # dotted keys everywhere
    """
format = 1
name = "styles"
dataset = "reference"
horizon.start = "2026Q1"
horizon.end = "2028Q4"
defaults.split.china = 100
defaults.stockpile_days = 0
elements.Dy.split.china = 55
elements.Dy.split.lynas = 35
elements.Dy.split.recycling = 10
elements.Dy.stockpile_days = 60
elements.Dy.schedule = [{ from = "2027Q1", split = { china = 40, lynas = 50, recycling = 10 } }]
stress = [{ name = "embargo", source = "china", start = "2027Q1", months = 2, severity = 100 }]
""",
    # sub-tables, literal strings, odd spacing
    """
format=1
name='styles'
dataset='reference'

[horizon]
end = '2028Q4'
start = '2026Q1'

[defaults.split]
china = 100
[defaults]
stockpile_days = 0

[elements.Dy.split]
recycling = 10
china     = 55
lynas     = 35

[elements.Dy]
stockpile_days = 60

[[elements.Dy.schedule]]
split.china = 40
split.lynas = 50
split.recycling = 10
from = "2027Q1"

[[stress]]
severity = 100
months = 2
start = "2027Q1"
source = "china"
name = "embargo"
""",
]


def test_hand_written_styles_all_give_the_canonical_plan() -> None:
    plans_read = [
        parse_plan(text.encode(), f"style{i}.toml") for i, text in enumerate(HAND_WRITTEN_STYLES)
    ]
    expected = Plan(
        name="styles",
        dataset="reference",
        horizon=Horizon("2026Q1", "2028Q4"),
        defaults=Defaults(split=Split({"china": 100}), stockpile_days=0),
        elements={
            "Dy": ElementPlan(
                split=Split({"china": 55, "lynas": 35, "recycling": 10}),
                stockpile_days=60,
                schedule=(
                    ScheduleStep("2027Q1", Split({"china": 40, "lynas": 50, "recycling": 10})),
                ),
            )
        },
        stress=(StressCase("embargo", "china", "2027Q1", 2, 100),),
    )
    for plan in plans_read:
        assert plan == expected
    texts = {canonical(plan) for plan in plans_read}
    assert len(texts) == 1
    assert parse_plan(texts.pop().encode(), "canonical.toml") == expected
