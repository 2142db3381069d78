"""The exported workbook, read back, gives the engine's figures, and has its charts."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tui.cli.evaluate import evaluate_file
from tui.domain.figures import ELEMENT_FIGURES
from tui.spreadsheet.cells import column_letter
from tui.spreadsheet.export import export, number_format
from tui.spreadsheet.report import PlanResults

REPO = Path(__file__).resolve().parents[2]
PLANS = [REPO / "plans" / "japan-2025.toml", REPO / "plans" / "baseline.toml"]


def _results(path: Path) -> PlanResults:
    item = evaluate_file(path, None)
    return PlanResults(item.file, item.dataset.name, item.evaluation)


@pytest.fixture(scope="module")
def items() -> list[PlanResults]:
    return [_results(path) for path in PLANS]


@pytest.fixture(scope="module")
def workbook(items: list[PlanResults], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "results.xlsx"
    assert export(items, out, periods=True) == [out]
    return out


def _sheet(book: Path, name: str) -> pl.DataFrame:
    return pl.read_excel(book, sheet_name=name)


def test_summary_has_every_plan_and_case_with_its_headline(
    workbook: Path, items: list[PlanResults]
) -> None:
    summary = _sheet(workbook, "summary")
    expected = [
        (item.evaluation.plan.name, case.case, dataclasses.asdict(case.portfolio))
        for item in items
        for case in item.evaluation.cases
    ]
    assert summary.select("plan", "case").rows() == [(p, c) for p, c, _ in expected]
    for row, (_, _, portfolio) in zip(summary.iter_rows(named=True), expected, strict=True):
        for figure, value in portfolio.items():
            assert row[figure] == pytest.approx(value, rel=1e-12, abs=1e-9), figure
    premiums = summary.filter(pl.col("case") == "base").get_column("premium_usd").to_list()
    assert premiums == [pytest.approx(item.evaluation.premium_usd) for item in items]
    stress_rows = sum(len(item.evaluation.stress_cases) for item in items)
    stress = summary.filter(pl.col("case") != "base").get_column("premium_usd")
    assert stress.len() == stress_rows and stress.null_count() == stress_rows


def test_elements_sheet_gives_the_engine_figures(workbook: Path, items: list[PlanResults]) -> None:
    elements = _sheet(workbook, "elements")
    first = 0
    for item in items:
        for case in item.evaluation.cases:
            mine = elements.slice(first, case.elements.height)
            first += case.elements.height
            assert set(mine.get_column("case")) == {case.case}
            assert_frame_equal(
                mine.select(ELEMENT_FIGURES),
                case.elements.select(ELEMENT_FIGURES),
                check_dtypes=False,
            )
    assert first == elements.height


def test_quarters_sheet_gives_the_engine_periods(workbook: Path, items: list[PlanResults]) -> None:
    quarters = _sheet(workbook, "quarters")
    base = items[0].evaluation.base.periods
    mine = quarters.filter(
        (pl.col("plan") == items[0].evaluation.plan.name) & (pl.col("case") == "base")
    )
    assert_frame_equal(mine.select(base.columns), base, check_dtypes=False)


def test_supply_sheet_sums_each_quarter(workbook: Path, items: list[PlanResults]) -> None:
    supply = _sheet(workbook, "supply")
    evaluation = items[0].evaluation
    mine = supply.filter(pl.col("plan") == evaluation.plan.name)
    assert mine.get_column("period").to_list() == list(evaluation.periods)
    periods = evaluation.base.periods
    for source in evaluation.sources:
        column = f"supplied_{source}"
        assert mine.get_column(column).sum() == pytest.approx(periods.get_column(column).sum())
    assert mine.get_column("demand_t").sum() == pytest.approx(evaluation.base.portfolio.demand_t)


def test_splits_sheet_gives_the_plan_shares(workbook: Path, items: list[PlanResults]) -> None:
    splits = _sheet(workbook, "splits")
    plan = items[0].evaluation.plan
    rows = splits.filter(pl.col("plan") == plan.name)
    for row in rows.iter_rows(named=True):
        split = plan.split_at(row["element"], row["from"])
        for source in items[0].evaluation.sources:
            share = row[f"share_{source}"]
            assert share == (None if split is None else pytest.approx(split.fraction(source)))


def test_products_sheet(workbook: Path, items: list[PlanResults]) -> None:
    products = _sheet(workbook, "products")
    base = items[0].evaluation.base.products
    mine = products.filter(
        (pl.col("plan") == items[0].evaluation.plan.name) & (pl.col("case") == "base")
    )
    assert_frame_equal(mine.select(base.columns), base, check_dtypes=False)


def test_workbook_has_native_charts_per_plan(workbook: Path, items: list[PlanResults]) -> None:
    with zipfile.ZipFile(workbook) as archive:
        charts = sorted(
            n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)
        )
        xml = [archive.read(n).decode() for n in charts]
    assert len(charts) == 2 * len(PLANS)
    exposure = [x for x in xml if "China exposure per element" in x]
    supply = [x for x in xml if "Supply by source against demand" in x]
    assert len(exposure) == len(supply) == len(PLANS)
    exposure_column = column_letter(_sheet(workbook, "elements").columns.index("china_exposure"))
    demand_column = column_letter(_sheet(workbook, "supply").columns.index("demand_t"))
    assert all(f"elements!${exposure_column}$" in x and "<c:barChart>" in x for x in exposure)
    assert all(f"supply!${demand_column}$" in x and "<c:lineChart>" in x for x in supply)
    planned_and_bought = re.findall(r"<c:ser>.*?<c:tx><c:v>([^<]*)</c:v>", exposure[0])
    assert planned_and_bought == ["planned", "as bought"]
    series = re.findall(r"<c:ser>.*?<c:tx><c:v>([^<]*)</c:v>", supply[0])
    sources = list(items[0].evaluation.sources)
    assert series == [*sources, "demand"]  # stacked sources, then the line


def test_number_formats_and_frozen_headers(workbook: Path) -> None:
    with zipfile.ZipFile(workbook) as archive:
        styles = archive.read("xl/styles.xml").decode()
        sheets = [
            archive.read(n).decode()
            for n in archive.namelist()
            if n.startswith("xl/worksheets/sheet")
        ]
    for text in ("#,##0.0 &quot;t&quot;", "0.0%", "&quot;$&quot;#,##0"):
        assert text in styles
    assert sum("<pane " in s for s in sheets) == len(sheets) - 1  # all but the charts
    assert sum("<autoFilter " in s or "tablePart" in s for s in sheets) >= len(sheets) - 1


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("demand_t", '#,##0.0 "t"'),
        ("supplied_lynas", '#,##0.0 "t"'),
        ("spot_china", '#,##0.0 "t"'),
        ("china_exposure_bought", "0.0%"),
        ("coverage", "0.0%"),
        ("total_cost_usd", '"$"#,##0'),
        ("units_short", "#,##0"),
        ("element", None),
    ],
)
def test_number_format_follows_the_unit(column: str, expected: str | None) -> None:
    assert number_format(column) == expected


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_csv_and_parquet_give_the_same_tables(
    suffix: str, items: list[PlanResults], workbook: Path, tmp_path: Path
) -> None:
    written = export(items, tmp_path / f"results{suffix}", periods=True)
    names = [p.name for p in written]
    assert names == [
        f"results-{t}{suffix}"
        for t in ("summary", "elements", "quarters", "supply", "products", "splits")
    ]
    for path in written:
        table = path.stem.removeprefix("results-")
        frame = pl.read_csv(path) if suffix == ".csv" else pl.read_parquet(path)
        sheet = _sheet(workbook, table)
        assert frame.columns == sheet.columns
        assert_frame_equal(frame, sheet, check_dtypes=False, rel_tol=1e-9)


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_the_same_plan_twice_is_told_apart(items: list[PlanResults], tmp_path: Path) -> None:
    out = tmp_path / "twice.xlsx"
    export([items[1], items[1]], out, periods=False)
    files = _sheet(out, "summary").get_column("file").unique(maintain_order=True).to_list()
    assert files == [items[1].file, f"{items[1].file} (2)"]
    with zipfile.ZipFile(out) as archive:
        assert len([n for n in archive.namelist() if n.startswith("xl/charts/chart")]) == 4


def test_figures_the_engine_adds_are_exported_too(items: list[PlanResults], tmp_path: Path) -> None:
    """Columns are taken from the result frames, so a new figure needs no change here."""
    evaluation = items[1].evaluation
    cases = tuple(
        dataclasses.replace(
            case,
            elements=case.elements.with_columns(pl.lit(2.0).alias("spot_t")),
            periods=case.periods.with_columns(pl.lit(0.5).alias("spot_t")),
        )
        for case in evaluation.cases
    )
    item = dataclasses.replace(items[1], evaluation=dataclasses.replace(evaluation, cases=cases))
    out = tmp_path / "more.xlsx"
    export([item], out, periods=True)
    assert set(_sheet(out, "elements").get_column("spot_t")) == {2.0}
    supply = _sheet(out, "supply")
    assert supply.get_column("spot_t").to_list() == [0.5 * len(evaluation.base.elements)] * len(
        evaluation.periods
    )
    with zipfile.ZipFile(out) as archive:
        supply_chart = [
            archive.read(n).decode()
            for n in archive.namelist()
            if n.startswith("xl/charts/chart") and "Supply by source" in archive.read(n).decode()
        ]
    series = re.findall(r"<c:ser>.*?<c:tx><c:v>([^<]*)</c:v>", supply_chart[0])
    assert series == [*evaluation.sources, "spot", "demand"]
