"""Funds rows that add up (DOMAIN.md §7): the transfer payment's 区域绩效自评表 (中央财政资金 +
地方资金 + 其他资金 = 年度资金总额, a 资金管理情况 block, no 分值/得分), Sichuan's several
其他资金-like rows each printing its own 执行率, and a form without a 年初预算数 column.
Each form is built cell by cell with openpyxl, as a unit's own Excel would hold it."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from form_factory import save_rows as save
from lo import has_soffice, soffice_convert

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli as cli_main
from perf_xlsx.read import load_project

D = Decimal
FALSE_ALARMS = {"PX101", "PX202", "PX209", "PX801", "PX802", "PX803", "PX807"}


def transfer_rows(local_budget: Any = 150, local_rate: str = "93.33%") -> list[list[Any]]:
    """The central 转移支付区域绩效自评表 (万元): 中央 300 + 地方 150 + 其他 50 = 500 budgeted."""
    return [
        ["中央对地方转移支付区域绩效自评表"],
        ["（2023年度）"],
        ["转移支付（项目）名称", "农村综合改革转移支付"],
        ["中央主管部门", "财政部", None, "地方主管部门", "某县财政局"],
        ["资金使用单位", "某县农业农村局"],
        ["资金投入情况（万元）", None, "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"],
        [None, "年度资金总额", 500, 480, "96.00%"],
        [None, "其中：中央财政资金", 300, 300, "100.00%"],
        [None, "地方资金", local_budget, 140, local_rate],
        [None, "其他资金", 50, 40, "80.00%"],
        ["资金管理情况", None, "情况说明", "存在问题和改进措施"],
        [None, "分配科学性", "按因素法分配", None],
        [None, "下达及时性", "及时下达", None],
        ["总体目标完成情况", "总体目标", None, "全年实际完成情况"],
        [None, "完成村级公益事业建设项目20个", None, "完成20个，其他资金因项目结余少支出10万元"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值",
         "未完成原因和改进措施"],
        [None, "产出指标", "数量指标", "村级公益事业项目数", "≥20个", "20个", None],
        [None, None, "质量指标", "项目验收合格率", "100%", "100%", None],
        [None, None, "时效指标", "项目完成时间", "2023年12月31日前", "2023年11月30日", None],
        [None, "效益指标", "社会效益指标", "受益群众人数", "≥5000人", "5200人", None],
        [None, "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "95%", None],
        ["说明", "无"],
    ]


TRANSFER_MERGES = ("A6:A10", "A11:A13", "A14:A15", "B14:C14", "B15:C15", "A16:A21", "B17:B19")


def test_a_transfer_payment_form_is_read_and_judged_without_false_alarms(tmp_path: Path) -> None:
    path = save(tmp_path / "转移支付.xlsx", transfer_rows(), TRANSFER_MERGES)
    project = load_project(path)
    assert project.form is not None
    assert (project.name.text, project.department.text, project.implementer.text) == \
        ("农村综合改革转移支付", "某县财政局", "某县农业农村局")
    funds = project.funds
    assert (funds.total.budget.decimal, funds.total.executed.decimal) == (D(500), D(480))
    # 中央 300 + 地方 150 are the fiscal money; 其他资金 50
    assert (funds.fiscal.budget.decimal, funds.fiscal.executed.decimal) == (D(450), D(440))
    assert funds.fiscal.budget.loc.cell == "C8"          # found at the first row's cells
    assert (funds.other.budget.decimal, funds.other.executed.decimal) == (D(50), D(40))
    assert {"no-initial", "several-fiscal-rows"} <= set(project.form.features)
    assert project.goal_expected.text == "完成村级公益事业建设项目20个"
    assert project.goal_actual.text.startswith("完成20个")
    assert [i.level3.text for i in project.indicators] == [
        "村级公益事业项目数", "项目验收合格率", "项目完成时间", "受益群众人数", "受益群众满意度"]
    assert project.indicators[0].target.text == "≥20个"
    report = check_file(path, profile="auto")
    codes = {f.code for f in report.findings}
    assert not codes & FALSE_ALARMS, codes
    assert "PX420" in codes and report.score is None     # judged, not scored
    assert report.stage == "self"


def test_a_transfer_form_whose_rows_do_not_add_up_is_flagged_at_the_total(tmp_path: Path) -> None:
    path = save(tmp_path / "t.xlsx", transfer_rows(local_budget=120, local_rate="116.67%"),
                TRANSFER_MERGES)
    found = [(f.code, f.cell) for f in check_file(path, profile="auto").findings
             if f.code in ("PX202", "PX802")]
    assert found == [("PX202", "C7")], found    # 300 + 120 + 50 = 470 ≠ 500; 140/120 printed right


def test_a_wrong_rate_on_an_added_row_is_flagged_on_that_row(tmp_path: Path) -> None:
    path = save(tmp_path / "t.xlsx", transfer_rows(local_rate="100.00%"), TRANSFER_MERGES)
    found = [(f.code, f.cell, f.expected) for f in check_file(path, profile="auto").findings
             if f.code == "PX802"]
    assert found == [("PX802", "E9", "93.33%")], found    # 140 ÷ 150, the 地方资金 row's own
    [bad] = [f for f in check_file(path, profile="auto").findings if f.code == "PX802"]
    assert "地方资金的执行率" in bad.message("zh")          # the row named as printed
    assert "地方资金 (part of" in bad.message("en")


def test_the_transfer_form_reads_the_same_as_xls(tmp_path: Path) -> None:
    if not has_soffice():
        pytest.fail("LibreOffice is needed (bash .ci/run installs it)")
    path = save(tmp_path / "转移支付.xlsx", transfer_rows(), TRANSFER_MERGES)
    xls = soffice_convert(path, "xls", tmp_path / "xls")
    a, b = check_file(path, profile="auto"), check_file(xls, profile="auto")
    assert b.project.form.source_format == "xls"
    assert b.project.funds.fiscal.budget.decimal == D(450)
    assert sorted((f.code, f.cell) for f in a.findings if f.code != "PX810") == \
        sorted((f.code, f.cell) for f in b.findings if f.code != "PX810")


def test_the_cli_checks_a_transfer_form(tmp_path: Path) -> None:
    from click.testing import CliRunner

    path = save(tmp_path / "转移支付.xlsx", transfer_rows(), TRANSFER_MERGES)
    result = CliRunner().invoke(cli_main, ["check", "--no-write", str(path)])
    assert result.exit_code == 0, result.output
    assert "农村综合改革转移支付" in result.output and "[PX420]" in result.output


def sichuan_rows(unit_rate: str) -> list[list[Any]]:
    """Sichuan's block with a 执行率 printed on every row; 财政专户管理资金 0.15 of 0.2 (75 %),
    单位资金 and 其他资金 in full: 其他资金 together 0.35 of 0.4 (87.5 %)."""
    return [
        ["项目支出绩效自评表"], ["（2018年度）"],
        ["项目名称", "某专项"], ["主管部门", "某厅", None, "实施单位", "某中心"],
        ["预算执行情况（10分）", None, "年初预算", "调整后预算数", "预算执行数", "预算执行率",
         "权重", "得分", "原因"],
        [None, "合计", 1, 1, 0.9, "90.00%", 10, 9, "部分设备推迟采购"],
        [None, "财政资金", 0.6, 0.6, 0.55, "91.67%", None, None, None],
        [None, "财政专户管理资金", 0.2, 0.2, 0.15, "75.00%", None, None, "设备推迟采购"],
        [None, "单位资金", 0.1, 0.1, 0.1, unit_rate, None, None, None],
        [None, "其他资金", 0.1, 0.1, 0.1, "100.00%", None, None, None],
        ["年度总体目标", "预期目标", None, None, None, "实际完成情况"],
        [None, "完成培训100人次", None, None, None, "完成培训120人次"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值",
         "权重", "得分", "未完成原因分析"],
        [None, "产出指标", "数量指标", "培训人次", "≥", 100, "人次", "120人次", 50, 50, None],
        [None, "效益指标", "社会效益指标", "培训合格率", "≥", 90, "%", "95%", 30, 30, None],
        [None, "满意度指标", "服务对象满意度指标", "学员满意度", "≥", 90, "%", "96%", 10, 10, None],
        ["总分", None, None, None, None, None, None, None, 100, 99, None],
    ]


def test_each_sichuan_row_rate_is_checked_against_its_own_amounts(tmp_path: Path) -> None:
    """Before, the first 其他资金-like row's 75 % was compared with the three rows' sum (87.5 %)."""
    right = save(tmp_path / "right.xlsx", sichuan_rows("100.00%"))
    project = load_project(right)
    assert project.funds.other.executed.decimal == D("0.35")
    assert [(k, label) for k, label, _row, _p in project.form.fund_rows] == \
        [("total", ""), ("fiscal", ""), ("other", ""), ("other", "单位资金"), ("other", "其他资金")]
    assert not [f for f in check_file(right).findings if f.code == "PX802"]
    wrong = save(tmp_path / "wrong.xlsx", sichuan_rows("90.00%"))
    found = [(f.code, f.cell) for f in check_file(wrong).findings if f.code == "PX802"]
    assert found == [("PX802", "F9")], found


def test_a_form_without_an_initial_budget_column_is_not_asked_for_one(tmp_path: Path) -> None:
    rows = transfer_rows()
    rows[0] = ["项目支出绩效自评表"]
    rows[2] = ["项目名称", "某项目"]
    rows[3] = ["主管部门", "某局", None, "实施单位", "某站"]
    path = save(tmp_path / "f.xlsx", rows, TRANSFER_MERGES)
    findings = check_file(path, profile="auto").findings
    assert not [f for f in findings if f.code == "PX209"], [f.code for f in findings]
    blank = save(tmp_path / "blank.xlsx", [*rows[:6], [None, "年度资金总额", None, 480, None],
                                           *rows[7:]], TRANSFER_MERGES)
    found = [(f.code, f.cell) for f in check_file(blank, profile="auto").findings
             if f.code == "PX209"]
    assert found == [("PX209", "C7")], found     # a column that is there but left blank
