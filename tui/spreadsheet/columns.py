"""What each dataset column means, in a planner's words: its unit and an example.

The template's explanation sheet and its cell prompts read this table. Columns are
taken from the dataset's file specs, so a column added there still gets a row, with
a description made from its kind until one is written here.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.dataset.checks import Column, Kind
from tui.dataset.files import FileSpec


@dataclass(frozen=True)
class About:
    meaning: str
    unit: str
    example: str


_ABOUT: dict[tuple[str, str], About] = {
    ("elements", "element"): About("Chemical symbol of a rare earth", "", "Nd"),
    ("elements", "name"): About("Full name of the element", "", "Neodymium"),
    ("elements", "group"): About("light or heavy rare earth", "light / heavy", "light"),
    ("sources", "source"): About(
        "Short id of a supplier, used in plans (lowercase, digits, - or _)", "", "lynas"
    ),
    ("sources", "name"): About("The supplier's name as people say it", "", "Lynas Rare Earths"),
    ("sources", "origin"): About(
        "Two-letter country code of the processing, or recycled", "ISO code", "MY"
    ),
    ("sources", "spot_premium"): About(
        "Empty: sells only under contract. A number: also sells spot, at the contract "
        "price × (1 + premium)",
        "fraction",
        "0.25",
    ),
    ("demand", "element"): About("Element (as on the elements sheet)", "", "Nd"),
    ("demand", "period"): About("Quarter", "YYYYQn", "2026Q1"),
    ("demand", "tonnes"): About("Direct demand for the element in that quarter", "t", "120"),
    ("supply", "source"): About("Supplier (as on the sources sheet)", "", "lynas"),
    ("supply", "element"): About("Element (as on the elements sheet)", "", "Nd"),
    ("supply", "period"): About("Quarter", "YYYYQn", "2026Q1"),
    ("supply", "capacity_t"): About(
        "What the source can deliver to us that quarter; empty = unlimited", "t", "30"
    ),
    ("supply", "price_usd_kg"): About("Contract price", "USD/kg", "75"),
    ("supply", "china_share"): About(
        "Part of this supply that still depends on Chinese mining or processing "
        "(1 for China itself)",
        "fraction 0–1",
        "0.2",
    ),
    ("products", "product"): About("Product built from rare-earth parts", "", "ev-motor"),
    ("products", "period"): About("Quarter", "YYYYQn", "2026Q1"),
    ("products", "units"): About("Units of the product to build that quarter", "units", "200000"),
    ("products", "unit_value_usd"): About(
        "What one unit is worth (revenue at risk when it cannot be built); empty = unknown",
        "USD",
        "12000",
    ),
    ("bom", "product"): About("Product (as on the products sheet)", "", "ev-motor"),
    ("bom", "element"): About("Element (as on the elements sheet)", "", "Nd"),
    ("bom", "kg_per_unit"): About("Rare-earth content of one unit", "kg", "0.385"),
}

_BY_KIND = {
    Kind.TEXT: About("Text", "", "text"),
    Kind.SOURCE_ID: About("Source id (lowercase)", "", "lynas"),
    Kind.GROUP: About("light or heavy", "", "light"),
    Kind.ORIGIN: About("Country code or recycled", "", "CN"),
    Kind.PERIOD: About("Quarter", "YYYYQn", "2026Q1"),
    Kind.MEMBER: About("An id defined on another sheet", "", ""),
    Kind.AMOUNT: About("A number, 0 or more", "", "1"),
    Kind.CAPACITY: About("A number, 0 or more; empty = unlimited", "", "1"),
    Kind.SHARE: About("A fraction between 0 and 1", "fraction 0–1", "0.5"),
}


def about(spec: FileSpec, column: Column) -> About:
    """What ``column`` of ``spec``'s file means."""
    sheet = spec.name.removesuffix(".csv")
    return _ABOUT.get((sheet, column.name)) or _BY_KIND.get(column.kind, About("", "", ""))
