"""Fill a copy of the committed template through the contract, the way an outside program would.

``fill_template(path)`` writes a clean, valid small project (the defaults below); pass
``info`` / ``expenses`` / ``indicators`` to replace a part, e.g. to change one thing::

    fill_template(p, info={**default_info(), "year": 1999})
    fill_template(p, indicators=default_indicators()[:-1])     # drop the satisfaction row
    fill_template(p, expenses=[])                              # no expense rows at all

``None`` means "use the defaults"; an empty dict / list writes nothing. Info keys are the
contract's defined names (resolved through the workbook's own defined names); row dicts are keyed
by ``Column.key``. Values are written as given: numbers as numbers, str as str, None as blank.
"""
from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter, range_boundaries

from perf_xlsx.template import contract

TEMPLATE = Path(__file__).resolve().parents[1] / "workbook_templates" / contract.TEMPLATE_FILENAME
D = Decimal


def default_info() -> dict[str, object]:
    """项目信息 of a consistent small project: budget 1 万元, 0.95 spent (95 %), no adjustment."""
    funds = {
        "total": (D("1"), D("1"), D("0.95")),
        "fiscal": (D("1"), D("1"), D("0.95")),
        "carryover": (D("0"), D("0"), D("0")),
        "other": (D("0"), D("0"), D("0")),
    }
    info: dict[str, object] = {
        "project_name": "政府网站宣传项目",
        "department": "喀什地区行政公署办公室",
        "implementer": "喀什地区电子政务管理办公室",
        "year": 2018,
    }
    for src, values in funds.items():
        for (col, _label, _letter), value in zip(contract.FUND_COLUMNS, values):
            info[f"funds_{src}_{col}"] = value
    info.update({
        "funds_received": D("1"),
        "goal_expected": "制作宣传手册50本以上、制度挂板40块以上，9月30日前完成宣传，"
                         "提高政府网站知晓率，活动参与者满意度达到90%以上。",
        "goal_actual": "印制宣传手册52本、制作制度挂板40块，9月20日完成宣传活动2次，"
                       "投诉率2%，参与者满意度95%。",
        "completion_date": dt.date(2018, 9, 20),
        "project_nature": "延续项目",
    })
    return info


def default_expenses() -> list[dict[str, object]]:
    """资金明细 rows adding up to 全年执行数 0.95 万元."""
    return [
        {"content": "宣传手册印制", "amount": D("0.26"), "quantity": 52, "unit": "本",
         "indicator": "单本宣传手册成本"},
        {"content": "宣传展板制作", "amount": D("0.04"), "quantity": 1, "unit": "块"},
        {"content": "制度挂板制作", "amount": D("0.6"), "quantity": 40, "unit": "块"},
        {"content": "宣传活动场地布置", "amount": D("0.05"), "quantity": 2, "unit": "次"},
    ]


def _ind(l1: str, l2: str, l3: str, target: str, actual: str, weight: int,
         score: int | None = None) -> dict[str, object]:
    return {"level1": l1, "level2": l2, "level3": l3, "target": target, "actual": actual,
            "weight": weight, "self_score": weight if score is None else score}


def default_indicators() -> list[dict[str, object]]:
    """绩效指标 rows: 产出 50 + 效益 30 + 满意度 10 = 90, every target met, full scores."""
    out, ben, sat = contract.LEVEL1_OUTPUT, contract.LEVEL1_BENEFIT, contract.LEVEL1_SATISFACTION
    return [
        _ind(out, "数量指标", "宣传手册数量", "≥50本", "52本", 10),
        _ind(out, "数量指标", "制度挂板数量", "40块以上", "40块", 10),
        _ind(out, "质量指标", "宣传手册发放率", "100%", "100%", 10),
        _ind(out, "时效指标", "宣传工作完成时间", "9月30日前", "2018-09-20", 10),
        _ind(out, "成本指标", "单本宣传手册成本", "≤0.0062万元", "0.005万元", 10),
        _ind(ben, "社会效益指标", "投诉率", "5%以内", "2%", 15),
        _ind(ben, "可持续影响指标", "政府网站知晓率", "稳步提升", "达成年度指标", 15),
        _ind(sat, "服务对象满意度指标", "活动参与者满意度", "≥90%", "95%", 10),
    ]


def _name_cell(wb: Any, name: str) -> Any:
    """The cell a workbook-level defined name points at."""
    if name not in wb.defined_names:
        raise KeyError(f"the template has no defined name {name!r}")
    (sheet, ref), = list(wb.defined_names[name].destinations)
    return wb[sheet][ref.replace("$", "")]


def _write_rows(wb: Any, spec: contract.TableSpec, rows: list[dict[str, Any]]) -> None:
    """Write rows below the Table's header, in header order; grow the Table if needed."""
    ws = wb[spec.sheet]
    table = ws.tables[spec.name]
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    headers = [ws.cell(min_row, c).value for c in range(min_col, max_col + 1)]
    by_header = {col.header: col.key for col in spec.columns}
    for i, row in enumerate(rows):
        unknown = set(row) - set(by_header.values())
        if unknown:
            raise KeyError(f"unknown {spec.name} column keys: {sorted(unknown)}")
        for offset, header in enumerate(headers):
            key = by_header.get(header)
            if key in row:
                ws.cell(min_row + 1 + i, min_col + offset, row[key])
    last = max(max_row, min_row + len(rows))
    if last > max_row:
        table.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{last}"
        if table.autoFilter is not None:
            table.autoFilter.ref = table.ref


def fill_template(path: str | Path, info: dict[str, object] | None = None,
                  expenses: list[dict[str, object]] | None = None,
                  indicators: list[dict[str, object]] | None = None, *,
                  template: str | Path | None = None) -> Path:
    """Copy the template to ``path`` and fill it through defined names and Tables."""
    path = Path(path)
    shutil.copyfile(template or TEMPLATE, path)
    with path.open("rb") as fh:  # a file object: Chinese / odd suffixes are fine
        wb = load_workbook(fh)
    for name, value in (default_info() if info is None else info).items():
        _name_cell(wb, name).value = value
    _write_rows(wb, contract.EXPENSES, default_expenses() if expenses is None else expenses)
    _write_rows(wb, contract.INDICATORS,
                default_indicators() if indicators is None else indicators)
    wb.save(path)
    return path


__all__ = ["TEMPLATE", "default_expenses", "default_indicators", "default_info",
           "fill_template"]
