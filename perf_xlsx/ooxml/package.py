"""The lean raw reader: zip limits, then defused, streaming XML parsing of the parts a check needs.

No openpyxl. Each part is first fed to the gate of ``safe_xml`` (an expat parser armed with
defusedxml's policy, until the root element opens: no DTD, no entity, no external reference). The
same bytes then go to lxml's parser (a part parsed whole) or ElementTree's C pull parser (a part
streamed). Parts larger than ``_TREE_BYTES`` are streamed: each row or string is dropped from the
tree once read.
"""
from __future__ import annotations

import posixpath
import time
import zipfile
from pyexpat import ExpatError
from typing import Any, Iterable, Iterator
from xml.etree.ElementTree import ParseError, XMLPullParser

from defusedxml import DefusedXmlException
from lxml import etree as lxml_etree

from ..errors import InputError
from ..template import contract
from . import safe_xml
from .rawbook import RawSheet, RawTable, RawWorkbook
from .sheet import BUILTIN_FORMATS, SheetReader, local_name, rich_text, unescape
from .sniff import ZIP_ERRORS, PathLike, open_package, part_names

_CHUNK = 1 << 16
_TREE_BYTES = 1 << 21      # parts up to 2 MiB are parsed whole; larger ones are streamed
Events = Iterator[tuple[str, Any]]


def resolve_target(source_part: str, target: str) -> str:
    """A relationship target → normalised part name ('/xl/x.xml' is absolute, else relative)."""
    target = target.replace("\\", "/")
    joined = target if target.startswith("/") else posixpath.join(
        posixpath.dirname(source_part), target)
    return posixpath.normpath(joined.lstrip("/")).lstrip("/").lower()


def rels_part(part: str) -> str:
    """'xl/workbook.xml' → 'xl/_rels/workbook.xml.rels'."""
    folder, _, base = part.rpartition("/")
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


class _Package:
    """One open package: part lookup, gated parsing, the deadline."""

    def __init__(self, path: PathLike, zf: zipfile.ZipFile, deadline: float | None,
                 kept: dict[str, bytes] | None = None) -> None:
        self.path, self.zf, self.deadline = str(path), zf, deadline
        self.names = part_names(zf)
        self.kept = kept or {}

    def tick(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise InputError("PX018", path=self.path, limit=contract.MAX_SECONDS_PER_FILE)

    def events(self, part: str) -> Events | None:
        """("root", root) for a part parsed whole, else streamed ("start"/"end", element) pairs."""
        member = self.names.get(part)
        if member is None:
            return None
        self.tick()
        big = self.zf.getinfo(member).file_size > _TREE_BYTES
        return self._events(member, big)

    def _events(self, member: str, big: bool) -> Events:
        gate = safe_xml.gate()
        gated, parser = False, (XMLPullParser(("start", "end")) if big else None)
        whole: list[bytes] = []
        try:
            for chunk in self._chunks(member, big):
                if not gated:  # a whole part is one chunk: its root must have opened in it
                    gated = safe_xml.feed(gate, chunk, final=not chunk or parser is None)
                if not chunk:
                    break
                if parser is None:
                    whole.append(chunk)
                    continue
                parser.feed(chunk)
                yield from parser.read_events()
                self.tick()
            if parser is not None:
                parser.close()
                yield from parser.read_events()
            else:
                yield "root", lxml_etree.fromstring(b"".join(whole), safe_xml.tree_parser())
        except DefusedXmlException as exc:
            raise InputError("PX016", path=self.path, part=member,
                             detail=type(exc).__name__) from None
        except (ExpatError, ParseError, lxml_etree.XMLSyntaxError, LookupError,
                UnicodeError) as exc:
            raise InputError("PX017", path=self.path, part=member, detail=str(exc)[:120]) from None
        except (*ZIP_ERRORS, OSError) as exc:
            raise InputError("PX005", path=self.path, detail=f"{member}: {exc}"[:160]) from None

    def _chunks(self, member: str, big: bool) -> Iterator[bytes]:
        """The member's bytes: kept whole by the prologue look, else read (in chunks when big);
        the last chunk is always empty."""
        data = self.kept.pop(member, None) if big else self.kept.get(member)
        if data is not None and not big:
            yield data
        else:
            with self.zf.open(member) as fh:
                while True:
                    chunk = fh.read(_CHUNK if big else -1)
                    yield chunk
                    if not chunk:
                        return
        yield b""

    def ends(self, part: str, *names: str) -> Iterator[tuple[str, Any]]:
        """(local name, element) of the complete elements called ``names`` (any namespace for a
        streamed part; the root's namespace for a whole one, filtered by the C iterator).
        A streamed part forgets each top-level element once it has been handed out."""
        root, depth = None, 0
        for event, el in self.events(part) or ():
            if event == "start":
                if not depth:   # a wanted root, like <table>, keeps its children
                    root = None if local_name(el.tag) in names else el
                depth += 1
            elif event == "end":
                depth -= 1
                name = local_name(el.tag)
                if name in names:
                    yield name, el
                if depth == 1 and root is not None:
                    root.clear()
            elif event == "root":
                ns = el.tag[: el.tag.rfind("}") + 1]
                for name in names:
                    for sub in el.iter(ns + name):
                        yield name, sub

    def rels(self, part: str) -> list[tuple[str, str, str]]:
        """(Id, Type, resolved target) of the internal relationships of ``part``."""
        return [(el.get("Id", ""), el.get("Type", ""), resolve_target(part, el.get("Target", "")))
                for _, el in self.ends(rels_part(part), "Relationship")
                if el.get("TargetMode") != "External"]


def _workbook(pkg: _Package, part: str
              ) -> tuple[list[tuple[str, str]], dict[str, str], bool, bool, set[int], set[str]]:
    sheets, names, date1904, recalc = [], {}, False, False
    hidden: set[str] = set()
    local: dict[str, str] = {}
    marked: set[int] = set()    # localSheetId of the sheets perf-xlsx wrote (their marker name)
    for name, el in pkg.ends(part, "sheet", "definedName", "workbookPr", "calcPr"):
        if name == "sheet":
            rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), "")
            sheets.append((el.get("name", ""), rid))
            if el.get("state") in ("hidden", "veryHidden"):
                hidden.add(el.get("name", ""))
        elif name == "definedName":
            key = el.get("name", "")
            if key.lower().startswith(("_xlnm.", "_xlfn.")):
                continue
            if el.get("localSheetId") is None:
                names[key] = (el.text or "").strip()
            else:
                if key.casefold() == contract.GENERATED_MARKER.casefold():
                    sid = el.get("localSheetId") or ""
                    if sid.isdigit():
                        marked.add(int(sid))
                local.setdefault(key, (el.text or "").strip())
        elif name == "workbookPr":
            date1904 = (el.get("date1904") or "").lower() in ("1", "true")
        elif name == "calcPr":
            recalc = (el.get("fullCalcOnLoad") or "").lower() in ("1", "true")
    # A name defined with sheet scope only (another program's choice, or Excel's Name Manager
    # with 范围 = the sheet) still names its cell; a workbook-level name of the same text wins.
    for key, text in local.items():
        names.setdefault(key, text)
    return sheets, names, date1904, recalc, marked, hidden


