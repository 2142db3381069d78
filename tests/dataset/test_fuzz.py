"""Whatever bytes a dataset file holds, loading returns a dataset or raises DatasetError."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.dataset.conftest import FIXTURES
from tests.properties import examples
from tui.dataset import clear_dataset_cache, load_dataset
from tui.dataset.files import ALL_FILES
from tui.domain.dataset import Dataset
from tui.domain.errors import DatasetError

NAMES = [spec.name for spec in ALL_FILES]

# Text made of what CSV files are made of, so the fuzzing gets past the first line.
CSV_ALPHABET = st.sampled_from(
    [*',"\n\r \t.-+eE0123456789Q', "nan", "inf", "Nd", "Dy", "china", "lynas", "2026Q1",
     "ev-motor", "light", "heavy", "CN", "element,period,tonnes\n", "\ufeff", "é", "\x00"]
)  # fmt: skip


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "fuzz"
        shutil.copytree(FIXTURES / "tiny", target)
        yield target


def _load_with(folder: Path, name: str, data: bytes) -> None:
    original = (FIXTURES / "tiny" / name).read_bytes()
    (folder / name).write_bytes(data)
    clear_dataset_cache()
    try:
        result = load_dataset(folder)
        assert isinstance(result, Dataset)
    except DatasetError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file.startswith(str(folder))
            assert problem.message
    finally:
        (folder / name).write_bytes(original)


@settings(max_examples=examples(0.75), deadline=None)
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=400))
def test_arbitrary_bytes(folder: Path, name: str, data: bytes) -> None:
    _load_with(folder, name, data)


@settings(max_examples=examples(0.75), deadline=None)
@given(name=st.sampled_from(NAMES), parts=st.lists(CSV_ALPHABET, max_size=80))
def test_csv_like_text(folder: Path, name: str, parts: list[str]) -> None:
    _load_with(folder, name, "".join(parts).encode("utf-8"))


@settings(max_examples=examples(0.5), deadline=None)
@given(name=st.sampled_from(NAMES), line=st.lists(CSV_ALPHABET, max_size=12), at=st.integers(0, 5))
def test_one_bad_line_in_a_good_file(folder: Path, name: str, line: list[str], at: int) -> None:
    lines = (FIXTURES / "tiny" / name).read_text().splitlines(keepends=True)
    lines.insert(min(at, len(lines)), "".join(line) + "\n")
    _load_with(folder, name, "".join(lines).encode("utf-8"))
