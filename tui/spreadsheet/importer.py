"""``replan data import``: a workbook (or a folder of CSV files) → ``data/NAME/``.

Everything is read and checked before anything is written, by the same rules as
loading a dataset folder; then the files go to a fresh folder beside the target,
which is loaded once more as a dataset and only then renamed into place. A failure at
any point leaves ``data/`` as it was.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from tui.dataset.files import BOM, PRODUCTS, FileSpec
from tui.dataset.loader import load_dataset, load_frames, validated_frames
from tui.domain.errors import DatasetError, Problem
from tui.spreadsheet.canonical import write_dataset_files
from tui.spreadsheet.cells import sheet_name

_README = """\
# {name}

Imported with `replan data import` from `{source}` on {date}.

Provenance: say here where each figure comes from (a contract, a forecast, a bill of
materials, a public source), so that whoever reads a plan on this dataset can check it.
"""


@dataclass(frozen=True)
class Imported:
    folder: Path
    files: tuple[str, ...]
    warnings: tuple[str, ...]


def import_dataset(
    source: Path, name: str, data_dir: Path | None = None, *, force: bool = False
) -> Imported:
    """Read and check ``source`` and write it as the dataset ``NAME``.

    Raises ``DatasetError`` with every problem found; nothing is written then.
    """
    target = (data_dir if data_dir is not None else Path("data")) / _checked_name(name)
    if target.exists() and not force:
        raise DatasetError(Problem(str(target), "", "already exists; add --force to replace it"))
    frames, warnings = _read(source)
    frames = _without_empty_products(frames)
    files = _write(target, frames, source)
    return Imported(target, tuple(files), tuple(warnings))


def _checked_name(name: str) -> str:
    text = name.strip()
    if not text or text in (".", "..") or any(c in text for c in "/\\:") or text != name:
        raise DatasetError(
            Problem("--name", "", f"{name!r} is not a dataset name (a folder name, no '/')")
        )
    return text


def _read(source: Path) -> tuple[dict[str, pl.DataFrame], list[str]]:
    if source.is_dir():
        return load_frames(source), []
    if not source.exists():
        raise DatasetError(Problem(str(source), "", "no such workbook or folder"))
    from tui.spreadsheet.reader import read_workbook

    book = read_workbook(source)
    if not book.tables and book.problems:
        raise DatasetError(book.problems)
    frames = validated_frames(book.tables, book.problems, _sheet_label, str(source))
    return frames, book.warnings


def _sheet_label(spec: FileSpec) -> str:
    return f"sheet {sheet_name(spec)}"


def _without_empty_products(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Empty products and bom sheets (as the template gives them) mean no products."""
    pair = (PRODUCTS.name, BOM.name)
    if all(name in frames and frames[name].height == 0 for name in pair):
        return {name: frame for name, frame in frames.items() if name not in pair}
    return frames


def _write(target: Path, frames: dict[str, pl.DataFrame], source: Path) -> list[str]:
    """Write into a fresh sibling folder, load it back, then move it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        files = write_dataset_files(staging, frames)
        date = datetime.datetime.now(datetime.UTC).date().isoformat()
        readme = _README.format(name=target.name, source=source.name, date=date)
        (staging / "README.md").write_text(readme, encoding="utf-8")
        load_dataset(staging)  # what was written loads as a dataset, or nothing moves
        _replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [*files, "README.md"]


def _replace(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    old = target.with_name(f".{target.name}-replaced")
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    try:
        staging.rename(target)
    except OSError:
        old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)
