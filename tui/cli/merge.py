"""``replan merge BASE OURS THEIRS [-o OUT]``: merge two plans, also as a git merge driver.

Set up in a repository with::

    git config merge.replan.driver "replan merge %O %A %B -o %A"
    echo '*.toml merge=replan' >> .gitattributes

A clean merge writes the merged plan canonically (exit 0). Otherwise (exit 1) the
report goes to stderr, one line per conflict, and OUT holds a file that no replan
command reads as a plan — conflict blocks around each conflicting entry, or the merged
plan that does not validate — so that it cannot be committed by accident through CI.
Inputs that cannot be read are reported and OUT is left as it was. Every file is
replaced whole or not at all.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui.domain.errors import PlanError, Problem, ReplanError
from tui.domain.plan import Plan


def run(args: argparse.Namespace) -> int:
    from tui.planfile.merge import merge_plans

    out = Path(args.output) if args.output else None
    base, ours, theirs = _read_inputs(Path(args.base), Path(args.ours), Path(args.theirs))
    data_dir = Path(args.data_dir) if args.data_dir else None
    elements, sources = _dataset_order(ours, out or Path(args.ours), data_dir)
    merge = merge_plans(
        base,
        ours,
        theirs,
        element_order=elements,
        source_order=sources,
        file=str(out or args.ours),
    )
    if merge.plan is not None:
        _write_plan(merge.plan, out, elements, sources)
        return 0
    if merge.conflicts:
        from tui.planfile.conflicts import conflicted_text

        text = conflicted_text(merge)
        count = len(merge.conflicts)
        print(
            f"replan merge: {count} conflict{'s' if count != 1 else ''} "
            f"({'marked in ' + str(out) if out else 'marked in the output'}; "
            "keep one side of each block, then run replan validate):",
            file=sys.stderr,
        )
        for conflict in merge.conflicts:
            print(f"  {conflict}", file=sys.stderr)
    else:
        import tomli_w

        text = tomli_w.dumps(merge.document)
        print(
            "replan merge: the changes merge, but the merged plan is not valid "
            "(fix it, then run replan validate):",
            file=sys.stderr,
        )
        for problem in merge.problems:
            print(f"  {problem.where}: {problem.message}", file=sys.stderr)
    _write_text(text, out)
    return 1


def _read_inputs(base: Path, ours: Path, theirs: Path) -> tuple[Plan | None, Plan, Plan]:
    """The three plans; an empty BASE (git's, when both sides added the file) is None.

    Raises PlanError with the problems of every input that cannot be read.
    """
    from tui.planfile.reader import parse_plan, read_plan_bytes

    plans: list[Plan | None] = []
    problems: list[Problem] = []
    for path, role in ((base, "base"), (ours, "ours"), (theirs, "theirs")):
        try:
            data = read_plan_bytes(path)
            if role == "base" and not data.strip():
                plans.append(None)
                continue
            plans.append(parse_plan(data, str(path)))
        except PlanError as error:
            problems.extend(
                Problem(f"{problem.file} ({role})", problem.where, problem.message)
                for problem in error.problems
            )
            plans.append(None)
    if problems:
        raise PlanError(problems)
    base_plan, ours_plan, theirs_plan = plans
    assert ours_plan is not None and theirs_plan is not None
    return base_plan, ours_plan, theirs_plan


def _dataset_order(
    plan: Plan, plan_path: Path, data_dir: Path | None
) -> tuple[Sequence[str], Sequence[str]]:
    """The dataset's element and source order when it can be found, else none (the
    order of the inputs is kept)."""
    try:
        from tui.dataset import find_dataset, load_dataset

        dataset = load_dataset(find_dataset(plan.dataset, plan_path=plan_path, data_dir=data_dir))
    except (ReplanError, OSError):
        return (), ()
    return dataset.element_ids, dataset.source_ids


def _write_plan(
    plan: Plan, out: Path | None, elements: Sequence[str], sources: Sequence[str]
) -> None:
    from tui.planfile.store import save_plan
    from tui.planfile.writer import plan_to_toml

    if out is None:
        sys.stdout.write(plan_to_toml(plan, elements, sources))
        return
    save_plan(
        plan, out, expected_digest=None, element_order=elements, source_order=sources, force=True
    )


def _write_text(text: str, out: Path | None) -> None:
    from tui.planfile.store import write_file_safely

    if out is None:
        sys.stdout.write(text)
    else:
        write_file_safely(out, text.encode("utf-8"))
