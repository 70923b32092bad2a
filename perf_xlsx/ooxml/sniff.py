"""What a file is, decided from its bytes (never its name): a usable .xlsx/.xlsm, or InputError.

Refusals and their codes are listed in docs/refuses.md. ``open_package`` is the shared entry
point of ``ooxml.package``: it applies the size and zip limits before any part is decompressed.
"""
from __future__ import annotations

import os
import posixpath
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Union

from ..errors import InputError
from ..template import contract
from .members import InMemoryZip, read_blob
from .ole import ole_names

PathLike = Union[str, Path]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_STRICT_NS = b"purl.oclc.org/ooxml/spreadsheetml/main"
_OFFICE_DOC = "/officeDocument"
#: What a damaged zip raises while its directory or a member is read (→ PX005).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError,
              ValueError, struct.error, OverflowError)
_KNOWN_BINARY = {b"%PDF": "PDF", b"\x89PNG": "PNG 图片/image", b"\xff\xd8\xff": "JPEG 图片/image",
                 b"Rar!": "RAR", b"7z\xbc\xaf": "7z", b"\x1f\x8b": "gzip", b"GIF8": "GIF"}
_OTHER_ZIPS = (("word/document.xml", "Word 文档 (.docx)"), ("ppt/presentation.xml", "PowerPoint"),
               ("mimetype", "OpenDocument (.ods/.odt)"), ("xl/workbook.bin", ""))


def _os_error(path: PathLike, exc: OSError) -> InputError:
    return InputError("PX021", path=str(path), detail=exc.strerror or type(exc).__name__)


def check_path(path: PathLike) -> int:
    """Raise for a missing path, a folder, an empty or too large file; return the size."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError("PX002", path=str(path))
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError("PX001", path=str(path)) from None
    except OSError as exc:
        raise _os_error(path, exc) from None
    if size == 0:
        raise InputError("PX003", path=str(path))
    if size > contract.MAX_FILE_BYTES:
        raise InputError("PX004", path=str(path), size=size, limit=contract.MAX_FILE_BYTES)
    return size


def file_stamp(path: PathLike) -> tuple[int, int, str]:
    """(size, mtime in ns, SHA-256) of the file as it is now: what a check read, so that a later
    in-place write can tell whether another program saved the file meanwhile."""
    import hashlib

    p = Path(path)
    digest = hashlib.sha256()
    try:
        st = p.stat()
        with open(p, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise _os_error(path, exc) from None
    return st.st_size, st.st_mtime_ns, digest.hexdigest()


def read_source(path: PathLike) -> tuple[bytes, tuple[int, int, str]]:
    """The file's bytes, read once after ``check_path``, and their stamp (as ``file_stamp``):
    the reader then works on exactly the bytes the stamp describes."""
    import hashlib

    blob, st = _read_checked(path)
    return blob, (len(blob), st.st_mtime_ns, hashlib.sha256(blob).hexdigest())


def _read_checked(path: PathLike) -> tuple[bytes, os.stat_result]:
    """``check_path``, then the file's bytes and its stat (an OSError becomes its PX0xx)."""
    check_path(path)
    try:
        st = Path(path).stat()
        return read_blob(path), st
    except OSError as exc:
        raise _os_error(path, exc) from None


def check_zip_limits(zf: zipfile.ZipFile, path: PathLike) -> None:
    """Cap the member count and the sum of declared sizes before anything is decompressed."""
    infos = zf.infolist()
    if len(infos) > contract.MAX_ZIP_PARTS:
        raise InputError("PX014", path=str(path), size=len(infos), limit=contract.MAX_ZIP_PARTS)
    total = sum(i.file_size for i in infos)
    if total > contract.MAX_UNCOMPRESSED_BYTES:
        raise InputError("PX015", path=str(path), size=total,
                         limit=contract.MAX_UNCOMPRESSED_BYTES)
    for info in infos:   # every part must be one a writer can copy: stored or deflated, in clear
        if info.flag_bits & 0x1:
            raise InputError("PX005", path=str(path),
                             detail=f"{info.filename}: 部件被加密 / an encrypted part")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError("PX005", path=str(path),
                             detail=f"{info.filename}: 不支持的压缩方式 / compression "
                                    f"{info.compress_type}")


