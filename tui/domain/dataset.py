"""A dataset as the rest of the program sees it: validated, typed, in dataset order.

The loader (``tui.dataset``) builds it from CSV files; tests build it directly. The
frames hold exactly the rows of the files, with these columns and dtypes:

- ``demand``:   element (str), period (str), tonnes (f64)
- ``supply``:   source (str), element (str), period (str), capacity_t (f64, null =
  unlimited), price_usd_kg (f64), china_share (f64)
- ``products``: product (str), period (str), units (f64), unit_value_usd (f64, null =
  unknown) — may be empty
- ``bom``:      product (str), element (str), kg_per_unit (f64)   — may be empty
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

DEMAND_SCHEMA = {"element": pl.String, "period": pl.String, "tonnes": pl.Float64}
SUPPLY_SCHEMA = {
    "source": pl.String,
    "element": pl.String,
    "period": pl.String,
    "capacity_t": pl.Float64,
    "price_usd_kg": pl.Float64,
    "china_share": pl.Float64,
}
PRODUCTS_SCHEMA = {
    "product": pl.String,
    "period": pl.String,
    "units": pl.Float64,
    "unit_value_usd": pl.Float64,
}
BOM_SCHEMA = {"product": pl.String, "element": pl.String, "kg_per_unit": pl.Float64}


@dataclass(frozen=True)
class Element:
    symbol: str
    name: str
    group: str  # "light" or "heavy"


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    origin: str  # ISO country code of the processing, or "recycled"
    spot_premium: float | None = None
    """None: sells only under contract; else also spot at price × (1 + spot_premium)."""

    @property
    def sells_spot(self) -> bool:
        return self.spot_premium is not None


@dataclass(frozen=True, eq=False)
class Dataset:
    name: str
    path: Path | None
    elements: tuple[Element, ...]
    sources: tuple[Source, ...]
    demand: pl.DataFrame
    supply: pl.DataFrame
    products: pl.DataFrame
    bom: pl.DataFrame

    def __post_init__(self) -> None:
        # Datasets built in code may leave out the optional column: unknown values.
        if "unit_value_usd" not in self.products.columns:
            products = self.products.with_columns(
                pl.lit(None, dtype=pl.Float64).alias("unit_value_usd")
            )
            object.__setattr__(self, "products", products)

    @property
    def element_ids(self) -> tuple[str, ...]:
        return tuple(e.symbol for e in self.elements)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sources)

    @property
    def product_ids(self) -> tuple[str, ...]:
        """Products in order of first appearance in ``products`` (then ``bom``)."""
        seen: dict[str, None] = {}
        for frame in (self.products, self.bom):
            for name in frame.get_column("product").to_list():
                seen.setdefault(name, None)
        return tuple(seen)

    @property
    def has_products(self) -> bool:
        return self.products.height > 0 and self.bom.height > 0

    @property
    def periods(self) -> tuple[str, ...]:
        """Every quarter any file mentions, in calendar order (``YYYYQn`` sorts as text)."""
        mentioned = pl.concat(
            [f.select("period") for f in (self.demand, self.supply, self.products)]
        )
        return tuple(sorted(set(mentioned.get_column("period").to_list())))
