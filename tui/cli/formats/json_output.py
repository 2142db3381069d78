"""An evaluation as one JSON object: the documented keys, in their documented order.

Scripts read this, so its shape is a contract (the CLI tests pin it): the header, then
per case the portfolio, the elements, with ``--periods`` the quarters and, when the
dataset has products, the products. The buying figures (spot, exposure as bought,
stock cost, total cost, value short) follow the contract figures in each object.

The rows are written by polars from the result frames (``write_ndjson``), not built as
Python dicts value by value: a large plan has hundreds of thousands of figures. Figures
are rounded to 12 significant digits at output (see ``rounding``); shares are fractions
0–1; a missing figure is ``null``. Non-finite numbers are refused: they can only come
from a bug upstream that should be seen, not papered over.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import polars as pl

from tui.cli.formats.rounding import rounded
from tui.domain.figures import (
    ELEMENT_FIGURES,
    PORTFOLIO_FIGURES,
    PRODUCT_FIGURES,
    spot_column,
    supplied_column,
)

if TYPE_CHECKING:
    from tui.engine.results import CaseResult, Evaluation

PERIOD_KEYS = (  # per quarter: fewer than the engine has, then the per-source tonnes
    "element",
    "period",
    "demand_t",
    "supplied_t",
    "gap_t",
    "china_exposure",
    "shortfall_t",
    "supplied_by",
    "spot_t",
    "china_exposure_bought",
    "spot_by",
)


def dumps(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False)


def _array(frame: pl.DataFrame, indent: str, extra: str = "") -> str:
    """The (rounded) frame's rows as a JSON array, one object per line; ``extra`` is a
    last ``"key": value`` member added to every object."""
    if frame.height == 0:
        return "[]"
    lines = frame.write_ndjson().rstrip("\n").split("\n")
    if extra:
        lines = [line[:-1] + "," + extra + "}" for line in lines]
    return "[\n" + ",\n".join(indent + line for line in lines) + "\n" + indent[:-2] + "]"


def _checked(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame rounded for output, once it is known to hold only finite numbers."""
    _refuse_non_finite(frame)
    return rounded(frame)


def _refuse_non_finite(frame: pl.DataFrame) -> None:
    floats = frame.select(pl.col(pl.Float64))
    if (
        floats.width
        and not floats.select(
            pl.all_horizontal(pl.all().is_finite() | pl.all().is_null()).all()
        ).item()
    ):
        raise ValueError("a figure is not a finite number")


def _periods(frame: pl.DataFrame, sources: Sequence[str], spot: Sequence[str]) -> pl.DataFrame:
    """The quarters with tonnes per source nested as ``supplied_by`` and ``spot_by``
    (``spot_by`` left out when no source sells spot: polars has no empty object)."""
    nested = {
        "supplied_by": pl.struct([pl.col(supplied_column(s)).alias(s) for s in sources]),
        "spot_by": pl.struct([pl.col(spot_column(s)).alias(s) for s in spot]) if spot else None,
    }
    columns = []
    for key in PERIOD_KEYS:
        if key not in nested:
            columns.append(pl.col(key))
        elif (expr := nested[key]) is not None:
            columns.append(expr.alias(key))
    return frame.select(columns)


def _case(
    case: CaseResult,
    sources: Sequence[str],
    spot: Sequence[str],
    *,
    periods: bool,
    products: bool,
) -> str:
    indent = " " * 8
    portfolio = {key: getattr(case.portfolio, key) for key in PORTFOLIO_FIGURES}
    portfolio_row = pl.DataFrame([portfolio], schema=dict.fromkeys(portfolio, pl.Float64))
    parts = [
        f'"case": {json.dumps(case.case, ensure_ascii=False)}',
        '"portfolio": ' + _checked(portfolio_row).write_ndjson().strip(),
        '"elements": ' + _array(_checked(case.elements.select(ELEMENT_FIGURES)), indent),
    ]
    if periods:
        extra = "" if spot else '"spot_by":{}'
        frame = _periods(_checked(case.periods), sources, spot)
        parts.append('"periods": ' + _array(frame, indent, extra))
    if products:
        frame = _checked(case.products.select(PRODUCT_FIGURES))
        parts.append('"products": ' + _array(frame, indent))
    return "{\n      " + ",\n      ".join(parts) + "\n    }"


def evaluation_json(
    evaluation: Evaluation,
    *,
    dataset: str,
    warnings: Sequence[str],
    periods: bool,
    products: bool,
) -> str:
    """The documented object as text. ``products``: whether the dataset has products."""
    head = {
        "plan": evaluation.plan.name,
        "dataset": dataset,
        "horizon": {"start": evaluation.start, "end": evaluation.end},
        "warnings": list(warnings),
    }
    header = ",\n".join(
        f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in head.items()
    )
    cases = ",\n    ".join(
        _case(
            case,
            evaluation.sources,
            evaluation.spot_sources,
            periods=periods,
            products=products,
        )
        for case in evaluation.cases
    )
    return "{\n" + header + ',\n  "cases": [\n    ' + cases + "\n  ]\n}"
