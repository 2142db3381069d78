"""The plan-file schema (SPEC §4, format 1): a parsed TOML document → a Plan.

Every rule is checked and every problem kept, so that a user fixing a file by hand (or
a CI job running ``replan validate``) sees all that is wrong at once. The writer runs
its output through the same function, so nothing is saved that could not be read back.
Whether sources and elements exist is the dataset's business (see ``check.py``).
"""

from __future__ import annotations

from typing import Any

from tui.domain.errors import PlanError, Problem
from tui.domain.period import period_index
from tui.domain.plan import (
    BASE_CASE,
    FORMAT_VERSION,
    Defaults,
    ElementPlan,
    Horizon,
    Number,
    Plan,
    ScheduleStep,
    StressCase,
)
from tui.planfile.fields import Problems
from tui.planfile.words import describe, join

TOP_KEYS = (
    "format",
    "name",
    "dataset",
    "author",
    "description",
    "horizon",
    "target_china_exposure",
    "stock_carrying_cost",
    "defaults",
    "elements",
    "stress",
)
HORIZON_KEYS = ("start", "end")
DEFAULTS_KEYS = ("split", "stockpile_days")
MAX_STRESS_CASES = 100
"""Each case is a full evaluation; a plan asking for thousands is refused, not run."""

MAX_SCHEDULE_STEPS = 100
"""Entries in one element's schedule: 25 years of quarterly steps."""

ELEMENT_KEYS = ("stockpile_days", "note", "split", "schedule")
SCHEDULE_KEYS = ("from", "split")
STRESS_KEYS = (
    "name",
    "source",
    "start",
    "months",
    "days",
    "severity",
    "price_factor",
    "elements",
)


def plan_from_document(document: dict[str, Any], file: str) -> Plan:
    """Validate a parsed document and build the plan; raises PlanError with every problem."""
    problems = Problems(file)
    plan = _read_plan(document, problems)
    if problems or plan is None:
        raise PlanError(problems.listed or [Problem(file, "", "not a valid plan")])
    return plan


def _read_plan(doc: dict[str, Any], problems: Problems) -> Plan | None:
    if not _read_format(doc, problems):
        return None  # a newer format may have keys we do not know: say only "upgrade"
    problems.table(doc, "", TOP_KEYS)
    name = _optional(doc, "name", problems, required=True)
    dataset = _optional(doc, "dataset", problems, required=True)
    author = _optional(doc, "author", problems)
    description = _optional(doc, "description", problems)
    horizon = _read_horizon(doc["horizon"], problems) if "horizon" in doc else None
    target = None
    if "target_china_exposure" in doc:
        target = problems.percent(doc["target_china_exposure"], "target_china_exposure")
    carrying = None
    if "stock_carrying_cost" in doc:
        carrying = problems.number(
            doc["stock_carrying_cost"],
            "stock_carrying_cost",
            low=0,
            high=100,
            wanted="a percent per year from 0 to 100",
        )
    defaults = _read_defaults(doc["defaults"], problems) if "defaults" in doc else None
    # Whether [defaults] gives a split at all: a broken one is reported once, not per element.
    has_default_split = isinstance(doc.get("defaults"), dict) and "split" in doc["defaults"]
    elements = _read_elements(doc.get("elements", {}), problems, has_default_split)
    stress = _read_stress(doc.get("stress", []), problems)
    if problems or name is None or dataset is None:
        return None
    return Plan(
        name=name,
        dataset=dataset,
        format=doc["format"],
        author=author,
        description=description,
        horizon=horizon,
        target_china_exposure=target,
        defaults=defaults,
        elements=elements or {},
        stress=stress or (),
        stock_carrying_cost=carrying,
    )


def _read_format(doc: dict[str, Any], problems: Problems) -> bool:
    """False when the file is of a newer format (nothing else is worth reporting then)."""
    if "format" not in doc:
        problems.add(
            "format", f"required key is missing (this replan writes format = {FORMAT_VERSION})"
        )
        return True
    version = problems.whole(doc["format"], "format", low=-(2**63), wanted="a whole number")
    if version is None:
        return True
    if version > FORMAT_VERSION:
        problems.add(
            "format",
            f"format {version} is newer than this replan supports ({FORMAT_VERSION}); "
            "upgrade replan",
        )
        return False
    if version < 1:
        problems.add(
            "format", f"unknown format {version}; this replan reads format {FORMAT_VERSION}"
        )
    return True


