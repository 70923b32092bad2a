"""report — the Word 自评报告: drafted from a checked project, and an existing one checked.

``build_report(report, out)`` drafts the .docx (``style``, ``table``, ``figures``);
``check_report_file(path, project, score)`` checks a report's figures against the workbook
(``mentions`` finds them; ``indicator_values`` the indicators' results it states). ``figures``
holds the one rounding and comparison rule for rates.
"""
from __future__ import annotations

from .. import lazy_exports

_EXPORTS = {"build_report": "docx", "check_report_file": "check", "check_report_text": "check"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
