"""Loading is cached by folder and file stamps, and an edited file is read again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.dataset import clear_dataset_cache, load_dataset
from tui.domain.errors import DatasetError


def test_second_load_is_the_same_object(tiny: Path) -> None:
    assert load_dataset(tiny) is load_dataset(tiny)


def test_cache_can_be_cleared(tiny: Path) -> None:
    first = load_dataset(tiny)
    clear_dataset_cache()
    assert load_dataset(tiny) is not first


def test_editing_a_file_reloads(tiny: Path) -> None:
    first = load_dataset(tiny)
    demand = tiny / "demand.csv"
    demand.write_text(demand.read_text() + "Dy,2026Q3,13\n")
    second = load_dataset(tiny)
    assert second is not first
    assert second.demand.height == first.demand.height + 1


def test_same_size_edit_with_a_new_mtime_reloads(tiny: Path) -> None:
    first = load_dataset(tiny)
    demand = tiny / "demand.csv"
    stat = demand.stat()
    demand.write_text(demand.read_text().replace("100", "900"))
    os.utime(demand, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert load_dataset(tiny).demand.get_column("tonnes")[0] == 900.0
    assert first.demand.get_column("tonnes")[0] == 100.0


def test_adding_an_optional_file_reloads(tiny: Path) -> None:
    (tiny / "bom.csv").rename(tiny / "bom.keep")
    (tiny / "products.csv").rename(tiny / "products.keep")
    assert not load_dataset(tiny).has_products
    (tiny / "bom.keep").rename(tiny / "bom.csv")
    (tiny / "products.keep").rename(tiny / "products.csv")
    assert load_dataset(tiny).has_products


def test_a_broken_dataset_is_read_again_once_fixed(tiny: Path) -> None:
    demand = tiny / "demand.csv"
    good = demand.read_text()
    demand.write_text(good.replace("100", "-100"))
    with pytest.raises(DatasetError):
        load_dataset(tiny)
    demand.write_text(good)
    assert load_dataset(tiny).demand.height == 4


def test_each_spelling_of_the_folder_keeps_its_own_path(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tiny.parent)
    assert load_dataset(Path("tiny")).path == Path("tiny")
    assert load_dataset(tiny).path == tiny
