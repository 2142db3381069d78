"""The header, whose title changes repaint one line instead of the whole screen.

The main screen's title changes whenever the plan becomes saved or unsaved (the ``●``
mark), which on a share nudged back and forth is every key press. Setting
``Screen.title`` repaints the whole screen, and Textual's ``Header`` then updates its
title as content that may change size, which lays the screen out again: together more
than the rest of a key press. The title spans the header's fixed width whatever it
says, so ``show_title`` repaints just that line.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderClockSpace, HeaderIcon, HeaderTitle


class FixedTitle(HeaderTitle):
    """A header title that never changes the layout (its size is the header's)."""

    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=layout)


class TitleBar(Header):
    """A ``Header`` (icon, title and sub-title) with a title that repaints in place."""

    def compose(self) -> ComposeResult:
        yield HeaderIcon().data_bind(Header.icon)
        yield FixedTitle()
        yield HeaderClockSpace()

    def show_title(self, title: str, sub_title: str) -> None:
        """Give the screen this title and sub-title, repainting only the title line."""
        screen = self.screen
        if (title, sub_title) == (screen.title, screen.sub_title):
            return
        screen.set_reactive(Screen.title, title)  # no watchers: no whole-screen repaint
        screen.set_reactive(Screen.sub_title, sub_title)
        self.query_one(FixedTitle).update(self.format_title())
