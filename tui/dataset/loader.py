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
from collections.abc import Callable, Collection, Mapping
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
# (folder as given, folder resolved, each file's (mtime_ns, size, inode) or None)
_CacheKey = tuple[str, str, tuple[tuple[int, int, int] | None, ...]]
_cache: OrderedDict[_CacheKey, Dataset] = OrderedDict()
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


def _cache_key(folder: Path) -> _CacheKey | None:
    """Folder as given and resolved, plus each file's (mtime_ns, size); None if unreadable."""
    try:
        resolved = folder.resolve()
        stats: list[tuple[int, int, int] | None] = []
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
    tables, problems = _read_folder(folder)
    typed_frames = validated_frames(
        tables, problems, lambda spec: str(folder / spec.name), str(folder)
    )
    return _build(folder, typed_frames)


def load_frames(folder: Path) -> dict[str, pl.DataFrame]:
    """Every file of the dataset in ``folder`` as a checked, typed frame, by file name.

    Absent optional files are left out. For tools that copy a dataset as it is written
    (the spreadsheet template), rather than the engine's view of it.
    """
    folder = Path(folder)
    tables, problems = _read_folder(folder)
    return validated_frames(tables, problems, lambda spec: str(folder / spec.name), str(folder))


def _read_folder(folder: Path) -> tuple[dict[str, CsvTable | None], list[Problem]]:
    """Each file's table (None when unreadable; no entry when an optional file is absent)
    and the problems reading them."""
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "dataset folder not found"
        raise DatasetError(Problem(str(folder), "", what))
    present = [spec for spec in ALL_FILES if not spec.optional or (folder / spec.name).exists()]
    requests = [
        CsvRequest(
            folder / spec.name, str(folder / spec.name), spec.column_names, spec.optional_names
        )
        for spec in present
    ]
    problems: list[Problem] = []
    tables: dict[str, CsvTable | None] = {}
    for spec, result in zip(present, read_tables(requests), strict=True):
        if isinstance(result, CsvTable):
            tables[spec.name] = result
        else:
            problems.extend(result)
            tables[spec.name] = None
    return tables, problems


def validated_frames(
    tables: Mapping[str, CsvTable | None],
    problems: list[Problem],
    name: Callable[[FileSpec], str],
    whole: str,
) -> dict[str, pl.DataFrame]:
    """The typed frames of a dataset's tables, checked by the rules of SPEC §3.

    ``tables`` has a table for each file that was read, None for one that could not be
    (``problems`` says why), and no entry for an absent optional file. ``name`` says how
    messages name a file that is not there, ``whole`` the dataset as a whole. Raises
    ``DatasetError`` with ``problems`` and every problem found in the values. The CSV
    loader and the spreadsheet import both come through here, so both apply one set of
    rules.
    """
    problems = list(problems)
    problems.extend(_pairing_problems(tables, name))
    full = {spec.name: tables.get(spec.name) for spec in ALL_FILES}
    known = _known_ids(full)
    typed_frames = {}
    for spec in ALL_FILES:
        table = full[spec.name]
        if table is not None:
            problems.extend(_table_problems(spec, table, known))
            typed_frames[spec.name] = typed(table, spec.columns)
    if problems:
        raise DatasetError(problems)
    if not any(
        typed_frames[s.name].height for s in (DEMAND, SUPPLY, PRODUCTS) if s.name in typed_frames
    ):
        message = "no quarters: demand.csv, supply.csv and products.csv are empty"
        raise DatasetError(Problem(whole, "", message))
    return typed_frames


def _pairing_problems(
    tables: Mapping[str, CsvTable | None], name: Callable[[FileSpec], str]
) -> list[Problem]:
    """products.csv and bom.csv are optional, but only together."""
    has_products, has_bom = PRODUCTS.name in tables, BOM.name in tables
    if has_bom and not has_products:
        message = "file not found; bom.csv needs products.csv (units to build per quarter)"
        return [Problem(name(PRODUCTS), "", message)]
    if has_products and not has_bom:
        message = "file not found; products.csv needs bom.csv (rare-earth content per unit)"
        return [Problem(name(BOM), "", message)]
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
