"""``validate`` on a folder reports what is named like a plan but cannot be one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.runner import replan


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_pipes_devices_and_dangling_links_are_reported(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.toml")
    (tmp_path / "device.toml").symlink_to(os.devnull)
    (tmp_path / "gone.toml").symlink_to(tmp_path / "deleted.toml")
    result = replan("validate", tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{tmp_path / 'pipe.toml'}: is a named pipe (FIFO), not a plan file" in lines
    assert f"{tmp_path / 'device.toml'}: is a device, not a plan file" in lines
    gone = (
        f"{tmp_path / 'gone.toml'}: is a link to {tmp_path / 'deleted.toml'}, which does not exist"
    )
    assert gone in lines
    assert lines[-1] == "3 files checked, 3 problems"
