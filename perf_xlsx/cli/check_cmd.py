"""``perf-xlsx check``: check workbooks, print findings and scores, write the result sheets."""
from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import click

from ..catalogue.finding import Severity
from ..errors import PerfXlsxError
from . import batch_cmd
from .common import (
    EXIT_OK,
    EXIT_UNUSABLE,
    UnusableInputError,
    error_text,
    json_text,
    lang_option,
    run_result,
)


def _profile(ctx: click.Context, param: click.Parameter, value: str) -> Any:
    from ..scoring.profiles import ProfileError, get_profile

    if value == "auto":          # the frame is read from each workbook (scoring/detect.py)
        return value
    try:
        return get_profile(value)
    except ProfileError as exc:
        raise click.BadParameter(exc.message("zh") + "\n" + exc.message("en")) from exc


def _stage(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from ..stages import StageError, resolve_stage

    if value is None:
        return None
    try:
        return resolve_stage(value)
    except StageError as exc:
        raise click.BadParameter(exc.message("zh") + "\n" + exc.message("en")) from exc


def write_hook() -> Any:
    """``writer.write_results``, the call that writes the result sheets (imported on use)."""
    from ..write.writer import write_results

    return write_results


def _error_dict(path: Path, err: PerfXlsxError, lang: str) -> dict[str, Any]:
    return {"file": str(path), "error": {"code": err.code, "message": err.message(lang),
                                         "hint": err.hint(lang)}}


def _check_output(files: tuple[Path, ...], out: Path, lang: str) -> None:
    """A missing output folder is a usage error (exit 2) found before anything is checked."""
    from ..run import output_path

    for path in files:
        try:
            output_path(path, out)
        except PerfXlsxError as exc:
            raise UnusableInputError(error_text(exc, lang)) from exc


def _show_write(outcome: Any, lang: str, quiet: bool) -> int:
    """Say what happened to the result sheets; a failed write exits 2, the report still shows."""
    if outcome.error is not None:       # failed, or skipped as not the template (PX650): said why
        click.echo(error_text(outcome.error, lang), err=True)
    elif outcome.written is not None and not quiet:
        click.echo(f"已写入 / written: {outcome.written}", err=True)
    return EXIT_UNUSABLE if outcome.failed else EXIT_OK


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--profile", default="auto", show_default=True, callback=_profile,
              help="评分规则：auto（按表样自动识别）/ mof2020 / hubei / ningxia / sichuan / "
                   "hebei_export / unscored，或 .json/.toml 规则文件 / scoring profile "
                   "(auto: detected from each form)")
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True, help="输出格式 / output format")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error",
              show_default=True, help="何种问题使退出码为 1 / severity that exits 1")
@click.option("--exit-zero", is_flag=True, help="发现问题也以 0 退出 / exit 0 despite findings")
@click.option("-q", "--quiet", is_flag=True, help="不显示提示和得分 / hide notes and scores")
@click.option("--no-write", is_flag=True,
              help="不把自评表和检查结果写回工作簿 / do not write the result sheets")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None,
              help="结果另存为此文件；为已存在的文件夹（检查多个文件时必须如此）时存入其中、"
                   "文件名不变 / write the results to this file, or into this existing folder "
                   "under the workbook's own name")
@click.option("--report", "narrative", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="同时核对这份自评报告（.docx/.doc/.txt）正文中的金额、比率和指标个数 / "
              "also check the amounts, rates and counts stated in this narrative report")
@click.option("--stage", default=None, callback=_stage, metavar="STAGE",
              help="年度阶段：target/申报、monitor/监控、self/自评；不写时按已填的内容判断 / "
                   "the year's stage (default: the latest stage whose cells hold data)")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="上年的工作簿：申报阶段核对指标值是否低于上年实际完成值 / last year's "
                   "workbook: targets below last year's actual values are flagged")
@click.option("--targets", type=click.Path(exists=True, path_type=Path), default=None,
              help="批复的绩效目标申报表（官方表样或申报阶段检查过的模板）：监控、自评时与之比对；"
                   "给文件夹时按项目名称逐个配对 / the approved 申报表 (a published form, or a "
                   "workbook checked at the target stage) the monitoring and self-evaluation "
                   "stages are compared against; a folder of them: each project with its own, "
                   "by name")
