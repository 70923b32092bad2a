"""The published 《项目支出绩效目标申报表》 (issue 17): read as the 申报 stage, in .xlsx and (through
LibreOffice) .xls; ``perf-xlsx import`` turns it into the template with its targets recorded."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lo import has_soffice, soffice_convert
from openpyxl import Workbook, load_workbook

from perf_xlsx.check import check_file
from perf_xlsx.cli import cli
from perf_xlsx.read.reader import load_project
from perf_xlsx.template import contract

D = Decimal
ROWS = [
    ("产出指标", "数量指标", "培训人次", "≥", "500", "人次", 20),
    ("产出指标", "质量指标", "培训合格率", "≥", "95", "%", 10),
    ("产出指标", "时效指标", "培训完成时间", "定性", "10月31日前", "", 10),
    ("产出指标", "成本指标", "人均培训成本", "≤", "0.02", "万元", 10),
    ("效益指标", "社会效益指标", "农户增收技能掌握情况", "定性", "明显提升", "", 30),
    ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥", "90", "%", 10),
]


def build_target_form(path: Path, *, money_unit: str = "万元", title: bool = True,
                      rows: list[tuple[Any, ...]] | None = None) -> Path:
    """A 申报表 laid out as the budget systems export it (计算符号 | 指标值 | 计量单位 split)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "申报表"
    if title:
        ws["A1"] = "2019年度项目支出绩效目标申报表"
        ws.merge_cells("A1:H1")
    ws["A3"], ws["B3"] = "项目名称", "农民技能培训项目"
    ws.merge_cells("B3:H3")
    ws["A4"], ws["B4"], ws["E4"], ws["F4"] = "主管部门及代码", "某县农业农村局", "实施单位", "某县农技站"
    ws["A5"], ws["B5"], ws["E5"], ws["F5"] = "项目属性", "延续", "项目期", "1年"
    ws["A6"] = f"项目资金（{money_unit}）"
    ws.merge_cells("A6:A8")
    scale = 10000 if money_unit == "元" else 1
    for r, (label, amount) in enumerate((("年度资金总额", 12), ("其中：财政拨款", 10),
                                         ("其他资金", 2)), start=6):
        ws.cell(r, 2, label)
        ws.cell(r, 3, amount * scale)
    ws["A9"], ws["B9"] = "年度总体目标", "培训农民500人次，掌握实用技术，增加收入。"
    ws.merge_cells("B9:H9")
    heads = ("一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位", "权重",
             *(("指标值说明",) if any(len(row) > 7 for row in rows or ROWS) else ()))
    for c, head in enumerate(heads, start=1):
        ws.cell(10, c, head)
    for r, row in enumerate(rows or ROWS, start=11):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
    wb.save(path)
    return path


def test_a_target_form_is_read_as_the_target_stage(tmp_path: Path) -> None:
    project = load_project(build_target_form(tmp_path / "申报表.xlsx"))
    assert project.form is not None and project.form.stage == "target"
    assert project.name.text == "农民技能培训项目"
    assert project.field_value("project_attribute").text == "延续"
    assert project.field_value("project_period").text == "1年"
    assert (project.funds.total.initial.decimal, project.funds.fiscal.initial.decimal,
            project.funds.other.initial.decimal) == (12, 10, 2)
    assert project.goal_expected.text.startswith("培训农民500人次")
    assert [i.target.text for i in project.indicators][:2] == ["≥500人次", "≥95%"]
    assert not any(f.code == "PX801" for f in project.findings)
    report = check_file(tmp_path / "申报表.xlsx", "auto", stage=None)
    assert report.stage == "target" and report.score is None
    assert not [f for f in report.findings if f.severity.value == "error"]


def test_a_target_form_in_yuan_is_read_in_wan_yuan(tmp_path: Path) -> None:
    project = load_project(build_target_form(tmp_path / "元.xlsx", money_unit="元"))
    assert project.funds.total.initial.decimal == 12


def test_a_target_form_without_a_title_is_recognised_by_its_columns(tmp_path: Path) -> None:
    project = load_project(build_target_form(tmp_path / "无标题.xlsx", title=False))
    assert project.form is not None and project.form.stage == "target"


def test_target_checks_run_on_a_published_target_form(tmp_path: Path) -> None:
    rows = [*ROWS[:4], ("效益指标", "社会效益指标", "做好培训工作", "定性", "做好培训工作", "", 30),
            ROWS[5]]
    report = check_file(build_target_form(tmp_path / "差.xlsx", rows=rows), "auto", stage=None)
    assert "PX701" in {f.code for f in report.findings}


