"""Verify a spliced workbook by the parts written, not by reading it all again.

The splice changes only the workbook part, its rels, [Content_Types].xml and styles.xml, adds or
replaces our result sheets, and may drop calcChain. So the written file is right when:

- it is a sound zip (every part decompresses and matches its CRC);
- every other part of the original is there, byte for byte (compared by CRC-32 and size from the
  zip directories: the original is not decompressed again);
- the changed parts are well-formed XML;
- every sheet of the original still maps to its own part, and every defined name of the
  original (other than those of the replaced result sheets) is still there;
- styles.xml only grew: each style list of the original is a prefix of the new one, and each
  number format keeps its code — so every cell of the user's reads exactly as before.

A 5,000-row workbook is thus verified in milliseconds instead of a second; any failure is PX651
and the original is left untouched (safe_write).
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path
from typing import Sequence
from xml.etree.ElementTree import ParseError

from ..errors import OutputError
from ..ooxml.package_view import DOC_RELS, Package, rels_name
from ..ooxml.safe_xml import parse
from .splice_styles import ITEM, _canon, _items, appended_only

_CALC_CHAIN = f"{DOC_RELS}/calcChain"
_STYLES = f"{DOC_RELS}/styles"


class _Zip(Package):
    """A package as the verification looks at it: every part read (CRCs checked), ZipInfo by
    name, relationships by id."""

    def __init__(self, data: bytes | Path) -> None:
        super().__init__(data, "verify")

    def read(self, name: str) -> bytes:
        return self.parts[name]               # KeyError when missing

    def rel_map(self, part: str) -> dict[str, tuple[str, str]]:
        """r:id → (type, resolved target) of ``part``'s relationships."""
        return {rel.id: (rel.type, rel.part) for rel in self.rels(part)}

    def main_part(self) -> str:
        try:
            return super().main_part()
        except OutputError:
            raise KeyError("officeDocument") from None


def _root(z: _Zip, part: str):  # noqa: ANN202 - an ElementTree element or None
    """The parsed part, or None when it is not well-formed (a damaged input the reader
    tolerated: nothing stricter is asked of the written copy than of the original)."""
    try:
        return parse(z.read(part))
    except (ParseError, KeyError):
        return None


def _sheets(root) -> list[tuple[str, str]]:  # noqa: ANN001
    """(name casefolded, r:id) of each sheet of a workbook part."""
    main = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    return [(s.get("name", "").casefold(), s.get(f"{{{DOC_RELS}}}id", ""))
            for s in root.iter(f"{main}sheet")]


def _defined_names(root) -> list[tuple[str, str, str]]:  # noqa: ANN001
    main = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    return [(d.get("name", ""), d.get("localSheetId", ""), (d.text or "").strip())
            for d in root.iter(f"{main}definedName")]


def _sheet_parts(z: _Zip, wb: str, root) -> dict[str, str]:  # noqa: ANN001
    rels = z.rel_map(wb)
    return {name: rels.get(rid, ("", ""))[1] for name, rid in _sheets(root)}


