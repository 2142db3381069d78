"""Vectorised checks of a CSV table's values, turned into one problem per bad cell.

Each column has a kind (a number, a period, a member of another file's ids, ...). A few
vectorised Series operations say whether any cell of a column is bad; only then does
one ``select`` compute a problem code per cell and Python visit the bad rows to write
their messages. A valid dataset therefore costs no loop over rows.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, cast

import polars as pl

from tui.dataset.csvfile import CsvTable
from tui.domain.errors import MAX_PROBLEMS_PER_FILE, Problem, more_problems

if TYPE_CHECKING:
    from polars.expr.whenthen import ChainedThen, Then

_PERIOD_PATTERN = r"\d{4}Q[1-4]"
_SOURCE_ID_PATTERN = r"[a-z][a-z0-9_-]*"
_ORIGIN_PATTERN = r"[A-Z]{2}|recycled"
GROUPS = ("light", "heavy")
_SHOWN = 40  # longest value quoted in a message
_POSITION = "__position"
_FIRST = "__first"
_KEY_SEPARATOR = "\x1f"  # joins key columns into one text; cannot occur in a CSV value

_Found = tuple[int, int, Problem]  # (frame row, column order, problem): sorts into line order


class Kind(IntEnum):
    TEXT = 1  # any non-empty text
    SOURCE_ID = 2  # a new source id: lowercase
    GROUP = 3  # light / heavy
    ORIGIN = 4  # ISO country code or "recycled"
    PERIOD = 5  # YYYYQn
    MEMBER = 6  # one of the ids another file defines
    AMOUNT = 7  # a finite number >= 0
    CAPACITY = 8  # like AMOUNT, or empty for "unlimited"
    SHARE = 9  # a finite number between 0 and 1
    OPTIONAL_AMOUNT = 10  # like AMOUNT, or empty for "not known / not offered"


class Code(IntEnum):
    OK = 0
    MISSING = 1
    NOT_NUMBER = 2
    NOT_FINITE = 3
    NEGATIVE = 4
    ABOVE_ONE = 5
    UNKNOWN = 6
    MALFORMED = 7
    TOO_LARGE = 8


MAX_AMOUNT = 1e12
"""Larger tonnes, units, kilograms or prices are typing slips, and their products
overflow the sums (cost = tonnes × price × 1000) into inf and NaN."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    member_of: str = ""  # for MEMBER: what the ids are ("element"), named in messages
    defined_in: str = ""  # for MEMBER: the file defining them ("elements.csv")
    optional: bool = False  # the file may leave the whole column out


NUMERIC = (Kind.AMOUNT, Kind.CAPACITY, Kind.SHARE, Kind.OPTIONAL_AMOUNT)
MAY_BE_EMPTY = (Kind.CAPACITY, Kind.OPTIONAL_AMOUNT)
"""Numeric kinds whose empty cell is a value (unlimited, unknown), not a mistake."""
_PATTERNS = {  # whole-value patterns, the same in Python's and polars' regex dialects
    Kind.SOURCE_ID: _SOURCE_ID_PATTERN,
    Kind.ORIGIN: _ORIGIN_PATTERN,
    Kind.PERIOD: _PERIOD_PATTERN,
}
_COMPILED = {kind: re.compile(pattern) for kind, pattern in _PATTERNS.items()}


def check_table(
    table: CsvTable,
    columns: Sequence[Column],
    keys: Sequence[str],
    known: dict[str, Collection[str] | None],
) -> list[Problem]:
    """Every bad cell and repeated key of ``table``, in line order.

    ``known[column]`` lists the valid ids for a MEMBER column (None: the defining file
    could not be read, so membership is not checked). A valid table costs a few Series
    operations per column (polars' cheapest path on small tables); only a table with
    problems is looked at cell by cell.
    """
    frame = table.frame
    if frame.height == 0:
        return []
    columns = present_columns(table, columns)
    worst = [_has_bad_cell(c, frame.get_column(c.name), known.get(c.name)) for c in columns]
    repeated = _has_repeated_key(frame, keys)
    found: list[_Found] = []
    total = 0  # problems in the table, listed or not
    if any(worst):
        cells, total = _cell_problems(table, columns, known, worst)
        found.extend(cells)
    if repeated:
        duplicates, count = _duplicate_problems(table, keys, len(columns))
        found.extend(duplicates)
        total += count
    ordered = [problem for _, _, problem in sorted(found, key=lambda item: item[:2])]
    listed = ordered[:MAX_PROBLEMS_PER_FILE]
    if total > len(listed):
        listed.append(more_problems(table.file, total - len(listed)))
    return listed


