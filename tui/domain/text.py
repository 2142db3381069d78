"""Text from files, made safe to print for a person.

Plan names, notes, authors and error messages come from files anyone can write. A
terminal obeys control characters: an ESC in a plan name can retitle the window
(OSC 0) or write the clipboard (OSC 52), a carriage return can overwrite a line. So
whatever is printed for a person shows such characters as visible escapes (``\\x1b``)
and keeps every ordinary character, accents, CJK and emoji included. JSON output is
left alone: its encoder escapes control characters already.

This module is free of Textual and Rich so that the headless commands and the app
share one definition of "safe to show".
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls (Unicode category Cc), then the bidirectional
# overrides and isolates that can make a line read differently from what it holds.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_EXCEPT_NEWLINE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character written out as a visible escape.

    ``keep_newlines`` leaves line feeds as they are, for text shown over several lines
    (a description, a list of problems); everything else (tab, CR, ESC, ...) is escaped.
    Text without control characters is returned unchanged (the common, cheap case).
    """
    pattern = _UNSAFE_EXCEPT_NEWLINE if keep_newlines else _UNSAFE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)
