"""Catalogue entries for this range (see catalogue/__init__.py): PX4xx weights and scores."""
from __future__ import annotations

from .entry import E, Entry, I, W  # noqa: F401

ENTRIES: dict[str, Entry] = {
    "PX401": Entry(
        W, "指标分值合计不符",
        "{sheet}!{cell}：各三级指标分值合计 {actual} 分，按「{profile}」应为 {expected} 分"
        "（另有预算执行率 {execution_weight} 分，总分 100）。",
        "调整各指标分值，使合计为 {expected} 分。",
        "{sheet}!{cell}: the indicator weights add up to {actual}; profile '{profile}' expects "
        "{expected} (plus {execution_weight} for budget execution, 100 in all).",
        "Adjust the weights so that they add up to {expected}.",
        "分值合计 100（忘了预算执行率占 10 分）"),
    "PX402": Entry(
        W, "一级指标分值不符",
        "{sheet}!{cell}：「{level1}」下各三级指标分值合计 {actual} 分，按「{profile}」应为 "
        "{expected} 分。",
        "按规定权重分配分值：{weights}。",
        "{sheet}!{cell}: the weights under '{level1}' add up to {actual}; profile '{profile}' "
        "expects {expected}.",
        "Split the weights as the profile says: {weights}.",
        "产出指标合计 70 分、效益指标 20 分（应为 50 / 30 / 10）"),
    "PX403": Entry(
        E, "分值缺失或不是数字",
        "{sheet}!{cell}：指标「{indicator}」的分值{problem}。",
        "在「分值」列填一个正数，如 10；该指标在补上分值之前不计分。",
        "{sheet}!{cell}: the weight of '{indicator}' {problem_en}.",
        "Enter a positive number such as 10 in the weight column; the indicator is not scored "
        "until then.",
        "分值为空，或填了「十分」"),
    "PX404": Entry(
        E, "自评得分高于分值",
        "{sheet}!{cell}：指标「{indicator}」的自评得分 {actual} 高于分值 {expected}。",
        "得分不能超过分值：改为不高于 {expected} 的分数。",
        "{sheet}!{cell}: the self-score {actual} of '{indicator}' is above its weight {expected}.",
        "A score cannot exceed the weight: enter at most {expected}.",
        "分值 10，自评得分 12"),
    "PX405": Entry(
        W, "自评得分与计算得分不符",
        "{sheet}!{cell}：指标「{indicator}」按实际完成值计算应得 {expected} 分，自评得分填的是 "
        "{actual} 分（{rule}）。",
        "按计算得分修改自评得分，或核对年度指标值和实际完成值是否填对。",
        "{sheet}!{cell}: from its actual value '{indicator}' scores {expected}, but the "
        "self-score is {actual} ({rule_en}).",
        "Use the computed score, or check the target and the actual value.",
        "指标 ≥50本，实际 40本，分值 10：应得 8 分，自评 10 分"),
    "PX406": Entry(
        E, "未达成目标却给满分",
        "{sheet}!{cell}：指标「{indicator}」未达成年度指标值（{target}，实际 {actual_value}），"
        "自评得分却是满分 {actual}。",
        "未达成目标不能给满分：按完成程度打分（应得 {expected} 分），并填写偏差原因。",
        "{sheet}!{cell}: '{indicator}' missed its target ({target}, actual {actual_value}) yet "
        "claims full marks {actual}.",
        "A missed target cannot score full marks: score it by what was achieved ({expected}) and "
        "explain the deviation.",
        "指标 ≤5%，实际 8%，分值 10，自评 10"),
    "PX407": Entry(
        E, "达成目标却扣分且未说明",
        "{sheet}!{cell}：指标「{indicator}」已达成年度指标值，但自评得分 {actual} 低于分值 "
        "{expected}，且没有说明扣分理由。",
        "给满分，或在{note_at}写明扣分理由。",
        "{sheet}!{cell}: '{indicator}' met its target but scores {actual} of {expected} without "
        "a stated reason.",
        "Give full marks, or state the reason for the deduction in {note_at_en}.",
        "指标 ≥50本，实际 52本，分值 10，自评 9，偏差原因为空"),
    "PX408": Entry(
        E, "缺少偏差原因分析",
        "{sheet}!{cell}：指标「{indicator}」{why}，但{note_zh}。",
        "在{note_at}写明未完成或扣分的原因，以及下一步改进措施。",
        "{sheet}!{cell}: '{indicator}' {why_en}, but {note_en}.",
        "Explain in {note_at_en} why the target was missed or points were lost, and what will be "
        "improved.",
        "指标 ≥50本，实际 40本，偏差原因为空"),
    "PX409": Entry(
        E, "定性指标得分不在等级区间内",
        "{sheet}!{cell}：定性指标「{indicator}」评为「{level}」，得分应在 {expected} 分之间，"
        "自评得分填的是 {actual}。",
        "按等级打分：{bands}。",
        "{sheet}!{cell}: the qualitative indicator '{indicator}' is rated '{level}', so its score "
        "must lie in {expected}, but it is {actual}.",
        "Score within the band of the level: {bands}.",
        "实际完成值「达成预期指标」，分值 10，自评 6"),
    "PX410": Entry(
        I, "总分与等级",
        "{sheet}：总分 {actual} 分，等级「{grade}」（预算执行率得分 {execution_score}，"
        "按「{profile}」计算）。",
        "等级：{grades}。",
        "{sheet}: total {actual}, grade '{grade}' (budget execution {execution_score}; "
        "profile '{profile}').",
        "Grades: {grades}.",
        "总分 91.5，等级 优"),
    "PX411": Entry(
        W, "预算和执行数都是 0，无法计算执行率",
        "{sheet}!{cell}：全年预算数和全年执行数都是 0，预算执行率无法计算（0 ÷ 0），"
        "执行率得分按 0 计。",
        "核对资金数：项目确有预算的，请填写全年预算数和全年执行数。",
        "{sheet}!{cell}: the full-year budget and the executed amount are both 0, so the "
        "execution rate cannot be computed (0 ÷ 0); it scores 0.",
        "Check the funds: enter the budget and the executed amount.",
        "全年预算数 0，全年执行数 0"),
    "PX412": Entry(
        E, "预算为 0 却有支出",
        "{sheet}!{cell}：全年预算数是 0，但全年执行数是 {actual}，执行率无法计算，"
        "执行率得分按 0 计。",
        "填写调整后的全年预算数（含上年结转）。",
        "{sheet}!{cell}: the full-year budget is 0 but {actual} was spent; the execution rate "
        "cannot be computed and scores 0.",
        "Enter the adjusted full-year budget (including carry-over).",
        "全年预算数 0，全年执行数 0.52"),
    "PX413": Entry(
        W, "指标无法自动计分，采用自评得分",
        "{sheet}!{cell}：指标「{indicator}」无法自动计分（{reason}），采用单位自评得分 {self_score}。",
        "把年度指标值和实际完成值写成可比较的形式，如 ≥50本 / 52本、≤5% / 3%、"
        "9月30日前 / 2023年9月20日。",
        "{sheet}!{cell}: '{indicator}' cannot be scored automatically ({reason_en}); the "
        "self-score {self_score} is used.",
        "Write the target and actual value in comparable form, e.g. ≥50本 / 52本, "
        "9月30日前 / 2023年9月20日.",
        "年度指标值「≥50本」，实际完成值「完成」"),
    "PX414": Entry(
        E, "缺少自评得分",
        "{sheet}!{cell}：指标「{indicator}」需要单位自评得分（{why}），但该单元格{problem}，"
        "按 0 分计。",
        "在「自评得分」列填一个 0 到分值之间的数字。",
        "{sheet}!{cell}: '{indicator}' needs a self-score ({why_en}) but the cell {problem_en}; "
        "it counts as 0.",
        "Enter a number between 0 and the weight in the self-score column.",
        "定性指标「稳步提升」，自评得分为空"),
    "PX415": Entry(
        I, "不适用指标已按百分制折算",
        "{sheet}：{count} 个指标不适用（共 {excluded} 分），其余得分按百分制折算："
        "总分 = 实际得分 × 100 ÷ (100 − {excluded}) = 实际得分 × {factor}。",
        "确认这些指标确实不适用；不适用的指标在「实际完成值」填「不适用」。",
        "{sheet}: {count} indicator(s) do not apply ({excluded} points); the rest is rescaled to "
        "100: total = score × 100 ÷ (100 − {excluded}) = score × {factor}.",
        "Make sure these indicators really do not apply (write 不适用 as the actual value).",
        "满意度指标 10 分，实际完成值「不适用」"),
    "PX416": Entry(
        E, "自评得分为负数",
        "{sheet}!{cell}：指标「{indicator}」的自评得分 {actual} 是负数。",
        "得分在 0 到分值之间。",
        "{sheet}!{cell}: the self-score {actual} of '{indicator}' is negative.",
        "A score lies between 0 and the weight.",
        "自评得分 -2"),
    "PX417": Entry(
        E, "没有适用的绩效指标，无法计算总分",
        "{sheet}!{cell}：全部 {count} 个绩效指标都填了「不适用」（共 {excluded} 分），"
        "没有可计分的指标，无法计算总分和等级（不能只按预算执行率得分折算为百分制）。",
        "核对这些指标是否确实不适用：适用的指标填写实际完成值；项目确无适用指标的，"
        "应按批复的绩效目标补充可衡量的指标。",
        "{sheet}!{cell}: all {count} indicators are marked not applicable ({excluded} points); "
        "with nothing to score there is no total and no grade (the execution score alone is not "
        "rescaled to 100).",
        "Check that these indicators really do not apply: enter the actual values of those that "
        "do, or add measurable indicators from the approved performance goals.",
        "每个指标的实际完成值都填「不适用」"),
    "PX418": Entry(
        W, "不适用指标过多，折算后的总分不可靠",
        "{sheet}!{cell}：{count} 个不适用指标共 {excluded} 分，超过指标总分值 {indicator_total} "
        "分的一半（{limit} 分）；其余得分放大 {factor} 倍折算为百分制，总分和等级参考价值有限。",
        "核对这些指标是否确实不适用；能衡量的填写实际完成值，必要时调整指标和分值。",
        "{sheet}!{cell}: {count} not-applicable indicators carry {excluded} points, more than half "
        "({limit}) of the {indicator_total} indicator points; the rest is multiplied by {factor} "
        "to reach 100, so the total and grade mean little.",
        "Check that these indicators really do not apply; enter the actual values of those that "
        "can be measured, or revise the indicators and weights.",
        "产出指标 50 分全部填「不适用」"),
    "PX419": Entry(
        E, "总分超过 100，不能作为结果",
        "{sheet}：按「{profile}」计算的总分为 {actual}，超过满分 100：分值合计 {weights} 分"
        "（预算执行 {execution_weight} 分 + 绩效指标 {indicator_weights} 分），而该评分规则满分为 100。"
        "不给出总分和等级。",
        "按所用评分规则调整各指标分值（该规则的指标分值合计应为 {indicator_total} 分），或换用与"
        "分值一致的评分规则（--profile）。",
        "{sheet}: under '{profile}' the total is {actual}, above the maximum of 100: the weights add "
        "up to {weights} (execution {execution_weight} + indicators {indicator_weights}). No total "
        "or grade is given.",
        "Adjust the indicator weights to the profile (its indicators carry {indicator_total} "
        "points), or choose the profile the weights were set for (--profile).",
        "按湖北规则（执行率 20 分）检查按财政部规则（指标 90 分）设置分值的表：总分 100.40"),
    "PX420": Entry(
        I, "不计分的表样",
        "{sheet}：这张表按「{profile}」的表样（没有分值、得分列）只列示和判断指标，不计分：已核对资金和指标，"
        "不计算总分和等级。",
        "需要计分时，用 --profile 指定计分的评分规则（如 mof2020），并在表上补填分值和得分。",
        "{sheet}: this form follows '{profile}' (no weight or score columns): indicators are listed "
        "and judged, not scored; the money and the indicators were checked, no total or grade.",
        "To score it, pass a scoring profile with --profile (e.g. mof2020) and fill in the weights "
        "and scores.",
        "湖南县级自评表：无分值、得分列"),
    "PX490": Entry(
        E, "未知的评分规则",
        "没有名为「{profile}」的评分规则（profile）；可用：{known}。",
        "用 --profile 选择上面列出的名称之一，或给出 .json / .toml 规则文件的路径。",
        "There is no scoring profile named '{profile}'; known profiles: {known}.",
        "Pass one of the names above to --profile, or the path of a .json / .toml profile file.",
        "--profile sichuan"),
    "PX491": Entry(
        E, "评分规则文件无法读取",
        "{path}：评分规则文件无法读取：{reason}",
        "对照 docs/profiles.md 检查文件格式（JSON 或 TOML）和字段名。",
        "{path}: the profile file cannot be read: {reason}",
        "Check the file format (JSON or TOML) and the keys against docs/profiles.md.",
        "--profile my.json，文件里有拼错的键"),
    "PX421": Entry(
        E, "得分被重复加权",
        "{sheet}!{cell}：「{indicator}」自评得分 {actual} 等于应得分 {expected} 再乘以分值 "
        "{weight}%：得分被按权重折算了两次。",
        "自评得分直接填「分值 × 完成比例」（应得 {expected}），不要再乘以权重。",
        "{sheet}!{cell}: the self-score {actual} of '{indicator}' is the due score {expected} "
        "multiplied again by its weight {weight}%: it was weighted twice.",
        "Enter weight × completion ratio (here {expected}) without weighting it again.",
        "分值 20，已达成，自评得分填 4（= 20 × 20%）"),
    "PX422": Entry(
        E, "完成比例没有封顶，得分超过分值",
        "{sheet}!{cell}：「{indicator}」自评得分 {actual} = 分值 {weight} × {ratio}，完成比例"
        "超过 100% 没有封顶，得分高于分值。",
        "完成比例最高按 100% 计：超额完成（反向指标低于目标）也只得满分 {weight}。",
        "{sheet}!{cell}: the self-score {actual} of '{indicator}' is weight {weight} × {ratio}: "
        "the ratio was not capped at 100 %, so the score exceeds the weight.",
        "Cap the completion ratio at 100 %: an indicator beyond its target scores its weight "
        "{weight}, no more.",
        "反向指标 ≤5%，实际 2%，分值 10，自评 25（= 10 × 5/2）"),
}
