"""Keys no plan needs are refused before the TOML parser sees them.

A dotted key 60,000 parts deep is quadratic in tomllib (a MemoryError at that size);
the reader refuses it with a line and column, after one linear scan.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain.errors import PlanError
from tui.planfile import parse_plan
from tui.planfile.prescan import MAX_KEY_LENGTH, MAX_KEY_PARTS, key_problem

HEAD = b'format = 1\nname = "x"\ndataset = "reference"\n'


def test_a_60000_level_dotted_key_is_refused_with_its_place() -> None:
    data = HEAD + b"x" + b".a" * 60_000 + b" = 1\n"
    with pytest.raises(PlanError) as caught:
        parse_plan(data, "plans/deep.toml")
    (problem,) = caught.value.problems
    assert problem.where == f"line 4, column {1 + 2 * (MAX_KEY_PARTS - 1) + 1}"
    assert "dotted parts" in problem.message


def test_a_deep_table_header_is_refused() -> None:
    data = HEAD + b"[" + b"a." * 1000 + b"b]\n"
    with pytest.raises(PlanError, match="dotted parts"):
        parse_plan(data, "plans/deep.toml")


def test_a_very_long_key_is_refused() -> None:
    data = HEAD + b"k" * (MAX_KEY_LENGTH + 10) + b" = 1\n"
    with pytest.raises(PlanError) as caught:
        parse_plan(data, "plans/long.toml")
    assert caught.value.problems[0].where == "line 4, column 1"
    assert "longer than" in caught.value.problems[0].message


def test_dots_and_equals_in_strings_and_comments_do_not_count() -> None:
    dots = "." * 5000
    text = (
        f"name = \"{dots}\"\nnote = '{dots}'\n# {dots}\n"
        f'description = """\n{dots}\n= {dots}\n"""\nvalues = [1.5, 2.5, 3.5]\n'
        f'a.b.c.d = 1\nlong = "{"x" * 5000}"\n'
    )
    assert key_problem(text) is None


@given(st.integers(min_value=1, max_value=MAX_KEY_PARTS - 1))
def test_keys_within_the_bound_are_left_to_the_parser(parts: int) -> None:
    key = ".".join(["a"] * parts)
    assert key_problem(f"{key} = 1\n" + "# .\n" * 40) is None


@given(st.integers(min_value=MAX_KEY_PARTS, max_value=300))
def test_keys_beyond_the_bound_are_found(parts: int) -> None:
    key = ".".join(["a"] * (parts + 1))
    assert key_problem(f"{key} = 1\n") is not None
