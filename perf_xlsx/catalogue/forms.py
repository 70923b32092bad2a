"""Catalogue entries for PX8xx: published 自评表 read by their labels (``perf_xlsx.forms``) and
the figures they print that the template has no cell for (``checks.printed``)."""
from __future__ import annotations

from .entry import E, Entry, I, W  # noqa: F401

ENTRIES: dict[str, Entry] = {
    "PX801": Entry(
        E, "自评表缺少一块内容",
        "{sheet}：这张表像《项目支出绩效自评表》，但找不到{what}（已在整张表中按标签查找）。",
        "补上这一块，或确认标签文字与官方表样一致（docs/forms.md 列出可识别的写法）。",
        "{sheet}: this sheet looks like a self-evaluation form but {what_en} was not found "
        "(searched the whole sheet by its labels).",
        "Add that block, or make its labels match the official form (docs/forms.md lists every "
        "recognised wording).",
        "表上没有「项目资金」一块"),
    "PX802": Entry(
        E, "表上的执行率算错了",
        "{sheet}!{cell}：{row_label}的执行率印的是 {actual}，按 {executed_zh} ÷ 全年预算数 应为 "
        "{expected}{why_zh}。",
        "执行率 = {executed_zh} ÷ 全年预算数（调整后），按表上的小数位数四舍五入后填写。",
        "{sheet}!{cell}: the printed execution rate of {row_label_en} is {actual}; {executed_en} "
        "÷ full-year budget gives {expected}{why_en}.",
        "Rate = {executed_en} ÷ full-year (adjusted) budget, rounded to the decimals the form "
        "shows.",
        "执行数 0.5188、预算数 1，执行率印 52.00%"),
    "PX803": Entry(
        E, "表上的执行得分算错了",
        "{sheet}!{cell}：预算执行得分印的是 {actual}，按 min(执行率, 100%) × 分值 {weight} 应为 {expected}"
        "{why_zh}。",
        "预算执行得分 = 执行率（不超过100%）× 该行分值。",
        "{sheet}!{cell}: the printed execution score is {actual}; min(rate, 100%) × weight "
        "{weight} gives {expected}{why_en}.",
        "Execution score = min(rate, 100%) × the row's weight.",
        "执行率 51.88%，分值 10，得分印 10"),
    "PX804": Entry(
        E, "表上的总分与各项得分之和不符",
        "{sheet}!{cell}：总分印的是 {actual}，预算执行得分 {execution} 加各指标得分 {items} 合计 {expected}"
        "{why_zh}。",
        "总分 = 预算执行得分 + 各三级指标得分（有不适用指标时按百分制折算，并在表上说明）。",
        "{sheet}!{cell}: the printed total is {actual}; the execution score {execution} plus the "
        "indicator scores {items} give {expected}{why_en}.",
        "Total = execution score + the indicator scores (rescaled to 100, and said so, when some "
        "indicators do not apply).",
        "各项得分合计 94，总分印 98"),
    "PX805": Entry(
        E, "表上的总分超过 100",
        "{sheet}!{cell}：总分印的是 {actual}，超过满分 100。",
        "逐项核对得分：每项得分不能超过其分值，合计不能超过 100。",
        "{sheet}!{cell}: the printed total {actual} is above the maximum of 100.",
        "Check each score: none may exceed its weight, and the total may not exceed 100.",
        "总分 110"),
    "PX806": Entry(
        E, "表上的等级与总分不符",
        "{sheet}!{cell}：等级印的是「{actual}」，但总分 {total} 对应的等级是「{expected}」（{bands}）。",
        "按总分定等级：{bands}。",
        "{sheet}!{cell}: the printed grade is '{actual}' but the total {total} means "
        "'{expected}' ({bands}).",
        "Grade by the total: {bands}.",
        "总分 86，等级印「优」"),
    "PX807": Entry(
        E, "分项行的分值或得分与合计行不符",
        "{sheet}!{cell}：「{column}」一列中，分项行合计 {expected}，年度资金总额行是 {actual}。",
        "只有年度资金总额行计分；分项行填「—」，或使分项之和等于合计。",
        "{sheet}!{cell}: in the column '{column}' the sub-rows add up to {expected} but the "
        "total row shows {actual}.",
        "Only the total row is scored: put '—' in the sub-rows, or make them add up to the total.",
        "合计行 0 / 0 / 0，分项行执行率 100%"),
    "PX808": Entry(
        W, "预算执行率计了两次",
        "{sheet}!{cell}：绩效指标里有一行「{actual}」，而资金块已经按执行率计分：预算执行率被计了两次。",
        "预算执行率只在资金块计分一次：删去指标表中的这一行，或把它的分值计为 0。",
        "{sheet}!{cell}: the indicator table has a row '{actual}' while the funds block already "
        "scores the execution rate: it is counted twice.",
        "Score the execution rate once, in the funds block: drop the indicator row or give it "
        "no weight.",
        "指标表中有「预算执行率」一行，资金块得分 10"),
    "PX809": Entry(
        W, "表上的总分值不是 100",
        "{sheet}!{cell}：总分一行的分值印的是 {actual}，各项分值合计 {expected}，满分应为 100。",
        "核对各指标分值与预算执行分值，使合计为 100。",
        "{sheet}!{cell}: the total row's weight is {actual}; the weights add up to {expected}; "
        "they should make 100.",
        "Check the indicator weights and the execution weight so that they add up to 100.",
        "分值合计 110"),
    "PX810": Entry(
        I, "按官方表样读取",
        "{sheet}：按《{form_zh}》官方表样读取（{layout}{rows}）；各字段来源见 perf-xlsx show。",
        "这是提示：想一劳永逸，可用 perf-xlsx import 把它转成 perf-xlsx 模板。",
        "{sheet}: read as a published {form_en} ({layout_en}{rows_en}); perf-xlsx show "
        "lists where each field came from.",
        "For information: perf-xlsx import converts it to the perf-xlsx template once and for all.",
        "一张 .xls 自评表"),
    "PX811": Entry(
        E, "无法计分的表印了总分或等级",
        "{sheet}!{cell}：表上印了{what_zh}「{actual}」，但这张表无法计分：{why_zh}。",
        "删去总分和等级（写「—」），并在说明中写明没有适用指标的原因；或补全指标的实际完成值。",
        "{sheet}!{cell}: the form prints {what_en} '{actual}', but the table cannot be scored: "
        "{why_en}.",
        "Remove the total and the grade (write '—') and explain why no indicator applies; or "
        "fill in the indicators' actual values.",
        "每个指标的实际完成值都是「不适用」，总分仍印 100、等级「优」"),
    "PX812": Entry(
        I, "表上的数字保存为文本",
        "{sheet}：{count} 个数字单元格保存的是文本（{cells}），已逐个按数字读取。",
        "从预算系统导出的表常常如此，不影响检查；要在 Excel 里计算，可选中这些单元格，点旁边的"
        "黄色提示 →「转换为数字」。",
        "{sheet}: {count} figures are stored as text ({cells_en}); each was read as a number.",
        "Common in tables exported by a budget system and harmless to the checks; to compute "
        "with them in Excel, select the cells and choose 'Convert to Number'.",
        "年初预算数印成文本「120.00」"),
    "PX813": Entry(
        W, "小计与所列指标不符",
        "{sheet}!{cell}：「{label}」一行的{column}是 {actual}，它上面各指标的{column}合计 {expected}。",
        "核对这一行的小计，或它上面各指标的{column}，使两者一致。",
        "{sheet}!{cell}: the row '{label}' shows {actual} as its {column_en}; the indicators "
        "above it add up to {expected}.",
        "Check the subtotal, or the indicators' {column_en} above it, so that they agree.",
        "产出指标小计 分值 50，其上各指标分值合计 45"),
    "PX814": Entry(
        I, "隐藏的工作表也是一张表样",
        "{sheet}：这个隐藏的工作表也是一张表样（项目：{project}），没有检查；只检查了显示的"
        "工作表（{shown}）。",
        "它多半是旧版草稿：确实不要了就删除它；也要检查的，在 Excel/WPS 中右击工作表标签 →"
        "「取消隐藏」后再检查。",
        "{sheet}: this hidden sheet holds a form too (project: {project}); it was not checked, "
        "only the visible sheets were ({shown}).",
        "It is probably an old draft: delete it if it is not needed; to check it as well, "
        "unhide it in Excel/WPS (right-click a sheet tab → Unhide) and check again.",
        "工作簿里藏着一张旧版自评表「Sheet2」"),
    "PX815": Entry(
        W, "调整预算数与年初、调整后预算不符",
        "{sheet}!{cell}：{row_label}的调整预算印的是 {actual}，而年初预算 {initial} 调整到 {budget}，"
        "调整额应为 {expected}。",
        "调整预算 = 调整后预算数 − 年初预算数（调减写负数）；核对这三个数，改正印错的那个。",
        "{sheet}!{cell}: the adjustment printed for {row_label_en} is {actual}, but the budget "
        "went from {initial} to {budget}: the adjustment is {expected}.",
        "The adjustment = the adjusted budget − the initial budget (negative for a cut); check "
        "the three figures and correct the one printed wrong.",
        "年初 80 万元、调整后 95.5 万元，调整预算印 5.5"),
    "PX816": Entry(
        W, "分值与权重设定值不同",
        "{sheet}!{cell}：指标「{indicator}」的分值（权重）是 {actual}，权重设定值（{set_cell}）是 "
        "{expected}：自评时改了申报时设定的权重。",
        "分值应与批复的绩效目标一致；确经批准调整的，在偏差原因或说明中写明调整依据和批准文件。",
        "{sheet}!{cell}: '{indicator}' is weighted {actual}, its weight as set ({set_cell}) is "
        "{expected}: the weight set at the target stage was changed at evaluation.",
        "Weight the indicator as approved; if the change was approved, say so (basis and "
        "approval) in the deviation note.",
        "权重设定值 20，权重 30"),
    "PX817": Entry(
        I, "表上的公式没有保存计算结果",
        "{sheet}：{count} 个公式没有保存计算结果（{cells}），已由工具逐个计算后检查。",
        "由程序生成、未经 Excel/WPS 保存的表常常如此，不影响检查；要让表上显示结果，用 Excel 或 "
        "WPS 打开并保存一次。",
        "{sheet}: {count} formulas have no stored result ({cells_en}); the tool computed each "
        "before checking.",
        "Common in tables a program generated and no spreadsheet saved, and harmless to the "
        "checks; to show the results on the form, open it in Excel or WPS and save it once.",
        "执行率、得分和总分都是公式，文件由程序生成"),
}
