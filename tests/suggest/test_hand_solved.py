"""Small cases whose optimum can be worked out by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.engine.builders import dataset, plan, split
from tests.suggest.helpers import broken_limits, run, tenths_ok
from tui.domain.plan import ElementPlan, ScheduleStep, Split, StressCase
from tui.suggest import Limits, NoSuggestion, Suggestion

# Nd, 100 t a quarter; China unlimited at 10 USD/kg, Lynas 60 t a quarter at 20 USD/kg.
TWO_QUARTERS = ("2026Q1", "2026Q2")


def nd_market(lynas=(60.0, 60.0), periods=TWO_QUARTERS, recycling=None):
    supply = []
    for p, cap in zip(periods, lynas, strict=True):
        supply.append(("china", "Nd", p, None, 10.0, 1.0))
        supply.append(("lynas", "Nd", p, cap, 20.0, 0.0))
        if recycling is not None:
            supply.append(("recycling", "Nd", p, recycling, 30.0, 0.0))
    sources = ("china", "lynas", "recycling") if recycling is not None else ("china", "lynas")
    return dataset([("Nd", p, 100.0) for p in periods], supply, elements=("Nd",), sources=sources)


def solved(result: Suggestion | NoSuggestion) -> Suggestion:
    assert isinstance(result, Suggestion), result
    assert broken_limits(result.plan, result.evaluation, result.limits) == []
    assert tenths_ok(result.plan)
    return result


def test_target_takes_the_cheapest_non_china_share_and_prices_a_point() -> None:
    data = nd_market()
    result = solved(run(plan({"Nd": split(china=100)}), data, Limits(target=0.5)))
    assert result.plan.elements["Nd"].split == Split.of(china=50, lynas=50)
    # 200 t × (0.5 × 10 + 0.5 × 20) USD/kg × 1000
    assert result.optimum_cost_usd == pytest.approx(3_000_000)
    assert result.evaluation.base.portfolio.cost_usd == pytest.approx(3_000_000)
    # One point moves 2 t from China (10 USD/kg) to Lynas (20 USD/kg): 20,000 USD.
    assert result.point_cost_usd == pytest.approx(20_000)
    assert result.changed == ("Nd",)
    assert result.plan.elements["Nd"].note == "suggested: least cost under 50% China exposure"


def test_the_planners_note_is_kept_and_the_suggestion_added() -> None:
    own = replace(split(china=100), note="JARE priority on Lynas NdPr; recycled magnet scrap")
    result = solved(run(plan({"Nd": own}), nd_market(), Limits(target=0.5)))
    assert result.plan.elements["Nd"].note == (
        "JARE priority on Lynas NdPr; recycled magnet scrap"
        " · suggested: least cost under 50% China exposure"
    )


def test_suggesting_again_replaces_only_the_earlier_suggestion() -> None:
    earlier = "JARE priority · suggested: least cost under 50% China exposure · call Lynas"
    own = replace(split(china=50, lynas=50), note=earlier)
    result = solved(run(plan({"Nd": own}), nd_market(), Limits(target=0.45)))
    assert result.plan.elements["Nd"].note == (
        "JARE priority · call Lynas · suggested: least cost under 45% China exposure"
    )
    alone = replace(own, note="suggested: least cost under 50% China exposure")
    again = solved(run(plan({"Nd": alone}), nd_market(), Limits(target=0.45)))
    assert again.plan.elements["Nd"].note == "suggested: least cost under 45% China exposure"


def test_without_a_target_cost_alone_decides() -> None:
    result = solved(run(plan({"Nd": split(china=50, lynas=50)}), nd_market(), Limits()))
    assert result.plan.elements["Nd"].split == Split.of(china=100)
    assert result.point_cost_usd is None


def test_max_share_caps_every_source() -> None:
    result = solved(run(plan({"Nd": split(china=100)}), nd_market(), Limits(max_share=0.55)))
    assert result.plan.elements["Nd"].split == Split.of(china=55, lynas=45)


def test_the_plan_already_optimal_changes_nothing() -> None:
    original = plan({"Nd": split(china=50, lynas=50)})
    result = solved(run(original, nd_market(), Limits(target=0.5)))
    assert result.changed == ()
    assert result.plan.elements == original.elements


def test_one_split_is_held_to_the_tightest_quarter() -> None:
    """Lynas has 60 t in Q1 but 40 t in Q2: one split can take at most 40%."""
    result = run(plan({"Nd": split(china=100)}), nd_market(lynas=(60.0, 40.0)), Limits(0.5))
    assert isinstance(result, NoSuggestion)
    explanation = result.explanation
    assert explanation.lowest_exposure == pytest.approx(0.6)
    assert "lowest China exposure reachable under the other limits: 60.0% (target 50%)" in (
        "\n".join(explanation.lines())
    )
    assert explanation.binding == ("Nd: lynas 40% (capacity in 2026Q2)",)


def test_yearly_follows_the_ramp() -> None:
    periods = ("2026Q4", "2027Q1")
    data = nd_market(lynas=(60.0, 40.0), periods=periods)
    result = solved(run(plan({"Nd": split(china=100)}), data, Limits(0.5, yearly=True)))
    entry = result.plan.elements["Nd"]
    assert entry.split == Split.of(china=40, lynas=60)
    assert entry.schedule == (ScheduleStep("2027Q1", Split.of(china=60, lynas=40)),)
    assert result.optimum_cost_usd == pytest.approx((100 * 10 + 100 * 20) * 1000)


def test_shares_are_tenths_and_rounding_keeps_the_target() -> None:
    """Lynas can take 33.33…%: the written split must stay at or under it."""
    data = nd_market(lynas=(100 / 3, 100 / 3))
    result = solved(run(plan({"Nd": split(china=100)}), data, Limits(target=0.667)))
    assert result.plan.elements["Nd"].split == Split.of(china=66.7, lynas=33.3)
    exposure = result.evaluation.base.portfolio.china_exposure
    assert exposure is not None and exposure <= 0.667


def test_kept_elements_stay_and_count_towards_the_target() -> None:
    data = dataset(
        [(e, p, 100.0) for e in ("Nd", "Dy") for p in TWO_QUARTERS],
        [
            (s, e, p, cap, price, share)
            for e in ("Nd", "Dy")
            for p in TWO_QUARTERS
            for s, cap, price, share in (("china", None, 10.0, 1.0), ("lynas", 60.0, 20.0, 0.0))
        ],
    )
    original = plan({"Nd": split(china=100), "Dy": split(china=100)})
    result = run(original, data, Limits(target=0.5, keep=frozenset({"Dy"})))
    assert isinstance(result, NoSuggestion)
    # Dy keeps 200 t from China, Nd can move at most 120 of its 200 t: 280 / 400.
    assert result.explanation.lowest_exposure == pytest.approx(0.7)

    result = solved(run(original, data, Limits(target=0.7, keep=frozenset({"Dy"}))))
    assert result.plan.elements["Dy"] == original.elements["Dy"]
    assert result.plan.elements["Nd"].split == Split.of(china=40, lynas=60)


def test_a_kept_split_that_breaks_the_max_share_is_explained() -> None:
    limits = Limits(keep=frozenset({"Nd"}), max_share=0.65)
    result = run(plan({"Nd": split(china=100)}), nd_market(), limits)
    assert isinstance(result, NoSuggestion)
    assert result.explanation.kept == (
        "Nd keeps china at 100%, above the max share in 2026Q1 and 1 more quarter",
    )


EMBARGO = StressCase("Q1 embargo", "china", "2026Q1", months=3, severity=100)


def test_surviving_an_embargo_uses_the_stock() -> None:
    """A full-quarter cut: China's share of Q1 must come out of 20 t of stock."""
    data = nd_market(recycling=50.0)
    # stock = days × 200 t / (91.25 × 2 quarters) = 20 t
    original = plan(
        {"Nd": ElementPlan(split=Split.of(china=100), stockpile_days=18.25)}, stress=[EMBARGO]
    )
    result = solved(run(original, data, Limits(survive=(EMBARGO,))))
    assert result.plan.elements["Nd"].split == Split.of(china=20, lynas=60, recycling=20)
    assert result.optimum_cost_usd == pytest.approx(200 * (2 + 12 + 6) * 1000)
    assert result.plan.elements["Nd"].stockpile_days == 18.25


