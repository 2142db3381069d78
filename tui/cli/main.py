"""``replan``: open the app, or run a headless command (SPEC §6).

Exit codes: 0 success; 1 a plan or dataset is invalid (each problem on its own line on
stderr, naming the file); 2 wrong usage (argparse's own exit). User errors never show a
traceback: the project's ``ReplanError`` and ``OSError`` are caught here. Anything else
is a bug and is left to show its traceback.

This module imports only the standard library at the top: each command imports its
own module, and through it polars, only when it runs, and only the app path imports
Textual. ``replan --help`` is therefore instant.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.cli import sheets
from tui.domain.errors import ReplanError
from tui.domain.text import visible

COMMANDS = ("evaluate", "validate", "diff", "merge", "suggest", "open", *sheets.COMMANDS)
DEFAULT_PLAN = Path("plans") / "baseline.toml"

DESCRIPTION = """\
Rare-earth procurement scenario planning.

  replan                 open the app on plans/baseline.toml (or a new plan)
  replan PLAN.toml       open the app on that plan
  replan evaluate PLAN…  print the figures of every case
  replan validate PATH…  check plan files (folders are searched for *.toml)
  replan diff A B        what changed between two plans, and what it does
  replan merge BASE OURS THEIRS [-o OUT]
                         merge two versions of a plan (also as a git merge driver)
  replan suggest PLAN    the least-cost splits under an exposure target and limits
  replan export PLAN… --out FILE.xlsx     the results as a workbook (or .csv, .parquet)
  replan data template OUT.xlsx           a dataset workbook to fill in
  replan data import BOOK.xlsx --name N   check a workbook, write it as data/N/
  replan serve [PLAN]                     the app in a web browser

