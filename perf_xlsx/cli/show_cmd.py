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
@lang_option
def command(file: Path, fmt: str, lang: str) -> None:
    """显示从工作簿读到的项目数据及其单元格 / show the project data read from a workbook."""
    from ..read.reader import load_project

    try:
        project = load_project(file)
    except PerfXlsxError as exc:  # unusable input: the message in the chosen language, exit 2
        click.echo(error_text(exc, lang), err=True)
        run_result(EXIT_UNUSABLE)
        return
    if fmt == "json":
        from ..read.project_json import project_to_dict

        click.echo(json_text(project_to_dict(project, lang), indent=2))
    else:
        from ..read.project_text import render_project

        click.echo(render_project(project, lang))
    run_result(EXIT_OK)
