"""``replan suggest``: the least-cost plan, its diff, saving, JSON, and what binds.

The tiny fixture: Nd 100 + 2 t a quarter (China unlimited at 50 USD/kg; Lynas 20 t at
60 USD/kg, 10% Chinese); Dy 10 + 0.5 t (China at 300; recycling 1 t at 200; Lynas
5 t from 2026Q2 only). Lynas can take at most 20/102 of Nd and recycling 1/10.5 of
Dy in one split, so the lowest exposure is (225 − 20·0.9·2 − 2) / 225 ≈ 83.1%.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.runner import REPO, TINY_PLAN, copy_tiny, replan, stderr_lines
from tui.planfile import load_plan

LOWEST = (225 - 19.6 * 1.02 * 0.9 * 2 - 0.95 * 2) / 225


def test_table_shows_headline_and_diff() -> None:
    result = replan("suggest", TINY_PLAN, "--target", "90")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Suggestion: least cost under 90% China exposure\n")
    assert "China exposure  72.7% → 90.0%  (target 90%)" in out
    assert "One more point of exposure reduction costs about" in out
    assert "Changed: Nd, Dy" in out
    assert "Plan changes" in out and "Headline figures" in out
    assert "suggested: least cost under 90% China exposure" in out


def test_json_for_scripts() -> None:
    result = replan("suggest", TINY_PLAN, "--target", "90", "--max-share", "95", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["feasible"] is True
    assert document["limits"] == {
        "target": 0.9,
        "max_share": 0.95,
        "survive": [],
        "keep": [],
        "yearly": False,
    }
    assert document["china_exposure"] <= 0.9 + 1e-9
    assert document["cost_usd"] <= document["optimum_cost_usd"] * 1.005
    assert document["point_cost_usd"] > 0
    for element in document["changed"]:
        split = document["elements"][element]["split"]
        assert sum(split.values()) == pytest.approx(1)
        assert max(split.values()) <= 0.95
    assert document["diff"]["cases"][0]["case"] == "base"


def test_out_writes_a_plan_that_validates_and_holds(tmp_path: Path) -> None:
    out = tmp_path / "suggested.toml"
    result = replan("suggest", TINY_PLAN, "--target", "90", "--yearly", "--out", out)
    assert result.returncode == 0, result.stderr
    assert f"Saved to {out}" in result.stdout
    plan = load_plan(out).plan
    assert plan.elements["Nd"].note == (
        "suggested: least cost under 90% China exposure, one split per year"
    )
    assert replan("validate", out).returncode == 0
    evaluated = replan("evaluate", out, "--format", "json")
    assert evaluated.returncode == 0, evaluated.stderr
    base = json.loads(evaluated.stdout)["cases"][0]["portfolio"]
    assert base["china_exposure"] <= 0.9 + 1e-9
    assert base["gap_t"] == pytest.approx(0, abs=1e-9)


def test_out_never_replaces_another_file(tmp_path: Path) -> None:
    out = tmp_path / "taken.toml"
    out.write_text("keep me\n")
    result = replan("suggest", TINY_PLAN, "--target", "90", "--out", out)
    assert result.returncode == 1
    assert stderr_lines(result) == [f"{out}: already exists; not overwritten (choose another file)"]
    assert out.read_text() == "keep me\n"


def test_the_lowest_exposure_keeps_its_decimal_when_it_rounds_whole() -> None:
    """Japan 2025 can go down to 47.986% China: a computed figure reads ``48.0%``, while
    the target the planner typed stays ``10%``; the text and the JSON messages agree."""
    plan = REPO / "plans" / "japan-2025.toml"
    result = replan("suggest", plan, "--target", "10")
    assert result.returncode == 1
    line = "  lowest China exposure reachable under the other limits: 48.0% (target 10%)"
    assert line in stderr_lines(result)
    document = json.loads(replan("suggest", plan, "--target", "10", "--format", "json").stdout)
    assert round(document["lowest_exposure"], 3) == 0.480
    assert line in document["messages"]


def test_no_split_says_the_lowest_exposure_and_what_binds() -> None:
    result = replan("suggest", TINY_PLAN)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = stderr_lines(result)
    assert lines[0] == f"{TINY_PLAN}: no split meets the limits"
    assert "  lowest China exposure reachable under the other limits: 83.1% (target 50%)" in lines
    assert lines[-3:] == [
        "  non-China capacity runs out:",
        "    Nd: lynas 19.6% (capacity in 2026Q1)",
        "    Dy: lynas 0% (no supply in 2026Q1), recycling 9.5% (capacity in 2026Q1)",
    ]


def test_no_split_in_json() -> None:
    result = replan("suggest", TINY_PLAN, "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["feasible"] is False
    assert document["lowest_exposure"] == pytest.approx(LOWEST, abs=1e-3)
    assert document["messages"][0] == "no split meets the limits"


def test_a_case_that_cannot_be_survived_is_named_with_its_tonnes() -> None:
    result = replan("suggest", TINY_PLAN, "--target", "95", "--survive", "China cut")
    assert result.returncode == 1
    assert any(
        line.startswith('  cannot survive "China cut": at least ') for line in stderr_lines(result)
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--survive", "Chna cut"], "did you mean 'China cut'?"),
        (["--keep", "Nd,Dx"], "--keep 'Dx': the dataset has no such element (did you mean 'Dy'?)"),
        (["--target", "120"], "120 is not a percent from 0 to 100"),
        (["--max-share", "0"], "0 is not a percent above 0, at most 100"),
        (["--target", "nan"], "'nan' is not a number"),
    ],
)
def test_wrong_options_are_usage_errors(args: list[str], message: str) -> None:
    result = replan("suggest", TINY_PLAN, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_target_that_does_not_bind_says_so() -> None:
    result = replan("suggest", TINY_PLAN, "--target", "100")
    assert result.returncode == 0, result.stderr
    assert "The target does not bind: the least-cost split is already under it" in result.stdout
    document = json.loads(
        replan("suggest", TINY_PLAN, "--target", "100", "--format", "json").stdout
    )
    assert document["point_cost_usd"] == 0


def test_out_may_replace_the_input_plan_itself(tmp_path: Path) -> None:
    copy_tiny(tmp_path)
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = plans / "tiny.toml"
    plan.write_text(TINY_PLAN.read_text())
    result = replan("suggest", plan, "--target", "90", "--out", plan)
    assert result.returncode == 0, result.stderr
    saved = load_plan(plan).plan
    assert saved.dataset == "../tiny"
    assert saved.elements["Nd"].note == "suggested: least cost under 90% China exposure"


def test_a_saved_suggestion_keeps_the_planners_note_and_replaces_its_own(
    tmp_path: Path,
) -> None:
    copy_tiny(tmp_path)
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = plans / "tiny.toml"
    text = TINY_PLAN.read_text()
    nd = "[elements.Nd]\n"
    assert nd in text
    plan.write_text(text.replace(nd, nd + 'note = "JARE priority; recycled magnet scrap"\n'))
    for target in ("90", "88"):
        result = replan("suggest", plan, "--target", target, "--out", plan)
        assert result.returncode == 0, result.stderr
        assert load_plan(plan).plan.elements["Nd"].note == (
            f"JARE priority; recycled magnet scrap · suggested: least cost under {target}% "
            "China exposure"
        )
