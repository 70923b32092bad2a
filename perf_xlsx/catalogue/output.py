"""Catalogue entries for PX6xx: writing the result workbook (splice + safe write)."""
from __future__ import annotations

from .entry import E, Entry, I, W  # noqa: F401

ENTRIES: dict[str, Entry] = {
    "PX601": Entry(
        E, "文件正被打开",
        "文件正在被 Excel/WPS 打开，请关闭后重试：{path}（发现锁文件 {lock}）",
        "在 Excel/WPS 中关闭该文件后重新运行；若文件并未打开，请删除同一文件夹中的隐藏文件 {lock}。",
        "The file is open in Excel/WPS; close it and try again: {path} (lock file {lock})",
        "Close the file in Excel/WPS and run again; if it is not open, delete the hidden file {lock} "
        "in the same folder.",
        "绩效自评.xlsx 在 Excel 中打开着，旁边有 ~$绩效自评.xlsx",
    ),
    "PX602": Entry(
        E, "同一文件正在检查",
        "另一个 perf-xlsx 正在写入同一文件：{path}（锁文件 {lock}）",
        "等待另一次检查结束后重试；若没有其他检查在运行，删除锁文件 {lock}（{minutes} 分钟后自动失效）。",
        "Another perf-xlsx run is writing the same file: {path} (lock file {lock})",
        "Wait for the other run to finish and retry; if none is running, delete {lock} "
        "(it expires after {minutes} minutes).",
        "两个终端同时对 绩效自评.xlsx 运行 perf-xlsx check --write",
    ),
    "PX603": Entry(
        E, "磁盘空间不足",
        "磁盘空间不足，无法写入 {path}；原文件未被修改",
        "清理磁盘空间，或用 -o 把结果写到其他磁盘后重试。",
        "Disk full: cannot write {path}; the original file is unchanged",
        "Free some disk space, or write the result elsewhere with -o, and retry.",
        "U 盘已满时写入检查结果",
    ),
    "PX604": Entry(
        E, "写出的文件校验失败",
        "写出的结果文件未通过校验（{error}），已放弃写入 {path}；原文件未被修改",
        "这是 perf-xlsx 的问题，请把原文件和这条信息一起反馈给维护者。",
        "The written result failed verification ({error}); {path} was not written and the "
        "original is unchanged",
        "This is a perf-xlsx bug: please report it together with the original file.",
        "拼接后的工作簿读回时项目名称与原文件不一致",
    ),
    "PX605": Entry(
        E, "写入被中断",
        "写入 {path} 时被中断；原文件未被修改",
        "重新运行即可。",
        "Writing {path} was interrupted; the original file is unchanged",
        "Run the command again.",
        "写入过程中按了 Ctrl+C",
    ),
    "PX606": Entry(
        E, "没有写入权限",
        "没有权限在文件夹 {folder} 中写入 {path}（{error}）；原文件未被修改",
        "把文件复制到有写入权限的文件夹（如桌面）后重试，或用 -o 指定其他输出位置。",
        "No permission to write {path} in folder {folder} ({error}); the original is unchanged",
        "Copy the file to a folder you can write to (e.g. the desktop) or choose another output "
        "with -o.",
        "原文件在只读的网络共享目录中",
    ),
    "PX607": Entry(
        E, "工作簿结构无法拼接",
        "无法把结果工作表加入 {path}：{reason}",
        "在 Excel/WPS 中打开原文件并“另存为” .xlsx 后重试；或用 -o 另存结果。",
        "Cannot add the result sheets to {path}: {reason_en}",
        "Open the file in Excel/WPS, save it again as .xlsx and retry.",
        "工作簿中已有名为 自评表 的图表工作表",
    ),
    "PX608": Entry(
        E, "写入失败",
        "写入 {path} 失败：{error}；原文件未被修改",
        "检查磁盘和文件夹是否可用后重试。",
        "Writing {path} failed: {error}; the original file is unchanged",
        "Check that the disk and folder are available and retry.",
        "网络盘在写入时断开",
    ),
    "PX609": Entry(
        E, "生成结果失败",
        "生成结果工作簿时出错（{error}），未写入 {path}；原文件未被修改",
        "这是 perf-xlsx 的问题，请把原文件和这条信息一起反馈给维护者。",
        "Building the result workbook failed ({error}); {path} was not written and the "
        "original is unchanged",
        "This is a perf-xlsx bug: please report it together with the original file.",
        "拼接代码遇到意外的工作簿内容",
    ),
    "PX610": Entry(
        E, "输出文件的扩展名不对",
        "{path}：perf-xlsx 写出的是 Excel 工作簿，文件名须以 {expected} 结尾（现在是「{actual}」）。",
        "换一个以 {expected} 结尾的文件名，如 {suggest}。",
        "{path}: perf-xlsx writes an Excel workbook; the file name must end in {expected} "
        "(it ends in '{actual}').",
        "Use a name ending in {expected}, such as {suggest}.",
        "--summary 汇总.csv，或 check -o 结果.txt"),
    "PX611": Entry(
        E, "检查期间文件被另一个程序保存过",
        "{path} 在检查期间被另一个程序保存过（{what}）：为免覆盖较新的内容，结果未写入，文件保持你最新保存的样子。",
        "请重新运行检查（检查的是最新保存的内容）；检查期间不要在 Excel/WPS 中保存这个文件。",
        "{path} was saved by another program while it was being checked ({what}): to keep the "
        "newer save, the results were not written and the file is as last saved.",
        "Run the check again (it then checks the latest save); do not save the file in Excel or "
        "WPS while it is being checked.",
        "检查的同时在 WPS 中按了保存"),
    "PX612": Entry(
        E, "输出位置不是可以替换的普通文件",
        "{path} {what}：perf-xlsx 只替换普通文件，未写入。",
        "用 -o 写到一个新的 .xlsx 文件；硬链接的文件请先复制成独立的文件再检查。",
        "{path}: {what}; perf-xlsx only replaces regular files, nothing was written.",
        "Write to a new .xlsx with -o; copy a hard-linked file to a file of its own first.",
        "-o /dev/full，或一个有两个硬链接的工作簿"),
    # PX650–PX699: the result writer (perf_xlsx/writer.py).
    "PX650": Entry(
        E, "不是自评模板",
        "{path} 不是 perf-xlsx 的自评模板（没有 填表说明/项目信息/资金明细/绩效指标 任何一张表；"
        "现有工作表：{sheets}{reason}），为免改坏别的工作簿，拒绝写入",
        "用 perf-xlsx template 生成模板并把数据填进去；只想检查不写文件时加 --no-write。",
        "{path} is not a perf-xlsx template (none of the sheets 填表说明/项目信息/资金明细/绩效指标; "
        "sheets found: {sheets}{reason}); refusing to write into it",
        "Create a template with perf-xlsx template and fill it in; add --no-write to check "
        "without writing.",
        "对一张普通的报销表运行 perf-xlsx check",
    ),
    "PX651": Entry(
        E, "写入后核对不一致",
        "写入结果后核对 {path}：原文件的内容没有原样保留（{what}），已放弃写入；原文件未被修改",
        "这是 perf-xlsx 的问题，请把原文件和这条信息一起反馈给维护者；可先加 --no-write 只检查。",
        "After writing, {path} does not keep the original's content as it was ({what}); "
        "nothing was written and the original is unchanged",
        "This is a perf-xlsx bug: please report it with the original file; use --no-write "
        "meanwhile.",
        "拼接后用户的某个工作表部件变了一个字节",
    ),
    "PX652": Entry(
        E, "结果工作表缺失",
        "写入后的 {path} 中缺少工作表 {sheets}，已放弃写入；原文件未被修改",
        "这是 perf-xlsx 的问题，请把原文件和这条信息一起反馈给维护者。",
        "The written {path} lacks the sheet(s) {sheets}; nothing was written and the original is "
        "unchanged",
        "This is a perf-xlsx bug: please report it together with the original file.",
        "拼接时 自评表 未能加入工作簿",
    ),
    "PX653": Entry(
        E, "无法升级：不是本工具的模板",
        "{path} 不是 perf-xlsx 的填报模板（{reason}），无法升级",
        "只有用 perf-xlsx template 生成并填写的工作簿可以升级；官方表样请用 perf-xlsx import 读入。",
        "{path} is not a perf-xlsx template ({reason}); it cannot be upgraded",
        "Only workbooks made with perf-xlsx template can be upgraded; read a published form "
        "with perf-xlsx import.",
        "对官方表样运行 template --upgrade"),
    "PX654": Entry(
        E, "无法升级：模板版本未知",
        "{path} 的模板版本是「{actual}」，本工具只能升级 {known}",
        "核对「项目信息」表的模板版本单元格；新版本的模板无需升级。",
        "{path} has template version '{actual}'; only {known} can be upgraded",
        "Check the template-version cell on 项目信息; a newer template needs no upgrade.",
        "模板版本被改成 2019"),
}