def _optional(
    doc: dict[str, Any], key: str, problems: Problems, *, required: bool = False
) -> str | None:
    if key not in doc:
        if required:
            problems.add(key, "required key is missing")
        return None
    return problems.string(doc[key], key, nonempty=required)


def _read_horizon(value: object, problems: Problems) -> Horizon | None:
    table = problems.table(value, "horizon", HORIZON_KEYS)
    if table is None:
        return None
    start = problems.required(table, "start", "horizon")
    end = problems.required(table, "end", "horizon")
    start = problems.period(start, "horizon.start") if start is not None else None
    end = problems.period(end, "horizon.end") if end is not None else None
    if start is None or end is None:
        return None
    if period_index(start) > period_index(end):
        problems.add("horizon", f"start {start} is after end {end}")
        return None
    return Horizon(start, end)


def _read_defaults(value: object, problems: Problems) -> Defaults | None:
    table = problems.table(value, "defaults", DEFAULTS_KEYS)
    if table is None:
        return None
    split = problems.split(table["split"], "defaults.split") if "split" in table else None
    days = None
    if "stockpile_days" in table:
        days = problems.days(table["stockpile_days"], "defaults.stockpile_days")
    if split is None and days is None:
        return None  # an empty [defaults] says nothing; the writer leaves it out likewise
    return Defaults(split=split, stockpile_days=days)


def _read_elements(
    value: object, problems: Problems, has_default_split: bool
) -> dict[str, ElementPlan] | None:
    if not isinstance(value, dict):
        problems.add("elements", f"expected a table of elements, got {describe(value)}")
        return None
    elements: dict[str, ElementPlan] = {}
    for symbol, entry in value.items():
        if not isinstance(symbol, str):  # only from a Plan built in code, never from TOML
            problems.add("elements", f"element symbols must be strings, got {describe(symbol)}")
            continue
        where = join("elements", symbol)
        if not symbol.strip():
            problems.add(where, "element symbol must not be empty")
            continue
        element = _read_element(entry, where, problems, has_default_split)
        if element is not None:
            elements[symbol] = element
    return elements


def _read_element(
    value: object, where: str, problems: Problems, has_default_split: bool
) -> ElementPlan | None:
    table = problems.table(value, where, ELEMENT_KEYS)
    if table is None:
        return None
    split = None
    if "split" in table:
        split = problems.split(table["split"], join(where, "split"))
    elif not has_default_split and not table.get("schedule"):
        problems.add(where, "no split: give `split` here or in [defaults]")
    days = None
    if "stockpile_days" in table:
        days = problems.days(table["stockpile_days"], join(where, "stockpile_days"))
    note = problems.string(table["note"], join(where, "note")) if "note" in table else None
    schedule = _read_schedule(table.get("schedule", []), join(where, "schedule"), problems)
    return ElementPlan(split=split, stockpile_days=days, note=note, schedule=schedule or ())


def _read_schedule(
    value: object, where: str, problems: Problems
) -> tuple[ScheduleStep, ...] | None:
    if not isinstance(value, list):
        problems.add(where, f"expected an array of tables ([[...schedule]]), got {describe(value)}")
        return None
    if len(value) > MAX_SCHEDULE_STEPS:
        problems.add(
            where, f"{len(value):,} entries; a schedule may have at most {MAX_SCHEDULE_STEPS}"
        )
        return None
    steps: list[ScheduleStep] = []
    previous: str | None = None
    for index, entry in enumerate(value):
        at = join(where, index)
        table = problems.table(entry, at, SCHEDULE_KEYS)
        if table is None:
            continue
        start = problems.required(table, "from", at)
        start = problems.period(start, join(at, "from")) if start is not None else None
        split = problems.required(table, "split", at)
        split = problems.split(split, join(at, "split")) if split is not None else None
        if start is not None:
            if previous is not None and period_index(start) <= period_index(previous):
                problems.add(
                    join(at, "from"),
                    f"{start} is not after {previous} (the entry before); "
                    "schedule entries must be in increasing order",
                )
            previous = start
        if start is not None and split is not None:
            steps.append(ScheduleStep(start=start, split=split))
    return tuple(steps)


