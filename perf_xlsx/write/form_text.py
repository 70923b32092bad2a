"""What the 《项目支出绩效自评表》 says besides its cells: which refused scores leave the total
provisional, the note under the form, the 一级 labels with their weights, the total as printed.
Shared by the sheet (form_sheet) and the Word report's table (report/table).
"""
from __future__ import annotations

from decimal import Decimal

from ..results import NOT_APPLICABLE, CheckReport
from .sheet_style import plain, quantize

#: Findings that refuse a self-score only the unit can correct (see ``disputed``).
DISPUTED_SCORES = ("PX404", "PX406", "PX409", "PX414", "PX416")


def disputed_rows(report: CheckReport) -> set[int]:
    """Indicator rows whose score only the unit can correct and that the check refused (full
    marks on a missed target, a score outside its band or above its weight, a missing or
    negative one): the total stands only once they are fixed."""
    cells = {(f.sheet, f.cell) for f in report.findings if f.code in DISPUTED_SCORES}
    if not cells:
        return set()
    return {ind.row for ind in report.project.indicators
            if any((v.loc.sheet, v.loc.cell) in cells
                   for v in (ind.self_score, ind.level3, ind.target, ind.actual)
                   if v.loc is not None)}


def form_note(report: CheckReport) -> str:
    """The 其他需要说明事项 the form carries: why there is no total, why the total is only
    provisional, or how 不适用 indicators were rescaled ('' when there is nothing to say)."""
    score = report.score
    if score is None:
        return "未能计算得分：请先按“检查结果”表修正错误后重新检查。"
    na = [s for s in score.indicators if s.status == NOT_APPLICABLE]
    if score.total is None:
        if na and len(na) == len(score.indicators):
            return "全部指标均不适用，无法计算总分和等级：请核对各指标的「实际完成值」。"
        if any(f.code == "PX419" for f in report.findings):
            return "总分超过 100（分值与所用评分规则不一致），不给出总分和等级：见“检查结果”。"
        return "未能计算总分：请先按“检查结果”表修正错误后重新检查。"
    disputed = disputed_rows(report)
    if disputed:
        names = "、".join(f"「{i.level3.text}」" for i in report.project.indicators
                         if i.row in disputed)
        return (f"标色的得分有误、只能由单位改正（{names}，见“检查结果”）；总分暂按单位自评得分"
                f"计算，改正这些得分后总分方能成立。")
    if not na or score.rescale_factor == 1:
        return ""
    excluded = sum((s.weight or Decimal(0) for s in na), Decimal(0))
    return (f"有 {len(na)} 项指标不适用（分值合计 {plain(excluded)}），不计分；总分按百分制折算："
            f"（预算执行率得分＋适用指标得分）× 100 ÷ {plain(100 - excluded)}"
            f"（折算系数 {quantize(score.rescale_factor, '0.0001')}）。")


def level1_label(report: CheckReport, name: str, weights: list[Decimal | None],
                 all_not_applicable: bool = False) -> str:
    """``产出指标\n（50分）``: the weight of the block's applicable rows (docs/output.md); a block
    whose every row is 不适用 says so rather than print a weight that does not count."""
    if not name:
        return name
    if all_not_applicable:
        return f"{name}\n（不适用）"
    score = report.score
    w = score.level1_weights.get(name) if score else None
    if w is None:
        known = [x for x in weights if x is not None]
        w = sum(known, Decimal(0)) if known else None
    return f"{name}\n（{plain(w)}分）" if w is not None else name


def total_text(report: CheckReport) -> str | None:
    """The 总分 as the form prints it: ``95.20``, ``95.20（待定）`` while refused scores count,
    None when there is none."""
    score = report.score
    if score is None or score.total is None:
        return None
    text = format(quantize(score.total, "0.01"), "f")
    return f"{text}（待定）" if disputed_rows(report) else text
