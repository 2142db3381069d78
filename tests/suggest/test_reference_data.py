"""Suggest on the reference data (surviving the licence lag on the heavies): the written
plan meets the limits and costs within 0.5% of the continuous optimum."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.suggest.helpers import broken_limits, tenths_ok
from tui.session.session import Session
from tui.suggest import Limits, Suggestion, suggest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "limits",
    [
        Limits(target=0.5),
        Limits(target=0.45, yearly=True),
        Limits(target=0.5, keep=frozenset({"La", "Ce"})),
        Limits(target=0.5, yearly=True),
    ],
    ids=["50%", "45% yearly", "50% keep La Ce", "50% yearly"],
)
def test_written_plan_is_within_half_a_percent_of_the_optimum(limits: Limits) -> None:
    workspace = Session.open(REPO / "plans" / "target-2027.toml")
    licence_lag = workspace.plan.stress[1]
    limits = replace(limits, survive=(licence_lag,))
    result = suggest(workspace.plan, workspace.dataset, workspace.engine, limits)
    assert isinstance(result, Suggestion)
    assert broken_limits(result.plan, result.evaluation, limits) == []
    assert tenths_ok(result.plan)
    cost = result.evaluation.base.portfolio.cost_usd
    assert result.optimum_cost_usd <= cost <= result.optimum_cost_usd * 1.005
