"""Number formatting, colour decisions and table alignment of the person-facing output."""

from __future__ import annotations

import io

import pytest

from tui.cli.formats.text import Column, Style, render_table, style_for


def test_render_table_aligns_numbers_right_and_names_left() -> None:
    lines = render_table(
        [Column("element", "<"), Column("demand t")],
        [["Nd", "1,234.5"], ["Dysprosium", "7.0"]],
    )
    assert lines == [
        "  element     demand t",
        "  Nd           1,234.5",
        "  Dysprosium       7.0",
    ]


def test_render_table_styles_after_padding() -> None:
    style = Style(colour=True)
    lines = render_table([Column("a", "<"), Column("b")], [["x", "1"]], [style.red])
    assert lines[1] == "  \x1b[31mx  1\x1b[0m"


class _Stream(io.StringIO):
    def __init__(self, tty: bool, encoding: str) -> None:
        super().__init__()
        self._tty, self._encoding = tty, encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


@pytest.mark.parametrize(
    ("tty", "no_color", "colour"),
    [(True, None, True), (True, "1", False), (False, None, False), (True, "", True)],
)
def test_colour_only_on_a_terminal_without_no_color(
    monkeypatch: pytest.MonkeyPatch, tty: bool, no_color: str | None, colour: bool
) -> None:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert style_for(_Stream(tty, "utf-8")).colour is colour


def test_ascii_stream_gets_ascii_markers() -> None:
    style = style_for(_Stream(False, "ascii"))
    assert (style.marker, style.dash, style.unicode) == ("!", "-", False)
    assert Style().red("x") == "x"  # no colour: text untouched