def test_an_embargo_that_cannot_be_survived_says_by_how_much() -> None:
    original = plan({"Nd": split(china=100)}, stress=[EMBARGO])
    result = run(original, nd_market(), Limits(survive=(EMBARGO,)))
    assert isinstance(result, NoSuggestion)
    (short,) = result.explanation.survive
    # Lynas takes at most 60%; China's 40 t of Q1 are lost, with no stock.
    assert short.case == "Q1 embargo"
    assert short.short_t == pytest.approx(40.0)
    assert short.elements == (("Nd", pytest.approx(40.0)),)
    assert 'cannot survive "Q1 embargo": at least 40.0 t short (Nd 40.0 t)' in (
        "\n".join(result.explanation.lines())
    )


def test_a_source_without_supply_rows_cannot_take_a_share() -> None:
    data = dataset(
        [("Nd", p, 100.0) for p in TWO_QUARTERS],
        [("china", "Nd", p, None, 10.0, 1.0) for p in TWO_QUARTERS]
        + [("lynas", "Nd", "2026Q2", None, 1.0, 0.0)],
        elements=("Nd",),
    )
    result = run(plan({"Nd": split(china=100)}), data, Limits(target=0.5))
    assert isinstance(result, NoSuggestion)
    assert result.explanation.lowest_exposure == pytest.approx(1.0)
    assert result.explanation.binding == ("Nd: lynas 0% (no supply in 2026Q1)",)


