"""The share arithmetic behind the +/- keys and the exact-values form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.app.rebalance import (
    balance_around,
    format_share,
    format_split,
    is_whole_split,
    move_share,
    parse_share,
    set_share,
    to_cents,
)
from tui.domain.plan import Split

ORDER = ("china", "lynas", "recycling")


def cents_total(split: Split) -> int:
    return sum(to_cents(v) for v in split.shares.values())


def test_move_takes_proportionally_from_the_others() -> None:
    split = move_share(Split.of(china=70, lynas=20, recycling=10), "lynas", 20, ORDER)
    assert split.shares == {"china": 52.5, "lynas": 40, "recycling": 7.5}


def test_move_keeps_ints_when_whole() -> None:
    split = move_share(Split.of(china=50, lynas=50), "lynas", 5, ORDER)
    assert split.shares == {"china": 45, "lynas": 55}
    assert all(isinstance(v, int) for v in split.shares.values())


def test_move_fixes_the_remainder_exactly() -> None:
    split = move_share(Split.of(china=70, lynas=20, recycling=10), "lynas", 1, ORDER)
    assert cents_total(split) == 10_000
    assert split.share("lynas") == 21
    assert split.share("china") == 69.12 and split.share("recycling") == 9.88


def test_move_stops_at_the_bounds() -> None:
    assert move_share(Split.of(china=98, lynas=2), "china", 5, ORDER).shares == {"china": 100}
    assert move_share(Split.of(china=3, lynas=97), "china", -5, ORDER).shares == {"lynas": 100}


def test_removing_from_a_sole_source_goes_to_the_next_source() -> None:
    assert move_share(Split.of(china=100), "china", -5, ORDER).shares == {"china": 95, "lynas": 5}
    assert move_share(Split.of(recycling=100), "recycling", -1, ORDER).shares == {
        "china": 1,
        "recycling": 99,
    }


def test_adding_to_an_uncovered_element_gives_it_all() -> None:
    assert move_share(None, "lynas", 1, ORDER).shares == {"lynas": 100}


def test_zero_shares_are_dropped_in_dataset_order() -> None:
    split = move_share(Split.of(recycling=10, china=90), "recycling", -10, ORDER)
    assert list(split.shares) == ["china"]


def test_set_share_hits_the_exact_value() -> None:
    split = set_share(Split.of(china=70, lynas=20, recycling=10), "lynas", 40, ORDER)
    assert split.share("lynas") == 40 and cents_total(split) == 10_000


def test_balance_around_keeps_the_typed_share() -> None:
    split = balance_around({"china": 50, "lynas": 40, "recycling": 30}, "lynas", ORDER)
    assert split.share("lynas") == 40
    assert split.shares == {"china": 37.5, "lynas": 40, "recycling": 22.5}
    assert balance_around({"china": 0, "lynas": 30}, "lynas", ORDER).shares == {
        "lynas": 30,
        "recycling": 70,
    }


def test_parse_share_accepts_numbers_and_rejects_others() -> None:
    assert parse_share(" 55 ") == 55 and isinstance(parse_share("55"), int)
    assert parse_share("33.5%") == 33.5
    assert parse_share("") == 0
    for bad in ("abc", "-1", "101", "nan"):
        with pytest.raises(ValueError):
            parse_share(bad)


def test_formatting() -> None:
    assert format_share(55) == "55" and format_share(33.5) == "33.5" and format_share(None) == "—"
    assert is_whole_split({"a": 33.33, "b": 33.33, "c": 33.34})
    assert not is_whole_split({"a": 50, "b": 49.99})
    text = format_split(Split.of(lynas=35, china=65), ORDER)
    assert text == "china 65 · lynas 35"


shares = st.integers(min_value=0, max_value=10_000)


@given(
    a=shares,
    b=shares,
    source=st.sampled_from(ORDER),
    delta=st.sampled_from([1, -1, 5, -5, 0.5, 37]),
)
def test_any_move_keeps_the_total_at_exactly_100(a: int, b: int, source: str, delta: float) -> None:
    if a + b > 10_000:
        a, b = a // 2, b // 2
    c = 10_000 - a - b
    split = Split({"china": a / 100, "lynas": b / 100, "recycling": c / 100})
    moved = move_share(split, source, delta, ORDER)
    assert cents_total(moved) == 10_000
    assert all(0 <= v <= 100 for v in moved.shares.values())
    before, after = to_cents(split.share(source)), to_cents(moved.share(source))
    expected = min(max(before + to_cents(delta), 0), 10_000)
    assert after == expected
