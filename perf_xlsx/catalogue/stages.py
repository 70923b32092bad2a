"""Catalogue entries for this range (see catalogue/__init__.py): PX7xx the year's stages —
PX70x 申报 (targets), PX72x 监控 (monitoring), PX74x a stage against the one before, PX76x the
recorded targets (docs/stages.md)."""
from __future__ import annotations

from .entry import E, Entry, I, W  # noqa: F401

ENTRIES: dict[str, Entry] = {
    # ---- 申报 ------------------------------------------------------------------------------
    "PX701": Entry(
        W, "指标值不可衡量",
        "{sheet}!{cell}：指标「{indicator}」的指标值「{actual}」既不是数值（比较符＋数字＋单位）、"
        "也不是完成时限或分级的定性表述，年底无法据此评价。",
        "改为可衡量的写法，如 ≥50本、≤0.0062万元、9月30日前；确实只能定性时写「效果明显」等分级表述。",
        "{sheet}!{cell}: the target '{actual}' of '{indicator}' is neither a number (comparator, "
        "figure, unit), nor a deadline, nor graded qualitative wording: it cannot be judged at the "
        "year's end.",
        "Write it measurably, e.g. ≥50本, ≤0.0062万元, 9月30日前, or graded wording such as "
        "「效果明显」.",
        "指标值「做好宣传工作」"),
    "PX702": Entry(
        W, "定量指标缺计量单位",
        "{sheet}!{cell}：指标「{indicator}」的指标值「{actual}」是数值，但指标值和「计量单位」"
        "列都没有单位。",
        "在「计量单位」列填写单位（如 本、次、人、万元），或直接写进指标值（如 ≥50本）。",
        "{sheet}!{cell}: the target '{actual}' of '{indicator}' is a number, but neither it nor "
        "the unit column gives a unit.",
        "Fill the unit column (本, 次, 人, 万元 …) or write the unit into the target (≥50本).",
        "指标值 ≥50，计量单位空"),
    "PX703": Entry(
        W, "缺少必备的二级指标",
        "{sheet}：申报的绩效指标中没有「{expected}」。",
        "按{rule}补充「{expected}」下的三级指标。",
        "{sheet}: the targets have no '{expected}'.",
        "Add level-3 indicators under '{expected}' ({rule_en}).",
        "只有数量指标和满意度指标，没有质量、时效、成本和效益指标"),
    "PX704": Entry(
        W, "成本指标高于项目预算",
        "{sheet}!{cell}：成本指标「{indicator}」的上限 {actual} 万元高于项目年度资金总额 "
        "{expected} 万元。",
        "核对成本指标的金额和单位（元还是万元），或核对年度资金总额。",
        "{sheet}!{cell}: the cost ceiling {actual} (10k yuan) of '{indicator}' is above the "
        "project's annual funds {expected}.",
        "Check the cost figure and its unit (元 or 万元), or the annual funds.",
        "成本指标 ≤50万元，项目资金 30 万元"),
    "PX705": Entry(
        W, "三级指标名称过长",
        "{sheet}!{cell}：三级指标名称有 {actual} 个字，预算系统限 {expected} 个字以内。",
        "把说明写进「指标值说明」或偏差说明，名称只写指标本身。",
        "{sheet}!{cell}: the level-3 name has {actual} characters; the budget systems accept at "
        "most {expected}.",
        "Keep the name short; put explanations elsewhere.",
        "一个写了 120 字的三级指标名称"),
    "PX706": Entry(
        W, "指标值低于上年实际完成值",
        "{sheet}!{cell}：指标「{indicator}」的指标值「{actual}」低于上年实际完成值「{expected}」"
        "（{previous}），目标可能定得过低。",
        "按上年实际完成情况重新测算指标值；确需降低时在「调整说明」中写明理由。",
        "{sheet}!{cell}: the target '{actual}' of '{indicator}' is below last year's actual "
        "'{expected}' ({previous}); it may be set too low.",
        "Set the target from last year's result, or explain why it is lower.",
        "上年实际完成 52本，今年指标值 ≥40本"),
    "PX707": Entry(
        E, "缺少年度资金总额",
        "{sheet}!{cell}：申报阶段「年度资金总额·年初预算数」为空。",
        "填写申报的年度资金总额（万元）。",
        "{sheet}!{cell}: the annual funds (initial budget) are blank at the target stage.",
        "Enter the annual funds requested (10k yuan).",
        "年初预算数空白"),
    "PX708": Entry(
        W, "指标值任何结果都能达到",
        "{sheet}!{cell}：指标「{indicator}」的指标值「{actual}」是 0 或以上，做与不做都算完成，年底无法据此评价。",
        "写出计划达到的数量（如 ≥3000人），与预算和工作任务对应。",
        "{sheet}!{cell}: the target '{actual}' of '{indicator}' is zero or more: met whatever "
        "happens, it cannot be judged at the year's end.",
        "State the quantity planned (e.g. ≥3000人), in line with the budget and the work.",
        "受益人口 指标值「≥0人」"),
    "PX709": Entry(
        W, "定量（其他）指标缺指标值说明",
        "{sheet}!{cell}：指标「{indicator}」的计算符号是「定量（其他）」，指标值「{actual}」，但"
        "「指标值说明」为空；预算系统要求说明这类指标值的含义。",
        "在「指标值说明」中写明指标值的含义、口径或计算方法；能用 ≥、≤、＝ 表示的，改选相应的计算符号。",
        "{sheet}!{cell}: the comparator of '{indicator}' is 定量（其他） (target '{actual}'), but "
        "its 指标值说明 is empty; the budget systems ask what such a target means.",
        "Explain the target's meaning or how it is computed in 指标值说明; if ≥, ≤ or ＝ can "
        "say it, choose that comparator instead.",
        "计算符号「定量（其他）」，指标值「1:5」，指标值说明空"),
    # ---- 监控 ------------------------------------------------------------------------------
    "PX721": Entry(
        E, "缺少监控截至日期",
        "{sheet}!{cell}：监控阶段未填「监控截至日期」，无法计算序时进度。",
        "填写监控数据的截至日期，如 2018-07-31。",
        "{sheet}!{cell}: the monitoring cut-off date is blank; time progress cannot be computed.",
        "Enter the cut-off date, e.g. 2018-07-31.",
        "监控截至日期空白"),
    "PX722": Entry(
        W, "执行进度慢于序时进度且未说明",
        "{sheet}!{cell}：截至 {date} 执行 {actual} 万元，执行率 {rate}，低于序时进度 {expected}"
        "（已过 {days} 天），且未说明原因。",
        "在{note_at}中写明支出慢的原因和加快执行的措施。",
        "{sheet}!{cell}: by {date} {actual} (10k yuan) was spent, {rate} of the budget, behind "
        "time progress {expected} ({days} days elapsed), with no explanation.",
        "Explain in {note_at_en} why spending is slow and what will be done.",
        "7月31日执行 22%，序时进度 58%"),
    "PX723": Entry(
        W, "执行率低于预警线",
        "{sheet}!{cell}：截至 {date} 执行率 {rate}，低于「{profile}」{line_date} 的预警线 "
        "{expected}。",
        "加快执行，或在{note_at}中写明原因和措施。",
        "{sheet}!{cell}: by {date} execution is {rate}, below the {line_date} warning line "
        "{expected} of profile '{profile}'.",
        "Speed up spending, or explain it in {note_at_en}.",
        "四川：6月30日执行率 35%（预警线 40%）"),
    "PX724": Entry(
        E, "缺少全年预计执行数",
        "{sheet}!{cell}：监控阶段未填「全年预计执行数」。",
        "填写预计全年支出（万元）。",
        "{sheet}!{cell}: the expected full-year execution is blank.",
        "Enter the expected full-year spending (10k yuan).",
        "全年预计执行数空白"),
    "PX725": Entry(
        E, "全年预计执行数不合理",
        "{sheet}!{cell}：全年预计执行数 {actual} 万元{problem}。",
        "核对全年预计执行数：应不高于全年预算数，且不低于已执行数。",
        "{sheet}!{cell}: the expected full-year execution {actual} (10k yuan) {problem_en}.",
        "It should be at most the budget and at least what is already spent.",
        "全年预计 1.2 万元，预算只有 1 万元"),
    "PX726": Entry(
        E, "已执行数高于预算",
        "{sheet}!{cell}：1-N月执行数 {actual} 万元高于全年预算数 {expected} 万元。",
        "核对执行数或预算数（是否填成了元）。",
        "{sheet}!{cell}: {actual} (10k yuan) spent so far is above the budget {expected}.",
        "Check the figure or the budget (元 typed as 万元?).",
        "执行 1.5 万元，预算 1 万元"),
    "PX727": Entry(
        E, "可能完不成目标却未写原因和措施",
        "{sheet}!{cell}：指标「{indicator}」的完成目标可能性为「{actual}」，但{missing}为空。",
        "选择偏差原因类型（经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他），并在"
        "{note_at}中写明原因和拟采取的措施。",
        "{sheet}!{cell}: '{indicator}' may not be completed ('{actual}') but {missing_en} is "
        "blank.",
        "Pick the cause type and write the cause and the measures in {note_at_en}.",
        "完成目标可能性「有可能」，偏差原因类型和说明都空"),
    "PX728": Entry(
        E, "预计完不成却填确定能",
        "{sheet}!{cell}：指标「{indicator}」全年预计完成值「{actual}」{miss_zh}指标值「{expected}」，"
        "完成目标可能性却填「确定能」。",
        "如实填写完成目标可能性（有可能 / 完全不可能）并写明原因和措施，或核对全年预计完成值。",
        "{sheet}!{cell}: the expected value '{actual}' of '{indicator}' {miss_en} its target "
        "'{expected}', yet the likelihood says 确定能 (certain).",
        "Set the likelihood honestly and give the cause and measures, or check the expected value.",
        "指标 ≥50本，全年预计 40本，确定能"),
    "PX729": Entry(
        W, "未填完成目标可能性",
        "{sheet}!{cell}：监控阶段指标「{indicator}」的「完成目标可能性」为空。",
        "选择 确定能 / 有可能 / 完全不可能。",
        "{sheet}!{cell}: the likelihood of '{indicator}' is blank at the monitoring stage.",
        "Pick 确定能, 有可能 or 完全不可能.",
        "完成目标可能性空白"),
    "PX730": Entry(
        W, "选项不在列表中",
        "{sheet}!{cell}：「{label}」填的是「{actual}」，不是列表中的选项（{expected}）{read_zh}。",
        "从下拉列表中选择：{expected}。",
        "{sheet}!{cell}: '{label}' holds '{actual}', which is not one of its options "
        "({expected}){read_en}.",
        "Pick one of: {expected}.",
        "完成目标可能性填「能」"),
    "PX731": Entry(
        W, "累计完成值倒退",
        "{sheet}!{cell}：指标「{indicator}」的{later}「{actual}」低于{earlier}「{expected}」，"
        "累计完成值不应减少。",
        "核对两个完成值；指标是比率等非累计量时可忽略本提示。",
        "{sheet}!{cell}: the {later_en} '{actual}' of '{indicator}' is below the {earlier_en} "
        "'{expected}'; a cumulative value should not fall.",
        "Check both values; ignore this for a rate or another non-cumulative measure.",
        "监控期完成 30本，全年预计 25本"),
    "PX732": Entry(
        W, "未填监控期完成值",
        "{sheet}!{cell}：监控阶段指标「{indicator}」的「监控期完成值」为空。",
        "填写截至监控日期的累计完成值；尚未开始时填 0 或说明。",
        "{sheet}!{cell}: the value reached so far of '{indicator}' is blank.",
        "Enter the value reached by the cut-off date (0 if not started).",
        "监控期完成值空白"),
    "PX733": Entry(
        W, "目标进度与预算执行进度偏离",
        "{sheet}!{cell}：截至 {date} 预算执行率 {rate}，{n} 个可计量指标的平均完成进度 {actual}，"
        "相差 {diff} 个百分点（{ahead}），超过「{profile}」允许的 {expected} 个百分点，且未说明原因。",
        "核对监控期完成值和执行数；偏离属实的，在{note_at}中写明原因和措施。",
        "{sheet}!{cell}: by {date} spending is at {rate} and the {n} countable target(s) at "
        "{actual} on average: {diff} points apart ({ahead_en}), more than the {expected} points "
        "profile '{profile}' allows, and not explained.",
        "Check the values reached so far and the amount spent; if the gap is real, explain it "
        "in {note_at_en}.",
        "四川：6月30日执行率 62%，指标平均完成 35%"),
    # ---- against the stage before ----------------------------------------------------------
    "PX741": Entry(
        E, "申报的指标被删除",
        "{sheet}：申报时的指标「{indicator}」（{record}!{record_cell}）已不在绩效指标表中，且"
        "{unnoted}。",
        "恢复该指标；经批准取消的，在相关行的{adj_at}中写明（含指标名称、原因和批准文件）。",
        "{sheet}: the indicator '{indicator}' recorded at the target stage ({record}!{record_cell}) is "
        "no longer in the table, and {unnoted_en}.",
        "Restore it, or record the approved removal (its name, reason, approval) in "
        "{adj_at_en}.",
        "申报时有「宣传手册发放率」，自评表里没有了"),
    "PX742": Entry(
        E, "指标在申报后被改动",
        "{sheet}!{cell}：指标「{indicator}」的{what}由申报时的「{expected}」改为「{actual}」，"
        "但{unnoted}。",
        "改回申报时的{what}；经批准调整的，在{adj_at}中写明调整内容、原因和批准文件。",
        "{sheet}!{cell}: the {what_en} of '{indicator}' was '{expected}' at the target stage and "
        "is now '{actual}', and {unnoted_en}.",
        "Restore it, or record the approved change (what, why, approval) in {adj_at_en}.",
        "申报 ≥50本，自评表改成 ≥40本"),
    "PX743": Entry(
        W, "新增了申报时没有的指标",
        "{sheet}!{cell}：指标「{indicator}」申报时没有，且{unnoted}。",
        "经批准新增的，在{adj_at}中写明；否则删去该行。",
        "{sheet}!{cell}: '{indicator}' was not among the targets recorded at the target stage, "
        "and {unnoted_en}.",
        "Record the approved addition in {adj_at_en}, or remove the row.",
        "自评时多出一个申报表上没有的指标"),
    "PX744": Entry(
        E, "年初预算数与申报资金不一致",
        "{sheet}!{cell}：{label}·年初预算数 {actual} 万元，申报时为 {expected} 万元"
        "（{record}）。",
        "年初预算数应等于申报并批复的金额；核对后改正，或在「预算调整及执行偏差说明」中说明。",
        "{sheet}!{cell}: the initial budget ({label_en}) is {actual}; {expected} was recorded "
        "at the target stage ({record}).",
        "The initial budget is the amount requested and approved: correct it or explain.",
        "申报 1 万元，年初预算数填 1.2"),
    "PX745": Entry(
        W, "全年执行数与监控时预计相差较大",
        "{sheet}!{cell}：全年执行数 {actual} 万元，监控时预计 {expected} 万元，相差 {gap}，"
        "且未说明。",
        "在「预算调整及执行偏差说明」中说明与监控预计不一致的原因。",
        "{sheet}!{cell}: {actual} (10k yuan) was spent in the year against {expected} expected at "
        "the monitoring stage ({gap} apart), with no explanation.",
        "Explain the difference in the budget-adjustment note.",
        "监控预计全年执行 1 万元，实际只执行 0.52 万元"),
    "PX746": Entry(
        W, "监控时确定能完成，自评未完成",
        "{sheet}!{cell}：指标「{indicator}」监控时填「确定能」完成，自评实际完成值「{actual}」"
        "未达到指标值「{expected}」。",
        "在偏差原因分析中说明监控之后发生了什么；评审会问到这一点。",
        "{sheet}!{cell}: '{indicator}' was 'certain' at the monitoring stage, but the actual "
        "'{actual}' misses its target '{expected}'.",
        "Explain in the deviation analysis what changed after the monitoring.",
        "监控确定能完成 50本，年底只完成 40本"),
    # ---- the record ------------------------------------------------------------------------
    "PX761": Entry(
        E, "申报表在记录后被手工改动",
        "{sheet}!{cell}：「{sheet}」是申报阶段记录的绩效目标，但内容与记录时的校验码不符"
        "（记录后被手工改动过），不再作为比对依据。",
        "不要手工修改申报表：恢复原样，或在「绩效指标」表中修改后用 "
        "perf-xlsx check --stage 申报 重新记录（须为批复前）。",
        "{sheet}!{cell}: '{sheet}' records the approved targets, but it no longer matches its "
        "checksum (edited by hand after it was recorded); it is not used for comparison.",
        "Do not edit the record by hand: restore it, or change the 绩效指标 sheet and re-record "
        "with perf-xlsx check --stage target (before approval only).",
        "申报表上的指标值被手工改过"),
    "PX762": Entry(
        I, "没有申报阶段的记录",
        "{sheet}：工作簿中没有申报阶段记录的「绩效目标申报表」，未与申报时的目标比对。",
        "在申报阶段运行 perf-xlsx check --stage 申报 记录目标；已有批复的申报表时，用 "
        "perf-xlsx check 本表 --targets 申报表.xlsx 比对，或用 perf-xlsx import 读入。",
        "{sheet}: no 绩效目标申报表 recorded at the target stage; nothing compared against it.",
        "Record the targets with perf-xlsx check --stage target; with the approved 申报表 "
        "at hand, compare against it with --targets 申报表.xlsx, or import it with perf-xlsx "
        "import.",
        "直接从自评阶段开始使用"),
    "PX763": Entry(
        W, "重新记录的申报目标与原记录不同",
        "{sheet}：按申报阶段检查会用现在「绩效指标」表中的目标重新记录，与原记录有 {count} 处不同"
        "（{what}）。",
        "目标批复后不要再按申报阶段检查（用 --stage 监控 或 --stage 自评），以免覆盖批复的记录；"
        "批复前修改目标则无妨。",
        "{sheet}: a check at the target stage records the targets now in 绩效指标, which differ "
        "from the record in {count} place(s) ({what_en}).",
        "Once the targets are approved, check at --stage monitor or self so that the approved "
        "record is not replaced; before approval this is fine.",
        "批复后又按申报阶段检查，改过的指标值覆盖了原记录"),
    "PX764": Entry(
        W, "申报表的项目名称不同",
        "{sheet}：比对用的申报表（{record}）是项目「{expected}」的，本表是「{actual}」。",
        "核对是否选错了申报表文件；项目改名的，在说明中写明。",
        "{sheet}: the 申报表 compared against ({record}) is for '{expected}'; this one is for "
        "'{actual}'.",
        "Check that the right 申报表 was given; if the project was renamed, say so.",
        "--targets 给了另一个项目的申报表"),
    "PX765": Entry(
        E, "申报表文件读不出指标",
        "{path}：作为比对依据的申报表中读不出绩效指标（{why}），无法比对。",
        "给出批复的《项目支出绩效目标申报表》（官方表样，或在申报阶段检查过的本工具模板）。",
        "{path}: no indicators could be read from the 申报表 to compare against ({why_en}).",
        "Give the approved 申报表 (the published form, or the perf-xlsx template checked at the "
        "target stage).",
        "--targets 给了一张空表"),
    "PX766": Entry(
        I, "申报表文件夹中找不到本项目的申报表",
        "{sheet}：--targets 给出的 {where} 中{why}，本项目「{actual}」未与批复的目标比对。",
        "申报表按项目名称（不计空格和全角半角）和年度查找：核对两张表的项目名称和年度是否一致；也可用 "
        "perf-xlsx check 本表 --targets 申报表.xlsx 指定一张。",
        "{sheet}: {where} (given as --targets) holds {why_en}; '{actual}' was not compared with "
        "approved targets.",
        "申报表 are found by project name (spaces and full/half width aside) and year: check "
        "that the two names and years agree, or give the one file with --targets 申报表.xlsx.",
        "--targets 申报表文件夹 里没有这个项目的申报表"),
    "PX770": Entry(
        E, "未知的阶段",
        "没有名为「{stage}」的阶段；可用：{known}。",
        "用 --stage 选择 申报（target）、监控（monitor）或 自评（self），或不写让程序判断。",
        "There is no stage named '{stage}'; known stages: {known}.",
        "Pass --stage target, monitor or self (申报 / 监控 / 自评), or leave it out.",
        "--stage 年中"),
}
