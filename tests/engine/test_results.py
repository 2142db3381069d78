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


def test_worst_products_names_the_first_few_and_counts_them_all() -> None:
    base = Engine(DATA).evaluate(b.plan({"Nd": b.split(china=100)})).base
    products = pl.DataFrame(
        {
            "case": [0] * 6,
            "product": ["motor", "drive", "magnet", "sensor", "rotor", "fan"],
            "units": [10.0] * 6,
            "units_short": [2.0, 0.0, 5.0, 2.0, None, 1.0],
            "value_short_usd": [None] * 6,
        }
    )
    case = dataclasses.replace(base, products=products)
    assert case.worst_products(2) == (["magnet", "motor"], 4)
    assert case.worst_products(10) == (["magnet", "motor", "sensor", "fan"], 4)
    assert case.worst_products(10)[0] == case.products_short
