"""A split as text: one share rule, and the two forms the screens and commands need.

``split_text`` names each source (``china 55 · lynas 35``) where a split stands alone
(the element pane, a diff line); ``compact_split`` gives only the numbers in the
sources' order (``55/35/10``) where plans stand side by side under one header.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from tui.domain.plan import Number, Split
from tui.domain.shares import from_cents, to_cents

UNCOVERED = "uncovered"
"""An element with demand and no split: all of its demand is a gap."""


def share_text(value: Number | None) -> str:
    """``55`` → ``55``, ``33.5`` → ``33.5``, ``33.333`` → ``33.33``, None → ``—``."""
    if value is None:
        return "—"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    whole = from_cents(to_cents(value))
    return str(whole) if isinstance(whole, int) else f"{whole:g}"


def _ordered(order: Sequence[str], split: Split) -> list[str]:
    """The dataset's source order, then any source the split names that it does not."""
    return [*order, *(s for s in split.shares if s not in order)]


def split_text(
    split: Split | None, order: Sequence[str], *, separator: str = " · ", unit: str = ""
) -> str:
    """The nonzero shares with their sources: ``china 55 · lynas 35 · recycling 10``."""
    if split is None:
        return UNCOVERED
    parts = [
        f"{source} {share_text(value)}{unit}"
        for source in _ordered(order, split)
        if (value := split.share(source))
    ]
    return separator.join(parts) if parts else "—"


def compact_split(split: Split | None, sources: Sequence[str]) -> str:
    """Every source's share in ``sources`` order, ``/``-separated; a source the split
    names beyond them is added with its name: ``0/100`` or ``55/45/caremag 10``."""
    if split is None:
        return UNCOVERED
    parts = [share_text(split.share(source)) for source in sources]
    parts += [
        f"{source} {share_text(split.share(source))}"
        for source in split.shares
        if source not in sources and split.share(source)
    ]
    return "/".join(parts)
