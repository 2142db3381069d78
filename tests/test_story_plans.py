"""The example plans in plans/ tell a true story, evaluated through the engine.

baseline is Japan in 2010 (everything from China), japan-2025 its position after fifteen
years of diversifying (under 60% China), target-2027 the aim (under 50% as bought, the
heavy rare earths moved only as far as Lynas and Caremag can deliver them, no shortfall
in the base case). Each plan's description quotes its exposure, so the test checks the
text against the figures too. The plans are kept in the canonical layout, so that the
app saving one without a change leaves its bytes alone.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tui.dataset import load_dataset, reference_dataset_path
from tui.engine import CaseResult, Evaluation
from tui.planfile import load_plan, plan_to_toml
from tui.session.session import Session

PLANS = Path(__file__).resolve().parents[1] / "plans"
STORY = ("baseline", "japan-2025", "target-2027")
HISTORY = (
    "China stops exports for 2 months (as in 2010)",
    "Licence lag on the April-2025 list",
    "12-day magnet stop (May 2025)",
    "Japan-specific ban (January 2026)",
)
LYNAS_OUTAGE = "Lynas outage, 30% of NdPr for a quarter"


@cache
def _evaluated(name: str) -> Evaluation:
    return Session.open(PLANS / f"{name}.toml").evaluation


def _element(evaluation: Evaluation, element: str, column: str, case: int = 0) -> float:
    frame = evaluation.cases[case].elements
    value = frame.filter(frame["element"] == element)[column].item()
    assert isinstance(value, float)
    return value


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def test_the_story_is_all_there() -> None:
    assert set(STORY) <= {p.stem for p in PLANS.glob("*.toml")}


@pytest.mark.parametrize("name", STORY)
def test_plan_is_written_canonically(name: str) -> None:
    path = PLANS / f"{name}.toml"
    dataset = load_dataset(reference_dataset_path())
    text = plan_to_toml(
        load_plan(path).plan, dataset.element_ids, [s.id for s in dataset.sources], file=str(path)
    )
    assert text == path.read_text(encoding="utf-8")


def test_baseline_is_japan_in_2010() -> None:
    base = _evaluated("baseline").base.portfolio
    assert base.china_exposure is not None and base.china_exposure > 0.9
    assert base.china_exposure_bought is not None and base.china_exposure_bought > 0.9


def test_japan_2025_is_under_sixty_percent() -> None:
    evaluation = _evaluated("japan-2025")
    base = evaluation.base.portfolio
    assert base.china_exposure is not None and base.china_exposure_bought is not None
    assert base.china_exposure < 0.6
    assert base.china_exposure_bought < 0.6
    assert evaluation.plan.description is not None
    assert f"China exposure {_percent(base.china_exposure)}" in evaluation.plan.description


def test_target_2027_is_under_half_as_bought_with_no_base_case_shortfall() -> None:
    evaluation = _evaluated("target-2027")
    base = evaluation.base.portfolio
    assert base.china_exposure_bought is not None and base.china_exposure_bought < 0.5
    assert base.china_exposure is not None and base.china_exposure < 0.5
    assert base.shortfall_t <= 1e-6 * base.demand_t
    assert evaluation.plan.description is not None
    assert f"about {_percent(base.china_exposure_bought)}" in evaluation.plan.description


def test_target_2027_moves_the_heavies_only_where_they_can_be_delivered() -> None:
    """Dy and Tb leave China for the most part, and what is planned is what is bought."""
    evaluation = _evaluated("target-2027")
    before = _evaluated("japan-2025")
    for element in ("Dy", "Tb"):
        planned = _element(evaluation, element, "china_exposure")
        bought = _element(evaluation, element, "china_exposure_bought")
        assert bought == pytest.approx(planned, abs=0.005)
        assert bought < _element(before, element, "china_exposure_bought") - 0.3
        assert _element(evaluation, element, "spot_t") == pytest.approx(0, abs=1e-6)


@pytest.mark.parametrize("name", STORY)
def test_stress_cases_replay_history(name: str) -> None:
    plan = _evaluated(name).plan
    cases = {case.name: case for case in plan.stress}
    assert set(HISTORY) <= set(cases)
    assert cases[HISTORY[0]].price_factor >= 10  # Dy: ~US$150 → over US$1,400/kg by 2011
    assert cases[HISTORY[2]].days == 12
    assert all(case.price_factor > 1 for n, case in cases.items() if n in HISTORY)
    if name != "baseline":  # the baseline buys nothing from Lynas
        outage = cases[LYNAS_OUTAGE]
        assert (outage.source, outage.elements, outage.severity) == ("lynas", ("Nd", "Pr"), 30)


@pytest.mark.parametrize("name", STORY)
def test_a_stop_in_china_makes_the_year_dearer_not_cheaper(name: str) -> None:
    evaluation = _evaluated(name)
    stop = next(c for c in evaluation.cases if c.case == HISTORY[0])
    assert stop.portfolio.total_cost_usd > evaluation.base.portfolio.total_cost_usd


def test_diversifying_shortens_the_2010_stop() -> None:
    shortfall = {
        name: next(c for c in _evaluated(name).cases if c.case == HISTORY[0]).portfolio.shortfall_t
        for name in STORY
    }
    assert shortfall["baseline"] > shortfall["japan-2025"] > shortfall["target-2027"]


def _case(evaluation: Evaluation, name: str) -> CaseResult:
    return next(c for c in evaluation.cases if c.case == name)


def _musd(value: float | None) -> str:
    assert value is not None
    return f"US${value / 1e6:,.0f}M"


def _quoted(name: str) -> list[str]:
    """The figures a plan's description quotes, as computed now."""
    evaluation = _evaluated(name)
    base = evaluation.base.portfolio
    stop = _case(evaluation, HISTORY[0])
    if name == "baseline":
        days = stop.elements["days_short"]
        assert days.max() - days.min() < 0.5  # "every element runs about … days short"
        return [
            f"China exposure {_percent(base.china_exposure_bought or 0)}",
            f"about {days.mean():.0f} days short, {stop.portfolio.shortfall_t:,.0f} t in all",
            f"products worth about {_musd(stop.portfolio.value_short_usd)} cannot be built",
            f"the year costs {_musd(stop.portfolio.total_cost_usd - base.total_cost_usd)} more",
        ]
    outage = _case(evaluation, LYNAS_OUTAGE).portfolio
    if name == "japan-2025":
        assert outage.total_cost_usd - base.total_cost_usd < 1e5  # "costs almost nothing"
        return [
            f"premium of about {_musd(evaluation.premium_usd)}",
            f"leaves {stop.portfolio.shortfall_t:,.0f} t short",
            f"products worth about {_musd(stop.portfolio.value_short_usd)} unbuilt",
        ]
    short = stop.elements.filter(stop.elements["shortfall_t"] > 0)["element"].to_list()
    assert short == ["Eu", "Ho", "Er"] and stop.portfolio.value_short_usd == 0
    return [
        f"premium of about {_musd(evaluation.premium_usd)}",
        f"only {stop.portfolio.shortfall_t:.1f} t of the China-only Eu, Ho and Er runs short",
        f"covered by {outage.spot_t:,.0f} t bought spot from China",
    ]


@pytest.mark.parametrize("name", STORY)
def test_descriptions_quote_the_figures(name: str) -> None:
    description = _evaluated(name).plan.description
    assert description is not None
    for phrase in _quoted(name):
        assert phrase in description
