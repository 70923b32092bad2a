"""The rows of the reviewers' summary workbook as plain tuples, one source for the streamed
workbook (``summary``) and the DataFrames for programs (``frames``): the localised labels, the
汇总 row of a checked file and the 问题清单 rows of its findings."""
from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any

#: Localised labels. Column keys are stable; headers and sheet names follow --lang.
_T = {
    "zh": {
        "sheets": ("汇总", "问题清单", "等级分布", "按主管部门"),
        "departments": ("主管部门", "工作簿数", "有错误", "平均总分", "优", "良", "中", "差", "无等级"),
        "no_department": "（未填）",
        "summary": ("文件", "项目名称", "主管部门", "实施单位", "年度", "阶段", "全年预算数（万元）",
                    "全年执行数（万元）", "执行率", "总分", "等级", "错误数", "警告数", "提示数",
                    "状态", "说明"),
        "findings": ("文件", "代码", "级别", "工作表", "单元格", "说明", "处理办法"),
        "grades": ("等级", "数量"),
        "stages": {"target": "申报", "monitor": "监控", "self": "自评"},
        "status": {"clean": "通过", "warnings": "有警告", "errors": "有错误",
                   "unreadable": "无法读取", "timeout": "超时", "internal": "内部错误"},
        "severity": {"error": "错误", "warning": "警告", "info": "提示"},
        "no_grade": "无等级", "chart": "等级分布", "count": "工作簿数",
        "truncated": "……另有 {n} 条问题超出 Excel 的行数上限，未列出（见 --format jsonl 输出）",
    },
    "en": {
        "sheets": ("Summary", "Findings", "Grades", "By department"),
        "departments": ("Department", "Workbooks", "With errors", "Average score", "优", "良",
                        "中", "差", "No grade"),
        "no_department": "(none)",
        "summary": ("File", "Project", "Department", "Implementer", "Year", "Stage",
                    "Budget (10k CNY)", "Executed (10k CNY)", "Execution rate", "Score", "Grade",
                    "Errors", "Warnings", "Notes", "Status", "Remark"),
        "findings": ("File", "Code", "Severity", "Sheet", "Cell", "Message", "How to fix"),
        "grades": ("Grade", "Count"),
        "stages": {"target": "target", "monitor": "monitor", "self": "self"},
        "status": {"clean": "passed", "warnings": "warnings", "errors": "errors",
                   "unreadable": "unreadable", "timeout": "timed out",
                   "internal": "internal error"},
        "severity": {"error": "error", "warning": "warning", "info": "info"},
        "no_grade": "no grade", "chart": "Grade distribution", "count": "workbooks",
        "truncated": "… {n} more findings exceed Excel's row limit (see --format jsonl)",
    },
}
#: Narrow enough that A4 landscape, one page wide, prints at a readable size (text wraps).
WIDTHS = (26, 22, 14, 14, 6, 5, 9, 9, 8, 7, 5, 5, 5, 5, 8, 34)
FINDING_WIDTHS = (40, 8, 7, 12, 9, 70, 50)
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


def summary_tuple(r: dict[str, Any], t: dict[str, Any]) -> tuple:
    """The 汇总 row of one checked (or failed) file."""
    p = r["project"]
    err = r.get("error") or r.get("write_error")
    return tuple(_fits(v) for v in (
        r["file"], p["name"] or None, p["department"] or None, p["implementer"] or None,
        _year(p["year"]), t["stages"].get(r.get("stage") or "", None), _num(r["budget"]), _num(r["executed"]), _num(r["execution_rate"]),
        _num(r["score"]), r["grade"], r["errors"], r["warnings"], r["infos"],
        t["status"].get(r["status"], r["status"]),
        f"[{err['code']}] {err['message']}" if err else None))


def finding_tuples(r: dict[str, Any], t: dict[str, Any]) -> list[tuple]:
    """The 问题清单 rows of one file: its error first, then its findings."""
    out = []
    if r.get("error"):
        e = r["error"]
        out.append((r["file"], e["code"], t["severity"]["error"], None, None, e["message"],
                    e.get("hint") or None))
    for f in r["findings"]:
        out.append((r["file"], f["code"], t["severity"].get(f["severity"], f["severity"]),
                    f["sheet"], f["cell"], f["message"], f.get("hint") or None))
    return [tuple(_fits(v) for v in row) for row in out]


def truncated_row(n: int, t: dict[str, Any]) -> tuple:
    """The last 问题清单 row when Excel's row limit cut ``n`` findings."""
    return (None, None, None, None, None, t["truncated"].format(n=n), None)


#: Excel's limit for the text of one cell.
MAX_CELL_CHARS = 32767
_CUT = "…（已截断 / truncated）"


def _fits(value: Any) -> Any:
    """A text cut to what one Excel cell holds, saying so (no library warning on the console)."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        return value[:MAX_CELL_CHARS - len(_CUT)] + _CUT
    return value
