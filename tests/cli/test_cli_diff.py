"""``replan diff A B``: structural changes and the change in every headline figure.

A = fixtures/plans/tiny.toml, B = fixtures/plans/all-china.toml (same tiny dataset).
Figures worked by hand in test_cli_figures.py: A's base exposure 163.62/225, gap 23.4 t,
shortfall 21.2 t, cost USD 15.19 M; B buys all 225 t from China: exposure 1, no gap,
cost 204 × 50,000 + 21 × 300,000 = USD 16.5 M, so B's premium is 0 and A's is −1.31 M.
Under "China cut", A is short 45 + 0.847945… t, B 34 + 3.5 t.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.runner import ALL_CHINA_PLAN, FIXTURES, TINY_PLAN, replan


def approx(value: float) -> object:
    return pytest.approx(value, rel=1e-9, abs=1e-9)


def _diff_json(a: Path, b: Path) -> dict:
    result = replan("diff", a, b, "--format", "json", "--data-dir", FIXTURES)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_shape_and_figures() -> None:
    document = _diff_json(TINY_PLAN, ALL_CHINA_PLAN)
    assert list(document) == [
        "a",
        "b",
        "same_dataset",
        "changes",
        "cases",
        "elements",
        "exposure_reasons",
    ]
    assert document["a"] == {"file": str(TINY_PLAN), "plan": "Tiny plan", "dataset": "tiny"}
    assert document["same_dataset"] is True
    assert [c["case"] for c in document["cases"]] == ["base", "China cut"]

    base = document["cases"][0]["figures"]
    assert base["china_exposure"] == {
        "a": approx(163.62 / 225),
        "b": approx(1.0),
        "change": approx(1 - 163.62 / 225),
    }
    assert base["gap_t"] == {"a": approx(23.4), "b": approx(0.0), "change": approx(-23.4)}
    assert base["cost_usd"]["change"] == approx(16_500_000 - 15_190_000)
    assert base["premium_usd"] == {
        "a": approx(-1_310_000),
        "b": approx(0.0),
        "change": approx(1_310_000),
    }
    stress = document["cases"][1]["figures"]
    assert "premium_usd" not in stress  # the premium is the base case's
    assert stress["shortfall_t"]["a"] == approx(45 + 0.847945205479452)
    assert stress["shortfall_t"]["b"] == approx(37.5)


def test_json_structural_changes() -> None:
    changes = _diff_json(TINY_PLAN, ALL_CHINA_PLAN)["changes"]
    assert all(list(c) == ["area", "key", "field", "before", "after"] for c in changes)
    by_subject = {(c["area"], c["key"], c["field"]): c for c in changes}
    assert by_subject[("metadata", "name", "")]["after"] == "All from China"
    assert ("element", "Nd", "split") in by_subject
    assert ("element", "Dy", "schedule 2026Q2") in by_subject
    assert ("element", "Dy", "stockpile_days") in by_subject
    assert not any(c["key"] == "Lu" for c in changes)


def test_json_elements_only_those_that_moved() -> None:
    elements = _diff_json(TINY_PLAN, ALL_CHINA_PLAN)["elements"]
    assert [e["element"] for e in elements] == ["Nd", "Dy"]  # dataset order; Lu unchanged
    nd = elements[0]["figures"]
    assert nd["china_exposure"] == {"a": approx(0.73), "b": approx(1.0), "change": approx(0.27)}
    assert nd["gap_t"]["change"] == approx(-21.2)


def test_same_plan_has_no_changes() -> None:
    document = _diff_json(TINY_PLAN, TINY_PLAN)
    assert document["changes"] == []
    assert document["elements"] == []
    figures = [f for c in document["cases"] for f in c["figures"].values()]
    # a figure unknown in both (the value short, without unit values) has no change
    assert all(f["change"] == 0.0 or f["a"] is f["b"] is None for f in figures)
    table = replan("diff", TINY_PLAN, TINY_PLAN)
    assert table.returncode == 0
    assert "none: the plans say the same" in table.stdout


def test_stress_cases_matched_by_name(tmp_path: Path) -> None:
    renamed = tmp_path / "renamed.toml"
    shutil.copy(ALL_CHINA_PLAN, renamed)
    renamed.write_text(renamed.read_text().replace('"China cut"', '"Embargo"'))
    document = _diff_json(ALL_CHINA_PLAN, renamed)
    cases = {c["case"]: c["figures"] for c in document["cases"]}
    assert list(cases) == ["base", "China cut", "Embargo"]
    assert cases["China cut"]["shortfall_t"] == {"a": approx(37.5), "b": None, "change": None}
    assert cases["Embargo"]["shortfall_t"] == {"a": None, "b": approx(37.5), "change": None}


def test_table_for_a_reviewer() -> None:
    result = replan("diff", TINY_PLAN, ALL_CHINA_PLAN, "--data-dir", FIXTURES)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b[" not in out
    for heading in ("Plan changes", "Headline figures", "Base case", "Stress: China cut"):
        assert heading in out
    assert "Elements whose base-case figures changed" in out
    split = next(line for line in out.splitlines() if line.strip().startswith("Nd split"))
    assert "china 70%, lynas 30%" in split
    exposure = next(line for line in out.splitlines() if "China exposure  " in line)
    assert "72.7" in exposure and "100.0" in exposure and "+27.3" in exposure
    assert "▲" in exposure  # exposure went up: worse
    gap = next(line for line in out.splitlines() if line.strip().startswith("Gap "))
    assert "-23.4" in gap and "▲" not in gap  # the gap closed: better
