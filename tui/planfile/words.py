"""How problems in plan files are worded: TOML paths, values and "did you mean" hints.

Kept in one place so that the reader, the dataset check and the writer all name places
and values in a file the same way, in the file's own notation.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Iterable

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SHOWN_CHARS = 40


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def key_part(key: str) -> str:
    """A key as TOML writes it (and as tomli-w does): bare when possible, else quoted."""
    if _BARE_KEY.fullmatch(key):
        return key
    escaped = []
    for char in key:
        if char in _ESCAPES:
            escaped.append(_ESCAPES[char])
        elif (char < " " and char != "\t") or char == "\x7f":
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def join(path: str, key: str | int) -> str:
    """Extend a TOML path by a key (``elements.Dy``) or an array index (``stress[0]``)."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    part = key_part(key)
    return f"{path}.{part}" if path else part


def show_number(value: float) -> str:
    """A number as a person would write it: ``90``, ``99.5``, ``nan``, ``inf``."""
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".10g")
    return str(value)


def describe(value: object) -> str:
    """The kind and value of something found in a file, for "expected X, got Y"."""
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, int):
        text = str(value) if abs(value) < 10**30 else "a very large integer"
        return f"integer {text}"
    if isinstance(value, float):
        return f"float {show_number(value) if not math.isfinite(value) else repr(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= _SHOWN_CHARS else value[:_SHOWN_CHARS] + "…"
        return f"string {json.dumps(shown, ensure_ascii=False)}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list | tuple):
        return "an array"
    if value is None:
        return "nothing"
    name = type(value).__name__
    return {"datetime": "a date-time", "date": "a date", "time": "a time"}.get(name, name)


def closest(word: str, options: Iterable[str]) -> str | None:
    """The option the user most likely meant, or None when nothing is close."""
    choices = list(options)
    for option in choices:
        if option.lower() == word.lower():
            return option
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not matches:
        lowered = {option.lower(): option for option in choices}
        matches = [
            lowered[m] for m in difflib.get_close_matches(word.lower(), lowered, n=1, cutoff=0.6)
        ]
    return matches[0] if matches else None


def suggestion(word: str, options: Iterable[str], what: str) -> str:
    """``did you mean 'lynas'?`` when one option is close, else the list of valid ones."""
    choices = list(options)
    best = closest(word, choices)
    if best is not None:
        return f"did you mean '{best}'?"
    if not choices:
        return f"there are no {what}"
    return f"expected one of: {', '.join(choices)}"
