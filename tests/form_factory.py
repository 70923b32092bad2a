"""Build published 《项目支出绩效自评表》 forms in code (openpyxl and python-docx), in the MoF
layout and its provincial variants, from the same data the template factory fills.

``build_form(path, info, indicators, **layout)`` writes one form; ``FormLayout`` names each
variant the form reader must recognise (docs/forms.md). Printed figures (执行率, 得分, 总分,
等级) are computed right unless ``printed`` overrides them, so a test can inject each fault.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

SOURCES = (("total", "年度资金总额"), ("fiscal", "其中：当年财政拨款"),
           ("carryover", "上年结转资金"), ("other", "其他资金"))


def save_rows(path: str | Path, rows: list[list[Any]], merges: tuple[str, ...] = (),
              title: str = "自评表") -> Path:
    """A one-sheet workbook of ``rows`` as typed (``[]`` a blank row), with ``merges``: a form
    laid out cell by cell, as a unit's own Excel holds it."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return Path(path)


def fill_word_table(table: Any, rows: list[list[Any]]) -> Any:
    """A python-docx ``table``'s cells from ``rows``, every value as text (None left blank)."""
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v is not None:
                table.cell(i, j).text = str(v)
    return table


@dataclass
class FormLayout:
    row0: int = 1                  # first row of the form
    col0: int = 1                  # first column (A = 1)
    cover: bool = False            # a cover sheet before the form
    money_unit: str = "万元"        # or "元"
    split_target: bool = False     # 指标性质 | 指标值 | 度量单位
    grouped_values: bool = False   # 指标值 over 年度指标值 | 实际完成值 (a two-row header)
    level2: bool = True            # a 二级指标 column
    weight: bool = True            # 分值 column
    weight_first: bool = False     # 分值 before 年度指标值
    weight_in_level1: bool = False  # 产出指标（50分）
    extra_column: str | None = None  # e.g. 权重占比 after 得分
    text_numbers: bool = False     # money and weights typed as text
    grade_beside_total: bool = False
    note_row: bool = False         # 其他需要说明事项
    hidden_col: bool = False       # an empty hidden column inside the table
    title: str = "项目支出绩效自评表"
    labels: dict[str, str] = field(default_factory=dict)   # label overrides (aliases)


def q(x: Decimal, places: str = "0.01") -> Decimal:
    return x.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def printed_figures(info: dict[str, Any], indicators: list[dict[str, Any]],
                    execution_weight: Decimal = Decimal(10)) -> dict[str, Any]:
    """The figures a correct form prints (rates at 2 decimals of %, scores, total, grade)."""
    out: dict[str, Any] = {}
    for key, _ in SOURCES:
        b, e = info.get(f"funds_{key}_budget"), info.get(f"funds_{key}_executed")
        if b not in (None, 0) and e is not None:
            out[f"rate_{key}"] = f"{q(Decimal(str(e)) / Decimal(str(b)) * 100)}%"
    b, e = Decimal(str(info["funds_total_budget"])), Decimal(str(info["funds_total_executed"]))
    rate = min(e / b, Decimal(1)) if b else Decimal(0)
    out["score_total"] = q(rate * execution_weight)
    total = out["score_total"] + sum((Decimal(str(i["self_score"])) for i in indicators
                                      if i.get("self_score") is not None), Decimal(0))
    out["total"] = q(total)
    out["grade"] = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    return out


def _put(ws: Worksheet, r: int, c: int, value: Any, lay: FormLayout) -> None:
    if isinstance(value, Decimal):
        value = str(value) if lay.text_numbers else float(value)
    ws.cell(r, c, value)


