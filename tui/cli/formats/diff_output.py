"""A plan diff as text for a reviewer, or as JSON for a script.

The table reads top-down the way a reviewer asks: what changed in the file, what it
does to the headline figures of each case, and which elements moved. Changes for the
better are green, for the worse red with a marker (on a terminal); changes of figures
shown in percent are in percentage points.

JSON shape (figures unrounded; shares as fractions; ``null`` for a figure that does not
exist, e.g. a stress case only one plan has)::

    {"a": {"file", "plan", "dataset"}, "b": {...}, "same_dataset": bool,
     "changes": [{"area", "key", "field", "before", "after"}],
     "cases": [{"case", "figures": {KEY: {"a", "b", "change"}}}],
     "elements": [{"element", "figures": {KEY: {"a", "b", "change"}}}]}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from tui.cli.formats import text
from tui.cli.formats.text import Column, Style
from tui.domain.text import visible
from tui.present.comparison import figure_text, unit_header

if TYPE_CHECKING:
    from tui.cli.diff import PlanDiff
    from tui.cli.evaluate import Evaluated
    from tui.planfile.diff import PlanChange
    from tui.present.comparison import FigureChange


# --- JSON ---------------------------------------------------------------------------


def _side(item: Evaluated) -> dict[str, str]:
    return {
        "file": item.file,
        "plan": item.plan.name,
        "dataset": item.dataset.name,
    }


def _number(value: float | None) -> float | None:
    return None if value is None else float(value)


def _figures(figures: Sequence[FigureChange]) -> dict[str, dict[str, float | None]]:
    return {
        f.key: {"a": _number(f.a), "b": _number(f.b), "change": _number(f.change)} for f in figures
    }


def diff_to_dict(diff: PlanDiff) -> dict[str, Any]:
    from tui.present.reason import exposure_reason

    return {
        "a": _side(diff.a),
        "b": _side(diff.b),
        "same_dataset": diff.same_dataset,
        "changes": [
            {
                "area": c.area,
                "key": c.key,
                "field": c.field,
                "before": c.before,
                "after": c.after,
            }
            for c in diff.changes
        ],
        "cases": [{"case": c.case, "figures": _figures(c.figures)} for c in diff.cases],
        "elements": [{"element": e.element, "figures": _figures(e.figures)} for e in diff.elements],
        "exposure_reasons": {
            "a": exposure_reason(diff.a.evaluation),
            "b": exposure_reason(diff.b.evaluation),
        },
    }


# --- table --------------------------------------------------------------------------


def _value(figure: FigureChange, value: float | None, style: Style, sign: bool = False) -> str:
    return figure_text(figure.unit, value, sign=sign, dash=style.dash)


def _row_style(verdict: int, style: Style) -> Callable[[str], str] | None:
    return {1: style.green, -1: style.red}.get(verdict)


CELL_WIDTH = 48


def _is_free_text(change: PlanChange) -> bool:
    return change.area == "metadata" or change.field == "note"


def _clip(value: str, change: PlanChange, style: Style) -> str:
    """On a terminal, long free text (a description, a note) is cut to keep the table
    readable. Output to a file or a pipe is kept whole (see ``_changes_section``), and
    so are the lists (elements of a stress case, splits): a cut list reads as if the
    rest were not there."""
    if not style.terminal or not _is_free_text(change) or len(value) <= CELL_WIDTH:
        return value
    return value[: CELL_WIDTH - 1] + "…"


def _what(change: PlanChange) -> str:
    if change.area == "stress":
        return f'stress "{visible(change.key)}" {change.field}'
    return visible(f"{change.key} {change.field}".strip())


def _changes_section(diff: PlanDiff, style: Style) -> list[str]:
    if not diff.changes:
        return [style.bold("Plan changes"), "  none: the plans say the same"]
    rows = []
    whole: list[str] = []  # long free text kept whole, under the table
    for change in diff.changes:
        before, after = visible(change.before), visible(change.after)
        long = max(len(before), len(after)) > CELL_WIDTH
        if not style.terminal and _is_free_text(change) and long:
            # in the table it would widen column A for every row to its whole length
            rows.append([_what(change), "(below)", "(below)"])
            whole += [f"  {_what(change)}", f"    A  {before}", f"    B  {after}"]
        else:
            rows.append([_what(change), _clip(before, change, style), _clip(after, change, style)])
    columns = [Column("what", "<"), Column("A", "<"), Column("B", "<")]
    title = f"Plan changes ({len(diff.changes)})"
    return [style.bold(title), *text.render_table(columns, rows), *whole]


def _figures_section(diff: PlanDiff, style: Style) -> list[str]:
    columns = [
        Column("figure", "<"),
        Column("unit", "<"),
        Column("A"),
        Column("B"),
        Column("change"),
        Column("", "<"),
    ]
    rows: list[list[str]] = []
    styles: list[Callable[[str], str] | None] = []
    starts: list[int] = []
    for case in diff.cases:
        starts.append(len(rows))
        for figure in case.figures:
            verdict = figure.verdict
            marker = style.marker if verdict < 0 else ""
            rows.append(
                [
                    figure.label,
                    unit_header(figure.unit),
                    _value(figure, figure.a, style),
                    _value(figure, figure.b, style),
                    _value(figure, figure.change, style, sign=True),
                    marker,
                ]
            )
            styles.append(_row_style(verdict, style))
    table = text.render_table(columns, rows, styles, indent="    ")
    lines = [style.bold("Headline figures") + "  (changes in percent are in points)", table[0]]
    for index, case in enumerate(diff.cases):
        title = "Base case" if index == 0 else f"Stress: {visible(case.case)}"
        end = starts[index + 1] if index + 1 < len(starts) else len(rows)
        lines.append(f"  {style.bold(title)}")
        lines.extend(table[1 + starts[index] : 1 + end])
    return lines


def _elements_section(diff: PlanDiff, style: Style) -> list[str]:
    title = style.bold("Elements whose base-case figures changed")
    if not diff.elements:
        return [title, "  none"]
    columns = [
        Column("element", "<"),
        Column("China % A"),
        Column("China % B"),
        Column("gap t A"),
        Column("gap t B"),
        Column("shortfall t A"),
        Column("shortfall t B"),
        Column("cost change"),
        Column("", "<"),
    ]
    rows, styles = [], []
    for element in diff.elements:
        by_key = {f.key: f for f in element.figures}
        exposure, gap = by_key["china_exposure"], by_key["gap_t"]
        shortfall, cost = by_key["shortfall_t"], by_key["cost_usd"]
        verdicts = [f.verdict for f in element.figures]
        verdict = -1 if -1 in verdicts else 1 if 1 in verdicts else 0
        rows.append(
            [
                element.element,
                _value(exposure, exposure.a, style),
                _value(exposure, exposure.b, style),
                _value(gap, gap.a, style),
                _value(gap, gap.b, style),
                _value(shortfall, shortfall.a, style),
                _value(shortfall, shortfall.b, style),
                _value(cost, cost.change, style, sign=True),
                style.marker if verdict < 0 else "",
            ]
        )
        styles.append(_row_style(verdict, style))
    return [title, *text.render_table(columns, rows, styles)]


def _exposure_reasons(diff: PlanDiff) -> list[str]:
    """Why a plan's China exposure as bought is not the planned one, for A and B."""
    from tui.present.reason import exposure_reason

    lines = []
    for side, item in (("A", diff.a), ("B", diff.b)):
        reason = exposure_reason(item.evaluation)
        if reason:
            lines.append(f"  {side}  {reason}")
    return ["Exposure as bought differs from planned", *lines] if lines else []


def render_diff(diff: PlanDiff, style: Style) -> str:
    a, b = diff.a, diff.b
    header = [
        f"A  {style.bold(visible(a.plan.name))}  ({visible(a.file)})",
        f"B  {style.bold(visible(b.plan.name))}  ({visible(b.file)})",
    ]
    names = visible(a.dataset.name), visible(b.dataset.name)
    if diff.same_dataset:
        header.append(f"dataset {names[0]} for both")
    else:
        header.append(f"datasets differ: A {names[0]}, B {names[1]}")
    sections = [header, _changes_section(diff, style), _figures_section(diff, style)]
    reasons = _exposure_reasons(diff)
    if reasons:
        sections.append(reasons)
    sections.append(_elements_section(diff, style))
    return "\n\n".join("\n".join(section) for section in sections) + "\n"
