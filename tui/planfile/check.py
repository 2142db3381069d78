"""Checking a well-formed plan against its dataset: do its elements, sources and periods exist?

The reader cannot know which sources a dataset defines (``lyans`` may be a typo or a
new supplier), so these checks run once the dataset is loaded, with suggestions drawn
from the dataset itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.domain.errors import Problem
from tui.domain.period import period_index
from tui.domain.plan import Plan, Split
from tui.planfile.words import join, suggestion

if TYPE_CHECKING:  # only a type here: reading plan files should not import polars
    from tui.domain.dataset import Dataset


def check_plan(plan: Plan, dataset: Dataset, file: str) -> list[Problem]:
    """Every way ``plan`` does not fit ``dataset``, in file order (empty when it fits)."""
    checker = _Checker(dataset, file)
    checker.horizon(plan)
    if plan.defaults is not None and plan.defaults.split is not None:
        checker.split(plan.defaults.split, "defaults.split")
    for symbol, entry in plan.elements.items():
        where = join("elements", symbol)
        checker.element(symbol, where)
        if entry.split is not None:
            checker.split(entry.split, join(where, "split"))
        for index, step in enumerate(entry.schedule):
            at = join(join(where, "schedule"), index)
            checker.period(step.start, join(at, "from"))
            checker.split(step.split, join(at, "split"))
    for index, case in enumerate(plan.stress):
        at = join("stress", index)
        checker.source(case.source, join(at, "source"))
        checker.period(case.start, join(at, "start"))
        for position, symbol in enumerate(case.elements or ()):
            checker.element(symbol, join(join(at, "elements"), position))
    return checker.problems


def outside_data(period: str, first: str | None, last: str | None) -> str | None:
    """Why ``period`` is not one of the dataset's quarters ``first``..``last``, or None."""
    if first is None or last is None:
        return None
    if period_index(first) <= period_index(period) <= period_index(last):
        return None
    return f"{period} is outside the dataset's quarters ({first} to {last})"


def period_problem(period: str, dataset: Dataset) -> str | None:
    """``outside_data`` for a dataset: what the app's forms say about a typed quarter."""
    periods = dataset.periods
    return outside_data(period, periods[0] if periods else None, periods[-1] if periods else None)


class _Checker:
    def __init__(self, dataset: Dataset, file: str) -> None:
        self.file = file
        self.elements = dataset.element_ids
        self.sources = dataset.source_ids
        periods = dataset.periods
        self.first = periods[0] if periods else None
        self.last = periods[-1] if periods else None
        self.problems: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, where, message))

    def element(self, symbol: str, where: str) -> None:
        if symbol not in self.elements:
            hint = suggestion(symbol, self.elements, "elements in the dataset")
            self.add(where, f"unknown element '{symbol}'; {hint}")

    def source(self, source: str, where: str) -> None:
        if source not in self.sources:
            hint = suggestion(source, self.sources, "sources in the dataset")
            self.add(where, f"unknown source '{source}'; {hint}")

    def split(self, split: Split, where: str) -> None:
        for source in split.shares:
            self.source(source, join(where, source))

    def period(self, period: str, where: str) -> None:
        problem = outside_data(period, self.first, self.last)
        if problem:
            self.add(where, problem)

    def horizon(self, plan: Plan) -> None:
        if plan.horizon is not None:
            self.period(plan.horizon.start, "horizon.start")
            self.period(plan.horizon.end, "horizon.end")


def check_document(document: dict[str, Any], dataset: Dataset, file: str) -> list[Problem]:
    """Unknown elements and sources in a plan file that did not read as a plan.

    A split that sums to 90 and names ``lyans`` has two problems; the reader reports
    the first, this finds the second in the raw TOML, where every value may be of
    any type.
    """
    checker = _Checker(dataset, file)

    def split(value: object, where: str) -> None:
        if isinstance(value, dict):
            for source in value:
                checker.source(source, join(where, source))

    defaults = document.get("defaults")
    if isinstance(defaults, dict):
        split(defaults.get("split"), "defaults.split")
    elements = document.get("elements")
    if isinstance(elements, dict):
        for symbol, entry in elements.items():
            where = join("elements", symbol)
            checker.element(symbol, where)
            if not isinstance(entry, dict):
                continue
            split(entry.get("split"), join(where, "split"))
            schedule = entry.get("schedule")
            for index, step in enumerate(schedule if isinstance(schedule, list) else ()):
                if isinstance(step, dict):
                    split(step.get("split"), join(join(join(where, "schedule"), index), "split"))
    stress = document.get("stress")
    for index, case in enumerate(stress if isinstance(stress, list) else ()):
        if isinstance(case, dict) and isinstance(case.get("source"), str):
            checker.source(case["source"], join(join("stress", index), "source"))
    return checker.problems
