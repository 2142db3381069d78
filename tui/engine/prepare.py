"""What the engine derives from a dataset once, before any plan is evaluated.

Total demand (direct plus what the products' bills of materials need) is aggregated
once per dataset; the dense element × source × period grid is built once per horizon.
Every plan evaluated afterwards only joins its weights onto that grid.
"""

from __future__ import annotations

import functools

import polars as pl

from tui.domain.dataset import Dataset
from tui.domain.period import period_from_index, period_index


def _period_index_expr(column: str = "period") -> pl.Expr:
    """``YYYYQn`` → year × 4 + quarter − 1, vectorised (the loader has validated the form)."""
    text = pl.col(column)
    return text.str.slice(0, 4).cast(pl.Int32) * 4 + text.str.slice(5, 1).cast(pl.Int32) - 1


class PreparedDataset:
    """A dataset with its totals aggregated and its per-horizon grids cached."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.elements: tuple[str, ...] = dataset.element_ids
        self.sources: tuple[str, ...] = dataset.source_ids
        self.products: tuple[str, ...] = dataset.product_ids if dataset.has_products else ()
        self.element_index = pl.DataFrame(
            {"element": list(self.elements), "e": list(range(len(self.elements)))},
            schema={"element": pl.String, "e": pl.Int32},
        )
        self.source_index = pl.DataFrame(
            {"source": list(self.sources), "s": list(range(len(self.sources)))},
            schema={"source": pl.String, "s": pl.Int32},
        )
        self.demand = self._total_demand()
        self.supply = (
            dataset.supply.lazy()
            .join(self.element_index.lazy(), on="element")
            .join(self.source_index.lazy(), on="source")
            .select(
                "e",
                "s",
                _period_index_expr().alias("p"),
                pl.col("capacity_t").alias("cap"),
                pl.col("capacity_t").is_null().alias("unlimited"),
                pl.lit(True).alias("has_row"),
                pl.col("price_usd_kg").alias("price"),
                pl.col("china_share").alias("cs"),
            )
            .collect()
        )
        self.product_units = (
            dataset.products.lazy()
            .select("product", _period_index_expr().alias("p"), "units")
            .group_by("product", "p")
            .agg(pl.col("units").sum())
            .collect()
            if self.products
            else pl.DataFrame(schema={"product": pl.String, "p": pl.Int32, "units": pl.Float64})
        )
        self.bom = (
            dataset.bom.lazy()
            .filter(pl.col("kg_per_unit") > 0)
            .join(self.element_index.lazy(), on="element")
            .select("product", "e")
            .unique()
            .collect()
            if self.products
            else pl.DataFrame(schema={"product": pl.String, "e": pl.Int32})
        )
        self._grids: dict[tuple[int, int], Grid] = {}

    def _total_demand(self) -> pl.DataFrame:
        """``D[e,p]``: direct demand plus units × kg per unit / 1000, summed (e, p, D)."""
        direct = self.dataset.demand.lazy().select(
            "element", _period_index_expr().alias("p"), pl.col("tonnes").alias("D")
        )
        parts = [direct]
        if self.dataset.has_products:
            from_products = (
                self.dataset.products.lazy()
                .join(self.dataset.bom.lazy(), on="product")
                .select(
                    "element",
                    _period_index_expr().alias("p"),
                    (pl.col("units") * pl.col("kg_per_unit") / 1000).alias("D"),
                )
            )
            parts.append(from_products)
        return (
            pl.concat(parts)
            .join(self.element_index.lazy(), on="element")
            .group_by("e", "p")
            .agg(pl.col("D").sum())
            .collect()
        )

    @functools.cached_property
    def default_horizon(self) -> tuple[str, str]:
        """First to last quarter with demand; the dataset's quarters when none has any."""
        with_demand = self.demand.filter(pl.col("D") > 0)
        if with_demand.height:
            low, high = with_demand.get_column("p").min(), with_demand.get_column("p").max()
            return period_from_index(int(low)), period_from_index(int(high))  # type: ignore[arg-type]
        periods = self.dataset.periods
        if not periods:
            raise ValueError("the dataset has no periods")
        return periods[0], periods[-1]

    def grid(self, start: str, end: str) -> Grid:
        key = (period_index(start), period_index(end))
        grid = self._grids.get(key)
        if grid is None:
            grid = Grid(self, *key)
            self._grids[key] = grid
        return grid


