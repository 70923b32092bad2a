"""The formats units send besides .xlsx, as ``RawWorkbook``s the form reader walks like any other.

- .xls and WPS .et (OLE compound files) and .ods: python-calamine, a maintained Rust reader that
  handles all three and reports merged ranges for .xls/.et (not for .ods, whose merged cells then
  read as their top-left cell plus blanks — the form reader fills 一级/二级 down either way).
  Values arrive typed: numbers become stored text as the lean reader keeps them, dates serials.
- .docx: python-docx; each top-level table becomes a sheet ``表1``, ``表2`` … with its merges
  (gridSpan, vMerge) as merged ranges, so a finding at ``表2!D5`` is table 2, row 5, column D.
- .doc (Word 97-2003, also WPS 文字 .wps): converted to .docx by LibreOffice when it is
  installed (``word97``), then read as a .docx; PX022 without it.
- a web page of tables (``html_tables``) and Excel 2003 XML (``xml2003``): the text files budget
  systems export as "Excel", often named .xls.

Encrypted files and .xlsb keep the lean reader's refusals (``ooxml.sniff``).
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ooxml import sniff
from ..ooxml.ole import ole_names
from ..ooxml.rawbook import RawCell, RawSheet, RawWorkbook, cell_ref
from ..read.coerce import date_to_serial
from ..template import contract

_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


def other_format(path: str | Path, blob: bytes | None = None) -> str | None:
    """"xls" (also .et), "ods", "docx", "doc" (also WPS 文字 .wps), "html" or "xml2003" when the
    bytes are one of those,
    else None (the lean .xlsx reader then decides, and refuses with its precise reason).
    ``blob``: the file's bytes when the caller has read them already."""
    try:
        with (io.BytesIO(blob) if blob is not None else open(path, "rb")) as fh:
            head = fh.read(8192)
            if head.startswith(sniff.OLE_MAGIC):
                names = ole_names(fh)
                if "encryptedpackage" in names:
                    return None
                if names & {"workbook", "book"}:
                    return "xls"
                return "doc" if "worddocument" in names else None
    except OSError:
        return None
    if not head.startswith(b"PK"):
        return sniff.text_format(head)      # a web page or Excel 2003 XML, or None
    if blob is not None and b"mimetype" not in blob and b"document.xml" not in blob:
        return None     # a member's name is stored as is in the zip: neither can be there
    try:
        with zipfile.ZipFile(io.BytesIO(blob) if blob is not None else path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and zf.read("mimetype").strip() == _ODS_MIME:
                return "ods"
            if "word/document.xml" in names and "xl/workbook.xml" not in names:
                return "docx"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError):
        return None
    return None


def read_other(path: str | Path, kind: str, blob: bytes | None = None) -> RawWorkbook:
    """Read a .xls/.et/.ods, a .docx, an HTML page or Excel 2003 XML into a RawWorkbook;
    InputError when it cannot be read. ``blob``: the file's bytes when the caller has read them
    (then they, not the file as it is now, are read)."""
    sniff.check_path(path)
    if kind == "docx":
        return read_docx_tables(path)
    if blob is None:
        try:
            blob = Path(path).read_bytes()
        except OSError as exc:
            raise InputError("PX006", path=str(path), detail=str(exc)[:80]) from None
    if kind == "doc":
        from .word97 import doc_as_docx

        return read_docx_tables(path, doc_as_docx(path, blob))
    if kind in ("html", "xml2003"):
        from .html_tables import read_html
        from .xml2003 import read_xml2003

        return (read_html if kind == "html" else read_xml2003)(path, blob)
    return read_calamine(path, kind, blob)


def _cell(value: object) -> RawCell | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return RawCell("b", value)
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            return RawCell("e", "#NUM!")
        return RawCell("n", repr(value) if isinstance(value, float) else str(value))
    if isinstance(value, datetime):
        return RawCell("n", str(date_to_serial(value.date())), numfmt="yyyy-mm-dd")
    if isinstance(value, date):
        return RawCell("n", str(date_to_serial(value)), numfmt="yyyy-mm-dd")
    if isinstance(value, (time, timedelta)):
        return RawCell("s", str(value))
    return RawCell("s", str(value))


