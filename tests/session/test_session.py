"""The session without an app: edit, undo, save, conflict, reload."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tui.domain.errors import SaveConflict, SaveError
from tui.domain.plan import Horizon, Split
from tui.planfile import load_plan
from tui.session import edits
from tui.session.session import Session


def test_edit_recalculates_incrementally_like_a_full_evaluation(workdir: Path) -> None:
    session = Session.open(Path("plans/baseline.toml"))
    plan = edits.set_split(session.plan, "Dy", Split.of(china=50, lynas=40, recycling=10))
    session.apply(plan, "Dy", "Dy")
    full = session.engine.evaluate(plan)
    assert session.evaluation.base.portfolio == full.base.portfolio
    assert session.dirty
    session.undo()
    assert not session.dirty and session.plan.elements["Dy"].split.share("china") == 70


def test_save_then_conflict_then_force(workdir: Path) -> None:
    session = Session.open(Path("plans/baseline.toml"))
    session.apply(edits.set_note(session.plan, "Tb", "watch"), "note", "Tb")
    path = session.save()
    assert load_plan(path).plan.elements["Tb"].note == "watch" and not session.dirty
    path.write_text(path.read_text() + "\n# theirs\n")
    session.apply(edits.set_note(session.plan, "Tb", "mine"), "note", "Tb")
    with pytest.raises(SaveConflict):
        session.save()
    session.save(force=True)
    assert "# theirs" not in path.read_text()
    assert session.reload().plan.elements["Tb"].note == "mine"


def test_save_as_refuses_an_existing_file_and_reports_folders(workdir: Path) -> None:
    session = Session.open(Path("plans/baseline.toml"))
    with pytest.raises(SaveConflict):
        session.save(Path("plans/diversified.toml"))
    Path("plans/dir.toml").mkdir()
    with pytest.raises(SaveError):
        session.save(Path("plans/dir.toml"))
    assert session.path == Path("plans/baseline.toml")


def test_new_plan_needs_a_path(workdir: Path) -> None:
    session = Session.new()
    assert session.path is None and not session.dirty
    with pytest.raises(ValueError):
        session.save()
    session.save(Path("plans/fresh.toml"))
    assert load_plan(Path("plans/fresh.toml")).plan.name == "New plan"


def test_a_plan_that_would_not_open_again_is_not_saved(workdir: Path) -> None:
    session = Session.open(Path("plans/baseline.toml"))
    before = Path("plans/baseline.toml").read_bytes()
    outside = replace(session.plan, horizon=Horizon("2024Q1", "2026Q4"))
    session.apply(outside, "horizon")
    with pytest.raises(SaveError) as raised:
        session.save()
    assert "horizon.start: 2024Q1 is outside the dataset's quarters" in str(raised.value)
    assert Path("plans/baseline.toml").read_bytes() == before
    assert session.dirty
