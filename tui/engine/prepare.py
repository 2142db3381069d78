"""What the engine derives from a dataset once, before any plan is evaluated.

Per dataset: total demand (direct plus what the products' bills of materials need) and
the supply rows with each source's spot terms. Per horizon (cached): one row per
(element, period, source) with everything the dataset says about it, and the products'
units and values in those quarters. A plan's evaluation only joins its own figures
(split fractions, cuts) onto these frames.

Columns keep the planner's names: ``demand_t``, ``capacity_t`` (null when unlimited),
``price_usd_kg``, ``china_share``; a row without a supply line has ``has_supply``
false, capacity 0, price 0 and china share 0.
"""

from __future__ import annotations

import functools
from typing import cast

import polars as pl

from tui.domain.dataset import Dataset
from tui.domain.period import period_from_index, period_index


def quarter_number(column: str = "period") -> pl.Expr:
    """``YYYYQn`` → year × 4 + quarter − 1, vectorised (the loader has validated the form)."""
    text = pl.col(column)
    return text.str.slice(0, 4).cast(pl.Int32) * 4 + text.str.slice(5, 1).cast(pl.Int32) - 1


class PreparedDataset:
    """A dataset with its totals aggregated and its per-horizon frames cached."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.elements: tuple[str, ...] = dataset.element_ids
        self.sources: tuple[str, ...] = dataset.source_ids
        self.products: tuple[str, ...] = dataset.product_ids if dataset.has_products else ()
        self.spot_sources: tuple[str, ...] = tuple(s.id for s in dataset.sources if s.sells_spot)
        self.element_order = pl.DataFrame(
            {"element": list(self.elements), "e": list(range(len(self.elements)))},
            schema={"element": pl.String, "e": pl.Int32},
        )
        self.source_order = pl.DataFrame(
            {
                "source": list(self.sources),
                "s": list(range(len(self.sources))),
                "spot_premium": [s.spot_premium for s in dataset.sources],
            },
            schema={"source": pl.String, "s": pl.Int32, "spot_premium": pl.Float64},
        )
        self.demand = self._total_demand()
        self.supply = dataset.supply.with_columns(quarter_number().alias("p")).drop("period")
        self._horizons: dict[tuple[int, int], HorizonFrames] = {}

    def _total_demand(self) -> pl.DataFrame:
        """``D[e,p]``: direct demand plus units × kg per unit / 1000 (element, p, demand_t)."""
        direct = self.dataset.demand.lazy().select("element", "period", "tonnes")
        parts = [direct]
        if self.dataset.has_products:
            from_products = (
                self.dataset.products.lazy()
                .join(self.dataset.bom.lazy(), on="product")
                .select("element", "period", (pl.col("units") * pl.col("kg_per_unit") / 1000))
                .rename({"units": "tonnes"})
            )
            parts.append(from_products)
        return (
            pl.concat(parts)
            .group_by("element", "period")
            .agg(pl.col("tonnes").sum().alias("demand_t"))
            .with_columns(quarter_number().alias("p"))
            .drop("period")
            .collect()
        )

    @functools.cached_property
    def default_horizon(self) -> tuple[str, str]:
        """First to last quarter with demand; the dataset's quarters when none has any."""
        with_demand = self.demand.filter(
            (pl.col("demand_t") > 0) & pl.col("element").is_in(self.elements)
        )
        if with_demand.height:
            # an integer column with rows: its min and max are ints
            low = cast(int, with_demand.get_column("p").min())
            high = cast(int, with_demand.get_column("p").max())
            return period_from_index(int(low)), period_from_index(int(high))
        periods = self.dataset.periods
        if not periods:
            raise ValueError("the dataset has no periods")
        return periods[0], periods[-1]

    def horizon(self, start: str, end: str) -> HorizonFrames:
        key = (period_index(start), period_index(end))
        frames = self._horizons.get(key)
        if frames is None:
            frames = HorizonFrames(self, *key)
            self._horizons[key] = frames
        return frames


