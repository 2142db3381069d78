"""``replan evaluate PLAN...``: the figures of every case of one or more plans.

Each plan is opened as a ``tui.session.Session`` (the one way from a file to figures) and
evaluated. A plan that cannot be opened is reported on stderr and skipped, so that
``replan evaluate plans/*.toml`` still shows the good ones; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.errors import Problem, ReplanError
from tui.domain.text import visible

if TYPE_CHECKING:
    from tui.cli.formats.text import Style
    from tui.domain.dataset import Dataset
    from tui.domain.plan import Plan
    from tui.engine import Engine
    from tui.engine.results import Evaluation

FORMATS = ("table", "json", "csv")


@dataclass(frozen=True)
class Evaluated:
    """A plan with its dataset and figures, as the headless commands print them.

    ``digest`` is the hash of the file's content as read (None for a plan that was
    not read from a file, such as a suggestion), so that a command writing back over
    the file can refuse when it changed meanwhile.
    """

    file: str
    plan: Plan
    dataset: Dataset
    evaluation: Evaluation
    warnings: tuple[str, ...]
    digest: str | None = None

    @property
    def engine(self) -> Engine:
        from tui.session.opening import engine_for

        return engine_for(self.dataset)


def evaluate_file(path: Path, data_dir: Path | None) -> Evaluated:
    """Open and evaluate one plan; raises ReplanError for anything wrong with the input."""
    from tui.session.opening import engine_for, open_plan

    try:
        loaded, dataset = open_plan(path, data_dir)
    except OSError as error:  # the plan loader should say this itself; never a traceback
        raise ReplanError(Problem(str(path), "", error.strerror or str(error))) from error
    evaluation = engine_for(dataset).evaluate(loaded.plan)
    warnings = tuple(map(str, evaluation.warnings))
    return Evaluated(str(path), loaded.plan, dataset, evaluation, warnings, loaded.digest)


def warning_lines(item: Evaluated) -> list[str]:
    """``warning: file: message`` lines, so that warnings of several plans are told apart."""
    lines = []
    for warning in item.warnings:
        named = warning if warning.startswith(item.file) else f"{item.file}: {warning}"
        lines.append(visible(f"warning: {named}"))
    return lines


def run(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir) if args.data_dir else None
    failed = False
    done: list[Evaluated] = []
    table_style = None
    if args.format == "table":
        from tui.cli.formats.text import style_for

        table_style = style_for(sys.stdout)
    for name in args.plans:
        try:
            item = evaluate_file(Path(name), data_dir)
        except ReplanError as error:
            failed = True
            for problem in error.problems:
                print(problem, file=sys.stderr)
            continue
        if table_style is not None:
            _print_table(item, args.periods, table_style, first=not done)
        done.append(item)
    if done and args.format == "json":
        _print_json(done, args.periods, as_array=len(args.plans) > 1)
    elif done and args.format == "csv":
        _print_csv(done, args.periods)
    return 1 if failed else 0


def _print_table(item: Evaluated, periods: bool, style: Style, *, first: bool) -> None:
    from tui.cli.formats.table import render_evaluation

    sys.stdout.write(
        ("" if first else "\n")
        + render_evaluation(
            item.evaluation,
            file=item.file,
            dataset=item.dataset.name,
            periods=periods,
            style=style,
        )
    )
    sys.stdout.flush()
    for line in warning_lines(item):
        print(line, file=sys.stderr)


def _print_json(items: list[Evaluated], periods: bool, *, as_array: bool) -> None:
    from tui.cli.formats.json_output import evaluation_json

    documents = [
        evaluation_json(
            item.evaluation,
            dataset=item.dataset.name,
            warnings=item.warnings,
            periods=periods,
            products=item.dataset.has_products,
        )
        for item in items
    ]
    text = "[\n" + ",\n".join(documents) + "\n]" if as_array else documents[0]
    sys.stdout.write(text + "\n")


def _print_csv(items: list[Evaluated], periods: bool) -> None:
    from tui.cli.formats.csv_output import CsvInput, render_csv

    for item in items:
        for line in warning_lines(item):
            print(line, file=sys.stderr)
    inputs = [CsvInput(i.file, i.dataset.name, i.evaluation) for i in items]
    sys.stdout.write(render_csv(inputs, periods=periods))
