"""Leftovers of killed saves are cleaned up, and a write landing mid-save is not lost."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tui.app.browse import plan_files
from tui.domain.errors import SaveConflict
from tui.domain.plan import Defaults, Plan, Split
from tui.planfile import save_plan, store, validate_paths


def _plan(name: str = "Plan") -> Plan:
    return Plan(name=name, dataset="reference", defaults=Defaults(split=Split({"china": 100})))


def _leftover(folder: Path, name: str, age_s: float) -> Path:
    path = folder / name
    path.write_text("half a plan")
    then = time.time() - age_s
    os.utime(path, (then, then))
    return path


def test_the_next_save_removes_stale_temporaries_of_that_file_only(tmp_path: Path) -> None:
    target = tmp_path / "plan.toml"
    stale = _leftover(tmp_path, ".plan.toml.0a1b2c3d.tmp", 3600)
    fresh = _leftover(tmp_path, ".plan.toml.11111111.tmp", 1)  # a save running now
    other = _leftover(tmp_path, ".other.toml.0a1b2c3d.tmp", 3600)
    not_ours = _leftover(tmp_path, ".plan.toml.notours.tmp", 3600)
    save_plan(_plan(), target, expected_digest=None)
    assert not stale.exists()
    assert fresh.exists() and other.exists() and not_ours.exists()


def test_temporaries_are_never_listed_as_plans(tmp_path: Path) -> None:
    save_plan(_plan(), tmp_path / "plan.toml", expected_digest=None)
    _leftover(tmp_path, ".plan.toml.0a1b2c3d.tmp", 5)
    assert [p.name for p in plan_files(tmp_path)] == ["plan.toml"]
    checked, _ = validate_paths([tmp_path], None)
    assert checked == 1


def test_a_write_landing_during_the_save_is_a_conflict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.toml"
    digest = save_plan(_plan("Ours before"), target, expected_digest=None)
    theirs = b"# a colleague saved while we were writing\nformat = 1\n"
    real_fsync = os.fsync

    def colleague_writes(descriptor: int) -> None:
        real_fsync(descriptor)
        if target.read_bytes() != theirs:
            target.write_bytes(theirs)

    monkeypatch.setattr(store.os, "fsync", colleague_writes)
    with pytest.raises(SaveConflict):
        save_plan(_plan("Ours after"), target, expected_digest=digest)
    monkeypatch.undo()
    assert target.read_bytes() == theirs
    assert [p.name for p in tmp_path.iterdir()] == ["plan.toml"]  # no temporary left