def build_form(path: str | Path, info: dict[str, Any], indicators: list[dict[str, Any]],
               layout: FormLayout | None = None, printed: dict[str, Any] | None = None,
               sheet: str = "自评表", workbook: Workbook | None = None) -> Path:
    lay = layout or FormLayout()
    figs = {**printed_figures(info, indicators), **(printed or {})}
    wb = workbook or Workbook()
    if workbook is None:
        if lay.cover:
            wb.active.title = "封面"
            wb.active["B3"] = f"{info.get('year', 2018)}年度项目支出绩效自评材料"
            ws = wb.create_sheet(sheet)
        else:
            ws = wb.active
            ws.title = sheet
    else:
        ws = wb.create_sheet(sheet)
    L = lay.labels.get
    divisor = Decimal(10000) if lay.money_unit == "元" else Decimal(1)
    r, c0 = lay.row0, lay.col0
    ind_cols = ["一级指标"] + (["二级指标"] if lay.level2 else []) + ["三级指标"]
    target_cols = ["指标性质", "指标值", "度量单位"] if lay.split_target else ["年度指标值"]
    value_cols = ["实际完成值"]
    weight_cols = (["分值"] if lay.weight else [])
    tail = ["得分"] + ([lay.extra_column] if lay.extra_column else []) + ["偏差原因分析及改进措施"]
    if lay.weight_first:
        header = ind_cols + weight_cols + target_cols + value_cols + tail
    else:
        header = ind_cols + target_cols + value_cols + weight_cols + tail
    if lay.hidden_col:
        header = header[:2] + ["__hidden__"] + header[2:]
    width = 1 + len(header)
    last = c0 + width - 1
    ws.cell(r, c0, lay.title)
    ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=last)
    ws.cell(r + 1, c0, f"（{info.get('year', 2018)}年度）")
    ws.merge_cells(start_row=r + 1, start_column=c0, end_row=r + 1, end_column=last)
    r += 2
    ws.cell(r, c0, L("project_name", "项目名称"))
    ws.cell(r, c0 + 1, info["project_name"])
    ws.merge_cells(start_row=r, start_column=c0 + 1, end_row=r, end_column=last)
    r += 1
    ws.cell(r, c0, L("department", "主管部门"))
    ws.cell(r, c0 + 1, info.get("department"))
    ws.merge_cells(start_row=r, start_column=c0 + 1, end_row=r, end_column=c0 + 3)
    ws.cell(r, c0 + 4, "实施单位")
    ws.cell(r, c0 + 5, info.get("implementer"))
    if c0 + 5 < last:
        ws.merge_cells(start_row=r, start_column=c0 + 5, end_row=r, end_column=last)
    r += 1
    funds_top = r
    ws.cell(r, c0, f"项目资金（{lay.money_unit}）")
    ws.merge_cells(start_row=r, start_column=c0, end_row=r + 4, end_column=c0)
    heads = ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    for i, h in enumerate(heads):
        if h:
            ws.cell(r, c0 + 1 + i, h)
    for k, (key, label) in enumerate(SOURCES, start=1):
        rr = r + k
        ws.cell(rr, c0 + 1, label)
        for j, attr in enumerate(("initial", "budget", "executed")):
            v = info.get(f"funds_{key}_{attr}")
            if v is not None:
                _put(ws, rr, c0 + 2 + j, Decimal(str(v)) * divisor, lay)
        if key == "total":
            ws.cell(rr, c0 + 5, figs.get("weight_total", 10))
            ws.cell(rr, c0 + 6, figs.get("rate_total"))
            _put(ws, rr, c0 + 7, figs.get("score_total"), lay)
        else:
            ws.cell(rr, c0 + 5, figs.get(f"weight_{key}", "—"))
            ws.cell(rr, c0 + 6, figs.get(f"rate_{key}"))
            ws.cell(rr, c0 + 7, figs.get(f"score_{key}", "—"))
    r = funds_top + 5
    ws.cell(r, c0, "年度总体目标")
    ws.merge_cells(start_row=r, start_column=c0, end_row=r + 1, end_column=c0)
    mid = c0 + 1 + (width - 1) // 2
    ws.cell(r, c0 + 1, "预期目标")
    ws.merge_cells(start_row=r, start_column=c0 + 1, end_row=r, end_column=mid - 1)
    ws.cell(r, mid, "实际完成情况")
    ws.merge_cells(start_row=r, start_column=mid, end_row=r, end_column=last)
    ws.cell(r + 1, c0 + 1, info.get("goal_expected"))
    ws.merge_cells(start_row=r + 1, start_column=c0 + 1, end_row=r + 1, end_column=mid - 1)
    ws.cell(r + 1, mid, info.get("goal_actual"))
    ws.merge_cells(start_row=r + 1, start_column=mid, end_row=r + 1, end_column=last)
    r += 2
    ws.cell(r, c0, "绩效指标")
    col = {h: c0 + 1 + i for i, h in enumerate(header)}
    groups = [("年度指标值", target_cols)] if lay.split_target else \
        [("指标值", target_cols + value_cols)] if lay.grouped_values else []
    if groups:
        grouped = [h for _, hs in groups for h in hs]
        for h in header:
            if h not in grouped and h != "__hidden__":
                ws.cell(r, col[h], h)
                ws.merge_cells(start_row=r, start_column=col[h], end_row=r + 1, end_column=col[h])
        for label, hs in groups:
            ws.cell(r, col[hs[0]], label)
            ws.merge_cells(start_row=r, start_column=col[hs[0]], end_row=r, end_column=col[hs[-1]])
        for h in grouped:
            ws.cell(r + 1, col[h], h)
        first = r + 2
    else:
        for h in header:
            if h != "__hidden__":
                ws.cell(r, col[h], h)
        first = r + 1
    if lay.hidden_col:
        from openpyxl.utils import get_column_letter
        ws.column_dimensions[get_column_letter(col["__hidden__"])].hidden = True
    rr = first
    blocks: dict[str, list[int]] = {}
    for ind in indicators:
        l1 = ind["level1"]
        if lay.weight_in_level1:
            total_w = sum(Decimal(str(i["weight"])) for i in indicators if i["level1"] == l1)
            l1 = f"{l1}（{total_w.normalize():f}分）"
        if l1 not in blocks:
            ws.cell(rr, col["一级指标"], l1)
            blocks[l1] = [rr, rr]
        blocks[l1][1] = rr
        if lay.level2:
            ws.cell(rr, col["二级指标"], ind.get("level2"))
        ws.cell(rr, col["三级指标"], ind.get("level3"))
        if lay.split_target:
            d, v, u = split_target(ind.get("target"))
            ws.cell(rr, col["指标性质"], d)
            ws.cell(rr, col["指标值"], v)
            ws.cell(rr, col["度量单位"], u)
        else:
            ws.cell(rr, col["年度指标值"], ind.get("target"))
        ws.cell(rr, col["实际完成值"], ind.get("actual"))
        if lay.weight and ind.get("weight") is not None:
            _put(ws, rr, col["分值"], Decimal(str(ind["weight"])), lay)
        if ind.get("self_score") is not None:
            _put(ws, rr, col["得分"], Decimal(str(ind["self_score"])), lay)
        if lay.extra_column and ind.get("extra") is not None:   # e.g. a reviewer's 复核得分
            _put(ws, rr, col[lay.extra_column], Decimal(str(ind["extra"])), lay)
        ws.cell(rr, col["偏差原因分析及改进措施"], ind.get("deviation"))
        rr += 1
    for top, bottom in blocks.values():
        if bottom > top:
            ws.merge_cells(start_row=top, start_column=col["一级指标"], end_row=bottom,
                           end_column=col["一级指标"])
    ws.merge_cells(start_row=r, start_column=c0, end_row=rr - 1, end_column=c0)
    if lay.note_row:
        ws.cell(rr, c0, "其他需要说明事项")
        ws.cell(rr, c0 + 1, "无")
        rr += 1
    ws.cell(rr, c0, "总分")
    score_col = col["得分"]
    ws.merge_cells(start_row=rr, start_column=c0, end_row=rr, end_column=col.get("分值", score_col) - 1
                   if lay.weight and not lay.weight_first else score_col - 1)
    if lay.weight and not lay.weight_first:
        ws.cell(rr, col["分值"], figs.get("weight_sum", 100))
    _put(ws, rr, score_col, figs["total"], lay)
    if lay.grade_beside_total:
        ws.cell(rr, score_col + 1, figs["grade"])
    wb.save(path)
    return Path(path)


