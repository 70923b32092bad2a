"""batch — many workbooks at once: collect the files, check them in a process pool with a
per-file time bound (``pool``), and write the reviewers' summary workbook (``summary``).
"""
from __future__ import annotations

from .. import lazy_exports

_EXPORTS = {"collect_files": "pool", "run_batch": "pool", "BatchOptions": "pool",
            "write_summary": "summary"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
