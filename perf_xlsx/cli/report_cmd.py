"""``perf-xlsx report``: draft the narrative 自评报告 (.docx) from a workbook."""
from __future__ import annotations

import re
from pathlib import Path

import click

from ..errors import OutputError
from .common import EXIT_OK, lang_option, run_result

NAME_CAP = 60                  # characters of the project name kept in the default file name
NAME_BYTES_CAP = 200           # UTF-8 bytes: a file name may have 255 bytes on Linux / macOS
REPORT_SUFFIX = "_自评报告.docx"
#: characters Windows refuses in a file name (and control characters, lone surrogates)
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\ud800-\udfff]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³"))}


def default_output_name(project_name: str, fallback: str) -> str:
    """「项目名称_自评报告.docx」, valid on Windows: forbidden characters → 「_」, no trailing dots
    or spaces, no reserved device name (CON, NUL, COM1 …), the name capped at NAME_CAP chars."""
    name = ""
    for candidate in (project_name, fallback, "项目"):
        name = _FORBIDDEN.sub("_", candidate or "").strip(" .\u3000")
        if name.strip("_"):
            break
    name = name[:NAME_CAP]
    while len(name.encode("utf-8")) > NAME_BYTES_CAP:
        name = name[:-1]
    name = name.rstrip(" .\u3000")
    if name.split(".")[0].rstrip(" ").upper() in _RESERVED:
        name = "_" + name
    return name + REPORT_SUFFIX


_TEXT = {
    "zh": {"done": "已生成自评报告：{out}", "holes": "定稿前需人工填写 {n} 处（文中黄色【待填写：…】）：",
           "self": "注意：报告引用的工作簿文字中有 {n} 处与工作簿数字不一致，请改正工作簿中的这些文字：",
           "findings": "工作簿检查：错误 {e} 条、警告 {w} 条（perf-xlsx check {file} 查看详情）"},
    "en": {"done": "Report written: {out}", "holes": "{n} placeholders to fill before it is final "
           "(highlighted 【待填写：…】):",
           "self": "Note: {n} figures in text copied from the workbook disagree with its figures; "
           "fix that text in the workbook:",
           "findings": "Workbook check: {e} errors, {w} warnings (run perf-xlsx check {file})"},
}


@click.command("report")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="报告保存位置（.docx），默认「项目名称_自评报告.docx」 / output .docx")
@click.option("--profile", default="auto", show_default=True,
              help="评分规则：auto（按表样自动识别）/ mof2020 / hubei / … / 规则文件路径 / "
                   "scoring profile (auto: detected)")
@click.option("--force", is_flag=True, help="覆盖已存在的文件 / overwrite an existing file")
@lang_option
def command(file: Path, output: Path | None, profile: str, force: bool, lang: str) -> None:
    """根据自评表工作簿起草绩效自评报告（Word）/ draft the narrative report from a workbook."""
    from ..catalogue.finding import Severity
    from ..check import check_file
    from ..report.check import check_report_file
    from ..report.docx import build_report, write_error

    t = _TEXT[lang]
    report = check_file(file, profile)
    out = output or file.with_name(default_output_name(report.project.name.text, file.stem))
    if out.suffix.lower() != ".docx":
        raise OutputError("PX525", str(out))
    try:
        exists = out.exists()
    except OSError as exc:      # a name too long for the file system, …
        raise write_error(exc, out) from exc
    if exists and not force:
        raise OutputError("PX524", str(out))
    holes = build_report(report, out)
    click.echo(t["done"].format(out=out))
    click.echo(t["holes"].format(n=len(holes)))
    for i, hole in enumerate(holes, 1):
        click.echo(f"  {i}. {hole}")
    own = [f for f in check_report_file(out, report.project, report.score) if f.code != "PX510"]
    if own:
        click.echo(t["self"].format(n=len(own)))
        for f in own:
            click.echo(f"  [{f.code}] {f.message(lang)}")
    click.echo(t["findings"].format(e=report.count(Severity.ERROR),
                                    w=report.count(Severity.WARNING), file=file))
    run_result(EXIT_OK)