#: A budget system's other 计算符号 words, an 指标值说明 column at the end.
OTHER_ROWS = [
    ("产出指标", "数量指标", "培训人次", "≥", "500", "人次", 20, None),
    ("产出指标", "质量指标", "师生比", "定量（其他）", "1:5", None, 5, None),
    ("产出指标", "质量指标", "带教比例", "定量(其他)", "1:8", None, 5, "每名教师带8名学员"),
    ("产出指标", "质量指标", "执行标准", "定量（其他）", "按省定标准", None, 5, "省农业农村厅文件"),
    ("产出指标", "质量指标", "考核分数", "定量", "95", None, 5, None),
    ("产出指标", "时效指标", "培训完成时间", "定量（其他）", "2019年10月31日前", None, 10, "十月底"),
    ("产出指标", "成本指标", "人均培训成本", "≤", "0.02", "万元", 10, None),
    ("效益指标", "社会效益指标", "农户增收技能掌握情况", "定性", "明显提升", "不适用", 20, None),
    ("效益指标", "可持续影响指标", "评估得分", "定性", "90", None, 10, None),
    ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥", "90", "%", 10, None),
]


def test_other_computation_words_on_a_target_form(tmp_path: Path) -> None:
    """计算符号 定量（其他） (a figure no comparator says) needs its 指标值说明 (PX709, at that
    cell), is not an unreadable target (PX301) nor, holding a figure, unmeasurable (PX701), and
    like 定性 / 不适用 asks for no 计量单位 (PX702 only for 定量 95)."""
    form = build_target_form(tmp_path / "申报表.xlsx", rows=OTHER_ROWS)
    report = check_file(form, "auto", stage=None)
    project = report.project
    assert [i.target.text for i in project.indicators] == \
        ["≥500人次", "1:5", "1:8", "按省定标准", "95", "2019年10月31日前", "≤0.02万元", "明显提升",
         "90", "≥90%"]
    found = sorted((f.code, f.cell) for f in report.findings if f.code.startswith(("PX3", "PX7")))
    assert found == [("PX701", "E14"), ("PX702", "E15"), ("PX709", "H12")], found
    px709 = next(f for f in report.findings if f.code == "PX709")
    assert "师生比" in px709.message() and "1:5" in px709.message()
    # the same form without the 指标值说明 column: nothing to say about it
    bare = [row[:7] for row in OTHER_ROWS]
    report = check_file(build_target_form(tmp_path / "无说明.xlsx", rows=bare), "auto", stage=None)
    assert "PX709" not in {f.code for f in report.findings}


