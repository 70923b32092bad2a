"""Batch mode of ``perf-xlsx check``: folders, a process pool, progress, a summary workbook.

``check_cmd`` hands over to ``run_batch`` when ``wants_batch`` says so (a folder among the
arguments, or --summary / --jobs / --format jsonl). Exit codes: 0 every workbook clean, 1 any
workbook with errors (or findings at --fail-on) or unreadable, 2 the run could not proceed.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import click

from .. import __version__
from ..errors import PerfXlsxError
from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_UNUSABLE,
    UnusableInputError,
    error_text,
    json_text,
)

_MSG = {
    "zh": {"none": "没有找到要检查的工作簿：{where}", "skipped": "已跳过 {n} 个 Office 锁定/临时文件（~$…）",
           "checking": "检查", "summary": "汇总表已写入：{path}",
           "total": "共 {n} 个工作簿：通过 {clean}，有警告 {warnings}，有错误 {errors}，"
                    "无法读取 {failed}；用时 {sec:.1f} 秒（{rate:.0f} 个/秒）",
           "score": "得分 {score} {grade}", "counts": "错误 {e} 警告 {w}",
           "status": {"clean": "通过", "warnings": "有警告", "errors": "有错误",
                      "unreadable": "无法读取", "timeout": "超时", "internal": "内部错误"},
           "written": "已写入", "not_written": "未能写入", "report": "（连同报告 {name}）"},
    "en": {"none": "no workbooks to check found in: {where}",
           "skipped": "skipped {n} Office lock/temp file(s) (~$…)", "checking": "checking",
           "summary": "summary written: {path}",
           "total": "{n} workbook(s): {clean} passed, {warnings} with warnings, {errors} with "
                    "errors, {failed} unreadable; {sec:.1f} s ({rate:.0f}/s)",
           "score": "score {score} {grade}", "counts": "{e} error(s) {w} warning(s)",
           "status": {"clean": "passed", "warnings": "warnings", "errors": "errors",
                      "unreadable": "unreadable", "timeout": "timed out",
                      "internal": "internal error"},
           "written": "written", "not_written": "not written", "report": " (with report {name})"},
}


def batch_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The options only batch runs use: --summary, --jobs, --write."""
    f = click.option("--write", "write_", is_flag=True,
                     help="批量检查时也把结果写回工作簿（默认不写） / write result sheets in a "
                          "batch run too")(f)
    f = click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="并行进程数（默认＝CPU 核数） / worker processes (default: cores)")(f)
    f = click.option("--summary", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="把汇总表写入此 .xlsx / write the reviewers' summary workbook here")(f)
    return f


def wants_batch(files: Sequence[Path], summary: Path | None, jobs: int | None,
                fmt: str) -> bool:
    """A folder argument, a summary, --jobs or --format jsonl make a run a batch run."""
    return (summary is not None or jobs is not None or fmt == "jsonl"
            or any(Path(f).is_dir() for f in files))


def run_batch(files: Sequence[Path], *, profile: Any, lang: str = "zh", fmt: str = "text",
              fail_on: str = "error", exit_zero: bool = False, quiet: bool = False,
              write: bool = False, no_write: bool = False, out: Path | None = None,
              summary: Path | None = None, jobs: int | None = None,
              stage: str | None = None, targets: Any = None) -> int:
    """Check every workbook under ``files``; return the exit code (0 / 1 / 2). ``targets``:
    the 申报表 each 监控表 or 自评表 is compared against (``approved_set``)."""
    from ..batch.pool import BatchOptions, collect_files
    from ..batch.pool import run_batch as pool_run

    t = _MSG["en" if lang == "en" else "zh"]
    if write and no_write:
        raise click.UsageError("--write 与 --no-write 不能同时使用 / --write and --no-write "
                               "exclude each other")
    do_write = (write or out is not None) and not no_write
    summary = _check_summary_path(summary, lang)
    if out is not None:
        if out.exists() and not out.is_dir():
            raise click.BadParameter("批量检查时 -o 须为文件夹 / -o must be a folder in a batch "
                                     "run", param_hint="-o")
        out.mkdir(parents=True, exist_ok=True)
    collected = collect_files(files, exclude=[p for p in (summary, out) if p is not None],
                              pair=True)
    if not collected.files:
        raise UnusableInputError(t["none"].format(where=", ".join(map(str, files))))
    if collected.skipped_locks and not quiet and fmt == "text":
        click.echo(t["skipped"].format(n=collected.skipped_locks), err=True)
    options = BatchOptions(profile=profile, lang=lang, write=do_write,
                           out_dir=None if out is None else str(out), stage=stage,
                           targets=targets,
                           reports={str(k): str(v) for k, v in collected.reports.items()})
    run = _Run(fmt, quiet, fail_on, t)
    start = time.monotonic()
    stream = pool_run(collected.files, options, jobs=jobs, names=collected.names)
    rows = run.rows(stream, len(collected.files))
    code = EXIT_OK
    if summary is not None:      # the summary is written as the rows arrive
        code = _write_summary(rows, summary, lang, profile, quiet, t)
    else:
        for _row in rows:
            pass
    totals = run.totals(time.monotonic() - start)
    if not exit_zero and run.failed:
        code = max(code, EXIT_FINDINGS)
    if fmt == "json":
        click.echo(json_text({"tool_version": __version__, "summary": totals, "files": run.kept},
                             indent=2))
    elif fmt == "text":
        _print_text(run.lines, totals, t)
    if code == EXIT_OK and summary is not None and not quiet:
        click.echo(t["summary"].format(path=summary), err=True)
    return code


