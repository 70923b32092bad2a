"""Which sheets perf-xlsx wrote, and where its result sheets go, so no hand-made sheet is replaced.

Each sheet perf-xlsx writes carries a sheet-scoped defined name (``contract.GENERATED_MARKER``,
``localSheetId`` = the sheet). Excel, WPS and LibreOffice keep sheet-scoped names when saving, and
the name travels with the sheet when it is moved or renamed. Only a marked sheet is ever replaced:
when the workbook already has a sheet called 自评表 or 检查结果 that perf-xlsx did not write (staff
typed the form by hand), ours is written under ``自评表（perf-xlsx）`` (then ``（perf-xlsx 2）`` …).
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any, Mapping

from ..ooxml.xmltext import quoteattr
from ..template import contract

_REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MARKER_VALUE = '"perf-xlsx"'


def mark_sheets(workbook: Any, names: tuple[str, ...] = contract.OUTPUT_SHEETS) -> None:
    """Define the marker name on each of ``names`` in an xlsxwriter workbook."""
    for name in names:
        workbook.define_name(f"'{name}'!{contract.GENERATED_MARKER}", f"={MARKER_VALUE}")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def generated_sheets(path: str | Path | bytes) -> tuple[list[str], set[str]]:
    """(every sheet name in workbook order, the names of the sheets perf-xlsx wrote)."""
    from ..ooxml.safe_xml import parse as fromstring

    source = io.BytesIO(path) if isinstance(path, bytes) else path
    with zipfile.ZipFile(source) as z:
        part = "xl/workbook.xml"
        if "_rels/.rels" in z.namelist():
            for rel in fromstring(z.read("_rels/.rels")):
                if rel.get("Type") == _REL_DOC:
                    part = str(PurePosixPath(rel.get("Target", part).lstrip("/")))
        root = fromstring(z.read(part))
    sheets = [el.get("name", "") for el in root.iter() if _local(el.tag) == "sheet"]
    marked: set[str] = set()
    for el in root.iter():
        if _local(el.tag) == "definedName" and \
                el.get("name", "").casefold() == contract.GENERATED_MARKER.casefold():
            index = el.get("localSheetId", "")
            if index.isdigit() and int(index) < len(sheets):
                marked.add(sheets[int(index)])
    return sheets, marked


candidates = contract.sheet_name_candidates


def result_sheet_names(path: str | Path, stage: str = "self") -> tuple[str, ...]:
    """Where the result sheets of ``stage`` go in ``path``: each contract name, unless a sheet of
    that name exists that perf-xlsx did not write; then the first free (or ours)
    ``…（perf-xlsx）`` name."""
    sheets, marked = generated_sheets(path)
    taken = {s.casefold() for s in sheets}
    chosen = []
    for base in contract.output_sheets(stage):
        chosen.append(next(c for c in candidates(base)
                           if c in marked or c.casefold() not in taken))
    return tuple(chosen)


def rename_sheets(xlsx: bytes, mapping: Mapping[str, str]) -> bytes:
    """Rename sheets of a workbook written by xlsxwriter (sheet entries and defined names)."""
    mapping = {old: new for old, new in mapping.items() if old != new}
    if not mapping:
        return xlsx
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/workbook.xml":
                text = data.decode("utf-8")
                for old, new in mapping.items():
                    text = text.replace(f"<sheet name={quoteattr(old)}",
                                        f"<sheet name={quoteattr(new)}")
                    quoted = "'" + new.replace("'", "''") + "'!"
                    text = re.sub(rf"(?<=[>,])'?{re.escape(old)}'?!", lambda m: quoted, text)
                data = text.encode("utf-8")
            zout.writestr(info, data)
    return out.getvalue()