def present_columns(table: CsvTable, columns: Sequence[Column]) -> list[Column]:
    """The columns the file has: every required one, and the optional ones it gives."""
    return [c for c in columns if c.name in table.frame.columns]


def typed(table: CsvTable, columns: Sequence[Column]) -> pl.DataFrame:
    """The checked table with numbers as Float64 and text as String, in file order.

    An optional column the file leaves out is there all the same, every cell null.
    """
    height = table.frame.height
    return pl.DataFrame(
        [
            table.frame.get_column(c.name).cast(
                pl.Float64 if c.kind in NUMERIC else pl.String, strict=False
            )
            if c.name in table.frame.columns
            else pl.Series(c.name, [None] * height, dtype=pl.Float64)
            for c in columns
        ]
    )


def _has_bad_cell(column: Column, values: pl.Series, known: Collection[str] | None) -> bool:
    """Whether any cell breaks the column's rule: the cheap test of a valid table.

    Only native Series aggregates (null counts, sum, min, max, distinct values): each
    costs microseconds, where an expression would start polars' query engine.
    """
    nulls = values.null_count()
    if column.kind in NUMERIC:
        number = values.cast(pl.Float64, strict=False)
        if number.null_count() > nulls or (nulls and column.kind not in MAY_BE_EMPTY):
            return True  # text that is not a number, or a missing value
        if number.null_count() == number.len():
            return False  # all empty: every capacity unlimited, every value unknown
        # Float64 with at least one value: the aggregates are floats, never None.
        total = cast(float, number.sum())
        low, high = cast(float, number.min()), cast(float, number.max())
        if not math.isfinite(total) or low < 0 or high > MAX_AMOUNT:  # NaN, inf: sum not finite
            return True
        return column.kind == Kind.SHARE and high > 1
    if nulls:
        return True
    if column.kind == Kind.TEXT:
        return False
    distinct = values.value_counts().to_series(0).to_list()
    if column.kind in _PATTERNS:
        pattern = _COMPILED[column.kind]
        return not all(pattern.fullmatch(value) for value in distinct)
    if column.kind == Kind.GROUP:
        return not set(distinct) <= set(GROUPS)
    return known is not None and not set(distinct) <= set(known)


def _has_repeated_key(frame: pl.DataFrame, keys: Sequence[str]) -> bool:
    key = frame.get_column(keys[0])
    for name in keys[1:]:
        key = key + _KEY_SEPARATOR + frame.get_column(name)
    return key.n_unique() < key.len()


def _cell_problems(
    table: CsvTable,
    columns: Sequence[Column],
    known: dict[str, Collection[str] | None],
    worst: Sequence[bool],
) -> tuple[list[_Found], int]:
    """The first bad cells of each bad column (enough to list), and how many there are."""
    codes = table.frame.select(
        [_code(c, known.get(c.name)).alias(c.name) for c in columns]
    ).with_row_index(_POSITION)
    found: list[_Found] = []
    total = 0
    for index, column in enumerate(columns):
        if not worst[index]:
            continue
        values = table.frame.get_column(column.name)
        bad = codes.select(_POSITION, column.name).filter(pl.col(column.name) != Code.OK)
        total += bad.height
        for position, code in bad.head(MAX_PROBLEMS_PER_FILE).iter_rows():
            message = _message(column, Code(code), values[position], known.get(column.name))
            found.append((position, index, table.cell_problem(position, column.name, message)))
    return found, total


