"""The session's record of the file on disk: each entry's origin, merge, undo, save."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tui.domain.errors import PlanError, SaveConflict
from tui.domain.plan import Split
from tui.planfile import load_plan, save_plan
from tui.session import edits
from tui.session.history import History
from tui.session.session import Session

BASELINE = Path("plans/baseline.toml")


def colleague_sets_author(author: str = "tanaka") -> str:
    loaded = load_plan(BASELINE)
    return save_plan(replace(loaded.plan, author=author), BASELINE, expected_digest=loaded.digest)


def test_history_entries_remember_their_origin_and_can_be_retargeted() -> None:
    history = History("a", origin="d0")
    history.push("b", "edit")
    history.push("c", "reload", origin="d1")
    assert history.origin == "d1"
    history.undo()
    assert history.origin == "d0"
    history.retarget("d0", "d2")
    assert history.origin == "d2"
    history.redo()
    assert history.origin == "d1"


def test_a_clean_merge_is_one_step_and_the_disk_record_moves_on(workdir: Path) -> None:
    session = Session.open(BASELINE)
    session.apply(edits.set_note(session.plan, "Tb", "watch"), "note", "Tb")
    digest = colleague_sets_author()
    merge, loaded = session.merge_disk()
    assert merge.clean and merge.from_theirs == ("author",)
    session.accept_merge(merge, loaded)
    assert session.plan.author == "tanaka" and session.plan.elements["Tb"].note == "watch"
    assert session.digest == digest and session.history.origin == digest
    assert session.saved_plan is not None and session.saved_plan.author == "tanaka"
    assert session.dirty
    session.undo()
    assert session.plan.author != "tanaka"
    with pytest.raises(SaveConflict):  # the undone entry predates their file
        session.save()
    session.redo()
    session.save()
    saved = load_plan(BASELINE).plan
    assert saved.author == "tanaka" and saved.elements["Tb"].note == "watch"


def test_undoing_our_own_saved_edit_saves_without_a_conflict(workdir: Path) -> None:
    session = Session.open(BASELINE)
    before = session.plan
    session.apply(edits.set_note(session.plan, "Tb", "watch"), "note", "Tb")
    session.save()
    session.undo()
    session.save()
    assert load_plan(BASELINE).plan == before


def test_an_undone_reload_merges_with_the_version_it_came_from(workdir: Path) -> None:
    session = Session.open(BASELINE)
    split = Split.of(china=50, lynas=40, recycling=10)
    session.apply(edits.set_split(session.plan, "Dy", split), "Dy", "Dy")
    colleague_sets_author()
    assert session.reload() is session
    session.undo()
    merge, loaded = session.merge_disk()
    assert merge.clean
    session.accept_merge(merge, loaded)
    assert session.plan.author == "tanaka" and session.plan.base_split("Dy") == split


def test_a_file_now_on_another_dataset_is_not_merged(workdir: Path) -> None:
    session = Session.open(BASELINE)
    loaded = load_plan(BASELINE)
    save_plan(replace(loaded.plan, dataset="other"), BASELINE, expected_digest=loaded.digest)
    with pytest.raises(PlanError) as caught:
        session.merge_disk()
    assert "now uses dataset 'other'" in str(caught.value)


def test_a_merge_that_does_not_fit_the_dataset_changes_nothing(workdir: Path) -> None:
    session = Session.open(BASELINE)
    loaded = load_plan(BASELINE)
    odd = loaded.plan.with_split("Dy", Split.of(china=50, nowhere=50))
    save_plan(odd, BASELINE, expected_digest=loaded.digest)
    merge, on_disk = session.merge_disk()
    steps = len(session.history)
    with pytest.raises(PlanError) as caught:
        session.accept_merge(merge, on_disk)
    assert "unknown source 'nowhere'" in str(caught.value)
    assert len(session.history) == steps and session.digest == loaded.digest


def test_a_plan_without_author_records_one_on_save(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = workdir / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("LOGNAME", "planner")
    session = Session.new()
    assert session.plan.author is None
    session.save(Path("plans/fresh.toml"))
    assert load_plan(Path("plans/fresh.toml")).plan.author == "planner"
    assert session.plan.author == "planner" and not session.dirty
    assert session.history.undo_label == "record the author"
    kept = Session.open(BASELINE)
    author = kept.plan.author
    kept.apply(edits.set_note(kept.plan, "Tb", "x"), "note", "Tb")
    kept.save()
    assert load_plan(BASELINE).plan.author == author  # the plan's own author stays
