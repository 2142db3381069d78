"""Does a plan file hold comments that saving would drop?

replan writes plans in one canonical layout (tomli-w), which keeps no comments. A team
that annotated a plan by hand should hear that once, when the save replaces them; this
module only answers the question, cheaply, without a TOML parser that keeps comments.
"""

from __future__ import annotations

from pathlib import Path


def has_comments(text: str) -> bool:
    """True when ``text`` has a ``#`` outside TOML strings (a comment).

    A small scanner over the four TOML string forms; it does not validate the TOML.
    """
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "#":
            return True
        if char in "\"'":
            i = _skip_string(text, i)
            continue
        i += 1
    return False


def _skip_string(text: str, start: int) -> int:
    """The index just past the string that opens at ``start``."""
    quote = text[start]
    multi = text.startswith(quote * 3, start)
    close = quote * 3 if multi else quote
    i = start + len(close)
    while i < len(text):
        if quote == '"' and text[i] == "\\":
            i += 2  # an escape: the next character cannot close the string
            continue
        if not multi and text[i] == "\n":
            return i + 1  # an unterminated one-line string ends with its line
        if text.startswith(close, i):
            return i + len(close)
        i += 1
    return i


def file_has_comments(path: Path) -> bool:
    """``has_comments`` of the file at ``path``; False when there is no readable file."""
    try:
        return has_comments(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False
