"""The linear programme: the planner's limits as rows and bounds over split shares.

Unknowns are the shares ``n[e,k,s]`` of element e's demand bought from source s in
segment k (the whole horizon, or one calendar year with ``yearly``), counted in
tenths of a percent (1000 units make a whole split), so that the same model solved
with integer unknowns gives a plan that can be written with one decimal.

- Capacity and ``max_share`` are upper bounds on each share: the smallest of
  ``C/D`` over the segment's quarters with demand (0 where the source has no supply
  row in such a quarter) and the cap, floored to a whole tenth.
- Each segment's shares sum to 1000.
- Planned China exposure of the portfolio ``Σ D·w·china_share / Σ D ≤ target``.
- Surviving a stress case: per cut quarter, the tonnes neither the contracts nor the
  spot market can bring (``r``) cover at most the element's stock over the horizon.

Kept elements are not unknowns: their shares enter as constants.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tui.domain.plan import Plan, StressCase
from tui.suggest.limits import Limits, cut_fractions
from tui.suggest.market import Market

UNITS = 1000
"""A whole split in the model's unit, a tenth of a percent."""
_FLOOR_SLACK = 1e-10
"""Lets ``C/D`` that is a whole tenth up to float noise count as that tenth."""


@dataclass(frozen=True)
class Bound:
    """The largest share a source can take in a segment, and what sets it."""

    units: int
    reason: str  # "capacity", "no supply", "max share" or "" (nothing but the whole)
    period: int | None = None  # the quarter (position) that sets it


@dataclass(frozen=True)
class Segment:
    """Quarters of element e that follow one split (``year`` None: the whole horizon)."""

    e: int
    year: int | None
    periods: tuple[int, ...]


@dataclass(frozen=True)
class Deficit:
    """One survive row: in quarter p of case c, element e may miss tonnes the stock covers.

    ``excess = constant + Σ coefficient·w`` (w as fractions) is what the contracts and
    spot purchases leave uncovered; the stock covers the positive part.
    """

    case: int
    e: int
    p: int
    constant: float
    terms: tuple[tuple[int, float], ...]  # (source, coefficient on w)


@dataclass
class Programme:
    """A linear programme in the form HiGHS takes: min cost·x, bounds, ranged rows."""

    cost: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    rows: list[list[tuple[int, float]]] = field(default_factory=list)
    offset: float = 0.0

    def column(self, cost: float, lower: float, upper: float, integer: bool = False) -> int:
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(integer)
        return len(self.cost) - 1

    def row(self, entries: list[tuple[int, float]], lower: float, upper: float) -> int:
        self.rows.append(entries)
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        return len(self.rows) - 1


@dataclass(frozen=True)
class Built:
    """A programme and where its parts are: share columns, the target row, survive rows."""

    programme: Programme
    share_columns: dict[tuple[int, int], int]  # (segment, source) → column
    target_row: int | None
    stock_rows: dict[tuple[int, int], int]  # (case, element) → row
    slack_columns: dict[tuple[int, int], int]  # (case, element) → column (tonnes short)


INF = math.inf


