"""Moving share between sources so that a split always sums to exactly 100.

The arithmetic is done in integer hundredths of a percent, so a split that sums to 100
before an edit sums to exactly 100 after it (no 99.99999 from float drift). Shares that
come out whole are given back as ints, so that a plan file keeps writing ``55`` rather
than ``55.0``. Nothing here knows about Textual: the keys and the form only call these.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from tui.domain.plan import Number, Split

_WHOLE = 10_000  # 100 % in hundredths


def to_cents(value: Number) -> int:
    """A percent as integer hundredths (``33.33`` → ``3333``), rounding half away from zero."""
    return int(Decimal(str(value)).scaleb(2).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


def from_cents(cents: int) -> Number:
    """Back to a percent: an int when whole, else a float with at most two decimals."""
    if cents % 100 == 0:
        return cents // 100
    return round(cents / 100, 2)


def _ordered(keys: Sequence[str], shares: Mapping[str, Number]) -> list[str]:
    """The dataset's source order, then any source the split names that it does not."""
    return [*keys, *(s for s in shares if s not in keys)]


def _distribute(amount: int, weights: Mapping[str, int]) -> dict[str, int]:
    """Split ``amount`` over ``weights`` proportionally, in whole units, summing exactly.

    Largest-remainder method: everyone gets the floor of their exact part, and the units
    left over go to the largest remainders (ties in the given order).
    """
    total = sum(weights.values())
    if total <= 0 or amount == 0:
        return dict.fromkeys(weights, 0)
    parts = {k: amount * w // total for k, w in weights.items()}
    left = amount - sum(parts.values())
    by_remainder = sorted(weights, key=lambda k: -(amount * weights[k] % total))
    for key in by_remainder[:left]:
        parts[key] += 1
    return parts


def _complete(cents: dict[str, int], order: list[str]) -> dict[str, int]:
    """Fix a split whose hundredths do not add up to 100 % on its largest share."""
    diff = _WHOLE - sum(cents.values())
    if diff and cents:
        largest = max(order, key=lambda s: cents.get(s, 0))
        cents[largest] = max(0, cents.get(largest, 0) + diff)
    return cents


def _to_split(cents: Mapping[str, int], order: list[str]) -> Split:
    return Split({s: from_cents(cents[s]) for s in order if cents.get(s, 0) > 0})


def move_share(
    split: Split | None, source: str, delta: Number | Decimal, order: Sequence[str]
) -> Split:
    """Give ``source`` ``delta`` more points (or fewer, if negative); the others make room.

    The other sources give up (or receive) the difference in proportion to their current
    shares. A source cannot go below 0 or above 100, so the move is cut short at the
    bounds. When no other source has a share to receive points, they go to the next
    source in ``order`` after ``source`` — predictable, where an even spread over twenty
    sources would leave a trail of 0.05s. An empty (uncovered) split becomes 100 % of
    ``source`` on any positive move.
    """
    shares = dict(split.shares) if split is not None else {}
    keys = _ordered(order, shares)
    if source not in keys:
        keys.append(source)
    cents = {s: to_cents(shares.get(s, 0)) for s in keys}
    if sum(cents.values()) == 0:
        return Split({source: 100}) if delta > 0 else Split(shares)
    cents = _complete(cents, keys)
    step = to_cents(delta)
    others = {s: cents[s] for s in keys if s != source}
    if step > 0:
        step = min(step, _WHOLE - cents[source], sum(others.values()))
        for s, part in _distribute(step, others).items():
            cents[s] -= part
    elif step < 0:
        step = max(step, -cents[source])
        if sum(others.values()) == 0:
            others = {_neighbour(keys, source): 1}
        for s, part in _distribute(-step, others).items():
            cents[s] += part
    cents[source] += step
    return _to_split(cents, keys)


def _neighbour(keys: Sequence[str], source: str) -> str:
    index = keys.index(source)
    return keys[(index + 1) % len(keys)]


def set_share(split: Split | None, source: str, value: Number, order: Sequence[str]) -> Split:
    """Set ``source`` to exactly ``value`` percent; the others rebalance proportionally.

    An uncovered element (no split) becomes 100 % ``source``: there is nothing to rebalance.
    """
    if split is None or split.total == 0:
        return Split({source: 100})  # an uncovered element: the source takes it all
    delta = Decimal(str(value)) - Decimal(str(split.share(source)))
    return move_share(split, source, delta, order)


def balance_around(shares: Mapping[str, Number], keep: str, order: Sequence[str]) -> Split:
    """Keep ``keep`` at its typed value and scale the others so the total is 100.

    Used by the exact-values form's "balance" button: the planner types the share that
    matters and lets the rest follow. If the others are all zero the remainder goes to
    the next source in ``order``.
    """
    keys = _ordered(order, shares)
    if keep not in keys:
        keys.append(keep)
    cents = {s: to_cents(shares.get(s, 0)) for s in keys}
    cents[keep] = min(max(cents[keep], 0), _WHOLE)
    others = {s: max(cents[s], 0) for s in keys if s != keep}
    rest = _WHOLE - cents[keep]
    if sum(others.values()) == 0:
        if rest == 0 or len(keys) == 1:
            return _to_split({keep: _WHOLE}, keys)
        others = {_neighbour(keys, keep): 1}
    cents = {s: 0 for s in keys} | {keep: cents[keep]} | _distribute(rest, others)
    return _to_split(cents, keys)


def parse_share(text: str) -> Number:
    """A typed share: ``"55"`` → 55, ``"33.5"`` → 33.5; ValueError when not 0–100.

    Keeps at most two decimals (the precision the keys and the files work in).
    """
    cleaned = text.strip().rstrip("%").strip()
    if not cleaned:
        return 0
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{text.strip()!r} is not a number") from None
    if not value.is_finite() or value < 0 or value > 100:
        raise ValueError(f"{text.strip()} is not between 0 and 100")
    cents = to_cents(value)  # type: ignore[arg-type]
    return from_cents(cents)


def split_total(shares: Mapping[str, Number]) -> Number:
    """The exact total of typed shares, in the same int/float style as the shares."""
    return from_cents(sum(to_cents(v) for v in shares.values()))


def is_whole_split(shares: Mapping[str, Number]) -> bool:
    """True when the shares sum to exactly 100 (in hundredths)."""
    return sum(to_cents(v) for v in shares.values()) == _WHOLE


def format_share(value: Number | None) -> str:
    """``55`` → ``"55"``, ``33.5`` → ``"33.5"``, ``None`` → ``"—"`` (uncovered)."""
    if value is None:
        return "—"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    cents = to_cents(value)
    whole = from_cents(cents)
    return str(whole) if isinstance(whole, int) else f"{whole:g}"


def format_split(split: Split | None, order: Sequence[str]) -> str:
    """A compact split for side-by-side views: ``china 55 · lynas 35 · recycling 10``."""
    if split is None:
        return "uncovered"
    parts = [
        f"{s} {format_share(v)}" for s in _ordered(order, split.shares) if (v := split.share(s))
    ]
    return " · ".join(parts) if parts else "—"
