"""A plan file's lines end at line feeds only, as TOML says."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.planfile.lines import toml_lines

_TEXT = st.lists(
    st.sampled_from(["a", "=", " ", "\n", "\r", "\r\n", "\x85", "\u2028", "\x0c"])
).map("".join)


@given(_TEXT)
def test_lines_kept_whole_give_the_text_back(text: str) -> None:
    assert "".join(toml_lines(text, keepends=True)) == text


@given(_TEXT)
def test_only_line_feeds_end_a_line(text: str) -> None:
    lines = toml_lines(text)
    assert all("\n" not in line for line in lines)
    assert len(lines) == text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def test_a_unicode_line_break_inside_a_line_does_not_end_it() -> None:
    assert toml_lines('name = "a\x85b"\r\nx = 1\n') == ['name = "a\x85b"', "x = 1"]
    assert toml_lines("") == []
