"""Moving share between sources so that a split always sums to exactly 100.

The arithmetic is done in integer hundredths of a percent, so a split that sums to 100
before an edit sums to exactly 100 after it (no 99.99999 from float drift). Shares that
come out whole are given back as ints, so that a plan file keeps writing ``55`` rather
than ``55.0``. Nothing here knows about Textual: the keys and the form only call these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation

from tui.domain.plan import Number, Split
from tui.domain.shares import from_cents, to_cents

_WHOLE = 10_000  # 100 % in hundredths


def _ordered(keys: Sequence[str], shares: Mapping[str, Number]) -> list[str]:
    """The dataset's source order, then any source the split names that it does not."""
    return [*keys, *(s for s in shares if s not in keys)]


def _by_size(cents: Mapping[str, int], candidates: Sequence[str]) -> list[str]:
    """``candidates`` largest share first; equal shares keep the given (dataset) order."""
    return sorted(candidates, key=lambda s: -cents.get(s, 0))


def _take(cents: dict[str, int], donors: Sequence[str], amount: int) -> None:
    """Take ``amount`` from ``donors``, emptying the largest share first, then the next."""
    for donor in _by_size(cents, donors):
        if amount <= 0:
            return
        part = min(amount, cents[donor])
        cents[donor] -= part
        amount -= part


def _receiver(cents: Mapping[str, int], keys: Sequence[str], source: str) -> str:
    """Who receives share that ``source`` gives up: the largest other share (ties: the
    first in dataset order); when no other source has any, the next source in order."""
    others = [s for s in keys if s != source]
    if any(cents.get(s, 0) for s in others):
        return _by_size(cents, others)[0]
    return _neighbour(keys, source)


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
    """Give ``source`` ``delta`` more points (or fewer, if negative), moved between sources.

    Points come from the largest other share, and when that runs out, from the next
    largest; points given up go to the largest other share. That is what a planner
    means by "move share from China to Lynas": 70/20/10 → four 5-point steps on Lynas
    → 50/40/10, the untouched shares stay the round numbers they were, and the reverse
    steps lead back. (A pro-rata rule would give 51.42/40/8.58.) Equal shares are taken
    in dataset order. A source cannot go below 0 or above 100, so the move is cut short
    at the bounds; when no other source has a share to receive points, they go to the
    next source in ``order`` after ``source``. An empty (uncovered) split becomes 100 %
    of ``source`` on any positive move.
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
    others = [s for s in keys if s != source]
    if step > 0:
        step = min(step, _WHOLE - cents[source], sum(cents[s] for s in others))
        _take(cents, others, step)
    elif step < 0:
        step = max(step, -cents[source])
        cents[_receiver(cents, keys, source)] -= step
    cents[source] += step
    return _to_split(cents, keys)


def _neighbour(keys: Sequence[str], source: str) -> str:
    index = keys.index(source)
    return keys[(index + 1) % len(keys)]


def set_share(split: Split | None, source: str, value: Number, order: Sequence[str]) -> Split:
    """Set ``source`` to exactly ``value`` percent; the others make room as for the keys.

    An uncovered element (no split) becomes 100 % ``source``: there is nothing to rebalance.
    """
    if split is None or split.total == 0:
        return Split({source: 100})  # an uncovered element: the source takes it all
    delta = Decimal(str(value)) - Decimal(str(split.share(source)))
    return move_share(split, source, delta, order)


def balance_around(shares: Mapping[str, Number], keep: str, order: Sequence[str]) -> Split:
    """Keep ``keep`` at its typed value and make the total 100 with the same rule as the keys.

    Used by the exact-values form's "balance" button: the planner types the share that
    matters (Lynas 40 in 70/20/10) and the excess is taken from the largest other share,
    then the next (→ 50/40/10); a shortfall is given to the largest other share. The
    other typed values stay as typed wherever the rule does not need them. If the others
    are all zero the remainder goes to the next source in ``order``.
    """
    keys = _ordered(order, shares)
    if keep not in keys:
        keys.append(keep)
    cents = {s: max(to_cents(shares.get(s, 0)), 0) for s in keys}
    cents[keep] = min(cents[keep], _WHOLE)
    others = [s for s in keys if s != keep]
    excess = sum(cents.values()) - _WHOLE
    if excess > 0:
        _take(cents, others, excess)
    elif excess < 0:
        if len(keys) == 1:
            return _to_split({keep: _WHOLE}, keys)
        cents[_receiver(cents, keys, keep)] -= excess
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
    cents = to_cents(value)
    return from_cents(cents)


def split_total(shares: Mapping[str, Number]) -> Number:
    """The exact total of typed shares, in the same int/float style as the shares."""
    return from_cents(sum(to_cents(v) for v in shares.values()))


def is_whole_split(shares: Mapping[str, Number]) -> bool:
    """True when the shares sum to exactly 100 (in hundredths)."""
    return sum(to_cents(v) for v in shares.values()) == _WHOLE
