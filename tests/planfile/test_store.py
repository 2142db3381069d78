"""Saving against real files: atomic replacement, kept permissions, conflicts, failures."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

import pytest

from tui.domain.errors import SaveConflict, SaveError
from tui.domain.plan import ElementPlan, Plan, Split
from tui.planfile import load_plan, plan_to_toml, save_plan
from tui.planfile import store as store_module

PLAN = Plan(
    name="store",
    dataset="reference",
    elements={"Dy": ElementPlan(split=Split({"china": 60, "lynas": 40}), stockpile_days=30)},
)
EDITED = PLAN.with_split("Dy", Split({"china": 50, "lynas": 50}))
IS_ROOT = os.geteuid() == 0


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def saved(tmp_path: Path, plan: Plan = PLAN) -> tuple[Path, str]:
    path = tmp_path / "plan.toml"
    digest = save_plan(plan, path, expected_digest=None)
    return path, digest


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_new_file_is_written_canonically_and_its_digest_returned(tmp_path: Path) -> None:
    path, digest = saved(tmp_path)
    assert path.read_text("utf-8") == plan_to_toml(PLAN)
    assert digest == sha(path.read_bytes())
    assert load_plan(path).plan == PLAN
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path, _ = saved(tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_saving_over_the_loaded_file_keeps_its_permissions(tmp_path: Path) -> None:
    path, _ = saved(tmp_path)
    path.chmod(0o640)
    loaded = load_plan(path)
    digest = save_plan(EDITED, path, expected_digest=loaded.digest)
    assert load_plan(path).plan == EDITED
    assert digest == load_plan(path).digest != loaded.digest
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_loading_and_saving_a_canonical_file_changes_no_byte(tmp_path: Path) -> None:
    path, _ = saved(tmp_path)
    before = path.read_bytes()
    loaded = load_plan(path)
    assert save_plan(loaded.plan, path, expected_digest=loaded.digest) == loaded.digest
    assert path.read_bytes() == before


def test_a_file_changed_on_disk_since_loading_is_a_conflict(tmp_path: Path) -> None:
    path, _ = saved(tmp_path)
    loaded = load_plan(path)
    theirs = path.read_bytes().replace(b"stockpile_days = 30", b"stockpile_days = 90")
    path.write_bytes(theirs)
    with pytest.raises(SaveConflict) as caught:
        save_plan(EDITED, path, expected_digest=loaded.digest)
    assert caught.value.path == path
    assert caught.value.theirs == theirs
    assert caught.value.ours == plan_to_toml(EDITED)
    assert str(caught.value) == f"{path}: the file changed on disk since it was opened"
    assert path.read_bytes() == theirs
    assert leftovers(tmp_path) == []


def test_a_new_plan_never_overwrites_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(b"# someone else's file\n")
    with pytest.raises(SaveConflict) as caught:
        save_plan(PLAN, path, expected_digest=None)
    assert caught.value.theirs == b"# someone else's file\n"
    assert path.read_bytes() == b"# someone else's file\n"


def test_force_overwrites_after_the_user_chose_to(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes(b"# someone else's file\n")
    digest = save_plan(PLAN, path, expected_digest="not the digest", force=True)
    assert path.read_text("utf-8") == plan_to_toml(PLAN)
    assert digest == sha(path.read_bytes())


def test_a_file_deleted_since_loading_is_written_again(tmp_path: Path) -> None:
    path, digest = saved(tmp_path)
    path.unlink()
    save_plan(EDITED, path, expected_digest=digest)
    assert load_plan(path).plan == EDITED


def test_saving_through_a_symlink_replaces_the_target_and_keeps_the_link(tmp_path: Path) -> None:
    target, digest = saved(tmp_path)
    link = tmp_path / "link.toml"
    link.symlink_to(target)
    save_plan(EDITED, link, expected_digest=digest)
    assert link.is_symlink()
    assert load_plan(target).plan == EDITED


def save_error(plan: Plan, path: Path, expected: str | None) -> list[str]:
    with pytest.raises(SaveError) as caught:
        save_plan(plan, path, expected_digest=expected)
    return [str(problem) for problem in caught.value.problems]


def test_saving_onto_a_folder_fails_clearly(tmp_path: Path) -> None:
    folder = tmp_path / "plan.toml"
    folder.mkdir()
    assert save_error(PLAN, folder, None) == [f"{folder}: cannot save: the path is a folder"]
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_saving_into_a_missing_folder_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "plan.toml"
    assert save_error(PLAN, path, None) == [
        f"{path}: cannot save: the folder {tmp_path / 'missing'} does not exist"
    ]


def test_an_invalid_plan_is_not_saved_and_the_file_stays_whole(tmp_path: Path) -> None:
    path, digest = saved(tmp_path)
    before = path.read_bytes()
    broken = PLAN.with_split("Dy", Split({"china": 60, "lynas": float("nan")}))
    assert save_error(broken, path, digest) == [
        f"{path}: elements.Dy.split.lynas: cannot save: expected a finite number, got nan"
    ]
    assert path.read_bytes() == before


@pytest.mark.skipif(IS_ROOT, reason="root writes into read-only folders; see the simulated test")
def test_a_read_only_folder_fails_clearly_and_leaves_the_file(tmp_path: Path) -> None:
    path, digest = saved(tmp_path)
    before = path.read_bytes()
    tmp_path.chmod(0o555)
    try:
        assert save_error(EDITED, path, digest) == [f"{path}: cannot save: permission denied"]
    finally:
        tmp_path.chmod(0o755)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("failing", "code", "reason"),
    [
        ("open", errno.EACCES, "permission denied"),
        ("open", errno.EROFS, "the file system is read-only"),
        ("fsync", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EXDEV, "invalid cross-device link"),
    ],
)
def test_a_failing_write_leaves_the_old_file_whole_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, code: int, reason: str
) -> None:
    """Failures the test machine cannot cause for real (it may run as root), simulated."""
    path, digest = saved(tmp_path)
    before = path.read_bytes()
    real = getattr(os, failing)

    def fail(*args: object, **kwargs: object) -> object:
        if failing == "open" and not str(args[0]).endswith(".tmp"):
            return real(*args, **kwargs)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(store_module.os, failing, fail)
    assert save_error(EDITED, path, digest) == [f"{path}: cannot save: {reason}"]
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_a_write_interrupted_by_a_non_os_error_still_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, digest = saved(tmp_path)

    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(store_module.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save_plan(EDITED, path, expected_digest=digest)
    monkeypatch.undo()
    assert leftovers(tmp_path) == []
    assert load_plan(path).plan == PLAN
