"""``replan validate``: check plan files and folders of them, reporting every problem.

Made for a team's CI: folders are searched recursively, each file is read, its dataset
found and loaded, and the plan checked against it; nothing stops at the first problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.errors import MoreProblems, PlanError, Problem, ReplanError, more_problems
from tui.planfile.check import check_document, check_plan
from tui.planfile.reader import LoadedPlan, load_plan, with_lines

if TYPE_CHECKING:
    from tui.domain.dataset import Dataset


def validate_paths(paths: Iterable[Path], data_dir: Path | None) -> tuple[int, list[Problem]]:
    """(number of plan files checked, every problem found in them and in the paths)."""
    problems: list[Problem] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        found = plan_files(path)
        if found is None:
            problems.append(Problem(str(path), "", "no such file or folder"))
            continue
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                problems.extend(validate_file(file, data_dir))
    return len(seen), problems


def plan_files(path: Path) -> list[Path] | None:
    """The plan files a path stands for (a folder: every ``*.toml`` below it, sorted,
    hidden folders such as ``.git`` skipped); None if the path does not exist.

    Whatever in a folder is named ``*.toml`` but is not a folder is listed, so that a
    named pipe, a device or a link to nothing is reported by reading it rather than
    skipped in silence (a CI check saying "0 problems" over a broken link misleads).
    """
    if path.is_dir():
        return sorted(
            found
            for found in path.rglob("*.toml")
            if not found.is_dir() and not _hidden(found.relative_to(path))
        )
    if path.exists() or path.is_symlink():
        return [path]
    return None


def validate_file(path: Path, data_dir: Path | None) -> list[Problem]:
    """Every problem of one plan file: its own, its dataset's and its fit to it."""
    try:
        open_checked(path, data_dir)
    except ReplanError as error:
        return list(error.problems)
    return []


def open_checked(path: Path, data_dir: Path | None) -> tuple[LoadedPlan, Dataset]:
    """Read a plan, find and load its dataset, and check the one against the other.

    Raises PlanError listing every problem found: the file's own, then (when its
    dataset can be found) unknown names and quarters, so that a split that sums to
    90 *and* names an unknown source is reported with both problems.
    """
    from tui.dataset import find_dataset, load_dataset  # only once a plan reads well

    try:
        loaded = load_plan(path)
    except PlanError as error:
        document = error.document
        if document is None or not isinstance(document.get("dataset"), str):
            raise
        try:
            dataset = load_dataset(
                find_dataset(document["dataset"], plan_path=path, data_dir=data_dir)
            )
        except ReplanError:
            raise error from None
        found = {(p.where, p.message) for p in error.problems}
        more = [
            p
            for p in check_document(document, dataset, str(path))
            if (p.where, p.message) not in found
        ]
        raise PlanError(_located([*error.problems, *more], path)) from None
    try:
        dataset = load_dataset(find_dataset(loaded.plan.dataset, plan_path=path, data_dir=data_dir))
    except ReplanError as error:  # DatasetError: missing folder, malformed CSV, ...
        raise PlanError([_as_plan_problem(problem, path) for problem in error.problems]) from None
    problems = check_plan(loaded.plan, dataset, str(path))
    if problems:
        raise PlanError(_located(problems, path))
    return loaded, dataset


def _as_plan_problem(problem: Problem, plan: Path) -> Problem:
    """A dataset problem told as one of the plan's, keeping the dataset file and place."""
    if problem.file == str(plan):
        return problem  # already said from the plan's side ("dataset: ... not found")
    if isinstance(problem, MoreProblems):  # still stands for its count, not for one problem
        return more_problems(str(plan), problem.count)
    return Problem(str(plan), "dataset", str(problem) if problem.file else problem.message)


def _located(problems: list[Problem], path: Path) -> list[Problem]:
    """The problems with the lines their paths are on (the file is read once more)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return problems
    return with_lines(problems, text)


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)