class _Run:
    """One batch run's output as the rows arrive: jsonl lines and the progress bar in completion
    order; the text lines, the summary rows and the tallies in file order. Only ``--format
    json`` keeps the rows (it prints them as one document); otherwise memory stays flat."""

    def __init__(self, fmt: str, quiet: bool, fail_on: str, t: dict[str, Any]) -> None:
        self.fmt, self.quiet, self.fail_on, self.t = fmt, quiet, fail_on, t
        self.kept: list[dict[str, Any]] = []
        self.lines: list[str] = []          # text lines held back while a progress bar shows
        self.count: dict[str, int] = {}
        self.failed = False

    def rows(self, stream: Iterable[tuple[int, dict[str, Any]]], n: int
             ) -> Iterator[dict[str, Any]]:
        from ..batch.pool import in_order, row_fails

        with _progress(n, self.fmt, self.quiet, self.t["checking"]) as bar:
            live = isinstance(bar, _NoBar)
            for _i, group in in_order(self._arrived(stream, bar)):
                for row in group:
                    self.count[row["status"]] = self.count.get(row["status"], 0) + 1
                    self.failed = self.failed or row_fails(row, self.fail_on)
                    if self.fmt == "json":
                        self.kept.append(row)
                    elif self.fmt == "text":
                        lines = _row_lines(row, self.t, self.quiet)
                        if live and lines:
                            click.echo("\n".join(lines))
                        elif lines:
                            self.lines += lines
                    yield row

    def _arrived(self, stream: Iterable[tuple[int, dict[str, Any]]], bar: Any
                 ) -> Iterator[tuple[int, list[dict[str, Any]]]]:
        for i, row in stream:
            group = [row, *row.pop("more", [])]    # several published forms: a row each
            for each in group:
                each["index"] = i
                if self.fmt == "jsonl":
                    click.echo(json_text(each))
            if self.fmt == "jsonl":
                sys.stdout.flush()
            bar.update(1)
            yield i, group

    def totals(self, seconds: float) -> dict[str, Any]:
        from ..batch.pool import FAILED_STATUSES

        count = {s: self.count.get(s, 0)
                 for s in ("clean", "warnings", "errors", *FAILED_STATUSES)}
        return {"files": sum(self.count.values()), **count,
                "failed": sum(count[s] for s in FAILED_STATUSES),
                "seconds": round(seconds, 3)}


def _check_summary_path(summary: Path | None, lang: str) -> Path | None:
    """Fail before the run when the summary cannot be written (exit 2), not after it; a name
    without extension gets .xlsx (and says so), another extension is refused (PX610)."""
    from ..errors import OutputError
    from ..write.safe_write import check_not_open

    if summary is None:
        return None
    if not summary.suffix and not summary.is_dir():
        summary = summary.with_suffix(".xlsx")
        click.echo(("summary name without extension: writing " if lang == "en" else
                    "汇总表文件名没有扩展名，将写入：") + str(summary), err=True)
    elif summary.suffix.lower() != ".xlsx":
        exc = OutputError("PX610", str(summary), expected=".xlsx", actual=summary.suffix,
                          suggest=summary.with_suffix(".xlsx").name)
        raise UnusableInputError(error_text(exc, lang))
    folder = summary.absolute().parent
    if summary.is_dir() or not folder.is_dir() or not os.access(folder, os.W_OK):
        raise UnusableInputError(f"无法写入汇总表 / cannot write the summary: {summary}")
    try:
        check_not_open(summary)      # PX601 while Excel/WPS has it open
    except PerfXlsxError as exc:
        raise UnusableInputError(error_text(exc, lang)) from exc
    return summary


