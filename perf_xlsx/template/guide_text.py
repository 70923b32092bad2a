"""What the 填表说明 sheet says, row by row, spelled from ``contract`` (sheet names, headers, the
template version) so that the guide names exactly what the template holds.
"""
from __future__ import annotations

from typing import Any

from . import contract as C


def guide_lines() -> list[tuple[str, Any]]:
    """The 填表说明 sheet, one (format, text or row of cells) per row."""
    ind, exp = C.INDICATORS, C.EXPENSES
    sheets = "、".join(f"「{s}」" for s in C.INPUT_SHEETS)
    return [
        ("title", f"项目支出绩效自评表 填表说明（模板版本 {C.TEMPLATE_VERSION}）"),
        ("text", ""),
        ("text", f"一、本工作簿有 {sheets} 四张表。黄色单元格是填写区，其余单元格请勿改动，"
                 "不要增删或改名工作表。"),
        ("text", "    选中黄色单元格时会显示填写提示。"),
        ("text", f"二、「{C.SHEET_INFO}」：项目名称、年度、项目资金和年度总体目标。金额一律以"
                 f"{C.MONEY_UNIT}为单位，只填数字（如 2200 元填 0.22）。"),
        ("text", "    全年预算数与年初预算数不一致，或执行率低于 90% 时，须在「预算调整及执行偏差说明」中写明原因。"),
        ("text", f"三、「{C.SHEET_EXPENSES}」：每笔支出一行，「{exp.column('amount').header}」合计应等于"
                 "全年执行数；对应成本指标时填「对应指标」和数量。"),
        ("text", "    行数不够时，在表格内右键「插入」表格行，不要在表格下方或旁边另起一块。"),
        ("text", f"四、「{C.SHEET_INDICATORS}」：每行一个三级指标；一级、二级指标从下拉列表选择。分值：产出指标 50、"
                 "效益指标 30、满意度指标 10，"),
        ("text", "    合计 90（预算执行率另占 10 分）；自评得分不得超过分值。示例："),
        ("header", ind.headers),
        ("example", ("产出指标", "数量指标", "宣传手册数量", "≥50本", "52本", "10", "10", "")),
        ("text", ""),
        ("bold", "五、能被自动识别的写法"),
        ("text", "  · 定量指标：≥50本、≤0.0062万元、100%、90%以上、50本以上、0.0062万元以内、不低于95%。"),
        ("text", "  · 时效指标：9月30日前、12月底前；实际完成值写完成日期，如 2018-09-20。"),
        ("text", "  · 定性指标：效果明显、稳步提升；实际完成值写达成情况，如「达成年度指标」，"
                 "得分按达成程度在分值的相应区间内填写。"),
        ("text", "  · 不适用：实际完成值填「不适用」，该指标不计分，其余指标按百分制折算。"),
        ("text", "  · 实际完成值写实际测得的值（如 52本、98%），不要照抄年度指标值；"
                 "未完成或扣分时必须填写偏差原因分析及改进措施。"),
        ("text", ""),
        ("bold", "六、检查"),
        ("text", "  在命令行运行  perf-xlsx check 文件名.xlsx  。检查后工作簿中会增加"
                 f"「{C.SHEET_FORM}」和「{C.SHEET_FINDINGS}」两张表，"),
        ("text", "  再次检查时替换这两张表，上面四张表的内容不会被改动。"
                 "获取新的空白模板：perf-xlsx template -o 文件名.xlsx"),
        ("text", ""),
        ("bold", "七、一个工作簿用一整年：申报 → 监控 → 自评"),
        ("text", "  · 申报：填项目信息、年初预算数和「绩效指标」的一级至三级、年度指标值、计量单位、分值；"
                 f"运行 perf-xlsx check 文件名.xlsx --stage 申报，生成「{C.SHEET_TARGET_FORM}」，"),
        ("text", "    它同时是批复目标的记录，以后各阶段与它比对，请勿手工修改。"),
        ("text", f"  · 监控：填「{C.SHEET_INFO}」的监控截至日期、1-N月执行数、全年预计执行数，以及每个指标的"
                 "监控期完成值、全年预计完成值、完成目标可能性；"),
        ("text", f"    未选「确定能」时填偏差原因类型和监控偏差说明。--stage 监控 生成「{C.SHEET_MONITOR_FORM}」。"),
        ("text", "  · 自评：填全年执行数、实际完成值、自评得分（同上）。申报后经批准调整的指标，"
                 "在「调整说明」中写明调整内容、原因和批准文件。"),
    ]
