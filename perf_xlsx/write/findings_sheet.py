"""Lays out the 检查结果 sheet: a summary block, then one row per finding with a link to its cell."""
from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from ..catalogue.finding import Finding, Severity, strip_location
from ..results import CheckReport
from ..template import contract
from .sheet_style import LINE_PT, Styles, quantize, text_lines

_CELL = re.compile(r"^\$?[A-Z]{1,3}\$?[0-9]{1,7}(:\$?[A-Z]{1,3}\$?[0-9]{1,7})?$")

LABELS = {
    "zh": {"title": "检查结果", "file": "文件", "time": "检查时间", "version": "工具版本",
           "profile": "评分口径", "total": "总分", "grade": "等级", "none": "未计算",
           "counts": ("错误", "警告", "提示"),
           "headers": ("序号", "代码", "级别", "位置", "说明", "处理办法", "期望值", "实际值"),
           "clean": "未发现问题。", "link_tip": "点击跳转到该单元格"},
    "en": {"title": "Check results", "file": "File", "time": "Checked at", "version": "Tool",
           "profile": "Profile", "total": "Total score", "grade": "Grade", "none": "not computed",
           "counts": ("Errors", "Warnings", "Infos"),
           "headers": ("No.", "Code", "Severity", "Location", "Message", "How to fix",
                       "Expected", "Actual"),
           "clean": "No problems found.", "link_tip": "Click to go to the cell"},
}
SEVERITY_TEXT = {"zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
                 "en": {Severity.ERROR: "error", Severity.WARNING: "warning",
                        Severity.INFO: "info"}}
#: (fill, font colour) per severity, for the conditional formats.
COLOURS = {Severity.ERROR: ("#FFC7CE", "#9C0006"), Severity.WARNING: ("#FFEB9C", "#9C5700"),
           Severity.INFO: ("#DDEBF7", "#1F4E78")}
WIDTHS = (6, 8, 7, 18, 46, 40, 14, 14)


def link_target(f: Finding) -> str | None:
    """The internal hyperlink for a finding's cell, e.g. ``internal:'绩效指标'!E7``."""
    if not f.sheet or not f.cell or not _CELL.match(f.cell.upper()):
        return None
    sheet = f.sheet.replace("'", "''")
    return f"internal:'{sheet}'!{f.cell.upper()}"


def add_findings_sheet(workbook: Any, report: CheckReport, lang: str = "zh",
                       profile: Any = None) -> Any:
    """Add the 检查结果 sheet for ``report`` to an xlsxwriter ``workbook``; return the worksheet."""
    lab = LABELS["en" if lang == "en" else "zh"]
    sev_text = SEVERITY_TEXT["en" if lang == "en" else "zh"]
    ws = workbook.add_worksheet(contract.SHEET_FINDINGS)
    # what was read from .xls/.ods/.docx is laid out anew in the workbook written beside it:
    # its cells are not where the findings say, so no links there
    linkable = report.project.source_format == "xlsx"
    st = Styles(workbook)
    last = len(WIDTHS) - 1
    head = st.get(bold=True, align="center", bg_color="#F2F2F2")
    key, val = st.get(bold=True, align="left"), st.get(align="left")
    heights: dict[int, float] = {}

    ws.merge_range(0, 0, 0, last, lab["title"],
                   st.get(border=False, bold=True, font_size=16, align="center"))
    heights[0] = 28
    score = report.score
    prof = getattr(profile, "title_en" if lang == "en" else "title", "") if profile else ""
    info = ((lab["file"], PurePath(report.project.path).name),
            (lab["time"], report.checked_at.strftime("%Y-%m-%d %H:%M:%S")),
            (lab["version"], f"perf-xlsx {report.tool_version}"),
            (lab["profile"], prof or (score.profile if score else "")))
    for i, (k, text) in enumerate(info, start=1):
        ws.merge_range(i, 0, i, 1, k, key)
        ws.merge_range(i, 2, i, last, text, val)
    r = len(info) + 1
    for i in range(1, r + 1):
        heights[i] = 18.0
    total = score.total if score else None
    ws.merge_range(r, 0, r, 1, lab["total"], key)
    if total is None:
        ws.write_string(r, 2, lab["none"], val)
    else:
        ws.write_number(r, 2, float(quantize(total, "0.01")),
                        st.get(align="left", num_format="0.00"))
    ws.write_string(r, 3, lab["grade"], key)
    ws.write_string(r, 4, (score.grade if score and score.grade else "—"), val)
    counts = [report.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    ws.merge_range(r, 5, r, last, "   ".join(f"{n}：{c}" if lang != "en" else f"{n}: {c}"
                                            for n, c in zip(lab["counts"], counts)), val)
    hr = r + 2
    for c, h in enumerate(lab["headers"]):
        ws.write_string(hr, c, h, head)
    rows = report.sorted_findings()
    text, centre = st.get(align="left"), st.get(align="center")
    link = st.get(align="left", font_color="#0563C1", underline=1)
    # Plain cell formats, not conditional ones: the values never change, sorting and filtering
    # carry the colours along, and xlsxwriter's conditional formats cost ~12 ms of start-up.
    severity = {sev: st.get(align="center", bold=True, bg_color=fill, font_color=font)
                for sev, (fill, font) in COLOURS.items()}
    for i, f in enumerate(rows, start=1):
        rr = hr + i
        ws.write_number(rr, 0, i, centre)
        ws.write_string(rr, 1, f.code, centre)
        ws.write_string(rr, 2, sev_text[f.severity], severity[f.severity])
        target = link_target(f) if linkable else None
        if target:
            ws.write_url(rr, 3, target, link, f.location, lab["link_tip"])
        elif f.location:
            ws.write_string(rr, 3, f.location, text)
        else:
            ws.write_blank(rr, 3, None, text)
        msg, hint = strip_location(f.message(lang), f.sheet, f.cell), f.hint(lang)
        for c, t in ((4, msg), (5, hint), (6, f.expected or ""), (7, f.actual or "")):
            ws.write_string(rr, c, t, text)
        lines = max(text_lines(msg, WIDTHS[4]), text_lines(hint, WIDTHS[5]),
                    text_lines(f.expected or "", WIDTHS[6]), text_lines(f.actual or "", WIDTHS[7]))
        heights[rr] = max(18.0, lines * LINE_PT + 5)
    end = hr + max(len(rows), 1)
    if not rows:
        ws.merge_range(hr + 1, 0, hr + 1, last, lab["clean"], text)
    ws.autofilter(hr, 0, end, last)
    ws.freeze_panes(hr + 1, 0)
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    for rr, h in heights.items():
        ws.set_row(rr, round(h, 1))
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(hr)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
    ws.print_area(0, 0, end, last)
    ws.set_footer("&C&P / &N")
    return ws