class Grid:
    """The dense element × period × source rows of one horizon, in that order.

    ``rows`` has one row per (e, p, s) with: D (the element's demand that quarter),
    cap (0 without a supply row; null when unlimited), unlimited, has_row, price and
    cs (0 without a row). ``quarters`` has one row per (e, p) with the element and
    period names and D. Position arithmetic on this fixed order replaces joins.
    """

    def __init__(self, prepared: PreparedDataset, first: int, last: int) -> None:
        self.first = first
        self.last = last
        self.elements = prepared.elements
        self.sources = prepared.sources
        self.products = prepared.products
        self.periods = tuple(period_from_index(i) for i in range(first, last + 1))
        n_e, n_p, n_s = len(self.elements), len(self.periods), len(self.sources)
        self.size = n_e * n_p * n_s
        e_axis = pl.DataFrame({"e": pl.int_range(0, n_e, dtype=pl.Int32, eager=True)})
        p_axis = pl.DataFrame({"p": pl.int_range(first, last + 1, dtype=pl.Int32, eager=True)})
        s_axis = pl.DataFrame({"s": pl.int_range(0, n_s, dtype=pl.Int32, eager=True)})
        self.quarters = (
            e_axis.join(p_axis, how="cross")
            .join(prepared.demand, on=["e", "p"], how="left")
            .with_columns(pl.col("D").fill_null(0.0))
            .sort("e", "p")
            .with_columns(
                pl.col("e").replace_strict(list(range(n_e)), list(self.elements)).alias("element"),
                (pl.col("p") - first)
                .replace_strict(list(range(n_p)), list(self.periods))
                .alias("period"),
            )
        )
        self.rows = (
            self.quarters.select("e", "p", "D")
            .join(s_axis, how="cross")
            .join(prepared.supply, on=["e", "s", "p"], how="left")
            .with_columns(
                pl.col("unlimited").fill_null(False),
                pl.col("has_row").fill_null(False),
                pl.col("price").fill_null(0.0),
                pl.col("cs").fill_null(0.0),
            )
            .with_columns(
                pl.when(pl.col("has_row")).then(pl.col("cap")).otherwise(0.0).alias("cap")
            )
            .sort("e", "p", "s")
        )
        if self.rows.height != self.size:
            raise ValueError("the dataset has duplicate supply rows")
        self.demand_by_element = self.quarters.select(
            pl.col("D").reshape((-1, n_p)).arr.sum().alias("D")
        ).get_column("D")
        self.product_units = prepared.product_units.filter(pl.col("p").is_between(first, last))
        self.units_by_product = (
            pl.DataFrame({"product": list(self.products)}, schema={"product": pl.String})
            .join(
                self.product_units.group_by("product").agg(pl.col("units").sum()),
                on="product",
                how="left",
                maintain_order="left",
            )
            .with_columns(pl.col("units").fill_null(0.0))
        )
        self._prepare_product_slots(prepared)
        self.all_china_cost_usd = self._all_china_cost()
        self._tiled: dict[int, Tiled] = {}

    def _prepare_product_slots(self, prepared: PreparedDataset) -> None:
        """Fixed-width slots that let products be costed without a join per evaluation.

        Every product gets ``slot_width`` slots (its number of elements at most), per
        quarter. ``product_slots.slot`` is the position of (element, quarter) in the
        element × quarter plane, or one past its end (a zero) for an unused slot, in
        (product, quarter, slot) order; ``product_units_dense`` is units per
        (product, quarter).
        """
        n_q, n_p = len(self.products), len(self.periods)
        plane = len(self.elements) * n_p
        order = pl.DataFrame(
            {"product": list(self.products), "q": list(range(n_q))},
            schema={"product": pl.String, "q": pl.Int64},
        )
        numbered = (
            prepared.bom.join(order, on="product")
            .sort("q", "e")
            .with_columns(pl.int_range(pl.len()).over("q").alias("j"))
        )
        self.slot_width = max(1, int(numbered.get_column("j").max() or 0) + 1)
        quarter_axis = pl.DataFrame({"p": pl.int_range(0, n_p, eager=True)})
        self.product_slots = (
            order.select("q")
            .join(pl.DataFrame({"j": pl.int_range(0, self.slot_width, eager=True)}), how="cross")
            .join(numbered.select("q", "j", "e"), on=["q", "j"], how="left")
            .join(quarter_axis, how="cross")
            .select(
                "q",
                "p",
                "j",
                (pl.col("e").cast(pl.Int64) * n_p + pl.col("p")).fill_null(plane).alias("slot"),
            )
            .sort("q", "p", "j")
            .select("slot")
        )
        self.product_units_dense = (
            order.join(quarter_axis, how="cross")
            .join(
                self.product_units.select(
                    "product", (pl.col("p") - self.first).alias("p"), "units"
                ),
                on=["product", "p"],
                how="left",
            )
            .sort("q", "p")
            .get_column("units")
            .fill_null(0.0)
        )

    def element_block(self, e: int) -> range:
        """Positions of element e's rows in ``rows``."""
        span = len(self.periods) * len(self.sources)
        return range(e * span, (e + 1) * span)

    def tiled(self, n_cases: int) -> Tiled:
        """The grid's frames repeated once per case (cached per number of cases)."""
        tiled = self._tiled.get(n_cases)
        if tiled is None:
            tiled = Tiled(self, n_cases)
            self._tiled[n_cases] = tiled
        return tiled

    def _all_china_cost(self) -> float:
        if "china" not in self.sources:
            return 0.0
        china = self.sources.index("china")
        delivered = pl.min_horizontal(
            pl.col("D"), pl.when(pl.col("unlimited")).then(pl.col("D")).otherwise(pl.col("cap"))
        )
        cost = self.rows.filter(pl.col("s") == china).select(
            (delivered * pl.col("price")).sum() * 1000
        )
        return float(cost.item())