def test_import_fills_the_template_and_records_the_targets(tmp_path: Path) -> None:
    form = build_target_form(tmp_path / "申报表.xlsx")
    out = tmp_path / "新项目.xlsx"
    r = CliRunner().invoke(cli, ["import", str(form), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "绩效目标申报表" in r.output
    wb = load_workbook(out)
    assert contract.SHEET_TARGET_FORM in wb.sheetnames
    project = load_project(out)
    assert project.form is None and project.record is not None and project.record.trusted
    assert [t.level3 for t in project.record.targets] == [row[2] for row in ROWS]
    assert project.record.amount("total") == 12
    assert project.field_value("project_attribute").text == "延续"
    # the unit starts the year from what was approved: a later change is caught at 自评
    ws = wb[contract.SHEET_INDICATORS]
    target_col = 1 + [c.key for c in contract.INDICATORS.columns].index("target")
    ws.cell(3, target_col, "≥400人次")
    wb.save(out)
    found = {f.code for f in check_file(out, "auto", stage="self").findings}
    assert "PX742" in found and "PX761" not in found


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice not installed")
def test_a_target_form_saved_as_xls_reads_the_same(tmp_path: Path) -> None:
    form = build_target_form(tmp_path / "申报表.xlsx")
    xls = soffice_convert(form, "xls", tmp_path / "xls")
    a, b = load_project(form), load_project(xls)
    assert b.form.stage == "target" and b.form.source_format == "xls"
    assert [i.target.text for i in a.indicators] == [i.target.text for i in b.indicators]
    assert b.funds.total.initial.decimal == 12


def test_a_target_form_with_a_unit_line_in_yuan_is_read_in_wan_yuan(tmp_path: Path) -> None:
    """No unit in the funds label, a line 单位：元 above the form: the amounts are 元."""
    path = build_target_form(tmp_path / "u.xlsx", money_unit="元")
    wb = load_workbook(path)
    ws = wb.active
    ws["A6"], ws["A2"] = "项目资金", "金额单位：元"
    wb.save(path)
    assert load_project(path).funds.total.initial.decimal == D(12)


@pytest.mark.parametrize("layout", ["side by side", "中期 above", "年度 above"])
def test_a_multi_year_target_form_reads_the_years_money(tmp_path: Path, layout: str) -> None:
    """A multi-year project's 申报表 prints 中期资金总额 beside (or above, or below) 年度资金总额,
    each with its 其中：财政拨款 / 其他资金: the year's sub-rows are those under 年度资金总额
    (before: the 中期 block's 财政拨款, and a false PX202)."""
    from form_factory import save_rows

    mid = [["中期资金总额", 3000], ["其中：财政拨款", 2800], ["其他资金", 200]]
    year = [["年度资金总额", 1200], ["其中：财政拨款", 1100], ["其他资金", 100]]
    if layout == "side by side":
        money = [[a[0], None, a[1], b[0], None, b[1]] for a, b in zip(mid, year)]
    else:
        first, second = (mid, year) if layout == "中期 above" else (year, mid)
        money = [[label, None, amount] for label, amount in [*first, *second]]
    path = save_rows(tmp_path / "申报表.xlsx", [
        ["项目支出绩效目标申报表"], ["项目名称", "智慧城管平台建设"], ["项目期", "3年"], *money,
        ["年度目标", "完成一期建设"], ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
        [None, "产出指标", "数量指标", "建成子系统数", "≥3个"]])
    project = load_project(path)
    assert [project.funds.source(k).initial.decimal for k in ("total", "fiscal", "other")] == \
        [1200, 1100, 100]
    assert "PX202" not in [f.code for f in check_file(path, "auto", stage=None).findings]


@pytest.mark.parametrize("order", ["中期 | 年度", "年度 | 中期", "no goal headers"])
def test_a_multi_year_target_form_reads_the_years_indicators(tmp_path: Path, order: str) -> None:
    """The 申报表 of a multi-year project prints its 中期 and 年度 indicators side by side under
    one 一级 (一级 | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值). The year's are read: on the side
    the 年度目标 header stands of the 中期目标 one, else the right (before: the 中期 ones, so a
    600公里 over three years was the year's target)."""
    from form_factory import save_rows

    mid = [["数量指标", "养护里程", "600公里"], ["时效指标", "完成时间", "2026年底"]]
    year = [["数量指标", "养护里程", "≥200公里"], ["时效指标", "完成时间", "2024年12月底前"]]
    left, right = (year, mid) if order == "年度 | 中期" else (mid, year)
    heads = {"中期 | 年度": ["中期目标（2024年—2026年）", "年度目标"],
             "年度 | 中期": ["年度目标", "中期目标（2024年—2026年）"]}.get(order)
    goal = [[None, *(heads[0:1] + [None, None] + heads[1:2])],
            [None, "text 1", None, None, "text 2"]] if heads else []
    path = save_rows(tmp_path / "申报表.xlsx", [
        ["项目支出绩效目标申报表"], ["（2024年度）"], ["项目名称", "农村公路养护工程"], ["项目期", "3年"],
        ["年度资金总额", 300], *goal,
        ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
        *[[None, "产出指标", *a, *b] for a, b in zip(left, right)]])
    project = load_project(path)
    assert [(i.level2.text, i.level3.text, i.target.text) for i in project.indicators] == \
        [tuple(r) for r in year]
    assert "mid-term" in project.form.layout
    assert not {"PX301", "PX313"} & {f.code for f in check_file(path, "auto", stage=None).findings}


@pytest.mark.parametrize("order,merged", [("中长期 | 年度", False), ("年度 | 中长期", False),
                                          ("中长期 | 年度", True)])
def test_a_multi_year_target_forms_funds_are_the_years_column(tmp_path: Path, order: str,
                                                              merged: bool) -> None:
    """A multi-year 申报表 heads two columns 中长期资金总额 | 年度资金总额 over the rows 资金总额 /
    其中：财政拨款 / 其他资金. The year's column is read (before: 年度资金总额 was taken for a row
    label with nothing right of it, PX707 an error, and the sub-rows from the 中长期 column)."""
    from form_factory import save_rows

    long, year = ("中长期资金总额", [900, 800, 100]), ("年度资金总额", [300, 280, 20])
    (h1, v1), (h2, v2) = (long, year) if order == "中长期 | 年度" else (year, long)
    at = 5 if order == "中长期 | 年度" else 3       # the 年度 column: E or C
    rows = [["项目支出绩效目标申报表"], ["（2024年度）"], ["项目名称", "农村饮水安全巩固提升工程"],
            ["主管部门及代码", "某县水利局", None, "实施单位", "某县水利工程管理站"],
            ["项目资金（万元）", None, h1, None, h2],
            *[[None, label, a, None, b] for label, a, b in
              zip(("资金总额", "其中：财政拨款", "其他资金"), v1, v2)],
            ["总体目标", "中长期目标", None, "年度目标"],
            [None, "三年新建供水工程15处。", None, "新建供水工程5处。"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "中长期指标值", "年度指标值"],
            [None, "产出指标", "数量指标", "新建供水工程", "15处", "5处"],
            [None, "满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "≥90%"]]
    merges = ("C5:D5", "E5:F5", "C6:D6", "E6:F6", "C7:D7", "E7:F7", "C8:D8", "E8:F8") \
        if merged else ()
    path = save_rows(tmp_path / "申报表.xlsx", rows, merges)
    project = load_project(path)
    col = "CE"[at == 5]
    assert [(project.funds.source(k).initial.decimal, project.funds.source(k).initial.loc.cell)
            for k in ("total", "fiscal", "other")] == \
        [(300, f"{col}6"), (280, f"{col}7"), (20, f"{col}8")]
    assert project.goal_expected.text == "新建供水工程5处。"
    assert [i.target.text for i in project.indicators] == ["5处", "≥90%"]
    found = {f.code for f in check_file(path, "auto", stage=None).findings}
    assert not {"PX707", "PX801", "PX202"} & found, found
