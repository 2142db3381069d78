"""The calculation of a plan's figures, in polars. Knows nothing of TOML or Textual.

Use ``Engine(dataset)`` once per dataset, then ``engine.evaluate(plan)`` for each plan.
"""

from tui.engine.evaluate import Engine
from tui.engine.results import CaseResult, Evaluation, Portfolio
from tui.engine.warnings import EngineWarning

__all__ = ["CaseResult", "Engine", "EngineWarning", "Evaluation", "Portfolio"]
