"""A parsed project as readable text tables (``perf-xlsx show``): every value with its cell."""
from __future__ import annotations

import unicodedata

from ..catalogue.finding import Finding
from ..model import Project, Value
from ..template import contract

_MAX_CELL = 28
_L = {
    "zh": {"file": "文件", "version": "模板版本", "info": "一、基本信息", "field": "项目",
           "value": "内容", "cell": "单元格", "funds": "二、项目资金（万元）", "source": "资金来源",
           "expenses": "三、资金明细", "indicators": "四、绩效指标", "row": "行",
           "rows": "{n} 行", "none": "（无）", "findings": "五、读取时发现的问题",
           "no_findings": "读取时未发现问题", "hint": "处理办法", "extras": "选填信息",
           "error": "错误", "warning": "警告", "info_sev": "提示"},
    "en": {"file": "file", "version": "template version", "info": "1. Basic information",
           "field": "field", "value": "value", "cell": "cell", "funds": "2. Funds (10k yuan)",
           "source": "source", "expenses": "3. Expenses", "indicators": "4. Indicators",
           "row": "row", "rows": "{n} row(s)", "none": "(none)",
           "findings": "5. Problems found while reading", "no_findings": "no reading problems",
           "hint": "how to fix", "extras": "optional information", "error": "error",
           "warning": "warning", "info_sev": "note"},
}
_INFO = ("project_name", "department", "implementer", "year", "goal_expected", "goal_actual",
         "completion_date")


def width(text: str) -> int:
    """Display width in a terminal: CJK and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _clip(text: str, limit: int = _MAX_CELL) -> str:
    text = " ".join(text.split())
    if width(text) <= limit:
        return text
    out, used = "", 0
    for ch in text:
        w = width(ch)
        if used + w > limit - 1:
            break
        out, used = out + ch, used + w
    return out + "…"


def _pad(text: str, n: int) -> str:
    return text + " " * max(0, n - width(text))


def table(headers: list[str], rows: list[list[str]], indent: str = "  ") -> list[str]:
    """Aligned columns (CJK-aware), two spaces apart."""
    cols = [headers, *rows]
    widths = [max(width(r[i]) for r in cols) for i in range(len(headers))]
    return [indent + "  ".join(_pad(c, w) for c, w in zip(r, widths)).rstrip() for r in cols]


def _shown(v: Value, limit: int = _MAX_CELL) -> str:
    if v.raw is not None and v.raw.strip():
        return _clip(v.raw, limit)
    return "" if v.value is None else _clip(str(v.value), limit)


def _cell(v: Value) -> str:
    return str(v.loc) if v.loc else "—"


def _label(name: str, lang: str) -> str:
    f = contract.FIELDS_BY_NAME[name]
    return f.label_en if lang == "en" and f.label_en else f.label


def render_project(project: Project, lang: str = "zh") -> str:
    """Basic info, funds grid, expenses, indicators, then the reader's findings."""
    t = _L["en" if lang == "en" else "zh"]
    out = [f"{t['file']}: {project.path}", f"{t['version']}: {project.template_version or '—'}"]
    out += _form_lines(project, lang)
    out += ["", t["info"]]
    info_rows = [[_label(n, lang), _shown(project.field_value(n), 48),
                  _cell(project.field_value(n))] for n in _INFO]
    info_rows += [[_label(k, lang), _shown(v, 48), _cell(v)] for k, v in project.extras.items()]
    out += table([t["field"], t["value"], t["cell"]], info_rows)
    out += ["", t["funds"]]
    heads = [t["source"]] + [(k if lang == "en" else label)
                             for k, label, _ in contract.FUND_COLUMNS]
    grid = []
    for src, label, _row in contract.FUND_SOURCES:
        row = project.funds.source(src)
        vals = [getattr(row, col) for col, _l, _c in contract.FUND_COLUMNS]
        cells = "/".join(v.loc.cell for v in vals if v.loc and v.loc.cell)
        grid.append([src if lang == "en" else label, *(_shown(v) or "—" for v in vals),
                     cells])
    out += table(heads + [t["cell"]], grid)
    for name in ("funds_received", "funds_note"):
        v = project.field_value(name)
        out.append(f"  {_label(name, lang)}: {_shown(v, 60) or '—'}  ({_cell(v)})")
    out += _rows_section(t["expenses"], contract.EXPENSES, project.expenses, lang, t)
    out += _rows_section(t["indicators"], contract.INDICATORS, project.indicators, lang, t)
    out += ["", t["findings"] if project.findings else t["no_findings"]]
    out += [render_finding(f, lang, t) for f in project.findings]
    return "\n".join(out)


