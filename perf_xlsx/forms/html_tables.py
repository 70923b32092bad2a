"""An HTML page of tables as a ``RawWorkbook``: what many budget systems' "export to Excel"
gives (a web page saved as .xls), and Excel's own "save as web page".

lxml's HTML parser reads it as forgivingly as a browser does. The page is one sheet, named as
Excel names it when it opens the file (the file's name), laid out as Excel lays it out: each
line of text outside the tables (title, year, ``项目名称：…``) is a row of column A, and each
table's rows follow, ``rowspan`` / ``colspan`` becoming merged ranges. A table that holds
tables (a page laid out with one) is walked into, its cells' lines and tables in turn. A cell's
``x:num`` (Excel's own HTML) is its number; every other cell is text, as in a Word table.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ooxml.rawbook import RawCell, RawSheet, RawWorkbook, cell_ref
from ..template import contract

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_GB = ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936")
#: A rowspan or colspan beyond this is a broken page, not a form.
SPAN_LIMIT = 200
_SKIPPED = ("script", "style", "head", "title", "noscript")


def decode_html(blob: bytes) -> str:
    """The page's text: by its BOM, else its ``<meta charset>``, else UTF-8, else GB18030 (what
    Chinese systems write without saying so)."""
    if blob.startswith(b"\xef\xbb\xbf"):
        return blob[3:].decode("utf-8", errors="replace")
    if blob.startswith((b"\xff\xfe", b"\xfe\xff")):
        return blob.decode("utf-16", errors="replace")
    m = _CHARSET.search(blob[:4096])
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        try:
            return blob.decode("gb18030" if name in _GB else name, errors="replace")
        except LookupError:
            pass
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError:
        return blob.decode("gb18030", errors="replace")


def text_of(el: Any) -> str:
    """An element's text: ``<br>`` as a line break, ``&nbsp;`` as a space, the page's own line
    breaks and runs of spaces (layout only) folded."""
    for br in list(el.iter("br")):
        br.tail = "\n" + (br.tail or "")
        br.drop_tag()
    for junk in list(el.iter(*_SKIPPED)):
        if junk is not el:
            junk.drop_tree()
    lines = (" ".join(line.split()) for line in el.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def span(value: str | None) -> int:
    """A rowspan / colspan attribute as a count of 1 … SPAN_LIMIT."""
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(n, 1), SPAN_LIMIT)


def _cell(td: Any) -> RawCell | None:
    text = text_of(td)
    num = td.get("x:num")
    if num is not None:               # Excel's HTML: the number (empty: the text is the number)
        value = (num or text).strip().replace(",", "")
        try:
            float(value)
            return RawCell("n", value, numfmt="0.00%" if text.endswith("%") else "General")
        except ValueError:
            pass
    return RawCell("s", text) if text else None


class _Page:
    """Rows as Excel lays out an HTML page: lines of text, then each table's rows."""

    def __init__(self, sheet: RawSheet) -> None:
        self.sheet, self.row = sheet, 0

    def line(self, text: str) -> None:
        text = " ".join(text.split())
        if text and self.row < contract.MAX_SHEET_ROWS:
            self.row += 1
            self.sheet.cells[(self.row, 1)] = RawCell("s", text)

    def table(self, table: Any) -> None:
        taken: set[tuple[int, int]] = set()
        last = self.row
        for i, tr in enumerate(table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"),
                               start=self.row + 1):
            if i > contract.MAX_SHEET_ROWS:
                self.sheet.truncated = True
                break
            c = 1
            for td in tr.xpath("./td|./th"):
                while (i, c) in taken:
                    c += 1
                rs, cs = span(td.get("rowspan")), span(td.get("colspan"))
                if c <= contract.MAX_SHEET_COLS:
                    cell = _cell(td)
                    if cell is not None:
                        self.sheet.cells[(i, c)] = cell
                    if rs > 1 or cs > 1:
                        end = cell_ref(min(i + rs - 1, contract.MAX_SHEET_ROWS), c + cs - 1)
                        self.sheet.merged.append(f"{cell_ref(i, c)}:{end}")
                taken.update((r, k) for r in range(i, min(i + rs, contract.MAX_SHEET_ROWS + 1))
                             for k in range(c, min(c + cs, contract.MAX_SHEET_COLS + 1)))
                c += cs
            last = max(last, i)
        self.row = min(max([last, *(r for r, _c in taken)]), contract.MAX_SHEET_ROWS)

    def walk(self, el: Any) -> None:
        if el.text and el.text.strip():
            self.line(el.text)
        for child in el:
            if not isinstance(child.tag, str) or child.tag in _SKIPPED:
                pass
            elif child.find(".//table") is not None:
                self.walk(child)      # a block, or a layout table, around the tables: inside
            elif child.tag == "table":
                self.table(child)
            else:
                for piece in text_of(child).split("\n"):
                    self.line(piece)
            if child.tail and child.tail.strip():
                self.line(child.tail)


def sheet_name_of(path: str | Path) -> str:
    """The name Excel gives the one sheet of an HTML file it opens: the file's name, without the
    characters a sheet name cannot hold, at most 31 characters."""
    name = re.sub(r"[\[\]:*?/\\]", "_", Path(path).stem).strip("'") or "Sheet1"
    return name[:31]


def read_html(path: str | Path, blob: bytes) -> RawWorkbook:
    """The page as one sheet (see the module's docstring); PX010 when it holds no table."""
    import lxml.html
    from lxml import etree

    try:
        doc = lxml.html.document_fromstring(decode_html(blob))
    except (etree.ParserError, ValueError) as exc:
        raise InputError("PX010", path=str(path), detail=f"HTML: {str(exc)[:80]}") from None
    if doc.find(".//table") is None:
        raise InputError("PX010", path=str(path), detail="HTML")
    body = doc.find("body")
    rs = RawSheet(sheet_name_of(path))
    _Page(rs).walk(body if body is not None else doc)
    raw = RawWorkbook(path=str(path))
    raw.sheets[rs.name] = rs
    return raw
