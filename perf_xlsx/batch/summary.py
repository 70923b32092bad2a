"""The reviewers' summary workbook of a batch run, streamed: each file's rows go to the workbook
as they arrive (xlsxwriter in ``constant_memory`` mode writes each row to disk as the next one
starts), so the parent's memory stays flat however many files a run checks. The aggregate
sheets (等级分布 with its chart, 按主管部门) are written at the end from a few counters.

Sheets: 汇总 (one row per workbook), 问题清单 (every finding and every file error), 等级分布,
按主管部门. The workbook is assembled in a private temporary file, then put in place atomically
beside the target (safe_write), so a half-written summary never replaces a good one.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Sequence

from . import summary_rows as sr
from .pool import FAILED_STATUSES
from .summary_rows import DEFAULT_GRADES, MAX_ROWS, labels  # noqa: F401  (re-exported)

#: Column formats of the 汇总 sheet by column (text wraps; money, rate and score as numbers).
_SUMMARY_FORMATS = {0: "text", 1: "text", 2: "text", 3: "text", 6: "money", 7: "money",
                    8: "pct", 9: "score", 11: "int", 12: "int", 13: "int", 15: "text"}
_FORMATS = {
    "head": {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
             "valign": "vcenter"},
    "money": {"num_format": "#,##0.00"}, "pct": {"num_format": "0.00%"},
    "score": {"num_format": "0.00"}, "int": {"num_format": "0"},
    "wrap": {"text_wrap": True, "valign": "top"}, "text": {"text_wrap": True, "valign": "top"},
    "good": {"bg_color": "#C6EFCE", "font_color": "#006100"},
    "mid": {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
    "bad": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
    "link": {"font_color": "#0563C1", "underline": 1, "text_wrap": True, "valign": "top"},
}


@dataclass
class _Department:
    files: int = 0
    with_errors: int = 0
    scores: list[Decimal] = field(default_factory=list)
    grades: dict[str, int] = field(default_factory=dict)


class SummaryBook:
    """A summary workbook being written: ``add(row)`` per row in order, then ``close()``."""

    def __init__(self, path: Path, target: Path, lang: str = "zh",
                 grades: Sequence[str] = DEFAULT_GRADES) -> None:
        import xlsxwriter

        self.t, self.target, self.grade_names = labels(lang), target, tuple(grades)
        # every text as text: a name starting with = + - @ is never a formula
        self.book = xlsxwriter.Workbook(str(path), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "tmpdir": tempfile.gettempdir()})
        self.fmt = {k: self.book.add_format(v) for k, v in _FORMATS.items()}
        s_name, f_name, g_name, d_name = self.t["sheets"]
        self.summary = self._sheet(s_name, self.t["summary"], sr.WIDTHS, _SUMMARY_FORMATS)
        self.findings = self._sheet(f_name, self.t["findings"], sr.FINDING_WIDTHS,
                                    {5: "wrap", 6: "wrap"})
        self.grades_ws = self._sheet(g_name, self.t["grades"], (12, 10), {1: "int"})
        self.dept_ws = self._sheet(d_name, self.t["departments"],
                                   (24, 9, 9, 9, 6, 6, 6, 6, 8), {1: "int", 2: "int", 3: "score"})
        self.n_summary = self.n_findings = self.cut = 0
        self.counts: dict[str, int] = {g: 0 for g in self.grade_names}
        self.no_grade = 0
        self.departments: dict[str, _Department] = {}

    def _sheet(self, name: str, header: Sequence[str], widths: Sequence[float],
               col_formats: dict[int, str]) -> Any:
        ws = self.book.add_worksheet(name)
        for col, head in enumerate(header):
            ws.set_column(col, col, widths[col] if col < len(widths) else 12,
                          self.fmt[col_formats[col]] if col in col_formats else None)
            ws.write_string(0, col, head, self.fmt["head"])
        ws.set_row(0, 30)
        ws.freeze_panes(1, 1)
        ws.set_landscape()                # printed: A4 landscape, one page wide, header repeated
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(0)
        return ws

    def add(self, row: dict[str, Any]) -> None:
        """Write one row of a checked (or failed) file and its findings."""
        self.n_summary += 1
        values = sr.summary_tuple(row, self.t)
        _write_row(self.summary, self.n_summary, values)
        link = _link(row["file"], self.target)
        if len(link) < 2000:          # Excel's limit for a link target (with the prefix)
            self.summary.write_url(self.n_summary, 0, link, self.fmt["link"],
                                   string=str(values[0]))
        for item in sr.finding_tuples(row, self.t):
            if self.n_findings >= MAX_ROWS - 1:    # Excel's sheet limit: keep the first, say so
                self.cut += 1
                continue
            self.n_findings += 1
            _write_row(self.findings, self.n_findings, item)
        self._count(row)

    def _count(self, row: dict[str, Any]) -> None:
        grade = row["grade"]
        if grade:
            self.counts[grade] = self.counts.get(grade, 0) + 1
        else:
            self.no_grade += 1
        dept = self.departments.setdefault(row["project"]["department"] or
                                           self.t["no_department"], _Department())
        dept.files += 1
        dept.with_errors += 1 if row["errors"] or row["status"] in FAILED_STATUSES else 0
        if row["score"] is not None:
            dept.scores.append(Decimal(row["score"]))
        key = grade if grade in self.grade_names else "—"
        dept.grades[key] = dept.grades.get(key, 0) + 1

    def close(self) -> None:
        """The aggregate sheets, filters and colours; then the file is assembled."""
        if self.cut:
            self.n_findings += 1
            _write_row(self.findings, self.n_findings, sr.truncated_row(self.cut, self.t))
        self.summary.autofilter(0, 0, max(self.n_summary, 1), len(self.t["summary"]) - 1)
        self.findings.autofilter(0, 0, max(self.n_findings, 1), len(self.t["findings"]) - 1)
        _colours(self.summary, self.n_summary, self.fmt, self.t)
        dist = [*self.counts.items(), (self.t["no_grade"], self.no_grade)]
        for i, item in enumerate(dist, start=1):
            _write_row(self.grades_ws, i, item)
        self.grades_ws.autofilter(0, 0, len(dist), 1)
        _chart(self.book, self.grades_ws, self.t["sheets"][2], len(dist), self.t)
        for i, (name, d) in enumerate(sorted(self.departments.items()), start=1):
            mean = float(sum(d.scores) / len(d.scores)) if d.scores else None
            _write_row(self.dept_ws, i, (name, d.files, d.with_errors, mean,
                                         *(d.grades.get(g, 0) for g in DEFAULT_GRADES),
                                         d.files - sum(d.grades.get(g, 0)
                                                       for g in DEFAULT_GRADES)))
        self.dept_ws.autofilter(0, 0, max(len(self.departments), 1), 8)
        self.book.close()


def _write_row(ws: Any, r: int, values: Sequence[Any]) -> None:
    for c, v in enumerate(values):
        if v is None:
            continue
        if isinstance(v, str):
            ws.write_string(r, c, v)
        else:
            ws.write_number(r, c, v)


def write_summary(rows: Iterable[dict[str, Any]], path: str | Path, lang: str = "zh",
                  grades: Sequence[str] = DEFAULT_GRADES) -> Path:
    """Write the summary workbook of ``rows`` (any iterable, consumed once and lazily: a
    generator that runs the batch streams into it) atomically; OutputError (PX6xx) if it cannot
    be written."""
    from ..write.safe_write import atomic_write

    target = Path(path)
    fd, name = tempfile.mkstemp(prefix="perf-xlsx-summary-", suffix=".xlsx")
    os.close(fd)
    stream = Path(name)
    try:
        book = SummaryBook(stream, target, lang, grades)
        for row in rows:
            book.add(row)
        book.close()
        atomic_write(target, lambda tmp: shutil.copyfile(stream, tmp))
    finally:
        stream.unlink(missing_ok=True)
    return target


def _link(file: str, summary: Path) -> str:
    """An external link from the summary to a checked file, relative when they share a drive
    (the folder can then be moved or sent as a whole)."""
    try:
        rel = os.path.relpath(Path(file).absolute(), summary.absolute().parent)
    except ValueError:       # another drive on Windows
        rel = str(Path(file).absolute())
    return "external:" + rel.replace("\\", "/")


def _colours(ws: Any, n: int, fmt: dict[str, Any], t: dict[str, Any]) -> None:
    """Conditional formats: grade (优/良 green, 中 amber, 差 red), error count, status."""
    last = max(n, 1) + 1
    grade, errors, status = f"K2:K{last}", f"L2:L{last}", f"O2:O{last}"
    for value, key in (("优", "good"), ("良", "good"), ("中", "mid"), ("差", "bad")):
        ws.conditional_format(grade, {"type": "cell", "criteria": "==", "value": f'"{value}"',
                                      "format": fmt[key]})
    ws.conditional_format(errors, {"type": "cell", "criteria": ">", "value": 0,
                                   "format": fmt["bad"]})
    words = t["status"]
    for key, style in (("clean", "good"), ("warnings", "mid"), ("errors", "bad"),
                       ("unreadable", "bad"), ("timeout", "bad"), ("internal", "bad")):
        ws.conditional_format(status, {"type": "cell", "criteria": "==",
                                       "value": f'"{words[key]}"', "format": fmt[style]})


def _chart(book: Any, ws: Any, sheet: str, n: int, t: dict[str, Any]) -> None:
    chart = book.add_chart({"type": "column"})
    chart.add_series({"name": t["count"], "categories": [sheet, 1, 0, n, 0],
                      "values": [sheet, 1, 1, n, 1], "data_labels": {"value": True},
                      "fill": {"color": "#5B9BD5"}})
    chart.set_title({"name": t["chart"]})
    chart.set_legend({"none": True})
    chart.set_y_axis({"name": t["count"], "major_gridlines": {"visible": True}})
    ws.insert_chart("D2", chart, {"x_scale": 1.2, "y_scale": 1.2})
