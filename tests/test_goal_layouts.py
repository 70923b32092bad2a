"""The 年度总体目标 block laid out as units lay it out: the official headers with the texts below
them, the headers stacked in rows with each text to its right, or 实际完成情况 as a row label
under the block's label (docs/forms.md)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from form_factory import save_rows

from perf_xlsx.check import check_file
from perf_xlsx.read import load_project

TOP = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "政府网站宣传项目", None, None, "主管部门", "某局"],
       ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
       [None, "年度资金总额", 1, 1, 0.95, 10, "95%", 9.5],
       [None, "其中：当年财政拨款", 1, 1, 0.95, None, "95%", None]]
INDICATORS = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    [None, "产出指标", "数量指标", "宣传手册数量", "≥50本", "52本", 50, 50],
    [None, "效益指标", "社会效益指标", "知晓率", "≥90%", "95%", 30, 30],
    [None, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10, 10],
    ["总分", None, None, None, None, None, 100, 99.5]]
EXPECTED, ACTUAL = "制作宣传手册50本以上", "制作宣传手册52本，开展宣传2次"

LAYOUTS = {
    # name: (goal rows, merges relative to the first goal row (row 7), expected/actual cells)
    "official: headers, texts below": (
        [["年度总体目标", "预期目标", None, None, "实际完成情况"], [None, EXPECTED, None, None, ACTUAL]],
        ("A7:A8", "B7:D7", "E7:H7", "B8:D8", "E8:H8"), ("B8", "E8")),
    "headers in rows beside a merged label": (
        [["年度总体目标", "预期目标", EXPECTED], [None, "实际完成情况", ACTUAL]],
        ("A7:A8", "C7:H7", "C8:H8"), ("C7", "C8")),
    "headers in rows, label not merged": (
        [["年度总体目标", "预期目标", EXPECTED], [None, "实际完成情况", ACTUAL]], (), ("C7", "C8")),
    "实际完成情况 as a row label under the block's": (
        [["年度总体目标", EXPECTED], ["实际完成情况", ACTUAL]], ("B7:H7", "B8:H8"), ("B7", "B8")),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_each_goal_layout_reads_both_texts(tmp_path: Path, name: str) -> None:
    goal_rows, merges, (exp_cell, act_cell) = LAYOUTS[name]
    path = save_rows(tmp_path / "g.xlsx", [*TOP, *goal_rows, *INDICATORS], merges)
    project = load_project(path)
    assert (project.goal_expected.text, project.goal_expected.loc.cell) == (EXPECTED, exp_cell)
    assert (project.goal_actual.text, project.goal_actual.loc.cell) == (ACTUAL, act_cell)
    assert {f.code for f in check_file(path).findings} == {"PX410", "PX810"}


def test_a_blank_expected_goal_in_rows_is_blank_not_the_next_header(tmp_path: Path) -> None:
    rows = [*TOP, ["年度总体目标", "预期目标", None], [None, "实际完成情况", ACTUAL], *INDICATORS]
    project = load_project(save_rows(tmp_path / "g.xlsx", rows))
    assert project.goal_expected.text == "" and project.goal_actual.text == ACTUAL


def test_an_indicator_column_named_like_the_actual_goal_is_not_the_goal(tmp_path: Path) -> None:
    """One goal row, then an indicator header whose actual column is 实际完成情况: the first
    indicator's actual value is not taken for the goal."""
    head = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成情况", "分值", "得分"]
    rows = [*TOP, ["年度总体目标", EXPECTED], head, *INDICATORS[1:]]
    project = load_project(save_rows(tmp_path / "g.xlsx", rows))
    assert project.goal_expected.text == EXPECTED and project.goal_actual.text == ""
    assert [i.actual.text for i in project.indicators] == ["52本", "95%", "95%"]


# ---- Hubei: one or two numbered goal blocks, each with its own indicator table ---------------
HUBEI_HEADER = ["绩效指标", "一级指标", "三级指标", "指标值", "实际完成值", "得分"]


def hubei_rows(blocks: list[tuple[str, str, list[list]]]) -> list[list]:
    rows = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "政府网站宣传项目", None, "主管部门", "某局"],
            ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "得分（20分*执行率）"],
            [None, "年度资金总额", 1, 1, 0.95, 19], [None, "其中：当年财政拨款", 1, 1, 0.95, None]]
    for label, goal, inds in blocks:
        rows += [[label, goal], HUBEI_HEADER, *inds]
    return rows + [["总分", None, None, None, None, 99]]