def part_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Normalised (lower-case, '/'-separated, no leading '/') part name → the name in the zip."""
    names: dict[str, str] = {}
    for name in zf.namelist():
        names.setdefault(name.replace("\\", "/").lstrip("/").lower(), name)
    return names


def _office_document(zf: zipfile.ZipFile, names: dict[str, str],
                     keep: dict[str, bytes] | None = None) -> str | None:
    rels = names.get("_rels/.rels")
    if rels is None:
        return None
    from .safe_xml import parse

    try:
        data = (keep or {}).get(rels)
        root = parse(zf.read(rels) if data is None else data)
    except Exception:  # a broken .rels: fall back to the usual part name
        return None
    for rel in root:
        if rel.get("Type", "").endswith(_OFFICE_DOC) and rel.get("TargetMode") != "External":
            target = rel.get("Target", "").replace("\\", "/")
            return posixpath.normpath(target.lstrip("/")).lower()
    return None


def open_package(path: PathLike, keep: dict[str, bytes] | None = None,
                 keep_part_bytes: int | None = None,
                 blob: bytes | None = None) -> tuple[zipfile.ZipFile, str, str]:
    """Open a usable workbook → (zip, kind "xlsx"/"xlsm", workbook part name); else raise.
    ``keep`` receives the small XML parts already decompressed whole (``check_prologues``).
    The file is read into memory once (or ``blob`` is its bytes, read by ``read_source``) and the
    zip works on those bytes (``members.InMemoryZip``)."""
    if blob is None:
        blob = _read_checked(path)[0]
    try:
        mem = InMemoryZip(blob)
    except ZIP_ERRORS:
        sniff_bytes(path)  # raises the precise reason when the bytes are not a zip at all
        raise InputError("PX005", path=str(path), detail="zip 目录缺失 / no zip directory") from None
    zf = mem.zf
    try:
        _no_prefix(zf, path, blob[:4])
        check_zip_limits(zf, path)
        from .prologue import KEEP_PART_BYTES, check_prologues

        check_prologues(zf, path, keep,
                        KEEP_PART_BYTES if keep_part_bytes is None else keep_part_bytes,
                        read=mem.read)
        names = part_names(zf)
        wb = _office_document(zf, names, keep)
        if wb not in names:
            wb = "xl/workbook.xml" if "xl/workbook.xml" in names else None
        if wb is None:
            raise _not_a_workbook(names, path)
        if wb.endswith(".bin"):     # an Excel binary workbook (.xlsb): documented as PX012
            raise InputError("PX012", path=str(path))
        try:
            head = (keep or {}).get(names[wb], b"")[:4096]
            if not head:
                with zf.open(names[wb]) as fh:
                    head = fh.read(4096)
        except (*ZIP_ERRORS, OSError) as exc:
            raise InputError("PX005", path=str(path), detail=str(exc)[:80]) from None
        if _STRICT_NS in head:
            raise InputError("PX011", path=str(path))
        kind = "xlsm" if any(n.endswith("vbaproject.bin") for n in names) else "xlsx"
        return zf, kind, names[wb]
    except BaseException:
        zf.close()
        raise


def _no_prefix(zf: zipfile.ZipFile, path: PathLike, head: bytes) -> None:
    """Refuse bytes before the zip (a self-extractor stub, an OLE file with a zip appended):
    rewriting such a file would silently drop them. ``head``: the file's first four bytes."""
    if head in (b"PK\x03\x04", b"PK\x05\x06"):
        return
    if head.startswith(OLE_MAGIC[:4]):
        sniff_bytes(path)      # an encrypted (PX007) or other OLE file (PX008), as its bytes say
    first = min((i.header_offset for i in zf.infolist()), default=0)
    raise InputError("PX005", path=str(path),
                     detail=f"zip 前有 {first or '若干'} 字节多余数据 / bytes before the zip")


