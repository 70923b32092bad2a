"""batch — many workbooks at once: collect the files, check them in a process pool with a
per-file time bound (``pool``), each with the 自评报告 sent beside it (``pairs``), stream the
reviewers' summary workbook (``summary``), and give the results as pandas DataFrames to
programs (``frames``).
"""
from __future__ import annotations

from .. import lazy_exports

_EXPORTS = {"collect_files": "pool", "run_batch": "pool", "BatchOptions": "pool",
            "in_order": "pool", "write_summary": "summary", "results_frame": "frames",
            "summary_frames": "frames"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
