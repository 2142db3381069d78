"""Control characters from a plan are shown escaped, never sent to the terminal.

A plan name such as ``T<ESC>]0;X<ESC>\\x`` would retitle the reader's terminal window;
other sequences write the clipboard. Every output made for a person shows ``\\x1b``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.runner import PLANS, TINY, replan
from tui.domain.errors import Problem
from tui.domain.text import visible

ESC = "T\u001b]0;X\u001b\\x"
SHOWN = "T\\x1b]0;X\\x1b\\x"


def _hostile(folder: Path, *, dataset: str = "../tiny", name: str = ESC) -> Path:
    shutil.copytree(TINY, folder / "tiny")
    (folder / "plans").mkdir()
    quoted = json.dumps(ESC)
    text = (PLANS / "tiny.toml").read_text(encoding="utf-8")
    text = text.replace(
        'name = "Tiny plan"',
        f"name = {json.dumps(name)}\nauthor = {quoted}\ndescription = {quoted}",
    )
    text = text.replace('dataset = "../tiny"', f"dataset = {json.dumps(dataset)}")
    text = text.replace("stockpile_days = 30", f"stockpile_days = 30\nnote = {quoted}")
    text = text.replace('name = "China cut"', f"name = {quoted}")
    path = folder / "plans" / "esc.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _clean(output: str) -> None:
    assert "\x1b" not in output
    assert "\x07" not in output


@pytest.mark.parametrize("form", ["table", "csv"])
def test_evaluate_escapes_the_names(tmp_path: Path, form: str) -> None:
    plan = _hostile(tmp_path)
    result = replan("evaluate", plan, "--format", form)
    assert result.returncode == 0, result.stderr
    _clean(result.stdout + result.stderr)
    assert SHOWN in result.stdout


def test_evaluate_json_keeps_the_text_exact(tmp_path: Path) -> None:
    result = replan("evaluate", _hostile(tmp_path), "--format", "json")
    _clean(result.stdout)
    assert json.loads(result.stdout)["plan"] == ESC


def test_diff_escapes_names_notes_and_stress_cases(tmp_path: Path) -> None:
    plan = _hostile(tmp_path)
    result = replan("diff", PLANS / "tiny.toml", plan)
    assert result.returncode == 0, result.stderr
    _clean(result.stdout + result.stderr)
    assert result.stdout.count(SHOWN) >= 4  # name, author, description, note, stress


def test_errors_escape_an_unknown_dataset_id(tmp_path: Path) -> None:
    plan = _hostile(tmp_path, dataset=ESC)
    for command in (("evaluate", plan), ("validate", plan), ("diff", plan, plan)):
        result = replan(*command)
        assert result.returncode == 1
        _clean(result.stdout + result.stderr)
        assert "T\\x1b]0;X" in result.stdout + result.stderr


def test_validate_escapes_a_bad_value(tmp_path: Path) -> None:
    plan = _hostile(tmp_path)
    plan.write_text(plan.read_text().replace("severity = 50", f"severity = {json.dumps(ESC)}"))
    result = replan("validate", plan)
    assert result.returncode == 1
    _clean(result.stdout + result.stderr)


def test_visible_keeps_ordinary_unicode_and_escapes_controls() -> None:
    assert visible("Dy 日本 é 👍 — ok") == "Dy 日本 é 👍 — ok"
    assert visible(ESC) == SHOWN
    assert visible("a\tb\rc\x7f\x9b\u202e") == "a\\tb\\rc\\x7f\\x9b\\u202e"
    assert visible("a\nb") == "a\\nb"
    assert visible("a\nb", keep_newlines=True) == "a\nb"
    assert str(Problem("f\x1b.toml", "name", "bad \x1b")) == "f\\x1b.toml: name: bad \\x1b"
