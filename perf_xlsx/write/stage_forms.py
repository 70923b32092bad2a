"""The official forms of the year's first two stages, laid out with xlsxwriter (values only):
《项目支出绩效目标申报表》 (申报; also the record of the approved targets, ``stages/record.py``)
and 《项目支出绩效目标执行监控表》 (监控). Each fits one A4 page."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..indicator_rows import Row
from ..indicator_rows import rows as indicator_rows
from ..model import Value
from ..numbers import num
from ..results import CheckReport
from ..read import record as R
from ..stages.monitor import as_of, budget_of, time_progress
from ..stages.target import judged_rows
from ..template import contract
from .sheet_style import (LINE_PT, MAX_ROW_PT, MIN_ROW_PT, Styles, number_format, text_lines,
                          write_cell)

_TARGET_WIDTHS = (11, 12, 26, 18, 9, 8)
_MONITOR_WIDTHS = (8, 9, 16, 10, 10, 10, 9, 9, 18)
_MONITOR_HEADERS = ("一级指标", "二级指标", "三级指标", "年度指标值", "监控期完成值",
                    "全年预计完成值", "完成目标可能性", "偏差原因类型", "监控偏差说明（原因及措施）")


class _Sheet:
    """One stage form: the worksheet, its styles, row heights and the writing helpers."""

    def __init__(self, workbook: Any, name: str, widths: tuple[float, ...]) -> None:
        self.ws = workbook.add_worksheet(name)
        self.st = Styles(workbook)
        self.widths = widths
        self.heights: dict[int, float] = {}
        self.last = len(widths) - 1

    def put(self, row: int, first: int, last: int, value: Any, fmt: Any = None,
            rows: int = 1) -> None:
        """``value`` into a (merged) 0-based range: Decimals as numbers, text never a formula."""
        fmt = fmt if fmt is not None else self.st.get(align="left")
        text = write_cell(self.ws, row, first, last, value, fmt, rows)
        if isinstance(text, str) and text:
            need = text_lines(text, sum(self.widths[first:last + 1])) * LINE_PT + 6
            if rows == 1 and need > self.heights.get(row, MIN_ROW_PT):
                self.heights[row] = need

    def label(self) -> Any:
        return self.st.get(align="center", bold=True)

    def cell(self, align: str = "center") -> Any:
        return self.st.get(align=align)

    def money(self, value: Value | Decimal | None) -> tuple[Any, Any]:
        d = value if isinstance(value, Decimal) or value is None else num(value)
        if d is None:
            text = value.text if isinstance(value, Value) else ""
            return text or None, self.cell()
        return d, self.st.get(align="center", num_format=number_format(d))

    def title(self, title: str, report: CheckReport) -> None:
        year = num(report.project.year)
        ytext = str(int(year)) if year is not None else "    "
        self.put(0, 0, self.last, title,
                 self.st.get(border=False, bold=True, font_size=16, align="center"))
        self.put(1, 0, self.last, f"（{ytext}年度）",
                 self.st.get(border=False, align="center", font_size=11))
        self.heights[0] = 30.0

    def finish(self, last_row: int, header_row: int) -> None:
        for c, w in enumerate(self.widths):
            self.ws.set_column(c, c, w)
        for r in range(last_row + 1):
            self.ws.set_row(r, min(round(self.heights.get(r, MIN_ROW_PT), 1), MAX_ROW_PT))
        self.ws.set_paper(9)
        if self.last < 8:
            self.ws.set_portrait()
        else:
            self.ws.set_landscape()
        self.ws.fit_to_pages(1, 1)
        self.ws.center_horizontally()
        self.ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)
        self.ws.print_area(0, 0, last_row, self.last)
        self.ws.repeat_rows(header_row)
        self.ws.hide_gridlines(2)


def _other_funds(report: CheckReport) -> Decimal | None:
    """其他资金 of the 申报表: everything beside 当年财政拨款 (上年结转 and 其他 at 年初)."""
    funds = report.project.funds
    parts = [num(funds.carryover.initial), num(funds.other.initial)]
    known = [p for p in parts if p is not None]
    return sum(known, Decimal(0)) if known else None


def _record_rows(report: CheckReport, profile: Any) -> list[tuple[Any, ...]]:
    """(一级, 二级, 三级, 指标值, 计量单位, 分值) of every judged row, as the record holds them."""
    out = []
    for r in judged_rows(indicator_rows(report.project), profile):
        ind = r.ind
        weight = num(ind.weight)
        out.append((r.level1, r.level2, ind.level3.text, ind.target.text, ind.unit.text,
                    weight if weight is not None else (ind.weight.text or None)))
    return out


def add_target_form(workbook: Any, report: CheckReport, profile: Any) -> Any:
    """The 绩效目标申报表 for ``report``, with its record checksum (``stages/record.py``)."""
    p = report.project
    s = _Sheet(workbook, contract.SHEET_TARGET_FORM, _TARGET_WIDTHS)
    s.title("项目支出绩效目标申报表", report)
    lab, left = s.label(), s.cell("left")

    def at(pos: tuple[int, int]) -> tuple[int, int]:
        return pos[0] - 1, pos[1] - 1

    r, c = at(R.NAME_CELL)
    s.put(r, 0, 0, "项目名称", lab)
    s.put(r, c, s.last, p.name.text, left)
    r, c = at(R.DEPARTMENT_CELL)
    s.put(r, 0, 0, "主管部门", lab)
    s.put(r, c, 2, p.department.text, left)
    s.put(r, 3, 3, "实施单位", lab)
    s.put(r, at(R.IMPLEMENTER_CELL)[1], s.last, p.implementer.text, left)
    r, c = at(R.ATTRIBUTE_CELL)
    s.put(r, 0, 0, "项目属性", lab)
    s.put(r, c, 2, p.field_value("project_attribute").text, left)
    s.put(r, 3, 3, "项目期", lab)
    s.put(r, at(R.PERIOD_CELL)[1], s.last, p.field_value("project_period").text, left)
    first = at(R.FUND_CELLS["total"])[0]
    s.put(first, 0, 0, "项目资金\n（万元）", lab, rows=len(R.FUND_CELLS))
    amounts = {"total": p.funds.total.initial, "fiscal": p.funds.fiscal.initial,
               "other": _other_funds(report)}
    labels = {"total": "年度资金总额", "fiscal": "其中：财政拨款", "other": "其他资金"}
    funds_written: dict[str, Any] = {}
    for key, pos in R.FUND_CELLS.items():
        r, c = at(pos)
        s.put(r, 1, 1, labels[key], s.cell())
        value, fmt = s.money(amounts[key])
        s.put(r, c, s.last, value, fmt)
        funds_written[key] = value
    r, c = at(R.GOAL_CELL)
    s.put(r, 0, 0, "年度总体目标", lab)
    s.put(r, c, s.last, p.goal_expected.text, left)
    header = R.HEADER_ROW - 1
    for i, head in enumerate(R.COLUMN_HEADERS):
        s.put(header, i, i, head, lab)
    rows = _record_rows(report, profile)
    for k, values in enumerate(rows):
        for i, v in enumerate(values):
            fmt = s.st.get(align="center", num_format=number_format(v)) \
                if isinstance(v, Decimal) else s.cell("left" if i == 2 else "center")
            s.put(header + 1 + k, i, i, v, fmt)
    note_row = header + 1 + len(rows) + 1
    s.put(note_row, 0, s.last,
          "本表由 perf-xlsx 按申报阶段检查生成，是批复绩效目标的记录：监控和自评阶段与本表比对，"
          "请勿手工修改；经批准调整指标时，在「绩效指标」表的「调整说明」列写明。",
          s.st.get(border=False, align="left", font_size=9, font_color="#595959"))
    digest = R.checksum(p.name.text, {k: R.norm(v) for k, v in funds_written.items()},
                        [tuple(R.norm(v) for v in row) for row in rows])
    workbook.define_name(f"'{contract.SHEET_TARGET_FORM}'!{contract.RECORD_MARKER}",
                         f'="{digest}"')
    s.finish(note_row, header)
    return s.ws


def _day(value: date | None) -> str:
    return value.isoformat() if isinstance(value, (date, datetime)) else "    年  月  日"


def add_monitor_form(workbook: Any, report: CheckReport, profile: Any) -> Any:
    """The 绩效监控表 (《项目支出绩效目标执行监控表》) for ``report``."""
    p = report.project
    s = _Sheet(workbook, contract.SHEET_MONITOR_FORM, _MONITOR_WIDTHS)
    s.title("项目支出绩效目标执行监控表", report)
    lab, left, last = s.label(), s.cell("left"), s.last
    day = as_of(p)
    s.put(2, 0, 1, "项目名称", lab)
    s.put(2, 2, 5, p.name.text, left)
    s.put(2, 6, 6, "截至日期", lab)
    s.put(2, 7, last, _day(day), s.cell())
    s.put(3, 0, 1, "主管部门", lab)
    s.put(3, 2, 5, p.department.text, left)
    s.put(3, 6, 6, "实施单位", lab)
    s.put(3, 7, last, p.implementer.text, left)
    s.put(4, 0, 1, "项目资金\n（万元）", lab, rows=2)
    heads = ("年初预算数", "调整后预算数", "1-N月执行数", "执行率", "序时进度", "全年预计执行数")
    spans = ((2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, last))
    budget, spent = budget_of(p), num(p.field_value("funds_executed_to_date"))
    pct = s.st.get(align="center", num_format="0.00%")
    rate = spent / budget if budget and spent is not None else None
    progress = time_progress(day) if day is not None else None
    values = (s.money(p.funds.total.initial), s.money(p.funds.total.budget),
              s.money(p.field_value("funds_executed_to_date")),
              (rate.quantize(Decimal("0.0001")), pct) if rate is not None else ("—", s.cell()),
              (progress.quantize(Decimal("0.0001")), pct) if progress is not None
              else ("—", s.cell()),
              s.money(p.field_value("funds_expected_full_year")))
    for (a, b), head, (value, fmt) in zip(spans, heads, values):
        s.put(4, a, b, head, lab)
        s.put(5, a, b, value, fmt)
    s.put(6, 0, 1, "执行偏差说明", lab)
    s.put(6, 2, last, p.field_value("monitor_note").text, left)
    header = 7
    for i, head in enumerate(_MONITOR_HEADERS):
        s.put(header, i, i, head, lab)
    rows = judged_rows(indicator_rows(p), profile)
    for k, r in enumerate(rows):
        _monitor_row(s, header + 1 + k, r)
    end = header + max(len(rows), 0)
    s.finish(end, header)
    return s.ws


def _monitor_row(s: _Sheet, row: int, r: Row) -> None:
    ind = r.ind
    texts = (r.level1, r.level2, ind.level3.text, ind.target.text, ind.monitor_value.text,
             ind.expected_value.text, ind.likelihood.text, ind.cause_type.text,
             ind.monitor_note.text)
    for i, text in enumerate(texts):
        s.put(row, i, i, text, s.cell("left" if i in (2, 8) else "center"))
