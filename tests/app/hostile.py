"""Helpers for the hostile-text tests: plans whose texts are markup or escapes."""

from __future__ import annotations

import json
from pathlib import Path

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


def screen_text(app: App) -> str:
    """What the terminal shows now, as plain text, one line per row."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def flat(app: App) -> str:
    """The screen's text without line breaks or padding runs, for texts that wrap."""
    return " ".join(screen_text(app).split())
