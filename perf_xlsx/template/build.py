"""Builds the standard input template with xlsxwriter, entirely from ``contract.py``."""
from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path
from typing import Any

from . import contract as C

#: Fixed creation date: rebuilding the template gives identical content.
CREATED = _dt.datetime(2026, 1, 1, 0, 0, 0)
INPUT_FILL = "#FFF2CC"      # light yellow: every cell a user types into
SECTION_FILL = "#DDEBF7"
HEADER_FILL = "#D9E1F2"
LOCKED_FILL = "#EDEDED"
MONEY_FORMAT = "#,##0.00##"
INFO_WIDTHS = {"A": 24, "B": 46, "C": 14, "D": 14, "E": 7}
LONGTEXT_HEIGHT = 75
ROW_HEIGHT = 20
NUMBER_KINDS = ("money", "number", "weight", "score")
_MONEY_ERROR = "请输入不小于 0 的数字（只填数字，不要写单位），金额单位为万元，如 0.22。"


def _col_letter(index: int) -> str:
    """0-based column index → letters (0 → A)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _formats(wb: Any) -> dict[str, Any]:
    border = {"border": 1, "border_color": "#A6A6A6", "valign": "vcenter"}
    inp = {**border, "bg_color": INPUT_FILL, "locked": False}
    return {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "text": wb.add_format({"valign": "vcenter"}),
        "bold": wb.add_format({"bold": True, "valign": "vcenter"}),
        "section": wb.add_format({**border, "bold": True, "bg_color": SECTION_FILL}),
        "label": wb.add_format({**border, "text_wrap": True}),
        "header": wb.add_format({**border, "bold": True, "bg_color": HEADER_FILL,
                                 "text_wrap": True, "align": "center"}),
        "example": wb.add_format({**border, "italic": True, "font_color": "#595959",
                                  "text_wrap": True}),
        "required": wb.add_format({"font_color": "#C00000", "align": "center",
                                   "valign": "vcenter"}),
        "optional": wb.add_format({"font_color": "#808080", "align": "center",
                                   "valign": "vcenter"}),
        "version": wb.add_format({**border, "bg_color": LOCKED_FILL, "num_format": "@"}),
        "text_in": wb.add_format({**inp, "text_wrap": True}),
        "longtext_in": wb.add_format({**inp, "text_wrap": True, "valign": "top"}),
        "money_in": wb.add_format({**inp, "num_format": MONEY_FORMAT}),
        "number_in": wb.add_format({**inp, "num_format": "General"}),
        "year_in": wb.add_format({**inp, "num_format": "0", "align": "left"}),
        "date_in": wb.add_format({**inp, "num_format": "yyyy-mm-dd", "align": "left"}),
    }


def _print_setup(ws: Any, *, landscape: bool, repeat_to: int | None = None) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer("&C第 &P 页，共 &N 页")
    if repeat_to is not None:
        ws.repeat_rows(0, repeat_to)


def _help(title: str, message: str) -> dict[str, Any]:
    return {"input_title": title[:32], "input_message": message[:255]}


def _number_rule(title: str, message: str) -> dict[str, Any]:
    return {"validate": "decimal", "criteria": ">=", "value": 0, "error_type": "stop",
            "error_title": "只能填数字", "error_message": _MONEY_ERROR, **_help(title, message)}


def _choice_rule(title: str, message: str, choices: tuple[str, ...]) -> dict[str, Any]:
    """A drop-down list; typing something else warns (and the check reports it: PX730)."""
    return {"validate": "list", "source": list(choices), "error_type": "warning",
            "error_title": title[:32], "error_message": "请从下拉列表选择：" + "、".join(choices),
            **_help(title, message)}


def _field_rule(field: C.Field) -> dict[str, Any]:
    if field.choices:
        return _choice_rule(field.label, field.help, field.choices)
    if field.kind == "money":
        return _number_rule(field.label, field.help)
    if field.kind == "year":
        return {"validate": "integer", "criteria": "between", "minimum": 2000,
                "maximum": 2100, "error_type": "stop", "error_title": "年度有误",
                "error_message": "请填写 2000 至 2100 之间的四位年份，如 2018。",
                **_help(field.label, field.help)}
    if field.kind == "date":
        return {"validate": "date", "criteria": "between",
                "minimum": _dt.date(2000, 1, 1), "maximum": _dt.date(2100, 12, 31),
                "error_type": "warning", "error_title": "日期有误",
                "error_message": "请按 2018-11-30 的格式填写日期。",
                **_help(field.label, field.help)}
    return {"validate": "any", **_help(field.label, field.help)}


_FIELD_FORMAT = {"text": "text_in", "longtext": "longtext_in", "money": "money_in",
                 "year": "year_in", "date": "date_in", "version": "version"}


def _mark(fields: list[C.Field], fmt: dict[str, Any]) -> tuple[str, Any]:
    """The 必填 / 选填 / 勿改 note beside a row of input cells."""
    if fields[0].kind == "version":
        return "勿改", fmt["optional"]
    if any(f.required for f in fields):
        return "必填", fmt["required"]
    return "选填", fmt["optional"]


def _put(ws: Any, row: int, col: int, value: Any, cell_format: Any) -> None:
    """One input value as its type: numbers as numbers, dates as dates, anything else as text
    (never a formula, whatever it starts with)."""
    from decimal import Decimal

    if value is None or value == "":
        ws.write_blank(row, col, None, cell_format)
    elif isinstance(value, bool):
        ws.write_string(row, col, str(value), cell_format)
    elif isinstance(value, (int, float, Decimal)):
        ws.write_number(row, col, float(value), cell_format)
    elif isinstance(value, (_dt.date, _dt.datetime)):
        ws.write_datetime(row, col, value, cell_format)
    else:
        ws.write_string(row, col, str(value), cell_format)


def _info_sheet(wb: Any, fmt: dict[str, Any], values: dict[str, Any] | None = None) -> None:
    ws = wb.add_worksheet(C.SHEET_INFO)
    for letter, width in INFO_WIDTHS.items():
        ws.set_column(f"{letter}:{letter}", width)
    for cell, text in C.INFO_SECTIONS:
        ws.write(cell, text, fmt["section"])
        for letter in "BCDE":  # the band runs across the sheet; the funds header overwrites it
            ws.write_blank(f"{letter}{cell[1:]}", None, fmt["section"])
    for _key, label, letter in C.FUND_COLUMNS:
        ws.write(f"{letter}{C.FUNDS_HEADER_ROW}", label, fmt["header"])
    fund_rows = {row: label for _key, label, row in C.FUND_SOURCES}
    rows: dict[int, list[C.Field]] = {}
    for field in C.FIELDS:
        rows.setdefault(int(field.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")), []).append(field)
    for row, fields in sorted(rows.items()):
        ws.write(f"A{row}", fund_rows.get(row, fields[0].label), fmt["label"])
        ws.write(f"E{row}", *_mark(fields, fmt))
        ws.set_row(row - 1, LONGTEXT_HEIGHT if any(f.kind == "longtext" for f in fields)
                   else ROW_HEIGHT)
        for field in fields:
            if field.kind == "version":
                ws.write_string(field.cell, C.TEMPLATE_VERSION, fmt["version"])
            else:
                r, c = _cell_index(field.cell)
                _put(ws, r, c, (values or {}).get(field.name), fmt[_FIELD_FORMAT[field.kind]])
            ws.data_validation(field.cell, _field_rule(field))
    ws.protect("", {"format_columns": True, "format_rows": True})
    ws.print_area(0, 0, max(rows) - 1, len(INFO_WIDTHS) - 1)
    _print_setup(ws, landscape=False)


def _column_rule(spec: C.TableSpec, col: C.Column) -> dict[str, Any]:
    if col.kind in NUMBER_KINDS:
        return _number_rule(col.header, col.help)
    if col.choices:
        return _choice_rule(col.header, col.help, col.choices)
    first = spec.header_row + 1
    if col.key == "level1":
        return {"validate": "list", "source": f"={C.LIST_NAME_LEVEL1}", "error_type": "warning",
                "error_title": "一级指标", "error_message": "请从下拉列表选择一级指标。",
                **_help(col.header, col.help)}
    if col.key == "level2":
        level1 = _col_letter(spec.columns.index(spec.column("level1")))
        return {"validate": "list", "source": f'=INDIRECT("{C.LIST_NAME_PREFIX}"&${level1}{first})',
                "error_type": "warning", "error_title": "二级指标",
                "error_message": "请先选择一级指标，再从下拉列表选择属于它的二级指标。",
                **_help(col.header, col.help)}
    return {"validate": "any", **_help(col.header, col.help)}


def _cell_index(ref: str) -> tuple[int, int]:
    """'B3' → (2, 1), 0-based for xlsxwriter."""
    letters = ref.rstrip("0123456789")
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch.upper()) - 64
    return int(ref[len(letters):]) - 1, col - 1


def _table_sheet(wb: Any, fmt: dict[str, Any], spec: C.TableSpec, title: str,
                 rows: list[dict[str, Any]] | None = None) -> None:
    ws = wb.add_worksheet(spec.sheet)
    rows = rows or []
    head = spec.header_row - 1
    first, last = head + 1, head + max(spec.blank_rows, len(rows))
    last_col = len(spec.columns) - 1
    ws.write(0, 0, title, fmt["title"])
    ws.set_row(head, 30)
    for i, col in enumerate(spec.columns):
        ws.set_column(i, i, col.width)
        kind = {"longtext": "longtext_in", "money": "money_in"}.get(
            col.kind, "number_in" if col.kind in NUMBER_KINDS else "text_in")
        for row in range(first, last + 1):
            ws.set_row(row, ROW_HEIGHT)
            k = row - first
            _put(ws, row, i, rows[k].get(col.key) if k < len(rows) else None, fmt[kind])
        ws.data_validation(first, i, last, i, _column_rule(spec, col))
    ws.add_table(head, 0, last, last_col, {
        "name": spec.name, "style": "Table Style Light 1", "autofilter": True,
        "columns": [{"header": c.header, "header_format": fmt["header"]} for c in spec.columns],
    })
    ws.freeze_panes(spec.header_row, 0)
    ws.print_area(0, 0, last, last_col)
    _print_setup(ws, landscape=True, repeat_to=head)


def _lists_sheet(wb: Any) -> None:
    ws = wb.add_worksheet(C.SHEET_LISTS)
    for i, (level1, level2s) in enumerate(C.TAXONOMY.items()):
        ws.write_string(0, i, level1)
        ws.write_column(1, i, level2s)
        col = _col_letter(i)
        wb.define_name(f"{C.LIST_NAME_PREFIX}{level1}",
                       f"='{C.SHEET_LISTS}'!${col}$2:${col}${1 + len(level2s)}")
    ws.set_column(0, len(C.TAXONOMY) - 1, 22)
    wb.define_name(C.LIST_NAME_LEVEL1,
                   f"='{C.SHEET_LISTS}'!$A$1:${_col_letter(len(C.TAXONOMY) - 1)}$1")
    ws.hide()


def _guide_sheet(wb: Any, fmt: dict[str, Any]) -> None:
    ws = wb.add_worksheet(C.SHEET_GUIDE)
    for i, col in enumerate(C.INDICATORS.columns):
        ws.set_column(i, i, col.width)
    lines = guide_lines()
    for row, (style, content) in enumerate(lines):
        if isinstance(content, tuple):
            ws.set_row(row, 30)
            ws.write_row(row, 0, content, fmt[style])
        elif content:
            ws.write_string(row, 0, content, fmt[style])
    ws.print_area(0, 0, len(lines) - 1, len(C.INDICATORS.columns) - 1)
    _print_setup(ws, landscape=True)


def guide_lines() -> list[tuple[str, Any]]:
    """The 填表说明 sheet, one (format, text or row of cells) per row."""
    ind, exp = C.INDICATORS, C.EXPENSES
    sheets = "、".join(f"「{s}」" for s in C.INPUT_SHEETS)
    return [
        ("title", f"项目支出绩效自评表 填表说明（模板版本 {C.TEMPLATE_VERSION}）"),
        ("text", ""),
        ("text", f"一、本工作簿有 {sheets} 四张表。黄色单元格是填写区，其余单元格请勿改动，"
                 "不要增删或改名工作表。"),
        ("text", "    选中黄色单元格时会显示填写提示。"),
        ("text", f"二、「{C.SHEET_INFO}」：项目名称、年度、项目资金和年度总体目标。金额一律以"
                 f"{C.MONEY_UNIT}为单位，只填数字（如 2200 元填 0.22）。"),
        ("text", "    全年预算数与年初预算数不一致，或执行率低于 90% 时，须在「预算调整及执行偏差说明」中写明原因。"),
        ("text", f"三、「{C.SHEET_EXPENSES}」：每笔支出一行，「{exp.column('amount').header}」合计应等于"
                 "全年执行数；对应成本指标时填「对应指标」和数量。"),
        ("text", "    行数不够时，在表格内右键「插入」表格行，不要在表格下方或旁边另起一块。"),
        ("text", f"四、「{C.SHEET_INDICATORS}」：每行一个三级指标；一级、二级指标从下拉列表选择。分值：产出指标 50、"
                 "效益指标 30、满意度指标 10，"),
        ("text", "    合计 90（预算执行率另占 10 分）；自评得分不得超过分值。示例："),
        ("header", ind.headers),
        ("example", ("产出指标", "数量指标", "宣传手册数量", "≥50本", "52本", "10", "10", "")),
        ("text", ""),
        ("bold", "五、能被自动识别的写法"),
        ("text", "  · 定量指标：≥50本、≤0.0062万元、100%、90%以上、50本以上、0.0062万元以内、不低于95%。"),
        ("text", "  · 时效指标：9月30日前、12月底前；实际完成值写完成日期，如 2018-09-20。"),
        ("text", "  · 定性指标：效果明显、稳步提升；实际完成值写达成情况，如「达成年度指标」，"
                 "得分按达成程度在分值的相应区间内填写。"),
        ("text", "  · 不适用：实际完成值填「不适用」，该指标不计分，其余指标按百分制折算。"),
        ("text", "  · 实际完成值写实际测得的值（如 52本、98%），不要照抄年度指标值；"
                 "未完成或扣分时必须填写偏差原因分析及改进措施。"),
        ("text", ""),
        ("bold", "六、检查"),
        ("text", "  在命令行运行  perf-xlsx check 文件名.xlsx  。检查后工作簿中会增加"
                 f"「{C.SHEET_FORM}」和「{C.SHEET_FINDINGS}」两张表，"),
        ("text", "  再次检查时替换这两张表，上面四张表的内容不会被改动。"
                 "获取新的空白模板：perf-xlsx template -o 文件名.xlsx"),
        ("text", ""),
        ("bold", "七、一个工作簿用一整年：申报 → 监控 → 自评"),
        ("text", "  · 申报：填项目信息、年初预算数和「绩效指标」的一级至三级、年度指标值、计量单位、分值；"
                 f"运行 perf-xlsx check 文件名.xlsx --stage 申报，生成「{C.SHEET_TARGET_FORM}」，"),
        ("text", "    它同时是批复目标的记录，以后各阶段与它比对，请勿手工修改。"),
        ("text", f"  · 监控：填「{C.SHEET_INFO}」的监控截至日期、1-N月执行数、全年预计执行数，以及每个指标的"
                 "监控期完成值、全年预计完成值、完成目标可能性；"),
        ("text", f"    未选「确定能」时填偏差原因类型和监控偏差说明。--stage 监控 生成「{C.SHEET_MONITOR_FORM}」。"),
        ("text", "  · 自评：填全年执行数、实际完成值、自评得分（同上）。申报后经批准调整的指标，"
                 "在「调整说明」中写明调整内容、原因和批准文件。"),
    ]


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def contract_markdown() -> str:
    """The template contract as Markdown (docs/template.md), generated from ``contract.py``."""
    out = [
        "# 模板约定 / template contract",
        "",
        "<!-- generated by perf_xlsx.template.build.contract_markdown(); "
        "regenerate with `python -m perf_xlsx.template` -->",
        "",
        f"模板版本 `{C.TEMPLATE_VERSION}`，文件 `workbook_templates/{C.TEMPLATE_FILENAME}`。"
        f"工作表依次为 {'、'.join(f'`{s}`' for s in C.INPUT_SHEETS)}"
        f"（另有隐藏的 `{C.SHEET_LISTS}` 存放下拉列表）。金额单位：{C.MONEY_UNIT}。",
        "",
        f"## {C.SHEET_INFO}：定义名称 / defined names",
        "",
        "| 定义名称 | 单元格 | 标签 | 必填 | 类型 | 填写提示 |",
        "|---|---|---|---|---|---|",
    ]
    for f in C.FIELDS:
        out.append(f"| `{f.name}` | {f.cell} | {_md(f.label)} | {'是' if f.required else '否'} "
                   f"| {f.kind} | {_md(f.help)} |")
    for spec in C.TABLES:
        out += ["", f"## {spec.sheet}：表格 / Table `{spec.name}`", "",
                f"表头在第 {spec.header_row} 行，空白模板有 {spec.blank_rows} 行数据行；"
                "表格下方不放任何内容。", "",
                "| 列 | 表头 | key | 必填 | 类型 | 填写提示 |", "|---|---|---|---|---|---|"]
        for i, col in enumerate(spec.columns):
            out.append(f"| {_col_letter(i)} | {_md(col.header)} | `{col.key}` | "
                       f"{'是' if col.required else '否'} | {col.kind} | {_md(col.help)} |")
    out += ["", "## 指标分类 / indicator taxonomy", "", "| 一级指标 | 二级指标 |", "|---|---|"]
    out += [f"| {k} | {'、'.join(v)} |" for k, v in C.TAXONOMY.items()]
    return "\n".join(out) + "\n"


def build_template(path: str | Path, values: dict[str, Any] | None = None,
                   rows: dict[str, list[dict[str, Any]]] | None = None) -> Path:
    """Write the standard input template to ``path`` and return it; ``values`` (defined name →
    value) and ``rows`` (Table name → rows of column key → value) fill it (``perf-xlsx import``)."""
    import xlsxwriter

    path = Path(path)
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"title": "项目支出绩效自评表（填报模板）", "subject": C.TEMPLATE_VERSION,
                       "author": "perf-xlsx", "created": CREATED,
                       "comments": f"perf-xlsx template {C.TEMPLATE_VERSION}"})
    fmt = _formats(wb)
    _guide_sheet(wb, fmt)
    rows = rows or {}
    _info_sheet(wb, fmt, values)
    _table_sheet(wb, fmt, C.EXPENSES, f"资金明细（金额单位：{C.MONEY_UNIT}）",
                 rows.get(C.EXPENSES.name))
    _table_sheet(wb, fmt, C.INDICATORS, "绩效指标", rows.get(C.INDICATORS.name))
    _lists_sheet(wb)
    for field in C.FIELDS:
        wb.define_name(field.name, "=" + C.defined_name_ref(field))
    wb.close()
    return path


def main(argv: list[str] | None = None) -> int:
    """Rebuild the committed template and docs: ``python -m perf_xlsx.template [ROOT]``."""
    root = Path(argv[0] if argv else Path(__file__).resolve().parents[2])
    build_template(root / "workbook_templates" / C.TEMPLATE_FILENAME)
    (root / "docs" / "template.md").write_text(contract_markdown(), encoding="utf-8",
                                              newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