Exit codes: 0 success, 1 a plan or dataset is invalid, 2 wrong usage."""

DATA_DIR_HELP = (
    "folder holding datasets as NAME/ (looked up before $REPLAN_DATA, ./data and the "
    "bundled reference data)"
)


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a value given before the command is not overwritten by the default here.
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=DATA_DIR_HELP)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="replan",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"replan {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", default=None, help=DATA_DIR_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    opener = commands.add_parser(
        "open", help="open the app (the default command)", description="Open the app."
    )
    opener.add_argument("plan", nargs="?", metavar="PLAN.toml", help="plan file to open")
    _add_data_dir(opener)

    evaluate = commands.add_parser(
        "evaluate",
        help="print the figures of every case of one or more plans",
        description=(
            "Evaluate plans and print the results of the base case and every stress case.\n\n"
            "--format json prints one JSON object for one PLAN, and a JSON array of such\n"
            "objects when several PLANs are given. --format csv prints one tidy table for\n"
            "all plans (one row per plan, case and element; per period with --periods).\n"
            "Warnings go to stderr in table and csv formats and into the object in json.\n"
            "A plan that cannot be read is reported on stderr and skipped (exit code 1)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument("plans", nargs="+", metavar="PLAN", help="plan file(s) (.toml)")
    evaluate.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="default: table"
    )
    evaluate.add_argument(
        "--periods", action="store_true", help="also show every element's quarters"
    )
    _add_data_dir(evaluate)

    validate = commands.add_parser(
        "validate",
        help="check plan files; one line per problem",
        description=(
            "Check plan files against their datasets. Folders are searched recursively\n"
            "for *.toml. Every problem is printed on stdout as 'file: place: message',\n"
            "then a summary line. Exit code 1 when there is any problem."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="plan files or folders")
    _add_data_dir(validate)

    diff = commands.add_parser(
        "diff",
        help="what changed between two plans, and the change in every headline figure",
        description=(
            "Show what changed from plan A to plan B (metadata, splits, schedules,\n"
            "stockpiles, stress cases) and the change in every headline figure per case\n"
            "(stress cases matched by name). Exit code 0 whether or not they differ."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.add_argument("a", metavar="A", help="the plan before")
    diff.add_argument("b", metavar="B", help="the plan after")
    diff.add_argument("--format", choices=("table", "json"), default="table", help="default: table")
    _add_data_dir(diff)

    merge = commands.add_parser(
        "merge",
        help="merge two versions of a plan; works as a git merge driver",
        description=(
            "Merge OURS and THEIRS, two versions of a plan that both started from BASE\n"
            "(an empty BASE: no common version). Elements, schedule entries and stress\n"
            "cases are matched by meaning; a split merges as a whole. Exit 0 and the\n"
            "merged plan (in OUT, else on stdout) when clean. Exit 1 on conflicts: one\n"
            "line per conflict on stderr, and OUT marked with a conflict block around\n"
            "each, which replan validate rejects until resolved. As a git merge driver:\n"
            '  git config merge.replan.driver "replan merge %O %A %B -o %A"\n'
            "  echo '*.toml merge=replan' >> .gitattributes"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    merge.add_argument("base", metavar="BASE", help="the version both started from")
    merge.add_argument("ours", metavar="OURS", help="our version")
    merge.add_argument("theirs", metavar="THEIRS", help="their version")
    merge.add_argument(
        "-o", "--output", metavar="OUT", help="file to write (default: stdout); may be OURS"
    )
    _add_data_dir(merge)
    from tui.cli import suggest  # standard library only at its top

    suggest.add_parser(commands, _add_data_dir)
    sheets.add_parsers(commands, _add_data_dir)
    return parser


def _first_positional(args: Sequence[str]) -> int | None:
    """Index of the first argument that is not an option (or an option's value)."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-h", "--help", "--version"):
            return None
        if arg == "--data-dir":
            i += 2
        elif arg.startswith("-"):
            i += 1
        else:
            return i
    return len(args)


def with_default_command(argv: Sequence[str]) -> list[str]:
    """Insert ``open`` when no command is named, so ``replan [PLAN]`` opens the app."""
    args = list(argv)
    i = _first_positional(args)
    if i is None or (i < len(args) and args[i] in COMMANDS):
        return args
    return [*args[:i], "open", *args[i:]]


def _check_not_a_typo(parser: argparse.ArgumentParser, argv: Sequence[str]) -> None:
    """``replan evalute x`` should say 'unknown command', not 'no such plan file'."""
    i = _first_positional(argv)
    if i is None or i >= len(argv) or argv[i] in COMMANDS:
        return
    word = argv[i]
    if Path(word).exists() or Path(word).suffix or os.sep in word:
        return
    close = difflib.get_close_matches(word, COMMANDS, n=1)
    if close:
        parser.error(f"unknown command {word!r} (did you mean {close[0]!r}?)")


def open_app(plan: str | None, data_dir: Path | None) -> int:
    """Start the Textual app; the only path that imports it."""
    if plan is not None:
        plan_path: Path | None = Path(plan)
    else:
        plan_path = DEFAULT_PLAN if DEFAULT_PLAN.is_file() else None
    try:
        from tui.app import run_app
    except ImportError as error:
        print(f"replan: the app cannot start: {error}", file=sys.stderr)
        print("replan: the headless commands still work; see 'replan --help'", file=sys.stderr)
        return 1
    return int(run_app(plan_path, data_dir) or 0)


def dispatch(args: argparse.Namespace) -> int:
    data_dir = Path(args.data_dir) if args.data_dir else None
    if args.command == "evaluate":
        from tui.cli import evaluate

        return evaluate.run(args)
    if args.command == "validate":
        from tui.cli import validate

        return validate.run(args)
    if args.command == "diff":
        from tui.cli import diff

        return diff.run(args)
    if args.command == "merge":
        from tui.cli import merge

        return merge.run(args)
    if args.command == "suggest":
        from tui.cli import suggest

        return suggest.run(args)
    if args.command in sheets.COMMANDS:
        return sheets.run(args)
    return open_app(args.plan, data_dir)


def _never_fail_on_encoding() -> None:
    """A plan name the terminal cannot show is escaped, not a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _never_fail_on_encoding()
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    _check_not_a_typo(parser, argv)
    args = parser.parse_args(with_default_command(argv))
    if args.data_dir and not Path(args.data_dir).is_dir():
        # Otherwise the lookup would quietly fall through to ./data or the bundled data.
        parser.error(f"--data-dir {args.data_dir}: no such folder")
    try:
        return dispatch(args)
    except ReplanError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`replan evaluate … | head`): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(visible(f"{where}{error.strerror or error}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