def _form_lines(project: Project, lang: str) -> list[str]:
    """Which published layout was recognised and the figures it prints (nothing for the template)."""
    form = project.form
    if form is None:
        return []
    en = lang == "en"
    lines = [(f"published form: sheet {form.sheet}, layout {form.layout}, format {form.source_format}"
              if en else f"官方表样: 工作表 {form.sheet}，版式 {form.layout}，格式 {form.source_format}")]
    if form.rows is not None:
        first, last = form.rows
        lines.append(f"  form {form.part} of those stacked on the sheet: rows {first}–{last}" if en
                     else f"  同一工作表上的第 {form.part} 张表：第 {first}–{last} 行")
    if form.money_divisor != 1:
        lines.append("  money printed in 元, read as 万元 (÷ 10000)" if en
                     else "  表上金额单位为元，已换算为万元（÷ 10000）")
    heads = {c.key: c.header for c in contract.INDICATORS.columns}
    guessed = [f"{heads.get(k, k)} ← {form.columns.get(k, '')}" for k in form.guessed_columns]
    if guessed:
        lines.append(("  columns read by their header's words: " if en
                      else "  按表头文字认定的列: ") + "; ".join(guessed))
    printed = [f"{k}.{a}={v.text or '—'} ({_cell(v)})" for k, row in form.printed_funds.items()
               for a, v in row.items() if not v.is_empty]
    printed += [f"总分.{k}={v.text or '—'} ({_cell(v)})" for k, v in form.printed_total.items()]
    if not form.grade.is_empty:
        printed.append(f"等级={form.grade.text} ({_cell(form.grade)})")
    if printed:
        lines.append(("  printed: " if en else "  表上数字: ") + "; ".join(printed))
    return lines


def _rows_section(title: str, spec: contract.TableSpec, items: list, lang: str,
                  t: dict[str, str]) -> list[str]:
    sheet = next((getattr(i, spec.columns[0].key).loc.sheet for i in items
                  if getattr(i, spec.columns[0].key).loc), spec.sheet)
    out = ["", f"{title}（{sheet}，{t['rows'].format(n=len(items))}）" if lang != "en"
           else f"{title} ({sheet}, {t['rows'].format(n=len(items))})"]
    if not items:
        return out + ["  " + t["none"]]
    # the columns of a later stage are shown once any row fills them (a 申报 table stays narrow)
    cols = [c for c in spec.columns if c.since == contract.FIRST_VERSION
            or any(not getattr(i, c.key).is_empty for i in items)]
    heads = [t["row"]] + [(c.key if lang == "en" else c.header) for c in cols]
    rows = [[str(i.row), *(_shown(getattr(i, c.key), 20) for c in cols)] for i in items]
    return out + table(heads, rows)


def render_finding(f: Finding, lang: str, t: dict[str, str] | None = None) -> str:
    """``[PX120] 警告 资金明细!B5`` then the message and the hint, indented."""
    t = t or _L["en" if lang == "en" else "zh"]
    sev = t["info_sev"] if f.severity.value == "info" else t[f.severity.value]
    lines = [f"  [{f.code}] {sev} {f.location}".rstrip(), f"      {f.message(lang)}"]
    hint = f.hint(lang)
    if hint:
        lines.append(f"      {t['hint']}: {hint}")
    return "\n".join(lines)
