"""The solver's shares turned into a plan a planner can read, save and review.

Shares are whole tenths of a percent (the integer form of the model), written with
at most one decimal and summing to exactly 100. Each changed element's note gets a
part saying what was asked, after the planner's own words (``JARE priority on Lynas
NdPr · suggested: least cost under 50% China exposure``); kept elements and elements
the horizon gives no demand stay as the plan had them.
"""

from __future__ import annotations

from dataclasses import replace

from tui.domain.plan import ElementPlan, Number, Plan, ScheduleStep, Split
from tui.suggest.model import UNITS, Model

SUGGESTED = "suggested: "
"""How the part of a note that a suggestion wrote begins."""
NOTE_SEPARATOR = " · "
"""Between the planner's note and the suggestion's part: one line, as the app's
element pane and its one-line note field show a note."""


def noted(note: str | None, suggestion: str) -> str:
    """The planner's ``note`` with ``suggestion`` as its last part.

    An earlier suggestion's part (one beginning ``suggested: ``) is replaced, so that
    suggesting again does not pile them up; every other part is kept as written.
    """
    parts = [] if not note else note.split(NOTE_SEPARATOR)
    kept = [part for part in parts if part.strip() and not part.startswith(SUGGESTED)]
    return NOTE_SEPARATOR.join([*kept, suggestion])


def share_number(units: int) -> Number:
    """Tenths of a percent as the number a plan file shows: 40 or 38.9."""
    return units // 10 if units % 10 == 0 else round(units / 10, 1)


def split_of(units: dict[str, int]) -> Split:
    return Split({source: share_number(n) for source, n in units.items() if n})


def written_plan(
    model: Model, values: tuple[float, ...], columns: dict[tuple[int, int], int]
) -> tuple[Plan, list[str]]:
    """The suggested plan and the elements it changed, in dataset order."""
    market, limits = model.market, model.limits
    suggestion = f"{SUGGESTED}{limits.describe()}"
    chosen: dict[int, dict[int | None, Split]] = {}
    for k, segment in enumerate(model.segments):
        units = {source: round(values[columns[(k, s)]]) for s, source in enumerate(market.sources)}
        _check_whole(units)
        chosen.setdefault(segment.e, {})[segment.year] = split_of(units)
    plan = model.plan
    changed = []
    for e, by_year in chosen.items():
        element = market.elements[e]
        entry = _entry(model, e, by_year)
        old = plan.elements.get(element, ElementPlan())
        candidate = plan.with_element(element, replace(old, split=entry[0], schedule=entry[1]))
        if all(
            candidate.split_at(element, period) == plan.split_at(element, period)
            for period in market.periods
        ):
            continue
        plan = plan.with_element(
            element,
            replace(old, split=entry[0], schedule=entry[1], note=noted(old.note, suggestion)),
        )
        changed.append(element)
    return plan, changed


def _entry(
    model: Model, e: int, by_year: dict[int | None, Split]
) -> tuple[Split, tuple[ScheduleStep, ...]]:
    """One split for the horizon, or a split for its first year and a step per change."""
    if None in by_year:
        return by_year[None], ()
    years = [year for year, _ in model.market.years()]
    # A year without demand follows the year before it (or the first year with demand).
    first = next(year for year in years if year in by_year)
    current = by_year[first]
    splits = []
    for year in years:
        current = by_year.get(year, current)
        splits.append((year, current))
    steps = []
    previous = splits[0][1]
    for year, split in splits[1:]:
        if split != previous:
            steps.append(ScheduleStep(f"{year}Q1", split))
        previous = split
    return splits[0][1], tuple(steps)


def _check_whole(units: dict[str, int]) -> None:
    if sum(units.values()) != UNITS:
        raise ValueError(f"shares sum to {sum(units.values())} tenths, not {UNITS}")
