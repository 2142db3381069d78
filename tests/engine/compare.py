"""Turn an engine ``Evaluation`` into the reference's dict shape, and compare the two.

Only the documented columns of ``tui/engine/results.py`` are read, so a change to the
engine's frames that breaks the contract fails here rather than in a screen.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any

from tui.engine.results import CaseResult, Evaluation

ELEMENT_COLUMNS = [
    "element",
    "demand_t",
    "supplied_t",
    "gap_t",
    "coverage",
    "china_exposure",
    "cost_usd",
    "stockpile_t",
    "stockpile_drawn_t",
    "shortfall_t",
    "days_short",
]
PERIOD_COLUMNS = [
    "element",
    "period",
    "demand_t",
    "supplied_t",
    "gap_t",
    "china_exposure",
    "stockpile_drawn_t",
    "shortfall_t",
    "days_short",
]
PRODUCT_COLUMNS = ["product", "units", "units_short"]
PORTFOLIO_COLUMNS = [
    "demand_t",
    "supplied_t",
    "gap_t",
    "coverage",
    "china_exposure",
    "china_exposure_value",
    "cost_usd",
    "stockpile_drawn_t",
    "shortfall_t",
]

REL = 1e-9


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The engine's results in the reference's shape (SPEC §6 JSON plus ``periods``)."""
    return {
        "plan": evaluation.plan.name,
        "horizon": {"start": evaluation.start, "end": evaluation.end},
        "periods": list(evaluation.periods),
        "cases": [_case(case, evaluation.sources) for case in evaluation.cases],
    }


def _case(case: CaseResult, sources: tuple[str, ...]) -> dict[str, Any]:
    supplied = [f"supplied_{s}" for s in sources]
    assert case.elements.columns[: len(ELEMENT_COLUMNS)] == ELEMENT_COLUMNS
    assert case.periods.columns[: len(PERIOD_COLUMNS)] == PERIOD_COLUMNS
    assert all(name in case.periods.columns for name in supplied)
    periods = []
    for row in case.periods.to_dicts():
        out = {key: row[key] for key in PERIOD_COLUMNS}
        out["supplied_by"] = {s: row[f"supplied_{s}"] for s in sources}
        periods.append(out)
    return {
        "case": case.case,
        "portfolio": {
            k: v for k, v in dataclasses.asdict(case.portfolio).items() if k in PORTFOLIO_COLUMNS
        },
        "elements": case.elements.select(ELEMENT_COLUMNS).to_dicts(),
        "periods": periods,
        "products": case.products.select(PRODUCT_COLUMNS).to_dicts()
        if case.products.height
        else [],
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
        usd = max(1.0, *(c["portfolio"]["cost_usd"] for c in reference["cases"]))
        units = max([1.0, *(p["units"] for p in base["products"])])
        return cls(tonnes, max(usd, tonnes * 1000), units)

    def abs_tol(self, key: str) -> float:
        if key == "cost_usd":
            return REL * self.usd
        if key.endswith("_t") or key.startswith("supplied_by"):
            return REL * self.tonnes
        if key in ("units", "units_short"):
            return REL * self.units
        if key == "days_short":
            return REL * 365 / 4
        return REL


def differences(expected: Any, actual: Any, scales: Scales, path: str = "") -> list[str]:
    """Every place where ``actual`` differs from ``expected``, as readable lines."""
    key = path.rsplit(".", 1)[-1].split("[")[0]
    if path.split(".")[-2:-1] == ["supplied_by"]:
        key = "supplied_by"
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
