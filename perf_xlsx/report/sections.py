"""The sections of the draft 自评报告, in order (``SECTIONS``), each one function writing through
a ``Writer`` (draft.py): 一、项目概况, 二、项目资金使用及管理情况, 三、项目组织实施情况,
四、项目绩效情况, 五、其他需要说明的问题, 六、项目评价工作情况, 七、附表, and the list of what the
staff must still write.
"""
from __future__ import annotations

from typing import Any

from ..catalogue.finding import Severity
from ..results import BREACHED, MET, NOT_APPLICABLE, QUALITATIVE, IndicatorScore
from ..scoring.profiles import get_profile
from ..template import contract
from .draft import Hole, Writer
from .figures import counts_met, date_text, money, rate_text, score_text
from .style import BODY_FONT, centered


def _status(s: IndicatorScore) -> str:
    if s.status == NOT_APPLICABLE:
        return "不适用，不计分"
    if s.status == MET:
        return "已达成年度指标值"
    if s.status == BREACHED:
        return "未达成年度指标值"
    if s.weight is not None and s.final is not None and s.final >= s.weight:
        kind = "定性指标" if s.status == QUALITATIVE else "无法自动核实"
        return f"单位自评已完成（{kind}）"
    got = score_text(s.final) if s.final is not None else "—"
    return f"自评得分{got}分（分值{s.weight}分）"


def _indicator_lines(items: list[IndicatorScore]) -> str:
    return "；".join(f"“{s.indicator.level3.text}”年度指标值{s.indicator.target.text or '—'}，"
                    + ("" if s.status == NOT_APPLICABLE and s.indicator.actual.text == "不适用"
                       else f"实际完成值{s.indicator.actual.text or '—'}，") + _status(s)
                    for s in items)


def _overview(w: Writer) -> None:
    p = w.p
    w.h("一、项目概况", 1)
    w.h("（一）项目单位基本情况", 2)
    w.para(f"本项目主管部门为{p.department.text}，实施单位为{p.implementer.text}。")
    w.text_or_hole(w.extra("unit_profile"), "单位性质、隶属关系、编制和实有人数、内设机构等基本情况")
    w.h("（二）项目预算绩效目标设定情况", 2)
    w.h("1、项目预期目标及阶段性目标", 3)
    w.text_or_hole(p.goal_expected, "项目预期目标及阶段性目标")
    w.h("2、项目基本性质", 3)
    nature = w.extra("project_nature")
    if nature is not None and nature.text:
        w.para(f"本项目性质为{nature.text.rstrip('。')}。")
    else:
        w.para(Hole("项目基本性质（延续项目 / 新增项目 / 一次性项目）"))
    w.h("3、项目用途及范围", 3)
    w.text_or_hole(w.extra("project_use"), "项目主要用途")
    items = w.report.score.indicators if w.report.score else []
    if items:
        w.para("主要内容：" + "；".join(f"“{s.indicator.level3.text}”{s.indicator.target.text}"
                                      for s in items if s.indicator.level3.text) + "。")


def _funds(w: Writer) -> None:
    fig, p = w.fig, w.p
    w.h("二、项目资金使用及管理情况", 1)
    w.h("（一）项目资金安排落实、总投入等情况分析", 2)
    parts = [f"{fig.name}全年预算数为{_am(fig.budget)}万元"]
    if fig.initial is not None and fig.budget is not None and fig.initial != fig.budget:
        parts.append(f"，年初预算数为{money(fig.initial)}万元")
    if fig.fiscal is not None:
        parts.append(f"，其中当年财政拨款{money(fig.fiscal)}万元")
    if fig.carryover:
        parts.append(f"，上年结转资金{money(fig.carryover)}万元")
    if fig.other is not None:
        parts.append(f"，其他资金{money(fig.other)}万元")
    year = f"{fig.year}年" if fig.year else ""
    if fig.received is not None:
        w.para("".join(parts) + f"。{year}实际到位资金{money(fig.received)}万元。")
    else:
        w.para("".join(parts) + "。", Hole("实际到位资金（万元）"))
    w.h("（二）项目资金实际使用情况分析", 2)
    if fig.executed is None:
        w.para(Hole("全年实际支出和预算执行率"))
    else:
        sentence = f"截至{year}底，项目全年实际支出为{money(fig.executed)}万元"
        if fig.rate is not None:
            sentence += f"，预算执行率为{rate_text(fig.rate)}"
        if fig.balance is not None and fig.balance >= 0:
            sentence += f"，结余资金{money(fig.balance, fig.budget, fig.executed)}万元"
        elif fig.balance is not None:
            sentence += f"，超支{money(-fig.balance, fig.budget, fig.executed)}万元"
        w.para(sentence + "。")
    if fig.expenses:
        w.para("资金主要用于：" + "，".join(f"{c}{money(a)}万元" for c, a in fig.expenses) + "。")
    profile = get_profile(w.report.score.profile if w.report.score else None)
    low = fig.rate is not None and fig.rate < profile.low_execution_threshold
    adjusted = fig.initial is not None and fig.budget is not None and fig.initial != fig.budget
    if low or adjusted or p.funds.note.text:
        w.text_or_hole(p.funds.note, "预算调整或执行率偏低的原因", lead="预算调整及执行偏差说明：")
    w.h("（三）项目资金管理情况分析", 2)
    w.para(Hole("资金管理制度、审批程序和手续，是否存在截留、挤占、挪用等情况"))


def _am(d: Any) -> str:
    return money(d) if d is not None else "—"


