"""scoring — execution score, indicator scores, rescaling, total and grade, by profile.

``score_project(project, profile)`` → ``ScoreSummary`` plus the PX4xx findings (``rules``);
``profiles`` holds the provincial frames as data (``get_profile``, ``load_profile``).
"""
from __future__ import annotations

from .. import lazy_exports

_EXPORTS = {"score_project": "score", "get_profile": "profiles", "load_profile": "profiles",
            "Profile": "profiles"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
