"""Bad input never shows a traceback: one line per problem naming the file, exit 1.

Every case runs the real entry point in a folder holding ``data/tiny`` (found through
the ``./data`` lookup), so that problem lines start with the short relative file name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.runner import Result, copy_tiny, replan, stderr_lines

HEAD = 'format = 1\nname = "P"\ndataset = "tiny"\n'
ND = "\n[elements.Nd]\n"


@dataclass(frozen=True)
class Bad:
    id: str
    content: bytes | None  # None: no such file
    says: str | None = None  # a word the message must contain
    folder: bool = False  # the "plan" is a folder


PLANS = [
    Bad("missing file", None, "bad.toml"),
    Bad("empty file", b""),
    Bad("binary file", bytes(range(256)) * 4),
    Bad("syntax error", (HEAD + 'horizon = { start = "2026Q1"\n').encode(), "line"),
    Bad("typo'd key", (HEAD + ND + "split = { china = 100 }\nstockpile_dayz = 3\n").encode(),
        "stockpile_days"),
    Bad("typo'd source", (HEAD + ND + "split = { china = 70, lyans = 30 }\n").encode(), "lynas"),
    Bad("shares not summing", (HEAD + ND + "split = { china = 70, lynas = 20 }\n").encode(), "90"),
    Bad("unknown source", (HEAD + ND + "split = { china = 70, mars = 30 }\n").encode(), "mars"),
    Bad("unknown element", (HEAD + "\n[elements.Xx]\nsplit = { china = 100 }\n").encode(), "Xx"),
    Bad("period outside dataset",
        (HEAD + 'horizon = { start = "2020Q1", end = "2026Q2" }\n').encode(), "2020Q1"),
    Bad("malformed period", (HEAD + 'horizon = { start = "2026-1", end = "2026Q2" }\n').encode(),
        "2026-1"),
    Bad("NaN share", (HEAD + ND + "split = { china = nan }\n").encode(), "split"),
    Bad("infinite target", (HEAD + "target_china_exposure = inf\n").encode(),
        "target_china_exposure"),
    Bad("negative stockpile",
        (HEAD + ND + "split = { china = 100 }\nstockpile_days = -5\n").encode(), "stockpile_days"),
    Bad("newer format", b'format = 99\nname = "P"\ndataset = "tiny"\n', "upgrade"),
    Bad("no dataset key", b'format = 1\nname = "P"\n', "dataset"),
    Bad("unknown dataset", b'format = 1\nname = "P"\ndataset = "nosuch"\n', "nosuch"),
    Bad("a folder", None, folder=True),
]  # fmt: skip


def _write(folder: Path, bad: Bad) -> Path:
    copy_tiny(folder / "data")
    path = folder / "bad.toml"
    if bad.folder:
        path.mkdir()
    elif bad.content is not None:
        path.write_bytes(bad.content)
    return path


def _assert_user_error(result: Result, prefix: str, says: str | None):
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = stderr_lines(result)
    assert len(lines) == 1, lines  # each input here has exactly one thing wrong
    assert lines[0].startswith(prefix), lines
    if says is not None:
        assert says in lines[0]


@pytest.mark.parametrize("bad", PLANS, ids=[b.id for b in PLANS])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_bad_plan_evaluate(tmp_path: Path, bad: Bad, fmt: str) -> None:
    _write(tmp_path, bad)
    result = replan("evaluate", "bad.toml", "--format", fmt, cwd=tmp_path)
    _assert_user_error(result, "bad.toml", bad.says)
    assert result.stdout == ""


@pytest.mark.parametrize("bad", PLANS, ids=[b.id for b in PLANS])
def test_bad_plan_validate(tmp_path: Path, bad: Bad) -> None:
    if bad.folder:
        pytest.skip("validate searches a folder for plans; an empty folder is not an error")
    _write(tmp_path, bad)
    result = replan("validate", "bad.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problems = result.stdout.splitlines()[:-1]
    assert len(problems) == 1 and problems[0].startswith("bad.toml"), result.stdout
    checked = "0 files" if bad.content is None else "1 file"  # a missing file is not read
    assert result.stdout.splitlines()[-1] == f"{checked} checked, 1 problem"


def test_bad_plan_diff_reports_both_files(tmp_path: Path) -> None:
    copy_tiny(tmp_path / "data")
    (tmp_path / "a.toml").write_bytes(b"")
    (tmp_path / "b.toml").write_bytes(HEAD.encode() + ND.encode() + b"split = { china = 90 }\n")
    result = replan("diff", "a.toml", "b.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = stderr_lines(result)
    assert [line.split(":")[0] for line in lines] == ["a.toml", "b.toml"]
    assert result.stdout == ""


# --- a broken dataset -----------------------------------------------------------------

GOOD_PLAN = HEAD.encode()


@pytest.mark.parametrize(
    ("file", "content", "says"),
    [
        ("demand.csv", None, "demand.csv"),  # missing file
        ("demand.csv", b"element,period,tonnes\nNd,2026Q1,-5\n", "tonnes"),
        ("demand.csv", b"element,period\nNd,2026Q1\n", "tonnes"),  # missing column
        ("demand.csv", b"element,period,tonnes\nNd,2026Q1,nan\n", "tonnes"),
        ("demand.csv", bytes(range(256)) * 4, None),
        ("demand.csv", b"element,period,tonnes\nXx,2026Q1,5\n", "Xx"),
        ("supply.csv", b"source,element,period,capacity_t,price_usd_kg,china_share\n"
                       b"china,Nd,2026Q1,,50,1.5\n", "china_share"),
        ("elements.csv", b"", None),
    ],
    ids=["missing", "negative", "no column", "nan", "binary", "unknown element",
         "share above 1", "empty"],
)  # fmt: skip
def test_bad_dataset(tmp_path: Path, file: str, content: bytes | None, says: str | None) -> None:
    dataset = copy_tiny(tmp_path / "data")
    if content is None:
        (dataset / file).unlink()
    else:
        (dataset / file).write_bytes(content)
    (tmp_path / "plan.toml").write_bytes(GOOD_PLAN)
    result = replan("evaluate", "plan.toml", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = stderr_lines(result)
    assert lines, "a problem must be reported"
    assert all(file in line for line in lines), lines  # each line names the dataset file
    if says is not None:
        assert any(says in line for line in lines), lines
