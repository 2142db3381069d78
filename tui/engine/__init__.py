"""The calculation of SPEC §5, in polars. Knows nothing of TOML or Textual.

Use ``Engine(dataset)`` once per dataset, then ``engine.evaluate(plan)`` for a plan
and ``engine.reevaluate(previous, plan, element)`` after one element changed.
"""

from tui.engine.evaluate import Engine
from tui.engine.results import CaseResult, Evaluation, Portfolio

__all__ = ["CaseResult", "Engine", "Evaluation", "Portfolio"]
