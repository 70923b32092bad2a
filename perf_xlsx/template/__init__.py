"""template — the contract and the workbook built from it.

``contract`` is the one place sheet names, defined names, cells, Table names and headers, the
indicator taxonomy and the limits are spelled; ``build`` writes the input template from it
(``python -m perf_xlsx.template``), ``contract_doc`` writes docs/template.md from it and
``readme`` keeps README.md's contract section in step.
"""
from __future__ import annotations

from .. import lazy_exports

_EXPORTS = {"build_template": "build", "contract_markdown": "contract_doc"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
