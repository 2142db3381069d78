"""Small modal dialogs: choose among a few answers, read an error, type a file name.

Each returns its answer through ``dismiss`` so that callers can ``push_screen`` with a
callback (or ``push_screen_wait`` from a worker) and stay linear.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from tui.domain.errors import Problem


class ChoiceDialog(ModalScreen[str | None]):
    """A question with a few buttons; escape answers None (cancel).

    ``choices`` are (answer, label, variant); the first is focused. Each answer's first
    letter is also a key, so "r" reloads in the conflict dialog without reaching for tab.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, title: str, message: str, choices: Sequence[tuple[str, str, str]]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.message = message
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for answer, label, variant in self.choices:
                    yield Button(label, id=f"choice-{answer}", variant=variant)  # type: ignore[arg-type]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(str(event.button.id).removeprefix("choice-"))

    def on_key(self, event) -> None:
        for answer, label, _ in self.choices:
            if event.key == label[0].lower():
                event.stop()
                self.dismiss(answer)
                return

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm_discard(name: str, doing: str) -> ChoiceDialog:
    """Unsaved changes: save first, discard them, or stay."""
    return ChoiceDialog(
        "Unsaved changes",
        f"“{name}” has changes that are not saved. Save them before you {doing}?",
        [
            ("save", "Save", "primary"),
            ("discard", "Discard", "error"),
            ("cancel", "Cancel", "default"),
        ],
    )


def conflict_dialog(path: str) -> ChoiceDialog:
    return ChoiceDialog(
        "The file changed on disk",
        f"{path} was changed by someone else since you opened it.\n"
        "Reload it (your edits are dropped), overwrite it with your version, "
        "or save your version under another name.",
        [
            ("reload", "Reload", "warning"),
            ("overwrite", "Overwrite", "error"),
            ("save_as", "Save as…", "primary"),
            ("cancel", "Cancel", "default"),
        ],
    )


class ErrorDialog(ModalScreen[None]):
    """Problems in a scrollable box, one per line: file, place, what is wrong."""

    BINDINGS = [Binding("escape,enter", "close", "Close")]  # noqa: RUF012

    def __init__(self, title: str, problems: Sequence[Problem | str]) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.problems = [str(p) for p in problems]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box error-box"):
            yield Label(self.title_text, classes="dialog-title")
            with VerticalScroll(classes="dialog-scroll"):
                yield Static("\n".join(self.problems), classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class PathDialog(ModalScreen[Path | None]):
    """Ask for a file name (save as); a relative name is relative to the working folder."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]  # noqa: RUF012

    def __init__(self, title: str, suggestion: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.suggestion, id="path", placeholder="plans/my-plan.toml")
            yield Static("", id="path-error", classes="field-error")
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
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.query_one("#path-error", Static).update("Type a file name")
            return
        path = Path(text).expanduser()
        if path.suffix != ".toml":
            path = path.with_name(path.name + ".toml")
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
