"""``replan merge BASE OURS THEIRS [-o OUT]``: exit codes, files written, reports."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.cli.runner import REPO, replan, stderr_lines
from tui.dataset import load_dataset, reference_dataset_path
from tui.domain.plan import Plan, Split
from tui.planfile.reader import load_plan
from tui.planfile.writer import plan_to_toml

JAPAN = REPO / "plans" / "japan-2025.toml"


def orders() -> tuple[tuple[str, ...], tuple[str, ...]]:
    dataset = load_dataset(reference_dataset_path())
    return dataset.element_ids, dataset.source_ids


def write(path: Path, plan: Plan) -> Path:
    path.write_text(plan_to_toml(plan, *orders()), encoding="utf-8")
    return path


def three(folder: Path, ours: Plan, theirs: Plan) -> tuple[Path, Path, Path]:
    base = load_plan(JAPAN).plan
    return (
        write(folder / "base.toml", base),
        write(folder / "ours.toml", ours),
        write(folder / "theirs.toml", theirs),
    )


def japan() -> Plan:
    return load_plan(JAPAN).plan


CE = Split({"china": 48, "lynas": 52})
ND_THEIRS = Split({"china": 43, "lynas": 50, "recycling": 7})
ND_OURS = Split({"china": 40, "lynas": 53, "recycling": 7})


def test_a_clean_merge_writes_the_canonical_merged_plan(tmp_path: Path) -> None:
    ours = japan().with_split("Ce", CE)
    theirs = replace(japan().with_split("Nd", ND_THEIRS), author="tanaka")
    base, mine, yours = three(tmp_path, ours, theirs)
    result = replan("merge", base, mine, yours, "-o", mine, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    expected = replace(ours.with_split("Nd", ND_THEIRS), author="tanaka")
    assert mine.read_text(encoding="utf-8") == plan_to_toml(expected, *orders())
    to_stdout = replan("merge", base, yours, yours, cwd=tmp_path)
    assert to_stdout.stdout == yours.read_text(encoding="utf-8")


def test_conflicts_exit_1_with_a_report_and_a_file_validate_rejects(tmp_path: Path) -> None:
    ours = replace(japan().with_split("Nd", ND_OURS), author="sato")
    theirs = replace(japan().with_split("Nd", ND_THEIRS), author="tanaka")
    base, mine, yours = three(tmp_path, ours, theirs)
    out = tmp_path / "out.toml"
    result = replan("merge", base, mine, yours, "-o", out, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert stderr_lines(result)[1:] == [
        '  author: base "procurement-jp"; ours "sato"; theirs "tanaka"',
        "  elements.Nd.split: base { china = 48, lynas = 45, recycling = 7 }; "
        "ours { china = 40, lynas = 53, recycling = 7 }; "
        "theirs { china = 43, lynas = 50, recycling = 7 }",
    ]
    assert "2 conflicts" in stderr_lines(result)[0]
    text = out.read_text(encoding="utf-8")
    assert "<<<<<<< ours: elements.Nd.split\n" in text
    check = replan("validate", out, cwd=tmp_path)
    assert check.returncode == 1
    problems = check.stdout.splitlines()[:-1]
    assert [p.split(": ")[1] for p in problems] == ["author", "elements.Nd.split"]
    assert all("unresolved merge conflict at line" in p for p in problems)


def test_a_merge_that_does_not_validate_is_reported_and_rejected(tmp_path: Path) -> None:
    ours = replace(japan(), defaults=None)  # every element has its own split
    theirs = japan().with_element("Sm", replace(japan().elements["Tb"], split=None))
    base, mine, yours = three(tmp_path, ours, theirs)
    out = tmp_path / "out.toml"
    result = replan("merge", base, mine, yours, "-o", out, cwd=tmp_path)
    assert result.returncode == 1
    assert "not valid" in stderr_lines(result)[0]
    assert stderr_lines(result)[1].startswith("  elements.Sm: no split")
    check = replan("validate", out, cwd=tmp_path)
    assert check.returncode == 1
    assert "elements.Sm: no split" in check.stdout


def test_unreadable_inputs_are_named_and_out_is_left_alone(tmp_path: Path) -> None:
    base, _mine, yours = three(tmp_path, japan(), japan())
    yours.write_text('format = 1\nname = "x"\ndataset = "reference"\n[elements.Nd]\nsplit = 3\n')
    out = tmp_path / "out.toml"
    out.write_text("before\n")
    result = replan("merge", base, tmp_path / "missing.toml", yours, "-o", out, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert stderr_lines(result) == [
        f"{tmp_path / 'missing.toml'} (ours): no such file",
        f"{yours} (theirs): elements.Nd.split: expected a table of shares like "
        "{ china = 100 }, got integer 3",
    ]
    assert out.read_text() == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "base.toml",
        "ours.toml",
        "out.toml",
        "theirs.toml",
    ]


def test_a_conflicted_input_is_refused(tmp_path: Path) -> None:
    base, mine, yours = three(tmp_path, japan(), japan())
    mine.write_text(mine.read_text() + "<<<<<<< HEAD\na = 1\n=======\na = 2\n>>>>>>> x\n")
    result = replan("merge", base, mine, yours, cwd=tmp_path)
    assert result.returncode == 1
    assert "(ours): line " in result.stderr
    assert "unresolved merge conflict" in result.stderr


def test_an_empty_base_means_no_common_version(tmp_path: Path) -> None:
    _, mine, yours = three(tmp_path, japan(), japan().with_split("Ce", CE))
    empty = tmp_path / "empty.toml"
    empty.write_bytes(b"")
    same = replan("merge", empty, mine, mine, cwd=tmp_path)
    assert (same.returncode, same.stdout) == (0, mine.read_text(encoding="utf-8"))
    different = replan("merge", empty, mine, yours, cwd=tmp_path)
    assert different.returncode == 1
    assert "elements.Ce.split: base (none);" in different.stderr


def test_the_written_order_follows_the_dataset(tmp_path: Path) -> None:
    base, mine, yours = three(tmp_path, japan(), japan().with_split("Ce", CE))
    # a hand-written file with elements and sources in another order
    mine.write_text(
        mine.read_text(encoding="utf-8").replace(
            "[elements.La.split]\nchina = 60\nlynas = 40\n",
            "[elements.La.split]\nlynas = 40\nchina = 60\n",
        ),
        encoding="utf-8",
    )
    result = replan("merge", base, mine, yours, "-o", mine, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    expected = japan().with_split("Ce", CE)
    assert mine.read_text(encoding="utf-8") == plan_to_toml(expected, *orders())


def test_wrong_usage_exits_2(tmp_path: Path) -> None:
    result = replan("merge", "a.toml", "b.toml", cwd=tmp_path)
    assert result.returncode == 2
    assert "THEIRS" in result.stderr