class HorizonFrames:
    """The dataset over one horizon, as long frames in dataset order.

    - ``quarters``: one row per (element, period): e, p, demand_t (0 without demand)
    - ``rows``: one row per (element, period, source): the quarter's columns, then s,
      source, has_supply, unlimited, capacity_t, price_usd_kg, china_share and
      spot_price_usd_kg (price × (1 + spot_premium); null when the source does not
      sell spot there)
    - ``product_quarters``: q (the product's position), p, units, unit_value_usd
    - ``products_frame``: every product in dataset order (q, product) with its units over
      the horizon and whether every one of its rows gives a unit value
    - ``bom``: (q, e) for each element a product needs; ``product_needs`` the two joined,
      sorted by (e, p), and ``need_spans`` where each (e, p) has its rows there
    - ``element_demand`` and ``element_p_min``: per element in dataset order, its demand
      over the horizon and the lowest contract price of any supply row of the element in
      the first quarter (0 when none), as floats: the stock they price is a dozen values
    """

    def __init__(self, prepared: PreparedDataset, first: int, last: int) -> None:
        self.first = first
        self.last = last
        self.elements = prepared.elements
        self.sources = prepared.sources
        self.products = prepared.products
        self.spot_sources = prepared.spot_sources
        self.periods = tuple(period_from_index(i) for i in range(first, last + 1))
        period_axis = pl.DataFrame(
            {"p": list(range(first, last + 1)), "period": list(self.periods)},
            schema={"p": pl.Int32, "period": pl.String},
        )
        self.quarters = (
            prepared.element_order.join(period_axis, how="cross")
            .join(prepared.demand, on=["element", "p"], how="left")
            .with_columns(pl.col("demand_t").fill_null(0.0))
            .sort("e", "p")
        )
        self.rows = (
            self.quarters.join(prepared.source_order, how="cross")
            .join(prepared.supply, on=["element", "p", "source"], how="left")
            .with_columns(
                pl.col("price_usd_kg").is_not_null().alias("has_supply"),
            )
            .with_columns(
                (pl.col("has_supply") & pl.col("capacity_t").is_null()).alias("unlimited"),
                pl.when(pl.col("has_supply")).then(pl.col("capacity_t")).otherwise(0.0),
                pl.col("price_usd_kg").fill_null(0.0),
                pl.col("china_share").fill_null(0.0),
                pl.when(pl.col("has_supply"))
                .then(pl.col("price_usd_kg") * (1 + pl.col("spot_premium")))
                .alias("spot_price_usd_kg"),
            )
            .drop("spot_premium")
            .sort("e", "p", "s")
        )
        if self.rows.height != len(self.elements) * len(self.periods) * len(self.sources):
            raise ValueError("the dataset has duplicate supply rows")
        self.unsupplied = (
            self.rows.with_row_index("row")
            .filter(~pl.col("has_supply") & (pl.col("demand_t") > 0))
            .select("row", "e", "p", "s", "element", "source")
        )
        """The rows (and their positions) where the element has demand but the source no
        supply line."""
        first_prices = (
            self.rows.filter((pl.col("p") == first) & pl.col("has_supply"))
            .group_by("element")
            .agg(pl.col("price_usd_kg").min().alias("p_min"))
        )
        element_totals = (
            self.quarters.group_by("e", "element")
            .agg(pl.col("demand_t").sum())
            .join(first_prices, on="element", how="left")
            .with_columns(pl.col("p_min").fill_null(0.0))
            .sort("e")
        )
        self.product_quarters = self._product_quarters(prepared)
        self.products_frame = self._products_frame()
        self.bom = (
            prepared.dataset.bom.filter(pl.col("kg_per_unit") > 0)
            .join(self.products_frame.select("product", "q"), on="product")
            .join(prepared.element_order, on="element")
            .select("q", "e")
            .unique()
            if self.products
            else pl.DataFrame(schema={"q": pl.Int32, "e": pl.Int32})
        )
        self.product_needs = self.product_quarters.join(self.bom, on="q").sort("e", "p")
        self.need_spans = (
            self.product_needs.with_row_index("row")
            .group_by("e", "p")
            .agg(pl.col("row").first().alias("first_row"), pl.len().alias("rows"))
        )
        """Where each (element, quarter)'s rows of ``product_needs`` start, and how many."""
        self.element_demand: tuple[float, ...] = tuple(
            element_totals.get_column("demand_t").to_list()
        )
        self.element_p_min: tuple[float, ...] = tuple(element_totals.get_column("p_min").to_list())
        self._every_case: dict[int, pl.DataFrame] = {}

    def every_case(self, n_cases: int) -> pl.DataFrame:
        """``rows`` once per case, one case after the other (0 = base, then the stress
        cases in order), numbered in ``case``. Kept per number of cases: every key press
        evaluates the same cases again, and only the plan's columns change."""
        stacked = self._every_case.get(n_cases)
        if stacked is None:
            stacked = self._every_case[n_cases] = pl.concat([self.rows] * n_cases).with_columns(
                (pl.int_range(pl.len(), dtype=pl.Int32) // self.rows.height).alias("case")
            )
        return stacked

    def row_of(self, e: int, p: int, s: int) -> int:
        """The position in ``rows`` of element ``e``'s row for source ``s`` in quarter
        ``p``: the rows are every (element, quarter, source) once, in that order."""
        return ((e * len(self.periods)) + p - self.first) * len(self.sources) + s

    def _product_quarters(self, prepared: PreparedDataset) -> pl.DataFrame:
        schema = {
            "q": pl.Int32,
            "p": pl.Int32,
            "units": pl.Float64,
            "unit_value_usd": pl.Float64,
        }
        if not self.products:
            return pl.DataFrame(schema=schema)
        return (
            prepared.dataset.products.with_columns(quarter_number().alias("p"))
            .filter(pl.col("p").is_between(self.first, self.last))
            .join(self._product_order(), on="product")
            .select(list(schema))
        )

    def _product_order(self) -> pl.DataFrame:
        return pl.DataFrame(
            {"product": list(self.products), "q": list(range(len(self.products)))},
            schema={"product": pl.String, "q": pl.Int32},
        )

    def _products_frame(self) -> pl.DataFrame:
        """q, product, units (over the horizon), value_known — every product, dataset order."""
        totals = self.product_quarters.group_by("q").agg(
            pl.col("units").sum(),
            pl.col("unit_value_usd").is_not_null().all().alias("value_known"),
        )
        return (
            self._product_order()
            .join(totals, on="q", how="left", maintain_order="left")
            .with_columns(pl.col("units").fill_null(0.0), pl.col("value_known").fill_null(True))
        )
