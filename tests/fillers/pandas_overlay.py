"""Fill the template with pandas ``DataFrame.to_excel`` (openpyxl engine, mode="a",
if_sheet_exists="overlay"): a typical "other program". The positions come from the contract
(the Tables' header row, the defined names' cells) because pandas knows neither."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from perf_xlsx.template import contract as C

TEMPLATE = Path(__file__).resolve().parents[2] / "workbook_templates" / C.TEMPLATE_FILENAME
EXPENSES = [["手册印制", 0.26, 52, "本", "单本手册成本", None], ["挂板制作", 0.6, 40, "块", None, None]]
INDICATORS = [
    ["产出指标", "数量指标", "手册数量", "≥50本", "52本", 40, 40, None],
    ["产出指标", "成本指标", "单本手册成本", "≤0.006万元", "0.005万元", 10, 10, None],
    ["效益指标", "社会效益指标", "投诉率", "5%以内", "2%", 30, 30, None],
    ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "88%", 10, 8, "个别场次组织欠佳，下次提前安排"],
]


def _cell(name: str) -> tuple[int, int]:
    """0-based (row, col) of a contract field in the template."""
    ref = C.FIELDS_BY_NAME[name].cell
    return int(ref[1:]) - 1, ord(ref[0]) - ord("A")


def fill(path: Path) -> Path:
    """Budget 1, executed 0.86 (0.26 + 0.6) with a note; 满意度 missed (88 % < 90 %, 8 of 10)."""
    shutil.copyfile(TEMPLATE, path)
    info = {"project_name": "pandas 写入的项目", "department": "某某局", "implementer": "某某中心",
            "year": 2018, "funds_total_initial": 1, "funds_total_budget": 1,
            "funds_total_executed": 0.86, "funds_fiscal_initial": 1, "funds_fiscal_budget": 1,
            "funds_fiscal_executed": 0.86, "funds_note": "部分印制任务调整到下一年度",
            "goal_expected": "印制手册50本以上。", "goal_actual": "印制手册52本。"}
    with pd.ExcelWriter(path, engine="openpyxl", mode="a", if_sheet_exists="overlay") as xw:
        for name, value in info.items():
            row, col = _cell(name)
            pd.DataFrame([[value]]).to_excel(xw, sheet_name=C.SHEET_INFO, startrow=row,
                                             startcol=col, index=False, header=False)
        pd.DataFrame(EXPENSES, columns=list(C.EXPENSES.headers)).to_excel(
            xw, sheet_name=C.SHEET_EXPENSES, startrow=C.EXPENSES.header_row - 1, index=False)
        # the first eight columns (to 偏差原因分析及改进措施): the 2027.1 ones stay blank
        pd.DataFrame(INDICATORS, columns=list(C.INDICATORS.headers[:8])).to_excel(
            xw, sheet_name=C.SHEET_INDICATORS, startrow=C.INDICATORS.header_row - 1, index=False)
    return Path(path)
