"""``load_dataset``: a dataset folder → a validated ``Dataset``, or every problem with it.

Loading reports all problems at once (a planner fixing a hand-edited CSV should not
play whack-a-mole) and never raises anything but ``DatasetError``. Results are cached
by folder and the files' modification times and sizes, so the app can ask for the same
dataset for every plan in a folder without reading it again; editing a file reloads it.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Collection
from pathlib import Path

import polars as pl

from tui.dataset.checks import check_table, typed
from tui.dataset.csvfile import CsvRequest, CsvTable, read_tables
from tui.dataset.files import (
    ALL_FILES,
    BOM,
    DEFINED_BY,
    DEMAND,
    ELEMENTS,
    PRODUCTS,
    SOURCES,
    SUPPLY,
    FileSpec,
)
from tui.dataset.lookup import is_bundled_reference
from tui.domain.dataset import (
    BOM_SCHEMA,
    PRODUCTS_SCHEMA,
    Dataset,
    Element,
    Source,
)
from tui.domain.errors import DatasetError, Problem

_CACHE_SIZE = 16
_cache: OrderedDict[tuple, Dataset] = OrderedDict()
_cache_lock = threading.Lock()


def load_dataset(folder: Path) -> Dataset:
    """The dataset in ``folder``; raises ``DatasetError`` listing every problem found.

    Problems name files as ``folder / name`` exactly as the caller spelled ``folder``.
    """
    folder = Path(folder)
    key = _cache_key(folder)
    if key is not None:
        with _cache_lock:
            cached = _cache.get(key)
            if cached is not None:
                _cache.move_to_end(key)
                return cached
    dataset = _load(folder)
    if key is not None:
        with _cache_lock:
            _cache[key] = dataset
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return dataset


def clear_dataset_cache() -> None:
    """Forget every loaded dataset (tests; a user asking to reload everything)."""
    with _cache_lock:
        _cache.clear()


def _cache_key(folder: Path) -> tuple | None:
    """Folder as given and resolved, plus each file's (mtime_ns, size); None if unreadable."""
    try:
        resolved = folder.resolve()
        stats = []
        for spec in ALL_FILES:
            try:
                st = os.stat(folder / spec.name)
                stats.append((st.st_mtime_ns, st.st_size, st.st_ino))
            except FileNotFoundError:
                stats.append(None)
    except (OSError, RuntimeError, ValueError):
        return None
    return (str(folder), str(resolved), tuple(stats))


def _load(folder: Path) -> Dataset:
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "dataset folder not found"
        raise DatasetError(Problem(str(folder), "", what))
    present = [spec for spec in ALL_FILES if not spec.optional or (folder / spec.name).exists()]
    absent = {spec.name for spec in ALL_FILES} - {spec.name for spec in present}
    requests = [
        CsvRequest(
            folder / spec.name, str(folder / spec.name), spec.column_names, spec.optional_names
        )
        for spec in present
    ]
    problems: list[Problem] = []
    tables: dict[str, CsvTable | None] = dict.fromkeys(absent)
    for spec, result in zip(present, read_tables(requests), strict=True):
        if isinstance(result, CsvTable):
            tables[spec.name] = result
        else:
            problems.extend(result)
            tables[spec.name] = None
    problems.extend(_pairing_problems(folder, absent))
    known = _known_ids(tables)
    typed_frames = {}
    for spec in ALL_FILES:
        table = tables[spec.name]
        if table is not None:
            problems.extend(_table_problems(spec, table, known))
            typed_frames[spec.name] = typed(table, spec.columns)
    if problems:
        raise DatasetError(problems)
    dataset = _build(folder, typed_frames)
    if not dataset.periods:
        raise DatasetError(
            Problem(
                str(folder), "", "no quarters: demand.csv, supply.csv and products.csv are empty"
            )
        )
    return dataset


def _pairing_problems(folder: Path, absent: set[str]) -> list[Problem]:
    """products.csv and bom.csv are optional, but only together."""
    if PRODUCTS.name in absent and BOM.name not in absent:
        return [
            Problem(
                str(folder / PRODUCTS.name),
                "",
                "file not found; bom.csv needs products.csv (units to build per quarter)",
            )
        ]
    if BOM.name in absent and PRODUCTS.name not in absent:
        return [
            Problem(
                str(folder / BOM.name),
                "",
                "file not found; products.csv needs bom.csv (rare-earth content per unit)",
            )
        ]
    return []


def _known_ids(tables: dict[str, CsvTable | None]) -> dict[str, Collection[str] | None]:
    """Ids each defining file declares; None when that file could not be read at all."""
    known: dict[str, Collection[str] | None] = {}
    for member, (spec, column) in DEFINED_BY.items():
        table = tables[spec.name]
        if table is None:
            known[member] = None
        else:
            known[member] = set(table.frame.get_column(column).drop_nulls().unique().to_list())
    return known


def _table_problems(
    spec: FileSpec,
    table: CsvTable,
    known: dict[str, Collection[str] | None],
) -> list[Problem]:
    problems = check_table(table, spec.columns, spec.keys, known)
    if spec in (ELEMENTS, SOURCES) and table.frame.height == 0:
        what = "elements" if spec is ELEMENTS else "sources"
        problems.append(Problem(table.file, "", f"no {what} defined (only a header line)"))
    return problems


def _build(folder: Path, typed: dict[str, pl.DataFrame]) -> Dataset:
    """The Dataset from checked, typed frames; absent optional files give empty frames."""
    products = typed.get(PRODUCTS.name, pl.DataFrame(schema=PRODUCTS_SCHEMA))
    bom = typed.get(BOM.name, pl.DataFrame(schema=BOM_SCHEMA))
    return Dataset(
        name=_dataset_name(folder),
        path=folder,
        elements=tuple(Element(*row) for row in typed[ELEMENTS.name].iter_rows()),
        sources=tuple(Source(*row) for row in typed[SOURCES.name].iter_rows()),
        demand=typed[DEMAND.name],
        supply=typed[SUPPLY.name],
        products=products,
        bom=bom,
    )


def _dataset_name(folder: Path) -> str:
    """The folder's name; the bundled copy inside the package is still "reference"."""
    if is_bundled_reference(folder):
        return "reference"
    return folder.name if folder.name not in ("", ".", "..") else folder.resolve().name
