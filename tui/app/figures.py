"""What the main screen shows, taken out of an Evaluation as plain values.

The widgets only turn these into coloured text; choosing the figures (the worst stress
case per element, the premium over all-China, the quarters to mark) happens here where
it can be tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tui.domain.dataset import Dataset
from tui.domain.figures import supplied_column
from tui.domain.plan import Number, Plan, StressCase
from tui.engine import Evaluation
from tui.present.numbers import NOISE_T, tidy
from tui.present.reason import exposure_reason
from tui.present.target import above_target, target_fraction


@dataclass(frozen=True)
class ElementRow:
    element: str
    demand_t: float
    shares: tuple[Number | None, ...]
    """Per source, in dataset order; None for every source when the element is uncovered."""
    scheduled: bool
    china_exposure: float | None
    coverage: float
    gap_t: float
    stress_shortfall_t: float | None
    """The worst shortfall over the stress cases; None when the plan has none."""
    shortfall_t: float = 0.0
    """What the gap leaves short after the stockpile is drawn (base case)."""
    spot_t: float = 0.0
    """The part of the gap bought spot (base case)."""
    undeliverable: tuple[bool, ...] = ()
    """Per source: the share asks more than the source delivers in some quarter."""
    max_shares: tuple[float | None, ...] = ()
    """Per source: the largest share (0–1) it delivers in every quarter; None unknown."""
    china_shares: tuple[tuple[float, float] | None, ...] = ()
    """Per source: the China share of what it delivers, (lowest, highest) over the
    horizon; None where it has no supply line for the element."""


SHOWN_PRODUCTS = 4
"""Products short the headline names, the worst first; it counts the others."""


@dataclass(frozen=True)
class StressLine:
    name: str
    shortfall_t: float
    worst_days_short: float
    worst_element: str | None
    products_short: tuple[str, ...]
    """The worst few (SHOWN_PRODUCTS); ``products_short_count`` says how many in all."""
    products_short_count: int


@dataclass(frozen=True)
class Headline:
    china_exposure: float | None
    target: float | None
    """The plan's target as a fraction (0–1), or None when the plan sets none."""
    demand_t: float
    gap_t: float
    coverage: float
    cost_usd: float
    premium_usd: float
    all_china_cost_usd: float
    shortfall_t: float
    products_short: tuple[str, ...]
    """The worst few (SHOWN_PRODUCTS); ``products_short_count`` says how many in all."""
    products_short_count: int
    stress: tuple[StressLine, ...]
    horizon: str = ""
    """``2026Q1–2028Q4``: the figures are totals over it."""
    china_exposure_bought: float | None = None
    """What the contracts deliver plus what is bought spot, weighted by China share."""
    exposure_reason: str | None = None
    """Why as bought differs from planned by more than a point (None when it does not)."""
    spot_t: float = 0.0
    stock_drawn_t: float = 0.0
    total_cost_usd: float = 0.0
    """Contracts, spot and the cost of holding stock: what the premium compares."""
    stock_cost_usd: float = 0.0

    @property
    def above_target(self) -> bool:
        return above_target(self.china_exposure, self.target)


@dataclass(frozen=True)
class Quarters:
    """One element's quarters in one case: the stacked bars of the chart."""

    element: str
    case: str
    periods: tuple[str, ...]
    demand_t: tuple[float, ...]
    supplied_by: dict[str, tuple[float, ...]]
    drawn_t: tuple[float, ...]
    shortfall_t: tuple[float, ...]
    gap_t: tuple[float, ...]


