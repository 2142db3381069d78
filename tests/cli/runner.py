"""Run ``replan`` the way a user does, in this process (fast) or in a fresh one.

``replan(...)`` calls the real entry point, ``tui.cli.main.main``, in this process with
the working folder, the environment and the standard streams swapped for the call, so
that the command-line tests run in milliseconds and count towards coverage. A few
tests need a real process (a pseudo-terminal, the interpreter's own stream encoding, a
cold import): they use ``replan_process``.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TINY = FIXTURES / "tiny"
PLANS = FIXTURES / "plans"
TINY_PLAN = PLANS / "tiny.toml"
ALL_CHINA_PLAN = PLANS / "all-china.toml"

_CLEARED = ("REPLAN_DATA", "NO_COLOR", "FORCE_COLOR")


@dataclass(frozen=True)
class Result:
    """What a run of ``replan`` gave: exit code and the text of both streams."""

    returncode: int
    stdout: str
    stderr: str


class _Stream(io.StringIO):
    """A captured stream that reports the encoding a redirected UTF-8 stream has."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    def isatty(self) -> bool:
        return False


@contextlib.contextmanager
def _environment(changes: dict[str, str]) -> Iterator[None]:
    saved = dict(os.environ)
    for key in _CLEARED:
        os.environ.pop(key, None)
    os.environ.update(changes)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _working_folder(folder: Path) -> Iterator[None]:
    saved = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(saved)


def replan(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Result:
    """``replan ARGS`` in this process; SystemExit (argparse) becomes the exit code."""
    from tui.cli.main import main

    changes = dict(env or {})
    encoding = changes.pop("PYTHONIOENCODING", "utf-8")
    out, err = _Stream(encoding), _Stream(encoding)
    with (
        _environment(changes),
        _working_folder(cwd or REPO),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = main([str(arg) for arg in args])
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 2)
    return Result(int(code or 0), _as_written(out.getvalue(), encoding), err.getvalue())


def _as_written(text: str, encoding: str) -> str:
    """What a stream of ``encoding`` would have carried (``backslashreplace`` as in main)."""
    return text.encode(encoding, "backslashreplace").decode(encoding)


def replan_process(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """``python -m tui.cli.main ARGS`` in a fresh process with a clean environment."""
    environment = {key: value for key, value in os.environ.items() if key not in _CLEARED}
    environment["PYTHONPATH"] = str(REPO)
    environment["PYTHONIOENCODING"] = "utf-8"
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tui.cli.main", *map(str, args)],
        cwd=cwd or REPO,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def copy_tiny(folder: Path, name: str = "tiny") -> Path:
    """A writable copy of the tiny dataset (to break it, or to find it under ./data)."""
    target = folder / name
    shutil.copytree(TINY, target)
    return target


def stderr_lines(result: Result | subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]
