"""Every XML part of a package is looked at before anything is parsed or copied: a DTD or entity
declaration anywhere ([Content_Types].xml, a theme, a rels part) is refused (PX016), and so is a
part declared in an encoding other than UTF-8/UTF-16 (PX017: Excel and WPS never write one, expat
reads none of the multi-byte ones, and a writer must not copy what no reader here understood).

The look works on bytes (a UTF-16 head is decoded first). A caller that will parse the parts
passes ``keep``: each small part is then decompressed once, whole, and its bytes handed on, so
that the reader does not open and inflate the same member a second time.
"""
from __future__ import annotations

import re
import zipfile
from os import PathLike
from typing import Callable

from ..errors import InputError

_XMLISH = (".xml", ".rels", ".vml")
_HEAD = 16 * 1024
#: A part up to this size is kept whole for the reader (the size it parses in one go) …
KEEP_PART_BYTES = 1 << 21
#: … while the kept parts of one package stay under this total.
KEEP_TOTAL_BYTES = 1 << 24
_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']", re.I)
_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)[\"']", re.I)
_NATIVE = {"utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be", "us-ascii", "ascii"}
#: A DTD or an entity declaration, in any case (bytes patterns fold ASCII case only).
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def _look(head: bytes) -> tuple[str | None, bool]:
    """(declared encoding or None, whether a DTD / entity declaration appears) of a part's head."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
        m = _DECL_TEXT.match(text)
        upper = text.upper()
        return (m.group(1) if m else None, "<!DOCTYPE" in upper or "<!ENTITY" in upper)
    m = _DECL.match(head)
    return (m.group(1).decode("utf-8", errors="replace") if m else None,
            _DECLARATION.search(head) is not None)


def check_prologues(zf: zipfile.ZipFile, path: str | PathLike,
                    keep: dict[str, bytes] | None = None,
                    keep_part_bytes: int = KEEP_PART_BYTES,
                    read: Callable[[zipfile.ZipInfo], bytes] | None = None) -> None:
    """Raise PX016 / PX017 for the first XML part with a DTD, an entity declaration or an
    encoding we do not read; look at the first 16 KB of each part. With ``keep``, the small
    parts (up to ``keep_part_bytes`` each) are read whole and stored there by member name, by
    ``read`` (``ZipFile.read`` unless the caller has a faster one: ``members.InMemoryZip``)."""
    read = read or zf.read
    kept = 0
    for info in zf.infolist():
        name = info.filename
        if not name.lower().endswith(_XMLISH) or info.is_dir():
            continue
        whole = (keep is not None and info.file_size <= keep_part_bytes
                 and kept + info.file_size <= KEEP_TOTAL_BYTES)
        try:
            if whole:
                data = read(info)
                head = data[:_HEAD]
            else:
                with zf.open(info) as fh:
                    head = fh.read(_HEAD)
        except Exception:      # a damaged member: the part's own reader says so (PX005)
            continue
        encoding, declares = _look(head)
        if encoding is not None and encoding.strip().lower() not in _NATIVE:
            raise InputError("PX017", path=str(path), part=name,
                             detail=f"编码 {encoding} 不受支持 / unsupported encoding "
                                    f"{encoding!r}")
        if declares:
            raise InputError("PX016", path=str(path), part=name, detail="DTD / ENTITY")
        if whole and keep is not None:
            keep[name] = data
            kept += len(data)
