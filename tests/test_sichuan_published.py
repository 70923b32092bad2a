"""Sichuan's published 部门预算项目支出绩效自评表 as units fill it (510000_0013zp): the goal in a
项目基本情况 block (项目年度目标 | 年度目标完成情况), the form's own instructions printed in the
原因 cell of the 总额 row, a 合计 row that includes the execution points, then the text boxes
评价结论 / 存在问题 / 改进措施 and a sign-off line — none of them indicators, and the 90 points of
绩效指标（90分） put on 产出 alone."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from form_factory import save_rows

from perf_xlsx.check import check_file
from perf_xlsx.read import load_project

NOTE = ("1.预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；"
        "2.年中发生预算调整的（追加或调减），应单独说明理由；3.其他资金包括：社会投入资金、银行贷款.")


def rows(reason: str | None = NOTE, weights: tuple[int, int] = (45, 45),
         sign_off: str = "财务负责人：唐勇") -> list[list[Any]]:
    return [
        ["部门预算项目支出绩效自评表（2023年度）"],
        ["项目名称", "51092324T000010263357-2023年全县安可替代补助资金项目"],
        ["主管部门", "大英县司法局", None, None, "实施单位", "大英县司法局"],
        ["项目基本情况", "1.项目年度目标完成情况", "项目年度目标", None, None, None, "年度目标完成情况"],
        [None, None, "根据要求购买安可设备13台，并完成项目资金支付。", None, None, None,
         "购买安可电脑13台，12月前完成资金支付。"],
        [None, "2.项目实施内容及过程概述", "2023年购买13台安可电脑，并于12月前完成资金支付。"],
        ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数",
         "预算执行率", "权重", "得分", "原因"],
        [None, "总额", 0.00, 3.36, 3.36, "100.00%", 10, 10, reason],
        [None, "其中：财政资金", 0.00, 3.36, 3.36, "100.00%", "/", "/"],
        [None, "财政专户管理资金", 0.00, 0.00, 0.00, "0.00%", "/", "/"],
        [None, "单位资金", 0.00, 0.00, 0.00, "0.00%", "/", "/"],
        [None, "其他资金", None, None, None, None, "/", "/"],
        ["绩效指标（90分）", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
         "完成值", "权重", "得分", "未完成原因分析"],
        [None, "产出指标", "数量指标", "购买安可电脑", "≥", 13, "台", 13, weights[0], weights[0]],
        [None, None, "经济成本指标", "成本控制数", "≤", 3.36, "万元", 3.36, weights[1], weights[1]],
        ["合计", None, None, None, None, None, None, None, 10 + sum(weights), 10 + sum(weights)],
        ["评价结论", "根据财政局资金下达的管理办法，将资金支付给项目施工方。"],
        ["存在问题", "无"],
        ["改进措施", "无"],
        # the sign-off line's second half falls in the 指标值 column
        ["项目负责人：查小兵", None, None, None, None, sign_off],
    ]


def _form(tmp_path: Path, **kw: Any) -> Path:
    path = tmp_path / "四川自评表.xlsx"
    save_rows(path, rows(**kw), ("A4:A6", "A7:A12", "A13:A15"))
    return path


def _codes(path: Path) -> set[str]:
    report = check_file(path, "auto")     # as the CLI does: the frame read from the form
    assert report.score is not None and report.score.profile == "sichuan"
    return {f.code for f in report.findings}


def test_the_form_reads_its_goal_indicators_and_total(tmp_path: Path) -> None:
    project = load_project(_form(tmp_path))
    assert [i.level3.text for i in project.indicators] == ["购买安可电脑", "成本控制数"]
    assert project.goal_expected.text == "根据要求购买安可设备13台，并完成项目资金支付。"
    assert project.goal_expected.loc.cell == "C5"
    assert project.goal_actual.text == "购买安可电脑13台，12月前完成资金支付。"
    assert project.goal_actual.loc.cell == "G5"
    codes = _codes(tmp_path / "四川自评表.xlsx")
    # the text boxes and the sign-off are no indicators; 合计 (100) includes the execution 10
    assert not codes & {"PX307", "PX309", "PX403", "PX813", "PX311"}


def test_the_printed_instructions_are_not_the_units_reason(tmp_path: Path) -> None:
    path = _form(tmp_path)
    project = load_project(path)
    assert project.funds.note.is_empty and project.funds.note.loc.cell == "I8"
    codes = _codes(path)
    assert "PX306" not in codes            # the form's own (100字以内), not a leftover
    assert "PX206" in codes                # 0 → 3.36 万元 and nothing says why


def test_a_reason_the_unit_wrote_is_kept(tmp_path: Path) -> None:
    reason = "1.年中追加预算3.36万元，用于安可替代设备采购（县财预〔2023〕12号）。"
    path = _form(tmp_path, reason=reason)
    assert load_project(path).funds.note.text == reason
    assert "PX206" not in _codes(path)


@pytest.mark.parametrize("weights,expected", [((45, 45), set()), ((60, 30), set()),
                                              ((40, 40), {"PX401"})])
def test_sichuans_ninety_points_are_checked_as_a_total(tmp_path: Path, weights: tuple[int, int],
                                                       expected: set[str]) -> None:
    codes = _codes(_form(tmp_path, weights=weights))
    assert "PX402" not in codes
    assert codes & {"PX401"} == expected


@pytest.mark.parametrize("label", ["评价结论", " 评价结论", "\u200b评价结论", "评价结论："])
def test_the_text_boxes_close_the_table_however_typed(tmp_path: Path, label: str) -> None:
    """A space or a zero-width space pasted before the label, or a colon after it."""
    body = rows()
    body[16][0] = label
    body[19][0] = None          # the sign-off no longer ends the table by itself
    path = tmp_path / "boxes.xlsx"
    save_rows(path, body, ())
    assert [i.level3.text for i in load_project(path).indicators] == ["购买安可电脑", "成本控制数"]


def test_a_subtotal_before_more_indicators_is_still_a_subtotal(tmp_path: Path) -> None:
    body = rows()
    body.insert(15, [None, "产出指标小计", None, None, None, None, None, None, 90, 90])
    body.insert(16, [None, "效益指标", "社会效益指标", "信息系统安全运行", "=", 100, "%", 100, 0, 0])
    path = tmp_path / "小计.xlsx"
    save_rows(path, body, ())
    names = [i.level3.text for i in load_project(path).indicators]
    assert names == ["购买安可电脑", "成本控制数", "信息系统安全运行"]


@pytest.mark.parametrize("sign,value,actual,scored", [
    ("=", "10-15", 13, True),                  # a range under 指标性质 =: met inside it
    ("", "10～15", 13, True),
    ("=", "14-15", 13, False),                 # below its low end: not met
])
def test_a_range_in_the_split_target_cells(tmp_path: Path, sign: str, value: str, actual: int,
                                           scored: bool) -> None:
    data = rows()
    data[13] = [None, "产出指标", "数量指标", "购买安可电脑", sign, value, "台", actual, 45, 45]
    path = tmp_path / "四川自评表.xlsx"
    save_rows(path, data, ("A4:A6", "A7:A12", "A13:A15"))
    report = check_file(path, "auto")
    codes = {f.code for f in report.findings}
    assert "PX301" not in codes and ("PX303" in codes) is not scored
    (first,) = [s for s in report.score.indicators if s.indicator.level3.text == "购买安可电脑"]
    expected = Decimal(45) if scored else Decimal(45) * 13 / 14     # in proportion below it
    assert round(first.computed, 4) == round(expected, 4)
