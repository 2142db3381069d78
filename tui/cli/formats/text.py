"""Plain-text building blocks for the person-facing outputs: colour, markers, aligned tables.

Numbers are written by ``tui.present.numbers``, the same functions the app uses.

Deliberately plain string formatting: ``rich`` would be the obvious tool, but it comes
with Textual's import cost, and the headless commands must start fast.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO


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


# --- words -------------------------------------------------------------------------


def plural(count: int, word: str) -> str:
    """``1 file``, ``3 files``, ``2,000,000 problems``: thousands grouped as elsewhere."""
    return f"{count} {word}" if count == 1 else f"{count:,} {word}s"


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