def read_calamine(path: str | Path, kind: str, blob: bytes | None = None) -> RawWorkbook:
    from python_calamine import CalamineWorkbook

    try:   # from the bytes, not the name: an .ods saved as 自评表.xlsx is still an .ods
        if blob is None:
            blob = Path(path).read_bytes()
        book = CalamineWorkbook.from_filelike(io.BytesIO(blob))
    except Exception as exc:   # the Rust reader raises its own types for damaged files
        raise _unreadable(path, kind, str(exc)) from None
    raw = RawWorkbook(path=str(path))
    for name in book.sheet_names:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = sheet.merged_cell_ranges or []
        except Exception:
            continue     # a chart sheet or a sheet calamine cannot decode: not a form
        rs = RawSheet(name)
        for r, row in enumerate(rows[: contract.MAX_SHEET_ROWS], start=1):
            for c, value in enumerate(row[: contract.MAX_SHEET_COLS], start=1):
                cell = _cell(value)
                if cell is not None:
                    rs.cells[(r, c)] = cell
        rs.truncated = len(rows) > contract.MAX_SHEET_ROWS
        for (r1, c1), (r2, c2) in merged:
            rs.merged.append(f"{cell_ref(r1 + 1, c1 + 1)}:{cell_ref(r2 + 1, c2 + 1)}")
        raw.sheets[name] = rs
    if not any(rs.cells for rs in raw.sheets.values()):
        raise _unreadable(path, kind, "no readable cell")
    try:
        from python_calamine import SheetVisibleEnum

        raw.hidden = frozenset(m.name for m in book.sheets_metadata
                               if m.visible != SheetVisibleEnum.Visible)
    except Exception:  # noqa: BLE001 - an older calamine without sheet states: none hidden
        pass
    return raw


def _unreadable(path: str | Path, kind: str, why: str) -> InputError:
    """The refusal the lean reader gave before these formats were read (PX008 for an OLE file,
    PX006 for a zip that is no workbook), with calamine's reason."""
    if kind == "ods":
        return InputError("PX006", path=str(path), detail=f"OpenDocument (.ods): {why[:80]}")
    return InputError("PX008", path=str(path), detail=f"Excel 97-2003 / WPS: {why[:80]}")


def read_docx_tables(path: str | Path, blob: bytes | None = None) -> RawWorkbook:
    """Every top-level table of a .docx as a sheet ``表N``, merged cells resolved, then the
    sheets of the Excel workbooks embedded in it as objects (``对象N·<sheet>``). ``blob``: the
    .docx's bytes when they are not the file's (a .doc converted by ``word97``)."""
    import docx

    from .embedded import embedded_sheets
    from .word_continued import join_continued

    try:
        zf, _, _ = _open_docx(path, blob)
        with zf:
            objects = embedded_sheets(zf, path, read_calamine)
        document = docx.Document(str(path) if blob is None else io.BytesIO(blob))
    except InputError:
        raise
    except Exception as exc:
        raise InputError("PX006", path=str(path),
                         detail=f"Word 文档无法读取 / unreadable .docx: {str(exc)[:80]}") from None
    raw = RawWorkbook(path=str(path))
    captions = _captions(document)
    for n, table in enumerate(document.tables, start=1):
        caption = captions[n - 1] if n <= len(captions) else ()
        _table_sheets(raw, table, f"表{n}", caption)
    join_continued(raw)                 # a form split over several tables is one
    for rs, _ours in objects:           # Excel workbooks embedded as objects (``embedded``)
        raw.sheets.setdefault(rs.name, rs)
    raw.generated = frozenset(rs.name for rs, ours in objects if ours)
    return raw


