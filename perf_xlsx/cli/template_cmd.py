"""``perf-xlsx template``: write a fresh, empty input template."""
from __future__ import annotations

from pathlib import Path

import click

from ..template import contract
from .common import UnusableInputError


@click.command("template")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(contract.TEMPLATE_FILENAME), show_default=True,
              help="模板保存位置（.xlsx） / where to write the template")
@click.option("--force", is_flag=True, help="覆盖已存在的文件 / overwrite an existing file")
def command(output: Path, force: bool) -> None:
    """生成空白的项目支出绩效自评填报模板 / write an empty input template."""
    from xlsxwriter.exceptions import XlsxFileError

    from ..template.build import build_template

    if output.suffix.lower() != ".xlsx":
        raise UnusableInputError(f"模板文件名须以 .xlsx 结尾：{output}")
    if output.exists() and not force:
        raise UnusableInputError(f"文件已存在，未覆盖：{output}\n  如需覆盖，请加 --force")
    if not output.parent.is_dir():
        raise UnusableInputError(f"文件夹不存在：{output.parent}")
    try:
        build_template(output)
    except (OSError, XlsxFileError) as exc:  # read-only folder, file open in Excel, …
        raise UnusableInputError(f"无法写入 {output}：{exc}") from exc
    click.echo(f"已生成模板（版本 {contract.TEMPLATE_VERSION}）：{output}")
