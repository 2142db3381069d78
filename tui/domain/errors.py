"""Errors that reach users, each problem naming the file and the place in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.domain.text import visible


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, said in the user's terms.

    ``where`` is the place in the file: a TOML path (``elements.Dy.split``), a row and
    column of a CSV (``line 5, column tonnes``) or a line and column. It may be empty
    when the problem is with the file as a whole.
    """

    file: str
    where: str
    message: str
    line: int | None = None
    """The line the ``where`` path is written on, when it is known (plan files)."""

    def __str__(self) -> str:
        """The problem as printed for a person: control characters shown escaped."""
        if self.where:
            return visible(f"{self.file}: {self.where}: {self.message}")
        return visible(f"{self.file}: {self.message}")

    def located(self) -> str:
        """As ``str``, with the line the path is written on when it is known
        (``plans/x.toml: line 12: elements.Ce.split: shares sum to 90``): what a person
        fixing the file by hand reads, in ``validate`` and the app's error dialogs."""
        if self.line is None:
            return str(self)
        return visible(f"{self.file}: line {self.line}: {self.where}: {self.message}")


MAX_PROBLEMS_PER_FILE = 100
"""Problems told per file; the rest are counted. A million bad rows help nobody, and
printing them all took gigabytes of memory."""


@dataclass(frozen=True)
class MoreProblems(Problem):
    """Stands for ``count`` problems of ``file`` that are not listed."""

    count: int = 0


def more_problems(file: str, count: int) -> MoreProblems:
    noun = "problem" if count == 1 else "problems"
    return MoreProblems(file, "", f"and {count:,} more {noun} not shown", count=count)


def problem_count(problems: Sequence[Problem]) -> int:
    """How many problems ``problems`` stands for: one each, and the count of each line
    (``MoreProblems``) standing for those not listed."""
    return sum(p.count if isinstance(p, MoreProblems) else 1 for p in problems)


def capped(problems: Sequence[Problem], limit: int = MAX_PROBLEMS_PER_FILE) -> list[Problem]:
    """The first ``limit`` problems of each file, then one line counting the rest.

    Idempotent: the counts of earlier caps (``MoreProblems``) are added up, so a list
    capped where it was made and again when raised says the right total.
    """
    if len(problems) <= limit and not any(isinstance(p, MoreProblems) for p in problems):
        return list(problems)
    kept: list[Problem] = []
    shown: dict[str, int] = {}
    dropped: dict[str, int] = {}
    for problem in problems:
        file = problem.file
        if isinstance(problem, MoreProblems):
            dropped[file] = dropped.get(file, 0) + problem.count
        elif shown.get(file, 0) < limit:
            kept.append(problem)
            shown[file] = shown.get(file, 0) + 1
        else:
            dropped[file] = dropped.get(file, 0) + 1
    kept.extend(more_problems(file, count) for file, count in dropped.items() if count)
    return kept


class ReplanError(Exception):
    """Base of every error replan shows to a user instead of a traceback."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = capped(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class PlanError(ReplanError):
    """A plan file cannot be read, or does not fit its dataset.

    ``document`` is the parsed TOML when the file was TOML but not a valid plan.
    """

    document: dict[str, Any] | None = None


class DatasetError(ReplanError):
    """A dataset folder is missing, or one of its files is malformed."""


class SaveError(ReplanError):
    """A plan could not be written; the file on disk is left as it was."""


class SaveReadOnly(SaveError):
    """The file is read-only (no write permission bit): replacing it needs a yes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            Problem(str(path), "", "the file is read-only; not replaced without your say-so")
        )


class SaveThroughLink(SaveError):
    """The name is a symbolic link whose target is missing or outside the link's folder.

    Saving would create or replace ``target`` somewhere the user did not name.
    """

    def __init__(self, path: Path, target: Path, reason: str) -> None:
        self.path = path
        self.target = target
        self.reason = reason
        super().__init__(Problem(str(path), "", f"is a link to {target}, {reason}"))


class SaveConflict(ReplanError):
    """The file changed on disk since the plan was loaded from it.

    Carries both versions so the app can offer to reload, overwrite or save elsewhere.
    """

    def __init__(self, path: Path, ours: str, theirs: bytes) -> None:
        self.path = path
        self.ours = ours
        self.theirs = theirs
        super().__init__(Problem(str(path), "", "the file changed on disk since it was opened"))
