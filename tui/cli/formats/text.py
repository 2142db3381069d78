"""Plain-text building blocks for the person-facing outputs: numbers, colour, aligned tables.

Deliberately plain string formatting: ``rich`` would be the obvious tool, but it comes
with Textual's import cost, and the headless commands must start fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

# Below this many tonnes a gap or shortfall is rounding noise, not a problem to flag.
TONNES_EPSILON = 1e-6


@dataclass(frozen=True)
class Style:
    """How to decorate text for the stream being written to.

    Colour only on a terminal and only when ``NO_COLOR`` is unset (https://no-color.org);
    Unicode markers only when the stream's encoding can carry them.
    """

    colour: bool = False
    unicode: bool = True
    terminal: bool = False  # a person reads it as it comes: long free text may be cut

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour and text else text

    def red(self, text: str) -> str:
        return self._wrap("31", text)

    def yellow(self, text: str) -> str:
        return self._wrap("33", text)

    def green(self, text: str) -> str:
        return self._wrap("32", text)

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    @property
    def marker(self) -> str:
        """Flags a gap, a shortfall or a missed target."""
        return "▲" if self.unicode else "!"

    @property
    def ok(self) -> str:
        return "✓" if self.unicode else "ok"

    @property
    def dash(self) -> str:
        """Stands for a figure that does not exist (no demand, no such case)."""
        return "—" if self.unicode else "-"


def style_for(stream: TextIO) -> Style:
    isatty = getattr(stream, "isatty", None)
    terminal = bool(isatty and isatty())
    colour = terminal and not os.environ.get("NO_COLOR")
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        "▲✓—→".encode(encoding)
        unicode = True
    except (UnicodeEncodeError, LookupError):
        unicode = False
    return Style(colour=colour, unicode=unicode, terminal=terminal)


# --- numbers -----------------------------------------------------------------------


def _fixed(value: float, decimals: int, sign: bool = False) -> str:
    """Fixed decimals with separators. A change (``sign``) that rounds to zero keeps the
    sign of its direction ("-0.0"); no change at all, or rounding noise, is plain "0.0"."""
    rounded = round(value, decimals)
    if abs(value) < 1e-9 or (rounded == 0 and not sign):
        return f"{0.0:,.{decimals}f}"
    if rounded == 0:
        return ("-" if value < 0 else "+") + f"{0.0:,.{decimals}f}"
    return f"{rounded:{'+' if sign else ''},.{decimals}f}"


def tonnes(value: float | None, dash: str = "—", sign: bool = False) -> str:
    return dash if value is None else _fixed(value, 1, sign)


def percent(fraction: float | None, dash: str = "—", sign: bool = False) -> str:
    """A fraction 0–1 shown as percent (the unit goes in the header or after it)."""
    return dash if fraction is None else _fixed(fraction * 100, 1, sign)


def usd_millions(usd: float | None, dash: str = "—", sign: bool = False) -> str:
    return dash if usd is None else _fixed(usd / 1e6, 2, sign)


def days(value: float | None, dash: str = "—", sign: bool = False) -> str:
    return dash if value is None else _fixed(value, 1, sign)


def units(value: float | None, dash: str = "—") -> str:
    return dash if value is None else _fixed(value, 0)


def is_short(value: float | None) -> bool:
    return value is not None and value > TONNES_EPSILON


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


# --- aligned tables ----------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    header: str
    align: str = ">"  # ">" right (numbers), "<" left (names)


Row = Sequence[str]


def render_table(
    columns: Sequence[Column],
    rows: Sequence[Row],
    row_styles: Sequence[Callable[[str], str] | None] | None = None,
    indent: str = "  ",
    gap: str = "  ",
) -> list[str]:
    """Lines of an aligned table: header, then one line per row.

    Styling is applied after padding so that escape codes never upset the alignment.
    """
    widths = [len(c.header) for c in columns]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: Row) -> str:
        padded = [
            f"{cell:{col.align}{width}}"
            for cell, col, width in zip(cells, columns, widths, strict=True)
        ]
        return (indent + gap.join(padded)).rstrip()

    lines = [line([c.header for c in columns])]
    for i, row in enumerate(rows):
        text = line(row)
        style = row_styles[i] if row_styles else None
        if style is not None:
            text = indent + style(text[len(indent) :])
        lines.append(text)
    return lines
