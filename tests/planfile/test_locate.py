"""Value errors name the line their TOML path is written on."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.runner import replan
from tui.domain.errors import PlanError
from tui.planfile import parse_plan
from tui.planfile.locate import line_of, path_parts

TEXT = '''format = 1
name = "x"
dataset = "reference"
description = """
elements.Ce.split = 3
"""

[elements.Ce]
split = { china = 50, lynas = 40 }

[elements.Sm]
split = { china = 100 }

[[elements.Sm.schedule]]
from = "2026Q2"
split = { china = 100 }

[[elements.Sm.schedule]]
from = "2026Q1"
split = { china = 100 }

[[stress]]
name = "a"
source = "china"
start = "2027Q1"
months = 1

[[stress]]
name = "b"
source = "china"
start = "2027Q1"
months = 0
'''


def test_paths_are_found_on_their_lines() -> None:
    assert line_of(TEXT, "elements.Ce.split") == 9
    assert line_of(TEXT, "elements.Sm.schedule[1].from") == 19
    assert line_of(TEXT, "stress[1].months") == 32
    assert line_of(TEXT, "horizon") is None
    assert path_parts('elements."Dy x".split') == ["elements", "Dy x", "split"]


def test_value_errors_carry_their_lines() -> None:
    with pytest.raises(PlanError) as caught:
        parse_plan(TEXT.encode(), "plans/x.toml")
    located = [p.located() for p in caught.value.problems]
    assert "plans/x.toml: line 9: elements.Ce.split: shares sum to 90, expected 100" in located
    assert any(x.startswith("plans/x.toml: line 32: stress[1].months:") for x in located)
    assert any(
        x.startswith("plans/x.toml: line 19: elements.Sm.schedule[1].from:") for x in located
    )


def test_validate_prints_the_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(TEXT)
    result = replan("validate", path)
    assert result.returncode == 1
    assert f"{path}: line 9: elements.Ce.split: shares sum to 90, expected 100" in result.stdout


def test_an_unquoted_word_says_how_to_write_values() -> None:
    text = TEXT.replace("lynas = 40", "lynas = abc")
    with pytest.raises(PlanError) as caught:
        parse_plan(text.encode(), "plans/x.toml")
    (problem,) = caught.value.problems
    assert problem.where == "line 9, column 31"
    assert 'abc is not a value: write text in quotes ("abc")' in problem.message
