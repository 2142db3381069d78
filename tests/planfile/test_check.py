"""A plan against its dataset: unknown elements and sources with suggestions, periods in range."""

from __future__ import annotations

import polars as pl

from tui.domain.dataset import (
    BOM_SCHEMA,
    DEMAND_SCHEMA,
    PRODUCTS_SCHEMA,
    SUPPLY_SCHEMA,
    Dataset,
    Element,
    Source,
)
from tui.domain.plan import (
    Defaults,
    ElementPlan,
    Horizon,
    Plan,
    ScheduleStep,
    Split,
    StressCase,
)
from tui.planfile import check_plan, parse_plan


def tiny_dataset(periods: tuple[str, ...] = ("2026Q1", "2026Q2", "2027Q4")) -> Dataset:
    """Elements Nd, Dy, Tb; sources china, lynas, recycling; demand in ``periods``."""
    demand = [("Dy", period, 10.0) for period in periods]
    supply = [("china", "Dy", periods[0], None, 300.0, 1.0)] if periods else []
    return Dataset(
        name="tiny",
        path=None,
        elements=(
            Element("Nd", "Neodymium", "light"),
            Element("Dy", "Dysprosium", "heavy"),
            Element("Tb", "Terbium", "heavy"),
        ),
        sources=(
            Source("china", "China", "CN"),
            Source("lynas", "Lynas", "MY"),
            Source("recycling", "Recycling", "recycled"),
        ),
        demand=pl.DataFrame(demand, schema=DEMAND_SCHEMA, orient="row"),
        supply=pl.DataFrame(supply, schema=SUPPLY_SCHEMA, orient="row"),
        products=pl.DataFrame([], schema=PRODUCTS_SCHEMA, orient="row"),
        bom=pl.DataFrame([], schema=BOM_SCHEMA, orient="row"),
    )


def lines(plan: Plan, dataset: Dataset | None = None) -> list[str]:
    return [str(p) for p in check_plan(plan, dataset or tiny_dataset(), "plans/x.toml")]


def test_a_plan_that_fits_has_no_problems() -> None:
    plan = Plan(
        name="fits",
        dataset="tiny",
        horizon=Horizon("2026Q1", "2027Q4"),
        defaults=Defaults(split=Split({"china": 100})),
        elements={
            "Dy": ElementPlan(
                split=Split({"china": 60, "lynas": 30, "recycling": 10}),
                schedule=(ScheduleStep("2027Q1", Split({"lynas": 100})),),
            )
        },
        stress=(StressCase("cut", "china", "2026Q2", 2, elements=("Dy", "Tb")),),
    )
    assert lines(plan) == []


def test_a_typo_in_a_source_suggests_the_dataset_source() -> None:
    plan = parse_plan(
        b'format = 1\nname = "x"\ndataset = "tiny"\n'
        b"[elements.Dy]\nsplit = { china = 55, lyans = 45 }\n",
        "plans/x.toml",
    )
    assert lines(plan) == [
        "plans/x.toml: elements.Dy.split.lyans: unknown source 'lyans'; did you mean 'lynas'?"
    ]


def test_unknown_sources_are_found_in_every_split_and_stress_case() -> None:
    plan = Plan(
        name="sources",
        dataset="tiny",
        defaults=Defaults(split=Split({"chna": 100})),
        elements={
            "Dy": ElementPlan(
                split=Split({"china": 100}),
                schedule=(ScheduleStep("2026Q2", Split({"mp-materials": 100})),),
            )
        },
        stress=(StressCase("cut", "China", "2026Q2", 2),),
    )
    assert lines(plan) == [
        "plans/x.toml: defaults.split.chna: unknown source 'chna'; did you mean 'china'?",
        "plans/x.toml: elements.Dy.schedule[0].split.mp-materials: unknown source 'mp-materials'; "
        "expected one of: china, lynas, recycling",
        "plans/x.toml: stress[0].source: unknown source 'China'; did you mean 'china'?",
    ]


def test_unknown_elements_suggest_the_closest_symbol() -> None:
    plan = Plan(
        name="elements",
        dataset="tiny",
        elements={
            "dy": ElementPlan(split=Split({"china": 100})),
            "Xq": ElementPlan(split=Split({"china": 100})),
        },
        stress=(StressCase("cut", "china", "2026Q2", 2, elements=("Dy", "Tbb")),),
    )
    assert lines(plan) == [
        "plans/x.toml: elements.dy: unknown element 'dy'; did you mean 'Dy'?",
        "plans/x.toml: elements.Xq: unknown element 'Xq'; expected one of: Nd, Dy, Tb",
        "plans/x.toml: stress[0].elements[1]: unknown element 'Tbb'; did you mean 'Tb'?",
    ]


def test_periods_outside_the_dataset_are_problems() -> None:
    plan = Plan(
        name="periods",
        dataset="tiny",
        horizon=Horizon("2025Q4", "2028Q1"),
        elements={
            "Dy": ElementPlan(
                split=Split({"china": 100}),
                schedule=(
                    ScheduleStep("2026Q3", Split({"lynas": 100})),
                    ScheduleStep("2030Q1", Split({"china": 100})),
                ),
            )
        },
        stress=(StressCase("early", "china", "2020Q1", 2), StressCase("ok", "china", "2027Q4", 9)),
    )
    assert lines(plan) == [
        "plans/x.toml: horizon.start: 2025Q4 is outside the dataset's quarters (2026Q1 to 2027Q4)",
        "plans/x.toml: horizon.end: 2028Q1 is outside the dataset's quarters (2026Q1 to 2027Q4)",
        "plans/x.toml: elements.Dy.schedule[1].from: 2030Q1 is outside the dataset's quarters "
        "(2026Q1 to 2027Q4)",
        "plans/x.toml: stress[0].start: 2020Q1 is outside the dataset's quarters "
        "(2026Q1 to 2027Q4)",
    ]


def test_a_dataset_without_periods_checks_no_periods() -> None:
    plan = Plan(name="p", dataset="tiny", horizon=Horizon("1990Q1", "1990Q2"))
    assert lines(plan, tiny_dataset(periods=())) == []