def verify_splice(original: Path | bytes, written: Path, result_names: Sequence[str],
                  label: str) -> None:
    """OutputError PX651 unless ``written`` is ``original`` plus the result sheets."""
    def fail(what: str) -> OutputError:
        return OutputError("PX651", label, what=what)

    try:
        new = _Zip(written)
        old = _Zip(original)
        wb = old.main_part()
        if new.main_part() != wb:
            raise fail("workbook part")
        old_root, new_root = _root(old, wb), _root(new, wb)
        if new_root is None and old_root is not None:
            raise fail("workbook part is not well-formed")
        old_sheets = _sheet_parts(old, wb, old_root) if old_root is not None else {}
        new_sheets = _sheet_parts(new, wb, new_root) if new_root is not None else {}
        ours = {n.casefold() for n in result_names}
        changed = {wb, rels_name(wb), "[Content_Types].xml"}
        changed |= {t for k, t in old.rel_map(wb).values() if k == _STYLES}
        dropped = {t for k, t in old.rel_map(wb).values() if k == _CALC_CHAIN}
        for name in ours:
            if old_sheets.get(name):
                changed |= {old_sheets[name], rels_name(old_sheets[name])}
                dropped |= _owned(old, old_sheets[name])     # its drawings … go with it
            if new_sheets.get(name):
                changed |= {new_sheets[name], rels_name(new_sheets[name])}
        _same_parts(old, new, changed, dropped | {rels_name(d) for d in dropped}, fail)
        for name, part in old_sheets.items():
            if name not in ours and new_sheets.get(name) != part:
                raise fail(f"sheet {name}")
        for part in changed & set(new.by_name):
            if part.endswith((".xml", ".rels")) and not _well_formed(new.parts[part]) and \
                    (part not in old.by_name or _well_formed(old.read(part))):
                raise fail(f"part {part} is not well-formed")   # (the user's own was)
        if old_root is not None and new_root is not None:
            kept = set(_defined_names(new_root))
            scoped = {str(i) for i, (n, _rid) in enumerate(_sheets(old_root)) if n in ours}
            for item in _defined_names(old_root):
                if item[1] not in scoped and item not in kept:
                    raise fail(f"defined name {item[0]}")
        _styles_grew(old, new, wb, fail)
    except OutputError:
        raise
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, ParseError, EOFError,
            NotImplementedError) as exc:          # a broken write: never put in place
        raise fail(f"{type(exc).__name__}: {exc}") from exc


def _well_formed(data: bytes) -> bool:
    try:
        parse(data)
    except ParseError:
        return False
    return True


def _owned(z: _Zip, part: str) -> set[str]:
    """The parts only ``part`` points at (its drawings, comments …), as the splice drops them
    with a replaced sheet; a part another relationship also points at is not owned."""
    owned, todo = set(), [part]
    while todo:
        for _kind, target in z.rel_map(todo.pop()).values():
            if target in z.by_name and target not in owned:
                owned.add(target)
                todo.append(target)
    for name in z.by_name:
        if name.endswith(".rels") and "/_rels/" in f"/{name}":
            folder, base = name.rsplit("_rels/", 1)
            source = folder + base[: -len(".rels")]
            if source != part and source not in owned:
                owned -= {t for _k, t in z.rel_map(source).values()}
    return owned


def _same_parts(old: _Zip, new: _Zip, changed: set[str], dropped: set[str], fail) -> None:
    for name, info in old.by_name.items():
        if name in changed or name.endswith("/"):
            continue
        got = new.by_name.get(name)
        if got is None:
            if name in dropped:
                continue                  # calcChain (Excel rebuilds it), a replaced sheet's own
            raise fail(f"part {name} missing")
        if (got.CRC, got.file_size) != (info.CRC, info.file_size):
            raise fail(f"part {name}")


def _styles_grew(old: _Zip, new: _Zip, wb: str, fail) -> None:
    part = next((t for k, t in old.rel_map(wb).values() if k == _STYLES), None)
    if part is None or part not in old.by_name:
        return
    if part in new.by_name and appended_only(old.read(part), new.read(part)):
        return
    before, after = _root(old, part), _root(new, part)
    if before is None:
        return
    if after is None:
        raise fail("styles.xml is not well-formed")
    for section in ITEM:
        if section == "numFmts":
            codes = {e.get("numFmtId"): e.get("formatCode") for e in _items(after, section)}
            if any(codes.get(e.get("numFmtId")) != e.get("formatCode")
                   for e in _items(before, section)):
                raise fail("number formats")
            continue
        was, now = _items(before, section), _items(after, section)
        if [_canon(e) for e in was] != [_canon(e) for e in now[:len(was)]]:
            raise fail(f"styles {section}")
