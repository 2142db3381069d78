"""Which line of a plan file a TOML path (``elements.Ce.split``) is written on.

tomllib returns plain dicts, without positions, so a value that parses but is wrong
(``shares sum to 90``) could only be named by its path. This finds the line in the
text with one pass over it: table headers (``[elements.Ce]``, ``[[stress]]`` counted
for ``stress[2]``) and key lines (``split = …``, ``elements.Ce.split = …``) are matched
against the path, and the line that spells the longest part of it wins. It is a
locator for messages, not a parser: when in doubt it answers None, and the message
keeps its path alone.
"""

from __future__ import annotations

import re

from tui.planfile.lines import toml_lines

Part = str | int

_KEY = r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[A-Za-z0-9_-]+'
_PATH_TOKEN = re.compile(rf"{_KEY}|\[(\d+)\]")
_KEY_LINE = re.compile(rf"^\s*((?:{_KEY})(?:\s*\.\s*(?:{_KEY}))*)\s*=")
_HEADER = re.compile(rf"^\s*(\[\[?)\s*((?:{_KEY})(?:\s*\.\s*(?:{_KEY}))*)\s*\]\]?")
_KEY_PART = re.compile(_KEY)


def _unquote(token: str) -> str:
    if len(token) >= 2 and token[0] == token[-1] and token[0] in "\"'":
        return token[1:-1]
    return token


def path_parts(path: str) -> list[Part]:
    """``stress[2].months`` → ``["stress", 2, "months"]``."""
    parts: list[Part] = []
    for match in _PATH_TOKEN.finditer(path):
        index = match.group(1)
        parts.append(int(index) if index is not None else _unquote(match.group()))
    return parts


def _keys(text: str) -> list[Part]:
    return [_unquote(m.group()) for m in _KEY_PART.finditer(text)]


def line_of(text: str, path: str) -> int | None:
    """The line (from 1) that writes ``path`` or the nearest table holding it."""
    target = path_parts(path)
    if not target:
        return None
    best: tuple[int, int] | None = None  # (parts matched, line)
    table: list[Part] = []
    arrays: dict[tuple[Part, ...], int] = {}
    in_string = False
    for number, line in enumerate(toml_lines(text), start=1):
        if line.count('"""') % 2 or line.count("'''") % 2:
            in_string = not in_string
            if in_string:
                continue
        if in_string:
            continue
        header = _HEADER.match(line)
        if header is not None:
            keys = _keys(header.group(2))
            if header.group(1) == "[[":
                key = tuple(keys)
                arrays[key] = arrays.get(key, -1) + 1
                table = [*keys, arrays[key]]
            else:
                table = keys
            spelled = table
        else:
            key_line = _KEY_LINE.match(line)
            if key_line is None:
                continue
            spelled = [*table, *_keys(key_line.group(1))]
        if target[: len(spelled)] == spelled and (best is None or len(spelled) > best[0]):
            best = (len(spelled), number)
    return None if best is None else best[1]
