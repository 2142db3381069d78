"""Saving where the user would not expect it: a read-only file, a link out of the folder.

The tests run as root too, where the permission bits do not stop a write: the store
reads the mode bits itself, so a read-only file is refused for every user alike.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tui.domain.errors import SaveReadOnly, SaveThroughLink
from tui.domain.plan import Defaults, Plan, Split
from tui.planfile import load_plan, save_plan


def _plan(name: str = "Plan") -> Plan:
    return Plan(name=name, dataset="reference", defaults=Defaults(split=Split({"china": 100})))


def test_a_read_only_plan_is_not_replaced_without_a_yes(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    digest = save_plan(_plan("Before"), path, expected_digest=None)
    os.chmod(path, 0o444)
    before = path.read_bytes()
    with pytest.raises(SaveReadOnly) as caught:
        save_plan(_plan("After"), path, expected_digest=digest)
    assert "read-only" in str(caught.value)
    assert path.read_bytes() == before
    save_plan(_plan("After"), path, expected_digest=digest, replace_read_only=True)
    assert load_plan(path).plan.name == "After"
    assert stat.S_IMODE(path.stat().st_mode) == 0o444  # still read-only


def test_save_as_onto_a_dangling_link_is_refused(tmp_path: Path) -> None:
    folder, outside = tmp_path / "plans", tmp_path / "elsewhere"
    folder.mkdir()
    outside.mkdir()
    link = folder / "link.toml"
    link.symlink_to(outside / "ghost.toml")
    with pytest.raises(SaveThroughLink) as caught:
        save_plan(_plan(), link, expected_digest=None)
    assert "does not exist" in str(caught.value)
    assert not (outside / "ghost.toml").exists()
    save_plan(_plan(), link, expected_digest=None, through_link=True)
    assert (outside / "ghost.toml").is_file() and link.is_symlink()


def test_save_as_onto_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder, outside = tmp_path / "plans", tmp_path / "elsewhere"
    folder.mkdir()
    outside.mkdir()
    (outside / "real.toml").write_text("x = 1\n")
    link = folder / "link.toml"
    link.symlink_to(outside / "real.toml")
    with pytest.raises(SaveThroughLink, match="outside the folder"):
        save_plan(_plan(), link, expected_digest=None, force=True)
    assert (outside / "real.toml").read_text() == "x = 1\n"


def test_a_link_within_the_folder_saves_through_it(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    digest = save_plan(_plan("One"), real, expected_digest=None)
    link = tmp_path / "current.toml"
    link.symlink_to(real)
    save_plan(_plan("Two"), link, expected_digest=digest)
    assert link.is_symlink() and load_plan(real).plan.name == "Two"
