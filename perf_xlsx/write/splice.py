"""Splice sheets from a small xlsxwriter workbook into a user's package; nothing else changes.

Only the workbook part, its rels, [Content_Types].xml and styles.xml change, and only by text
insertion/removal; every other part keeps its bytes and its place in the zip. Sheets that already
exist under one of the names are replaced in place (same part, sheetId, r:id and position), so a
second splice of the same sheets gives the same bytes as the first. calcChain is kept, unless a
replaced sheet had formulas: then it is dropped (Excel rebuilds it) rather than left dangling.
The user's active sheet stays active; the new sheets are never tab-selected.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import Iterable, Sequence


from ..errors import OutputError
from ..ooxml.safe_xml import parse
from ..ooxml.package_view import (
    DOC_RELS,
    STYLES_CT,
    WS_CT,
    WS_TYPE,
    Package,
    Rel,
    insert_before,
    rels_name,
    shared_strings,
)
from ..ooxml.xmltext import quoteattr, unescape
from .splice_styles import StyleMerger, root_prefix


class SpliceUsageError(ValueError):
    """The caller's mistake (a sheet name not in the new workbook …), not a problem of the file."""


def _sheets(wb_xml: str) -> list[tuple[str, str, str]]:
    """(name, sheetId, r:id) of each <sheet>, in order."""
    root = parse(wb_xml.encode("utf-8"))
    main = root.tag[: root.tag.index("}") + 1]
    return [(s.get("name", ""), s.get("sheetId", "0"), s.get(f"{{{DOC_RELS}}}id", ""))
            for s in root.iter(f"{main}sheet")]


def _attr(attrs: str, name: str) -> str | None:
    m = re.search(rf'\s{name}="([^"]*)"', attrs)
    return unescape(m.group(1), {"&quot;": '"'}) if m else None


def _defined_names(wb_xml: str, p: str) -> list[re.Match[str]]:
    pattern = rf"<{re.escape(p)}definedName(\s[^>]*?)(?:/>|>(.*?)</{re.escape(p)}definedName>)"
    return list(re.finditer(pattern, wb_xml, re.S))


