"""Two ways of writing a target that the ``=`` reading (a bare number is met at or above it)
got wrong: a cost row's bare money target is a ceiling (人均成本 ``500元/人`` → ``≤500元/人``:
480 meets it, 520 does not), and an approximate target (``100人左右``, ``约100人``) is met down
to 10 % below it."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from form_factory import save_rows as save
from test_header_words import top

from perf_xlsx import targets
from perf_xlsx.check import check_file


@pytest.mark.parametrize("text,op", [
    ("500元/人", "<="), ("1.2万元", "<="), ("≥500元/人", ">="), ("500人", "="),
    ("约500元/人", "="), ("0元", "="), ("合理", None),
])
def test_a_bare_money_target_is_a_ceiling(text: str, op: str | None) -> None:
    got = targets.as_ceiling(targets.parse_target(text))
    assert getattr(got, "op", None) == op
    assert getattr(got, "raw", text) == text


@pytest.mark.parametrize("target,actual,met", [
    ("100人左右", "98人", True), ("100人左右", "90人", True), ("100人左右", "89人", False),
    ("约100人", "95人", True), ("大约100人", "120人", True), ("100人上下", "92人", True),
    ("100人", "98人", False), ("≥100人", "98人", False),
])
def test_an_approximate_target_is_met_close_below_it(target: str, actual: str, met: bool) -> None:
    t = targets.parse_target(target)
    assert targets.compare(t, targets.parse_actual(actual, target=t)).met is met


ROWS = [  # 三级, 二级, 指标值, 实际完成值, 分值, 得分
    ("培训人数", "数量指标", "100人左右", "98人", 20, 20),
    ("培训期数", "数量指标", "4期", "4期", 10, 10),
    ("人均培训成本", "成本指标", "500元/人", "480元/人", 10, 10),
    ("场地租赁费", "成本指标", "2万元", "2.4万元", 10, 10),
]


def form(tmp_path: Path) -> Path:
    body = [[None, "产出指标", l2, name, t, a, w, s, None] for name, l2, t, a, w, s in ROWS]
    return save(tmp_path / "f.xlsx", [
        *top(), ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                 "分值", "得分", "偏差原因分析及改进措施"], *body,
        [None, "效益指标", "社会效益指标", "技能提升率", "≥80%", "85%", 30, 30, None],
        [None, "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "96%", 10, 10, None],
        ["总分", None, None, None, None, None, 100, 99.6, None]])


def test_on_a_form(tmp_path: Path) -> None:
    report = check_file(form(tmp_path))
    by_row = {}
    for f in report.findings:
        if f.cell:
            by_row.setdefault(int("".join(ch for ch in f.cell if ch.isdigit())), set()).add(f.code)
    assert 9 not in by_row and 10 not in by_row and 11 not in by_row   # met, met, under its cost
    assert {"PX303", "PX406", "PX408"} <= by_row[12]     # 2.4万元 over a 2万元 cost: missed
    over = next(f for f in report.findings if f.code == "PX303")
    assert "实际完成值 2.4万元 超过年度指标值 2万元" in over.message()
    scores = {s.indicator.level3.text: s for s in report.score.indicators}
    assert scores["人均培训成本"].status == "met" and scores["培训人数"].status == "met"
    assert scores["场地租赁费"].final == D("8.33")       # reverse: 10 × 2 ÷ 2.4
