"""read — a raw workbook → ``Project`` (model.py), every value carrying its sheet and cell.

``load_project(path)`` reads a filled template (defined names first, labels as fallback, the two
Tables by name or header); ``cells`` turns one cell into a ``Value`` (coercion findings included);
``project_json`` / ``project_text`` show a project (``perf-xlsx show``).
"""
from __future__ import annotations

from .. import lazy_exports

_EXPORTS = {"load_project": "reader", "project_from_raw": "reader",
            "project_to_dict": "project_json"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
