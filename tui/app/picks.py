"""What the plan browser hands back, as types rather than tagged tuples and strings.

The browser offers plan files and versions of the open plan; the app acts on the
planner's choice. Naming each kind of choice lets the type checker see that every one
is handled, and keeps the browser from knowing what the app does with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from tui.app.browse import PlanSummary


class OpenVersion(Enum):
    """A version of the open plan that can stand in a comparison."""

    CURRENT = "current"  # as edited now
    SAVED = "saved"  # as on disk
    COMMITTED = "committed"  # as in git's HEAD


Pick = OpenVersion | PlanSummary | Path
"""One plan in a comparison: a version of the open plan, a browsed file (with its
figures when the browser has them) or a path."""


@dataclass(frozen=True)
class OpenFile:
    """Open this plan file (after the unsaved-changes question)."""

    path: Path


@dataclass(frozen=True)
class NewPlan:
    """Start a new plan on the data folder's dataset."""


@dataclass(frozen=True)
class Compare:
    """Show these plans side by side, in this order."""

    picks: tuple[Pick, ...]


BrowserChoice = OpenFile | NewPlan | Compare