def test_a_stop_of_days_is_survived_in_tenths_on_the_safe_side() -> None:
    """A 30-day stop: China's Q1 share loses 30/91.25 of itself; 20 t of stock cover
    at most 20 / (100 × 30/91.25) = 60.83% China, written as 60.8%."""
    stop = StressCase("30-day stop", "china", "2026Q1", months=None, days=30)
    original = plan(
        {"Nd": ElementPlan(split=Split.of(china=100), stockpile_days=18.25)}, stress=[stop]
    )
    result = solved(run(original, nd_market(), Limits(survive=(stop,))))
    assert result.plan.elements["Nd"].split == Split.of(china=60.8, lynas=39.2)
    assert result.optimum_cost_usd == pytest.approx(200 * (10 * 0.608333 + 20 * 0.391667) * 1000)
    assert result.evaluation.base.portfolio.cost_usd == pytest.approx(200 * (6.08 + 7.84) * 1000)


def test_a_kept_element_without_a_split_is_uncovered() -> None:
    original = plan({}, horizon=TWO_QUARTERS)
    result = run(original, nd_market(), Limits(keep=frozenset({"Nd"})))
    assert isinstance(result, NoSuggestion)
    assert result.explanation.kept == (
        "Nd has no split: its demand is uncovered in 2026Q1 and 1 more quarter",
    )


def test_sources_that_cannot_take_the_whole_demand_are_named() -> None:
    result = run(plan({"Nd": split(china=100)}), nd_market(), Limits(max_share=0.45))
    assert isinstance(result, NoSuggestion)
    assert result.explanation.capacity == (
        "Nd: the sources can take at most 90% of demand: china ≤ 45% (max share), "
        "lynas ≤ 45% (max share)",
    )
    assert result.explanation.lowest_exposure is None


TWO_MONTHS = StressCase("2-month embargo", "china", "2026Q1", months=2)


def spot_market(china_spot: float | None, recycling: float | None = None, lynas_spot=None):
    """``nd_market`` whose sources sell spot at the given premiums (None: contract only)."""
    data = nd_market(recycling=recycling)
    premiums = {"china": china_spot, "lynas": lynas_spot, "recycling": 0.0}
    sources = tuple(replace(s, spot_premium=premiums[s.id]) for s in data.sources)
    return replace(data, sources=sources)


def test_china_selling_spot_through_the_embargo_lets_it_keep_more_share() -> None:
    """A 2-month cut (f = 2/3) on unlimited China, which still sells (1 − f) of the gap
    spot: what is missing is f·f·D·w, so 20 t of stock allow w ≤ 20 / (4/9 × 100) = 45%."""
    original = plan(
        {"Nd": ElementPlan(split=Split.of(china=100), stockpile_days=18.25)}, stress=[TWO_MONTHS]
    )
    result = solved(run(original, spot_market(china_spot=0.5), Limits(survive=(TWO_MONTHS,))))
    assert result.plan.elements["Nd"].split == Split.of(china=45, lynas=55)
    assert result.optimum_cost_usd == pytest.approx(200 * (0.45 * 10 + 0.55 * 20) * 1000)
    spot = result.evaluation.stress_cases[0].portfolio.spot_t
    assert spot == pytest.approx(45 * 2 / 3 / 3)  # (1 − f) of the 30 t gap

    # Without spot from China, Lynas's 60% leaves 2/3 × 40 t − 20 t of stock short.
    result = run(original, spot_market(china_spot=None), Limits(survive=(TWO_MONTHS,)))
    assert isinstance(result, NoSuggestion)
    (short,) = result.explanation.survive
    assert short.short_t == pytest.approx(2 / 3 * 40 - 20)


def test_spot_room_at_other_sources_covers_a_full_cut() -> None:
    """A full-quarter cut with Lynas (60 t) and recycling (50 t) selling spot what their
    contracts leave: 110 t of room for 100 t of demand, so all-China survives."""
    original = plan({"Nd": split(china=50, lynas=50)}, stress=[EMBARGO])
    data = spot_market(china_spot=None, recycling=50.0, lynas_spot=0.2)
    result = solved(run(original, data, Limits(survive=(EMBARGO,))))
    assert result.plan.elements["Nd"].split == Split.of(china=100)
    assert result.evaluation.stress_cases[0].portfolio.shortfall_t == pytest.approx(0)


def test_an_uncovered_element_gets_a_split() -> None:
    result = solved(run(plan({}, horizon=TWO_QUARTERS), nd_market(), Limits(target=0.6)))
    assert result.plan.elements["Nd"].split == Split.of(china=60, lynas=40)
    assert result.changed == ("Nd",)
