"""A cheap look at TOML text before the parser sees it: refuse keys no plan needs.

tomllib takes time and memory quadratic in the depth of a dotted key: ``x.a.a.a…``
with 60,000 parts (a 120 KB file) exhausts memory. No plan key has more than a
handful of parts (``elements.Dy.split.china``), so a key deeper or longer than the
bounds below is refused with its line and column, in one linear pass over the text
that skips strings and comments.
"""

from __future__ import annotations

import re

MAX_KEY_PARTS = 32
"""Parts in one dotted key or table header; plans use at most 4."""

MAX_KEY_LENGTH = 512
"""Characters in one key (before its ``=``); plan keys are names of a few letters."""

# What the scan must see: strings and comments (skipped whole), dots (counted), the
# characters that end a key or a value (``=``, newline, ``,``, braces, brackets).
_TOKENS = re.compile(
    r'"""(?:[^\\]|\\[\s\S])*?"""'  # multi-line basic string
    r"|'''[\s\S]*?'''"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"'  # basic string
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*"  # comment
    r"|[.=\n,{}\[\]]"
)


def key_problem(text: str) -> tuple[int, str] | None:
    """(offset, message) of the first key that is too deep or too long, else None."""
    if text.count(".") < MAX_KEY_PARTS and len(text) < MAX_KEY_LENGTH:
        return None  # the common case: nothing to scan for
    dots, start = 0, 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token == ".":
            dots += 1
            if dots >= MAX_KEY_PARTS:
                return match.start(), (
                    f"a key has more than {MAX_KEY_PARTS} dotted parts; plan keys have a few"
                )
        elif token == "=":
            if match.start() - start > MAX_KEY_LENGTH:
                return start, f"a key is longer than {MAX_KEY_LENGTH} characters"
            dots, start = 0, match.end()
        elif len(token) == 1 and token in "\n,{}[]":
            dots, start = 0, match.end()
    return None
