"""The year in one workbook, on real files (issue 17): the targets recorded at 申报 and compared
at 监控 and 自评, a hand edit of the record detected, each stage's form written (one A4 page),
``template --upgrade`` keeping every value, the CLI's --stage, and the seed-000 stage samples."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from build_stage_samples import STAGE_FILES, STAGES_DIR
from factory import default_expenses, default_indicators, default_info, fill_template
from lo import has_soffice, soffice_convert
from openpyxl import load_workbook
from test_stages import edit, monitor_info, target_info

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli as cli_main
from perf_xlsx.run import check_and_write
from perf_xlsx.template import contract

D = Decimal
OLD_TEMPLATE = Path(__file__).resolve().parent / "data" / "template-2026.1.xlsx"


def run_cli(*args: Any) -> Any:
    from click.testing import CliRunner

    return CliRunner().invoke(cli_main, [str(a) for a in args])


def recorded(tmp_path: Path, name: str = "项目.xlsx") -> Path:
    """A workbook filled for the whole year whose targets were recorded by a 申报 check."""
    rows = [dict(r, likelihood="确定能", monitor_value="1") for r in default_indicators()]
    info = {**default_info(), "monitor_as_of": dt.date(2018, 7, 31),
            "funds_executed_to_date": D("0.6"), "funds_expected_full_year": D("0.95")}
    path = fill_template(tmp_path / name, info, default_expenses(), rows)
    report, outcome = check_and_write(path, "mof2020", stage="target")
    assert outcome.written == path and report.stage == "target"
    return path


def set_cells(path: Path, sheet: str, values: dict[str, Any]) -> None:
    wb = load_workbook(path)
    for ref, value in values.items():
        wb[sheet][ref] = value
    wb.save(path)


def col(key: str) -> str:
    return "ABCDEFGHIJKLMNOP"[[c.key for c in contract.INDICATORS.columns].index(key)]


def codes_of(path: Path, stage: str) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for f in check_file(path, "mof2020", stage=stage).findings:
        out.setdefault(f.code, []).append(f)
    return out


# ---- the record -----------------------------------------------------------------------------------
def test_the_target_stage_writes_the_record_and_later_stages_read_it(tmp_path: Path) -> None:
    path = recorded(tmp_path)
    wb = load_workbook(path)
    assert contract.SHEET_TARGET_FORM in wb.sheetnames and contract.SHEET_FINDINGS in wb.sheetnames
    assert contract.SHEET_FORM not in wb.sheetnames
    from perf_xlsx.read.reader import load_project

    record = load_project(path).record
    assert record is not None and record.trusted and record.sheet == contract.SHEET_TARGET_FORM
    assert [t.level3 for t in record.targets] == [r["level3"] for r in default_indicators()]
    assert record.amount("total") == 1 and record.targets[0].target == "≥50本"
    found = codes_of(path, "self")
    assert not {"PX741", "PX742", "PX743", "PX744", "PX761", "PX762"} & set(found)


AGAINST_CASES = [
    ("a target lowered without a note", {f"{col('target')}3": "≥40本"}, {"PX742"}),
    ("a target lowered with its approved adjustment",
     {f"{col('target')}3": "≥40本", f"{col('adjustment')}3": "经财政局批复（X财绩〔2018〕5号）调减"},
     set()),
    ("a weight changed", {f"{col('weight')}3": 12, f"{col('weight')}4": 8}, {"PX742"}),
    ("a unit added", {f"{col('unit')}3": "册"}, {"PX742"}),
    ("an indicator renamed", {f"{col('level3')}3": "宣传册数量"}, {"PX741", "PX743"}),
    ("the initial budget changed", {"B9": 1.2, "B10": 1.2}, {"PX744"}),
]


@pytest.mark.parametrize("name,cells,expected", AGAINST_CASES, ids=[c[0] for c in AGAINST_CASES])
@pytest.mark.parametrize("stage", ["monitor", "self"])
def test_changes_after_the_target_stage(tmp_path: Path, name: str, cells: dict, expected: set,
                                        stage: str) -> None:
    path = recorded(tmp_path)
    info = {k: v for k, v in cells.items() if k[0] == "B" and k[1:].isdigit() and int(k[1:]) < 30}
    set_cells(path, contract.SHEET_INFO, info)
    set_cells(path, contract.SHEET_INDICATORS, {k: v for k, v in cells.items() if k not in info})
    found = set(codes_of(path, stage))
    assert found & {"PX741", "PX742", "PX743", "PX744"} == expected
    if expected & {"PX742", "PX744"}:
        severity = {f.severity.value for c in expected for f in codes_of(path, stage).get(c, [])}
        assert severity == {"error"}


def test_a_hand_edited_record_is_detected_and_not_trusted(tmp_path: Path) -> None:
    path = recorded(tmp_path)
    set_cells(path, contract.SHEET_TARGET_FORM, {"D11": "≥40本"})     # the record, by hand
    set_cells(path, contract.SHEET_INDICATORS, {f"{col('target')}3": "≥40本"})
    found = codes_of(path, "self")
    assert "PX761" in found and found["PX761"][0].sheet == contract.SHEET_TARGET_FORM
    assert "PX742" not in found         # not compared against a record that was edited


def test_without_a_record_the_monitor_stage_says_so(tmp_path: Path) -> None:
    rows = [dict(r, likelihood="确定能", monitor_value="1") for r in default_indicators()]
    path = fill_template(tmp_path / "m.xlsx", monitor_info(), [],
                         [{k: v for k, v in r.items() if k not in ("actual", "self_score")}
                          for r in rows])
    found = codes_of(path, "monitor")
    assert "PX762" in found and found["PX762"][0].severity.value == "info"
    assert "PX762" not in codes_of(fill_template(tmp_path / "s.xlsx"), "self")


# ---- 自评 against the monitoring columns ----------------------------------------------------------
def test_self_against_monitor(tmp_path: Path) -> None:
    path = recorded(tmp_path)
    set_cells(path, contract.SHEET_INDICATORS, {f"{col('actual')}3": "40本",
                                                f"{col('self_score')}3": 8,
                                                f"{col('deviation')}3": "印刷厂停产"})
    set_cells(path, contract.SHEET_INFO, {"B29": 0.5})      # expected 0.5, spent 0.95
    found = codes_of(path, "self")
    assert [f.cell for f in found["PX746"]] == [f"{col('actual')}3"]
    assert [f.cell for f in found["PX745"]] == ["D9"]
    set_cells(path, contract.SHEET_INFO, {"B14": "下半年追加了制度挂板"})
    assert "PX745" not in codes_of(path, "self")


# ---- the forms ------------------------------------------------------------------------------------
def test_each_stage_writes_its_form_and_keeps_the_others(tmp_path: Path) -> None:
    path = recorded(tmp_path)
    before = load_workbook(path)[contract.SHEET_TARGET_FORM]
    record_cells = [[c.value for c in row] for row in before.iter_rows()]
    _r, out = check_and_write(path, "mof2020", stage="monitor")
    assert out.written == path
    _r, out = check_and_write(path, "mof2020", stage="self")
    wb = load_workbook(path)
    assert [s for s in wb.sheetnames if s not in contract.INPUT_SHEETS] == [
        contract.SHEET_LISTS, contract.SHEET_TARGET_FORM, contract.SHEET_FINDINGS,
        contract.SHEET_MONITOR_FORM, contract.SHEET_FORM] or set(wb.sheetnames) >= {
        contract.SHEET_TARGET_FORM, contract.SHEET_MONITOR_FORM, contract.SHEET_FORM}
    assert [[c.value for c in row] for row in wb[contract.SHEET_TARGET_FORM].iter_rows()] == \
        record_cells
    monitor = [c.value for row in wb[contract.SHEET_MONITOR_FORM].iter_rows() for c in row]
    assert "项目支出绩效目标执行监控表" in monitor and "2018-07-31" in monitor
    assert "宣传手册数量" in monitor and "确定能" in monitor
    assert not any(isinstance(v, str) and v.startswith("=") for v in monitor)


def test_text_that_looks_like_a_formula_stays_text_in_the_stage_forms(tmp_path: Path) -> None:
    rows = [dict(r, likelihood="确定能", monitor_value="=1+1",
                 monitor_note="@SUM(A1)") for r in default_indicators()]
    info = {**monitor_info(), "project_name": "=HYPERLINK(\"x\")", "monitor_note": "+1"}
    path = fill_template(tmp_path / "f.xlsx", info, [],
                         [{k: v for k, v in r.items() if k not in ("actual", "self_score")}
                          for r in rows])
    for stage in ("target", "monitor"):
        _r, out = check_and_write(path, "mof2020", stage=stage)
        assert out.written == path
    wb = load_workbook(path)
    for sheet in (contract.SHEET_TARGET_FORM, contract.SHEET_MONITOR_FORM):
        cells = [c for row in wb[sheet].iter_rows() for c in row if c.value is not None]
        assert all(c.data_type != "f" for c in cells)
        assert "=HYPERLINK(\"x\")" in [c.value for c in cells]


@pytest.mark.skipif(not has_soffice() or not shutil.which("pdfinfo"),
                    reason="LibreOffice or poppler (pdfinfo) not installed")
@pytest.mark.parametrize("stage", ["target", "monitor"])
def test_each_stage_form_prints_on_one_a4_page(tmp_path: Path, stage: str) -> None:
    import xlsxwriter

    from perf_xlsx.scoring.profiles import get_profile
    from perf_xlsx.write.stage_forms import add_monitor_form, add_target_form

    path = recorded(tmp_path)
    report = check_file(path, "mof2020", stage=stage)
    alone = tmp_path / f"{stage}.xlsx"
    wb = xlsxwriter.Workbook(str(alone))
    {"target": add_target_form, "monitor": add_monitor_form}[stage](wb, report,
                                                                    get_profile("mof2020"))
    wb.close()
    pdf = soffice_convert(alone, "pdf", tmp_path / "pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    import re

    assert re.search(r"^Pages:\s+1$", info, re.M), info
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    assert "A4" in size or ("595" in size and "842" in size)


# ---- the upgrade ----------------------------------------------------------------------------------
def old_workbook(tmp_path: Path, name: str = "旧版.xlsx") -> Path:
    return fill_template(tmp_path / name, template=OLD_TEMPLATE)


def test_an_old_workbook_reads_without_complaints_about_new_cells(tmp_path: Path) -> None:
    old = old_workbook(tmp_path)
    from perf_xlsx.read.reader import load_project

    project = load_project(old)
    assert project.template_version == "2026.1"
    assert [f.code for f in project.findings] == ["PX108"]


def test_an_upgraded_workbook_checks_identically(tmp_path: Path) -> None:
    old = old_workbook(tmp_path)
    new = tmp_path / "新版.xlsx"
    before = old.read_bytes()
    r = run_cli("template", "--upgrade", old, "-o", new)
    assert r.exit_code == 0, r.output
    assert "2026.1 → 2027.1" in r.output and old.read_bytes() == before
    a, b = check_file(old), check_file(new)
    key = [(f.code, f.sheet, f.cell, f.message()) for f in a.findings if f.code != "PX108"]
    assert key == [(f.code, f.sheet, f.cell, f.message()) for f in b.findings]
    assert b.project.template_version == contract.TEMPLATE_VERSION
    assert a.score.to_dict() == b.score.to_dict()
    assert load_workbook(new)[contract.SHEET_INFO]["B6"].value == contract.TEMPLATE_VERSION


def test_upgrade_names_the_sheets_it_leaves_behind_and_refuses_bad_input(tmp_path: Path) -> None:
    old = old_workbook(tmp_path)
    check_and_write(old, "mof2020")           # gains 自评表 and 检查结果
    r = run_cli("template", "--upgrade", old, "-o", tmp_path / "n.xlsx")
    assert r.exit_code == 0 and contract.SHEET_FORM in r.output
    r = run_cli("template", "--upgrade", old, "-o", old, "--force")
    assert r.exit_code == 2
    form = Path(__file__).resolve().parents[1] / "samples" / "forms" / "2018-website-publicity-自评表.xlsx"
    r = run_cli("template", "--upgrade", form, "-o", tmp_path / "f.xlsx")
    assert r.exit_code == 2 and "PX653" in r.output
    bad = old_workbook(tmp_path, "bad.xlsx")
    set_cells(bad, contract.SHEET_INFO, {"B6": "2019"})
    r = run_cli("template", "--upgrade", bad, "-o", tmp_path / "b.xlsx")
    assert r.exit_code == 2 and "PX654" in r.output and not (tmp_path / "b.xlsx").exists()


# ---- the CLI and the samples ----------------------------------------------------------------------
def test_cli_stage_option_and_json(tmp_path: Path) -> None:
    import json

    path = fill_template(tmp_path / "t.xlsx", target_info(), [],
                         [{k: v for k, v in r.items() if k not in ("actual", "self_score")}
                          for r in default_indicators()])
    r = run_cli("check", path, "--no-write", "--format", "json")
    assert json.loads(r.stdout)["stage"] == "target"       # inferred: nothing after 申报 typed
    r = run_cli("check", path, "--no-write", "--format", "json", "--stage", "自评")
    data = json.loads(r.stdout)
    assert data["stage"] == "self" and "PX318" in {f["code"] for f in data["findings"]}
    r = run_cli("check", path, "--no-write", "--stage", "年中")
    assert r.exit_code == 2 and "年中" in r.output


@pytest.mark.parametrize("name,stage,parts", STAGE_FILES)
def test_stage_samples_check_as_a_reviewer_expects(name: str, stage: str, parts: Any) -> None:
    report = check_file(STAGES_DIR / name, "mof2020", stage=None)
    found = {f.code for f in report.findings}
    assert report.stage == stage and report.project.record is not None
    assert report.project.record.trusted
    if stage == "target":
        assert not [f for f in report.findings if f.severity.value != "info"]
    if stage == "monitor":       # 22 % spent against 58 % of the year, and no explanation
        px722 = [f for f in report.findings if f.code == "PX722"]
        assert px722 and "22.00%" in px722[0].message() and "58.08%" in px722[0].message()
    if stage == "self":          # 确定能 in July, the deadline missed in November
        assert {"PX746", "PX406", "PX313"} <= found
    assert not found & {"PX741", "PX742", "PX743", "PX744", "PX761"}


def test_committed_stage_samples_equal_a_rebuild(tmp_path: Path) -> None:
    from build_stage_samples import build_all

    for built in build_all(tmp_path):
        committed = load_workbook(STAGES_DIR / built.name)
        fresh = load_workbook(built)
        assert committed.sheetnames == fresh.sheetnames
        for sheet in fresh.sheetnames:
            if sheet == contract.SHEET_FINDINGS:
                continue       # carries the check's time
            assert [[c.value for c in r] for r in committed[sheet].iter_rows()] == \
                [[c.value for c in r] for r in fresh[sheet].iter_rows()], (built.name, sheet)


def test_record_rows_are_the_judged_rows(tmp_path: Path) -> None:
    rows = edit(default_indicators(), 1, level3="其中：城区 20块", weight=None, self_score=None)
    path = fill_template(tmp_path / "b.xlsx", None, None, rows)
    check_and_write(path, "mof2020", stage="target")
    from perf_xlsx.read.reader import load_project

    names = [t.level3 for t in load_project(path).record.targets]
    assert "其中：城区 20块" not in names and "宣传手册数量" in names


def test_upgrade_without_o_writes_beside_the_old_file(tmp_path: Path) -> None:
    old = old_workbook(tmp_path)
    r = run_cli("template", "--upgrade", old)
    beside = tmp_path / f"旧版-{contract.TEMPLATE_VERSION}.xlsx"
    assert r.exit_code == 0 and beside.is_file(), r.output
    r = run_cli("template", "--upgrade", old)
    assert r.exit_code == 2 and "--force" in r.output         # never overwritten unasked


def test_the_console_names_a_stage_before_self() -> None:
    r = run_cli("check", STAGES_DIR / STAGE_FILES[1][0], "--no-write")
    assert "阶段：监控" in r.stdout and "PX722" in r.stdout
    r = run_cli("check", STAGES_DIR / STAGE_FILES[2][0], "--no-write", "--lang", "en")
    assert "stage:" not in r.stdout and "PX746" in r.stdout


def test_cli_previous_flags_a_target_below_last_years_actual(tmp_path: Path) -> None:
    import json

    last = fill_template(tmp_path / "2017.xlsx", None, None,
                         edit(default_indicators(), 0, actual="60本"))
    this = fill_template(tmp_path / "2018.xlsx", target_info(), [],
                         [{k: v for k, v in r.items() if k not in ("actual", "self_score")}
                          for r in default_indicators()])
    r = run_cli("check", this, "--no-write", "--format", "json", "--previous", last)
    low = [f for f in json.loads(r.stdout)["findings"] if f["code"] == "PX706"]
    assert [f["cell"] for f in low][:1] == ["D3"] and "60本" in low[0]["message"]
    r = run_cli("check", this, "--no-write", "--previous", tmp_path / "无.xlsx")
    assert r.exit_code == 2


def test_batch_checks_each_workbook_at_its_own_stage(tmp_path: Path) -> None:
    import json

    folder = tmp_path / "收件箱"
    folder.mkdir()
    for name, _stage, _parts in STAGE_FILES:
        shutil.copy(STAGES_DIR / name, folder / name)
    r = run_cli("check", folder, "--format", "jsonl")
    rows = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert sorted(row["stage"] for row in rows) == ["monitor", "self", "target"]
    r = run_cli("check", folder, "--format", "jsonl", "--stage", "申报")
    assert {json.loads(x)["stage"] for x in r.stdout.splitlines() if x.startswith("{")} == \
        {"target"}


def test_re_recording_changed_targets_warns(tmp_path: Path) -> None:
    path = recorded(tmp_path)
    assert "PX763" not in codes_of(path, "target")          # the same targets: silent
    set_cells(path, contract.SHEET_INDICATORS, {f"{col('target')}3": "≥40本"})
    found = codes_of(path, "target")
    assert [f.params["count"] for f in found["PX763"]] == [1]
    assert found["PX763"][0].sheet == contract.SHEET_TARGET_FORM
    assert found["PX763"][0].severity.value == "warning"


def test_a_number_beyond_a_double_is_written_as_text_in_the_stage_forms() -> None:
    import io

    from model_factory import build_project

    from perf_xlsx.check import check_project
    from perf_xlsx.write.writer import build_result_sheets

    rows = [dict(r, likelihood="确定能", monitor_value="1") for r in default_indicators()]
    rows[0]["weight"] = D("1E+400")
    info = {**monitor_info(), "funds_expected_full_year": D("1E+400")}
    project = build_project(info, [], rows)
    for stage, sheet in (("target", contract.SHEET_TARGET_FORM),
                         ("monitor", contract.SHEET_MONITOR_FORM)):
        data = build_result_sheets(check_project(project, stage=stage))
        cells = [c.value for row in load_workbook(io.BytesIO(data))[sheet].iter_rows()
                 for c in row]
        assert "1E+400" in cells, stage


@pytest.mark.parametrize("stage", [None, "申报", "监控", "自评"])
def test_a_workbook_that_is_neither_template_nor_form_gets_only_px101(tmp_path: Path,
                                                                      stage: str | None) -> None:
    """Nothing was read, so no stage is inferred from the empty cells (it would say 申报) and no
    stage finding points at a template cell that does not exist (PX707 at 项目信息!B9)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "年龄"])
    wb.active.append(["张三", 30])
    path = tmp_path / "通讯录.xlsx"
    wb.save(path)
    report = check_file(path, stage=stage)
    assert [f.code for f in report.findings] == ["PX101"]
    assert report.stage == ("self" if stage is None else
                            {"申报": "target", "监控": "monitor", "自评": "self"}[stage])
    result = run_cli("check", "--no-write", path)
    assert result.exit_code == 1 and "[PX101]" in result.output
    assert "阶段" not in result.output and "PX7" not in result.output
