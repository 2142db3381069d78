"""Every test starts with an empty dataset cache (imports load what they wrote)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tui.dataset import clear_dataset_cache


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    clear_dataset_cache()
    yield
    clear_dataset_cache()
