"""The one path from a plan file to figures: plan → dataset → checks → prepared engine.

The command line, the app and the plan browser open plans through here, so that a
plan is read, its dataset found and loaded, and the plan checked against it in one
way only; engines are prepared once per loaded dataset.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from tui.dataset import load_dataset, reference_dataset_path
from tui.domain.dataset import Dataset
from tui.domain.plan import ALL_CHINA, Defaults, Plan
from tui.engine import Engine
from tui.planfile.reader import LoadedPlan
from tui.planfile.validate import open_checked

_ENGINES_KEPT = 8
_engines: OrderedDict[int, Engine] = OrderedDict()


def engine_for(dataset: Dataset) -> Engine:
    """One prepared engine per loaded dataset, the few most recently used kept.

    The loader caches datasets and loads a new one when its files change; bounding
    this cache lets the engines of replaced datasets go instead of piling up.
    """
    engine = _engines.get(id(dataset))
    if engine is None or engine.dataset is not dataset:
        engine = Engine(dataset)
        _engines[id(dataset)] = engine
    _engines.move_to_end(id(dataset))
    while len(_engines) > _ENGINES_KEPT:
        _engines.popitem(last=False)
    return engine


def open_plan(path: Path, data_dir: Path | None = None) -> tuple[LoadedPlan, Dataset]:
    """Read, resolve and check a plan file; raises PlanError naming every problem."""
    return open_checked(path, data_dir)


def new_plan(dataset_path: Path | None = None, name: str = "New plan") -> tuple[Plan, Dataset]:
    """An unsaved plan on a dataset (the bundled reference data by default): all from China."""
    folder = dataset_path or reference_dataset_path()
    dataset = load_dataset(folder)
    dataset_value = "reference" if dataset_path is None else dataset.name
    plan = Plan(
        name=name, dataset=dataset_value, defaults=Defaults(split=ALL_CHINA, stockpile_days=0)
    )
    return plan, dataset
