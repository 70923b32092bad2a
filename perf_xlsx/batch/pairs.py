"""A 自评报告 sent beside its 自评表: in one folder, a Word report (a .docx / .doc whose name says
报告) is checked together with the workbook it belongs to — its figures against the workbook's,
and the reasons it gives for a published form's shortfalls (as ``check --report`` does) —
instead of being a row of its own that has no form to read.

A report belongs to a workbook when the folder holds exactly one of each, or when their names
agree once the words naming the document are taken off (高标准农田自评报告.docx and
高标准农田自评表.xlsx; 2023年XX项目绩效自评报告.docx and 2023年XX项目.xls). A report that fits
no workbook, or several, stays a file of its own (its 附表, if any, is read as a form).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

REPORT_SUFFIXES = (".docx", ".doc")
#: The words that name the document rather than the project, taken off a name's end.
_DOCUMENT_WORDS = re.compile(
    r"(?:项目)?(?:支出)?(?:绩效)?(?:目标)?(?:自评|评价)?(?:报告|报表|表)?(?:\([^)]*\))?$")


def is_report_name(path: Path) -> bool:
    """A Word file whose name says it is a report (自评报告, 绩效评价报告 …)."""
    return path.suffix.lower() in REPORT_SUFFIXES and "报告" in path.stem


def project_key(path: Path) -> str:
    """The name without the words naming the document, spaces and separators (NFKC)."""
    stem = unicodedata.normalize("NFKC", path.stem)
    stem = re.sub(r"[\s_\-—·.]+", "", stem)
    return _DOCUMENT_WORDS.sub("", stem)


def pair_reports(files: list[Path]) -> dict[Path, Path]:
    """workbook → its report, for the reports of ``files`` that belong to one workbook."""
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for path in files:
        by_folder[path.parent].append(path)
    out: dict[Path, Path] = {}
    for paths in by_folder.values():
        reports = [p for p in paths if is_report_name(p)]
        books = [p for p in paths if p.suffix.lower() not in REPORT_SUFFIXES]
        if not reports or not books:
            continue
        if len(reports) == 1 and len(books) == 1:
            out[books[0]] = reports[0]
            continue
        for report in reports:
            key = project_key(report)
            same = [b for b in books if key and project_key(b) == key and b not in out]
            if len(same) == 1:
                out[same[0]] = report
    return out


def check_with_report(path: str | Path, narrative: str | Path | None, profile: Any,
                      write: bool = False, **kw: Any) -> list[Any]:
    """``run.check_and_write_all`` with the 自评报告 paired with ``path`` (its reports); a report
    that cannot be read (PX520–PX522) is a finding of the workbook's first project, not a reason
    to leave the workbook unchecked."""
    from ..catalogue.finding import make
    from ..errors import PerfXlsxError
    from ..run import check_and_write_all

    try:
        return check_and_write_all(path, profile, write=write, narrative=narrative, **kw)[0]
    except PerfXlsxError as exc:
        if narrative is None or not exc.code.startswith("PX52"):
            raise
        reports = check_and_write_all(path, profile, write=write, **kw)[0]
        reports[0].findings.append(make(exc.code, Path(narrative).name, None,
                                        **{"path": exc.path or str(narrative), **exc.params}))
        return reports
