"""Batch mode: folders, the process pool, the summary workbook, jsonl, exit codes."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from factory import default_info, fill_template
from openpyxl import load_workbook

from perf_xlsx.batch import pool as batch
from perf_xlsx.batch import scheduler
from perf_xlsx.batch.pool import BatchOptions, collect_files, run_batch
from perf_xlsx.cli import cli

GOOD = ("a-clean.xlsx", "sub/b-clean-项目.xlsx")
MONEY_ERROR = "c-money-error.xlsx"
BAD = {"d-empty.xlsx": "PX003", "e-csv.xlsx": "PX009", "f-truncated.xlsx": "PX005"}
LOCK = "~$a-clean.xlsx"


def _money_error_info() -> dict[str, object]:
    """Executed 0.62 while the expense lines add up to 0.95: an error (PX201)."""
    info = dict(default_info())
    for key in ("funds_total_executed", "funds_fiscal_executed"):
        info[key] = D("0.62")
    info["funds_note"] = "部分活动推迟"
    return info


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """good (2, one in a sub-folder), one with a money error, three bad, an Excel lock file."""
    root = tmp_path_factory.mktemp("batch") / "收件箱"
    (root / "sub").mkdir(parents=True)
    for name in GOOD:
        fill_template(root / name)
    fill_template(root / MONEY_ERROR, info=_money_error_info())
    (root / "d-empty.xlsx").write_bytes(b"")
    (root / "e-csv.xlsx").write_text("项目名称,金额\n宣传,1\n", encoding="utf-8")
    whole = (root / GOOD[0]).read_bytes()
    (root / "f-truncated.xlsx").write_bytes(whole[: len(whole) // 2])
    (root / LOCK).write_bytes(b"\x08owner" + b"\x00" * 100)
    (root / "notes.txt").write_text("not a workbook", encoding="utf-8")
    return root


def _digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _cli(*args: Any) -> Any:
    return CliRunner().invoke(cli, ["check", *map(str, args)])


def _stable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "seconds"}


# ---- collecting files -----------------------------------------------------------------------
def test_collect_skips_locks_temps_and_other_files(folder: Path, tmp_path: Path) -> None:
    extra = tmp_path / "x"
    extra.mkdir()
    for name in (".~lock.a.xlsx#", ".perf-xlsx-0a1b2c.xlsx", "a.xlsx.perf-xlsx.lock",
                 "._mac.xlsx", "old.xls", "wps.et"):
        (extra / name).write_bytes(b"x")
    (extra / ".git").mkdir()
    (extra / ".git" / "hidden.xlsx").write_bytes(b"x")
    got = collect_files([folder, extra, folder / GOOD[0]], exclude=[folder / MONEY_ERROR])
    rel = [p.name for p in got.files]
    assert rel == ["a-clean.xlsx", "d-empty.xlsx", "e-csv.xlsx", "f-truncated.xlsx",
                   "b-clean-项目.xlsx", "old.xls", "wps.et"]
    assert got.names[folder / GOOD[1]] == GOOD[1]
    assert got.skipped_locks == 4 and got.skipped_other >= 2
    assert collect_files([folder]).files == collect_files([folder]).files   # deterministic


def test_output_names_never_collide(tmp_path: Path) -> None:
    for sub in ("甲", "乙"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "表.xlsx").write_bytes(b"x")
    got = collect_files([tmp_path / "甲", tmp_path / "乙", tmp_path / "乙" / "表.xlsx"])
    assert [got.names[p] for p in got.files] == ["表.xlsx", "乙/表.xlsx"]
    got = collect_files([tmp_path / "甲" / "表.xlsx", tmp_path / "乙" / "表.xlsx"])
    assert [got.names[p] for p in got.files] == ["表.xlsx", "表-2.xlsx"]


# ---- the CLI ---------------------------------------------------------------------------------
def test_summary_workbook_and_exit_code(folder: Path, tmp_path: Path) -> None:
    before = _digest(folder)
    summary = tmp_path / "汇总.xlsx"
    r = _cli(folder, "--summary", summary, "--jobs", "2")
    assert r.exit_code == 1, r.output
    assert _digest(folder) == before                       # nothing written by default
    assert "[无法读取]" in r.stdout and "共 6 个工作簿" in r.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["汇总.xlsx"]   # no temp left

    wb = load_workbook(summary)
    assert wb.sheetnames == ["汇总", "问题清单", "等级分布", "按主管部门"]
    ws = wb["汇总"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("文件", "项目名称", "主管部门", "实施单位")
    assert rows[0][5] == "阶段" and rows[0][14] == "状态"
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref
    by_name = {Path(r[0]).name: r for r in rows[1:]}
    assert len(by_name) == 6 and LOCK not in by_name
    clean = by_name["a-clean.xlsx"]
    assert clean[1] == default_info()["project_name"] and clean[4] == 2018
    assert clean[5] == "自评" and by_name[next(iter(BAD))][5] is None
    assert clean[6] == 1 and clean[7] == 0.95 and clean[8] == pytest.approx(0.95)
    assert clean[10] == "优" and clean[11] == 0 and clean[14] == "通过"
    assert ws.cell(2, 9).number_format == "0.00%"
    bad = by_name[MONEY_ERROR]
    assert bad[14] == "有错误" and bad[11] >= 1
    for name, code in BAD.items():
        assert by_name[name][14] == "无法读取" and by_name[name][15].startswith(f"[{code}]")
    assert len(ws.conditional_formatting) >= 3

    findings = list(wb["问题清单"].iter_rows(values_only=True))
    assert findings[0][:3] == ("文件", "代码", "级别")
    codes = {(Path(f[0]).name, f[1]) for f in findings[1:]}
    assert (MONEY_ERROR, "PX201") in codes
    assert {(n, c) for n, c in BAD.items()} <= codes
    assert sum(1 for f in findings[1:] if f[2] == "错误") == sum(r[11] for r in rows[1:]) + 3

    grades = wb["等级分布"]
    counts = dict(grades.iter_rows(min_row=2, values_only=True))
    assert counts["无等级"] == 3 and sum(counts.values()) == 6
    assert len(grades._charts) == 1


def test_all_clean_exits_0_and_english_summary(folder: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.xlsx"
    r = _cli(folder / GOOD[0], folder / "sub", "--summary", summary, "--lang", "en", "-j", "1")
    assert r.exit_code == 0, r.output
    wb = load_workbook(summary)
    assert wb.sheetnames == ["Summary", "Findings", "Grades", "By department"]
    head = next(wb["Summary"].iter_rows(values_only=True))
    assert head[0] == "File" and head[14] == "Status" and head[5] == "Stage"
    assert [c[14] for c in wb["Summary"].iter_rows(min_row=2, values_only=True)] == ["passed"] * 2


def test_run_cannot_proceed_exits_2(folder: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "readme.txt").write_text("x", encoding="utf-8")
    r = _cli(empty)
    assert r.exit_code == 2 and "没有找到" in r.stderr
    r = _cli(folder, "--summary", tmp_path / "no-such-folder" / "s.xlsx")
    assert r.exit_code == 2 and r.stdout == ""
    assert _cli(folder, "--summary", tmp_path).exit_code == 2          # a folder, not a file
    locked = tmp_path / "s.xlsx"
    (tmp_path / "~$s.xlsx").write_bytes(b"x")                         # open in Excel
    r = _cli(folder, "--summary", locked, "-j", "1")
    assert r.exit_code == 2 and "PX601" in r.stderr and not locked.exists()


def test_jsonl_streams_one_line_per_workbook(folder: Path) -> None:
    r = _cli(folder, "--format", "jsonl", "--jobs", "2")
    assert r.exit_code == 1
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(lines) == 6 and sorted(x["index"] for x in lines) == list(range(6))
    by_name = {Path(x["file"]).name: x for x in lines}
    assert by_name["e-csv.xlsx"]["status"] == "unreadable"
    assert by_name["e-csv.xlsx"]["error"]["code"] == "PX009"
    money = by_name[MONEY_ERROR]
    assert money["status"] == "errors" and money["budget"] == "1" and money["executed"] == "0.62"
    assert any(f["code"] == "PX201" and f["sheet"] and f["message"] for f in money["findings"])
    assert by_name["a-clean.xlsx"]["grade"] == "优" and r.stderr == ""


def test_jobs_1_and_2_give_the_same_rows(folder: Path) -> None:
    files = collect_files([folder]).files
    one = sorted(run_batch(files, BatchOptions(), jobs=1), key=lambda x: x[0])
    two = sorted(run_batch(files, BatchOptions(), jobs=2), key=lambda x: x[0])
    assert [_stable(r) for _, r in one] == [_stable(r) for _, r in two]
    assert [i for i, _ in one] == list(range(len(files)))


def test_json_and_exit_zero_and_fail_on(folder: Path) -> None:
    r = _cli(folder / GOOD[0], folder / MONEY_ERROR, "--jobs", "1", "--format", "json")
    data = json.loads(r.stdout)
    assert r.exit_code == 1 and data["summary"]["files"] == 2 and data["summary"]["errors"] == 1
    assert [Path(f["file"]).name for f in data["files"]] == ["a-clean.xlsx", MONEY_ERROR]
    assert _cli(folder, "--exit-zero", "-q").exit_code == 0
    assert _cli(folder / "sub", "--fail-on", "warning", "-j", "1").exit_code == 0


def test_write_copies_into_output_folder(folder: Path, tmp_path: Path) -> None:
    before = _digest(folder)
    out = tmp_path / "out"
    r = _cli(folder / "sub", "-o", out, "-j", "1")
    assert r.exit_code == 0, r.output
    assert _digest(folder) == before
    wb = load_workbook(out / "b-clean-项目.xlsx")
    assert {"自评表", "检查结果"} <= set(wb.sheetnames)
    assert _cli(folder, "--write", "--no-write").exit_code == 2


def test_subprocess_no_progress_when_piped(folder: Path, tmp_path: Path) -> None:
    summary = tmp_path / "s.xlsx"
    p = subprocess.run([sys.executable, "-m", "perf_xlsx", "check", str(folder), "--summary",
                        str(summary)], capture_output=True, text=True, encoding="utf-8",
                       timeout=120)
    assert p.returncode == 1, p.stderr
    assert summary.is_file() and "检查  [" not in p.stderr and "%" not in p.stderr
    assert p.stdout.count("[无法读取]") == 3


# ---- the pool: hung and crashing workers ------------------------------------------------------
def _unruly_worker(path: str, name: str | None = None) -> dict:
    """A worker that hangs on 'hang' files and dies on 'crash' files (module level: picklable)."""
    if "hang" in Path(path).name:
        time.sleep(120)
    if "crash" in Path(path).name:
        os._exit(3)
    return batch.check_one(path, name)


def test_hung_and_crashing_files_become_rows(folder: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("hang.xlsx", "crash.xlsx"):
        (tmp_path / name).write_bytes((folder / GOOD[0]).read_bytes())
    files = [folder / GOOD[0], tmp_path / "hang.xlsx", tmp_path / "crash.xlsx",
             folder / MONEY_ERROR, folder / "e-csv.xlsx"]
    monkeypatch.setattr(scheduler, "HANG_GRACE", 0.5)
    start = time.monotonic()
    rows = dict(run_batch(files, BatchOptions(time_limit=1.0), jobs=2, worker=_unruly_worker))
    assert time.monotonic() - start < 30
    assert [rows[i]["status"] for i in range(5)] == [
        "clean", "timeout", "internal", "errors", "unreadable"]
    assert rows[1]["error"]["code"] == "PX018" and rows[2]["error"]["code"] == "crash"


def test_a_hung_or_crashing_file_inside_a_chunk_blames_only_itself(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files go to workers four at a time: a worker that hangs or dies takes its whole chunk
    with it, and each of those files is run again alone, so that only the culprit is a row of
    its own kind and the others are checked as usual."""
    files = []
    for k in range(24):
        kind = {5: "hang", 14: "crash"}.get(k, "ok")
        path = tmp_path / f"{k:02d}-{kind}.xlsx"
        path.write_bytes((folder / GOOD[0]).read_bytes())
        files.append(path)
    monkeypatch.setattr(scheduler, "HANG_GRACE", 0.25)
    start = time.monotonic()
    rows = dict(run_batch(files, BatchOptions(time_limit=0.5), jobs=2, worker=_unruly_worker))
    assert time.monotonic() - start < 60
    assert sorted(rows) == list(range(24))
    status = {i: rows[i]["status"] for i in rows}
    assert status.pop(5) == "timeout" and status.pop(14) == "internal"
    assert set(status.values()) == {"clean"}