class Tiled:
    """A grid's frames stacked once per evaluated case, case 0 (base) first.

    ``rows``: cap, unlimited, price per (case, e, p, s); ``quarters``: element,
    period, D and ``element_at`` (the element's index) per (case, e, p).
    """

    def __init__(self, grid: Grid, n_cases: int) -> None:
        self.n_cases = n_cases
        self.rows = pl.concat([grid.rows.select("cap", "unlimited", "price")] * n_cases)
        self.quarters = (
            pl.concat(
                [grid.quarters.select("element", "period", "D", pl.col("e").alias("element_at"))]
                * n_cases
            )
            .with_columns(
                (pl.int_range(pl.len(), dtype=pl.Int32) // len(grid.periods)).alias("block")
            )
            .rechunk()
        )
        self.element_names = pl.Series("element", list(grid.elements) * n_cases)
        self.zeros = pl.Series("f", [0.0] * (grid.size * n_cases), dtype=pl.Float64)
        # Product slots for every case at once: case k reads the ratios of its own
        # element × quarter plane, each plane followed by one zero for unused slots.
        plane = len(grid.elements) * len(grid.periods) + 1
        if grid.products:
            self.product_slots = pl.concat(
                [grid.product_slots.select(pl.col("slot") + k * plane) for k in range(n_cases)]
            )
            self.product_units = pl.concat([grid.product_units_dense] * n_cases)
