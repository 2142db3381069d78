"""Plan files: reading and validating TOML, checking against a dataset, canonical
writing, safe saving, comparing and validating folders (SPEC §4 and §6).

Free of Textual, so the command line and the app share it and start fast.
"""

from tui.planfile.check import check_plan
from tui.planfile.diff import PlanChange, diff_plans
from tui.planfile.reader import LoadedPlan, load_plan, parse_plan
from tui.planfile.store import save_plan
from tui.planfile.validate import validate_paths
from tui.planfile.writer import plan_to_toml

__all__ = [
    "LoadedPlan",
    "PlanChange",
    "check_plan",
    "diff_plans",
    "load_plan",
    "parse_plan",
    "plan_to_toml",
    "save_plan",
    "validate_paths",
]
