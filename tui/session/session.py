"""The one holder of "the plan I am working on": plan, data, history, file and figures.

Everything the screens and the command line need to know about an open plan lives
here, free of Textual, so that open → edit → recalculate → save → reload can be
tested without an app: the plan is the current entry of its history, the dataset and
its prepared engine evaluate it, and the file state (path, digest of the version on
disk, the versions seen, for merging) says what saving may overwrite.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from pathlib import Path

from tui.domain.dataset import Dataset
from tui.domain.errors import PlanError, Problem, SaveError
from tui.domain.plan import Plan
from tui.engine import Evaluation
from tui.planfile import check_plan, load_plan, save_plan
from tui.planfile.authorship import author_for_save
from tui.planfile.merge import PlanMerge, merge_plans
from tui.planfile.reader import LoadedPlan
from tui.session.history import Change, History
from tui.session.opening import engine_for, new_plan, open_plan


@dataclass(frozen=True)
class Edit:
    """What the screens repaint after a change: the figures and which element moved."""

    evaluation: Evaluation
    element: str | None


class Session:
    """One plan being edited. ``digest`` is the file's hash as last read or written.

    Every history entry remembers the disk version it derives from (its digest), and
    ``versions`` keeps those versions' plans: saving an entry over a file that is not
    the version it derives from is a conflict, which a merge can settle with that
    version as the common base. So undoing a reload or a merge and saving can never
    silently drop what the file on disk had.
    """

    def __init__(
        self,
        plan: Plan,
        dataset: Dataset,
        *,
        loaded: LoadedPlan | None = None,
        data_dir: Path | None = None,
    ) -> None:
        self.dataset = dataset
        self.engine = engine_for(dataset)
        self.data_dir = data_dir
        self.digest: str | None = loaded.digest if loaded else None
        self.history: History[Plan] = History(plan, origin=self.digest)
        self.path: Path | None = loaded.path if loaded else None
        self.saved_plan: Plan | None = loaded.plan if loaded else None
        self.versions: dict[str, Plan] = {loaded.digest: loaded.plan} if loaded else {}
        self.evaluation: Evaluation = self.engine.evaluate(plan)

    # --- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, data_dir: Path | None = None) -> Session:
        """Raises PlanError or DatasetError (each naming file and place)."""
        loaded, dataset = open_plan(path, data_dir)
        return cls(loaded.plan, dataset, loaded=loaded, data_dir=data_dir)

    @classmethod
    def new(cls, data_dir: Path | None = None, dataset_path: Path | None = None) -> Session:
        plan, dataset = new_plan(dataset_path)
        return cls(plan, dataset, data_dir=data_dir)

    # --- state ---------------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        return self.history.current

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
        return self.engine.evaluate(plan)  # a full evaluation is as fast as a partial one

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
        A plan without an ``author`` records one first, as an undoable edit.
        """
        target = path if path is not None else self.path
        if target is None:
            raise ValueError("the plan has no file yet: use save as")
        same_file = self.path is not None and _same(target, self.path)
        if self.plan.author is None or not self.plan.author.strip():
            author = author_for_save(self.plan, target)  # git user.name, else the login
            if author is not None:
                self.apply(replace(self.plan, author=author), "record the author")
        dataset = self.dataset
        problems = check_plan(self.plan, dataset, display_path(target))
        if problems:  # the forms check as the user types; this keeps unreadable files out
            raise SaveError(problems)
        origin = self.history.origin
        digest = save_plan(
            self.plan,
            target,
            expected_digest=origin if same_file else None,
            element_order=dataset.element_ids,
            source_order=dataset.source_ids,
            force=force,
            replace_read_only=replace_read_only,
            through_link=through_link,
        )
        self.path, self.digest, self.saved_plan = target, digest, self.plan
        self.versions[digest] = self.plan
        self.history.retarget(origin, digest)
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
        loaded, dataset = open_plan(self.path, self.data_dir)
        if dataset is not self.dataset:
            return Session(loaded.plan, dataset, loaded=loaded, data_dir=self.data_dir)
        self.evaluation = self._evaluate(self.evaluation, loaded.plan, None)
        self.history.push(loaded.plan, "reload from disk", origin=loaded.digest)
        self.history.mark_saved()
        self._now_on_disk(loaded)
        return self

    def merge_disk(self) -> tuple[PlanMerge, LoadedPlan]:
        """Merge the file as it is now on disk with this plan: their file plus the edits
        made since the version the current entry derives from. Nothing changes yet
        (see ``accept_merge``). Raises PlanError when the file cannot be read or now
        names another dataset."""
        if self.path is None:
            raise ValueError("the plan has no file to merge with")
        loaded = load_plan(self.path)
        file = display_path(self.path)
        if loaded.plan.dataset != self.plan.dataset:
            raise PlanError(
                Problem(
                    file,
                    "dataset",
                    f"the file on disk now uses dataset {loaded.plan.dataset!r}: "
                    "reload it, or save your version as another file",
                )
            )
        base = self.versions.get(self.history.origin or "")
        dataset = self.dataset
        merge = merge_plans(
            base,
            self.plan,
            loaded.plan,
            element_order=dataset.element_ids,
            source_order=dataset.source_ids,
            file=file,
        )
        return merge, loaded

    def accept_merge(self, merge: PlanMerge, loaded: LoadedPlan) -> Edit:
        """Make a merge's plan one undoable step; the file on disk is now ``loaded``.

        Raises PlanError when the merged plan does not fit the dataset; then nothing
        changes.
        """
        plan = merge.plan
        if plan is None:
            raise PlanError(list(merge.problems) or [Problem(merge.file, "", "unresolved")])
        problems = check_plan(plan, self.dataset, merge.file)
        if problems:
            raise PlanError(problems)
        evaluation = self._evaluate(self.evaluation, plan, None)
        self.history.push(plan, "merge with the file on disk", origin=loaded.digest)
        self.evaluation = evaluation
        self._now_on_disk(loaded)
        if plan == loaded.plan:
            self.history.mark_saved()
        else:
            self.history.mark_unsaved()
        return Edit(evaluation, None)

    def _now_on_disk(self, loaded: LoadedPlan) -> None:
        """Record that the file on disk is ``loaded`` (read after a conflict)."""
        self.digest, self.saved_plan = loaded.digest, loaded.plan
        self.versions[loaded.digest] = loaded.plan


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
