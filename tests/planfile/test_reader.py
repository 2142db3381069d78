"""Reading plan files: the SPEC §4 example, every reading rule, and failures to read a file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tui.domain.errors import PlanError
from tui.domain.plan import (
    Defaults,
    ElementPlan,
    Horizon,
    Plan,
    ScheduleStep,
    Split,
    StressCase,
)
from tui.planfile import LoadedPlan, load_plan, parse_plan

SPEC_EXAMPLE = b"""\
format = 1
name = "Heavy rare earths via Lynas"
dataset = "reference"
author = "procurement-jp"                 # optional
description = "Move Dy/Tb off China as Lynas ramps up."   # optional
horizon = { start = "2026Q1", end = "2028Q4" }   # optional; default: quarters with demand
target_china_exposure = 50                # optional, percent: the goal line

[defaults]                                # optional; for elements the plan does not list
split = { china = 100 }
stockpile_days = 0

[elements.Dy]
split = { china = 55, lynas = 35, recycling = 10 }
stockpile_days = 60                       # optional, default from [defaults] or 0
note = "Lynas Malaysia heavy REE separation since 2025"   # optional rationale

[elements.Sm]
split = { china = 90, recycling = 10 }

[[elements.Sm.schedule]]                  # from this period on, this split applies
from = "2026Q2"
split = { china = 60, lynas = 30, recycling = 10 }

