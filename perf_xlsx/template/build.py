"""Builds the standard input template with xlsxwriter, entirely from ``contract.py``."""
from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path
from typing import Any

from . import contract as C
from .contract_doc import column_letter, contract_markdown
from .guide_text import guide_lines

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
        level1 = column_letter(spec.columns.index(spec.column("level1")))
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
        col = column_letter(i)
        wb.define_name(f"{C.LIST_NAME_PREFIX}{level1}",
                       f"='{C.SHEET_LISTS}'!${col}$2:${col}${1 + len(level2s)}")
    ws.set_column(0, len(C.TAXONOMY) - 1, 22)
    wb.define_name(C.LIST_NAME_LEVEL1,
                   f"='{C.SHEET_LISTS}'!$A$1:${column_letter(len(C.TAXONOMY) - 1)}$1")
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
