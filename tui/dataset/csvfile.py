"""Reading one dataset CSV file into a frame of stripped strings, or saying why not.

Everything is read as text first (``infer_schema=False``) so that a bad value becomes a
problem with a line number instead of a parse error for the whole file; the typed
columns are made later, vectorised, by ``tui.dataset.checks``.

The header is read as an ordinary record (``has_header=False``): that way duplicate or
padded column names are seen as written, and record ``k`` is line ``k + 1`` of the file
(polars keeps blank lines as empty records) — unless a quoted field spans lines, which
the standard ``csv`` module then works out, only when a problem has to be reported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import polars as pl

from tui.domain.errors import Problem

ROW = "__row"  # a row-index column name used while tidying

# Where a space next to a separator means a value needs stripping.
_PADDED = (" ,", ", ", "\n ", " \n", " \r")

_UTF8_BOM = "\ufeff"


@dataclass(frozen=True)
class CsvTable:
    """A file's data rows as strings (no surrounding spaces; empty → null), in file order.

    ``frame`` holds the required columns, in the order asked for, then the optional
    ones the file has. Blank lines are not
    in it; ``line(i)`` gives the file's line number of frame row ``i`` (header = line 1).
    """

    file: str
    frame: pl.DataFrame
    raw_rows: list[int] | None  # the parsed record behind each frame row, if not i + 1
    record_line: Callable[[int], int]  # parsed record index (0 = header) → line number

    def line(self, position: int) -> int:
        record = self.raw_rows[position] if self.raw_rows is not None else position + 1
        return self.record_line(record)

    def cell_problem(self, position: int, column: str, message: str) -> Problem:
        """A problem with one value, placed as the file's reader will look for it."""
        return Problem(self.file, f"line {self.line(position)}, column {column}", message)

    def row_problem(self, position: int, message: str) -> Problem:
        """A problem with a whole row (a repeated key)."""
        return Problem(self.file, self.row_name(position), message)

    def row_name(self, position: int) -> str:
        """How a message refers to a row: ``line 5`` in a CSV file."""
        return f"line {self.line(position)}"


@dataclass(frozen=True)
class CsvRequest:
    """One file to read: where it is, how messages name it, which columns it must have
    and which it may have."""

    path: Path
    file: str
    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()


def read_tables(requests: Sequence[CsvRequest]) -> list[CsvTable | list[Problem]]:
    """Read several files at once: one polars run for all of them (half the cost of one
    ``read_csv`` each); if any fails to parse, each is read alone so the failure is named."""
    texts = [_read_text(r.path, r.file, r.columns) for r in requests]
    readable = [i for i, text in enumerate(texts) if isinstance(text, str)]
    try:
        raws = pl.collect_all([_scan(cast(str, texts[i])) for i in readable])  # texts read
    except (pl.exceptions.PolarsError, pl.exceptions.PanicException, ValueError):
        raws = None
    results: list[CsvTable | list[Problem]] = []
    for i, (request, text) in enumerate(zip(requests, texts, strict=True)):
        if isinstance(text, Problem):
            results.append([text])
        elif raws is None:
            results.append(_parse(request, text))
        else:
            results.append(_table(raws[readable.index(i)], request, text))
    return results


def _scan(text: str) -> pl.LazyFrame:
    return pl.scan_csv(text.encode("utf-8"), has_header=False, infer_schema=False, quote_char='"')


def _parse(request: CsvRequest, text: str) -> CsvTable | list[Problem]:
    try:
        raw = _scan(text).collect()
    except (pl.exceptions.PolarsError, pl.exceptions.PanicException, ValueError) as exc:
        return _explain_parse_failure(text, request.file, request.columns, exc)
    return _table(raw, request, text)


def _table(raw: pl.DataFrame, request: CsvRequest, text: str) -> CsvTable | list[Problem]:
    """The parsed records as a table, once the header (record 0) is right."""
    file = request.file
    header = [_cell(v) for v in raw.row(0)] if raw.height else []
    problems = _check_header(header, file, request.columns, request.optional)
    if problems:
        return problems
    columns = [*request.columns, *(name for name in request.optional if name in header)]
    positions = [header.index(name) for name in columns]
    if _is_tidy(text, raw):
        # The common case: nothing to strip, no blank line; no extra polars pass.
        picked = zip(positions, columns, strict=True)
        frame = pl.DataFrame([raw.to_series(i).slice(1).alias(name) for i, name in picked])
        return CsvTable(file, frame, None, _line_mapper(text))
    return _tidy_table(raw, positions, columns, file, text)


def _is_tidy(text: str, raw: pl.DataFrame) -> bool:
    """No quotes, tabs or padded values, and no blank line (a record of nulls only)."""
    if '"' in text or "\t" in text:
        return False
    if " " in text and (text.startswith(" ") or text.endswith(" ")):
        return False
    if " " in text and any(mark in text for mark in _PADDED):
        return False
    return min(raw.null_count().row(0), default=0) == 0


