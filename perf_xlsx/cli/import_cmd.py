"""``perf-xlsx import``: a published 自评表 or 申报表 (.xlsx/.xls/.et/.ods, or a .docx report's 附表),
or the perf-xlsx template saved as .xls/.et/.ods → the perf-xlsx template (.xlsx) with its data
filled in, once, so the unit keeps its data; a 申报表's targets are also recorded (the
绩效目标申报表 sheet later stages compare against)."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import PerfXlsxError
from .common import EXIT_OK, EXIT_UNUSABLE, error_text, lang_option, run_result


@click.command("import")
@click.argument("form", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(path_type=Path), default=None,
              help="新工作簿（.xlsx）或文件夹；默认写在原文件旁：<文件名>-模板.xlsx / "
                   "the new workbook (.xlsx) or a folder; default <name>-模板.xlsx beside it")
@click.option("--force", is_flag=True, help="覆盖已存在的文件 / overwrite an existing file")
@lang_option
def command(form: Path, output: Path | None, force: bool, lang: str) -> None:
    """把官方表样的自评表、绩效目标申报表或执行监控表（或另存成 .xls/.et/.ods 的本工具模板）
    转成 perf-xlsx 模板；申报表的目标同时记录为「绩效目标申报表」，供监控和自评阶段比对 /
    convert a published form (自评表, 申报表 or 监控表), or the template saved as
    .xls/.et/.ods, to the template; a 申报表's targets are recorded for the later stages."""
    from ..read.reader import load_projects
    from ..run import record_targets
    from ..write.imported import empty_required, import_project, import_targets

    en = lang == "en"
    try:
        projects = load_projects(form)
        # a published form, or our template saved as .xls/.et/.ods: both become an .xlsx template
        if projects[0].form is None and projects[0].source_format == "xlsx":
            what = "already the perf-xlsx template, or no form was found" if en else \
                "已经是 perf-xlsx 模板，或找不到官方表样的自评表"
            codes = ", ".join(f.code for f in projects[0].findings if f.code == "PX101")
            click.echo(f"{form}: {what}{f' [{codes}]' if codes else ''}", err=True)
            run_result(EXIT_UNUSABLE)
        if output is not None and output.suffix and output.suffix.lower() != ".xlsx":
            click.echo(f"{output}: " + ("the output must be a .xlsx file" if en
                                         else "输出文件须以 .xlsx 结尾"), err=True)
            run_result(EXIT_UNUSABLE)
        targets = import_targets(form, projects, output)
        existing = [t for t in targets if t.exists()]
        if existing and not force:
            click.echo(("exists, not overwritten (add --force): " if en else
                        "文件已存在，未覆盖（如需覆盖请加 --force）：") + str(existing[0]), err=True)
            run_result(EXIT_UNUSABLE)
        for project, target in zip(projects, targets):
            import_project(project, target)
            where = project.form.tag if project.form else project.source_format
            click.echo(("written: " if en else "已写入：") + str(target)
                       + f"  ({project.name.text or '—'}, {where})")
            if project.form is not None and project.form.stage == "target":
                record_targets(target, lang=lang)
                click.echo("  targets recorded: 绩效目标申报表" if en
                           else "  已记录申报目标：绩效目标申报表")
            if project.form is not None and project.form.shared_weight:
                click.echo("  a 分值 merged over several rows was shared equally among them"
                           if en else "  合并在几行上的分值已平均分到各行，请核对")
            parts = [label for _k, label, _row in project.form.fund_parts] \
                if project.form is not None else []
            if parts:        # 其中：中央资金 … under 财政拨款: the template has one row per source
                click.echo(("  not imported (the template has no row for them): "
                            if en else "  模板没有对应的行、未导入的资金分项：") + "、".join(parts))
            missing = empty_required(project)
            if missing:
                click.echo(("  the form has no place for, please fill in: " if en else
                            "  官方表样上没有、请在模板中补填：") + "、".join(missing))
    except PerfXlsxError as exc:
        click.echo(error_text(exc, lang), err=True)
        run_result(EXIT_UNUSABLE)
    run_result(EXIT_OK)
