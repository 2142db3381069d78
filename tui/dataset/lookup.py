"""Where a plan's ``dataset = "..."`` value points (SPEC §6).

A value with a ``/`` is a path relative to the plan file's folder. Otherwise it is a
NAME, looked up as ``NAME/`` under ``--data-dir``, then ``$REPLAN_DATA``, then ``./data``,
then — for ``reference`` — the copy that ships inside the package. The first folder that
exists wins; when none does, the error lists every place that was searched.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.domain.errors import DatasetError, Problem

ENV_VAR = "REPLAN_DATA"
REFERENCE_NAME = "reference"

_PACKAGE = Path(__file__).resolve().parent.parent  # the ``tui`` package folder
_BUNDLED = _PACKAGE / "reference_data"  # where the wheel puts data/reference
_CHECKOUT = _PACKAGE.parent / "data" / REFERENCE_NAME  # source checkout / editable install


def reference_dataset_path() -> Path:
    """The reference dataset bundled with the program.

    An installed wheel carries it as package data (``tui/reference_data``, see the
    hatch ``force-include`` in pyproject.toml); a source checkout or editable install
    has no such folder, so the repository's ``data/reference`` is used instead.
    """
    return _BUNDLED if _BUNDLED.is_dir() else _CHECKOUT


def is_bundled_reference(folder: Path) -> bool:
    """True for the package's own copy, whose folder is not called "reference"."""
    if folder.name != _BUNDLED.name:
        return False
    try:
        return folder.resolve() == _BUNDLED
    except (OSError, RuntimeError):
        return False


def find_dataset(value: str, *, plan_path: Path | None, data_dir: Path | None) -> Path:
    """The dataset folder ``value`` names; raises ``DatasetError`` saying where it looked."""
    text = value.strip() if isinstance(value, str) else ""
    if not text or text in (".", ".."):
        raise _not_found(plan_path, "dataset", f"{value!r} is not a dataset name or path")
    if "/" in text or "\\" in text:
        base = plan_path.parent if plan_path is not None else Path()
        candidate = Path(os.path.normpath(base / text))
        if candidate.is_dir():
            return candidate
        if plan_path is None:
            raise DatasetError(Problem(str(candidate), "", "dataset folder not found"))
        raise _not_found(plan_path, "", f"dataset folder {str(candidate)!r} not found")
    candidates = _name_candidates(text, data_dir)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    looked = f"not found (looked in {', '.join(str(c) for c in candidates)})"
    if plan_path is None:
        raise DatasetError(Problem(text, "", f"dataset {looked}"))
    raise _not_found(plan_path, "", f"dataset {text!r} {looked}")


def _not_found(plan_path: Path | None, fallback_file: str, message: str) -> DatasetError:
    """The error as the plan's ``dataset`` key's problem, or standing alone without a plan."""
    if plan_path is None:
        return DatasetError(Problem(fallback_file, "", message))
    return DatasetError(Problem(str(plan_path), "dataset", message))


def _name_candidates(name: str, data_dir: Path | None) -> list[Path]:
    candidates = []
    if data_dir is not None:
        candidates.append(Path(data_dir) / name)
    for entry in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if entry.strip():
            candidates.append(Path(entry) / name)
    candidates.append(Path("data") / name)
    if name == REFERENCE_NAME:
        candidates.append(reference_dataset_path())
    return candidates
