"""The reviewers' summary workbook of a batch run (pandas DataFrames, written with xlsxwriter).

Sheets: 汇总 (one row per workbook), 问题清单 (every finding and every file error) and 等级分布
(counts per grade with a column chart). Written atomically beside the target (safe_write).
"""
from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Sequence

#: Localised labels. Column keys are stable; headers and sheet names follow --lang.
_T = {
    "zh": {
        "sheets": ("汇总", "问题清单", "等级分布"),
        "summary": ("文件", "项目名称", "主管部门", "实施单位", "年度", "全年预算数（万元）",
                    "全年执行数（万元）", "执行率", "总分", "等级", "错误数", "警告数", "提示数",
                    "状态", "说明"),
        "findings": ("文件", "代码", "级别", "工作表", "单元格", "说明", "处理办法"),
        "grades": ("等级", "数量"),
        "status": {"clean": "通过", "warnings": "有警告", "errors": "有错误",
                   "unreadable": "无法读取", "timeout": "超时", "internal": "内部错误"},
        "severity": {"error": "错误", "warning": "警告", "info": "提示"},
        "no_grade": "无等级", "chart": "等级分布", "count": "工作簿数",
        "truncated": "……另有 {n} 条问题超出 Excel 的行数上限，未列出（见 --format jsonl 输出）",
    },
    "en": {
        "sheets": ("Summary", "Findings", "Grades"),
        "summary": ("File", "Project", "Department", "Implementer", "Year",
                    "Budget (10k CNY)", "Executed (10k CNY)", "Execution rate", "Score", "Grade",
                    "Errors", "Warnings", "Notes", "Status", "Remark"),
        "findings": ("File", "Code", "Severity", "Sheet", "Cell", "Message", "How to fix"),
        "grades": ("Grade", "Count"),
        "status": {"clean": "passed", "warnings": "warnings", "errors": "errors",
                   "unreadable": "unreadable", "timeout": "timed out",
                   "internal": "internal error"},
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "no_grade": "no grade", "chart": "Grade distribution", "count": "workbooks",
        "truncated": "… {n} more findings exceed Excel's row limit (see --format jsonl)",
    },
}
#: Narrow enough that A4 landscape, one page wide, prints at a readable size (text wraps).
_WIDTHS = (26, 22, 14, 14, 6, 9, 9, 8, 7, 5, 5, 5, 5, 8, 36)
_FINDING_WIDTHS = (40, 8, 7, 12, 9, 70, 50)
DEFAULT_GRADES = ("优", "良", "中", "差")
#: Data rows an Excel sheet can hold below its header.
MAX_ROWS = 1_048_575


def labels(lang: str = "zh") -> dict[str, Any]:
    """The localised sheet names, headers and status words."""
    return _T["en" if lang == "en" else "zh"]


