"""The behaviour every modal form shares: apply or cancel, and say what is wrong.

A form reads what was typed with ``read``; a ValueError's text goes to the form's
error line (``ERROR_ID``) with a bell, and the form stays open with the input kept.
Enter in a field applies; escape (bound by each form) cancels.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.app.plain import plain

Result = TypeVar("Result")


class FormScreen(ModalScreen[Result | None], Generic[Result]):
    ERROR_ID: ClassVar[str] = "form-error"

    def read(self) -> Result:
        """What the form says, or ValueError naming the field that is wrong."""
        raise NotImplementedError

    def action_save(self) -> None:
        try:
            result = self.read()
        except ValueError as error:
            self.query_one(f"#{self.ERROR_ID}", Static).update(plain(error, keep_newlines=True))
            self.app.bell()
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()
