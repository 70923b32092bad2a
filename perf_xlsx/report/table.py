"""The 《项目支出绩效自评表》 as a Word table for 七、附表 (same blocks as write.form_sheet)."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..results import NOT_APPLICABLE, CheckReport
from ..scoring.profiles import get_profile
from ..template import contract
from ..write.form_sheet import _HEADERS, FUND_HEADERS, _runs, layout_for
from ..write.form_text import form_note, level1_label, total_text
from ..write.sheet_style import plain
from .figures import money, rate_text, score_text
from .style import keep_rows_whole, table_cell, table_layout

DASH = "—"
#: Column widths (cm) of the 9-column MoF layout and the 8-column Hubei one; 15.6 cm of text.
#: The label column holds 项目名称 on one line; 分值 is narrow, 得分 holds 95.20 / 100.00.
WIDTHS = {"mof": (1.9, 1.3, 1.5, 2.0, 1.8, 1.5, 1.0, 1.6, 3.0),
          "hubei": (1.9, 1.3, 1.9, 2.0, 2.0, 1.5, 1.6, 3.4)}


def _m(value: Any) -> str:
    d = getattr(value, "decimal", None)
    return money(d) if d is not None else (getattr(value, "text", "") or "")


class _Table:
    def __init__(self, doc: Any, report: CheckReport) -> None:
        self.report = report
        score = report.score
        self.profile = get_profile(score.profile if score else None)
        self.lay = layout_for(self.profile)
        self.items = [s for s in (score.indicators if score else [])]
        self.ncols = self.lay.last + 1
        self.note = form_note(report)    # the same note as the 自评表 sheet (不适用, 待定 …)
        nrows = 2 + 5 + 2 + 1 + max(len(self.items), 1) + 1 + (1 if self.note else 0)
        self.t = doc.add_table(rows=nrows, cols=self.ncols)
        self.row = 0

    def put(self, r: int, c1: int, c2: int, text: str, *, rows: int = 1, bold: bool = False,
            align: str = "center") -> None:
        cell = self.t.cell(r, c1)
        if c2 > c1 or rows > 1:
            cell = cell.merge(self.t.cell(r + rows - 1, c2))
        table_cell(cell, text, bold=bold, align=align)

    def header(self) -> None:
        p, last = self.report.project, self.lay.last
        self.put(0, 0, 0, "项目名称", bold=True)
        self.put(0, 1, last, p.name.text, align="left")
        self.put(1, 0, 0, "主管部门", bold=True)
        self.put(1, 1, 3, p.department.text, align="left")
        self.put(1, 4, 4, "实施单位", bold=True)
        self.put(1, 5, last, p.implementer.text, align="left")
        self.row = 2

    def funds(self) -> None:
        r, last, funds, score = self.row, self.lay.last, self.report.project.funds, \
            self.report.score
        self.put(r, 0, 0, "项目资金\n（万元）", rows=5, bold=True)
        for i, head in enumerate(FUND_HEADERS):
            self.put(r, 1 + i, last if i == 6 else 1 + i, head, bold=True)
        for k, (key, label, _row) in enumerate(contract.FUND_SOURCES):
            rr, src = r + 1 + k, funds.source(key)
            self.put(rr, 1, 1, label)
            for j, col in enumerate(("initial", "budget", "executed")):
                self.put(rr, 2 + j, 2 + j, _m(getattr(src, col)))
            if key == "total":
                weight = score.execution_weight if score else self.profile.execution_weight
                rate = score.execution_rate if score else None
                self.put(rr, 5, 5, plain(Decimal(weight)))
                self.put(rr, 6, 6, rate_text(rate) if rate is not None else DASH)
                exec_score = score.execution_score if score else None
                self.put(rr, 7, last, score_text(exec_score) if exec_score is not None else "")
            else:
                b, c = src.budget.decimal, src.executed.decimal
                self.put(rr, 5, 5, DASH)
                self.put(rr, 6, 6, rate_text(c / b) if b and c is not None else "")
                self.put(rr, 7, last, DASH)
        self.row += 5

    def goals(self) -> None:
        r, last, p = self.row, self.lay.last, self.report.project
        mid = 1 + (last - 1 + 1) // 2
        self.put(r, 0, 0, "年度总体目标", rows=2, bold=True)
        self.put(r, 1, mid - 1, "预期目标", bold=True)
        self.put(r, mid, last, "实际完成情况", bold=True)
        self.put(r + 1, 1, mid - 1, p.goal_expected.text, align="left")
        self.put(r + 1, mid, last, p.goal_actual.text, align="left")
        self.row += 2

    def indicators(self) -> None:
        lay, r0, items = self.lay, self.row, self.items
        n = max(len(items), 1)
        self.put(r0, 0, 0, "绩\n效\n指\n标", rows=n + 1, bold=True)
        for key in lay.columns:
            self.put(r0, lay.col(key), lay.col(key), _HEADERS[key], bold=True)
        if not items:
            self.put(r0 + 1, 1, lay.last, "（未填写绩效指标）")
            self.row += 2
            return
        for start, count in _runs([s.indicator.level1.text for s in items]):
            block = items[start:start + count]
            name = block[0].indicator.level1.text
            label = level1_label(self.report, name, [s.weight for s in block],
                                 all(s.status == NOT_APPLICABLE for s in block))
            self.put(r0 + 1 + start, lay.col("level1"), lay.col("level1"), label, rows=count)
            for s2, c2 in _runs([s.indicator.level2.text for s in block]):
                self.put(r0 + 1 + start + s2, lay.col("level2"), lay.col("level2"),
                         block[s2].indicator.level2.text, rows=c2)
        for k, s in enumerate(items):
            r, ind = r0 + 1 + k, s.indicator
            self.put(r, lay.col("level3"), lay.col("level3"), ind.level3.text, align="left")
            self.put(r, lay.col("target"), lay.col("target"), ind.target.text)
            self.put(r, lay.col("actual"), lay.col("actual"), ind.actual.text)
            if "weight" in lay.columns:
                self.put(r, lay.col("weight"), lay.col("weight"),
                         plain(s.weight) if s.weight is not None else "")
            sc = ("不适用" if s.status == NOT_APPLICABLE else
                  score_text(s.final) if s.final is not None else "")
            self.put(r, lay.col("score"), lay.col("score"), sc)
            self.put(r, lay.col("deviation"), lay.col("deviation"), ind.deviation.text,
                     align="left")
        self.row += n + 1

    def total(self) -> None:
        r, lay, score = self.row, self.lay, self.report.score
        sc = lay.col("score")
        if "weight" in lay.columns:
            self.put(r, 0, sc - 2, "总分", bold=True)
            self.put(r, sc - 1, sc - 1, "100")
        else:
            self.put(r, 0, sc - 1, "总分（满分100分）", bold=True)
        self.put(r, sc, sc, (total_text(self.report) or "").replace("（待定）", "\n待定"))
        grade = score.grade if score and score.grade else ""
        self.put(r, sc + 1, lay.last, f"自评等级：{grade}" if grade else "", bold=True)
        self.row += 1
        if self.note:
            self.put(self.row, 0, 0, "其他需要说明事项", bold=True)
            self.put(self.row, 1, lay.last, self.note, align="left")
            self.row += 1


def add_form_table(doc: Any, report: CheckReport) -> Any:
    """Append the 自评表 to ``doc`` as one table; merged 一级/二级 cells like the sheet."""
    t = _Table(doc, report)
    t.header()
    t.funds()
    t.goals()
    t.indicators()
    t.total()
    table_layout(t.t, WIDTHS.get(t.lay.name, WIDTHS["mof"]))
    keep_rows_whole(t.t)
    return t.t