def _not_a_workbook(names: dict[str, str], path: PathLike) -> InputError:
    for part, what in _OTHER_ZIPS:
        if part in names:
            if not what:
                return InputError("PX012", path=str(path))
            return InputError("PX006", path=str(path), detail=what)
    return InputError("PX006", path=str(path), detail="缺少 xl/workbook.xml / no xl/workbook.xml")


def sniff_file(path: PathLike) -> str:
    """Return "xlsx" or "xlsm" for a usable workbook; raise InputError with the reason otherwise."""
    zf, kind, _ = open_package(path)
    zf.close()
    return kind


def sniff_bytes(path: PathLike) -> None:
    """Raise the InputError that fits a file which is not a zip (OLE, text, HTML, unknown)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
            if head.startswith(OLE_MAGIC):
                names = ole_names(fh)
    except OSError as exc:
        raise _os_error(path, exc) from None
    if head.startswith(b"PK"):
        return  # a zip with a broken directory: the caller says PX005
    if head.startswith(OLE_MAGIC):
        if "encryptedpackage" in names:
            raise InputError("PX007", path=str(path))
        if "worddocument" in names and not names & {"workbook", "book"}:
            raise InputError("PX022", path=str(path),
                             detail="此处只读 Excel 工作簿 / only a workbook is read here")
        if not names & {"workbook", "book"} and Path(path).suffix.lower() in (".doc", ".wps"):
            raise InputError("PX022", path=str(path),      # named a Word file, nothing readable
                             detail="文件不完整或已损坏 / the file is incomplete or damaged")
        detail = "Excel 97-2003" if names & {"workbook", "book"} else "OLE2"
        raise InputError("PX008", path=str(path), detail=detail)
    text = _decode_text(head)
    if text is None:
        what = next((v for k, v in _KNOWN_BINARY.items() if head.startswith(k)), head[:8].hex(" "))
        raise InputError("PX019", path=str(path), detail=what)
    low = text.lstrip("\ufeff \t\r\n").lower()
    if low.startswith("<"):
        if "<html" in low[:2000] or low.startswith("<!doctype html") or "<table" in low:
            raise InputError("PX010", path=str(path), detail="HTML")
        detail = ("Excel 2003 XML" if "urn:schemas-microsoft-com:office:spreadsheet" in low
                  else "XML")
        raise InputError("PX010", path=str(path), detail=detail)
    if _looks_like_csv(text, complete=len(head) < 8192):
        raise InputError("PX009", path=str(path))
    raise InputError("PX020", path=str(path))


def text_format(head: bytes) -> str | None:
    """"html" for a web page, "xml2003" for Excel 2003 XML (SpreadsheetML), else None: the
    "Excel" files budget systems export as text, which ``forms.sources`` reads."""
    text = _decode_text(head)
    if text is None:
        return None
    low = text.lstrip("\ufeff \t\r\n").lower()
    if not low.startswith("<"):
        return None
    if "<html" in low[:2000] or low.startswith("<!doctype html"):
        return "html"
    if "urn:schemas-microsoft-com:office:spreadsheet" in low:
        return "xml2003"
    return "html" if "<table" in low else None


def _decode_text(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    if b"\x00" in head:
        return None
    for enc in ("utf-8-sig", "gb18030"):
        for cut in range(4):  # the 8 KB head may end inside a multi-byte character
            try:
                text = head[: len(head) - cut].decode(enc)
            except UnicodeDecodeError:
                continue
            controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
            return text if controls <= len(text) // 100 else None
    return None


def _looks_like_csv(text: str, complete: bool) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not complete and len(lines) > 1:
        lines = lines[:-1]
    lines = lines[:30]
    if not lines:
        return False
    for sep in (",", "\t", ";"):
        counts = [ln.count(sep) for ln in lines]
        mode = max(set(counts), key=counts.count)
        if mode >= 1 and counts.count(mode) >= 0.8 * len(counts):
            return True
    return False
