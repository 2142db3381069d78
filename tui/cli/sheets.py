"""``replan data template|import``, ``replan export`` and ``replan serve``: the parsers
and what they run.

Kept out of ``tui.cli.main`` so that the main parser only registers them. Each command
imports its heavy library (xlsxwriter, fastexcel, textual-serve) when it runs.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from tui.domain.errors import Problem, ReplanError

COMMANDS = ("data", "export", "serve")

DATA_HELP = """\
Datasets from and to spreadsheets.

  replan data template OUT.xlsx [--from DATASET]
      a workbook to fill in: one sheet per dataset file, filled from DATASET
      (default: the bundled reference data), and a sheet explaining every column
  replan data import BOOK.xlsx|FOLDER --name NAME [--force]
      check a workbook (or a folder of CSV files) and write it as data/NAME/
      (under --data-dir when given); nothing is written when anything is wrong"""


def add_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_data_dir: Callable[[argparse.ArgumentParser], None],
) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    data = commands.add_parser(
        "data",
        help="dataset template and import (spreadsheets)",
        description=DATA_HELP,
        formatter_class=raw,
    )
    data_commands = data.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    template = data_commands.add_parser(
        "template",
        help="write a dataset workbook to fill in",
        description=DATA_HELP,
        formatter_class=raw,
    )
    template.add_argument("out", metavar="OUT.xlsx", help="the workbook to write")
    template.add_argument(
        "--from",
        dest="source",
        metavar="DATASET",
        default="reference",
        help="dataset name or folder to fill it from (default: reference)",
    )
    add_data_dir(template)
    importer = data_commands.add_parser(
        "import",
        help="check a workbook and write it as a dataset",
        description=DATA_HELP,
        formatter_class=raw,
    )
    importer.add_argument("book", metavar="BOOK.xlsx|FOLDER", help="workbook or CSV folder")
    importer.add_argument("--name", required=True, help="the dataset's name: data/NAME/")
    importer.add_argument("--force", action="store_true", help="replace an existing data/NAME/")
    add_data_dir(importer)

    export = commands.add_parser(
        "export",
        help="write plans' results to a workbook (or CSV / Parquet tables)",
        description=(
            "Evaluate plans and write the results of every case. An .xlsx workbook has a\n"
            "summary sheet, elements, supply per quarter, products, the plans' splits\n"
            "(quarters with --periods) and charts. .csv or .parquet writes the same\n"
            "tables, one file each: OUT-summary.csv, OUT-elements.csv, ..."
        ),
        formatter_class=raw,
    )
    export.add_argument("plans", nargs="+", metavar="PLAN", help="plan file(s) (.toml)")
    export.add_argument("--out", required=True, metavar="FILE", help=".xlsx, .csv or .parquet")
    export.add_argument("--periods", action="store_true", help="also every element's quarters")
    add_data_dir(export)

    serve = commands.add_parser(
        "serve",
        help="serve the app in a web browser",
        description="Serve the app to a web browser (Ctrl+C stops it).",
    )
    serve.add_argument("plan", nargs="?", metavar="PLAN.toml", help="plan file to open")
    serve.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1 (this machine)")
    serve.add_argument("--port", type=int, default=8000, help="default: 8000")
    add_data_dir(serve)


def _data_dir(args: argparse.Namespace) -> Path | None:
    return Path(args.data_dir) if getattr(args, "data_dir", None) else None


def run(args: argparse.Namespace) -> int:
    if args.command == "export":
        return run_export(args)
    if args.command == "serve":
        return run_serve(args)
    if args.data_command == "template":
        return run_template(args)
    return run_import(args)


def run_template(args: argparse.Namespace) -> int:
    from tui.dataset import find_dataset
    from tui.dataset.loader import load_frames
    from tui.spreadsheet.template import write_template

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise ReplanError(Problem(str(out), "", "the template is an .xlsx workbook"))
    folder = find_dataset(args.source, plan_path=None, data_dir=_data_dir(args))
    write_template(out, load_frames(folder))
    print(f"wrote {out} (from {folder})")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from tui.cli.formats.text import plural
    from tui.domain.errors import DatasetError, problem_count
    from tui.spreadsheet.importer import import_dataset

    try:
        result = import_dataset(Path(args.book), args.name, _data_dir(args), force=args.force)
    except DatasetError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = plural(problem_count(error.problems), "problem")
        print(f"{args.book}: {count}; nothing written", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {result.folder}/ ({', '.join(result.files)})")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from tui.cli.evaluate import evaluate_file, warning_lines
    from tui.spreadsheet.export import FORMATS, export
    from tui.spreadsheet.report import PlanResults

    out = Path(args.out)
    if out.suffix.lower() not in FORMATS:
        message = f"--out {out}: expected a .xlsx, .csv or .parquet file name"
        print(f"replan export: error: {message}", file=sys.stderr)
        return 2
    items = []
    failed = False
    for name in args.plans:
        try:
            item = evaluate_file(Path(name), _data_dir(args))
        except ReplanError as error:
            failed = True
            for problem in error.problems:
                print(problem, file=sys.stderr)
            continue
        for line in warning_lines(item):
            print(line, file=sys.stderr)
        items.append(PlanResults(item.file, item.dataset.name, item.evaluation))
    if failed:
        print("nothing written: a plan could not be read", file=sys.stderr)
        return 1
    for path in export(items, out, periods=args.periods):
        print(f"wrote {path}")
    return 0


def serve_command(plan: str | None, data_dir: Path | None) -> str:
    """The command line each browser session runs: this program's app, same options."""
    words = [sys.executable, "-m", "tui.cli.main"]
    if data_dir is not None:
        words += ["--data-dir", str(data_dir.resolve())]
    words.append("open")
    if plan is not None:
        words.append(str(Path(plan).resolve()))
    return shlex.join(words)


def run_serve(args: argparse.Namespace) -> int:
    if args.plan is not None and not Path(args.plan).is_file():
        raise ReplanError(Problem(args.plan, "", "no such plan file"))
    if not 0 < args.port < 65536:
        raise ReplanError(Problem("--port", "", f"{args.port} is not a port (1–65535)"))
    from textual_serve.server import Server

    server = Server(
        serve_command(args.plan, _data_dir(args)), host=args.host, port=args.port, title="replan"
    )
    print(f"serving replan on http://{args.host}:{args.port} (Ctrl+C stops it)", flush=True)
    server.serve()
    return 0
