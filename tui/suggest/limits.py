"""The planner's limits on a suggestion, and the stress-case windows they refer to."""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.period import period_index
from tui.domain.plan import StressCase


@dataclass(frozen=True)
class Limits:
    """What a suggested plan must respect; shares and exposure as fractions (0–1).

    ``target`` None means cost only; ``max_share`` None means no cap beyond capacity.
    ``survive`` holds the plan's own stress cases to come through without shortfall.
    """

    target: float | None = None
    survive: tuple[StressCase, ...] = ()
    keep: frozenset[str] = frozenset()
    max_share: float | None = None
    yearly: bool = False

    def describe(self) -> str:
        """The limits in a planner's words, for notes and headlines."""
        parts = ["least cost"]
        if self.target is not None:
            parts[0] += f" under {percent_text(self.target)} China exposure"
        if self.max_share is not None:
            parts.append(f"no source above {percent_text(self.max_share)}")
        for case in self.survive:
            parts.append(f'surviving "{case.name}"')
        if self.yearly:
            parts.append("one split per year")
        return ", ".join(parts)


def percent_text(fraction: float) -> str:
    """``0.5`` → ``50%``, ``0.397`` → ``39.7%``: at most one decimal, none when whole."""
    value = round(fraction * 100, 1)
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


def exposure_text(fraction: float) -> str:
    """A computed exposure, always with one decimal: ``0.47986`` → ``48.0%``.

    Unlike a limit the planner typed (``percent_text``: ``50%``), a figure the solver
    found is never whole but for rounding, and ``48%`` would hide that it was rounded.
    """
    return f"{fraction * 100:.1f}%"


def cut_fractions(case: StressCase, periods: tuple[str, ...]) -> dict[int, float]:
    """The case's cut fraction ``f`` by position in ``periods`` (cut quarters only)."""
    if not periods:
        return {}
    first = period_index(case.start) - period_index(periods[0])
    return {
        first + k: f
        for k, f in enumerate(case.cut_fractions())
        if 0 <= first + k < len(periods) and f > 0
    }
