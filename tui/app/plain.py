"""Text from files as the app shows it: literal, with control characters made visible.

Textual reads a ``str`` handed to a Static, a Label, a DataTable cell or a toast as
markup: ``[/]`` in a plan name raises MarkupError (and ends the app, edits lost), and
``[@click=app.quit]`` becomes a live action. An ESC would reach the terminal. Every
text that comes from a file therefore goes through ``plain`` (a rich Text, never
parsed) or ``shown`` (a str for places that take no markup, such as titles).
"""

from __future__ import annotations

from rich.text import Text

from tui.domain.text import visible


def shown(text: object, *, keep_newlines: bool = False) -> str:
    """``text`` with its control characters escaped, for places that show a str as is."""
    return visible(str(text), keep_newlines=keep_newlines)


def plain(text: object, style: str = "", *, keep_newlines: bool = False, **kwargs: object) -> Text:
    """A Text that shows ``text`` literally (no markup), control characters escaped."""
    return Text(shown(text, keep_newlines=keep_newlines), style=style, **kwargs)  # type: ignore[arg-type]  # Text's options, passed on
