"""Draft the narrative 自评报告 (.docx) from a checked workbook: the seeds' seven sections, every
figure from the workbook (rendered by report.figures), highlighted 【待填写：…】 placeholders for
the sentences only the staff can write, listed again at the end.
"""
from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..results import CheckReport
from ..write.safe_write import atomic_write
from .draft import Writer
from .sections import SECTIONS
from .style import LINE_PT, centered, setup_document, title

CORE_PROPERTY_MAX = 255     # python-docx (and Word) refuse a longer core property


def core_title(name: str) -> str:
    """「项目名称绩效自评报告」 for the core properties, the name shortened with … to 255 chars."""
    full, tail = f"{name}绩效自评报告", "…绩效自评报告"
    return full if len(full) <= CORE_PROPERTY_MAX else name[:CORE_PROPERTY_MAX - len(tail)] + tail


def build_document(report: CheckReport) -> tuple[Any, list[str]]:
    """The report as a python-docx Document, and the placeholders the staff must fill."""
    import docx

    doc = docx.Document()
    setup_document(doc)
    w = Writer(doc, report)
    name = w.fig.name or "项目支出"
    title(doc, f"{name}绩效自评报告")
    if w.fig.year:
        centered(doc, f"（{w.fig.year}年度）")
    if w.p.implementer.text:
        centered(doc, w.p.implementer.text, after=LINE_PT)
    for section in SECTIONS:
        section(w)
    props = doc.core_properties
    props.title, props.author = core_title(name), "perf-xlsx"
    props.created = props.modified = report.checked_at.replace(tzinfo=None, microsecond=0)
    props.revision = 1
    return doc, w.holes


def build_report(report: CheckReport, out: Path) -> list[str]:
    """Write the draft to ``out`` (temp file, verify, replace); return the placeholders.

    Raises OutputError (PX523 folder missing, PX526 open in Word, PX527 bad name, PX6xx) when it
    cannot be written; an existing ``out`` then keeps its old bytes."""
    doc, holes = build_document(report)

    def verify(path: Path) -> None:
        import docx

        docx.Document(str(path))

    out = Path(out)
    try:
        if not out.absolute().parent.is_dir():
            raise OutputError("PX523", str(out), folder=str(out.absolute().parent))
        atomic_write(out, lambda tmp: doc.save(str(tmp)), verify)
    except OSError as exc:
        raise write_error(exc, out) from exc
    except OutputError as exc:
        if exc.code != "PX601":
            raise
        raise OutputError("PX526", str(out), lock=exc.params.get("lock", "~$")) from exc
    return holes


def write_error(exc: OSError, out: Path) -> OutputError:
    """The catalogue error for an OSError met while checking or writing the report ``out``."""
    if exc.errno in (errno.ENAMETOOLONG, errno.EINVAL) or getattr(exc, "winerror", 0) in (123, 206):
        return OutputError("PX527", str(out), error=exc.strerror or str(exc))
    if isinstance(exc, PermissionError):
        return OutputError("PX606", str(out), folder=str(Path(out).absolute().parent),
                           error=exc.strerror or str(exc))
    if isinstance(exc, FileNotFoundError):
        return OutputError("PX523", str(out), folder=str(Path(out).absolute().parent))
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return OutputError("PX603", str(out))
    return OutputError("PX608", str(out), error=f"{type(exc).__name__}: {exc.strerror or exc}")
