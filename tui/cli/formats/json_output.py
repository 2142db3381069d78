"""An evaluation as the JSON object of SPEC §6, key for key and in that order.

Figures are plain unrounded floats (tonnes, USD), shares are fractions 0–1 and missing
figures are ``null``. Scripts read this, so its shape is a contract: the CLI tests pin
it. Non-finite numbers are refused (``allow_nan=False``): they would not be JSON, and
they can only come from a bug upstream that should be seen, not papered over.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tui.domain.figures import ELEMENT_FIGURES, PORTFOLIO_FIGURES, PRODUCT_FIGURES

if TYPE_CHECKING:
    import polars as pl

    from tui.engine.results import CaseResult, Evaluation

PERIOD_KEYS = (  # SPEC §6 per quarter (then supplied_by): fewer than the engine has
    "element",
    "period",
    "demand_t",
    "supplied_t",
    "gap_t",
    "china_exposure",
    "shortfall_t",
)


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _row(row: dict[str, Any], keys: Sequence[str], text_keys: Sequence[str]) -> dict[str, Any]:
    return {key: row[key] if key in text_keys else _number(row[key]) for key in keys}


def _rows(frame: pl.DataFrame, keys: Sequence[str], text_keys: Sequence[str]) -> list[dict]:
    return [_row(row, keys, text_keys) for row in frame.select(keys).iter_rows(named=True)]


def _periods(frame: pl.DataFrame, sources: Sequence[str]) -> list[dict[str, Any]]:
    rows = []
    for row in frame.iter_rows(named=True):
        item = _row(row, PERIOD_KEYS, ("element", "period"))
        item["supplied_by"] = {s: _number(row[f"supplied_{s}"]) for s in sources}
        rows.append(item)
    return rows


def case_to_dict(
    case: CaseResult, sources: Sequence[str], *, periods: bool, products: bool
) -> dict[str, Any]:
    portfolio = case.portfolio
    result: dict[str, Any] = {
        "case": case.case,
        "portfolio": {key: _number(getattr(portfolio, key)) for key in PORTFOLIO_FIGURES},
        "elements": _rows(case.elements, ELEMENT_FIGURES, ("element",)),
    }
    if periods:
        result["periods"] = _periods(case.periods, sources)
    if products:
        result["products"] = _rows(case.products, PRODUCT_FIGURES, ("product",))
    return result


def evaluation_to_dict(
    evaluation: Evaluation,
    *,
    dataset: str,
    warnings: Sequence[str],
    periods: bool,
    products: bool,
) -> dict[str, Any]:
    """The SPEC §6 object. ``products`` says whether the dataset has products at all."""
    return {
        "plan": evaluation.plan.name,
        "dataset": dataset,
        "horizon": {"start": evaluation.start, "end": evaluation.end},
        "warnings": list(warnings),
        "cases": [
            case_to_dict(case, evaluation.sources, periods=periods, products=products)
            for case in evaluation.cases
        ],
    }


def dumps(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)
