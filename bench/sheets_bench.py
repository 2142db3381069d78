"""Spreadsheet figures: importing a large workbook and exporting the reference plan.

The large workbook is the template filled with tests/synthetic.py's dataset of 2,000
products × 20 elements × 6 sources × 40 quarters (about 80,000 product rows); the
import reads, checks and writes it as a dataset folder, as ``replan data import`` does.
The export evaluates plans/target-2027.toml and writes its workbook with quarters and
charts, as ``replan export --periods`` does.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import polars as pl

from bench.timing import median_ms, row
from tui.domain.dataset import Dataset

ROOT = Path(__file__).resolve().parent.parent


def dataset_frames(dataset: Dataset) -> dict[str, pl.DataFrame]:
    """A Dataset as the frames of its files (what the template is filled from)."""
    return {
        "elements.csv": pl.DataFrame(
            [(e.symbol, e.name, e.group) for e in dataset.elements],
            schema=["element", "name", "group"],
            orient="row",
        ),
        "sources.csv": pl.DataFrame(
            [(s.id, s.name, s.origin) for s in dataset.sources],
            schema=["source", "name", "origin"],
            orient="row",
        ),
        "demand.csv": dataset.demand,
        "supply.csv": dataset.supply,
        "products.csv": dataset.products,
        "bom.csv": dataset.bom,
    }


def run_sheets_bench(repeat: int = 5) -> dict[str, float]:
    from bench.synthetic import make_dataset
    from tui.cli.evaluate import evaluate_file
    from tui.spreadsheet.export import export
    from tui.spreadsheet.importer import import_dataset
    from tui.spreadsheet.report import PlanResults
    from tui.spreadsheet.template import write_template

    print("\nSpreadsheets (medians of repeated runs in one process)")
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        book = work / "large.xlsx"
        large = make_dataset(2000, 20, 6, 40, seed=0)
        write_template(book, dataset_frames(large))
        rows = large.products.height + large.bom.height + large.supply.height
        data = work / "data"

        def import_large() -> None:
            import_dataset(book, "large", data, force=True)

        imported = median_ms(import_large, repeat, warmup=1)
        figures["large_import_s"] = imported / 1000
        print(
            row(
                f"import of the large workbook ({rows:,} rows), checked and written", imported, "ms"
            )
        )

        plan = ROOT / "plans" / "target-2027.toml"

        def export_reference() -> None:
            item = evaluate_file(plan, None)
            results = PlanResults(item.file, item.dataset.name, item.evaluation)
            export([results], work / "reference.xlsx", periods=True)

        exported = median_ms(export_reference, repeat * 2, warmup=2)
        figures["reference_export_s"] = exported / 1000
        print(row("export of target-2027 with quarters and charts (.xlsx)", exported, "ms"))
    return figures
