"""Catalogue entries for this range (see catalogue/__init__.py): PX2xx money cross-checks."""
from __future__ import annotations

from .entry import E, Entry, I, W  # noqa: F401

ENTRIES: dict[str, Entry] = {
    "PX201": Entry(
        E, "资金明细合计与全年执行数不符",
        "{sheet}!{cell}：资金明细各行金额合计 {expected} 万元，但全年执行数填的是 {actual} 万元"
        "（相差 {diff}，超出舍入误差 {tol}）。",
        "核对「资金明细」各行金额和「项目信息」的全年执行数，使两者一致；漏填的支出请补一行。",
        "{sheet}!{cell}: the expense lines add up to {expected} (10k yuan) but the executed amount "
        "is {actual} (difference {diff}, beyond the rounding tolerance {tol}).",
        "Check the amounts on the expense sheet against the executed amount so that they agree; "
        "add a line for any missing expense.",
        "资金明细 0.22 + 0.03 + 0.27 = 0.52，全年执行数填 0.62"),
    "PX202": Entry(
        E, "资金来源分项之和与年度资金总额不符",
        "{sheet}!{cell}：「{column}」一列中，当年财政拨款 + 上年结转资金 + 其他资金 = {expected}，"
        "但年度资金总额填的是 {actual}（相差 {diff}）。",
        "年度资金总额应等于三个来源之和：改正总额或分项金额。",
        "{sheet}!{cell}: in the column '{column}', fiscal + carry-over + other = {expected}, but the "
        "total is {actual} (difference {diff}).",
        "The total must equal the sum of the three sources: correct the total or the sources.",
        "全年预算数：财政拨款 9.62、上年结转 0.5，年度资金总额填 9.62"),
    "PX203": Entry(
        E, "执行数大于预算数",
        "{sheet}!{cell}：{row_label}的全年执行数 {actual} 大于全年预算数 {expected}。",
        "执行数不能超过调整后的全年预算数：核对执行数，或把预算调整后的数额填入全年预算数。",
        "{sheet}!{cell}: executed {actual} exceeds the full-year budget {expected} ({row_label_en}).",
        "Spending cannot exceed the adjusted budget: check the executed amount, or enter the "
        "adjusted budget as the full-year budget.",
        "全年预算数 1，全年执行数 1.2"),
    "PX204": Entry(
        E, "实际到位资金大于预算数",
        "{sheet}!{cell}：实际到位资金 {actual} 大于全年预算数 {expected}。",
        "到位资金不应超过全年预算数：核对两个数，预算有调整的请填调整后的全年预算数。",
        "{sheet}!{cell}: funds received {actual} exceed the full-year budget {expected}.",
        "Received funds should not exceed the full-year budget: check both figures.",
        "全年预算数 1，实际到位资金 1.5"),
    "PX205": Entry(
        E, "执行数大于实际到位资金",
        "{sheet}!{cell}：全年执行数 {actual} 大于实际到位资金 {expected}（相差 {diff}，"
        "超出舍入误差 {tol}）。",
        "没有到位的钱不能支出：核对执行数和到位资金，两处写法要一致。",
        "{sheet}!{cell}: executed {actual} exceeds the funds received {expected} (difference "
        "{diff}, beyond the rounding tolerance {tol}).",
        "Money that was not received cannot be spent: check both figures.",
        "到位资金 0.5188，全年执行数 0.62"),
    "PX206": Entry(
        W, "预算调整未说明",
        "{sheet}!{cell}：全年预算数 {actual} 与年初预算数 {expected} 不一致（预算有调整），"
        "但{note_zh}。",
        "在{where_zh}写明调整原因、金额和批复文件。",
        "{sheet}!{cell}: the full-year budget {actual} differs from the initial budget {expected} "
        "(a mid-year adjustment) but {note_en}.",
        "Explain the adjustment (reason, amount, approval) in {where_en}.",
        "年初预算数 10，全年预算数 12，说明为空"),
    "PX207": Entry(
        W, "执行率偏低未说明",
        "{sheet}!{cell}：预算执行率 {actual} 低于 {expected}，但{note_zh}。",
        "在{where_zh}写明资金未支出的原因和后续安排。",
        "{sheet}!{cell}: the execution rate {actual} is below {expected} but {note_en}.",
        "Explain in {where_en} why the money was not spent and what happens to the balance.",
        "全年预算数 1，全年执行数 0.52（52%），说明为空"),
    "PX208": Entry(
        I, "金额只在舍入后相符",
        "{sheet}!{cell}：{what_zh}：{actual} 与 {expected} 只在四舍五入后相符（相差 {diff}，"
        "在舍入误差 {tol} 以内）。",
        "如有更精确的数，各处统一写同一个数（例如都写 0.5188），避免报告里前后不一。",
        "{sheet}!{cell}: {what_en}: {actual} and {expected} agree only after rounding "
        "(difference {diff}, within the tolerance {tol}).",
        "Write the same precise figure everywhere (e.g. 0.5188) so the report is consistent.",
        "全年执行数 0.52，实际到位资金 0.5188"),
    "PX209": Entry(
        E, "必填金额未填",
        "{sheet}!{cell}：「{label}」必须填写（单位万元）。",
        "在该单元格填入数字，如 1 或 9.62；确实为零请填 0。",
        "{sheet}!{cell}: '{label_en}' is required (in 10k yuan).",
        "Enter a number such as 1 or 9.62; enter 0 if it really is zero.",
        "年度资金总额·全年预算数为空"),
    "PX210": Entry(
        E, "金额不是数字",
        "{sheet}!{cell}：「{label}」应为数字（万元），但填的是「{actual}」。",
        "只填数字，不要带单位或文字，如 0.52；说明写在「预算调整及执行偏差说明」里。",
        "{sheet}!{cell}: '{label_en}' must be a number (10k yuan) but reads '{actual}'.",
        "Enter a bare number such as 0.52, without units or words.",
        "全年执行数填「约5200元」"),
    "PX211": Entry(
        E, "单位成本超过成本指标",
        "{sheet}!{cell}：「{content}」{amount} 万元 ÷ {quantity} = 单位成本 {actual}，"
        "不符合成本指标「{indicator}」的年度指标值 {expected}。",
        "核对金额和数量；确实超出的，请在该指标的「偏差原因分析及改进措施」中说明，并按实际扣分。",
        "{sheet}!{cell}: '{content}' {amount} ÷ {quantity} = unit cost {actual}, which does not "
        "meet the cost target {expected} of '{indicator}'.",
        "Check amount and quantity; if the cost really exceeds the target, explain it in the "
        "indicator's deviation note and score accordingly.",
        "宣传手册 0.40 万元 / 50 本 = 0.008 万元，指标 ≤0.0062万元"),
    "PX212": Entry(
        W, "单位成本与填报的实际完成值不符",
        "{sheet}!{cell}：由资金明细算出「{indicator}」的单位成本为 {expected}，"
        "但实际完成值填的是 {actual}。",
        "实际完成值应按资金明细计算：金额 ÷ 数量，单位与年度指标值一致。",
        "{sheet}!{cell}: the expense lines give a unit cost of {expected} for '{indicator}', but "
        "the stated actual value is {actual}.",
        "State the actual value as amount ÷ quantity from the expense lines, in the target's unit.",
        "0.22 万元 / 50 本 = 0.0044，实际完成值填 0.0062万元"),
    "PX213": Entry(
        W, "对应指标不存在",
        "{sheet}!{cell}：「对应指标」填的是「{actual}」，但「绩效指标」表中没有这个三级指标。",
        "从「绩效指标」表复制三级指标名称填入，两处写法必须完全一致；不对应任何指标请留空。",
        "{sheet}!{cell}: the linked indicator '{actual}' is not a level-3 indicator on the "
        "indicator sheet.",
        "Copy the exact level-3 indicator name from the indicator sheet, or leave the cell empty.",
        "对应指标填「宣传手册成本」，指标表里叫「单本宣传品购置成本」"),
    "PX214": Entry(
        W, "成本指标大于实际支出总额",
        "{sheet}!{cell}：成本指标「{indicator}」的年度指标值 {expected} 大于全年执行数 "
        "{actual} 万元，这样的成本目标起不到控制作用。",
        "成本指标应写成本控制目标（如单位成本或分项成本），不要直接照抄预算总额。",
        "{sheet}!{cell}: the cost target {expected} of '{indicator}' is larger than the "
        "{actual} actually spent, so it does not control cost.",
        "State a real cost-control target (a unit cost or an itemised cost), not the budget.",
        "服务成本 ≤9.62万元，全年执行数 9.58"),
    "PX215": Entry(
        I, "无法核对单位成本：缺少数量",
        "{sheet}!{cell}：「{content}」对应成本指标「{indicator}」，但没有填数量，无法核对单位成本。",
        "在「数量」列填购买数量（如 50），在「计量单位」列填单位（如 本）。",
        "{sheet}!{cell}: '{content}' is linked to the cost indicator '{indicator}' but has no "
        "quantity, so its unit cost cannot be checked.",
        "Enter the quantity (e.g. 50) and its unit (e.g. 本).",
        "宣传手册 0.22 万元，对应指标 单本宣传品购置成本，数量为空"),
    "PX216": Entry(
        W, "资金来源分项预算调整未说明",
        "{sheet}!{cell}：{row_label}的年初预算数 {expected} 调整为全年预算数 {actual}，"
        "但没有说明调整原因。",
        "在资金说明（或该行的原因栏）写明调整依据，如「年中追加」「资金调剂至××」。",
        "{sheet}!{cell}: the {row_label_en} budget was changed from {expected} to {actual} "
        "with no reason given.",
        "Give the reason for the change in the funds note (or the row's reason cell).",
        "财政拨款年初 10、全年 8，上年结转年初 0、全年 2，年度资金总额不变，说明为空"),
    "PX217": Entry(
        W, "预算调减到恰好等于执行数",
        "{sheet}!{cell}：{row_label}的预算从年初 {expected} 调减到 {actual}，正好等于执行数，"
        "执行率因此成了 100%，却没有说明。",
        "说明调减的依据（文件、时间）；如果只是为了让执行率好看，应按年初预算如实反映执行情况。",
        "{sheet}!{cell}: the {row_label_en} budget was cut from {expected} to {actual}, exactly "
        "what was spent, which makes the execution rate 100 %; no reason is given.",
        "State the basis of the cut (document, date); a cut made only to reach 100 % hides the "
        "real execution.",
        "财政拨款年初 202.64、全年 132.91、执行 132.91，说明为空"),
    "PX218": Entry(
        W, "资金来源分项执行率偏低未说明",
        "{sheet}!{cell}：{row_label}执行率 {actual}，低于 {expected}，但没有说明原因。",
        "在资金说明（或该行的原因栏）写明该项资金执行偏低的原因和改进措施。",
        "{sheet}!{cell}: the {row_label_en} execution rate is {actual}, below {expected}, and "
        "no reason is given.",
        "Explain in the funds note (or the row's reason cell) why this source was spent slowly.",
        "上年结转全年预算 5、执行 1（20%），总执行率 92%，说明为空"),
    "PX219": Entry(
        E, "财政拨款的分项之和超过财政拨款",
        "{sheet}!{cell}：「{column}」一列中，{row_label}下的分项（{parts}）合计 {expected}，"
        "超过{row_label}本身的 {actual}（多 {diff}）。",
        "分项是{row_label}的「其中」数，合计不能超过它：改正分项或{row_label}的金额。",
        "{sheet}!{cell}: in the column '{column}', the parts listed under the {row_label_en} "
        "({parts_en}) add up to {expected}, more than its own {actual} (by {diff}).",
        "The parts are 'of which' figures of the {row_label_en} and cannot exceed it: correct "
        "the parts or the row.",
        "当年财政拨款 500，其下中央资金 300、省级资金 150、市县资金 70"),
}
