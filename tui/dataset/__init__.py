"""Datasets: finding a dataset folder and loading it into a validated ``Dataset``.

No Textual here: the headless command line loads datasets too.
"""

from tui.dataset.loader import clear_dataset_cache, load_dataset
from tui.dataset.lookup import find_dataset, reference_dataset_path

__all__ = ["clear_dataset_cache", "find_dataset", "load_dataset", "reference_dataset_path"]