class _Splicer:
    def __init__(self, original: Path | bytes, new: Path | bytes) -> None:
        self.label = str(original) if isinstance(original, Path) else "workbook"
        self.orig, self.new = Package(original, self.label), Package(new, "new sheets")
        self.wb_part = self.orig.main_part()
        self.wb = self.orig.text(self.wb_part)
        self.p = root_prefix(self.wb, "workbook")
        root_tag = re.search(rf"<{re.escape(self.p)}workbook\b[^>]*>", self.wb)
        rp = re.search(rf'xmlns:([\w.-]+)="{re.escape(DOC_RELS)}"', root_tag.group(0))
        self.r_decl = "" if rp else f' xmlns:r="{DOC_RELS}"'
        self.rp = rp.group(1) if rp else "r"
        self.wb_rels = self.orig.text(rels_name(self.wb_part))
        self.types = self.orig.text("[Content_Types].xml")
        self.updated: dict[str, bytes] = {}
        self.added: list[tuple[str, bytes]] = []
        self.removed: set[str] = set()

    def run(self, names: Sequence[str]) -> bytes:
        sheets = _sheets(self.wb)
        rels = {r.id: r for r in self.orig.rels(self.wb_part)}
        new_wb_part = self.new.main_part()
        new_sheets = _sheets(self.new.text(new_wb_part))
        new_rels = {r.id: r for r in self.new.rels(new_wb_part)}
        styles = self._styles(rels, new_rels)
        folded = [s[0].casefold() for s in sheets]
        new_folded = [s[0].casefold() for s in new_sheets]
        names_xml: list[str] = []
        replaced_idx: set[int] = set()
        next_sheet_id = max([int(s[1]) for s in sheets] or [0]) + 1
        for name in names:
            if name.casefold() not in new_folded:
                raise SpliceUsageError(f"sheet {name!r} is not in the new-sheets workbook")
            new_idx = new_folded.index(name.casefold())
            src = new_rels[new_sheets[new_idx][2]].part
            xml = _rewrite_sheet(self.new.parts[src], self.new, styles)
            sheet_rels = self.new.parts.get(rels_name(src))
            if any(not r.external for r in self.new.rels(src)):
                raise SpliceUsageError(f"sheet {name!r} has internal relationships; not supported")
            if name.casefold() in folded:
                idx = folded.index(name.casefold())
                rel = rels.get(sheets[idx][2])
                if rel is None or rel.type != WS_TYPE or rel.part not in self.orig.parts:
                    raise OutputError("PX607", self.label,
                                      reason=f"已有的“{sheets[idx][0]}”不是普通工作表",
                                      reason_en=f"the existing '{sheets[idx][0]}' is not a "
                                                "worksheet")
                part = rel.part
                replaced_idx.add(idx)
                if re.search(rb"<(?:[\w.-]+:)?f[\s>/]", self.orig.parts[part]):
                    self._drop_calc_chain(rels.values())
                self.removed |= self._owned_parts(part)
            else:
                idx = len(sheets)
                part = self._free_part_name()
                rid = self._free_rid()
                sheets.append((name, str(next_sheet_id), rid))
                self._add_sheet_entry(name, next_sheet_id, rid, part)
                next_sheet_id += 1
            self._put(part, xml)
            if sheet_rels is not None:
                self._put(rels_name(part), sheet_rels)
            names_xml += self._names_for(new_idx, idx)
        self._replace_names(replaced_idx, names_xml)
        self.removed -= set(self.updated) | {n for n, _ in self.added}
        self._drop_overrides()
        self.updated[self.wb_part] = self.wb.encode("utf-8")
        self.updated[rels_name(self.wb_part)] = self.wb_rels.encode("utf-8")
        self.updated["[Content_Types].xml"] = self.types.encode("utf-8")
        if styles is not None:
            self.updated[styles[1]] = styles[0].result()
        return self.orig.write(self.updated, self.added, self.removed)

    def _styles(self, rels: dict[str, Rel], new_rels: dict[str, Rel]) -> tuple | None:
        stype = f"{DOC_RELS}/styles"
        orig = next((r.part for r in rels.values() if r.type == stype), None)
        new = next((r.part for r in new_rels.values() if r.type == stype), None)
        if new is None:
            return None
        if orig is not None and orig in self.orig.parts:
            return StyleMerger(self.orig.parts[orig], self.new.parts[new]), orig
        if orig is None:                 # no styles at all: the new ones become the workbook's
            orig = posixpath.join(posixpath.dirname(self.wb_part), "styles.xml")
            rel = f'<Relationship Id="{self._free_rid()}" Type="{stype}" Target="styles.xml"/>'
            self.wb_rels = insert_before(self.wb_rels, "</Relationships>", rel, self.label)
        override = f'<Override PartName="/{orig}" ContentType="{STYLES_CT}"/>'
        if f'PartName="/{orig}"' not in self.types:
            self.types = insert_before(self.types, "</Types>", override, self.label)
        self._put(orig, self.new.parts[new])
        return None

    def _owned_parts(self, part: str) -> set[str]:
        """The sheet's rels part plus internal targets no other relationship points at."""
        owned, todo = {rels_name(part)}, [part]
        while todo:
            for rel in self.orig.rels(todo.pop()):
                if not rel.external and rel.part in self.orig.parts and rel.part not in owned:
                    owned |= {rel.part, rels_name(rel.part)}
                    todo.append(rel.part)
        for name in self.orig.parts:
            if name.endswith(".rels") and name not in owned:
                src = posixpath.join(posixpath.dirname(posixpath.dirname(name)),
                                     posixpath.basename(name)[: -len(".rels")])
                owned -= {r.part for r in self.orig.rels(src) if not r.external}
        return owned & set(self.orig.parts)

    def _free_part_name(self) -> str:
        folder = posixpath.join(posixpath.dirname(self.wb_part), "worksheets")
        taken = {n.casefold() for n in self.orig.parts} | {n.casefold() for n, _ in self.added}
        n = 1
        while {f"{folder}/sheet{n}.xml".casefold(),
               rels_name(f"{folder}/sheet{n}.xml").casefold()} & taken:
            n += 1
        return f"{folder}/sheet{n}.xml"

    def _free_rid(self) -> str:
        ids = set(re.findall(r'\sId="([^"]*)"', self.wb_rels))
        n = max([int(i[3:]) for i in ids if re.fullmatch(r"rId\d+", i)] or [0]) + 1
        while f"rId{n}" in ids:
            n += 1
        return f"rId{n}"

    def _add_sheet_entry(self, name: str, sheet_id: int, rid: str, part: str) -> None:
        p, rp = self.p, self.rp
        entry = (f'<{p}sheet name={quoteattr(name)} sheetId="{sheet_id}" {rp}:id="{rid}"'
                 f'{self.r_decl}/>')
        self.wb = insert_before(self.wb, f"</{p}sheets>", entry, self.label)
        target = posixpath.relpath(part, posixpath.dirname(self.wb_part))
        rel = f'<Relationship Id="{rid}" Type="{WS_TYPE}" Target="{target}"/>'
        self.wb_rels = insert_before(self.wb_rels, "</Relationships>", rel, self.label)
        override = f'<Override PartName="/{part}" ContentType="{WS_CT}"/>'
        self.types = insert_before(self.types, "</Types>", override, self.label)

    def _names_for(self, new_idx: int, idx: int) -> list[str]:
        new_wb = self.new.text(self.new.main_part())
        out = []
        for m in _defined_names(new_wb, root_prefix(new_wb, "workbook")):
            if _attr(m.group(1), "localSheetId") == str(new_idx):
                attrs = re.sub(r'\slocalSheetId="\d+"', f' localSheetId="{idx}"', m.group(1))
                body = m.group(2) or ""
                out.append(f"<{self.p}definedName{attrs}>{body}</{self.p}definedName>")
        return out

    def _replace_names(self, replaced: set[int], names: list[str]) -> None:
        p = self.p
        local = {str(i) for i in replaced}
        for m in reversed(_defined_names(self.wb, p)):
            if _attr(m.group(1), "localSheetId") in local:
                self.wb = self.wb[: m.start()] + self.wb[m.end():]
        if not names:
            return
        block = "".join(names)
        empty = re.search(rf"<{re.escape(p)}definedNames\s*/>", self.wb)
        if empty:
            self.wb = (self.wb[: empty.start()] + f"<{p}definedNames>{block}</{p}definedNames>"
                       + self.wb[empty.end():])
        elif f"</{p}definedNames>" in self.wb:
            self.wb = insert_before(self.wb, f"</{p}definedNames>", block, self.label)
        else:
            q = re.escape(p)
            ends = [m.end() for m in re.finditer(
                rf"</{q}(?:sheets|functionGroups|externalReferences)>|<{q}functionGroups\b[^>]*/>",
                self.wb)]
            if not ends:
                raise OutputError("PX607", self.label, reason="找不到 </sheets>",
                                  reason_en="no </sheets> in workbook.xml")
            anchor = ends[-1]
            self.wb = self.wb[:anchor] + f"<{p}definedNames>{block}</{p}definedNames>" + \
                self.wb[anchor:]

    def _drop_calc_chain(self, rels: Iterable[Rel]) -> None:
        """A replaced sheet had formulas: drop calcChain (Excel rebuilds it) so no entry dangles."""
        for rel in rels:
            if rel.type == f"{DOC_RELS}/calcChain":
                self.removed.add(rel.part)
                pattern = rf'<Relationship\s[^>]*\bId="{re.escape(rel.id)}"[^>]*/>'
                self.wb_rels = re.sub(pattern, "", self.wb_rels)

    def _drop_overrides(self) -> None:
        for part in self.removed:
            pattern = rf'<Override\s[^>]*PartName="/{re.escape(part)}"[^>]*/>'
            self.types = re.sub(pattern, "", self.types, flags=re.I)

    def _put(self, name: str, data: bytes) -> None:
        if name in self.orig.parts:
            self.updated[name] = data
        else:
            self.added.append((name, data))



