"""``perf-xlsx template``: write a fresh, empty input template."""
from __future__ import annotations

from pathlib import Path

import click

from ..template import contract
from .common import UnusableInputError, lang_option

_MSG = {
    "zh": {"suffix": "模板文件名须以 .xlsx 结尾：{path}",
           "exists": "文件已存在，未覆盖：{path}\n  如需覆盖，请加 --force",
           "folder": "文件夹不存在：{path}", "write": "无法写入 {path}：{error}",
           "done": "已生成模板（版本 {version}）：{path}",
           "same": "升级结果不能覆盖原文件，请用 -o 指定新文件名：{path}"},
    "en": {"suffix": "the template's file name must end in .xlsx: {path}",
           "exists": "the file exists and was not overwritten: {path}\n  add --force to overwrite",
           "folder": "no such folder: {path}", "write": "cannot write {path}: {error}",
           "done": "template written (version {version}): {path}",
           "same": "the upgrade cannot overwrite the original; name a new file with -o: {path}"},
}


@click.command("template")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=None,
              help=f"模板保存位置（.xlsx），默认 {contract.TEMPLATE_FILENAME}；升级时默认 "
                   f"<旧文件名>-{contract.TEMPLATE_VERSION}.xlsx / where to write the template "
                   f"(default {contract.TEMPLATE_FILENAME}; when upgrading, "
                   f"<old name>-{contract.TEMPLATE_VERSION}.xlsx beside the old one)")
@click.option("--force", is_flag=True, help="覆盖已存在的文件 / overwrite an existing file")
@click.option("--upgrade", "old", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="OLD.xlsx",
              help="把已填写的旧版本模板（如 2026.1）升级为当前版本，所填内容全部保留，写到 -o / "
                   "carry a filled workbook of an older template version over to this one")
@lang_option
def command(output: Path | None, force: bool, lang: str, old: Path | None = None) -> None:
    """生成空白的项目支出绩效自评填报模板，或升级旧版本模板 / write an empty input template,
    or upgrade a filled one (--upgrade OLD.xlsx -o NEW.xlsx)."""
    from xlsxwriter.exceptions import XlsxFileError

    from ..template.build import build_template

    t = _MSG["en" if lang == "en" else "zh"]
    if output is None:
        output = (old.with_name(f"{old.stem}-{contract.TEMPLATE_VERSION}.xlsx") if old is not None
                  else Path(contract.TEMPLATE_FILENAME))
    if output.suffix.lower() != ".xlsx":
        raise UnusableInputError(t["suffix"].format(path=output))
    if output.exists() and not force:
        raise UnusableInputError(t["exists"].format(path=output))
    if not output.parent.is_dir():
        raise UnusableInputError(t["folder"].format(path=output.parent))
    if old is not None:
        _upgrade(old, output, lang, t)
        return
    try:
        build_template(output)
    except (OSError, XlsxFileError) as exc:  # read-only folder, file open in Excel, …
        raise UnusableInputError(t["write"].format(path=output, error=exc)) from exc
    click.echo(t["done"].format(version=contract.TEMPLATE_VERSION, path=output))


def _upgrade(old: Path, output: Path, lang: str, t: dict[str, str]) -> None:
    from ..errors import PerfXlsxError
    from ..write.upgrade import describe, upgrade_workbook
    from .common import error_text

    if output.resolve() == old.resolve():
        raise UnusableInputError(t["same"].format(path=output))
    try:
        result = upgrade_workbook(old, output)
    except PerfXlsxError as exc:
        raise UnusableInputError(error_text(exc, lang)) from exc
    click.echo("\n".join(describe(result, lang)))
