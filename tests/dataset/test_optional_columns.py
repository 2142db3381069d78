"""The optional columns: ``spot_premium`` in sources.csv, ``unit_value_usd`` in products.csv.

Older datasets leave them out and load as before; a dataset that gives them is held to
the same rules as every other number (file, line and column named for each bad cell).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from tests.dataset.test_validation import only_problem, problems_of, write
from tui.dataset import load_dataset

SOURCES = "source,name,origin,spot_premium\nchina,China,CN,0.2\nlynas,Lynas,MY,\n"
SOURCES_REST = "recycling,Recycling,recycled,0\n"
PRODUCTS = "product,period,units,unit_value_usd\nev-motor,2026Q1,1000,450\nev-motor,2026Q2,1200,\n"


def test_a_dataset_without_the_columns_has_no_spot_and_unknown_values(tiny: Path) -> None:
    dataset = load_dataset(tiny)
    assert [s.spot_premium for s in dataset.sources] == [None, None, None]
    assert not any(s.sells_spot for s in dataset.sources)
    assert dataset.products.get_column("unit_value_usd").null_count() == dataset.products.height
    assert dataset.products.schema["unit_value_usd"] == pl.Float64


def test_the_columns_are_read_empty_meaning_none(tiny: Path) -> None:
    write(tiny, "sources.csv", SOURCES + SOURCES_REST)
    write(tiny, "products.csv", PRODUCTS)
    dataset = load_dataset(tiny)
    assert [s.spot_premium for s in dataset.sources] == [0.2, None, 0.0]
    assert [s.sells_spot for s in dataset.sources] == [True, False, True]
    assert dataset.products.get_column("unit_value_usd").to_list() == [450.0, None]


def test_the_optional_column_may_come_anywhere_in_the_header(tiny: Path) -> None:
    write(
        tiny,
        "sources.csv",
        "spot_premium,source,origin,name\n0.5,china,CN,China\n,lynas,MY,Lynas\n,recycling,recycled,R\n",
    )
    dataset = load_dataset(tiny)
    assert [(s.id, s.name, s.spot_premium) for s in dataset.sources][:2] == [
        ("china", "China", 0.5),
        ("lynas", "Lynas", None),
    ]


def test_padded_values_are_stripped(tiny: Path) -> None:
    write(
        tiny,
        "sources.csv",
        "source,name,origin,spot_premium\nchina,China,CN, 0.25 \n"
        "lynas,Lynas,MY,  \nrecycling,R,recycled,\n",
    )
    assert [s.spot_premium for s in load_dataset(tiny).sources] == [0.25, None, None]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-0.1", "'-0.1' is negative; expected 0 or more"),
        ("lots", "'lots' is not a number"),
        ("inf", "'inf' is not a finite number"),
        ("nan", "'nan' is not a finite number"),
    ],
)
def test_a_bad_spot_premium_is_named(tiny: Path, value: str, message: str) -> None:
    name = write(tiny, "sources.csv", SOURCES.replace("0.2", value) + SOURCES_REST)
    assert only_problem(tiny) == (name, "line 2, column spot_premium", message)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-450", "'-450' is negative; expected 0 or more"),
        ("$450", "'$450' is not a number"),
        ("1e13", "'1e13' is implausibly large (at most 1e+12)"),
    ],
)
def test_a_bad_unit_value_is_named(tiny: Path, value: str, message: str) -> None:
    name = write(tiny, "products.csv", PRODUCTS.replace("450", value))
    assert only_problem(tiny) == (name, "line 2, column unit_value_usd", message)


def test_an_optional_column_given_twice_is_a_header_problem(tiny: Path) -> None:
    name = write(
        tiny, "sources.csv", "source,name,origin,spot_premium,spot_premium\nchina,China,CN,1,1\n"
    )
    problems = problems_of(tiny)
    assert (problems[0].file, problems[0].where, problems[0].message) == (
        name,
        "line 1",
        "column 'spot_premium' appears more than once",
    )


def test_every_bad_cell_is_reported_at_once(tiny: Path) -> None:
    write(
        tiny,
        "sources.csv",
        "source,name,origin,spot_premium\nchina,China,CN,-1\nlynas,Lynas,MY,x\nrecycling,R,recycled,\n",
    )
    wheres = [p.where for p in problems_of(tiny)]
    assert wheres == ["line 2, column spot_premium", "line 3, column spot_premium"]
