"""The command palette: every action as "area: verb", and "element: jump to Dy".

Commands are listed from the same actions the keys run, so the palette and the keys
cannot drift apart; jumping to an element is the palette's fuzzy search at its best
on a dataset with many elements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from rich.markup import escape
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.app.plain import shown

# (title, help, where the action lives, action)
ACTIONS: list[tuple[str, str, str, str]] = [
    ("plan: save", "Save the plan to its file", "app", "save"),
    ("plan: save as", "Save the plan under another name", "app", "save_as"),
    ("plan: open", "Browse the plans folder", "app", "open"),
    ("plan: new", "Start a new plan on the reference data", "app", "new"),
    ("plan: compare", "Compare plans side by side", "app", "compare"),
    ("plan: export to Excel", "The plan (or the plans compared) as a workbook", "app", "export"),
    ("plan: compare with saved version", "Your edits against the file", "app", "compare_saved"),
    ("plan: compare with last commit", "The plan against its last committed version in git",
     "app", "compare_committed"),
    ("plan: edit details", "Name, author, description, target and horizon", "main", "edit_plan"),
    ("edit: undo", "Undo the last edit", "main", "undo"),
    ("edit: redo", "Redo the edit just undone", "main", "redo"),
    ("element: edit split, stock and note", "Exact values for the selected element", "main",
     "edit_element"),
    ("element: edit schedule", "A different split from a quarter on", "main", "edit_schedule"),
    ("stress: cases", "See, add, edit and remove stress cases", "main", "stress"),
    ("view: next stress case in the chart", "Cycle the chart through the cases", "main",
     "next_case"),
    ("view: portfolio China exposure chart", "Planned and as bought per quarter, against "
     "the target", "main", "toggle_portfolio"),
    ("help: keys and guide", "What every key does", "app", "help"),
    ("app: quit", "Quit replan", "app", "quit"),
]  # fmt: skip


class ReplanCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, str, Callable[[], Any]]]:
        app: Any = self.app
        main = getattr(app, "main", None)
        for title, help_text, where, action in ACTIONS:
            if where == "main" and main is None:
                continue
            target: Any = main if where == "main" else app  # main is set when where is "main"
            yield title, help_text, partial(target.run_action, action)
        session = getattr(app, "session", None)
        if main is not None and session is not None:
            for element in session.dataset.elements:
                yield (
                    f"element: jump to {element.symbol}",
                    escape(shown(f"{element.name} ({element.group})")),
                    partial(app.jump_to, element.symbol),
                )

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            if not title.startswith("element: jump"):
                yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(f"{title} {help_text}" if "jump" in title else title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)
