"""A suggestion for a reader (headline, then the diff against the input) or for a script.

JSON shape (fractions 0–1, USD and tonnes unrounded)::

    {"plan", "file", "dataset", "feasible": true, "out": FILE | null,
     "limits": {"target", "max_share", "survive": [names], "keep": [elements], "yearly"},
     "china_exposure", "total_cost_usd", "cost_usd", "optimum_cost_usd",
     "point_cost_usd",                      # one more point of exposure reduction
     "changed": [elements],
     "elements": {ELEMENT: {"split": {SOURCE: share}, "schedule": [{"from", "split"}]}},
     "diff": {... as replan diff --format json ...}}

and when no split meets the limits::

    {"plan", "file", "dataset", "feasible": false, "limits": {...},
     "lowest_exposure": fraction | null, "capacity": [text], "kept": [text],
     "survive": [{"case", "short_t", "elements": {ELEMENT: tonnes}}],
     "binding": [text], "messages": [text]}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.cli.formats.text import Style
from tui.present import numbers

if TYPE_CHECKING:
    from tui.cli.evaluate import Evaluated
    from tui.domain.plan import Plan, Split
    from tui.engine import Portfolio
    from tui.suggest import Limits, NoSuggestion, Suggestion


def _limits(limits: Limits) -> dict[str, Any]:
    return {
        "target": limits.target,
        "max_share": limits.max_share,
        "survive": [case.name for case in limits.survive],
        "keep": sorted(limits.keep),
        "yearly": limits.yearly,
    }


def _fractions(split: Split) -> dict[str, float]:
    return {source: float(share) / 100 for source, share in split.nonzero().items()}


def _element(plan: Plan, element: str) -> dict[str, Any]:
    entry = plan.elements[element]
    return {
        "split": _fractions(entry.split) if entry.split is not None else None,
        "schedule": [
            {"from": step.start, "split": _fractions(step.split)} for step in entry.schedule
        ],
    }


def _total(portfolio: Portfolio) -> float:
    """What the suggestion minimises: contracts (and spot) plus the cost of holding stock."""
    return portfolio.total_cost_usd


def suggestion_to_dict(
    item: Evaluated, suggested: Evaluated, result: Suggestion, out: str | None
) -> dict[str, Any]:
    from tui.cli.diff import plan_diff
    from tui.cli.formats.diff_output import diff_to_dict

    portfolio = result.evaluation.base.portfolio
    return {
        "plan": item.plan.name,
        "file": item.file,
        "dataset": item.dataset.name,
        "feasible": True,
        "out": out,
        "limits": _limits(result.limits),
        "china_exposure": portfolio.china_exposure,
        "total_cost_usd": _total(portfolio),
        "cost_usd": portfolio.cost_usd,
        "optimum_cost_usd": result.optimum_cost_usd,
        "point_cost_usd": result.point_cost_usd,
        "changed": list(result.changed),
        "elements": {element: _element(result.plan, element) for element in result.changed},
        "diff": diff_to_dict(plan_diff(item, suggested)),
    }


def no_suggestion_to_dict(item: Evaluated, result: NoSuggestion) -> dict[str, Any]:
    explanation = result.explanation
    return {
        "plan": item.plan.name,
        "file": item.file,
        "dataset": item.dataset.name,
        "feasible": False,
        "limits": _limits(result.limits),
        "lowest_exposure": explanation.lowest_exposure,
        "capacity": list(explanation.capacity),
        "kept": list(explanation.kept),
        "survive": [
            {"case": short.case, "short_t": short.short_t, "elements": dict(short.elements)}
            for short in explanation.survive
        ],
        "binding": list(explanation.binding),
        "messages": explanation.lines(),
    }


def render_suggestion(
    item: Evaluated, suggested: Evaluated, result: Suggestion, out: str | None, style: Style
) -> str:
    from tui.cli.diff import plan_diff
    from tui.cli.formats.diff_output import render_diff
    from tui.suggest import percent_text

    before = item.evaluation.base.portfolio
    after = result.evaluation.base.portfolio
    limits = result.limits
    target = "" if limits.target is None else f"  (target {percent_text(limits.target)})"
    optimum = result.optimum_cost_usd
    above = (after.cost_usd - optimum) / optimum * 100 if optimum else 0.0
    lines = [
        style.bold(f"Suggestion: {limits.describe()}"),
        f"  China exposure  {numbers.percent(before.china_exposure)} → "
        f"{numbers.percent(after.china_exposure)}{target}",
        f"  Total cost      {numbers.usd(_total(before))} → {numbers.usd(_total(after))}",
        f"  Solver optimum  {numbers.usd(optimum)} of contracts; the written "
        f"shares (tenths of a percent) cost {above:.3f}% more",
    ]
    if result.point_cost_usd and limits.target is not None:
        lines.append(
            "  One more point of exposure reduction costs about "
            f"{numbers.usd(result.point_cost_usd)} (at the margin)"
        )
    elif limits.target is not None:
        lines.append("  The target does not bind: the least-cost split is already under it")
    if result.changed:
        lines.append(f"  Changed: {', '.join(result.changed)}")
    else:
        lines.append("  The plan already is the least-cost split under these limits")
    if out:
        lines.append(f"  Saved to {out}")
    return "\n".join(lines) + "\n\n" + render_diff(plan_diff(item, suggested), style)
