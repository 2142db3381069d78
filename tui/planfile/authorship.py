"""Who changed a plan, and what it was before: the author to record, the committed version.

Plans are shared, so a saved plan says who saved it (``author``), and a plan in a git
repository can be compared with its last committed version. Git is asked with a short
timeout and without a shell; when git is missing, slow or the file is not in a
repository, these answer None and the caller does without.
"""

from __future__ import annotations

import getpass
import os
import subprocess
from pathlib import Path

from tui.domain.plan import Plan
from tui.planfile.reader import parse_plan

GIT_TIMEOUT_SECONDS = 3.0


def author_for_save(plan: Plan, plan_path: Path | None) -> str | None:
    """The author a save records: the plan's own ``author``, else ``git config
    user.name`` as seen from the plan's folder, else the login name; None if none is known."""
    if plan.author is not None and plan.author.strip():
        return plan.author
    folder = Path(plan_path).parent if plan_path is not None else Path.cwd()
    return git_user_name(folder) or login_name()


def git_user_name(folder: Path) -> str | None:
    """``git config user.name`` in ``folder`` (its repository's setting, else the user's)."""
    output = _git(["config", "user.name"], folder)
    if output is None:
        return None
    name = output.decode("utf-8", "replace").strip()
    return name or None


def login_name() -> str | None:
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no login variables and no password entry
        return None
    return name.strip() or None


def committed_version(path: Path) -> bytes | None:
    """The file's content at ``HEAD`` in its git repository; None when the file is not in
    a repository, not committed, or git cannot be asked."""
    try:
        resolved = Path(path).resolve()
    except OSError:
        return None
    folder = resolved.parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top is None:
        return None
    root = Path(os.fsdecode(top.rstrip(b"\n"))).resolve()
    try:
        relative = resolved.relative_to(root)
    except ValueError:
        return None
    return _git(["show", f"HEAD:{relative.as_posix()}"], root)


def committed_plan(path: Path) -> Plan | None:
    """The plan as last committed (None as for ``committed_version``); raises PlanError
    naming ``HEAD:path`` when the committed version is not a valid plan."""
    data = committed_version(path)
    if data is None:
        return None
    return parse_plan(data, f"{path} (HEAD)")


def _git(args: list[str], folder: Path) -> bytes | None:
    """Git's standard output, or None for anything but success."""
    if not folder.is_dir():
        return None
    try:
        result = subprocess.run(
            ["git", *args],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git, not executable, too slow
        return None
    return result.stdout if result.returncode == 0 else None
