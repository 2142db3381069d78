"""Small modal dialogs: choose among a few answers, read an error, type a file name.

Each returns its answer through ``dismiss`` so that callers can ``push_screen`` with a
callback (or ``push_screen_wait`` from a worker) and stay linear.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tui.app.plain import plain, shown
from tui.domain.errors import Problem


class ChoiceDialog(ModalScreen[str | None]):
    """A question with a few buttons; escape answers None (cancel).

    ``choices`` are (answer, label, variant). ``default`` is the answer whose button has
    the focus, i.e. what enter chooses: callers make it the safe one ("cancel"), so that
    a planner who presses enter out of habit loses nothing; the answers that write or
    drop work take a deliberate key or click. Each answer's first letter is also a key,
    so "r" reloads in the conflict dialog without reaching for tab.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(
        self,
        title: str,
        message: str,
        choices: Sequence[tuple[str, str, str]],
        *,
        default: str | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.message = message
        self.choices = list(choices)
        self.default = default if default is not None else self.choices[0][0]
        # Textual focuses this on compose; set per dialog, as the default answer varies.
        self.AUTO_FOCUS = f"#choice-{self.default}"  # type: ignore[misc]  # read per instance

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield Static(plain(self.message, keep_newlines=True), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for answer, label, variant in self.choices:
                    yield Button(label, id=f"choice-{answer}", variant=variant)  # type: ignore[arg-type]  # callers pass Textual's variants

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(str(event.button.id).removeprefix("choice-"))

    def on_key(self, event: events.Key) -> None:
        for answer, label, _ in self.choices:
            if event.key == label[0].lower():
                event.stop()
                self.dismiss(answer)
                return

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm_discard(name: str, doing: str) -> ChoiceDialog:
    """Unsaved changes: save first, discard them, or stay. Enter stays (Cancel)."""
    return ChoiceDialog(
        "Unsaved changes",
        f"“{shown(name)}” has changes that are not saved. Save them before you {doing}?\n"
        "s saves, d discards them; enter or esc goes back to the plan.",
        [
            ("save", "Save", "primary"),
            ("discard", "Discard", "error"),
            ("cancel", "Cancel", "default"),
        ],
        default="cancel",
    )


def conflict_dialog(path: str) -> ChoiceDialog:
    """The file on disk has changes this version lacks. Enter merges: it writes nothing
    and drops nobody's work, so a habit key is safe."""
    return ChoiceDialog(
        "The file changed on disk",
        f"{shown(path)} on disk has changes your version does not have (someone else saved it, "
        "or you undid a reload or a merge).\n"
        "Merge takes their file and re-applies your edits (nothing is written yet); "
        "Reload takes their file (ctrl+z brings your edits back); Overwrite drops their "
        "changes; Save as keeps both files.",
        [
            ("merge", "Merge", "success"),
            ("reload", "Reload theirs", "warning"),
            ("overwrite", "Overwrite", "error"),
            ("save_as", "Save as…", "primary"),
            ("cancel", "Cancel", "default"),
        ],
        default="merge",
    )


class ErrorDialog(ModalScreen[None]):
    """Problems in a scrollable box, one per line: file, place, what is wrong."""

    BINDINGS = [Binding("escape,enter", "close", "Close")]  # noqa: RUF012

    def __init__(self, title: str, problems: Sequence[Problem | str]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.problems = [p.located() if isinstance(p, Problem) else shown(p) for p in problems]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box error-box"):
            yield Label(plain(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-scroll"):
                yield Static("\n".join(self.problems), classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


def plan_target(text: str) -> Path:
    """The file a typed save-as name means; ValueError says why it cannot be one.

    ``.toml`` is added when missing. A name ending in a slash, or naming a folder, is
    refused rather than turned into ``plans.toml`` next to the folder or into a failed
    write; so is a file in a folder that does not exist.
    """
    typed = text.strip()
    if not typed:
        raise ValueError("Type a file name")
    path = Path(typed).expanduser()
    if typed.endswith(("/", os.sep)) or path.is_dir():
        raise ValueError(
            f"{typed} is a folder: add a file name, e.g. {typed.rstrip('/' + os.sep)}/my-plan.toml"
        )
    if path.suffix != ".toml":
        path = path.with_name(path.name + ".toml")
    if path.is_dir():
        raise ValueError(f"{path} is a folder: choose another file name")
    folder = path.parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise ValueError(f"the folder {folder} {what}")
    return path


class PathDialog(ModalScreen[Path | None]):
    """Ask for a file name (save as); a relative name is relative to the working folder.

    A name that cannot be a plan file is refused in the dialog, which stays open with
    what was typed; ``error`` opens it with a message (a save that failed on that name).
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, title: str, suggestion: str, error: str = "") -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.suggestion = suggestion
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield Input(self.suggestion, id="path", placeholder="e.g. plans/my-plan.toml")
            yield Static(plain(self.error), id="path-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._finish()
        else:
            self.dismiss(None)

    def _finish(self) -> None:
        try:
            path = plan_target(self.query_one("#path", Input).value)
        except ValueError as error:
            self.query_one("#path-error", Static).update(plain(error))
            self.app.bell()
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SaveAsDialog(PathDialog):
    """Save as: the file name, and the plan's name, which a copy usually wants changed.

    A copy saved under a new file but the old name reads as the same plan in the
    browser and in compare. The file name follows the plan name while the planner has
    not typed one of their own. ``plan_name`` holds the name chosen, once dismissed.
    """

    def __init__(self, title: str, suggestion: str, name: str, slug: Callable[[str], str]) -> None:
        super().__init__(title, suggestion)
        self.plan_name = name
        self._slug = slug

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield Input(self.suggestion, id="path", placeholder="e.g. plans/my-plan.toml")
            yield Label("plan name", classes="form-label")
            yield Input(self.plan_name, id="plan-name", placeholder="the plan's name")
            yield Static(plain(self.error), id="path-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "plan-name":
            return
        path = self.query_one("#path", Input)
        folder = Path(path.value).parent
        if path.value == str(folder / self._slug(self.plan_name)):  # not typed by hand
            path.value = str(folder / self._slug(event.value))
        self.plan_name = event.value

    def _finish(self) -> None:
        name = self.query_one("#plan-name", Input).value.strip()
        if not name:
            self.query_one("#path-error", Static).update(plain("plan name: give the plan a name"))
            self.app.bell()
            return
        self.plan_name = name
        super()._finish()
