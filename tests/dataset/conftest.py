"""Shared fixtures: a fresh copy of the tiny fixture dataset and an empty cache per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.dataset import clear_dataset_cache

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "datasets"


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    clear_dataset_cache()
    yield
    clear_dataset_cache()


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """A writable copy of tests/fixtures/datasets/tiny (valid, with products)."""
    folder = tmp_path / "tiny"
    shutil.copytree(FIXTURES / "tiny", folder)
    return folder