def _organisation(w: Writer) -> None:
    fig = w.fig
    w.h("三、项目组织实施情况", 1)
    w.h("（一）项目组织情况分析", 2)
    w.para(Hole("招投标或政府采购方式、项目实施方式"))
    if fig.initial is not None and fig.budget is not None:
        w.para("本项目全年预算数与年初预算数一致，不存在预算调整。" if fig.initial == fig.budget
               else "本项目年中进行了预算调整，调整原因见预算调整及执行偏差说明。")
    if fig.completion is not None:
        w.para(f"项目于{date_text(fig.completion)}全部实施完成。")
    w.h("（二）项目管理情况分析", 2)
    w.para(Hole("项目管理办法、监督检查机制和档案管理情况"))


def _performance(w: Writer) -> None:
    fig, score = w.fig, w.report.score
    items = score.indicators if score else []
    w.h("四、项目绩效情况", 1)
    w.h("（一）项目绩效目标完成情况分析", 2)
    if items:
        na = fig.level3 - fig.applicable
        counts = (f"本项目共设置一级指标{fig.level1}个，二级指标{fig.level2}个，"
                  f"三级指标{fig.level3}个" + (f"（不适用{na}个）" if na else ""))
        if fig.completion_rate is not None:
            counts += (f"，其中已完成三级指标{fig.met}个，"
                       f"指标完成率为{rate_text(fig.completion_rate)}")
        w.para(counts + "。")
    else:
        w.para(Hole("绩效指标设置情况（工作簿中没有绩效指标）"))
    if score is not None and score.total is not None:
        profile = get_profile(score.profile)
        exec_part = (f"预算执行率得分{score_text(score.execution_score)}分，"
                     if score.execution_score is not None else "")
        rules = profile.title.replace("（默认）", "")
        w.para(f"按{rules}的评分规则，{exec_part}自评总分{score_text(score.total)}分"
               + (f"，自评等级为{score.grade}。" if score.grade else "。"))
    elif items and not fig.applicable:
        w.para("三级指标均为不适用，没有可计分的指标，未计算自评总分和自评等级。")
    w.text_or_hole(w.p.goal_actual, "年度总体目标的实际完成情况", lead="年度总体目标完成情况：")
    cost = [s for s in items if s.indicator.level2.text in contract.COST_LEVEL2
            or s.indicator.level1.text == contract.LEVEL1_COST]
    output = [s for s in items if s.indicator.level1.text == contract.LEVEL1_OUTPUT
              and s not in cost]
    benefit = [s for s in items if s not in cost and s not in output]
    w.para("经济性：" + (_indicator_lines(cost) + "。" if cost else "本项目未设置成本指标。")
           + _expense_note(w))
    w.para("效率性：" + (_indicator_lines(output) + "。" if output else "本项目未设置产出指标。"))
    w.para("效益性：" + (_indicator_lines(benefit) + "。" if benefit else ""),
           Hole("项目实施产生的经济、社会、生态效益和可持续影响的具体表现"))
    w.h("（二）项目绩效目标未完成原因分析", 2)
    missed = [s for s in items if s.status != NOT_APPLICABLE and not counts_met(s)]
    if not items:
        w.para("工作簿中没有绩效指标，无法分析绩效目标的完成情况。")
    elif len(missed) == 0 == fig.applicable:
        w.para("本项目的三级指标均为不适用，无法分析绩效目标的完成情况。")
    elif not missed:
        w.para("本年度设置的三级指标均已完成，不存在未完成的绩效目标。")
    for s in missed:
        w.text_or_hole(s.indicator.deviation, f"“{s.indicator.level3.text}”未完成的原因和改进措施",
                       lead=f"“{s.indicator.level3.text}”（{_status(s)}）：")


def _expense_note(w: Writer) -> str:
    fig = w.fig
    if not fig.expenses or fig.executed is None:
        return ""
    total = sum((a for _c, a in fig.expenses), fig.executed * 0)
    same = "一致" if total == fig.executed else "不一致，请核对资金明细"
    return f"资金明细共{len(fig.expenses)}笔，合计数与全年执行数{same}。"


def _closing(w: Writer) -> None:
    w.h("五、其他需要说明的问题", 1)
    w.h("（一）后续工作计划", 2)
    w.para(Hole("后续工作计划"))
    w.h("（二）主要经验及做法、存在问题和建议", 2)
    w.para(Hole("主要经验及做法、存在的问题和改进建议"))
    w.h("（三）其他", 2)
    w.para(Hole("其他需要说明的问题；没有则写“无其他说明内容”"))
    w.h("六、项目评价工作情况", 1)
    year = f"{w.fig.year}年度" if w.fig.year else ""
    w.para(f"本次自评以{year}《项目支出绩效自评表》为基础，预算执行率和绩效指标得分由 perf-xlsx "
           "按评分规则计算。", Hole("评价的组织方式、方法（文件研读、实地调研、数据分析等）和过程"))


def _appendix(w: Writer) -> None:
    from .table import add_form_table

    w.h("七、附表", 1)
    centered(w.doc, "《项目支出绩效自评表》", font=BODY_FONT)
    add_form_table(w.doc, w.report)
    w.doc.add_page_break()
    w.h("附：定稿前需人工填写的内容（定稿时删除本页）", 1)
    for i, hole in enumerate(w.holes, 1):
        w.para(f"{i}. {hole}")
    errors = w.report.count(Severity.ERROR)
    warnings = w.report.count(Severity.WARNING)
    if errors or warnings:
        w.para(f"另：perf-xlsx 检查工作簿发现错误{errors}条、警告{warnings}条，"
               "请先按检查结果改正自评表，再重新生成本报告。")


#: The sections in the order the report has them.
SECTIONS = (_overview, _funds, _organisation, _performance, _closing, _appendix)
