"""Conflicted plan files: written with git-style conflict blocks, refused when read.

When a merge leaves conflicts, the file left behind must not be mistaken for a plan —
by a person, by ``replan validate`` in CI, or by the app. It is the canonical TOML of
the merge with each conflicting entry between the markers git users know::

    <<<<<<< ours: elements.Nd.split
    china = 48
    lynas = 45
    recycling = 7
    =======
    china = 43
    lynas = 50
    recycling = 7
    >>>>>>> theirs: elements.Nd.split

Deleting the markers and the unwanted side leaves a valid plan. The reader looks for
such blocks (from this writer or from a plain line-based git merge) before parsing the
TOML, and names each one with its line, its place in the plan and both sides.
"""

from __future__ import annotations

import difflib

import tomli_w

from tui.planfile.lines import toml_lines
from tui.planfile.markers import END, OURS_LABEL, SEPARATOR, START, conflict_problems
from tui.planfile.merge import PlanMerge, Side


def conflicted_text(merge: PlanMerge) -> str:
    """The merged plan's TOML with a conflict block around each conflicting entry."""
    ours_lines = _lines(merge.resolved("ours"))
    theirs_lines = _lines(merge.resolved("theirs"))
    spans = {conflict.path: _span(merge, conflict.path, ours_lines) for conflict in merge.conflicts}
    tables = {
        conflict.path
        for conflict in merge.conflicts
        if isinstance(conflict.ours, dict) or isinstance(conflict.theirs, dict)
    }
    matcher = difflib.SequenceMatcher(None, ours_lines, theirs_lines, autojunk=False)
    out: list[str] = []
    copied = 0
    opcodes = matcher.get_opcodes()
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            continue
        following = opcodes[number + 1] if number + 1 < len(opcodes) else None
        limit = following[2] if following is not None and following[0] == "equal" else i2
        paths = [path for path, span in spans.items() if _touches(span, i1, i2)]
        if paths and all(path in tables for path in paths):
            # a table's whole body, so that each side shows the whole split
            while i1 > copied and j1 > 0 and _is_key_line(ours_lines[i1 - 1]):
                i1, j1 = i1 - 1, j1 - 1
            while i2 < limit and _is_key_line(ours_lines[i2]):
                i2, j2 = i2 + 1, j2 + 1
        label = ", ".join(paths) or "merge"
        out.extend(ours_lines[copied:i1])
        out.append(f"{START} {OURS_LABEL}{label}\n")
        out.extend(ours_lines[i1:i2])
        out.append(f"{SEPARATOR}\n")
        out.extend(theirs_lines[j1:j2])
        out.append(f"{END} theirs: {label}\n")
        copied = i2
    out.extend(ours_lines[copied:])
    text = "".join(out)
    if merge.conflicts and not conflict_problems(text, "check"):
        # never leave a conflicted merge that reads as a plan
        text = (
            f"{START} {OURS_LABEL}{', '.join(c.path for c in merge.conflicts)}\n"
            + "".join(ours_lines)
            + f"{SEPARATOR}\n"
            + "".join(theirs_lines)
            + f"{END} theirs\n"
        )
    return text


def _lines(merge: PlanMerge) -> list[str]:
    return toml_lines(tomli_w.dumps(merge.document), keepends=True)


def _span(merge: PlanMerge, path: str, ours_lines: list[str]) -> tuple[int, int]:
    """The lines of the all-ours text that change when only ``path`` takes their side."""
    picks: dict[str, Side] = {c.path: "ours" for c in merge.conflicts}
    picks[path] = "theirs"
    changed = _lines(merge.with_picks(picks))
    matcher = difflib.SequenceMatcher(None, ours_lines, changed, autojunk=False)
    spans = [(i1, i2) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]
    if not spans:
        return (0, len(ours_lines))
    return (min(i1 for i1, _ in spans), max(i2 for _, i2 in spans))


def _touches(span: tuple[int, int], start: int, end: int) -> bool:
    """Whether a conflict's lines meet a block's (an empty range is an insertion point)."""
    low, high = span
    if low == high or start == end:
        return start <= high and low <= end
    return low < end and start < high


def _is_key_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("[")
