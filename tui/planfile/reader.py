"""Reading plan files: bytes → TOML document → Plan, with every problem named.

Plan files come from shared folders and pull requests, so anything may be in them:
binary junk, a Windows byte-order mark, a file truncated mid-string, a document nested
a thousand levels deep. Whatever it is, callers get a Plan or a PlanError — nothing
else (tomllib itself can raise RecursionError and plain ValueError).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.domain.errors import PlanError, Problem
from tui.domain.plan import Plan
from tui.planfile.lines import toml_lines
from tui.planfile.locate import line_of
from tui.planfile.markers import conflict_problems
from tui.planfile.prescan import key_problem
from tui.planfile.schema import plan_from_document
from tui.planfile.words import key_part

MAX_PLAN_BYTES = 1_000_000
"""Far above any real plan (one element takes a few hundred bytes); stops runaway reads."""

_BOM = b"\xef\xbb\xbf"
_TOML_POSITION = re.compile(
    r"^(?P<message>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|end of document)\)$", re.S
)
_DECLARED_TWICE = re.compile(r"^Cannot declare \((?P<key>.*)\) twice$", re.S)


@dataclass(frozen=True)
class LoadedPlan:
    """A plan as read from disk; ``digest`` (sha256 of the bytes) detects later changes."""

    path: Path
    plan: Plan
    digest: str


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_plan(path: Path) -> LoadedPlan:
    """Read and validate a plan file; raises PlanError naming the file for any failure."""
    path = Path(path)
    data = read_plan_bytes(path)
    return LoadedPlan(path=path, plan=parse_plan(data, str(path)), digest=digest_of(data))


def read_plan_bytes(path: Path) -> bytes:
    """The file's bytes, refusing folders, devices and files too large to be a plan."""
    file = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise PlanError(Problem(file, "", "is a folder, not a plan file"))
        if not stat.S_ISREG(info.st_mode):
            raise PlanError(Problem(file, "", f"is {_kind(info.st_mode)}, not a plan file"))
        with open(path, "rb") as handle:
            data = handle.read(MAX_PLAN_BYTES + 1)
    except FileNotFoundError:
        if os.path.islink(path):
            target = os.readlink(path)
            raise PlanError(
                Problem(file, "", f"is a link to {target}, which does not exist")
            ) from None
        raise PlanError(Problem(file, "", "no such file")) from None
    except PermissionError:
        raise PlanError(Problem(file, "", "cannot read the file: permission denied")) from None
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise PlanError(Problem(file, "", f"cannot read the file: {reason}")) from None
    if len(data) > MAX_PLAN_BYTES:
        raise PlanError(Problem(file, "", _too_large_message()))
    return data


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in a user's words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def parse_plan(data: bytes, file: str) -> Plan:
    """Validate a plan file's content; raises PlanError listing every problem.

    When the file is TOML but not a valid plan, the error keeps the ``document`` so
    that its names can still be checked against the dataset (see ``check_document``).
    """
    document = parse_document(data, file)
    try:
        return plan_from_document(document, file)
    except PlanError as error:
        located = PlanError(with_lines(error.problems, data.decode("utf-8")))
        located.document = document
        raise located from None


def with_lines(problems: list[Problem], text: str) -> list[Problem]:
    """Each problem at a TOML path told with the line that path is written on."""
    out = []
    for problem in problems:
        if problem.line is None and problem.where and not problem.where.startswith("line "):
            line = line_of(text, problem.where)
            if line is not None:
                problem = dataclasses.replace(problem, line=line)
        out.append(problem)
    return out


def parse_document(data: bytes, file: str) -> dict[str, Any]:
    """The TOML document in ``data``; raises PlanError for anything that is not TOML text."""
    if len(data) > MAX_PLAN_BYTES:
        raise PlanError(Problem(file, "", _too_large_message()))
    if not data.strip():
        raise PlanError(Problem(file, "", "the file is empty"))
    if data.startswith(_BOM):
        raise PlanError(
            Problem(
                file,
                "",
                "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
            )
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanError(Problem(file, "", "the file is UTF-16 text; save it as UTF-8"))
    if b"\x00" in data:
        raise PlanError(Problem(file, "", "binary file, not a TOML plan"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(data[: error.start].decode("utf-8", "replace"))
        byte = data[error.start]
        raise PlanError(
            Problem(file, f"line {line}, column {column}", f"not UTF-8 text (byte 0x{byte:02x})")
        ) from None
    conflicts = conflict_problems(text, file)
    if conflicts:
        raise PlanError(conflicts)
    deep = key_problem(text)
    if deep is not None:  # tomllib would take quadratic time and memory on it
        offset, message = deep
        line, column = _position(text[:offset])
        raise PlanError(Problem(file, f"line {line}, column {column}", message))
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PlanError(_syntax_problem(str(error), text, file)) from None
    except RecursionError:
        raise PlanError(Problem(file, "", "the TOML is nested too deeply to read")) from None
    except (ValueError, OverflowError):
        # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        raise PlanError(Problem(file, "", "invalid TOML: a number has too many digits")) from None


def _syntax_problem(message: str, text: str, file: str) -> Problem:
    """tomllib's "Invalid value (at line 3, column 9)" → ``line 3, column 9: invalid TOML: …``."""
    match = _TOML_POSITION.match(message)
    if match is None:
        return Problem(file, "", f"invalid TOML: {_first_lower(message)}")
    if match.group("line") is not None:
        line, column = int(match.group("line")), int(match.group("column"))
    else:
        line, column = _position(text)
    detail = match.group("message")
    twice = _DECLARED_TWICE.match(detail)
    if twice is not None:
        detail = f"table [{_tuple_key(twice.group('key'))}] is declared twice"
    elif detail == "Cannot overwrite a value":
        detail = "a key or table is defined twice"
    elif detail == "Illegal character '\\n'":
        detail = "unterminated string (no closing quote on this line)"
    elif detail == "Invalid value":
        detail = _invalid_value(text, line, column)
    return Problem(file, f"line {line}, column {column}", f"invalid TOML: {_first_lower(detail)}")


_WORD = re.compile(r"[^\s,}\]#]+")


def _invalid_value(text: str, line: int, column: int) -> str:
    """``lynas = abc``: say what a value may look like, naming what was written."""
    lines = toml_lines(text)
    here = lines[line - 1][column - 1 :] if 0 < line <= len(lines) else ""
    word = _WORD.match(here)
    if word is None:
        return "a value is missing after '='"
    shown = word.group()[:40]
    return (
        f'{shown} is not a value: write text in quotes ("{shown}"), '
        "numbers as digits (30), or true/false"
    )


def _tuple_key(text: str) -> str:
    """``'elements', 'Dy'`` (a Python tuple's inside, as tomllib reports it) → ``elements.Dy``."""
    parts = re.findall(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"", text)
    if not parts:
        return text
    return ".".join(key_part(single or double) for single, double in parts)


def _position(text_before: str) -> tuple[int, int]:
    """Line and column (both from 1) just after ``text_before``."""
    line = text_before.count("\n") + 1
    column = len(text_before) - (text_before.rfind("\n") + 1) + 1
    return line, column


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _too_large_message() -> str:
    return f"the file is too large for a plan (the limit is {MAX_PLAN_BYTES // 1_000_000} MB)"
