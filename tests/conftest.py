"""Settings shared by the whole suite: how hard the property tests try.

Two hypothesis profiles: ``quick`` for a developer's run (a few dozen examples per
property, so the whole suite stays well under two minutes) and ``thorough`` for CI
(ten times as many). CI sets ``CI=true``; ``HYPOTHESIS_PROFILE`` chooses explicitly.
A property that deserves more (or fewer) examples than the others asks for a multiple
of the profile's count with ``examples(factor)``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_QUICK, _THOROUGH = 40, 400

settings.register_profile(
    "quick",
    max_examples=_QUICK,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    max_examples=_THOROUGH,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
_default = "thorough" if os.environ.get("CI", "").lower() in ("1", "true") else "quick"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _default))
