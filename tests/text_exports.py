"""A form sheet (built with openpyxl) written out as the text files budget systems export as
"Excel": an HTML page of tables, as a system writes it (GBK, a <meta charset>, the title lines
as paragraphs above the table, rowspan/colspan for merges), and Excel 2003 XML as Excel writes
it (ss:Index after gaps, ss:MergeAcross/ss:MergeDown, typed Data, a Percent style)."""
from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from openpyxl import load_workbook


def _grid(path: Path, sheet: str | None = None) -> tuple[Any, dict, set]:
    """The sheet, its merges by top-left cell (rows, cols) and the cells they cover."""
    wb = load_workbook(path)
    ws = wb[sheet] if sheet else wb.active
    spans, covered = {}, set()
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1,
                                             rng.max_col - rng.min_col + 1)
        covered |= {(r, c) for r in range(rng.min_row, rng.max_row + 1)
                    for c in range(rng.min_col, rng.max_col + 1)} - {(rng.min_row, rng.min_col)}
    return ws, spans, covered


def _shown(cell: Any) -> str:
    """The text a cell shows (a number as typed, a percentage with its %)."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
        if "%" in (cell.number_format or ""):
            return f"{Decimal(str(v)) * 100:f}".rstrip("0").rstrip(".") + "%"
        return format(Decimal(str(v)), "f")
    return str(v)


def to_html(xlsx: Path, out: Path, encoding: str = "gbk", lines_outside: bool = True) -> Path:
    """The sheet as a budget system's HTML export: the leading one-cell rows (title, year,
    unit) as paragraphs above the table when ``lines_outside``, the rest as one table."""
    ws, spans, covered = _grid(xlsx)
    rows = list(range(1, ws.max_row + 1))
    lines = []
    while lines_outside and rows:
        filled = [c for c in ws[rows[0]] if c.value is not None]
        if len(filled) > 1 or (rows[0], filled[0].column if filled else 1) in spans:
            break
        if filled:
            lines.append(f"<p align=center><b>{html.escape(_shown(filled[0]))}</b></p>")
        rows.pop(0)
    body = []
    for r in rows:
        tds = []
        for c in range(1, ws.max_column + 1):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f" colspan={cs}" if cs > 1 else "")
            text = html.escape(_shown(ws.cell(r, c))).replace("\n", "<br>") or "&nbsp;"
            tds.append(f"<td{attrs}>{text}</td>")
        body.append("<tr>" + "".join(tds) + "</tr>")
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset={encoding}"><title>导出</title><style>td{{border:1px solid}}</style>'
            f'</head><body>{"".join(lines)}<table border=1 cellspacing=0>'
            + "\n".join(body) + "</table></body></html>")
    out.write_bytes(page.encode(encoding))
    return out


def to_xml2003(xlsx: Path, out: Path, sheet_name: str = "自评表") -> Path:
    """The sheet as Excel 2003 XML, as Excel writes it."""
    ws, spans, covered = _grid(xlsx)
    rows, last_row = [], 0
    for r in range(1, ws.max_row + 1):
        cells, last_col = [], 0
        for c in range(1, ws.max_column + 1):
            cell = ws.cell(r, c)
            if (r, c) in covered or (cell.value is None and (r, c) not in spans):
                continue
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f' ss:Index="{c}"' if c != last_col + 1 else "") + \
                (f' ss:MergeAcross="{cs - 1}"' if cs > 1 else "") + \
                (f' ss:MergeDown="{rs - 1}"' if rs > 1 else "")
            v = cell.value
            if v is None:
                data = ""
            elif isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
                if "%" in (cell.number_format or ""):
                    attrs += ' ss:StyleID="pct"'
                data = f'<Data ss:Type="Number">{v}</Data>'
            else:
                data = f'<Data ss:Type="String">{escape(str(v))}</Data>'
            cells.append(f"<Cell{attrs}>{data}</Cell>")
            last_col = c + cs - 1
        if cells:
            index = f' ss:Index="{r}"' if r != last_row + 1 else ""
            rows.append(f"<Row{index}>" + "".join(cells) + "</Row>")
            last_row = r
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:x="urn:schemas-microsoft-com:office:excel" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
           '<Styles><Style ss:ID="Default" ss:Name="Normal"/>'
           '<Style ss:ID="pct"><NumberFormat ss:Format="Percent"/></Style></Styles>'
           f'<Worksheet ss:Name={quoteattr(sheet_name)}><Table>' + "\n".join(rows)
           + "</Table></Worksheet></Workbook>")
    out.write_bytes(doc.encode("utf-8"))
    return out
