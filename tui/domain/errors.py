"""Errors that reach users, each problem naming the file and the place in it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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

    def __str__(self) -> str:
        if self.where:
            return f"{self.file}: {self.where}: {self.message}"
        return f"{self.file}: {self.message}"


class ReplanError(Exception):
    """Base of every error replan shows to a user instead of a traceback."""

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", "", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class PlanError(ReplanError):
    """A plan file cannot be read, or does not fit its dataset.

    ``document`` is the parsed TOML when the file was TOML but not a valid plan.
    """

    document: dict | None = None


class DatasetError(ReplanError):
    """A dataset folder is missing, or one of its files is malformed."""


class SaveError(ReplanError):
    """A plan could not be written; the file on disk is left as it was."""


class SaveConflict(ReplanError):
    """The file changed on disk since the plan was loaded from it.

    Carries both versions so the app can offer to reload, overwrite or save elsewhere.
    """

    def __init__(self, path: Path, ours: str, theirs: bytes) -> None:
        self.path = path
        self.ours = ours
        self.theirs = theirs
        super().__init__(Problem(str(path), "", "the file changed on disk since it was opened"))
