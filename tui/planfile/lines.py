"""A plan file's lines, as TOML counts them.

TOML ends a line at LF (or CRLF) only. ``str.splitlines`` also ends one at U+0085,
U+2028, U+2029 and a few control characters, which a name or note in a string may hold
(tomli-w writes them as they are): a conflict block or a line number would then fall in
the middle of a string.
"""

from __future__ import annotations


def toml_lines(text: str, *, keepends: bool = False) -> list[str]:
    """``text`` split at its line feeds: with ``keepends`` each line keeps its ``\\n``;
    without, it loses a ``\\r\\n`` or ``\\n``. A final line feed opens no empty line."""
    pieces = text.split("\n")
    last = pieces.pop()
    if keepends:
        lines = [piece + "\n" for piece in pieces]
    else:
        lines = [piece.removesuffix("\r") for piece in pieces]
    if last:
        lines.append(last)
    return lines
