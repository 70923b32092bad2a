"""Goal-text checks (PX330–PX332, PX336): fire when they should, stay silent otherwise, right cell."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from factory import default_info
from model_factory import build_project

from perf_xlsx.check import check_project
from perf_xlsx.checks.goals import check_goals
from perf_xlsx.read.reader import load_project

INFO = "项目信息"
EXP, ACT = "B16", "B17"
BASE_EXP = default_info()["goal_expected"]
BASE_ACT = default_info()["goal_actual"]


def goals(expected: str = BASE_EXP, actual: str = BASE_ACT, **info: Any) -> set[tuple]:
    project = build_project({**default_info(), "goal_expected": expected,
                             "goal_actual": actual, **info})
    return {(f.code, f.sheet, f.cell) for f in check_goals(project)}


CASES = {
    "clean defaults": ({}, set()),
    "actual copies expected": ({"actual": BASE_EXP}, {("PX330", INFO, ACT)}),
    "actual copies expected but for punctuation and spaces": (
        {"actual": BASE_EXP.replace("，", ", ").rstrip("。")}, {("PX330", INFO, ACT)}),
    "budget stated as in the funds block": ({"expected": BASE_EXP + "项目预算金额1万元。"}, set()),
    "budget stated in 元": ({"expected": BASE_EXP + "项目预算金额10000元。"}, set()),
    "budget in the text differs": ({"expected": BASE_EXP + "项目预算金额1.5万元。"},
                                   {("PX331", INFO, EXP)}),
    "initial budget also accepted": (
        {"expected": "预算安排0.8万元。", "funds_total_initial": Decimal("0.8")},
        set()),
    "executed stated as in the funds block": ({"actual": BASE_ACT + "已拨付0.95万元。"}, set()),
    "executed differs": ({"actual": BASE_ACT + "已拨付0.85万元。"}, {("PX331", INFO, ACT)}),
    "executed agrees only after rounding": ({"actual": BASE_ACT + "已拨付0.9512万元。"},
                                            {("PX332", INFO, ACT)}),
    "balance right": ({"actual": BASE_ACT + "已拨付0.95万元，结余0.05万元。"}, set()),
    "balance wrong": ({"actual": BASE_ACT + "结余0.15万元。"}, {("PX331", INFO, ACT)}),
    "received right": ({"actual": "资金到位1万元。"}, set()),
    "unit cost is not a funds figure": ({"expected": "单本宣传品购置成本0.0062万元以内。"}, set()),
    "cost target with 支出 is not a funds figure": (
        {"expected": "支出成本控制在0.9万元以内。"}, set()),
    "a short actual close to the goal is not a copy": (
        {"expected": "完成20项建设任务。", "actual": "完成了20项建设任务。"}, set()),
    "a long actual that only changes a word is a copy": (
        {"actual": BASE_EXP.replace("提高", "提升")}, {("PX330", INFO, ACT)}),
    "empty texts": ({"expected": "", "actual": ""}, set()),
    # an actual that is only a conclusion, against an expected goal listing figures (PX336)
    "the actual only says the goal was met": ({"actual": "已完成年度目标。"}, {("PX336", INFO, ACT)}),
    "…in a few words of its own": ({"actual": "均已按计划完成"}, {("PX336", INFO, ACT)}),
    "…but a short actual with a figure says what was done": ({"actual": "印制手册52本"}, set()),
    "…and a longer account without figures is left alone": (
        {"actual": "项目按计划实施，手册和挂板均已制作发放，群众反映良好"}, set()),
    "…and an expected goal without figures asks for none": (
        {"expected": "提高政府网站知晓率。", "actual": "已完成"}, set()),
    # amounts that state no figure of the funds block (a difference, one expense, a rate, a part
    # with no row of its own) are not compared; a row's own figure is compared with that row
    "a difference is not a figure": ({"actual": BASE_ACT + "比预算少支出0.05万元。"}, set()),
    "a wrong difference is not a figure either": (
        {"actual": BASE_ACT + "其他资金因项目结余少支出10万元，较上年增加支出0.2万元。"}, set()),
    "a named expense is not the total": ({"actual": "支出宣传费0.3万元，印刷费0.2万元。"}, set()),
    "spent funds (经费) are the total": ({"actual": "支出经费0.85万元。"}, {("PX331", INFO, ACT)}),
    "a plan states the budget": ({"expected": "计划使用资金1万元。"}, set()),
    "a planned amount that differs": ({"expected": "计划使用资金1.5万元。"},
                                      {("PX331", INFO, EXP)}),
    "an amount per person is no total": ({"expected": "发放补助0.1万元/人。"}, set()),
    "a part the block has no row for": ({"actual": "中央资金已拨付0.3万元。"}, set()),
    "a saving is the balance": ({"actual": BASE_ACT + "节约资金0.05万元。"}, set()),
    "a wrong saving": ({"actual": BASE_ACT + "节约资金0.5万元。"}, {("PX331", INFO, ACT)}),
    "the fiscal row's own figure": (
        {"actual": "财政拨款已支出0.9万元。", "funds_fiscal_executed": Decimal("0.9")}, set()),
    "the fiscal row's figure differs": (
        {"actual": "财政拨款已支出0.95万元。", "funds_fiscal_executed": Decimal("0.9")},
        {("PX331", INFO, ACT)}),
    "a bare verb goes on about the row the clause before names": (
        {"actual": "当年财政拨款1万元，支出0.9万元，结余0.1万元。",
         "funds_fiscal_executed": Decimal("0.9")}, set()),
    "…and is checked against that row": (
        {"actual": "当年财政拨款1万元，支出0.8万元。", "funds_fiscal_executed": Decimal("0.9")},
        {("PX331", INFO, ACT)}),
    "money carried to next year is no carry-over row": (
        {"actual": "支出0.95万元，结转下年使用结余资金0.05万元。"}, set()),
    "an amount in 元 with thousands separated": ({"actual": "支出9,500元，结余500元。"}, set()),
    "…that differs": ({"actual": "支出9,000元。"}, {("PX331", INFO, ACT)}),
    "other funds stated where the block has none": (
        {"actual": "其他资金已支出0.1万元。"}, {("PX331", INFO, ACT)}),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_goal_checks(name: str) -> None:
    change, expected = CASES[name]
    kw = dict(change)
    info = {k: kw.pop(k) for k in list(kw) if k.startswith("funds_")}
    assert goals(**kw, **info) == expected


def test_a_row_figure_is_named_with_its_row() -> None:
    project = build_project({**default_info(), "goal_actual": "财政拨款已支出0.95万元。",
                             "funds_fiscal_executed": Decimal("0.9")})
    (f,) = check_goals(project)
    assert (f.code, f.expected, f.actual) == ("PX331", "0.9", "0.95")
    assert "财政拨款的全年执行数 0.9 万元" in f.message()
    assert "executed of the fiscal funds is 0.9" in f.message("en")


def test_seed000_sample_reports_the_rounded_figures() -> None:

    sample = Path(__file__).resolve().parents[1] / "samples" / "2018-website-publicity.xlsx"
    found = [f for f in check_project(load_project(sample)).findings if f.code.startswith("PX33")]
    assert [(f.code, f.cell, f.actual, f.expected) for f in found] == [
        ("PX332", ACT, "0.5188", "0.52"), ("PX332", ACT, "0.4812", "0.48")]
    assert "已拨付0.5188万元" in found[0].message()


def test_seed002_sample_goal_texts_agree() -> None:

    sample = (Path(__file__).resolve().parents[1] / "samples"
              / "2018-level2-security-maintenance.xlsx")
    assert not [f for f in check_project(load_project(sample)).findings
                if f.code.startswith("PX33")]


def test_funds_typed_in_yuan_under_a_wan_heading_are_named() -> None:
    """PX331 says so when the funds figure is the text's amount times 10 000."""
    base = {**default_info(), "goal_expected": BASE_EXP + "项目预算金额1万元。",
            "funds_total_initial": Decimal(10000), "funds_total_budget": Decimal(10000),
            "funds_fiscal_initial": Decimal(10000), "funds_fiscal_budget": Decimal(10000)}
    said = [f.message() for f in check_goals(build_project(base)) if f.code == "PX331"]
    assert said and "像是按元填写的" in said[0]
    other = {**base, "goal_expected": BASE_EXP + "项目预算金额2万元。"}
    said = [f.message() for f in check_goals(build_project(other)) if f.code == "PX331"]
    assert said and "像是按元填写的" not in said[0]
