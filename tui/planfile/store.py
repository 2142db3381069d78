"""Saving plans safely: atomically, and never over someone else's newer version.

Plans live in shared folders and git checkouts. A save either replaces the file whole
(temporary file in the same folder, flush, fsync, rename) or leaves it untouched, and it
refuses to overwrite a file whose content changed since it was loaded — the caller gets
both versions in a SaveConflict and lets the user reload, overwrite or save elsewhere.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tui.domain.errors import (
    PlanError,
    Problem,
    SaveConflict,
    SaveError,
    SaveReadOnly,
    SaveThroughLink,
)
from tui.domain.plan import Plan
from tui.planfile.reader import digest_of
from tui.planfile.writer import plan_to_toml

_NEW_FILE_MODE = 0o666  # narrowed by the umask, as for any file the user creates
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "the path is a folder",
}


def save_plan(
    plan: Plan,
    path: Path,
    *,
    expected_digest: str | None,
    element_order: Sequence[str] = (),
    source_order: Sequence[str] = (),
    force: bool = False,
    replace_read_only: bool = False,
    through_link: bool = False,
) -> str:
    """Write ``plan`` to ``path`` canonically and return the new content's sha256.

    ``expected_digest`` is the digest of the file as it was loaded (None for a plan that
    was never saved there: the file must not exist). ``force`` overwrites whatever is
    on disk — only after the user chose to. Raises SaveConflict or SaveError; on any
    failure the file on disk is as it was.

    Two more things are never done without a yes: replacing a read-only file
    (SaveReadOnly unless ``replace_read_only``), and writing a new plan through a
    symbolic link whose target is missing or in another folder (SaveThroughLink
    unless ``through_link``) — the file would appear where the user did not look.
    """
    path = Path(path)
    file = str(path)
    try:
        text = plan_to_toml(plan, element_order, source_order, file=file)
    except PlanError as error:
        raise SaveError(
            [Problem(file, p.where, f"cannot save: {p.message}") for p in error.problems]
        ) from None
    data = text.encode("utf-8")
    target = _resolve(path)
    if expected_digest is None and not through_link:
        _check_link(path, target)
    current, mode = _current(target, file)
    if current is not None and not force and digest_of(current) != expected_digest:
        raise SaveConflict(path, ours=text, theirs=current)
    if mode is not None and not mode & _WRITE_BITS and not replace_read_only:
        raise SaveReadOnly(path)
    seen = None if force else (None if current is None else digest_of(current))

    def unchanged() -> None:
        """Right before the rename: is the file still the one compared above?"""
        if force:
            return
        now = _current(target, file)[0]
        if (None if now is None else digest_of(now)) != seen:
            raise SaveConflict(path, ours=text, theirs=now or b"")

    _remove_stale_temporaries(target)
    _write_atomically(target, data, mode, file, unchanged)
    return digest_of(data)


STALE_AFTER_S = 60.0
"""A temporary file of ours this old belongs to a save that died (killed, power cut):
a live save writes and renames its own within milliseconds."""


def _temporary_name(target: Path) -> str:
    return f".{target.name}.{secrets.token_hex(4)}.tmp"


def _remove_stale_temporaries(target: Path) -> None:
    """Delete what killed saves of this file left behind (``.NAME.toml.<hex>.tmp``).

    Only our own pattern, only for this file, only regular files older than
    STALE_AFTER_S: a save running now in another process is left alone.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[0-9a-f]{{8}}\.tmp")
    cutoff = time.time() - STALE_AFTER_S
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if not pattern.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                    os.unlink(entry.path)


_WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


def _check_link(path: Path, target: Path) -> None:
    """Refuse a link that would put the plan somewhere other than the folder shown."""
    if target == path:
        return  # not a link
    if not target.exists():
        raise SaveThroughLink(path, target, "which does not exist; saving would create it")
    try:
        inside = target.parent == Path(os.path.realpath(path.parent))
    except OSError:
        inside = False
    if not inside:
        raise SaveThroughLink(path, target, "outside the folder; saving would replace it")


def _resolve(path: Path) -> Path:
    """Follow a symlink so that the file it points to is replaced, not the link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _current(target: Path, file: str) -> tuple[bytes | None, int | None]:
    """The file's present bytes and permission bits, or (None, None) if there is no file."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return None, None
    except OSError as error:
        raise SaveError(Problem(file, "", f"cannot save: {_reason(error)}")) from None
    if stat.S_ISDIR(info.st_mode):
        raise SaveError(Problem(file, "", "cannot save: the path is a folder"))
    if not stat.S_ISREG(info.st_mode):
        raise SaveError(Problem(file, "", "cannot save: the path is not a regular file"))
    try:
        return target.read_bytes(), stat.S_IMODE(info.st_mode)
    except OSError as error:
        raise SaveError(Problem(file, "", f"cannot save: {_reason(error)}")) from None


def _write_atomically(
    target: Path,
    data: bytes,
    mode: int | None,
    file: str,
    unchanged: Callable[[], None] = lambda: None,
) -> None:
    """Temporary file, flush, fsync, then ``unchanged()`` and the rename.

    ``unchanged`` re-reads the file just before the rename and raises SaveConflict
    when a colleague's save landed while ours was being written (the temporary file
    is removed; nothing is replaced). What remains is the time between that re-read
    and the rename — microseconds, not the write and fsync before them: POSIX offers
    no rename that fails when the target changed, and advisory locks bind only
    programs that take them, so a write landing in exactly that window is lost.
    """
    folder = target.parent
    if not folder.is_dir():
        raise SaveError(Problem(file, "", f"cannot save: the folder {folder} does not exist"))
    temporary = folder / _temporary_name(target)
    try:
        descriptor = os.open(
            temporary,
            os.O_WRONLY | os.O_CREAT | os.O_EXCL,
            _NEW_FILE_MODE if mode is None else mode,
        )
    except OSError as error:
        raise SaveError(Problem(file, "", f"cannot save: {_reason(error)}")) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)  # exactly the old bits, whatever the umask
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        unchanged()
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise SaveError(Problem(file, "", f"cannot save: {_reason(error)}")) from None
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; best effort (not every system allows it)."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _reason(error: OSError) -> str:
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    return (error.strerror or str(error) or type(error).__name__).lower()


def write_file_safely(path: Path, data: bytes) -> None:
    """Replace ``path`` whole with ``data`` (or leave it as it was), keeping its permissions.

    For files that are not a plan to check first, such as a merge's conflicted result.
    """
    file = str(path)
    target = _resolve(Path(path))
    _, mode = _current(target, file)
    _write_atomically(target, data, mode, file)