def test_two_numbered_goal_blocks_with_their_own_tables(tmp_path: Path) -> None:
    """年度绩效目标一（40分） and 二（40分）, each over its own indicator header: both goals are
    read, a line each, and the second block's label row is neither an indicator (PX307) nor
    its header."""
    path = save_rows(tmp_path / "hb.xlsx", hubei_rows([
        ("年度绩效目标一（40分）", "制作宣传手册50本以上",
         [[None, "产出指标", "宣传手册数量", "≥50本", "52本", 20],
          [None, "效益指标", "知晓率", "≥90%", "95%", 20]]),
        ("年度绩效目标二（40分）", "开展宣传活动2次",
         [[None, "产出指标", "宣传活动次数", "≥2次", "2次", 20],
          [None, "效益指标", "群众满意度", "≥90%", "95%", 20]])]))
    project = load_project(path)
    assert project.goal_expected.text == "制作宣传手册50本以上\n开展宣传活动2次"
    assert project.goal_expected.loc.cell == "B7"
    assert project.form.sources["goal_expected"] == "自评表!B7, 自评表!B11"
    assert [i.level3.text for i in project.indicators] == ["宣传手册数量", "知晓率", "宣传活动次数",
                                                           "群众满意度"]
    report = check_file(path, "auto")
    assert (report.score.profile, report.score.total) == ("hubei", Decimal("99.00"))
    assert {f.code for f in report.findings} == {"PX410", "PX810"}


@pytest.mark.parametrize("label", ["年度绩效目标（80分）", "年度绩效目标1", "绩效目标（一）"])
def test_a_numbered_goal_label_is_the_goal_block(tmp_path: Path, label: str) -> None:
    path = save_rows(tmp_path / "hb.xlsx", hubei_rows([(label, "制作宣传手册50本以上", [
        [None, "产出指标", "宣传手册数量", "≥50本", "52本", 40],
        [None, "效益指标", "知晓率", "≥90%", "95%", 40]])]))
    assert load_project(path).goal_expected.text == "制作宣传手册50本以上"


@pytest.mark.parametrize("merged", [True, False])
def test_numbered_goal_blocks_with_expected_and_actual_headers(tmp_path: Path,
                                                               merged: bool) -> None:
    """Each numbered block with its own 预期目标 | 实际完成情况 headers and texts under them
    (merged, or not as an .ods holds it): the expected and the actual goals of both blocks are
    read, and neither the headers nor the texts are taken for indicators."""
    top = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "政府网站宣传项目", None, "主管部门", "某局"],
           ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "得分（20分*执行率）"],
           [None, "年度资金总额", 1, 1, 0.95, 19]]
    rows, merges = list(top), []
    for label, goal, done, inds in [
            ("年度绩效目标一（40分）", "制作宣传手册50本以上", "制作52本",
             [[None, "产出指标", "宣传手册数量", "≥50本", "52本", 20],
              [None, "效益指标", "知晓率", "≥90%", "95%", 20]]),
            ("年度绩效目标二（40分）", "开展宣传活动2次", "开展2次",
             [[None, "产出指标", "宣传活动次数", "≥2次", "2次", 20],
              [None, "效益指标", "群众满意度", "≥90%", "95%", 20]])]:
        first = len(rows) + 1
        rows += [[label, "预期目标", None, "实际完成情况"], [None, goal, None, done]]
        merges += [f"A{first}:A{first + 1}", f"B{first}:C{first}", f"D{first}:F{first}",
                   f"B{first + 1}:C{first + 1}", f"D{first + 1}:F{first + 1}"]
        rows += [HUBEI_HEADER, *inds]
    rows.append(["总分", None, None, None, None, 99])
    path = save_rows(tmp_path / "hb.xlsx", rows, tuple(merges) if merged else ())
    project = load_project(path)
    assert project.goal_expected.text == "制作宣传手册50本以上\n开展宣传活动2次"
    assert project.goal_actual.text == "制作52本\n开展2次"
    assert [i.level3.text for i in project.indicators] == ["宣传手册数量", "知晓率", "宣传活动次数",
                                                           "群众满意度"]
    report = check_file(path, "auto")
    assert {f.code for f in report.findings} == {"PX410", "PX810"}, report.findings