_CELL = re.compile(r"<c(\s[^>]*?)?(?:/>|>(.*?)</c>)", re.S)
_CELL_STYLE = re.compile(r'(\ss=")(\d+)"')
_SHARED_TYPE = re.compile(r'\st="s"')
_SHARED_INDEX = re.compile(r"<v>(\d+)</v>")


def _rewrite_sheet(xml: bytes, pkg: Package, styles: tuple | None) -> bytes:
    """Inline shared strings, remap style indices and unselect the tab of an xlsxwriter sheet."""
    text, strings = xml.decode("utf-8"), shared_strings(pkg)
    merger = styles[0] if styles else None

    def style(a: re.Match[str]) -> str:
        return f'{a.group(1)}{merger.xf(int(a.group(2)))}"'

    def cell(m: re.Match[str]) -> str:
        attrs, body = m.group(1) or "", m.group(2)
        if merger is not None:
            attrs = _CELL_STYLE.sub(style, attrs)
        if body is not None and _SHARED_TYPE.search(attrs):
            v = _SHARED_INDEX.search(body)
            if v:
                attrs = _SHARED_TYPE.sub(' t="inlineStr"', attrs)
                body = f"<is>{strings[int(v.group(1))]}</is>"
        return f"<c{attrs}/>" if body is None else f"<c{attrs}>{body}</c>"

    text = _CELL.sub(cell, text)
    if merger is not None:
        text = re.sub(r'(<row\b[^>]*?\ss=")(\d+)"',
                      lambda a: f'{a.group(1)}{merger.xf(int(a.group(2)))}"', text)
        text = re.sub(r'(<col\b[^>]*?\sstyle=")(\d+)"',
                      lambda a: f'{a.group(1)}{merger.xf(int(a.group(2)))}"', text)
        text = re.sub(r'(<cfRule\b[^>]*?\sdxfId=")(\d+)"',
                      lambda a: f'{a.group(1)}{merger.dxf(int(a.group(2)))}"', text)
    text = re.sub(r'(<sheetView\b[^>]*?)\stabSelected="(?:1|true)"', r"\1", text)
    return text.encode("utf-8")


def splice_sheets(original: Path | bytes, new_sheets_xlsx: Path | bytes,
                  sheet_names: Sequence[str], out: Path | None = None) -> bytes:
    """Add (or replace) `sheet_names` from `new_sheets_xlsx` in `original`; return the package."""
    try:
        data = _Splicer(original, new_sheets_xlsx).run(sheet_names)
    except SpliceUsageError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, SyntaxError) as exc:
        # a damaged part (bad deflate data), or a number attribute that is not a number
        label = str(original) if isinstance(original, Path) else "workbook"
        raise OutputError("PX607", label, reason=str(exc), reason_en=str(exc)) from exc
    if out is not None:
        Path(out).write_bytes(data)
    return data

