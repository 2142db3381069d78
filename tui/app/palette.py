"""The app's colours, taken from the Textual theme in force.

The stylesheet uses theme variables (``$error``, ``$success``…); text the app builds in
Python (table cells, chart bars, the headline) needs concrete Rich styles. ``palette``
derives them from the same variables, so the app reads right in a light theme as in a
dark one, and a theme change recolours every figure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.color import Color

if TYPE_CHECKING:
    from textual.app import App
    from textual.theme import Theme
    from textual.widget import Widget

SERIES = 7
"""Distinct source colours in the chart (a dataset with more repeats them)."""


@dataclass(frozen=True)
class Palette:
    """Rich styles by meaning: what is short, what is fine, what needs a look."""

    good: str  # within target, nothing short
    bad: str  # really short, above a hard limit, a broken file
    warn: str  # above target, a gap the stock covers
    stock: str  # stock drawn
    muted: str  # the same as the reference, nothing to see
    key: str  # key names in the help
    series: tuple[str, ...]  # one colour per source in the chart


def _colour(variables: dict[str, str], name: str, fallback: str) -> Color:
    try:
        return Color.parse(variables.get(name, fallback))
    except Exception:  # a theme value such as "auto 60%" is no colour by itself
        return Color.parse(fallback)


def palette_of(variables: dict[str, str]) -> Palette:
    """The palette of a theme's CSS variables (``App.theme_variables``)."""
    background = _colour(variables, "background", "#1e1e1e")
    foreground = _colour(variables, "foreground", "#e0e0e0")
    error = _colour(variables, "error", "#ba3c5b")
    success = _colour(variables, "success", "#4ebf71")
    warning = _colour(variables, "warning", "#ffa62b")
    primary = _colour(variables, "primary", "#0178d4")
    muted = background.blend(foreground, 0.6)
    stock = warning.blend(foreground, 0.35)
    hue = primary.hsl[0]
    # pastel shades around the theme's primary hue: told apart, none loud as an alarm
    saturation, lightness = 0.5, 0.62
    series = tuple(
        Color.from_hsl((hue + k / SERIES) % 1.0, saturation, lightness).hex for k in range(SERIES)
    )
    return Palette(
        good=success.hex,
        bad=f"bold {error.hex}",
        warn=f"bold {warning.hex}",
        stock=stock.hex,
        muted=muted.hex,
        key=f"bold {primary.hex}",
        series=series,
    )


_CACHE: dict[tuple[tuple[str, str], ...], Palette] = {}


def palette(app: App[object]) -> Palette:
    """The palette of ``app``'s current theme (computed once per theme)."""
    variables = app.theme_variables
    key = tuple(sorted(variables.items()))
    if key not in _CACHE:
        _CACHE[key] = palette_of(variables)
    return _CACHE[key]


DEFAULT = palette_of({})
"""The palette before a widget knows its app's theme (Textual's dark defaults)."""


def follow_theme(widget: Widget, recolour: Callable[[Palette], None]) -> None:
    """Call ``recolour`` with the app's palette now and after every theme change.

    Widgets that draw their own text (cells, bars, the headline) keep Rich styles that
    the stylesheet cannot reach; this is how a switch to a light theme reaches them.
    """
    app = widget.app
    recolour(palette(app))

    def changed(_theme: Theme) -> None:
        recolour(palette(app))

    app.theme_changed_signal.subscribe(widget, changed)
