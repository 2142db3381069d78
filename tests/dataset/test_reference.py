"""The shipped reference dataset: shape, types, Lynas's timeline and the planning story."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pytest

from tui.dataset import load_dataset, reference_dataset_path
from tui.domain.dataset import BOM_SCHEMA, DEMAND_SCHEMA, PRODUCTS_SCHEMA, SUPPLY_SCHEMA, Dataset
from tui.domain.period import period_range

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
QUARTERS = period_range("2026Q1", "2030Q4")


@pytest.fixture
def ref() -> Dataset:
    return load_dataset(REFERENCE)


def _lynas(ref: Dataset, element: str) -> list[str]:
    rows = ref.supply.filter((pl.col("source") == "lynas") & (pl.col("element") == element))
    return rows.get_column("period").to_list()


def test_bundled_path_is_the_reference_folder_in_a_checkout() -> None:
    assert reference_dataset_path().resolve() == REFERENCE


def test_elements_and_sources_in_file_order(ref: Dataset) -> None:
    assert ref.name == "reference"
    assert ref.element_ids == (
        "La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Lu", "Y",
    )  # fmt: skip
    assert {e.symbol: e.group for e in ref.elements}["Dy"] == "heavy"
    assert {e.symbol: e.group for e in ref.elements}["Nd"] == "light"
    assert [(s.id, s.origin) for s in ref.sources] == [
        ("china", "CN"),
        ("lynas", "MY"),
        ("recycling", "recycled"),
        ("caremag", "FR"),
    ]
    assert [s.id for s in ref.sources if s.sells_spot] == ["china"]
    values = ref.products.group_by("product").agg(pl.col("unit_value_usd").null_count().alias("n"))
    assert values.get_column("n").to_list() == [0] * len(ref.product_ids)
    assert ref.product_ids == (
        "ev-motor", "wind-generator", "hybrid-car", "servo-motor", "smco-actuator",
    )  # fmt: skip


def test_frames_have_the_domain_dtypes(ref: Dataset) -> None:
    assert dict(ref.demand.schema) == DEMAND_SCHEMA
    assert dict(ref.supply.schema) == SUPPLY_SCHEMA
    assert dict(ref.products.schema) == PRODUCTS_SCHEMA
    assert dict(ref.bom.schema) == BOM_SCHEMA
    assert ref.has_products


def test_rows_keep_file_order(ref: Dataset) -> None:
    with (REFERENCE / "supply.csv").open(newline="") as handle:
        keys = [(r["source"], r["element"], r["period"]) for r in csv.DictReader(handle)]
    assert list(ref.supply.select("source", "element", "period").iter_rows()) == keys


def test_every_element_has_demand_in_every_quarter(ref: Dataset) -> None:
    assert ref.periods == tuple(QUARTERS)
    counts = ref.demand.group_by("element").agg(pl.col("period").n_unique().alias("n"))
    assert dict(counts.iter_rows()) == dict.fromkeys(ref.element_ids, len(QUARTERS))


def test_china_is_unlimited_everywhere_with_share_one(ref: Dataset) -> None:
    china = ref.supply.filter(pl.col("source") == "china")
    assert china.height == len(ref.element_ids) * len(QUARTERS)
    assert china.get_column("capacity_t").null_count() == china.height
    assert china.get_column("china_share").unique().to_list() == [1.0]


def test_lynas_follows_its_announced_timeline(ref: Dataset) -> None:
    assert _lynas(ref, "Dy")[0] == "2026Q1"
    assert _lynas(ref, "Tb")[0] == "2026Q1"
    assert _lynas(ref, "Nd") == QUARTERS
    assert _lynas(ref, "Sm") == period_range("2026Q2", "2030Q4")
    assert _lynas(ref, "Gd") == period_range("2027Q3", "2030Q4")
    assert _lynas(ref, "Y") == period_range("2027Q3", "2030Q4")
    for element in ("Eu", "Ho", "Er"):
        assert _lynas(ref, element) == []


def test_other_sources_depend_little_on_china(ref: Dataset) -> None:
    shares = ref.supply.group_by("source").agg(
        pl.col("china_share").min().alias("low"), pl.col("china_share").max().alias("high")
    )
    bounds = {s: (low, high) for s, low, high in shares.iter_rows()}
    assert bounds["lynas"][0] >= 0 and bounds["lynas"][1] <= 0.1
    assert bounds["recycling"][0] > 0 and bounds["recycling"][1] < 0.5
    recycled = ref.supply.filter(pl.col("source") == "recycling")
    assert set(recycled.get_column("element")) <= {"Nd", "Pr", "Dy", "Tb", "Sm"}


def _total_demand(ref: Dataset) -> pl.DataFrame:
    """Total demand: direct demand plus units × kg per unit / 1000, per element and quarter."""
    from_products = (
        ref.products.join(ref.bom, on="product")
        .with_columns((pl.col("units") * pl.col("kg_per_unit") / 1000).alias("tonnes"))
        .select("element", "period", "tonnes")
    )
    return (
        pl.concat([ref.demand, from_products])
        .group_by("element", "period")
        .agg(pl.col("tonnes").sum())
    )


def test_buyer_needs_a_few_thousand_tonnes_a_year(ref: Dataset) -> None:
    yearly = (
        _total_demand(ref)
        .group_by(pl.col("period").str.slice(0, 4).alias("year"))
        .agg(pl.col("tonnes").sum())
    )
    assert yearly.height == 5
    assert yearly.get_column("tonnes").is_between(2_000, 6_000).all()


def test_half_of_the_big_light_elements_can_leave_china(ref: Dataset) -> None:
    """The diversified story needs Lynas + recycling for ≥ 50% of Nd, Pr, Ce each quarter
    (and over a third of La), while the heavies start mostly Chinese."""
    elsewhere = (
        ref.supply.filter(pl.col("source") != "china")
        .group_by("element", "period")
        .agg(pl.col("capacity_t").sum().alias("capacity"))
    )
    joined = _total_demand(ref).join(elsewhere, on=["element", "period"], how="left")
    big = joined.filter(pl.col("element").is_in(["Nd", "Pr", "Ce"]))
    assert big.height == 3 * len(QUARTERS)
    assert (big.get_column("capacity") >= 0.5 * big.get_column("tonnes")).all()
    la = joined.filter(pl.col("element") == "La")
    assert (la.get_column("capacity") >= 0.35 * la.get_column("tonnes")).all()
    heavy = joined.filter(pl.col("element").is_in(["Dy", "Tb"]) & (pl.col("period") == "2026Q1"))
    assert (heavy.get_column("capacity") < 0.5 * heavy.get_column("tonnes")).all()


def test_readme_cites_the_sources() -> None:
    text = (REFERENCE / "README.md").read_text(encoding="utf-8")
    for name in (
        "USGS",
        "IEA",
        "Lynas FY25",
        "JARE",
        "SMM",
        "Argus",
        "Creamer Media",
        "assumption",
    ):
        assert name in text