@batch_cmd.batch_options
def command(files: tuple[Path, ...], profile: Any, lang: str, fmt: str, fail_on: str,
            exit_zero: bool, quiet: bool, no_write: bool, out: Path | None,
            summary: Path | None = None, jobs: int | None = None, write_: bool = False,
            narrative: Path | None = None, stage: str | None = None,
            previous: Path | None = None, targets: Path | None = None) -> None:
    """检查自评工作簿，输出问题清单和得分 / check self-evaluation workbooks.

    给出文件夹、--summary、--jobs 或 --format jsonl 时批量检查：逐个检查文件夹中的所有工作簿
    和自评报告（多进程），每个项目一行，--summary 写出审核汇总表；批量时默认不写回原文件
    （--write 或 -o 文件夹 才写）。 / A folder, --summary, --jobs or --format jsonl make it a
    batch run: every workbook and report under the folders, in parallel, one row per project,
    --summary writes the reviewers' summary workbook; nothing is written back unless --write or
    -o FOLDER is given.

    读得懂：本工具的模板，以及官方表样的自评表（.xlsx/.xls/.et/.ods，或 .docx 报告中的附表）。
    / Reads the perf-xlsx template and published forms (.xlsx/.xls/.et/.ods, or a .docx report's
    table).
    """
    if narrative is not None and (len(files) > 1 or batch_cmd.wants_batch(files, summary, jobs,
                                                                            fmt)):
        raise click.BadParameter("--report 只能与一个工作簿一起使用 / --report takes one workbook",
                                 param_hint="--report")
    batch = batch_cmd.wants_batch(files, summary, jobs, fmt)
    approved: Any = targets
    if targets is not None and (batch or len(files) > 1 or targets.is_dir()):
        # several forms, or a folder of 申报表: each project with its own, by name
        approved = batch_cmd.approved_set(targets, lang, quiet)
    if batch:
        run_result(batch_cmd.run_batch(
            files, profile=profile, lang=lang, fmt=fmt, fail_on=fail_on, exit_zero=exit_zero,
            quiet=quiet, write=write_, no_write=no_write, out=out, summary=summary, jobs=jobs,
            stage=stage, targets=approved))
    from ..render_text import render_report
    from ..run import check_and_write_all

    if out is not None and len(files) > 1 and not out.is_dir():
        raise click.BadParameter("检查多个文件时 -o 须为已存在的文件夹 / -o must be a folder "
                                 "when checking several files", param_hint="-o")
    if out is not None and not no_write:
        _check_output(files, out, lang)
    threshold = Severity(fail_on)
    code, payload, texts = EXIT_OK, [], []
    for path in files:
        if not quiet:
            click.echo(f"检查 / checking {path} …", err=True)
        try:
            reports, outcome = check_and_write_all(path, profile, narrative=narrative,
                                                   write=not no_write, out=out, lang=lang,
                                                   stage=stage, previous=previous,
                                                   targets=approved)
        except PerfXlsxError as exc:
            click.echo(error_text(exc, lang), err=True)
            payload.append(_error_dict(path, exc, lang))
            code = EXIT_UNUSABLE
            continue
        except Exception:  # noqa: BLE001 - one broken file must not stop the others
            click.echo(f"{path}: perf-xlsx 内部错误 / internal error\n"
                       f"{traceback.format_exc(limit=5)}", err=True)
            payload.append({"file": str(path), "error": {
                "code": "internal", "message": "perf-xlsx 内部错误 / internal error",
                "hint": "请把原文件和错误信息反馈给维护者 / please report this with the file"}})
            code = EXIT_UNUSABLE
            continue
        # The library report plus what happened to the result sheets (docs/json-report.md);
        # a workbook of several published forms gives one report per form.
        for report in reports:
            payload.append({**report.to_dict(lang), "write": outcome.to_dict(lang)})
            texts.append(render_report(report, lang, quiet=quiet))
            if not exit_zero:
                code = max(code, report.exit_code(threshold))
        code = max(code, _show_write(outcome, lang, quiet))
    if fmt == "json":
        data = payload if len(files) > 1 or len(payload) > 1 else (payload[0] if payload else None)
        if data is not None:
            click.echo(json_text(data, indent=2))
    else:
        if texts:
            click.echo("\n\n".join(texts))
    run_result(code)
