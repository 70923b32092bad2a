"""A funds block as a budget system prints it: 年初预算 | 调整预算 | 调整后预算 | 全年执行数, the
change itself in a column of its own (and 专户资金 among the sources). The 调整后预算 is the
budget; a printed 调整预算 that is not 调整后 − 年初 is PX815 (checks/printed._adjustments)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from form_factory import save_rows

from perf_xlsx.check import check_file
from perf_xlsx.read import load_project

INDICATORS = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [None, "产出指标", "数量指标", "服务老人数", "≥300人", "312人", 50, 50],
    [None, "效益指标", "社会效益指标", "老人生活质量", "有所提高", "生活照料时长每周增加2小时", 30, 30],
    [None, "满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", "96%", 10, 10],
]


def form(tmp_path: Path, total: list[Any], fiscal: list[Any], unit: str = "万元",
         carry: list[Any] | None = None, special: list[Any] | None = None) -> Path:
    rows = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "社区养老服务补助"],
            ["主管部门", "某区民政局", None, None, "实施单位", "某区民政局"],
            [f"项目资金（{unit}）", None, "年初预算", "调整预算", "调整后预算", "全年执行数", "预算执行率",
             "分值", "得分"],
            [None, "年度资金总额", *total],
            [None, "当年财政资金", *fiscal],
            [None, "上年结转资金", *(carry or [])],
            [None, "专户资金", *(special or [])],
            ["年度总体目标", "预期目标", None, None, "实际完成情况"],
            [None, "为辖区内300名高龄老人提供居家养老服务。", None, None, "为辖区312名高龄老人提供服务。"],
            *INDICATORS, ["总分", None, None, None, None, None, 100, 99.76]]
    return save_rows(tmp_path / "调整预算.xlsx", rows)


RIGHT = ([80, 15.5, 95.5, 93.2, "97.59%", 10, 9.76], [80, 0, 80, 78.5, "98.13%"],
         [0, 15.5, 15.5, 14.7, "94.84%"])


def px815(path: Path) -> list[tuple[str | None, str | None, str | None]]:
    return [(f.cell, f.actual, f.expected) for f in check_file(path).findings
            if f.code == "PX815"]


def test_the_adjusted_budget_is_the_budget(tmp_path: Path) -> None:
    path = form(tmp_path, *RIGHT[:2], carry=RIGHT[2], special=[0, 0, 0, 0])
    funds = load_project(path).funds
    assert (funds.total.initial.decimal, funds.total.budget.decimal) == (80, 95.5)
    assert funds.total.budget.loc.cell == "E6"
    assert funds.other.budget.loc.cell == "E9"      # 专户资金 is one of the other sources
    assert px815(path) == []


@pytest.mark.parametrize("total,fiscal,found", [
    ([80, 5.5, 95.5, 93.2, "97.59%", 10, 9.76], RIGHT[1], [("D6", "5.5", "15.5")]),
    (RIGHT[0], [80, 15.5, 80, 78.5, "98.13%"], [("D7", "15.5", "0")]),
    ([100, -10, 90, 88, "97.78%", 10, 9.78], [100, -10, 90, 88, "97.78%"], []),   # a cut
    ([100, 10, 90, 88, "97.78%", 10, 9.78], [100, -10, 90, 88, "97.78%"],
     [("D6", "10", "-10")]),                                       # a cut printed as a rise
    ([80, None, 95.5, 93.2, "97.59%", 10, 9.76], RIGHT[1], []),    # left blank
    ([80, "15.50", 95.5, 93.2, "97.59%", 10, 9.76], RIGHT[1], []),
])
def test_a_printed_adjustment_is_the_change_of_the_budget(tmp_path: Path, total: list,
                                                          fiscal: list, found: list) -> None:
    carry = [0, 15.5 if total[2] == 95.5 else 0, total[2] - fiscal[2], total[3] - fiscal[3]]
    assert px815(form(tmp_path, total, fiscal, carry=carry)) == found


def test_a_block_in_yuan_compares_in_yuan(tmp_path: Path) -> None:
    right = form(tmp_path, [800000, 155000, 955000, 932000, "97.59%", 10, 9.76],
                 [800000, 0, 800000, 785000, "98.13%"], unit="元",
                 carry=[0, 155000, 155000, 147000])
    assert px815(right) == []
    wrong = form(tmp_path, [800000, 15.5, 955000, 932000, "97.59%", 10, 9.76],
                 [800000, 0, 800000, 785000, "98.13%"], unit="元",
                 carry=[0, 155000, 155000, 147000])
    [(cell, actual, expected)] = px815(wrong)
    assert (cell, actual, expected) == ("D6", "15.5", "155000")   # as printed, in 元
