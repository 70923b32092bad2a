"""write — the 自评表 and 检查结果 sheets, spliced into the user's own file.

``build_result_sheets`` lays the two sheets out with xlsxwriter (``form_sheet``,
``findings_sheet``); ``write_results`` splices them into the original package (every other part
byte-identical), verifies and replaces atomically (``safe_write``).
"""
from __future__ import annotations

from .. import lazy_exports

_EXPORTS = {"write_results": "writer", "build_result_sheets": "writer"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