def _strings(pkg: _Package, part: str) -> list[str]:
    items: list[str] = []
    container = None
    for event, el in pkg.events(part) or ():
        name = local_name(el.tag)
        if event == "root":
            items.extend(rich_text(si) for si in el if local_name(si.tag) == "si")
        elif event == "start":
            container = el if name == "sst" else container
        elif name == "si":
            items.append(rich_text(el))
            if container is not None:
                container.clear()
    return items


def _formats(pkg: _Package, part: str) -> list[str]:
    custom: dict[int, str] = {}
    xf_ids: list[int] = []
    for name, el in pkg.ends(part, "numFmt", "cellXfs"):
        if name == "numFmt":
            custom[_int(el.get("numFmtId"), -1)] = el.get("formatCode") or "General"
        elif name == "cellXfs":
            xf_ids = [_int(xf.get("numFmtId"), 0) for xf in el if local_name(xf.tag) == "xf"]
    return [custom.get(i) or BUILTIN_FORMATS.get(i, "General") for i in xf_ids]


def _table(pkg: _Package, part: str) -> RawTable | None:
    el = next((el for _, el in pkg.ends(part, "table")), None)
    display = None if el is None else el.get("displayName") or el.get("name")
    if el is None or not display or not el.get("ref"):
        return None
    headers = tuple(unescape(col.get("name", "")) for cols in el
                    if local_name(cols.tag) == "tableColumns" for col in cols)
    return RawTable(display, el.get("ref"), headers, _int(el.get("headerRowCount"), 1),
                    _int(el.get("totalsRowCount"), 0))


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def read_raw_workbook(path: PathLike, *, sheets: Iterable[str] | None = None,
                      deadline: float | None = None,
                      shapes_only: Iterable[str] = (), blob: bytes | None = None
                      ) -> RawWorkbook:
    """Read cells, defined names, Tables, merges and protection of a workbook (or of ``sheets``).

    A sheet in ``shapes_only`` is parsed (the same gate, limits and errors) but its cells are not
    kept (``RawSheet.cells_read`` False) unless a defined name points into it. ``blob``: the
    file's bytes when the caller has read them already (``sniff.read_source``).
    """
    kept: dict[str, bytes] = {}
    zf, kind, wb_member = open_package(path, kept, _TREE_BYTES, blob)
    with zf:
        pkg = _Package(path, zf, deadline, kept)
        wb_part = wb_member.replace("\\", "/").lstrip("/").lower()
        order, names, date1904, recalc, marked, hidden = _workbook(pkg, wb_part)
        rels = pkg.rels(wb_part)
        targets = {rid: target for rid, _, target in rels}

        def of_type(suffix: str, default: str) -> str:
            return next((t for _, typ, t in rels if typ.endswith(suffix)),
                        resolve_target(wb_part, default))

        strings = _strings(pkg, of_type("/sharedStrings", "sharedStrings.xml"))
        formats = _formats(pkg, of_type("/styles", "styles.xml"))
        wanted = None if sheets is None else set(sheets)
        shapes = {n for n in shapes_only if not any(n in text for text in names.values())}
        out: dict[str, RawSheet] = {}
        for name, rid in order:
            if wanted is not None and name not in wanted:
                continue
            part = targets.get(rid, "")
            events = pkg.events(part)
            if events is None:
                raise InputError("PX005", path=pkg.path,
                                 detail=f"缺少工作表部件 / missing sheet part {part or rid} ({name})")
            sheet = out[name] = RawSheet(name, cells_read=name not in shapes)
            SheetReader(sheet, strings, formats, values=sheet.cells_read).feed(events)
            for _, typ, target in pkg.rels(part):
                table = _table(pkg, target) if typ.endswith("/table") else None
                if table is not None:
                    sheet.tables.append(table)
        return RawWorkbook(path=str(path), sheets=out, defined_names=names, date1904=date1904,
                           recalc_on_load=recalc, parts=tuple(zf.namelist()), kind=kind,
                           generated=frozenset(order[i][0] for i in marked if i < len(order)),
                           hidden=frozenset(hidden))
