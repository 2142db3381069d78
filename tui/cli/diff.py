"""``replan diff A B``: what changed between two plans, and what the change does.

The structural changes come from ``tui.planfile.diff_plans``; the effect comes from
evaluating both plans (through the same prepared engine when they share a dataset)
and comparing every headline figure per case — stress cases matched by name — and the
base-case figures of every element whose figures moved. Exit 0 whether or not the
plans differ: 1 is kept for an invalid plan, as in every other command.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli.evaluate import Evaluated, evaluate_file, warning_lines
from tui.domain.errors import ReplanError
from tui.present.comparison import CASE_FIGURES, ELEMENT_FIGURES, FigureChange

if TYPE_CHECKING:
    from tui.engine.results import CaseResult, Evaluation
    from tui.planfile import PlanChange


@dataclass(frozen=True)
class CaseChange:
    case: str
    figures: tuple[FigureChange, ...]


@dataclass(frozen=True)
class ElementChange:
    element: str
    figures: tuple[FigureChange, ...]


@dataclass(frozen=True)
class PlanDiff:
    a: Evaluated
    b: Evaluated
    changes: tuple[PlanChange, ...]
    cases: tuple[CaseChange, ...]
    elements: tuple[ElementChange, ...]

    @property
    def same_dataset(self) -> bool:
        first, second = self.a.dataset, self.b.dataset
        if first is second:
            return True
        return (
            first.path is not None
            and second.path is not None
            and (first.path.resolve() == second.path.resolve())
        )


def _case_changes(a: Evaluation, b: Evaluation) -> tuple[CaseChange, ...]:
    """Base first, then stress cases by name: A's order, then those only in B."""
    a_cases = {case.case: case for case in a.cases}
    b_cases = {case.case: case for case in b.cases}
    result = []
    for name in dict.fromkeys([*a_cases, *b_cases]):
        in_a, in_b = a_cases.get(name), b_cases.get(name)
        either = in_a or in_b
        assert either is not None  # the name comes from A's cases or B's
        is_base = either.stress is None
        figures = tuple(
            FigureChange(
                f.key,
                f.label,
                f.unit,
                f.better,
                None if in_a is None else f.read(in_a, a),
                None if in_b is None else f.read(in_b, b),
            )
            for f in CASE_FIGURES
            if is_base or not f.base_only
        )
        result.append(CaseChange(name, figures))
    return tuple(result)


def _element_rows(case: CaseResult) -> dict[str, dict[str, Any]]:
    return {row["element"]: row for row in case.elements.iter_rows(named=True)}


def _element_changes(a: Evaluation, b: Evaluation) -> tuple[ElementChange, ...]:
    """Base-case figures of the elements whose figures moved, in dataset order."""
    a_rows, b_rows = _element_rows(a.base), _element_rows(b.base)
    result = []
    for symbol in dict.fromkeys([*a_rows, *b_rows]):
        row_a, row_b = a_rows.get(symbol), b_rows.get(symbol)
        figures = tuple(
            FigureChange(
                key,
                label,
                unit,
                better,
                None if row_a is None else row_a[key],
                None if row_b is None else row_b[key],
            )
            for key, label, unit, better in ELEMENT_FIGURES
        )
        if any(figure.moved for figure in figures):
            result.append(ElementChange(symbol, figures))
    return tuple(result)


def compare(path_a: Path, path_b: Path, data_dir: Path | None) -> PlanDiff:
    """Open, evaluate and compare two plans; reports the problems of both at once."""
    opened: list[Evaluated] = []
    problems = []
    for path in (path_a, path_b):
        try:
            opened.append(evaluate_file(path, data_dir))
        except ReplanError as error:
            problems.extend(error.problems)
    if problems:
        raise ReplanError(problems)
    return plan_diff(*opened)


def plan_diff(a: Evaluated, b: Evaluated) -> PlanDiff:
    """The diff of two evaluated plans (``suggest`` shows its plan against the input so)."""
    from tui.planfile import diff_plans

    return PlanDiff(
        a=a,
        b=b,
        changes=tuple(diff_plans(a.plan, b.plan)),
        cases=_case_changes(a.evaluation, b.evaluation),
        elements=_element_changes(a.evaluation, b.evaluation),
    )


def run(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir) if args.data_dir else None
    result = compare(Path(args.a), Path(args.b), data_dir)
    if args.format == "json":
        from tui.cli.formats.diff_output import diff_to_dict
        from tui.cli.formats.json_output import dumps

        sys.stdout.write(dumps(diff_to_dict(result)) + "\n")
    else:
        from tui.cli.formats.diff_output import render_diff
        from tui.cli.formats.text import style_for

        sys.stdout.write(render_diff(result, style_for(sys.stdout)))
        for item in (result.a, result.b):
            for line in warning_lines(item):
                print(line, file=sys.stderr)
    return 0
