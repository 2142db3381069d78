"""The app's merge flow: their file on disk plus the planner's edits, as one undoable step.

Reached from the save conflict dialog. A clean merge is applied at once and a toast
says what came from the file on disk; conflicts open the merge screen, where the
planner picks a side for each. Nothing is written to disk here: the merged plan is
the current plan, and ctrl+s saves it (ctrl+z undoes the merge).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.messages import SessionChanged
from tui.app.screens.dialogs import ErrorDialog
from tui.app.screens.merge import MergeScreen
from tui.domain.errors import ReplanError
from tui.planfile.merge import PlanMerge
from tui.session.session import Session, display_path

if TYPE_CHECKING:
    from tui.app.app import ReplanApp

_LISTED = 6


async def merge_with_disk(app: ReplanApp, session: Session) -> bool:
    """Merge the file on disk into the open plan; True when the merge was applied."""
    assert session.path is not None
    file = display_path(session.path)
    try:
        merge, loaded = session.merge_disk()
    except ReplanError as error:
        app.push_screen(ErrorDialog(f"Could not merge with {file}", error.problems))
        return False
    if merge.conflicts:
        settled = await app.push_screen_wait(MergeScreen(merge, file))
        if settled is None:
            app.notify("Merge cancelled: nothing changed, your edits are kept.", timeout=5)
            return False
        merge = settled
    if merge.plan is None:
        app.push_screen(
            ErrorDialog(f"The merge with {file} would not be a valid plan", merge.problems)
        )
        return False
    try:
        session.accept_merge(merge, loaded)
    except ReplanError as error:
        app.push_screen(ErrorDialog(f"The merge with {file} does not fit the data", error.problems))
        return False
    app.post_message(SessionChanged())
    app.notify(
        merge_summary(merge),
        title=f"Merged with {file}",
        timeout=12,
        markup=False,
    )
    return True


def merge_summary(merge: PlanMerge) -> str:
    """What came from them and what stayed yours, for the toast."""
    lines = [f"From the file on disk: {_listed(merge.from_theirs) or 'nothing new'}."]
    if merge.from_ours:
        lines.append(f"Yours, kept: {_listed(merge.from_ours)}.")
    lines.append("ctrl+s saves the merged plan; ctrl+z undoes the merge.")
    return "\n".join(lines)


def _listed(paths: tuple[str, ...]) -> str:
    shown = ", ".join(paths[:_LISTED])
    return shown + (f" and {len(paths) - _LISTED} more" if len(paths) > _LISTED else "")
