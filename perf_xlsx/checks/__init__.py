"""checks — findings about a project: money (PX2xx), indicators and targets (PX3xx), goal texts.

Each check is ``(project, ...) -> list[Finding]`` and never raises on bad data. The scoring rules
(PX4xx) live in ``scoring``; ``check.check_project`` runs both.
"""
from __future__ import annotations

from .. import lazy_exports

_EXPORTS = {"check_money": "money", "check_indicators": "indicators", "check_goals": "goals"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
