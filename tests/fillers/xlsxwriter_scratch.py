"""Build a workbook from scratch with xlsxwriter that honours only the template contract.

Same sheet names, defined names, Tables with the exact headers and template_version — but none of
our styles or positions: the info cells sit in column D from row 3, the Tables start in column B
with their header in any row, the sheets come in another order with the user's own sheets among
them, percentages are numbers in %-formatted cells, and 全年执行数 is a formula that xlsxwriter
stores with the cached result 0 (Excel recomputes it on opening: fullCalcOnLoad).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import xlsxwriter

from perf_xlsx.template import contract as C

INFO = {"project_name": "从零构建的项目", "department": "某某厅", "implementer": "某某站",
        "year": 2020, "template_version": C.TEMPLATE_VERSION, "funds_total_initial": 10,
        "funds_total_budget": 10, "funds_fiscal_initial": 10, "funds_fiscal_budget": 10,
        "funds_fiscal_executed": 9, "funds_received": 10, "goal_expected": "采购设备1台并投入使用。",
        "goal_actual": "采购设备1台，已投入使用。", "completion_date": dt.date(2020, 6, 1)}
EXPENSES = [["设备购置", 5, 1, "台", "设备数量", None], ["运维服务", 4, None, None, None, "全年"]]
# (row values, actual as a %-formatted number or None)
INDICATORS = [
    (["产出指标", "数量指标", "设备数量", "≥1台", "1台", 30, 30, None], None),
    (["产出指标", "质量指标", "验收合格率", "100%", None, 20, 20, None], 1),
    (["效益指标", "社会效益指标", "服务覆盖率", "≥80%", None, 30, 30, None], 0.85),
    (["满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%", None, 10, 10, None], 0.93),
]
#: Where the values are: 全年执行数 = SUM of the expense amounts = 9; rate 90 %; total 99.
INFO_COL, INFO_ROW0 = 3, 2          # column D, from row 3 (0-based indices)


def info_cell(name: str) -> str:
    """The A1 cell of a contract field in this layout."""
    i = [f.name for f in C.FIELDS].index(name)
    return f"D{INFO_ROW0 + i + 1}"


def build(path: Path, header_row: int = 4, first_col: int = 1, *,
          sheet_scoped_names: bool = False) -> Path:
    """Write the workbook; ``header_row`` / ``first_col`` are 0-based (4, 1 → header in B5);
    ``sheet_scoped_names`` defines the names with the scope of 项目信息 instead of the workbook."""
    wb = xlsxwriter.Workbook(str(path))
    mine = wb.add_worksheet("我的备注")
    mine.write("A1", "单位内部备注，不属于模板")
    ind = wb.add_worksheet(C.SHEET_INDICATORS)
    exp = wb.add_worksheet(C.SHEET_EXPENSES)
    info = wb.add_worksheet(C.SHEET_INFO)
    wb.add_worksheet(C.SHEET_GUIDE).write("A1", "按模板约定填写。")
    wb.add_worksheet("附件").write("A1", "附件清单")
    pct, day = wb.add_format({"num_format": "0.0%"}), wb.add_format({"num_format": "yyyy/m/d"})
    first_amount = f"{chr(ord('A') + first_col + 1)}{header_row + 2}"
    last_amount = f"{chr(ord('A') + first_col + 1)}{header_row + 1 + len(EXPENSES)}"
    for i, f in enumerate(C.FIELDS):
        r = INFO_ROW0 + i
        info.write(r, INFO_COL - 1, f.label)
        value = INFO.get(f.name)
        if f.name == "funds_total_executed":
            info.write_formula(r, INFO_COL, f"=SUM('{C.SHEET_EXPENSES}'!{first_amount}:{last_amount})")
        elif isinstance(value, dt.date):
            info.write_datetime(r, INFO_COL, dt.datetime.combine(value, dt.time()), day)
        elif value is not None:
            info.write(r, INFO_COL, value)
        scope = f"'{C.SHEET_INFO}'!" if sheet_scoped_names else ""
        wb.define_name(scope + f.name, f"='{C.SHEET_INFO}'!${chr(ord('A') + INFO_COL)}${r + 1}")
    exp.add_table(header_row, first_col, header_row + len(EXPENSES),
                  first_col + len(C.EXPENSES.columns) - 1,
                  {"name": C.EXPENSES.name, "data": EXPENSES,
                   "columns": [{"header": h} for h in C.EXPENSES.headers]})
    ind.add_table(header_row, first_col, header_row + len(INDICATORS),
                  first_col + len(C.INDICATORS.columns) - 1,
                  {"name": C.INDICATORS.name, "data": [row for row, _ in INDICATORS],
                   "columns": [{"header": h} for h in C.INDICATORS.headers]})
    for i, (_row, number) in enumerate(INDICATORS):
        if number is not None:
            ind.write_number(header_row + 1 + i, first_col + 4, number, pct)
    wb.close()
    return Path(path)


EXPECTED_EXECUTED = Decimal(9)
