"""The lean raw reader: zip limits, then streaming defused XML parsing of the parts a check needs.

No openpyxl: each part is fed in chunks to an expat parser that defusedxml has armed (DTDs,
entities and external references are refused), with small handlers that keep only what
``RawWorkbook`` holds. Cells beyond contract.MAX_SHEET_ROWS/COLS are skipped, never stored.
"""
from __future__ import annotations

import posixpath
import time
import zipfile
import zlib
from typing import Iterable
from xml.etree.ElementTree import ParseError
from pyexpat import ExpatError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from . import contract
from .errors import InputError
from .rawbook import RawSheet, RawTable, RawWorkbook
from .sniff import PathLike, open_package, part_names
from .xlsx_sheet import BUILTIN_FORMATS, SheetHandler, unescape

_CHUNK = 1 << 16
_REL_DOC = "/officeDocument/2006/relationships/"


class _Stop:
    """A parser target with no callbacks: we install our own handlers on the expat parser."""


def _local(tag: str) -> str:
    return tag[tag.rfind("}") + 1:]


class _Rels:
    def __init__(self) -> None:
        self.items: list[tuple[str, str, str]] = []   # (Id, Type, Target) of internal targets

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "Relationship" and attrs.get("TargetMode") != "External":
            self.items.append((attrs.get("Id", ""), attrs.get("Type", ""), attrs.get("Target", "")))

    def of_type(self, suffix: str) -> list[str]:
        return [t for _, typ, t in self.items if typ.endswith(suffix)]


class _Workbook:
    def __init__(self) -> None:
        self.sheets: list[tuple[str, str]] = []        # (name, r:id) in order
        self.names: dict[str, str] = {}
        self.date1904 = False
        self._name: str | None = None
        self.buf: list[str] | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "sheet":
            rid = next((v for k, v in attrs.items() if k.endswith("}id")), "")
            self.sheets.append((attrs.get("name", ""), rid))
        elif local == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")
        elif local == "definedName":
            name = attrs.get("name", "")
            scoped = "localSheetId" in attrs or name.lower().startswith(("_xlnm.", "_xlfn."))
            self._name, self.buf = (None if scoped else name), []

    def end(self, tag: str) -> None:
        if self.buf is not None and _local(tag) == "definedName":
            if self._name:
                self.names[self._name] = "".join(self.buf).strip()
            self._name, self.buf = None, None

    def data(self, text: str) -> None:
        if self.buf is not None:
            self.buf.append(text)


class _Strings:
    def __init__(self) -> None:
        self.items: list[str] = []
        self.buf: list[str] = []
        self.in_t = False
        self.phonetic = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "t":
            self.in_t = not self.phonetic
        elif local == "si":
            self.buf = []
        elif local == "rPh":
            self.phonetic += 1

    def end(self, tag: str) -> None:
        local = _local(tag)
        if local == "t":
            self.in_t = False
        elif local == "si":
            self.items.append(unescape("".join(self.buf)))
        elif local == "rPh":
            self.phonetic -= 1

    def data(self, text: str) -> None:
        if self.in_t:
            self.buf.append(text)


class _Styles:
    def __init__(self) -> None:
        self.custom: dict[int, str] = {}
        self.xf_ids: list[int] = []
        self.in_xfs = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "xf" and self.in_xfs:
            self.xf_ids.append(_int(attrs.get("numFmtId"), 0))
        elif local == "numFmt":
            self.custom[_int(attrs.get("numFmtId"), -1)] = attrs.get("formatCode", "General")
        elif local == "cellXfs":
            self.in_xfs = True

    def end(self, tag: str) -> None:
        if _local(tag) == "cellXfs":
            self.in_xfs = False

    def formats(self) -> list[str]:
        return [self.custom.get(i) or BUILTIN_FORMATS.get(i, "General") for i in self.xf_ids]


