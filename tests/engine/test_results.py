"""What a case's results answer directly: the products it leaves short, in order."""

import dataclasses

import polars as pl

from tests.engine import builders as b
from tests.engine.test_warnings import DATA
from tui.engine import Engine


def test_products_short_are_the_worst_first_ties_in_dataset_order() -> None:
    base = Engine(DATA).evaluate(b.plan({"Nd": b.split(china=100)})).base
    products = pl.DataFrame(
        {
            "case": [0] * 5,
            "product": ["motor", "drive", "magnet", "sensor", "rotor"],
            "units": [10.0] * 5,
            "units_short": [2.0, 0.0, 5.0, 2.0, None],
            "value_short_usd": [None] * 5,
        }
    )
    case = dataclasses.replace(base, products=products)
    assert case.products_short == ["magnet", "motor", "sensor"]