def test_files_go_to_workers_in_chunks_that_shrink_at_the_end(tmp_path: Path) -> None:
    sched = scheduler.Scheduler([tmp_path / f"{k}.xlsx" for k in range(40)], {}, 2,
                                _unruly_worker, batch.init_worker, BatchOptions(), 1.0,
                                lambda i, kind, s: {})
    try:
        sizes = []
        while sched.todo:
            sizes.append(len(sched._next_chunk()))
        assert sizes[:3] == [4, 4, 4] and sizes[-4:] == [1, 1, 1, 1] and sum(sizes) == 40
    finally:
        sched._stop(sched.pool, force=False)


def test_worker_path_imports_no_heavy_library(folder: Path) -> None:
    code = ("import sys; from perf_xlsx.batch import pool as batch; batch.init_worker(batch.BatchOptions()); "
            f"row = batch.check_one({str(folder / GOOD[0])!r}); assert row['status'] == 'clean'; "
            "print(sorted(m for m in ('pandas', 'openpyxl', 'xlsxwriter', 'numpy', 'click') "
            "if m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from perf_xlsx.cli import batch_cmd

    class Tty:
        def isatty(self) -> bool:
            return True

        def write(self, s: str) -> int:
            return len(s)

        def flush(self) -> None:
            return None

    assert isinstance(batch_cmd._progress(3, "text", False, "x"), batch_cmd._NoBar)  # piped
    monkeypatch.setattr(sys, "stderr", Tty())
    assert not isinstance(batch_cmd._progress(3, "text", False, "x"), batch_cmd._NoBar)
    for fmt, quiet in (("json", False), ("jsonl", False), ("text", True)):
        assert isinstance(batch_cmd._progress(3, fmt, quiet, "x"), batch_cmd._NoBar)


def test_findings_sheet_stops_at_excel_row_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from perf_xlsx.batch import frames as summary_workbook

    monkeypatch.setattr(summary_workbook, "MAX_ROWS", 5)
    row = batch.error_row("x.xlsx", "unreadable", "PX009", "csv")
    row["findings"] = [{"code": "PX201", "severity": "error", "sheet": "项目信息", "cell": "D9",
                        "message": f"m{k}", "hint": ""} for k in range(9)]
    _summary, findings, grades = summary_workbook.summary_frames([row])
    assert len(findings) == 5 and "另有 6 条" in findings.iloc[-1]["说明"]
    assert list(findings["代码"][:2]) == ["PX009", "PX201"]
    assert dict(zip(grades["等级"], grades["数量"]))["无等级"] == 1


def test_reader_deadline_gives_timeout_rows(folder: Path) -> None:
    rows = dict(run_batch([folder / GOOD[0]], BatchOptions(time_limit=0.0), jobs=1))
    assert rows[0]["status"] == "timeout" and rows[0]["error"]["code"] == "PX018"
    assert batch.row_fails(rows[0])


def test_every_bad_input_becomes_a_row_with_its_code(tmp_path: Path) -> None:
    from badfiles import generate_bad_inputs

    cases = [(p, code) for p, code in generate_bad_inputs(tmp_path / "bad") if not p.is_dir()]
    rows = dict(run_batch([p for p, _ in cases], BatchOptions(), jobs=2))
    got = [(rows[i]["status"], rows[i]["error"]["code"]) for i in range(len(cases))]
    assert got == [("timeout" if code == "PX018" else "unreadable", code) for _, code in cases]


def test_broken_templates_fill_the_summary(tmp_path: Path) -> None:
    from bad_templates import generate_broken_templates

    cases = generate_broken_templates(tmp_path / "broken")
    summary = tmp_path / "s.xlsx"
    r = _cli(tmp_path / "broken", "--summary", summary, "-j", "2", "--format", "json")
    assert r.exit_code == 1, r.output
    files = {Path(f["file"]).name: f for f in json.loads(r.stdout)["files"]}
    found = {(Path(f[0]).name, f[1])
             for f in load_workbook(summary)["问题清单"].iter_rows(min_row=2, values_only=True)}
    for _name, path, codes in cases:
        row = files[path.name]
        assert row["status"] != "internal", row
        assert {(path.name, c) for c in codes} <= found, (path.name, codes)


def test_jsonl_keeps_emoji_on_a_gbk_console(tmp_path: Path) -> None:
    """A GBK console cannot encode 🎉: the line uses \\u escapes instead of turning it into '?'."""
    info = dict(default_info())
    info["project_name"] = "宣传项目🎉"
    path = fill_template(tmp_path / "emoji.xlsx", info=info)
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    for fmt in ("jsonl", "json"):
        p = subprocess.run([sys.executable, "-m", "perf_xlsx", "check", str(path), "--format",
                            fmt, "-j", "1"], capture_output=True, env=env, timeout=120)
        assert p.returncode == 0, p.stderr.decode("gbk", "replace")
        text = p.stdout.decode("gbk")
        assert "?" not in text and "\\ud83c\\udf89" in text
        data = json.loads(text.splitlines()[0]) if fmt == "jsonl" else json.loads(text)["files"][0]
        assert data["project"]["name"] == "宣传项目🎉"


# ---- streaming (issue 15): rows go to the summary as they arrive, in file order --------------
def test_in_order_holds_only_what_came_early() -> None:
    from perf_xlsx.batch.pool import in_order

    arrivals = [(2, "c"), (0, "a"), (3, "d"), (1, "b"), (5, "f"), (4, "e")]
    held = []

    def tracked():
        for item in arrivals:
            yield item
            held.append(item[0])

    assert list(in_order(tracked())) == [(0, "a"), (1, "b"), (2, "c"), (3, "d"), (4, "e"),
                                         (5, "f")]
    assert list(in_order([(1, "b"), (3, "d")])) == [(1, "b"), (3, "d")]   # gaps: still ordered


def test_the_summary_is_streamed_from_a_generator(tmp_path: Path) -> None:
    """write_summary consumes the rows one at a time (the batch runs inside it), writes the
    department aggregate at the end and puts the file in place only when complete."""
    from perf_xlsx.batch.summary import write_summary

    target = tmp_path / "汇总.xlsx"
    seen = []

    def rows():
        for i, (dept, grade, score, errors) in enumerate(
                [("甲局", "优", "95", 0), ("乙局", "良", "85", 1), ("甲局", "中", "65", 2),
                 ("", None, None, 0)]):
            assert not target.exists()          # nothing in place before the end
            row = batch.error_row(str(tmp_path / f"{i}.xlsx"), "unreadable", "PX005",
                                  "y") if grade is None else {
                **batch.error_row(str(tmp_path / f"{i}.xlsx"), "clean", "x", "y"),
                "error": None, "grade": grade, "score": score, "errors": errors,
                "status": "errors" if errors else "clean"}
            row["project"] = {**row["project"], "department": dept or None}
            seen.append(i)
            yield row

    write_summary(rows(), target)
    assert seen == [0, 1, 2, 3]
    wb = load_workbook(target)
    depts = {r[0]: r[1:] for r in wb["按主管部门"].iter_rows(min_row=2, values_only=True)}
    assert depts["甲局"] == (2, 1, 80, 1, 0, 1, 0, 0)
    assert depts["乙局"] == (1, 1, 85, 0, 1, 0, 0, 0)
    assert depts["（未填）"][:2] == (1, 1) and depts["（未填）"][-1] == 1
    assert [r[0] for r in wb["汇总"].iter_rows(min_row=2, values_only=True)] == \
        [str(tmp_path / f"{i}.xlsx") for i in range(4)]
    assert not list(tmp_path.glob("*.tmp*")) and not list(tmp_path.glob(".perf-xlsx*"))


def test_a_failed_summary_does_not_stop_the_check(folder: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from perf_xlsx.batch import summary as summary_mod
    from perf_xlsx.errors import OutputError

    def broken(*_a, **_k):
        raise OutputError("PX609", str(tmp_path / "s.xlsx"), error="disk full")

    monkeypatch.setattr(summary_mod.SummaryBook, "close", broken)
    r = _cli(folder, "--summary", tmp_path / "s.xlsx", "-j", "1")
    assert r.exit_code == 2 and "共 6 个工作簿" in r.stdout and "PX609" in r.stderr
    assert not (tmp_path / "s.xlsx").exists()