class _Table:
    def __init__(self) -> None:
        self.attrs: dict[str, str] = {}
        self.headers: list[str] = []

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "tableColumn":
            self.headers.append(unescape(attrs.get("name", "")))
        elif local == "table":
            self.attrs = attrs

    def table(self) -> RawTable | None:
        a = self.attrs
        name = a.get("displayName") or a.get("name")
        if not name or not a.get("ref"):
            return None
        return RawTable(name, a["ref"], tuple(self.headers),
                        _int(a.get("headerRowCount"), 1), _int(a.get("totalsRowCount"), 0))


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def resolve_target(source_part: str, target: str) -> str:
    """A relationship target → normalised part name ('/xl/x.xml' is absolute, else relative)."""
    target = target.replace("\\", "/")
    if target.startswith("/"):
        joined = target.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(source_part), target)
    return posixpath.normpath(joined).lstrip("/").lower()


def rels_part(part: str) -> str:
    """'xl/workbook.xml' → 'xl/_rels/workbook.xml.rels'."""
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


class _Package:
    """One open package: part lookup, chunked defused parsing, the deadline."""

    def __init__(self, path: PathLike, zf: zipfile.ZipFile, deadline: float | None) -> None:
        self.path, self.zf, self.deadline = str(path), zf, deadline
        self.names = part_names(zf)

    def tick(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise InputError("PX018", path=self.path, limit=contract.MAX_SECONDS_PER_FILE)

    def parse(self, part: str, handler: object) -> bool:
        """Feed one part to ``handler``; False when the (optional) part is absent."""
        member = self.names.get(part)
        if member is None:
            return False
        self.tick()
        parser = DefusedXMLParser(target=_Stop(), forbid_dtd=True).parser
        parser.ordered_attributes = False
        parser.StartElementHandler = getattr(handler, "start")
        if hasattr(handler, "end"):
            parser.EndElementHandler = handler.end
        parser.CharacterDataHandler = getattr(handler, "data", None)
        try:
            with self.zf.open(member) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    parser.Parse(chunk, False)
                    self.tick()
            parser.Parse(b"", True)
        except DefusedXmlException as exc:
            raise InputError("PX016", path=self.path, part=member,
                             detail=type(exc).__name__) from None
        except (ExpatError, ParseError) as exc:
            raise InputError("PX017", path=self.path, part=member, detail=str(exc)[:120]) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError,
                OSError) as exc:
            raise InputError("PX005", path=self.path, detail=f"{member}: {exc}"[:160]) from None
        return True

    def rels(self, part: str) -> _Rels:
        rels = _Rels()
        self.parse(rels_part(part), rels)
        return rels


def read_raw_workbook(path: PathLike, *, sheets: Iterable[str] | None = None,
                      deadline: float | None = None) -> RawWorkbook:
    """Read cells, defined names, Tables, merges and protection of a workbook (or of ``sheets``)."""
    zf, _kind, wb_member = open_package(path)
    with zf:
        pkg = _Package(path, zf, deadline)
        wb_part = wb_member.replace("\\", "/").lstrip("/").lower()
        book = _Workbook()
        pkg.parse(wb_part, book)
        rels = pkg.rels(wb_part)
        targets = {rid: resolve_target(wb_part, t) for rid, _, t in rels.items}
        strings = _Strings()
        for target in rels.of_type("/sharedStrings")[:1] or ["sharedStrings.xml"]:
            pkg.parse(resolve_target(wb_part, target), strings)
        styles = _Styles()
        for target in rels.of_type("/styles")[:1] or ["styles.xml"]:
            pkg.parse(resolve_target(wb_part, target), styles)
        formats = styles.formats()
        wanted = None if sheets is None else set(sheets)
        out: dict[str, RawSheet] = {}
        for name, rid in book.sheets:
            if wanted is not None and name not in wanted:
                continue
            part = targets.get(rid) or ""
            sheet = RawSheet(name)
            handler = SheetHandler(sheet, strings.items, formats)
            if not pkg.parse(part, handler):
                raise InputError("PX005", path=pkg.path, detail=f"缺少工作表部件 / missing part "
                                 f"{part or rid} ({name})")
            for target in pkg.rels(part).of_type("/table"):
                table = _Table()
                if pkg.parse(resolve_target(part, target), table) and table.table():
                    sheet.tables.append(table.table())  # type: ignore[arg-type]
            out[name] = sheet
        return RawWorkbook(path=str(path), sheets=out, defined_names=book.names,
                           date1904=book.date1904, parts=tuple(zf.namelist()))