def _tidy_table(
    raw: pl.DataFrame, positions: list[int], columns: Sequence[str], file: str, text: str
) -> CsvTable:
    """Strip values, turn empty ones into nulls and drop blank lines, remembering lines."""
    frame = (
        raw.select(
            [
                clean_text(pl.col(raw.columns[i])).alias(name)
                for i, name in zip(positions, columns, strict=True)
            ]
        )
        .with_row_index(ROW)
        .slice(1)
        .filter(~pl.all_horizontal([pl.col(name).is_null() for name in columns]))
    )
    raw_rows = frame.get_column(ROW).to_list()
    return CsvTable(file, frame.drop(ROW), raw_rows, _line_mapper(text))


def _read_text(path: Path, file: str, columns: Sequence[str]) -> str | Problem:
    """The file's text, or the one problem that stops it being a CSV file at all."""
    if not path.is_file():
        if path.is_dir():
            return Problem(file, "", "is a folder, expected a CSV file")
        return Problem(file, "", "file not found")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Problem(file, "", f"cannot read the file ({exc.strerror or exc})")
    if b"\x00" in data:
        return Problem(file, "", "binary file (it contains NUL bytes); expected UTF-8 CSV text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Problem(
            file, f"line {line}", f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x})"
        )
    text = text.removeprefix(_UTF8_BOM)
    if not text.strip():
        return Problem(file, "", f"file is empty; expected a header line {','.join(columns)}")
    return text


def _cell(value: str | None) -> str:
    return (value or "").strip()


def clean_text(expr: pl.Expr) -> pl.Expr:
    """Strip spaces around a value; an empty value is missing (null)."""
    stripped = expr.str.strip_chars()
    return pl.when(stripped == "").then(None).otherwise(stripped)


def _check_header(
    header: list[str], file: str, columns: Sequence[str], optional: Sequence[str] = ()
) -> list[Problem]:
    expected = ",".join(columns)
    if not any(header):
        message = f"expected the header line {expected}, found an empty line"
        return [Problem(file, "line 1", message)]
    problems = [
        Problem(file, "line 1", f"column '{name}' appears more than once")
        for name in (*columns, *optional)
        if header.count(name) > 1
    ]
    missing = [f"'{name}'" for name in columns if name not in header]
    if missing:
        label = "column" if len(missing) == 1 else "columns"
        message = f"missing {label} {', '.join(missing)} (expected {expected})"
        problems.append(Problem(file, "line 1", message))
    return problems


def _line_mapper(text: str) -> Callable[[int], int]:
    """Parsed record → file line. Cheap unless a quoted field might span lines."""
    if '"' not in text:
        return lambda row: row + 1
    starts: list[int] = []

    def line_of(row: int) -> int:
        if not starts:
            starts.extend(_record_start_lines(text))
        return starts[row] if row < len(starts) else row + 1

    return line_of


def _record_start_lines(text: str) -> list[int]:
    """The line each CSV record starts on, as the ``csv`` module splits records."""
    starts = []
    reader = csv.reader(io.StringIO(text, newline=""))
    previous_end = 0
    try:
        for _ in reader:
            starts.append(previous_end + 1)
            previous_end = reader.line_num
    except csv.Error:
        pass
    return starts


def _explain_parse_failure(
    text: str, file: str, columns: Sequence[str], exc: BaseException
) -> list[Problem]:
    """polars gave up on the file: say which line is wrong, as the ``csv`` module sees it."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    width = None
    start = 1  # line the current record starts on
    stray_quote = None  # first line with a '"' the csv module kept as text
    try:
        for record in reader:
            if stray_quote is None and any('"' in field for field in record):
                stray_quote = start
            if width is None:
                header = [_cell(name) for name in record]
                problems = _check_header(header, file, columns)
                if problems:
                    return problems
                width = len(record)
            elif record and len(record) != width:
                fields = "field" if width == 1 else "fields"
                message = f"expected {width} {fields} like the header, found {len(record)}"
                return [Problem(file, f"line {start}", message)]
            start = reader.line_num + 1
    except csv.Error as csv_exc:
        return [Problem(file, f"line {start}", _csv_error(csv_exc))]
    if stray_quote is not None:
        message = "a '\"' inside a value that is not quoted (quote the value and double the '\"')"
        return [Problem(file, f"line {stray_quote}", message)]
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return [Problem(file, "", f"cannot read as CSV ({detail})")]


def _csv_error(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return "a quoted value is never closed (a '\"' is missing)"
    if "expected after" in text:
        return "text after a closing quote (quote the whole value, and double any '\"' in it)"
    return f"cannot read as CSV ({text})"
