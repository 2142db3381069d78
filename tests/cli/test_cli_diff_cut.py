"""``diff`` cuts long free text only for a terminal, and never cuts a list."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.runner import PLANS, TINY, replan
from tui.cli.formats.diff_output import CELL_WIDTH, _clip
from tui.cli.formats.text import Style
from tui.planfile import PlanChange

LONG = "Move the heavy rare earths off China as the Lynas plant ramps up, step by step"


def test_a_pipe_gets_the_whole_text(tmp_path: Path) -> None:
    shutil.copytree(TINY, tmp_path / "tiny")
    (tmp_path / "plans").mkdir()
    text = (PLANS / "tiny.toml").read_text(encoding="utf-8")
    changed = text.replace(
        'name = "Tiny plan"', f'name = "Tiny plan"\ndescription = {json.dumps(LONG)}'
    )
    a, b = tmp_path / "plans" / "a.toml", tmp_path / "plans" / "b.toml"
    a.write_text(text)
    b.write_text(changed)
    result = replan("diff", a, b)
    assert result.returncode == 0, result.stderr
    assert "…" not in result.stdout
    # whole, under the table, so that it does not widen the table's A column for every row
    lines = result.stdout.splitlines()
    assert f"    B  {LONG}" in lines
    table = lines[lines.index(next(x for x in lines if x.startswith("Plan changes"))) + 1 :]
    table = table[: table.index("  description")]
    assert any(x.split() == ["description", "(below)", "(below)"] for x in table)
    assert max(len(x) for x in table) < len(LONG)


def test_a_terminal_gets_free_text_cut_and_lists_whole() -> None:
    terminal, pipe = Style(terminal=True), Style(terminal=False)
    description = PlanChange("metadata", "description", "", "", LONG)
    note = PlanChange("element", "Dy", "note", "", LONG)
    elements = ", ".join(["La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er"] * 2)
    listed = PlanChange("stress", "cut", "elements", "all elements", elements)
    assert len(_clip(LONG, description, terminal)) == CELL_WIDTH
    assert _clip(LONG, description, terminal).endswith("…")
    assert _clip(LONG, note, terminal).endswith("…")
    assert _clip(LONG, description, pipe) == LONG
    assert _clip(elements, listed, terminal) == elements