def _num(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(Decimal(text))
    except (InvalidOperation, ValueError):
        return None
    return value if math.isfinite(value) else None   # 1E+400 from a damaged file: no number


def _year(text: str | None) -> Any:
    return int(text) if text and text.isdigit() else (text or None)


def summary_frames(rows: Sequence[dict[str, Any]], lang: str = "zh",
                   grades: Sequence[str] = DEFAULT_GRADES) -> tuple[Any, Any, Any]:
    """(汇总, 问题清单, 等级分布) as pandas DataFrames, rows in the given order."""
    import pandas as pd

    t = labels(lang)
    summary, findings = [], []
    for r in rows:
        p = r["project"]
        err = r.get("error") or r.get("write_error")
        summary.append((r["file"], p["name"] or None, p["department"] or None,
                        p["implementer"] or None, _year(p["year"]), _num(r["budget"]),
                        _num(r["executed"]), _num(r["execution_rate"]), _num(r["score"]),
                        r["grade"], r["errors"], r["warnings"], r["infos"],
                        t["status"].get(r["status"], r["status"]),
                        f"[{err['code']}] {err['message']}" if err else None))
        if r.get("error"):
            e = r["error"]
            findings.append((r["file"], e["code"], t["severity"]["error"], None, None,
                             e["message"], e.get("hint") or None))
        for f in r["findings"]:
            findings.append((r["file"], f["code"], t["severity"].get(f["severity"], f["severity"]),
                             f["sheet"], f["cell"], f["message"], f.get("hint") or None))
    counts = {g: 0 for g in grades}
    none = 0
    for r in rows:
        if r["grade"] in counts:
            counts[r["grade"]] += 1
        elif r["grade"]:
            counts[r["grade"]] = 1
        else:
            none += 1
    dist = [*counts.items(), (t["no_grade"], none)]
    if len(findings) > MAX_ROWS:          # Excel's sheet limit: keep the first, say so
        cut = len(findings) - MAX_ROWS + 1
        findings = findings[: MAX_ROWS - 1]
        findings.append((None, None, None, None, None, t["truncated"].format(n=cut), None))
    summary = [tuple(_fits(v) for v in row) for row in summary]
    findings = [tuple(_fits(v) for v in row) for row in findings]
    return (pd.DataFrame(summary, columns=list(t["summary"])),
            pd.DataFrame(findings, columns=list(t["findings"])),
            pd.DataFrame(dist, columns=list(t["grades"])))


#: Excel's limit for the text of one cell.
MAX_CELL_CHARS = 32767
_CUT = "…（已截断 / truncated）"


def _fits(value: Any) -> Any:
    """A text cut to what one Excel cell holds, saying so (no library warning on the console)."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        return value[:MAX_CELL_CHARS - len(_CUT)] + _CUT
    return value


def write_summary(rows: Iterable[dict[str, Any]], path: str | Path, lang: str = "zh",
                  grades: Sequence[str] = DEFAULT_GRADES) -> Path:
    """Write the summary workbook atomically; OutputError (PX6xx) if it cannot be written."""
    from ..write.safe_write import atomic_write

    rows = list(rows)
    frames = summary_frames(rows, lang, grades)
    target = Path(path)
    links = [_link(r["file"], target) for r in rows]
    atomic_write(target, lambda tmp: _produce(tmp, frames, lang, len(grades), links))
    return target


def _link(file: str, summary: Path) -> str:
    """An external link from the summary to a checked file, relative when they share a drive
    (the folder can then be moved or sent as a whole)."""
    import os

    try:
        rel = os.path.relpath(Path(file).absolute(), summary.absolute().parent)
    except ValueError:       # another drive on Windows
        rel = str(Path(file).absolute())
    return "external:" + rel.replace("\\", "/")


def _produce(tmp: Path, frames: tuple[Any, Any, Any], lang: str, n_grades: int,
             links: Sequence[str] = ()) -> None:
    import pandas as pd

    t = labels(lang)
    summary, findings, dist = frames
    s_name, f_name, g_name = t["sheets"]
    # every text as text: a project or file name starting with = + - @ is never a formula
    options = {"strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False}
    with pd.ExcelWriter(tmp, engine="xlsxwriter", engine_kwargs={"options": options}) as xw:
        book = xw.book
        fmt = {
            "head": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                     "text_wrap": True, "valign": "vcenter"}),
            "money": book.add_format({"num_format": "#,##0.00"}),
            "pct": book.add_format({"num_format": "0.00%"}),
            "score": book.add_format({"num_format": "0.00"}),
            "int": book.add_format({"num_format": "0"}),
            "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
            "text": book.add_format({"text_wrap": True, "valign": "top"}),
            "good": book.add_format({"bg_color": "#C6EFCE", "font_color": "#006100"}),
            "mid": book.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700"}),
            "bad": book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"}),
        }
        _sheet(xw, summary, s_name, fmt, _WIDTHS,
               {0: "text", 1: "text", 2: "text", 3: "text", 5: "money", 6: "money", 7: "pct",
                8: "score", 10: "int", 11: "int", 12: "int", 14: "text"})
        _colours(xw.sheets[s_name], len(summary), fmt, t)
        link = book.add_format({"font_color": "#0563C1", "underline": 1, "text_wrap": True,
                                "valign": "top"})
        for i, url in enumerate(links[: len(summary)], start=1):
            if len(url) < 2000:      # Excel's limit for a link target (with the prefix)
                xw.sheets[s_name].write_url(i, 0, url, link, string=str(summary.iat[i - 1, 0]))
        _sheet(xw, findings, f_name, fmt, _FINDING_WIDTHS, {5: "wrap", 6: "wrap"})
        _sheet(xw, dist, g_name, fmt, (12, 10), {1: "int"})
        _chart(book, xw.sheets[g_name], g_name, len(dist), t)


def _sheet(xw: Any, df: Any, name: str, fmt: dict[str, Any], widths: Sequence[float],
           col_formats: dict[int, str]) -> None:
    """Write a frame with our header, widths, number formats, autofilter and frozen header."""
    df.to_excel(xw, sheet_name=name, index=False)
    ws = xw.sheets[name]
    for col, header in enumerate(df.columns):
        ws.write(0, col, header, fmt["head"])
        ws.set_column(col, col, widths[col] if col < len(widths) else 12,
                      fmt[col_formats[col]] if col in col_formats else None)
    ws.set_row(0, 30)
    ws.autofilter(0, 0, max(len(df), 1), len(df.columns) - 1)
    ws.freeze_panes(1, 1)
    ws.set_landscape()                  # printed: A4 landscape, one page wide, header repeated
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)


def _colours(ws: Any, n: int, fmt: dict[str, Any], t: dict[str, Any]) -> None:
    """Conditional formats: grade (优/良 green, 中 amber, 差 red), error count, status."""
    last = max(n, 1) + 1
    grade, errors, status = f"J2:J{last}", f"K2:K{last}", f"N2:N{last}"
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