def _duplicate_problems(
    table: CsvTable, keys: Sequence[str], order: int
) -> tuple[list[_Found], int]:
    """A row whose key columns repeat an earlier row's is reported, naming the first."""
    repeats = (
        table.frame.with_row_index(_POSITION)
        .drop_nulls(list(keys))
        .with_columns(pl.col(_POSITION).min().over(keys).alias(_FIRST))
        .filter(pl.col(_POSITION) != pl.col(_FIRST))
    )
    found = []
    for record in repeats.head(MAX_PROBLEMS_PER_FILE).iter_rows(named=True):
        key = ", ".join(f"{k} {record[k]}" for k in keys)
        position = record[_POSITION]
        problem = table.row_problem(
            position, f"duplicate row for {key} (first on {table.row_name(record[_FIRST])})"
        )
        found.append((position, order, problem))
    return found, repeats.height


def _code(column: Column, known: Collection[str] | None) -> pl.Expr:
    ids = None if known is None or column.kind != Kind.MEMBER else tuple(sorted(known))
    return _code_expr(column, ids)


@functools.lru_cache(maxsize=256)
def _code_expr(column: Column, known: tuple[str, ...] | None) -> pl.Expr:
    """The problem code of each cell; cached, as building expressions costs more than
    running them on a small table."""
    raw = pl.col(column.name)
    missing = pl.lit(Code.OK if column.kind in MAY_BE_EMPTY else Code.MISSING)
    chain: Then | ChainedThen = pl.when(raw.is_null()).then(missing)
    if column.kind in NUMERIC:
        number = raw.cast(pl.Float64, strict=False)
        chain = (
            chain.when(number.is_null())
            .then(pl.lit(Code.NOT_NUMBER))
            .when(number.is_nan() | number.is_infinite())
            .then(pl.lit(Code.NOT_FINITE))
            .when(number < 0)
            .then(pl.lit(Code.NEGATIVE))
            .when(number > MAX_AMOUNT)
            .then(pl.lit(Code.TOO_LARGE))
        )
        if column.kind == Kind.SHARE:
            chain = chain.when(number > 1).then(pl.lit(Code.ABOVE_ONE))
    elif column.kind in _PATTERNS:
        chain = chain.when(~raw.str.contains(f"^(?:{_PATTERNS[column.kind]})$")).then(
            pl.lit(Code.MALFORMED)
        )
    elif column.kind == Kind.GROUP:
        chain = chain.when(~raw.is_in(GROUPS)).then(pl.lit(Code.MALFORMED))
    elif column.kind == Kind.MEMBER and known is not None:
        ids = pl.Series(list(known), dtype=pl.String).implode()
        chain = chain.when(~raw.is_in(ids)).then(pl.lit(Code.UNKNOWN))
    return chain.otherwise(pl.lit(Code.OK)).cast(pl.UInt8)


def _show(value: str | None) -> str:
    """The value as written, quoted, cut short if someone pasted a novel into a cell."""
    text = value or ""
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…")


def _message(column: Column, code: Code, value: str | None, known: Collection[str] | None) -> str:
    shown = _show(value)
    if code == Code.MISSING:
        return "missing value"
    if code == Code.NOT_NUMBER:
        return f"{shown} is not a number"
    if code == Code.NOT_FINITE:
        return f"{shown} is not a finite number"
    if code == Code.NEGATIVE:
        return f"{shown} is negative; expected 0 or more"
    if code == Code.TOO_LARGE:
        return f"{shown} is implausibly large (at most {MAX_AMOUNT:.0e})"
    if code == Code.ABOVE_ONE:
        return f"{shown} is outside 0–1 ({column.name} is a fraction)"
    if code == Code.UNKNOWN:
        message = f"unknown {column.member_of} {shown} (not in {column.defined_in})"
        close = difflib.get_close_matches(value or "", list(known or ()), n=1)
        return f"{message}; did you mean {close[0]!r}?" if close else message
    return _malformed(column.kind, shown)


def _malformed(kind: Kind, shown: str) -> str:
    if kind == Kind.PERIOD:
        return f"{shown} is not a quarter like 2026Q1"
    if kind == Kind.SOURCE_ID:
        return f"{shown} is not a source id (lowercase letters, digits, '-' or '_')"
    if kind == Kind.ORIGIN:
        return f"{shown} is not an origin (a two-letter country code such as CN, or 'recycled')"
    return f"{shown} is not a group (expected 'light' or 'heavy')"
