"""Every XML part of a package is looked at before anything is parsed or copied: a DTD or entity
declaration anywhere ([Content_Types].xml, a theme, a rels part) is refused (PX016), and so is a
part declared in an encoding other than UTF-8/UTF-16 (PX017: Excel and WPS never write one, expat
reads none of the multi-byte ones, and a writer must not copy what no reader here understood).
"""
from __future__ import annotations

import re
import zipfile
from os import PathLike

from ..errors import InputError

_XMLISH = (".xml", ".rels", ".vml")
_HEAD = 16 * 1024
_DECL = re.compile(r"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']", re.I)
_NATIVE = {"utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be", "us-ascii", "ascii"}
_DECLARATIONS = ("<!DOCTYPE", "<!ENTITY")


def _text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")


def check_prologues(zf: zipfile.ZipFile, path: str | PathLike) -> None:
    """Raise PX016 / PX017 for the first XML part with a DTD, an entity declaration or an
    encoding we do not read; read at most the first 16 KB of each part."""
    for info in zf.infolist():
        name = info.filename
        if not name.lower().endswith(_XMLISH) or info.is_dir():
            continue
        try:
            with zf.open(info) as fh:
                head = _text(fh.read(_HEAD))
        except Exception:      # a damaged member: the part's own reader says so (PX005)
            continue
        m = _DECL.match(head)
        if m and m.group(1).strip().lower() not in _NATIVE:
            raise InputError("PX017", path=str(path), part=name,
                             detail=f"编码 {m.group(1)} 不受支持 / unsupported encoding "
                                    f"{m.group(1)!r}")
        upper = head.upper()
        if any(d in upper for d in _DECLARATIONS):
            raise InputError("PX016", path=str(path), part=name, detail="DTD / ENTITY")
