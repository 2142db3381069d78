"""The key footer, updated in place when only a key's availability changes.

Textual's ``Footer`` re-composes all its keys whenever the screen's bindings are
refreshed. The main screen refreshes them whenever undo, redo or save becomes possible
or impossible — on a nudge of a share back to where it started, that is every key press
— and re-composing two dozen keys (new widgets, their styles, a new layout) cost more
than the rest of the repaint together. The keys shown, their order and their labels
change only with the screen; so when those are the same as last time, this footer just
greys or un-greys the existing keys.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Layout = tuple[tuple[str, str, str], ...]
"""The keys shown, in order: (key, action, description) — what a re-compose depends on."""


class KeysFooter(Footer):
    """A ``Footer`` that re-composes only when its set of keys changes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._layout: Layout | None = None
        self._recompose_pending = False
        """A re-compose is asked for and has not run: it will read the bindings then."""

    def compose(self) -> ComposeResult:
        self._recompose_pending = False
        yield from super().compose()

    def _shown(self, screen: Screen[object]) -> tuple[Layout, dict[tuple[str, str], bool]]:
        """The visible bindings' layout, and whether each (key, action) is enabled."""
        layout: list[tuple[str, str, str]] = []
        enabled: dict[tuple[str, str], bool] = {}
        for _node, binding, is_enabled, _tooltip in screen.active_bindings.values():
            if binding.show:
                layout.append((binding.key, binding.action, binding.description))
                enabled[(binding.key, binding.action)] = is_enabled
        return tuple(layout), enabled

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not (self.is_attached and screen is self.screen and screen.app.app_focus):
            super().bindings_changed(screen)
            return
        layout, enabled = self._shown(screen)
        keys = list(self.query(FooterKey))
        if layout != self._layout or not keys:
            # A screen refreshes its bindings twice as it starts, both before the first
            # re-compose has run: a second one would build every key again for nothing.
            if layout == self._layout and self._recompose_pending:
                return
            self._layout = layout
            self._recompose_pending = True
            super().bindings_changed(screen)
            return
        for key in keys:
            available = enabled.get((key.key, key.action))
            if available is None:  # not one of ours (the palette key): leave it be
                continue
            key.set_class(not available, "-disabled")
            # FooterKey keeps the flag it was built with to ring the bell on a click
            key._disabled = not available
