"""The one path from a plan file to figures: plan → dataset → checks → engine.

The command line and the app both open plans through here, so that a plan is read,
its dataset found and loaded, and the plan checked against it in one way only.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from tui.dataset import load_dataset, reference_dataset_path
from tui.domain.dataset import Dataset
from tui.domain.plan import ALL_CHINA, Defaults, Plan
from tui.engine import Engine, Evaluation
from tui.planfile import LoadedPlan
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


@dataclass
class Workspace:
    """A plan with everything needed to evaluate it.

    ``loaded`` is what the plan was read from (None for a new, unsaved plan); the app
    replaces ``plan`` as the user edits and compares it with ``loaded.plan``.
    """

    plan: Plan
    dataset: Dataset
    engine: Engine
    loaded: LoadedPlan | None = None
    path: Path | None = None

    def evaluate(self) -> Evaluation:
        return self.engine.evaluate(self.plan)


def open_plan(path: Path, data_dir: Path | None = None) -> Workspace:
    """Read, resolve and check a plan file; raises PlanError naming every problem."""
    loaded, dataset = open_checked(path, data_dir)
    return Workspace(
        plan=loaded.plan, dataset=dataset, engine=engine_for(dataset), loaded=loaded, path=path
    )


def new_plan(dataset_path: Path | None = None, name: str = "New plan") -> Workspace:
    """An unsaved plan on a dataset (the bundled reference data by default): all from China."""
    folder = dataset_path or reference_dataset_path()
    dataset = load_dataset(folder)
    dataset_value = "reference" if dataset_path is None else dataset.name
    plan = Plan(
        name=name, dataset=dataset_value, defaults=Defaults(split=ALL_CHINA, stockpile_days=0)
    )
    return Workspace(plan=plan, dataset=dataset, engine=engine_for(dataset))