def split_target(text: str | None) -> tuple[str, str, str]:
    """``50本以上`` → (``≥``, ``50``, ``本``); ``9月30日前`` → ("", text, "")."""
    import re

    if not text:
        return "", "", ""
    m = re.match(r"^(≥|≤|>|<|=)?\s*(\d+(?:\.\d+)?)\s*([^\d\s]*?)\s*(以上|以内|以下)?$", text)
    if not m:
        return "", text, ""
    sym = m.group(1) or {"以上": "≥", "以内": "≤", "以下": "≤"}.get(m.group(4) or "", "＝")
    return sym, m.group(2), m.group(3) or ""


def build_docx_report(path: str | Path, info: dict[str, Any], indicators: list[dict[str, Any]],
                      paragraphs: list[str] = (), printed: dict[str, Any] | None = None,
                      layout: FormLayout | None = None) -> Path:
    """A .docx 自评报告 whose 附表 is the form as a Word table (merged like the printed one)."""
    import docx

    xlsx = Path(path).with_suffix(".tmp.xlsx")
    build_form(xlsx, info, indicators, layout, printed=printed)
    from openpyxl import load_workbook

    ws = load_workbook(xlsx).active
    doc = docx.Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    doc.add_paragraph("七、附表")
    table = doc.add_table(rows=ws.max_row, cols=ws.max_column)
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                v = cell.value
                text = f"{Decimal(str(v)).normalize():f}" if isinstance(v, float) else str(v)
                table.cell(cell.row - 1, cell.column - 1).text = text
    for rng in ws.merged_cells.ranges:
        a = table.cell(rng.min_row - 1, rng.min_col - 1)
        b = table.cell(rng.max_row - 1, rng.max_col - 1)
        text = a.text
        merged = a.merge(b)
        merged.text = text
    xlsx.unlink()
    doc.save(path)
    return Path(path)
