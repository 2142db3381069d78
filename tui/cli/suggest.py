"""``replan suggest PLAN``: the least-cost splits under the planner's limits.

Prints the suggestion as a diff against the input plan (the same table as ``replan
diff``) with its headline figures, or as JSON for scripts; ``--out FILE`` saves the
suggested plan (canonical layout, atomic write, never over an existing file other than
the input itself when it is unchanged on disk). When no split meets the limits it
says what binds and exits 1.

This module imports only the standard library at the top, so that building the
command line stays instant; the solver is imported only when a suggestion is asked.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.cli.evaluate import Evaluated
    from tui.domain.plan import Plan, StressCase
    from tui.suggest import Limits, NoSuggestion, Suggestion

DESCRIPTION = """\
Find the splits that minimise the base case's total cost while
  - the contracts cover demand in every quarter without spot purchases,
  - planned China exposure stays at or below the target (--target, else the
    plan's target_china_exposure; without either, cost only),
  - every --survive stress case of the plan comes through without shortfall
    (stock days as the plan has them, spot purchases where sources sell spot),
  - --keep elements keep their split and no source exceeds --max-share.

Shares are written with at most one decimal and sum to 100; the written plan is
evaluated and meets every limit. Exit 1 and an explanation when no split can."""


class UsageProblem(Exception):
    """A wrong option value that only the plan can show (an unknown case or element)."""


def add_parser(
    commands: Any, add_data_dir: Callable[[argparse.ArgumentParser], None]
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = commands.add_parser(
        "suggest",
        help="the least-cost splits under an exposure target and other limits",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("plan", metavar="PLAN", help="plan file (.toml)")
    parser.add_argument("--target", type=_percent, metavar="PCT", help="China exposure target")
    parser.add_argument(
        "--survive",
        action="append",
        default=[],
        metavar="CASE",
        help="a stress case of the plan, by name, to come through without shortfall (repeatable)",
    )
    parser.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="ELEMENT,...",
        help="elements that keep their current split",
    )
    parser.add_argument(
        "--max-share", type=_share_cap, metavar="PCT", help="no source above PCT of an element"
    )
    parser.add_argument(
        "--yearly", action="store_true", help="one split per calendar year (schedule entries)"
    )
    parser.add_argument("--out", metavar="FILE", help="save the suggested plan there")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    add_data_dir(parser)
    return parser


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number")
    return value


def _percent(text: str) -> float:
    value = _number(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is not a percent from 0 to 100")
    return value


def _share_cap(text: str) -> float:
    value = _number(text)
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"{text} is not a percent above 0, at most 100")
    return value


# --- limits from the options --------------------------------------------------------


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def survive_cases(plan: Plan, names: Sequence[str], file: str) -> tuple[StressCase, ...]:
    by_name = {case.name: case for case in plan.stress}
    chosen = []
    for name in names:
        if name not in by_name:
            known = ", ".join(repr(n) for n in by_name) or "none"
            raise UsageProblem(
                f"--survive {name!r}: {file} has no stress case of that name"
                f"{_did_you_mean(name, list(by_name))}; its cases: {known}"
            )
        chosen.append(by_name[name])
    return tuple(dict.fromkeys(chosen))


def kept_elements(values: Sequence[str], elements: Sequence[str]) -> frozenset[str]:
    kept = set()
    for value in values:
        for name in (part.strip() for part in value.split(",")):
            if not name:
                continue
            if name not in elements:
                raise UsageProblem(
                    f"--keep {name!r}: the dataset has no such element"
                    f"{_did_you_mean(name, elements)}"
                )
            kept.add(name)
    return frozenset(kept)


def limits_from(args: argparse.Namespace, item: Evaluated) -> Limits:
    from tui.suggest import Limits

    plan = item.plan
    target = args.target if args.target is not None else plan.target_china_exposure
    return Limits(
        target=None if target is None else float(target) / 100,
        survive=survive_cases(plan, args.survive, item.file),
        keep=kept_elements(args.keep, item.dataset.element_ids),
        max_share=None if args.max_share is None else args.max_share / 100,
        yearly=args.yearly,
    )


# --- running ------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    from tui.cli.evaluate import evaluate_file, warning_lines
    from tui.suggest import NoSuggestion, SuggestError, suggest

    data_dir = Path(args.data_dir) if args.data_dir else None
    item = evaluate_file(Path(args.plan), data_dir)
    try:
        limits = limits_from(args, item)
    except UsageProblem as problem:
        print(f"replan suggest: error: {problem}", file=sys.stderr)
        return 2
    try:
        result = suggest(item.plan, item.dataset, item.engine, limits)
    except SuggestError as error:
        print(f"{item.file}: {error}", file=sys.stderr)
        return 1
    if isinstance(result, NoSuggestion):
        return _no_suggestion(result, item, args.format)
    suggested = _suggested(item, result, args.out)
    if args.out:
        _save(item, result.plan, Path(args.out))
    if args.format == "json":
        from tui.cli.formats.json_output import dumps
        from tui.cli.formats.suggest_output import suggestion_to_dict

        document = suggestion_to_dict(item, suggested, result, args.out)
        sys.stdout.write(dumps(document) + "\n")
    else:
        from tui.cli.formats.suggest_output import render_suggestion
        from tui.cli.formats.text import style_for

        style = style_for(sys.stdout)
        sys.stdout.write(render_suggestion(item, suggested, result, args.out, style))
        for line in warning_lines(suggested):
            print(line, file=sys.stderr)
    return 0


def _suggested(item: Evaluated, result: Suggestion, out: str | None) -> Evaluated:
    from tui.cli.evaluate import Evaluated

    warnings = tuple(map(str, result.evaluation.warnings))
    return Evaluated(out or "suggested", result.plan, item.dataset, result.evaluation, warnings)


def _no_suggestion(result: NoSuggestion, item: Evaluated, fmt: str) -> int:
    if fmt == "json":
        from tui.cli.formats.json_output import dumps
        from tui.cli.formats.suggest_output import no_suggestion_to_dict

        sys.stdout.write(dumps(no_suggestion_to_dict(item, result)) + "\n")
    else:
        for line in result.explanation.lines():
            print(f"{item.file}: {line}" if not line.startswith(" ") else line, file=sys.stderr)
    return 1


def _save(item: Evaluated, plan: Plan, out: Path) -> None:
    """Save canonically and atomically; only the unchanged input may be overwritten."""
    from dataclasses import replace

    from tui.domain.errors import Problem, ReplanError, SaveConflict
    from tui.planfile import save_plan

    source = Path(item.file)
    same_file = out.exists() and source.exists() and out.resolve() == source.resolve()
    if "/" in plan.dataset and out.resolve().parent != source.resolve().parent:
        # A dataset given as a path is relative to the plan file: keep it pointing there.
        folder = (source.resolve().parent / plan.dataset).resolve()
        relative = Path(os.path.relpath(folder, out.resolve().parent)).as_posix()
        plan = replace(plan, dataset=relative)
    dataset = item.dataset
    try:
        save_plan(
            plan,
            out,
            expected_digest=item.digest if same_file else None,
            element_order=dataset.element_ids,
            source_order=dataset.source_ids,
        )
    except SaveConflict:
        why = "changed on disk since it was read" if same_file else "already exists"
        raise ReplanError(
            Problem(str(out), "", f"{why}; not overwritten (choose another file)")
        ) from None
