"""Read-only view of an OPC package (zip parts + relationships) and writing one back in order."""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import OutputError
from .members import InMemoryZip
from .safe_xml import parse

PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WS_TYPE = f"{DOC_RELS}/worksheet"
WS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STYLES_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
NEW_PART_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Rel:
    """One relationship of a part."""

    id: str
    type: str
    part: str          # resolved part name (or the raw target when external)
    external: bool


class Package:
    """The parts of an xlsx zip, in their original order, and their relationships."""

    def __init__(self, src: Path | bytes, label: str) -> None:
        self.label = label
        data = src if isinstance(src, (bytes, bytearray)) else Path(src).read_bytes()
        mem = InMemoryZip(bytes(data))       # every part inflated and CRC-checked, now
        self.infos = mem.zf.infolist()
        self.parts = {i.filename: mem.read(i) for i in self.infos}
        self.by_name = {i.filename: i for i in self.infos}

    def text(self, name: str) -> str:
        if name not in self.parts:
            raise OutputError("PX607", self.label, reason=f"缺少部件 {name}",
                              reason_en=f"part {name} is missing")
        return self.parts[name].decode("utf-8")

    def rels(self, part: str) -> list[Rel]:
        name = rels_name(part)
        if name not in self.parts:
            return []
        out = []
        for el in parse(self.parts[name]).iter(f"{{{PKG_RELS}}}Relationship"):
            external = el.get("TargetMode") == "External"
            target = el.get("Target", "")
            out.append(Rel(el.get("Id", ""), el.get("Type", ""),
                            target if external else resolve(part, target), external))
        return out

    def write(self, updated: dict[str, bytes], added: list[tuple[str, bytes]],
              removed: set[str]) -> bytes:
        """This package with parts replaced in place, removed, and new ones appended at the end."""
        buf, seen = io.BytesIO(), set()
        with zipfile.ZipFile(buf, "w") as out:
            for info in self.infos:
                name = info.filename
                if name in seen or name in removed:
                    continue
                seen.add(name)
                zi = zipfile.ZipInfo(name, info.date_time)
                zi.compress_type, zi.external_attr = info.compress_type, info.external_attr
                zi.create_system = info.create_system
                out.writestr(zi, updated.get(name, self.parts[name]))
            for name, data in added:
                zi = zipfile.ZipInfo(name, NEW_PART_TIME)
                zi.compress_type, zi.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
                out.writestr(zi, data)
        return buf.getvalue()

    def main_part(self) -> str:
        for rel in self.rels(""):
            if rel.type == f"{DOC_RELS}/officeDocument":
                return rel.part
        raise OutputError("PX607", self.label, reason="找不到 workbook 部件",
                          reason_en="no workbook part")


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))

def insert_before(text: str, anchor: str, block: str, label: str) -> str:
    at = text.rfind(anchor)
    if at < 0:
        raise OutputError("PX607", label, reason=f"找不到 {anchor}", reason_en=f"no {anchor}")
    return text[:at] + block + text[at:]


def shared_strings(pkg: Package) -> list[str]:
    main = pkg.main_part()
    rel = next((r for r in pkg.rels(main) if r.type == f"{DOC_RELS}/sharedStrings"), None)
    if rel is None or rel.part not in pkg.parts:
        return []
    text = pkg.text(rel.part)
    return [m.group(1) or "" for m in re.finditer(r"<si(?:\s[^>]*)?(?:/>|>(.*?)</si>)", text, re.S)]
