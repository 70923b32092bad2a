"""``perf-xlsx show``: print what the reader makes of a workbook (text tables or JSON)."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import PerfXlsxError
from .common import (
    EXIT_OK,
    EXIT_UNUSABLE,
    error_text,
    json_text,
    lang_option,
    run_result,
)


@click.command("show")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="输出格式 / output format")
@click.option("--form", "form_no", type=click.IntRange(min=1), default=1, show_default=True,
              help="一个文件有多张表时，显示第几张 / which form, when the file holds several")
@lang_option
def command(file: Path, fmt: str, form_no: int, lang: str) -> None:
    """显示从工作簿读到的项目数据及其单元格 / show the project data read from a workbook."""
    from ..read.reader import load_projects

    try:
        projects = load_projects(file)
    except PerfXlsxError as exc:  # unusable input: the message in the chosen language, exit 2
        click.echo(error_text(exc, lang), err=True)
        run_result(EXIT_UNUSABLE)
        return
    if form_no > len(projects):
        raise click.BadParameter(f"这个文件只有 {len(projects)} 张表 / the file holds "
                                 f"{len(projects)} form(s)", param_hint="--form")
    project = projects[form_no - 1]
    if len(projects) > 1:      # on stderr: the JSON on stdout stays one object
        tags = "、".join(p.form.tag if p.form else p.name.text for p in projects)
        click.echo(f"此文件共有 {len(projects)} 张表（{tags}），这是第 {form_no} 张；用 --form N "
                   f"查看第 N 张。" if lang == "zh" else
                   f"This file holds {len(projects)} forms ({tags}); this is form {form_no}; "
                   f"use --form N to show form N.", err=True)
    if fmt == "json":
        from ..read.project_json import project_to_dict

        click.echo(json_text(project_to_dict(project, lang), indent=2))
    else:
        from ..read.project_text import render_project

        click.echo(render_project(project, lang))
    run_result(EXIT_OK)
