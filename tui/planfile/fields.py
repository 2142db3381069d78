"""Checks of single values in a plan document, each collecting problems instead of raising.

The schema walks the document and asks these for each value; a check that fails records
a problem at the value's TOML path and returns None, so that one pass over the file
reports everything that is wrong with it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from tui.domain.errors import MAX_PROBLEMS_PER_FILE, Problem, more_problems
from tui.domain.period import is_period
from tui.domain.plan import SHARE_TOLERANCE, Number, Split
from tui.planfile.words import describe, join, show_number, suggestion


class Problems:
    """The problems found so far in one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[Problem] = []
        self.unlisted = 0  # problems past the cap: counted, not kept

    def add(self, where: str, message: str) -> None:
        if len(self.found) < MAX_PROBLEMS_PER_FILE:
            self.found.append(Problem(self.file, where, message))
        else:
            self.unlisted += 1

    @property
    def listed(self) -> list[Problem]:
        """The problems kept, and a line counting those past the cap."""
        if not self.unlisted:
            return list(self.found)
        return [*self.found, more_problems(self.file, self.unlisted)]

    def __bool__(self) -> bool:
        return bool(self.found)

    # --- structure ----------------------------------------------------------------

    def table(self, value: object, where: str, keys: Sequence[str]) -> dict[str, Any] | None:
        """A table whose keys are all among ``keys`` (unknown keys are reported)."""
        if not isinstance(value, dict):
            self.add(where, f"expected a table, got {describe(value)}")
            return None
        for key in value:
            if key not in keys:
                self.add(join(where, key), f"unknown key; {suggestion(key, keys, 'keys here')}")
        return value

    def required(self, table: dict[str, Any], key: str, where: str) -> object | None:
        if key not in table:
            self.add(join(where, key), "required key is missing")
            return None
        found: object = table[key]
        return found

    # --- scalars ------------------------------------------------------------------

    def string(self, value: object, where: str, *, nonempty: bool = False) -> str | None:
        if not isinstance(value, str):
            self.add(where, f"expected a string, got {describe(value)}")
            return None
        if nonempty and not value.strip():
            self.add(where, "must not be empty")
            return None
        return value

    def period(self, value: object, where: str) -> str | None:
        if not is_period(value):
            self.add(where, f"expected a quarter like 2026Q1, got {describe(value)}")
            return None
        return value

    def number(
        self,
        value: object,
        where: str,
        *,
        low: float,
        high: float = math.inf,
        low_open: bool = False,
        wanted: str,
    ) -> Number | None:
        """A finite int or float in [low, high] (or (low, high] when ``low_open``)."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(where, f"expected {wanted}, got {describe(value)}")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            self.add(where, f"expected a finite number, got {show_number(value)}")
            return None
        too_low = value <= low if low_open else value < low
        if too_low or value > high:
            self.add(where, f"expected {wanted}, got {show_number(value)}")
            return None
        return value

    def percent(self, value: object, where: str) -> Number | None:
        return self.number(value, where, low=0, high=100, wanted="a percent from 0 to 100")

    def days(self, value: object, where: str) -> Number | None:
        return self.number(value, where, low=0, wanted="a number of days, 0 or more")

    def whole(self, value: object, where: str, *, low: int, wanted: str) -> int | None:
        """An integer (not a float, not a boolean) of at least ``low``."""
        if isinstance(value, int) and not isinstance(value, bool) and value >= low:
            return value
        whole = isinstance(value, int) and not isinstance(value, bool)
        shown = show_number(value) if whole and isinstance(value, int) else describe(value)
        self.add(where, f"expected {wanted}, got {shown}")
        return None

    # --- splits -------------------------------------------------------------------

    def split(self, value: object, where: str) -> Split | None:
        """Shares per source, each 0–100, summing to 100 within the tolerance."""
        if not isinstance(value, dict):
            self.add(
                where, f"expected a table of shares like {{ china = 100 }}, got {describe(value)}"
            )
            return None
        shares: dict[str, Number] = {}
        valid = True
        for source, share in value.items():
            if not isinstance(source, str):  # only from a Plan built in code, never from TOML
                self.add(where, f"source ids must be strings, got {describe(source)}")
                valid = False
                continue
            if not source.strip():
                self.add(join(where, source), "source id must not be empty")
                valid = False
                continue
            checked = self.percent(share, join(where, source))
            if checked is None:
                valid = False
            else:
                shares[source] = checked
        if not valid:
            return None
        total = sum(shares.values())
        if abs(total - 100) > SHARE_TOLERANCE:
            self.add(where, f"shares sum to {show_number(float(total))}, expected 100")
            return None
        return Split(shares)
