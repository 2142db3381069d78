"""The share arithmetic behind the +/- keys and the exact-values form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.plan import Split
from tui.domain.shares import to_cents
from tui.present.splits import share_text, split_text
from tui.session.rebalance import balance_around, is_whole_split, move_share, parse_share, set_share

ORDER = ("china", "lynas", "recycling")


def cents_total(split: Split) -> int:
    return sum(to_cents(v) for v in split.shares.values())


def test_four_five_point_steps_turn_70_20_10_into_50_40_10() -> None:
    """Issue 4's example: the share comes from the largest other source (China)."""
    split = Split.of(china=70, lynas=20, recycling=10)
    for _ in range(4):
        split = move_share(split, "lynas", 5, ORDER)
    assert split.shares == {"china": 50, "lynas": 40, "recycling": 10}
    assert all(isinstance(v, int) for v in split.shares.values())
    for _ in range(4):  # and the reverse steps lead back
        split = move_share(split, "lynas", -5, ORDER)
    assert split.shares == {"china": 70, "lynas": 20, "recycling": 10}


def test_move_takes_from_the_next_largest_when_the_largest_runs_out() -> None:
    split = move_share(Split.of(china=3, lynas=90, recycling=7), "lynas", 9, ORDER)
    assert split.shares == {"china": 1, "lynas": 99}
    split = move_share(Split.of(china=40, lynas=40, recycling=20), "recycling", 5, ORDER)
    assert split.shares == {"china": 35, "lynas": 40, "recycling": 25}  # tie: dataset order


def test_removing_share_gives_it_to_the_largest_other() -> None:
    split = move_share(Split.of(china=30, lynas=60, recycling=10), "recycling", -5, ORDER)
    assert split.shares == {"china": 30, "lynas": 65, "recycling": 5}


def test_move_keeps_ints_when_whole() -> None:
    split = move_share(Split.of(china=50, lynas=50), "lynas", 5, ORDER)
    assert split.shares == {"china": 45, "lynas": 55}
    assert all(isinstance(v, int) for v in split.shares.values())


def test_move_with_decimals_stays_exact() -> None:
    split = move_share(Split.of(china=33.33, lynas=33.33, recycling=33.34), "lynas", 1, ORDER)
    assert split.shares == {"china": 33.33, "lynas": 34.33, "recycling": 32.34}
    assert cents_total(split) == 10_000


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


def test_balance_around_takes_the_excess_from_the_largest_other() -> None:
    split = balance_around({"china": 70, "lynas": 40, "recycling": 10}, "lynas", ORDER)
    assert split.shares == {"china": 50, "lynas": 40, "recycling": 10}
    split = balance_around({"china": 15, "lynas": 80, "recycling": 10}, "lynas", ORDER)
    assert split.shares == {"lynas": 80, "recycling": 10, "china": 10}


def test_balance_around_gives_a_shortfall_to_the_largest_other() -> None:
    split = balance_around({"china": 70, "lynas": 10, "recycling": 10}, "lynas", ORDER)
    assert split.shares == {"china": 80, "lynas": 10, "recycling": 10}
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
    assert share_text(55) == "55" and share_text(33.5) == "33.5" and share_text(None) == "—"
    assert is_whole_split({"a": 33.33, "b": 33.33, "c": 33.34})
    assert not is_whole_split({"a": 50, "b": 49.99})
    text = split_text(Split.of(lynas=35, china=65), ORDER)
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


whole = st.integers(min_value=0, max_value=100)


@st.composite
def int_splits(draw: st.DrawFn) -> dict[str, int]:
    """Whole-percent splits over four sources that sum to exactly 100."""
    cuts = sorted(draw(st.lists(whole, min_size=3, max_size=3)))
    parts = [cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], 100 - cuts[2]]
    return dict(zip((*ORDER, "mine"), parts, strict=True))


@given(
    shares=int_splits(),
    source=st.sampled_from((*ORDER, "mine")),
    delta=st.integers(min_value=-100, max_value=100),
)
def test_int_moves_stay_ints_sum_to_100_and_take_from_the_largest(
    shares: dict[str, int], source: str, delta: int
) -> None:
    order = (*ORDER, "mine")
    moved = move_share(Split(shares), source, delta, order)
    assert sum(moved.shares.values()) == 100
    assert all(isinstance(v, int) and v > 0 for v in moved.shares.values())
    got = {s: moved.share(s) for s in order}
    if delta > 0:
        # only others give, and a source gives only once every larger one is empty
        givers = [s for s in order if s != source and got[s] < shares[s]]
        for giver in givers:
            for other in order:
                if other not in (source, giver) and shares[other] > shares[giver]:
                    assert got[other] == 0, (giver, other, got)
    elif delta < 0 and got[source] < shares[source]:
        gainers = [s for s in order if s != source and got[s] > shares[s]]
        assert len(gainers) == 1
        others = [shares[s] for s in order if s != source]
        assert max(others) == 0 or shares[gainers[0]] == max(others)


@given(
    shares=st.dictionaries(st.sampled_from(ORDER), st.integers(0, 10_000), min_size=1),
    keep=st.sampled_from(ORDER),
)
def test_balance_always_sums_to_100_and_keeps_the_typed_share(
    shares: dict[str, int], keep: str
) -> None:
    typed = {s: v / 100 for s, v in shares.items()}
    balanced = balance_around(typed, keep, ORDER)
    assert cents_total(balanced) == 10_000
    assert all(0 < v <= 100 for v in balanced.shares.values())
    assert balanced.share(keep) == typed.get(keep, 0)
