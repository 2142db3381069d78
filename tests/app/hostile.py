"""Helpers for the hostile-text tests: plans whose texts are markup or escapes."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from rich.cells import cell_len
from textual.app import App

FIXTURE = Path(__file__).parent / "fixtures" / "baseline.toml"


def toml_string(text: str) -> str:
    """A TOML basic string holding ``text`` (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=True)


def hostile_plan(
    path: Path,
    *,
    name: str = "Baseline 2026",
    author: str = "procurement-jp",
    description: str = "Where we stand.",
    note: str = "Lynas Malaysia",
    stress: str = "China embargo, 2 months",
) -> Path:
    """The baseline fixture with the given texts in their places."""
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace('name = "Baseline 2026"', f"name = {toml_string(name)}")
    text = text.replace('author = "procurement-jp"', f"author = {toml_string(author)}")
    text = text.replace(
        'description = "Where we stand: mostly China, a little Lynas and recycling."',
        f"description = {toml_string(description)}",
    )
    text = text.replace(
        'note = "Lynas Malaysia heavy REE separation since 2025"', f"note = {toml_string(note)}"
    )
    text = text.replace('name = "China embargo, 2 months"', f"name = {toml_string(stress)}")
    path.write_text(text, encoding="utf-8")
    return path


_FRAGMENT = re.compile(
    r'<text class="[^"]*" x="(?P<x>[\d.]+)" y="[\d.]+" textLength="(?P<length>[\d.]+)" '
    r'clip-path="url\(#[\w-]*-line-(?P<line>\d+)\)">(?P<text>[^<]*)</text>'
)


def screen_text(app: App) -> str:
    """What the terminal shows now, as plain text, one line per row.

    Read from Textual's public screenshot (SVG): each run of text sits at x = column ×
    the cell width, on its line's clip path; blanks between runs are spaces.
    """
    width, height = app.size
    runs: list[list[tuple[int, str]]] = [[] for _ in range(height)]
    cell = 0.0
    for match in _FRAGMENT.finditer(app.export_screenshot()):
        text = html.unescape(match["text"]).replace("\xa0", " ").replace("\n", "")
        if not cell and cell_len(text):
            cell = float(match["length"]) / cell_len(text)
        runs[int(match["line"])].append((round(float(match["x"]) / cell) if cell else 0, text))
    lines = []
    for line_runs in runs:
        line = ""
        for column, text in sorted(line_runs):
            line += " " * (column - cell_len(line)) + text
        lines.append(line + " " * (width - cell_len(line)))
    return "\n".join(lines)


def flat(app: App) -> str:
    """The screen's text without line breaks or padding runs, for texts that wrap."""
    return joined(screen_text(app))


def joined(text: str) -> str:
    """``text`` with every run of blanks and line breaks as one space (what ``flat``
    gives), for a test that has the screen's text already: each screenshot costs
    50–90 ms at 180×50."""
    return " ".join(text.split())
