"""The tables of an export: each plan's results as frames a manager or a script reads.

Built from the engine's result frames, taking their columns as they come (after the
figure order of ``tui.domain.figures``), so figures the engine adds are exported too.

- ``summary``: one row per plan and case, the headline (portfolio) figures, and on the
  base case's row the premium over buying everything from China
- ``elements``: per plan, case and element
- ``quarters`` (asked for): per plan, case, element and quarter
- ``supply``: per plan and quarter of the base case, demand and what each source delivers
- ``products``: per plan, case and product (when a dataset has products)
- ``splits``: per plan and element, the share of each source from each quarter on
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import polars as pl

from tui.domain.figures import ELEMENT_FIGURES, PERIOD_FIGURES, PORTFOLIO_FIGURES, PRODUCT_FIGURES

if TYPE_CHECKING:
    from tui.engine.results import Evaluation

ID_COLUMNS = ("file", "plan", "case")
SUPPLIED = "supplied_"


@dataclass(frozen=True)
class PlanResults:
    """One evaluated plan: the file it came from, its dataset's name and its figures."""

    file: str
    dataset: str
    evaluation: Evaluation


def report_tables(items: Sequence[PlanResults], *, periods: bool) -> dict[str, pl.DataFrame]:
    """The export's tables by name, in the order they are shown."""
    tables: dict[str, list[pl.DataFrame]] = {
        "summary": [],
        "elements": [],
        "quarters": [],
        "supply": [],
        "products": [],
        "splits": [],
    }
    for item in _told_apart(items):
        evaluation = item.evaluation
        tables["summary"].append(_summary(item))
        for case in evaluation.cases:
            ids = {"file": item.file, "plan": evaluation.plan.name, "case": case.case}
            tables["elements"].append(_with_ids(case.elements, ids, ELEMENT_FIGURES))
            if periods:
                tables["quarters"].append(_with_ids(case.periods, ids, PERIOD_FIGURES))
            if case.products.height:
                tables["products"].append(_with_ids(case.products, ids, PRODUCT_FIGURES))
        tables["supply"].append(_supply(item))
        tables["splits"].append(_splits(item))
    return {name: pl.concat(frames, how="diagonal") for name, frames in tables.items() if frames}


def _told_apart(items: Sequence[PlanResults]) -> list[PlanResults]:
    """The same plan exported twice is labelled ``file (2)`` the second time, so that
    every row (and every chart) belongs to one plan."""
    seen: dict[tuple[str, str], int] = {}
    told = []
    for item in items:
        key = (item.file, item.evaluation.plan.name)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            item = dataclasses.replace(item, file=f"{item.file} ({seen[key]})")
        told.append(item)
    return told


def _ordered(columns: Sequence[str], known: Sequence[str]) -> list[str]:
    """The figures in their usual order, then any the list does not know yet."""
    first = [c for c in known if c in columns]
    return first + [c for c in columns if c not in first]


def _with_ids(frame: pl.DataFrame, ids: dict[str, str], known: Sequence[str]) -> pl.DataFrame:
    columns = _ordered(frame.columns, known)
    return frame.select(
        *(pl.lit(value, pl.String).alias(name) for name, value in ids.items()), *columns
    )


def _summary(item: PlanResults) -> pl.DataFrame:
    evaluation = item.evaluation
    rows: list[dict[str, Any]] = []
    for case in evaluation.cases:
        figures = {
            f.name: getattr(case.portfolio, f.name) for f in dataclasses.fields(case.portfolio)
        }
        row: dict[str, Any] = {
            "file": item.file,
            "plan": evaluation.plan.name,
            "case": case.case,
            "dataset": item.dataset,
            "horizon": f"{evaluation.start}–{evaluation.end}",
        }
        row |= {name: _float(figures[name]) for name in _ordered(list(figures), PORTFOLIO_FIGURES)}
        row["worst_days_short"] = float(case.worst_days_short)
        # what the plan costs over buying everything from China: a plan-wide figure
        row["premium_usd"] = float(evaluation.premium_usd) if case is evaluation.base else None
        rows.append(row)
    return pl.DataFrame(rows, infer_schema_length=None)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _supply(item: PlanResults) -> pl.DataFrame:
    """Base case per quarter: demand, and what each source delivers (and spot, if any)."""
    evaluation = item.evaluation
    periods = evaluation.base.periods
    tonnes = [
        c
        for c in periods.columns
        if c.startswith(SUPPLIED) or c in ("demand_t", "supplied_t", "spot_t", "shortfall_t")
    ]
    totals = (
        periods.group_by("period", maintain_order=True).agg(pl.col(tonnes).sum()).sort("period")
    )
    return totals.select(
        pl.lit(item.file, pl.String).alias("file"),
        pl.lit(evaluation.plan.name, pl.String).alias("plan"),
        "period",
        *tonnes,
    )


def _splits(item: PlanResults) -> pl.DataFrame:
    """Each element's split from the start, then from each schedule step, as fractions."""
    evaluation = item.evaluation
    plan = evaluation.plan
    rows: list[dict[str, Any]] = []
    elements = evaluation.base.elements.get_column("element").to_list()
    for element in elements:
        steps = [(evaluation.start, plan.base_split(element))]
        steps += [(step.start, step.split) for step in plan.schedule(element)]
        for start, split in steps:
            row: dict[str, Any] = {
                "file": item.file,
                "plan": plan.name,
                "element": element,
                "from": start,
                "stockpile_days": float(plan.stockpile_days(element)),
            }
            for source in evaluation.sources:
                row[f"share_{source}"] = None if split is None else split.fraction(source)
            rows.append(row)
    return pl.DataFrame(rows, infer_schema_length=None)
