"""Suggest: the least-cost splits under the planner's limits (exposure target, capacity,
stress cases to survive, kept elements, max share), found with an LP solver.

Free of Textual. The solver (highspy) is imported only inside ``tui.suggest.solver``
when a suggestion or an explanation is asked for, so importing this package stays
cheap for the command line and the app.
"""

from tui.suggest.core import NoSuggestion, SuggestError, Suggestion, suggest
from tui.suggest.explain import Explanation
from tui.suggest.limits import Limits, percent_text

__all__ = [
    "Explanation",
    "Limits",
    "NoSuggestion",
    "SuggestError",
    "Suggestion",
    "percent_text",
    "suggest",
]
