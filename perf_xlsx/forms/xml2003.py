"""Excel 2003 XML (SpreadsheetML) as a ``RawWorkbook``: the "XML 表格" older budget systems
export, often saved as .xls or .xml.

One sheet per ``Worksheet``. ``ss:Index`` places a row or a cell after a gap, ``ss:MergeAcross``
and ``ss:MergeDown`` give the merged ranges, ``ss:Type`` the kind of each value, and the cell's
style's ``NumberFormat`` tells a percentage or a date. The bytes are parsed through
``ooxml.safe_xml`` (no DTD, no entities, no network), as every part of an .xlsx is.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ooxml.rawbook import RawCell, RawSheet, RawWorkbook, cell_ref
from ..read.coerce import date_to_serial
from ..template import contract
from .html_tables import SPAN_LIMIT

SS = "urn:schemas-microsoft-com:office:spreadsheet"
_DATE_CODE = re.compile(r"(?:^|[^0#])(?:yy|mm|dd|m/d|d/m)", re.I)


def _q(name: str) -> str:
    return f"{{{SS}}}{name}"


def _formats(root: Any) -> dict[str, str]:
    """Style id → a number format as the reader reads them: a percentage, a date, or as written
    (``Percent``, ``Short Date`` and ``Fixed`` are the format's own names)."""
    out: dict[str, str] = {}
    for style in root.iter(_q("Style")):
        fmt = style.find(_q("NumberFormat"))
        code = fmt.get(_q("Format")) if fmt is not None else None
        if not code:
            continue
        low = code.lower()
        out[style.get(_q("ID"), "")] = (
            "0.00%" if low == "percent" or "%" in code else
            "yyyy-mm-dd" if "date" in low or _DATE_CODE.search(low) else
            "0.00" if low in ("fixed", "standard") else code)
    return out


def _cell(cell: Any, formats: dict[str, str]) -> RawCell | None:
    data = cell.find(_q("Data"))
    if data is None:
        return None
    text = "".join(data.itertext())
    kind, clean = data.get(_q("Type"), "String"), text.strip()
    if kind == "Number":
        try:
            float(clean)
            return RawCell("n", clean, numfmt=formats.get(cell.get(_q("StyleID"), ""), "General"))
        except ValueError:
            pass
    elif kind == "DateTime":
        try:
            return RawCell("n", str(date_to_serial(date.fromisoformat(clean[:10]))),
                           numfmt="yyyy-mm-dd")
        except ValueError:
            pass
    elif kind == "Boolean":
        return RawCell("b", clean in ("1", "true"))
    elif kind == "Error":
        return RawCell("e", clean)
    return RawCell("s", text) if clean else None


def _number(el: Any, name: str, default: int, low: int) -> int:
    try:
        return max(int(el.get(_q(name), default)), low)
    except ValueError:
        return default


def _sheet(ws: Any, name: str, formats: dict[str, str]) -> RawSheet:
    rs = RawSheet(name)
    table = ws.find(_q("Table"))
    r = 0
    for row in table.iterfind(_q("Row")) if table is not None else ():
        r = _number(row, "Index", r + 1, 1)
        if r > contract.MAX_SHEET_ROWS:
            rs.truncated = True
            break
        c = 0
        for cell in row.iterfind(_q("Cell")):
            c = _number(cell, "Index", c + 1, 1)
            across = min(_number(cell, "MergeAcross", 0, 0), SPAN_LIMIT)
            down = min(_number(cell, "MergeDown", 0, 0), SPAN_LIMIT)
            if c <= contract.MAX_SHEET_COLS:
                value = _cell(cell, formats)
                if value is not None:
                    rs.cells[(r, c)] = value
                if across or down:
                    rs.merged.append(f"{cell_ref(r, c)}:{cell_ref(r + down, c + across)}")
            c += across
    return rs


def read_xml2003(path: str | Path, blob: bytes) -> RawWorkbook:
    """The workbook, one sheet per Worksheet; PX010 when it cannot be parsed or holds no cell."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    from ..ooxml.safe_xml import parse

    try:
        root = parse(blob)
    except DefusedXmlException as exc:      # a DTD or entities: refused as in any .xlsx part
        raise InputError("PX016", path=str(path), part=Path(path).name,
                         detail=type(exc).__name__) from None
    except (ParseError, ValueError) as exc:
        raise InputError("PX010", path=str(path),
                         detail=f"Excel 2003 XML: {str(exc)[:80]}") from None
    formats = _formats(root)
    raw = RawWorkbook(path=str(path))
    for n, ws in enumerate(root.iterfind(_q("Worksheet")), start=1):
        name = ws.get(_q("Name")) or f"Sheet{n}"
        raw.sheets.setdefault(name, _sheet(ws, name, formats))
    if not any(rs.cells for rs in raw.sheets.values()):
        raise InputError("PX010", path=str(path), detail="Excel 2003 XML")
    return raw
