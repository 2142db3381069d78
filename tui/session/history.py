"""Undo and redo over immutable plans.

Because a ``Plan`` is an immutable value, the history is simply the list of plans the
planner has been through, with a cursor. Each entry remembers which element the edit
touched (``None`` for plan-wide edits such as stress cases) so that undoing it can ask
the engine to recompute just that element. The history also remembers which entry was
last saved, so that undoing back to it makes the plan clean again.
"""

from __future__ import annotations

import time
from collections.abc import Hashable
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Change(Generic[T]):
    """One state of the plan and the edit that led to it."""

    state: T
    label: str
    element: str | None = None
    """The one element the edit changed; None when it changed the plan as a whole."""
    origin: str | None = None
    """The version of the file on disk this state derives from (its digest), if any."""
    group: Hashable | None = None
    """Edits of one burst share it (e.g. steps on one cell): they undo as one."""
    at: float = 0.0
    """When the last edit of this change was made (monotonic seconds)."""


BURST_GAP_S = 1.5
"""Steps on one cell closer together than this are one undo step: twenty presses of
``+`` are one change of mind, not twenty."""


class History(Generic[T]):
    """A linear undo/redo history: a new edit after some undos drops the redo branch."""

    def __init__(self, state: T, *, limit: int = 1000, origin: str | None = None) -> None:
        self._changes: list[Change[T]] = [Change(state, "open", origin=origin)]
        self._index = 0
        self._saved: int | None = 0
        self._limit = limit

    @property
    def current(self) -> T:
        return self._changes[self._index].state

    @property
    def can_undo(self) -> bool:
        return self._index > 0

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._changes) - 1

    @property
    def undo_label(self) -> str | None:
        return self._changes[self._index].label if self.can_undo else None

    @property
    def redo_label(self) -> str | None:
        return self._changes[self._index + 1].label if self.can_redo else None

    @property
    def origin(self) -> str | None:
        """The disk version the current state derives from (see ``Change.origin``)."""
        return self._changes[self._index].origin

    @property
    def is_saved(self) -> bool:
        """True when the current state is the one last marked saved."""
        return self._saved == self._index

    def push(
        self,
        state: T,
        label: str,
        element: str | None = None,
        *,
        origin: str | None = None,
        group: Hashable | None = None,
        now: float | None = None,
    ) -> None:
        """Add a state after the current one; ``origin`` None keeps the current origin.

        With a ``group``, an edit that follows one of the same group within BURST_GAP_S
        joins it (one undo step), unless that one was saved or undone; a burst that
        comes back to where it started leaves no step.
        """
        origin = origin if origin is not None else self.origin
        now = time.monotonic() if now is None else now
        top = self._changes[self._index]
        if (
            group is not None
            and top.group == group
            and top.origin == origin
            and now - top.at <= BURST_GAP_S
            and not self.can_redo
            and self._saved != self._index
            and self._index > 0
        ):
            if state == self._changes[self._index - 1].state:
                del self._changes[self._index]  # back where the burst began: no step
                self._index -= 1
            else:
                self._changes[self._index] = Change(state, label, element, origin, group, now)
            return
        del self._changes[self._index + 1 :]
        if self._saved is not None and self._saved > self._index:
            self._saved = None  # the saved state was on the dropped redo branch
        self._changes.append(Change(state, label, element, origin, group, now))
        self._index += 1
        overflow = len(self._changes) - self._limit
        if overflow > 0:
            del self._changes[:overflow]
            self._index -= overflow
            if self._saved is not None:
                self._saved = self._saved - overflow if self._saved >= overflow else None

    def undo(self) -> Change[T] | None:
        """Step back; returns the change that was undone (its element says what to redo)."""
        if not self.can_undo:
            return None
        undone = self._changes[self._index]
        self._index -= 1
        return undone

    def redo(self) -> Change[T] | None:
        """Step forward; returns the change that was redone."""
        if not self.can_redo:
            return None
        self._index += 1
        return self._changes[self._index]

    def mark_saved(self) -> None:
        self._saved = self._index

    def retarget(self, old: str | None, new: str) -> None:
        """States derived from disk version ``old`` now derive from ``new`` (a save wrote
        one of them, so ``new`` holds nobody else's changes that they lack)."""
        self._changes = [
            replace(change, origin=new) if change.origin == old else change
            for change in self._changes
        ]

    def mark_unsaved(self) -> None:
        """Nothing in the history matches the file any more (e.g. a new plan)."""
        self._saved = None

    def reset(self, state: T, *, saved: bool = True) -> None:
        """Start over from ``state`` (after opening or reloading a plan)."""
        self._changes = [Change(state, "open")]
        self._index = 0
        self._saved = 0 if saved else None

    def __len__(self) -> int:
        return len(self._changes)
