"""Fill the committed template with openpyxl the way careless outside programs do.

Unlike tests/factory.py: numbers typed as text, percentages as fractions in %-formatted cells,
dates as datetimes and as text, formulas without cached values, 一级/二级 only on the first row of a
block (plain or really merged), blank rows between indicators, and rows written below the Tables
without growing their refs. Cells are found through the defined names and the Table refs only.
"""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from perf_xlsx.template import contract

TEMPLATE = Path(__file__).resolve().parents[2] / "workbook_templates" / contract.TEMPLATE_FILENAME
OUT, BEN, SAT = contract.LEVEL1_OUTPUT, contract.LEVEL1_BENEFIT, contract.LEVEL1_SATISFACTION


class Filler:
    """An openpyxl workbook opened from a copy of the template, addressed through the contract."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        shutil.copyfile(TEMPLATE, self.path)
        self.wb = load_workbook(self.path)

    def name(self, name: str) -> Any:
        (sheet, ref), = list(self.wb.defined_names[name].destinations)
        return self.wb[sheet][ref.replace("$", "")]

    def table(self, spec: contract.TableSpec) -> tuple[Any, int, dict[str, int], int]:
        """(sheet, header row, key → column number, last row of the Table ref)."""
        ws = self.wb[spec.sheet]
        c1, r1, c2, r2 = range_boundaries(ws.tables[spec.name].ref)
        by_header = {c.header: c.key for c in spec.columns}
        cols = {by_header[ws.cell(r1, c).value]: c for c in range(c1, c2 + 1)
                if ws.cell(r1, c).value in by_header}
        return ws, r1, cols, r2

    def put(self, spec: contract.TableSpec, row: int, values: dict[str, Any],
            formats: dict[str, str] | None = None) -> None:
        """Write ``values`` into data row ``row`` (1 = first row below the header)."""
        ws, head, cols, _ = self.table(spec)
        for key, value in values.items():
            if value is not None:
                cell = ws.cell(head + row, cols[key], value)
                if formats and key in formats:
                    cell.number_format = formats[key]

    def save(self) -> Path:
        self.wb.save(self.path)
        return self.path


def text_numbers(path: Path) -> Path:
    """Money and scores typed as text in every style; % as fractions; dates as datetime / text;
    一级/二级 only on a block's first row (not merged); a blank row between indicators.

    A consistent project: budget 1, executed 0.95 (lines 0.26 + 0.04 + 0.6 + 0.05), all targets
    met, full self-scores; only PX120 warnings (text read as numbers) are expected.
    """
    f = Filler(path)
    info = {"project_name": " 文本数字项目 ", "department": "某某局", "implementer": "某某中心",
            "year": "2018", "funds_total_initial": "1", "funds_total_budget": " 1 ",
            "funds_total_executed": "０.９５", "funds_fiscal_initial": "1.00",
            "funds_fiscal_budget": "1", "funds_fiscal_executed": "0.95",
            "funds_received": "1万元", "goal_expected": "印制宣传手册50本以上，满意度90%以上。",
            "goal_actual": "印制宣传手册52本，满意度95%。", "completion_date": "2018年9月20日"}
    for name, value in info.items():
        f.name(name).value = value
    for i, (content, amount) in enumerate([("宣传手册印制", "0.26"), ("宣传展板制作", "0.04"),
                                           ("制度挂板制作", " 0.6 "), ("场地布置", "0.05")], 1):
        f.put(contract.EXPENSES, i, {"content": content, "amount": amount})
    pct = {"actual": "0%"}
    rows = [
        (1, {"level1": OUT, "level2": "数量指标", "level3": "宣传手册数量", "target": "≥50本",
             "actual": "52本", "weight": "10", "self_score": "10"}, None),
        (2, {"level3": "制度挂板数量", "target": "40块以上", "actual": "40块", "weight": 10,
             "self_score": 10}, None),
        # row 3 of the Table is left blank
        (4, {"level2": "质量指标", "level3": "宣传手册发放率", "target": "100%", "actual": 1,
             "weight": 10, "self_score": 10}, pct),
        (5, {"level2": "时效指标", "level3": "宣传工作完成时间", "target": "9月30日前",
             "actual": dt.datetime(2018, 9, 20), "weight": 10, "self_score": 10},
         {"actual": "yyyy-mm-dd"}),
        (6, {"level2": "成本指标", "level3": "单本宣传手册成本", "target": "≤0.0062万元",
             "actual": "0.005万元", "weight": "１０", "self_score": 10}, None),
        (7, {"level1": BEN, "level2": "社会效益指标", "level3": "投诉率", "target": "5%以内",
             "actual": "2%", "weight": 15, "self_score": 15}, None),
        (8, {"level2": "可持续影响指标", "level3": "政府网站知晓率", "target": "≥50%",
             "actual": "52%", "weight": 15, "self_score": 15}, None),
        (9, {"level1": SAT, "level2": "服务对象满意度指标", "level3": "活动参与者满意度",
             "target": "≥90%", "actual": 0.95, "weight": 10, "self_score": " 10 "}, pct),
    ]
    for row, values, formats in rows:
        f.put(contract.INDICATORS, row, values, formats)
    return f.save()


def beyond_the_tables(path: Path) -> Path:
    """14 expense lines and 20 indicators written past the Tables' refs (which stay as they are),
    merged 一级 cells, formulas without cached values (=SUM over the lines, =B9 references) and
    weights of 3.125 (16 × 3.125 = 50): budget 1.4 fully spent, all met → total exactly 100."""
    f = Filler(path)
    info = {"project_name": "表格外的行", "department": "某某局", "implementer": "某某中心",
            "year": 2019, "funds_total_initial": 1.4, "funds_total_budget": "=B9",
            "funds_total_executed": f"=SUM({contract.SHEET_EXPENSES}!B3:B40)",
            "funds_fiscal_initial": "=B9", "funds_fiscal_budget": "=C9",
            "funds_fiscal_executed": "=D9", "funds_received": "=C9*1",
            "goal_expected": "完成20项建设任务。", "goal_actual": "完成了20项建设任务。",
            "completion_date": dt.date(2019, 9, 1)}
    for name, value in info.items():
        f.name(name).value = value
    for i in range(1, 15):
        f.put(contract.EXPENSES, i, {"content": f"建设任务{i}", "amount": 0.1})
    for i in range(1, 21):
        if i <= 16:
            l1, l2, weight = OUT, "数量指标", 3.125
        elif i <= 18:
            l1, l2, weight = BEN, "社会效益指标", 15
        else:
            l1, l2, weight = SAT, "服务对象满意度指标", 5
        values = {"level3": f"任务{i}完成率", "target": "≥90%", "actual": 0.95,
                  "weight": weight, "self_score": weight}
        if i in (1, 17, 19):
            values.update(level1=l1, level2=l2)
        f.put(contract.INDICATORS, i, values, {"actual": "0%"})
    ws, head, cols, _ = f.table(contract.INDICATORS)
    for first, last in ((1, 16), (17, 18), (19, 20)):
        for key in ("level1", "level2"):
            ws.merge_cells(start_row=head + first, end_row=head + last,
                           start_column=cols[key], end_column=cols[key])
    return f.save()