class Model:
    """The planner's problem on one market and plan, ready to be built in several forms."""

    def __init__(self, market: Market, plan: Plan, limits: Limits) -> None:
        self.market = market
        self.plan = plan
        self.limits = limits
        n_s = len(market.sources)
        self.kept = [element in limits.keep for element in market.elements]
        self.fixed = {
            (e, p): self._fixed_weights(e, p)
            for e, kept in enumerate(self.kept)
            if kept
            for p in range(len(market.periods))
        }
        self.segments = [
            segment
            for e, kept in enumerate(self.kept)
            if not kept
            for segment in self._segments(e)
            if any(market.demand[e][p] > 0 for p in segment.periods)
        ]
        self.bounds = {
            (k, s): self._bound(segment, s)
            for k, segment in enumerate(self.segments)
            for s in range(n_s)
        }
        self.segment_of = {
            (seg.e, p): k for k, seg in enumerate(self.segments) for p in seg.periods
        }
        self.total_demand = market.total_demand
        self.stock = [
            market.stock(e, float(plan.stockpile_days(element)))
            for e, element in enumerate(market.elements)
        ]
        self.deficits = [
            deficit for c, case in enumerate(limits.survive) for deficit in self._deficits(c, case)
        ]

    # --- the pieces -----------------------------------------------------------------

    def _segments(self, e: int) -> list[Segment]:
        if not self.limits.yearly:
            return [Segment(e, None, tuple(range(len(self.market.periods))))]
        return [Segment(e, year, tuple(ps)) for year, ps in self.market.years()]

    def _fixed_weights(self, e: int, p: int) -> list[float]:
        split = self.plan.split_at(self.market.elements[e], self.market.periods[p])
        if split is None:
            return [0.0] * len(self.market.sources)
        return [split.fraction(source) for source in self.market.sources]

    def _bound(self, segment: Segment, s: int) -> Bound:
        cap = self.limits.max_share
        best = Bound(_units(cap), "max share") if cap is not None else Bound(UNITS, "")
        ratio_best = cap if cap is not None else 1.0
        for p in segment.periods:
            demand = self.market.demand[segment.e][p]
            if demand <= 0:
                continue
            row = self.market.row(segment.e, s, p)
            if row is None:
                return Bound(0, "no supply", p)
            if row.capacity is not None and row.capacity / demand < ratio_best:
                ratio_best = row.capacity / demand
                best = Bound(_units(ratio_best), "capacity", p)
        return best

    def weight(self, e: int, s: int, p: int) -> tuple[int | None, float]:
        """(share column key's segment, constant): a free share or a kept constant."""
        k = self.segment_of.get((e, p))
        if k is not None:
            return k, 0.0
        fixed = self.fixed.get((e, p))
        return None, fixed[s] if fixed is not None else 0.0

    def _deficits(self, c: int, case: StressCase) -> list[Deficit]:
        market = self.market
        if case.source not in market.sources:
            return []
        cut = market.sources.index(case.source)
        result = []
        for p, f in cut_fractions(case, market.periods).items():
            for e, element in enumerate(market.elements):
                demand = market.demand[e][p]
                cut_row = market.row(e, cut, p)
                if demand <= 0 or not case.applies_to(element) or cut_row is None or f <= 0:
                    continue
                others = [
                    (s, row)
                    for s in range(len(market.sources))
                    if s != cut and market.spot[s] and (row := market.row(e, s, p)) is not None
                ]
                if any(row.capacity is None for _, row in others):
                    continue  # an uncut source sells the whole gap spot
                terms = []
                constant = 0.0
                if cut_row.capacity is None:
                    # Delivers (1 − f)·A; sells (1 − f) of the gap spot when it sells spot.
                    terms.append((cut, f * (f if market.spot[cut] else 1.0) * demand))
                else:
                    # Contract and spot together bring at most C·(1 − f).
                    terms.append((cut, demand))
                    constant -= cut_row.capacity * (1 - f)
                for s, row in others:
                    # What is left of a limited spot source after its contract.
                    constant -= row.capacity or 0.0
                    terms.append((s, demand))
                result.append(Deficit(c, e, p, constant, tuple(terms)))
        return result

    # --- the programme --------------------------------------------------------------

    def build(
        self,
        objective: str = "cost",
        target: float | None = None,
        survive_slack: bool = False,
        integer: bool = False,
    ) -> Built:
        """The programme minimising ``cost``, ``exposure`` or survive ``shortfall``.

        ``target`` adds the exposure row; ``survive_slack`` lets each survive row be
        missed by tonnes that the objective ``shortfall`` minimises.
        """
        market, lp = self.market, Programme()
        n_s = len(market.sources)
        exposure = self._exposure_coefficients()
        columns: dict[tuple[int, int], int] = {}
        for k, segment in enumerate(self.segments):
            for s in range(n_s):
                cost = sum(
                    market.demand[segment.e][p] * (self._price(segment.e, s, p))
                    for p in segment.periods
                )
                weight = {"cost": cost, "exposure": exposure[(k, s)]}.get(objective, 0.0)
                columns[(k, s)] = lp.column(weight, 0.0, self.bounds[(k, s)].units, integer)
            lp.row([(columns[(k, s)], 1.0) for s in range(n_s)], UNITS, UNITS)

        target_row = None
        if target is not None:
            kept = self.kept_exposure()
            entries = [(columns[key], value) for key, value in exposure.items() if value]
            target_row = lp.row(entries, -INF, target - kept)

        stock_rows, slack_columns = self._survive(lp, columns, survive_slack, objective)
        if objective == "cost":
            lp.offset = self.kept_cost()
        return Built(lp, columns, target_row, stock_rows, slack_columns)

    def _survive(
        self,
        lp: Programme,
        columns: dict[tuple[int, int], int],
        slack: bool,
        objective: str,
    ) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]]:
        """``r ≥ excess`` per cut quarter (in units of its demand), ``Σ r ≤ stock``."""
        by_stock: dict[tuple[int, int], list[tuple[int, float]]] = {}
        for deficit in self.deficits:
            demand = self.market.demand[deficit.e][deficit.p]
            r = lp.column(0.0, 0.0, INF)
            entries = [(r, 1.0)]
            constant = deficit.constant
            for s, coefficient in deficit.terms:
                k, fixed = self.weight(deficit.e, s, deficit.p)
                if k is None:
                    constant += coefficient * fixed
                else:
                    entries.append((columns[(k, s)], -coefficient / (UNITS * demand)))
            lp.row(entries, constant / demand, INF)
            by_stock.setdefault((deficit.case, deficit.e), []).append((r, demand))
        stock_rows, slack_columns = {}, {}
        for (c, e), parts in by_stock.items():
            scale = max(demand for _, demand in parts)
            entries = [(r, demand / scale) for r, demand in parts]
            if slack:
                cost = 1.0 if objective == "shortfall" else 0.0
                column = lp.column(cost, 0.0, INF)
                slack_columns[(c, e)] = column
                entries.append((column, -1.0 / scale))
            stock_rows[(c, e)] = lp.row(entries, -INF, self.stock[e] / scale)
        return stock_rows, slack_columns

    def _price(self, e: int, s: int, p: int) -> float:
        row = self.market.row(e, s, p)
        return row.price if row is not None else 0.0

    def _share(self, e: int, s: int, p: int) -> float:
        row = self.market.row(e, s, p)
        return row.china_share if row is not None else 0.0

    def _exposure_coefficients(self) -> dict[tuple[int, int], float]:
        """Per share unit, its part of the portfolio's planned exposure (a fraction)."""
        total = self.total_demand or 1.0
        return {
            (k, s): sum(
                self.market.demand[segment.e][p] * self._share(segment.e, s, p)
                for p in segment.periods
            )
            / (UNITS * total)
            for k, segment in enumerate(self.segments)
            for s in range(len(self.market.sources))
        }

    def _kept_sum(self, value: str) -> float:
        total = 0.0
        read = self._price if value == "price" else self._share
        for (e, p), weights in self.fixed.items():
            demand = self.market.demand[e][p]
            total += sum(demand * w * read(e, s, p) for s, w in enumerate(weights) if w)
        return total

    def kept_exposure(self) -> float:
        return self._kept_sum("share") / (self.total_demand or 1.0)

    def kept_cost(self) -> float:
        return self._kept_sum("price") * 1000


def _units(fraction: float) -> int:
    return max(0, min(UNITS, math.floor(fraction * UNITS + _FLOOR_SLACK)))
