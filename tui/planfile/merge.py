"""Three-way merge of plans: the version both started from, ours and theirs → one plan.

Plans are shared files, and two planners (or two git branches) edit the same one. A
line-based merge of TOML can give a file that parses but is wrong — two edits to one
split on adjacent lines make a split that no longer sums to 100 — so the merge works on
the plan's structure instead, keyed by meaning:

- top-level keys, ``[defaults]`` keys and each element's keys are merged key by key;
- elements are matched by symbol, schedule entries by their ``from`` quarter, stress
  cases by name, and each of their keys merged in turn;
- a split (and the horizon) merges as a whole value: shares of one split are never
  mixed from two sides, since that breaks the sum.

It works on the canonical TOML documents (``writer.plan_document``), not on the Plan's
fields, so a key added to the format later merges without a change here. The result is
rebuilt through the schema: a merge that is clean key by key but gives a plan that does
not validate is reported with its problems and gives no plan.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from tui.domain.errors import PlanError, Problem
from tui.domain.period import is_period, period_index
from tui.domain.plan import Plan
from tui.planfile.schema import plan_from_document
from tui.planfile.words import join, key_part, show_number
from tui.planfile.writer import plan_document

Side = Literal["ours", "theirs"]
Document = dict[str, Any]
"""A plan as parsed TOML (or as ``writer.plan_document`` gives it)."""

ATOMIC_KEYS = frozenset({"split", "horizon"})
"""Tables merged as one value: a split's shares only make sense together."""

KEYED_ARRAYS = {"stress": "name", "schedule": "from"}
"""Arrays of tables whose entries are matched by a key of theirs, not by position."""


class _Absent:
    """A key that one version does not have (distinct from any TOML value)."""

    _instance: _Absent | None = None

    def __new__(cls) -> _Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()


@dataclass(frozen=True)
class Conflict:
    """One place both sides changed in different ways; values are TOML values or ABSENT."""

    path: str
    base: object
    ours: object
    theirs: object

    def __str__(self) -> str:
        return (
            f"{self.path}: base {show_value(self.base)}; ours {show_value(self.ours)}; "
            f"theirs {show_value(self.theirs)}"
        )


@dataclass(frozen=True)
class PlanMerge:
    """The outcome of a merge.

    ``document`` is the merged canonical document, holding our value at each conflict;
    ``plan`` is the merged plan, None when there are conflicts or ``problems`` (the
    merged document does not validate). ``from_theirs`` / ``from_ours`` name the places
    whose value came from one side's change, for telling the user what was taken.
    """

    base: Document
    ours: Document
    theirs: Document
    document: Document
    plan: Plan | None
    conflicts: tuple[Conflict, ...] = ()
    problems: tuple[Problem, ...] = ()
    from_ours: tuple[str, ...] = ()
    from_theirs: tuple[str, ...] = ()
    picks: Mapping[str, Side] = field(default_factory=dict)
    file: str = "merged plan"

    @property
    def clean(self) -> bool:
        return self.plan is not None

    def with_picks(self, picks: Mapping[str, Side]) -> PlanMerge:
        """The same merge with conflicts resolved as ``picks`` says (path → side)."""
        return merge_documents(
            self.base, self.ours, self.theirs, picks={**self.picks, **picks}, file=self.file
        )

    def resolved(self, side: Side) -> PlanMerge:
        """Every remaining conflict resolved to one side."""
        return self.with_picks({conflict.path: side for conflict in self.conflicts})


def merge_plans(
    base: Plan | None,
    ours: Plan,
    theirs: Plan,
    *,
    element_order: Sequence[str] = (),
    source_order: Sequence[str] = (),
    picks: Mapping[str, Side] | None = None,
    file: str = "merged plan",
) -> PlanMerge:
    """Merge ``ours`` and ``theirs``, both derived from ``base`` (None: no common version).

    The orders are the dataset's; they decide the order of elements and sources in the
    merged document as they do in a saved file.
    """
    documents = [
        plan_document(plan, element_order, source_order) if plan is not None else {}
        for plan in (base, ours, theirs)
    ]
    return merge_documents(*documents, picks=picks or {}, file=file)


def merge_documents(
    base: Document,
    ours: Document,
    theirs: Document,
    *,
    picks: Mapping[str, Side] | None = None,
    file: str = "merged plan",
) -> PlanMerge:
    """Merge three plan documents (as ``writer.plan_document`` gives them)."""
    merger = _Merger(picks or {})
    document = merger.table("", base, ours, theirs)
    plan: Plan | None = None
    problems: tuple[Problem, ...] = ()
    if not merger.conflicts:
        try:
            plan = plan_from_document(document, file)
        except PlanError as error:
            problems = tuple(error.problems)
    return PlanMerge(
        base=base,
        ours=ours,
        theirs=theirs,
        document=document,
        plan=plan,
        conflicts=tuple(merger.conflicts),
        problems=problems,
        from_ours=tuple(merger.from_ours),
        from_theirs=tuple(merger.from_theirs),
        picks=dict(picks or {}),
        file=file,
    )