def element_rows(
    evaluation: Evaluation,
    plan: Plan,
    sources: Sequence[str],
    max_shares: Mapping[tuple[str, str], float] | None = None,
    china_shares: Mapping[str, Mapping[str, tuple[float, float]]] | None = None,
) -> list[ElementRow]:
    """One row per dataset element, in the order of the evaluation's element frame.

    ``max_shares`` (element, source) → the largest share (0–1) the source delivers in
    every quarter; a split's share above it is flagged ``undeliverable``.
    ``china_shares`` element → source → (lowest, highest) China share, as
    ``all_china_shares`` gives them (the wide table shows both)."""
    base = evaluation.base.elements.to_dict(as_series=False)
    worst: list[float] | None = None
    for case in evaluation.stress_cases:
        shortfall = case.elements.get_column("shortfall_t").to_list()
        worst = (
            shortfall
            if worst is None
            else [max(a, b) for a, b in zip(worst, shortfall, strict=True)]
        )
    rows = []
    for i, element in enumerate(base["element"]):
        split = plan.base_split(element)
        schedule = plan.schedule(element)
        if split is None and not schedule:
            shares: tuple[Number | None, ...] = tuple(None for _ in sources)
        else:
            shares = tuple(split.share(s) if split is not None else 0 for s in sources)
        limits = max_shares or {}
        by_source = (china_shares or {}).get(element, {})
        undeliverable = tuple(
            share is not None and float(share) / 100 > limits.get((element, s), 1.0) + 1e-9
            for s, share in zip(sources, shares, strict=True)
        )
        rows.append(
            ElementRow(
                element=element,
                demand_t=base["demand_t"][i],
                shares=shares,
                scheduled=bool(schedule),
                undeliverable=undeliverable,
                spot_t=tidy(base["spot_t"][i]) or 0.0,
                china_exposure=base["china_exposure"][i],
                coverage=base["coverage"][i],
                gap_t=tidy(base["gap_t"][i]) or 0.0,
                stress_shortfall_t=None if worst is None else tidy(worst[i]),
                shortfall_t=tidy(base["shortfall_t"][i]) or 0.0,
                max_shares=tuple(limits.get((element, s)) for s in sources),
                china_shares=tuple(by_source.get(s) for s in sources),
            )
        )
    return rows


def headline(evaluation: Evaluation, plan: Plan) -> Headline:
    portfolio = evaluation.base.portfolio
    base_products, base_count = evaluation.base.worst_products(SHOWN_PRODUCTS)
    lines = []
    for case in evaluation.stress_cases:
        shown_products, count = case.worst_products(SHOWN_PRODUCTS)
        lines.append(
            StressLine(
                name=case.case,
                shortfall_t=tidy(case.portfolio.shortfall_t) or 0.0,
                worst_days_short=case.worst_days_short,
                worst_element=case.worst_element,
                products_short=tuple(shown_products),
                products_short_count=count,
            )
        )
    return Headline(
        china_exposure=portfolio.china_exposure,
        target=target_fraction(plan.target_china_exposure),
        demand_t=portfolio.demand_t,
        gap_t=tidy(portfolio.gap_t) or 0.0,
        coverage=portfolio.coverage,
        cost_usd=portfolio.cost_usd,
        premium_usd=evaluation.premium_usd,
        all_china_cost_usd=evaluation.all_china_cost_usd,
        shortfall_t=tidy(portfolio.shortfall_t) or 0.0,
        products_short=tuple(base_products),
        products_short_count=base_count,
        stress=tuple(lines),
        horizon=f"{evaluation.start}–{evaluation.end}",
        china_exposure_bought=portfolio.china_exposure_bought,
        exposure_reason=exposure_reason(evaluation),
        spot_t=tidy(portfolio.spot_t) or 0.0,
        stock_drawn_t=tidy(portfolio.stockpile_drawn_t) or 0.0,
        total_cost_usd=portfolio.total_cost_usd,
        stock_cost_usd=portfolio.stock_cost_usd,
    )


def quarters(evaluation: Evaluation, element: str, case_index: int = 0) -> Quarters:
    """The chart's data; ``case_index`` 0 is the base case, then the stress cases."""
    case = evaluation.cases[min(max(case_index, 0), len(evaluation.cases) - 1)]
    frame = case.element_periods(element).to_dict(as_series=False)
    return Quarters(
        element=element,
        case=case.case,
        periods=tuple(frame["period"]),
        demand_t=tuple(frame["demand_t"]),
        supplied_by={s: tuple(frame[supplied_column(s)]) for s in evaluation.sources},
        drawn_t=tuple(tidy(v) or 0.0 for v in frame["stockpile_drawn_t"]),
        shortfall_t=tuple(tidy(v) or 0.0 for v in frame["shortfall_t"]),
        gap_t=tuple(tidy(v) or 0.0 for v in frame["gap_t"]),
    )


def source_china_shares(
    dataset: Dataset, element: str, start: str, end: str
) -> dict[str, tuple[float, float]]:
    """Each source's China share for ``element`` over ``start``–``end``: (lowest, highest).

    This is what turns a split into the element's China exposure (Dy 60/30/10 is 63.5%
    because Lynas' heavy rare earths still go through China in part); sources without a
    supply row in those quarters are left out.
    """
    return all_china_shares(dataset, start, end).get(element, {})


