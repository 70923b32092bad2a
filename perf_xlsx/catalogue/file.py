"""Catalogue entries for this range (see catalogue/__init__.py): PX0xx unusable files and limits.

Raised as ``errors.InputError(code, path=..., **params)`` by ``sniff`` and ``ooxml.package``; PX013 is
the one warning (a macro workbook is read, its macros are ignored). Params: ``path`` always,
``detail``, ``size``, ``limit``, ``part`` where noted in the templates.
"""
from __future__ import annotations

from .entry import E, Entry, I, W  # noqa: F401

_SAVE_AS_ZH = "请用 Excel 或 WPS 打开它，「文件 → 另存为」选择「Excel 工作簿 (*.xlsx)」，再检查新文件。"
_SAVE_AS_EN = ("Open it in Excel or WPS, use File → Save As → 'Excel Workbook (*.xlsx)', "
               "then check the new file.")

ENTRIES: dict[str, Entry] = {
    "PX001": Entry(
        E, "文件不存在",
        "找不到文件 {path}。",
        "检查路径和文件名是否写对（含扩展名 .xlsx）；路径里有空格时请用引号括起来。",
        "File not found: {path}.",
        "Check the path and file name (including the .xlsx extension); quote paths with spaces.",
        "perf-xlsx check 自评表.xlsx，但文件其实叫 自评表(1).xlsx"),
    "PX002": Entry(
        E, "给的是文件夹，不是文件",
        "{path} 是一个文件夹，不是工作簿文件。",
        "请给出文件夹里具体的 .xlsx 文件路径，例如 {path}/自评表.xlsx。",
        "{path} is a folder, not a workbook file.",
        "Give the path of a .xlsx file inside the folder, e.g. {path}/form.xlsx.",
        "perf-xlsx check 下载/"),
    "PX003": Entry(
        E, "文件是空的",
        "{path} 是空文件（0 字节），里面没有任何内容。",
        "文件可能没有下载或复制完整：请重新下载或从原处重新复制，打开确认有内容后再检查。",
        "{path} is empty (0 bytes).",
        "The download or copy was probably incomplete: fetch the file again and make sure it "
        "opens.",
        "邮件附件下载中断，得到 0 字节的 .xlsx"),
    "PX004": Entry(
        E, "文件太大",
        "{path} 有 {size} 字节，超过上限 {limit} 字节；自评表通常只有几十 KB。",
        "请确认选对了文件；删除无关的工作表、图片后另存为 .xlsx 再检查。",
        "{path} is {size} bytes, above the limit of {limit} bytes; a self-evaluation form is "
        "usually a few dozen KB.",
        "Make sure this is the right file; delete unrelated sheets and pictures, save, retry.",
        "把 80 MB 的台账工作簿当成自评表检查"),
    "PX005": Entry(
        E, "文件已损坏或不完整",
        "{path} 看起来是 .xlsx（zip 压缩包），但已损坏或不完整，无法读取（{detail}）。",
        "文件多半没有下载或复制完整：请重新获取原文件；若 Excel/WPS 能打开并修复，修复后另存为 .xlsx 再检查。",
        "{path} looks like a .xlsx (zip) file but is damaged or incomplete ({detail}).",
        "The file was probably cut short while downloading or copying: get it again; if Excel or "
        "WPS can open and repair it, save the repaired copy as .xlsx and check that.",
        "只复制了一半的 .xlsx 文件"),
    "PX006": Entry(
        E, "不是 Excel 工作簿",
        "{path} 是 zip 压缩包，但不是 Excel 工作簿（{detail}）。",
        "请选择自评表文件（.xlsx/.xls/.et/.ods，或附有自评表的 .docx 报告）；其他压缩包不能检查。",
        "{path} is a zip archive but not an Excel workbook ({detail}).",
        "Choose the self-evaluation form (.xlsx/.xls/.et/.ods, or a .docx report holding the "
        "form); other archives cannot be checked.",
        "把 PowerPoint 文件改名为 .xlsx"),
    "PX007": Entry(
        E, "工作簿设置了打开密码",
        "{path} 设置了打开密码（已加密），无法读取其中内容。",
        "请先去掉打开密码再另存为 .xlsx：在 Excel 中「文件 → 信息 → 保护工作簿 → 用密码进行加密」清空密码"
        "（WPS：「文件 → 文档加密 → 密码加密」清空），保存后再检查。",
        "{path} is protected with an opening password (encrypted) and cannot be read.",
        "Remove the opening password, then save as .xlsx: in Excel use File → Info → Protect "
        "Workbook → Encrypt with Password and clear it (WPS: File → Document Encryption), then "
        "check again.",
        "单位要求所有文件加密，自评表带密码发送"),
    "PX008": Entry(
        E, "无法读取的 .xls / .et 文件",
        "{path} 是 Excel 97-2003 (.xls)、WPS 表格 (.et) 或其他 OLE 格式的文件，但读不出其中的表格"
        "（{detail}）。",
        _SAVE_AS_ZH,
        "{path} is an Excel 97-2003 (.xls), WPS (.et) or other OLE file whose sheets cannot be "
        "read ({detail}).",
        _SAVE_AS_EN,
        "损坏的 .xls 文件，或 Word 97-2003 .doc"),
    "PX009": Entry(
        E, "CSV 文本文件改名为 .xlsx",
        "{path} 其实是 CSV（逗号或制表符分隔的文本），不是 Excel 工作簿。",
        "请在 Excel 或 WPS 中打开该 CSV，按模板填好后「另存为 Excel 工作簿 (*.xlsx)」；"
        "最好直接用 perf-xlsx template 生成的模板填写。",
        "{path} is really a CSV (comma- or tab-separated text), not an Excel workbook.",
        "Open the CSV in Excel or WPS, fill in the template and save as 'Excel Workbook (*.xlsx)'; "
        "better, fill in the template made by perf-xlsx template.",
        "系统导出的 .csv 改名为 .xlsx"),
    "PX010": Entry(
        E, "网页或 XML 文件中没有可读的表格",
        "{path} 其实是网页（HTML）或 XML 文本（{detail}），里面没有可以读取的表格"
        "（系统「导出 Excel」得到的网页表格和 Excel 2003 XML 表格可以直接检查）。",
        _SAVE_AS_ZH,
        "{path} is really a web page (HTML) or XML text ({detail}) holding no table perf-xlsx "
        "can read (the page of tables or the Excel 2003 XML a system's 'export to Excel' gives "
        "is read as it is).",
        _SAVE_AS_EN,
        "把没有表格的网页或普通 XML 文件改名为 .xlsx"),
    "PX011": Entry(
        E, "严格 (Strict) Open XML 格式",
        "{path} 是「Strict Open XML 电子表格」格式，perf-xlsx 只读常用的 .xlsx 格式。",
        "请在 Excel 中「另存为」选择「Excel 工作簿 (*.xlsx)」（不要选 Strict Open XML），再检查新文件。",
        "{path} is a 'Strict Open XML Spreadsheet'; perf-xlsx reads the usual .xlsx format.",
        "In Excel use Save As → 'Excel Workbook (*.xlsx)' (not Strict Open XML), then check the "
        "new file.",
        "另存时误选了 Strict Open XML 电子表格"),
    "PX012": Entry(
        E, "二进制工作簿 (.xlsb)",
        "{path} 是 Excel 二进制工作簿 (.xlsb)，perf-xlsx 只读 .xlsx。",
        _SAVE_AS_ZH,
        "{path} is an Excel binary workbook (.xlsb); perf-xlsx reads .xlsx only.",
        _SAVE_AS_EN,
        "把 .xlsb 改名为 .xlsx"),
    "PX013": Entry(
        W, "工作簿含宏（已忽略）",
        "{path} 是含宏的工作簿 (.xlsm)；perf-xlsx 只读取单元格内容，宏不会被运行。",
        "自评表不需要宏：建议「另存为 Excel 工作簿 (*.xlsx)」后再报送。",
        "{path} is a macro-enabled workbook (.xlsm); perf-xlsx reads the cells only and never runs "
        "the macros.",
        "The form needs no macros: save it as 'Excel Workbook (*.xlsx)' before submitting.",
        "在模板里录制过宏并另存为 .xlsm"),
    "PX014": Entry(
        E, "工作簿内部件过多",
        "{path} 内含 {size} 个部件，超过上限 {limit} 个；正常的自评表只有几十个。",
        "文件可能被其他程序改坏或不是自评表：请用 Excel/WPS 打开后另存为新的 .xlsx 再检查。",
        "{path} holds {size} parts, above the limit of {limit}; a normal form has a few dozen.",
        "The file may be damaged or not a form at all: open it in Excel/WPS, save as a new .xlsx "
        "and check that.",
        "构造的含上万个部件的 zip"),
    "PX015": Entry(
        E, "解压后过大（疑似压缩炸弹）",
        "{path} 解压后共 {size} 字节，超过上限 {limit} 字节；为安全起见不予读取。",
        "请确认文件来源；正常自评表解压后不超过几 MB。删除无关内容后另存为 .xlsx 再检查。",
        "{path} would unpack to {size} bytes, above the limit of {limit}; refused for safety.",
        "Check where the file came from; a normal form unpacks to a few MB at most.",
        "声明解压大小 10 GB 的压缩炸弹"),
    "PX016": Entry(
        E, "XML 含不安全的实体或 DTD",
        "{path} 的部件 {part} 含 DTD 或实体声明（{detail}），这在正常工作簿中不会出现，可能是恶意构造的文件；已拒绝读取。",
        "请确认文件来源；用 Excel/WPS 打开并另存为新的 .xlsx 后再检查。",
        "The part {part} of {path} declares a DTD or entities ({detail}); normal workbooks never "
        "do, so the file may be malicious and was refused.",
        "Check where the file came from; open it in Excel/WPS and save a new .xlsx.",
        "sharedStrings.xml 中的「十亿笑」实体炸弹"),
    "PX017": Entry(
        E, "工作簿内部 XML 已损坏",
        "{path} 的部件 {part} 不是有效的 XML（{detail}），无法读取。",
        "请用 Excel/WPS 打开（必要时让它修复）后另存为新的 .xlsx 再检查。",
        "The part {part} of {path} is not valid XML ({detail}).",
        "Open the file in Excel/WPS (let it repair the file if asked), save a new .xlsx, retry.",
        "其他程序写出的 sheet1.xml 少了结束标签"),
    "PX018": Entry(
        E, "超时",
        "检查 {path}（读取、检查和写入）超过了 {limit} 秒的时间上限，已停止；原文件未被修改。",
        "文件可能过大或结构异常：删除无关的工作表和内容后另存为 .xlsx 再检查。",
        "Checking {path} (reading, checking and writing) took longer than the {limit}-second "
        "limit and was stopped; the file is unchanged.",
        "The file may be too large or unusual: delete unrelated sheets and content, save, retry.",
        "含几十万行数据的工作表"),
    "PX019": Entry(
        E, "无法识别的文件格式",
        "{path} 不是 Excel 工作簿，也不是能识别的其他格式（文件开头：{detail}）。",
        "请选择自评表的 .xlsx 文件；如果它能用 Excel/WPS 打开，请另存为 .xlsx 再检查。",
        "{path} is not an Excel workbook nor any format perf-xlsx recognises (starts with: "
        "{detail}).",
        "Choose the .xlsx file of the form; if Excel/WPS can open it, save it as .xlsx.",
        "把 .pdf 或图片改名为 .xlsx"),
    "PX020": Entry(
        E, "文本文件改名为 .xlsx",
        "{path} 其实是普通文本文件，不是 Excel 工作簿。",
        "请用 perf-xlsx template 生成模板，在 Excel/WPS 中填写并保存为 .xlsx 后再检查。",
        "{path} is a plain text file, not an Excel workbook.",
        "Make the template with perf-xlsx template, fill it in Excel/WPS, save as .xlsx.",
        "把 .txt 说明文字改名为 .xlsx"),
    "PX021": Entry(
        E, "无法打开文件",
        "无法打开 {path}（{detail}）。",
        "检查是否有读取该文件的权限，文件是否被其他程序独占；复制到本地文件夹后再试。",
        "Cannot open {path} ({detail}).",
        "Check that you may read the file and no program holds it exclusively; copy it to a "
        "local folder and retry.",
        "网络盘上无读取权限的文件"),
    "PX022": Entry(
        E, "Word 97-2003 文档（.doc）无法转换",
        "{path} 是 Word 97-2003 文档（.doc 或 WPS 文字 .wps），未能读取其中的表格（{detail}）。",
        "请用 Word 或 WPS 文字打开它，「文件 → 另存为」选择「Word 文档 (*.docx)」，再检查新文件"
        "（其中的自评表会被读取）；或安装 LibreOffice，perf-xlsx 会自动用它转换 .doc（装在别处时，"
        "用环境变量 PERF_XLSX_SOFFICE 指明 soffice 的位置）。",
        "{path} is a Word 97-2003 document (.doc, or a WPS Writer .wps); its tables could not be "
        "read ({detail}).",
        "Open it in Word or WPS Writer, use File → Save As → 'Word Document (*.docx)', then "
        "check the new file (the form table in it is read); or install LibreOffice, which "
        "perf-xlsx then uses to convert a .doc (set PERF_XLSX_SOFFICE to soffice's path when it "
        "is installed elsewhere).",
        "收到的自评报告是 .doc"),
}
