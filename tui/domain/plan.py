"""The plan: how each element's demand is split between sources, and what to stress.

Plans are immutable values. The app keeps a history of them for undo and redo; the
engine evaluates them; the plan-file code turns them into TOML and back. Numbers keep
the type they were written with (``60`` stays an int) so that saving a loaded file
gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from tui.domain.period import DAYS_PER_QUARTER, period_index

Number = int | float

FORMAT_VERSION = 1
BASE_CASE = "base"
"""The name results give the plan's own case; no stress case may take it."""
SHARE_TOLERANCE = 0.01


@dataclass(frozen=True, eq=False)
class Split:
    """Percent of an element's demand bought from each source (shares sum to 100).

    Two splits are equal when they buy the same shares: a source written with a
    zero share is the same as one left out (the writer leaves zeros out).
    """

    shares: Mapping[str, Number]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Split):
            return NotImplemented
        return self.nonzero() == other.nonzero()

    def __hash__(self) -> int:
        return hash(frozenset(self.nonzero().items()))

    def share(self, source: str) -> Number:
        return self.shares.get(source, 0)

    def fraction(self, source: str) -> float:
        return self.shares.get(source, 0) / 100

    @property
    def total(self) -> float:
        return float(sum(self.shares.values()))

    def is_complete(self) -> bool:
        return abs(self.total - 100) <= SHARE_TOLERANCE

    def nonzero(self) -> dict[str, Number]:
        return {source: share for source, share in self.shares.items() if share != 0}

    @classmethod
    def of(cls, **shares: Number) -> Split:
        return cls(dict(shares))


ALL_CHINA = Split({"china": 100})


@dataclass(frozen=True)
class ScheduleStep:
    """From period ``start`` on, the element follows ``split`` (TOML key ``from``)."""

    start: str
    split: Split


@dataclass(frozen=True)
class ElementPlan:
    """What the plan says about one element; absent fields fall back to ``[defaults]``."""

    split: Split | None = None
    stockpile_days: Number | None = None
    note: str | None = None
    schedule: tuple[ScheduleStep, ...] = ()


@dataclass(frozen=True)
class Defaults:
    split: Split | None = None
    stockpile_days: Number | None = None


@dataclass(frozen=True)
class Horizon:
    start: str
    end: str


@dataclass(frozen=True)
class StressCase:
    """A disruption: ``source`` delivers ``severity`` percent less over a window.

    The window opens on the first day of ``start`` and lasts ``months`` whole months
    or ``days`` days (exactly one of the two is set). During the quarters it touches,
    the spot price of the elements it covers is multiplied by ``price_factor``.
    """

    name: str
    source: str
    start: str
    months: int | None
    severity: Number = 100
    elements: tuple[str, ...] | None = None
    days: int | None = None
    price_factor: Number = 1

    def __post_init__(self) -> None:
        if (self.months is None) == (self.days is None):
            raise ValueError("a stress case lasts either `months` or `days`, exactly one")

    def applies_to(self, element: str) -> bool:
        return self.elements is None or element in self.elements

    @property
    def window_quarters(self) -> float:
        """The window's length in quarters (a quarter is 3 months or 91.25 days)."""
        if self.months is not None:
            return self.months / 3
        assert self.days is not None  # __post_init__: exactly one of months and days
        return self.days / DAYS_PER_QUARTER

    @property
    def duration_text(self) -> str:
        """``2 months`` or ``12 days``, as the planner wrote it."""
        if self.months is not None:
            return f"{self.months} month{'' if self.months == 1 else 's'}"
        return f"{self.days} day{'' if self.days == 1 else 's'}"

    def cut_fractions(self) -> tuple[float, ...]:
        """``f`` for each quarter the window touches, from ``start`` on.

        ``f = severity/100 × (the window's share of the quarter)``: whole months over 3
        for a window in months, days over 91.25 for one in days (the days that fall in
        a quarter may be fractional, the window being continuous).
        """
        if self.months is not None:
            count, per_quarter = self.months, 3.0
        else:
            assert self.days is not None  # __post_init__: exactly one of months and days
            count, per_quarter = self.days, DAYS_PER_QUARTER
        fractions: list[float] = []
        k = 0
        while k * per_quarter < count:
            inside = min(count, (k + 1) * per_quarter) - k * per_quarter
            fractions.append(self.severity / 100 * inside / per_quarter)
            k += 1
        return tuple(fractions)


@dataclass(frozen=True)
class Plan:
    name: str
    dataset: str
    format: int = FORMAT_VERSION
    author: str | None = None
    description: str | None = None
    horizon: Horizon | None = None
    target_china_exposure: Number | None = None
    defaults: Defaults | None = None
    elements: Mapping[str, ElementPlan] = field(default_factory=dict)
    stress: tuple[StressCase, ...] = ()
    stock_carrying_cost: Number | None = None
    """Percent of the stock's value per year that holding it costs (None: not given, 0)."""

    # --- what is in force -------------------------------------------------------

    def base_split(self, element: str) -> Split | None:
        """The element's own split, else the default one, else None (uncovered)."""
        entry = self.elements.get(element)
        if entry is not None and entry.split is not None:
            return entry.split
        if self.defaults is not None:
            return self.defaults.split
        return None

    def schedule(self, element: str) -> tuple[ScheduleStep, ...]:
        entry = self.elements.get(element)
        return entry.schedule if entry is not None else ()

    def split_at(self, element: str, period: str) -> Split | None:
        """The split in force in ``period``: the last schedule step that has started."""
        index = period_index(period)
        in_force = self.base_split(element)
        for step in self.schedule(element):
            if period_index(step.start) <= index:
                in_force = step.split
        return in_force

    def stockpile_days(self, element: str) -> Number:
        entry = self.elements.get(element)
        if entry is not None and entry.stockpile_days is not None:
            return entry.stockpile_days
        if self.defaults is not None and self.defaults.stockpile_days is not None:
            return self.defaults.stockpile_days
        return 0

    def is_covered(self, element: str) -> bool:
        return self.base_split(element) is not None or bool(self.schedule(element))

    # --- edits (each returns a new plan) ----------------------------------------

    def with_element(self, element: str, entry: ElementPlan) -> Plan:
        elements = dict(self.elements)
        elements[element] = entry
        return replace(self, elements=elements)

    def without_element(self, element: str) -> Plan:
        elements = {name: e for name, e in self.elements.items() if name != element}
        return replace(self, elements=elements)

    def with_split(self, element: str, split: Split) -> Plan:
        entry = self.elements.get(element, ElementPlan())
        return self.with_element(element, replace(entry, split=split))

    def with_stress(self, cases: Iterable[StressCase]) -> Plan:
        return replace(self, stress=tuple(cases))