_china_shares_seen: tuple[Dataset, str, str, dict[str, dict[str, tuple[float, float]]]] | None = (
    None
)


def all_china_shares(
    dataset: Dataset, start: str, end: str
) -> dict[str, dict[str, tuple[float, float]]]:
    """Every element's source China shares, in one query, kept for the last dataset and
    horizon: no edit of a plan changes them, and the pane asks on every key press."""
    global _china_shares_seen
    seen = _china_shares_seen
    if seen is not None and seen[0] is dataset and seen[1:3] == (start, end):
        return seen[3]
    import polars as pl

    rows = (
        dataset.supply.lazy()
        .filter((pl.col("period") >= start) & (pl.col("period") <= end))
        .group_by("element", "source")
        .agg(pl.col("china_share").min().alias("low"), pl.col("china_share").max().alias("high"))
        .collect()
    )
    found: dict[str, dict[str, tuple[float, float]]] = {}
    for element, source, low, high in rows.iter_rows():
        found.setdefault(element, {})[source] = (low, high)
    order = {s: i for i, s in enumerate(dataset.source_ids)}
    shares = {
        element: {s: by_source[s] for s in order if s in by_source}
        for element, by_source in found.items()
    }
    _china_shares_seen = (dataset, start, end, shares)
    return shares


@dataclass(frozen=True)
class Exposure:
    """The portfolio's China exposure per quarter: as planned, as bought, the target."""

    case: str
    periods: tuple[str, ...]
    planned: tuple[float | None, ...]
    """Σ planned volume × China share / Σ demand (None without demand)."""
    bought: tuple[float | None, ...]
    """Σ delivered volume × China share / Σ delivered (None when nothing is delivered)."""
    target: float | None


def portfolio_exposure(
    evaluation: Evaluation, dataset: Dataset, plan: Plan, case_index: int = 0
) -> Exposure:
    """Per quarter, the plan's China exposure and that of what is actually delivered.

    They part when a source runs out of capacity (or a stress case cuts it): the plan
    still says 40% Lynas, but what arrives is more Chinese than planned.
    """
    import polars as pl

    case = evaluation.cases[min(max(case_index, 0), len(evaluation.cases) - 1)]
    frame = case.periods
    planned = (
        frame.group_by("period", maintain_order=True)
        .agg(
            (pl.col("china_exposure").fill_null(0) * pl.col("demand_t")).sum().alias("x"),
            pl.col("demand_t").sum().alias("d"),
        )
        .sort("period")
    )
    supplied = [supplied_column(s) for s in evaluation.sources]
    delivered = (
        frame.select("element", "period", *supplied)
        .unpivot(index=["element", "period"], variable_name="source", value_name="t")
        .with_columns(pl.col("source").str.strip_prefix("supplied_"))
        .join(
            dataset.supply.select("source", "element", "period", "china_share"),
            on=["source", "element", "period"],
            how="left",
        )
        .group_by("period")
        .agg(
            (pl.col("t") * pl.col("china_share").fill_null(0)).sum().alias("x"),
            pl.col("t").sum().alias("s"),
        )
        .sort("period")
    )
    bought = dict(zip(delivered["period"], zip(delivered["x"], delivered["s"], strict=True),
                      strict=True))  # fmt: skip
    periods = tuple(planned["period"].to_list())
    return Exposure(
        case=case.case,
        periods=periods,
        planned=tuple(
            x / d if d else None for x, d in zip(planned["x"], planned["d"], strict=True)
        ),
        bought=tuple(
            (bought[p][0] / bought[p][1]) if p in bought and bought[p][1] else None for p in periods
        ),
        target=target_fraction(plan.target_china_exposure),
    )


@dataclass(frozen=True)
class StockAtStart:
    """One element's stock when a disruption starts: what the base quarters left."""

    element: str
    left_t: float
    cover_days: float | None
    """``left_t`` in days of the start quarter's demand; None without demand then."""


@dataclass(frozen=True)
class ProductShort:
    product: str
    units_short: float
    value_short_usd: float | None
    """None when the product's unit value is unknown."""


