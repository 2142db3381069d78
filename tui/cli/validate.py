"""``replan validate PATH...``: check plan files the way a team's CI needs.

Folders are searched recursively for ``*.toml``; every problem of every file is
reported, one ``file: toml.path: message`` line each, on **stdout** — they are this
command's output, so CI logs and pipes (``| grep``) capture them with the summary
line ``N files checked, M problems``. Exit 1 when there is any problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.cli.formats.text import plural


def run(args: argparse.Namespace) -> int:
    from tui.domain.errors import problem_count
    from tui.planfile import validate_paths

    data_dir = Path(args.data_dir) if args.data_dir else None
    checked, problems = validate_paths([Path(p) for p in args.paths], data_dir)
    for problem in problems:
        print(problem.located())
    print(f"{plural(checked, 'file')} checked, {plural(problem_count(problems), 'problem')}")
    if checked == 0 and not problems:
        print("warning: no plan files (*.toml) found", file=sys.stderr)
    return 1 if problems else 0
