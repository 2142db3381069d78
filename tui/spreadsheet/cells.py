"""Excel's names for places: column letters, ``A1`` cells and ``sheet!A1`` references."""

from __future__ import annotations

from tui.dataset.files import FileSpec


def column_letter(index: int) -> str:
    """The letters of the 0-based column ``index``: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """``A1`` notation of a 0-based row and column."""
    return f"{column_letter(column)}{row + 1}"


def sheet_name(spec: FileSpec) -> str:
    """A dataset file's sheet: its file name without ``.csv``."""
    return spec.name.removesuffix(".csv")
