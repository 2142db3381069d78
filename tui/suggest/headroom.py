"""Headroom: what each source can deliver of one element, quarter by quarter.

For the element a planner is editing: each source's capacity, price and China share
per quarter of the horizon, and the largest share of demand it can deliver in every
quarter (``min over quarters with demand of C/D``, capped at 100%; 0 when it has no
supply row in such a quarter). ``undeliverable`` tells which shares of a split ask
more than that, so a table can mark them. No solver and no Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.dataset import Dataset
from tui.domain.plan import Split
from tui.suggest.market import Market, build_market

_SLACK = 1e-9


@dataclass(frozen=True)
class QuarterSupply:
    period: str
    demand_t: float
    capacity_t: float | None  # None: unlimited, or no supply row (see ``available``)
    price_usd_kg: float | None
    china_share: float | None
    available: bool  # the source has a supply row in this quarter

    @property
    def deliverable_share(self) -> float | None:
        """The largest share of this quarter's demand it can deliver; None without demand."""
        if self.demand_t <= 0:
            return None
        if not self.available:
            return 0.0
        if self.capacity_t is None:
            return 1.0
        return min(1.0, self.capacity_t / self.demand_t)


@dataclass(frozen=True)
class SourceHeadroom:
    source: str
    quarters: tuple[QuarterSupply, ...]

    @property
    def max_share(self) -> float:
        """The largest share (0–1) it can deliver in every quarter with demand."""
        shares = [q.deliverable_share for q in self.quarters]
        known = [share for share in shares if share is not None]
        return min(known, default=1.0)

    @property
    def limiting_period(self) -> str | None:
        """The first quarter that sets ``max_share`` (None when nothing limits it)."""
        lowest = self.max_share
        if lowest >= 1.0:
            return None
        for quarter in self.quarters:
            share = quarter.deliverable_share
            if share is not None and share <= lowest + _SLACK:
                return quarter.period
        return None

    def short_quarters(self, share_percent: float) -> tuple[str, ...]:
        """The quarters in which ``share_percent`` of demand is more than it can deliver."""
        fraction = share_percent / 100
        return tuple(
            q.period
            for q in self.quarters
            if (deliverable := q.deliverable_share) is not None and fraction > deliverable + _SLACK
        )


def headroom(market: Market, element: str) -> tuple[SourceHeadroom, ...]:
    """Every source's headroom for ``element``, in dataset order."""
    e = market.elements.index(element)
    result = []
    for s, source in enumerate(market.sources):
        quarters = []
        for p, period in enumerate(market.periods):
            row = market.row(e, s, p)
            quarters.append(
                QuarterSupply(
                    period=period,
                    demand_t=market.demand[e][p],
                    capacity_t=None if row is None else row.capacity,
                    price_usd_kg=None if row is None else row.price,
                    china_share=None if row is None else row.china_share,
                    available=row is not None,
                )
            )
        result.append(SourceHeadroom(source, tuple(quarters)))
    return tuple(result)


def element_headroom(
    dataset: Dataset, start: str, end: str, element: str
) -> tuple[SourceHeadroom, ...]:
    """``headroom`` straight from a dataset and a horizon."""
    return headroom(build_market(dataset, start, end), element)


def undeliverable(sources: tuple[SourceHeadroom, ...], split: Split) -> dict[str, float]:
    """Sources whose share in ``split`` exceeds what they can deliver in every quarter.

    Maps each such source to the largest share (percent) it can deliver throughout.
    """
    result = {}
    for item in sources:
        share = float(split.share(item.source))
        if share > 0 and share / 100 > item.max_share + _SLACK:
            result[item.source] = item.max_share * 100
    return result


def max_shares(market: Market) -> dict[tuple[str, str], float]:
    """The largest share (0–1) each source can deliver of each element in every quarter
    of the horizon, by (element, source): what the app's table checks a split against.
    It depends on the dataset and the horizon only, so a caller computes it once."""
    return {
        (element, item.source): item.max_share
        for element in market.elements
        for item in headroom(market, element)
    }
