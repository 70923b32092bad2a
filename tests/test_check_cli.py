"""``perf-xlsx check``: output, JSON == library report, exit codes, writing hook."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from decimal import Decimal as D
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import CliRunner
from factory import default_info
from model_factory import funds

import perf_xlsx.check
from perf_xlsx.check import check_file
from perf_xlsx.cli import cli

FIXED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def run(*args: Any) -> Any:
    return CliRunner().invoke(cli, ["check", *map(str, args)])


def money_error(filled: Callable[..., Path], name: str = "bad.xlsx") -> Path:
    """A workbook whose expense lines (0.95) do not add up to the executed 0.62: PX201."""
    info = {**funds(default_info(), "1", "1", D("0.62")), "funds_received": None,
            "funds_note": "部分活动推迟"}
    return filled(info=info, name=name)


def warning_only(filled: Callable[..., Path]) -> Path:
    """Budget adjusted from 1 to 1.2 without a note: PX206 (a warning), nothing worse."""
    info = {**funds(default_info(), "1", "1.2", D("0.95")), "funds_received": None}
    info["funds_total_executed"] = info["funds_fiscal_executed"] = D("1.1")
    return filled(info=info, expenses=[{"content": "宣传", "amount": D("1.1")}], name="warn.xlsx")


@pytest.fixture
def clean(filled: Callable[..., Path]) -> Path:
    return filled(name="clean.xlsx")


@pytest.fixture
def not_a_workbook(tmp_path: Path) -> Path:
    p = tmp_path / "不是工作簿.xlsx"
    p.write_text("项目名称,金额\n宣传,1\n", encoding="utf-8")
    return p


def test_clean_workbook_exits_0_with_score(clean: Path) -> None:
    r = run(clean, "--no-write")
    assert r.exit_code == 0, r.output
    assert "总分 99.50  等级 优" in r.stdout and "预算执行率 95.00%" in r.stdout
    assert "错误 0 个" in r.stdout
    assert "检查" in r.stderr and "检查" not in r.stdout.splitlines()[0]


def test_errors_exit_1_and_are_grouped_with_hint(filled: Callable[..., Path]) -> None:
    r = run(money_error(filled), "--no-write")
    assert r.exit_code == 1
    out = r.stdout
    assert out.index("错误 (") < out.index("提示 (") < out.index("得分（评分规则 mof2020）")
    assert "[PX201] 项目信息!D9" in out and "处理办法：" in out
    assert "合计 0.95 万元，但全年执行数填的是 0.62 万元" in out


def test_english_output(filled: Callable[..., Path]) -> None:
    r = run(money_error(filled), "--no-write", "--lang", "en")
    assert r.exit_code == 1
    assert "Errors (" in r.stdout and "how to fix:" in r.stdout
    assert "the expense lines add up to 0.95" in r.stdout


def test_fail_on_warning_and_exit_zero(filled: Callable[..., Path]) -> None:
    path = warning_only(filled)
    r = run(path, "--no-write")
    assert r.exit_code == 0 and "[PX206]" in r.stdout, r.stdout
    assert run(path, "--no-write", "--fail-on", "warning").exit_code == 1
    assert run(money_error(filled), "--no-write", "--exit-zero").exit_code == 0


def test_quiet_hides_notes_and_scores(filled: Callable[..., Path]) -> None:
    r = run(money_error(filled), "--no-write", "-q")
    assert r.exit_code == 1 and "[PX201]" in r.stdout
    assert "提示 (" not in r.stdout and "得分（" not in r.stdout and r.stderr == ""


def test_json_equals_library_report(clean: Path, filled: Callable[..., Path],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    class Frozen(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> datetime:  # type: ignore[override]
            return FIXED

    monkeypatch.setattr(perf_xlsx.check, "datetime", Frozen)
    bad = money_error(filled)
    r = run(bad, "--no-write", "--format", "json", "--lang", "en")
    assert r.exit_code == 1
    # The CLI adds one member, "write" (docs/json-report.md); the rest is the library report.
    cli_data = json.loads(r.stdout)
    assert cli_data.pop("write") == {"skipped": "no-write"}
    assert cli_data == check_file(bad, now=FIXED).to_dict("en")
    r2 = run(clean, bad, "--no-write", "--format", "json")
    listed = json.loads(r2.stdout)
    assert [d.pop("write") for d in listed] == [{"skipped": "no-write"}] * 2
    assert listed == [check_file(p, now=FIXED).to_dict("zh") for p in (clean, bad)]
    assert r2.exit_code == 1


def test_unusable_input_exits_2(not_a_workbook: Path, tmp_path: Path) -> None:
    r = run(not_a_workbook, "--no-write")
    assert r.exit_code == 2 and "[PX0" in r.stderr and r.stdout == ""
    assert run(tmp_path / "missing.xlsx").exit_code == 2


def test_several_files_take_the_max(clean: Path, filled: Callable[..., Path],
                                    not_a_workbook: Path) -> None:
    bad = money_error(filled)
    assert run(clean, bad, "--no-write").exit_code == 1
    r = run(bad, not_a_workbook, clean, "--no-write", "--format", "json")
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert [d["file"] for d in data] == [str(bad), str(not_a_workbook), str(clean)]
    assert data[1]["error"]["code"].startswith("PX0") and data[1]["error"]["message"]
    assert run(clean, not_a_workbook, "--no-write", "--exit-zero").exit_code == 2


def test_unknown_profile_is_a_usage_error(clean: Path) -> None:
    r = run(clean, "--profile", "no_such_frame")
    assert r.exit_code == 2 and "mof2020" in r.output and "hubei" in r.output


def test_hubei_profile(clean: Path) -> None:
    r = run(clean, "--no-write", "--profile", "hubei")
    assert "得分（评分规则 hubei）" in r.stdout and "19.00 / 20" in r.stdout


def test_no_write_leaves_the_file_alone(clean: Path) -> None:
    before = clean.read_bytes()
    assert run(clean, "--no-write").exit_code == 0
    assert clean.read_bytes() == before and sorted(clean.parent.iterdir()) == [clean]


def test_output_copy_gets_the_result_sheets(clean: Path, tmp_path: Path) -> None:
    from perf_xlsx.cli.check_cmd import write_hook

    if write_hook() is None:
        pytest.skip("writer not installed")
    before = clean.read_bytes()
    out = tmp_path / "结果.xlsx"
    r = run(clean, "-o", out)
    assert r.exit_code == 0, r.output
    from openpyxl import load_workbook

    assert {"自评表", "检查结果"} <= set(load_workbook(out).sheetnames)
    assert clean.read_bytes() == before


def test_output_must_be_a_folder_for_several_files(clean: Path, filled: Callable[..., Path],
                                                   tmp_path: Path) -> None:
    r = run(clean, money_error(filled), "-o", tmp_path / "x.xlsx")
    assert r.exit_code == 2


def _subprocess(*args: Any) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perf_xlsx", "check", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_subprocess_exit_codes_and_json(filled: Callable[..., Path],
                                        not_a_workbook: Path) -> None:
    bad = money_error(filled, name="自评表（有错）.xlsx")
    p = _subprocess(bad, "--no-write", "--format", "json")
    assert p.returncode == 1, p.stderr
    data = json.loads(p.stdout)
    assert data["file"] == str(bad) and data["summary"]["errors"] >= 1
    assert any(f["code"] == "PX201" and f["cell"] == "D9" for f in data["findings"])
    assert _subprocess(not_a_workbook, "--no-write").returncode == 2
    assert _subprocess("--no-write").returncode == 2          # no FILE: usage error


def _shape(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _shape(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_shape(x[0])] if x else []
    return type(x).__name__ if x is not None else "null"


def test_json_doc_example_has_the_real_shape(filled: Callable[..., Path],
                                             not_a_workbook: Path) -> None:
    import re

    doc = (Path(__file__).resolve().parents[1] / "docs" / "json-report.md").read_text("utf-8")
    example, error = (json.loads(b) for b in re.findall(r"```json\n(.*?)```", doc, re.S))
    real = check_file(money_error(filled)).to_dict()
    real["findings"] = [f for f in real["findings"] if f["code"] == "PX201"]
    assert _shape(example) == _shape(real)
    assert example["findings"][0]["message"] == real["findings"][0]["message"]
    r = run(not_a_workbook, "--no-write", "--format", "json")
    assert r.exit_code == 2 and _shape(json.loads(r.stdout)) == _shape(error)


def test_check_project_merges_dedupes_and_sorts() -> None:
    from model_factory import build_project

    from perf_xlsx.catalogue.finding import Severity, make
    from perf_xlsx.check import check_project

    info = {**funds(default_info(), "1", "1", D("0.62")), "funds_received": None,
            "funds_total_initial": "一万"}
    project = build_project(info)
    reader_finding = make("PX122", "项目信息", "B9", actual="一万", label="年度资金总额·年初预算数")
    project.findings = [reader_finding, reader_finding]
    report = check_project(project, "hubei", now=FIXED)
    assert report.checked_at == FIXED and report.tool_version == perf_xlsx.__version__
    assert report.score is not None and report.score.profile == "hubei"
    found = [(f.code, f.cell) for f in report.findings]
    assert found.count(("PX122", "B9")) == 1          # reader finding kept once
    assert ("PX210", "B9") not in found                # the reader already flagged that cell
    # default weights (90 points) under hubei (execution 20): above 100, so no total (PX419)
    assert ("PX201", "D9") in found and ("PX419", None) in found
    ranks = [f.severity.rank for f in report.findings]
    assert ranks == sorted(ranks, reverse=True)
    assert report.exit_code() == 1 and report.exit_code(Severity.WARNING) == 1


def test_check_project_runs_indicator_checks(filled: Callable[..., Path]) -> None:
    from factory import default_indicators

    inds = default_indicators()
    inds[0] = {**inds[0], "actual": "≥50本"}              # the target copied into the actual
    report = check_file(filled(indicators=inds))
    assert any(f.code.startswith("PX3") and f.cell == "E3" for f in report.findings)


@pytest.mark.parametrize("sheet,silent", [("绩效指标", {"PX213", "PX401", "PX402", "PX410"}),
                                          ("项目信息", {"PX209", "PX201", "PX214"}),
                                          ("资金明细", {"PX201"})])
def test_missing_sheet_is_not_buried_in_noise(clean: Path, sheet: str, silent: set[str]) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(clean)
    del wb[sheet]
    wb.save(clean)
    report = check_file(clean)
    found = {f.code for f in report.findings}
    assert ("PX102", sheet) in {(f.code, f.expected) for f in report.findings}
    assert not found & silent, found
    if sheet == "绩效指标":
        assert report.score is None and report.to_dict()["score"] is None


def test_internal_error_in_one_file_does_not_stop_the_others(
        clean: Path, filled: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    bad = money_error(filled)
    real = perf_xlsx.check.check_project

    def flaky(project: Any, *a: Any, **kw: Any) -> Any:
        if project.path == str(clean):
            raise RuntimeError("boom")
        return real(project, *a, **kw)

    monkeypatch.setattr(perf_xlsx.check, "check_project", flaky)
    r = run(clean, bad, "--no-write", "--format", "json")
    assert r.exit_code == 2 and "boom" in r.stderr
    data = json.loads(r.stdout)
    assert data[0]["error"]["code"] == "internal" and data[1]["summary"]["errors"] >= 1


def test_full_marks_on_a_fractional_weight_look_full(filled: Callable[..., Path]) -> None:
    from factory import default_indicators

    inds = default_indicators()
    first = inds.pop(0)                      # weight 10 split into 6.875 + 3.125, both met
    inds[:0] = [{**first, "weight": D("6.875"), "self_score": D("6.875")},
                {**first, "level3": "宣传折页数量", "weight": D("3.125"),
                 "self_score": D("3.125")}]
    r = run(filled(indicators=inds), "--no-write")
    assert r.exit_code == 0, r.output
    assert "宣传折页数量  [达成]  3.125 / 3.125" in r.stdout
    assert "宣传手册数量  [达成]  6.875 / 6.875" in r.stdout
    assert "投诉率  [达成]  15.00 / 15.00" in r.stdout and "3.12 /" not in r.stdout
    assert "9.50 / 10.00" in r.stdout                         # execution: 95 % of 10


def test_check_and_write_is_the_command_as_a_library_call(clean: Path, filled: Callable[..., Path],
                                                          not_a_workbook: Path,
                                                          tmp_path: Path) -> None:
    from perf_xlsx.run import NO_WRITE, check_and_write

    bad = money_error(filled)
    before = bad.read_bytes()
    report, outcome = check_and_write(bad, write=False, now=FIXED)
    assert report.to_dict() == check_file(bad, now=FIXED).to_dict()
    assert outcome.skipped == NO_WRITE and not outcome.failed and bad.read_bytes() == before
    out = tmp_path / "副本"
    out.mkdir()
    report, outcome = check_and_write(bad, "hubei", out=out, lang="en")
    assert outcome.written == out / bad.name
    assert outcome.to_dict() == {"written": str(out / bad.name)}
    assert report.score is not None and report.score.profile == "hubei"
    assert bad.read_bytes() == before
    with pytest.raises(perf_xlsx.errors.InputError):
        check_and_write(not_a_workbook)
    source = Path(perf_xlsx.cli.check_cmd.__file__).read_text("utf-8")
    assert "importlib" not in source and "check_and_write" in source


@pytest.mark.parametrize("lang,words", [("zh", "输出文件夹不存在"),
                                        ("en", "output folder does not exist")])
def test_missing_output_folder_is_said_plainly_before_anything_is_written(
        clean: Path, tmp_path: Path, lang: str, words: str) -> None:
    before = clean.read_bytes()
    for out in (tmp_path / "不存在的文件夹" / "out.xlsx", tmp_path / "新文件夹"):
        r = run(clean, "-o", out, "--lang", lang)
        assert r.exit_code == 2 and words in r.stderr and ".perf-xlsx.lock" not in r.stderr
        assert "检查 / checking" not in r.stderr and r.stdout == ""     # refused before checking
    assert clean.read_bytes() == before and sorted(tmp_path.rglob("*")) == [clean]
    assert run(clean, "-o", tmp_path / "新文件夹", "--no-write").exit_code == 0   # -o unused


def test_output_into_an_existing_folder_keeps_the_workbook_name(clean: Path,
                                                                tmp_path: Path) -> None:
    from perf_xlsx.write.safe_write import MissingFolderError, atomic_write

    folder = tmp_path / "结果"
    folder.mkdir()
    before = clean.read_bytes()
    r = run(clean, "-o", folder)
    assert r.exit_code == 0, r.output
    assert sorted(folder.iterdir()) == [folder / clean.name] and clean.read_bytes() == before
    assert str(folder / clean.name) in r.stderr
    with pytest.raises(MissingFolderError) as exc:      # the library says it too, lock or not
        atomic_write(tmp_path / "无" / "x.xlsx", lambda p: p.write_bytes(b"x"))
    assert exc.value.code == "PX608" and "lock" not in exc.value.message("en")


def test_json_reports_what_happened_to_the_result_sheets(clean: Path, filled: Callable[..., Path],
                                                         tmp_path: Path) -> None:
    import os
    import stat

    from openpyxl import Workbook

    r = run(clean, "--format", "json", "-o", tmp_path / "副本.xlsx")
    assert r.exit_code == 0 and json.loads(r.stdout)["write"] == {
        "written": str(tmp_path / "副本.xlsx")}
    locked = money_error(filled, name="开着的.xlsx")
    (tmp_path / "~$开着的.xlsx").write_bytes(b"\x08owner")            # open in Excel
    readonly = money_error(filled, name="只读.xlsx")
    os.chmod(readonly, stat.S_IREAD)
    other = tmp_path / "报销表.xlsx"
    wb = Workbook()
    wb.active.title = "报销"
    wb.save(other)
    try:
        before = {p: p.read_bytes() for p in (locked, readonly, other)}
        r = run(locked, readonly, other, "--format", "json", "--lang", "en")
    finally:
        os.chmod(readonly, stat.S_IREAD | stat.S_IWRITE)
    assert r.exit_code == 2
    locked_d, readonly_d, other_d = json.loads(r.stdout)
    assert locked_d["write"]["error"]["code"] == "PX601" and locked_d["summary"]["errors"] >= 1
    assert readonly_d["write"]["error"]["code"] == "PX606"
    assert readonly_d["write"]["error"]["message"] and readonly_d["write"]["error"]["hint"]
    assert other_d["write"] == {"skipped": "not-template"}
    assert "PX601" in r.stderr and "PX606" in r.stderr and "PX650" in r.stderr
    assert all(p.read_bytes() == b for p, b in before.items())
    assert "write" not in check_file(clean).to_dict()             # the library report unchanged
