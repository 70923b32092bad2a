"""The published 《项目支出绩效目标执行监控表》 (监控 stage), as units save it: read, checked at
the 监控 stage (docs/stages.md), imported into the template. Before, such a form was taken for
a 申报表 and passed with nothing checked.

Two layouts built in code: the likelihood typed in one column (万元, the cut-off from the
1-7月执行数 header), and the MoF layout with 偏差原因分析 and 完成目标可能性 each split into one
sub-column per option, ticked √ (元, the cut-off in a line under the title).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner
from form_factory import save_rows
from lo import has_soffice, soffice_convert
from openpyxl import load_workbook
from text_exports import to_html

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli
from perf_xlsx.read.reader import load_project

V = "√"


def typed(path: Path, likelihood: str = "有可能", note: str | None = "满意度调查年底开展",
          money_note: str | None = None, title: str = "项目支出绩效目标执行监控表") -> Path:
    rows = [
        [title], ["（2023年度）"],
        ["项目名称", "城区环卫保洁经费"],
        ["主管部门及代码", "[305]某某区城市管理局", None, "实施单位", "某某区环境卫生管理所"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "1-7月执行数", "1-7月执行率",
         "全年预计执行数", "偏差原因说明"],
        [None, "年度资金总额", 800, 800, 420, "52.50%", 800, money_note],
        [None, "其中：财政拨款", 800, 800, 420, "52.50%", 800],
        [None, "其他资金", 0, 0, 0, None, 0],
        ["年度总体目标", "年初设定目标", None, None, "1-7月实际完成情况"],
        [None, "保障城区道路清扫保洁面积120万平方米。", None, None, "已完成120万平方米。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-7月完成情况",
         "全年预计完成情况", "偏差原因分析", "完成目标可能性", "备注"],
        [None, "产出指标", "数量指标", "道路清扫保洁面积", "120万平方米", "120万平方米",
         "120万平方米", None, "确定能"],
        [None, None, "时效指标", "保洁作业及时率", "≥98%", "99%", "99%", None, "确定能"],
        [None, "效益指标", "社会效益指标", "市容环境卫生状况", "明显改善", "明显改善", "明显改善",
         None, "确定能"],
        [None, "满意度指标", "服务对象满意度指标", "市民满意度", "≥85%", "—", "88%", None,
         likelihood, note],
    ]
    return save_rows(path, rows, ("A1:J1", "A2:J2", "B3:J3", "A5:A8", "A9:A10", "A11:A15",
                                  "B12:B13"))


def ticked(path: Path, satisfaction: tuple[str | None, ...] = (None, V, None),
           cause: str | None = None, unit_line: bool = True) -> Path:
    """MoF layout, money in 元 (2,000,000 = 200 万元), data as of 2023-06-30."""
    sat_cause = [None] * 5 if cause is None else \
        [V if c == cause else None for c in ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")]
    rows = [
        ["2023年项目支出绩效目标执行监控表"],
        ["（截至2023年6月30日）"],
        [None] * 11 + ["单位：元" if unit_line else None],
        ["项目名称", "农村饮水安全巩固提升工程"],
        ["主管部门及代码", "[306]某某县水利局", None, None, None, "实施单位", "某某县农村供水站"],
        ["项目资金", None, "年初预算数", "调整后预算数", "1-6月执行数", "1-6月执行率",
         "全年预计执行数", "偏差原因说明"],
        [None, "年度资金总额", 2000000, 2000000, 600000, "30%", 1900000,
         "工程进度款按节点支付，下半年集中支付"],
        [None, "其中：财政拨款", 2000000, 2000000, 600000, "30%", 1900000],
        [None, "其他资金", None, None, None, None, None],
        ["年度总体目标", "年初设定目标", None, None, None, None, "1-6月目标实际完成情况"],
        [None, "完成3个村供水管网改造，惠及人口4500人。", None, None, None, None,
         "已完成1个村管网改造。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "1-6月完成情况",
         "全年预计完成情况", "偏差原因分析", None, None, None, None, "完成目标可能性", None,
         None, "备注"],
        [None] * 7 + ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他", "确定能",
                      "有可能", "完全不可能", None],
        [None, "产出指标", "数量指标", "管网改造村数", "≥3个", "1个", "3个", *[None] * 5,
         V, None, None],
        [None, None, "时效指标", "完工时间", "2023年11月30日前", "未完工", "2023年12月20日",
         *[None] * 4, V, None, None, V, "汛期停工，工期顺延"],
        [None, "效益指标", "社会效益指标", "受益人口", "≥4500人", "1500人", "4500人",
         *[None] * 5, V, None, None],
        [None, "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "—", "92%",
         *sat_cause, *satisfaction],
    ]
    merges = ("A1:P1", "A2:P2", "B4:P4", "A6:A9", "A10:A11", "B10:F10", "G10:P10", "B11:F11",
              "G11:P11", "A12:A17", "B12:B13", "C12:C13", "D12:D13", "E12:E13", "F12:F13",
              "G12:G13", "H12:L12", "M12:O12", "P12:P13", "B14:B15")
    return save_rows(path, rows, merges)


def codes(path: Path) -> list[tuple[str, str | None]]:
    return [(f.code, f.cell) for f in check_file(path, "auto", stage=None).findings]


def test_a_typed_monitoring_form_is_read_as_the_monitoring_stage(tmp_path: Path) -> None:
    project = load_project(typed(tmp_path / "m.xlsx"))
    assert project.form.stage == "monitor" and "监控表" in project.form.layout
    assert project.field_value("funds_executed_to_date").decimal == 420
    assert project.field_value("funds_expected_full_year").decimal == 800
    assert project.field_value("monitor_as_of").value == date(2023, 7, 31)   # 1-7月, 2023年度
    assert project.funds.total.budget.decimal == 800 and project.funds.total.executed.is_empty
    assert project.goal_expected.text.startswith("保障") and project.goal_actual.is_empty
    last = project.indicators[-1]
    assert (last.monitor_value.text, last.expected_value.text, last.likelihood.text,
            last.monitor_note.text) == ("—", "88%", "有可能", "满意度调查年底开展")
    assert all(i.actual.is_empty for i in project.indicators)     # 1-7月完成情况 is no actual
    assert [i.level3.text for i in project.indicators][:1] == ["道路清扫保洁面积"]


def test_the_monitoring_checks_run_on_the_form(tmp_path: Path) -> None:
    report = check_file(typed(tmp_path / "m.xlsx"), "auto", stage=None)
    assert report.stage == "monitor" and report.score is None
    got = [(f.code, f.cell) for f in report.findings]
    # 52.50 % spent at 7-31 (序时进度 58.08 %) without a reason; the form has no cause-type
    # column, so 有可能 with a note asks for nothing more
    assert ("PX722", "E6") in got and not [c for c, _ in got if c == "PX727"]
    assert not [c for c, _ in got if c.startswith(("PX3", "PX4", "PX2"))], got
    f = next(f for f in report.findings if f.code == "PX810")
    assert "项目支出绩效目标执行监控表" in f.message() and "monitoring form" in f.message("en")


def test_a_money_reason_and_a_missing_note(tmp_path: Path) -> None:
    got = codes(typed(tmp_path / "m.xlsx", note=None, money_note="环卫车辆采购按合同下半年付款"))
    assert "PX722" not in [c for c, _ in got]
    assert ("PX727", "H15") in got       # 有可能 with no note: at the first note column
    got = codes(typed(tmp_path / "n.xlsx", likelihood="可能"))
    assert ("PX730", "I15") in got       # not one of the three answers


def test_a_ticked_monitoring_form(tmp_path: Path) -> None:
    project = load_project(ticked(tmp_path / "t.xlsx"))
    assert project.form.stage == "monitor"
    assert {"元", "likelihood-ticked", "cause_type-ticked"} <= set(project.form.features)
    assert project.field_value("monitor_as_of").value == date(2023, 6, 30)
    assert project.field_value("monitor_as_of").loc.cell == "A2"
    assert project.field_value("funds_executed_to_date").decimal == 60      # 600000 元
    assert project.field_value("funds_expected_full_year").decimal == 190
    assert project.field_value("monitor_note").text.startswith("工程进度款")
    late = project.indicators[1]
    assert (late.likelihood.text, late.likelihood.loc.cell, late.cause_type.text,
            late.cause_type.loc.cell, late.monitor_note.text) == \
        ("完全不可能", "O15", "其他", "L15", "汛期停工，工期顺延")
    assert len(project.indicators) == 4          # the sub-header row is no indicator
    got = codes(tmp_path / "t.xlsx")
    assert ("PX727", "H17") in got               # 有可能: no cause ticked, no note
    assert "PX722" not in [c for c, _ in got]    # 30 % at 6-30, but the reason is given


def test_two_ticks_and_a_cause(tmp_path: Path) -> None:
    got = codes(ticked(tmp_path / "a.xlsx", satisfaction=(V, V, None), cause="其他"))
    assert ("PX730", "M17") in got               # 确定能、有可能: not one answer
    got = codes(ticked(tmp_path / "b.xlsx", satisfaction=(None, V, None), cause="经费保障"))
    assert ("PX727", "P17") in got               # the cause is ticked, the note is not there
    got = codes(ticked(tmp_path / "c.xlsx", satisfaction=(None, None, None)))
    assert ("PX729", "M17") in got               # nothing ticked


def test_a_cut_off_beside_its_label(tmp_path: Path) -> None:
    path = typed(tmp_path / "m.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    ws.insert_rows(3)
    ws["A3"], ws["B3"] = "监控截至日期", "2023年8月31日"
    wb.save(path)
    assert load_project(path).field_value("monitor_as_of").value == date(2023, 8, 31)


def test_a_self_evaluation_form_with_a_likelihood_word_stays_one(tmp_path: Path) -> None:
    from factory import default_indicators, default_info
    from form_factory import build_form

    indicators = default_indicators()
    indicators[0]["level3"] = "安全事故发生可能性"
    project = load_project(build_form(tmp_path / "f.xlsx", default_info(), indicators))
    assert project.form.stage == "self"


def test_import_keeps_the_monitoring_data(tmp_path: Path) -> None:
    form = ticked(tmp_path / "饮水监控.xlsx")
    out = tmp_path / "模板.xlsx"
    r = CliRunner().invoke(cli, ["import", str(form), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "全年执行数" not in r.output and "资金明细" not in r.output   # filled at the year's end
    project = load_project(out)
    assert project.form is None and project.field_value("funds_executed_to_date").decimal == 60
    assert project.field_value("monitor_as_of").value == date(2023, 6, 30)
    assert [i.likelihood.text for i in project.indicators] == ["确定能", "完全不可能", "确定能",
                                                               "有可能"]
    report = check_file(out, "auto", stage=None)
    assert report.stage == "monitor"
    assert ("PX727", "M6") in [(f.code, f.cell) for f in report.findings]


def test_the_checked_form_gets_its_findings_and_stays_as_it_was(tmp_path: Path) -> None:
    form = typed(tmp_path / "m.xlsx")
    before = load_workbook(form).active
    cells = {c.coordinate: c.value for row in before.iter_rows() for c in row}
    r = __import__("click.testing").testing.CliRunner().invoke(cli, ["check", str(form)])
    assert r.exit_code == 0, r.output
    wb = load_workbook(form)
    assert wb.sheetnames[0] == "自评表" and "检查结果" in wb.sheetnames
    assert {c.coordinate: c.value for row in wb["自评表"].iter_rows() for c in row} == cells


def test_the_html_export_reads_as_the_workbook(tmp_path: Path) -> None:
    form = ticked(tmp_path / "t.xlsx")
    page = to_html(form, tmp_path / "t.xls")
    assert [(f.code) for f in check_file(page, "auto", stage=None).findings if f.code != "PX810"] == \
        [(f.code) for f in check_file(form, "auto", stage=None).findings if f.code != "PX810"]


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice is not installed")
def test_the_xls_saved_by_libreoffice_reads_the_same(tmp_path: Path) -> None:
    form = ticked(tmp_path / "t.xlsx", unit_line=False)
    xls = soffice_convert(form, "xls", tmp_path / "out")
    a, b = load_project(form), load_project(xls)
    assert b.form.stage == "monitor"
    for name in ("funds_executed_to_date", "funds_expected_full_year", "monitor_as_of"):
        assert a.field_value(name).value == b.field_value(name).value
    assert [(i.likelihood.text, i.cause_type.text) for i in a.indicators] == \
        [(i.likelihood.text, i.cause_type.text) for i in b.indicators]
    assert a.field_value("funds_executed_to_date").decimal == D(600000)   # no 元 line: 万元


def test_a_word_table_without_merges(tmp_path: Path) -> None:
    """The ticked form typed into a Word table, no cell merged: the options still stand under
    their headers (the sub-columns run on while the header row is blank)."""
    import docx

    ws = load_workbook(ticked(tmp_path / "t.xlsx")).active
    rows = [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]
    document = docx.Document()
    for line in rows[:3]:
        document.add_paragraph("".join(line))
    table = document.add_table(rows=len(rows) - 3, cols=len(rows[0]))
    for i, row in enumerate(rows[3:]):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    path = tmp_path / "监控报告.docx"
    document.save(path)
    a, b = load_project(tmp_path / "t.xlsx"), load_project(path)
    assert b.form.stage == "monitor" and {"likelihood-ticked", "cause_type-ticked"} <= \
        set(b.form.features)
    assert [(i.level3.text, i.likelihood.text, i.cause_type.text, i.monitor_note.text)
            for i in a.indicators] == \
        [(i.level3.text, i.likelihood.text, i.cause_type.text, i.monitor_note.text)
         for i in b.indicators]
    assert b.field_value("monitor_as_of").value == date(2023, 6, 30)
    assert b.field_value("funds_executed_to_date").decimal == 60


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice is not installed")
def test_the_ods_without_its_merges_reads_the_same(tmp_path: Path) -> None:
    form = ticked(tmp_path / "t.xlsx")
    ods = soffice_convert(form, "ods", tmp_path / "out")
    a, b = load_project(form), load_project(ods)
    assert [(i.likelihood.text, i.cause_type.text) for i in a.indicators] == \
        [(i.likelihood.text, i.cause_type.text) for i in b.indicators]
    assert [(f.code, f.cell) for f in check_file(ods, "auto", stage=None).findings
            if f.code != "PX810"] == \
        [(f.code, f.cell) for f in check_file(form, "auto", stage=None).findings
         if f.code != "PX810"]


def test_a_printed_rate_is_checked_against_the_money_so_far(tmp_path: Path) -> None:
    path = typed(tmp_path / "m.xlsx")
    wb = load_workbook(path)
    ws = wb.active
    ws["F6"], ws["F7"] = "52.00%", "52.5%"       # 420 ÷ 800 = 52.50 %
    wb.save(path)
    (f,) = [f for f in check_file(path, "auto", stage=None).findings if f.code == "PX802"]
    assert f.cell == "F6" and f.expected == "52.50%" and "1-N月执行数 ÷ 全年预算数" in f.message()
    assert "executed to date" in f.message("en")
    assert not [f for f in check_file(ticked(tmp_path / "t.xlsx"), "auto", stage=None).findings
                if f.code == "PX802"]            # 600000 ÷ 2000000 元 = 30 %


def test_the_hints_name_the_forms_own_columns(tmp_path: Path) -> None:
    """Where to write the reason: the form's header as typed (备注, 偏差原因说明), or the
    report when the form has no column for it; the template's 监控偏差说明 otherwise."""
    found = {f.code: f for f in check_file(typed(tmp_path / "m.xlsx"), "auto",
                                           stage=None).findings}
    assert "在「偏差原因说明」中写明" in found["PX722"].hint()
    path = typed(tmp_path / "n.xlsx")
    wb = load_workbook(path)
    wb.active["H5"] = None                      # no reason column in the funds block
    wb.save(path)
    found = {f.code: f for f in check_file(path, "auto", stage=None).findings}
    assert "监控报告（这张表没有说明栏）" in found["PX722"].hint()
    assert "no column for it" in found["PX722"].hint("en")
    found = {f.code: f for f in check_file(ticked(tmp_path / "t.xlsx"), "auto",
                                           stage=None).findings}
    assert "偏差原因分析、备注为空" in found["PX727"].message()
    assert "在「备注」中写明" in found["PX727"].hint() and "'备注' column" in found["PX727"].hint("en")
    path = ticked(tmp_path / "u.xlsx")
    wb = load_workbook(path)
    wb.active["H7"] = None                      # the funds row's reason gone: 30 % at 6-30
    wb.save(path)
    found = {f.code: f for f in check_file(path, "auto", stage=None).findings}
    assert "在「偏差原因说明」中写明" in found["PX722"].hint()


