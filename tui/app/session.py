"""The open plan as the app holds it: workspace, edit history, figures and file state.

Everything the screens need to know about "the plan I am working on" lives here, free
of Textual, so that edit → recalculate → save → reload can be tested without an app.
A change to one element asks the engine for an incremental re-evaluation; anything
else is evaluated afresh.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path

from tui.app.history import Change, History
from tui.domain.dataset import Dataset
from tui.domain.errors import SaveError
from tui.domain.plan import Plan
from tui.engine import Evaluation
from tui.planfile import check_plan, save_plan
from tui.workspace import Workspace, new_plan, open_plan


@dataclass(frozen=True)
class Edit:
    """What the screens repaint after a change: the figures and which element moved."""

    evaluation: Evaluation
    element: str | None


class Session:
    """One plan being edited. ``digest`` is the file's hash as last read or written."""

    def __init__(self, workspace: Workspace, data_dir: Path | None = None) -> None:
        self.workspace = workspace
        self.data_dir = data_dir
        self.history: History[Plan] = History(workspace.plan)
        self.path: Path | None = workspace.path
        self.digest: str | None = workspace.loaded.digest if workspace.loaded else None
        self.saved_plan: Plan | None = workspace.loaded.plan if workspace.loaded else None
        self.evaluation: Evaluation = workspace.engine.evaluate(workspace.plan)

    # --- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, data_dir: Path | None = None) -> Session:
        """Raises PlanError or DatasetError (each naming file and place)."""
        return cls(open_plan(path, data_dir), data_dir)

    @classmethod
    def new(cls, data_dir: Path | None = None, dataset_path: Path | None = None) -> Session:
        return cls(new_plan(dataset_path), data_dir)

    # --- state ---------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self.history.current

    @property
    def dataset(self) -> Dataset:
        return self.workspace.dataset

    @property
    def dirty(self) -> bool:
        """Unsaved changes: the plan is not the one last loaded or saved."""
        return not self.history.is_saved

    @property
    def title(self) -> str:
        return self.plan.name

    @property
    def location(self) -> str:
        """Where the plan lives, for the sub-title: a path, or 'not saved yet'."""
        return display_path(self.path) if self.path is not None else "new plan, not saved yet"

    # --- editing -------------------------------------------------------------------

    def apply(
        self,
        plan: Plan,
        label: str,
        element: str | None = None,
        *,
        group: Hashable | None = None,
    ) -> Edit:
        """Make ``plan`` current (one undo step, or part of the last one when ``group``
        continues a burst: see History.push) and recalculate."""
        if plan == self.plan:
            return Edit(self.evaluation, None)
        evaluation = self._evaluate(self.evaluation, plan, element)  # may raise: then no step
        self.history.push(plan, label, element, group=group)
        self.evaluation = evaluation
        return Edit(evaluation, element)

    def undo(self) -> Change[Plan] | None:
        change = self.history.undo()
        if change is not None:
            self.evaluation = self._evaluate(self.evaluation, self.plan, change.element)
        return change

    def redo(self) -> Change[Plan] | None:
        change = self.history.redo()
        if change is not None:
            self.evaluation = self._evaluate(self.evaluation, self.plan, change.element)
        return change

    def _evaluate(self, previous: Evaluation, plan: Plan, element: str | None) -> Evaluation:
        engine = self.workspace.engine
        if element is not None:
            return engine.reevaluate(previous, plan, element)
        return engine.evaluate(plan)

    # --- files ---------------------------------------------------------------------

    def save(
        self,
        path: Path | None = None,
        *,
        force: bool = False,
        replace_read_only: bool = False,
        through_link: bool = False,
    ) -> Path:
        """Write the plan; raises SaveConflict, SaveError, or ValueError without a path.

        Saving to the file the plan came from checks that file's hash; saving anywhere
        else requires that no file is there yet (the conflict dialog offers overwrite).
        """
        target = path if path is not None else self.path
        if target is None:
            raise ValueError("the plan has no file yet: use save as")
        same_file = self.path is not None and _same(target, self.path)
        dataset = self.workspace.dataset
        problems = check_plan(self.plan, dataset, display_path(target))
        if problems:  # the forms check as the user types; this keeps unreadable files out
            raise SaveError(problems)
        digest = save_plan(
            self.plan,
            target,
            expected_digest=self.digest if same_file else None,
            element_order=dataset.element_ids,
            source_order=dataset.source_ids,
            force=force,
            replace_read_only=replace_read_only,
            through_link=through_link,
        )
        self.path, self.digest, self.saved_plan = target, digest, self.plan
        self.workspace.path = target
        self.history.mark_saved()
        return target

    def reload(self) -> Session:
        """The file as it is now on disk (after a conflict).

        When the file still reads the same dataset, its plan becomes one more step in
        this session's history — so ctrl+z brings back the edits the reload dropped —
        and ``self`` is returned. A file that now names another dataset (or whose data
        changed) needs a fresh session, which is returned instead.
        """
        if self.path is None:
            raise ValueError("the plan has no file to reload")
        workspace = open_plan(self.path, self.data_dir)
        loaded = workspace.loaded
        if workspace.dataset is not self.dataset or loaded is None:
            return Session(workspace, self.data_dir)
        self.evaluation = self._evaluate(self.evaluation, loaded.plan, None)
        self.history.push(loaded.plan, "reload from disk")
        self.history.mark_saved()
        self.digest, self.saved_plan = loaded.digest, loaded.plan
        self.workspace.loaded = loaded
        return self


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def display_path(path: Path) -> str:
    """A path relative to the working folder when it is inside it (``plans/x.toml``)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
