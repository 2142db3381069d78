"""Why no split meets the limits: what binds, said in the planner's terms.

Three questions, in the order a planner would ask them: can the sources cover the
demand at all (capacities, max share, kept splits)? Can the stress cases to survive
be come through, and if not, by how many tonnes do they fall short? And how low can
China exposure go under all the other limits — with the sources whose non-China
capacity runs out, element by element and quarter by quarter?
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.suggest.limits import exposure_text, percent_text
from tui.suggest.model import UNITS, Bound, Model
from tui.suggest.solver import Solution, solve

_SHORT_T = 1e-6


@dataclass(frozen=True)
class SurviveShort:
    case: str
    short_t: float
    elements: tuple[tuple[str, float], ...]  # (element, tonnes short), worst first


@dataclass(frozen=True)
class Explanation:
    """What stops every split; ``lowest_exposure`` is None when no split covers demand."""

    target: float | None
    lowest_exposure: float | None = None
    capacity: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    survive: tuple[SurviveShort, ...] = ()
    binding: tuple[str, ...] = field(default_factory=tuple)
    tenths: bool = False

    def lines(self) -> list[str]:
        lines = ["no split meets the limits"]
        if self.tenths:
            lines.append("  they can be met only with shares finer than a tenth of a percent")
        lines += [f"  kept: {line}" for line in self.kept]
        lines += [f"  capacity: {line}" for line in self.capacity]
        for short in self.survive:
            worst = ", ".join(f"{e} {t:,.1f} t" for e, t in short.elements[:5])
            lines.append(
                f'  cannot survive "{short.case}": at least {short.short_t:,.1f} t short'
                + (f" ({worst})" if worst else "")
            )
        if self.lowest_exposure is not None and self.target is not None:
            lines.append(
                f"  lowest China exposure reachable under the other limits: "
                f"{exposure_text(self.lowest_exposure)} (target {percent_text(self.target)})"
            )
            if self.binding:
                lines.append("  non-China capacity runs out:")
                lines += [f"    {line}" for line in self.binding]
        return lines


def explain(model: Model, tenths: bool = False) -> Explanation:
    """Why ``model`` has no solution with its target; assumes that was checked.

    ``tenths``: the continuous model has a solution, but not with whole tenths.
    """
    target = model.limits.target
    if tenths:
        return Explanation(target, tenths=True)
    kept = tuple(kept_problems(model))
    capacity = tuple(capacity_problems(model))
    if kept or capacity:
        return Explanation(target, kept=kept, capacity=capacity)
    base = solve(model.build("cost").programme)
    if not base.optimal:
        return Explanation(target, survive=tuple(survive_shortfalls(model)))
    lowest = solve(model.build("exposure").programme)
    exposure = lowest.objective + model.kept_exposure() if lowest.optimal else None
    return Explanation(target, lowest_exposure=exposure, binding=tuple(_binding(model, lowest)))


def lowest_exposure(model: Model) -> float | None:
    solution = solve(model.build("exposure").programme)
    return solution.objective + model.kept_exposure() if solution.optimal else None


def _where(model: Model, bound: Bound) -> str:
    if bound.period is None:
        return bound.reason
    return f"{bound.reason} in {model.market.periods[bound.period]}"


def _segment_name(model: Model, k: int) -> str:
    segment = model.segments[k]
    element = model.market.elements[segment.e]
    return element if segment.year is None else f"{element} {segment.year}"


def capacity_problems(model: Model) -> list[str]:
    """Segments whose sources together cannot take the whole demand."""
    problems = []
    market = model.market
    for k, _segment in enumerate(model.segments):
        bounds = [model.bounds[(k, s)] for s in range(len(market.sources))]
        reachable = sum(bound.units for bound in bounds)
        if reachable >= UNITS:
            continue
        parts = [
            f"{source} ≤ {bound.units / 10:g}% ({_where(model, bound)})"
            for source, bound in zip(market.sources, bounds, strict=True)
        ]
        problems.append(
            f"{_segment_name(model, k)}: the sources can take at most {reachable / 10:g}% "
            f"of demand: {', '.join(parts)}"
        )
    return problems


def kept_problems(model: Model) -> list[str]:
    """Kept splits that their sources cannot deliver, or that break the max share.

    One line per element and source, naming the first quarter and how many more.
    """
    market, limits = model.market, model.limits
    found: dict[tuple[str, str], list[str]] = {}  # (element, source) → [first text, periods…]
    for e, element in enumerate(market.elements):
        if element not in limits.keep:
            continue
        for p, period in enumerate(market.periods):
            for source, text in _kept_quarter(model, e, p, model.fixed[(e, p)]):
                found.setdefault((element, source), [text]).append(period)
    problems = []
    for (_element, _source), (text, first, *more) in found.items():
        later = f" and {len(more)} more quarter{'s' if len(more) > 1 else ''}" if more else ""
        problems.append(f"{text} in {first}{later}")
    return problems


def _kept_quarter(model: Model, e: int, p: int, weights: list[float]) -> list[tuple[str, str]]:
    """(source, what is wrong) for each share the kept split cannot have in quarter p."""
    market, element = model.market, model.market.elements[e]
    demand = market.demand[e][p]
    if demand <= 0:
        return []
    if not any(weights):
        return [("", f"{element} has no split: its demand is uncovered")]
    problems = []
    cap = model.limits.max_share
    for s, w in enumerate(weights):
        source = market.sources[s]
        if w <= 0:
            continue
        if cap is not None and w > cap + 1e-12:
            problems.append(
                (source, f"{element} keeps {source} at {w * 100:g}%, above the max share")
            )
            continue
        row = market.row(e, s, p)
        if row is None:
            problems.append(
                (source, f"{element} keeps {source} at {w * 100:g}%, which has no supply")
            )
        elif row.capacity is not None and demand * w > row.capacity * (1 + 1e-12):
            problems.append(
                (
                    source,
                    f"{element} keeps {source} at {w * 100:g}%, more than it can deliver "
                    f"({row.capacity:,.1f} t of {demand * w:,.1f} t)",
                )
            )
    return problems


def survive_shortfalls(model: Model) -> list[SurviveShort]:
    """The fewest tonnes each survive case must still miss, with the other limits held."""
    built = model.build("shortfall", target=model.limits.target, survive_slack=True)
    solution = solve(built.programme)
    if not solution.optimal:  # the target itself cannot be met; try without it
        built = model.build("shortfall", survive_slack=True)
        solution = solve(built.programme)
    if not solution.optimal:
        return []
    result = []
    for c, case in enumerate(model.limits.survive):
        short = [
            (model.market.elements[e], solution.values[column])
            for (case_index, e), column in built.slack_columns.items()
            if case_index == c and solution.values[column] > _SHORT_T
        ]
        if short:
            short.sort(key=lambda item: -item[1])
            result.append(SurviveShort(case.name, sum(t for _, t in short), tuple(short)))
    return result


def _binding(model: Model, solution: Solution) -> list[str]:
    """Per element (and year), the low-exposure sources that are full at lowest exposure."""
    if not solution.optimal:
        return []
    built = model.build("exposure")
    market = model.market
    lines = []
    for k in range(len(model.segments)):
        full = []
        for s, source in enumerate(market.sources):
            if _mean_share(model, k, s) >= 1.0:
                continue
            bound = model.bounds[(k, s)]
            value = solution.values[built.share_columns[(k, s)]]
            if not _supplies(model, k, s):
                continue  # never a source of this element: nothing runs out
            if bound.units < UNITS and value >= bound.units - 0.5:
                full.append(f"{source} {bound.units / 10:g}% ({_where(model, bound)})")
        used = any(
            solution.values[built.share_columns[(k, s)]] > 0.5 and _mean_share(model, k, s) > 0
            for s in range(len(market.sources))
        )
        if full and used:
            lines.append(f"{_segment_name(model, k)}: {', '.join(full)}")
    return lines


def _supplies(model: Model, k: int, s: int) -> bool:
    segment = model.segments[k]
    return any(model.market.row(segment.e, s, p) is not None for p in segment.periods)


def _mean_share(model: Model, k: int, s: int) -> float:
    segment = model.segments[k]
    shares = [
        row.china_share
        for p in segment.periods
        if (row := model.market.row(segment.e, s, p)) is not None
    ]
    return sum(shares) / len(shares) if shares else 0.0
