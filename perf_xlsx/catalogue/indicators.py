"""Catalogue entries for this range (see catalogue/__init__.py): PX3xx indicators and targets."""
from __future__ import annotations

from .entry import E, Entry, I, W  # noqa: F401

ENTRIES: dict[str, Entry] = {
    "PX301": Entry(
        E, "年度指标值无法识别",
        "{sheet}!{cell}：「{indicator}」的年度指标值「{actual}」无法识别（{reason}）。",
        "改写成可以比较的形式，例如「{expected}」；定性指标写「效果明显」，时效指标写「9月30日前」。",
        "{sheet}!{cell}: the target '{actual}' of '{indicator}' cannot be read ({reason}).",
        "Rewrite it in a comparable form such as '{expected}'; a qualitative target reads like "
        "'效果明显', a deadline like '9月30日前'.",
        "年度指标值写成「≥50-60本」或「XX」"),
    "PX302": Entry(
        W, "实际完成值无法识别",
        "{sheet}!{cell}：「{indicator}」的实际完成值「{actual}」无法识别（{reason}）。",
        "填写实际测得的数值和单位，例如「52本」「98%」「2018-09-20」；不适用的填「不适用」。",
        "{sheet}!{cell}: the actual value '{actual}' of '{indicator}' cannot be read ({reason}).",
        "Enter the measured value with its unit, e.g. '52本', '98%', '2018-09-20'; enter '不适用' "
        "when the indicator does not apply.",
        "实际完成值写成「50-60本」"),
    "PX303": Entry(
        W, "未达到年度指标值",
        "{sheet}!{cell}：「{indicator}」实际完成值 {actual} {verb_zh}年度指标值 {expected}，"
        "该指标将按比例扣分。",
        "核对实际完成值；确实未完成的，在{note_at}写明原因和改进措施。",
        "{sheet}!{cell}: the actual value {actual} of '{indicator}' {verb_en} the target "
        "{expected}; the indicator's score is reduced.",
        "Check the actual value; if the target was really missed, explain why and what will be "
        "done in {note_at_en}.",
        "年度指标值 ≥50本，实际完成值 45本"),
    "PX304": Entry(
        W, "大幅超过年度指标值",
        "{sheet}!{cell}：「{indicator}」实际完成值 {actual} 达到年度指标值 {expected} {bound_zh}的 "
        "{ratio}（不低于 {limit}），但没有说明原因。",
        "在{note_at}说明超额完成的原因（指标是否定得过低）。",
        "{sheet}!{cell}: the actual value {actual} of '{indicator}' is {ratio} of "
        "{bound_en}the target {expected} (at least {limit}) and no reason is given.",
        "Explain in {note_at_en} why the target was exceeded so far (was it set too low?).",
        "年度指标值 ≥50本，实际完成值 80本，偏差说明为空"),
    "PX305": Entry(
        W, "实际完成值照抄年度指标值",
        "{sheet}!{cell}：「{indicator}」的实际完成值「{actual}」{how_zh}。",
        "{fix_zh}",
        "{sheet}!{cell}: the actual value '{actual}' of '{indicator}' {how_en}.",
        "{fix_en}",
        "年度指标值 ≥266米，实际完成值也填 ≥266米"),
    "PX306": Entry(
        W, "模板示例文字未删除",
        "{sheet}!{cell}：「{actual}」含有模板占位文字「{token}」。",
        "删除示例或占位文字（如「指标1：」「……」「(100字以内)」「请填写」「XX」），填入实际内容。",
        "{sheet}!{cell}: '{actual}' still contains the template placeholder '{token}'.",
        "Delete placeholder text ('指标1：', '……', '(100字以内)', '请填写', 'XX') and enter the "
        "real content.",
        "三级指标写成「指标1：宣传手册数量」"),
    "PX307": Entry(
        E, "一级指标不在指标体系内",
        "{sheet}!{cell}：一级指标「{actual}」不在指标体系内（应为 {expected} 之一）。",
        "从下拉列表选择一级指标：{expected}。",
        "{sheet}!{cell}: the level-1 indicator '{actual}' is not in the taxonomy (one of "
        "{expected}).",
        "Choose the level-1 indicator from the drop-down list: {expected}.",
        "一级指标写成「产出类」或「效果指标」"),
    "PX308": Entry(
        E, "二级指标不属于其一级指标",
        "{sheet}!{cell}：二级指标「{actual}」不属于一级指标「{level1}」（「{level1}」下应为 "
        "{expected} 之一）。{where_zh}",
        "从下拉列表重新选择二级指标，或改正一级指标。",
        "{sheet}!{cell}: the level-2 indicator '{actual}' does not belong to '{level1}' (one of "
        "{expected}).{where_en}",
        "Choose the level-2 indicator again from the drop-down list, or correct the level-1 one.",
        "一级指标「产出指标」下填「社会效益指标」"),
    "PX309": Entry(
        E, "三级指标名称为空",
        "{sheet}!{cell}：第 {row} 行已填写其他内容，但三级指标名称是空的。",
        "填写具体的三级指标名称，如「宣传手册数量」；多余的行请整行删除。",
        "{sheet}!{cell}: row {row} has data but no level-3 indicator name.",
        "Enter the indicator name (e.g. '宣传手册数量'), or delete the whole row if it is unused.",
        "一行填了年度指标值和分值，三级指标为空"),
    "PX310": Entry(
        E, "年度指标值为空",
        "{sheet}!{cell}：三级指标「{indicator}」没有填写年度指标值。",
        "按批复的绩效目标填写年度指标值，如「≥50本」「≤0.0062万元」「9月30日前」「效果明显」。",
        "{sheet}!{cell}: the indicator '{indicator}' has no target.",
        "Enter the approved target, e.g. '≥50本', '≤0.0062万元', '9月30日前', '效果明显'.",
        "三级指标「宣传手册数量」，年度指标值为空"),
    "PX311": Entry(
        W, "二级指标下没有三级指标",
        "{sheet}!{cell}：二级指标「{actual}」下没有任何三级指标，该行只列示、不计分。",
        "为该二级指标补充三级指标和年度指标值，或删除这一行。",
        "{sheet}!{cell}: the level-2 indicator '{actual}' has no level-3 indicator; the row is "
        "reported but not scored.",
        "Add level-3 indicators with targets under it, or delete the row.",
        "「时效指标」一行只有一级、二级指标"),
    "PX312": Entry(
        W, "年度指标值与实际完成值单位不一致",
        "{sheet}!{cell}：「{indicator}」年度指标值 {expected} 与实际完成值 {actual} 的单位"
        "（{target_unit} / {actual_unit}）不一致，无法比较。",
        "实际完成值使用与年度指标值相同的单位。",
        "{sheet}!{cell}: the target {expected} and the actual value {actual} of '{indicator}' use "
        "different units ({target_unit} / {actual_unit}) and cannot be compared.",
        "Use the target's unit for the actual value.",
        "年度指标值 ≥50本，实际完成值 52块"),
    "PX313": Entry(
        W, "未在期限内完成",
        "{sheet}!{cell}：「{indicator}」要求 {expected}（即 {deadline} 前）完成，但{source_zh}"
        "为 {actual}。",
        "核对完成日期；确实延期的，在{note_at}说明原因。",
        "{sheet}!{cell}: '{indicator}' was due {expected} (by {deadline}) but {source_en} is "
        "{actual}.",
        "Check the completion date; if the work was late, explain why in {note_at_en}.",
        "年度指标值 9月30日前，项目完成日期 2018-11-30"),
    "PX314": Entry(
        W, "金额单位元与万元混用",
        "{sheet}!{cell}：「{indicator}」的年度指标值 {actual} 以「元」为单位，而其他产出、成本"
        "指标的金额（如 {expected}）以「万元」为单位。",
        "统一用万元填写金额（如 62元 写作 0.0062万元），避免把元当作万元。",
        "{sheet}!{cell}: the target {actual} of '{indicator}' is in 元 while other output or cost "
        "amounts (e.g. {expected}) are in 万元.",
        "Write all amounts in 万元 (62元 = 0.0062万元) so that 元 is never read as 万元.",
        "一个成本指标写 ≤62元，另一个写 ≤0.046万元"),
    "PX315": Entry(
        W, "实际完成值与年度指标值金额单位不同",
        "{sheet}!{cell}：「{indicator}」实际完成值 {actual} 与年度指标值 {expected} 的金额单位"
        "不同，已换算为 {converted} 后比较。",
        "建议实际完成值与年度指标值使用同一单位（万元）。",
        "{sheet}!{cell}: the actual value {actual} of '{indicator}' and the target {expected} use "
        "different money units; compared as {converted}.",
        "Prefer the same unit (万元) for the target and the actual value.",
        "年度指标值 ≤0.0062万元，实际完成值 60元"),
    "PX316": Entry(
        I, "计量单位不规范",
        "{sheet}!{cell}：「{indicator}」的「{actual}」单位不规范：{advice}。",
        "按建议改写单位。",
        "{sheet}!{cell}: the unit in '{actual}' of '{indicator}' is unusual: {advice}.",
        "Rewrite the unit as suggested.",
        "年度指标值写成 ≥100百分比；培训人数写成 50个"),
    "PX317": Entry(
        W, "指标可能分类错误",
        "{sheet}!{cell}：「{indicator}」（年度指标值 {actual}）放在「{level2}」下，{why_zh}，"
        "可能应归入「{expected}」。",
        "核对指标分类，必要时移到「{expected}」下。",
        "{sheet}!{cell}: '{indicator}' (target {actual}) sits under '{level2}'; {why_en}, so it "
        "probably belongs under '{expected}'.",
        "Check the classification and move the indicator under '{expected}' if needed.",
        "数量指标下的「宣传手册费用 ≤0.22万元」"),
    "PX318": Entry(
        W, "实际完成值为空",
        "{sheet}!{cell}：三级指标「{indicator}」有年度指标值 {expected}，但实际完成值是空的。",
        "填写实际完成值；该指标不适用的填「不适用」。",
        "{sheet}!{cell}: the indicator '{indicator}' has the target {expected} but no actual "
        "value.",
        "Enter the actual value, or '不适用' if the indicator does not apply.",
        "年度指标值 ≥50本，实际完成值为空"),
    "PX319": Entry(
        W, "指标名称不规范（已按规范名称处理）",
        "{sheet}!{cell}：{level}「{actual}」不是规范名称，已按「{expected}」归类、计算分值和得分。",
        "从下拉列表选择，或改写为规范名称「{expected}」。",
        "{sheet}!{cell}: the {level_en} indicator '{actual}' is not the standard name; it was "
        "read as '{expected}' for grouping, weights and scores.",
        "Choose it from the drop-down list, or write the standard name '{expected}'.",
        "一级指标写成「产出」，二级指标写成「社会效益」或「（数量指标）」"),
    "PX330": Entry(
        W, "实际完成情况照抄预期目标",
        "{sheet}!{cell}：年度总体目标的「实际完成情况」与「预期目标」几乎相同（{actual}…）。",
        "写实际做了什么、完成了多少（如 制作宣传手册52本、开展宣传2次），不要照抄预期目标。",
        "{sheet}!{cell}: the actual result of the overall goal repeats the expected goal "
        "({actual}…).",
        "Describe what was actually done and how much (e.g. 52 brochures printed), not the plan.",
        "预期目标与实际完成情况都写「制作宣传手册50本以上……」"),
    "PX331": Entry(
        W, "目标文字中的金额与资金表不符",
        "{sheet}!{cell}：文字「{quote}」中的 {actual} 万元与{figure} {expected} 万元不符{why_zh}。",
        "核对这段文字中的金额，改成与「项目资金」表一致的数（或更正资金表）。",
        "{sheet}!{cell}: the text '{quote}' states {actual} 万元, but the {figure_en} is "
        "{expected} 万元{why_en}.",
        "Make the amount in the text agree with the funds block (or correct the funds block).",
        "实际完成情况写「已拨付0.62万元」，全年执行数 0.52"),
    "PX332": Entry(
        I, "目标文字中的金额只在舍入后相符",
        "{sheet}!{cell}：文字「{quote}」中的 {actual} 万元与{figure} {expected} 万元只在四舍五入后"
        "相符（相差 {diff}，在舍入误差 {tol} 以内）。",
        "各处统一写同一个精确的数（例如都写 0.5188），避免前后不一。",
        "{sheet}!{cell}: the text '{quote}' states {actual} 万元 and the {figure_en} is "
        "{expected} 万元: they agree only after rounding (difference {diff}, within {tol}).",
        "Write the same precise figure everywhere (e.g. 0.5188).",
        "实际完成情况写「已拨付0.5188万元」，全年执行数 0.52"),
    "PX320": Entry(
        W, "实际完成值不是实测结果",
        "{sheet}!{cell}：「{indicator}」的实际完成值「{actual}」{how_zh}，看不出实际完成了多少"
        "（年度指标值 {expected}）。",
        "填写实际测得的数值和单位，如「52本」「98%」「2018-09-20」；定性指标写达成的程度和依据。",
        "{sheet}!{cell}: the actual value '{actual}' of '{indicator}' {how_en}; it does not say "
        "what was achieved (target {expected}).",
        "Enter the measured value with its unit ('52本', '98%', '2018-09-20'); for a qualitative "
        "target, the level reached and its evidence.",
        "年度指标值 ≥50本，实际完成值「达成预期指标」；年度指标值 100，实际完成值 100"),
    "PX321": Entry(
        W, "各指标的实际完成值写成同一句话",
        "{sheet}!{cell}：{count} 个指标的实际完成值都写「{actual}」，这是等级而不是实测结果。",
        "逐个指标填写实际测得的数值和单位，或定性指标达成情况的具体依据。",
        "{sheet}!{cell}: {count} indicators all give '{actual}' as their actual value: a level, "
        "not a measurement.",
        "Enter each indicator's measured value with its unit, or the evidence for a qualitative "
        "one.",
        "每一行实际完成值都填「达成预期指标」"),
    "PX322": Entry(
        E, "年度指标值、实际完成值列填的是分值和得分",
        "{sheet}!{cell}：年度指标值一列是不带单位的数字，合计 {actual}，实际完成值都不超过它们："
        "这两列填的像是分值和得分，而不是指标值和完成值。",
        "把分值、得分移到「分值」「自评得分」列，在年度指标值、实际完成值列填真正的目标和实测结果"
        "（如「≥50本」「52本」）。",
        "{sheet}!{cell}: the target column holds bare numbers adding up to {actual}, and no "
        "actual value exceeds its target: these look like weights and scores, not targets and "
        "results.",
        "Move weights and scores to their own columns and enter real targets and results (e.g. "
        "'≥50本', '52本').",
        "年度指标值 20、10、10、20…（合计 90），实际完成值 20、9、10、18…"),
    "PX323": Entry(
        W, "单位缺失：年度指标值与实际完成值一个有单位一个没有",
        "{sheet}!{cell}：「{indicator}」的{missing_zh}「{bare}」没有单位，而{other_zh}「{with_unit}」"
        "的单位是「{unit}」。",
        "补上单位，两者写成同一单位，如「{example}」。",
        "{sheet}!{cell}: the {missing_en} '{bare}' of '{indicator}' has no unit, while the "
        "{other_en} '{with_unit}' is in '{unit}'.",
        "Add the unit so that both use the same one, e.g. '{example}'.",
        "年度指标值 ≥95%，实际完成值 98"),
    "PX324": Entry(
        W, "「其中」分项之和与上级指标不符",
        "{sheet}!{cell}：「{indicator}」下各「其中」分项的{what_zh}合计 {actual}，与该指标的 "
        "{expected} 不符。",
        "核对分项数，使各「其中」行之和等于上级指标（或在说明中写明口径不同的原因）。",
        "{sheet}!{cell}: the 其中 rows under '{indicator}' add up to {actual} ({what_en}), not "
        "{expected}.",
        "Check the breakdown rows so that they add up to their indicator (or explain why not).",
        "新建道路 ≥10公里，其中：A村 4公里、B村 5公里"),
    "PX325": Entry(
        W, "三级指标重复",
        "{sheet}!{cell}：三级指标「{indicator}」在 {first} 已经列过（同在「{level2}」下），"
        "同一个指标列两次会重复计分。",
        "删去重复的一行，或在名称中写明两者的区别（如 一期、二期，城区、农村）。",
        "{sheet}!{cell}: the indicator '{indicator}' is already listed at {first} (under "
        "'{level2}' too); listed twice, it is scored twice.",
        "Delete the repeated row, or name the two apart (phase 1 / phase 2, urban / rural).",
        "「数量指标」下两行「培训人数」"),
    "PX333": Entry(
        W, "目标文字中的金额相加不符",
        "{sheet}!{cell}：文字「{quote}」列出的金额 {parts} 合计 {actual}，但{total_zh} {expected}。",
        "逐项核对这段文字中的金额，使分项之和等于所写的合计数（或资金表中的数）。",
        "{sheet}!{cell}: the amounts listed in '{quote}' ({parts}) add up to {actual}, but "
        "{total_en} {expected}.",
        "Check each amount in the text so that the parts add up to the stated total (or the "
        "funds block).",
        "「资金89.97万元，其中：培训30万元、设备30万元、宣传29.99万元」（合计 89.99）"),
    "PX334": Entry(
        W, "目标文字中的数量与指标不符",
        "{sheet}!{cell}：{goal_zh}写「{quote}」（{actual}），与指标「{indicator}」的{where_zh} "
        "{expected} 不一致。",
        "核对两处数字，改正写错的一处；文字说的若是另一件事，写清楚它指的是什么。",
        "{sheet}!{cell}: the {goal_en} says '{quote}' ({actual}), but the {where_en} of "
        "'{indicator}' is {expected}.",
        "Check both figures and correct the wrong one; if the text means something else, say "
        "what it counts.",
        "实际完成情况写「新建集中供水工程4处」，指标「新建供水工程」实际完成值 5处"),
    "PX335": Entry(
        W, "目标文字中的预算执行率与资金表不符",
        "{sheet}!{cell}：文字「{quote}」中的执行率 {actual}，按资金表（全年执行数 ÷ 全年预算数）"
        "为 {expected}。",
        "按资金表计算执行率后改正这段文字（或更正资金表）。",
        "{sheet}!{cell}: the text '{quote}' states an execution rate of {actual}; the funds "
        "block gives {expected} (executed ÷ budget).",
        "Compute the rate from the funds block and correct the text (or the funds block).",
        "实际完成情况写「预算执行率96%」，资金表 93.2 ÷ 95.5 = 97.59%"),
    "PX336": Entry(
        W, "实际完成情况只写了结论",
        "{sheet}!{cell}：年度总体目标的「实际完成情况」只写了「{actual}」，没有写做了什么、完成了多少，"
        "而预期目标列出了具体数量。",
        "逐项写实际完成的内容和数量（如 新建公厕21座、群众满意度95%），与预期目标一一对应。",
        "{sheet}!{cell}: the actual result of the overall goal only says '{actual}', not what "
        "was done and how much, while the expected goal lists figures.",
        "State each result with its figure (e.g. 21 toilets built, 95% satisfied), one for "
        "each part of the expected goal.",
        "预期目标「新建公厕20座，群众满意度90%以上」，实际完成情况「已完成年度目标」"),
    "PX337": Entry(
        W, "实际完成情况称目标全部完成，但有指标未完成",
        "{sheet}!{cell}：年度总体目标的「实际完成情况」写「{quote}」，但有 {n} 个三级指标未完成"
        "（{names}）。",
        "如实写明未完成的部分和原因；若指标其实已完成，核对它的实际完成值。",
        "{sheet}!{cell}: the actual result of the overall goal says \"{quote}\", but {n} "
        "indicator(s) were missed ({names}).",
        "Say what was not achieved and why; if the indicators were met, check their actual "
        "values.",
        "实际完成情况「各项绩效目标全部完成」，满意度 88% 未达到 ≥90%"),
}
