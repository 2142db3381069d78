"""How many examples a property test asks for, relative to the loaded profile.

``tests/conftest.py`` loads a quick profile locally and a thorough one in CI; a
property that is cheaper or more important than most scales that count.
"""

from __future__ import annotations

from hypothesis import settings


def examples(factor: float = 1.0) -> int:
    """``factor`` times the profile's ``max_examples``, at least 10."""
    return max(10, round(settings.default.max_examples * factor))