def _write_summary(rows: Iterable[dict[str, Any]], summary: Path, lang: str, profile: Any,
                   quiet: bool, t: dict[str, Any]) -> int:
    from ..batch.summary import DEFAULT_GRADES, write_summary

    grades = tuple(g for _b, g in getattr(profile, "grades", ())) or DEFAULT_GRADES
    rows = iter(rows)
    try:
        write_summary(rows, summary, lang=lang, grades=grades)
    except PerfXlsxError as exc:
        for _row in rows:          # the check goes on and reports, without its summary
            pass
        click.echo(error_text(exc, lang), err=True)
        return EXIT_UNUSABLE
    return EXIT_OK


class _NoBar:
    def __enter__(self) -> "_NoBar":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        return None


def _progress(n: int, fmt: str, quiet: bool, label: str) -> Any:
    """click's progress bar on a terminal's stderr; nothing when piped, quiet or JSON."""
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):
        tty = False
    if quiet or fmt != "text" or not tty:
        return _NoBar()
    return click.progressbar(length=n, label=label, file=sys.stderr,
                             show_pos=True, show_eta=True)


def _row_lines(r: dict[str, Any], t: dict[str, Any], quiet: bool) -> list[str]:
    """The text lines of one row (none for a clean row with --quiet)."""
    if quiet and r["status"] == "clean":
        return []
    head = f"[{t['status'][r['status']]}] {r['file']}"
    if r.get("report"):       # the 自评报告 checked with it (batch/pairs.py)
        head += t["report"].format(name=Path(r["report"]).name)
    if r["error"]:
        return [f"{head}\n    [{r['error']['code']}] {r['error']['message']}"]
    score = t["score"].format(score=r["score"] or "—", grade=r["grade"] or "")
    counts = t["counts"].format(e=r["errors"], w=r["warnings"])
    lines = [f"{head}  {score.strip()}  {counts}"]
    lines += [f"    [{f['code']}] {f['message']}" for f in r["findings"]
              if f["severity"] == "error"]
    if r.get("written"):
        lines.append(f"    {t['written']}: {r['written']}")
    if r.get("write_error"):
        w = r["write_error"]
        lines.append(f"    {t['not_written']}: [{w['code']}] {w['message']}")
    return lines


def _print_text(lines: list[str], totals: dict[str, Any], t: dict[str, Any]) -> None:
    """The lines held back while a progress bar showed, then the totals."""
    rate = totals["files"] / totals["seconds"] if totals["seconds"] else 0.0
    lines = [*lines, t["total"].format(n=totals["files"], clean=totals["clean"],
                                       warnings=totals["warnings"], errors=totals["errors"],
                                       failed=totals["failed"], sec=totals["seconds"], rate=rate)]
    click.echo("\n".join(lines))


def approved_set(targets: Path, lang: str = "zh", quiet: bool = False) -> Any:
    """The 申报表 of ``targets`` (a folder, walked as a batch's inputs are, or one file) by
    project name (``stages.approved_set``); exit 2 when none is there."""
    from ..batch.pool import collect_files
    from ..stages.approved_set import read_approved

    collected = collect_files([targets])
    try:
        got = read_approved(collected.files, str(targets), collected.names)
    except PerfXlsxError as exc:
        raise UnusableInputError(error_text(exc, lang)) from exc
    if not quiet:
        n = got.projects
        click.echo((f"targets: {n} project(s) with a 申报表 in {targets}" if lang == "en" else
                    f"申报表：{targets} 中有 {n} 个项目的申报表"), err=True)
        if got.unreadable:
            click.echo(("  not read: " if lang == "en" else "  未能读取：")
                       + ", ".join(got.unreadable), err=True)
    return got
