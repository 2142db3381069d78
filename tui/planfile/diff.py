"""What changed between two plans, in the planner's terms (``replan diff``, the compare view).

A structural comparison of the plans themselves — no dataset, no engine: the caller adds
the change in the figures. Splits are compared as they are in force (an element's own
split, else the default), schedules step by step per ``from`` period, so that moving an
element from the defaults to an identical split of its own is not reported as a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tui.domain.period import period_index
from tui.domain.plan import Plan, ScheduleStep, Split, StressCase
from tui.planfile.words import show_number
from tui.present.splits import split_text

ABSENT = "(none)"

Area = Literal["metadata", "element", "stress"]


@dataclass(frozen=True)
class PlanChange:
    """One difference: ``key`` is the metadata key, element symbol or stress case name;
    ``field`` what about it changed (``split``, ``schedule 2027Q1``, ``stockpile_days``,
    ``note``, a stress field, ``case`` for a whole case added or removed; empty for
    metadata); ``before`` / ``after`` are display text, ``(none)`` when absent."""

    area: Area
    key: str
    field: str
    before: str
    after: str

    def __str__(self) -> str:
        if self.area == "stress":
            subject = f'stress "{self.key}" {self.field}'
        else:
            subject = f"{self.key} {self.field}".strip()
        return f"{subject}: {self.before} → {self.after}"


def diff_plans(a: Plan, b: Plan) -> list[PlanChange]:
    """Every difference from plan ``a`` to plan ``b``: metadata, elements, then stress."""
    return [*_metadata(a, b), *_elements(a, b), *_stress(a, b)]


# --- metadata -----------------------------------------------------------------------


def _metadata(a: Plan, b: Plan) -> list[PlanChange]:
    changes: list[PlanChange] = []

    def compare(key: str, before: str, after: str, field: str = "") -> None:
        if before != after:
            changes.append(PlanChange("metadata", key, field, before, after))

    compare("name", a.name, b.name)
    compare("dataset", a.dataset, b.dataset)
    compare("author", _text(a.author), _text(b.author))
    compare("description", _text(a.description), _text(b.description))
    compare("horizon", _horizon(a), _horizon(b))
    compare(
        "target_china_exposure",
        _percent(a.target_china_exposure),
        _percent(b.target_china_exposure),
    )
    compare(
        "stock_carrying_cost",
        _per_year(a.stock_carrying_cost),
        _per_year(b.stock_carrying_cost),
    )
    a_defaults, b_defaults = a.defaults, b.defaults
    a_split = a_defaults.split if a_defaults else None
    b_split = b_defaults.split if b_defaults else None
    if not _same_split(a_split, b_split):
        order = _source_order(a_split, b_split)
        compare("defaults", _split_text(a_split, order), _split_text(b_split, order), "split")
    compare(
        "defaults",
        _days(a_defaults.stockpile_days if a_defaults else None),
        _days(b_defaults.stockpile_days if b_defaults else None),
        "stockpile_days",
    )
    return changes


def _horizon(plan: Plan) -> str:
    if plan.horizon is None:
        return "(default: quarters with demand)"
    return f"{plan.horizon.start}–{plan.horizon.end}"


# --- elements -----------------------------------------------------------------------


def _elements(a: Plan, b: Plan) -> list[PlanChange]:
    changes: list[PlanChange] = []
    symbols = list(dict.fromkeys([*a.elements, *b.elements]))
    for symbol in symbols:
        changes.extend(_element(a, b, symbol))
    return changes


def _element(a: Plan, b: Plan, symbol: str) -> list[PlanChange]:
    changes: list[PlanChange] = []
    before, after = a.base_split(symbol), b.base_split(symbol)
    if not _same_split(before, after):
        order = _source_order(before, after)
        changes.append(
            PlanChange(
                "element",
                symbol,
                "split",
                _split_text(before, order, _from_defaults(a, symbol)),
                _split_text(after, order, _from_defaults(b, symbol)),
            )
        )
    changes.extend(_schedule(symbol, a.schedule(symbol), b.schedule(symbol)))
    days_before, days_after = _days(a.stockpile_days(symbol)), _days(b.stockpile_days(symbol))
    if days_before != days_after:
        changes.append(PlanChange("element", symbol, "stockpile_days", days_before, days_after))
    note_before, note_after = _text(_note(a, symbol)), _text(_note(b, symbol))
    if note_before != note_after:
        changes.append(PlanChange("element", symbol, "note", note_before, note_after))
    return changes


def _schedule(
    symbol: str, before: tuple[ScheduleStep, ...], after: tuple[ScheduleStep, ...]
) -> list[PlanChange]:
    old = {step.start: step.split for step in before}
    new = {step.start: step.split for step in after}
    changes = []
    for start in sorted({*old, *new}, key=period_index):
        if _same_split(old.get(start), new.get(start)):
            continue
        order = _source_order(old.get(start), new.get(start))
        changes.append(
            PlanChange(
                "element",
                symbol,
                f"schedule {start}",
                _split_text(old.get(start), order),
                _split_text(new.get(start), order),
            )
        )
    return changes


def _from_defaults(plan: Plan, symbol: str) -> bool:
    entry = plan.elements.get(symbol)
    return (entry is None or entry.split is None) and plan.base_split(symbol) is not None


def _note(plan: Plan, symbol: str) -> str | None:
    entry = plan.elements.get(symbol)
    return entry.note if entry is not None else None


# --- stress cases -------------------------------------------------------------------


def _stress(a: Plan, b: Plan) -> list[PlanChange]:
    old = {case.name: case for case in a.stress}
    new = {case.name: case for case in b.stress}
    changes: list[PlanChange] = []
    for name in dict.fromkeys([*old, *new]):
        if name not in new:
            changes.append(PlanChange("stress", name, "case", _case_text(old[name]), ABSENT))
        elif name not in old:
            changes.append(PlanChange("stress", name, "case", ABSENT, _case_text(new[name])))
        else:
            for field, before, after in _case_fields(old[name], new[name]):
                if before != after:
                    changes.append(PlanChange("stress", name, field, before, after))
    return changes


def _case_fields(a: StressCase, b: StressCase) -> list[tuple[str, str, str]]:
    return [
        ("source", a.source, b.source),
        ("start", a.start, b.start),
        ("months", _count(a.months), _count(b.months)),
        ("days", _count(a.days), _count(b.days)),
        ("severity", _percent(a.severity), _percent(b.severity)),
        ("price_factor", _factor(a.price_factor), _factor(b.price_factor)),
        ("elements", _case_elements(a), _case_elements(b)),
    ]


def _case_text(case: StressCase) -> str:
    price = "" if case.price_factor == 1 else f", spot price {_factor(case.price_factor)}"
    return (
        f"{case.source} from {case.start} for {case.duration_text} at "
        f"{_percent(case.severity)}{price}, {_case_elements(case)}"
    )


def _case_elements(case: StressCase) -> str:
    return "all elements" if case.elements is None else ", ".join(case.elements)


# --- display text -------------------------------------------------------------------


def _same_split(a: Split | None, b: Split | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.nonzero() == b.nonzero()


def _source_order(*splits: Split | None) -> list[str]:
    order: dict[str, None] = {}
    for split in splits:
        if split is not None:
            order.update(dict.fromkeys(split.nonzero()))
    return list(order)


def _split_text(split: Split | None, order: list[str], from_defaults: bool = False) -> str:
    if split is None:
        return ABSENT
    text = split_text(split, order, separator=", ", unit="%")
    return f"{text} (defaults)" if from_defaults else text


def _percent(value: float | None) -> str:
    return ABSENT if value is None else f"{show_number(value)}%"


def _per_year(value: float | None) -> str:
    return ABSENT if value is None else f"{show_number(value)}% a year"


def _count(value: int | None) -> str:
    return ABSENT if value is None else str(value)


def _factor(value: float) -> str:
    return f"×{show_number(value)}"


def _days(value: float | None) -> str:
    return ABSENT if value is None else f"{show_number(value)} days"


def _text(value: str | None) -> str:
    return ABSENT if value is None else value
