"""The edits a planner makes, as functions from one immutable plan to the next.

The screens call these and push the result onto the history; keeping them free of
Textual lets the tests check each edit without an app. An element entry that ends up
saying nothing (no split, stockpile, note or schedule) is removed, so the saved file
does not grow empty ``[elements.X]`` tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tui.domain.period import period_index
from tui.domain.plan import ElementPlan, Horizon, Number, Plan, ScheduleStep, Split, StressCase


def _entry(plan: Plan, element: str) -> ElementPlan:
    return plan.elements.get(element, ElementPlan())


def _put(plan: Plan, element: str, entry: ElementPlan) -> Plan:
    if entry == ElementPlan():
        return plan.without_element(element)
    return plan.with_element(element, entry)


def set_split(plan: Plan, element: str, split: Split) -> Plan:
    """The element's own split (its base split, before any schedule step)."""
    return _put(plan, element, replace(_entry(plan, element), split=split))


def set_stockpile(plan: Plan, element: str, days: Number | None) -> Plan:
    """Days of stock held for the element; None falls back to ``[defaults]``."""
    return _put(plan, element, replace(_entry(plan, element), stockpile_days=days))


def set_note(plan: Plan, element: str, note: str | None) -> Plan:
    """The planner's rationale; blank text removes the note."""
    cleaned = note.strip() if note is not None else ""
    return _put(plan, element, replace(_entry(plan, element), note=cleaned or None))


def set_element(
    plan: Plan, element: str, split: Split | None, days: Number | None, note: str | None
) -> Plan:
    """What the element form saves in one step (one undo entry)."""
    cleaned = note.strip() if note is not None else ""
    entry = replace(_entry(plan, element), split=split, stockpile_days=days, note=cleaned or None)
    return _put(plan, element, entry)


def set_schedule(plan: Plan, element: str, steps: Sequence[ScheduleStep]) -> Plan:
    """Replace the element's schedule; steps are kept in period order, one per quarter.

    Raises ValueError if two steps start in the same quarter (the file format needs
    strictly increasing ``from``).
    """
    ordered = sorted(steps, key=lambda step: period_index(step.start))
    starts = [step.start for step in ordered]
    if len(set(starts)) != len(starts):
        raise ValueError("two schedule steps start in the same quarter")
    return _put(plan, element, replace(_entry(plan, element), schedule=tuple(ordered)))


def add_stress(plan: Plan, case: StressCase) -> Plan:
    return plan.with_stress([*plan.stress, case])


def replace_stress(plan: Plan, index: int, case: StressCase) -> Plan:
    cases = list(plan.stress)
    cases[index] = case
    return plan.with_stress(cases)


def remove_stress(plan: Plan, index: int) -> Plan:
    return plan.with_stress(c for i, c in enumerate(plan.stress) if i != index)


def set_details(
    plan: Plan,
    *,
    name: str,
    author: str | None,
    description: str | None,
    target: Number | None,
    horizon: Horizon | None,
) -> Plan:
    """The plan's own fields; blank texts are left out of the file.

    Raises ValueError for an empty name, a target outside 0–100 or a horizon that ends
    before it starts.
    """
    if not name.strip():
        raise ValueError("name: a plan needs a name")
    if target is not None and not 0 <= target <= 100:
        raise ValueError("target: a percent from 0 to 100")
    if horizon is not None and period_index(horizon.end) < period_index(horizon.start):
        raise ValueError("horizon: the end is before the start")
    return replace(
        plan,
        name=name.strip(),
        author=(author or "").strip() or None,
        description=(description or "").strip() or None,
        target_china_exposure=target,
        horizon=horizon,
    )
