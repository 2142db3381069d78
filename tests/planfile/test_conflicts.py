"""Conflicted plan files: blocks around each conflicting entry, refused by the reader."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import tomli_w
from hypothesis import assume, given, settings

from tests.planfile.strategies import plans
from tests.properties import examples
from tui.domain.errors import PlanError
from tui.domain.plan import Plan, Split
from tui.planfile.conflicts import conflicted_text
from tui.planfile.lines import toml_lines
from tui.planfile.markers import conflict_problems
from tui.planfile.merge import merge_plans
from tui.planfile.reader import load_plan, parse_plan

PLANS = Path(__file__).resolve().parents[2] / "plans"


def japan() -> Plan:
    return load_plan(PLANS / "japan-2025.toml").plan


def keep(text: str, side: str) -> str:
    """What a person does to resolve: keep one side of every block, delete the markers."""
    out, state = [], "both"
    for line in toml_lines(text, keepends=True):
        if line.startswith("<<<<<<<"):
            state = "ours"
        elif line.startswith("=======") and state == "ours":
            state = "theirs"
        elif line.startswith(">>>>>>>") and state == "theirs":
            state = "both"
        elif state in ("both", side):
            out.append(line)
    return "".join(out)


def conflicted_japan() -> tuple[str, Plan, Plan]:
    base = japan()
    ours = replace(base.with_split("Nd", Split({"china": 40, "lynas": 53, "recycling": 7})))
    ours = replace(ours, author="sato")
    theirs = base.with_split("Nd", Split({"china": 43, "lynas": 50, "recycling": 7}))
    theirs = replace(theirs, author="tanaka")
    return conflicted_text(merge_plans(base, ours, theirs)), ours, theirs


def test_each_conflict_is_a_block_around_the_whole_entry() -> None:
    text, _, _ = conflicted_japan()
    assert (
        "[elements.Nd.split]\n"
        "<<<<<<< ours: elements.Nd.split\n"
        "china = 40\nlynas = 53\nrecycling = 7\n"
        "=======\n"
        "china = 43\nlynas = 50\nrecycling = 7\n"
        ">>>>>>> theirs: elements.Nd.split\n"
    ) in text
    assert '<<<<<<< ours: author\nauthor = "sato"\n=======\nauthor = "tanaka"\n>>>>>>> ' in text


def test_the_reader_names_every_conflict_with_its_line_and_both_sides() -> None:
    text, _, _ = conflicted_japan()
    with pytest.raises(PlanError) as caught:
        parse_plan(text.encode(), "plans/japan-2025.toml")
    lines = text.splitlines()
    messages = [str(problem) for problem in caught.value.problems]
    author_line = lines.index("<<<<<<< ours: author") + 1
    split_line = lines.index("<<<<<<< ours: elements.Nd.split") + 1
    assert messages == [
        f"plans/japan-2025.toml: author: unresolved merge conflict at line {author_line}: "
        'ours author = "sato"; theirs author = "tanaka" (keep one side and delete the markers)',
        f"plans/japan-2025.toml: elements.Nd.split: unresolved merge conflict at line "
        f"{split_line}: ours china = 40, lynas = 53, recycling = 7; "
        "theirs china = 43, lynas = 50, recycling = 7 (keep one side and delete the markers)",
    ]


def test_keeping_one_side_gives_that_sides_plan() -> None:
    text, ours, theirs = conflicted_japan()
    assert parse_plan(keep(text, "ours").encode(), "x") == ours
    assert parse_plan(keep(text, "theirs").encode(), "x") == theirs


@settings(max_examples=examples())
@given(plans(), plans(), plans())
def test_any_conflicted_file_resolves_to_either_side_and_never_reads(
    base: Plan, ours: Plan, theirs: Plan
) -> None:
    merge = merge_plans(base, ours, theirs)
    assume(merge.conflicts)
    text = conflicted_text(merge)
    with pytest.raises(PlanError):
        parse_plan(text.encode(), "x")
    assert len(conflict_problems(text, "x")) >= 1
    for side in ("ours", "theirs"):
        expected = tomli_w.dumps(merge.resolved(side).document)  # type: ignore[arg-type]
        assert keep(text, side) == expected


def test_a_plain_git_conflict_is_reported_by_line() -> None:
    text = (
        'format = 1\nname = "x"\ndataset = "reference"\n\n[elements.Nd.split]\n'
        "<<<<<<< HEAD\nchina = 48\nlynas = 52\n||||||| base\nchina = 50\nlynas = 50\n"
        "=======\nchina = 43\nlynas = 57\n>>>>>>> colleague\n"
    )
    [problem] = conflict_problems(text, "p.toml")
    assert str(problem) == (
        "p.toml: line 6: unresolved merge conflict at line 6: ours china = 48, lynas = 52; "
        "theirs china = 43, lynas = 57 (keep one side and delete the markers)"
    )


def test_an_unclosed_block_is_still_a_conflict() -> None:
    text = 'format = 1\n<<<<<<< ours: name\nname = "a"\n=======\nname = "b"\n'
    [problem] = conflict_problems(text, "p.toml")
    assert problem.where == "name"
    assert (
        problem.message == "unresolved merge conflict at line 2: the conflict block is not closed"
    )


def test_control_characters_in_a_block_are_shown_escaped() -> None:
    text = "<<<<<<< HEAD\nname = \x1b[31m\n=======\nname = 1\n>>>>>>> b\n"
    [problem] = conflict_problems(text, "p.toml")
    assert "\x1b" not in str(problem)
    assert "\\u001b[31m" in problem.message


def test_a_file_without_markers_has_no_conflicts() -> None:
    text = (PLANS / "japan-2025.toml").read_text()
    assert conflict_problems(text, "x") == []
    assert conflict_problems('description = "a <<<<<<< b"\n', "x") == []


@pytest.mark.parametrize("line_break", ["\x85", "\u2028", "\x0c"])
def test_a_note_holding_a_unicode_line_break_stays_on_its_line(line_break: str) -> None:
    """Python's ``splitlines`` ends a line inside the description: the block could then
    not be placed round its line, and the whole file became one block."""
    base = Plan("p", "reference", description=f"draft{line_break}one")
    ours = replace(base, description=f"draft{line_break}ours")
    theirs = replace(base, description=f"draft{line_break}theirs")
    text = conflicted_text(merge_plans(base, ours, theirs))
    assert text.startswith('format = 1\nname = "p"\n')  # one block, round the description
    assert parse_plan(keep(text, "ours").encode(), "x") == ours
    assert parse_plan(keep(text, "theirs").encode(), "x") == theirs
