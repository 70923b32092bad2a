"""Catalogue entries for this range (see catalogue/__init__.py): PX1xx reading the template."""
from __future__ import annotations

from .entry import E, Entry, I, W  # noqa: F401

_RESAVE_ZH = "用 Excel 或 WPS 打开这个文件并保存一次（保存时会写入公式结果），然后重新检查。"
_RESAVE_EN = "Open the file in Excel or WPS and save it once (that stores formula results), then " \
             "check again."
_NEW_TEMPLATE_ZH = "请用 `perf-xlsx template` 生成新模板，把内容复制到对应单元格后再检查。"
_NEW_TEMPLATE_EN = "Generate a fresh template with `perf-xlsx template`, copy the content into " \
                   "the matching cells and check again."

ENTRIES: dict[str, Entry] = {
    "PX101": Entry(
        E, "不是绩效自评模板",
        "{path}：这个文件既不是本工具的绩效自评模板（找不到工作表 {expected}，也没有模板的定义名称"
        "和表格），也没有官方表样的《项目支出绩效自评表》（任何工作表上都找不到「项目名称」和绩效指标"
        "表头）。已查看的工作表：{actual}。{seen_zh}",
        _NEW_TEMPLATE_ZH,
        "{path}: this file is neither the perf-xlsx self-evaluation template (none of the sheets "
        "{expected}, defined names or Tables of the template were found) nor a published "
        "self-evaluation form (no sheet has 项目名称 and an indicator header). Sheets looked at: "
        "{actual}.{seen_en}",
        _NEW_TEMPLATE_EN,
        "把省里下发的其他格式自评表直接拿来检查"),
    "PX102": Entry(
        E, "缺少工作表",
        "缺少工作表「{expected}」，其中的内容无法读取。",
        "不要删除或改名模板中的工作表。请从新模板（perf-xlsx template）复制工作表「{expected}」"
        "回来，填好后再检查。",
        "The sheet '{expected}' is missing, so its content cannot be read.",
        "Do not delete or rename the template's sheets. Copy the sheet '{expected}' from a fresh "
        "template (perf-xlsx template), fill it in and check again.",
        "删除了「资金明细」工作表"),
    "PX103": Entry(
        W, "工作表被改名",
        "没有工作表「{expected}」，但有名称相近的工作表「{actual}」，已按它读取。",
        "请把工作表「{actual}」改回「{expected}」（右键工作表标签 → 重命名）。",
        "There is no sheet '{expected}', but a similarly named sheet '{actual}' was read instead.",
        "Rename the sheet '{actual}' back to '{expected}' (right-click the sheet tab → Rename).",
        "「项目信息」被改名为「项目信息 (2)」"),
    "PX104": Entry(
        W, "定义名称被删除",
        "定义名称 {name}（{label}）不存在，已按模板位置 {sheet}!{cell} 读取。",
        "不要删除模板的定义名称。在「公式 → 名称管理器」中新建名称 {name}，引用 {sheet}!{cell}；"
        "或用新模板重新填写。",
        "The defined name {name} ({label_en}) does not exist; {sheet}!{cell}, its place in the "
        "template, was read instead.",
        "Do not delete the template's defined names. In Formulas → Name Manager, create {name} "
        "referring to {sheet}!{cell}, or fill in a fresh template.",
        "名称管理器里删除了 project_name"),
    "PX105": Entry(
        W, "大量定义名称缺失",
        "工作簿缺少 {count} 个可用的模板定义名称（{names}），已按模板位置从「{sheet}」读取；"
        "如果行或列被插入、删除过，读到的可能不是正确的单元格。",
        "内容很可能是复制到了另一个工作簿中。" + _NEW_TEMPLATE_ZH,
        "The workbook lacks {count} usable defined names of the template ({names}); the "
        "template's cell positions on '{sheet}' were read instead, which is wrong if rows or "
        "columns were inserted or deleted.",
        "The content was probably copied into another workbook. " + _NEW_TEMPLATE_EN,
        "把模板内容整页复制到新建的工作簿"),
    "PX128": Entry(
        W, "模板另存成了 .xls、.et 或 .ods",
        "{path}：这是本工具的模板，但另存成了 {fmt}；这种格式读不到模板的定义名称、表格对象和"
        "数字格式，已按模板的单元格位置和表头读取。如果行或列被插入、删除过，读到的可能不是正确的"
        "单元格；检查结果另存为新的 .xlsx，不写回这个文件。{record_zh}",
        "在 Excel 或 WPS 中把它另存为「Excel 工作簿 (.xlsx)」后重新检查，或用 perf-xlsx import "
        "把它转回 .xlsx 模板。",
        "{path}: this is the perf-xlsx template saved as {fmt}. The template's defined names, "
        "Tables and number formats cannot be read from that format, so its cell positions and "
        "table headers were read instead, which is wrong if rows or columns were inserted or "
        "deleted. The results go to a new .xlsx, never into this file.{record_en}",
        "Save it as an Excel workbook (.xlsx) in Excel or WPS and check again, or turn it back "
        "into the .xlsx template with perf-xlsx import.",
        "模板在 WPS 中另存为 .et 或 Excel 97-2003 (.xls)"),
    "PX106": Entry(
        W, "定义名称失效",
        "定义名称 {name}（{label}）指向 {actual}，不是一个可读的单元格，已按模板位置 {sheet}!{cell} "
        "读取。",
        "在「公式 → 名称管理器」中把 {name} 的引用改为 {sheet}!{cell}。",
        "The defined name {name} ({label_en}) refers to {actual}, which is not a readable cell; "
        "{sheet}!{cell}, its place in the template, was read instead.",
        "In Formulas → Name Manager, make {name} refer to {sheet}!{cell}.",
        "删除了 B2 所在的行，名称变成 #REF!"),
    "PX107": Entry(
        W, "缺少模板版本号",
        "{sheet}!{cell} 没有模板版本号（当前模板版本 {expected}），无法确认表格结构，已尽量读取。",
        "模板版本号由工具填写，请勿修改。" + _NEW_TEMPLATE_ZH,
        "{sheet}!{cell} holds no template version (current version {expected}); the layout "
        "cannot be confirmed and was read as far as possible.",
        "The version is written by the tool; do not edit it. " + _NEW_TEMPLATE_EN,
        "清空了模板版本单元格"),
    "PX108": Entry(
        I, "模板版本较旧",
        "{sheet}!{cell}：模板版本 {actual} 较旧（当前 {expected}），仍可读取。",
        "下次填写时请使用新模板（perf-xlsx template）。",
        "{sheet}!{cell}: template version {actual} is older than the current {expected}; it can "
        "still be read.",
        "Use a fresh template (perf-xlsx template) next time.",
        "用去年的模板填写"),
    "PX109": Entry(
        W, "模板版本未知",
        "{sheet}!{cell}：模板版本 {actual} 未知或比本工具支持的 {expected} 更新，已尽量读取。",
        "请升级 perf-xlsx，或用本工具生成的模板（perf-xlsx template）重新填写。",
        "{sheet}!{cell}: template version {actual} is unknown or newer than {expected}, which this "
        "tool supports; it was read as far as possible.",
        "Upgrade perf-xlsx, or fill in a template generated by this tool (perf-xlsx template).",
        "版本号被改成 2030.1"),
    "PX110": Entry(
        W, "表格对象丢失",
        "工作表「{sheet}」中的表格（Table）{table} 不存在，已按第 {row} 行的表头读取。",
        "表格对象可能被其他软件去掉了。数据已按表头读取；建议用新模板重新填写，以保留下拉列表和校验。",
        "The Table {table} on the sheet '{sheet}' is gone; the data were read by the header in row "
        "{row}.",
        "Another program probably dropped the Table. The data were read by their headers; filling "
        "in a fresh template keeps the drop-down lists and validation.",
        "用某些软件另存后，资金明细的 Table 消失"),
    "PX111": Entry(
        E, "找不到表头",
        "工作表「{sheet}」中既没有表格 {table}，也找不到表头行（{expected}），已按模板位置第 {row} 行"
        "读取，结果可能不对。",
        "把表头行恢复为模板的表头（第 {row} 行：{expected}），或用新模板重新填写。",
        "The sheet '{sheet}' has neither the Table {table} nor its header row ({expected}); it "
        "was read by the template's layout (header in row {row}), which may be wrong.",
        "Restore the template's header row (row {row}: {expected}), or fill in a fresh template.",
        "删除了表头行并去掉了 Table"),
    "PX112": Entry(
        E, "缺少必填列",
        "工作表「{sheet}」第 {row} 行的表头中找不到列「{expected}」，这一列按空白读取。",
        "把表头改回「{expected}」（不要改动模板的表头文字）。",
        "The header in row {row} of the sheet '{sheet}' has no column '{expected}'; that column is "
        "read as empty.",
        "Rename the header back to '{expected}' (do not edit the template's headers).",
        "把表头「金额（万元）」改成「支出金额」"),
    "PX113": Entry(
        W, "缺少选填列",
        "工作表「{sheet}」第 {row} 行的表头中找不到选填列「{expected}」，这一列按空白读取。",
        "如需填写这一列，请把表头改回「{expected}」。",
        "The header in row {row} of the sheet '{sheet}' has no optional column '{expected}'; it "
        "is read as empty.",
        "To use that column, rename its header back to '{expected}'.",
        "删除了「备注」列"),
    "PX114": Entry(
        W, "表头被修改",
        "{sheet}!{cell} 的表头「{actual}」与模板的「{expected}」不同，已按「{expected}」读取。",
        "把表头改回「{expected}」，并确认这一列的单位与模板一致。",
        "The header '{actual}' at {sheet}!{cell} differs from the template's '{expected}'; it was "
        "read as '{expected}'.",
        "Rename the header back to '{expected}' and make sure the column uses the template's unit.",
        "表头「金额（万元）」被改成「金额」"),
    "PX115": Entry(
        W, "工作表超出读取上限",
        "工作表「{sheet}」超过读取上限（{max_rows} 行 × {max_cols} 列），超出部分未读取。",
        "删除工作表中多余的行和列（包括远处的空格式单元格），或把数据拆到多个文件。",
        "The sheet '{sheet}' exceeds the reading limit ({max_rows} rows × {max_cols} columns); the "
        "rest was not read.",
        "Delete the surplus rows and columns (including far-away formatted cells), or split the "
        "data over several files.",
        "绩效指标表中误填到第 100000 行"),
    "PX116": Entry(
        E, "输入单元格被合并",
        "{sheet}!{cell}（{label}）被合并进区域 {range}，内容无法读取。",
        "选中 {range}，点「合并后居中」取消合并，再把{label}填在 {cell}。",
        "{sheet}!{cell} ({label_en}) is merged into {range}, so its content cannot be read.",
        "Select {range}, click Merge & Center to unmerge it, and type the {label_en} into {cell}.",
        "把 A2:B2 合并后，项目名称单元格 B2 消失"),
    "PX117": Entry(
        I, "合计行未计入明细",
        "{sheet}!{cell}：第 {row} 行是合计行「{actual}」，没有作为明细读取。",
        "合计由工具自动计算，表格中不必填写合计行；可以删除这一行。",
        "{sheet}!{cell}: row {row} is a totals row ('{actual}') and was not read as a line.",
        "The tool adds up the lines itself; the totals row can be deleted.",
        "资金明细最后一行填「合计 0.52」"),
    "PX118": Entry(
        I, "说明文字未计入明细",
        "{sheet}!{cell}：第 {row} 行是说明文字「{actual}」，没有作为明细读取。",
        "说明请写在「备注」或「偏差原因分析及改进措施」列中。",
        "{sheet}!{cell}: row {row} is a note ('{actual}') and was not read as a line.",
        "Put explanations in the note or deviation column instead.",
        "表格下方写「注：金额单位为万元」"),
    "PX119": Entry(
        I, "缺少填表说明",
        "缺少工作表「{expected}」（填表说明），不影响检查。",
        "如需查看填写要求，可用 perf-xlsx template 生成新模板。",
        "The sheet '{expected}' (filling instructions) is missing; checking is not affected.",
        "Generate a fresh template with perf-xlsx template to see the instructions.",
        "删除了「填表说明」工作表"),
    "PX120": Entry(
        W, "数字以文本形式填写",
        "{sheet}!{cell} 填的是文本「{actual}」，已按数字 {expected} 读取。",
        "在单元格中只填数字（不带单位、逗号、空格，用半角字符），单位见表头或标签。",
        "{sheet}!{cell} holds the text '{actual}'; it was read as the number {expected}.",
        "Type only the number (no unit, commas or spaces, half-width characters); the unit is "
        "given by the header or label.",
        "金额填成「0.22万元」或「１２３．４５」"),
    "PX121": Entry(
        W, "金额单位换算（元→万元）",
        "{sheet}!{cell} 填的是「{actual}」（单位{unit}），已换算为 {expected} 万元。",
        "金额单位是万元：请在单元格中填 {expected}。",
        "{sheet}!{cell} holds '{actual}' (in {unit}); it was converted to {expected} (10k yuan).",
        "Amounts are in 万元 (10k yuan): type {expected} into the cell.",
        "金额填成「2200元」"),
    "PX122": Entry(
        E, "应为数字",
        "{sheet}!{cell}（{label}）应为数字，但填的是「{actual}」，无法读取。",
        "请只填数字，如 {example}。",
        "{sheet}!{cell} ({label_en}) should be a number but holds '{actual}', which cannot be "
        "read.",
        "Type a number only, e.g. {example}.",
        "金额填成「约两千元」"),
    "PX124": Entry(
        E, "日期无法识别",
        "{sheet}!{cell}（{label}）的「{actual}」不是可识别的日期。",
        "请填写日期，如 2018-11-30 或 2018年11月30日。",
        "{sheet}!{cell} ({label_en}): '{actual}' is not a recognisable date.",
        "Type a date such as 2018-11-30.",
        "完成日期填「年底」"),
    "PX125": Entry(
        W, "日期以数字形式填写",
        "{sheet}!{cell} 填的是数字 {actual}，已按日期序号读取为 {expected}。",
        "把单元格格式设为日期，或直接填 {expected}。",
        "{sheet}!{cell} holds the number {actual}; it was read as the date serial {expected}.",
        "Format the cell as a date, or type {expected}.",
        "完成日期单元格显示 43434"),
    "PX126": Entry(
        E, "年度无法识别",
        "{sheet}!{cell}（{label}）的「{actual}」不是四位年份。",
        "请填写四位年份，如 2018。",
        "{sheet}!{cell} ({label_en}): '{actual}' is not a four-digit year.",
        "Type a four-digit year such as 2018.",
        "年度填「18年」"),
    "PX127": Entry(
        W, "日期以 8 位数字形式填写",
        "{sheet}!{cell} 填的是数字 {actual}，已按年月日（yyyymmdd）读取为日期 {expected}。",
        "把单元格格式设为日期后填 {expected}，或直接填文本「{expected}」。",
        "{sheet}!{cell} holds the number {actual}; it was read as the date {expected} "
        "(yyyymmdd).",
        "Format the cell as a date and type {expected}, or type the text '{expected}'.",
        "完成日期单元格填数字 20180920"),
    "PX130": Entry(
        I, "公式结果由工具计算",
        "{sheet}!{cell} 的公式 ={formula} 没有保存计算结果，已由工具计算为 {expected}。",
        _RESAVE_ZH,
        "The formula ={formula} at {sheet}!{cell} has no stored result; the tool computed "
        "{expected}.",
        _RESAVE_EN,
        "用程序生成、未经 Excel 保存的文件里有 =SUM(B10:B12)"),
    "PX131": Entry(
        E, "公式没有计算结果",
        "{sheet}!{cell} 的公式 ={formula} 没有保存计算结果，工具也无法计算——请用 Excel/WPS 打开并保存。",
        _RESAVE_ZH,
        "The formula ={formula} at {sheet}!{cell} has no stored result and the tool cannot "
        "compute it — open and save the file in Excel/WPS.",
        _RESAVE_EN,
        "用程序生成的文件里有 =VLOOKUP(...)"),
    "PX132": Entry(
        E, "单元格是错误值",
        "{sheet}!{cell} 的值是错误值 {actual}，无法读取。",
        "修正这个单元格（#DIV/0! 除数为 0，#REF! 引用的单元格已删除，#VALUE! 参与计算的是文字，"
        "#NAME? 函数或名称拼错），或直接填入数值。",
        "{sheet}!{cell} holds the error value {actual} and cannot be read.",
        "Fix the cell (#DIV/0! divides by zero, #REF! refers to deleted cells, #VALUE! computes "
        "with text, #NAME? misspells a function or name), or type the value in.",
        "执行率单元格 =D9/C9 而 C9 为 0"),
    "PX133": Entry(
        E, "公式循环引用",
        "{sheet}!{cell} 的公式 ={formula} 循环引用了自身，无法计算。",
        "修改公式，使它不再直接或间接引用自己所在的单元格。",
        "The formula ={formula} at {sheet}!{cell} refers to itself (circular reference) and cannot "
        "be computed.",
        "Change the formula so that it no longer refers, directly or indirectly, to its own cell.",
        "B9 =B9+B10"),
    "PX140": Entry(
        E, "必填项未填写",
        "{sheet}!{cell}：{label}未填写。",
        "请填写{label}（鼠标移到单元格上可看到填写提示）。",
        "{sheet}!{cell}: the {label_en} is empty.",
        "Fill in the {label_en} (hover over the cell for a hint).",
        "项目名称为空"),
}
