"""forms — the 自评表 as units publish it: any sheet of an .xlsx/.xlsm, .xls/.et/.ods, the
附表 of a .docx 自评报告, or a system's HTML / Excel 2003 XML export, found by its labels rather
than fixed cells.

``labels`` is the one place the official wording and its aliases are spelled; ``sources`` turns
.xls/.et/.ods (python-calamine), .docx tables (python-docx) and the workbooks embedded in a
.docx (``embedded``), HTML pages (``html_tables``, lxml) and Excel 2003 XML (``xml2003``) into
raw workbooks; ``grid`` and ``parse`` find the form and read it into a ``Project`` whose
``form`` holds the layout, each field's source cell and the printed figures (checked by
``checks.printed``).
"""
from __future__ import annotations

from .. import lazy_exports

_EXPORTS = {"find_forms": "parse", "project_from_form": "parse", "other_format": "sources",
            "read_other": "sources"}
__all__ = list(_EXPORTS)
__getattr__ = lazy_exports(__name__, _EXPORTS)
