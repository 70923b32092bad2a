"""HTML for the local pages: the page shell, the words in zh/en, the findings tables, a checked
file's card, the 自评表 preview (the sheet perf-xlsx writes, as an HTML table with its merges).
Every asset is here: the pages work offline.
"""
from __future__ import annotations

import io
import re
from html import escape
from pathlib import Path
from typing import Any

WORDS = {
    "zh": {"title": "项目支出绩效自评检查", "choose": "选择或拖入自评表文件（可多选）",
           "check": "检查", "file": "文件", "project": "项目名称", "unit": "主管部门",
           "score": "总分", "grade": "等级", "stage": "阶段", "errors": "错误", "warnings": "警告", "infos": "提示",
           "status": "状态", "code": "代码", "where": "位置", "message": "说明", "hint": "处理办法",
           "download": "下载", "workbook": "检查后的工作簿", "report": "自评报告草稿（Word）",
           "summary": "汇总表", "preview": "表样预览", "refused": "无法检查",
           "lang": "English", "inbox": "收件箱", "all": "全部等级", "none": "无",
           "back": "返回", "checking": "正在检查…", "clean": "未发现问题", "error": "错误",
           "warning": "警告", "info": "提示", "no_grade": "无等级", "new": "新", "changed": "有改动",
           "seen": "已看过", "wait": "还有文件正在检查，页面会自动刷新。",
           "with_report": "连同报告 {name} 一起检查",
           "hint_drop": "自评表、绩效目标申报表、执行监控表都能查：.xlsx .xls .et .ods、附有表格的 "
                        ".docx 报告（装有 LibreOffice 时也可以是 .doc），以及系统导出的网页（.htm）"
                        "或 XML 表格。"},
    "en": {"title": "Performance self-evaluation check", "choose": "Choose or drop the forms "
           "(several at once)", "check": "Check", "file": "File", "project": "Project",
           "unit": "Department", "stage": "Stage", "score": "Score", "grade": "Grade", "errors": "Errors",
           "warnings": "Warnings", "infos": "Notes", "status": "Status", "code": "Code",
           "where": "Location", "message": "Message", "hint": "How to fix",
           "download": "Download", "workbook": "checked workbook", "report": "draft report "
           "(Word)", "summary": "summary workbook", "preview": "form preview",
           "refused": "Cannot be checked", "lang": "中文", "inbox": "Inbox", "all": "All grades",
           "none": "none", "back": "Back", "checking": "checking…", "clean": "no problems found",
           "error": "Errors", "warning": "Warnings", "info": "Notes", "no_grade": "no grade",
           "new": "new", "changed": "changed", "seen": "seen",
           "with_report": "checked with the report {name}",
           "wait": "Some files are still being checked; the page refreshes itself.",
           "hint_drop": "Reads the 自评表, the 申报表 and the 监控表: .xlsx .xls .et .ods, .docx "
                         "reports that hold the form (.doc too where LibreOffice is installed), "
                         "and the HTML or XML tables budget systems export."},
}

CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:24px;
color:#222}h1{font-size:22px}table{border-collapse:collapse;margin:8px 0 18px}
td,th{border:1px solid #bbb;padding:4px 8px;font-size:13px;vertical-align:middle}
th{background:#e8eef7;cursor:pointer}.error{background:#ffc7ce}.warning{background:#ffeb9c}
.info{background:#ddebf7}.card{border:1px solid #ccc;border-radius:6px;padding:12px 16px;
margin:14px 0}.grade{font-size:20px;font-weight:bold}.muted{color:#666}
.form td{font-size:12px}.drop{border:2px dashed #7a9cc6;padding:24px;border-radius:8px;
background:#f5f8fc}a.button,button{background:#2f6db5;color:#fff;border:0;padding:6px 14px;
border-radius:4px;text-decoration:none;font-size:14px;cursor:pointer}
"""

SORT_JS = """
function sortBy(th){var t=th.closest('table'),i=[...th.parentNode.children].indexOf(th),
rows=[...t.tBodies[0].rows],asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
rows.sort(function(a,b){var x=a.cells[i].innerText,y=b.cells[i].innerText,
nx=parseFloat(x),ny=parseFloat(y);var c=(!isNaN(nx)&&!isNaN(ny))?nx-ny:x.localeCompare(y);
return asc?c:-c});rows.forEach(function(r){t.tBodies[0].appendChild(r)})}
function byGrade(sel){var g=sel.value;document.querySelectorAll('#inbox tbody tr')
.forEach(function(r){r.style.display=(!g||r.dataset.grade===g)?'':'none'})}
"""


def page(title: str, body: str, lang: str, refresh: int | None = None) -> str:
    meta = f'<meta http-equiv="refresh" content="{refresh}">' if refresh else ""
    return (f'<!doctype html><html lang="{"en" if lang == "en" else "zh-CN"}"><head>'
            f'<meta charset="utf-8">{meta}<title>{escape(title)}</title>'
            f"<style>{CSS}</style><script>{SORT_JS}</script></head><body>{body}</body></html>")


def form_preview(xlsx: bytes, stage: str = "self") -> str:
    """The stage's form perf-xlsx wrote (the last sheet named 自评表… / 绩效目标申报表… /
    绩效监控表…), as an HTML table with its merges as rowspan/colspan; '' when there is none."""
    from openpyxl import load_workbook

    from ..template.contract import STAGE_SHEETS

    wb = load_workbook(io.BytesIO(xlsx), read_only=False)
    names = [n for n in wb.sheetnames if n.startswith(STAGE_SHEETS.get(stage, "自评表"))]
    if not names:
        return ""
    ws = wb[names[-1]]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    hidden: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1,
                                             rng.max_col - rng.min_col + 1)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    hidden.add((r, c))
    rows = []
    for r in range(1, ws.max_row + 1):
        cells = []
        for c in range(1, ws.max_column + 1):
            if (r, c) in hidden:
                continue
            value = ws.cell(r, c).value
            fmt = ws.cell(r, c).number_format or ""
            text = _shown(value, fmt)
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            cells.append(f"<td{attrs}>{escape(text).replace(chr(10), '<br>')}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table class="form">' + "".join(rows) + "</table>"


def _shown(value: Any, fmt: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and "%" in fmt:
        return f"{value * 100:.2f}%"
    if isinstance(value, float):
        return f"{value:.2f}" if "0.00" in fmt else f"{value:g}"
    return str(value)


def stage_word(stage: str | None, lang: str = "zh") -> str:
    """A stage as the page shows it: 申报 / 监控 / 自评 (target / monitor / self in English)."""
    from ..template.contract import STAGE_LABELS

    if not stage:
        return ""
    return stage if lang == "en" else STAGE_LABELS.get(stage, stage)


def findings_html(findings: list[dict[str, Any]], w: dict[str, str]) -> str:
    """The findings as tables by severity (errors first), or a line saying there are none."""
    if not findings:
        return f'<p class="muted">{w["clean"]}</p>'
    parts = []
    for sev in ("error", "warning", "info"):
        group = [f for f in findings if f["severity"] == sev]
        if not group:
            continue
        rows = "".join(
            f'<tr class="{sev}"><td>{escape(f["code"])}</td><td>{escape(_where(f))}</td>'
            f'<td>{escape(_said(f))}</td><td>{escape(f.get("hint") or "")}</td></tr>'
            for f in group)
        parts.append(f'<h3 class="sev-{sev}">{w[sev]} ({len(group)})</h3><table>'
                     f'<tr><th>{w["code"]}</th><th>{w["where"]}</th><th>{w["message"]}</th>'
                     f'<th>{w["hint"]}</th></tr>{rows}</table>')
    return "".join(parts)


def _where(f: dict[str, Any]) -> str:
    return (f.get("sheet") or "") + ("!" + f["cell"] if f.get("cell") else "")


def _said(f: dict[str, Any]) -> str:
    """The message without the location it starts with (the 位置 column says it)."""
    from ..catalogue.finding import strip_location

    return strip_location(f["message"], f.get("sheet"), f.get("cell"))


def as_uploaded(text: str, saved: Path | None, shown: str) -> str:
    """``text`` naming the file as the user named it, not the copy saved under a name of ours:
    the copy's full path and its name become the user's name, and a sheet named after the
    copy (an HTML page's, as Excel names it) becomes the one named after the user's file."""
    if saved is None or not text:
        return text
    from ..forms.html_tables import sheet_name_of

    text = text.replace(str(saved), shown).replace(saved.name, shown)
    ours, theirs = sheet_name_of(saved), sheet_name_of(shown)
    return re.sub(rf"(?<![\w.]){re.escape(ours)}(?=[!：:。、，,]|$)", lambda _m: theirs, text)


def uploaded_findings(findings: list[dict[str, Any]], saved: Path | None,
                      shown: str) -> list[dict[str, Any]]:
    """The findings' dicts with their messages and sheets named as the user named the file."""
    return [{**f, **{k: as_uploaded(f[k], saved, shown) for k in ("message", "sheet")
                     if isinstance(f.get(k), str)}} for f in findings]


def result_html(res: Any, job: Any, w: dict[str, str], q: Any) -> str:
    """One checked file's card on the clerk's page: its refusal, or per project the score,
    the counts and the findings, the 自评表 preview and the download links."""
    name = escape(res.name)
    if res.error is not None:
        code = getattr(res.error, "code", "internal")
        lang = "en" if w is WORDS["en"] else "zh"
        msg = res.error.message(lang) if hasattr(res.error, "message") else str(res.error)
        msg = as_uploaded(msg, res.saved, res.name)
        hint = res.error.hint(lang) if hasattr(res.error, "hint") else ""
        return (f'<div class="card refused" id="file-{res.index}"><h2>{name}</h2>'
                f'<p class="error"><b>{w["refused"]}</b> [{escape(code)}] {escape(msg)}</p>'
                f"<p>{escape(hint)}</p></div>")
    lang = "en" if w is WORDS["en"] else "zh"
    parts = [f'<div class="card" id="file-{res.index}"><h2>{name}</h2>']
    for report in res.reports:
        d = report.to_dict(lang)
        score = report.score
        total = f"{score.total:.2f}" if score is not None and score.total is not None else "—"
        grade = (score.grade if score is not None and score.grade else "—")
        parts.append(f'<p class="grade">{escape(d["project"]["name"] or "")} · {w["stage"]} '
                     f'<span class="stage">{escape(stage_word(report.stage, lang))}</span> · '
                     f'{w["score"]} <span class="total">{total}</span> · {w["grade"]} '
                     f'<span class="grade-value">{escape(grade)}</span></p>'
                     f'<p>{w["errors"]} {d["summary"]["errors"]} · {w["warnings"]} '
                     f'{d["summary"]["warnings"]} · {w["infos"]} {d["summary"]["infos"]}</p>')
        parts.append(findings_html(uploaded_findings(d["findings"], res.saved, res.name), w))
    links = []
    if res.workbook is not None:
        links.append(f'<a class="button workbook" href="/job/{job.id}/{res.index}/workbook{q()}">'
                     f'{w["download"]} {w["workbook"]}</a>')
        try:
            preview = form_preview(res.workbook.read_bytes(), res.reports[0].stage)
        except Exception:  # noqa: BLE001 - a preview is never worth an error page
            preview = ""
        if preview:
            parts.append(f'<details open><summary>{w["preview"]}</summary>{preview}</details>')
    if res.report is not None:
        links.append(f'<a class="button report" href="/job/{job.id}/{res.index}/report{q()}">'
                     f'{w["download"]} {w["report"]}</a>')
    parts.append("<p>" + " ".join(links) + "</p></div>")
    return "".join(parts)
