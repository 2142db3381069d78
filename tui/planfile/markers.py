"""Finding conflict blocks in a plan file before it is parsed as TOML.

A plan left with ``<<<<<<<`` / ``=======`` / ``>>>>>>>`` blocks — by ``replan merge`` or by
a plain line-based git merge — must not read as a plan, and the message should say
where each block is, what it is about and what both sides say, rather than the TOML
parser's "invalid statement at line 25".
"""

from __future__ import annotations

import re

from tui.domain.errors import Problem
from tui.planfile.lines import toml_lines

START, SEPARATOR, END, BASE = "<<<<<<<", "=======", ">>>>>>>", "|||||||"
OURS_LABEL = "ours: "
"""``replan merge`` labels its blocks ``<<<<<<< ours: elements.Nd.split``."""

_SHOWN_CHARS = 100
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def conflict_problems(text: str, file: str) -> list[Problem]:
    """One problem per conflict block in ``text`` (empty when there is none)."""
    if START not in text:
        return []
    problems: list[Problem] = []
    lines = toml_lines(text)
    index = 0
    while index < len(lines):
        line = lines[index]
        if not _is_marker(line, START):
            index += 1
            continue
        start = index + 1
        label = line[len(START) :].strip()
        path = label[len(OURS_LABEL) :].strip() if label.startswith(OURS_LABEL) else ""
        sides: dict[str, list[str]] = {"ours": [], "base": [], "theirs": []}
        side = "ours"
        index += 1
        closed = False
        while index < len(lines):
            current = lines[index]
            if _is_marker(current, BASE):
                side = "base"
            elif _is_marker(current, SEPARATOR, exact=True):
                side = "theirs"
            elif _is_marker(current, END):
                closed = True
                break
            else:
                sides[side].append(current)
            index += 1
        where = _safe(path) if path else f"line {start}"
        if closed and side == "theirs":
            message = (
                f"unresolved merge conflict at line {start}: ours {_summary(sides['ours'])}; "
                f"theirs {_summary(sides['theirs'])} (keep one side and delete the markers)"
            )
        else:
            message = f"unresolved merge conflict at line {start}: the conflict block is not closed"
        problems.append(Problem(file, where, message))
        index += 1
    return problems


def _is_marker(line: str, marker: str, *, exact: bool = False) -> bool:
    if exact:
        return line.rstrip() == marker
    return line == marker or line.startswith(marker + " ") or line.rstrip() == marker


def _summary(lines: list[str]) -> str:
    text = ", ".join(line.strip() for line in lines if line.strip())
    if not text:
        return "(nothing)"
    text = _safe(text)
    return text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "…"


def _safe(text: str) -> str:
    """Text from the file, with anything a terminal would act on made visible."""
    return _UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