def _read_stress(value: object, problems: Problems) -> tuple[StressCase, ...] | None:
    if not isinstance(value, list):
        problems.add("stress", f"expected an array of tables ([[stress]]), got {describe(value)}")
        return None
    if len(value) > MAX_STRESS_CASES:
        problems.add("stress", f"{len(value):,} cases; a plan may have at most {MAX_STRESS_CASES}")
        return None
    cases: list[StressCase] = []
    first_index: dict[str, int] = {}
    for index, entry in enumerate(value):
        at = join("stress", index)
        case = _read_case(entry, at, problems)
        name = entry.get("name") if isinstance(entry, dict) else None
        if isinstance(name, str) and name.strip():
            if name == BASE_CASE:
                problems.add(
                    join(at, "name"),
                    f'"{BASE_CASE}" is the name of the case without disruption; choose another',
                )
                continue
            if name in first_index:
                problems.add(
                    join(at, "name"),
                    f'duplicate stress case name "{name}" (also stress[{first_index[name]}])',
                )
                continue
            first_index[name] = index
        if case is not None:
            cases.append(case)
    return tuple(cases)


def _read_case(value: object, at: str, problems: Problems) -> StressCase | None:
    table = problems.table(value, at, STRESS_KEYS)
    if table is None:
        return None
    name = problems.required(table, "name", at)
    name = problems.string(name, join(at, "name"), nonempty=True) if name is not None else None
    source = problems.required(table, "source", at)
    if source is not None:
        source = problems.string(source, join(at, "source"), nonempty=True)
    start = problems.required(table, "start", at)
    start = problems.period(start, join(at, "start")) if start is not None else None
    months, days, window_ok = _read_window(table, at, problems)
    severity: Number | None = 100
    if "severity" in table:
        severity = problems.number(
            table["severity"],
            join(at, "severity"),
            low=0,
            high=100,
            low_open=True,
            wanted="a percent above 0 and at most 100",
        )
    price_factor: Number | None = 1
    if "price_factor" in table:
        price_factor = problems.number(
            table["price_factor"],
            join(at, "price_factor"),
            low=1,
            high=1000,
            wanted="a price multiplier from 1 to 1000",
        )
    elements = _read_case_elements(table, at, problems) if "elements" in table else None
    if (
        name is None
        or source is None
        or start is None
        or severity is None
        or price_factor is None
        or not window_ok
    ):
        return None
    if "elements" in table and elements is None:
        return None
    return StressCase(
        name=name,
        source=source,
        start=start,
        months=months,
        severity=severity,
        elements=elements,
        days=days,
        price_factor=price_factor,
    )


def _read_window(
    table: dict[str, Any], at: str, problems: Problems
) -> tuple[int | None, int | None, bool]:
    """(months, days, valid): the cut window's length, given in exactly one of the two."""
    if "months" in table and "days" in table:
        problems.add(at, "give either `months` or `days`, not both")
        return None, None, False
    if "days" in table:
        days = problems.whole(
            table["days"], join(at, "days"), low=1, wanted="a whole number of days, 1 or more"
        )
        return None, days, days is not None
    if "months" not in table:
        problems.add(join(at, "months"), "required key is missing (or give `days` instead)")
        return None, None, False
    months = problems.whole(
        table["months"], join(at, "months"), low=1, wanted="a whole number of months, 1 or more"
    )
    return months, None, months is not None


def _read_case_elements(
    table: dict[str, Any], at: str, problems: Problems
) -> tuple[str, ...] | None:
    where = join(at, "elements")
    value = table["elements"]
    if not isinstance(value, list):
        problems.add(where, f"expected an array of element symbols, got {describe(value)}")
        return None
    if not value:
        problems.add(where, "the list is empty; leave `elements` out to stress every element")
        return None
    symbols: list[str] = []
    valid = True
    for index, item in enumerate(value):
        symbol = problems.string(item, join(where, index), nonempty=True)
        if symbol is None:
            valid = False
        elif symbol in symbols:
            problems.add(join(where, index), f"'{symbol}' is listed twice")
            valid = False
        else:
            symbols.append(symbol)
    return tuple(symbols) if valid else None
