"""Excel workbooks a .docx 自评报告 holds as embedded objects: the 自评表 pasted from Excel as a
"Microsoft Excel 工作表 对象" rather than as a Word table.

Word keeps such an object as a part under ``word/embeddings/``: an .xlsx (or .xlsm) as it is,
an Excel 97-2003 sheet as an OLE storage (``oleObjectN.bin``) holding the workbook stream. Each
is read as a workbook of its own (the lean reader, or python-calamine) and its sheets join the
document's tables named ``对象N·<sheet>``: double-clicking object N in Word opens that sheet in
Excel, where a finding's cell is. A damaged object is left out; the tables still count.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Callable

from ..errors import InputError
from ..ooxml.ole import ole_names
from ..ooxml.rawbook import RawSheet, RawWorkbook
from ..ooxml.sniff import OLE_MAGIC

_OBJECT = re.compile(r"^word/embeddings/[^/]+\.(xlsx|xlsm|bin)$", re.I)


def embedded_sheets(zf: zipfile.ZipFile, path: str | Path,
                    read_xls: Callable[[str | Path, str, bytes], RawWorkbook]
                    ) -> list[tuple[RawSheet, bool]]:
    """The sheets of every Excel workbook embedded in the document, in part order, renamed
    ``对象N·<sheet>`` (N counts the workbooks read), each with True when perf-xlsx wrote it
    (a checked workbook pasted into the report: its 自评表 and 检查结果 are not the unit's).
    ``read_xls``: the .xls reader (``sources.read_calamine``)."""
    out: list[tuple[RawSheet, bool]] = []
    n = 0
    for name in sorted(zf.namelist(), key=_part_order):
        m = _OBJECT.match(name)
        if not m:
            continue
        try:
            raw = _workbook(zf.read(name), path, m.group(1).lower(), read_xls)
        except (InputError, zipfile.BadZipFile, OSError, ValueError, RuntimeError):
            continue
        if raw is None or not any(rs.cells for rs in raw.sheets.values()):
            continue
        n += 1
        for sheet, rs in raw.sheets.items():
            rs.name = f"对象{n}·{sheet}"
            out.append((rs, sheet in raw.generated))
    return out


def _part_order(name: str) -> tuple:
    """oleObject2.bin before oleObject10.bin: by the numbers in the name."""
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", name.lower()))


def _workbook(data: bytes, path: str | Path, ext: str,
              read_xls: Callable[[str | Path, str, bytes], RawWorkbook]) -> RawWorkbook | None:
    if ext != "bin":
        from ..ooxml.package import read_raw_workbook

        return read_raw_workbook(path, blob=data)
    if not data.startswith(OLE_MAGIC) or not ole_names(io.BytesIO(data)) & {"workbook", "book"}:
        return None                   # another kind of object (a Word picture, a chart)
    return read_xls(path, "xls", data)