[[stress]]                                # optional disruption cases
name = "China embargo, 2 months"
source = "china"
start = "2027Q1"                          # the cut starts on the first day of this quarter
months = 2
severity = 100                            # percent of that source's deliveries that stop
elements = ["Dy", "Tb"]                   # optional; default all elements
"""

HEAD = 'format = 1\nname = "t"\ndataset = "reference"\n'


def problems(text: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        parse_plan(text.encode(), "t.toml")
    return [str(problem) for problem in caught.value.problems]


def test_the_spec_example_reads_as_written() -> None:
    assert parse_plan(SPEC_EXAMPLE, "plans/x.toml") == Plan(
        name="Heavy rare earths via Lynas",
        dataset="reference",
        format=1,
        author="procurement-jp",
        description="Move Dy/Tb off China as Lynas ramps up.",
        horizon=Horizon("2026Q1", "2028Q4"),
        target_china_exposure=50,
        defaults=Defaults(split=Split({"china": 100}), stockpile_days=0),
        elements={
            "Dy": ElementPlan(
                split=Split({"china": 55, "lynas": 35, "recycling": 10}),
                stockpile_days=60,
                note="Lynas Malaysia heavy REE separation since 2025",
            ),
            "Sm": ElementPlan(
                split=Split({"china": 90, "recycling": 10}),
                schedule=(
                    ScheduleStep("2026Q2", Split({"china": 60, "lynas": 30, "recycling": 10})),
                ),
            ),
        },
        stress=(StressCase("China embargo, 2 months", "china", "2027Q1", 2, 100, ("Dy", "Tb")),),
    )


def test_minimal_plan_leaves_every_optional_field_none() -> None:
    plan = parse_plan(HEAD.encode(), "t.toml")
    assert plan == Plan(name="t", dataset="reference")
    assert (plan.author, plan.horizon, plan.target_china_exposure, plan.defaults) == (None,) * 4


def test_numbers_keep_the_type_they_were_written_with() -> None:
    plan = parse_plan(
        (
            HEAD
            + "target_china_exposure = 50.0\n[elements.Dy]\nsplit = { china = 60, lynas = 40.0 }\n"
            "stockpile_days = 30.5\n"
        ).encode(),
        "t.toml",
    )
    shares = plan.elements["Dy"].split.shares
    assert (type(shares["china"]), type(shares["lynas"])) == (int, float)
    assert type(plan.target_china_exposure) is float
    assert plan.elements["Dy"].stockpile_days == 30.5


def test_element_symbols_keep_their_case() -> None:
    plan = parse_plan(
        (
            HEAD
            + "[elements.Dy]\nsplit = { china = 100 }\n[elements.dy]\nsplit = { china = 100 }\n"
            '[elements."Dy x"]\nsplit = { china = 100 }\n'
        ).encode(),
        "t.toml",
    )
    assert list(plan.elements) == ["Dy", "dy", "Dy x"]


def test_stress_defaults_are_full_severity_and_all_elements() -> None:
    plan = parse_plan(
        (
            HEAD + '[[stress]]\nname = "cut"\nsource = "china"\nstart = "2027Q1"\nmonths = 2\n'
        ).encode(),
        "t.toml",
    )
    assert plan.stress == (StressCase("cut", "china", "2027Q1", 2, 100, None),)
    assert plan.stress[0].applies_to("Nd")


def test_an_empty_defaults_table_is_no_defaults() -> None:
    assert parse_plan((HEAD + "[defaults]\n").encode(), "t.toml").defaults is None


def test_an_element_may_rely_on_the_default_split_or_on_its_schedule() -> None:
    with_defaults = (
        HEAD + "[defaults]\nsplit = { china = 100 }\n[elements.Dy]\nstockpile_days = 30\n"
    )
    assert parse_plan(with_defaults.encode(), "t.toml").elements["Dy"].split is None
    scheduled = HEAD + '[[elements.Dy.schedule]]\nfrom = "2026Q1"\nsplit = { china = 100 }\n'
    assert parse_plan(scheduled.encode(), "t.toml").elements["Dy"].schedule[0].start == "2026Q1"


@pytest.mark.parametrize(
    ("shares", "ok"),
    [
        ("china = 33.33, lynas = 33.33, recycling = 33.34", True),
        ("china = 33.33, lynas = 33.33, recycling = 33.32", False),
        ("china = 99.995", True),
        ("china = 50.006, lynas = 50.006", False),
        ("china = 0, lynas = 100", True),
        ("china = 100.0", True),
    ],
)
def test_shares_sum_to_100_within_the_tolerance(shares: str, ok: bool) -> None:
    text = HEAD + f"[elements.Dy]\nsplit = {{ {shares} }}\n"
    if ok:
        assert parse_plan(text.encode(), "t.toml").elements["Dy"].split is not None
    else:
        assert len(problems(text)) == 1 and "shares sum to" in problems(text)[0]


def test_paths_quote_keys_that_are_not_bare() -> None:
    assert problems(HEAD + '[elements."Dy x"]\nsplit = { "china cn" = 90 }\n') == [
        't.toml: elements."Dy x".split: shares sum to 90, expected 100'
    ]


def test_unknown_keys_suggest_ignoring_case() -> None:
    assert problems(HEAD + "Target_China_Exposure = 5\n") == [
        "t.toml: Target_China_Exposure: unknown key; did you mean 'target_china_exposure'?"
    ]


def test_a_newer_format_is_the_only_problem_reported() -> None:
    assert problems("format = 3\nname = 5\n[future]\nx = 1\n") == [
        "t.toml: format: format 3 is newer than this replan supports (1); upgrade replan"
    ]


def test_problems_in_every_part_are_reported_together() -> None:
    text = (
        'format = 1\nname = "t"\ndataset = "reference"\nhorizon = { start = "2026Q1", end = "x" }\n'
        "[defaults]\nsplit = { china = 90 }\n[elements.Dy]\nsplit = { lynas = 101 }\n"
        '[[stress]]\nname = "a"\nsource = "china"\nstart = "2026Q1"\nmonths = 1\nseverity = -1\n'
    )
    assert problems(text) == [
        't.toml: horizon.end: expected a quarter like 2026Q1, got string "x"',
        "t.toml: defaults.split: shares sum to 90, expected 100",
        "t.toml: elements.Dy.split.lynas: expected a percent from 0 to 100, got 101",
        "t.toml: stress[0].severity: expected a percent above 0 and at most 100, got -1",
    ]


# --- load_plan ------------------------------------------------------------------------


def test_load_plan_keeps_path_and_digest_of_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(SPEC_EXAMPLE)
    loaded = load_plan(path)
    assert isinstance(loaded, LoadedPlan)
    assert loaded.path == path
    assert loaded.digest == hashlib.sha256(SPEC_EXAMPLE).hexdigest()
    assert loaded.plan == parse_plan(SPEC_EXAMPLE, "x")


def load_problems(path: Path) -> list[str]:
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    return [str(problem) for problem in caught.value.problems]


def test_load_plan_of_a_missing_file_or_a_folder(tmp_path: Path) -> None:
    assert load_problems(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}: no such file"]
    assert load_problems(tmp_path) == [f"{tmp_path}: is a folder, not a plan file"]


def test_load_plan_of_something_that_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert load_problems(fifo) == [f"{fifo}: is a named pipe (FIFO), not a plan file"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_load_plan_of_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.toml"
    path.write_bytes(SPEC_EXAMPLE)
    path.chmod(0)
    assert load_problems(path) == [f"{path}: cannot read the file: permission denied"]


def test_a_stress_case_may_not_be_called_base():
    data = (
        b'format = 1\nname = "p"\ndataset = "reference"\n'
        b'[[stress]]\nname = "base"\nsource = "china"\nstart = "2027Q1"\nmonths = 2\n'
    )
    with pytest.raises(PlanError) as raised:
        parse_plan(data, "p.toml")
    assert [str(p) for p in raised.value.problems] == [
        'p.toml: stress[0].name: "base" is the name of the case without disruption; choose another'
    ]
