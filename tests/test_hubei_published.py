"""Hubei's 2018 绩效目标自评表 as units filled it: the table labelled 年度绩效目标（80分） in its
first column, targets under 年初目标值（A）, execution out of 20 in a 预算执行情况（万元）（20分）
block (words Sichuan's form also uses), 服务对象满意度指标 as a 一级, and the 总分 printed in the
head line beside 填报日期 instead of a total row."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from form_factory import save_rows

from perf_xlsx.check import check_file
from perf_xlsx.read import load_project


def rows(headline: list[Any]) -> list[list[Any]]:
    return [
        ["2018年学生资助项目绩效目标自评表"],
        headline,
        ["项目名称", "湖北工程学院2018年学生资助项目"],
        ["主管部门", "湖北省教育厅", None, "项目实施单位", "湖北工程学院"],
        ["项目类别", "部门预算项目☑、省直专项□、省对下转移支付项目□"],
        ["预算执行情况（万元）（20分）", None, "预算数（A）", "执行数（B）", "执行率（B/A）",
         "得分（20分*执行率）"],
        ["年度财政资金总额", None, 520, 500, "96.15%", 19.23],
        ["年度绩效目标（80分）", "一级指标", "二级指标", "三级指标", "年初目标值（A）",
         "实际完成值（B）", "得分"],
        [None, "产出指标（40分）", "数量", "国家奖学金人数", "10人", "9人", 3.6],
        [None, None, None, "国家助学金人数", "3000人", "3000人", 16],
        [None, None, "质量", "资助对象认定准确率", "100%", "100%", 10.4],
        [None, None, "时效", "资金发放及时率", "100%", "100%", 10],
        [None, "效益指标（30分）", "社会效益指标", "困难生完成学业率", "≥95%", "98%", 30],
        [None, "服务对象满意度指标（10分）", "服务对象满意度指标", "学生满意度", "≥90%", "95%", 10],
    ]


HEADLINE = ["填报日期：2019年3月10日", None, None, "总分：", 96.2, "分"]


def _form(tmp_path: Path, headline: list[Any] = HEADLINE) -> Path:
    path = tmp_path / "湖北自评表.xlsx"
    save_rows(path, rows(headline), ("A8:A14",))
    return path


def test_the_table_is_read_under_its_goal_label(tmp_path: Path) -> None:
    project = load_project(_form(tmp_path))
    assert [i.level3.text for i in project.indicators][:2] == ["国家奖学金人数", "国家助学金人数"]
    assert len(project.indicators) == 6
    first = project.indicators[0]
    assert (first.target.text, first.target.loc.cell) == ("10人", "E9")
    assert project.form.columns["target"] == "年初目标值（A）"
    assert "target" not in project.form.guessed_columns


def test_twenty_points_of_execution_make_it_hubeis_frame(tmp_path: Path) -> None:
    report = check_file(_form(tmp_path), "auto")
    assert report.score is not None and report.score.profile == "hubei"
    codes = {f.code: f for f in report.findings}
    assert "PX307" not in codes            # 服务对象满意度指标 as the 一级: the 满意度指标 block
    assert ("PX319", "B14") in {(f.code, f.cell) for f in report.findings}


@pytest.mark.parametrize("headline,printed,flagged", [
    (HEADLINE, "96.2", "E2"),                                         # its own cell, wrong
    (["填报日期：2019年3月10日", None, None, "总分：99.23分"], "99.23", None),   # in the label's
    (["填报日期：2019年3月10日", None, None, "总分：", None, "分"], None, None),  # left blank
    (["填报日期：2019年3月10日", None, None, "总分：（96.2分）"], "96.2", "D2"),  # in brackets
    (["填报日期：2019年3月10日", None, None, "总分：", "(96.2分)"], "96.2", "E2"),
    (["填报日期：2019年3月10日", None, None, "总分：", "（99.23）"], "99.23", None),
])
def test_a_total_in_the_head_line_is_the_printed_total(tmp_path: Path, headline: list[Any],
                                                       printed: str | None,
                                                       flagged: str | None) -> None:
    path = _form(tmp_path, headline)
    total = load_project(path).form.printed_total.get("score")
    assert (total.text if total is not None else None) == printed
    found = [f for f in check_file(path, "auto").findings if f.code == "PX804"]
    assert [(f.cell, f.expected) for f in found] == ([(flagged, "99.23")] if flagged
                                                     else [])