@dataclass(frozen=True)
class StressDetail:
    """One stress case's figures as a buyer asks for them, for the stress view.

    Stock at the start is computed here, not in the engine, because only this view
    needs it: a case's quarters before its start are the base case's, so the stock it
    finds is the starting stock less what those quarters already drew (a plan can use
    half its Dy stock on its own gaps before an embargo comes).
    """

    case: StressCase
    spot_t: float
    spot_by: tuple[tuple[str, float], ...]
    """Per spot source that sold anything, in dataset order: tonnes bought spot."""
    spot_cost_usd: float
    spot_price_usd_kg: float | None
    """What the spot tonnes cost on average (None when nothing is bought)."""
    stock: tuple[StockAtStart, ...]
    """The elements the case cuts, in dataset order."""
    stock_left_t: float
    stock_cover_days: float | None
    """The cut elements' stock over their demand together, in days (None without demand)."""
    lowest_cover: StockAtStart | None
    """The cut element with the fewest days of cover: the first to run out."""
    shortfall_t: float
    worst_days_short: float
    worst_element: str | None
    products: tuple[ProductShort, ...]
    """Products that lose units, the most units first."""
    value_short_usd: float | None
    total_cost_usd: float
    cost_vs_base_usd: float
    """The case's total cost less the base case's: what the disruption costs (signed)."""


def stress_detail(evaluation: Evaluation, index: int) -> StressDetail:
    """The figures of stress case ``index`` (0 is the plan's first stress case)."""
    import polars as pl

    from tui.domain.period import DAYS_PER_QUARTER

    result = evaluation.stress_cases[index]
    case = result.stress
    assert case is not None  # stress_cases are the cases with a disruption
    portfolio = result.portfolio
    periods = result.periods
    spot_by = tuple(
        (s, total)
        for s in evaluation.spot_sources
        if (total := float(periods.get_column(f"spot_{s}").sum())) > NOISE_T
    )
    spot_t = tidy(portfolio.spot_t) or 0.0
    drawn = (
        periods.filter(pl.col("period") < case.start)
        .group_by("element")
        .agg(pl.col("stockpile_drawn_t").sum().alias("drawn_t"))
    )
    at_start = periods.filter(pl.col("period") == case.start).select("element", "demand_t")
    frame = (
        result.elements.select("element", "stockpile_t")
        .filter(pl.lit(True) if case.elements is None else pl.col("element").is_in(case.elements))
        .join(drawn, on="element", how="left", maintain_order="left")
        .join(at_start, on="element", how="left", maintain_order="left")
        .with_columns(
            (pl.col("stockpile_t") - pl.col("drawn_t").fill_null(0)).clip(0).alias("left_t"),
            pl.col("demand_t").fill_null(0),
        )
    )
    stock = tuple(
        StockAtStart(
            element=row["element"],
            left_t=tidy(row["left_t"]) or 0.0,
            cover_days=row["left_t"] / (row["demand_t"] / DAYS_PER_QUARTER)
            if row["demand_t"] > 0
            else None,
        )
        for row in frame.iter_rows(named=True)
    )
    left = sum(s.left_t for s in stock)
    demand = float(frame.get_column("demand_t").sum())
    covered = [s for s in stock if s.cover_days is not None]
    products = tuple(
        ProductShort(row["product"], row["units_short"], row["value_short_usd"])
        for row in result.products.filter(pl.col("units_short") > NOISE_T)
        .sort("units_short", descending=True)
        .iter_rows(named=True)
    )
    return StressDetail(
        case=case,
        spot_t=spot_t,
        spot_by=spot_by,
        spot_cost_usd=portfolio.spot_cost_usd,
        spot_price_usd_kg=portfolio.spot_cost_usd / (spot_t * 1000) if spot_t > 0 else None,
        stock=stock,
        stock_left_t=tidy(left) or 0.0,
        stock_cover_days=left / (demand / DAYS_PER_QUARTER) if demand > 0 else None,
        lowest_cover=min(covered, key=lambda s: s.cover_days or 0.0, default=None),
        shortfall_t=tidy(portfolio.shortfall_t) or 0.0,
        worst_days_short=result.worst_days_short,
        worst_element=result.worst_element,
        products=products,
        value_short_usd=portfolio.value_short_usd,
        total_cost_usd=portfolio.total_cost_usd,
        cost_vs_base_usd=portfolio.total_cost_usd - evaluation.base.portfolio.total_cost_usd,
    )