class _Merger:
    def __init__(self, picks: Mapping[str, Side]) -> None:
        self.picks = picks
        self.conflicts: list[Conflict] = []
        self.from_ours: list[str] = []
        self.from_theirs: list[str] = []

    def value(
        self,
        path: str,
        key: str | None,
        base: object,
        ours: object,
        theirs: object,
        *,
        top: bool = False,
    ) -> object:
        if same(ours, theirs):
            return ours  # unchanged, or the same change on both sides
        if top and key not in ATOMIC_KEYS and isinstance(ours, dict) | isinstance(theirs, dict):
            # the writer leaves out an empty [elements] or [defaults]: absent is empty there
            # (an element left out is not the same as one listed empty, so not below)
            base, ours, theirs = (v if v is not ABSENT else {} for v in (base, ours, theirs))
        if key not in ATOMIC_KEYS:  # go down, so that changes are named where they are
            if isinstance(ours, dict) and isinstance(theirs, dict):
                table = self.table(path, base if isinstance(base, dict) else {}, ours, theirs)
                return ABSENT if top and not table else table
            if key in KEYED_ARRAYS:
                merged = self.keyed_array(path, KEYED_ARRAYS[key], base, ours, theirs)
                if merged is not None:
                    return merged if merged else ABSENT
        if same(base, ours):
            self.from_theirs.append(path)
            return theirs
        if same(base, theirs):
            self.from_ours.append(path)
            return ours
        pick = self.picks.get(path)
        if pick is not None:
            (self.from_ours if pick == "ours" else self.from_theirs).append(path)
            return ours if pick == "ours" else theirs
        self.conflicts.append(Conflict(path, base, ours, theirs))
        return ours

    def table(self, path: str, base: Document, ours: Document, theirs: Document) -> Document:
        merged: Document = {}
        for key in dict.fromkeys([*base, *ours, *theirs]):
            value = self.value(
                join(path, key),
                key,
                base.get(key, ABSENT),
                ours.get(key, ABSENT),
                theirs.get(key, ABSENT),
                top=not path,
            )
            if value is not ABSENT:
                merged[key] = value
        order = merged_order(list(base), list(ours), list(theirs), merged)
        return {key: merged[key] for key in order}

    def keyed_array(
        self, path: str, by: str, base: object, ours: object, theirs: object
    ) -> list[Document] | None:
        """Entries matched by ``by``; None when an array is not one of such entries."""
        tables = [_by_key(value, by) for value in (base, ours, theirs)]
        if any(table is None for table in tables):
            return None
        old, mine, yours = (table or {} for table in tables)
        merged: Document = {}
        for key in dict.fromkeys([*old, *mine, *yours]):
            value = self.value(
                f"{path}[{quoted(key)}]",
                None,
                old.get(key, ABSENT),
                mine.get(key, ABSENT),
                yours.get(key, ABSENT),
            )
            if value is not ABSENT:
                merged[key] = value
        order = merged_order(list(old), list(mine), list(yours), merged)
        if by == "from" and all(is_period(key) for key in order):
            order.sort(key=period_index)  # schedules must be in increasing order
        return [merged[key] for key in order]


def _by_key(value: object, by: str) -> dict[str, Document] | None:
    """An array of tables as {entry[by]: entry}; ABSENT is empty; None if not keyable."""
    if value is ABSENT:
        return {}
    if not isinstance(value, list):
        return None
    entries: dict[str, Document] = {}
    for entry in value:
        if not isinstance(entry, dict) or not isinstance(entry.get(by), str):
            return None
        if entry[by] in entries:
            return None
        entries[entry[by]] = entry
    return entries


def merged_order(
    base: Sequence[str], ours: Sequence[str], theirs: Sequence[str], present: Mapping[str, object]
) -> list[str]:
    """The order of the merged keys: the side that reordered wins (ours when both did);
    keys only the other side has go after their nearest predecessor there."""
    primary, secondary = (theirs, ours) if list(ours) == list(base) else (ours, theirs)
    order = [key for key in primary if key in present]
    placed, others = set(order), set(secondary)
    for index, key in enumerate(secondary):
        if key not in present or key in placed:
            continue
        position = 0
        for before in reversed(secondary[:index]):
            if before in placed:
                position = order.index(before) + 1
                break
        while position < len(order) and order[position] not in others:
            position += 1  # after what the first side added there
        order.insert(position, key)
        placed.add(key)
    order.extend(key for key in present if key not in placed)
    return order


def same(a: object, b: object) -> bool:
    """Equal as TOML values: types matter (``60`` is not ``60.0``), table order does not."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return (
            isinstance(b, list)
            and len(a) == len(b)
            and all(same(x, y) for x, y in zip(a, b, strict=True))
        )
    return type(a) is type(b) and (a is b or a == b)


def quoted(key: str) -> str:
    """A key as a TOML basic string, always quoted: ``"China embargo"``."""
    return json.dumps(key, ensure_ascii=False)


def show_value(value: object) -> str:
    """A TOML value on one line, as the file would say it: ``{ china = 43, lynas = 57 }``."""
    if value is ABSENT:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            return repr(value)  # 60.0 stays 60.0: it differs from 60 in the file
        return show_number(value)
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, dict):
        inside = ", ".join(f"{key_part(str(k))} = {show_value(v)}" for k, v in value.items())
        return f"{{ {inside} }}" if inside else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(show_value(item) for item in value) + "]"
    return str(value)