def test_a_monitoring_form_known_by_its_money_so_far_alone(tmp_path: Path) -> None:
    """No title, no likelihood column, no 全年预计执行数: the 1-7月执行数 header says it (before:
    read as a 申报表, its monitoring data lost)."""
    path = typed(tmp_path / "m.xlsx", title="2023年度")
    wb = load_workbook(path)
    ws = wb.active
    for col in ("G", "I"):                     # 全年预计执行数, 完成目标可能性
        for row in range(5, 16):
            ws[f"{col}{row}"] = None
    wb.save(path)
    project = load_project(path)
    assert project.form.stage == "monitor"
    assert project.field_value("funds_executed_to_date").decimal == 420


def self_form(path: Path, timely: str = "99%", executed: int = 790) -> Path:
    """The 自评表 of the project of ``typed``: 800 budgeted, ``executed`` spent."""
    rate = f"{executed / 800:.2%}"
    rows = [
        ["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "城区环卫保洁经费"],
        ["主管部门", "某某区城市管理局", None, None, "实施单位", "某某区环境卫生管理所"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 800, 800, executed, 10, rate, round(executed / 80, 2)],
        [None, "其中：当年财政拨款", 800, 800, executed, "—", rate, "—"],
        ["年度总体目标", "预期目标", None, None, None, "实际完成情况"],
        [None, "保障城区道路清扫保洁。", None, None, None, "完成城区道路清扫保洁120万平方米。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因分析及改进措施"],
        [None, "产出指标", "数量指标", "道路清扫保洁面积", "120万平方米", "120万平方米", 30, 30],
        [None, None, "时效指标", "保洁作业及时率", "≥98%", timely, 30,
         30 if timely == "99%" else 25, None if timely == "99%" else "雨雪天气影响"],
        [None, "效益指标", "社会效益指标", "市容环境卫生状况", "明显改善", "城区环境明显改善", 20, 20],
        [None, "满意度指标", "服务对象满意度指标", "市民满意度", "≥85%", "88%", 10, 10],
    ]
    return save_rows(path, rows, ("A5:A7", "A8:A9", "A10:A14", "B11:B12"))


def test_a_self_form_beside_its_monitoring_form(tmp_path: Path) -> None:
    """A workbook holding the 监控表 and the 自评表 as sheets: 确定能 at 监控 but missed at 自评
    (PX746), spent far from what was expected (PX745)."""
    from test_approved_targets import _one_workbook

    from perf_xlsx.check import check_file_all

    book = _one_workbook(tmp_path / "全年.xlsx", ("监控表", typed(tmp_path / "m.xlsx")),
                         ("自评表", self_form(tmp_path / "s.xlsx", timely="97%", executed=600)))
    monitor, checked = check_file_all(book, "auto", stage=None)
    assert (monitor.stage, checked.stage) == ("monitor", "self")
    got = [(f.code, f.sheet, f.cell) for f in checked.findings]
    assert ("PX746", "自评表", "F12") in got and ("PX745", "自评表", "E6") in got
    book = _one_workbook(tmp_path / "好.xlsx", ("监控表", typed(tmp_path / "n.xlsx")),
                         ("自评表", self_form(tmp_path / "t.xlsx")))
    _monitor, checked = check_file_all(book, "auto", stage=None)
    assert not [f for f in checked.findings if f.code in ("PX745", "PX746", "PX731")]


def test_the_year_from_the_cut_off_when_nothing_else_says_it(tmp_path: Path) -> None:
    """（截至2023年6月30日） is the only year on the form: the form is for 2023. A 填报日期
    line is never the year (it is the filing date)."""
    path = ticked(tmp_path / "t.xlsx")
    wb = load_workbook(path)
    wb.active["A1"] = "项目支出绩效目标执行监控表"
    wb.save(path)
    project = load_project(path)
    assert project.field_value("monitor_as_of").value == date(2023, 6, 30)
    assert project.year.decimal == 2023


@pytest.mark.parametrize("cell,named", [
    ("E6", "年度资金总额·1-7月执行数"), ("E7", "财政拨款·1-7月执行数"),
    ("C8", "其他资金·年初预算数"), ("G6", "年度资金总额·全年预计执行数"),
])
def test_an_unreadable_amount_is_named_by_the_forms_row_and_column(tmp_path: Path, cell: str,
                                                                    named: str) -> None:
    path = typed(tmp_path / "m.xlsx")
    wb = load_workbook(path)
    wb.active[cell] = "很多"
    wb.save(path)
    (f,) = [f for f in check_file(path, "auto", stage=None).findings if f.code == "PX122"]
    assert f.cell == cell and f"（{named}）" in f.message()
