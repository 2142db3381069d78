"""Writing plans as canonical TOML (SPEC §4): the same plan always gives the same bytes.

Teams review plan files in pull requests and merge each other's edits, so the layout is
fixed: keys in one order, elements and sources in dataset order, zero shares and absent
values left out, numbers as they were given. Each element lives in its own
``[elements.X]`` sections, so editing one element changes only that element's lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import tomli_w

from tui.domain.plan import Defaults, ElementPlan, Plan, Split, StressCase
from tui.planfile.schema import plan_from_document


def plan_to_toml(
    plan: Plan,
    element_order: Sequence[str] = (),
    source_order: Sequence[str] = (),
    *,
    file: str = "plan",
) -> str:
    """The plan as canonical TOML; raises PlanError (naming ``file``) if it is not valid.

    Validating the document before writing means nothing is saved that replan could
    not read back — no nan or inf, no split that does not sum to 100.
    """
    document = plan_document(plan, element_order, source_order)
    plan_from_document(document, file)
    return tomli_w.dumps(document)


def plan_document(
    plan: Plan, element_order: Sequence[str] = (), source_order: Sequence[str] = ()
) -> dict[str, Any]:
    """The plan as a TOML-ready dict in canonical key order (None values left out)."""
    document: dict[str, Any] = {"format": plan.format, "name": plan.name, "dataset": plan.dataset}
    _put(document, "author", plan.author)
    _put(document, "description", plan.description)
    if plan.horizon is not None:
        document["horizon"] = {"start": plan.horizon.start, "end": plan.horizon.end}
    _put(document, "target_china_exposure", plan.target_china_exposure)
    _put(document, "stock_carrying_cost", plan.stock_carrying_cost)
    defaults = _defaults(plan.defaults, source_order)
    if defaults:
        document["defaults"] = defaults
    if plan.elements:
        document["elements"] = {
            symbol: _element(plan.elements[symbol], source_order)
            for symbol in ordered(plan.elements, element_order)
        }
    if plan.stress:
        document["stress"] = [_case(case) for case in plan.stress]
    return document


def ordered(present: Iterable[str], order: Sequence[str]) -> list[str]:
    """``present`` keys in ``order`` first, then the rest as they come."""
    keys = list(present)
    wanted = set(keys)
    first = list(dict.fromkeys(key for key in order if key in wanted))
    placed = set(first)
    return first + [key for key in keys if key not in placed]


def _put(table: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        table[key] = value


def _shares(split: Split, source_order: Sequence[str]) -> dict[str, Any]:
    shares: Mapping[str, object] = split.shares
    return {
        source: shares[source]
        for source in ordered(shares, source_order)
        if not _is_zero(shares[source])
    }


def _is_zero(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == 0


def _defaults(defaults: Defaults | None, source_order: Sequence[str]) -> dict[str, Any]:
    if defaults is None:
        return {}
    table: dict[str, Any] = {}
    if defaults.split is not None:
        table["split"] = _shares(defaults.split, source_order)
    _put(table, "stockpile_days", defaults.stockpile_days)
    return table


def _element(entry: ElementPlan, source_order: Sequence[str]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    _put(table, "stockpile_days", entry.stockpile_days)
    _put(table, "note", entry.note)
    if entry.split is not None:
        table["split"] = _shares(entry.split, source_order)
    if entry.schedule:
        table["schedule"] = [
            {"from": step.start, "split": _shares(step.split, source_order)}
            for step in entry.schedule
        ]
    return table


def _case(case: StressCase) -> dict[str, Any]:
    table: dict[str, Any] = {
        "name": case.name,
        "source": case.source,
        "start": case.start,
    }
    _put(table, "months", case.months)
    _put(table, "days", case.days)
    table["severity"] = case.severity
    if not (type(case.price_factor) is int and case.price_factor == 1):
        table["price_factor"] = case.price_factor  # the default (int 1) is left out
    if case.elements is not None:
        table["elements"] = list(case.elements)
    return table
