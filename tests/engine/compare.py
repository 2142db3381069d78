"""Turn an engine ``Evaluation`` into the reference's dict shape, and compare the two.

Only the documented columns of ``tui/engine/results.py`` are read, so a change to the
engine's frames that breaks the contract fails here rather than in a screen.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from tui.domain.figures import ELEMENT_FIGURES, PERIOD_FIGURES, PRODUCT_FIGURES
from tui.engine.results import CaseResult, Evaluation

ELEMENT_COLUMNS = list(ELEMENT_FIGURES)
PERIOD_COLUMNS = [name for name in PERIOD_FIGURES]
PRODUCT_COLUMNS = list(PRODUCT_FIGURES)

REL = 1e-9
BY_SOURCE = ("supplied_by", "planned_by", "spot_by")
"""The period figures given per source: tonnes, keyed by source id."""


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The engine's results in the reference's shape (the JSON output plus ``periods``)."""
    return {
        "plan": evaluation.plan.name,
        "horizon": {"start": evaluation.start, "end": evaluation.end},
        "periods": list(evaluation.periods),
        "cases": [
            _case(case, evaluation.sources, evaluation.spot_sources) for case in evaluation.cases
        ],
        "all_china_cost_usd": evaluation.all_china_cost_usd,
    }


def _case(case: CaseResult, sources: tuple[str, ...], spot: tuple[str, ...]) -> dict[str, Any]:
    supplied = [f"supplied_{s}" for s in sources]
    planned = [f"planned_{s}" for s in sources]
    bought = [f"spot_{s}" for s in spot]
    assert case.elements.columns == ELEMENT_COLUMNS, case.elements.columns
    assert case.periods.columns == PERIOD_COLUMNS + supplied + planned + bought, (
        case.periods.columns
    )
    assert case.products.columns == PRODUCT_COLUMNS, case.products.columns
    periods = []
    for row in case.periods.to_dicts():
        out = {key: row[key] for key in PERIOD_COLUMNS}
        out["supplied_by"] = {s: row[f"supplied_{s}"] for s in sources}
        out["planned_by"] = {s: row[f"planned_{s}"] for s in sources}
        out["spot_by"] = {s: row[f"spot_{s}"] for s in spot}
        periods.append(out)
    return {
        "case": case.case,
        "portfolio": dataclasses.asdict(case.portfolio),
        "elements": case.elements.to_dicts(),
        "periods": periods,
        "products": case.products.to_dicts() if case.products.height else [],
    }


@dataclasses.dataclass(frozen=True)
class Scales:
    """Sizes of the figures, so that cancellation noise (gap = D − ΣS) is absorbed."""

    tonnes: float
    usd: float
    units: float

    @classmethod
    def of(cls, reference: dict[str, Any]) -> Scales:
        base = reference["cases"][0]
        tonnes = max(1.0, base["portfolio"]["demand_t"])
        usd = max(
            1.0,
            reference["all_china_cost_usd"],
            *(c["portfolio"]["total_cost_usd"] for c in reference["cases"]),
            *(p["value_short_usd"] or 0.0 for c in reference["cases"] for p in c["products"]),
        )
        units = max([1.0, *(p["units"] for p in base["products"])])
        return cls(tonnes, max(usd, tonnes * 1000), units)

    def abs_tol(self, key: str) -> float:
        if key.endswith("_usd"):
            return REL * self.usd
        if key.endswith("_t") or key in BY_SOURCE:
            return REL * self.tonnes
        if key in ("units", "units_short"):
            return REL * self.units
        if key == "days_short":
            return REL * 365 / 4
        return REL


def differences(expected: Any, actual: Any, scales: Scales, path: str = "") -> list[str]:
    """Every place where ``actual`` differs from ``expected``, as readable lines."""
    key = path.rsplit(".", 1)[-1].split("[")[0]
    if path.split(".")[-2:-1] in ([name] for name in BY_SOURCE):
        key = path.split(".")[-2]
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(expected) != set(actual):
            got = sorted(actual) if isinstance(actual, dict) else actual
            return [f"{path}: keys {sorted(expected)} != {got}"]
        found: list[str] = []
        for name in expected:
            found += differences(expected[name], actual[name], scales, f"{path}.{name}")
        return found
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(expected) != len(actual):
            return [f"{path}: {len(expected)} rows expected, got {actual!r:.200}"]
        found = []
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            found += differences(e, a, scales, f"{path}[{_label(e, i)}]")
        return found
    if isinstance(expected, float) or isinstance(actual, float):
        if expected is None or actual is None:
            return [f"{path}: expected {expected!r}, engine {actual!r}"]
        if math.isclose(expected, actual, rel_tol=REL, abs_tol=scales.abs_tol(key)):
            return []
        return [f"{path}: expected {expected!r}, engine {actual!r}"]
    if expected != actual:
        return [f"{path}: expected {expected!r}, engine {actual!r}"]
    return []


def _label(row: Any, index: int) -> str:
    if isinstance(row, dict):
        parts = [str(row[k]) for k in ("case", "element", "period", "product") if k in row]
        if parts:
            return "/".join(parts)
    return str(index)
