"""Catalogue entries for PX5xx: the narrative 自评报告 (``perf-xlsx report`` / ``check --report``).

Findings about a report text carry ``sheet`` = the report's file name and no cell; their params
are ``loc`` (第N段, with the section), ``quote`` (the sentence), ``what`` (the figure's name),
``wb_loc`` (the workbook cell(s) the figure comes from) and ``expected`` / ``actual`` (workbook /
stated). PX520-PX522 are raised as ``InputError`` for a report file that cannot be read;
PX523-PX527 as ``OutputError`` for a report that cannot be written (``perf-xlsx report``).
"""
from __future__ import annotations

from .entry import E, Entry, I, W  # noqa: F401

_FIX_ZH = "以工作簿为准改正报告中的数字（或先改正工作簿再重新生成报告）。"
_FIX_EN = "Correct the figure in the report to the workbook's (or fix the workbook and regenerate)."

ENTRIES: dict[str, Entry] = {
    "PX501": Entry(
        E, "报告金额与工作簿不符",
        "报告{loc}「{quote}」：{what}写的是 {actual}，工作簿为 {expected} 万元（{wb_loc}）{why_zh}。",
        _FIX_ZH,
        "Report {loc} \"{quote}\": {what} is stated as {actual}; the workbook has {expected} 万元 "
        "({wb_loc}){why_en}.",
        _FIX_EN,
        "报告写「结余0.4812万元」，工作簿全年预算数 1 − 全年执行数 0.52 = 0.48 万元"),
    "PX502": Entry(
        W, "报告金额是工作簿数字的四舍五入",
        "报告{loc}「{quote}」：{what}写的是 {actual}，工作簿为 {expected} 万元（{wb_loc}），"
        "报告把它四舍五入了。",
        "按工作簿的精度写出金额（写 {expected} 万元），全文同一金额只用一种写法。",
        "Report {loc} \"{quote}\": {what} is stated as {actual}, the workbook's {expected} 万元 "
        "({wb_loc}) rounded.",
        "State the amount at the workbook's precision ({expected} 万元), the same way everywhere.",
        "工作簿实际到位资金 0.5188 万元，报告写「实际收到预算资金0.52万元」"),
    "PX503": Entry(
        E, "报告比率与工作簿不符",
        "报告{loc}「{quote}」：{what}写的是 {actual}，按工作簿计算为 {expected}（{wb_loc}）。",
        "按工作簿计算比率（保留两位小数）后改正报告。",
        "Report {loc} \"{quote}\": {what} is stated as {actual}; from the workbook it is "
        "{expected} ({wb_loc}).",
        "Compute the rate from the workbook (two decimals) and correct the report.",
        "报告写「预算执行率52.00%」，工作簿 0.5188 ÷ 1 = 51.88%"),
    "PX504": Entry(
        E, "报告指标个数与工作簿不符",
        "报告{loc}「{quote}」：{what}写的是 {actual} 个，工作簿为 {expected} 个（{wb_loc}）。",
        "数一数绩效指标表中的指标（或已完成的指标）后改正报告。",
        "Report {loc} \"{quote}\": {what} is stated as {actual}; the workbook has {expected} "
        "({wb_loc}).",
        "Count the indicators (or the met ones) on the indicator sheet and correct the report.",
        "报告写「已完成三级指标12个」，但有 1 个时效指标未达成"),
    "PX505": Entry(
        E, "报告中的项目名称与工作簿不符",
        "报告{loc}「{quote}」称本项目为「{actual}」，工作簿的项目名称是「{expected}」（{wb_loc}）。",
        "改用与预算批复一致的项目全称；多半是从别的项目的报告复制过来的。",
        "Report {loc} \"{quote}\" calls the project \"{actual}\"; the workbook's project name is "
        "\"{expected}\" ({wb_loc}).",
        "Use the project's approved full name; this was probably copied from another report.",
        "宣传项目的报告写「喀什政府网站网络运行维护项目预算安排总额为1万元」"),
    "PX506": Entry(
        W, "报告中的年度或日期与工作簿不符",
        "报告{loc}「{quote}」：{what}写的是 {actual}，工作簿为 {expected}（{wb_loc}）。",
        "核对年度和项目完成日期，改正报告或工作簿。",
        "Report {loc} \"{quote}\": {what} is stated as {actual}; the workbook has {expected} "
        "({wb_loc}).",
        "Check the year and the completion date; correct the report or the workbook.",
        "报告写「截至2018年10月底项目已经全部实施完成」，工作簿完成日期 2018-11-30"),
    "PX507": Entry(
        W, "报告得分或等级与工作簿不符",
        "报告{loc}「{quote}」：{what}写的是 {actual}，按工作簿计算为 {expected}。",
        "以 perf-xlsx 计算的得分和等级为准改正报告，或先改正自评表。",
        "Report {loc} \"{quote}\": {what} is stated as {actual}; from the workbook it is "
        "{expected}.",
        "Use the score and grade perf-xlsx computes, or fix the form first.",
        "报告写「自评总分98分」，按工作簿计算为 95.20 分"),
    "PX508": Entry(
        W, "报告前后数字不一致",
        "报告中{what}前后写法不一：{actual}。",
        "同一个数全文只能有一个值：核对后统一改为工作簿的数字（{expected}）。",
        "The report states {what} in different ways: {actual}.",
        "One figure, one value: make every mention equal to the workbook's ({expected}).",
        "报告第9段「结余资金0.48万元」，第25段「结余0.4812万元」"),
    "PX509": Entry(
        W, "报告的比率与报告自己的数字不符",
        "报告{loc}「{quote}」：{what}写的是 {actual}，按报告自己写的 {basis} 计算应为 {expected}。",
        "用未经四舍五入的金额计算比率（保留两位小数）后改正。",
        "Report {loc} \"{quote}\": {what} is stated as {actual}; the report's own figures "
        "({basis}) give {expected}.",
        "Compute the rate from the unrounded amounts (two decimals) and correct it.",
        "报告写「预算执行率52.00%」，又写「于当年支出0.5188万元」，0.5188 ÷ 1 = 51.88%"),
    "PX511": Entry(
        W, "报告中的指标完成值与自评表不符",
        "报告{loc}「{quote}」：「{indicator}」写的是 {actual}，自评表的实际完成值为 {expected}"
        "（{wb_loc}）。",
        "核对两处数字，改正写错的一处；报告说的若是另一件事，写清楚它指的是什么。",
        "Report {loc} \"{quote}\": '{indicator}' is stated as {actual}; its actual value in "
        "the form is {expected} ({wb_loc}).",
        "Check both figures and correct the wrong one; if the report means something else, say "
        "what it counts.",
        "报告写「老人满意度95%」，自评表「老人满意度」实际完成值 96%"),
    "PX512": Entry(
        W, "报告称绩效目标全部完成，自评表中有未完成的指标",
        "报告{loc}「{quote}」：报告说指标全部完成，但自评表中有 {n} 个三级指标未完成（{names}）。",
        "如实写明未完成的指标、原因和改进措施；若指标其实已完成，核对自评表的实际完成值。",
        "Report {loc} \"{quote}\": the report says every target was met, but the form has {n} "
        "indicator(s) missed ({names}).",
        "Say which indicators were missed, why, and what will be done; if they were met, check "
        "their actual values in the form.",
        "报告写「本项目绩效目标全部达成」，自评表「宣传工作完成时间」未达成"),
    "PX510": Entry(
        I, "报告中没有可核对的数字",
        "在报告 {sheet} 中没有找到可以和工作簿核对的金额、比率或指标个数。",
        "确认选对了报告文件；只有 .docx（或 .doc）正文段落和 .txt 能读取（表格、图片中的数字不读）。",
        "No amount, rate or indicator count in report {sheet} could be matched to the workbook.",
        "Make sure this is the right report; only .docx (or .doc) body paragraphs and .txt are read "
        "(not tables or images).",
        "把空白的报告模板当作报告检查"),
    "PX520": Entry(
        E, "找不到报告文件",
        "找不到报告文件 {path}。",
        "检查 --report 后面的路径和文件名（含扩展名 .docx 或 .txt）。",
        "Report file not found: {path}.",
        "Check the path after --report (including the .docx or .txt extension).",
        "perf-xlsx check 自评表.xlsx --report 自评报告.doc，但文件其实是 .docx"),
    "PX521": Entry(
        E, "报告文件格式不支持",
        "报告文件 {path} 不是 .docx、.doc 或 .txt，或无法转换（{detail}）。",
        "用 Word 或 WPS 打开后「另存为」Word 文档 (*.docx)，或另存为纯文本 (*.txt)，再检查。",
        "Report file {path} is not a .docx, .doc or .txt, or could not be converted ({detail}).",
        "Open it in Word or WPS and Save As 'Word Document (*.docx)' or plain text (*.txt).",
        "报告是 .pdf；或本机没有 LibreOffice 时的 .doc"),
    "PX522": Entry(
        E, "报告文件已损坏",
        "报告文件 {path} 无法读取（{detail}）。",
        "重新获取文件；若 Word/WPS 能打开，另存为 .docx 后再检查。",
        "Report file {path} cannot be read ({detail}).",
        "Get the file again; if Word or WPS opens it, save it as .docx and retry.",
        "只下载了一半的 .docx"),
    "PX523": Entry(
        E, "报告保存位置的文件夹不存在",
        "无法保存报告 {path}：文件夹 {folder} 不存在。",
        "先建立该文件夹，或用 -o 指定已有文件夹中的文件（如 -o 自评报告.docx 保存到当前文件夹）。",
        "Cannot save the report {path}: folder {folder} does not exist.",
        "Create the folder first, or give -o a file in an existing folder (e.g. -o report.docx).",
        "perf-xlsx report 自评表.xlsx -o D:\\报告\\自评报告.docx，但 D:\\报告 还没建"),
    "PX524": Entry(
        E, "报告文件已存在",
        "报告文件 {path} 已存在，未覆盖。",
        "如需覆盖，请加 --force；或用 -o 指定另一个文件名。",
        "The report file {path} already exists; it was not overwritten.",
        "Add --force to overwrite it, or give another file name with -o.",
        "第二次运行 perf-xlsx report 自评表.xlsx"),
    "PX525": Entry(
        E, "报告文件名不是 .docx",
        "报告文件名 {path} 不以 .docx 结尾，未写入。",
        "用 -o 指定以 .docx 结尾的文件名，如 -o 自评报告.docx。",
        "The report file name {path} does not end in .docx; nothing was written.",
        "Give -o a file name ending in .docx, e.g. -o report.docx.",
        "perf-xlsx report 自评表.xlsx -o 自评报告.pdf"),
    "PX526": Entry(
        E, "报告文件正被打开",
        "报告文件 {path} 正在被 Word/WPS 打开（发现锁文件 {lock}），未写入；原文件未被修改。",
        "在 Word/WPS 中关闭该文件后重新运行；若文件并未打开，请删除同一文件夹中的隐藏文件 {lock}。",
        "The report file {path} is open in Word/WPS (lock file {lock}); nothing was written and "
        "the existing file is unchanged.",
        "Close the file in Word/WPS and run again; if it is not open, delete the hidden file "
        "{lock} in the same folder.",
        "上次生成的自评报告.docx 还在 Word 中打开，又加 --force 重新生成"),
    "PX527": Entry(
        E, "报告文件名无效或过长",
        "无法用这个文件名保存报告：{path}（{error}）。",
        "用 -o 指定较短的文件名（不超过 60 个汉字），且不含 \\ / : * ? \" < > | 等字符。",
        "Cannot save the report under this name: {path} ({error}).",
        "Give -o a shorter file name (at most 60 characters) without \\ / : * ? \" < > |.",
        "-o 后面的文件名有 200 多个汉字"),
}
