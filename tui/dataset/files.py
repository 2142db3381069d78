"""The files of a dataset folder (SPEC §3): their columns, kinds and keys.

Kept apart from the loader so that the rules read as a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.dataset.checks import Column, Kind


@dataclass(frozen=True)
class FileSpec:
    name: str
    columns: tuple[Column, ...]
    keys: tuple[str, ...]  # columns that together may appear only once
    optional: bool = False

    @property
    def column_names(self) -> tuple[str, ...]:
        """The columns the file must have."""
        return tuple(c.name for c in self.columns if not c.optional)

    @property
    def optional_names(self) -> tuple[str, ...]:
        """The columns the file may leave out (older datasets do)."""
        return tuple(c.name for c in self.columns if c.optional)


def _element() -> Column:
    return Column("element", Kind.MEMBER, "element", "elements.csv")


ELEMENTS = FileSpec(
    "elements.csv",
    (Column("element", Kind.TEXT), Column("name", Kind.TEXT), Column("group", Kind.GROUP)),
    ("element",),
)
SOURCES = FileSpec(
    "sources.csv",
    (
        Column("source", Kind.SOURCE_ID),
        Column("name", Kind.TEXT),
        Column("origin", Kind.ORIGIN),
        # empty: the source sells only under contract; a number: it also sells spot at
        # price × (1 + spot_premium)
        Column("spot_premium", Kind.OPTIONAL_AMOUNT, optional=True),
    ),
    ("source",),
)
DEMAND = FileSpec(
    "demand.csv",
    (_element(), Column("period", Kind.PERIOD), Column("tonnes", Kind.AMOUNT)),
    ("element", "period"),
)
SUPPLY = FileSpec(
    "supply.csv",
    (
        Column("source", Kind.MEMBER, "source", "sources.csv"),
        _element(),
        Column("period", Kind.PERIOD),
        Column("capacity_t", Kind.CAPACITY),
        Column("price_usd_kg", Kind.AMOUNT),
        Column("china_share", Kind.SHARE),
    ),
    ("source", "element", "period"),
)
PRODUCTS = FileSpec(
    "products.csv",
    (
        Column("product", Kind.TEXT),
        Column("period", Kind.PERIOD),
        Column("units", Kind.AMOUNT),
        # what one unit is worth (revenue at risk when it cannot be built); empty: unknown
        Column("unit_value_usd", Kind.OPTIONAL_AMOUNT, optional=True),
    ),
    ("product", "period"),
    optional=True,
)
BOM = FileSpec(
    "bom.csv",
    (
        Column("product", Kind.MEMBER, "product", "products.csv"),
        _element(),
        Column("kg_per_unit", Kind.AMOUNT),
    ),
    ("product", "element"),
    optional=True,
)

ALL_FILES = (ELEMENTS, SOURCES, DEMAND, SUPPLY, PRODUCTS, BOM)

# Which file defines the ids a MEMBER column refers to: (file, its id column).
DEFINED_BY = {
    "element": (ELEMENTS, "element"),
    "source": (SOURCES, "source"),
    "product": (PRODUCTS, "product"),
}
