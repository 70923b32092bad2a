"""Lays out the official 《项目支出绩效自评表》 sheet with xlsxwriter (values, never formulas)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..model import Indicator, Value
from ..numbers import shown_fraction
from ..results import NOT_APPLICABLE, CheckReport
from ..template import contract
from .form_text import disputed_rows, form_note, level1_label, total_text
from .sheet_style import (DASH, LINE_PT, MAX_ROW_PT, MIN_ROW_PT, Styles, number_format, quantize,
                          text_lines, write_cell)

FLAG_FILL, FLAG_FONT = "#FFC7CE", "#9C0006"


@dataclass(frozen=True)
class Layout:
    """Column plan of one variant: the indicator block columns (B onwards) and their widths."""

    name: str
    columns: tuple[str, ...]
    widths: tuple[float, ...]   # A, then one per indicator column

    def col(self, key: str) -> int:
        return 1 + self.columns.index(key)

    @property
    def last(self) -> int:
        return len(self.columns)

    def span_width(self, first: int, last: int) -> float:
        return sum(self.widths[first:last + 1])


_HEADERS = {"level1": "一级指标", "level2": "二级指标", "level3": "三级指标",
            "target": "年度指标值", "actual": "实际完成值", "weight": "分值", "score": "得分",
            "deviation": "偏差原因分析及改进措施"}
LAYOUTS = {
    "mof": Layout("mof", ("level1", "level2", "level3", "target", "actual", "weight", "score",
                          "deviation"), (9, 10, 11, 20, 13, 13, 7, 8, 22)),
    # Hubei: no per-indicator weight column; the 一级 label carries the weight (DOMAIN.md §1).
    "hubei": Layout("hubei", ("level1", "level2", "level3", "target", "actual", "score",
                              "deviation"), (9, 10, 11, 20, 13, 13, 8, 24)),
}
FUND_HEADERS = ("", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")


def layout_for(profile: Any) -> Layout:
    return LAYOUTS.get(getattr(profile, "layout", "mof") or "mof", LAYOUTS["mof"])


class _Form:
    """Writes one form; keeps the current row, the styles and the row heights."""

    def __init__(self, workbook: Any, report: CheckReport, profile: Any) -> None:
        self.ws = workbook.add_worksheet(contract.SHEET_FORM)
        self.st = Styles(workbook)
        self.report, self.profile = report, profile
        self.lay = layout_for(profile)
        self.row = 0
        self.heights: dict[int, float] = {}

    # -- cell helpers ---------------------------------------------------------------------------
    def put(self, row: int, first: int, last: int, value: Any, fmt: Any, rows: int = 1) -> None:
        """Write ``value`` into a (possibly merged) range; numbers as numbers, None as blank."""
        value = write_cell(self.ws, row, first, last, value, fmt, rows)
        if isinstance(value, str) and value:
            self.need(row, rows, text_lines(value, self.lay.span_width(first, last)))

    def need(self, row: int, rows: int, lines: int) -> None:
        """Make rows ``row … row+rows-1`` together tall enough for ``lines`` lines."""
        total = lines * LINE_PT + 6
        have = sum(self.heights.get(r, MIN_ROW_PT) for r in range(row, row + rows))
        if total > have:
            extra = (total - have) / rows
            for r in range(row, row + rows):
                self.heights[r] = self.heights.get(r, MIN_ROW_PT) + extra

    def label(self, bold: bool = False) -> Any:
        return self.st.get(align="center", bold=bold)

    def text(self) -> Any:
        return self.st.get(align="left", indent=1)

    def money(self, v: Value) -> tuple[Any, Any]:
        d = v.decimal
        if d is None:
            return (v.text or None), self.st.get(align="center")
        return d, self.st.get(align="center", num_format=number_format(d))

    def score(self, d: Decimal | None) -> tuple[Any, Any]:
        if d is None:
            return None, self.st.get(align="center")
        return quantize(d, "0.01"), self.st.get(align="center", num_format="0.00")

    def weight(self, d: Decimal | None) -> tuple[Any, Any]:
        if d is None:
            return None, self.st.get(align="center")
        return d, self.st.get(align="center", num_format=number_format(d))

    # -- blocks ---------------------------------------------------------------------------------
    def title(self) -> None:
        last = self.lay.last
        year = self.report.project.year
        y = year.value if isinstance(year.value, (int, Decimal)) else None
        ytext = str(int(y)) if y is not None else (year.text.removesuffix("年度").removesuffix("年")
                                                    or "    ")
        self.put(0, 0, last, "项目支出绩效自评表",
                 self.st.get(border=False, bold=True, font_size=18, align="center"))
        self.put(1, 0, last, f"（{ytext}年度）", self.st.get(border=False, align="center",
                                                           font_size=11))
        self.heights[0], self.heights[1] = 32.0, 20.0
        self.row = 2

    def header(self) -> None:
        p, r, last = self.report.project, self.row, self.lay.last
        self.put(r, 0, 0, "项目名称", self.label(True))
        self.put(r, 1, last, p.name.text, self.text())
        self.put(r + 1, 0, 0, "主管部门", self.label(True))
        self.put(r + 1, 1, 3, p.department.text, self.text())
        self.put(r + 1, 4, 4, "实施单位", self.label(True))
        self.put(r + 1, 5, last, p.implementer.text, self.text())
        self.row += 2

    def funds(self) -> None:
        r, last, funds = self.row, self.lay.last, self.report.project.funds
        score = self.report.score
        self.put(r, 0, 0, "项目资金\n（万元）", self.label(True), rows=5)
        for i, head in enumerate(FUND_HEADERS):
            self.put(r, 1 + i, last if i == 6 else 1 + i, head or None, self.label(True))
        for k, (key, label, _row) in enumerate(contract.FUND_SOURCES):
            rr, src = r + 1 + k, funds.source(key)
            self.put(rr, 1, 1, label, self.label())
            for j, col in enumerate(("initial", "budget", "executed")):
                self.put(rr, 2 + j, 2 + j, *self.money(getattr(src, col)))
            pct = self.st.get(align="center", num_format="0.00%")
            if key == "total":
                weight = score.execution_weight if score else self.profile.execution_weight
                self.put(rr, 5, 5, *self.weight(Decimal(weight)))
                rate = score.execution_rate if score else None
                self.put(rr, 6, 6, DASH if rate is None else shown_fraction(rate),
                         pct if rate is not None else self.label())
                self.put(rr, 7, last, *self.score(score.execution_score if score else None))
            else:
                b, c = src.budget.decimal, src.executed.decimal
                rate = shown_fraction(c / b) if b and c is not None else None
                self.put(rr, 5, 5, DASH, self.label())
                self.put(rr, 6, 6, rate, pct)
                self.put(rr, 7, last, DASH, self.label())
        self.row += 5

    def goals(self) -> None:
        r, last, p = self.row, self.lay.last, self.report.project
        mid = 1 + (last - 1 + 1) // 2
        self.put(r, 0, 0, "年度总体目标", self.label(True), rows=2)
        self.put(r, 1, mid - 1, "预期目标", self.label(True))
        self.put(r, mid, last, "实际完成情况", self.label(True))
        self.put(r + 1, 1, mid - 1, p.goal_expected.text, self.text())
        self.put(r + 1, mid, last, p.goal_actual.text, self.text())
        self.row += 2

    def disputed(self) -> set[int]:
        return disputed_rows(self.report)

    def indicator_rows(self) -> list[tuple[Indicator, Decimal | None, Any]]:
        """(indicator, weight, score cell value) in table order; empty rows are left out."""
        score = self.report.score
        if score is not None and score.indicators:
            items = [(s.indicator, s.weight,
                      "不适用" if s.status == NOT_APPLICABLE else s.final)
                     for s in sorted(score.indicators, key=lambda s: s.indicator.row)]
        else:
            items = [(i, i.weight.decimal, i.self_score.decimal if i.self_score.decimal
                      is not None else (i.self_score.text or None))
                     for i in self.report.project.indicators]
        return [it for it in items
                if not all(v.is_empty for v in (it[0].level3, it[0].target, it[0].actual,
                                                it[0].weight))]

    def level1_label(self, name: str, rows: list[tuple[Indicator, Decimal | None, Any]]) -> str:
        return level1_label(self.report, name, [x[1] for x in rows],
                            all(x[2] == "不适用" for x in rows))

    def indicators(self) -> None:
        lay, r0 = self.lay, self.row
        items = self.indicator_rows()
        n = max(len(items), 1)
        self.put(r0, 0, 0, "绩效指标", self.label(True), rows=n + 1)
        for key in lay.columns:
            self.put(r0, lay.col(key), lay.col(key), _HEADERS[key], self.label(True))
        self.header_row = r0
        if not items:
            self.put(r0 + 1, 1, lay.last, "（未填写绩效指标）", self.label())
            self.row += 2
            return
        disputed = self.disputed()
        groups1 = _runs([it[0].level1.text for it in items])
        for start, count in groups1:
            block = items[start:start + count]
            name = block[0][0].level1.text
            self.put(r0 + 1 + start, lay.col("level1"), lay.col("level1"),
                     self.level1_label(name, block), self.label(), rows=count)
            for s2, c2 in _runs([it[0].level2.text for it in block]):
                self.put(r0 + 1 + start + s2, lay.col("level2"), lay.col("level2"),
                         block[s2][0].level2.text, self.label(), rows=c2)
        for k, (ind, weight, sc) in enumerate(items):
            r = r0 + 1 + k
            self.put(r, lay.col("level3"), lay.col("level3"), ind.level3.text, self.text())
            self.put(r, lay.col("target"), lay.col("target"), ind.target.text, self.label())
            self.put(r, lay.col("actual"), lay.col("actual"), ind.actual.text, self.label())
            if "weight" in lay.columns:
                self.put(r, lay.col("weight"), lay.col("weight"), *self.weight(weight))
            cell = self.score(sc) if isinstance(sc, Decimal) or sc is None else (sc, self.label())
            if ind.row in disputed:
                cell = (cell[0], self.flagged(cell[0]))
            self.put(r, lay.col("score"), lay.col("score"), *cell)
            self.put(r, lay.col("deviation"), lay.col("deviation"), ind.deviation.text,
                     self.text())
        self.row += n + 1

    def total(self) -> None:
        r, lay, score = self.row, self.lay, self.report.score
        sc = lay.col("score")
        if "weight" in lay.columns:
            self.put(r, 0, sc - 2, "总分", self.label(True))
            self.put(r, sc - 1, sc - 1, Decimal(100), self.st.get(align="center", num_format="0"))
        else:
            self.put(r, 0, sc - 1, "总分（满分100分）", self.label(True))
        total = score.total if score else None
        if total is not None and self.disputed():
            # the unit's own scores count there: the total is provisional, and says so
            self.put(r, sc, sc, total_text(self.report), self.flagged("text"))
        else:
            self.put(r, sc, sc, *(self.score(total) if total is not None else ("—", self.label())))
        grade = score.grade if score and score.grade else ""
        self.put(r, sc + 1, lay.last, f"自评等级：{grade}" if grade else None, self.label(True))
        self.row += 1
        note = self.note()
        if note:
            self.put(self.row, 0, 0, "其他需要说明事项", self.label(True))
            self.put(self.row, 1, lay.last, note, self.text())
            self.row += 1

    def flagged(self, value: Any) -> Any:
        """The style of a score the check refused: the unit's figure, marked."""
        fmt = {} if isinstance(value, str) else {"num_format": "0.00"}
        return self.st.get(align="center", bg_color=FLAG_FILL, font_color=FLAG_FONT, **fmt)

    def note(self) -> str:
        return form_note(self.report)

    # -- page -----------------------------------------------------------------------------------
    def finish(self) -> None:
        ws, lay = self.ws, self.lay
        for c, w in enumerate(lay.widths):
            ws.set_column(c, c, w)
        for r in range(self.row):
            ws.set_row(r, min(round(self.heights.get(r, MIN_ROW_PT), 1), MAX_ROW_PT))
        ws.set_paper(9)
        ws.set_portrait()
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        ws.print_area(0, 0, self.row - 1, lay.last)
        ws.repeat_rows(self.header_row)
        ws.hide_gridlines(2)
        ws.set_footer("&C第 &P 页，共 &N 页")


def _runs(keys: list[str]) -> list[tuple[int, int]]:
    """(start, length) of each run of equal consecutive keys."""
    runs: list[tuple[int, int]] = []
    for i, k in enumerate(keys):
        if runs and keys[runs[-1][0]] == k:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    return runs


def add_form_sheet(workbook: Any, report: CheckReport, profile: Any) -> Any:
    """Add the 自评表 sheet for ``report`` to an xlsxwriter ``workbook``; return the worksheet."""
    form = _Form(workbook, report, profile)
    form.title()
    form.header()
    form.funds()
    form.goals()
    form.indicators()
    form.total()
    form.finish()
    return form.ws
