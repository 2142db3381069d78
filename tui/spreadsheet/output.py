"""Opening and closing the workbooks replan writes, the same way for every command.

Cell text is always data: xlsxwriter is told never to turn a string into a number, a
formula or a link. A workbook that cannot be written (no such folder, no permission,
the file open in Excel on a shared drive) is a user error naming the file, not a
traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.domain.errors import Problem, ReplanError

_AS_DATA = {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}


def new_workbook(out: Path) -> Any:
    """An xlsxwriter workbook for ``out`` (xlsxwriter is imported here)."""
    import xlsxwriter

    if not out.parent.is_dir():
        raise ReplanError(Problem(str(out), "", f"no such folder {str(out.parent)!r}"))
    return xlsxwriter.Workbook(str(out), _AS_DATA)


def close_workbook(workbook: Any, out: Path) -> None:
    """Write the workbook to disk; raises ReplanError naming ``out`` when it cannot."""
    from xlsxwriter.exceptions import FileCreateError

    try:
        workbook.close()
    except FileCreateError as error:
        cause = error.args[0] if error.args else error
        reason = getattr(cause, "strerror", None) or str(cause)
        raise ReplanError(Problem(str(out), "", f"cannot write the workbook ({reason})")) from error
