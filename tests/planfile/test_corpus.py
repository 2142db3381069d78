"""A corpus of malformed and hostile plan files, each with the exact problems it must give.

The files are in ``corpus/``; ``corpus/expected.toml`` maps each file name to its
problem lines. A file too large to keep in the repository is made in a temporary folder.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tui.domain.errors import PlanError
from tui.planfile import load_plan, parse_plan, validate_paths
from tui.planfile.reader import MAX_PLAN_BYTES

CORPUS = Path(__file__).parent / "corpus"
EXPECTED: dict[str, list[str]] = tomllib.loads((CORPUS / "expected.toml").read_text("utf-8"))
FILES = sorted(p.name for p in CORPUS.glob("*.toml") if p.name != "expected.toml")


def problems_of(data: bytes, file: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        parse_plan(data, file)
    return [str(problem) for problem in caught.value.problems]


def test_the_corpus_is_large_and_every_file_has_its_expectation() -> None:
    assert len(FILES) >= 40
    assert sorted(EXPECTED) == FILES


@pytest.mark.parametrize("name", FILES)
def test_corpus_file_gives_exactly_its_problems(name: str) -> None:
    assert problems_of((CORPUS / name).read_bytes(), name) == EXPECTED[name]


@pytest.mark.parametrize("name", FILES)
def test_loading_from_disk_names_the_path(name: str) -> None:
    path = CORPUS / name
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    expected = [line.replace(name, str(path), 1) for line in EXPECTED[name]]
    assert [str(problem) for problem in caught.value.problems] == expected


def test_validate_reports_every_problem_of_every_corpus_file() -> None:
    checked, problems = validate_paths([CORPUS], data_dir=None)
    assert checked == len(FILES) + 1  # expected.toml is a *.toml file too, and not a plan
    lines = [str(problem) for problem in problems]
    for name in FILES:
        for line in EXPECTED[name]:
            assert line.replace(name, str(CORPUS / name), 1) in lines


def test_a_huge_file_is_refused_without_parsing_it(tmp_path: Path) -> None:
    data = (
        b'format = 1\nname = "huge"\ndataset = "reference"\ndescription = "'
        + b"x" * MAX_PLAN_BYTES
        + b'"\n'
    )
    assert problems_of(data, "huge.toml") == [
        "huge.toml: the file is too large for a plan (the limit is 1 MB)"
    ]
    path = tmp_path / "huge.toml"
    path.write_bytes(data * 20)
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}: the file is too large for a plan (the limit is 1 MB)"
    ]


def test_a_large_but_acceptable_file_still_reads(tmp_path: Path) -> None:
    note = "y" * (MAX_PLAN_BYTES - 200)
    data = f'format = 1\nname = "big"\ndataset = "reference"\ndescription = "{note}"\n'.encode()
    assert parse_plan(data, "big.toml").description == note
