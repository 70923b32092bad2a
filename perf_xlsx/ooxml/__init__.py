"""ooxml — the lean package layer: bytes → zip parts → raw sheets, with no openpyxl.

What a file is (``sniff_file``), the zip and XML limits, and ``read_raw_workbook(path)`` →
``RawWorkbook`` (cells as stored, defined names, Tables, number formats); formulas without cached
results are evaluated here (``formulas``). ``package_view`` holds a package as parts for the
writers. Depends only on ``errors`` and ``template.contract`` (limits).
"""
from __future__ import annotations

from .. import lazy_exports

_EXPORTS = {"sniff_file": "sniff", "read_raw_workbook": "package", "RawWorkbook": "rawbook",
            "RawSheet": "rawbook", "RawCell": "rawbook", "RawTable": "rawbook"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
