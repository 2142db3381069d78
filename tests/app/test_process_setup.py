"""The app's process runs polars on one thread unless the user says otherwise."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.app import ENGINE_THREADS, configure_process


def test_the_app_sets_polars_threads_unless_the_user_did(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POLARS_MAX_THREADS", raising=False)
    configure_process()
    import os

    assert os.environ["POLARS_MAX_THREADS"] == ENGINE_THREADS
    monkeypatch.setenv("POLARS_MAX_THREADS", "2")
    configure_process()
    assert os.environ["POLARS_MAX_THREADS"] == "2"


def test_polars_reads_the_setting_when_imported_after_it() -> None:
    """The setting works only before polars is imported: in a fresh process it does."""
    code = (
        "import os; os.environ.pop('POLARS_MAX_THREADS', None)\n"
        "from tui.app import configure_process; configure_process()\n"
        "import polars; print(polars.thread_pool_size())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ENGINE_THREADS
