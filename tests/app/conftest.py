"""Fixtures for the app tests: a working folder with plans and data, and an app factory.

Every test runs in its own ``tmp_path`` (the working folder, so ``plans/...`` paths
read the same as for a user) with copies of the fixture plans and the reference data:
tests write files only there. Modified times and the time zone are fixed so that the
browser's "modified" column is the same in every snapshot.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.app.app import ReplanApp
from tui.app.screens.main import MainScreen
from tui.app.screens.welcome import WelcomeScreen

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[2]
FIXED_MTIME = 1_767_225_600  # 2026-01-01 00:00 UTC


def make_app(plan: str | Path | None = "plans/baseline.toml") -> ReplanApp:
    return ReplanApp(Path(plan) if plan is not None else None, None)


async def ready(pilot: Pilot) -> None:
    """Wait until the launch has finished (the plan or the failure is on screen)."""
    for _ in range(200):
        await pilot.pause()
        if isinstance(pilot.app.screen, MainScreen | WelcomeScreen) or any(
            isinstance(s, MainScreen | WelcomeScreen) for s in pilot.app.screen_stack
        ):
            await pilot.pause()
            return
    raise AssertionError("the app did not finish launching")


async def settle(pilot: Pilot, rounds: int = 3) -> None:
    """Let dialogs and repaints run, and background threads (browser figures) finish.

    Async workers are not awaited: a save or quit flow sits in a worker waiting for
    the user's answer in a dialog, and would never complete on its own.
    """
    for _ in range(rounds):
        await pilot.pause()
    for worker in list(pilot.app.workers):
        if worker.group == "summaries" and not worker.is_finished:
            await worker.wait()
    for _ in range(rounds):
        await pilot.pause()


@pytest.fixture
def toasts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every toast's message in the order shown, recorded by wrapping the public
    ``App.notify`` (Textual keeps its own list private)."""
    seen: list[str] = []
    shown: Callable[..., None] = ReplanApp.notify

    def notify(self: ReplanApp, message: str, *args: object, **kwargs: object) -> None:
        seen.append(str(message))
        shown(self, message, *args, **kwargs)

    monkeypatch.setattr(ReplanApp, "notify", notify)
    return seen