def _table_sheets(raw: RawWorkbook, table: Any, name: str, caption: tuple[str, ...],
                  depth: int = 0) -> None:
    """The table as the sheet ``name``, merged cells resolved; then each table nested in one
    of its cells (a form inside a one-cell frame) as ``name-1``, ``name-2`` …, its caption the
    short paragraphs above it in that cell after the outer table's."""
    rs = RawSheet(name, caption=caption)
    first: dict[int, tuple[int, int, int, int]] = {}
    nested: list[tuple[Any, tuple[str, ...]]] = []
    grid = table._cells              # one _Cell per grid position, repeated over merges
    width = max(table._column_count, 1)
    for i, cell in enumerate(grid[: contract.MAX_SHEET_ROWS * width]):
        r, c = i // width + 1, i % width + 1
        if c > contract.MAX_SHEET_COLS:
            continue
        key = id(cell)
        if key in first:
            r1, c1, r2, c2 = first[key]
            first[key] = (r1, c1, max(r, r2), max(c, c2))
            continue
        first[key] = (r, c, r, c)
        text = cell.text.strip()     # the cell's own paragraphs, not its nested tables
        if text:
            rs.cells[(r, c)] = RawCell("s", text)
        if depth < 2:
            nested += [(t, caption + lines) for t, lines in zip(cell.tables, _captions(cell))]
    for r1, c1, r2, c2 in first.values():
        if (r1, c1) != (r2, c2):
            rs.merged.append(f"{cell_ref(r1, c1)}:{cell_ref(r2, c2)}")
    raw.sheets[rs.name] = rs
    for k, (inner, lines) in enumerate(nested, start=1):
        _table_sheets(raw, inner, f"{name}-{k}", lines[-CAPTION_LINES:], depth + 1)


#: A Word table's caption: the short paragraphs directly above it (title, year, 项目名称：…,
#: 主管部门：…, unit line), at most this many, each at most CAPTION_CHARS long; a longer
#: paragraph or a sentence (ending 。！？: the report's own text, 2024年计划安排资金…。) ends the
#: caption.
CAPTION_LINES, CAPTION_CHARS = 6, 100
_SENTENCE_END = ("。", "！", "？", "!", "?")
#: A report's title naming the year (某局2023年度…绩效自评报告): every table's farthest caption
#: line, so a 附表 without a year line is for that year.
_REPORT_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度")


def _captions(document: Any) -> list[tuple[str, ...]]:
    """For each top-level table, in order, its caption (``CAPTION_LINES``): the 附表's title,
    year, header fields and unit lines when they stand outside the table. ``document`` may
    also be a table's cell (the tables nested in it)."""
    from docx.oxml.ns import qn

    out: list[tuple[str, ...]] = []
    recent: list[str] = []
    title: tuple[str, ...] = ()
    first = True
    body = document.element.body if hasattr(document, "element") else document._tc
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t"))).strip()
            sentence = len(text) > CAPTION_CHARS or text.endswith(_SENTENCE_END)
            if text and first:           # the report's title: 某局2023年度…绩效自评报告
                first = False
                title = (text,) if not sentence and _REPORT_YEAR.search(text) else ()
            if sentence:
                recent = []
            elif text:
                recent.append(text)
        elif child.tag == qn("w:tbl"):
            lines = tuple(recent[-CAPTION_LINES:])
            # the title farthest: it gives the year only when the lines above the table do not
            out.append(lines if not title or title[0] in lines else title + lines)
            recent = []
    return out


def _open_docx(path: str | Path, blob: bytes | None = None):
    """The zip with the lean reader's size and part limits applied (a bomb is refused first)."""
    try:
        zf = zipfile.ZipFile(path if blob is None else io.BytesIO(blob))
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError("PX005", path=str(path), detail=str(exc)[:80]) from None
    try:
        sniff.check_zip_limits(zf, path)
        from ..ooxml.prologue import check_prologues

        check_prologues(zf, path)
    except BaseException:
        zf.close()
        raise
    return zf, "docx", "word/document.xml"
