"""The paragraphs of an existing 自评报告: a .docx's or a .doc's body (a .doc converted by
LibreOffice, ``forms.word97``) or a .txt's lines, and ``clean`` to compare them."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import InputError
from ..ooxml.sniff import OLE_MAGIC

_MARKER = re.compile(r"\[bookmark:[^\]]*\]")


def read_paragraphs(path: str | Path) -> list[str]:
    """The paragraphs of a .docx or .doc (body, not tables) or .txt (UTF-8 or GBK); InputError
    if not. A .doc is converted by LibreOffice when it is installed (``forms.word97``)."""
    p = Path(path)
    if not p.exists():
        raise InputError("PX520", str(p))
    if p.is_dir():
        raise InputError("PX521", str(p), detail="是文件夹 / a folder")
    data = original = p.read_bytes()
    if p.suffix.lower() == ".txt":
        for enc in ("utf-8-sig", "gb18030"):
            try:
                return data.decode(enc).splitlines()
            except UnicodeDecodeError:
                continue
        raise InputError("PX522", str(p), detail="编码无法识别 / unknown encoding")
    if data.startswith(OLE_MAGIC):
        data = _converted(p, data)
    if not data.startswith(b"PK"):
        raise InputError("PX521", str(p), detail=p.suffix or "无扩展名 / no extension")
    try:
        import docx

        source = str(p) if data is original else io.BytesIO(data)
        return [para.text for para in docx.Document(source).paragraphs]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError("PX522", str(p), detail=f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - python-docx raises assorted errors on bad packages
        raise InputError("PX522", str(p), detail=f"{type(exc).__name__}") from exc


def _converted(path: Path, data: bytes) -> bytes:
    """A Word 97-2003 report as .docx bytes (``forms.word97``, LibreOffice); PX521 without."""
    from ..forms.word97 import doc_as_docx
    from ..ooxml.ole import ole_names

    names = ole_names(io.BytesIO(data))
    if "worddocument" not in names:
        what = "Excel 97-2003 .xls" if names & {"workbook", "book"} else "OLE2"
        raise InputError("PX521", str(path), detail=what)
    try:
        return doc_as_docx(path, data)
    except InputError as exc:
        detail = exc.params.get("detail", "")
        raise InputError("PX521", str(path), detail=f"Word 97-2003 .doc：{detail}") from None


_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def clean(paragraphs: list[str]) -> list[str]:
    """Drop conversion markers and blank paragraphs; full-width digits → ASCII; strip."""
    out = [_MARKER.sub("", t).translate(_DIGITS).strip() for t in paragraphs]
    return [t for t in out if t]
